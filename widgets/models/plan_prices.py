"""Each way of selling at its own best price: the margin-maximising meter price, fee or both, for given customers.

Customers are arrays (usage ``q``, value per unit ``v``); the provider pays ``cost_on_meter`` to serve a
customer on the meter or the subscription and ``cost_committed`` on the commitment (committed units are
cheaper to serve: capacity planned ahead). A plan with one price is optimised exactly: a customer buys
while the price is below its own threshold (value per billed unit, or the whole value for a flat fee),
so the best price sits just below one customer's threshold, and sorting the thresholds gives every
candidate's margin at once. The menu has two prices, the meter's ``p`` (the commitment's discount is
taken off it) and the fee ``F``: for each ``p`` on a log grid the best ``F`` is found the same way, and
the grid is refined once around the best ``p`` (within about 1 % of a 3,000-point search in tests; the
learner's own ``p`` and the single plans' best prices are always among those tried, so the menu's
optimum is never below what the menu earns at the learner's prices). Whether a customer commits or meters is
decided on the same surpluses, from the same bills (``commitment_bill``), as the model decides it, so the two agree
even on a tie; the model re-evaluates the menu's margin at the prices found. The price ranges are the declared ones.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

BELOW = 1 - 1e-9        # a price "just below" a customer's threshold, so that customer still buys
GRID = 32               # meter prices tried for the menu on a log grid over the customers' values
REFINE = 12             # then as many between the best one's neighbours


def commitment_bill(usage: np.ndarray | float, price: np.ndarray | float, commit_units: float,
                    commit_discount: float) -> np.ndarray:
    """The commitment's monthly bill C·p·(1−d) + p·max(q−C, 0): one expression for the model and the optimiser,
    so that both break a tie with the meter's bill p·q (d = 0, q ≥ C) the same way, to the last bit."""
    return commit_units * price * (1.0 - commit_discount) + price * np.maximum(usage - commit_units, 0.0)


@dataclass(frozen=True)
class Customers:
    """The sample customers and what each costs to serve on the meter / subscription and on the commitment."""

    usage: np.ndarray
    value: np.ndarray
    billed: np.ndarray          # units billed on the commitment: C (1 − d) + max(q − C, 0)
    cost_on_meter: np.ndarray   # ¤ a month: c · q
    cost_committed: np.ndarray  # ¤ a month: c · q − s · c · min(q, C)
    bias: float                 # flat-rate bias, ¤ a month
    commit_units: float         # C
    commit_discount: float      # d


def _cuts(top: np.ndarray, low: float, high: float) -> tuple[np.ndarray, np.ndarray]:
    """Prices just below each threshold (sorted high to low along the last axis), kept within
    ``[low, high]``, and whether exactly the first k+1 customers buy at each (price < threshold k,
    threshold k+1 <= price)."""
    price = np.clip(top * BELOW, low, high)
    after = np.concatenate([top[..., 1:], np.full(top.shape[:-1] + (1,), -np.inf)], axis=-1)
    return price, (price < top) & (after <= price)


def best_single(threshold: np.ndarray, units: np.ndarray, cost: np.ndarray, low: float,
                high: float) -> tuple[float, float]:
    """(price, margin) of one plan at its best price in ``[low, high]``: a customer buys while price < threshold.

    ``units`` are what a buyer is billed for at a price of 1 (its billed units, or 1 for a flat fee),
    ``cost`` what it costs to serve. Selling to nobody (the highest price, if it prices everyone out)
    is a candidate too.
    """
    order = np.argsort(-threshold)
    price, ok = _cuts(threshold[order], low, high)
    margin = np.where(ok, np.cumsum(units[order]) * price - np.cumsum(cost[order]), -np.inf)
    k = int(np.argmax(margin))
    if not (threshold > high).any() and margin[k] <= 0:
        return high, 0.0
    return float(price[k]), float(margin[k])


def menu_margin(c: Customers, prices: np.ndarray, fee_low: float, fee_high: float) -> tuple[np.ndarray, np.ndarray]:
    """For each meter price, the best fee and the menu's margin there (customers take the best plan)."""
    p = prices[:, None]
    worth = c.usage * c.value
    # The meter or the commitment, decided on the surpluses exactly as the model decides (ties go to the meter):
    # with no discount the two bills are equal above C, and only the same arithmetic breaks the tie the same way.
    on_meter = p * c.usage
    on_commitment = commitment_bill(c.usage, p, c.commit_units, c.commit_discount)
    commits = worth - on_commitment > worth - on_meter
    bill = np.where(commits, on_commitment, on_meter)
    cost = np.where(commits, c.cost_committed, c.cost_on_meter)
    metered = np.where(worth - bill > 0, bill - cost, 0.0) # margin from the customer if it meters or commits
    # it subscribes while F < bias + min(value, meter bill): better than both metering and staying away
    limit = c.bias + np.minimum(worth, bill)
    order = np.argsort(-limit, axis=1)                     # ties in any order: only a tie's last member counts
    top = np.take_along_axis(limit, order, axis=1)
    fee, ok = _cuts(top, fee_low, fee_high)
    subs = np.arange(1, top.shape[1] + 1)
    base = metered.sum(axis=1)                             # nobody subscribes
    lost = np.take_along_axis(metered + c.cost_on_meter, order, axis=1)   # a subscriber's cost and lost meter margin
    total = base[:, None] + fee * subs - np.cumsum(lost, axis=1)
    total = np.where(ok, total, -np.inf)
    k = np.argmax(total, axis=1)
    rows = np.arange(len(prices))
    best = total[rows, k]
    nobody = (top[:, 0] <= fee_high) & (base >= best)      # the highest fee prices every subscriber out
    return np.where(nobody, fee_high, fee[rows, k]), np.where(nobody, base, best)


def best_menu(c: Customers, low: float, high: float, fee_low: float, fee_high: float,
              extra: tuple[float, ...] = ()) -> tuple[float, float, float]:
    """(meter price, fee, margin) of the menu at its best prices: a log grid of p, refined once."""
    worth_per_unit = c.usage * c.value / np.minimum(c.billed, c.usage)
    lo = max(low, float(worth_per_unit.min()) / 2)
    hi = min(high, max(float(worth_per_unit.max()) * 1.01, lo))
    grid = np.unique(np.clip(np.r_[np.geomspace(lo, hi, GRID), extra], low, high))
    fees, margins = menu_margin(c, grid, fee_low, fee_high)
    k = int(np.argmax(margins))
    near = np.geomspace(grid[max(k - 1, 0)], grid[min(k + 1, len(grid) - 1)], REFINE)
    fine_fees, fine = menu_margin(c, near, fee_low, fee_high)
    j = int(np.argmax(fine))
    if fine[j] > margins[k]:
        return float(near[j]), float(fine_fees[j]), float(fine[j])
    return float(grid[k]), float(fees[k]), float(margins[k])
