"""Two-sided platform: each side joins for the other side, so a launch subsidy can decide whether it tips or dies.

Cross-side network effects (after Rochet & Tirole, "Platform Competition in Two-Sided Markets",
JEEA 1(4), 2003, and Armstrong, "Competition in Two-Sided Markets", RAND Journal of Economics 37(3),
2006): a buyer's net value of the platform rises with the share of sellers on it, a seller's with the
share of buyers::

    buyer's value   u_B = v · (1 − μ) · s_t − f + σ_B                 (¤ a month)
    seller's value  u_S = g · (1 − μ) · b_t · (m − τ) + σ_S,  g = spend · N_B ÷ N_S

``b_t``, ``s_t`` are the shares of potential buyers and sellers on board in month t, ``v`` what a
full marketplace is worth to a buyer, ``f`` the buyers' monthly fee, ``τ`` the take rate on
sellers' sales, ``m`` the seller's margin on a sale before the platform's fee, ``g`` a seller's
sales when every buyer is on board, ``σ`` a launch subsidy (paid only in the first months) and ``μ``
the share of the cross-side trade that goes through a rival the members also use (multi-homing,
after Armstrong & Wright, "Two-Sided Markets, Competitive Bottlenecks and Exclusive Contracts",
Economic Theory 32(2), 2007): each side captures only ``1 − μ`` of the cross-side benefit on this
platform, and the platform earns its fees on ``1 − μ`` of the volume.

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
after that it grows without help. A month is past critical mass if, left without any subsidy from
then on, the platform settles clearly above half of each side: at least ``TIPPED + TIP_MARGIN``
(51 %) on board (followed until it settles, at least ten adjustment times ``1 ÷ speed``). A platform
that settles within a point of half on one side (``TIPPED ± TIP_MARGIN``) is on the knife edge
between the two outcomes — at a take rate exactly what the typical seller tolerates, sellers on a
full marketplace settle at exactly half — and is said to settle at about half, not to tip.
Revenue is ``f · buyers + τ · GMV`` with
``GMV = buyers · spend · s_t · (1 − μ)``.

**Which side to subsidise.** Armstrong's (2006) monopoly platform sets each side's price at its
cost less the value its members bring the other side, ``p_i = f_i − α_j · n_j`` (plus a mark-up for
how price-sensitive the side is). Here sellers bring each buyer ``v · (1 − μ)`` a month on a full
marketplace and each buyer brings the sellers ``spend · (m − τ) · (1 − μ)``: the rule lowers the
price of the side that brings more. The model also computes it: a **price-structure sweep** runs
the launch with a subsidy on one side only, from 0 to twice that side's median cost of joining, and
finds the one-sided launch with the most revenue minus subsidies over the horizon. Parker & Van
Alstyne (Management Science 51(10), 2005) show that subsidising one side — even for ever — can be
the profitable choice; Rochet & Tirole show that the *structure* of prices (which side pays)
matters, not only their level.

The take rate sellers tolerate: a median seller stays on a full marketplace while
``g · (1 − μ) · (m − τ) ≥ k_S``, i.e. ``τ ≤ m − k_S ÷ (g · (1 − μ))``; above it most sellers leave.

Network value laws: Metcalfe's ``n²`` (every pair of users a link of equal worth) against Briscoe,
Odlyzko & Tilly's ``n · ln n`` ("Metcalfe's Law is Wrong", IEEE Spectrum 43(7), July 2006): most of
the possible links are worth little, so value grows only a little faster than users.

Assumptions: one market, members on one side alike except for their cost of joining; the rival is
a fixed share of the trade (it does not react); prices and subsidies fixed over the horizon; no
platform costs other than subsidies (revenue minus subsidies, not profit). The functional forms are
illustrative; the presets' sources are in widgets/explorers/platform.py.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Mapping

import numpy as np
import pandas as pd

from . import wording
from ..params import Constraint, Param, Parameters, Values, model

TIPPED = 0.5          # both sides at least half on board: the platform has tipped
TIP_MARGIN = 0.01     # "tips" only if each side settles at least a point above half; within a point of it: "about half"
SWEEP = np.round(np.arange(121) * 0.005, 4)   # take rates for the tolerance chart: every value the control can take
SIDE_SWEEP = np.round(np.arange(41) * 0.05, 2)  # one-sided subsidies, as multiples of that side's median cost of joining
SETTLE_TIMES = 10     # a state is followed for at least ten adjustment times (1 ÷ speed) to see where it settles
SETTLED = 0.01        # "settled": less than one percentage point from where it would stay
SIDES = ("buyers", "sellers")

PARAMETERS = Parameters(
    Param("buyers_market", "Potential buyers", "thousand", 1000, 1, 100000, 1,
          "People in the market who could use the platform (buyers, guests, riders)."),
    Param("sellers_market", "Potential sellers", "thousand", 50, 0.1, 10000, 0.1,
          "Sellers, hosts or drivers who could offer on the platform."),
    Param("start_share", "Share on board at launch", "%", 0.02, 0.001, 0.5, 0.001,
          "Share of each side on the platform in month 0 (the same small start for both).", percent=True),
    Param("buyer_value", "Value of a full marketplace to a buyer", "¤ / month", 40.0, 0.0, 1000.0, 0.5,
          "What a buyer gains a month, beyond what she pays, when every seller is on board."),
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
    Param("multihoming", "Trade that goes through a rival", "%", 0.0, 0.0, 0.9, 0.01,
          "Share of the cross-side trade members also do on a rival platform (multi-homing): this platform "
          "captures the rest.", percent=True),
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
class BestLaunch:
    """The one-sided launch subsidy with the most revenue minus subsidies over the horizon (from the sweep)."""

    side: str          # "buyers", "sellers", or "none" when no subsidy beats paying none
    subsidy: float     # ¤ a month per member of that side (0 for "none")
    profit: float      # revenue − subsidies over the horizon, ¤ thousand
    tipped: bool       # whether that launch ends tipped (both sides at least half on board)


@dataclass(frozen=True)
class PlatformResult:
    """Month by month (``monthly``), the two sweeps (``sweep``, ``side_sweep``) and the figures a founder asks for."""

    monthly: pd.DataFrame            # month, buyer/seller shares, members (thousand), GMV, revenue, subsidy, profit (¤ thousand)
    sweep: pd.DataFrame              # take_rate, seller_share and revenue in the final month
    side_sweep: pd.DataFrame         # side, multiple of its median cost, subsidy, spent, profit, tipped: one-sided launches
    outcome: str                     # tipped, on the edge, propped up, faded, climbing, died, stuck, shrinking, rising
    final_buyer_share: float
    final_seller_share: float
    peak_month: int                  # month in which the smaller side's share is highest
    peak_buyer_share: float
    peak_seller_share: float
    settles_at: tuple[float, float]  # where the shares settle if the horizon's conditions go on (buyers, sellers)
    unaided: tuple[float, float]     # where they settle if no subsidy is paid after the horizon (buyers, sellers)
    critical_mass_month: int | None  # first month from which, with no more subsidy, the platform tips
    tolerated_take_rate: float       # m − k_S ÷ (g (1 − μ)): the take rate a median seller on a full marketplace accepts
    final_revenue: float             # ¤ thousand in the last month
    seller_revenue_share: float      # share of the last month's revenue paid by sellers (nan if no revenue)
    subsidy_spent: float             # ¤ thousand over the horizon
    revenue_total: float             # ¤ thousand over the horizon
    cumulative_profit: float         # revenue − subsidies over the horizon, ¤ thousand
    payback_month: int | None        # first month from which cumulative profit stays above 0
    take_rate: float                 # the take rate simulated (for the tolerance chart's marker)
    value_sellers_bring: float       # Armstrong's α_B·n_S on a full marketplace: ¤ a month sellers bring each buyer
    value_buyers_bring: float        # Armstrong's α_S·n_B per buyer: ¤ a month each buyer brings the sellers
    best_launch: BestLaunch


def _wish(utility: np.ndarray | float, cost: float, spread: float) -> np.ndarray | float:
    """Share of one side that wants to be on board: logistic in net value minus the median cost."""
    return 0.5 + 0.5 * np.tanh((utility - cost) / (2.0 * spread * cost))


def seller_sales_at_full(p: Values) -> float:
    """g: a seller's monthly sales when every buyer is on board (¤): spend × buyers ÷ sellers."""
    return p.spend * p.buyers_market / p.sellers_market


