"""Freemium model: cohort arithmetic, the textbook formulas, calibration and invariants."""

from __future__ import annotations

import re

import numpy as np
import pytest
from hypothesis import assume, example, given, strategies as st

from widgets import data
from widgets.explorers.freemium import PRESETS
from widgets.models import finance, freemium

P = freemium.PARAMETERS


def test_single_cohort_by_hand():
    free, paid = freemium.cohort_path(conversion=0.1, free_churn=0.2, paid_churn=0.5, months=4)
    # month 0: 1 free; month 1: 0.7 free, 0.1 paid; month 2: 0.49 free, 0.1*0.5 + 0.07 = 0.12 paid
    np.testing.assert_allclose(free, [1, 0.7, 0.49, 0.343])
    np.testing.assert_allclose(paid, [0, 0.1, 0.12, 0.109])


def test_users_and_money_add_up_by_hand():
    r = freemium.simulate(signups=10, signup_growth=0, conversion=0.1, free_churn=0.2, paid_churn=0.3,
                          price=10, ad_revenue=0.5, cost_free=1, cost_paid=2, acquisition_cost=3)
    m = r.monthly
    # month 2: cohort 1 at age 1 (7 free, 1 paid) + cohort 2 at age 0 (10 free)
    assert m.loc[1, "free_users"] == pytest.approx(17)
    assert m.loc[1, "paying_users"] == pytest.approx(1)
    revenue = 1 * 10 + 17 * 0.5
    costs = 17 * 1 + 1 * 2 + 10 * 3
    assert m.loc[1, "revenue"] == pytest.approx(revenue)
    assert m.loc[1, "profit"] == pytest.approx(revenue - costs)
    assert m["cumulative_cash"].iloc[-1] == pytest.approx(m["profit"].sum())


def test_trial_contrast_by_hand():
    r = freemium.simulate(signups=100, signup_growth=0, trial_conversion=0.25, paid_churn=0.1,
                          price=10, cost_paid=2, acquisition_cost=1)
    m = r.monthly
    assert m.loc[0, "trial_paying_users"] == 0
    assert m.loc[1, "trial_paying_users"] == pytest.approx(25)
    assert m.loc[2, "trial_paying_users"] == pytest.approx(25 + 22.5)
    # month 2: 100 trial users + 25 paying cost 2 each; 100 sign-ups cost 1 each
    assert m.loc[1, "trial_profit"] == pytest.approx(25 * 10 - (100 + 25) * 2 - 100)


def test_kumar_break_even_conversion():
    r = freemium.simulate(cost_free=0.5, price=10, cost_paid=2, ad_revenue=0)
    assert r.break_even_conversion == pytest.approx(0.5 / (10 - 2 + 0.5))


def test_gupta_lehmann_multiples_from_the_paper():
    # r/(1+i-r): r=0.8, i=0.1 -> 2.67; r=0.9, i=0.1 -> 4.5
    assert finance.lifetime_value(1, 0.8, 0.1) == pytest.approx(2.6667, abs=1e-4)
    assert finance.lifetime_value(1, 0.9, 0.1) == pytest.approx(4.5)
    r = freemium.simulate(price=12, cost_paid=2, paid_churn=0.05, discount_rate=0.0)
    assert r.lifetime_value == pytest.approx(10 * 0.95 / 0.05)


def test_cost_to_win_a_paying_user():
    r = freemium.simulate(conversion=0.02, free_churn=0.08, acquisition_cost=3, cost_free=0.2, ad_revenue=0.1)
    expected = (3 + (0.2 - 0.1) / 0.10) / (0.02 / 0.10)
    assert r.cost_per_paying_user == pytest.approx(expected)


def test_payback_month():
    assert finance.payback_month(np.array([-5.0, -1.0, 2.0, 3.0])) == 3
    assert finance.payback_month(np.array([-5.0, 1.0, -1.0, 3.0])) == 4
    assert finance.payback_month(np.array([-5.0, -1.0])) is None
    assert finance.payback_month(np.array([1.0, 2.0])) == 1


def test_five_percent_of_two_million_beats_fifty_percent_of_100k():
    """Kumar (2014): the size of the free base matters more than the conversion rate."""
    wide = freemium.simulate(signups=2000, conversion=0.05 * 0.07 / 0.95, free_churn=0.02)
    narrow = freemium.simulate(signups=100, conversion=0.5 * 0.07 / 0.5, free_churn=0.02)
    assert wide.monthly["paying_users"].iloc[-1] > narrow.monthly["paying_users"].iloc[-1]


