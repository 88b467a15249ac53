"""The explorer base, tested once with a toy explorer: what every lesson's explorer gets for free."""

from __future__ import annotations

import html
from dataclasses import dataclass

import numpy as np
import pytest

import plotly.graph_objects as go

from widgets.company_preset import Preset, Presets
from widgets.explorers.base import Explorer, figure
from widgets.params import Param, Parameters, Values, model

PARAMETERS = Parameters(
    Param("units", "Units sold", "units", 10, 0, 100, 1, "How many are sold each month.", integer=True),
    Param("price", "Price", "¤ / unit", 2.0, 0.5, 20.0, 0.5, "What one unit costs the buyer."),
    Param("margin", "Margin", "", 0.25, 0.0, 0.9, 0.01, "Share of the price kept.", percent=True),
)


@dataclass(frozen=True)
class ToyResult:
    """Revenue and profit of a toy shop over six months."""

    revenue: list[float]
    profit: list[float]


@model(PARAMETERS)
def toy(p: Values) -> ToyResult:
    """Revenue grows with units × price; profit is the margin of it."""
    revenue = [p.units * p.price * month for month in range(1, 7)]
    return ToyResult(revenue, [r * p.margin for r in revenue])


def make_figures():
    """One line chart with two traces and currency placeholders in every kind of text."""
    fig = figure("Money in ¤", xaxis_title="Month", yaxis_title="¤ per month")
    fig.add_scatter(x=list(range(1, 7)), name="Revenue (¤)", hovertemplate="¤%{y:,.0f}")
    fig.add_scatter(x=list(range(1, 7)), name="Profit", hovertemplate="¤%{y:,.1f}")
    fig.add_annotation(text="All amounts in ¤", x=1, y=1, showarrow=False)
    return [fig]


def draw(figures, result: ToyResult) -> None:
    """Revenue, then profit."""
    (fig,) = figures
    fig.data[0].y = result.revenue
    fig.data[1].y = result.profit


def takeaway(result: ToyResult, values: Values, currency: str) -> str:
    """Six-month profit in the preset's currency."""
    return f"Selling {values.units} units a month makes {currency}{sum(result.profit):,.2f} profit in six months."


PRESETS = Presets(
    Preset("Dollar shop", dict(units=10, price=2.0, margin=0.25), "All values illustrative."),
    Preset("Euro shop", dict(units=20, price=3.0), "Units and price illustrative.", currency="€"),
)


class ToyExplorer(Explorer):
    """A toy: the contract in a dozen lines."""

    model = toy
    presets = PRESETS
    title = "Toy explorer"
    make_figures = make_figures
    draw = draw
    takeaway = takeaway


@pytest.fixture
def toy_explorer():
    return ToyExplorer()


def ys(explorer, i=0):
    return list(explorer.figures[0].data[i].y)


def texts(explorer) -> list[str]:
    fig = explorer.figures[0]
    return [fig.layout.title.text, fig.layout.yaxis.title.text, fig.layout.annotations[0].text,
            fig.data[0].name, fig.data[0].hovertemplate, fig.data[1].hovertemplate]


def test_declared_functions_are_called_as_plain_functions(toy_explorer):
    assert ys(toy_explorer) == toy(units=10, price=2.0, margin=0.25).revenue
    assert toy_explorer.takeaway_text == "Selling 10 units a month makes $105.00 profit in six months."
    assert ToyExplorer.draw is draw and ToyExplorer.make_figures is make_figures


def test_controls_come_from_the_declarations(toy_explorer):
    c = toy_explorer.controls
    assert list(c) == ["units", "price", "margin"]
    assert (c["margin"].min, c["margin"].max, c["margin"].value) == (0, 90, 25)   # shown in percent
    assert (c["units"].step, c["units"].decimals, c["price"].decimals) == (1, 0, 1)
    assert c["margin"].description == "Margin (%)"
    assert c["price"].description == "Price ($ / unit)"
    # what a screen reader says after the label: the value, then these words
    assert (c["margin"].spoken_unit, c["price"].spoken_unit, c["units"].spoken_unit) == ("percent", "$ per unit", "units")
    assert c["price"].tooltip == "What one unit costs the buyer."


