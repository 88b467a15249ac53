"""What every benchmark shares: the course folder, one result row, percentiles."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LESSONS = ROOT / "lessons"


@dataclass(frozen=True)
class Row:
    """One measured number next to its budget (design §8)."""

    benchmark: str
    what: str
    value: float
    unit: str
    budget: str = ""
    within_budget: bool | None = None
    note: str = ""


def percentile(samples: list[float], q: float) -> float:
    """The q-th percentile (0–100) by linear interpolation, as numpy's default."""
    ordered = sorted(samples)
    if not ordered:
        return float("nan")
    pos = (len(ordered) - 1) * q / 100
    lo, hi = int(pos), min(int(pos) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


def median(samples: list[float]) -> float:
    return statistics.median(samples) if samples else float("nan")


def print_rows(rows: list[Row]) -> None:
    """Plain-text output when a benchmark runs on its own."""
    for r in rows:
        verdict = "" if r.within_budget is None else ("  ok" if r.within_budget else "  OVER BUDGET")
        budget = f"  (budget {r.budget})" if r.budget else ""
        print(f"{r.benchmark:16} {r.what:58} {r.value:10.3f} {r.unit}{budget}{verdict}  {r.note}")
