"""Two-sided platform: each side joins for the other side, so a launch subsidy can decide whether it tips or dies.

Cross-side network effects (after Rochet & Tirole, "Platform Competition in Two-Sided Markets",
JEEA 1(4), 2003, and Armstrong, RAND Journal of Economics 37(3), 2006): a buyer's net value of the
platform rises with the share of sellers on it, a seller's with the share of buyers::

    buyer's value   u_B = v · s_t − f + σ_B                      (¤ a month)
    seller's value  u_S = g · b_t · (m − τ) + σ_S,  g = spend · N_B ÷ N_S

``b_t``, ``s_t`` are the shares of potential buyers and sellers on board in month t, ``v`` what a
full marketplace is worth to a buyer, ``f`` the buyers' monthly fee, ``τ`` the take rate on
sellers' sales, ``m`` the seller's margin on a sale before the platform's fee, ``g`` a seller's
sales when every buyer is on board, and ``σ`` a launch subsidy (paid only in the first months).
Each member has a cost of joining and using the platform (time, listing effort, the habit of
another channel); it differs from member to member, spread logistically around a median ``k``
with scale ``spread · k``. So the share who want to be on board is the logistic function
``F(u) = 1 ÷ (1 + e^{−(u − k)/(spread · k)})``, and each month members close a share ``speed``
of the gap between who is on board and who wants to be:

    b_{t+1} = b_t + speed · (F_B(u_B) − b_t),   s_{t+1} = s_t + speed · (F_S(u_S) − s_t).

Because each side's wish depends on the other side, there are two stable outcomes from one
structure: a near-empty platform and a full one (the chicken-and-egg problem, Caillaud & Jullien,
RAND 2003). Which one the platform reaches depends on where it starts and on the subsidy: a
subsidy that carries both sides past the unstable middle (**critical mass**) makes it **tip**;
after that it grows without help. Parker & Van Alstyne ("Two-Sided Network Effects: A Theory of
Information Product Design", Management Science 51(10), 2005) show that subsidising one side —
even for ever — can be the profitable choice; Rochet & Tirole show that the *structure* of prices
(which side pays) matters, not only their level. Revenue is ``f · buyers + τ · GMV`` with
``GMV = buyers · spend · s_t`` (a buyer finds a share ``s_t`` of what she would buy on a full
marketplace).

The take rate sellers tolerate: a median seller stays on a full marketplace while
``g · (m − τ) ≥ k_S``, i.e. ``τ ≤ m − k_S ÷ g``; above it most sellers leave (or, in reality,
multi-home and steer buyers to a cheaper channel).

Network value laws: Metcalfe's ``n²`` (every pair of users a link of equal worth) against Odlyzko &
Tilly's ``n · ln n`` (Briscoe, Odlyzko & Tilly, "Metcalfe's Law is Wrong", IEEE Spectrum, July 2006):
most of the possible links are worth little, so value grows only a little faster than users.

Assumptions: one market, members on one side alike except for their cost of joining; no
competitor modelled explicitly (leaving stands for multi-homing too); prices and subsidies fixed
over the horizon; no platform costs other than subsidies (revenue minus subsidies, not profit).
The functional forms and every number in the presets except the take rates are illustrative.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

import numpy as np
import pandas as pd

from ..params import Constraint, Param, Parameters, Values, model

TIPPED = 0.5          # both sides at least half on board at the horizon: the platform has tipped
SWEEP = np.round(np.arange(121) * 0.005, 4)   # take rates for the tolerance chart: every value the control can take
CONTINUATION = 60     # months followed without subsidy: a month is past critical mass if the platform then tips within 5 years

PARAMETERS = Parameters(
    Param("buyers_market", "Potential buyers", "thousand", 1000, 1, 100000, 1,
          "People in the market who could use the platform (buyers, guests, riders)."),
    Param("sellers_market", "Potential sellers", "thousand", 50, 0.1, 10000, 0.1,
          "Sellers, hosts or drivers who could offer on the platform."),
    Param("start_share", "Share on board at launch", "%", 0.02, 0.001, 0.5, 0.001,
          "Share of each side on the platform in month 0 (the same small start for both).", percent=True),
    Param("buyer_value", "Value of a full marketplace to a buyer", "¤ / month", 40.0, 0.0, 1000.0, 0.5,
          "What a buyer gains a month when every seller is on board (illustrative)."),
    Param("buyer_cost", "Median buyer's cost of joining", "¤ / month", 20.0, 0.5, 1000.0, 0.5,
          "Time and effort a typical buyer spends to use the platform; it differs from buyer to buyer."),
    Param("buyer_fee", "Fee per buyer", "¤ / month", 0.0, 0.0, 200.0, 0.5,
          "What the platform charges each buyer a month (0: buyers ride free)."),
    Param("buyer_subsidy", "Launch subsidy per buyer", "¤ / month", 0.0, 0.0, 200.0, 0.5,
          "Discount or credit the platform pays each buyer a month during the launch."),
    Param("spend", "Spending per buyer on a full marketplace", "¤ / month", 100.0, 1.0, 5000.0, 1.0,
          "What a buyer spends a month through the platform when every seller is on board."),
    Param("seller_margin", "Seller's margin before the fee", "%", 0.4, 0.01, 1.0, 0.01,
          "Share of a sale the seller keeps as profit before the platform's fee.", percent=True),
    Param("take_rate", "Take rate on sellers", "%", 0.15, 0.0, 0.6, 0.005,
          "Share of each sale the platform keeps (commission, service fee).", percent=True),
    Param("seller_cost", "Median seller's cost of joining", "¤ / month", 300.0, 1.0, 50000.0, 1.0,
          "Effort, listing and the habit of other channels for a typical seller, per month."),
    Param("seller_subsidy", "Launch subsidy per seller", "¤ / month", 0.0, 0.0, 50000.0, 1.0,
          "Guaranteed earnings or bonus the platform pays each seller a month during the launch."),
    Param("subsidy_months", "Subsidy lasts", "months", 12, 0, 60, 1,
          "How many months the launch subsidies are paid.", integer=True),
    Param("spread", "Spread of joining costs", "% of the median", 0.2, 0.05, 1.0, 0.01,
          "How much members differ in their cost of joining (logistic scale as a share of the median).",
          percent=True),
    Param("speed", "Speed of adjustment", "% of the gap / month", 0.3, 0.02, 1.0, 0.01,
          "Share of the gap between who is on board and who wants to be that closes each month.", percent=True),
    Param("months", "Horizon", "months", 60, 12, 120, 1, "How many months after the launch to follow.",
          integer=True),
    constraints=[Constraint(("subsidy_months", "months"),
                            "subsidy_months (Subsidy lasts) must not exceed the horizon (months)",
                            lambda p: p.subsidy_months <= p.months)],
)


@dataclass(frozen=True)
class PlatformResult:
    """Month by month (``monthly``), the take-rate sweep (``sweep``) and the figures a founder asks for."""

    monthly: pd.DataFrame            # month, buyer/seller shares, members (thousand), GMV, revenue, subsidy, profit (¤ thousand)
    sweep: pd.DataFrame              # take_rate, seller_share and revenue in the final month
    outcome: str                     # "tipped", "propped up" (full only thanks to subsidy), "died" or "stalled"
    final_buyer_share: float
    final_seller_share: float
    critical_mass_month: int | None  # first month from which, with no more subsidy, the platform tips
    tolerated_take_rate: float       # m − k_S ÷ g: the take rate a median seller on a full marketplace accepts
    final_revenue: float             # ¤ thousand in the last month
    seller_revenue_share: float      # share of the last month's revenue paid by sellers (nan if no revenue)
    subsidy_spent: float             # ¤ thousand over the horizon
    cumulative_profit: float         # revenue − subsidies over the horizon, ¤ thousand
    payback_month: int | None        # first month from which cumulative profit stays above 0
    take_rate: float                 # the take rate simulated (for the tolerance chart's marker)


def _wish(utility: np.ndarray | float, cost: float, spread: float) -> np.ndarray | float:
    """Share of one side that wants to be on board: logistic in net value minus the median cost."""
    return 0.5 + 0.5 * np.tanh((utility - cost) / (2.0 * spread * cost))


def seller_sales_at_full(p: Values) -> float:
    """g: a seller's monthly sales when every buyer is on board (¤): spend × buyers ÷ sellers."""
    return p.spend * p.buyers_market / p.sellers_market


