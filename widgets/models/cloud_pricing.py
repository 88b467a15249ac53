"""Cloud pricing: a flat subscription, pay as you go, or a commitment with overage — who buys which, and who earns.

Customers differ in how much they use and in what a unit of use is worth to them. Each
customer's monthly usage ``q`` and value per unit ``v`` are lognormal and independent:

    q = median usage · e^{σ_q · z₁},   v = median value · e^{σ_v · z₂},   z₁, z₂ ~ N(0, 1),

drawn once from a fixed seed (the same 2,000 sample customers stand for the whole market), so a
change of a slider moves every customer the same way and the charts never flicker.

The provider offers up to three plans (the bill ``B`` for a month with usage ``q``):

* **Pay as you go** (metered): ``B = p · q`` at the On-Demand price ``p``.
* **Commitment + overage** (the hybrid of AWS Savings Plans, a *three-part tariff*: Lambrecht,
  Seim & Skiera 2007): commit to ``C`` units a month at a discount ``d`` and pay the commitment
  whether used or not; use beyond it costs the On-Demand price: ``B = C · p · (1 − d) + p · max(q − C, 0)``.
* **Subscription** (flat rate, unlimited use): ``B = F``.

A customer takes the plan with the largest surplus ``v · q − B`` and stays away when no plan's
surplus is positive. **Flat-rate bias** (Lambrecht & Skiera 2006: many customers pick a flat rate
even when paying per use would be cheaper — for insurance against a high bill, to avoid the
"taxi-meter" feeling, or because they overestimate their usage) is a declared amount ``b`` a month
that a customer is willing to give up for the flat fee's peace of mind: the subscription is chosen
on ``v · q − F + b``, while the surplus reported is the money one, ``v · q − F``. The provider pays a
cost ``c`` for every unit used on the meter or the subscription; a unit used within a commitment costs
``(1 − s) · c``: **committed usage is planned capacity**. A provider must hold idle headroom for on-demand
peaks, while usage promised a year ahead can be provisioned to run full (capacity is built for the peak:
Steiner 1957's peak-load pricing; servers mostly run at 10–50 % of capacity: Barroso & Hölzle 2007).
Margin = revenue − cost of the units used.

**Best means optimised.** Besides the learner's prices, every way of selling is priced at its own best
price(s) within the declared ranges: the meter's price, the commitment's price (before its discount),
the flat fee, and for the menu the meter price and the fee together (widgets/models/plan_prices.py).
The sentence compares the ways of selling there, and says "at these prices" when it compares them at
the learner's prices. The commitment's size and discount stay the learner's design choices.

Where it comes from: a fixed fee plus a price per unit is Oi's (1971) two-part tariff; pricing a
digital good by subscription, by usage, or by a menu of both is the problem Sundararajan (2004)
solves ("Nonlinear Pricing of Information Goods": with a low cost per unit a fixed fee serves most
customers, and usage pricing reaches the ones the fee excludes; a menu of both is optimal when customers
differ, because each is priced for the customers who take it). The lognormal spread, the
independence of usage and value and every number a preset calls illustrative are the course's
choices, not findings.

Assumptions: usage does not change with the plan (a subscriber uses no more than a metered
customer would); a customer knows its own usage and value; one month stands for every month
(a commitment's term, its up-front payment and any churn over time are left out); one plan per
customer; the provider's cost per unit is the same for every customer, and lower only for committed
units used (unused committed capacity is resold, e.g. as spot capacity, at no cost).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Mapping

import numpy as np
import pandas as pd

from ..params import Param, Parameters, Values, model
from . import plan_prices
from .wording import share

SAMPLE = 2000   # sample customers that stand for the market
SEED = 23
# Standard normal draws for usage (row 0) and value per unit (row 1): drawn once, reused by every call.
_DRAWS = np.random.default_rng(SEED).standard_normal((2, SAMPLE))
_DRAWS.setflags(write=False)
PLANS = ("Pay as you go", "Commitment + overage", "Subscription")
STAYS_AWAY = "Stays away"
# The ways of selling compared: which plans each one offers (indices into PLANS).
OFFERS = {
    "Pay as you go only": (0,),
    "Commitment + overage only": (1,),
    "Subscription only": (2,),
    "All three": (0, 1, 2),
}
MENU = "All three"
GRID_POINTS = 120
DISTRIBUTION_BINS = 40
# Margins or surpluses closer than this share of the larger one (or than ¤0.5 a month) count as a tie.
TIE = 1e-6

PARAMETERS = Parameters(
    Param("median_usage", "Median usage", "units / month", 300, 1, 10000, 1,
          "Usage of the middle customer in a month (instance-hours, gigabytes, ...): half use less, half more."),
    Param("usage_spread", "Spread of usage", "σ of log usage", 1.2, 0.0, 3.0, 0.05,
          "0: everyone uses the median; 1: the top tenth use 3.6 times the median or more; 2: 13 times."),
    Param("median_value", "Median value of a unit", "¤ / unit", 0.25, 0.001, 100.0, 0.001,
          "The most the middle customer would pay for one unit of use (its willingness to pay)."),
    Param("value_spread", "Spread of value per unit", "σ of log value", 0.5, 0.0, 2.0, 0.05,
          "0: a unit is worth the same to everyone; larger: some customers value a unit far more than others."),
    Param("unit_cost", "Provider's cost per unit", "¤ / unit", 0.063, 0.0, 100.0, 0.001,
          "What one unit of use costs the provider to serve (hardware, power, staff), whatever the plan."),
    Param("price", "Pay-as-you-go price", "¤ / unit", 0.10, 0.001, 100.0, 0.001,
          "The On-Demand price of one unit, paid for exactly what is used."),
    Param("fee", "Subscription fee (unlimited use)", "¤ / month", 50.0, 0.0, 100000.0, 0.01,
          "A flat monthly fee for as much use as the customer wants."),
    Param("commit_units", "Committed units a month", "units / month", 200, 0, 100000, 1,
          "Units a committed customer pays for every month, used or not, at the discounted price."),
    Param("commit_discount", "Discount on committed units", "%", 0.30, 0.0, 0.9, 0.01,
          "How much below the pay-as-you-go price a committed unit costs; use beyond the commitment "
          "is charged at the pay-as-you-go price.", percent=True),
    Param("commit_saving", "Capacity saving on committed units", "%", 0.0, 0.0, 0.9, 0.01,
          "How much less a committed unit costs the provider to serve than an on-demand one: usage promised in "
          "advance is provisioned at high utilisation, on-demand usage needs idle headroom for peaks.", percent=True),
    Param("flat_rate_bias", "Flat-rate bias", "¤ / month", 0.0, 0.0, 10000.0, 0.01,
          "How much more than the meter would cost a customer will pay for the flat fee's peace of mind "
          "(Lambrecht & Skiera 2006)."),
    Param("customers", "Potential customers", "thousand", 100, 1, 10000, 1,
          "Firms or people in the market who could buy from the provider.", integer=True),
)


@dataclass(frozen=True)
class CloudResult:
    """Each way of selling compared, the menu's split by plan, and the charts' data (numpy arrays, ¤ a month).

    ``offers``, ``plans``, ``schedule`` and ``distribution`` show the same numbers as tables.
    """

    offer_customers: np.ndarray     # per way of selling (OFFERS order): customers who buy, thousands
    offer_revenue: np.ndarray       # ¤ a month
    offer_cost: np.ndarray          # ¤ a month: unit cost × units used by the customers who buy
    offer_surplus: np.ndarray       # ¤ a month: what the customers who buy gain (value − bill)
    plan_share: np.ndarray          # all three offered: share of potential customers per plan, then stays away
    plan_revenue: np.ndarray        # ¤ a month per plan (PLANS order)
    plan_margin: np.ndarray         # ¤ a month per plan
    plan_surplus: np.ndarray        # ¤ a month per plan
    schedule_usage: np.ndarray      # usage grid (units a month), log-spaced over the customers' range
    schedule_bills: np.ndarray      # each plan's bill along the grid (rows in PLANS order), ¤ a month
    distribution_usage: np.ndarray  # usage bin centres
    distribution_share: np.ndarray  # share of customers in each bin
    switch_to_commitment: float     # share of potential customers who leave the meter for the commitment
    switch_to_subscription: float   # share who leave the meter for the subscription
    newcomers: float                # share who buy from the menu but not on the meter alone
    overpaying: float               # share of potential customers who subscribe although another plan is cheaper for them
    overpayment: float              # ¤ a month those subscribers pay above their cheapest plan, in total
    subscription_break_even: float  # usage (units) above which the fee is cheaper than the meter
    commitment_break_even: float    # usage (units) above which the commitment is cheaper than the meter
    best_margin: np.ndarray         # per way of selling (OFFERS order): margin at its own best price(s), ¤ a month
    best_price: np.ndarray          # the meter price (¤ / unit) at that optimum; NaN for the subscription alone
    best_fee: np.ndarray            # the fee (¤ a month) at that optimum; NaN for the meter and the commitment alone

    @property
    def offer_margin(self) -> np.ndarray:
        """¤ a month per way of selling: revenue − cost."""
        return self.offer_revenue - self.offer_cost

    @property
    def offers(self) -> pd.DataFrame:
        """One row per way of selling: customers (thousands), revenue, cost, margin, surplus (¤ a month)."""
        return pd.DataFrame({"customers": self.offer_customers, "revenue": self.offer_revenue,
                             "cost": self.offer_cost, "margin": self.offer_margin,
                             "surplus": self.offer_surplus}, index=pd.Index(list(OFFERS), name="offer"))

    @property
    def best(self) -> pd.DataFrame:
        """One row per way of selling at its own best price(s): meter price (¤ / unit), fee (¤ a month), margin."""
        return pd.DataFrame({"price": self.best_price, "fee": self.best_fee, "margin": self.best_margin},
                            index=pd.Index(list(OFFERS), name="offer"))

    @property
    def plans(self) -> pd.DataFrame:
        """All three offered: share of potential customers, revenue, margin and surplus per plan."""
        return pd.DataFrame({"share": self.plan_share, "revenue": np.append(self.plan_revenue, 0.0),
                             "margin": np.append(self.plan_margin, 0.0),
                             "surplus": np.append(self.plan_surplus, 0.0)},
                            index=pd.Index([*PLANS, STAYS_AWAY], name="plan"))

    @property
    def schedule(self) -> pd.DataFrame:
        """Each plan's monthly bill along the usage grid."""
        return pd.DataFrame({"usage": self.schedule_usage,
                             **{name: self.schedule_bills[i] for i, name in enumerate(PLANS)}})

    @property
    def distribution(self) -> pd.DataFrame:
        """Share of customers by usage (log-spaced bins)."""
        return pd.DataFrame({"usage": self.distribution_usage, "share": self.distribution_share})


