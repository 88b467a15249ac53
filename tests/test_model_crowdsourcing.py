"""Contest and user-design models: hand-computed values, Boudreau et al.'s finding, invariants."""

from __future__ import annotations

import dataclasses
import math
import re

import numpy as np
import pytest
from hypothesis import example, given, strategies as st

from widgets import data
from widgets.explorers.contests import PRESETS as CONTEST_PRESETS
from widgets.explorers.user_design import PRESETS as FUNNEL_PRESETS
from widgets.models import contests, user_design


def _in_range(p):
    if p.integer:
        return st.integers(int(p.min), int(p.max))
    return st.floats(p.min, p.max, allow_nan=False, allow_infinity=False)


any_contest = st.fixed_dictionaries({p.name: _in_range(p) for p in contests.PARAMETERS})
any_funnel = st.fixed_dictionaries({p.name: _in_range(p) for p in user_design.PARAMETERS})


# --- contests: the arithmetic --------------------------------------------------------------

def test_expected_maximum_of_normals_matches_closed_forms_and_tables():
    # E[max of 2] = 1/√π, E[max of 3] = 3/(2√π); 10 and 100 from published order-statistic tables
    mu = contests.expected_max(np.array([1, 2, 3, 10, 100]))
    np.testing.assert_allclose(mu, [0, 1 / math.sqrt(math.pi), 1.5 / math.sqrt(math.pi), 1.53875, 2.50759],
                               atol=2e-5)


def test_expected_best_agrees_with_a_seeded_monte_carlo():
    r = contests.simulate(prize=10, solvers=7, uncertainty=5, effort_cost=1, entry_cost=0.5, quality_bar=8)
    rng = np.random.default_rng(2008)
    effort = 10 / 7 - 0.5
    quality = effort + 5 * rng.standard_normal((200_000, 7))
    assert r.effort == pytest.approx(effort)
    assert r.expected_best == pytest.approx(quality.max(axis=1).mean(), abs=0.03)
    assert r.expected_good == pytest.approx((quality >= 8).sum(axis=1).mean(), abs=0.02)
    assert r.chance_of_good == pytest.approx((quality >= 8).any(axis=1).mean(), abs=0.01)


def test_effort_and_participation_by_hand():
    # e(n) = (V/n − F)/k: V = 20, F = 1, k = 2, n = 4 -> (5 − 1)/2 = 2
    assert contests.effort(20, 1, 2, 4) == pytest.approx(2)
    # Entry pays while V/n ≥ F: V = 10, F = 3 -> at most 3 entrants
    assert contests.entrants(10, 3, 10) == 3
    assert contests.entrants(10, 3, 2) == 2
    assert contests.entrants(10, 0, 1500) == 1500
    r = contests.simulate(prize=10, entry_cost=3, solvers=10, effort_cost=0.5)
    assert r.entrants == 3 and r.effort == pytest.approx((10 / 3 - 3) / 0.5)


def test_without_uncertainty_every_solution_is_the_effort_and_cost_per_good_is_prize_over_n():
    r = contests.simulate(prize=10, solvers=5, uncertainty=0, effort_cost=0.1, entry_cost=0, quality_bar=20)
    assert r.effort == pytest.approx(20)          # (10/5)/0.1
    assert r.expected_best == pytest.approx(20)
    assert r.expected_good == pytest.approx(5)
    assert r.cost_per_good == pytest.approx(2)    # prize 10 ÷ 5 good solutions


def test_nobody_enters_when_the_prize_does_not_cover_the_entry_cost():
    r = contests.simulate(prize=1, entry_cost=2, solvers=50)
    assert r.entrants == 0 and r.expected_best == 0 and r.expected_good == 0
    assert math.isinf(r.cost_per_good)
    assert "Nobody enters" in contests.takeaway(r, contests.PARAMETERS.validate(prize=1, entry_cost=2, solvers=50))


# --- contests: Boudreau, Lacetera & Lakhani (2011) reproduced qualitatively ----------------

def test_high_uncertainty_best_solution_rises_with_more_solvers():
    r = contests.simulate(prize=20, effort_cost=1, entry_cost=0, uncertainty=30)
    best = r.curve["expected_best"].to_numpy()
    assert np.all(np.diff(best) > 0)
    assert r.best_solvers == contests.MAX_SOLVERS


