"""Open-source explorer, what is particular to it: three strategies' lines, the horizon, who captures value."""

from __future__ import annotations

import numpy as np
import pytest

from widgets.explorers.open_source import PRESETS, OpenSourceExplorer, draw, make_figures
from widgets.models import open_source
from widgets.models.open_source import STRATEGIES


@pytest.mark.parametrize("preset", PRESETS, ids=PRESETS.names)
def test_draw_shows_profit_customers_and_value_captured(preset):
    result = open_source.simulate(preset.values)
    profit, adoption, value = figures = make_figures()
    draw(figures, result)
    q = result.quarterly
    for trace, s in zip(profit.data, STRATEGIES):
        np.testing.assert_allclose(trace.y, q[f"cumulative_profit_{s}"])
    for trace, column in zip(adoption.data, ("adopters_closed", "adopters_open", "paying_open", "paying_open_core")):
        np.testing.assert_allclose(trace.y, q[column])
    for trace, column in zip(value.data, ("revenue", "leaked_revenue", "community_work")):
        np.testing.assert_allclose(trace.y, result.breakdown[column])


def test_changing_the_horizon_changes_the_x_axis():
    explorer = OpenSourceExplorer(company="Open-core start-up")
    explorer.set(years=12)
    lines = [t for fig in explorer.figures[:2] for t in fig.data if t.meta != "no-pin"]
    assert all(len(t.x) == len(t.y) == 48 for t in lines)
    assert float(explorer.figures[0].data[0].x[-1]) == pytest.approx(12.0)
    explorer.set(years=5)
    assert len(explorer.figures[1].data[0].x) == 20


def test_presets_say_what_is_illustrative_and_cite_their_sources():
    for preset in PRESETS:
        assert "illustrative" in preset.calibration.lower()
    red_hat = PRESETS["Red Hat-style subscription"]
    assert red_hat.sources and set(red_hat.sources) <= {"RH-FY11", "RH-FY12", "RH-FY16", "RH-FY18", "RH-FY19"}
