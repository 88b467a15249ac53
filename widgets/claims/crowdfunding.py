"""Lesson 10's things to try and quoted numbers, computed by the crowdfunding model (widgets/models/crowdfunding.py)."""

from __future__ import annotations

import numpy as np

from widgets.explorers.crowdfunding import PRESETS
from widgets.models import crowdfunding as cf

from ._text import dollars
from . import LessonClaims, Passage, Setting, Tries, attempt, num, pct

TYPICAL = Setting(cf, PRESETS["Typical Kickstarter project"])
LONG = Setting(cf, PRESETS["Typical project, 60 days"])
HARDWARE = Setting(cf, PRESETS["Ambitious hardware project"])
SOLUTIONS = "solutions/10_crowdfunding.ipynb"
# Question 6's creator: USD 15,000 of moulds, USD 30 a light, the typical project otherwise
MOULDS, LIGHT, FEE = 15_000, 30, 0.08


def _odds(setting: Setting, **changes) -> float:
    return setting.run(**changes).success_probability


def _surge(setting: Setting) -> float:
    """Backers in the last two days of the average campaign (the deadline surge)."""
    return float(setting.run().daily_backers[-cf.REMINDER_DAYS:].sum())


def _quiet_from(setting: Setting) -> int:
    """The first day on which the average campaign gets fewer than 0.1 backers."""
    return int(np.argmax(setting.run().daily_backers < 0.1)) + 1


def _network_day() -> tuple[int, float, float]:
    """The day whose backers change most when the network grows from the preset's 1,000 to 3,000."""
    before, after = TYPICAL.run().daily_backers, TYPICAL.run(network=3000).daily_backers
    day = int(np.argmax(np.abs(after - before)))
    return day + 1, float(before[day]), float(after[day])


def _try2():
    return dict(p30=pct(_odds(TYPICAL)), p60=pct(_odds(LONG)), quiet=max(_quiet_from(TYPICAL), _quiet_from(LONG)),
                s30=num(_surge(TYPICAL), 1), s60=num(_surge(LONG), 1))


def _try3():
    r, top = TYPICAL.run(), TYPICAL.run(appeal=cf.PARAMETERS["appeal"].max)
    failures = r.histogram[:10]
    return dict(low=pct(failures[0] / failures.sum()), w10=pct(r.success_within_10),
                pmax=pct(top.success_probability), w10max=pct(top.success_within_10))


def _holds3():
    r, top = TYPICAL.run(), TYPICAL.run(appeal=cf.PARAMETERS["appeal"].max)
    failures = r.histogram[:10]
    return {"failures pile up in the lowest bin": failures.argmax() == 0,
            "successes pile up just above the goal": r.histogram[10:].argmax() == 0,
            "even the highest appeal leaves many campaigns short": top.success_probability < 0.9,
            "a higher appeal spreads the successes": top.success_within_10 < r.success_within_10}


def _try4():
    day, before, after = _network_day()
    return dict(p0=pct(_odds(TYPICAL, network=0)) if _odds(TYPICAL, network=0) else "none",
                p3000=pct(_odds(TYPICAL, network=3000)), day=day, before=num(before, 1), after=num(after, 1))


def _holds4():
    day, _, _ = _network_day()
    return {"without a network no campaign reaches its goal": _odds(TYPICAL, network=0) == 0,
            "the biggest change is in the first days": day <= 3}


def _try5():
    out = {}
    for key, price in (("75", 75), ("150", 150), ("40", 40)):
        r = TYPICAL.run(pledge=price)
        out |= {f"p{key}": pct(r.success_probability), f"f{key}": dollars(r.aon_funds),
                f"l{key}": dollars(r.aon_profit)}
    return out


def _holds5():
    base, dear, cheap = TYPICAL.run(), TYPICAL.run(pledge=150), TYPICAL.run(pledge=40)
    return {"the higher price lowers the odds and the money received": dear.success_probability <
            base.success_probability and dear.aon_funds < base.aon_funds,
            "the lower price raises the odds but leaves a loss after delivery":
            cheap.success_probability > base.success_probability and cheap.aon_profit < 0 < base.aon_profit}


