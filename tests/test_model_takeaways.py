"""Every takeaway sentence stays true at the edges: ties, zeros, "never", empty groups, one of a kind.

Each branch of each takeaway is reached from a table of scenarios, and the sentence (or the clause
the branch writes) is asserted word for word, numbers and their formatting included. Then every
model's sentence is checked against its own result at all-minimum, all-maximum, every preset and
random values.
"""

from __future__ import annotations

import dataclasses
import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, strategies as st

from widgets.explorers import contests as contest_explorer
from widgets.explorers import crowdfunding as crowdfunding_explorer
from widgets.explorers import freemium as freemium_explorer
from widgets.explorers import open_source as open_source_explorer
from widgets.explorers import referrals as referrals_explorer
from widgets.explorers import user_design as user_design_explorer
from widgets.models import contests, crowdfunding, freemium, open_source, referrals, user_design, wording
from widgets.models.finance import payback_month

MODELS = {
    "freemium": (freemium, freemium_explorer.PRESETS),
    "open_source": (open_source, open_source_explorer.PRESETS),
    "contests": (contests, contest_explorer.PRESETS),
    "user_design": (user_design, user_design_explorer.PRESETS),
    "crowdfunding": (crowdfunding, crowdfunding_explorer.PRESETS),
    "referrals": (referrals, referrals_explorer.PRESETS),
}


def say(module, currency: str = "$", **values) -> str:
    """The takeaway of ``module`` for ``values`` (defaults for the rest)."""
    checked = module.PARAMETERS.validate(values)
    return module.takeaway(module.simulate(checked), checked, currency)


def at(module, end: str) -> dict:
    """Every parameter at its declared minimum or maximum."""
    return {p.name: getattr(p, end) for p in module.PARAMETERS}


# --- the shared wording -----------------------------------------------------------------------

@pytest.mark.parametrize("x, text", [
    (0.0, "0 %"), (1.0, "100 %"), (0.5, "50 %"), (0.004, "0.4 %"), (0.0004, "0.04 %"), (4e-5, "under 0.01 %"),
    (0.005, "0.5 %"), (0.0051, "1 %"), (0.006, "1 %"), (0.01, "1 %"), (0.994, "99 %"), (0.996, "99.6 %"),
    (0.9996, "99.96 %"), (0.99999, "over 99.99 %"), (-0.1, "−10 %"), (1.2, "120 %"),
])
def test_a_share_says_0_or_100_percent_only_when_it_is_exactly_that(x, text):
    assert wording.share(x) == text


@pytest.mark.parametrize("n, text", [(1, "1 user"), (0, "0 users"), (2, "2 users"), (1400, "1,400 users"),
                                     (1.2, "1 user"), (0.6, "1 user")])
def test_one_user_many_users(n, text):
    assert wording.plural(n, "user") == text


@pytest.mark.parametrize("x, text", [(9.31, "9.3"), (0.95, "0.9"), (0.949, "0.95"), (0.059, "0.059"),
                                     (0.0, "0.0"), (1234.5, "1,234.5")])
def test_a_ratio_keeps_the_digits_that_matter(x, text):
    assert wording.ratio(x) == text


def test_a_ratio_in_words_must_be_a_number():
    with pytest.raises(ValueError, match="finite"):
        wording.ratio(float("inf"))


# --- freemium ---------------------------------------------------------------------------------

def test_freemium_all_minimum_says_cash_stays_at_zero_not_that_it_turns_positive():
    assert say(freemium, **at(freemium, "min")) == (
        "After 36 months 0 % of 36 thousand users pay and monthly revenue is $0 k; cumulative cash stays at "
        "exactly zero (revenue and costs cancel out), while the free-trial model's cash does too; no free user "
        "ever converts, so the free tier neither earns nor costs anything; a paying user would be worth $249 "
        "over their lifetime.")


