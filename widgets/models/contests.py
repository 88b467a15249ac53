"""Innovation contests (Navigator #9 Crowdsourcing): more solvers, less effort each, a better best?

A seeker offers a prize ``V`` for the best solution to a problem and ``n`` solvers see the call.
Solver ``i`` submits a solution of quality

    q_i = e(n) + σ · ε_i,      ε_i ~ Normal(0, 1), independent,

where ``e(n)`` is the effort each solver puts in (in quality points) and ``σ`` is the problem's
uncertainty: how much solutions differ for reasons other than effort (a lucky idea, an unusual
background). The seeker keeps the best solution, so

    E[best of n] = e(n) + σ · μ_n,      μ_n = E[max of n standard normal draws].

Effort (a stylised assumption of this course, not a formula from the papers): a solver works in
proportion to the prize she can expect to win, V / n, less her fixed cost of entering F, and one
quality point of effort costs her k:

    e(n) = (V / n − F) / k.

Solvers enter while the expected prize covers the entry cost, V / n ≥ F, so at most ⌊V / F⌋ of
the ``n`` invited solvers take part. The two forces are those of Terwiesch & Xu (2008): more
solvers lower each one's effort (``e`` falls like 1 / n) but raise the chance of one outstanding
draw (μ_n grows like √(2 ln n)). Which wins depends on σ, as Boudreau, Lacetera & Lakhani (2011)
found in 9,661 TopCoder contests: adding competitors helps on high-uncertainty problems and hurts
on low-uncertainty ones.

A solution is "good" if its quality reaches the bar ``b``; the expected number of good solutions is
n · P(q_i ≥ b) and the prize paid per good solution is V divided by that number.

Sources: C. Terwiesch & Y. Xu, "Innovation Contests, Open Innovation, and Multiagent Problem
Solving", Management Science 54(9), 2008; K. J. Boudreau, N. Lacetera & K. R. Lakhani, "Incentives
and Problem Uncertainty in Innovation Contests: An Empirical Analysis", Management Science 57(5),
2011.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..params import Param, Parameters, Values, model
from .wording import plural

MAX_SOLVERS = 2000
MIN_GOOD = 0.01   # fewer expected good solutions than this: "practically none"

PARAMETERS = Parameters(
    Param("prize", "Prize", "¤ thousand", 20.0, 0.5, 1000.0, 0.5,
          "Award paid to the best solution."),
    Param("solvers", "Solvers who see the call", "solvers", 20, 1, MAX_SOLVERS, 1,
          "Solvers invited or reached by the call; those for whom entering does not pay stay out.",
          integer=True),
    Param("uncertainty", "Problem uncertainty σ", "quality points", 10.0, 0.0, 40.0, 0.5,
          "Spread of solution quality for reasons other than effort: high for novel problems, "
          "low for well-specified ones."),
    Param("effort_cost", "Cost of effort", "¤ thousand per quality point", 1.0, 0.01, 50.0, 0.01,
          "What one extra quality point of effort costs a solver."),
    Param("entry_cost", "Cost of entering", "¤ thousand", 0.1, 0.0, 50.0, 0.01,
          "Fixed cost of taking part at all: reading the brief, setting up, submitting."),
    Param("quality_bar", "Quality bar for a good solution", "quality points", 30.0, 0.0, 200.0, 1.0,
          "A solution at or above this quality counts as a good idea."),
)


def _normal_cdf(x: np.ndarray) -> np.ndarray:
    """Standard normal distribution function Φ(x), elementwise (numpy has no erf)."""
    return 0.5 * _erfc(-np.asarray(x, dtype=float) / math.sqrt(2.0))


_erfc = np.frompyfunc(math.erfc, 1, 1)


def _expected_maxima(n_max: int) -> np.ndarray:
    """μ_n = E[max of n standard normals] for n = 0 … n_max, by quadrature (μ_0 is set to 0).

    μ_n = ∫ x · n φ(x) Φ(x)^{n−1} dx on a grid of step 0.01 (accurate to about 1e-8).
    """
    x = np.linspace(-8.0, 8.0, 1601)
    dx = x[1] - x[0]
    pdf = np.exp(-0.5 * x * x) / math.sqrt(2.0 * math.pi)
    log_cdf = np.log(np.maximum(_normal_cdf(x).astype(float), 1e-300))
    n = np.arange(1, n_max + 1)[:, None]
    out = np.zeros(n_max + 1)
    for rows in np.array_split(np.arange(n_max), 8):   # chunks keep memory small
        nn = n[rows]
        density = nn * pdf * np.exp((nn - 1) * log_cdf)
        out[rows + 1] = (density * x).sum(axis=1) * dx
    out[1] = 0.0   # one draw: the mean, exactly
    return out


@functools.cache
def _table() -> np.ndarray:
    """μ_n for every possible crowd, computed once on first use (about 30 ms)."""
    return _expected_maxima(MAX_SOLVERS)

# Solver counts drawn on the charts: every count up to 20, then roughly evenly on a log scale.
CURVE_SOLVERS = np.unique(np.r_[np.arange(1, 21),
                                np.round(np.geomspace(20, MAX_SOLVERS, 100)).astype(int),
                                [25, 30, 40, 50, 75, 100, 150, 200, 300, 500, 1000, 1500]])
ALL_SOLVERS = np.arange(1, MAX_SOLVERS + 1)


def expected_max(n: np.ndarray | int) -> np.ndarray:
    """E[max of n standard normal draws] (0 for n = 0 or 1)."""
    return _table()[np.asarray(n, dtype=int)]


def entrants(prize: float, entry_cost: float, solvers: np.ndarray | int) -> np.ndarray:
    """Solvers who take part: all who see the call, up to ⌊V / F⌋ (the expected prize covers F)."""
    solvers = np.asarray(solvers, dtype=int)
    worth_it = prize / entry_cost if entry_cost > 0 else math.inf
    if worth_it >= MAX_SOLVERS:
        return solvers
    return np.minimum(solvers, math.floor(worth_it + 1e-9))


def effort(prize: float, entry_cost: float, effort_cost: float, n: np.ndarray | int) -> np.ndarray:
    """Quality points of effort per entrant: e(n) = (V / n − F) / k, never below 0 (0 if n = 0)."""
    n = np.asarray(n, dtype=float)
    with np.errstate(divide="ignore"):
        per_solver = np.where(n > 0, prize / np.maximum(n, 1.0) - entry_cost, 0.0)
    return np.maximum(per_solver, 0.0) / effort_cost


@dataclass(frozen=True)
class ContestResult:
    """One contest's expected outcome and the same figures across every number of solvers."""

    solvers: int                   # solvers who see the call
    quality_bar: float             # quality points a good solution must reach
    entrants: int                  # solvers who take part (≤ solvers who see the call)
    effort: float                  # quality points of effort per entrant
    expected_best: float           # E[best solution], quality points (0 if nobody enters)
    expected_good: float           # expected number of solutions at or above the quality bar
    chance_of_good: float          # P(at least one solution reaches the bar)
    cost_per_good: float           # prize ÷ expected good solutions (inf if none expected)
    best_solvers: int              # solvers who see the call that maximise the expected best
    best_quality: float            # expected best quality at that number
    curve: pd.DataFrame            # by solvers: entrants, effort, expected_best, expected_good, cost_per_good