def test_low_uncertainty_best_solution_falls_beyond_a_small_crowd():
    r = contests.simulate(prize=20, effort_cost=1, entry_cost=0, uncertainty=1)
    curve = r.curve.set_index("solvers")["expected_best"]
    assert r.best_solvers <= 3
    assert curve.loc[2] > curve.loc[10] > curve.loc[20]


def test_best_crowd_size_grows_with_uncertainty():
    sizes = [contests.simulate(prize=20, effort_cost=1, entry_cost=0.01, uncertainty=s).best_solvers
             for s in (0, 2, 5, 10, 20, 40)]
    assert sizes == sorted(sizes) and sizes[0] < sizes[-1]


@given(any_contest)
def test_individual_effort_never_rises_with_more_solvers(values):
    effort = contests.simulate(values).curve["effort"].to_numpy()
    assert np.all(np.diff(effort) <= 1e-12)


@given(any_contest)
def test_contest_results_are_finite_and_counts_non_negative(values):
    r = contests.simulate(values)
    c = r.curve
    assert not c[["entrants", "effort", "expected_best", "expected_good", "chance_of_good"]].isna().any().any()
    assert (c["entrants"] >= 0).all() and (c["entrants"] <= c["solvers"]).all()
    assert (c["effort"] >= 0).all()
    assert ((c["expected_good"] >= 0) & (c["expected_good"] <= c["entrants"] + 1e-9)).all()
    assert ((c["chance_of_good"] >= 0) & (c["chance_of_good"] <= 1)).all()
    assert (c["cost_per_good"] > 0).all()
    assert 0 <= r.entrants <= values["solvers"]
    assert r.best_quality >= r.expected_best - 1e-9
    sentence = contests.takeaway(r, contests.PARAMETERS.validate(values))
    assert sentence and "nan" not in sentence.lower()


def test_contest_rejects_bad_input_with_the_range():
    with pytest.raises(ValueError, match=r"solvers \(Solvers who see the call\) must be from 1 to 2,000"):
        contests.simulate(solvers=0)
    with pytest.raises(ValueError, match="must be a number"):
        contests.simulate(uncertainty="high")
    with pytest.raises(ValueError, match="whole number"):
        contests.simulate(solvers=2.5)


# --- user design: the funnel ---------------------------------------------------------------

def test_funnel_and_money_by_hand():
    r = user_design.simulate(submissions=1400, vote_share=0.05, select_share=0.10, hit_share=0.30,
                             units=1000, price=20, margin=0.5, award=2500, reprint_bonus=500, royalty=0.0,
                             community_cost=10, inhouse_cost=5, inhouse_hit_share=0.15)
    np.testing.assert_allclose(r.funnel["designs"], [1400, 70, 7, 2.1])
    assert r.net_sales == pytest.approx((7 + 2.1) * 1000 * 20 / 1000)          # ¤ thousand
    assert r.creator_pay == pytest.approx((7 * 2500 + 2.1 * 500) / 1000)
    assert r.cost_per_hit == pytest.approx((18.55 + 10) / 2.1)
    assert r.inhouse_cost_per_hit == pytest.approx(5 / 0.15)
    assert r.reward_if_produced == pytest.approx(2500 + 0.3 * 500)
    assert r.odds_produced == pytest.approx(1 / 200)


def test_royalty_pays_one_percent_of_a_design_s_net_sales():
    r = user_design.simulate(award=0, reprint_bonus=0, royalty=0.01, units=50_000, price=80, hit_share=0.5)
    assert r.reward_if_produced == pytest.approx(0.01 * 1.5 * 50_000 * 80)


def test_presets_reproduce_the_published_funnel_figures():
    facts = data.load("crowdsourcing_facts")

    def fact(platform, metric, year):
        row = facts[(facts.platform == platform) & (facts.metric == metric) & (facts.year == year)]
        return float(row["value"].iloc[0])

    threadless = user_design.simulate(FUNNEL_PRESETS["Threadless (c. 2008)"].values).funnel["designs"]
    assert threadless[0] == fact("Threadless", "design submissions per week", 2008)
    assert threadless[2] == pytest.approx(fact("Threadless", "designs printed per week", 2008))
    lego = user_design.simulate(FUNNEL_PRESETS["LEGO Ideas (2020 review round)"].values).funnel["designs"]
    reviews = facts[(facts.platform == "LEGO Ideas") & (facts.metric == "ideas in a review phase")]
    assert lego[1] == pytest.approx(reviews["value"].min())     # the early-2020 review: 26 ideas
    royalty = fact_any(facts, "LEGO Ideas", "creator's royalty")
    assert FUNNEL_PRESETS["LEGO Ideas (2020 review round)"].values["royalty"] == pytest.approx(royalty / 100)