FREEMIUM_BRANCHES = [
    # defaults: LTV 8 · 0.97 / (1.1^(1/12) − 0.97) = 204.35; a paying user costs (2 + 0.1/0.06) · 6 = 22
    ({}, "cumulative cash turns positive in month 17, while the free-trial model pays back in month 13; "
         "a paying user is worth $204 over their lifetime and costs $22.00 to win (LTV/CAC 9.3)."),
    ({"price": 1, "cost_paid": 5}, "each paying user loses money (price below the cost to serve), "
                                   "so no conversion rate can make this pay."),
    ({"price": 2, "cost_paid": 2}, "a paying user earns nothing (price equal to the cost to serve), "
                                   "so no conversion rate can make this pay."),
    ({"price": 2.05, "cost_paid": 2}, "a paying user is worth $1 over their lifetime"),
    ({"conversion": 0}, "no free user ever converts, so the free tier only costs money; "
                        "a paying user would be worth $204 over their lifetime."),
    ({"conversion": 0, "ad_revenue": 1, "cost_free": 0, "acquisition_cost": 0},
     "no free user ever converts, so the free tier earns only what its ads bring in"),
    ({"ad_revenue": 3, "acquisition_cost": 0}, "free users' ad revenue covers what they cost to win and serve, "
                                               "so each paying user (worth $204 over their lifetime) comes on top."),
    ({"ad_revenue": 0.1, "cost_free": 0.1, "acquisition_cost": 0}, "free users' ad revenue covers"),
    ({"conversion": 0.0005, "free_churn": 0.3}, "After 36 months 1 % of 465 thousand users pay and monthly revenue "
                                                "is $42 k; cumulative cash is still negative after 36 months, while "
                                                "the free-trial model pays back in month 13; a paying user is worth "
                                                "$204 over their lifetime and costs $1,402.00 to win (LTV/CAC 0.15)."),
    (at(freemium, "max"), "cumulative cash is still negative after 36 months, while the free-trial model has not "
                          "paid back either"),
    ({"trial_conversion": 0}, "cumulative cash turns positive in month 17, while the free-trial model has not paid "
                              "back by month 36"),
    ({"signups": 2000}, "of 43.5 million users pay and monthly revenue is $56.8 M"),   # 20 × the defaults
]


def test_freemium_cash_that_only_climbs_back_to_zero_never_turns_positive():
    base = freemium.simulate(**at(freemium, "min"))
    cash = np.zeros(freemium.MONTHS)
    cash[0] = -1.0                          # one month below zero, then exactly level
    monthly = base.monthly.assign(cumulative_cash=cash, trial_cumulative_cash=np.r_[1.0, np.zeros(35)])
    result = dataclasses.replace(base, monthly=monthly, payback_month=payback_month(cash),
                                 trial_payback_month=payback_month(monthly["trial_cumulative_cash"].to_numpy()))
    text = freemium.takeaway(result, None, "€")
    assert ("cumulative cash never falls below zero from month 2 on, while the free-trial model pays back in "
            "month 1") in text
    level = dataclasses.replace(result, monthly=monthly.assign(trial_cumulative_cash=np.r_[0.0, 0.0, np.ones(34)]))
    assert "the free-trial model's cumulative cash never falls below zero;" in freemium.takeaway(level, None, "€")
    assert "€" in text and "$" not in text


# --- open source ------------------------------------------------------------------------------

def test_open_source_all_minimum_is_a_three_way_tie_not_a_win_for_closed():
    assert say(open_source, **at(open_source, "min")) == (
        "After 3 years cumulative profit is $0 M closed, $0 M open source and $0 M open core, so all three end "
        "level; opening the whole code earns exactly what keeping it closed earns, quarter by quarter; no paying "
        "demand leaks to rivals; nobody pays for the open product, so leakage changes nothing and opening ends "
        "level with closed.")


SAME_CODE = dict(p_closed=0.001, q_closed=0.05, premium_share=0.3, paying_share=0.3, licence_price=12,
                 subscription_price=12, open_part=1)


OPEN_SOURCE_BRANCHES = [
    ({}, "After 10 years cumulative profit is $67 M closed, $146 M open source and $428 thousand open core, so "
         "open source pays best; opening the whole code is ahead of closed from the start; rivals selling the same code "
         "capture $98 M, 20 % of the paying demand the open firm created; opening stays ahead of closed as long as "
         "rivals capture less than 36 % of paying demand."),
    (SAME_CODE, "−$278 M closed, $146 M open source and $146 M open core, so open source and open core tie for "
                "best; opening the whole code is ahead of closed from the start"),
    (SAME_CODE, "community work alone keeps opening ahead of closed whatever the leakage."),
    (dict(p_closed=0.1, q_closed=0.6), "so closed pays best; opening the whole code never catches up with keeping "
                                       "it closed"),
    (dict(p_closed=0.01, q_closed=0.0), "so open source pays best; opening the whole code overtakes closed in year 3 "
                                        "(quarter 2)"),
    (dict(paying_share=0.0), "even with no leakage, opening would not match closed over this horizon."),
    (at(open_source, "max"), "$18,657.25 B closed, $1,863.38 B open source and $1,863.38 B open core, so closed pays "
                             "best"),
    (at(open_source, "max"), "capture $16,827.52 B, 90 % of the paying demand the open firm created; opening stays "
                             "ahead of closed as long as rivals capture less than 0.2 % of paying demand."),
]


