"""Crowdfunding campaign: pledges day by day from the creator's network, sharing and the deadline.

A reward-based campaign (Kickstarter, Indiegogo) asks backers to pledge ``p`` (the average reward
price) towards a goal ``G`` within ``T`` days, so it needs ``n* = G / p`` backers. Each of ``S``
simulated campaigns first draws how much the crowd likes it, then counts, day by day, the people
who become interested and the backers who pledge:

    m_i = e^{σ z_i},   a_i = a · (P_ref / p)^ε · κ m_i / (κ − 1 + m_i),   z_i ~ N(0, 1)
    V_t = s · e^{−(t−1)/θ} · I_{t−1} · (1 − W_{t−1} / A)                   (word of mouth)
    λ_t = min(k a_i, 1) · N (1 − e^{−1/τ}) e^{−(t−1)/τ}  +  a_i V_t          (network + visitors)
    I_t ≈ Poisson(λ_t)                                                       (newly interested)

* **Appeal.** ``a`` is the share of visitors who want to back a typical campaign at a pledge of
  ``P_ref`` = 75; each campaign's luck ``m_i`` is lognormal (spread ``σ``) with a soft ceiling
  ``κ``, and a higher price lowers interest with elasticity ``ε``.
* **Network.** The creator's ``N`` contacts hear of the launch in the first days (mean delay
  ``τ``) and back ``k`` times as often as strangers: early backing (Mollick 2014: larger founder
  networks raise the chance of success).
* **Word of mouth.** Every interested person brings ``s`` visitors the next day, fewer as the
  campaign ages (``θ``), until the reachable audience ``A`` is used up (``W`` = visitors so far).
* **Deadline.** Until the last ``R`` days a share ``d`` of interested people put off pledging;
  a share ``f`` of them forget each day and the rest return in the last ``R`` days ("48 hours to
  go"). With the network's early burst this gives the U-shaped pattern of backing that Kuppuswamy
  & Bayus document (early network, mid-campaign lull, deadline surge) — and a longer campaign
  loses more of its procrastinators.
* **Goal gradient and after the goal.** Of the people ready to pledge, a share
  ``(1 + γ · progress) / (1 + γ)`` does so while the campaign is short of its goal (a campaign
  near its goal looks likely to deliver; Kuppuswamy & Bayus). Once the goal is met only a share
  ``ρ`` of newcomers pledges: backers feel the project no longer needs them.

Funding models. *All-or-nothing* (Kickstarter): the creator receives the pledges minus the fee
``f_s`` only if they reach the goal, and delivers rewards only then. *Keep-it-all* (Indiegogo's
flexible funding): the creator keeps the pledges minus a fee (``f_s`` if the goal is met, ``f_m``
if not) and must deliver every reward either way. Delivering costs a fixed amount (a share of the
goal: development, tooling) plus a cost per reward, so keep-it-all can leave a creator underfunded
but still obliged to deliver.

Sources: Mollick, "The dynamics of crowdfunding: An exploratory study", Journal of Business
Venturing 29(1), 2014, pp. 1–16; Kuppuswamy & Bayus, "Crowdfunding creative ideas: The dynamics
of project backers", in Cumming & Hornuf (eds.), *The Economics of Crowdfunding*, Palgrave
Macmillan, 2018 (working paper 2013). The behavioural constants below are illustrative, chosen so
that the "Typical Kickstarter project" preset reaches Kickstarter's published success rate and the
shapes Mollick reports; they are not estimates.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..params import Param, Parameters, Values, model
from .wording import share

SIMULATIONS = 500          # campaigns simulated per scenario
MAX_DURATION = 90
SEED = 8                   # fixed: the same scenario always draws the same campaigns (pattern #8)
APPEAL_SPREAD = 1.6        # σ: how uncertain the crowd's response is (lognormal spread)
NETWORK_FACTOR = 2.0       # k: a contact backs k times as often as a stranger
NETWORK_DELAY = 2.0        # τ: mean days before a contact hears of the launch
SHARE_FADE = 5.0          # θ: days over which word of mouth fades as the campaign ages
DEFER_SHARE = 0.7          # d: share of interested people who put off pledging to the end
FORGET_RATE = 0.03         # f: share of procrastinators who forget, per day
REMINDER_DAYS = 2          # R: the last days, when procrastinators return ("48 hours to go")
GOAL_GRADIENT = 3.0        # γ: near its goal a campaign converts (1 + γ) times as many of those ready as at launch
AFTER_GOAL = 0.03          # ρ: share of interested newcomers who still pledge once the goal is met
PRICE_ELASTICITY = 1.5     # ε: 1 % higher reward price → 1.5 % fewer backers
MAX_APPEAL = 3.0           # κ: even the luckiest campaign converts less than 3 × the typical appeal
AUDIENCE = 30_000         # visitors one campaign's word of mouth can reach at most
REFERENCE_PRICE = 75.0     # P_ref: the price at which appeal is quoted (Kickstarter's average pledge ≈ $75)
PERCENTILES = (10, 25, 50, 75, 90)
_RANKS = [round(q / 100 * (SIMULATIONS - 1)) for q in PERCENTILES]   # nearest-rank percentiles
HISTOGRAM_EDGES = np.arange(0.0, 260.0, 10.0)   # final % of goal in 10-point bins; the last bin is 250 %+

PARAMETERS = Parameters(
    Param("goal", "Funding goal", "¤", 5_000, 500, 200_000, 500,
          "The amount the campaign asks for; all-or-nothing pays out only if pledges reach it."),
    Param("duration", "Campaign length", "days", 30, 10, 90, 1,
          "Days the campaign runs (Kickstarter allowed up to 90 until 2011, now up to 60).", integer=True),
    Param("pledge", "Average pledge (reward price)", "¤", 75, 5, 500, 1,
          "What a backer pays on average; a higher price means fewer backers (elasticity 1.5)."),
    Param("network", "Creator's network", "people", 1_000, 0, 10_000, 10,
          "Friends, fans and followers who hear of the launch in the first days.", integer=True),
    Param("share_rate", "Visitors per interested person", "visitors", 30.0, 0.0, 100.0, 0.5,
          "New visitors each interested person brings by sharing (fades as the campaign ages)."),
    Param("appeal", "Appeal (visitor → backer)", "%", 0.034, 0.002, 0.10, 0.001,
          "Share of visitors who want to back a typical campaign like this at a 75 pledge (project quality, video).",
          percent=True),
    Param("fee", "Fee when the goal is met", "%", 0.08, 0.0, 0.20, 0.005,
          "Platform plus payment fee on the money collected (Kickstarter: 5 % plus payment processing).",
          percent=True),
    Param("missed_fee", "Keep-it-all fee, goal missed", "%", 0.12, 0.0, 0.25, 0.005,
          "Fee on flexible funding that misses its goal (Indiegogo's former 9 % plus 3 % processing).",
          percent=True),
    Param("fixed_cost", "Fixed cost to deliver, share of goal", "%", 0.50, 0.0, 1.5, 0.05,
          "Development and tooling needed before any reward ships, as a share of the goal.", percent=True),
    Param("unit_cost", "Cost per reward", "¤", 25, 0, 400, 1,
          "Making and shipping one backer's reward."),
)


@dataclass(frozen=True)
class CrowdfundingResult:
    """Simulated campaigns of one scenario: funding paths, outcomes and money under both funding models."""

    goal: float
    duration: int
    pledge: float
    days: np.ndarray                 # 1 … duration
    band: np.ndarray                 # percentiles (rows: PERCENTILES) of cumulative % of goal, by day
    daily_backers: np.ndarray        # mean new backers per day (the U shape)
    final_percent: np.ndarray        # final % of goal of every simulated campaign
    histogram: np.ndarray            # campaigns per 10-point bin of final % of goal
    success_probability: float       # share of campaigns reaching the goal
    failed_mean_percent: float       # mean final % of goal of campaigns that missed (nan if none)
    failed_median_percent: float
    success_within_3: float          # share of successes ending at 100–103 % of goal (nan if none)
    success_within_10: float         # … at 100–110 %
    success_within_30: float         # … at 100–130 %
    mean_backers: float
    aon_funds: float                 # expected money the creator receives, all-or-nothing
    kia_funds: float                 # … keep-it-all
    aon_profit: float                # expected funds minus delivery costs, all-or-nothing
    kia_profit: float                # … keep-it-all (delivers even when underfunded)
    kia_underfunded: float           # share of keep-it-all campaigns whose funds do not cover delivery
    kia_shortfall: float             # mean gap (¤) when underfunded (0 if never)

    def trajectory(self) -> pd.DataFrame:
        """The funding band as a table: day, then the 10th … 90th percentile of % of goal."""
        table = pd.DataFrame(self.band.T, columns=[f"p{q}" for q in PERCENTILES])
        table.insert(0, "day", self.days)
        return table


def pledge_paths(p: Values, simulations: int = SIMULATIONS, seed: int = SEED) -> np.ndarray:
    """New backers who pledge, per day (rows) and simulated campaign (columns)."""
    rng = np.random.default_rng(seed)
    z = rng.standard_normal(simulations)
    # Drawn for the longest campaign, so day t has the same noise whatever the duration.
    noise = rng.standard_normal((MAX_DURATION, simulations))
    typical = p.appeal * (REFERENCE_PRICE / p.pledge) ** PRICE_ELASTICITY     # fewer backers at a higher price
    luck = np.exp(APPEAL_SPREAD * z)
    appeal = typical * luck * MAX_APPEAL / (MAX_APPEAL - 1 + luck)     # a soft ceiling at MAX_APPEAL × typical
    appeal = np.minimum(appeal, 1.0)            # a share of visitors: at a low price at most every one of them
    network_backing = np.minimum(NETWORK_FACTOR * appeal, 1.0)
    days = np.arange(p.duration)
    network_daily = np.outer(p.network * (1 - np.exp(-1 / NETWORK_DELAY)) * np.exp(-days / NETWORK_DELAY),
                             network_backing)                       # expected interested contacts, day × campaign
    sharing = p.share_rate * np.exp(-days / SHARE_FADE) / AUDIENCE
    last_days = max(p.duration - REMINDER_DAYS, 0)
    target = p.goal / p.pledge                  # backers needed to reach the goal
    slope = GOAL_GRADIENT / (1 + GOAL_GRADIENT)

    pledges = np.empty((p.duration, simulations))
    total = np.zeros(simulations)               # backers so far
    waiting = np.zeros(simulations)             # interested people who put off pledging
    unreached = np.full(simulations, float(AUDIENCE))   # audience word of mouth has not reached yet
    previous = np.zeros(simulations)            # people who became interested yesterday
    for t in range(p.duration):
        visitors = np.minimum(sharing[t] * previous * unreached, unreached)
        unreached -= visitors
        expected = network_daily[t] + appeal * visitors
        # Poisson noise, drawn as a normal with the same mean and variance (fast, and smooth in the inputs).
        new = np.maximum(expected + np.sqrt(expected) * noise[t], 0.0)
        if t < last_days:
            waiting *= 1 - FORGET_RATE
            waiting += DEFER_SHARE * new
            ready = (1 - DEFER_SHARE) * new
        else:
            back_now = waiting / (p.duration - t)
            waiting -= back_now
            ready = new + back_now
        pledges[t] = pledges_today(ready, np.maximum(target - total, 0.0), target, slope)
        total += pledges[t]
        previous = new
    return pledges


def pledges_today(ready: np.ndarray, room: np.ndarray, target: float, slope: float) -> np.ndarray:
    """Pledges from ``ready`` people in one day, ``room`` backers short of the goal (goal gradient).

    Before the goal a ready person pledges with probability 1 − slope · room / target, so the closer
    the campaign is to its goal the more of them pledge; beyond the goal only a share AFTER_GOAL does.
    The ready arrive one after another and each sees the pledges made before her, also within the
    day: after x of them, P(x) pledges with dP/dx = c + a·P, a = slope / target, c = 1 − a · room,
    so P(x) = (c / a)(e^{a·x} − 1) until P reaches ``room``. How a day's crowd is split over days
    then changes nothing: more interest never means fewer backers.
    """
    if slope == 0:
        return np.minimum(ready, room) + AFTER_GOAL * np.maximum(ready - room, 0.0)
    a = slope / target
    c = 1.0 - a * room                                  # at least 1 − slope > 0, as room ≤ target
    to_goal = np.log1p(a * room / c) / a                # ready people it takes to reach the goal today
    before = np.minimum(ready, to_goal)
    return c / a * np.expm1(a * before) + AFTER_GOAL * (ready - before)


@model(PARAMETERS)
def simulate(p: Values) -> CrowdfundingResult:
    """Monte Carlo of a campaign: funding band, chance of reaching the goal, money under both funding models."""
    backers = np.cumsum(pledge_paths(p), axis=0)            # day × campaign
    final_backers = backers[-1]
    success = final_backers >= p.goal / p.pledge * (1 - 1e-9)
    percent = backers * (p.pledge / p.goal * 100)
    final = percent[-1]
    pledged = final_backers * p.pledge

    delivery = p.fixed_cost * p.goal + p.unit_cost * final_backers
    aon_funds = np.where(success, (1 - p.fee) * pledged, 0.0)
    aon_profit = np.where(success, aon_funds - delivery, 0.0)
    kia_funds = np.where(success, 1 - p.fee, 1 - p.missed_fee) * pledged
    kia_profit = kia_funds - delivery
    gap = np.maximum(-kia_profit, 0.0)
    underfunded = gap > 0

    wins = final[success]
    losses = final[~success]
    counts = np.bincount(np.minimum(final // 10, len(HISTOGRAM_EDGES) - 1).astype(int),
                         minlength=len(HISTOGRAM_EDGES))
    daily = np.diff(backers.mean(axis=1), prepend=0.0)
    return CrowdfundingResult(
        goal=p.goal, duration=p.duration, pledge=p.pledge,
        days=np.arange(1, p.duration + 1),
        band=np.sort(percent, axis=1)[:, _RANKS].T,
        daily_backers=daily,
        final_percent=final,
        histogram=counts,
        success_probability=float(success.mean()),
        failed_mean_percent=float(losses.mean()) if losses.size else float("nan"),
        failed_median_percent=float(np.median(losses)) if losses.size else float("nan"),
        success_within_3=_share(wins <= 103),
        success_within_10=_share(wins <= 110),
        success_within_30=_share(wins <= 130),
        mean_backers=float(final_backers.mean()),
        aon_funds=float(aon_funds.mean()),
        kia_funds=float(kia_funds.mean()),
        aon_profit=float(aon_profit.mean()),
        kia_profit=float(kia_profit.mean()),
        kia_underfunded=float(underfunded.mean()),
        kia_shortfall=float(gap[underfunded].mean()) if underfunded.any() else 0.0,
    )


def _share(flags: np.ndarray) -> float:
    """Share of True in ``flags``; nan for an empty array (no campaign in the group)."""
    return float(flags.mean()) if flags.size else float("nan")


def takeaway(result: CrowdfundingResult, values: Values | None = None, currency: str = "$") -> str:
    """One sentence on the odds, the shape of outcomes and the money under both funding models."""
    r = result
    odds = (f"With a {currency}{r.goal:,.0f} goal over {r.duration} days, {share(r.success_probability)} of "
            f"{SIMULATIONS} simulated campaigns reach the goal")
    if r.success_probability == 0:
        shape = f"; they end at {share(r.failed_mean_percent / 100)} of the goal on average"
    elif r.success_probability == 1:
        shape = f"; {share(r.success_within_10)} of them finish at most 10 % above it"
    else:
        shape = (f"; failures end at {share(r.failed_mean_percent / 100)} of the goal on average, and "
                 f"{share(r.success_within_10)} of successes finish at most 10 % above it")
    money = (f". All-or-nothing pays the creator {currency}{r.aon_funds:,.0f} on average, keep-it-all "
             f"{currency}{r.kia_funds:,.0f}")
    if r.kia_underfunded > 0:
        risk = (f", but keep-it-all leaves {share(r.kia_underfunded)} of creators without enough money to "
                f"deliver what they promised (short by {currency}{r.kia_shortfall:,.0f} on average).")
    else:
        risk = "; no keep-it-all creator is left without enough money to deliver."
    return odds + shape + money + risk
