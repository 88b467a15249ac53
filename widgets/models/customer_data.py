"""The data flywheel: users make data, data improves matching, better matching earns more and draws users.

A firm starts year 1 with ``N₁`` million users and no usable data. Each year

    data held        D_t = (1 − δ) · D_{t−1} + (1 − o) · N_t           (million user-years)
    matching quality q_t = 1 − (1 + D_{t−1} / D₀)^(−α)                  (0 = none, 1 = perfect)
    matching used    m_t = (1 − o) · q_t                                (opted-out users get none)
    value per user   v_t = b · (1 + λ · m_t)                             (conversion, basket, ad yield)
    profit           π_t = N_t · v_t − h · D_t                           (h: cost of holding data)
    users next year  N_{t+1} = (1 − c) · N_t + A · (1 + κ · m_t)         (better matching draws users)

with ``o`` the share of users who opt out of tracking (consent rules, Apple's App Tracking
Transparency), ``δ`` the share of data that goes stale or is deleted each year, ``λ`` and ``κ`` the
most that perfect matching adds to value per user and to new users. The contrast is the same firm
without the loop: ``q = 0`` always, no data held, ``N_{t+1} = (1 − c) · N_t + A``.

The moat test sets the firm's last-year data ``D`` against a rival holding ``D/10``: each earns
``b · (1 + λ · m)`` per user and wins ``A · (1 + κ · m)`` new users a year with the matching its
data supports, so once users settle (at ``A · (1 + κ · m) / c``) the rival earns
``1 − (1 + λm_r)(1 + κm_r) / ((1 + λm)(1 + κm))`` less in all. Flattening is set by ``D/D₀``:
doubling the data adds ``(1 + x)^(−α) − (1 + 2x)^(−α)`` of quality at ``x = D/D₀``, which falls
below any threshold once ``x`` is large, whatever ``α``.

Where the form comes from: the learning curve is a power law in the amount of data, the form the
data-scaling literature measures (Hestness et al. 2017, "Deep Learning Scaling is Predictable,
Empirically", arXiv:1712.00409: the remaining error falls as data^(−α), with α between about 0.07
and 0.35 across tasks). Data as a stock that is built by activity and depreciates follows Farboodi,
Mihet, Philippon & Veldkamp (2019), "Big Data and Firm Dynamics", AEA Papers and Proceedings 109;
the idea that users draw users through what the platform learns is Gregory, Henfridsson, Kaganer &
Kyriakou (2021), "The Role of Artificial Intelligence and Data Network Effects for Creating User
Value", Academy of Management Review 46(3). The linear lift in value and in new users is an
illustrative simplification, not an estimate.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd

from ..params import Param, Parameters, Values, model
from .wording import percent, ratio

YEARS = 10
ENTRANT_SHARE = 0.10   # the rival in the moat test holds a tenth of the firm's data
MOAT_LEAD = 0.05       # a rival earning 5 % less in all (value per user × users) counts as a moat (illustrative)
FLAT_GAIN = 0.02       # doubling the data past D₀ raises matching quality by under 2 points: flat (illustrative)
CURVE_POINTS = 121
NOTHING = 1e-9         # a rival gap below this is rounding, not a difference matching makes

PARAMETERS = Parameters(
    Param("users_start", "Users in year 1", "million", 20.0, 0.1, 1000.0, 0.1,
          "Active users (or customers) the firm has in the first year."),
    Param("new_users", "New users per year", "million / year", 8.0, 0.0, 500.0, 0.1,
          "Users the firm wins each year without any help from data (marketing, word of mouth)."),
    Param("churn", "User churn", "% / year", 0.20, 0.01, 0.90, 0.01,
          "Share of users who leave each year.", percent=True),
    Param("value_per_user", "Value per user without data", "¤ / year", 20.0, 0.5, 500.0, 0.5,
          "Contribution a user brings each year with no personalisation (margin on purchases, fees, ads)."),
    Param("max_lift", "Most that matching adds to value", "%", 0.30, 0.0, 1.0, 0.01,
          "How much perfect recommendations or targeting would raise value per user "
          "(conversion, basket size or ad yield).", percent=True),
    Param("user_pull", "Extra new users from matching", "%", 0.20, 0.0, 1.0, 0.01,
          "How much perfect matching would raise the number of new users a year (a better service draws users).",
          percent=True),
    Param("learning_exponent", "Learning-curve exponent α", "", 0.30, 0.05, 1.0, 0.01,
          "How fast matching error falls with data (error ∝ data^−α): a large α lifts quality more for "
          "the same data and makes each extra unit of data worth less sooner."),
    Param("data_scale", "Data scale D₀", "million user-years", 5.0, 0.1, 1000.0, 0.1,
          "How much data the problem needs: the amount at which the remaining error has fallen to 2^−α "
          "of its start. Harder problems need more; returns flatten once the firm holds many times this much."),
    Param("opt_out", "Users who opt out of tracking", "%", 0.25, 0.0, 1.0, 0.01,
          "Share of users who refuse tracking (consent rules, Apple's App Tracking Transparency): "
          "they add no data and get no personalised matching.", percent=True),
    Param("data_decay", "Data that goes stale", "% / year", 0.25, 0.0, 1.0, 0.01,
          "Share of the data held that is deleted or stops being useful each year "
          "(tastes change, retention limits).", percent=True),
    Param("holding_cost", "Cost of holding data", "¤ / user-year", 0.50, 0.0, 50.0, 0.05,
          "Yearly cost of storing, securing and governing one user-year of data (storage, security, compliance)."),
)


@dataclass(frozen=True)
class FlywheelResult:
    """Ten years of the firm with and without the loop (``yearly``), the learning curve and the moat test."""

    columns: dict[str, np.ndarray] = field(repr=False)   # the yearly table as arrays (fast to draw)
    curve_data: np.ndarray = field(repr=False)           # data held along the learning curve (x)
    curve_quality: np.ndarray = field(repr=False)        # matching quality along it (y, 0–1)
    data_final: float              # data held in the last year, million user-years
    quality_final: float           # matching quality the last year's data supports (0–1)
    quality_entrant: float         # matching quality of a rival holding a tenth of that data
    quality_doubled: float         # matching quality with twice that data
    rival_value_gap: float         # how much less per user a rival with a tenth of the data earns, share of the firm's
    rival_users_gap: float         # how many fewer new users a year it wins, as a share of the firm's
    rival_gap: float               # how much less it earns in all once users settle (value × users), as a share
    doubling_gain: float           # how much more the firm would earn in all with twice the data, as a share
    quality_gain: float            # matching quality gained by doubling the data (points of 0–1)
    data_ratio: float              # data held in the last year ÷ the data scale D₀
    flattened: bool                # past D₀, doubling the data adds under FLAT_GAIN of quality
    advantage: float               # cumulative profit with the loop minus without, ¤ millions
    holding_share: float           # cost of holding data ÷ what the loop earns before it (cumulative)
    uses_data: bool                # False when no data is collected or matching changes nothing (rival gap ≈ 0)

    @cached_property
    def yearly(self) -> pd.DataFrame:
        """One row per year: users in millions, data in million user-years, money in ¤ millions."""
        return pd.DataFrame(self.columns)

    @cached_property
    def curve(self) -> pd.DataFrame:
        """The learning curve: matching quality (0–1) against data held (million user-years)."""
        return pd.DataFrame({"data": self.curve_data, "quality": self.curve_quality})


def quality(data: np.ndarray | float, exponent: float, scale: float) -> np.ndarray | float:
    """Matching quality from data held: 1 − (1 + D/D₀)^(−α), a power-law learning curve from 0 to 1."""
    return 1.0 - (1.0 + np.asarray(data, dtype=float) / scale) ** (-exponent)


@model(PARAMETERS)
def simulate(p: Values) -> FlywheelResult:
    """Users, data, value per user and profit over ten years, with the data loop and without it."""
    tracked = 1.0 - p.opt_out
    users = np.empty(YEARS)
    plain_users = np.empty(YEARS)
    data = np.empty(YEARS)
    learned = np.empty(YEARS)
    users[0] = plain_users[0] = p.users_start
    held = 0.0
    scale, exponent, keep, stay, new, pull = (p.data_scale, p.learning_exponent, 1.0 - p.data_decay,
                                              1.0 - p.churn, p.new_users, p.user_pull)
    for t in range(YEARS):
        learned[t] = 1.0 - (1.0 + held / scale) ** -exponent   # learned from the data held before this year
        held = keep * held + tracked * users[t]
        data[t] = held
        if t + 1 < YEARS:
            users[t + 1] = stay * users[t] + new * (1.0 + pull * tracked * learned[t])
            plain_users[t + 1] = stay * plain_users[t] + new
    used = tracked * learned
    value = p.value_per_user * (1.0 + p.max_lift * used)
    holding = p.holding_cost * data
    profit = users * value - holding
    plain_profit = plain_users * p.value_per_user
    cumulative, plain_cumulative = np.cumsum(profit), np.cumsum(plain_profit)
    columns = {
        "year": np.arange(1, YEARS + 1),
        "users": users,
        "users_without_loop": plain_users,
        "data_held": data,
        "matching_quality": learned,
        "value_per_user": value,
        "holding_cost": holding,
        "profit": profit,
        "profit_without_loop": plain_profit,
        "cumulative_profit": cumulative,
        "cumulative_profit_without_loop": plain_cumulative,
    }
    final = float(data[-1])
    grid = np.linspace(0.0, max(final * 2.5, p.data_scale * 4.0), CURVE_POINTS)

    q_final, q_entrant, q_doubled = (float(quality(d, p.learning_exponent, p.data_scale))
                                     for d in (final, ENTRANT_SHARE * final, 2.0 * final))
    reach = p.max_lift * tracked                                  # value per user: b · (1 + reach · q)
    pull = p.user_pull * tracked if p.new_users > 0 else 0.0      # new users: A · (1 + pull · q); none if A = 0
    firm_value, rival_value, doubled_value = (1.0 + reach * q for q in (q_final, q_entrant, q_doubled))
    firm_new, rival_new, doubled_new = (1.0 + pull * q for q in (q_final, q_entrant, q_doubled))
    rival_gap = 1.0 - (rival_value * rival_new) / (firm_value * firm_new)
    total_holding = float(np.sum(holding))
    earned = float(cumulative[-1] - plain_cumulative[-1]) + total_holding   # what the loop earns before holding data
    return FlywheelResult(
        columns=columns,
        curve_data=grid,
        curve_quality=quality(grid, p.learning_exponent, p.data_scale),
        data_final=final,
        quality_final=q_final,
        quality_entrant=q_entrant,
        quality_doubled=q_doubled,
        rival_value_gap=1.0 - rival_value / firm_value,
        rival_users_gap=1.0 - rival_new / firm_new,
        rival_gap=rival_gap,
        doubling_gain=(doubled_value * doubled_new) / (firm_value * firm_new) - 1.0,
        quality_gain=q_doubled - q_final,
        data_ratio=final / p.data_scale,
        flattened=q_doubled - q_final < FLAT_GAIN and final >= p.data_scale,
        advantage=float(cumulative[-1] - plain_cumulative[-1]),
        holding_share=total_holding / earned if earned > 0 else float("inf"),
        uses_data=final > 0 and rival_gap > NOTHING,
    )


def verdict(result: FlywheelResult) -> str:
    """One word for the scenario: 'no data', 'loss', 'moat', 'flattened' or 'modest'."""
    if not result.uses_data:
        return "no data"
    if result.advantage < 0:
        return "loss"
    if result.rival_gap >= MOAT_LEAD:
        return "moat"
    if result.flattened:
        return "flattened"
    return "modest"


def takeaway(result: FlywheelResult, values: Values | None = None, currency: str = "$") -> str:
    """The scenario in one sentence a manager can act on; it is also the charts' text alternative."""
    users = (f"after {YEARS} years the firm with the data loop has {_millions(result.columns['users'][-1])} "
             f"users against {_millions(result.columns['users_without_loop'][-1])} without it")
    kind = verdict(result)
    if kind == "no data":
        reason = ("every user opts out of tracking, so no data is collected" if result.data_final <= 0
                  else "better matching is worth nothing here (both lifts at 0 %)"
                  if values is None or values["max_lift"] == values["user_pull"] == 0
                  else "better matching is worth nothing here (no lift in value per user, and no new users to draw)"
                  if values["max_lift"] == 0 and values["new_users"] == 0
                  else "so few users allow tracking that better matching changes nothing")
        cost = (f", and holding the data costs {currency}{_money(-result.advantage)} over {YEARS} years"
                if result.advantage < 0 else "")
        return (f"No flywheel: {reason}; {users}{cost}. "
                f"Data only pays when it can be collected and when better matching earns or draws users.")
    gain = f"{currency}{_money(abs(result.advantage))}"
    money = (f"cumulative profit is {gain} higher with the loop" if result.advantage > 0
             else f"cumulative profit is {gain} lower with the loop" if result.advantage < 0
             else "cumulative profit is the same with or without the loop")
    rival = _rival(result)
    twice = f"twice the data would earn the firm {gap(result.doubling_gain)} more in all"
    lead = f"{rival}; {twice}"
    opted = ""
    if values is not None and values["opt_out"] >= 0.5:
        opted = (f" With {percent(values['opt_out'])} of users opted out of tracking, the loop learns from and "
                 f"personalises for only the other {percent(round(1 - values['opt_out'], 12))}.")
    if kind == "loss":
        if np.isfinite(result.holding_share):
            burden = (f"{result.holding_share:.1f} times" if result.holding_share >= 2
                      else f"{_over_100(result.holding_share)} of")
            ending = (f"holding the data costs {burden} what better matching earns (per user and in users drawn), "
                      f"so the data is a cost, not an asset")
        else:
            ending = "better matching earns nothing here, so holding the data is pure cost"
        return f"The loop loses money: {users}, {money}; {lead}; {ending}.{opted}"
    if kind == "moat":
        flat = (" Returns have flattened, though: more data will barely widen the lead."
                if result.flattened else " More data still widens the lead.")
        return f"Data is a moat: {users}, {money}; {lead}.{flat}{opted}"
    if kind == "flattened":
        times = f"{result.data_ratio:,.0f}" if result.data_ratio >= 10 else ratio(result.data_ratio)
        return (f"Returns have flattened: {users}, {money}; {lead}. Holding {times} times the data "
                f"scale D₀, the firm would raise matching quality by only {gap(result.quality_gain)[:-2]} percentage "
                f"points with twice the data, so a rival with far less data matches almost as well: no moat.{opted}")
    return (f"A modest edge: {users}, {money}; {rival}, short of the {percent(MOAT_LEAD)} that would keep a "
            f"smaller rival out; {twice}.{opted}")