def tolerated_take_rate(p: Values) -> float:
    """τ* = m − k_S ÷ g: above it the median seller on a full marketplace would rather leave (or multi-home)."""
    return p.seller_margin - p.seller_cost / seller_sales_at_full(p)


def step(b: np.ndarray, s: np.ndarray, p: Values, take_rate: np.ndarray | float,
         buyer_subsidy: float, seller_subsidy: float) -> tuple[np.ndarray, np.ndarray]:
    """One month of adoption on both sides (works on arrays of scenarios at once)."""
    return _stepper(p, take_rate)(b, s, buyer_subsidy, seller_subsidy)


def _stepper(p: Values, take_rate: np.ndarray | float):
    """The month-to-month map with the parameters bound once (the loops call it hundreds of times).

    ``b + λ (F(u) − b)`` with ``F(u) = ½ + ½ tanh((u − k) / (2 · spread · k))`` is rearranged to
    ``(1 − λ) b + λ/2 + λ/2 · tanh(a · other + c)``: the same numbers, fewer array operations.
    """
    keep, half = 1.0 - p.speed, 0.5 * p.speed
    b_scale, s_scale = 2.0 * p.spread * p.buyer_cost, 2.0 * p.spread * p.seller_cost
    b_slope = p.buyer_value / b_scale
    s_slope = seller_sales_at_full(p) * (p.seller_margin - np.asarray(take_rate, dtype=float)) / s_scale
    b_base, s_base = (-p.buyer_fee - p.buyer_cost) / b_scale, -p.seller_cost / s_scale
    tanh = np.tanh

    def advance(b, s, buyer_subsidy: float, seller_subsidy: float):
        wish_b = tanh(s * b_slope + (b_base + buyer_subsidy / b_scale))
        wish_s = tanh(b * s_slope + (s_base + seller_subsidy / s_scale))
        return keep * b + half * (1.0 + wish_b), keep * s + half * (1.0 + wish_s)

    return advance


