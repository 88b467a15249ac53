"""A Plotly FigureWidget that keeps following the kernel however slowly its 5 MB script loads.

Plotly 7's FigureWidget is an anywidget whose JavaScript (plotly.js and the widget, about 5 MB)
is the widget's own ``_esm``. anywidget holds back every message to a widget until that module
has loaded, and gives up after two seconds: on a slow laptop, a busy Binder, a page reload or a
second view of the notebook (where every chart loads at once) the module takes longer, and from
then on the chart ignores every update: it shows the state it was built with (often empty
traces) and never follows a slider again.

``LiveFigure`` ships a small module instead, which anywidget loads at once. Each chart asks the
kernel for the chart as it is now; the kernel sends the state and a "resent" message after it (the
view draws on that message at once, whether or not the state changed: Backbone fires no change
event for an equal state). The first chart whose kernel answers asks for Plotly's module: one
message with one binary buffer, once per page, shared by every chart (a synced trait would send
5 MB per chart on every view). A chart restored from a saved notebook, with no kernel behind it,
never answers and must not hold the page up: it says it needs its cells run again.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import plotly
import plotly.graph_objects as go

_PLOTLY_WIDGET_JS = Path(plotly.__file__).parent / "package_data" / "widgetbundle.js"

_ESM = r"""
const PAGE = Symbol.for("bmpl.plotly-widget-page");
// What every chart of the page shares: Plotly's widget module, asked for once.
const page = () => (globalThis[PAGE] ??= { asked: false, loaded: null, module: null, resolve: null });
function plotlyModule() {
  const p = page();
  if (!p.module) p.module = new Promise((resolve) => { p.resolve = resolve; });
  return p.module;
}
// Wait for one custom message from the kernel ({bmpl: kind}); null if none comes in `ms`.
function answer(model, kind, ms) {
  return new Promise((resolve) => {
    const done = (msg, buffers) => {
      if (msg && msg.bmpl !== kind) return;
      model.off("msg:custom", done); clearTimeout(timer); resolve(msg ? buffers || [] : null);
    };
    const timer = setTimeout(() => done(null), ms);
    model.on("msg:custom", done);
  });
}
function ask(model, kind, ms) {
  const reply = answer(model, kind, ms);
  model.send({ bmpl: kind === "resent" ? "resend" : kind });
  return reply;
}
// The first chart whose kernel answers fetches Plotly's module (one binary message) for the page.
async function fetchModule(model) {
  const p = page();
  if (p.asked || p.loaded) return;
  p.asked = true;
  const buffers = await ask(model, "bundle", 120000);
  if (!buffers) { p.asked = false; return; }   // the next live chart asks
  const url = URL.createObjectURL(new Blob([buffers[0]], { type: "text/javascript" }));
  p.loaded = await import(/* webpackIgnore: true */ url);
  p.resolve(p.loaded);
}
export default () => {
  let inner = null;
  let ready = null;
  return {
    initialize({ model }) {
      // Not awaited: anywidget would count the 5 MB import against its two-second budget and
      // drop every message to this chart after it.
      ready = (async () => {
        // A chart restored from a saved notebook has no kernel behind it and never answers.
        const live = await ask(model, "resent", 60000);
        plotlyModule();
        if (live) fetchModule(model);
        else if (!page().loaded) return false;
        inner = (await plotlyModule()).default();
        inner.initialize({ model });
        if (live) await ask(model, "resent", 15000);   // the chart as it is now, updates included
        return true;
      })();
    },
    async render({ model, el }) {
      // Until Plotly is in: a placeholder as tall as the chart, so the page does not jump.
      el.classList.add("bmpl-chart-loading");
      el.setAttribute("aria-busy", "true");
      el.style.minHeight = `${(model.get("_widget_layout") || {}).height || 360}px`;
      el.textContent = "Loading the chart…";
      const drawn = await ready;
      el.removeAttribute("aria-busy");
      el.classList.remove("bmpl-chart-loading");
      if (!drawn) {
        el.textContent = "This chart was saved without its kernel: run the cells above it to see it again.";
        return;
      }
      el.textContent = "";
      el.style.minHeight = "";
      return inner.render({ model, el });
    },
  };
};
"""


@functools.cache
def _plotly_widget_js() -> bytes:
    """Plotly's widget module (plotly.js and the widget, about 5 MB), read once per kernel."""
    return _PLOTLY_WIDGET_JS.read_bytes()


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

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.on_msg(self._on_browser_message)

    def _on_browser_message(self, _widget: Any, content: Any, _buffers: Any) -> None:
        asked = content.get("bmpl") if isinstance(content, dict) else None
        if asked == "resend":
            self.resend()
        elif asked == "bundle":   # the first chart of a page: Plotly's module, once per page
            self.send({"bmpl": "bundle"}, buffers=[_plotly_widget_js()])

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
        self.send({"bmpl": "resent"})   # after the state: the view may draw now, changed or not
