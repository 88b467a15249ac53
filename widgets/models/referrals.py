"""Referral loop vs paid acquisition: viral coefficient, cycle time, co-creators, blended cost per user.

The referral loop is the discrete-generation model of growth marketing (David Skok, "Lessons
Learned – Viral Marketing", forEntrepreneurs.com, 2009, formula credited to Stan Reiss): every new
user sends ``i`` invitations once, in the referral cycle after joining, and a share ``c`` of the
invitations turns into new users. The viral coefficient is ``K = i · c``. Generation by generation

    N_0 = seed,    N_{n+1} = K · N_n,    U_n = N_0 + … + N_n = seed · (1 − K^{n+1}) / (1 − K),

so with ``K < 1`` the users ever acquired converge to ``seed / (1 − K)``, and with ``K ≥ 1`` each
generation is at least as large as the last and growth compounds every cycle. A cycle lasts
``cycle_days``; the horizon holds ``⌊7 · weeks / cycle_days⌋`` cycles.

Co-creators (designers, voters, reviewers) are a share ``s`` of new users who invite ``m`` times as
many people and churn less, so the effective coefficient is ``K = i · c · (1 − s + s · m)``.
Paid acquisition buys ``P = budget per cycle ÷ CAC`` users each cycle. In the mix the firm does
both, and paid users also refer:

    N_{n+1} = K · N_n · (1 − U_n / M) + P,

where ``M`` is the addressable market (the factor ``1 − U_n / M`` is the saturation term of
epidemic models; with a large market it is close to 1). With ``K < 1`` new users per cycle settle
at ``P / (1 − K)``: each paid user brings ``K / (1 − K)`` referred users, so the blended cost per
acquired user approaches ``CAC · (1 − K)`` (plus any referral reward).

Blended acquisition cost = cumulative spend ÷ users acquired after launch (paid + referred; the
free seed is excluded). Active users lose ``churn`` (ordinary) or ``cocreator_churn`` each week.

Referred customers are worth more than others in the field evidence: in Schmitt, Skiera & Van den
Bulte, "Referral Programs and Customer Value", Journal of Marketing 75(1), 2011, pp. 46–59,
referred customers of a German bank had higher retention and were at least 16 % more valuable.
The model does not price that difference; it counts users and the cost of winning them.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..params import Constraint, Param, Parameters, Values, model
from .wording import plural

STRATEGIES = ("referral", "paid", "mix")
STRATEGY_LABELS = {"referral": "Referral loop only", "paid": "Paid acquisition only",
                   "mix": "Mix: paid + referrals"}
DAYS_PER_WEEK = 7

PARAMETERS = Parameters(
    Param("seed_users", "Seed users", "users", 1000, 1, 1_000_000, 1,
          "Users at launch: the founders' network or the first community members.", integer=True),
    Param("invitations", "Invitations per new user", "invitations", 3.0, 0.0, 20.0, 0.1,
          "Invitations an ordinary new user sends, once, in the cycle after joining."),
    Param("conversion", "Invitation conversion", "%", 0.10, 0.0, 0.50, 0.001,
          "Share of invitations that turn into a new user.", percent=True),
    Param("cycle_days", "Referral cycle time", "days", 7, 1, 60, 1,
          "Days from joining to the invited friends joining: one referral generation.", integer=True),
    Param("cocreator_share", "Co-creator share", "%", 0.10, 0.0, 1.0, 0.01,
          "Share of new users who co-create (design, vote, review) rather than only buy.", percent=True),
    Param("cocreator_multiplier", "Co-creator referral multiplier", "×", 3.0, 1.0, 10.0, 0.1,
          "How many times more invitations a co-creator sends than an ordinary user."),
    Param("churn", "User churn", "% / week", 0.02, 0.0, 0.20, 0.001,
          "Share of ordinary active users who leave each week.", percent=True),
    Param("cocreator_churn", "Co-creator churn", "% / week", 0.005, 0.0, 0.20, 0.001,
          "Share of active co-creators who leave each week.", percent=True),
    Param("paid_budget", "Paid budget", "¤ / week", 5000.0, 0.0, 1_000_000.0, 500.0,
          "Advertising spent each week in the paid and mix strategies."),
    Param("cac", "Cost per paid user (CAC)", "¤ / user", 20.0, 0.5, 500.0, 0.5,
          "Advertising cost of one user won by paid acquisition."),
    Param("referral_reward", "Referral reward", "¤ / referred user", 0.0, 0.0, 200.0, 0.5,
          "Reward paid for each referred user who joins (0 for purely organic referrals)."),
    Param("market", "Addressable market", "million people", 10.0, 1.0, 8000.0, 1.0,
          "People who could ever join; growth slows as they are used up."),
    Param("weeks", "Horizon", "weeks", 52, 4, 104, 1,
          "How many weeks to simulate.", integer=True),
    constraints=[Constraint(("cycle_days", "weeks"),
                            "cycle_days (Referral cycle time) must not exceed the horizon (7 days × weeks)",
                            lambda p: p.cycle_days <= p.weeks * DAYS_PER_WEEK)],
)


@dataclass(frozen=True)
class StrategyOutcome:
    """One strategy at the end of the horizon: users acquired, active users, spend, cost per user."""

    active_users: float
    total_users: float        # seed + referred + paid, ever acquired
    referred_users: float
    paid_users: float
    spend: float
    blended_cac: float        # spend ÷ (referred + paid); NaN if nobody was acquired


@dataclass(frozen=True)
class ReferralResult:
    """Cycle-by-cycle paths of the three strategies (``cycles``) and the figures a manager reads."""

    paths: dict[str, np.ndarray]   # the columns of ``cycles``, as arrays (what the charts read)
    k_basic: float            # i · c: the viral coefficient without co-creators
    k: float                  # i · c · (1 − s + s·m): with co-creators
    viral_limit: float        # seed / (1 − K) if K < 1, else inf (no market limit)
    n_cycles: int
    weeks: int
    outcomes: dict[str, StrategyOutcome]

    @functools.cached_property
    def cycles(self) -> pd.DataFrame:
        """One row per referral cycle: week, and per strategy new, cumulative, active users and spend."""
        return pd.DataFrame(self.paths)


def viral_coefficient(invitations: float, conversion: float, cocreator_share: float = 0.0,
                      cocreator_multiplier: float = 1.0) -> float:
    """K = invitations × conversion × (1 − s + s·m): new users each new user brings in."""
    return invitations * conversion * (1.0 - cocreator_share + cocreator_share * cocreator_multiplier)


def cumulative_users(seed: float, k: float, cycles: int) -> float:
    """Skok/Reiss closed form: users ever acquired after ``cycles`` generations, seed·(1−K^{n+1})/(1−K)."""
    if k == 1.0:
        return seed * (cycles + 1)
    return seed * (1.0 - k ** (cycles + 1)) / (1.0 - k)


def blended_cac(spend: float, acquired: float) -> float:
    """Cumulative spend ÷ users acquired after launch (paid + referred); NaN if none were."""
    return spend / acquired if acquired > 0 else float("nan")


def _weekly_to_cycle(rate: float, cycle_days: int) -> float:
    """A weekly churn rate compounded over one referral cycle."""
    return 1.0 - (1.0 - rate) ** (cycle_days / DAYS_PER_WEEK)


def _simulate_strategy(n: int, seed: float, k: float, paid_per_cycle: float, market: float,
                       s: float, keep_ordinary: float, keep_cocreator: float) -> np.ndarray:
    """Rows per cycle 0..n: new referred, new paid, users ever acquired, active users."""
    rows = [(0.0, 0.0, float(seed), float(seed))]
    new, total = float(seed), float(seed)
    ordinary, cocreators = (1.0 - s) * seed, s * seed
    for _ in range(n):
        room = max(market - total, 0.0)
        referred = min(k * new * room / market, room)
        paid = min(paid_per_cycle, room - referred)
        new = referred + paid
        total += new
        ordinary = ordinary * keep_ordinary + (1.0 - s) * new
        cocreators = cocreators * keep_cocreator + s * new
        rows.append((referred, paid, total, ordinary + cocreators))
    return np.array(rows)


@model(PARAMETERS)
def simulate(p: Values) -> ReferralResult:
    """Users, spend and blended cost per user of a referral loop, paid acquisition and their mix."""
    horizon_days = p.weeks * DAYS_PER_WEEK
    market = p.market * 1e6  # at least 1 million, so never below the largest seed
    n = horizon_days // p.cycle_days
    k_basic = viral_coefficient(p.invitations, p.conversion)
    k = viral_coefficient(p.invitations, p.conversion, p.cocreator_share, p.cocreator_multiplier)
    budget_per_cycle = p.paid_budget * p.cycle_days / DAYS_PER_WEEK
    paid_per_cycle = budget_per_cycle / p.cac
    keep_o = 1.0 - _weekly_to_cycle(p.churn, p.cycle_days)
    keep_c = 1.0 - _weekly_to_cycle(p.cocreator_churn, p.cycle_days)
    settings = {"referral": (k, 0.0), "paid": (0.0, paid_per_cycle), "mix": (k, paid_per_cycle)}

    columns: dict[str, np.ndarray] = {
        "cycle": np.arange(n + 1),
        "week": np.arange(n + 1) * p.cycle_days / DAYS_PER_WEEK,
    }
    outcomes: dict[str, StrategyOutcome] = {}
    for name, (k_used, paid) in settings.items():
        rows = _simulate_strategy(n, p.seed_users, k_used, paid, market, p.cocreator_share, keep_o, keep_c)
        referred = np.cumsum(rows[:, 0])
        bought = np.cumsum(rows[:, 1])
        spend = bought * p.cac + referred * p.referral_reward
        acquired = referred + bought
        with np.errstate(invalid="ignore", divide="ignore"):
            cost = np.where(acquired > 0, spend / np.where(acquired > 0, acquired, 1.0), np.nan)
        columns |= {
            f"{name}_new_referred": rows[:, 0], f"{name}_new_paid": rows[:, 1],
            f"{name}_referred": referred, f"{name}_paid": bought, f"{name}_total": rows[:, 2],
            f"{name}_active": rows[:, 3], f"{name}_spend": spend, f"{name}_blended_cac": cost,
        }
        outcomes[name] = StrategyOutcome(
            active_users=float(rows[-1, 3]), total_users=float(rows[-1, 2]),
            referred_users=float(referred[-1]), paid_users=float(bought[-1]),
            spend=float(spend[-1]), blended_cac=blended_cac(float(spend[-1]), float(acquired[-1])),
        )
    return ReferralResult(
        paths=columns, k_basic=k_basic, k=k,
        viral_limit=p.seed_users / (1.0 - k) if k < 1 else math.inf,
        n_cycles=int(n), weeks=int(p.weeks), outcomes=outcomes,
    )


def takeaway(result: ReferralResult, values: Values | None = None, currency: str = "$") -> str:
    """One sentence a manager can act on; it doubles as the charts' text alternative."""
    ref, paid, mix = (result.outcomes[s] for s in STRATEGIES)
    k = _coefficient(result.k)
    if result.k < 1:
        loop = (f"With K = {k} (below 1) the referral loop alone fades out: it can never pass "
                f"{_users(result.viral_limit)} (seed ÷ (1 − K)) and ends with {_count(ref.active_users)} active")
    else:
        loop = (f"With K = {k} (1 or more) each referral generation is at least as large as the "
                f"last until the market runs short: the loop alone ends with "
                f"{_users(ref.active_users, 'active user')} after {result.weeks} weeks")
    if paid.paid_users > 0:
        compare = (f"the mix ends with {_users(mix.active_users, 'active user')} at {_money(mix.blended_cac, currency)} "
                   f"per acquired user, against {_count(paid.active_users)} at {_money(paid.blended_cac, currency)} "
                   f"for paid acquisition alone")
    elif values is not None and values["paid_budget"] > 0:
        compare = ("the seed users already fill the whole market, so paid acquisition wins nobody and the "
                   "mix is the referral loop")
    else:
        compare = ("with no paid budget, paid acquisition only keeps the seed users and the mix is the "
                   "referral loop")
    return f"{loop}; {compare}."


def _coefficient(k: float) -> str:
    """K with two decimals, or more if two would round a K below 1 up to 1.00 or a K above 0 down to 0.00."""
    for digits in range(2, 7):
        text = f"{k:.{digits}f}"
        if (k >= 1 or float(text) < 1) and (k == 0 or float(text) > 0):
            return text
    return f"{k:.6f}" if k >= 1e-6 else "under 0.000001"


def _users(users: float, noun: str = "user") -> str:
    return f"fewer than one {noun}" if 0 < users < 0.5 else plural(users, noun, _count(users))


def _count(users: float) -> str:
    """Users in words: '1.2 million', '4,663', and 'fewer than 1' for a fraction of a user, never a false 0."""
    if 0 < users < 0.5:
        return "fewer than 1"
    if users >= 1e6:
        return f"{users / 1e6:,.1f} million"
    return f"{users:,.0f}"


def _money(amount: float, currency: str) -> str:
    if math.isnan(amount):
        return "no cost"
    return f"{currency}{amount:,.2f}"
