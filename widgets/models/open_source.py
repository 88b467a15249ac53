"""Open source vs closed vs open core: Bass diffusion of adopters, who pays, who develops, who captures.

A firm brings one software product to a market of ``M`` potential adopters (thousand
organisations) and follows it quarter by quarter over a horizon of ``years``. It can

* keep the code **closed** and sell licences: every adopter pays the licence price;
* **open** the whole code (Navigator #33 Open Source) and sell subscriptions and support
  (the Red Hat model): the product is free, a share ``s`` of adopters buys a subscription;
* go **open core**: the core is open, premium features stay closed and a share ``s_pr`` of
  adopters buys them at the licence price.

Adoption follows the Bass (1969) diffusion model. The share of the market that has adopted by
time ``t`` (years) is

    F(t) = (1 − e^{−(p+q)t}) / (1 + (q/p)·e^{−(p+q)t}),

the solution of the hazard f/(1 − F) = p + q·F: ``p`` is the pull of outside influence
(innovation), ``q`` of word of mouth (imitation). A free, open product is usually adopted faster
(higher ``p`` or ``q``) than a licensed one; both open strategies share the open ``p`` and ``q``.

Community: outsiders do a share of the development. It grows with adoption,
``c(t) = c_max · F(t)`` for the open product and ``c_max · o · F(t)`` for open core, where ``o`` is
the share of the code that open core keeps open. Development cost per quarter is
``D/4 · (1 − c(t))``.

Value leakage: rivals and cloud providers that sell the same open code capture a share ``L``
of the paying demand (for the open firm, ``s·M·F``); open core loses ``L·o`` of its
premium demand, because only the open part can be copied. Revenue per quarter is paying
customers × price ÷ 4; profit is revenue minus development cost (a contribution view: no cost
of sales or support).

Sources: Bass, "A New Product Growth for Model Consumer Durables", Management Science 15(5),
215–227, 1969; Chesbrough, "Open Innovation", 2003, and "Open Business Models", 2006 (capture
value from open development); Lerner & Tirole, "Some Simple Economics of Open Source",
Journal of Industrial Economics 50(2), 2002 (why outsiders contribute); Gassmann, Frankenberger
& Csik, "The Business Model Navigator", 2014, patterns #32 and #33.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..params import Param, Parameters, Values, model
from .finance import payback_month
from .wording import money, share

QUARTERS_PER_YEAR = 4
STRATEGIES = ("closed", "open", "open_core")
LABELS = {"closed": "Closed (licences)", "open": "Open source (subscriptions)", "open_core": "Open core (premium)"}

PARAMETERS = Parameters(
    Param("years", "Horizon", "years", 10, 3, 20, 1,
          "How many years the three strategies are followed, quarter by quarter.", integer=True),
    Param("market_size", "Potential adopters", "thousand organisations", 30, 1, 10000, 1,
          "Organisations that would use the product once everyone has adopted (Bass M)."),
    Param("dev_cost", "Development cost", "¤ million / year", 30.0, 0.0, 2000.0, 1.0,
          "Cost of developing and maintaining the product each year if the firm does all the work."),
    Param("licence_price", "Licence price (closed)", "¤ thousand / customer / year", 15.0, 0.0, 100.0, 0.5,
          "What a customer pays per year for the closed product; open core charges it for premium features."),
    Param("subscription_price", "Subscription price (open)", "¤ thousand / customer / year", 12.0, 0.0, 100.0, 0.5,
          "What a subscriber pays per year for certified builds, updates and support of the open product."),
    Param("paying_share", "Adopters who subscribe (open)", "%", 0.30, 0.0, 1.0, 0.01,
          "Share of the open product's adopters whose demand is for a paid subscription.", percent=True),
    Param("premium_share", "Adopters buying premium (open core)", "%", 0.15, 0.0, 1.0, 0.01,
          "Share of the open-core product's adopters who buy the closed premium features.", percent=True),
    Param("community_share", "Community share of development", "%", 0.40, 0.0, 0.9, 0.01,
          "Share of development done by outsiders once the whole market has adopted the open product.",
          percent=True),
    Param("open_part", "Open part of open core", "%", 0.80, 0.0, 1.0, 0.05,
          "Share of the open-core code that is open: outsiders can contribute to it, and rivals can copy it.",
          percent=True),
    Param("p_closed", "Innovation p (closed)", "per year", 0.005, 0.001, 0.2, 0.001,
          "Bass coefficient of innovation for the licensed product: adoption from outside influence."),
    Param("q_closed", "Imitation q (closed)", "per year", 0.30, 0.0, 1.5, 0.01,
          "Bass coefficient of imitation for the licensed product: adoption by word of mouth."),
    Param("p_open", "Innovation p (open)", "per year", 0.03, 0.001, 0.2, 0.001,
          "Bass coefficient of innovation for the free product (open source and open core)."),
    Param("q_open", "Imitation q (open)", "per year", 0.50, 0.0, 1.5, 0.01,
          "Bass coefficient of imitation for the free product (open source and open core)."),
    Param("leakage", "Value leakage to rivals", "%", 0.20, 0.0, 0.9, 0.01,
          "Share of paying demand for the open code captured by rivals and cloud providers.", percent=True),
)


@dataclass(frozen=True)
class OpenSourceResult:
    """Quarterly paths of the three strategies (``quarterly``), the value breakdown and key figures.

    Adopters and customers are in thousand organisations, money in ¤ million.
    """

    quarterly: pd.DataFrame
    breakdown: pd.DataFrame                # per strategy, cumulative over the horizon (¤ million)
    cumulative_profit: dict[str, float]    # at the horizon, per strategy
    payback_quarter: dict[str, int | None]  # first quarter cumulative profit stays ≥ 0
    open_ahead_quarter: int | None         # first quarter open's cumulative profit stays ≥ closed's
    open_core_ahead_quarter: int | None
    break_even_leakage: float              # leakage at which open ends level with closed (may be <0 or >1)
    years: int


def bass_adoption(t: np.ndarray | float, p: float, q: float) -> np.ndarray:
    """Bass (1969) cumulative adoption share F(t) = (1 − e^{−(p+q)t}) / (1 + (q/p)·e^{−(p+q)t})."""
    if p <= 0:
        raise ValueError(f"p (innovation) must be above 0; got {p!r}")
    decay = np.exp(-(p + q) * np.asarray(t, dtype=float))
    return (1.0 - decay) / (1.0 + (q / p) * decay)


def bass_peak_year(p: float, q: float) -> float | None:
    """Year in which new adoptions peak, t* = ln(q/p)/(p + q); None if they fall from the start (q ≤ p)."""
    return float(np.log(q / p) / (p + q)) if q > p else None


@model(PARAMETERS)
def simulate(p: Values) -> OpenSourceResult:
    """Adopters, paying customers, revenue, development cost and profit: closed vs open vs open core."""
    quarters = p.years * QUARTERS_PER_YEAR
    quarter = np.arange(1, quarters + 1)
    t = quarter / QUARTERS_PER_YEAR                      # years since launch, end of each quarter
    adoption = {"closed": bass_adoption(t, p.p_closed, p.q_closed)}
    adoption["open"] = adoption["open_core"] = bass_adoption(t, p.p_open, p.q_open)
    buying = {"closed": 1.0, "open": p.paying_share, "open_core": p.premium_share}
    leak = {"closed": 0.0, "open": p.leakage, "open_core": p.leakage * p.open_part}
    price = {"closed": p.licence_price, "open": p.subscription_price, "open_core": p.licence_price}
    community = {"closed": 0.0, "open": p.community_share, "open_core": p.community_share * p.open_part}
    quarterly_dev = p.dev_cost / QUARTERS_PER_YEAR

    columns: dict[str, np.ndarray] = {"quarter": quarter, "year": t}
    totals: dict[str, list[float]] = {k: [] for k in ("revenue", "leaked_revenue", "community_work", "dev_cost")}
    for s in STRATEGIES:
        adopters = p.market_size * adoption[s]
        demand = adopters * buying[s]                     # organisations wanting to pay for this code
        paying = demand * (1.0 - leak[s])
        leaked = demand * leak[s]
        revenue = paying * price[s] / QUARTERS_PER_YEAR   # thousand × ¤ thousand = ¤ million
        leaked_revenue = leaked * price[s] / QUARTERS_PER_YEAR
        saved = quarterly_dev * community[s] * adoption[s]
        dev = quarterly_dev - saved
        profit = revenue - dev
        columns |= {
            f"adopters_{s}": adopters, f"paying_{s}": paying, f"leaked_customers_{s}": leaked,
            f"revenue_{s}": revenue, f"leaked_revenue_{s}": leaked_revenue,
            f"dev_cost_{s}": dev, f"community_work_{s}": saved,
            f"profit_{s}": profit, f"cumulative_profit_{s}": np.cumsum(profit),
        }
        for key, path in (("revenue", revenue), ("leaked_revenue", leaked_revenue),
                          ("community_work", saved), ("dev_cost", dev)):
            totals[key].append(float(path.sum()))

    revenue, leaked_revenue = np.array(totals["revenue"]), np.array(totals["leaked_revenue"])
    paying_demand = revenue + leaked_revenue
    breakdown = pd.DataFrame({
        "label": [LABELS[s] for s in STRATEGIES], **totals,
        "profit": revenue - np.array(totals["dev_cost"]),
        "value_created": paying_demand + np.array(totals["community_work"]),
        "captured_share": np.divide(revenue, paying_demand, out=np.zeros(len(STRATEGIES)),
                                    where=paying_demand > 0),
    }, index=pd.Index(STRATEGIES, name="strategy"))
    cumulative = {s: columns[f"cumulative_profit_{s}"] for s in STRATEGIES}

    # Open's cumulative profit is linear in leakage: R·(1 − L) − C, where R·(1 − L) is its revenue.
    o = STRATEGIES.index("open")
    needed = cumulative["closed"][-1] + totals["dev_cost"][o]
    if paying_demand[o] > 1e-9:
        break_even = 1.0 - needed / paying_demand[o]
    else:   # nothing to leak: open is level with or ahead of closed whatever the leakage, or never
        break_even = float("inf") if -totals["dev_cost"][o] >= cumulative["closed"][-1] else float("-inf")
    return OpenSourceResult(
        quarterly=_frame(columns),
        breakdown=breakdown,
        cumulative_profit={s: float(c[-1]) for s, c in cumulative.items()},
        payback_quarter={s: payback_month(c) for s, c in cumulative.items()},
        open_ahead_quarter=payback_month(cumulative["open"] - cumulative["closed"]),
        open_core_ahead_quarter=payback_month(cumulative["open_core"] - cumulative["closed"]),
        break_even_leakage=float(break_even),
        years=p.years,
    )


def _frame(columns: dict[str, np.ndarray]) -> pd.DataFrame:
    """The quarterly table, built as one numeric block (fast enough to rebuild on every slider move)."""
    table = pd.DataFrame(np.column_stack(list(columns.values())), columns=list(columns))
    table["quarter"] = columns["quarter"]
    return table


def takeaway(result: OpenSourceResult, values: Values | None = None, currency: str = "$") -> str:
    """One sentence a manager can act on; it doubles as the charts' text alternative."""
    cp = result.cumulative_profit
    shown = {s: _money(cp[s], currency) for s in STRATEGIES}
    top = shown[max(STRATEGIES, key=lambda s: cp[s])]
    leaders = [s for s in STRATEGIES if shown[s] == top]   # a tie at the precision the learner sees
    names = [_name(s) for s in leaders]
    level = "level" if max(cp[s] for s in leaders) - min(cp[s] for s in leaders) < 1.0 else "about level"
    verdict = (f"{names[0]} pays best" if len(leaders) == 1 else f"all three end {level}" if len(leaders) == 3
               else f"{names[0]} and {names[1]} tie for best" if level == "level"
               else f"{names[0]} and {names[1]} end about level, ahead of "
                    f"{_name(next(s for s in STRATEGIES if s not in leaders))}")
    head = (f"After {result.years} years cumulative profit is {shown['closed']} closed, "
            f"{shown['open']} open source and {shown['open_core']} open core, so {verdict}")
    q = result.quarterly
    lead = _race("opening the whole code", q["cumulative_profit_open"] - q["cumulative_profit_closed"],
                 result.open_ahead_quarter)
    if leaders == ["open_core"]:
        lead += ", while " + _race("open core", q["cumulative_profit_open_core"] - q["cumulative_profit_closed"],
                                   result.open_core_ahead_quarter)
    b = result.breakdown.loc["open"]
    if b["leaked_revenue"] > 0:
        leak = (f"rivals selling the same code capture {_money(b['leaked_revenue'], currency)}, "
                f"{share(1 - b['captured_share'])} of the paying demand the open firm created")
    else:
        leak = "no paying demand leaks to rivals"
    return f"{head}; {lead}; {leak}; {_leakage_verdict(result.break_even_leakage, cp)}."


