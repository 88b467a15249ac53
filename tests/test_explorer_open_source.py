"""Open-source explorer: presets, charts follow the model, horizon changes, pin/reset, errors."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import pytest

from widgets.explorers import all_explorers
from widgets.explorers.open_source import PRESETS, OpenSourceExplorer, draw_open_source
from widgets.models import open_source
from widgets.models.open_source import STRATEGIES


@pytest.fixture
def explorer():
    return OpenSourceExplorer(company="Open-core start-up")


def trace_y(explorer, fig, i):
    return np.asarray(explorer.figures[fig].data[i].y, dtype=float)


@pytest.mark.parametrize("company", list(PRESETS))
def test_every_preset_builds_and_draws_its_model(company):
    e = OpenSourceExplorer(company=company)
    expected = open_source.simulate(PRESETS[company].values)
    for i, s in enumerate(STRATEGIES):
        np.testing.assert_allclose(trace_y(e, 0, i), expected.quarterly[f"cumulative_profit_{s}"])
    np.testing.assert_allclose(trace_y(e, 1, 2), expected.quarterly["paying_open"])
    np.testing.assert_allclose(trace_y(e, 2, 1), expected.breakdown["leaked_revenue"])
    assert e.takeaway_text == open_source.takeaway(e.result, PRESETS[company].currency)


def test_presets_say_what_is_illustrative_and_cite_their_sources():
    for preset in PRESETS.values():
        assert "illustrative" in preset.calibration.lower()
    assert set(PRESETS["Red Hat-style subscription"].sources) <= {"RH-FY11", "RH-FY12", "RH-FY16", "RH-FY18", "RH-FY19"}
    assert PRESETS["Red Hat-style subscription"].sources


def test_one_slider_per_declared_parameter_with_units(explorer):
    assert list(explorer.controls) == open_source.PARAMETERS.names
    assert (explorer.controls["leakage"].min, explorer.controls["leakage"].max) == (0, 90)
    assert "($ thousand / customer / year)" in explorer.controls["licence_price"].description
    assert "($ million / year)" in explorer.controls["dev_cost"].description
    assert explorer.controls["years"].__class__.__name__ == "IntSlider"


def test_moving_leakage_redraws_profit_breakdown_and_sentence(explorer):
    before_open, before_text = trace_y(explorer, 0, 1), explorer.takeaway_text
    before_closed = trace_y(explorer, 0, 0)
    explorer.controls["leakage"].value = 70.0         # the learner drags to 70 %
    assert explorer.values["leakage"] == pytest.approx(0.70)
    assert np.all(trace_y(explorer, 0, 1) <= before_open) and not np.allclose(trace_y(explorer, 0, 1), before_open)
    np.testing.assert_allclose(trace_y(explorer, 0, 0), before_closed)          # closed is not affected
    assert explorer.takeaway_text != before_text and "70%" in explorer.takeaway_text
    expected = open_source.simulate({**PRESETS["Open-core start-up"].values, "leakage": 0.70})
    np.testing.assert_allclose(trace_y(explorer, 2, 1), expected.breakdown["leaked_revenue"])


def test_changing_the_horizon_changes_the_x_axis(explorer):
    explorer.set(years=12)
    for fig in explorer.figures[:2]:
        for trace in fig.data:
            if trace.meta != "no-pin":
                assert len(trace.x) == len(trace.y) == 48
    assert float(explorer.figures[0].data[0].x[-1]) == pytest.approx(12.0)
    explorer.set(years=5)
    assert len(explorer.figures[1].data[0].x) == 20


def test_pin_keeps_a_copy_and_clear_hides_it(explorer):
    explorer.pin()
    ghosts = [t for t in explorer.figures[0].data if t.meta == "no-pin"]
    assert len(ghosts) == len(STRATEGIES) and all(t.visible for t in ghosts)
    pinned = np.asarray(ghosts[1].y, dtype=float)
    explorer.set(community_share=0.8)
    np.testing.assert_allclose(np.asarray(ghosts[1].y, dtype=float), pinned)
    assert not np.allclose(trace_y(explorer, 0, 1), pinned)
    explorer.clear_pin()
    assert not any(t.visible for t in ghosts)


def test_reset_and_company_switch(explorer):
    explorer.set(subscription_price=40, paying_share=0.5)
    explorer.reset()
    assert explorer.current() == pytest.approx(
        dict(open_source.PARAMETERS.validate(PRESETS["Open-core start-up"].values)))
    explorer.company.value = "Red Hat-style subscription"
    assert explorer.current()["years"] == 17
    assert explorer.figures[0].layout.yaxis.title.text == "$ millions"
    assert len(explorer.figures[0].data[0].x) == 68


def test_set_rejects_out_of_range_with_a_clear_message(explorer):
    with pytest.raises(ValueError, match=r"leakage \(Value leakage to rivals\) must be from 0 to 90 %; got 95 %"):
        explorer.set(leakage=0.95)


def test_a_failing_model_becomes_a_message_and_keeps_the_last_chart(explorer, monkeypatch):
    good = trace_y(explorer, 0, 1)

    def broken(values):
        raise ZeroDivisionError("simulated bug")

    monkeypatch.setattr(explorer, "compute", broken)
    explorer.controls["leakage"].value = 10.0
    assert "ZeroDivisionError" in explorer.message_box.value
    np.testing.assert_allclose(trace_y(explorer, 0, 1), good)


def test_draw_function_fills_plain_figures():
    figs = [go.Figure(), go.Figure(), go.Figure()]
    for _ in STRATEGIES:
        figs[0].add_scatter()
    for _ in range(4):
        figs[1].add_scatter()
    for _ in range(3):
        figs[2].add_bar(x=list(STRATEGIES))
    result = open_source.simulate(years=4)
    draw_open_source(figs, result)
    np.testing.assert_allclose(figs[0].data[2].y, result.quarterly["cumulative_profit_open_core"])
    np.testing.assert_allclose(figs[1].data[0].x, np.arange(1, 17) / 4)
    np.testing.assert_allclose(figs[2].data[2].y, result.breakdown["community_work"])


def test_explorer_is_discovered_for_benchmarks_and_browser_tests():
    assert all_explorers()["OpenSourceExplorer"] is OpenSourceExplorer