def fact_any(facts, platform, metric) -> float:
    return float(facts[(facts.platform == platform) & (facts.metric == metric)]["value"].iloc[0])


def test_contest_presets_use_the_published_prizes():
    facts = data.load("crowdsourcing_facts")
    cash = fact_any(facts, "Threadless", "cash award per winning design")
    voucher = fact_any(facts, "Threadless", "gift certificate per winning design")
    assert CONTEST_PRESETS["Threadless design challenge (c. 2008)"].values["prize"] * 1000 == cash + voucher
    als = fact_any(facts, "InnoCentive", "ALS Biomarker Prize (Prize4Life)")
    assert CONTEST_PRESETS["InnoCentive-style prize: ALS biomarker (2006)"].values["prize"] * 1000 == als


@given(any_funnel)
def test_funnel_is_monotone_finite_and_non_negative(values):
    r = user_design.simulate(values)
    designs = r.funnel["designs"].to_numpy()
    assert np.all(np.isfinite(designs)) and np.all(designs >= 0)
    assert np.all(np.diff(designs) <= 1e-9)
    assert r.reward_per_submission * values["submissions"] == pytest.approx(r.creator_pay * 1000, rel=1e-9, abs=1e-6)
    assert r.creator_pay >= 0 and r.design_cost >= r.creator_pay
    per_hit = r.curve["cost_per_hit"].to_numpy()
    assert not np.isnan(per_hit).any() and np.all(per_hit > 0)
    if np.isfinite(per_hit).all():
        assert np.all(np.diff(per_hit) <= 1e-9 * per_hit[:-1])   # a bigger crowd spreads the fixed cost
    sentence = user_design.takeaway(r)
    assert sentence and "nan" not in sentence.lower()


def test_funnel_rejects_shares_above_one():
    with pytest.raises(ValueError, match=r"vote_share \(Shortlisted by community votes\) must be from 0 to 100 %"):
        user_design.simulate(vote_share=1.5)


# --- edges and the fields nobody read ----------------------------------------------------------

def test_no_entrant_puts_in_any_effort():
    assert contests.effort(10, 1, 1, 0) == 0.0
    np.testing.assert_array_equal(contests.effort(10, 1, 1, np.array([0, 1, 2])), [0.0, 9.0, 4.0])
    r = contests.simulate(prize=1, entry_cost=2, solvers=50)
    assert r.entrants == 0 and r.effort == 0.0 and r.chance_of_good == 0.0


def test_entry_pays_exactly_at_the_prize_per_entrant():
    # V/F = 4 exactly: four enter (each expects exactly the entry cost back), not three, not five
    assert contests.entrants(2.0, 0.5, 10) == 4
    assert contests.entrants(1.99, 0.5, 10) == 3
    assert contests.effort(2.0, 0.5, 1.0, 4) == 0.0


def test_good_solutions_at_the_practically_none_boundary():
    values = contests.PARAMETERS.validate()
    few = dataclasses.replace(contests.simulate(values), expected_good=contests.MIN_GOOD * 0.999)
    some = dataclasses.replace(contests.simulate(values), expected_good=contests.MIN_GOOD)
    assert "practically no solution reaches the bar" in contests.takeaway(few, values)
    assert "0.01 solutions are expected to reach the bar" in contests.takeaway(some, values)


def test_user_design_chart_curve_agrees_with_the_result():
    """The curve the chart draws, at the scenario's own number of submissions, is the result's cost per hit."""
    for values in ({}, dict(submissions=777, royalty=0.02, community_cost=40), dict(vote_share=0.0)):
        r = user_design.simulate(values)
        here = r.curve.set_index("submissions").loc[r.submissions, "cost_per_hit"]
        assert here == pytest.approx(r.cost_per_hit) or (np.isinf(here) and np.isinf(r.cost_per_hit))
        assert (r.curve["inhouse_cost_per_hit"] == r.inhouse_cost_per_hit).all()
    assert list(user_design.simulate(submissions=777).curve["submissions"]).count(777) == 1


