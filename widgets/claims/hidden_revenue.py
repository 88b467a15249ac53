"""Lesson 21's things to try and quoted numbers, computed by the hidden-revenue model (widgets/models/ad_supported.py)."""

from __future__ import annotations

import math
from functools import cache

from widgets import data
from widgets.explorers.ad_supported import PRESETS
from widgets.models import ad_supported as ads

from . import LessonClaims, Passage, Setting, Tries, attempt, money, num, pct

US = Setting(ads, PRESETS["Meta US & Canada (Q4 2021)"])
APAC = Setting(ads, PRESETS["Meta Asia-Pacific (Q4 2021)"])
SOLUTIONS = "solutions/21_hidden_revenue.ipynb"
TARGET_LOSS = 0.08             # the ATT headwind as a share of would-be 2022 revenue (section 6.2), rounded
REPLAY = dict(opt_out=0.31, ad_load=47)   # Meta's reported 2022: price per ad −16 %, ads shown +18 %
EDGE = dict(ad_load=120, churn_sensitivity=0.05)


def _loads(setting: Setting, low: int, high: int) -> range:
    step = int(setting.model.PARAMETERS["ad_load"].step)
    return range(low, high + 1, step)


@cache
def opt_out_for_target() -> float:
    """The slider position (1 % steps) whose price cut o·d comes closest to the 8 % headwind, at the 52 % cut."""
    shares = [i / 100 for i in range(101)]
    return min(shares, key=lambda o: abs(US.run(ad_load=40, opt_out=o).first_month_change + TARGET_LOSS))


@cache
def recovering_load() -> int:
    """The smallest ad load at which month-1 revenue is back to today's despite the opt-outs."""
    o = opt_out_for_target()
    return next(a for a in _loads(US, 40, 120) if US.run(opt_out=o, ad_load=a).first_month_change >= 0)


def _exponential_churn() -> float:
    """What the old form c₀·e^{κΔa} would give at the controls' end (uncapped)."""
    return US.values.churn * math.exp(EDGE["churn_sensitivity"] * (EDGE["ad_load"] - US.values.current_ad_load))


def _reported_2022() -> dict[str, str]:
    """Meta's reported 2022 against 2021, from datasets/meta_ads.csv (10-K)."""
    meta = data.load("meta_ads").set_index("year")
    return dict(shown=pct(meta.at[2022, "ad_impressions_change_pct"] / 100),
                price=pct(-meta.at[2022, "price_per_ad_change_pct"] / 100),
                revenue=pct(1 - meta.at[2022, "advertising_usd_m"] / meta.at[2021, "advertising_usd_m"]))


def _rule(suffix: str, values) -> dict[str, str]:
    """The rule of thumb 1/(κ + τ) for the best ad load, with the sensitivities it is computed from."""
    return {f"kappa{suffix}": num(values.churn_sensitivity, 3).rstrip("0"),
            f"tau{suffix}": num(values.time_sensitivity, 3).rstrip("0"),
            f"rule{suffix}": num(1 / (values.churn_sensitivity + values.time_sensitivity))}


def _months(result) -> int:
    return len(result.monthly)


def _users_month_one(result, values) -> float:
    return result.monthly["users"].iloc[0] / values.users - 1


