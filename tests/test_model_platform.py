"""Two-sided platform model: adoption by hand, tipping and dying from one subsidy, the take rate sellers
tolerate, network value laws, the sentences at the edges, the data behind the lesson and the presets."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from widgets import data
from widgets.explorers.platform import PRESETS, draw, make_figures, take_rate_from
from widgets.models import platform as pf

P = pf.PARAMETERS
RIDE, HOME = (dict(p.values) for p in PRESETS)


def run(base: dict | None = None, **changes):
    values = P.validate({**(base or {}), **changes})
    return pf.simulate(values), values


# --- the economics by hand ------------------------------------------------------------------------

def test_half_want_to_join_when_net_value_equals_the_median_cost():
    assert pf._wish(20.0, 20.0, 0.2) == pytest.approx(0.5)
    # logistic: one scale above the median → 1 / (1 + e^-1)
    assert pf._wish(24.0, 20.0, 0.2) == pytest.approx(1 / (1 + math.exp(-1)))


def test_one_month_by_hand():
    v = P.validate(dict(buyers_market=100, sellers_market=10, spend=50, seller_margin=0.5, take_rate=0.1,
                        buyer_value=40, buyer_cost=20, seller_cost=100, spread=0.5, speed=1.0))
    # g = 50 × 100 / 10 = 500; seller value at b = 0.5: 500 × 0.5 × 0.4 = 100 = median cost → half join
    assert pf.seller_sales_at_full(v) == pytest.approx(500)
    b, s = pf.step(np.array([0.5]), np.array([0.5]), v, 0.1, 0.0, 0.0)
    assert s[0] == pytest.approx(0.5)
    # buyer value at s = 0.5: 40 × 0.5 = 20 = median cost → half join
    assert b[0] == pytest.approx(0.5)
    # with speed 0.3 only 30 % of the gap closes: from 0.1 towards 0.5
    b, _ = pf.step(np.array([0.1]), np.array([0.5]), P.validate({**v, "speed": 0.3}), 0.1, 0.0, 0.0)
    assert b[0] == pytest.approx(0.1 + 0.3 * (0.5 - 0.1))


def test_tolerated_take_rate_is_margin_minus_cost_over_sales():
    v = P.validate(dict(buyers_market=1000, sellers_market=20, spend=60, seller_margin=0.6, seller_cost=600))
    assert pf.tolerated_take_rate(v) == pytest.approx(0.6 - 600 / 3000)


def test_revenue_gmv_subsidy_identities():
    r, v = run(RIDE, buyer_fee=2.0, seller_subsidy=400)
    m = r.monthly
    np.testing.assert_allclose(m.buyers, m.buyer_share * v.buyers_market)
    np.testing.assert_allclose(m.gmv, m.buyers * v.spend * m.seller_share)
    np.testing.assert_allclose(m.revenue[1:], (v.buyer_fee * m.buyers + v.take_rate * m.gmv)[1:])
    paid = m.month.between(1, v.subsidy_months)
    np.testing.assert_allclose(m.subsidy[paid], (v.buyer_subsidy * m.buyers + v.seller_subsidy * m.sellers)[paid])
    assert (m.subsidy[~paid] == 0).all()
    assert r.subsidy_spent == pytest.approx(m.subsidy.sum())
    np.testing.assert_allclose(m.cumulative_profit, np.cumsum(m.revenue - m.subsidy))
    assert r.seller_revenue_share == pytest.approx(v.take_rate * m.gmv.iloc[-1] / m.revenue.iloc[-1])


def test_both_sides_start_from_the_same_small_share():
    r, v = run(RIDE)
    assert r.monthly.buyer_share[0] == r.monthly.seller_share[0] == v.start_share


# --- tipping and dying from one subsidy ------------------------------------------------------------

@pytest.mark.parametrize("preset, name, dies, tips", [
    (RIDE, "seller_subsidy", 300, 400),
    (HOME, "buyer_subsidy", 12, 15),
])
def test_one_subsidy_decides_between_tipping_and_dying(preset, name, dies, tips):
    low, _ = run(preset, **{name: dies})
    high, _ = run(preset, **{name: tips})
    assert low.outcome == "died" and low.critical_mass_month is None
    assert low.final_buyer_share < preset["start_share"] and low.cumulative_profit < 0 and low.payback_month is None
    assert high.outcome == "tipped" and 1 <= high.critical_mass_month <= preset["subsidy_months"]
    assert min(high.final_buyer_share, high.final_seller_share) > 0.9
    assert high.payback_month is not None and high.cumulative_profit > 0


def test_critical_mass_means_growth_without_more_subsidy():
    r, v = run(RIDE, seller_subsidy=400)
    cm = r.critical_mass_month
    # stop the subsidy after the critical-mass month: it still tips; stop one month earlier: it dies
    assert run(RIDE, seller_subsidy=400, subsidy_months=cm)[0].outcome == "tipped"
    assert run(RIDE, seller_subsidy=400, subsidy_months=cm - 1)[0].outcome != "tipped"


def test_the_presets_are_the_dying_and_the_tipping_case():
    assert run(RIDE)[0].outcome == "died"
    assert run(HOME)[0].outcome == "tipped"


# --- invariants ---------------------------------------------------------------------------------------

values = st.fixed_dictionaries({
    "seller_subsidy": st.floats(0, 2000), "buyer_subsidy": st.floats(0, 50),
    "take_rate": st.sampled_from([round(x * 0.005, 3) for x in range(121)]),
    "buyer_fee": st.floats(0, 20), "start_share": st.floats(0.001, 0.3), "subsidy_months": st.integers(0, 24),
})


@settings(max_examples=25, deadline=None)
@given(values)
def test_shares_stay_in_range_and_money_is_finite(changes):
    r, _ = run(RIDE, **changes)
    m = r.monthly
    assert m[["buyer_share", "seller_share"]].apply(lambda c: c.between(0, 1)).all().all()
    assert np.isfinite(m.to_numpy(dtype=float)).all()
    assert (m[["revenue", "subsidy", "gmv"]] >= 0).all().all()
    assert r.outcome in {"tipped", "propped up", "died", "stalled"}


@settings(max_examples=20, deadline=None)
@given(st.floats(0, 1000), st.floats(0, 1000))
def test_a_larger_subsidy_never_leaves_fewer_members(a, b):
    low, high = sorted((a, b))
    r_low, r_high = run(RIDE, seller_subsidy=low)[0], run(RIDE, seller_subsidy=high)[0]
    assert (r_high.monthly.seller_share >= r_low.monthly.seller_share - 1e-12).all()
    assert (r_high.monthly.buyer_share >= r_low.monthly.buyer_share - 1e-12).all()


@pytest.mark.parametrize("preset", [RIDE, HOME])
def test_a_higher_take_rate_never_keeps_more_sellers(preset):
    r, _ = run(preset)
    assert (np.diff(r.sweep.seller_share) <= 1e-12).all()
    assert r.sweep.seller_share.iloc[-1] < 0.05      # at 60 % sellers are gone in both presets
    # the current take rate is one of the sweep's points
    row = r.sweep.loc[np.isclose(r.sweep.take_rate, preset["take_rate"])]
    assert row.seller_share.iloc[0] == pytest.approx(r.final_seller_share)


def test_subsidy_longer_than_the_horizon_is_refused():
    with pytest.raises(ValueError, match=r"subsidy_months \(Subsidy lasts\) must not exceed the horizon"):
        pf.simulate(subsidy_months=30, months=24)


def test_out_of_range_names_the_parameter():
    with pytest.raises(ValueError, match=r"take_rate \(Take rate on sellers\) must be from"):
        pf.simulate(take_rate=0.8)


# --- network value laws --------------------------------------------------------------------------------

def test_network_value_laws_by_hand():
    t = pf.network_values([10, 100], reference=10)
    assert t.metcalfe.tolist() == pytest.approx([1, 100])
    assert t.odlyzko_tilly.tolist() == pytest.approx([1, 100 * math.log(100) / (10 * math.log(10))])  # = 20
    assert pf.value_multiple(1e6, 1e7) == pytest.approx((100, 10 * math.log(1e7) / math.log(1e6)))


def test_metcalfe_outgrows_n_log_n_and_both_outgrow_users():
    t = pf.network_values(np.geomspace(10, 1e9, 50), reference=10)
    assert (t.metcalfe.iloc[1:] > t.odlyzko_tilly.iloc[1:]).all()
    assert (t.odlyzko_tilly.iloc[1:] > t.users.iloc[1:] / 10).all()


@pytest.mark.parametrize("users, reference", [([1, 10], 10), ([10], 1)])
def test_network_values_refuse_a_single_user(users, reference):
    with pytest.raises(ValueError, match="above 1"):
        pf.network_values(users, reference)


# --- the sentence at every edge ---------------------------------------------------------------------

def sentence(base=None, **changes):
    r, v = run(base, **changes)
    return r, pf.takeaway(r, v, "$")


def test_sentence_tipped_with_critical_mass_and_payback():
    r, text = sentence(RIDE, seller_subsidy=400)
    assert f"passes critical mass in month {r.critical_mass_month}" in text
    assert f"paid back from month {r.payback_month}" in text and "sellers pay all of it" in text


def test_sentence_tips_without_help():
    r, text = sentence(HOME, buyer_subsidy=0, seller_subsidy=0, start_share=0.5, buyer_value=80)
    assert r.critical_mass_month == 0 and "tips without help" in text and "No subsidy is paid" in text


def test_sentence_full_only_while_subsidised():
    r, text = sentence(RIDE, seller_subsidy=3000, buyer_subsidy=50, take_rate=0.6, subsidy_months=24, months=24)
    assert r.outcome == "propped up" and r.critical_mass_month is None
    assert "only because the subsidy is still paid" in text and "not paid back" in text


def test_sentence_full_but_shrinking_after_the_subsidy():
    r, text = sentence(HOME, seller_subsidy=3000, buyer_subsidy=50, speed=0.06, subsidy_months=12, months=14)
    assert r.outcome == "propped up" and r.critical_mass_month is None
    assert "shrinking since the subsidy stopped in month 12" in text


def test_sentence_died():
    r, text = sentence(RIDE)
    assert "The platform dies" in text and "never reaches critical mass" in text and "not paid back" in text


def test_sentence_stalled_past_critical_mass():
    r, text = sentence(RIDE, buyer_value=60, seller_subsidy=1000, speed=0.05, months=12)
    assert r.outcome == "stalled" and r.critical_mass_month is not None
    assert "but is still climbing" in text


def test_sentence_stuck_without_critical_mass():
    r, text = sentence(RIDE, seller_subsidy=3000, buyer_subsidy=50, speed=0.05, months=20)
    assert r.outcome == "stalled" and r.critical_mass_month is None and "stuck at" in text


def test_sentence_when_nobody_pays():
    r, text = sentence(HOME, take_rate=0.0, buyer_fee=0.0)
    assert r.final_revenue == 0 and "charges nobody, so it earns nothing" in text
    assert "nan" not in text


def test_sentence_who_pays():
    assert "buyers pay all of it" in sentence(HOME, take_rate=0.0, buyer_fee=2.0)[1]
    r, text = sentence(HOME, buyer_fee=2.0)
    assert f"sellers pay {pf._pct(r.seller_revenue_share)} of it" in text
    # a fee that equals the sellers' payment per buyer: equal parts
    r0, v0 = run(HOME)
    per_buyer = v0.take_rate * r0.monthly.gmv.iloc[-1] / r0.monthly.buyers.iloc[-1]
    r1, text1 = sentence(HOME, buyer_fee=round(per_buyer * 2) / 2)
    assert abs(r1.seller_revenue_share - 0.5) < 0.005 or "sellers pay" in text1
    if abs(r1.seller_revenue_share - 0.5) < 0.005:
        assert "about equal parts" in text1


def test_sentence_take_rate_tolerance():
    tol = run(RIDE)[0].tolerated_take_rate                 # 0.6 − 600 / 3000 = 40 %
    assert "tolerates a take rate up to 40 % (now 27 %)" in sentence(RIDE)[1]
    assert "above the 40 % the typical seller tolerates" in sentence(RIDE, take_rate=0.45)[1]
    assert "exactly what the typical seller tolerates" in sentence(RIDE, take_rate=round(tol, 3))[1]
    assert "Even a 0 % take rate does not cover" in sentence(RIDE, seller_margin=0.1)[1]


def test_amounts_read_as_people_say_them():
    assert pf.amount(750, "$") == "$750 thousand"
    assert pf.amount(-3_880_491, "€") == "−€3,880.5 million"
    assert pf.amount(-0.2, "$") == "$0 thousand"


# --- the data and the presets ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def rates():
    return data.load("platform_take_rates")


def _row(rates, company, period):
    return rates[(rates.company == company) & (rates.period == period)].iloc[0]


@pytest.mark.parametrize("company, period, volume, revenue, tag", [
    ("Airbnb", "FY2024", 81800, 11100, "ABNB24"),
    ("Airbnb", "FY2021", 46900, 6000, "ABNB21"),
    ("Uber", "FY2024", 162773, 43978, "UBER-NOTE"),
    ("Uber", "FY2021", 90415, 17455, "UBER-NOTE"),
    ("eBay", "FY2012", 67763, 7398, "EBAY12"),
    ("Etsy", "Q4 2022", 4000, 807.2, "ETSY-FOOL23"),
])
def test_data_values_are_pinned(rates, company, period, volume, revenue, tag):
    row = _row(rates, company, period)
    assert (row.gross_volume_m, row.revenue_m, row.source) == (volume, revenue, tag)


def test_alibaba_gmv_has_no_take_rate(rates):
    row = _row(rates, "Alibaba", "FY2021 (to 31 March 2021)")
    assert row.currency == "CNY" and row.gross_volume_m == 8119000 and math.isnan(row.revenue_m)


def test_every_row_has_a_known_source_and_secondary_rows_say_so(rates):
    sources = data.load("sources").set_index("tag")
    for _, row in rates.iterrows():
        for tag in row.source.split(";"):
            assert tag.strip() in sources.index, tag
            if sources.loc[tag.strip(), "kind"] == "secondary":
                assert "[2nd]" in row.note, row.company + " " + row.period


@pytest.mark.parametrize("preset, company", [(PRESETS[0], "Uber"), (PRESETS[1], "Airbnb")])
def test_preset_take_rates_come_from_the_data(rates, preset, company):
    row = _row(rates, company, "FY2024")
    assert preset.values["take_rate"] == take_rate_from((row.gross_volume_m, row.revenue_m))
    assert abs(preset.values["take_rate"] - row.revenue_m / row.gross_volume_m) <= 0.0025
    assert "llustrative" in preset.calibration


def test_draw_puts_shares_money_and_the_sweep_into_the_traces():
    r, v = run(RIDE, seller_subsidy=400)
    figs = make_figures()
    draw(figs, r)
    adoption, money, tolerance = figs
    np.testing.assert_allclose(adoption.data[0].y, r.monthly.buyer_share * 100)
    np.testing.assert_allclose(adoption.data[1].y, r.monthly.seller_share * 100)
    np.testing.assert_allclose(money.data[2].y, r.monthly.cumulative_profit)
    np.testing.assert_allclose(tolerance.data[0].x, pf.SWEEP * 100)
    assert tolerance.data[1].x == (v.take_rate * 100,) and tolerance.data[1].y == (r.final_seller_share * 100,)