def tolerated_take_rate(p: Values) -> float:
    """τ* = m − k_S ÷ (g (1 − μ)): above it the median seller on a full marketplace would rather leave."""
    captured = seller_sales_at_full(p) * (1.0 - p.multihoming)
    return p.seller_margin - p.seller_cost / captured if captured > 0 else -np.inf


def step(b: np.ndarray, s: np.ndarray, p: Values, take_rate: np.ndarray | float,
         buyer_subsidy: np.ndarray | float, seller_subsidy: np.ndarray | float) -> tuple[np.ndarray, np.ndarray]:
    """One month of adoption on both sides (works on arrays of scenarios at once)."""
    return _stepper(p, take_rate)(b, s, buyer_subsidy, seller_subsidy)


def _coefficients(p: Values, take_rate: np.ndarray | float) -> tuple:
    """keep, half, and each side's slope, base and scale in ``(1 − λ) x + λ/2 · (1 + tanh(slope · other + base + σ/scale))``."""
    captured = 1.0 - p.multihoming
    b_scale, s_scale = 2.0 * p.spread * p.buyer_cost, 2.0 * p.spread * p.seller_cost
    b_slope = p.buyer_value * captured / b_scale
    s_slope = seller_sales_at_full(p) * captured * (p.seller_margin - np.asarray(take_rate, dtype=float)) / s_scale
    b_base, s_base = (-p.buyer_fee - p.buyer_cost) / b_scale, -p.seller_cost / s_scale
    return 1.0 - p.speed, 0.5 * p.speed, b_slope, b_base, b_scale, s_slope, s_base, s_scale


