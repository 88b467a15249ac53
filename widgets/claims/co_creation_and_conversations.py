"""Lesson 13's things to try, computed by the referral model (widgets/models/referrals.py)."""

from __future__ import annotations

import numpy as np

from widgets.explorers.referrals import PRESETS
from widgets.models import referrals as rf

from ._sliders import positions
from ._text import dollars
from . import LessonClaims, Setting, Tries, attempt, num

COMMUNITY = Setting(rf, PRESETS["Threadless-style community"])
START_UP = Setting(rf, PRESETS["Paid-acquisition start-up"])
BOOK = Setting(rf, PRESETS["Business Model Generation book launch"])
FAST_CYCLE = 4      # days: the 7-day cycle cut about in half (the slider moves in whole days)
BOOK_INVITATIONS = 10.0


def _least(setting: Setting, name: str, ok) -> float:
    """The lowest position of a control at which ``ok(result)`` holds."""
    return min(x for x in positions(setting, name) if ok(setting.run(**{name: x})))


def _k_one_invitations() -> float:
    return _least(COMMUNITY, "invitations", lambda r: r.k >= 1)


def _active_at(setting: Setting, strategy: str, week: float, **changes) -> float:
    """Active users of a strategy at the last cycle that ends by ``week``."""
    cycles = setting.run(**changes).cycles
    return float(cycles[cycles.week <= week][f"{strategy}_active"].iloc[-1])


def _mix(setting: Setting, **changes):
    return setting.run(**changes).outcomes["mix"]


def _try1():
    inv = _k_one_invitations()
    return dict(k=num(COMMUNITY.run().k, 2), inv=num(inv, 1), k1=num(COMMUNITY.run(invitations=inv).k, 2),
                cost=dollars(_mix(COMMUNITY).blended_cac, 2), cost1=dollars(_mix(COMMUNITY, invitations=inv).blended_cac, 2),
                conv=num(_least(COMMUNITY, "conversion", lambda r: r.k >= 1) * 100, 1),
                kmax=num(COMMUNITY.run(cocreator_share=1.0).k, 2))


def _try2():
    inv = _k_one_invitations()
    return dict(inv=num(inv, 1), slow=num(_active_at(COMMUNITY, "mix", 26, invitations=inv)),
                fast=num(_active_at(COMMUNITY, "mix", 26, invitations=inv, cycle_days=FAST_CYCLE)),
                slow0=num(_active_at(COMMUNITY, "mix", 26)),
                fast0=num(_active_at(COMMUNITY, "mix", 26, cycle_days=FAST_CYCLE)), fast_days=FAST_CYCLE,
                weeks=26)


def _holds2():
    inv = _k_one_invitations()
    gain = _active_at(COMMUNITY, "mix", 26, invitations=inv, cycle_days=FAST_CYCLE) / \
        _active_at(COMMUNITY, "mix", 26, invitations=inv)
    gain0 = _active_at(COMMUNITY, "mix", 26, cycle_days=FAST_CYCLE) / _active_at(COMMUNITY, "mix", 26)
    return {"above K = 1 the faster cycle adds over half as many users again": gain > 1.5,
            "below K = 1 it changes less than 1 %": abs(gain0 - 1) < 0.01}


def _try3():
    none = _mix(COMMUNITY, cocreator_share=0).active_users
    both = _mix(COMMUNITY, cocreator_share=0.3).active_users
    stay = _mix(COMMUNITY, cocreator_share=0.3, cocreator_multiplier=1).active_users
    return dict(none=num(none), both=num(both), stay=num(stay), invite=num(both - stay), keep=num(stay - none))


def _start_up_invitations() -> float:
    return _least(START_UP, "invitations", lambda r: r.outcomes["mix"].blended_cac <= START_UP.values.cac / 2)


def _try4():
    inv = _start_up_invitations()
    return dict(inv=num(inv, 1), k=num(START_UP.run(invitations=inv).k, 2), half=dollars(START_UP.values.cac / 2),
                k_half=num(0.5, 1), at10=dollars(_mix(START_UP, invitations=10.0).blended_cac, 2))


def _try5():
    costs = {r: _mix(START_UP, referral_reward=r).blended_cac for r in (0, 10, 30, 50)}
    return dict(c0=dollars(costs[0], 2), c10=dollars(costs[10], 2), c30=dollars(costs[30], 2),
                c50=dollars(costs[50], 2), cac=dollars(START_UP.values.cac))


def _holds5():
    costs = [_mix(START_UP, referral_reward=r).blended_cac for r in (0, 10, 30, 50)]
    cac = START_UP.values.cac
    return {"every reward raises the mix's cost": bool(np.all(np.diff(costs) > 0)),
            "a reward leaves K where it was": START_UP.run(referral_reward=50).k == START_UP.run().k,
            "only the reward above CAC costs more than paid alone": costs[2] < cac < costs[3]}


