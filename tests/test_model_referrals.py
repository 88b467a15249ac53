"""Referral model: the Skok/Reiss closed form, paid and mixed acquisition, invariants, errors, speed."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest
from hypothesis import assume, example, given, strategies as st

from widgets.explorers.referrals import PRESETS
from widgets.models import referrals

P = referrals.PARAMETERS
BIG = 8000.0  # million people: a market so large that saturation is negligible for small seeds
NO_CHURN = dict(churn=0.0, cocreator_churn=0.0)


def test_viral_coefficient_by_hand():
    assert referrals.viral_coefficient(4, 0.25) == pytest.approx(1.0)
    # 20 % co-creators who invite 3× as much: 4 · 0.1 · (0.8 + 0.6) = 0.56
    assert referrals.viral_coefficient(4, 0.1, 0.2, 3) == pytest.approx(0.56)
    r = referrals.simulate(invitations=4, conversion=0.1, cocreator_share=0.2, cocreator_multiplier=3)
    assert r.k_basic == pytest.approx(0.4)
    assert r.k == pytest.approx(0.56)


def test_generations_by_hand():
    # K = 0.5, seed 1000, no market limit to speak of: 500, 250, 125 new users in cycles 1-3
    r = referrals.simulate(seed_users=1000, invitations=5, conversion=0.1, cocreator_share=0,
                           cycle_days=7, weeks=4, market=BIG, paid_budget=0, **NO_CHURN)
    c = r.cycles
    np.testing.assert_allclose(c["referral_new_referred"].iloc[1:4], [500, 250, 125], rtol=1e-5)
    assert c["referral_total"].iloc[3] == pytest.approx(1875, rel=1e-5)
    assert list(c["week"]) == [0, 1, 2, 3, 4]


def test_k_below_one_converges_to_seed_over_one_minus_k():
    seed, k = 2000, 0.6
    r = referrals.simulate(seed_users=seed, invitations=6, conversion=0.1, cocreator_share=0,
                           cycle_days=1, weeks=104, market=BIG, paid_budget=0, **NO_CHURN)
    assert r.k == pytest.approx(k)
    assert r.viral_limit == pytest.approx(seed / (1 - k))
    total = r.outcomes["referral"].total_users
    assert total == pytest.approx(seed / (1 - k), rel=1e-5)
    assert total <= seed / (1 - k)


def test_finite_horizon_matches_closed_form():
    seed, k, n = 100, 0.8, 10
    r = referrals.simulate(seed_users=seed, invitations=8, conversion=0.1, cocreator_share=0,
                           cycle_days=7, weeks=n, market=BIG, paid_budget=0, **NO_CHURN)
    expected = seed * (1 - k ** (n + 1)) / (1 - k)
    assert r.outcomes["referral"].total_users == pytest.approx(expected, rel=1e-5)
    assert referrals.cumulative_users(seed, k, n) == pytest.approx(expected)
    assert referrals.cumulative_users(seed, 1.0, n) == seed * (n + 1)


def test_k_above_one_compounds_each_cycle():
    r = referrals.simulate(seed_users=100, invitations=3, conversion=0.5, cocreator_share=0,
                           cycle_days=7, weeks=20, market=BIG, paid_budget=0, **NO_CHURN)
    new = r.cycles["referral_new_referred"].to_numpy()[1:]
    assert r.k == pytest.approx(1.5)
    assert math.isinf(r.viral_limit)
    assert np.all(np.diff(new) > 0)
    np.testing.assert_allclose(new[1:] / new[:-1], 1.5, rtol=1e-3)
    assert r.outcomes["referral"].total_users > 100 / (1 - 0.99)  # beyond any K < 1 limit


def test_shorter_cycle_grows_faster_when_k_above_one():
    base = dict(seed_users=100, invitations=3, conversion=0.5, weeks=12, market=BIG, paid_budget=0)
    slow = referrals.simulate(cycle_days=14, **base).outcomes["referral"].total_users
    fast = referrals.simulate(cycle_days=7, **base).outcomes["referral"].total_users
    assert fast > 10 * slow


def test_market_caps_growth():
    r = referrals.simulate(seed_users=1000, invitations=10, conversion=0.5, cycle_days=1, weeks=104,
                           market=1, paid_budget=1_000_000, cac=1)
    for outcome in r.outcomes.values():
        assert outcome.total_users <= 1e6 * (1 + 1e-9)


def test_paid_only_by_hand():
    # $7,000 a week at $35 a user, weekly cycles: 200 paid users a cycle, no referrals
    r = referrals.simulate(seed_users=50, paid_budget=7000, cac=35, cycle_days=7, weeks=10,
                           market=BIG, referral_reward=5, **NO_CHURN)
    paid = r.outcomes["paid"]
    assert paid.paid_users == pytest.approx(2000)
    assert paid.referred_users == 0
    assert paid.spend == pytest.approx(70_000)
    assert paid.blended_cac == pytest.approx(35)
    assert paid.total_users == pytest.approx(2050)


def test_churn_by_hand():
    # 10 % a week for ordinary users, nobody co-creates, no referrals or paid: seed decays geometrically
    r = referrals.simulate(seed_users=1000, invitations=0, cocreator_share=0, churn=0.1, weeks=4,
                           cycle_days=7, paid_budget=0)
    np.testing.assert_allclose(r.cycles["referral_active"], [1000, 900, 810, 729, 656.1])
    # a 14-day cycle compounds two weeks of churn
    r = referrals.simulate(seed_users=1000, invitations=0, cocreator_share=0, churn=0.1, weeks=4,
                           cycle_days=14, paid_budget=0)
    np.testing.assert_allclose(r.cycles["referral_active"], [1000, 810, 656.1])


def test_blended_cac_formula():
    cac, reward = 40.0, 5.0
    r = referrals.simulate(seed_users=500, invitations=4, conversion=0.1, cocreator_share=0, cac=cac,
                           referral_reward=reward, paid_budget=8000, market=BIG, weeks=30)
    mix = r.outcomes["mix"]
    expected = (mix.paid_users * cac + mix.referred_users * reward) / (mix.paid_users + mix.referred_users)
    assert mix.blended_cac == pytest.approx(expected)
    assert mix.spend == pytest.approx(mix.paid_users * cac + mix.referred_users * reward)
    assert referrals.blended_cac(100.0, 4.0) == 25.0
    assert math.isnan(referrals.blended_cac(0.0, 0.0))


def test_mix_cost_per_user_approaches_cac_times_one_minus_k():
    # each paid user brings K/(1-K) referred users in the long run: blended CAC -> CAC·(1-K)
    r = referrals.simulate(seed_users=1, invitations=5, conversion=0.1, cocreator_share=0, cac=30,
                           paid_budget=10_000, cycle_days=1, weeks=104, market=BIG)
    assert r.k == pytest.approx(0.5)
    assert r.outcomes["mix"].blended_cac == pytest.approx(30 * (1 - 0.5), rel=0.01)


def test_cross_parameter_errors_name_the_parameter():
    with pytest.raises(ValueError, match=r"cycle_days .*must not exceed the horizon .*; got cycle_days .* = 30 days, "
                                         r"weeks \(Horizon\) = 4 weeks"):
        referrals.simulate(cycle_days=30, weeks=4)
    with pytest.raises(ValueError, match=r"cycle_days .*= 60 days"):
        referrals.simulate(cycle_days=60, weeks=8)
    referrals.simulate(cycle_days=56, weeks=8)  # exactly one cycle is allowed


@pytest.mark.parametrize("name, value, pattern", [
    ("conversion", 0.6, r"conversion \(Invitation conversion\) must be from 0 to 50 %; got 60 %"),
    ("cycle_days", 0, r"cycle_days \(Referral cycle time\) must be from 1 to 60 days; got 0"),
    ("cac", 0, r"cac \(Cost per paid user \(CAC\)\) must be from 0.5 to 500"),
    ("seed_users", 2.5, r"seed_users \(Seed users\) must be a whole number"),
    ("invitations", "3", r"invitations \(Invitations per new user\) must be a number"),
    ("churn", float("nan"), r"churn \(User churn\) must be from 0 to 20 %"),
])
def test_out_of_range_messages(name, value, pattern):
    with pytest.raises(ValueError, match=pattern):
        referrals.simulate(**{name: value})


def test_unknown_parameter_is_refused():
    with pytest.raises(ValueError, match="unknown parameter"):
        referrals.simulate(k_factor=2)


def test_presets_run_and_are_documented():
    assert len(PRESETS) >= 2
    for preset in PRESETS:
        r = referrals.simulate(preset.values)
        assert "illustrative" in preset.calibration
        assert r.outcomes["mix"].total_users >= preset.values.get("seed_users", P["seed_users"].default)


# --- invariants ---------------------------------------------------------------------------------
def _value(p):
    if p.integer:
        return st.integers(int(p.min), int(p.max))
    return st.floats(p.min, p.max, allow_nan=False)


VALUES = st.fixed_dictionaries({p.name: _value(p) for p in P})


@given(VALUES)
def test_every_in_range_value_gives_finite_non_negative_users(values):
    assume(values["cycle_days"] <= values["weeks"] * 7)
    r = referrals.simulate(values)
    numbers = r.cycles.drop(columns=[c for c in r.cycles if c.endswith("blended_cac")]).to_numpy()
    assert np.isfinite(numbers).all()
    assert (numbers >= -1e-9).all()
    for name in referrals.STRATEGIES:
        c = r.cycles
        assert np.all(np.diff(c[f"{name}_total"]) >= -1e-9)  # users ever acquired never fall
        assert np.all(c[f"{name}_active"] <= c[f"{name}_total"] * (1 + 1e-9))
        assert c[f"{name}_total"].iloc[-1] <= values["market"] * 1e6 * (1 + 1e-9)
        np.testing.assert_allclose(c[f"{name}_total"], values["seed_users"] + c[f"{name}_referred"]
                                   + c[f"{name}_paid"], rtol=1e-9)


@given(VALUES, st.floats(0.0, 1.0))
def test_more_cocreators_never_lower_referral_users(values, extra):
    assume(values["cycle_days"] <= values["weeks"] * 7)
    values = {**values, "market": BIG}
    more = {**values, "cocreator_share": min(1.0, values["cocreator_share"] + extra)}
    low, high = referrals.simulate(values), referrals.simulate(more)
    for name in ("referral", "mix"):
        assert high.outcomes[name].referred_users >= low.outcomes[name].referred_users * (1 - 1e-9)
    assert high.k >= low.k


@given(VALUES)
def test_mix_beats_either_strategy_alone_without_saturation(values):
    assume(values["cycle_days"] <= values["weeks"] * 7)
    assume(values["seed_users"] <= 10_000)
    values = {**values, "market": BIG, "invitations": min(values["invitations"], 1.0)}
    r = referrals.simulate(values)
    mix = r.outcomes["mix"].total_users
    assert mix >= r.outcomes["paid"].total_users * (1 - 1e-9)
    assert mix >= r.outcomes["referral"].total_users * (1 - 1e-9)


@given(VALUES)
def test_referrals_never_raise_the_blended_cost_above_cac_plus_reward(values):
    assume(values["cycle_days"] <= values["weeks"] * 7)
    r = referrals.simulate(values)
    cost = r.outcomes["mix"].blended_cac
    assume(not math.isnan(cost))
    assert cost <= max(values["cac"], values["referral_reward"]) * (1 + 1e-9)


@example({**dict(P.validate({})), "invitations": 0.1, "conversion": 0.004})             # K = 0.0004 read "0.00"
@example({**dict(P.validate({})), "churn": 0.2, "cocreator_churn": 0.2, "weeks": 104,  # 0.06 users read "0 active"
          "invitations": 0.0, "paid_budget": 0.0, "seed_users": 1000})
@given(VALUES)
def test_k_and_users_read_as_zero_only_when_they_are(values):
    """Issue-14 audit: the sentence said 'K = 0.00' for a K of 0.0004 and 'ends with 0 active' for users still there."""
    assume(values["cycle_days"] <= values["weeks"] * 7)
    r = referrals.simulate(values)
    text = referrals.takeaway(r, P.validate(values), "$")
    assert ("K = 0.00 " in text) == (r.k == 0), text
    ref, mix, paid = (r.outcomes[s] for s in ("referral", "mix", "paid"))
    if re.search(r"ends with 0 active(?! users at)", text):
        assert ref.active_users == 0, text
    if re.search(r"the mix ends with 0 active", text):
        assert mix.active_users == 0, text
    if re.search(r"against 0 at", text):
        assert paid.active_users == 0, text
