"""Hidden revenue: users watch for free, advertisers pay per 1,000 ads; more ads pay now, cost later.

Advertising revenue is an identity (impressions × price per impression):

    revenue = users × time spent × ad load × price per 1,000 impressions (CPM) ÷ 1,000.

The economics sit in how the factors react to each other:

* **Ads are a nuisance** (Anderson & Coate, "Market Provision of Broadcasting: A Welfare Analysis",
  Review of Economic Studies 72(4), 2005): users dislike ads, so a platform that shows more ads
  per hour keeps less of its audience. In the long run, time spent per user falls by a share
  ``time_sensitivity`` (ε) for each extra ad per hour near today's ad load (Δa = new − today's): a logistic
  ``minutes* = m̄ ÷ (1 + (m̄ − m₀)/m₀ · e^{ε'·Δa})`` with ``ε' = ε ÷ (1 − m₀/m̄)`` and a ceiling
  ``MINUTES_CEILING`` (m̄ = a 16-hour waking day), so that fewer ads never stretch a day past its hours;
  for more ads it is the exponential ``m₀ · e^{−ε·Δa}`` to within a few per cent. Monthly churn responds as a logistic quit decision with a ceiling
  ``CHURN_CEILING`` (c̄ = 30 % a month): ``churn' = c̄ ÷ (1 + (c̄ − c₀)/c₀ · e^{−κ'·Δa})`` with
  ``κ' = κ ÷ (1 − c₀/c̄)``, so that at today's ad load churn rises by a share ``churn_sensitivity``
  (κ) per extra ad an hour, as the exponential ``c₀ · e^{κ·Δa}`` does, but never reaches the ceiling
  (a binary-logit decision to leave, the workhorse of churn models: Neslin, Gupta, Kamakura, Lu &
  Mason, Journal of Marketing Research 43(2), 2006). For small changes both forms are the straight
  line that the Pandora experiment found (hours listened fell linearly in ads per hour: Huang,
  Reiley & Riabov 2018; Goli, Huang, Reiley & Riabov, Quantitative Marketing and Economics 23(3),
  2025); neither lets time or users go negative.
* **Users adapt slowly.** Time spent closes a share ``adaptation`` of the gap to its new level each
  month; users leave at the new churn while newcomers keep arriving at today's rate, so the user
  base drifts to ``users · churn ÷ churn'``. Pandora's long-run response was three times its
  one-month response and took over a year to build up; Google cut mobile search ad load by half
  after measuring such long-run "ads blindness" (Hohnhold, O'Brien & Tang, KDD 2015).
* **Targeting sets the price.** An ad shown to a user who opted out of tracking sells for a share
  ``untracked_discount`` less (52 % in Johnson, Shriver & Du, "Consumer Privacy Choice in Online
  Advertising", Marketing Science 39(1), 2020), so the average CPM is ``cpm · (1 − opt_out · d)``.

Long-run revenue is proportional to ``a · minutes*(a) ÷ churn'(a)``; its slope is zero where
``1/a = ε'·(1 − minutes*/m̄) + κ'·(1 − churn'/c̄)``. At today's ad load that is ``a₀ = 1 ÷ (ε + κ)`` exactly;
elsewhere the best ad load is found on a grid (both responses flatten towards their ceilings, so far from
today the exponentials would overstate them).

Assumptions: one market, one price; advertisers' price does not fall as ad load rises (no
saturation); opting out changes the price of a user's ads, not the user's behaviour; newcomers keep
arriving at today's rate whatever the ad load; no costs — this is revenue, not profit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

import numpy as np
import pandas as pd

from . import wording
from ..params import Param, Parameters, Values, model

DAYS_PER_MONTH = 365 / 12
# Long-run best ad load is searched on this grid (ads per hour) up to the declared maximum.
AD_LOAD_GRID_STEP = 0.1
# However few the ads, nobody spends more than a waking day on the service (the logistic's ceiling).
MINUTES_CEILING = 16 * 60
# However many ads, at most this share of the users leaves in a month (the logistic's ceiling).
CHURN_CEILING = 0.30
# Changes smaller than this (as a share of today's revenue) are called "about the same".
NEGLIGIBLE = 0.0005

PARAMETERS = Parameters(
    Param("users", "Daily users before the change", "million", 200, 1, 3000, 1,
          "People who use the service on an average day at today's ad load."),
    Param("minutes", "Time spent per daily user", "minutes / day", 30, 1, 240, 1,
          "Minutes a daily user spends on the service per day at today's ad load."),
    Param("current_ad_load", "Today's ad load", "ads / hour", 40, 1, 120, 1,
          "Ads a user sees per hour of use today (the status quo the change is compared with)."),
    Param("ad_load", "New ad load", "ads / hour", 60, 0, 120, 1,
          "Ads per hour of use after the change."),
    Param("cpm", "Price per 1,000 tracked ads (CPM)", "¤", 10.0, 0.1, 200.0, 0.01,
          "What advertisers pay for 1,000 ads shown to users they can target with tracking data."),
    Param("opt_out", "Users who opt out of tracking", "%", 0.0, 0.0, 1.0, 0.01,
          "Share of users whose ads cannot be targeted with cross-app tracking data "
          "(for example after Apple's App Tracking Transparency prompt).", percent=True),
    Param("untracked_discount", "Price cut on an untracked ad", "%", 0.52, 0.0, 1.0, 0.01,
          "How much less an ad shown to an opted-out user sells for (52 % measured by "
          "Johnson, Shriver & Du 2020).", percent=True),
    Param("time_sensitivity", "Time lost per extra ad an hour", "%", 0.015, 0.0, 0.05, 0.001,
          "Long-run fall in time spent per user for each extra ad per hour (illustrative).", percent=True),
    Param("churn_sensitivity", "Churn rise per extra ad an hour", "%", 0.01, 0.0, 0.05, 0.001,
          "Relative rise in monthly churn for each extra ad per hour at today's ad load; churn flattens "
          "towards a ceiling of 30 % a month (illustrative).", percent=True),
    Param("churn", "Monthly churn today", "% / month", 0.02, 0.001, 0.20, 0.001,
          "Share of daily users who stop using the service each month at today's ad load.", percent=True),
    Param("adaptation", "How fast time spent adjusts", "% of the gap / month", 0.25, 0.01, 1.0, 0.01,
          "Share of the gap to the new long-run time spent that users close each month.", percent=True),
    Param("months", "Horizon", "months", 60, 12, 120, 1,
          "How many months after the change to follow.", integer=True),
)


@dataclass(frozen=True)
class AdResult:
    """Month by month after the change (``monthly``) and the figures a manager asks for."""

    monthly: pd.DataFrame           # users in millions, revenue in ¤ millions per month
    status_quo_revenue: float       # ¤ millions per month at today's ad load, every user tracked
    revenue_per_user_year: float    # ¤ per daily user per year, status quo
    first_month_change: float       # revenue in month 1 ÷ status quo − 1
    last_month_change: float        # revenue in the last month ÷ status quo − 1
    cumulative_change: float        # revenue summed over the horizon ÷ status quo summed − 1
    long_run_change: float          # steady-state revenue ÷ status quo − 1
    crossover_month: int | None     # first month from which the change's sign has flipped for good
    price_cut: float                # share of the CPM lost to opt-outs: opt_out × untracked_discount
    opt_out_cost: float             # ¤ a year the firm loses on each user who opts out (today's ads)
    effective_cpm: float            # ¤ per 1,000 ads after opt-outs
    best_ad_load: float             # ad load (ads/hour) that maximises long-run revenue
    best_at_limit: bool             # True if that is the top of the declared range (more ads always pay)
    long_run_minutes: float         # time spent per user once users have adapted
    long_run_users: float           # daily users (millions) once the user base has settled
    new_churn: float                # monthly churn at the new ad load (below CHURN_CEILING)


def monthly_revenue(users: np.ndarray | float, minutes: np.ndarray | float, ad_load: float,
                    cpm: float) -> np.ndarray | float:
    """¤ millions per month: users (millions) × hours a day × ads an hour × days × CPM ÷ 1,000."""
    return users * (minutes / 60.0) * ad_load * DAYS_PER_MONTH * cpm / 1000.0


def implied_cpm(revenue: float, users: float, days: float, minutes: float, ad_load: float) -> float:
    """The CPM that makes the identity hold: revenue per user per day ÷ ads per user per day × 1,000.

    ``revenue`` in millions over ``days`` days from ``users`` million daily users who spend
    ``minutes`` a day at ``ad_load`` ads an hour.
    """
    ads_per_user_day = minutes / 60.0 * ad_load
    return revenue / users / days / ads_per_user_day * 1000.0


def bounded_response(start: float, ceiling: float, slope: float, delta: np.ndarray | float) -> np.ndarray | float:
    """A logistic from ``start`` towards 0 or ``ceiling`` whose relative slope at ``delta`` = 0 is ``slope``."""
    odds = (ceiling - start) / start
    steepness = slope / (1.0 - start / ceiling)
    return ceiling / (1.0 + odds * np.exp(-steepness * delta))


def minutes_after(minutes: float, sensitivity: float, delta: np.ndarray | float) -> np.ndarray | float:
    """Long-run minutes a day after the ad load moves by ``delta``: slope −``sensitivity`` today, below a waking day."""
    return bounded_response(minutes, MINUTES_CEILING, -sensitivity, delta)


def churn_after(churn: float, sensitivity: float, delta: np.ndarray | float) -> np.ndarray | float:
    """Monthly churn after the ad load moves by ``delta``: logistic, slope ``sensitivity`` today, below the ceiling."""
    return bounded_response(churn, CHURN_CEILING, sensitivity, delta)


def long_run_revenue_index(ad_loads: np.ndarray, p: Values) -> np.ndarray:
    """Steady-state revenue at each ad load, relative to today's (same price per ad)."""
    delta = ad_loads - p.current_ad_load
    minutes = minutes_after(p.minutes, p.time_sensitivity, delta) / p.minutes
    users = p.churn / churn_after(p.churn, p.churn_sensitivity, delta)
    return ad_loads / p.current_ad_load * minutes * users