def plan_bills(usage: np.ndarray | float, price: float, fee: float, commit_units: float,
               commit_discount: float) -> np.ndarray:
    """Monthly bill under each plan (rows in PLANS order) for each usage: p·q, C·p·(1−d) + p·max(q−C, 0), F."""
    q = np.asarray(usage, dtype=float)
    metered = price * q
    committed = plan_prices.commitment_bill(q, price, commit_units, commit_discount)
    return np.stack([metered, committed, np.full(q.shape, float(fee))])


def sample_customers(p: Values) -> tuple[np.ndarray, np.ndarray]:
    """Usage (units a month) and value per unit (¤) of the sample customers: two independent lognormals."""
    return p.median_usage * np.exp(p.usage_spread * _DRAWS[0]), p.median_value * np.exp(p.value_spread * _DRAWS[1])


@model(PARAMETERS)
def simulate(p: Values) -> CloudResult:
    """Revenue, margin and customers' surplus under each way of selling, and who switches to which plan."""
    usage, value = sample_customers(p)
    bills = plan_bills(usage, p.price, p.fee, p.commit_units, p.commit_discount)
    surplus = usage * value - bills                         # money surplus, ¤ a month, per plan
    perceived = surplus.copy()
    perceived[2] += p.flat_rate_bias
    cost = serving_cost(usage, p)                           # ¤ a month per plan and customer
    scale = p.customers * 1000.0 / SAMPLE                   # real customers per sample customer

    # One plan alone: a customer buys it when its (perceived) surplus is positive.
    alone = perceived > 0
    menu = _menu_choice(perceived)
    plan_revenue = (menu * bills).sum(axis=1) * scale
    plan_cost = (menu * cost).sum(axis=1) * scale
    plan_surplus = (menu * surplus).sum(axis=1) * scale
    menu_buys = menu.any(axis=0)
    metered, subscribes = alone[0], menu[2]
    overpays = subscribes & (np.minimum(bills[0], bills[1]) < bills[2])   # another plan is cheaper
    low, high = _usage_range(usage)
    edges = np.exp(np.linspace(np.log(low), np.log(high), DISTRIBUTION_BINS + 1))
    grid = _grid(low, high, p.commit_units)
    return CloudResult(
        offer_customers=np.append(alone.sum(axis=1), menu_buys.sum()) * scale / 1000.0,
        offer_revenue=np.append((alone * bills).sum(axis=1) * scale, plan_revenue.sum()),
        offer_cost=np.append((alone * cost).sum(axis=1) * scale, plan_cost.sum()),
        offer_surplus=np.append((alone * surplus).sum(axis=1) * scale, plan_surplus.sum()),
        plan_share=np.append(menu.sum(axis=1), SAMPLE - menu_buys.sum()) / SAMPLE,
        plan_revenue=plan_revenue,
        plan_margin=plan_revenue - plan_cost,
        plan_surplus=plan_surplus,
        schedule_usage=grid,
        schedule_bills=plan_bills(grid, p.price, p.fee, p.commit_units, p.commit_discount),
        distribution_usage=edges[:-1] * np.sqrt(edges[1] / edges[0]),
        distribution_share=np.diff(np.searchsorted(np.sort(usage), edges)) / SAMPLE,
        switch_to_commitment=np.count_nonzero(metered & menu[1]) / SAMPLE,
        switch_to_subscription=np.count_nonzero(metered & subscribes) / SAMPLE,
        newcomers=np.count_nonzero(~metered & menu_buys) / SAMPLE,
        overpaying=np.count_nonzero(overpays) / SAMPLE,
        overpayment=float(((bills[2] - np.minimum(bills[0], bills[1])) * overpays).sum()) * scale,
        subscription_break_even=p.fee / p.price,
        commitment_break_even=p.commit_units * (1.0 - p.commit_discount),
        **optimum(usage, value, cost, p),
    )


