"""Real JupyterLab + headless Chromium for the browser tests and the browser benchmark.

One JupyterLab server (random token, private settings, no network calls: news, update checks
and the extension manager's PyPI queries are off) and helpers that drive a notebook page through JupyterLab's own
commands (``window.jupyterapp``). Playwright always uses the system Chromium; it never downloads
a browser of its own.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
# --disable-background-networking & co.: the machine has no internet; without them Chromium
# keeps trying to reach Google services.
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def missing_browser() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if not CHROMIUM.exists():
        return f"{CHROMIUM} not found (Debian: apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright for Python is not installed (pip install playwright; no 'playwright install')"
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


NOTEBOOK_FOLDERS = ("lessons", "solutions", "exercises")
_NOT_COPIED = {".git", ".venv", ".venv-pinned", "build", ".hypothesis", ".ipynb_checkpoints"}


def course_copy(root: Path, dest: Path) -> Path:
    """A scratch copy of the course for a browser session: the notebook folders copied, everything
    else linked. The tests save notebooks with their outputs (to reload them), and a saved lesson
    must never land in lessons/."""
    dest.mkdir(parents=True, exist_ok=True)
    for entry in Path(root).iterdir():
        if entry.name in _NOT_COPIED:
            continue
        if entry.name in NOTEBOOK_FOLDERS:
            shutil.copytree(entry, dest / entry.name, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        else:
            (dest / entry.name).symlink_to(entry.resolve())
    return dest


class JupyterLab:
    """A JupyterLab server on a free port, serving ``root``; use as a context manager.

    The same server also serves Jupyter Notebook 7's page for a notebook (``notebook7_url``),
    which attaches to the same kernel session: a second view of the same outputs."""

    def __init__(self, root: Path, startup_timeout: float = 120.0):
        self.root = Path(root).resolve()
        self.port = free_port()
        self.token = secrets.token_hex(16)
        self.base = f"http://127.0.0.1:{self.port}"
        self.startup_timeout = startup_timeout
        self._home = Path(tempfile.mkdtemp(prefix="bmpl-jlab-"))
        self._log = open(self._home / "server.log", "wb")
        self._proc: subprocess.Popen | None = None

    def __enter__(self) -> "JupyterLab":
        self.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    name = "JupyterLab"

    def start(self) -> None:
        env = dict(os.environ)
        # Private config, data and runtime folders: a learner's own JupyterLab settings or
        # workspaces must not change what the tests see.
        env.update(
            JUPYTER_CONFIG_DIR=str(self._home / "config"),
            JUPYTER_RUNTIME_DIR=str(self._home / "runtime"),
            JUPYTERLAB_WORKSPACES_DIR=str(self._home / "workspaces"),
            JUPYTERLAB_SETTINGS_DIR=str(self._home / "settings"),
            JUPYTER_PLATFORM_DIRS="1",
            PYDEVD_DISABLE_FILE_VALIDATION="1",
        )
        self._write_settings()
        self._proc = subprocess.Popen(self._command(), cwd=self.root, env=env, stdout=self._log,
                                      stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            if self._proc.poll() is not None:
                raise RuntimeError(f"{self.name} exited with code {self._proc.returncode}:\n{self.log_tail()}")
            try:
                self._ping()
                return
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(0.25)
        tail = self.log_tail()
        self.stop()
        raise RuntimeError(f"{self.name} did not answer within {self.startup_timeout:.0f} s:\n{tail}")

    def _command(self) -> list[str]:
        cmd = [
            sys.executable, "-m", "jupyter", "lab", "--no-browser",
            f"--port={self.port}", "--ip=127.0.0.1",
            f"--IdentityProvider.token={self.token}",
            f"--ServerApp.root_dir={self.root}",
            "--ServerApp.open_browser=False",
            "--LabApp.news_url=None",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            "--LabApp.expose_app_in_browser=True",
            "--JupyterNotebookApp.expose_app_in_browser=True",
            f"--LabApp.workspaces_dir={self._home / 'workspaces'}",
            f"--LabApp.user_settings_dir={self._home / 'settings'}",
            "--LabApp.extension_manager=readonly",  # no PyPI queries
            "--ServerApp.terminals_enabled=False",
            # JupyterLab checkpoints a notebook when it opens it: keep those out of lessons/.
            f"--FileCheckpoints.checkpoint_dir={self._home / 'checkpoints'}",
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:  # containers and CI often run as root
            cmd.append("--allow-root")
        return cmd

    def _ping(self) -> None:
        self.api("GET", "/api/status")

    def _write_settings(self) -> None:
        """JupyterLab user settings: never autosave (the lessons stay without outputs), no news
        pop-up, and every cell rendered (so a full-page screenshot shows the whole notebook)."""
        settings = {
            "@jupyterlab/docmanager-extension/plugin": {"autosave": False},
            "@jupyterlab/apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
            "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none"},
        }
        for plugin, values in settings.items():
            package, name = plugin.rsplit("/", 1)
            folder = self._home / "settings" / package
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{name}.jupyterlab-settings").write_text(json.dumps(values))

    def stop(self) -> None:
        if self._proc is not None and self._proc.poll() is None:
            self._proc.terminate()
            try:
                self._proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait(timeout=5)
        self._proc = None
        self._log.close()
        shutil.rmtree(self._home, ignore_errors=True)

    def log_tail(self, n: int = 4000) -> str:
        self._log.flush()
        return (self._home / "server.log").read_bytes()[-n:].decode(errors="replace")

    def api(self, method: str, path: str, body: Any = None) -> Any:
        """Call the Jupyter Server REST API with the token."""
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(f"{self.base}{path}", data=data, method=method,
                                     headers={"Authorization": f"token {self.token}",
                                              "Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=10) as resp:
            payload = resp.read()
        return json.loads(payload) if payload else None

    def shutdown_kernels(self) -> None:
        """Stop every running kernel and close every session (one lesson must not slow the next)."""
        for session in self.api("GET", "/api/sessions") or []:
            self.api("DELETE", f"/api/sessions/{session['id']}")
        for kernel in self.api("GET", "/api/kernels") or []:
            self.api("DELETE", f"/api/kernels/{kernel['id']}")

    def close_session(self, relative_path: str) -> None:
        """Stop the kernel of one notebook (other pages' kernels keep running)."""
        for session in self.api("GET", "/api/sessions") or []:
            if session.get("path") == relative_path:
                self.api("DELETE", f"/api/sessions/{session['id']}")

    def url(self, relative_path: str) -> str:
        """The JupyterLab URL that opens ``relative_path`` (relative to the server root)."""
        return f"{self.base}/lab/tree/{relative_path}?token={self.token}&reset"

    def notebook7_url(self, relative_path: str) -> str:
        """The Jupyter Notebook 7 URL of ``relative_path`` on the same server (same kernel session)."""
        return f"{self.base}/notebooks/{relative_path}?token={self.token}"


class Voila(JupyterLab):
    """A standalone Voilà server (what an instructor runs to present a lesson) serving ``root``."""

    name = "Voilà"

    def _command(self) -> list[str]:
        return [sys.executable, "-m", "voila", "--no-browser", f"--port={self.port}", "--Voila.ip=127.0.0.1",
                f"--token={self.token}", "--show_tracebacks=True", str(self.root)]

    def _ping(self) -> None:
        with urllib.request.urlopen(f"{self.base}/?token={self.token}", timeout=5):
            pass

    def url(self, relative_path: str) -> str:
        """The Voilà URL that runs and renders ``relative_path``."""
        return f"{self.base}/voila/render/{relative_path}?token={self.token}"


def launch_chromium(playwright: Any) -> Any:
    """Headless system Chromium, never a downloaded one."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)


# --- driving a notebook page ---------------------------------------------------------------

_NOTEBOOK_READY = """() => {
  const app = window.jupyterapp;
  const panel = app && app.shell.currentWidget;
  if (!panel || !panel.sessionContext || !panel.content || !panel.content.model) return false;
  const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
  return !!kernel && kernel.status === 'idle' && panel.content.widgets.length > 0;
}"""

_RUN_STATE = """() => {
  const panel = window.jupyterapp.shell.currentWidget;
  const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
  const cells = panel.content.widgets.filter(c => c.model.type === 'code' && c.model.sharedModel.getSource().trim());
  const pending = cells.filter(c => c.model.executionCount === null || c.promptNode.textContent.includes('*'));
  const errors = [];
  panel.content.widgets.forEach((c, i) => {
    if (c.model.type !== 'code') return;
    for (const o of c.model.outputs.toJSON()) {
      if (o.output_type === 'error') errors.push(`cell ${i}: ${o.ename}: ${o.evalue}`);
      if (o.output_type === 'stream' && o.name === 'stderr' && /Traceback/.test(String(o.text)))
        errors.push(`cell ${i} stderr: ${String(o.text).slice(0, 500)}`);
    }
  });
  return {status: kernel ? kernel.status : 'none', cells: cells.length, pending: pending.length, errors};
}"""


def open_notebook(page: Any, server: JupyterLab, relative_path: str, timeout_ms: int = 120_000) -> None:
    """Open a notebook in JupyterLab and wait until its kernel is idle."""
    page.goto(server.url(relative_path), wait_until="domcontentloaded")
    page.wait_for_function(_NOTEBOOK_READY, timeout=timeout_ms, polling=200)


def run_all(page: Any, timeout_ms: int = 180_000) -> dict:
    """Run every cell, wait until the kernel is idle and no cell is queued; returns the run state
    (kernel status, number of code cells, cells not executed, error outputs)."""
    page.evaluate("""(ms) => Promise.race([
        window.jupyterapp.commands.execute('notebook:run-all-cells'),
        new Promise(resolve => setTimeout(resolve, ms))])""", timeout_ms)
    page.wait_for_function(
        """() => { const panel = window.jupyterapp.shell.currentWidget;
                   const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
                   return kernel && kernel.status === 'idle' &&
                     !panel.content.widgets.some(c => c.model.type === 'code' && c.promptNode.textContent.includes('*')); }""",
        timeout=timeout_ms, polling=250)
    return page.evaluate(_RUN_STATE)


def full_page_screenshot(page: Any, path: Path, max_height: int = 30_000) -> None:
    """Grow the window to the notebook's height, so one screenshot shows every cell."""
    page.evaluate("() => { window.jupyterapp.shell.collapseLeft(); window.jupyterapp.shell.collapseRight(); }")
    height = page.evaluate("""() => { const s = document.querySelector('.jp-NotebookPanel .jp-WindowedPanel-outer')
                                              || document.querySelector('.jp-NotebookPanel-notebook');
                                    return s ? s.scrollHeight : document.body.scrollHeight; }""")
    viewport = page.viewport_size or {"width": 1400, "height": 900}
    page.set_viewport_size({"width": viewport["width"], "height": min(max_height, int(height) + 200)})
    page.evaluate("""() => document.querySelectorAll('.jp-NotebookPanel .jp-WindowedPanel-outer, .jp-NotebookPanel-notebook')
                             .forEach(n => { n.scrollTop = 0; })""")
    page.wait_for_timeout(600)  # Plotly re-lays out charts on resize
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size(viewport)


def error_outputs(page: Any) -> list[str]:
    """Error outputs, tracebacks on stderr and widgets that failed to render, as seen on the page."""
    return list(page.evaluate(_RUN_STATE)["errors"]) + page_errors(page)


def page_errors(page: Any) -> list[str]:
    """What the page itself shows as broken (works in Voilà too): tracebacks, widgets that failed
    to render, explorer error messages."""
    return page.evaluate("""() => {
      const out = [];
      for (const n of document.querySelectorAll('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'))
        if (/Traceback/.test(n.textContent)) out.push('stderr on page: ' + n.textContent.slice(0, 500));
      for (const n of document.querySelectorAll('.jp-OutputArea-output'))
        if (/Error displaying widget|Failed to load model class|Traceback \\(most recent call last\\)/.test(n.textContent))
          out.push('output shows an error: ' + n.textContent.slice(0, 300));
      for (const n of document.querySelectorAll('.jp-OutputArea-output [role="alert"]'))
        if (n.textContent.trim()) out.push('explorer message: ' + n.textContent.slice(0, 300));
      return out;
    }""")


# A trace's data array as comparable JSON: plain or typed arrays, or Plotly's base64 {dtype, bdata}
# form (what a go.Figure displayed through the notebook renderer, or a restored widget, keeps in
# ``data``), decoded to numbers so that two views of the same data compare equal.
ARRAY_JS = ("(v => v == null ? null : typeof v !== 'object' ? v : "
            "(v.bdata !== undefined ? Array.from(new ({f8: Float64Array, f4: Float32Array, i4: Int32Array, "
            "i2: Int16Array, i1: Int8Array, u4: Uint32Array, u2: Uint16Array, u1: Uint8Array})[v.dtype]("
            "Uint8Array.from(atob(v.bdata), c => c.charCodeAt(0)).buffer)) : "
            "Array.from(v, r => ArrayBuffer.isView(r) ? Array.from(r) : r)))")

# A slider, whatever draws it: ipywidgets' noUiSlider handle (role="slider") or a native range input.
SLIDER = 'input[type="range"], [role="slider"]'

# An explorer is a top-level cell output that holds both sliders and Plotly charts.
EXPLORERS_JS = """() => Array.from(document.querySelectorAll('.jp-OutputArea-output'))
  .filter(o => !o.parentElement.closest('.jp-OutputArea-output'))
  .filter(o => o.querySelector('SLIDER') && o.querySelector('.js-plotly-plot'))""".replace("SLIDER", SLIDER)


def mark_explorers(page: Any) -> int:
    """Number the explorers on the page (attribute ``data-bmpl-explorer``); returns how many."""
    return page.evaluate(f"""() => {{
      const found = ({EXPLORERS_JS})();
      found.forEach((o, k) => o.setAttribute('data-bmpl-explorer', String(k)));
      return found.length; }}""")


def wait_for_explorers(page: Any, expected: int, timeout_s: float = 120.0) -> int:
    """A new view (reload, Notebook 7, Voilà) builds its widgets some seconds after the page is up:
    wait until ``expected`` explorers are on the page with no chart still loading, then number them
    (``mark_explorers``); returns how many there are when that happens or time runs out."""
    deadline = time.monotonic() + timeout_s
    while True:
        found = mark_explorers(page)
        loading = page.evaluate("() => document.querySelectorAll('.bmpl-chart-loading').length")
        if (found >= expected and not loading) or time.monotonic() >= deadline:
            return found
        page.wait_for_timeout(250)


def chart_data(page: Any, explorer: int) -> list[str]:
    """The traces of each chart of explorer number ``explorer``, as JSON (name, visibility and
    the data arrays: x, y, z, values, base, text)."""
    return page.evaluate("""(k) => Array.from(document.querySelectorAll(
        `[data-bmpl-explorer="${k}"] .js-plotly-plot`)).map(p => JSON.stringify(
          (p.data || []).map(t => [t.name, t.visible,
            ...['x', 'y', 'z', 'values', 'base', 'text'].map(key => ARRAY(t[key]))])))""".replace("ARRAY", ARRAY_JS),
        explorer)


def first_slider_handle(page: Any, explorer: int) -> Any:
    """The first slider (its handle, or its range input) of explorer number ``explorer`` (a Playwright locator)."""
    return page.locator(f'[data-bmpl-explorer="{explorer}"] :is({SLIDER})').first


def wait_for_charts(page: Any, timeout_s: float = 60.0, settle_s: float = 1.0, drawn: bool = True) -> None:
    """Wait until the widgets have rendered: no chart still loading Plotly, every chart laid out (and, with ``drawn``,
    holding traces in ``data``) and the number of sliders and charts unchanged for ``settle_s``.
    A view that may have lost its traces (a reload, a second view) waits with ``drawn=False``, so
    that the test can say what it sees instead of timing out."""
    probe = """(drawn) => { const plots = Array.from(document.querySelectorAll('.jp-OutputArea-output .js-plotly-plot'));
      const loading = document.querySelectorAll('.bmpl-chart-loading').length;
      return [document.querySelectorAll('.jp-OutputArea-output :is(SLIDER)').length, plots.length,
              !loading && plots.every(p => p._fullLayout && (!drawn || (p.data && p.data.length)))]; }""".replace("SLIDER", SLIDER)
    deadline = time.monotonic() + timeout_s
    last, since = None, time.monotonic()
    while time.monotonic() < deadline:
        sliders, plots, ready = page.evaluate(probe, drawn)
        if (sliders, plots) != last or not ready:
            last, since = (sliders, plots), time.monotonic()
        elif time.monotonic() - since >= settle_s:
            return
        page.wait_for_timeout(150)
    raise TimeoutError(f"widgets still rendering after {timeout_s:.0f} s (sliders, charts: {last})")


def slider_key(page: Any, handle: Any) -> str:
    """ArrowRight, or ArrowLeft when the slider already sits at its maximum."""
    now, top = handle.evaluate("""n => n.matches('input') ? [n.value, n.max]
                                  : [n.getAttribute('aria-valuenow'), n.getAttribute('aria-valuemax')]""")
    try:
        return "ArrowLeft" if now not in (None, "") and top not in (None, "") and float(now) >= float(top) else "ArrowRight"
    except ValueError:
        return "ArrowRight"


def wait_for_new_data(page: Any, explorer: int, before: list[str], timeout_s: float = 10.0) -> list[str]:
    """Poll the explorer's chart data until it differs from ``before`` (or time runs out)."""
    deadline = time.monotonic() + timeout_s
    after = chart_data(page, explorer)
    while after == before and time.monotonic() < deadline:
        page.wait_for_timeout(100)
        after = chart_data(page, explorer)
    return after


_EXPLORER_VIEWS_PY = """\
import gc as _gc, json as _json, sys as _sys
_base = _sys.modules.get("widgets.explorers.base")
print(_json.dumps(sorted({o.view.model_id for o in _gc.get_objects()
                          if _base is not None and isinstance(o, _base.Explorer) and hasattr(o, "view")})))
del _gc, _json, _sys, _base
"""


def displayed_explorers(page: Any) -> int:
    """How many explorers the kernel has shown as a cell's output (asked of the kernel itself, so
    an explorer that never rendered in the page is noticed)."""
    return page.evaluate("""async (code) => {
      const panel = window.jupyterapp.shell.currentWidget;
      const shown = new Set();
      for (const c of panel.content.widgets)
        if (c.model.type === 'code')
          for (const o of c.model.outputs.toJSON()) {
            const view = o.data && o.data['application/vnd.jupyter.widget-view+json'];
            if (view) shown.add(view.model_id);
          }
      let text = '';
      const future = panel.sessionContext.session.kernel.requestExecute(
        {code, silent: false, store_history: false});
      future.onIOPub = msg => { if (msg.header.msg_type === 'stream') text += msg.content.text; };
      await future.done;
      return JSON.parse(text.trim() || '[]').filter(id => shown.has(id)).length;
    }""", _EXPLORER_VIEWS_PY)


# --- saving, reloading and other views --------------------------------------------------------

def save_notebook(page: Any, timeout_ms: int = 30_000) -> None:
    """Save the open notebook (with its outputs) through JupyterLab's or Notebook 7's own command."""
    page.evaluate("() => window.jupyterapp.commands.execute('docmanager:save')")
    page.wait_for_function("() => { const p = window.jupyterapp.shell.currentWidget;"
                           " return p && p.context && !p.context.model.dirty; }", timeout=timeout_ms, polling=200)


def wait_for_notebook(page: Any, timeout_ms: int = 120_000) -> None:
    """Wait until the page (reloaded, or another front end) shows the notebook with an idle kernel."""
    page.wait_for_function(_NOTEBOOK_READY, timeout=timeout_ms, polling=200)


# --- what MathJax typeset -------------------------------------------------------------------

# Installed before JupyterLab starts (``context.add_init_script``): wraps the MathJax typesetter
# service so that every typeset formula carries its TeX source and display flag as attributes
# (``data-bmpl-tex``, ``data-bmpl-display``), and counts typesetting still in progress.
MATH_HOOK_JS = """(() => {
  const id = '@jupyterlab/mathjax-extension:plugin';
  window.__bmplTypesetting = 0;
  const timer = setInterval(() => {
    const app = window.jupyterapp, registry = app && app.pluginRegistry;
    const plugin = registry && registry._plugins && registry._plugins.get(id);
    if (!plugin || !plugin.service || plugin.service.__bmplHooked) return;
    clearInterval(timer);
    const typesetter = plugin.service, typeset = typesetter.typeset.bind(typesetter);
    typesetter.__bmplHooked = true;
    typesetter.typeset = async (element) => {
      window.__bmplTypesetting++;
      try {
        const doc = await typesetter.mathDocument();
        if (!doc.__bmplHooked) {
          doc.__bmplHooked = true;
          const update = doc.updateDocument.bind(doc);
          doc.updateDocument = () => {
            const result = update();
            for (const item of doc.math) {
              const root = item.typesetRoot;
              if (root && root.setAttribute) {
                root.setAttribute('data-bmpl-tex', item.math);
                root.setAttribute('data-bmpl-display', String(!!item.display));
              }
            }
            return result;
          };
        }
        await typeset(element);
      } finally { window.__bmplTypesetting--; }
    };
  }, 5);
})();"""


def wait_for_typesetting(page: Any, timeout_s: float = 30.0, settle_s: float = 0.6) -> None:
    """Wait until every Markdown cell is rendered and MathJax has been idle for ``settle_s``."""
    probe = """() => { const panel = window.jupyterapp.shell.currentWidget;
      const md = panel.content.widgets.filter(c => c.model.type === 'markdown');
      return [window.__bmplTypesetting || 0, md.every(c => c.rendered && c.node.querySelector('.jp-RenderedMarkdown')),
              document.querySelectorAll('mjx-container').length]; }"""
    deadline = time.monotonic() + timeout_s
    last, since = None, time.monotonic()
    while time.monotonic() < deadline:
        busy, rendered, count = page.evaluate(probe)
        if busy or not rendered or count != last:
            last, since = count, time.monotonic()
        elif time.monotonic() - since >= settle_s:
            return
        page.wait_for_timeout(100)
    raise TimeoutError(f"Markdown still rendering after {timeout_s:.0f} s")


def typeset_formulas(page: Any) -> dict:
    """Every formula MathJax typeset on the notebook page: per Markdown cell (with the cell's
    source), and in outputs. A formula is [TeX or None, 'true'|'false'|None]; ``errors`` lists
    TeX that MathJax could not parse."""
    return page.evaluate("""() => {
      const panel = window.jupyterapp.shell.currentWidget;
      const read = node => Array.from(node.querySelectorAll('mjx-container')).map(
        m => [m.getAttribute('data-bmpl-tex'), m.getAttribute('data-bmpl-display')]);
      const cells = panel.content.widgets.map((c, i) => c.model.type !== 'markdown' ? null :
        {index: i, source: c.model.sharedModel.getSource(), formulas: read(c.node)}).filter(Boolean);
      const outputs = Array.from(panel.content.node.querySelectorAll('.jp-OutputArea-output')).flatMap(read);
      const errors = Array.from(panel.content.node.querySelectorAll('mjx-merror')).map(e => e.textContent);
      return {cells, outputs, errors};
    }""")


# --- geometry: clipped labels, overlapping legends, reflow ------------------------------------

# Every text-bearing control part of an explorer whose text does not fit its box.
CLIPPED_LABELS_JS = """(k) => {
  const scope = document.querySelector(`[data-bmpl-explorer="${k}"]`);
  const nodes = scope.querySelectorAll('.widget-label, .widget-label-basic, label, .widget-readout, '
                                       + '.widget-button, button, .widget-toggle-button, .lm-AccordionPanel-title, .jp-Collapse-header');
  const out = [];
  for (const n of nodes) {
    if (!n.getClientRects().length || !n.textContent.trim()) continue;
    if (n.scrollWidth > n.clientWidth + 1)
      out.push(`"${n.textContent.trim()}" needs ${n.scrollWidth}px, has ${n.clientWidth}px`);
  }
  return out;
}"""

# Boxes of chart titles and legends per chart of an explorer; the overlaps between them.
LEGEND_OVERLAPS_JS = """(k) => {
  const plots = Array.from(document.querySelectorAll(`[data-bmpl-explorer="${k}"] .js-plotly-plot`));
  const boxes = [];
  plots.forEach((p, c) => {
    const title = (p._fullLayout && p._fullLayout.title && p._fullLayout.title.text) || '';
    p.querySelectorAll('.g-gtitle').forEach(t => boxes.push({chart: c, kind: 'title', name: title || t.textContent, r: t.getBoundingClientRect()}));
    p.querySelectorAll('g.legend').forEach((g, j) => {
      const bg = g.querySelector('rect.bg') || g;
      boxes.push({chart: c, kind: 'legend', name: `legend ${j + 1} of chart "${title}"`, r: bg.getBoundingClientRect()});
    });
  });
  const overlap = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1
                         && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
  const out = [];
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i], b = boxes[j];
      if (a.kind !== 'legend' && b.kind !== 'legend') continue;
      if (a.r.width === 0 || b.r.width === 0) continue;
      if (overlap(a.r, b.r)) out.push(`${a.kind} "${a.name}" overlaps ${b.kind} "${b.name}"`);
    }
  return out;
}"""

# At a narrow window: what sticks out of the explorer or scrolls sideways, and which charts or
# controls still sit side by side.
REFLOW_JS = """(k) => {
  const scope = document.querySelector(`[data-bmpl-explorer="${k}"]`);
  const box = scope.getBoundingClientRect();
  const out = [];
  const scroller = document.querySelector('.jp-NotebookPanel .jp-WindowedPanel-outer') || document.scrollingElement;
  if (scroller.scrollWidth > scroller.clientWidth + 1)
    out.push(`the notebook scrolls sideways: ${scroller.scrollWidth}px of content in ${scroller.clientWidth}px`);
  if (box.right > window.innerWidth + 1) out.push(`the explorer ends at ${Math.round(box.right)}px, the window at ${window.innerWidth}px`);
  for (const n of scope.querySelectorAll('*')) {
    const r = n.getBoundingClientRect();
    if (!r.width || getComputedStyle(n).visibility === 'hidden') continue;
    if (n.closest('.js-plotly-plot') && !n.classList.contains('js-plotly-plot')) continue;  // inside a chart
    if (r.right > box.right + 1) {
      out.push(`${n.tagName.toLowerCase()}.${[...n.classList].slice(0, 2).join('.')} ends at ${Math.round(r.right)}px, past the explorer's ${Math.round(box.right)}px`);
      if (out.length > 8) break;
    }
    if (n.scrollWidth > n.clientWidth + 1 && ['auto', 'scroll'].includes(getComputedStyle(n).overflowX))
      out.push(`${n.tagName.toLowerCase()}.${[...n.classList].slice(0, 2).join('.')} scrolls sideways`);
  }
  const sideBySide = (nodes, what) => {
    const rs = Array.from(nodes).filter(n => n.getClientRects().length).map(n => n.getBoundingClientRect());
    for (let i = 0; i < rs.length; i++) for (let j = i + 1; j < rs.length; j++)
      if (Math.min(rs[i].bottom, rs[j].bottom) - Math.max(rs[i].top, rs[j].top) > 2)
        { out.push(`${what} ${i + 1} and ${j + 1} sit side by side`); return; }
  };
  sideBySide(scope.querySelectorAll('.js-plotly-plot'), 'charts');
  sideBySide([...new Set(Array.from(scope.querySelectorAll('SLIDER, select')).map(n => n.closest('.widget-slider, .bmpl-slider, .widget-dropdown') || n))], 'controls');
  return out;
}""".replace("SLIDER", SLIDER)


# --- keyboard -----------------------------------------------------------------------------

# The explorer's controls a keyboard user can reach, in DOM order, numbered (``data-bmpl-tab``).
# Plotly's own chart toolbar is not one of the explorer's controls.
FOCUSABLE_JS = """(k) => {
  const scope = document.querySelector(`[data-bmpl-explorer="${k}"]`);
  const all = scope.querySelectorAll('input, select, textarea, button, a[href], summary, [tabindex], [contenteditable="true"], [contenteditable=""]');
  const out = [];
  for (const n of all) {
    if (n.tabIndex < 0 || n.disabled || !n.getClientRects().length || n.closest('[inert], [hidden], .js-plotly-plot')) continue;
    if (getComputedStyle(n).visibility === 'hidden') continue;
    n.setAttribute('data-bmpl-tab', String(out.length));
    const r = n.getBoundingClientRect();
    out.push({name: n.getAttribute('aria-label') || n.textContent.trim().slice(0, 40) || n.className || n.tagName.toLowerCase(),
              top: r.top, bottom: r.bottom, left: r.left, right: r.right});
  }
  return out;
}"""


def tab_sequence(page: Any, explorer: int, presses: int) -> list[int]:
    """Focus the explorer's first control and press Tab until focus leaves the explorer (at most
    ``presses`` times); the ``data-bmpl-tab`` numbers of the controls it visits, in order (stops
    inside a chart's own toolbar are left out)."""
    page.locator(f'[data-bmpl-explorer="{explorer}"] [data-bmpl-tab="0"]').focus()
    seen = [0]
    for _ in range(presses):
        page.keyboard.press("Tab")
        where = page.evaluate("""(k) => { const a = document.activeElement;
            if (!a || !a.closest(`[data-bmpl-explorer="${k}"]`)) return 'out';
            return a.hasAttribute('data-bmpl-tab') ? Number(a.getAttribute('data-bmpl-tab')) : 'chart'; }""", explorer)
        if where == "out":
            break
        if where != "chart":
            seen.append(where)
    return seen


# --- accessibility (axe-core, bundled by axe-playwright-python) -------------------------------

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# The course's own content: rendered Markdown and cell outputs, not JupyterLab's chrome.
COURSE_CONTENT = [".jp-MarkdownCell .jp-RenderedMarkdown", ".jp-OutputArea-output"]


def axe_violations(page: Any, include: list[str] = COURSE_CONTENT) -> list[str]:
    """axe-core's WCAG 2.0/2.1 A and AA violations inside ``include``: one line per rule and target."""
    from axe_playwright_python.base import AXE_SCRIPT

    page.evaluate(AXE_SCRIPT)
    result = page.evaluate("""([include, tags]) => axe.run({include: include.map(s => [s])},
        {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})""", [include, WCAG_TAGS])
    lines = []
    for v in result["violations"]:
        for node in v["nodes"]:
            target = " ".join(str(t) for t in node["target"])
            lines.append(f"{v['id']} ({v['impact']}): {target} — {v['help']}; {node['html'][:160]}")
    return lines
