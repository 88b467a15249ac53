"""Seconds until the charts are live, and megabytes sent to the page, in real JupyterLab + Chromium.

What a learner waits for: from *Run All* (and then from a page reload) until every chart on the
page holds its traces, no chart says "Loading the chart…" and the kernel is idle. Also the bytes the
page receives over its websockets during both (the widget state and Plotly's module). One
JupyterLab, one Chromium, in one run:

* the floor: a bare pair of ``go.FigureWidget`` charts with a slider in a ``VBox`` (what Plotly does
  on its own, with its 5 MB module as each chart's own anywidget module);
* lessons (default: 22 and 20, the issue's two; name others on the command line).

Budgets (issue 15, design §8): a lesson's charts live within 1.2 × the floor's time after Run All
and after a reload, and within 5 s; a lesson's websocket traffic at most 1.3 × one Plotly module.

    python benchmarks/charts_live.py [STEM ...]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import nbformat

from common import ROOT, Row, print_rows

sys.path.insert(0, str(ROOT / "tests"))
from browser_lab import (  # noqa: E402
    JupyterLab, course_copy, launch_chromium, missing_browser, open_notebook, run_all,
)

from widgets.live_figure import _PLOTLY_WIDGET_JS  # noqa: E402

VS_FLOOR = 1.2
WITHIN_S = 5.0
TRAFFIC_VS_MODULE = 1.3
LESSONS = ("22_freemium_and_subscription", "20_leverage_customer_data")

FLOOR_CODE = """\
import numpy as np
import ipywidgets as W
import plotly.graph_objects as go

x = np.arange(200)
figs = [go.FigureWidget(data=[go.Scatter(x=x, y=np.sin(x / k))], layout=dict(height=360)) for k in (20, 30)]
for fig in figs:
    fig._repr_mimebundle_()  # what Plotly does when it displays a figure: copy it into the synced state
slider = W.FloatSlider(value=1.0, min=0.5, max=50.0, step=0.1, description="Frequency")
W.VBox([slider, *figs])
"""

# Every chart laid out with traces, none loading; returns the number of charts (0 while not live).
LIVE_JS = """() => {
  const plots = Array.from(document.querySelectorAll('.jp-OutputArea-output .js-plotly-plot'));
  if (document.querySelectorAll('.bmpl-chart-loading').length) return 0;
  return plots.length && plots.every(p => p._fullLayout && p.data && p.data.length) ? plots.length : 0;
}"""


class Traffic:
    """Bytes the page receives over websockets (kernel messages, widget state, Plotly's module)."""

    def __init__(self, page):
        self.bytes = 0
        page.on("websocket", lambda ws: ws.on("framereceived", self._count))

    def _count(self, payload) -> None:
        self.bytes += len(payload.encode() if isinstance(payload, str) else payload)


def _wait_live(page, charts: int, t0: float, timeout_s: float = 120.0) -> float:
    """Seconds from ``t0`` until ``charts`` charts (at least one) are live on the page."""
    while time.perf_counter() - t0 < timeout_s:
        live = page.evaluate(LIVE_JS)
        if live and live >= charts:
            return time.perf_counter() - t0
        page.wait_for_timeout(50)
    raise TimeoutError(f"charts not live after {timeout_s:.0f} s")


def measure(context, lab: JupyterLab, notebook: str) -> dict:
    """Run All then reload one notebook: seconds to live charts and megabytes received for each."""
    page = context.new_page()
    traffic = Traffic(page)
    try:
        open_notebook(page, lab, notebook)
        traffic.bytes = 0
        t0 = time.perf_counter()
        state = run_all(page)
        if state["errors"] or state["pending"]:
            raise RuntimeError(f"{notebook} did not run cleanly: {state}")
        run_s = _wait_live(page, 1, t0)
        charts = page.evaluate(LIVE_JS)
        run_mb = traffic.bytes / 1e6
        page.evaluate("() => window.jupyterapp.commands.execute('docmanager:save')")
        page.wait_for_timeout(1000)
        traffic.bytes = 0
        t0 = time.perf_counter()
        page.reload(wait_until="domcontentloaded")
        reload_s = _wait_live(page, charts, t0)
        return {"run": run_s, "reload": reload_s, "charts": charts, "run_mb": run_mb, "reload_mb": traffic.bytes / 1e6}
    finally:
        page.close()
        lab.shutdown_kernels()


def run(stems: tuple[str, ...] = LESSONS) -> list[Row]:
    reason = missing_browser()
    if reason:
        return [Row("charts live", f"skipped: {reason}", float("nan"), "")]
    from playwright.sync_api import sync_playwright

    module_mb = _PLOTLY_WIDGET_JS.stat().st_size / 1e6
    with tempfile.TemporaryDirectory(prefix="bmpl-live-") as tmp:
        root = course_copy(ROOT, Path(tmp) / "course")
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(FLOOR_CODE)])
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        nbformat.write(nb, root / "lessons" / "floor.ipynb")
        with JupyterLab(root) as lab, sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            results = {}
            for name in ("floor", *stems):
                context = browser.new_context(viewport={"width": 1400, "height": 900})
                try:
                    results[name] = measure(context, lab, f"lessons/{name}.ipynb")
                finally:
                    context.close()
            browser.close()
    floor = results.pop("floor")
    rows = [Row("charts live", "bare FigureWidget pair (floor): Run All → charts live", floor["run"], "s",
                note=f"reload {floor['reload']:.1f} s; {floor['run_mb']:.1f} MB / {floor['reload_mb']:.1f} MB received")]
    for name, r in results.items():
        for when in ("run", "reload"):
            ok = r[when] <= max(VS_FLOOR * floor[when], 0) and r[when] <= WITHIN_S
            rows.append(Row("charts live", f"{name}: {'Run All' if when == 'run' else 'reload'} → {r['charts']} charts live",
                            r[when], "s", f"≤ {VS_FLOOR:g} × floor and ≤ {WITHIN_S:g} s", ok,
                            f"{r[when] / floor[when]:.2f} × floor ({floor[when]:.1f} s)"))
            mb = r[f"{when}_mb"]
            rows.append(Row("page traffic", f"{name}: MB received, {'Run All' if when == 'run' else 'reload'}",
                            mb, "MB", f"≤ {TRAFFIC_VS_MODULE:g} × Plotly's module ({module_mb:.2f} MB)",
                            mb <= TRAFFIC_VS_MODULE * module_mb))
    return rows


if __name__ == "__main__":
    t = time.perf_counter()
    print_rows(run(tuple(sys.argv[1:]) or LESSONS))
    print(f"({time.perf_counter() - t:.0f} s)")