@pytest.mark.parametrize("name, target", [("Spotify (2024)", None), ("Dropbox (2017)", 0.022)])
def test_presets_reproduce_the_reported_paying_share(name, target):
    if target is None:  # Spotify: premium subscribers ÷ MAU at Q4 2024, from the dataset
        q4 = data.load("spotify").set_index("year").loc[2024]
        target = q4.premium_subscribers_m / q4.mau_m
    share = freemium.simulate(PRESETS[name].values).paying_share
    assert share == pytest.approx(target, abs=0.005)


def test_spotify_preset_prices_come_from_the_data():
    q4 = data.load("spotify").set_index("year").loc[2024]
    values = PRESETS["Spotify (2024)"].values
    assert values["price"] == pytest.approx(q4.q4_premium_revenue_eur_m / q4.premium_subscribers_m / 3, abs=0.005)
    assert values["ad_revenue"] == pytest.approx(q4.q4_ad_revenue_eur_m / q4.ad_supported_mau_m / 3, abs=0.005)


def test_takeaway_speaks_the_numbers():
    r = freemium.simulate(PRESETS["Dropbox (2017)"].values)
    text = freemium.takeaway(r, currency="$")
    assert f"{r.paying_share * 100:.0f} %" in text
    assert f"${r.lifetime_value:,.0f}" in text
    assert "pays back in month" in text


def test_takeaway_when_price_is_below_cost():
    text = freemium.takeaway(freemium.simulate(price=1, cost_paid=5), currency="€")
    assert "no conversion rate can make this pay" in text


def _param(name):
    p = P[name]
    return st.floats(p.min, p.max, allow_nan=False) if not p.integer else st.integers(int(p.min), int(p.max))


values = st.fixed_dictionaries({name: _param(name) for name in P.names})


@given(values)
def test_invariants_over_the_whole_declared_range(v):
    r = freemium.simulate(v)
    m = r.monthly
    assert not m.isna().any().any()
    users = m[["free_users", "paying_users", "trial_paying_users", "signups"]].to_numpy()
    assert (users >= -1e-9).all()
    assert 0.0 <= r.paying_share <= 1.0
    assert isinstance(freemium.takeaway(r), str)


@given(values, st.floats(0.0, 0.05))
def test_more_conversion_never_lowers_paying_users(v, extra):
    assume(v["conversion"] + extra <= 0.2)
    low = freemium.simulate(v).monthly["paying_users"].to_numpy()
    high = freemium.simulate({**v, "conversion": v["conversion"] + extra}).monthly["paying_users"].to_numpy()
    assert (high >= low - 1e-9).all()


@given(values, st.floats(0.0, 0.05))
def test_more_paid_churn_never_raises_lifetime_value(v, extra):
    assume(v["paid_churn"] + extra <= 0.3 and v["price"] >= v["cost_paid"])
    low = freemium.simulate(v).lifetime_value
    high = freemium.simulate({**v, "paid_churn": v["paid_churn"] + extra}).lifetime_value
    assert high <= low + 1e-9


def test_declared_ranges_keep_free_users_non_negative():
    """(1 − c − f) must stay ≥ 0; the declarations guarantee it, so the model needs no extra check."""
    assert P["conversion"].max + P["free_churn"].max <= 1.0


# --- money over time, tested directly ---------------------------------------------------------

@pytest.mark.parametrize("annual, monthly", [(0.0, 0.0), (0.10, 0.0079741404), (0.40, 0.0284361557),
                                             (-0.5, 0.5 ** (1 / 12) - 1)])
def test_monthly_rate_compounds_to_the_annual_rate(annual, monthly):
    assert finance.monthly_rate(annual) == pytest.approx(monthly, abs=1e-10)
    assert (1 + finance.monthly_rate(annual)) ** 12 == pytest.approx(1 + annual, rel=1e-12)


def test_lifetime_value_with_a_discount_rate():
    # 10 % a year is 0.797 % a month: 8 · 0.97 / (1.00797 − 0.97) = 204.35, not the undiscounted 258.67
    r = freemium.simulate(price=10, cost_paid=2, paid_churn=0.03, discount_rate=0.10)
    assert r.lifetime_value == pytest.approx(8 * 0.97 / (1 + 0.0079741404 - 0.97), rel=1e-8)
    assert r.lifetime_value == pytest.approx(204.3496, abs=1e-4)
    assert finance.lifetime_value(8, 0.97, 0.0) == pytest.approx(258.6667, abs=1e-4)


