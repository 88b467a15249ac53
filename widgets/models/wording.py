"""Numbers in takeaway sentences that stay true at the edges: no false 0 % or 100 %, no "1 users"."""

from __future__ import annotations

import math


def share(x: float) -> str:
    """A share as the lessons write it, saying 0 % or 100 % only when it is exactly that: 0.004 -> '0.4 %'."""
    if x <= 0 or x >= 1:
        return f"{x * 100:,.0f} %".replace("-", "−")
    for digits in range(3):
        text = f"{x * 100:.{digits}f}"
        if float(text) not in (0.0, 100.0):
            return f"{text} %"
    return "under 0.01 %" if x < 0.5 else "over 99.99 %"


percent = share  # the name lesson 20's and 40's sentences use


def rough_share(x: float) -> str:
    """A share to a whole point from 10 % up, to a tenth below: '52 %', '2.5 %', 'under 0.1 %'."""
    if x >= 0.1:
        return f"{x * 100:,.0f} %"
    return f"{x * 100:.1f} %" if x >= 0.001 else "under 0.1 %"


def plural(n: float, noun: str, text: str | None = None) -> str:
    """'1 user', '2 users', '1,400 designs': ``text`` is how ``n`` is shown (default: thousands separators)."""
    shown = f"{n:,.0f}" if text is None else text
    return f"{shown} {noun}" if shown == "1" else f"{shown} {noun}s"


def ratio(x: float) -> str:
    """A ratio with enough digits to tell it from zero: 9.31 -> '9.3', 0.04 -> '0.04'."""
    if not math.isfinite(x):
        raise ValueError(f"a ratio in a sentence must be a finite number; got {x!r}")
    return f"{x:,.1f}" if abs(x) >= 0.95 or x == 0 else f"{x:.2g}"


def money(amount: float, currency: str) -> str:
    """An amount a manager reads at a glance, never '$0' for money that is there: '$1.23 bn', '$45.6 M', '$0.05'."""
    if not math.isfinite(amount):
        raise ValueError(f"an amount in a sentence must be a finite number; got {amount!r}")
    sign, size = ("−" if amount < 0 else ""), abs(amount)
    if size == 0:
        return f"{currency}0"
    if size < 0.01:
        return f"{'minus ' if sign else ''}less than {currency}0.01"
    for scale, unit in ((1e9, " bn"), (1e6, " M"), (1e3, " thousand")):
        if size >= scale:
            shown = size / scale
            return f"{sign}{currency}{shown:,.{0 if shown >= 100 else 1 if shown >= 10 else 2}f}{unit}"
    return f"{sign}{currency}{size:,.2f}"
