"""How the older lessons write dollar amounts in Markdown: the escaped dollar sign, never a bare one."""

from __future__ import annotations

from . import num

DOLLAR = "<span>&#36;</span>"


def dollars(x: float, digits: int = 0) -> str:
    """An amount as lessons 10–13 write it: 2522 -> '<span>&#36;</span>2,522', -570 -> '−<span>&#36;</span>570'."""
    return ("−" if x < 0 else "") + DOLLAR + num(abs(x), digits)