@pytest.mark.parametrize("cash, month", [
    ([0.0, 0.0, 0.0], 1),              # never below zero: from the first month
    ([-1.0, 0.0, 0.0], 2),             # exactly zero counts as paid back
    ([0.0, -1.0, 0.0], 3),
    ([-1.0, -1e-12, 1.0], 3),          # a hair below zero does not
    ([-3.0, 2.0, -0.5], None),
    ([-1.0], None),
    ([5.0], 1),
])
def test_payback_month_at_exactly_zero(cash, month):
    assert finance.payback_month(np.array(cash)) == month


def test_trial_cost_per_paying_user():
    # every trial user costs a month of the paid service and the acquisition: (1 + 2) / 0.25
    r = freemium.simulate(acquisition_cost=1, cost_paid=2, trial_conversion=0.25)
    assert r.trial_cost_per_paying_user == pytest.approx(12.0)
    assert freemium.simulate(trial_conversion=0.0).trial_cost_per_paying_user == float("inf")
    assert freemium.simulate(conversion=0.0).cost_per_paying_user == float("inf")


def test_paying_share_and_break_even_at_their_edges():
    nobody_converts = freemium.simulate(conversion=0.0)
    assert nobody_converts.paying_share == 0.0
    everybody_leaves = freemium.simulate(conversion=0.2, free_churn=0.5, paid_churn=0.002)
    m = everybody_leaves.monthly.iloc[-1]
    assert everybody_leaves.paying_share == pytest.approx(m.paying_users / (m.free_users + m.paying_users))
    # Kumar's break-even needs a margin on paying users: none at all -> no conversion rate breaks even
    assert np.isnan(freemium.simulate(price=2, cost_paid=2, cost_free=0, ad_revenue=0).break_even_conversion)
    assert freemium.simulate(price=2.05, cost_paid=2, cost_free=0, ad_revenue=0).break_even_conversion == 0.0


def test_sign_ups_grow_from_the_first_month_and_mrr_is_paying_users_times_price():
    m = freemium.simulate(signups=100, signup_growth=0.10, price=8).monthly
    np.testing.assert_allclose(m["signups"].iloc[:3], [100, 110, 121])
    np.testing.assert_allclose(m["mrr"], m["paying_users"] * 8)


@pytest.mark.parametrize("thousands, users, money", [
    (999.4, "999 thousand", "999 k"), (1000.0, "1.0 million", "1.0 M"), (-1000.0, None, "-1.0 M"),
    (-999.0, None, "-999 k"), (0.0, "0 thousand", "0 k"), (0.3, None, "300.00"), (1e-7, None, "less than 0.01")])
def test_users_and_money_switch_units_at_a_thousand(thousands, users, money):
    if users is not None:
        assert freemium._users(thousands) == users
    assert freemium._money(thousands, "") == money


@example({**P.validate({}), "conversion": 0.0, "ad_revenue": 1.0, "cost_free": 0.1, "acquisition_cost": 50.0})
@given(values)
def test_a_free_tier_that_earns_more_than_it_costs_to_serve_does_not_only_cost_money(v):
    """Issue-14 audit: with no conversion the sentence said the free tier 'only costs money' while its ads
    brought in more than free users cost to serve (acquisition kept cumulative cash below zero)."""
    v = P.validate({**v, "conversion": 0.0})      # as the controls hold them: a tiny value counts as 0
    text = freemium.takeaway(freemium.simulate(v), v, "$")
    if "only costs money" in text:
        assert v.ad_revenue == 0, text
    if "earns only what its ads bring in" in text:
        assert v.ad_revenue > 0, text


@example({**P.validate({}), "price": 2.0, "cost_paid": 1.99, "paid_churn": 0.3})           # LTV 0.02 read "$0"
@example({**P.validate({}), "signups": 1, "conversion": 0.0, "ad_revenue": 0.01})          # revenue USD 10 read "$0 k"
@given(values)
def test_lifetime_value_and_revenue_read_as_zero_only_when_they_are(v):
    """Issue-14 audit: 'a paying user is worth $0 over their lifetime' at USD 0.35, 'monthly revenue is $0 k'
    at a few dollars."""
    v = P.validate(v)
    r = freemium.simulate(v)
    text = freemium.takeaway(r, v, "$")
    if re.search(r"worth \$0 over", text):
        assert r.lifetime_value == 0, text
    if re.search(r"revenue is \$0 k", text):
        assert r.monthly["revenue"].iloc[-1] == 0, text