def _menu_choice(perceived: np.ndarray) -> np.ndarray:
    """All three offered: the plan with the largest perceived surplus (ties go to the plan listed first),
    if that surplus is positive (rows in PLANS order, one column per customer)."""
    return (perceived.argmax(axis=0) == np.arange(len(PLANS))[:, None]) & (perceived.max(axis=0) > 0)


def _menu_margin_at(usage: np.ndarray, value: np.ndarray, cost: np.ndarray, p: Values, price: float,
                    fee: float) -> float:
    """The menu's margin (sample, ¤ a month) at one meter price and fee, computed exactly as ``simulate`` does."""
    bills = plan_bills(usage, price, fee, p.commit_units, p.commit_discount)
    perceived = usage * value - bills
    perceived[2] += p.flat_rate_bias
    menu = _menu_choice(perceived)
    return float((menu * bills).sum() - (menu * cost).sum())


def serving_cost(usage: np.ndarray, p: Values) -> np.ndarray:
    """¤ a month to serve each customer on each plan: c·q, less s·c on each committed unit used on the commitment."""
    full = p.unit_cost * usage
    committed = full - p.commit_saving * p.unit_cost * np.minimum(usage, p.commit_units)
    return np.stack([full, committed, full])


def optimum(usage: np.ndarray, value: np.ndarray, cost: np.ndarray, p: Values) -> dict[str, np.ndarray]:
    """Each way of selling at its own best price(s) within the declared ranges (widgets/models/plan_prices.py)."""
    price, fee = PARAMETERS["price"], PARAMETERS["fee"]
    billed = p.commit_units * (1.0 - p.commit_discount) + np.maximum(usage - p.commit_units, 0.0)
    worth = usage * value
    meter = plan_prices.best_single(value, usage, cost[0], price.min, price.max)
    commit = plan_prices.best_single(worth / billed, billed, cost[1], price.min, price.max)
    flat = plan_prices.best_single(worth + p.flat_rate_bias, np.ones_like(usage), cost[2], fee.min, fee.max)
    customers = plan_prices.Customers(usage, value, billed, cost[0], cost[1], p.flat_rate_bias, p.commit_units,
                                      p.commit_discount)
    menu_p, menu_fee, _ = plan_prices.best_menu(customers, price.min, price.max, fee.min, fee.max,
                                                (meter[0], commit[0], p.price))
    # The menu's best is what its prices earn in the model itself, and never less than the learner's prices earn:
    # the search's fast margin is re-evaluated at its best prices (a fee set a hair below a customer's threshold
    # can fall on either side of it in floating point), and the learner's prices are a candidate too.
    menu = max(((menu_p, menu_fee, _menu_margin_at(usage, value, cost, p, menu_p, menu_fee)),
                (p.price, p.fee, _menu_margin_at(usage, value, cost, p, p.price, p.fee))), key=lambda t: t[2])
    scale = p.customers * 1000.0 / SAMPLE
    return dict(best_margin=np.array([meter[1], commit[1], flat[1], menu[2]]) * scale,
                best_price=np.array([meter[0], commit[0], np.nan, menu[0]]),
                best_fee=np.array([np.nan, np.nan, flat[0], menu[1]]))


