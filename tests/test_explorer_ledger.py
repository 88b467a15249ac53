"""Ledger explorer: which result goes into which trace, and presets calibrated from the World Bank's rows."""

from __future__ import annotations

import numpy as np
import pytest

from widgets import data
from widgets.explorers.ledger import MEASURES, PRESETS, RPW_Q3_2023, RPW_QUARTER, draw, make_figures, share_from
from widgets.models import ledger as lg


def result(preset: int = 0, **changes):
    values = lg.PARAMETERS.validate({**PRESETS[preset].values, **changes})
    return lg.simulate(values)


def test_draw_puts_costs_adoption_and_token_value_into_the_traces():
    r = result(0, start_share=0.3, hold_days=2.0)
    assert 0 < r.critical_mass < 0.3
    cost, network, token = figs = make_figures()
    draw(figs, r)
    np.testing.assert_allclose(cost.data[0].x, lg.AMOUNTS)
    np.testing.assert_allclose(cost.data[0].y, r.costs.intermediary)
    np.testing.assert_allclose(cost.data[1].y, r.costs.ledger)
    assert cost.data[2].y == (3.0, 3.0)                                   # the SDG target line
    assert cost.data[3].x == (200, 200)
    np.testing.assert_allclose(cost.data[3].y, [r.intermediary_cost / 2, r.ledger_cost / 2])
    np.testing.assert_allclose(network.data[0].x, lg.SHARES * 100)
    np.testing.assert_allclose(network.data[0].y, r.adoption.wish * 100)
    assert network.data[2].x == network.data[2].y == (pytest.approx(r.critical_mass * 100),)
    assert network.data[3].x == network.data[3].y == (pytest.approx(30.0), pytest.approx(r.final_share * 100))
    np.testing.assert_allclose(token.data[0].x, lg.HOLDING)
    np.testing.assert_allclose(token.data[0].y, r.token_values.value)
    assert token.data[1].x == (2.0,) and token.data[1].y == (pytest.approx(r.token_value),)


def test_the_curve_while_the_token_pays_is_drawn_only_when_a_reward_is_paid():
    figs = make_figures()
    draw(figs, result(0))
    assert len(figs[1].data[4].x) == 0
    r = result(0, token_reward=20.0, reward_years=2)
    draw(figs, r)
    np.testing.assert_allclose(figs[1].data[4].x, lg.SHARES * 100)
    np.testing.assert_allclose(figs[1].data[4].y, r.rewarded_wish.wish * 100)
    assert (r.rewarded_wish.wish > r.adoption.wish).all()


def test_no_critical_mass_marker_when_there_is_none():
    figs = make_figures()
    draw(figs, result(1))                  # the bank preset spreads from any start: critical mass 0
    assert figs[1].data[2].x == ()
    draw(figs, result(2))                  # digital services: no start makes it grow
    assert figs[1].data[2].x == ()


@pytest.fixture(scope="module")
def q3_2023():
    costs = data.load("remittance_costs")
    return costs[costs.period == RPW_QUARTER].set_index("measure")


def test_the_presets_intermediary_costs_are_the_world_bank_rows(q3_2023):
    for (key, measure), preset in zip(MEASURES.items(), PRESETS):
        row = q3_2023.loc[measure]
        assert RPW_Q3_2023[key] == row.cost_percent and row.source == "RPW-47"
        assert preset.values["intermediary_cost"] == share_from(row.cost_percent)
        assert f"{row.cost_percent:.2f} %" in preset.calibration and "llustrative" in preset.calibration
        assert preset.sources == ("RPW-47",)


def test_the_presets_differ_only_in_what_the_lesson_contrasts():
    first, bank, digital = (dict(p.values) for p in PRESETS)
    for other in (bank, digital):
        differ = {k for k in first if first[k] != other[k]}
        assert differ <= {"intermediary_cost", "volatility"}
