"""A daily deal from the merchant's side: half price, the platform keeps a share, and who comes back?

A merchant offers a voucher worth ``V`` (the list price of what it buys) at a discount ``d``; the
deal platform (Groupon) keeps a share ``s`` of the price the customer pays. Serving a voucher costs
the merchant ``k·V`` (goods and labour, as a share of list price). Per voucher sold, the merchant's
profit is

    π = V(1 − d)(1 − s)                    cash the merchant receives
        − k·V                              cost of serving the voucher
        + u·x·V(1 − k)                     margin on extra spending beyond the voucher's face value
        − e·V(1 − k)                       margin lost on buyers who would have paid full price anyway
        + (1 − e)·r·R·V(1 − k)             margin on new customers who come back at full price

with ``u`` the share of voucher users who spend beyond face value, ``x`` how much they add (share of
``V``), ``e`` the share of buyers who were already customers, ``r`` the share of new customers who
return and ``R`` the full-price visits each of them makes. The deal pays when π ≥ 0; solving for
``r`` gives the **break-even return rate**

    r* = [k − (1 − d)(1 − s) − u·x(1 − k) + e(1 − k)] / [(1 − e)·R·(1 − k)],

which does not depend on ``V``. Sources: the deal terms (about half off, the platform keeping about
half of what the customer pays) as reported by Investopedia and Business Insider (2011);
Dholakia (2010), "How Effective Are Groupon Promotions for Businesses?", Rice University working
paper (survey of 150 merchants: profitable for 66 %, unprofitable for 32 %; spending beyond face
value 50 % vs 25 % of users and return at full price 31 % vs 13 % of users in profitable vs
unprofitable promotions). Costs, the size of extra spending and repeat visits are illustrative.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd

from ..params import Param, Parameters, Values, model
from .wording import percent

CURVE_POINTS = 101

PARAMETERS = Parameters(
    Param("list_price", "Voucher value (list price)", "¤", 50.0, 5.0, 500.0, 1.0,
          "What the voucher buys at the merchant's normal price."),
    Param("discount", "Discount to the customer", "%", 0.50, 0.0, 0.90, 0.01,
          "How much below list price the customer pays for the voucher.", percent=True),
    Param("platform_share", "Platform's share of the price paid", "%", 0.50, 0.0, 0.90, 0.01,
          "Share of the voucher price the deal platform keeps as its fee.", percent=True),
    Param("variable_cost", "Merchant's cost to serve", "% of list price", 0.40, 0.0, 1.0, 0.01,
          "Goods, ingredients and staff time to serve one voucher, as a share of its list price.", percent=True),
    Param("spend_beyond", "Users who spend extra", "%", 0.50, 0.0, 1.0, 0.01,
          "Share of voucher users who buy more than the voucher covers on the visit.", percent=True),
    Param("extra_spend", "Extra spending of those users", "% of list price", 0.40, 0.0, 1.0, 0.01,
          "How much those users add on top of the voucher, as a share of its list price.", percent=True),
    Param("existing_customers", "Buyers who were already customers", "%", 0.20, 0.0, 1.0, 0.01,
          "Share of voucher buyers who would have come and paid full price anyway (cannibalisation).",
          percent=True),
    Param("return_rate", "New customers who come back", "%", 0.31, 0.0, 1.0, 0.01,
          "Share of new customers who return later and pay full price.", percent=True),
    Param("return_visits", "Full-price visits per returner", "visits", 2.0, 0.0, 20.0, 0.5,
          "How many full-price visits a returning customer makes (in the year after the deal)."),
)


@dataclass(frozen=True)
class DealResult:
    """The merchant's money per voucher, step by step, and the return rate at which the deal pays."""

    parts: dict[str, float]        # the merchant's money per voucher, component by component, in order
    curve_return: np.ndarray = field(repr=False)   # return rates from 0 to 1 (x of the profit line)
    curve_profit: np.ndarray = field(repr=False)   # the merchant's profit per voucher at each
    customer_pays: float
    platform_keeps: float
    merchant_receives: float
    profit: float                  # merchant's profit per voucher, all effects included
    return_rate: float             # the share of new customers who come back in this scenario
    break_even_return: float       # r*: return rate at which profit is 0 (may lie outside 0–1)
    return_matters: bool           # False when no new customer can come back (e = 100 % or R = 0 or k = 100 %)
    why_returns_cannot_help: str   # the reason when return_matters is False, else ""


    @cached_property
    def steps(self) -> pd.DataFrame:
        """The merchant's money per voucher as a table: component and amount (¤ per voucher)."""
        return pd.DataFrame({"component": list(self.parts), "amount": list(self.parts.values())})

    @cached_property
    def curve(self) -> pd.DataFrame:
        """The merchant's profit per voucher as the return rate (0–1) varies, all else fixed."""
        return pd.DataFrame({"return_rate": self.curve_return, "profit": self.curve_profit})