def _usage_range(usage: np.ndarray) -> tuple[float, float]:
    """The range the charts show: the sample's, widened so that one usage level still makes a span."""
    return float(usage.min()) / 2.0, float(usage.max()) * 2.0


def _grid(low: float, high: float, commit_units: float) -> np.ndarray:
    """A log-spaced usage grid from ``low`` to ``high``, with the commitment's kink as one of its points."""
    grid = np.exp(np.linspace(np.log(low), np.log(high), GRID_POINTS))
    return np.sort(np.append(grid, min(max(commit_units, low), high)))


def takeaway(result: CloudResult, values: Mapping[str, Any], currency: str = "$") -> str:
    """One sentence a manager can act on; it doubles as the charts' text alternative.

    It first says what happens at the learner's prices ("at these prices"), then compares the ways
    of selling each at its own best price, so a verdict is never read off arbitrary prices.
    """
    p = PARAMETERS.validate(values)
    if not result.offer_customers.any():
        now = (f"Nobody buys at these prices: no plan is worth its price to any customer "
               f"(a unit is worth {_money(p.median_value, currency)} to the middle customer; "
               f"the meter charges {_money(p.price, currency)}).")
        return f"{now} {_optimum(result, currency)}"
    return " ".join(part for part in (_menu(result), _switching(result), _margin(result, currency),
                                      _optimum(result, currency), _bias(result, currency)) if part)


