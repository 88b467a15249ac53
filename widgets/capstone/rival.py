"""The rival's rule: price matching with a floor (Bertrand undercutting, as in the Uber–Didi price war).

**Rule.** If the rival lost members last quarter (on its main side), it moves half-way from its
current price (take rate, for the ride-hailing platform) towards 5 % below the lowest price any
team charged, never below its own unit cost; otherwise it holds. A seeded event may cut its price
outright (a price war) or have it outbid the teams' subsidies (a subsidy war). Everything else it
decides stays at its starting decisions. The rule is Bertrand's logic (Bertrand 1883: a firm that
loses customers to a cheaper rival undercuts it, down to cost) slowed to half a step a quarter.
"""

from __future__ import annotations

from typing import Mapping

UNDERCUT = 0.05   # the rival aims 5 % below the lowest team price
STEP = 0.5        # and moves half-way there in a quarter

RULE = ("If the rival lost members last quarter it moves half-way towards 5 % below the lowest team price, "
        "never below its unit cost; otherwise it holds.")


def next_price(current: float, lowest_team: float, lost_members: bool, floor: float) -> float:
    """The rival's price next quarter by the rule (a take rate for the ride-hailing rival)."""
    if not lost_members:
        return current
    target = max(floor, (1.0 - UNDERCUT) * lowest_team)
    if target >= current:
        return current
    return max(floor, current + STEP * (target - current))


def decisions_for_round(base: Mapping[str, float], launch: Mapping[str, float], lever: str, price: float,
                        effect: Mapping[str, float], team_decisions: list[Mapping[str, float]]) -> dict[str, float]:
    """The rival's decisions in a round: its base, its price by the rule (cut while a price war lasts), and in a
    subsidy war subsidies of ``factor`` × the larger of its launch subsidy and the highest team's."""
    out = dict(base)
    out[lever] = price * effect.get("rival_price_factor", 1.0)
    factor = effect.get("rival_subsidy_factor")
    if factor:
        for name in ("rider_subsidy", "driver_subsidy"):
            if name in out:
                out[name] = factor * max(launch[name], *(d[name] for d in team_decisions))
    return out