@pytest.mark.parametrize("name, clause", [
    ("Open-core start-up", "so open core pays best; opening the whole code never catches up with keeping it closed, "
                           "while open core overtakes closed in year 3 (quarter 1)"),
    ("Closed incumbent", "so closed pays best"),
])
def test_open_source_presets(name, clause):
    preset = next(p for p in open_source_explorer.PRESETS if p.name == name)
    assert clause in say(open_source, **preset.values)


@pytest.mark.parametrize("gap, ahead, text", [
    ([0.0, 0.0, 0.0], 1, "x earns exactly what keeping it closed earns, quarter by quarter"),
    ([1.0, 2.0, 3.0], 1, "x is ahead of closed from the start"),
    ([0.0, 2.0, 3.0], 1, "x is never behind closed"),
    ([-1.0, 2.0, 3.0], 2, "x overtakes closed in year 1 (quarter 2)"),
    ([-1.0, -1.0, -1.0, -1.0, 0.0, 0.0], 5, "x draws level with closed in year 2 (quarter 1)"),
    ([1.0, 2.0, -3.0], None, "x is ahead of closed for a while but ends behind it"),
    ([-1.0, 0.0, -3.0], None, "x never catches up with keeping it closed"),
])
def test_open_source_race_against_closed(gap, ahead, text):
    assert payback_month(np.array(gap)) == ahead
    assert open_source._race("x", pd.Series(gap), ahead) == text


@pytest.mark.parametrize("break_even, profit, text", [
    (float("inf"), {"open": 0.0, "closed": 0.0}, "nobody pays for the open product, so leakage changes nothing"),
    (float("inf"), {"open": 1.0, "closed": 0.0}, "community work alone keeps opening ahead of closed whatever"),
    (float("-inf"), {"open": -1.0, "closed": 0.0}, "even with no leakage, opening would not match closed"),
    (-0.01, {}, "even with no leakage, opening would not match closed"),
    (0.0, {}, "opening matches closed only if rivals capture none of the paying demand"),
    (0.004, {}, "opening stays ahead of closed as long as rivals capture less than 0.4 % of paying demand"),
    (0.5, {}, "as long as rivals capture less than 50 % of paying demand"),
    (0.9999, {}, "as long as rivals capture less than 99.99 % of paying demand"),
    (1.0, {}, "opening matches closed even if rivals capture all the paying demand"),
    (1.01, {}, "community work alone keeps opening ahead of closed whatever the leakage"),
])
def test_open_source_leakage_verdict_on_both_sides_of_each_boundary(break_even, profit, text):
    assert text in open_source._leakage_verdict(break_even, profit)


# --- contests ---------------------------------------------------------------------------------

CONTEST_BRANCHES = [
    (at(contests, "min"), "The only solver enters, putting in 50.0 quality points of effort; the best solution is "
                          "expected to score 50.0 points and no other crowd size on the chart does better; 1.00 "
                          "solutions are expected to reach the bar of 0 points, so each good idea costs $500 of "
                          "prize money."),
    (at(contests, "max"), "Only 20 of 2,000 solvers find it worth entering, each putting in no effort beyond "
                          "entering; the best solution is expected to score 74.7 points"),
    (at(contests, "max"), "practically no solution reaches the bar of 200 points (fewer than 1 in 100 such "
                          "contests would produce one)."),
    (dict(prize=1, entry_cost=0.6, solvers=10), "Only 1 of 10 solvers finds it worth entering, putting in 0.4 "
                                                "quality points of effort"),
    (dict(prize=10, entry_cost=3, solvers=10), "Only 3 of 10 solvers find it worth entering, each putting in 0.33 "
                                               "quality points"),
    (dict(prize=1, entry_cost=2, solvers=50), "Nobody enters: a prize of $1,000 does not cover the $2,000 it costs "
                                              "to take part, so the seeker gets no solution."),
    ({}, "All 20 solvers enter, each putting in 0.9 quality points of effort; the best solution is expected to score "
         "19.6 points and a larger crowd of 200 would do better (27.5 points): at σ = 10 the extra long shots "
         "outweigh the lost effort; 0.04 solutions are expected to reach the bar of 30 points, so each good idea "
         "costs $553,359 of prize money."),
    (dict(uncertainty=1, effort_cost=1, entry_cost=0, solvers=20), "a smaller crowd, a single solver, would do "
                                                                    "better (20.0 points)"),
    (dict(prize=1000, quality_bar=0), "so each good idea costs $50,000 of prize money"),
]