def _name(strategy: str) -> str:
    """'closed', 'open source', 'open core'."""
    return LABELS[strategy].split(" (")[0].lower()


def _race(who: str, lead: pd.Series, ahead: int | None) -> str:
    """How a strategy's cumulative profit compares with closed's over time, ties and 'never' included."""
    gap = lead.to_numpy()
    if np.allclose(gap, 0.0, rtol=0.0, atol=1e-9):
        return f"{who} earns exactly what keeping it closed earns, quarter by quarter"
    if ahead is None:
        return (f"{who} is ahead of closed for a while but ends behind it" if (gap > 0).any()
                else f"{who} never catches up with keeping it closed")
    if ahead == 1:
        return f"{who} is ahead of closed from the start" if gap[0] > 0 else f"{who} is never behind closed"
    return f"{who} {'overtakes' if gap[ahead - 1] > 0 else 'draws level with'} closed in {_when(ahead)}"


def _leakage_verdict(break_even: float, profit: dict[str, float]) -> str:
    """How much leakage opening can bear before it falls behind closed."""
    if break_even == float("inf") and math.isclose(profit["open"], profit["closed"], rel_tol=0.0, abs_tol=1e-9):
        return "nobody pays for the open product, so leakage changes nothing and opening ends level with closed"
    if break_even < 0:
        return "even with no leakage, opening would not match closed over this horizon"
    if break_even == 0:
        return "opening matches closed only if rivals capture none of the paying demand"
    if break_even < 1:
        return f"opening stays ahead of closed as long as rivals capture less than {share(break_even)} of paying demand"
    if break_even == 1:
        return "opening matches closed even if rivals capture all the paying demand"
    return "community work alone keeps opening ahead of closed whatever the leakage"


def _when(quarter: int) -> str:
    year, q = divmod(quarter - 1, QUARTERS_PER_YEAR)
    return f"year {year + 1} (quarter {q + 1})"


def _money(millions: float, currency: str) -> str:
    """¤ millions as '$8.62 B', '−$109 M', and below half a million in thousands, never a false '$0 M'."""
    amount = abs(millions)
    if 0 < amount < 0.5:
        return money(millions * 1e6, currency)
    sign = "−" if millions < 0 and round(amount) > 0 else ""
    text = f"{amount / 1000:,.2f} B" if amount >= 1000 else f"{amount:,.0f} M"
    return f"{sign}{currency}{text}"