def _crossover(difference: np.ndarray) -> int | None:
    """First month (1-based) from which the difference keeps the opposite sign of month 1's."""
    first = np.sign(difference[0])
    if first == 0:
        return None
    flipped = np.sign(difference) == -first
    if not flipped[-1]:
        return None
    not_flipped = np.flatnonzero(~flipped)
    return int(not_flipped[-1]) + 2


@model(PARAMETERS)
def simulate(p: Values) -> AdResult:
    """Users, time spent, ads shown and revenue, month by month, after a change of ad load or tracking."""
    month = np.arange(1, p.months + 1)
    delta = p.ad_load - p.current_ad_load

    long_run_minutes = float(minutes_after(p.minutes, p.time_sensitivity, delta))
    minutes = long_run_minutes + (p.minutes - long_run_minutes) * (1.0 - p.adaptation) ** month

    new_churn = float(churn_after(p.churn, p.churn_sensitivity, delta))
    arrivals = p.users * p.churn                      # newcomers a month, as today
    long_run_users = arrivals / new_churn
    users = long_run_users + (p.users - long_run_users) * (1.0 - new_churn) ** month

    price_cut = p.opt_out * p.untracked_discount
    effective_cpm = p.cpm * (1.0 - price_cut)
    revenue = monthly_revenue(users, minutes, p.ad_load, effective_cpm)
    status_quo = monthly_revenue(p.users, p.minutes, p.current_ad_load, p.cpm)
    long_run = monthly_revenue(long_run_users, long_run_minutes, p.ad_load, effective_cpm)

    difference = revenue - status_quo
    n = p.months
    columns = {  # one float block: building the table is the model's slowest step otherwise
        "users": users,
        "minutes": minutes,
        "ad_load": np.full(n, float(p.ad_load)),
        "cpm": np.full(n, effective_cpm),
        "impressions_bn": users * minutes / 60.0 * p.ad_load * DAYS_PER_MONTH / 1000.0,
        "revenue": revenue,
        "status_quo_revenue": np.full(n, status_quo),
        "difference": difference,
        "cumulative_difference": np.cumsum(difference),
        # each factor of the identity relative to the status quo: their product is revenue's
        "users_index": users / p.users,
        "minutes_index": minutes / p.minutes,
        "ad_load_index": np.full(n, p.ad_load / p.current_ad_load),
        "price_index": np.full(n, 1.0 - price_cut),
    }
    monthly = pd.DataFrame(np.column_stack(list(columns.values())), columns=list(columns))
    monthly.insert(0, "month", month)

    grid = np.arange(0.0, PARAMETERS["ad_load"].max + AD_LOAD_GRID_STEP / 2, AD_LOAD_GRID_STEP)
    index = long_run_revenue_index(grid, p)
    best = int(np.argmax(index))
    return AdResult(
        monthly=monthly,
        status_quo_revenue=float(status_quo),
        revenue_per_user_year=float(status_quo / p.users * 12.0),
        first_month_change=float(revenue[0] / status_quo - 1.0),
        last_month_change=float(revenue[-1] / status_quo - 1.0),
        cumulative_change=float(revenue.sum() / (status_quo * p.months) - 1.0),
        long_run_change=float(long_run / status_quo - 1.0),
        crossover_month=_crossover(difference),
        price_cut=float(price_cut),
        opt_out_cost=float(p.untracked_discount * status_quo / p.users * 12.0),
        effective_cpm=float(effective_cpm),
        best_ad_load=float(round(grid[best], 1)),
        best_at_limit=bool(best == len(grid) - 1),
        long_run_minutes=float(long_run_minutes),
        long_run_users=float(long_run_users),
        new_churn=new_churn,
    )