def _menu(result: CloudResult) -> str:
    """Who takes which plan when all three are offered at the learner's prices."""
    shares = result.plan_share
    taken = [f"{share(s)} {verb}" for s, verb in zip(shares, ("pay as they go", "commit", "subscribe")) if s > 0]
    away = shares[-1]
    ending = "everyone buys" if away <= 0 else f"{share(away)} stay away"
    return f"At these prices, offered all three plans, {_join(taken)}; {ending}."


def _switching(result: CloudResult) -> str:
    """Who moves off the meter, and who comes only because there is a menu."""
    moves = []
    if result.switch_to_commitment > 0:
        moves.append(f"{share(result.switch_to_commitment)} of potential customers switch to the commitment")
    if result.switch_to_subscription > 0:
        moves.append(f"{share(result.switch_to_subscription)} "
                     f"{'to' if moves else 'of potential customers switch to'} the subscription")
    if result.newcomers > 0:
        moves.append(f"{share(result.newcomers)} join who would not buy on the meter")
    if not moves:
        return "Compared with pay as you go alone, nobody switches and nobody new joins."
    return f"Compared with pay as you go alone, {_join(moves)}."


def _best(margins: np.ndarray) -> list[int]:
    """The ways of selling (indices into OFFERS) that share the largest margin, ties included."""
    top = float(margins.max())
    return [i for i, m in enumerate(margins) if math.isclose(m, top, rel_tol=TIE, abs_tol=0.5)]