def _outcomes(p: Values, solvers: np.ndarray) -> dict[str, np.ndarray]:
    """Entrants, effort, expected best and good solutions for an array of solver counts."""
    n = entrants(p.prize, p.entry_cost, solvers)
    e = effort(p.prize, p.entry_cost, p.effort_cost, n)
    best = np.where(n > 0, e + p.uncertainty * expected_max(n), 0.0)
    if p.uncertainty > 1e-9:     # below that, every solution is its effort
        above = 1.0 - _normal_cdf((p.quality_bar - e) / p.uncertainty).astype(float)
    else:
        above = (e >= p.quality_bar).astype(float)
    good = n * above
    with np.errstate(divide="ignore"):
        cost = np.where(good > 1e-12, p.prize / np.maximum(good, 1e-300), np.inf)
    chance = 1.0 - (1.0 - above) ** n
    return dict(entrants=n, effort=e, expected_best=best, expected_good=good,
                cost_per_good=cost, chance_of_good=chance)


@model(PARAMETERS)
def simulate(p: Values) -> ContestResult:
    """Expected best solution, effort, participation and prize per good idea for one contest."""
    now = _outcomes(p, np.array([p.solvers]))
    grid = _outcomes(p, CURVE_SOLVERS)
    curve = pd.DataFrame({"solvers": CURVE_SOLVERS, **grid})
    every = _outcomes(p, ALL_SOLVERS)["expected_best"]
    top = int(np.argmax(every))   # first maximum: the smallest crowd that does best
    return ContestResult(
        solvers=p.solvers,
        quality_bar=p.quality_bar,
        entrants=int(now["entrants"][0]),
        effort=float(now["effort"][0]),
        expected_best=float(now["expected_best"][0]),
        expected_good=float(now["expected_good"][0]),
        chance_of_good=float(now["chance_of_good"][0]),
        cost_per_good=float(now["cost_per_good"][0]),
        best_solvers=int(ALL_SOLVERS[top]),
        best_quality=float(every[top]),
        curve=curve,
    )