def test_contest_a_smaller_crowd_of_several():
    """The model's curve rarely peaks between 1 and the crowd invited: the sentence for it, from a made-up result."""
    values = contests.PARAMETERS.validate(solvers=100)
    result = dataclasses.replace(contests.simulate(values), best_solvers=5, best_quality=31.25)
    assert ("a smaller crowd of 5 would do better (31.2 points): effort falls faster than luck rises"
            in contests.takeaway(result, values))


# --- user design ------------------------------------------------------------------------------

def lego_with_unpaid_community() -> dict:
    lego = next(p for p in user_design_explorer.PRESETS if p.name.startswith("LEGO"))
    return {**lego.values, "royalty": 0.0, "community_cost": 0.0}


USER_DESIGN_BRANCHES = [
    (at(user_design, "min"), "Of 1 design submitted, 0.0 are produced and 0.0 become hits, earning the firm $0 of "
                             "gross profit; no design becomes a hit, so the community's design cost buys nothing "
                             "that sells twice; nothing is produced, so a submission earns its creator nothing."),
    (at(user_design, "max"), "earning the firm $900.00 billion of gross profit; a hit costs $20.03 million in design "
                             "and community costs, 100.1 times dearer than the $200,000 of an in-house hit; every "
                             "submission is produced, worth $20,025,000 to its creator."),
    ({}, "Of 1,400 designs submitted, 7.0 are produced and 2.1 become hits, earning the firm $91,000 of gross profit; "
         "a hit costs $13,595 in design and community costs, 2.5 times cheaper than the $33,333 of an in-house hit; "
         "a creator has a 1 in 200 chance of being produced, worth $2,650, so a submission is worth $13.25 on "
         "average."),
    (lego_with_unpaid_community(), "a hit costs nothing in design (creators and the community are unpaid), against "
                                   "the $333,333 of an in-house hit"),
    (dict(vote_share=0.5, select_share=0.5), "a creator has a 25 % chance of being produced"),
]


@pytest.mark.parametrize("cost, text", [
    (94.0, "1.1 times cheaper than"), (96.0, "about the same as"), (100.0, "about the same as"),
    (105.0, "about the same as"), (106.0, "1.1 times dearer than"), (250.0, "2.5 times dearer than"),
])
def test_user_design_cost_comparison_on_both_sides_of_about_the_same(cost, text):
    result = dataclasses.replace(user_design.simulate(), cost_per_hit=cost / 1000, inhouse_cost_per_hit=0.1)
    assert f"a hit costs ${cost:,.0f} in design and community costs, {text} the $100 of an in-house hit" in \
        user_design.takeaway(result)


@pytest.mark.parametrize("odds, text", [
    (1.0, "every submission is produced, worth $2,650 to its creator"),
    (0.5, "a creator has a 50 % chance of being produced, worth $2,650, so a submission is worth $1,325.00"),
    (0.1, "a creator has a 10 % chance of being produced"),
    (0.099, "a creator has a 1 in 10 chance of being produced"),
    (1e-9, "a creator has a 1 in 1,000,000,000 chance of being produced"),
    (1e-10, "a creator has less than a one-in-a-billion chance of being produced"),
    (5e-324, "a creator has less than a one-in-a-billion chance of being produced"),
    (0.0, "nothing is produced, so a submission earns its creator nothing"),
])
def test_user_design_creator_odds(odds, text):
    base = user_design.simulate()
    result = dataclasses.replace(base, odds_produced=odds, reward_per_submission=odds * base.reward_if_produced)
    assert text in user_design.takeaway(result)


# --- crowdfunding -----------------------------------------------------------------------------

