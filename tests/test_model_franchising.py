"""Franchising model: the formulas by hand, the presets' calibration, and the sentence checked over random settings."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from widgets.explorers.franchising import PRESETS
from widgets.models import franchising as fr

P = fr.PARAMETERS
SIMPLE = dict(royalty=0.05, rent=0.05, franchised_share=0.5, openings=100, units=1000, sales=1.0, unit_margin=0.2,
              owned_capital=2.0, landlord_capital=0.5, franchisee_investment=0.5, attention=1000, hurdle=10.0,
              monitoring=0.05, cost_of_capital=0.1, free_riding=0.02)


def test_first_year_by_hand():
    r = fr.simulate(SIMPLE)
    y = r.yearly.iloc[0]
    # f = 0.2 − 0.05 − 0.05 = 0.10; skim = 0.02 · min(4, 0.2/0.1) = 0.04; Q = 0.04 · 500/1000 = 0.02
    assert r.franchisee_margin == pytest.approx(0.10)
    assert r.skim == pytest.approx(0.04)
    assert y.quality_loss == pytest.approx(0.02)
    s = 1.0 * (1 - 0.02)
    assert y.profit == pytest.approx(500 * s * 0.10 + 500 * s * (0.2 - 0.05))
    assert y.capital == pytest.approx(500 * 2.0 + 500 * 0.5)
    assert y.economic_profit == pytest.approx(y.profit - 0.1 * y.capital)
    # payback = 0.5 / (0.10 · 1.0) = 5 years, within the 10-year hurdle: every opening finds a franchisee
    assert r.franchisee_payback == pytest.approx(5.0)
    assert r.appeal == 1.0


def test_second_year_openings_and_closures_by_hand():
    r = fr.simulate(SIMPLE)
    y = r.yearly.iloc[1]
    assert y.franchised_units == pytest.approx(500 * (1 - fr.CLOSE_BASE) + 0.5 * 100)
    assert y.owned_units == pytest.approx(500 * (1 - fr.CLOSE_BASE) + 0.5 * 100)


def test_payback_beyond_the_hurdle_thins_openings_and_raises_closures():
    r = fr.simulate({**SIMPLE, "hurdle": 2.5})       # payback 5 years against 2.5: w = 0.5
    assert r.appeal == pytest.approx(0.5)
    y = r.yearly.iloc[1]
    assert y.franchised_units == pytest.approx(500 * (1 - fr.CLOSE_BASE - fr.CLOSE_SQUEEZE * 0.5) + 0.5 * 100 * 0.5)
    assert not fr.franchising_pays(r)


def test_attention_caps_the_chains_own_openings():
    r = fr.simulate({**SIMPLE, "attention": 10})
    assert r.yearly.owned_units.iloc[1] == pytest.approx(500 * (1 - fr.CLOSE_BASE) + 10)


def test_fees_above_the_margin_leave_no_franchisee():
    r = fr.simulate({**SIMPLE, "royalty": 0.12, "rent": 0.1})
    assert r.franchisee_payback is None and r.appeal == 0
    assert r.skim == pytest.approx(fr.SKIM_CAP * 0.02)
    assert "no franchisee signs" in fr.takeaway(r, P.validate({**SIMPLE, "royalty": 0.12, "rent": 0.1}))


def test_the_best_royalty_is_the_best_on_the_grid():
    r = fr.simulate(SIMPLE)
    for royalty in (0.0, 0.03, 0.08, 0.12):
        assert fr.simulate({**SIMPLE, "royalty": royalty}).economic_profit <= r.best_profit + 1e-9
    assert fr.simulate({**SIMPLE, "royalty": r.best_royalty}).economic_profit == pytest.approx(r.best_profit)


def test_a_royalty_only_franchisor_with_no_owned_units_ties_up_no_capital():
    v = {**SIMPLE, "franchised_share": 1.0, "landlord_capital": 0.0}
    r = fr.simulate(v)
    assert r.roc is None and "ties up no capital" in fr.takeaway(r, P.validate(v))


def test_presets_from_the_data():
    mcd = P.validate(PRESETS["McDonald's (2024)"].values)
    assert mcd.units == 43477 and mcd.openings == 2116
    assert mcd.franchised_share == pytest.approx(41432 / 43477, abs=0.005)
    assert mcd.sales == pytest.approx(120933 / 41432, abs=0.005)
    assert mcd.royalty + mcd.rent == pytest.approx(15715 / 120933, abs=0.002)
    assert mcd.unit_margin - mcd.royalty - mcd.rent == pytest.approx(0.126, abs=0.001)  # inside the NOA's 10–15 %
    yum = P.validate(PRESETS["Yum! Brands (2024)"].values)
    assert (yum.units, yum.openings, yum.franchised_share, yum.rent) == (61000, 4535, 0.98, 0.0)
    assert yum.sales == pytest.approx(65466 / 61000, abs=0.005)
    qz = P.validate(PRESETS["Quiznos before its fall (2007)"].values)
    assert (qz.units, qz.royalty, qz.franchised_share) == (5000, 0.07, 1.0)


def test_the_presets_tell_their_stories():
    def run(name):
        return fr.simulate(PRESETS[name].values)
    assert fr.franchising_pays(run("McDonald's (2024)")) and fr.franchising_pays(run("Yum! Brands (2024)"))
    qz = run("Quiznos before its fall (2007)")
    assert not fr.franchising_pays(qz) and qz.yearly.units.iloc[-1] < qz.yearly.units.iloc[0]


SETTINGS = st.fixed_dictionaries({
    p.name: (st.integers(int(p.min), int(p.max)) if p.integer else st.floats(p.min, p.max)) for p in P
})


@settings(max_examples=300, deadline=None)
@given(SETTINGS)
def test_sentence_matches_independent_predicates(values):
    v = P.validate(values)
    r = fr.simulate(v)
    text = fr.takeaway(r, v, "$")
    assert "nan" not in text and "inf" not in text
    y = r.yearly
    assert (y[["franchised_units", "owned_units", "capital"]].to_numpy() >= -1e-9).all()
    assert ((y.quality_loss >= 0) & (y.quality_loss < 1)).all()
    if v.franchised_share == 0:
        assert text.startswith("Without franchisees")
        return
    f = v.unit_margin - v.royalty - v.rent
    signs = f > 0 and v.franchisee_investment / (f * v.sales) <= v.hurdle
    # independent: economic profit summed from the yearly table, the all-owned chain run on its own
    owned = fr.simulate({**values, "franchised_share": 0.0})
    better = y.economic_profit.sum() > owned.yearly.economic_profit.sum()
    assert text.startswith("Franchising pays here") == (signs and better)
    assert text.startswith("Franchising pays the franchisor here but not its franchisees") == (better and not signs)
    assert text.startswith("Franchising does not pay here") == (not better)
    if not signs:
        assert "longer than franchisees accept" in text or "no franchisee signs" in text
    if f <= 0:
        assert "no franchisee signs" in text
    best = r.sweep.economic_profit.max()
    assert r.best_profit == pytest.approx(best) and r.economic_profit <= best + 1e-6 * max(1.0, abs(best))


def test_one_run_is_fast():
    import time
    v = P.validate(PRESETS[0].values)
    times = []
    for _ in range(50):
        t = time.perf_counter()
        fr.takeaway(fr.simulate(v), v)
        times.append(time.perf_counter() - t)
    assert np.percentile(times, 95) < 0.015
