"""A Plotly FigureWidget that keeps following the kernel however slowly its 5 MB script loads.

Plotly 7's FigureWidget is an anywidget whose JavaScript (plotly.js and the widget, about 5 MB)
is the widget's own ``_esm``. anywidget holds back every message to a widget until that module
has loaded, and gives up after two seconds: on a slow laptop, a busy Binder, a page reload or a
second view of the notebook (where every chart loads at once) the module takes longer, and from
then on the chart ignores every update: it shows the state it was built with (often empty
traces) and never follows a slider again.

``LiveFigure`` ships a small module instead, which anywidget loads at once. It imports Plotly's
module in the background (once per page, shared by every chart), then asks the kernel for the
chart as it is now and draws that; updates that arrived meanwhile are in what the kernel sends.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import plotly
import plotly.graph_objects as go
import traitlets as T

_PLOTLY_WIDGET_JS = Path(plotly.__file__).parent / "package_data" / "widgetbundle.js"

_ESM = r"""
const BUNDLE = Symbol.for("bmpl.plotly-widget-bundle");
// One import of Plotly's widget module for the whole page, from the first chart that brings it.
function plotlyWidget(model) {
  if (!globalThis[BUNDLE]) {
    const url = URL.createObjectURL(new Blob([model.get("_bundle")], { type: "text/javascript" }));
    globalThis[BUNDLE] = import(/* webpackIgnore: true */ url);
  }
  return globalThis[BUNDLE];
}
export default () => {
  let inner = null;
  let ready = null;
  return {
    initialize({ model }) {
      // Not awaited: anywidget would count the 5 MB import against its two-second budget and
      // drop every message to this chart after it.
      ready = plotlyWidget(model).then((mod) => new Promise((resolve) => {
        const done = () => { model.off("change:_widget_data", done); clearTimeout(timer); resolve(); };
        const timer = setTimeout(done, 15000);
        model.on("change:_widget_data", done);
        inner = mod.default();
        inner.initialize({ model });
        model.send({ bmpl: "resend" });   // the chart as it is now, updates included
      }));
    },
    async render({ model, el }) {
      // Until Plotly is in: a placeholder as tall as the chart, so the page does not jump.
      el.classList.add("bmpl-chart-loading");
      el.setAttribute("aria-busy", "true");
      el.style.minHeight = `${(model.get("_widget_layout") || {}).height || 360}px`;
      el.textContent = "Loading the chart…";
      await ready;
      el.textContent = "";
      el.style.minHeight = "";
      el.removeAttribute("aria-busy");
      el.classList.remove("bmpl-chart-loading");
      return inner.render({ model, el });
    },
  };
};
"""


@functools.cache
def _plotly_widget_js() -> str:
    return _PLOTLY_WIDGET_JS.read_text(encoding="utf-8")


def share_state(fig: go.FigureWidget) -> None:
    """Make what a new view of the chart receives (page reload, second tab, Voilà) the chart as it is.

    A FigureWidget keeps its figure in ``_data`` / ``_layout`` and sends changes as update
    messages; its synced traits ``_widget_data`` / ``_widget_layout`` are a copy taken when it
    was built (or displayed on its own), so a chart inside a container came back empty after a
    reload. Pointing the traits at the live figure costs nothing per update (browsers that are
    open already apply the update messages) and a new view asks the kernel for the state.
    """
    fig._trait_values["_widget_data"] = fig._data
    fig._trait_values["_widget_layout"] = fig._layout


class LiveFigure(go.FigureWidget):
    """A FigureWidget whose browser side loads Plotly in the background and then asks for the chart as it is."""

    _esm = _ESM
    _bundle = T.Unicode().tag(sync=True)

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.on_msg(self._on_browser_message)

    @T.default("_bundle")
    def _default_bundle(self) -> str:
        return _plotly_widget_js()

    def _on_browser_message(self, _widget: Any, content: Any, _buffers: Any) -> None:
        if isinstance(content, dict) and content.get("bmpl") == "resend":
            self.resend()

    @staticmethod
    def _remove_overlapping_props(input_data: Any, delta_data: Any, prop_path: tuple = ()) -> list:
        """Keep every property the kernel set, even one the browser also reports as computed.

        Plotly moves such a property (say a trace's ``x``, reported back by the browser after a
        legend click or a resize) out of the figure's data into its defaults, and a view that
        loads later, built from the data, then draws the trace without it."""
        return []

    def resend(self) -> None:
        """Send the chart as it is now to every view (the answer to a view that has just loaded)."""
        share_state(self)
        self.send_state(["_widget_data", "_widget_layout"])