def _rival(result: FlywheelResult) -> str:
    """What a rival with a tenth of the data loses: per user, in new users, and in all once users settle."""
    per_user = (f"earns {gap(result.rival_value_gap)} less per user" if result.rival_value_gap > 0
                else "earns as much per user")
    drawn = (f"wins {gap(result.rival_users_gap)} fewer new users a year" if result.rival_users_gap > 0
             else "wins as many new users")
    return (f"a rival with a tenth of the data {per_user} and {drawn}, so once its users settle it earns "
            f"{gap(result.rival_gap)} less in all")


def _over_100(x: float) -> str:
    """A share above 1 that never reads as 100 %: 1.4 -> '140 %', 1.003 -> '100.3 %', 1.0001 -> 'just over 100 %'."""
    for digits in (0, 1, 2):
        if math.floor(x * 100 * 10 ** digits) / 10 ** digits > 100:
            return f"{math.floor(x * 100 * 10 ** digits) / 10 ** digits:,.{digits}f} %"
    return "just over 100 %"


def gap(x: float) -> str:
    """A gap as the sentence writes it, rounded down ('13.6 %', '0.19 %'): just under 5 % never reads 5.0 %."""
    for digits in (1 if x >= 0.01 else 2, 2):
        shown = math.floor(round(x * 100 * 10 ** digits, 6)) / 10 ** digits
        if shown > 0:
            return f"{shown:,.{digits}f} %"
    return "under 0.01 %"


def _millions(x: float) -> str:
    """Users in millions as words: '1.25 billion', '40.0 million', '12 thousand', 'under a thousand'."""
    if x >= 1000:
        return f"{x / 1000:,.2f} billion"
    if x >= 1:
        return f"{x:,.1f} million"
    return f"{x * 1000:,.0f} thousand" if x * 1000 >= 0.5 else "under a thousand"


def _money(millions: float) -> str:
    """Money in millions as words: '1.6 billion', '670 million', '200 thousand', 'under a thousand'."""
    size = abs(millions)
    if size >= 1000:
        return f"{millions / 1000:,.1f} billion"
    if size >= 1:
        return f"{millions:,.0f} million"
    return f"{millions * 1000:,.0f} thousand" if size * 1000 >= 0.5 else "under a thousand"