def _book(**changes):
    r = BOOK.run(invitations=BOOK_INVITATIONS, **changes)
    peak = int(np.argmax(r.cycles.referral_new_referred.to_numpy()))
    return r, float(r.cycles.week[peak])


def _try6():
    r, peak = _book()
    return dict(k=num(BOOK.run().k, 2), inv=num(BOOK_INVITATIONS), k10=num(r.k, 2), peak=num(peak),
                total=num(r.outcomes["referral"].total_users / 1e6, 1))


CLAIMS = LessonClaims("13_co_creation_and_conversations", tries=Tries("b7928959", (
    attempt(
        "Cross $K = 1$.",
        "In the Threadless-style community ($K$ = {k}), raise *invitations per new user* until the sentence says "
        "$K$ is 1 or more: at {inv} invitations $K$ = {k1}. What happens to the green curve's shape? The mix's "
        "cost per acquired user falls from {cost} to {cost1}. Conversion alone would need {conv} %, and the "
        "co-creator share alone cannot get there (even 100 % gives $K$ = {kmax}).",
        facts=_try1,
        holds=lambda: {"co-creators alone stay below 1": COMMUNITY.run(cocreator_share=1.0).k < 1,
                       "the sentence says K is 1 or more": "(1 or more)" in COMMUNITY.say(invitations=_k_one_invitations())
                       and "(1 or more)" not in COMMUNITY.say(),
                       "crossing K = 1 cuts the mix's cost": _mix(COMMUNITY, invitations=_k_one_invitations())
                       .blended_cac < _mix(COMMUNITY).blended_cac},
    ),
    attempt(
        "Cycle time against $K$.",
        "Set $K$ just above 1 ({inv} invitations) and pin. Now cut the *referral cycle time* from 7 to {fast_days} "
        "days instead of changing $K$: the mix has {fast} active users after {weeks} weeks instead of {slow}. Do the "
        "same at the preset's $K$ below 1: {fast0} instead of {slow0}. Why does cycle time matter so much more "
        "once $K \\ge 1$, and so little when $K < 1$?",
        facts=_try2, holds=_holds2,
    ),
    attempt(
        "What co-creators are worth.",
        "Set the *co-creator share* to 0 (the mix ends with {none} active users), pin, then raise it to 30 % "
        "({both}). Then set the *referral multiplier* to 1: co-creators now only churn less ({stay}). So about "
        "{invite} of the gain came from inviting and {keep} from staying.",
        facts=_try3,
        holds=lambda: {"both parts add users": _mix(COMMUNITY, cocreator_share=0.3).active_users >
                       _mix(COMMUNITY, cocreator_share=0.3, cocreator_multiplier=1).active_users >
                       _mix(COMMUNITY, cocreator_share=0).active_users},
    ),
    attempt(
        "The paid start-up.",
        "Switch to *Paid-acquisition start-up*. Raise invitations until the mix's blended cost per user is half "
        "the CAC ({half}): that takes {inv} invitations, $K$ = {k}. $\\text{{CAC}}\\,(1-K)$ says $K$ = {k_half} "
        "should do: at 10 invitations the cost is still {at10} after 52 weeks. Why does the formula need a "
        "little more time than the horizon gives?",
        facts=_try4,
        holds=lambda: {"K = 0.5 is not quite enough within 52 weeks":
                       _mix(START_UP, invitations=10.0).blended_cac > START_UP.values.cac / 2},
    ),
    attempt(
        "Paying for referrals.",
        "Give referrers a *referral reward* of <span>&#36;</span>10, then <span>&#36;</span>30, then <span>&#36;</span>50 "
        "(CAC is {cac}): the mix's cost per user goes from {c0} to {c10}, {c30} and {c50}. In this model a "
        "reward does not raise $K$, so it always makes the mix dearer, and above the CAC dearer than paid "
        "acquisition alone. What else — more invitations, trust, disclosure, fraud — does the model leave out?",
        facts=_try5, holds=_holds5,
    ),
    attempt(
        "The book launch.",
        "Choose *Business Model Generation book launch* ($K$ = {k}) and push $K$ well above 1: at {inv} "
        "invitations $K$ = {k10}. New referrals peak around week {peak} and fall as the 5-million addressable "
        "market runs out ({total} million have joined by week 52): that is saturation, not churn — set both "
        "churn rates to 0 and the peak stays where it is.",
        facts=_try6,
        holds=lambda: {"the peak does not move without churn": _book()[1] == _book(churn=0, cocreator_churn=0)[1],
                       "the peak comes before the horizon": _book()[1] < BOOK.values.weeks},
    ),
)))