def _path(p: Values, take_rate: np.ndarray | float) -> tuple[np.ndarray, np.ndarray]:
    """Shares of buyers and sellers in months 0..months (rows), one column per take rate."""
    rates = np.atleast_1d(np.asarray(take_rate, dtype=float))
    advance = _stepper(p, rates)
    b = np.empty((p.months + 1, rates.size))
    s = np.empty_like(b)
    b[0] = s[0] = p.start_share
    bs, ss = p.buyer_subsidy, p.seller_subsidy
    for t in range(1, p.months + 1):
        if t > p.subsidy_months:
            bs = ss = 0.0
        b[t], s[t] = advance(b[t - 1], s[t - 1], bs, ss)
    return b, s


def _critical_mass_month(b: np.ndarray, s: np.ndarray, p: Values) -> int | None:
    """First month t whose state, left without any subsidy, tips (all months tested at once)."""
    advance = _stepper(p, p.take_rate)
    bb, ss = b.copy(), s.copy()
    for _ in range(CONTINUATION):
        bb, ss = advance(bb, ss, 0.0, 0.0)
    tips = np.minimum(bb, ss) >= TIPPED
    if not tips[-1]:
        return None
    last_not = np.flatnonzero(~tips)
    return 0 if last_not.size == 0 else int(last_not[-1]) + 1


