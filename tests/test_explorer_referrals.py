"""Referral explorer, what is particular to it: three strategies by week, the cycle-time axis, its limits."""

from __future__ import annotations

import numpy as np
import pytest

from widgets import data
from widgets.explorers.referrals import PRESETS, ReferralExplorer, draw, make_figures
from widgets.models import referrals


@pytest.mark.parametrize("preset", PRESETS, ids=PRESETS.names)
def test_draw_shows_users_and_cost_of_each_strategy(preset):
    result = referrals.simulate(preset.values)
    users, cost = figures = make_figures()
    draw(figures, result)
    for i, name in enumerate(referrals.STRATEGIES):
        np.testing.assert_allclose(users.data[i].y, result.paths[f"{name}_active"])
        np.testing.assert_allclose(cost.data[i].y, result.paths[f"{name}_blended_cac"])
        np.testing.assert_allclose(users.data[i].x, result.paths["week"])
    assert users.data[2].y[-1] == pytest.approx(result.outcomes["mix"].active_users)


def test_cycle_time_changes_the_time_axis():
    e = ReferralExplorer(company="Paid-acquisition start-up")
    e.set(cycle_days=7)
    assert len(e.figures[0].data[0].x) == 52 + 1
    e.set(cycle_days=28)
    assert len(e.figures[0].data[0].x) == 13 + 1
    assert e.figures[1].data[1].x[-1] == pytest.approx(52)


def test_a_cycle_longer_than_the_horizon_is_explained_and_the_chart_kept():
    e = ReferralExplorer()
    e.set(weeks=8, cycle_days=56)
    before = list(e.figures[0].data[2].y)
    e.controls["weeks"].value = 4  # 28 days: shorter than one 56-day cycle
    assert "cycle_days" in e.message_box.value
    assert list(e.figures[0].data[2].y) == before


def test_preset_sources_are_defined():
    tags = set(data.load("sources")["tag"])
    for preset in PRESETS:
        assert set(preset.sources) <= tags


def test_takeaway_reports_the_viral_limit_in_the_currency_given():
    result = referrals.simulate(seed_users=1000, invitations=5, conversion=0.1, cocreator_share=0)
    assert "2,000 users" in referrals.takeaway(result)  # 1000 / (1 - 0.5)
    no_budget = referrals.simulate(paid_budget=0)
    text = referrals.takeaway(no_budget, currency="€")
    assert "no paid budget" in text and "below 1" in text and "mix is the referral loop" in text
    assert "€" not in referrals.takeaway(no_budget, currency="$")
