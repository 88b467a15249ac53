"""Charts that keep following the kernel on a slow page (widgets/live_figure.py).

The browser half (a page with Chromium's CPU slowed six times) is
``tests/test_browser.py::test_charts_fill_and_follow_the_sliders_on_a_slow_page``; these are the
kernel half: what the small module is, and what the kernel answers when a view asks.
"""

from __future__ import annotations

import json

import plotly.graph_objects as go

from widgets.explorers.base import figure
from widgets.live_figure import LiveFigure, _PLOTLY_WIDGET_JS


def _sent(fig: LiveFigure, monkeypatch) -> list:
    sent: list = []
    monkeypatch.setattr(fig, "send_state", lambda keys=None: sent.append((keys, fig.get_state(keys))))
    return sent


def test_explorer_charts_are_live_figures_with_a_small_module_and_plotlys_in_the_background():
    fig = figure("A chart")
    assert isinstance(fig, LiveFigure) and isinstance(fig, go.FigureWidget)
    assert len(fig._esm) < 5_000, "anywidget must load the chart's own module at once"
    assert "webpackIgnore" in fig._esm and all(f'"{kind}"' in fig._esm for kind in ("resend", "resent", "bundle"))
    assert "_bundle" not in fig.keys, "Plotly's 5 MB module is not a synced trait: one copy per page, not per chart"
    state_size = len(json.dumps(fig.get_state(), default=str))
    assert state_size < 50_000, f"a chart's synced state is {state_size:,} characters"


def test_the_first_chart_of_a_page_asks_once_and_gets_plotlys_module_as_one_buffer(monkeypatch):
    fig = figure("A chart")
    sent: list = []
    monkeypatch.setattr(fig, "send", lambda content, buffers=None: sent.append((content, buffers)))
    fig._handle_custom_msg({"bmpl": "bundle"}, [])
    assert sent == [({"bmpl": "bundle"}, [_PLOTLY_WIDGET_JS.read_bytes()])]


def test_a_view_that_has_loaded_gets_the_chart_as_it_is_now(monkeypatch):
    fig = figure("A chart")
    fig.add_scatter(name="users", y=[1, 2, 3])   # an update message the slow view may have missed
    with fig.batch_update():
        fig.data[0].y = [4, 5, 6]
    sent = _sent(fig, monkeypatch)
    told: list = []
    monkeypatch.setattr(fig, "send", lambda content, buffers=None: told.append((len(sent), content)))
    fig._handle_custom_msg({"bmpl": "resend"}, [])
    assert [keys for keys, _ in sent] == [["_widget_data", "_widget_layout"]]
    assert told == [(1, {"bmpl": "resent"})], "the view is told to draw after the state, changed or not"
    state = sent[0][1]
    assert [t["name"] for t in state["_widget_data"]] == ["users"]
    assert list(state["_widget_data"][0]["y"]) == [4, 5, 6]
    assert state["_widget_layout"]["title"]["text"] == "A chart"


def test_other_messages_from_the_browser_are_ignored(monkeypatch):
    fig = figure("A chart")
    sent = _sent(fig, monkeypatch)
    monkeypatch.setattr(fig, "send", lambda content, buffers=None: sent.append(content))
    fig._handle_custom_msg({"bmpl": "something else"}, [])
    fig._handle_custom_msg("resend", [])
    assert sent == []


def test_what_the_browser_reports_back_never_removes_what_the_kernel_set(monkeypatch):
    """Plotly drops a property from the data when the browser reports it among the computed
    ones; a view built later from the data lost the trace's x (a reloaded page, Notebook 7)."""
    fig = figure("A chart")
    fig.add_scatter(name="users", x=[1, 2, 3], y=[4, 5, 6])
    uid = fig.data[0].uid
    fig._handler_js2py_traceDeltas({"new": {"trace_deltas": [{"uid": uid, "x": [1, 2, 3], "type": "scatter"}],
                                            "trace_edit_id": fig._last_trace_edit_id}})
    sent = _sent(fig, monkeypatch)
    fig.resend()
    assert list(sent[0][1]["_widget_data"][0]["x"]) == [1, 2, 3]