def _margin(result: CloudResult, currency: str) -> str:
    """At the learner's prices: the best margin (ties named), the menu's own margin, where customers keep most."""
    names = list(OFFERS)
    margin = result.offer_margin
    top = float(margin.max())
    tied = _best(margin)
    menu = names.index(MENU)
    own = ("" if menu in tied else
           f"; offering all three earns {_money(margin[menu], currency)} a month")
    surplus = result.offer_surplus
    kept = [names[i] for i, k in enumerate(surplus) if math.isclose(k, surplus.max(), rel_tol=TIE, abs_tol=0.5)]
    keep = (f"Customers keep most under {_join([_offer_name(k) for k in kept])}"
            f"{' alike' if len(kept) > 1 else ''} ({_money(surplus.max(), currency)} a month).")
    if top <= 0:
        return ("At these prices every way of selling loses money or earns nothing: the units customers use cost "
                f"the provider at least what they pay (offering all three: {_money(margin[menu], currency)} a month). "
                f"{keep}")
    if len(tied) > 1:
        return (f"At these prices {_join([_offer_name(names[t]) for t in tied])} tie for the best margin "
                f"({_money(top, currency)} a month){own}. {keep}")
    best = tied[0]
    return (f"At these prices the best margin comes from {_offer_name(names[best])}: {_money(top, currency)} a month, "
            f"{share(top / result.offer_revenue[best])} of its revenue{own}. {keep}")


def _optimum(result: CloudResult, currency: str) -> str:
    """Each way of selling at its own best price(s): which earns most, and what the menu earns at its best."""
    names = list(OFFERS)
    margin = result.best_margin
    tied = _best(margin)
    menu = names.index(MENU)
    top = float(margin.max())
    if top <= 0:
        return "Each at its own best price, no way of selling earns more than nothing."
    at = lambda i: f"{_offer_name(names[i])} ({_prices(result, i, currency)})"
    if len(tied) > 1:
        own = "" if menu in tied else f"; offering all three earns at most {_money(margin[menu], currency)} a month"
        return (f"Each at its own best price, {_join([at(t) for t in tied])} tie for the best margin "
                f"({_money(top, currency)} a month){own}.")
    best = tied[0]
    if best == menu:
        runner = max((i for i in range(len(names)) if i != menu), key=lambda i: margin[i])
        return (f"Each at its own best price, the best margin comes from {at(menu)}: {_money(top, currency)} a month, "
                f"against {_money(margin[runner], currency)} for {at(runner)}.")
    return (f"Each at its own best price, the best margin comes from {at(best)}: {_money(top, currency)} a month; "
            f"offering all three earns at most {_money(margin[menu], currency)} ({_prices(result, menu, currency)}).")


def _prices(result: CloudResult, offer: int, currency: str) -> str:
    """The best prices of one way of selling, in words: 'at $0.27 a unit', 'a $357 fee', or both."""
    price, fee = result.best_price[offer], result.best_fee[offer]
    parts = []
    if not math.isnan(price):
        parts.append(f"{_money(price, currency)} a unit")
    if not math.isnan(fee):
        parts.append("a fee nobody takes" if fee >= PARAMETERS["fee"].max else f"a {_money(fee, currency)} fee")
    return " and ".join(parts)


def _bias(result: CloudResult, currency: str) -> str:
    """Subscribers who would pay less on another plan: the flat-rate bias at work."""
    if result.overpaying == 0:
        return ""
    return (f"Flat-rate bias: {share(result.overpaying)} of potential customers subscribe although another plan "
            f"would cost them less, {_money(result.overpayment, currency)} a month in all.")


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _offer_name(offer: str) -> str:
    return {"All three": "offering all three", "Pay as you go only": "pay as you go alone",
            "Commitment + overage only": "the commitment plan alone",
            "Subscription only": "the subscription alone"}[offer]


def _join(items: list[str]) -> str:
    return ", ".join(items[:-1]) + " and " + items[-1] if len(items) > 1 else items[0]


def _money(amount: float, currency: str) -> str:
    """¤1.23 bn, ¤4.5 M, ¤12,300, ¤0.063, −¤1.0 M: enough digits to tell a small price from zero."""
    size = abs(amount)
    sign = "−" if amount < 0 and f"{size:,.3g}" != "0" else ""
    if size >= 1e9:
        return f"{sign}{currency}{size / 1e9:,.2f} bn"
    if size >= 1e6:
        return f"{sign}{currency}{size / 1e6:,.1f} M"
    if size >= 100 or amount == 0:
        return f"{sign}{currency}{size:,.0f}"
    return f"{sign}{currency}{size:,.3g}" if size < 1 else f"{sign}{currency}{size:,.2f}"