def test_user_design_hits_at_the_none_boundary():
    # 1 submission · 0.0001 · 0.0001 · 0.1 = 1e-9 expected hits: exactly the threshold counts as none
    at_threshold = user_design.simulate(submissions=1, vote_share=0.0001, select_share=0.0001, hit_share=0.1)
    assert at_threshold.funnel["designs"].iloc[3] == pytest.approx(user_design.MIN_HITS)
    above = user_design.simulate(submissions=2, vote_share=0.0001, select_share=0.0001, hit_share=0.1)
    assert math.isinf(at_threshold.cost_per_hit) and math.isfinite(above.cost_per_hit)
    assert above.cost_per_hit == pytest.approx(above.design_cost / 2e-9)
    assert above.profit_after_design == pytest.approx(above.gross_profit - above.design_cost)


def test_when_every_crowd_does_equally_badly_the_smallest_is_best():
    # prize = entry cost: one entrant, no effort beyond entering, no luck: every crowd size scores 0
    r = contests.simulate(prize=1, entry_cost=1, uncertainty=0, solvers=10)
    assert r.entrants == 1 and r.effort == 0 and r.expected_best == 0
    assert r.best_solvers == 1 and r.best_quality == 0


@example({**user_design.PARAMETERS.validate({}), "submissions": 10})   # issue-14 audit: "0.0 become hits"
@given(any_funnel)
def test_user_design_counts_read_as_zero_only_when_they_are(v):
    """A funnel that produces 0.05 designs and 0.015 hits does not say '0.1 are produced and 0.0 become hits'
    and then price a hit."""
    r = user_design.simulate(v)
    text = user_design.takeaway(r, None, "$")
    produced, hits = re.search(r"submitted, (.+?) are produced and (.+?) become hits", text).groups()
    _, _, n_produced, n_hits = r.funnel["designs"]
    assert (produced in ("0", "0.0")) == (n_produced == 0), text
    assert (hits in ("0", "0.0")) == (n_hits == 0), text


NUMBER = r"(\d[\d,]*\.?\d*)"


@example(dict(contests.PARAMETERS.validate(dict(prize=0.5, solvers=20, uncertainty=0.0, effort_cost=50.0,
                                                 entry_cost=0.0, quality_bar=30.0))))   # "score 0.0 points" at 0.0005
@example(dict(contests.PARAMETERS.validate(dict(prize=0.5, solvers=2000, uncertainty=20.0, effort_cost=20.0,
                                                 entry_cost=0.0, quality_bar=0.0))))    # "2.9e-07", "$0 of prize money"
@given(any_contest)
def test_contest_sentence_reads_numbers_as_they_are(v):
    """Issue-14 audit: effort in scientific notation, a best solution of 0.0005 points read as '0.0 points', a
    'better' crowd shown with the same score, and '$0 of prize money' for a quarter of a dollar."""
    r = contests.simulate(v)
    text = contests.takeaway(r, contests.PARAMETERS.validate(v), "$")
    assert not re.search(r"\de-\d|\de\+\d", text), text
    score = re.search(r"expected to score (.+?) points", text)
    if score:
        assert (score.group(1) in ("0", "0.0")) == (r.expected_best == 0), text
    better = re.search(r"would do better \((.+?) points\)", text)
    if better:
        assert better.group(1) != score.group(1), text
    assert "$0 of prize money" not in text, text


def test_a_quality_bar_of_one_point_is_one_point():
    """Found by the random takeaway test during the issue-14 audit: 'the bar of 1 points'."""
    values = contests.PARAMETERS.validate(dict(solvers=1, quality_bar=1.0))
    text = contests.takeaway(contests.simulate(values), values, "$")
    assert "bar of 1 point" in text and "1 points" not in text, text


@example({**dict(user_design.PARAMETERS.validate({})), "submissions": 1, "vote_share": 0.18, "select_share": 0.18,
          "units": 10, "price": 1.0, "margin": 0.01})                     # issue-14 audit: "$0 of gross profit"
@given(any_funnel)
def test_user_design_gross_profit_reads_as_zero_only_when_it_is(v):
    r = user_design.simulate(v)
    text = user_design.takeaway(r, None, "$")
    if "earning the firm $0 of gross profit" in text:
        assert r.gross_profit == 0, text
