"""The expected outcome of every "thing to try", taken from the checked declarations in widgets/claims."""

from __future__ import annotations

import importlib
import json
import pkgutil
from dataclasses import dataclass

from widgets import claims
from widgets.claims import Tries


@dataclass(frozen=True)
class Outcome:
    """One thing to try as the lesson shows it, and the outcomes in words its model is checked to show."""

    number: int
    title: str
    text: str
    holds: tuple[str, ...]


def _tries_of(stem: str) -> list[Tries]:
    """Every Tries block declared for a lesson (its ``tries`` and any other, e.g. a second explorer's)."""
    for info in pkgutil.iter_modules(claims.__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{claims.__name__}.{info.name}")
        declared = getattr(module, "CLAIMS", None)
        if isinstance(declared, claims.LessonClaims) and declared.lesson == stem:
            found = [declared.tries] if declared.tries is not None else []
            found += [v for v in vars(module).values() if isinstance(v, Tries) and v is not declared.tries]
            return found
    return []


def _sections(stem: str) -> dict[str, tuple[int, str]]:
    """For each cell id of the lesson: its position and the last '## ' section heading at or above it."""
    cells = json.loads((claims.ROOT / "lessons" / f"{stem}.ipynb").read_text(encoding="utf-8"))["cells"]
    out, section = {}, ""
    for i, cell in enumerate(cells):
        if cell["cell_type"] == "markdown":
            section = next((line[3:].strip() for line in "".join(cell["source"]).splitlines()
                            if line.startswith("## ")), section)
        out[cell.get("id")] = (i, section)
    return out


def outcomes(stem: str) -> list[tuple[str, list[Outcome]]]:
    """(section heading, outcomes) for each things-to-try block of a lesson; ValueError if a stated outcome is false.

    A note must never say what the model does not show, so a failing ``holds`` entry stops the build
    with the lesson, the try and the outcome named, as ``python -m widgets.claims check`` does.
    """
    out = []
    where = _sections(stem)
    for block in sorted(_tries_of(stem), key=lambda b: where.get(b.cell, (len(where), ""))[0]):
        items = []
        for number, item in enumerate(block.items, 1):
            failed = item.failures()
            if failed:
                raise ValueError(f"{stem} try {number} · {item.title}: does not hold: {'; '.join(failed)}")
            items.append(Outcome(number, item.title, " ".join(item.rendered().split()), tuple(item.holds())))
        out.append((where.get(block.cell, (0, ""))[1] or block.heading.lstrip("# ").strip(), items))
    return out
