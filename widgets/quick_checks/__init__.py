"""Quick checks: one or two short questions after each main idea of a lesson, for self-learners.

A check is declared once, in ``widgets/quick_checks/<lesson topic>.py`` (the stem without its
number), and shown by one short cell in the lesson: ``quick_check("22-1")``. Two kinds:

* ``Number``: a number read from the explorer or the model, typed with its unit; the answer is a
  function that runs the model (through ``widgets.claims.Setting``), never a typed number, so a
  changed model or preset changes the check and ``tests/test_quick_checks.py`` notices. Typed
  answers off by the classic factors (a fraction for a percentage, thousands) get their own feedback.
* ``Choice``: a choice between explanations; every option says why it is right or wrong.

Each check has a hint and a worked answer on request. The page checks the answer by itself (an
anywidget, as the course's sliders are): nothing is saved, no Otter, and it works in JupyterLab,
Notebook 7 and Voilà, with the keyboard alone; the feedback is in a live region and always says
"Correct" or "Not yet" in words (colour is never the only signal).
"""

from __future__ import annotations

import importlib
import json
import math
import pkgutil
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping

import traitlets as T
from anywidget import AnyWidget

ROOT = Path(__file__).resolve().parents[2]
CALL = re.compile(r"""quick_check\(\s*["']([^"']+)["']\s*\)""")

Facts = Callable[[], Mapping[str, Any]]


# --- declarations ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Option:
    """One explanation to choose from, and why it is right or wrong (shown when it is chosen)."""

    text: str
    why: str
    right: bool = False


@dataclass(frozen=True)
class Mistake:
    """A typical wrong number (computed, like the answer) and what to say when it is typed."""

    value: Callable[[], float]
    feedback: str


@dataclass(frozen=True)
class Check:
    """What every quick check has: an id ('22-1'), a question, a hint and a worked answer."""

    id: str
    question: str
    hint: str
    worked: str                          # may hold {blanks} that ``facts`` fill (and {answer} for a Number)
    facts: Facts = field(default=lambda: {})

    def worked_text(self) -> str:
        values = dict(self.facts())
        for name, value in values.items():
            if not isinstance(value, (str, int)):
                raise TypeError(f"{self.id}: fact {name!r} is {value!r}: format it (pct, num, money)")
        return self.worked.format(**values)

    def spec(self) -> dict:
        raise NotImplementedError


@dataclass(frozen=True)
class Number(Check):
    """A number to type. ``answer`` runs the model; ``percent``: the model gives a fraction and the
    learner types a percentage (0.613 -> 61.3). ``tolerance`` is in the unit the learner types."""

    answer: Callable[[], float] = lambda: math.nan
    unit: str = ""                       # what the learner types, said after the box: "%", "USD thousand", "months"
    tolerance: float = 0.5
    percent: bool = False
    mistakes: tuple[Mistake, ...] = ()

    def expected(self) -> float:
        value = float(self.answer())
        if not math.isfinite(value):
            raise ValueError(f"quick check {self.id}: the model's answer is {value!r}")
        return value * 100 if self.percent else value

    def worked_text(self) -> str:
        values = dict(self.facts())
        values.setdefault("answer", _shown(self.expected(), self.tolerance))
        return self.worked.format(**values)

    def classic_mistakes(self) -> list[dict]:
        """Wrong numbers with their feedback: the declared ones first, then the usual slips."""
        x, out = self.expected(), []
        for m in self.mistakes:
            out.append(dict(value=float(m.value()) * (100 if self.percent else 1), feedback=m.feedback))
        if self.percent:
            out.append(dict(value=x / 100, feedback=(
                "That is the share as a fraction. The question asks for a percentage: multiply by 100 "
                f"({_shown(x / 100, self.tolerance / 100)} is {_shown(x, self.tolerance)} %).")))
        if "thousand" in self.unit or "million" in self.unit or abs(x) >= 1000:
            for factor in (1000, 1 / 1000):
                out.append(dict(value=x * factor, feedback=(
                    f"Off by a factor of 1,000: the answer is asked in {self.unit} "
                    f"({_shown(x, self.tolerance)}). Check the unit after the box.")))
        if "%" in self.unit and not self.percent:
            out.append(dict(value=x / 100, feedback="That is the share as a fraction: the question asks for a "
                                                    "percentage, so multiply by 100."))
        if x < 0:
            out.append(dict(value=-x, feedback="The size is right but the sign is not: the model gives a loss "
                                               "(a negative number)."))
        return [m for m in out if abs(m["value"] - x) > 2 * self.tolerance]

    def spec(self) -> dict:
        return dict(kind="number", id=self.id, question=self.question, unit=self.unit, answer=self.expected(),
                    tolerance=self.tolerance, shown=_shown(self.expected(), self.tolerance),
                    mistakes=self.classic_mistakes(), hint=self.hint, worked=self.worked_text())


@dataclass(frozen=True)
class Choice(Check):
    """A choice between explanations: exactly one is right, each says why it is right or wrong."""

    options: tuple[Option, ...] = ()

    def spec(self) -> dict:
        return dict(kind="choice", id=self.id, question=self.question, hint=self.hint, worked=self.worked_text(),
                    options=[dict(text=o.text, why=o.why, right=o.right) for o in self.options])


@dataclass(frozen=True)
class LessonChecks:
    """A lesson's quick checks, by the stem of the lesson ('22_freemium_and_subscription')."""

    lesson: str
    checks: tuple[Check, ...]


def _shown(x: float, tolerance: float) -> str:
    """The answer with as many digits as the tolerance asks for: (61.34, 0.5) -> '61.3'."""
    digits = max(0, min(6, -math.floor(math.log10(tolerance)))) if tolerance > 0 else 2
    text = f"{x:,.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


# --- finding ---------------------------------------------------------------------------------

def all_checks() -> dict[str, LessonChecks]:
    """Every lesson's declaration, by stem (each module of this package holds one ``CHECKS``)."""
    found: dict[str, LessonChecks] = {}
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_"):
            continue
        declared = getattr(importlib.import_module(f"{__name__}.{info.name}"), "CHECKS", None)
        if isinstance(declared, LessonChecks):
            found[declared.lesson] = declared
    return dict(sorted(found.items()))


def find(check_id: str) -> Check:
    for lesson in all_checks().values():
        for check in lesson.checks:
            if check.id == check_id:
                return check
    raise KeyError(f"no quick check {check_id!r} is declared in widgets/quick_checks")


def cells_calling(path: Path) -> list[tuple[str, str]]:
    """(cell id, check id) for every code cell of a notebook that shows a quick check."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            source = "".join(cell["source"])
            out += [(cell.get("id", ""), m) for m in CALL.findall(source)]
    return out


# --- the control -----------------------------------------------------------------------------

_ESM = (Path(__file__).with_name("quick_check.js")).read_text(encoding="utf-8")
_CSS = (Path(__file__).with_name("quick_check.css")).read_text(encoding="utf-8")


class QuickCheck(AnyWidget):
    """One quick check in the page: it checks the answer itself and saves nothing."""

    _esm = _ESM
    _css = _CSS
    spec = T.Dict().tag(sync=True)


def quick_check(check_id: str) -> QuickCheck:
    """Show the quick check declared as ``check_id`` (e.g. ``quick_check("22-1")``)."""
    return QuickCheck(spec=find(check_id).spec())