def takeaway(result: ContestResult, values: Values | dict, currency: str = "$") -> str:
    """One sentence on effort, the best solution and the price of a good idea."""
    v = dict(values)
    if result.entrants == 0:
        return (f"Nobody enters: a prize of {currency}{_k(v['prize'])} does not cover the "
                f"{currency}{_k(v['entry_cost'])} it costs to take part, so the seeker gets no solution.")
    if result.entrants == v["solvers"]:
        crowd = "the only solver enters" if result.entrants == 1 else f"all {result.entrants:,} solvers enter"
    else:
        crowd = (f"only {result.entrants:,} of {v['solvers']:,} solvers "
                 f"{'finds' if result.entrants == 1 else 'find'} it worth entering")
    if result.best_solvers == v["solvers"] or abs(result.best_quality - result.expected_best) < 1e-9:
        verdict = "no other crowd size on the chart does better"
    elif result.best_solvers < v["solvers"]:
        smaller = ("a smaller crowd, a single solver," if result.best_solvers == 1 else
                   f"a smaller crowd of {result.best_solvers:,}")
        verdict = (f"{smaller} would do better "
                   f"({_better(result.best_quality, result.expected_best)} points): effort falls faster than luck rises")
    else:
        verdict = (f"a larger crowd of {result.best_solvers:,} would do better "
                   f"({_better(result.best_quality, result.expected_best)} points): at σ = {v['uncertainty']:g} the extra "
                   f"long shots outweigh the lost effort")
    bar = plural(v["quality_bar"], "point", format(v["quality_bar"], "g"))
    if result.expected_good < MIN_GOOD:
        good = (f"practically no solution reaches the bar of {bar} "
                f"(fewer than 1 in 100 such contests would produce one)")
    else:
        good = (f"{result.expected_good:,.2f} solutions are expected to reach the bar of "
                f"{bar}, so each good idea costs {currency}{_k(result.cost_per_good)} "
                f"of prize money")
    work = (f"{_points(result.effort)} quality points of effort" if result.effort > 0 else
            "no effort beyond entering")
    return (f"{crowd[0].upper()}{crowd[1:]}, {'' if result.entrants == 1 else 'each '}putting in {work}; "
            f"the best solution is expected to score {_points(result.expected_best)} points and {verdict}; "
            f"{good}.")


def _points(x: float, digits: int = 2) -> str:
    """Quality points with enough digits to tell a little from none: 0.125 -> '0.13', 3e-7 -> 'less than 0.01'."""
    if x >= 1 or x == 0:
        return f"{x:,.1f}"
    return f"{x:,.{digits}g}" if x >= 0.01 else "less than 0.01"


def _better(best: float, now: float) -> str:
    """The better crowd's score with the digits that show it is higher than the current one."""
    for digits in range(2, 7):
        text = f"{best:,.{digits}g}" if best < 1 else f"{best:,.{digits - 1}f}"
        if text != (_points(now, digits) if now < 1 else f"{now:,.{digits - 1}f}"):
            return text
    return f"{best:,.6g}"


def _k(thousands: float) -> str:
    """¤ thousands as a readable amount: 2.5 -> '2,500', 1000 -> '1.0 million'."""
    if thousands >= 1000:
        return f"{thousands / 1000:,.1f} million"
    return f"{thousands * 1000:,.0f}" if thousands >= 0.001 else f"{thousands * 1000:,.2f}"
