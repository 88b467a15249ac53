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


class JupyterLab:
    """A JupyterLab server on a free port, serving ``root``; use as a context manager."""

    def __init__(self, root: Path, startup_timeout: float = 60.0):
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
        cmd = [
            sys.executable, "-m", "jupyter", "lab", "--no-browser",
            f"--port={self.port}", "--ip=127.0.0.1",
            f"--IdentityProvider.token={self.token}",
            f"--ServerApp.root_dir={self.root}",
            "--ServerApp.open_browser=False",
            "--LabApp.news_url=None",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            "--LabApp.expose_app_in_browser=True",
            f"--LabApp.workspaces_dir={self._home / 'workspaces'}",
            f"--LabApp.user_settings_dir={self._home / 'settings'}",
            "--LabApp.extension_manager=readonly",  # no PyPI queries
            "--ServerApp.terminals_enabled=False",
            # JupyterLab checkpoints a notebook when it opens it: keep those out of lessons/.
            f"--FileCheckpoints.checkpoint_dir={self._home / 'checkpoints'}",
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:  # containers and CI often run as root
            cmd.append("--allow-root")
        self._write_settings()
        self._proc = subprocess.Popen(cmd, cwd=self.root, env=env, stdout=self._log,
                                      stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            if self._proc.poll() is not None:
                raise RuntimeError(f"JupyterLab exited with code {self._proc.returncode}:\n{self.log_tail()}")
            try:
                self.api("GET", "/api/status")
                return
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(0.25)
        self.stop()
        raise RuntimeError(f"JupyterLab did not answer within {self.startup_timeout:.0f} s:\n{self.log_tail()}")

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

    def url(self, relative_path: str) -> str:
        """The JupyterLab URL that opens ``relative_path`` (relative to the server root)."""
        return f"{self.base}/lab/tree/{relative_path}?token={self.token}&reset"


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


def open_notebook(page: Any, server: JupyterLab, relative_path: str, timeout_ms: int = 60_000) -> None:
    """Open a notebook in JupyterLab and wait until its kernel is idle."""
    page.goto(server.url(relative_path), wait_until="domcontentloaded")
    page.wait_for_function(_NOTEBOOK_READY, timeout=timeout_ms, polling=200)


def run_all(page: Any, timeout_ms: int = 120_000) -> dict:
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
    problems = list(page.evaluate(_RUN_STATE)["errors"])
    dom = page.evaluate("""() => {
      const out = [];
      for (const n of document.querySelectorAll('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'))
        if (/Traceback/.test(n.textContent)) out.push('stderr on page: ' + n.textContent.slice(0, 500));
      for (const n of document.querySelectorAll('.jp-OutputArea-output'))
        if (/Error displaying widget|Failed to load model class/.test(n.textContent))
          out.push('widget failed: ' + n.textContent.slice(0, 300));
      for (const n of document.querySelectorAll('.jp-OutputArea-output [role="alert"]'))
        if (n.textContent.trim()) out.push('explorer message: ' + n.textContent.slice(0, 300));
      return out;
    }""")
    return problems + dom


# A trace's data array as comparable JSON: plain or typed arrays, or Plotly's base64 {dtype, bdata}
# form (what a go.Figure displayed through the notebook renderer keeps in ``data``).
ARRAY_JS = ("(v => v == null ? null : typeof v !== 'object' ? v : "
            "(v.bdata !== undefined ? `${v.dtype}:${v.bdata}` : Array.from(v, r => ArrayBuffer.isView(r) ? Array.from(r) : r)))")

# An explorer is a top-level cell output that holds both sliders and Plotly charts.
EXPLORERS_JS = """() => Array.from(document.querySelectorAll('.jp-OutputArea-output'))
  .filter(o => !o.parentElement.closest('.jp-OutputArea-output'))
  .filter(o => o.querySelector('.widget-slider') && o.querySelector('.js-plotly-plot'))"""


def mark_explorers(page: Any) -> int:
    """Number the explorers on the page (attribute ``data-bmpl-explorer``); returns how many."""
    return page.evaluate(f"""() => {{
      const found = ({EXPLORERS_JS})();
      found.forEach((o, k) => o.setAttribute('data-bmpl-explorer', String(k)));
      return found.length; }}""")


def chart_data(page: Any, explorer: int) -> list[str]:
    """The traces of each chart of explorer number ``explorer``, as JSON (name, visibility and
    the data arrays: x, y, z, values, base, text)."""
    return page.evaluate("""(k) => Array.from(document.querySelectorAll(
        `[data-bmpl-explorer="${k}"] .js-plotly-plot`)).map(p => JSON.stringify(
          (p.data || []).map(t => [t.name, t.visible,
            ...['x', 'y', 'z', 'values', 'base', 'text'].map(key => ARRAY(t[key]))])))""".replace("ARRAY", ARRAY_JS),
        explorer)


def first_slider_handle(page: Any, explorer: int) -> Any:
    """The first slider handle of explorer number ``explorer`` (a Playwright locator)."""
    return page.locator(f'[data-bmpl-explorer="{explorer}"] .widget-slider .noUi-handle').first


def wait_for_charts(page: Any, timeout_s: float = 30.0, settle_s: float = 1.0) -> None:
    """Wait until the widgets have rendered: every Plotly chart drawn (traces in ``data``, a
    layout computed) and the number of sliders and charts unchanged for ``settle_s``."""
    probe = """() => { const plots = Array.from(document.querySelectorAll('.jp-OutputArea-output .js-plotly-plot'));
      return [document.querySelectorAll('.jp-OutputArea-output .widget-slider').length, plots.length,
              plots.every(p => p.data && p.data.length && p._fullLayout)]; }"""
    deadline = time.monotonic() + timeout_s
    last, since = None, time.monotonic()
    while time.monotonic() < deadline:
        sliders, plots, drawn = page.evaluate(probe)
        if (sliders, plots) != last or not drawn:
            last, since = (sliders, plots), time.monotonic()
        elif time.monotonic() - since >= settle_s:
            return
        page.wait_for_timeout(150)
    raise TimeoutError(f"widgets still rendering after {timeout_s:.0f} s (sliders, charts: {last})")


def slider_key(page: Any, handle: Any) -> str:
    """ArrowRight, or ArrowLeft when the slider already sits at its maximum."""
    now, top = handle.get_attribute("aria-valuenow"), handle.get_attribute("aria-valuemax")
    try:
        return "ArrowLeft" if now is not None and top is not None and float(now) >= float(top) else "ArrowRight"
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
