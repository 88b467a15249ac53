"""The takeaway sentence as a live region that stays in the page and is updated in place.

A screen reader announces a change *inside* a live region it already knows; an ``HTML`` widget
replaces its whole ``<div role="status">`` on every update, so the sentence a learner's slider
changed may never be spoken. This control renders the region once and then changes only its
text. It also doubles as the charts' text alternative. An anywidget, like the slider.
"""

from __future__ import annotations

import traitlets as T
from anywidget import AnyWidget

_ESM = r"""
function render({ model, el }) {
  const region = document.createElement("div");
  region.setAttribute("role", "status");
  region.setAttribute("aria-live", "polite");
  region.setAttribute("aria-atomic", "true");
  region.className = "bmpl-takeaway";
  el.appendChild(region);
  const show = () => {
    region.textContent = model.get("text");
    region.style.cssText = model.get("css");
  };
  model.on("change", show);
  show();
  return () => model.off("change", show);
}
export default { render };
"""


class LiveText(AnyWidget):
    """One sentence in a polite live region: the same element, new text, so it is announced."""

    _esm = _ESM
    text = T.Unicode("").tag(sync=True)
    css = T.Unicode("").tag(sync=True)