def _try6():
    r = HARDWARE.run()
    return dict(aon=dollars(r.aon_funds), kia=dollars(r.kia_funds), aon_left=dollars(r.aon_profit),
                kia_left=dollars(r.kia_profit), short=pct(r.kia_underfunded), gap=dollars(r.kia_shortfall))


def _holds6():
    r = HARDWARE.run()
    return {"keep-it-all hands over more": r.kia_funds > r.aon_funds,
            "but leaves less after delivery, below zero": r.kia_profit < 0 < r.aon_profit}


def _q6_campaign(goal: float, duration: int = 30):
    return TYPICAL.run(goal=goal, duration=duration, fixed_cost=MOULDS / goal, unit_cost=LIGHT)


def _q6():
    r = _q6_campaign(40_000)
    per_backer = (1 - FEE) * TYPICAL.values.pledge
    backers = MOULDS / (per_backer - LIGHT)
    return dict(odds=pct(r.success_probability), short=pct(r.kia_underfunded), gap=num(round(r.kia_shortfall, -2)),
                net=num(per_backer), left=num(per_backer - LIGHT), backers=num(np.ceil(backers)),
                breakeven=num(round(np.ceil(backers) * TYPICAL.values.pledge, -2)),
                p30=pct(_q6_campaign(30_000).success_probability),
                p60=pct(_q6_campaign(30_000, 60).success_probability))