TRIES = Tries("l21-20", (
    attempt(
        "The temptation.",
        "The preset proposes {new} ads an hour instead of {today}. Read the sentence: revenue rises {first} in month 1, "
        "falls below today's from month {cross} and settles {settle} below today once users have adapted. Now pin the "
        "scenario and set *How fast time spent adjusts* to 100 % (time spent reacts at once; users still leave "
        "slowly): month 1 is only {first_fast} above today. A product team that ran a one-month A/B test on the slow "
        "version — what would it have concluded, and what would it have missed?",
        facts=lambda: dict(new=num(US.values.ad_load), today=num(US.values.current_ad_load),
                           first=pct(US.run().first_month_change), cross=US.run().crossover_month,
                           settle=pct(-US.run().long_run_change, 1),
                           first_fast=pct(US.run(adaptation=1.0).first_month_change)),
        holds=lambda: {
            "revenue rises in month 1": US.run().first_month_change > 0,
            "it falls below today's for good": US.run().crossover_month is not None,
            "it settles below today": US.run().long_run_change < 0,
            "a faster reaction shrinks the month-1 gain": 0 < US.run(adaptation=1.0).first_month_change
            < US.run().first_month_change,
            "the sentence names the crossover month": f"month {US.run().crossover_month}" in US.say(),
        },
    ),
    attempt(
        "Find the best ad load.",
        "Set the new ad load to 30, then 50: either way the sentence names {best} ads an hour as the long-run best, "
        "today's load ($1/({kappa} + {tau}) = {rule}$). Now change *Time lost per extra ad an hour* to 1 %: the best "
        "moves to about {best10} ads an hour, just above $1/({kappa10} + {tau10}) = {rule10}$, because churn's response "
        "flattens a little as it climbs towards its ceiling.",
        facts=lambda: dict(best=num(US.run(ad_load=30).best_ad_load),
                           best10=num(US.run(time_sensitivity=0.01).best_ad_load, 1),
                           **_rule("", US.values), **_rule("10", US.checked(time_sensitivity=0.01))),
        holds=lambda: {
            "at 30 and at 50 the best is today's 40": US.run(ad_load=30).best_ad_load == US.run(ad_load=50).best_ad_load
            == 40,
            "the sentence says so": "highest at about 40 ads an hour" in US.say(ad_load=30),
            "at 1 % the best is within one ad of 50, not below it":
                50 <= US.run(time_sensitivity=0.01).best_ad_load < 51,
        },
    ),
    attempt(
        "Same proposal, other region.",
        "Switch to *Meta Asia-Pacific (Q4 2021)*. The percentages in the sentence do not change ({first} above "
        "today in month 1, {settle} below in the long run) — why not? What *does* change ({us} a month in the US & Canada, {apac} in "
        "Asia-Pacific), and what does that mean for where a firm would test a new ad format?",
        facts=lambda: dict(first=pct(APAC.run().first_month_change), settle=pct(-APAC.run().long_run_change, 1),
                           us=money(US.run().status_quo_revenue / 1000, 2, "bn"),
                           apac=money(APAC.run().status_quo_revenue / 1000, 2, "bn")),
        holds=lambda: {
            "the same percentages in both regions": abs(US.run().first_month_change - APAC.run().first_month_change)
            < 1e-12 and abs(US.run().long_run_change - APAC.run().long_run_change) < 1e-12,
            "the money differs": US.run().status_quo_revenue > 2 * APAC.run().status_quo_revenue,
            "both sentences give the same percentages": all(
                phrase in US.say() and phrase in APAC.say()
                for phrase in (f"{pct(APAC.run().first_month_change)} above today in month 1",
                               f"settles {pct(-APAC.run().long_run_change, 1)} below today")),
        },
    ),
    attempt(
        "Apple's prompt.",
        "Reset, set the new ad load back to 40 and raise *Users who opt out of tracking*. At {o} the sentence says "
        "revenue is {loss} below today for good: that is the 8 % loss of section 6 at the 52 % price cut.",
        facts=lambda: dict(o=pct(opt_out_for_target()),
                           loss=pct(-US.run(ad_load=40, opt_out=opt_out_for_target()).first_month_change, 1)),
        holds=lambda: {
            "the loss is within half a point of 8 %":
                abs(US.run(ad_load=40, opt_out=opt_out_for_target()).first_month_change + TARGET_LOSS) < 0.005,
            "the sentence says 'for good'": "for good" in US.say(ad_load=40, opt_out=opt_out_for_target()),
        },
    ),
    attempt(
        "Meta's answer.",
        "Keep {o} opted out and raise the ad load until month-1 revenue is back to today's: that takes {a} ads an "
        "hour. Month 1 is now {first} above today, but after {months} months revenue is {end} below today and it "
        "settles {settle} below: more than the {loss} the opt-outs alone cost. The extra ads bought one good month "
        "with years of attention.",
        facts=lambda: dict(o=pct(opt_out_for_target()), a=recovering_load(),
                           first=pct(US.run(opt_out=opt_out_for_target(), ad_load=recovering_load()).first_month_change,
                                     1),
                           months=_months(US.run()),
                           end=pct(-US.run(opt_out=opt_out_for_target(), ad_load=recovering_load()).last_month_change,
                                   1),
                           settle=pct(-US.run(opt_out=opt_out_for_target(), ad_load=recovering_load()).long_run_change,
                                      1),
                           loss=pct(-US.run(ad_load=40, opt_out=opt_out_for_target()).first_month_change, 1)),
        holds=lambda: {
            "one ad fewer does not recover month 1":
                US.run(opt_out=opt_out_for_target(), ad_load=recovering_load() - 1).first_month_change < 0,
            "the end is below today": US.run(opt_out=opt_out_for_target(), ad_load=recovering_load()).last_month_change
            < 0,
            "the long run is worse than taking the price cut":
                US.run(opt_out=opt_out_for_target(), ad_load=recovering_load()).long_run_change
                < US.run(ad_load=40, opt_out=opt_out_for_target()).long_run_change,
        },
    ),
    attempt(
        "Replay 2022 — and see what the model leaves out.",
        "Meta's *reported* 2022 (data, not the model): ads shown +{shown}, price per ad −{price}, advertising revenue "
        "−{revenue}. "
        "To make the model produce those two numbers, set *Users who opt out of tracking* to {o} (price per 1,000 ads "
        "−{cut}) and the new ad load to {a} (+{more} ads an hour): the model says month 1 is {first} below today and "
        "{end} below in month {months}. It can only do this by putting the whole price fall on opt-outs (section 6.2 "
        "puts about half of it there) and all the extra ads into each user's hour; Meta's extra impressions also came "
        "from more users and new places for ads, which the model does not have.",
        facts=lambda: dict(**_reported_2022(), o=pct(REPLAY["opt_out"]), cut=pct(US.run(**REPLAY).price_cut),
                           a=REPLAY["ad_load"], more=pct(REPLAY["ad_load"] / US.values.current_ad_load - 1),
                           first=pct(-US.run(**REPLAY).first_month_change, 1), months=_months(US.run()),
                           end=pct(-US.run(**REPLAY).last_month_change)),
        holds=lambda: {
            "the price cut reads 16 %": pct(US.run(**REPLAY).price_cut) == "16 %",
            "the extra ads read 18 %": pct(REPLAY["ad_load"] / US.values.current_ad_load - 1) == "18 %",
            "month 1 and the end are below today": US.run(**REPLAY).first_month_change < 0
            and US.run(**REPLAY).last_month_change < 0,
            "the 8 % headwind is about half the 16 % price fall": 0.4 < TARGET_LOSS / US.run(**REPLAY).price_cut < 0.6,
        },
    ),
    attempt(
        "Leaving versus watching less.",
        "Reset. Set *Churn rise per extra ad an hour* to 0 and time lost to 2.5 %: revenue falls below today's from "
        "month {time_cross}. Pin; then swap the two (churn rise 2.5 %, time lost 0): now only from month {churn_cross}. "
        "Which reaction shows up faster in revenue, and why does the other one take years?",
        facts=lambda: dict(time_cross=US.run(churn_sensitivity=0.0, time_sensitivity=0.025).crossover_month,
                           churn_cross=US.run(churn_sensitivity=0.025, time_sensitivity=0.0).crossover_month),
        holds=lambda: {
            "watching less shows up first": US.run(churn_sensitivity=0.0, time_sensitivity=0.025).crossover_month
            < US.run(churn_sensitivity=0.025, time_sensitivity=0.0).crossover_month,
        },
    ),
    attempt(
        "Users leave over months, not overnight.",
        "Push it to the end: *Churn rise per extra ad an hour* to 5 % and the new ad load to 120. Monthly churn climbs "
        "from {c0} to {c}, close to the model's ceiling of {cap} a month but never at it: {users_lost} of the users "
        "are gone after month 1, and the sentence still reports revenue {first} above today in month 1. The exponential "
        "$c_0 e^{{\\kappa \\Delta a}}$ would have said {naive}, everyone gone at once.",
        facts=lambda: dict(c0=pct(US.values.churn), c=pct(US.run(**EDGE).new_churn, 1), cap=pct(ads.CHURN_CEILING),
                           users_lost=pct(-_users_month_one(US.run(**EDGE), US.values)),
                           first=pct(US.run(**EDGE).first_month_change),
                           naive=pct(min(1.0, _exponential_churn()))),
        holds=lambda: {
            "churn stays below the ceiling": US.run(**EDGE).new_churn < ads.CHURN_CEILING,
            "month 1 is above today": US.run(**EDGE).first_month_change > 0,
            "the exponential would have reached 100 %": _exponential_churn() >= 1,
            "the sentence still reports month 1 above today":
                f"revenue is {pct(US.run(**EDGE).first_month_change)} above today in month 1" in US.say(**EDGE),
        },
    ),
))


