"""The company presets as a row of buttons, for presenting a lesson on a projector.

An instructor clicks through the companies (or Tabs to one and presses Enter); the dropdown a
learner uses hides them behind a click. Each button is a native ``<button>`` with
``aria-pressed`` (a screen reader says which company is chosen), and the row is a labelled
``role="group"``. It keeps the dropdown's interface (``value``, ``options``, ``description``,
``observe``), so the explorer uses it as it uses the dropdown. An anywidget, like the slider.
"""

from __future__ import annotations

import traitlets as T
from anywidget import AnyWidget

_ESM = r"""
let next = 0;
function render({ model, el }) {
  const id = `bmpl-presets-${Date.now().toString(36)}-${next++}`;
  el.classList.add("bmpl-presets");
  el.innerHTML = `<span class="bmpl-presets-label" id="${id}"></span>` +
                 `<div role="group" aria-labelledby="${id}"></div>`;
  const [label, group] = el.children;
  const build = () => {
    label.textContent = model.get("description");
    group.textContent = "";
    for (const name of model.get("options")) {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = name;
      button.value = name;
      button.setAttribute("data-lm-suppress-shortcuts", "true");
      button.addEventListener("click", () => {
        if (model.get("value") === name) return;
        model.set("value", name);
        model.save_changes();
        show();
      });
      group.appendChild(button);
    }
    show();
  };
  const show = () => {
    for (const button of group.children)
      button.setAttribute("aria-pressed", String(button.value === model.get("value")));
  };
  const changed = () => build();
  model.on("change:options change:description", changed);
  model.on("change:value", show);
  build();
  return () => { model.off("change:options change:description", changed); model.off("change:value", show); };
}
export default { render };
"""

_CSS = r"""
.bmpl-presets { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 10px; margin: 2px 8px 2px 0; }
.bmpl-presets-label { font-size: var(--jp-widgets-font-size, 13px); color: var(--jp-widgets-label-color, #222); }
.bmpl-presets [role=group] { display: flex; flex-wrap: wrap; gap: 6px; }
.bmpl-presets button { font: inherit; font-size: var(--jp-widgets-font-size, 13px); cursor: pointer;
  padding: 4px 12px; border: 2px solid #0072B2; border-radius: 4px; background: #fff; color: #0b3c5d; }
.bmpl-presets button[aria-pressed=true] { background: #0b5d8f; border-color: #0b5d8f; color: #fff; font-weight: bold; }
.bmpl-presets button:hover { background: #e6f1f8; }
.bmpl-presets button[aria-pressed=true]:hover { background: #0a4f7a; }
.bmpl-presets button:focus-visible { outline: 3px solid #D55E00; outline-offset: 2px; }
"""


class PresetButtons(AnyWidget):
    """One button per company preset; the pressed one is ``value`` (the dropdown's interface)."""

    _esm = _ESM
    _css = _CSS
    value = T.Unicode("").tag(sync=True)
    options = T.List(T.Unicode()).tag(sync=True)
    description = T.Unicode("").tag(sync=True)

    @T.validate("value")
    def _known(self, proposal: dict) -> str:
        if self.options and proposal["value"] not in self.options:
            raise T.TraitError(f"{proposal['value']!r} is not one of the presets: {', '.join(self.options)}")
        return proposal["value"]