def test_the_currency_replaces_every_placeholder_and_follows_the_preset(toy_explorer):
    assert texts(toy_explorer) == ["Money in $", "$ per month", "All amounts in $", "Revenue ($)",
                                   "$%{y:,.0f}", "$%{y:,.1f}"]
    toy_explorer.company.value = "Euro shop"
    assert texts(toy_explorer) == ["Money in €", "€ per month", "All amounts in €", "Revenue (€)",
                                   "€%{y:,.0f}", "€%{y:,.1f}"]
    assert toy_explorer.controls["price"].description == "Price (€ / unit)"
    assert toy_explorer.controls["price"].spoken_unit == "€ per unit"
    assert "€" in toy_explorer.takeaway_text
    assert "Units and price illustrative." in toy_explorer.calibration_box.value
    toy_explorer.choose("Dollar shop")
    assert texts(toy_explorer)[0] == "Money in $"


def test_choosing_a_company_loads_its_values_and_defaults_for_the_rest(toy_explorer):
    toy_explorer.choose("Euro shop")
    assert toy_explorer.current() == pytest.approx(dict(units=20, price=3.0, margin=0.25))
    assert ys(toy_explorer) == toy(units=20, price=3.0).revenue


def test_moving_a_control_redraws_the_chart_and_the_sentence(toy_explorer):
    before = toy_explorer.takeaway_text
    toy_explorer.controls["margin"].value = 50        # the learner drags to 50 %
    assert toy_explorer.values["margin"] == 0.5
    assert ys(toy_explorer, 1) == toy(margin=0.5).profit
    assert toy_explorer.takeaway_text != before and "$210.00" in toy_explorer.takeaway_text
    assert toy_explorer.takeaway_box.text == toy_explorer.takeaway_text


def test_the_takeaway_region_is_rendered_once_and_then_only_its_text_changes(toy_explorer):
    """A screen reader announces changes inside a live region it knows, not a replaced one."""
    from widgets.explorers.live_text import LiveText
    assert isinstance(toy_explorer.takeaway_box, LiveText)
    esm = toy_explorer.takeaway_box._esm
    assert 'setAttribute("aria-live", "polite")' in esm and 'setAttribute("role", "status")' in esm
    assert "region.textContent = model.get(\"text\")" in esm and "innerHTML" not in esm
    toy_explorer.set(units=40)
    assert toy_explorer.takeaway_box.text == toy_explorer.takeaway_text


def test_set_validates_first_and_reset_returns_to_the_preset(toy_explorer):
    with pytest.raises(ValueError, match=r"price \(Price\) must be from 0.5 to 20"):
        toy_explorer.set(price=-1)
    toy_explorer.set(units=50, price=10.0)
    assert toy_explorer.current()["units"] == 50
    toy_explorer.reset()
    assert toy_explorer.current() == pytest.approx(dict(units=10, price=2.0, margin=0.25))


def test_pin_keeps_a_dashed_copy_and_clear_hides_it(toy_explorer):
    fig = toy_explorer.figures[0]
    ghosts = [t for t in fig.data if t.meta == "no-pin"]
    assert len(ghosts) == 2 and not any(g.visible for g in ghosts)
    toy_explorer.pin()
    assert all(g.visible for g in ghosts) and ghosts[0].name == "Revenue ($) (pinned)"
    pinned = list(ghosts[0].y)
    toy_explorer.set(units=40)
    assert list(ghosts[0].y) == pinned and ys(toy_explorer) != pinned
    assert "pinned: Dollar shop" in toy_explorer.pin_label.value
    toy_explorer.clear_pin()
    assert not any(g.visible for g in ghosts) and toy_explorer.unpin_button.disabled


def test_a_failing_model_becomes_a_message_and_everything_keeps_the_last_scenario(toy_explorer, monkeypatch):
    before = (ys(toy_explorer), toy_explorer.takeaway_text, dict(toy_explorer.values))

    def broken(values):
        raise ZeroDivisionError("simulated bug")

    monkeypatch.setattr(toy_explorer, "model", broken)
    toy_explorer.controls["units"].value = 60
    assert "ZeroDivisionError" in toy_explorer.message_box.value
    assert 'role="alert"' in toy_explorer.message_box.value
    assert (ys(toy_explorer), toy_explorer.takeaway_text, dict(toy_explorer.values)) == before
    monkeypatch.undo()
    toy_explorer.reset()
    assert toy_explorer.message_box.value == ""