CROWDFUNDING_BRANCHES = [
    (at(crowdfunding, "min"), "With a $500 goal over 10 days, 0 % of 500 simulated campaigns reach the goal; they "
                              "end at 0 % of the goal on average. All-or-nothing pays the creator $0 on average, "
                              "keep-it-all $0; no keep-it-all creator is left without enough money to deliver."),
    (dict(goal=500, pledge=50, network=5000, appeal=0.1), "99.8 % of 500 simulated campaigns reach the goal; failures "
                                                          "end at"),
    (dict(goal=500, pledge=50, network=10_000, appeal=0.1), "100 % of 500 simulated campaigns reach the goal; 0.4 % "
                                                            "of them finish at most 10 % above it."),
    (dict(goal=200_000, network=2000, appeal=0.02, share_rate=30), "0 % of 500 simulated campaigns reach the goal; "
                                                                   "they end at 1 % of the goal on average"),
    (dict(goal=200_000, network=2000, appeal=0.02, share_rate=30), "but keep-it-all leaves 100 % of creators without "
                                                                   "enough money to deliver what they promised"),
]


# --- referrals --------------------------------------------------------------------------------

REFERRAL_BRANCHES = [
    (at(referrals, "min"), "With K = 0.00 (below 1) the referral loop alone fades out: it can never pass 1 user "
                           "(seed ÷ (1 − K)) and ends with 1 active; with no paid budget, paid acquisition only keeps "
                           "the seed users and the mix is the referral loop."),
    (at(referrals, "max"), "With K = 100.00 (1 or more) each referral generation is at least as large as the last "
                           "until the market runs short: the loop alone ends with 39 active users after 104 weeks; "
                           "the mix ends with 39 active users at $200.00 per acquired user, against 20,113 at "
                           "$500.00 for paid acquisition alone."),
    (dict(invitations=10, conversion=0.0999, cocreator_share=0), "With K = 0.999 (below 1)"),
    (dict(invitations=10, conversion=0.1, cocreator_share=0), "With K = 1.00 (1 or more)"),
    ({}, "With K = 0.36 (below 1) the referral loop alone fades out: it can never pass 1,563 users (seed ÷ (1 − K)) "
         "and ends with 618 active; the mix ends with 13,743 active users at $12.60 per acquired user, against 8,854 "
         "at $20.00 for paid acquisition alone."),
    (dict(seed_users=1_000_000, market=1), "it can never pass 1.6 million users"),
    (dict(seed_users=1_000_000, market=1), "the seed users already fill the whole market, so paid acquisition wins "
                                           "nobody and the mix is the referral loop."),
    (dict(cac=20, paid_budget=5000, referral_reward=0, seed_users=1000), "at $12.60 per acquired user"),
]


@pytest.mark.parametrize("k, text", [(0.36, "0.36"), (0.994, "0.99"), (0.995, "0.99"), (0.996, "0.996"), (0.9999, "0.9999"),
                                     (1.0, "1.00"), (1.004, "1.00"), (0.99999999, "1.000000")])
def test_viral_coefficient_below_one_never_shows_as_one(k, text):
    assert referrals._coefficient(k) == text


# --- every model, at the edges and at random --------------------------------------------------

WORDS_THAT_ARE_NOT_NUMBERS = re.compile(r"\b(nan|inf|infinity|None)\b", re.IGNORECASE)
ONE_OF_MANY = re.compile(r"(?<![\d.,])1 (users|designs|solvers|campaigns|months|years|points)\b")


def assert_reads_true(name: str, module, values: dict) -> str:
    """The sentence exists, shows numbers, and each claim it makes agrees with the model's own result."""
    checked = module.PARAMETERS.validate(values)
    result = module.simulate(checked)
    text = module.takeaway(result, checked, "$")
    assert text.endswith(".") and not WORDS_THAT_ARE_NOT_NUMBERS.search(text), text
    assert not ONE_OF_MANY.search(text), text
    assert "$-" not in text and "$−" not in text, text
    CLAIMS[name](result, text)
    return text


def _freemium_claims(r, text):
    cash = r.monthly["cumulative_cash"].to_numpy()
    if "cumulative cash turns positive in month" in text:
        assert cash[r.payback_month - 1] > 0 and (cash[r.payback_month - 1:] >= 0).all()
    assert ("; cumulative cash stays at exactly zero" in text) == (not cash.any())
    assert ("; cumulative cash is still negative after" in text) == (cash[-1] < 0)
    trial = r.monthly["trial_cumulative_cash"].to_numpy()
    if "the free-trial model pays back in month" in text:
        assert trial[r.trial_payback_month - 1] > 0
    if r.paying_share > 0:
        assert not text.startswith("After 36 months 0 % ")


