"""Crowdfunding explorer, what is particular to it: the band, the histogram split at the goal, the money."""

from __future__ import annotations

import numpy as np
import pytest

from widgets.explorers.crowdfunding import PRESETS, REACHED_BIN, CrowdfundingExplorer, draw, make_figures
from widgets.models import crowdfunding as cf

TYPICAL = "Typical Kickstarter project"


def drawn(values):
    result = cf.simulate(values)
    figures = make_figures()
    draw(figures, result)
    return result, figures


@pytest.mark.parametrize("preset", PRESETS, ids=PRESETS.names)
def test_draw_shows_band_backers_outcomes_and_money(preset):
    result, (path, daily, outcomes, money) = drawn(preset.values)
    np.testing.assert_allclose(path.data[0].y, result.band[0])
    np.testing.assert_allclose(path.data[1].y, result.band[-1])
    np.testing.assert_allclose(path.data[2].y, result.band[2])
    np.testing.assert_allclose(daily.data[0].y, result.daily_backers)
    missed, reached = (np.asarray(t.y, dtype=float) for t in outcomes.data)
    assert missed.sum() + reached.sum() == cf.SIMULATIONS
    assert reached.sum() == pytest.approx(result.success_probability * cf.SIMULATIONS)
    assert (missed[REACHED_BIN:] == 0).all() and (reached[:REACHED_BIN] == 0).all()
    np.testing.assert_allclose(money.data[0].y, [result.aon_funds, result.kia_funds])
    np.testing.assert_allclose(money.data[1].y, [result.aon_profit, result.kia_profit])


def test_a_longer_campaign_stretches_the_day_axis():
    explorer = CrowdfundingExplorer(company=TYPICAL)
    explorer.controls["duration"].value = 60
    assert len(explorer.figures[0].data[2].x) == len(explorer.figures[1].data[0].x) == 60
    assert list(explorer.figures[0].data[3].x) == [1, 60]


def test_same_values_redraw_the_same_band():
    """A fixed seed: moving a slider away and back gives the identical chart, no flicker."""
    explorer = CrowdfundingExplorer(company=TYPICAL)
    band = list(explorer.figures[0].data[1].y)
    explorer.set(network=3_000)
    explorer.set(network=PRESETS[TYPICAL].values["network"])
    assert list(explorer.figures[0].data[1].y) == band


def test_presets_say_how_they_were_calibrated():
    for preset in PRESETS:
        assert "illustrative" in preset.calibration.lower() or "as in the typical preset" in preset.calibration
    assert "43.84" in PRESETS[TYPICAL].calibration
