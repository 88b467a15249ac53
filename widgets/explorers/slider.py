"""An accessible slider: a native range input with its label, its unit and its value spoken.

ipywidgets' own slider does not tie its description to the handle, so a screen reader says
"slider, 3.4" with no name. This control is a ``<label for>`` + ``<input type=range>`` whose
``aria-valuetext`` says the value with its unit ("3.4 percent per month"), and an editable
number box beside it. It keeps ipywidgets' interface (``value``, ``min``, ``max``, ``step``,
``description``, ``observe``), so explorers, tests and lessons use it as they used the slider.
It is an anywidget (as Plotly's FigureWidget is): it works in JupyterLab, Notebook 7 and Voilà.
"""

from __future__ import annotations

import traitlets as T
from anywidget import AnyWidget

_ESM = r"""
let next = 0;
function format(v, decimals) {
  return Number(v).toLocaleString("en-US", {minimumFractionDigits: decimals, maximumFractionDigits: decimals});
}
// A parameter that is on or off (a whole number from 0 to 1) is a switch, not a slider.
function renderSwitch({ model, el }) {
  const id = `bmpl-switch-${Date.now().toString(36)}-${next++}`;
  el.classList.add("bmpl-slider", "bmpl-switch");
  el.innerHTML = `<label for="${id}"></label><input type="checkbox" role="switch" id="${id}">` +
                 `<span class="bmpl-switch-state" aria-hidden="true"></span><span id="${id}-help" hidden></span>`;
  const [label, box, state, help] = el.children;
  box.setAttribute("aria-describedby", `${id}-help`);
  box.setAttribute("data-lm-suppress-shortcuts", "true");
  const show = () => {
    box.checked = model.get("value") >= 1;
    state.textContent = box.checked ? "On" : "Off";
    label.textContent = model.get("description");
    help.textContent = model.get("tooltip");
    label.title = model.get("tooltip");
  };
  box.addEventListener("change", () => { model.set("value", box.checked ? 1 : 0); model.save_changes(); show(); });
  model.on("change", show);
  show();
  return () => model.off("change", show);
}
function render({ model, el }) {
  if (model.get("switch")) return renderSwitch({ model, el });
  const id = `bmpl-slider-${Date.now().toString(36)}-${next++}`;
  el.classList.add("bmpl-slider");
  // JupyterLab's notebook shortcuts would take the arrow keys (and digits typed in the box) and
  // cancel them; inside the control the keys belong to the control.
  el.innerHTML = `<label for="${id}"></label><input type="range" id="${id}">` +
                 `<input type="number" inputmode="decimal"><span class="bmpl-slider-help" id="${id}-help" hidden></span>`;
  const [label, range, box, help] = el.children;
  range.setAttribute("aria-describedby", `${id}-help`);
  // JupyterLab's notebook shortcuts would take the arrow keys (and digits typed in the box) and
  // cancel them: inside the control the keys belong to the control.
  for (const input of [range, box]) input.setAttribute("data-lm-suppress-shortcuts", "true");
  const spoken = () => `${format(model.get("value"), model.get("decimals"))} ${model.get("spoken_unit")}`.trim();
  const show = () => {
    for (const input of [range, box]) {
      input.min = model.get("min"); input.max = model.get("max"); input.step = model.get("step");
    }
    range.value = model.get("value");
    if (document.activeElement !== box) box.value = model.get("value");
    range.setAttribute("aria-valuetext", spoken());
    label.textContent = model.get("description");
    box.setAttribute("aria-label", `${model.get("description")}, exact value`);
    help.textContent = model.get("tooltip");
    label.title = model.get("tooltip");
  };
  const send = (v) => {
    const lo = model.get("min"), hi = model.get("max"), step = model.get("step");
    if (!Number.isFinite(v)) { show(); return; }
    v = Math.min(hi, Math.max(lo, lo + Math.round((v - lo) / step) * step));
    v = Number(v.toFixed(10));
    if (v === model.get("value")) { show(); return; }
    model.set("value", v);
    model.save_changes();
    show();
  };
  range.addEventListener("input", () => send(Number(range.value)));
  box.addEventListener("change", () => send(Number(box.value)));
  box.addEventListener("blur", () => { box.value = model.get("value"); });
  model.on("change", show);
  show();
  return () => model.off("change", show);
}
export default { render };
"""

_CSS = r"""
.bmpl-slider { display: grid; grid-template-columns: minmax(8em, 265px) minmax(6em, 1fr) 6.5em;
  align-items: center; gap: 2px 10px; width: 100%; box-sizing: border-box; padding: 2px 0; }
.bmpl-slider label { font-size: var(--jp-widgets-font-size, 13px); color: var(--jp-widgets-label-color, #222);
  overflow-wrap: anywhere; line-height: 1.3; }
.bmpl-slider input[type=range] { width: 100%; min-width: 0; margin: 0; accent-color: #0072B2; }
.bmpl-slider input[type=number] { width: 100%; box-sizing: border-box; font: inherit;
  font-size: var(--jp-widgets-font-size, 13px); padding: 1px 4px; }
.bmpl-slider input:focus-visible { outline: 2px solid #0072B2; outline-offset: 2px; }
.bmpl-switch input[type=checkbox] { justify-self: start; width: 1.25em; height: 1.25em; margin: 0;
  accent-color: #0072B2; }
.bmpl-switch-state { font-size: var(--jp-widgets-font-size, 13px); }
@media (max-width: 700px) {
  .bmpl-slider { grid-template-columns: minmax(0, 1fr) 6.5em; }
  .bmpl-slider label { grid-column: 1 / -1; }
}
"""


class Slider(AnyWidget):
    """A labelled slider whose name, unit and value a screen reader speaks; editable as a number."""

    _esm = _ESM
    _css = _CSS
    value = T.Float(0.0).tag(sync=True)
    min = T.Float(0.0).tag(sync=True)
    max = T.Float(100.0).tag(sync=True)
    step = T.Float(1.0).tag(sync=True)
    description = T.Unicode("").tag(sync=True)
    spoken_unit = T.Unicode("").tag(sync=True)      # "percent per month": what follows the value
    decimals = T.Int(0).tag(sync=True)               # digits shown and spoken after the point
    tooltip = T.Unicode("").tag(sync=True)           # the parameter's one line of help
    switch = T.Bool(False).tag(sync=True)            # on (1) or off (0): a switch instead of a slider


def spoken(unit: str) -> str:
    """A unit as a screen reader should say it: '% / month' -> 'percent per month'."""
    return " ".join(unit.replace("%", " percent ").replace("/", " per ").split())