def _open_source_claims(r, text):
    cp = r.cumulative_profit
    named = re.search(r"so (closed|open source|open core) pays best", text)
    if named:
        winner = {"closed": "closed", "open source": "open", "open core": "open_core"}[named.group(1)]
        assert all(cp[winner] > cp[s] for s in cp if s != winner), (cp, text)
    if "all three end level" in text:
        assert max(cp.values()) - min(cp.values()) < 1.0
    gap = (r.quarterly["cumulative_profit_open"] - r.quarterly["cumulative_profit_closed"]).to_numpy()
    if "opening the whole code is ahead of closed from the start" in text:
        assert gap[0] > 0 and (gap >= 0).all()
    if "opening the whole code never catches up" in text:
        assert (gap <= 0).all() and gap[-1] < 0


def _contest_claims(r, text):
    assert text.startswith("Nobody enters") == (r.entrants == 0)
    if r.entrants == 1:
        assert "each putting in" not in text


def _user_design_claims(r, text):
    if "times cheaper than" in text:
        assert r.cost_per_hit < r.inhouse_cost_per_hit
    if "times dearer than" in text:
        assert r.cost_per_hit > r.inhouse_cost_per_hit
    assert ("every submission is produced" in text) == (r.odds_produced >= 1)


def _crowdfunding_claims(r, text):
    shown = re.search(r"days, (.+?) of 500 simulated campaigns reach the goal", text).group(1)
    assert (shown == "0 %") == (r.success_probability == 0)
    assert (shown == "100 %") == (r.success_probability == 1)


def _referral_claims(r, text):
    assert ("(below 1)" in text) == (r.k < 1)
    assert "K = 1.00 (below 1)" not in text


CLAIMS = {"freemium": _freemium_claims, "open_source": _open_source_claims, "contests": _contest_claims,
          "user_design": _user_design_claims, "crowdfunding": _crowdfunding_claims, "referrals": _referral_claims}

EDGES = [(name, end) for name in MODELS for end in ("min", "max")]
PRESETS = [(name, preset.name) for name, (_, presets) in MODELS.items() for preset in presets]


@pytest.mark.parametrize("name, end", EDGES, ids=[f"{n}-all-{e}" for n, e in EDGES])
def test_every_takeaway_reads_true_with_every_control_at_one_end(name, end):
    module, _ = MODELS[name]
    assert_reads_true(name, module, at(module, end))


@pytest.mark.parametrize("name, preset", PRESETS, ids=[f"{n}-{p}" for n, p in PRESETS])
def test_every_takeaway_reads_true_for_every_preset(name, preset):
    module, presets = MODELS[name]
    assert_reads_true(name, module, dict(next(p for p in presets if p.name == preset).values))


def _any_values(module) -> st.SearchStrategy[dict]:
    def one(p):
        if p.integer:
            return st.integers(int(p.min), int(p.max))
        return st.one_of(st.sampled_from([p.min, p.max, p.default]), st.floats(p.min, p.max, allow_nan=False))
    return st.fixed_dictionaries({p.name: one(p) for p in module.PARAMETERS})


@pytest.mark.parametrize("name", [n for n in MODELS if n != "crowdfunding"])
@given(data=st.data())
def test_every_takeaway_reads_true_at_random(name, data):
    module, _ = MODELS[name]
    values = data.draw(_any_values(module), label="values")
    try:
        module.PARAMETERS.validate(values)
    except ValueError:      # a combination the declarations refuse (e.g. a cycle longer than the horizon)
        return
    assert_reads_true(name, module, values)


BRANCHES = ([(freemium, *row) for row in FREEMIUM_BRANCHES] + [(open_source, *row) for row in OPEN_SOURCE_BRANCHES]
            + [(contests, *row) for row in CONTEST_BRANCHES] + [(user_design, *row) for row in USER_DESIGN_BRANCHES]
            + [(crowdfunding, *row) for row in CROWDFUNDING_BRANCHES] + [(referrals, *row) for row in REFERRAL_BRANCHES])


@pytest.mark.parametrize("module, values, clause", BRANCHES,
                         ids=[f"{m.__name__.split('.')[-1]}-{i}" for i, (m, _, _) in enumerate(BRANCHES)])
def test_each_branch_says_what_its_scenario_shows(module, values, clause):
    assert clause in say(module, **values)