def _profit(p: Values, return_rate: np.ndarray | float) -> np.ndarray | float:
    """Merchant's profit per voucher at a given return rate (all other values from ``p``)."""
    v, margin = p.list_price, 1.0 - p.variable_cost
    return (v * (1 - p.discount) * (1 - p.platform_share) - p.variable_cost * v
            + p.spend_beyond * p.extra_spend * v * margin - p.existing_customers * v * margin
            + (1 - p.existing_customers) * np.asarray(return_rate) * p.return_visits * v * margin)


@model(PARAMETERS)
def merchant_economics(p: Values) -> DealResult:
    """Cash in, cost out, extra spending, cannibalisation and repeat visits for one voucher sold."""
    v, margin = p.list_price, 1.0 - p.variable_cost
    pays = v * (1 - p.discount)
    keeps = pays * p.platform_share
    receives = pays - keeps
    parts = {
        "merchant receives": receives,
        "cost to serve": -p.variable_cost * v,
        "extra spending": p.spend_beyond * p.extra_spend * v * margin,
        "lost full-price sales": -p.existing_customers * v * margin,
        "repeat visits": (1 - p.existing_customers) * p.return_rate * p.return_visits * v * margin,
    }
    profit = float(sum(parts.values()))
    per_return = (1 - p.existing_customers) * p.return_visits * v * margin
    without_returns = profit - parts["repeat visits"]
    rates = np.linspace(0.0, 1.0, CURVE_POINTS)
    return DealResult(
        parts=parts,
        curve_return=rates,
        curve_profit=_profit(p, rates),
        customer_pays=pays,
        platform_keeps=keeps,
        merchant_receives=receives,
        profit=profit,
        return_rate=p.return_rate,
        break_even_return=(-without_returns / per_return) if per_return > 0 else float("nan"),
        return_matters=per_return > 0,
        why_returns_cannot_help=_why_returns_cannot_help(p) if per_return <= 0 else "",
    )


def _why_returns_cannot_help(p: Values) -> str:
    if p.existing_customers >= 1:
        return "every buyer was already a customer"
    if p.return_visits <= 0:
        return "returning customers make no full-price visits"
    return "serving costs the whole list price, so a full-price visit earns no margin"


def takeaway(result: DealResult, values: Values | None = None, currency: str = "$") -> str:
    """Whether the deal pays the merchant, and the return rate it needs; true at every edge."""
    def money(x: float) -> str:
        return f"{currency}{x:,.2f}"

    head = (f"The customer pays {money(result.customer_pays)}, the platform keeps {money(result.platform_keeps)} "
            f"and the merchant receives {money(result.merchant_receives)}")
    verdict = (f"the deal earns the merchant {money(result.profit)} per voucher" if result.profit > 0.005
               else f"the deal loses the merchant {money(-result.profit)} per voucher" if result.profit < -0.005
               else "the deal just breaks even for the merchant")
    if not result.return_matters:
        return f"{head}; {verdict}, and return visits cannot change that: {result.why_returns_cannot_help}."
    r_star = result.break_even_return
    if r_star <= 0:
        need = "it does not lose money even if no new customer ever comes back"
    elif r_star > 1:
        need = ("it cannot pay: even if every new customer came back, the repeat visits would not cover "
                "the loss on the voucher")
    else:
        now = f" (now {percent(values['return_rate'])})" if values is not None else ""
        need = f"it pays only if {_at_least(r_star)} of new customers come back{now}"
    return f"{head}; {verdict}; {need}."


def _at_least(r_star: float) -> str:
    """'at least 22 %', 'more than 99.99 %' or 'a few (under 0.01 %)': never 'at least over'."""
    text = percent(r_star)
    if text.startswith("over"):
        return text.replace("over", "more than", 1)
    if text.startswith("under"):
        return f"a few ({text})"
    return f"at least {text}"