def test_a_refused_combination_is_explained(toy_explorer, monkeypatch):
    def refuses(values):
        raise ValueError("price (Price) must be at most units")

    monkeypatch.setattr(toy_explorer, "model", refuses)
    toy_explorer.controls["price"].value = 5.0
    assert "computed: price (Price) must be at most units" in toy_explorer.message_box.value


def test_unknown_company_is_refused_clearly():
    with pytest.raises(ValueError, match="company must be one of Dollar shop, Euro shop; got 'Shop'"):
        ToyExplorer(company="Shop")


def test_presets_are_a_sequence_found_by_name_too():
    assert PRESETS[0] is PRESETS["Dollar shop"] and list(PRESETS) == [PRESETS[0], PRESETS[1]]
    assert PRESETS.names == ["Dollar shop", "Euro shop"]
    with pytest.raises(KeyError, match="no preset named 'Shop'"):
        PRESETS["Shop"]
    with pytest.raises(ValueError, match="unique names"):
        Presets(PRESETS[0], PRESETS[0])


def test_a_draw_that_fails_part_way_leaves_every_chart_on_the_last_scenario(toy_explorer, monkeypatch):
    before = (ys(toy_explorer, 0), ys(toy_explorer, 1), toy_explorer.takeaway_text, dict(toy_explorer.values))

    def fails_half_way(figures, result):
        figures[0].data[0].y = result.revenue     # the first trace is already changed …
        raise KeyError("no such trace")           # … when the second one fails

    monkeypatch.setattr(toy_explorer, "draw", fails_half_way)
    toy_explorer.controls["units"].value = 70
    assert "KeyError" in toy_explorer.message_box.value
    assert "still show the last valid scenario" in toy_explorer.message_box.value
    after = (ys(toy_explorer, 0), ys(toy_explorer, 1), toy_explorer.takeaway_text, dict(toy_explorer.values))
    assert after == before


def _decoded(node):
    """A widget state as a new view decodes it: binary arrays back to lists."""
    if isinstance(node, dict) and {"buffer", "dtype", "shape"} <= set(node):
        return np.frombuffer(node["buffer"], dtype=node["dtype"]).reshape(node["shape"]).tolist()
    if isinstance(node, dict):
        return {k: _decoded(v) for k, v in node.items()}
    if isinstance(node, (list, tuple)):
        return [_decoded(v) for v in node]
    return node


def new_view(fig) -> tuple[list[dict], dict]:
    """What a new view of the chart receives (page reload, second tab, Voilà): the synced state."""
    state = fig.get_state()
    return _decoded(state["_widget_data"]), _decoded(state["_widget_layout"])


def on_screen(fig) -> list[tuple]:
    return [(t.get("name"), _listed(t.get("x")), _listed(t.get("y")), t.get("visible"), t.get("hovertemplate"))
            for t in (fig if isinstance(fig, list) else fig.to_plotly_json()["data"])]


def _listed(values):
    return None if values is None else [float(v) for v in values]


def test_a_new_view_of_a_chart_receives_the_chart_as_it_is_now(toy_explorer):
    fig = toy_explorer.figures[0]
    toy_explorer.pin()
    toy_explorer.choose("Euro shop")
    toy_explorer.controls["margin"].value = 60
    traces, layout = new_view(fig)
    assert on_screen(traces) == on_screen(fig)
    assert on_screen(traces)[1][2] == toy(units=20, price=3.0, margin=0.6).profit
    assert layout["yaxis"]["title"]["text"] == "€ per month"