CLAIMS = LessonClaims("10_crowdfunding", tries=Tries("e497e577", (
    attempt(
        "Ask for less.",
        "Pin the typical project ({p5} of campaigns reach its <span>&#36;</span>5,000 goal), then double the *funding "
        "goal* to <span>&#36;</span>10,000: {p10} reach it. Halve it to <span>&#36;</span>2,500: {p2}. Is the effect symmetric?",
        facts=lambda: dict(p5=pct(_odds(TYPICAL)), p10=pct(_odds(TYPICAL, goal=10_000)),
                           p2=pct(_odds(TYPICAL, goal=2_500))),
        holds=lambda: {"a bigger goal lowers the odds": _odds(TYPICAL, goal=10_000) < _odds(TYPICAL) <
                       _odds(TYPICAL, goal=2_500)},
    ),
    attempt(
        "Thirty or sixty days?",
        "Switch between *Typical Kickstarter project* and *Typical project, 60 days*. The longer campaign has "
        "thirty more days, yet its odds fall from {p30} to {p60}. In the backers-per-day chart both campaigns are "
        "quiet from about day {quiet} until the last two days, and the deadline surge shrinks from {s30} to {s60} "
        "backers. Which part of the model is responsible?",
        facts=_try2,
        holds=lambda: {"the longer campaign has lower odds": _odds(LONG) < _odds(TYPICAL),
                       "its deadline surge is smaller": _surge(LONG) < _surge(TYPICAL)},
    ),
    attempt(
        "Fail big, succeed small.",
        "Look at the histogram: {low} of the failures end below 10 % of the goal, and the successes pile up "
        "just above 100 % ({w10} of them end at most 10 % above the goal). Raise *Appeal* to its maximum, 10 %: "
        "still only {pmax} of campaigns succeed, and the pile just above 100 % flattens ({w10max} within 10 %). "
        "What keeps the successes so close to their goal in this model?",
        facts=_try3, holds=_holds3,
    ),
    attempt(
        "The network matters most at the start.",
        "Set *Creator's network* to 0: {p0} of the campaigns reach the goal, because in this model strangers hear "
        "of a campaign only from those already interested. Then set it to 3,000: {p3000} succeed, and day {day}'s "
        "backers change most, from {before} to {after} on average.",
        facts=_try4, holds=_holds4,
    ),
    attempt(
        "Price the reward.",
        "Move the *average pledge* from <span>&#36;</span>75 ({p75} succeed, all-or-nothing pays {f75} on average "
        "and leaves {l75} after delivery) to <span>&#36;</span>150 ({p150}, {f150}, {l150}) and to <span>&#36;</span>40 "
        "({p40}, {f40}, {l40}). Why can a higher price lower the money raised, and a lower one leave less after "
        "delivering the rewards?",
        facts=_try5, holds=_holds5,
    ),
    attempt(
        "All-or-nothing or keep-it-all?",
        "With the *Ambitious hardware project*, all-or-nothing pays the creator {aon} on average and keep-it-all "
        "{kia}; after delivery they leave {aon_left} and {kia_left}, and {short} of keep-it-all creators are short "
        "of the money to deliver (by {gap} on average). Who bears the risk of a half-funded campaign under each "
        "rule?",
        facts=_try6, holds=_holds6,
    ),
)), passages=(
    Passage(
        text="### Presets\n\nEach preset says where its numbers come from. The typical project takes the average pledge from\n"
             "Kickstarter's October 2013 figures (derived above) and its appeal is set so that {share} of the\n"
             "simulated campaigns reach the goal, close to the 43.84 % Kickstarter reported then. Everything\n"
             "else — the goal, the network, sharing, the 3 % payment fee on top of Kickstarter's 5 %, the delivery\n"
             "costs, and the whole *ambitious hardware* preset — is **illustrative**.",
        facts=lambda: dict(share=pct(_odds(TYPICAL))),
        holds=lambda: {"within three points of 43.84 %": abs(_odds(TYPICAL) - 0.4384) < 0.03},
        cell="816d18fe",
    ),
    Passage(
        text="## 5 · Does the model reproduce Mollick?\n\nTwo findings, checked on the model. First, **bigger goals "
             "and longer campaigns lower the chance of\nsuccess** (at fixed values of everything else):",
        holds=lambda: {"odds fall with every bigger goal of the chart": list(np.diff(
            [_odds(TYPICAL, goal=g) for g in (1_000, 2_500, 5_000, 10_000, 20_000, 50_000)]) < 0) == [True] * 5,
            "and with every longer campaign": list(np.diff(
                [_odds(TYPICAL, duration=d) for d in (10, 20, 30, 45, 60, 90)]) < 0) == [True] * 5},
        cell="b51553af",
    ),
    Passage(
        text="**Model answer.** All-or-nothing. The moulds are a fixed cost of <span>&#36;</span>15,000 that must be paid\n"
             "before a single light ships, so a half-funded keep-it-all campaign would leave her owing rewards\n"
             "she cannot make. With `crowdfunding.simulate(goal=40_000, fixed_cost=0.375, unit_cost=30)` (the\n"
             "other values as in the typical project: 30 days, <span>&#36;</span>75 pledges, 1,000 contacts, appeal 3.4 %)\n"
             "only {odds} of simulated campaigns reach the goal, and keep-it-all leaves {short} of\n"
             "creators short of the money to deliver, by roughly <span>&#36;</span>{gap} on average. The goal must still\n"
             "cover the moulds and <span>&#36;</span>30 per light after an 8 % fee: each backer leaves <span>&#36;</span>{net} − "
             "<span>&#36;</span>30 = <span>&#36;</span>{left},\n"
             "so she needs about {backers} backers (about <span>&#36;</span>{breakeven}) to break even. I would recommend a "
             "goal of about\n<span>&#36;</span>30,000 over 30 days ({p30} of campaigns reach it in the model, {p60} over 60 "
             "days; the moulds are then half the goal)\nand building the network before launch. Risk: late or failed "
             "delivery (Mollick: more than 75 % deliver late), and pledges\nthat fail to collect.\n\n"
             "**Rubric (3 points).**\n"
             "* 1 point — chooses a funding model and justifies it by the fixed cost (who bears the risk of an\n"
             "  underfunded campaign).\n"
             "* 1 point — uses at least two correct numbers from the explorer or model with the settings stated\n"
             "  (e.g. odds of success, break-even backers, money left after delivery).\n"
             "* 1 point — recommends a goal that covers costs after fees and a campaign length, and names one\n"
             "  post-campaign risk (late or no delivery, uncollected pledges, cost overruns).",
        facts=_q6,
        holds=lambda: {"the smaller goal has better odds": _q6_campaign(30_000).success_probability >
                       _q6_campaign(40_000).success_probability,
                       "60 days lowers them": _q6_campaign(30_000, 60).success_probability <
                       _q6_campaign(30_000).success_probability,
                       "USD 30,000 covers the break-even": 30_000 >= np.ceil(MOULDS / ((1 - FEE) * 75 - LIGHT)) * 75},
        cell="b5ac45d1", notebook=SOLUTIONS,
    ),
))