def takeaway(result: AdResult, values: Mapping[str, Any], currency: str = "$") -> str:
    """One sentence a manager can act on; it doubles as the charts' text alternative."""
    p = PARAMETERS.validate(values)
    horizon = len(result.monthly)
    today = (f"Today {_money(result.status_quo_revenue, currency)} a month, "
             f"{wording.money(result.revenue_per_user_year, currency)} per daily user a year")
    if result.monthly["revenue"].max() <= 0:
        cause = ("with no ads at all there is nothing to sell to advertisers" if p.ad_load == 0 else
                 "every user opted out and untracked ads sell for nothing")
        return f"{today}; after the change the service earns no ad revenue: {cause}. {_best(result)}"
    if p.ad_load == p.current_ad_load and result.price_cut == 0:
        return f"{today}; nothing changes, so revenue stays there. {_best(result)} {_privacy(result, currency)}"

    parts = [today]
    if result.price_cut > 0:
        parts.append(f"{_share(p.opt_out)} of users opting out of tracking cut the price per 1,000 ads by "
                     f"{_share(result.price_cut)} ({currency}{p.cpm:,.2f} → {currency}{result.effective_cpm:,.2f})")
    if p.ad_load == p.current_ad_load:
        # Users do not react to tracking in this model, so the price cut is the whole story.
        parts.append(f"with the same ad load revenue is {_change(result.first_month_change)} for good")
    else:
        move = f"{'more' if p.ad_load > p.current_ad_load else 'fewer'} ads ({p.current_ad_load:g} → {p.ad_load:g} an hour)"
        parts.append(f"with {move} revenue is {_change(result.first_month_change)} in month 1 and "
                     f"{_change(result.last_month_change)} in month {horizon}")
        parts.append(_path(result, horizon))
    return "; ".join(parts) + f". {_best(result)} {_privacy(result, currency)}"


