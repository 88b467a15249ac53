"""The shared market: Bass growth of the category, a multinomial logit split with an outside option, log-sum surplus.

* **Category growth** (lesson 12, Bass 1969): the customers who use the category at all follow the
  Bass curve ``F(t)`` (``open_source.bass_adoption``). A quarter advances the category a quarter along
  the curve of the quarter's ``p`` and ``q`` from where it stands (the curve is inverted to find the
  time ``τ`` at which it has reached today's share), so ``p`` and ``q`` may change from round to round.
* **Choice** (McFadden 1974; Berry 1994): a customer who (re-)chooses takes firm ``j`` with probability
  ``s_j = e^{V_j} ÷ (1 + Σ_k e^{V_k})`` — the 1 is the outside option (no firm). With one firm this is
  the logistic share of lesson 30's platform model, ``F(u) = 1 ÷ (1 + e^{−(u − k)/(spread·k)})``.
* **Momentum**: each quarter a share ``r_j`` of firm j's members re-choose (its churn), the category's
  newcomers choose, and a share ``reach`` of the other non-members look again;
  ``n_j' = (1 − r_j) n_j + pool · s_j``. Shares therefore move towards the logit split gradually, and
  ``Σ n_j' ≤ N'`` always.
* **A worse deal makes members look around**: when what a firm offers falls by ``Δ`` (money a month)
  from last quarter, the share re-choosing rises from ``r`` to ``r + (1 − r)(1 − e^{−Δ/σ})``
  (illustrative: a drop of one taste-spread ``σ`` sends 63 % of the rest to re-choose).
* **Surplus** (Small & Rosen 1981): a potential customer's expected surplus is ``σ · ln(1 + Σ e^{V_k})``
  in money; what firm j adds is that minus the same without j.
"""

from __future__ import annotations

import math
from typing import Sequence

from ..models.open_source import bass_adoption


def bass_step(share: float, p: float, q: float, years: float = 0.25) -> float:
    """The category's adoption share a quarter later along the Bass curve F(t; p, q) from ``share`` today."""
    share = min(max(share, 0.0), 1.0 - 1e-12)
    # Invert F: e^{−(p+q)τ} = (1 − F) / (1 + (q/p)·F), then advance τ by a quarter.
    tau = -math.log((1.0 - share) / (1.0 + (q / p) * share)) / (p + q)
    return float(bass_adoption(tau + years, p, q))


def logit_shares(values: Sequence[float]) -> list[float]:
    """s_j = e^{V_j} ÷ (1 + Σ e^{V_k}): the outside option has V = 0 and takes the rest."""
    top = max(0.0, *values)
    weights = [math.exp(v - top) for v in values]
    outside = math.exp(-top)
    total = outside + sum(weights)
    return [w / total for w in weights]


def log_sum(values: Sequence[float]) -> float:
    """ln(1 + Σ e^{V_k}), computed without overflow."""
    top = max(0.0, *values) if values else 0.0
    return top + math.log(math.exp(-top) + sum(math.exp(v - top) for v in values))


def reconsidering(churn: float, drop: float, scale: float) -> float:
    """Share of members re-choosing when the offer fell by ``drop``: r + (1 − r)(1 − e^{−drop/σ}); r if it did not fall."""
    if drop <= 0:
        return churn
    return churn + (1.0 - churn) * -math.expm1(-drop / scale)


def members_after(members: Sequence[float], churn: Sequence[float], shares: Sequence[float],
                  category: float, grown: float, reach: float) -> list[float]:
    """n_j' = (1 − r_j)·n_j + pool·s_j: who stays plus who chooses j.

    pool = reach·(N − Σn) + (N' − N) + Σ r_k n_k: non-members who look, the category's newcomers and
    the members who re-choose."""
    outside = max(category - sum(members), 0.0)
    pool = reach * outside + max(grown - category, 0.0) + sum(r * n for r, n in zip(churn, members))
    return [(1.0 - r) * n + pool * s for r, n, s in zip(churn, members, shares)]