def _stepper(p: Values, take_rate: np.ndarray | float):
    """The month-to-month map with the parameters bound once (the loops call it hundreds of times).

    ``b + λ (F(u) − b)`` with ``F(u) = ½ + ½ tanh((u − k) / (2 · spread · k))`` is rearranged to
    ``(1 − λ) b + λ/2 + λ/2 · tanh(a · other + c)``: the same numbers, fewer array operations.
    """
    keep, half, b_slope, b_base, b_scale, s_slope, s_base, s_scale = _coefficients(p, take_rate)
    tanh = np.tanh

    def advance(b, s, buyer_subsidy, seller_subsidy):
        wish_b = tanh(s * b_slope + (b_base + buyer_subsidy / b_scale))
        wish_s = tanh(b * s_slope + (s_base + seller_subsidy / s_scale))
        return keep * b + half * (1.0 + wish_b), keep * s + half * (1.0 + wish_s)

    return advance


def _paths(p: Values, take_rates: np.ndarray, buyer_subsidies: np.ndarray,
           seller_subsidies: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Shares of buyers and sellers in months 0..months (rows), one column per scenario."""
    advance = _stepper(p, take_rates)
    b = np.empty((p.months + 1, take_rates.size))
    s = np.empty_like(b)
    b[0] = s[0] = p.start_share
    bs, ss = buyer_subsidies, seller_subsidies
    for t in range(1, p.months + 1):
        if t > p.subsidy_months:
            bs = ss = 0.0
        b[t], s[t] = advance(b[t - 1], s[t - 1], bs, ss)
    return b, s


def _settles_at(b: float, s: float, p: Values, buyer_subsidy: float, seller_subsidy: float) -> tuple[float, float]:
    """Where one state ends if the given conditions go on: followed for ten adjustment times, more if still moving."""
    keep, half, b_slope, b_base, b_scale, s_slope, s_base, s_scale = _coefficients(p, p.take_rate)
    b_base, s_base, s_slope = b_base + buyer_subsidy / b_scale, s_base + seller_subsidy / s_scale, float(s_slope)
    least = int(np.ceil(SETTLE_TIMES / p.speed))
    for n in range(1, 8 * least + 1):
        nb = keep * b + half * (1.0 + math.tanh(s * b_slope + b_base))
        ns = keep * s + half * (1.0 + math.tanh(b * s_slope + s_base))
        done = n >= least and abs(nb - b) < 1e-9 and abs(ns - s) < 1e-9
        b, s = nb, ns
        if done:
            break
    return b, s


def _tip_without_subsidy(b: np.ndarray, s: np.ndarray, p: Values) -> np.ndarray:
    """Whether each state, left without any subsidy, settles clearly above half of each side (TIPPED + TIP_MARGIN).

    While sellers keep a margin after the fee (m ≥ τ) each side's wish rises with the other side, so the
    map is monotone: a state that grows on both sides keeps growing, one that shrinks on both keeps
    shrinking. A state is decided once it grows above the line on both sides or shrinks below it on one.
    """
    line = TIPPED + TIP_MARGIN
    advance = _stepper(p, p.take_rate)
    monotone = p.seller_margin >= p.take_rate
    tips = np.zeros(b.size, dtype=bool)
    open_ = np.ones(b.size, dtype=bool)
    least = int(np.ceil(SETTLE_TIMES / p.speed))
    for _ in range(8 * least):
        nb, ns = advance(b, s, 0.0, 0.0)
        if monotone:
            grows, shrinks = (nb >= b) & (ns >= s), (nb <= b) & (ns <= s)
            up = open_ & grows & (np.minimum(nb, ns) >= line)
            down = open_ & shrinks & (np.minimum(nb, ns) < line)
            tips |= up
            open_ &= ~(up | down)
        b, s = nb, ns
        if not open_.any():
            return tips
    return np.where(open_, np.minimum(b, s) >= line, tips)


def _cash(p: Values, b: np.ndarray, s: np.ndarray, take_rates, buyer_subsidies, seller_subsidies):
    """Revenue and subsidies a month (¤ thousand), rows months 0..months, one column per scenario."""
    buyers = b * p.buyers_market
    revenue = p.buyer_fee * buyers + take_rates * buyers * p.spend * s * (1.0 - p.multihoming)
    revenue[0] = 0.0
    on = (np.arange(p.months + 1) >= 1) & (np.arange(p.months + 1) <= p.subsidy_months)
    subsidy = on[:, None] * (buyer_subsidies * buyers + seller_subsidies * s * p.sellers_market)
    return revenue, subsidy


def _side_sweep(p: Values) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Take rate, buyer and seller subsidy of every scenario: the take-rate sweep, two one-sided sweeps, the setting."""
    n = SIDE_SWEEP.size
    buyer, seller = (_on_grid(SIDE_SWEEP * cost, PARAMETERS[name])
                     for cost, name in ((p.buyer_cost, "buyer_subsidy"), (p.seller_cost, "seller_subsidy")))
    rates = np.concatenate([SWEEP, np.full(2 * n + 1, p.take_rate)])
    buyers = np.concatenate([np.full(SWEEP.size, p.buyer_subsidy), buyer, np.zeros(n), [p.buyer_subsidy]])
    sellers = np.concatenate([np.full(SWEEP.size, p.seller_subsidy), np.zeros(n), seller, [p.seller_subsidy]])
    return rates, buyers, sellers


def _on_grid(amounts: np.ndarray, param) -> np.ndarray:
    """Amounts a learner can set: rounded to the control's step, at most its maximum."""
    return np.minimum(np.round(amounts / param.step) * param.step, param.max)


@model(PARAMETERS)
def simulate(p: Values) -> PlatformResult:
    """Both sides month by month from a small start, the platform's money, the take rate sellers bear, the best side to subsidise."""
    rates, buyer_subsidies, seller_subsidies = _side_sweep(p)
    b_all, s_all = _paths(p, rates, buyer_subsidies, seller_subsidies)
    revenue_all, subsidy_all = _cash(p, b_all, s_all, rates, buyer_subsidies, seller_subsidies)
    b, s = b_all[:, -1], s_all[:, -1]
    revenue, subsidy = revenue_all[:, -1], subsidy_all[:, -1]
    month = np.arange(p.months + 1)
    buyers, sellers = b * p.buyers_market, s * p.sellers_market
    gmv = buyers * p.spend * s * (1.0 - p.multihoming)         # ¤ thousand a month
    profit = revenue - subsidy
    cumulative = np.cumsum(profit)
    monthly = pd.DataFrame(np.column_stack([month, b, s, buyers, sellers, gmv, revenue, subsidy, profit, cumulative]),
                           columns=["month", "buyer_share", "seller_share", "buyers", "sellers", "gmv", "revenue",
                                    "subsidy", "profit", "cumulative_profit"])
    monthly["month"] = month
    n = SWEEP.size
    sweep = pd.DataFrame({"take_rate": SWEEP, "seller_share": s_all[-1, :n], "revenue": revenue_all[-1, :n]})
    side_sweep = _one_sided(p, buyer_subsidies[n:-1], seller_subsidies[n:-1], b_all[-1, n:-1], s_all[-1, n:-1],
                            revenue_all[:, n:-1].sum(axis=0), subsidy_all[:, n:-1].sum(axis=0))
    # where the horizon's state goes if its conditions go on, and which months' states tip without subsidy
    paid = p.subsidy_months >= p.months
    settles = _settles_at(float(b[-1]), float(s[-1]), p, p.buyer_subsidy if paid else 0.0,
                          p.seller_subsidy if paid else 0.0)
    unaided = _settles_at(float(b[-1]), float(s[-1]), p, 0.0, 0.0) if paid else settles
    critical_mass = _critical_mass_month(b, s, p, min(unaided) >= TIPPED + TIP_MARGIN)
    smaller = np.minimum(b, s)
    peak = int(np.argmax(smaller))
    last_revenue = float(revenue[-1])
    from_sellers = float(p.take_rate * gmv[-1])
    captured = 1.0 - p.multihoming
    return PlatformResult(
        monthly=monthly, sweep=sweep, side_sweep=side_sweep,
        outcome=_outcome(p, b, s, smaller[peak], critical_mass, settles, unaided),
        final_buyer_share=float(b[-1]), final_seller_share=float(s[-1]),
        peak_month=peak, peak_buyer_share=float(b[peak]), peak_seller_share=float(s[peak]),
        settles_at=settles, unaided=unaided, critical_mass_month=critical_mass,
        tolerated_take_rate=float(tolerated_take_rate(p)), final_revenue=last_revenue,
        seller_revenue_share=from_sellers / last_revenue if last_revenue > 0 else float("nan"),
        subsidy_spent=float(subsidy.sum()), revenue_total=float(revenue.sum()), cumulative_profit=float(cumulative[-1]),
        payback_month=_payback(cumulative), take_rate=float(p.take_rate),
        value_sellers_bring=p.buyer_value * captured,
        value_buyers_bring=p.spend * (p.seller_margin - p.take_rate) * captured,
        best_launch=_best(side_sweep),
    )


def _one_sided(p: Values, buyer, seller, final_b, final_s, revenue, spent) -> pd.DataFrame:
    """The price-structure sweep: each row one launch that subsidises one side only (the first row of each: none)."""
    n = SIDE_SWEEP.size
    subsidy = np.concatenate([buyer[:n], seller[n:]])
    return pd.DataFrame({
        "side": pd.Categorical.from_codes(np.repeat([0, 1], n), SIDES), "multiple": subsidy / np.repeat([p.buyer_cost, p.seller_cost], n),
        "subsidy": subsidy, "spent": spent, "profit": revenue - spent,
        "tipped": np.minimum(final_b, final_s) >= TIPPED,
    })


def _best(side_sweep: pd.DataFrame) -> BestLaunch:
    """The row with the most revenue − subsidies; a subsidy of 0 (or no gain over it) is 'none'."""
    profit, subsidy = side_sweep["profit"].to_numpy(), side_sweep["subsidy"].to_numpy()
    tipped = side_sweep["tipped"].to_numpy()
    i = int(np.argmax(profit))
    none = float(profit[0])                    # row 0 is the buyers' sweep at 0: no subsidy at all
    if subsidy[i] == 0 or profit[i] <= none + 1e-9:
        return BestLaunch("none", 0.0, none, bool(tipped[0]))
    return BestLaunch(SIDES[i // SIDE_SWEEP.size], float(subsidy[i]), float(profit[i]), bool(tipped[i]))


def _critical_mass_month(b: np.ndarray, s: np.ndarray, p: Values, horizon_tips: bool) -> int | None:
    """First month from which every later month, left without subsidy, tips (None if the horizon's does not).

    A month after the subsidy has stopped goes on along the path itself, so it tips as the horizon's state
    does; only the subsidised months need following on their own.
    """
    if not horizon_tips:
        return None
    tips = _tip_without_subsidy(b[:p.subsidy_months], s[:p.subsidy_months], p)
    last_not = np.flatnonzero(~tips)
    return 0 if last_not.size == 0 else int(last_not[-1]) + 1


def _outcome(p: Values, b: np.ndarray, s: np.ndarray, peak: float, critical_mass: int | None,
             settles_at: tuple[float, float], unaided: tuple[float, float]) -> str:
    """What happened, in one word the sentence turns into words (each one tested against the path itself)."""
    if min(b[-1], s[-1]) >= TIPPED:
        if critical_mass is not None:
            return "tipped"
        return "on the edge" if on_the_edge(unaided) else "propped up"
    if peak >= TIPPED:
        return "faded"                              # it had half of both sides, then lost them
    if critical_mass is not None:
        return "climbing"
    moving = max(abs(settles_at[0] - b[-1]), abs(settles_at[1] - s[-1]))
    if max(b[-1], s[-1]) < p.start_share and settles_at[0] <= b[-1] + SETTLED:
        return "died"
    if moving < SETTLED:
        return "stuck"
    return "shrinking" if settles_at[0] + settles_at[1] < b[-1] + s[-1] else "rising"


def on_the_edge(shares: tuple[float, float]) -> bool:
    """Whether settled shares sit on the knife edge: the smaller within TIP_MARGIN of half (neither tips nor dies)."""
    return abs(min(shares) - TIPPED) < TIP_MARGIN


def _payback(cumulative: np.ndarray) -> int | None:
    """First month from which cumulative profit stays above zero (None if it ends at or below zero)."""
    above = cumulative > 0
    if not above[-1]:
        return None
    below = np.flatnonzero(~above)
    return 0 if below.size == 0 else int(below[-1]) + 1


def smallest_tipping_subsidy(values: Mapping[str, Any], name: str, high: float, tolerance: float = 0.01) -> float | None:
    """The smallest ``buyer_subsidy`` or ``seller_subsidy`` (others as given) that tips the platform, to ``tolerance``.

    Bisection between 0 and ``high``: a larger subsidy never leaves fewer members on board. None if even
    ``high`` does not tip it.
    """
    def tips(amount: float) -> bool:
        return simulate({**values, name: amount}).outcome == "tipped"

    if not tips(high):
        return None
    low = 0.0
    while high - low > tolerance:
        mid = (low + high) / 2
        low, high = (low, mid) if tips(mid) else (mid, high)
    return high


# --- network value laws ---------------------------------------------------------------------------
def network_values(users: np.ndarray | list[float], reference: float) -> pd.DataFrame:
    """Network value under Metcalfe (n²) and Briscoe–Odlyzko–Tilly (n·ln n), both scaled to 1 at ``reference`` users."""
    n = np.asarray(users, dtype=float)
    if reference <= 1 or np.any(n <= 1):
        raise ValueError(f"users and reference must be above 1 (ln 1 = 0 leaves nothing to scale); "
                         f"got reference={reference}, smallest users={n.min() if n.size else 'none'}")
    return pd.DataFrame({"users": n, "metcalfe": (n / reference) ** 2,
                         "odlyzko_tilly": n * np.log(n) / (reference * np.log(reference))})


def value_multiple(n_from: float, n_to: float) -> tuple[float, float]:
    """How many times network value grows when users grow from n_from to n_to: (Metcalfe, Briscoe–Odlyzko–Tilly)."""
    table = network_values([n_to], n_from)
    return float(table.metcalfe.iloc[0]), float(table.odlyzko_tilly.iloc[0])


# --- the live sentence ----------------------------------------------------------------------------
def takeaway(result: PlatformResult, values: Mapping[str, Any], currency: str = "$") -> str:
    """One sentence a founder can act on; it doubles as the charts' text alternative."""
    p = PARAMETERS.validate(values)
    return f"{_fate(result, p)}. {_money(result, currency)} {_structure(result, p, currency)} {_tolerance(result, p)}"


def _shares(b: float, s: float) -> str:
    return f"{_pct(b)} of buyers and {_pct(s)} of sellers"


def _fate(result: PlatformResult, p: Values) -> str:
    """What happened to the platform: tipped, propped up, peaked and declined, died, settled or still moving."""
    months, outcome = p.months, result.outcome
    shares = _shares(result.final_buyer_share, result.final_seller_share)
    towards = _shares(*result.settles_at)
    if outcome == "propped up":
        if p.subsidy_months >= months:
            return (f"The platform holds {shares} in month {months} only because the subsidy is still paid: "
                    "without it, it would shrink again (no critical mass of its own)")
        return (f"The platform still holds {shares} in month {months}, but it is shrinking since the subsidy "
                f"stopped in month {p.subsidy_months}: it never reached critical mass of its own")
    if outcome == "on the edge":
        return _edge(result, p, shares)
    if outcome == "tipped":
        if result.critical_mass_month == 0:
            return f"The platform tips without help: from the launch it grows to {shares} by month {months}"
        return (f"The platform tips: it passes critical mass in month {result.critical_mass_month} "
                f"and holds {shares} by month {months}")
    if outcome == "faded":
        peak = (f"The platform peaks at {_shares(result.peak_buyer_share, result.peak_seller_share)} in month "
                f"{result.peak_month}, then declines to {shares} by month {months}")
        if result.critical_mass_month is not None:
            return f"{peak}, but it has critical mass again and will grow"
        return f"{peak}: it never reached critical mass of its own"
    if outcome == "climbing":
        return (f"The platform passes critical mass in month {result.critical_mass_month} but is still climbing "
                f"in month {months} ({shares})")
    if outcome == "died":
        return (f"The platform dies: it never reaches critical mass and shrinks from {_pct(p.start_share)} "
                f"at launch to {shares} by month {months}")
    if outcome == "stuck":
        paid = " while the subsidy is paid" if p.subsidy_months >= months and result.subsidy_spent > 0 else ""
        return (f"The platform never reaches critical mass: it has settled at {shares} by month {months} "
                f"and would stay there{paid}")
    direction = "still shrinking" if outcome == "shrinking" else "still rising"
    return (f"The platform never reaches critical mass: in month {months} it holds {shares} and is {direction}, "
            f"towards {towards}")


def _edge(result: PlatformResult, p: Values, shares: str) -> str:
    """Half or more on board now, and without subsidy the smaller side settles within a point of half."""
    b, s = result.unaided
    sides = [name for name, x in zip(SIDES, (b, s)) if abs(x - TIPPED) < TIP_MARGIN]
    who = " and ".join(sides)
    edge = (f"settles at {_shares(b, s)} — on the knife edge of critical mass (within {TIP_MARGIN * 100:g} "
            "percentage point of half), so it neither clearly tips nor dies")
    if p.subsidy_months >= p.months and result.subsidy_spent > 0:
        return (f"Once the subsidy stops, the platform settles at about half of {who}: it holds {shares} in month "
                f"{p.months} while the subsidy is paid, then {edge}")
    return (f"The platform settles at about half of {who}: it holds {shares} in month {p.months} and, with no "
            f"more subsidy, {edge}")


def _structure(result: PlatformResult, p: Values, currency: str) -> str:
    """Which side the model's best one-sided launch subsidises, beside Armstrong's rule."""
    best = result.best_launch
    sellers, buyers = result.value_sellers_bring, result.value_buyers_bring
    rule = ("sellers" if sellers > buyers else "buyers") if abs(sellers - buyers) > 1e-9 else None
    armstrong = (f"sellers bring each buyer {currency}{sellers:,.0f} a month, each buyer brings the sellers "
                 f"{currency}{buyers:,.0f}")
    if rule is None:
        said = f"Armstrong's rule does not pick a side ({armstrong})"
    else:
        said = f"Armstrong's rule points to {rule} ({armstrong})"
    if p.subsidy_months == 0:
        return f"With no launch months the sweep cannot compare subsidies; {said}."
    if best.side == "none":
        return (f"Over {p.subsidy_months} launch months the best one-sided launch subsidises nobody: no subsidy "
                f"on either side earns more than none; {said}.")
    return (f"Over {p.subsidy_months} launch months the best one-sided launch subsidises {best.side} at "
            f"{_each(best.subsidy, currency)} a month each ({amount(best.profit, currency)} after subsidies); {said}.")


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
        pay = (f"revenue has covered the subsidies since month {result.payback_month} "
               f"({amount(result.cumulative_profit, currency)} ahead)")
    return (f"{spent}; the last month brings {amount(result.final_revenue, currency)} of revenue "
            f"({who}); {pay}.")


def _each(x: float, currency: str) -> str:
    """A subsidy per member: '$9.5', '$630'."""
    return f"{currency}{x:,.1f}" if x < 100 and x != round(x) else f"{currency}{x:,.0f}"


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


_pct = wording.rough_share  # '52 %', '2.5 %', 'under 0.1 %'
