"""Crowdfunding explorer: controls from declarations, charts follow the model, pin/reset, no crashes."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import pytest

from widgets.explorers import all_explorers
from widgets.explorers.crowdfunding import PRESETS, REACHED_BIN, CrowdfundingExplorer, draw_crowdfunding
from widgets.models import crowdfunding as cf

TYPICAL = "Typical Kickstarter project"


@pytest.fixture
def explorer():
    return CrowdfundingExplorer(company=TYPICAL)


def y(explorer, fig, i):
    return np.asarray(explorer.figures[fig].data[i].y, dtype=float)


@pytest.mark.parametrize("company", list(PRESETS))
def test_every_preset_builds_and_draws_its_model(company):
    e = CrowdfundingExplorer(company=company)
    expected = cf.simulate(PRESETS[company].values)
    np.testing.assert_allclose(y(e, 0, 2), expected.band[2])             # median path
    np.testing.assert_allclose(y(e, 1, 0), expected.daily_backers)
    assert y(e, 2, 0).sum() + y(e, 2, 1).sum() == cf.SIMULATIONS
    assert y(e, 2, 1).sum() == pytest.approx(expected.success_probability * cf.SIMULATIONS)
    np.testing.assert_allclose(y(e, 3, 0), [expected.aon_funds, expected.kia_funds])
    assert e.takeaway_text == cf.takeaway(e.result, PRESETS[company].currency)
    assert e.message_box.value == ""


def test_presets_say_how_they_were_calibrated():
    for preset in PRESETS.values():
        assert "illustrative" in preset.calibration.lower() or "as in the typical preset" in preset.calibration
    assert "43.84" in PRESETS[TYPICAL].calibration


def test_one_slider_per_declared_parameter_with_range_and_unit(explorer):
    assert list(explorer.controls) == cf.PARAMETERS.names
    assert "($)" in explorer.controls["goal"].description
    assert (explorer.controls["appeal"].min, explorer.controls["appeal"].max) == (0.2, 10)   # shown in %
    assert explorer.controls["duration"].__class__.__name__ == "IntSlider"


def test_a_longer_campaign_stretches_the_axis_and_lowers_the_odds(explorer):
    before_p, before_text = explorer.result.success_probability, explorer.takeaway_text
    explorer.controls["duration"].value = 60            # the learner drags the slider
    assert len(explorer.figures[0].data[2].x) == 60
    assert list(explorer.figures[0].data[3].x) == [1, 60]
    assert explorer.result.success_probability < before_p
    assert explorer.takeaway_text != before_text
    np.testing.assert_allclose(y(explorer, 0, 2), cf.simulate({**PRESETS[TYPICAL].values, "duration": 60}).band[2])


def test_a_bigger_goal_moves_the_histogram_towards_failure(explorer):
    reached_before = y(explorer, 2, 1).sum()
    explorer.set(goal=20_000)
    assert y(explorer, 2, 1).sum() < reached_before
    assert (y(explorer, 2, 0)[REACHED_BIN:] == 0).all() and (y(explorer, 2, 1)[:REACHED_BIN] == 0).all()


def test_same_values_redraw_the_same_band(explorer):
    """A fixed seed: moving a slider away and back gives the identical chart, no flicker."""
    band = y(explorer, 0, 1)
    explorer.set(network=3_000)
    explorer.set(network=PRESETS[TYPICAL].values["network"])
    np.testing.assert_array_equal(y(explorer, 0, 1), band)


def test_pin_keeps_the_median_and_clear_hides_it(explorer):
    explorer.pin()
    ghosts = [t for t in explorer.figures[0].data if t.meta == "no-pin" and t.line.dash == "dash"]
    assert len(ghosts) == 1 and ghosts[0].visible
    pinned = np.asarray(ghosts[0].y, dtype=float)
    explorer.set(appeal=0.06)
    np.testing.assert_allclose(np.asarray(ghosts[0].y, dtype=float), pinned)
    assert not np.allclose(y(explorer, 0, 2), pinned)
    explorer.clear_pin()
    assert not ghosts[0].visible


def test_reset_and_company_switch(explorer):
    explorer.set(goal=50_000, share_rate=5)
    explorer.reset()
    assert explorer.current() == pytest.approx(dict(cf.PARAMETERS.validate(PRESETS[TYPICAL].values)))
    explorer.company.value = "Ambitious hardware project"
    assert explorer.current()["goal"] == 100_000
    assert explorer.figures[3].layout.yaxis.title.text == "Expected amount ($)"


def test_set_rejects_out_of_range_with_a_clear_message(explorer):
    with pytest.raises(ValueError, match=r"duration \(Campaign length\) must be from 10 to 90 days; got 120"):
        explorer.set(duration=120)


def test_a_failing_model_becomes_a_message_and_keeps_the_last_chart(explorer, monkeypatch):
    good = y(explorer, 0, 2)

    def broken(values):
        raise FloatingPointError("simulated bug")

    monkeypatch.setattr(explorer, "compute", broken)
    explorer.controls["goal"].value = 8_000
    assert "FloatingPointError" in explorer.message_box.value
    np.testing.assert_allclose(y(explorer, 0, 2), good)


def test_draw_function_fills_plain_figures():
    figs = [go.Figure() for _ in range(4)]
    for _ in range(4):
        figs[0].add_scatter()
    figs[1].add_scatter()
    figs[2].add_bar(), figs[2].add_bar()
    figs[3].add_bar(), figs[3].add_bar()
    result = cf.simulate(duration=20)
    draw_crowdfunding(figs, result)
    assert list(figs[0].data[0].x) == list(range(1, 21))
    np.testing.assert_allclose(figs[0].data[1].y, result.band[-1])
    np.testing.assert_allclose(figs[3].data[1].y, [result.aon_profit, result.kia_profit])


def test_explorer_is_discovered_for_benchmarks_and_browser_tests():
    assert all_explorers()["CrowdfundingExplorer"] is CrowdfundingExplorer
