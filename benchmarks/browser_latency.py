"""Slider to redrawn chart in real JupyterLab + headless Chromium: explorer vs interact.

Two throwaway notebooks in a temporary folder, served by one JupyterLab and driven by one
Chromium (the browser tests' helper, tests/browser_lab.py):

* the freemium explorer (FigureWidget charts updated in place), and
* the same chart made the naive way: ``ipywidgets.interact`` on the same first control,
  re-running the model and displaying fresh ``go.Figure`` objects on every change, and
* the floor: a bare one-trace FigureWidget (a 200-point line) in a VBox with one slider whose
  callback replaces the trace's y in ``batch_update()`` — the least any FigureWidget round trip
  costs on this machine and browser.

For each, the first slider's handle gets the keyboard focus and ArrowRight is pressed PRESSES
times. In the page, a keydown listener notes ``performance.now()`` and a requestAnimationFrame
loop watches the first chart's trace data (the ``data`` property of its ``.js-plotly-plot``
node); the time until the data differ is one sample. Median reported.
Budget (design §8), all three measured in the same run: the explorer's median at most 0.5 × the
interact median and at most 1.2 × the floor's median.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import nbformat

from common import ROOT, Row, median, print_rows

sys.path.insert(0, str(ROOT / "tests"))
from browser_lab import (  # noqa: E402
    ARRAY_JS, JupyterLab, error_outputs, first_slider_handle, launch_chromium, mark_explorers,
    missing_browser, open_notebook, run_all, wait_for_charts,
)

PRESSES = 30
WARM_UP = 3
VS_INTERACT = 0.5   # explorer median ≤ 0.5 × interact median
VS_FLOOR = 1.2      # explorer median ≤ 1.2 × bare FigureWidget median

EXPLORER_CODE = """\
from widgets.explorers.freemium import FreemiumExplorer
FreemiumExplorer(company="Spotify (2024)")
"""

INTERACT_CODE = """\
import ipywidgets as W
import plotly.graph_objects as go
from ipywidgets import interact
from widgets.explorers.freemium import FreemiumExplorer, draw

reference = FreemiumExplorer(company="Spotify (2024)")  # same presets, same charts' layout
first = next(iter(reference.parameters))
scale = 100 if first.percent else 1
specs = [fig.to_dict() for fig in reference.figures]

def show(value):
    values = reference.parameters.validate({**reference.values, first.name: value / scale})
    result = reference.model(values)
    print(reference.takeaway(result, values, reference.currency))
    figures = [go.Figure(spec) for spec in specs]
    draw(figures, result)
    for fig in figures:
        fig.show()

slider = (W.IntSlider if first.integer else W.FloatSlider)(
    value=reference.values[first.name] * scale, min=first.min * scale, max=first.max * scale,
    step=first.step * scale, description=first.label)
_ = interact(show, value=slider)
"""

FLOOR_CODE = """\
import numpy as np
import ipywidgets as W
import plotly.graph_objects as go

x = np.arange(200)
fig = go.FigureWidget(data=[go.Scatter(x=x, y=np.sin(x / 20))], layout=dict(width=470, height=360))
fig._repr_mimebundle_()  # what Plotly does when it displays a figure: copy it into the synced state
slider = W.FloatSlider(value=1.0, min=0.5, max=50.0, step=0.1, description="Frequency")

def redraw(change):
    with fig.batch_update():
        fig.data[0].y = np.sin(x / 20 * change["new"])

