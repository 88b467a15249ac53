"""Channels model (lesson 41): the per-customer formulas, the best direct share, and a sentence true everywhere."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings

from tests.strategies import values_for
from widgets.models import channels
from widgets.models.finance import lifetime_value

BASE = dict(customers=1000, spend=100.0, gross_margin=0.6, partner_margin=0.4, serve_cost=0.1,
            acquisition_cost=50.0, retention=0.6, contract_years=1, sales_cycle=0, direct_share=0.5,
            follow=0.8, loyalty_falloff=0.5, build_years=2.0, discount_rate=0.1)


def test_per_customer_margins_by_hand():
    r = channels.simulate(BASE)
    assert r.partner_margin_per_customer == pytest.approx(100 * (0.6 - 0.4))          # 20
    assert r.direct_margin_per_customer == pytest.approx(100 * (0.6 - 0.1))           # 50
    assert r.replaced_per_year == pytest.approx(0.4)
    assert r.direct_net_per_customer == pytest.approx(50 - 50 * 0.4)                  # 30
    assert r.lifetime_value == pytest.approx(50 + lifetime_value(50, 0.6, 0.1))
    assert r.ltv_to_cac == pytest.approx(r.lifetime_value / 50)
    # expected cash: −50 + Σ_j (50/12)·(1 − 0.4/12)^(j−1); first month at or above 0
    cash, month = -50.0, 0
    while cash < 0:
        month += 1
        cash += 50 / 12 * (1 - 0.4 / 12) ** (month - 1)
    assert r.customer_payback_months == month


def test_contract_length_and_sales_cycle_are_b2b_levers():
    b2b = channels.simulate({**BASE, "contract_years": 3, "sales_cycle": 6})
    assert b2b.replaced_per_year == pytest.approx(0.4 / 3)
    assert b2b.customer_payback_months == 6 + channels.simulate({**BASE, "contract_years": 3}).customer_payback_months
    # a longer cycle delays the same margins, so it is worth less today
    assert b2b.lifetime_value < channels.simulate({**BASE, "contract_years": 3}).lifetime_value
    cash = b2b.direct_customer_cash
    assert cash[0] == -50 and np.all(cash[:7] == -50)                 # nothing comes in during the cycle


def test_best_share_formula_and_gain_at_full_reach():
    r = channels.simulate(BASE)
    first = 0.8 * 30
    assert r.best_share == pytest.approx((1 - 20 / first) / 0.5)
    gain = 1000 * (0.8 * (0.5 - 0.5 * 0.25 / 2) * 30 - 0.5 * 20)
    assert r.gain_per_year == pytest.approx(gain)
    # the simulation reaches the same steady state once the reach is built
    m = r.monthly.iloc[-1]
    assert (m.profit - m.baseline_profit) * 12 == pytest.approx(gain, rel=1e-9)


def test_no_direct_share_changes_nothing():
    r = channels.simulate({**BASE, "direct_share": 0.0})
    np.testing.assert_allclose(r.monthly.profit, r.monthly.baseline_profit)
    assert r.npv_gain == 0 and r.gain_per_year == 0
    assert "everything goes through partners" in channels.takeaway(r, channels.PARAMETERS.validate(
        {**BASE, "direct_share": 0.0}), "$")


def test_direct_never_pays_when_winning_costs_more_than_the_margin():
    v = {**BASE, "acquisition_cost": 200.0}            # n_d = 50 − 80 < 0
    r = channels.simulate(v)
    assert r.direct_net_per_customer < 0 and r.best_share == 0 and r.break_even_follow is None
    assert "never pays" in channels.takeaway(r, channels.PARAMETERS.validate(v), "$")


def test_out_of_range_names_the_parameter():
    with pytest.raises(ValueError, match="follow"):
        channels.simulate({**BASE, "follow": 1.5})
    with pytest.raises(ValueError, match="contract_years"):
        channels.simulate({**BASE, "contract_years": "two"})


def _independent_gain(v: dict, share: float) -> float:
    """G(σ) from the definitions, without the model's helpers."""
    m_w = v["spend"] * (v["gross_margin"] - v["partner_margin"])
    n_d = v["spend"] * (v["gross_margin"] - v["serve_cost"]) - v["acquisition_cost"] * (1 - v["retention"]) / v[
        "contract_years"]
    served = v["follow"] * (share - v["loyalty_falloff"] * share ** 2 / 2)
    return v["customers"] * (served * n_d - share * m_w)


@settings(max_examples=300, deadline=None)
@given(values_for(channels.PARAMETERS))
def test_sentence_and_best_share_hold_everywhere(values):
    v = dict(channels.PARAMETERS.validate(values))
    r = channels.simulate(v)
    text = channels.takeaway(r, channels.PARAMETERS.validate(v), "$")
    assert "nan" not in text and "inf" not in text
    # "best" is optimised: no share on a fine grid beats it (beyond rounding)
    grid = np.linspace(0, 1, 2001)
    best_on_grid = max(_independent_gain(v, s) for s in grid)
    scale = 1e-9 * (1 + abs(best_on_grid))
    assert _independent_gain(v, r.best_share) >= best_on_grid - scale - 1e-6 * v["customers"] * v["spend"]
    # adds / loses in the sentence matches the sign of the independent gain
    gain = _independent_gain(v, v["direct_share"])
    if v["direct_share"] > 0 and abs(gain) > 1e-6 * (1 + v["customers"] * v["spend"]):
        assert ("direct adds" in text) == (gain > 0)
        assert ("direct loses" in text) == (gain < 0)
    # "ahead of partners-only" only when the discounted ten-year gain is positive
    if "ahead of partners-only" in text:
        assert r.monthly.cumulative_gain.iloc[-1] > 0
    if "behind partners-only" in text:
        assert r.monthly.cumulative_gain.iloc[-1] < 0
    # "never pays" only when a direct customer's net margin is not positive
    if "never pays" in text:
        assert v["spend"] * (v["gross_margin"] - v["serve_cost"]) <= v["acquisition_cost"] * (1 - v["retention"]) / v[
            "contract_years"] + 1e-9
    # counts are never negative
    m = r.monthly
    for column in ("partner_customers", "direct_customers", "new_direct_customers"):
        assert (m[column] >= -1e-9 * v["customers"]).all()
    assert (m.lost_customers >= -1e-9 * v["customers"]).all()


def test_more_loyal_followers_raise_the_best_share():
    shares = [channels.simulate({**BASE, "follow": f}).best_share for f in (0.5, 0.7, 0.9)]
    assert shares == sorted(shares) and shares[0] < shares[-1]