def _path(result: AdResult, horizon: int) -> str:
    """What happens after month 1. Users and time spent move one way only, so revenue does too."""
    first, long_run = result.first_month_change, result.long_run_change
    settled = f"once users have adapted it settles {_change(long_run)}"
    if result.crossover_month is not None:
        turn = "falls below" if first > 0 else "overtakes"
        return f"it {turn} today's revenue from month {result.crossover_month}, and {settled}"
    if abs(first) < NEGLIGIBLE:
        return settled
    if first > 0:
        if long_run >= -NEGLIGIBLE:
            return f"it stays ahead of today's revenue for all {horizon} months and {settled}"
        return f"it is still ahead after {horizon} months, but {settled}"
    if long_run <= NEGLIGIBLE:
        return f"it stays behind today's revenue for all {horizon} months and {settled}"
    return f"it is still behind after {horizon} months, but {settled}"


def _privacy(result: AdResult, currency: str) -> str:
    """What one user's 'no' to tracking is worth to the firm (the ethics section's number)."""
    if result.opt_out_cost == 0:
        return "Opting out costs the firm nothing here: untracked ads sell at full price."
    return f"Each user who opts out costs the firm {wording.money(result.opt_out_cost, currency)} a year at today's ads."


def _best(result: AdResult) -> str:
    if result.best_at_limit:
        return (f"In this scenario long-run revenue is highest at the limit of {result.best_ad_load:g} ads an hour: "
                "users do not punish ads enough to hold the firm back.")
    return f"Long-run revenue is highest at about {result.best_ad_load:g} ads an hour."


_share = wording.rough_share  # '30 %', '2.5 %', 'under 0.1 %'


def _change(x: float) -> str:
    if abs(x) < NEGLIGIBLE:
        return "about the same as today"
    return f"{_share(abs(x))} {'above' if x > 0 else 'below'} today"


def _money(millions: float, currency: str) -> str:
    """Millions as the sentence shows them ('$1.23 bn', '$45.6 M', '$50.00')."""
    return wording.money(millions * 1e6, currency)