slider.observe(redraw, names="value")
W.VBox([slider, fig])
"""

# Arm a one-shot timer: keydown → first animation frame whose chart data differ.
ARM_JS = """(k) => {
  const scope = document.querySelector(`[data-bmpl-explorer="${k}"]`);
  const snap = () => { const p = scope.querySelector('.js-plotly-plot');
    return p && p.data ? JSON.stringify(p.data.map(t => ARRAY(t.y))) : null; };
  const before = snap();
  window.__bmplLatency = new Promise(resolve => {
    let t0 = null;
    document.addEventListener('keydown', () => { t0 = performance.now(); }, {capture: true, once: true});
    const tick = () => {
      if (t0 !== null) { const s = snap(); if (s !== null && s !== before) { resolve(performance.now() - t0); return; } }
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    setTimeout(() => resolve(null), 10000);
  });
}"""

KERNEL_IDLE_JS = """() => { const p = window.jupyterapp.shell.currentWidget;
  const k = p.sessionContext.session && p.sessionContext.session.kernel; return k && k.status === 'idle'; }"""


def _notebook(folder: Path, name: str, code: str) -> str:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell(code)]
    nbformat.write(nb, folder / name)
    return name


def measure(page, lab: JupyterLab, notebook: str) -> list[float]:
    """Milliseconds from key press to changed chart data, PRESSES samples."""
    open_notebook(page, lab, notebook)
    state = run_all(page)
    problems = error_outputs(page)
    if problems or state["pending"]:
        raise RuntimeError(f"{notebook} did not run cleanly: {problems or state}")
    wait_for_charts(page)
    if mark_explorers(page) != 1:
        raise RuntimeError(f"{notebook}: expected one slider + chart output")
    handle = first_slider_handle(page, 0)
    samples = []
    for i in range(WARM_UP + PRESSES):
        page.wait_for_function(KERNEL_IDLE_JS, polling=50)
        page.wait_for_timeout(250)  # let the previous redraw settle
        handle.focus()
        page.evaluate(ARM_JS.replace("ARRAY", ARRAY_JS), 0)
        page.keyboard.press("ArrowRight")
        ms = page.evaluate("() => window.__bmplLatency")
        if ms is None:
            raise RuntimeError(f"{notebook}: the chart did not change within 10 s of key press {i + 1}")
        if i >= WARM_UP:
            samples.append(ms)
    return samples


def run() -> list[Row]:
    reason = missing_browser()
    if reason:
        return [Row("browser latency", f"skipped: {reason}", float("nan"), "")]
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="bmpl-bench-") as tmp:
        folder = Path(tmp)
        notebooks = {"explorer (FigureWidget)": _notebook(folder, "explorer.ipynb", EXPLORER_CODE),
                     "interact + go.Figure": _notebook(folder, "interact.ipynb", INTERACT_CODE),
                     "bare FigureWidget (floor)": _notebook(folder, "floor.ipynb", FLOOR_CODE)}
        with JupyterLab(folder) as lab, sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            context = browser.new_context(viewport={"width": 1400, "height": 900})
            results = {}
            for label, notebook in notebooks.items():
                page = context.new_page()
                try:
                    results[label] = measure(page, lab, notebook)
                finally:
                    page.close()
                    lab.shutdown_kernels()
            browser.close()
    fast = median(results["explorer (FigureWidget)"])
    naive = median(results["interact + go.Figure"])
    floor = median(results["bare FigureWidget (floor)"])
    within = fast <= VS_INTERACT * naive and fast <= VS_FLOOR * floor

    def note(label: str) -> str:
        return f"{PRESSES} presses; max {max(results[label]):.0f} ms"

    return [
        Row("browser latency", "freemium explorer: key press → new chart data, median", fast, "ms",
            f"≤ {VS_INTERACT:g} × interact and ≤ {VS_FLOOR:g} × floor", within,
            f"{note('explorer (FigureWidget)')}; {fast / naive:.2f} × interact, {fast / floor:.2f} × floor"),
        Row("browser latency", "interact + go.Figure, same chart: median", naive, "ms",
            note=note("interact + go.Figure")),
        Row("browser latency", "bare one-trace FigureWidget (floor): median", floor, "ms",
            note=note("bare FigureWidget (floor)")),
    ]


if __name__ == "__main__":
    t = time.perf_counter()
    print_rows(run())
    print(f"({time.perf_counter() - t:.0f} s)")