@model(PARAMETERS)
def simulate(p: Values) -> PlatformResult:
    """Buyers and sellers month by month from a small start, the platform's money, and the take rate sellers bear."""
    b_all, s_all = _path(p, np.append(SWEEP, p.take_rate))
    b, s = b_all[:, -1], s_all[:, -1]
    month = np.arange(p.months + 1)
    buyers = b * p.buyers_market
    sellers = s * p.sellers_market
    gmv = buyers * p.spend * s                       # ¤ thousand a month
    revenue = p.buyer_fee * buyers + p.take_rate * gmv
    on = (month >= 1) & (month <= p.subsidy_months)
    subsidy = np.where(on, p.buyer_subsidy * buyers + p.seller_subsidy * sellers, 0.0)
    revenue[0] = 0.0
    profit = revenue - subsidy
    cumulative = np.cumsum(profit)
    monthly = pd.DataFrame(np.column_stack([month, b, s, buyers, sellers, gmv, revenue, subsidy, profit, cumulative]),
                           columns=["month", "buyer_share", "seller_share", "buyers", "sellers", "gmv", "revenue",
                                    "subsidy", "profit", "cumulative_profit"])
    monthly["month"] = month
    n = len(SWEEP)
    sweep = pd.DataFrame({"take_rate": SWEEP, "seller_share": s_all[-1, :n],
                          "revenue": (p.buyer_fee * b_all[-1, :n] * p.buyers_market
                                      + SWEEP * b_all[-1, :n] * p.buyers_market * p.spend * s_all[-1, :n])})
    final_b, final_s = float(b[-1]), float(s[-1])
    critical_mass = _critical_mass_month(b, s, p)
    if min(final_b, final_s) >= TIPPED:
        outcome = "tipped" if critical_mass is not None else "propped up"
    elif max(final_b, final_s) < p.start_share:
        outcome = "died"
    else:
        outcome = "stalled"
    last_revenue = float(revenue[-1])
    from_sellers = float(p.take_rate * gmv[-1])
    return PlatformResult(
        monthly=monthly, sweep=sweep, outcome=outcome, final_buyer_share=final_b, final_seller_share=final_s,
        critical_mass_month=critical_mass,
        tolerated_take_rate=float(tolerated_take_rate(p)),
        final_revenue=last_revenue,
        seller_revenue_share=from_sellers / last_revenue if last_revenue > 0 else float("nan"),
        subsidy_spent=float(subsidy.sum()), cumulative_profit=float(cumulative[-1]),
        payback_month=_payback(cumulative), take_rate=float(p.take_rate),
    )


def _payback(cumulative: np.ndarray) -> int | None:
    """First month from which cumulative profit stays above zero (None if it ends at or below zero)."""
    above = cumulative > 0
    if not above[-1]:
        return None
    below = np.flatnonzero(~above)
    return 0 if below.size == 0 else int(below[-1]) + 1


# --- network value laws ---------------------------------------------------------------------------
def network_values(users: np.ndarray | list[float], reference: float) -> pd.DataFrame:
    """Network value under Metcalfe (n²) and Odlyzko–Tilly (n·ln n), both scaled to 1 at ``reference`` users."""
    n = np.asarray(users, dtype=float)
    if reference <= 1 or np.any(n <= 1):
        raise ValueError(f"users and reference must be above 1 (ln 1 = 0 leaves nothing to scale); "
                         f"got reference={reference}, smallest users={n.min() if n.size else 'none'}")
    return pd.DataFrame({"users": n, "metcalfe": (n / reference) ** 2,
                         "odlyzko_tilly": n * np.log(n) / (reference * np.log(reference))})


def value_multiple(n_from: float, n_to: float) -> tuple[float, float]:
    """How many times network value grows when users grow from n_from to n_to: (Metcalfe, Odlyzko–Tilly)."""
    table = network_values([n_to], n_from)
    return float(table.metcalfe.iloc[0]), float(table.odlyzko_tilly.iloc[0])