def _cost(setting: Setting) -> str:
    return money(setting.run().opt_out_cost)


PASSAGES = (
    Passage(
        cell="l21-16",
        text="""### How the company presets are calibrated

Meta does not publish time spent or ads per hour, only revenue and users. So the presets take the
**revenue per daily user per day** from the data (Q4 2021 advertising revenue by user geography ÷
Facebook daily users ÷ 92 days) and set the same illustrative 30 minutes a day and 40 ads an hour in
every region. The regional difference therefore lands entirely in the price per 1,000 ads — which is
where the data says it belongs. The sensitivities are chosen so that today's {today} ads an hour is exactly
the long-run best ($1/({kappa} + {tau}) = {rule}$, and the model's search finds {best}); the preset's proposal is
{new} ads an hour.""",
        facts=lambda: dict(**_rule("", US.values), today=num(US.values.current_ad_load), best=num(US.run().best_ad_load),
                           new=num(US.values.ad_load)),
        holds=lambda: {"every preset's best is today's load": all(
            Setting(ads, p).run().best_ad_load == p.values["current_ad_load"] for p in PRESETS)},
    ),
    Passage(
        cell="l21-24",
        text=(
            """So the firm's stake in each user's consent is about ten times larger in the US & Canada ({us} a year) than
in Asia-Pacific ({apac}). The model also makes plain what it does *not* count: the user's side. Nothing in $R_t$
rises when a user gains privacy, and nothing falls when a user loses an hour of attention to ads. A
model that is only the firm's revenue will always recommend more data and more ads up to $a^{{*}}$ —
and $a^{{*}}$ is the ad load where the *firm's* gain from one more ad equals the *firm's* loss, not
where the user's cost is counted. Anderson & Coate (2005) showed that a market financed by
advertising can carry too many ads or too few compared with what is best for viewers and advertisers
together: the firm's optimum is not society's.

### 6.2 A real test: Apple's App Tracking Transparency

The facts, from Meta and the press reports of its results call:"""
        ),
        facts=lambda: dict(us=_cost(US), apac=_cost(APAC)),
        holds=lambda: {"about ten times": 9.5 < US.run().opt_out_cost / APAC.run().opt_out_cost < 10.5},
    ),
    Passage(
        cell="l21-28b",
        text="""The firm's reaction is the second test. In 2022 Meta showed **18 % more ads** while the price per ad fell
**16 %** (reported figures, not the model). In the explorer (things to try 4 and 5) an opt-out price cut of
{loss} answered with a higher ad load ({a} ads an hour instead of 40) brings month-1 revenue back, and the model
says the bill for the extra ads comes later, in time spent and users: {end} below today after {months} months.
Some of Meta's extra impressions came from more users (Facebook's daily users grew about 4 % in 2022) and from
new places to show ads, so the model can frame the question — *did the firm trade future attention for present
revenue?* — but the data cannot settle it.""",
        facts=lambda: dict(loss=pct(-US.run(ad_load=40, opt_out=opt_out_for_target()).first_month_change, 1),
                           a=recovering_load(), months=_months(US.run()),
                           end=pct(-US.run(opt_out=opt_out_for_target(), ad_load=recovering_load()).last_month_change,
                                   1)),
        holds=lambda: {"month-1 revenue is back": US.run(opt_out=opt_out_for_target(),
                                                         ad_load=recovering_load()).first_month_change >= 0},
    ),
    Passage(
        cell="s21-59",
        notebook=SOLUTIONS,
        text="""**Question 6 — who should set the default? (written, graded by hand).** In the lesson's model, a user
who opts out of tracking costs Meta about {us} a year in the US & Canada but about {apac} in
Asia-Pacific (the 52 % price cut on an untracked ad × the revenue a daily user brings, Q4 2021).
Under the industry's old *opt-out* scheme only 0.23 % of US ad impressions came from users who had
opted out (Johnson, Shriver & Du 2020); when Apple *asked*, only about 12 % of the app users who answered
the prompt worldwide allowed tracking in the first weeks (Flurry, a secondary report). You advise a
regulator: should personalised advertising require the user's opt-in consent? Answer in at most 150 words,
using at least two of these numbers and naming one group besides the platform that gains or loses.""",
        facts=lambda: dict(us=_cost(US), apac=_cost(APAC)),
        holds=lambda: {"about ten times": 9.5 < US.run().opt_out_cost / APAC.run().opt_out_cost < 10.5},
    ),
    Passage(
        cell="s21-61",
        notebook=SOLUTIONS,
        text="""**Model answer.** The numbers show that the default, not the users' preferences, decides the outcome:
0.23 % opted out when it took effort, while about 88 % of the app users who answered Apple's prompt declined.
An opt-out default therefore collects data from millions who, asked, would refuse — consent in name only. The
platform's stake is large and uneven: a US & Canada user's "no" costs it about {us} a year, ten times an
Asia-Pacific user's ({apac}), so a platform left to design its own consent screen has a strong motive to
nudge rich-market users to say yes. I would require opt-in, with a refusal as easy as acceptance
and no worse service for those who refuse. Losers: small advertisers who relied on cheap targeting
and publishers whose ads sell for about half; users may see more (less relevant) ads if platforms
raise ad load to compensate.

**Rubric (3 points).**
* 1 point — uses at least two of the numbers correctly ({us} vs {apac_short}, 0.23 %, about 12 % of those
  who answered, the 52 % price cut) to make a point, not just to repeat them.
* 1 point — reasons with the model or the evidence: the default drives the opt-out share; revenue
  lost is $o \\times d$, so the platform's incentive to win consent is largest where users are worth most;
  a platform may answer a price cut with more ads, which users pay for in attention.
* 1 point — a clear recommendation that names one other group that gains or loses (users,
  advertisers, small businesses, publishers, app developers) and how.""",
        facts=lambda: dict(us=_cost(US), apac=_cost(APAC), apac_short=num(APAC.run().opt_out_cost)),
        holds=lambda: {"ten times": 9.5 < US.run().opt_out_cost / APAC.run().opt_out_cost < 10.5},
    ),
)

CLAIMS = LessonClaims("21_hidden_revenue", tries=TRIES, passages=PASSAGES)
