"""Money over time, shared by every model: discount rates, customer lifetime value, payback."""

from __future__ import annotations

import numpy as np


def monthly_rate(annual_rate: float) -> float:
    """The monthly discount rate equivalent to ``annual_rate`` compounded over 12 months."""
    return (1.0 + annual_rate) ** (1.0 / 12.0) - 1.0


def lifetime_value(margin: float, retention: float, discount: float) -> float:
    """Gupta–Lehmann (2004/2005) customer lifetime value, before acquisition cost: m·r / (1 + i − r).

    ``margin`` is the margin per customer per period, ``retention`` the share retained each
    period, ``discount`` the discount rate per period. Assumes constant margin and retention and
    an infinite horizon, with margins received at the end of each period.
    """
    return margin * retention / (1.0 + discount - retention)


def payback_month(cumulative_cash: np.ndarray) -> int | None:
    """First month (1-based) from which cumulative cash stays at or above zero; None if never."""
    below = np.flatnonzero(np.asarray(cumulative_cash) < 0)
    if below.size == 0:
        return 1
    last_negative = int(below[-1])
    return last_negative + 2 if last_negative + 1 < len(cumulative_cash) else None