# --- the live sentence ----------------------------------------------------------------------------
def takeaway(result: PlatformResult, values: Mapping[str, Any], currency: str = "$") -> str:
    """One sentence a founder can act on; it doubles as the charts' text alternative."""
    p = PARAMETERS.validate(values)
    months = p.months
    shares = f"{_pct(result.final_buyer_share)} of buyers and {_pct(result.final_seller_share)} of sellers"
    if result.outcome == "propped up":
        if p.subsidy_months >= months:
            head = (f"The platform holds {shares} in month {months} only because the subsidy is still paid: "
                    "without it, it would shrink again (no critical mass of its own)")
        else:
            head = (f"The platform still holds {shares} in month {months}, but it is shrinking since the subsidy "
                    f"stopped in month {p.subsidy_months}: it never reached critical mass of its own")
    elif result.outcome == "tipped":
        if result.critical_mass_month == 0:
            head = f"The platform tips without help: from the launch it grows to {shares} by month {months}"
        else:
            head = (f"The platform tips: it passes critical mass in month {result.critical_mass_month} "
                    f"and holds {shares} by month {months}")
    elif result.outcome == "died":
        head = (f"The platform dies: it never reaches critical mass and shrinks from {_pct(p.start_share)} "
                f"at launch to {shares} by month {months}")
    elif result.critical_mass_month is not None:
        head = (f"The platform passes critical mass in month {result.critical_mass_month} but is still climbing "
                f"in month {months} ({shares})")
    else:
        head = f"The platform never reaches critical mass: it is stuck at {shares} in month {months}"
    return f"{head}. {_money(result, currency)} {_tolerance(result, p)}"


def _money(result: PlatformResult, currency: str) -> str:
    spent = (f"Subsidies cost {amount(result.subsidy_spent, currency)}"
             if result.subsidy_spent > 0 else "No subsidy is paid")
    if result.final_revenue <= 0:
        return f"{spent}; the platform charges nobody, so it earns nothing."
    from_sellers = result.seller_revenue_share
    if abs(from_sellers - 0.5) < 0.005:
        who = "buyers and sellers pay about equal parts"
    elif from_sellers >= 0.995:
        who = "sellers pay all of it"
    elif from_sellers <= 0.005:
        who = "buyers pay all of it"
    else:
        who = f"sellers pay {_pct(from_sellers)} of it"
    if result.payback_month is None:
        pay = f"revenue minus subsidies is {amount(result.cumulative_profit, currency)} over the horizon: not paid back"
    elif result.payback_month == 0 or result.subsidy_spent == 0:
        pay = "revenue is never below the subsidies"
    else:
        pay = f"the subsidies are paid back from month {result.payback_month}"
    return (f"{spent}; the last month brings {amount(result.final_revenue, currency)} of revenue "
            f"({who}); {pay}.")


def _tolerance(result: PlatformResult, p: Values) -> str:
    tol = result.tolerated_take_rate
    if tol <= 0:
        return "Even a 0 % take rate does not cover the typical seller's cost of joining a full marketplace."
    if p.take_rate > tol + 1e-9:
        return (f"The take rate of {_pct(p.take_rate)} is above the {_pct(tol)} the typical seller tolerates: "
                "most sellers leave or sell elsewhere.")
    if abs(p.take_rate - tol) <= 1e-9:
        return f"The take rate of {_pct(p.take_rate)} is exactly what the typical seller tolerates."
    return f"The typical seller on a full marketplace tolerates a take rate up to {_pct(tol)} (now {_pct(p.take_rate)})."


def amount(thousands: float, currency: str) -> str:
    """Money given in thousands, as a reader says it: '$750 thousand', '−$3.9 million'."""
    sign = "−" if thousands <= -0.5 else ""
    x = abs(thousands)
    if x >= 1000:
        return f"{sign}{currency}{x / 1000:,.1f} million"
    return f"{sign}{currency}{x:,.0f} thousand"


def _pct(x: float) -> str:
    """A share in words: '52 %', '2.5 %', 'under 0.1 %'."""
    if x >= 0.1:
        return f"{x:.0%}".replace("%", " %")
    return f"{x:.1%}".replace("%", " %") if x >= 0.001 else "under 0.1 %"