def test_showing_the_explorer_first_sends_every_chart_as_drawn(toy_explorer, monkeypatch):
    """However late the browser's chart script loads, the first view gets the drawn chart."""
    import IPython.display

    events = []
    monkeypatch.setattr(go.FigureWidget, "send_state",
                        lambda self, key=None: events.append(("state", self, tuple(key or ()))))
    monkeypatch.setattr(IPython.display, "display", lambda *shown, **_: events.append(("display",)))
    toy_explorer._ipython_display_()
    states = [(fig, keys) for kind, *rest in events if kind == "state" for fig, keys in [rest]]
    assert [fig for fig, _ in states] == toy_explorer.figures
    assert all(set(keys) == {"_widget_data", "_widget_layout"} for _, keys in states)
    assert events[-1] == ("display",), "the state goes out before the view is shown"


def test_show_the_numbers_gives_each_charts_data_as_a_table_kept_live_while_open(toy_explorer, monkeypatch):
    panel = toy_explorer._numbers[0]
    assert panel.table.value == "" and panel.toggle.description == "Show the numbers"
    panel.toggle.value = True
    table = panel.table.value
    assert "<caption" in table and "Money in $ (across: Month; values: $ per month)" in table
    assert '<th scope="col">Revenue ($)</th><th scope="col">Profit</th>' in table
    assert '<tr><th scope="row">2</th><td>40</td><td>10</td></tr>' in table
    assert 'tabindex="0"' in table and 'role="region"' in table      # scrollable, so reachable by keyboard
    toy_explorer.set(units=30)
    assert '<tr><th scope="row">2</th><td>120</td><td>30</td></tr>' in panel.table.value
    toy_explorer.pin()
    assert "Revenue ($) (pinned)" in panel.table.value
    panel.toggle.value = False
    assert panel.table.value == "" and panel.toggle.description == "Show the numbers"
    calls = []
    monkeypatch.setattr("widgets.explorers.base.numbers_table", lambda fig: calls.append(fig) or "")
    toy_explorer.set(units=31)
    assert calls == []                                   # a closed table costs nothing


def test_the_guide_states_every_limit_that_ties_controls_together():
    from widgets.explorers.referrals import ReferralExplorer
    from widgets.models import referrals

    explorer = ReferralExplorer()
    rules = referrals.PARAMETERS.describe_constraints()
    assert rules, "the referral model declares a limit between cycle time and horizon"
    assert all(html.escape(rule) in explorer.guide_box.value for rule in rules)


def test_a_guide_without_limits_has_no_limits_heading(toy_explorer):
    assert "Limits" not in toy_explorer.guide_box.value


def test_numbers_table_shows_thousands_as_whole_numbers_never_in_scientific_notation():
    from widgets.explorers.base import _cell

    assert [_cell(v) for v in (10696.7, 1234.5, 999.95, 0.034567, float("nan"), None)] == \
        ["10,697", "1,234", "1,000", "0.03457", "no value", "no value"]


def test_a_long_legend_gets_rows_of_room_under_the_title():
    from widgets.explorers.base import LEGEND_ROW_PX, _room_for_legend

    short = figure("Short")
    short.add_scatter(name="A")
    _room_for_legend(short)
    long = figure("Long")
    for i in range(6):
        long.add_scatter(name=f"A rather long trace name number {i}")
    _room_for_legend(long)
    assert short.layout.margin.t == 105 or short.layout.margin.t is None
    assert long.layout.margin.t >= 62 + 4 * LEGEND_ROW_PX


def test_an_on_off_parameter_is_a_switch_and_every_other_a_slider():
    """A whole number from 0 to 1 is shown as a checkbox switch (role="switch"), not a 0–1 slider."""
    from widgets.explorers.base import _control
    from widgets.explorers.slider import _ESM

    on_off = _control(Param("ai_on", "AI matching", "", 1, 0, 1, 1, "on or off", integer=True), 1, "$")
    count = _control(Param("seats", "Seats", "", 1, 0, 2, 1, "how many", integer=True), 1, "$")
    share = _control(Param("share", "Share", "", 0.5, 0, 1, 0.5, "a share"), 0.5, "$")
    assert (on_off.switch, count.switch, share.switch) == (True, False, False)
    assert 'role="switch"' in _ESM and 'if (model.get("switch")) return renderSwitch' in _ESM
    on_off.value = 0                                  # what the browser sends when it is unticked
    assert on_off.value == 0
