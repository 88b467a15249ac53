"""Checked claims: every "thing to try" and every quoted number in a lesson, computed by its model.

A lesson's Markdown may only say what its model shows. So the numbers and outcomes a lesson quotes
are not typed into the notebook: they are declared once, in ``widgets/claims/<lesson topic>.py``,
as text with named blanks, the model runs that fill the blanks, and the outcomes the text asserts
in words ("never turns negative", "the sentence says moat"). The notebook cell holds the rendered
text, which a learner reads as ordinary Markdown.

    python -m widgets.claims build [STEM ...]   rewrite the declared cells of the notebooks
    python -m widgets.claims check [STEM ...]   exit 1 if a cell differs or a claim does not hold

``tests/test_claims.py`` runs every declaration through its model: a changed model or preset
fails the test that quotes it, naming the lesson, the try and the number.
"""

from __future__ import annotations

import importlib
import json
import math
import pkgutil
import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any, Callable, Iterable, Mapping, NamedTuple

from widgets.company_preset import Preset

ROOT = Path(__file__).resolve().parents[2]
WIDTH = 118  # Markdown lines are wrapped here, as the notebooks are written
NO_BREAK = "\u00a0"  # textwrap breaks only at ASCII white space

Facts = Callable[[], Mapping[str, Any]]


class Run(NamedTuple):
    """One model run a claim makes: the setting, the controls moved, and whether its sentence was read."""

    setting: "Setting"
    changes: dict[str, Any]
    sentence: bool = False


# While a check runs, every Setting records the runs it is asked for (widgets/claims/_typed.py).
RECORDERS: list[list[Run]] = []
Holds = Callable[[], Mapping[str, bool]]


# --- how numbers read in a lesson ------------------------------------------------------------

def pct(x: float, digits: int = 0) -> str:
    """A share as the lessons write it, with a space before the sign: 0.613 -> '61 %'."""
    _finite(x)
    text = f"{x * 100:,.{digits}f}"
    if float(text.replace(",", "")) == 0 and x != 0:
        raise ValueError(f"{x!r} would read as 0 % with {digits} digits: say it another way")
    return f"{text} %"


def num(x: float, digits: int = 0) -> str:
    """A number with thousands separators: 2300 -> '2,300', (0.884, 2) -> '0.88'."""
    _finite(x)
    return f"{x:,.{digits}f}"


def money(x: float, digits: int = 0, unit: str = "", currency: str = "USD") -> str:
    """An amount as the lessons write it (no dollar sign, which Markdown would read as maths)."""
    _finite(x)
    sign = "−" if x < 0 else ""
    return f"{sign}{currency} {abs(x):,.{digits}f}{(' ' + unit) if unit else ''}"


def _finite(x: float) -> None:
    if not isinstance(x, (int, float)) or not math.isfinite(x):
        raise ValueError(f"a quoted number must be finite; got {x!r}")


# --- a model at a preset ---------------------------------------------------------------------

@dataclass(frozen=True)
class Setting:
    """A model at one preset: ``run(**changes)`` is what the explorer computes after those moves."""

    model: ModuleType                 # a widgets.models module (PARAMETERS, simulate, takeaway)
    preset: Preset

    @property
    def values(self):
        """The preset's values, validated (defaults filled in)."""
        return self.model.PARAMETERS.validate(self.preset.values)

    def checked(self, **changes: Any):
        """The preset's values with ``changes``, validated as the explorer's controls would."""
        for runs in RECORDERS:
            runs.append(Run(self, dict(changes)))
        return self.model.PARAMETERS.validate({**self.preset.values, **changes})

    def run(self, **changes: Any):
        """The model's result after moving the named controls from the preset."""
        return self.model.simulate(self.checked(**changes))

    def say(self, **changes: Any) -> str:
        """The explorer's live sentence after those moves, in the preset's currency."""
        for runs in RECORDERS:
            runs.append(Run(self, dict(changes), sentence=True))
        values = self.checked(**changes)
        return self.model.takeaway(self.model.simulate(values), values, self.preset.currency)


# --- declarations ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Claim:
    """Text with ``{blanks}`` that ``facts`` fills, and the outcomes in words that ``holds`` checks."""

    text: str
    facts: Facts = field(default=lambda: {})
    holds: Holds = field(default=lambda: {})

    def rendered(self) -> str:
        """The text with every blank filled; KeyError names a blank that has no fact."""
        values = dict(self.facts())
        for name, value in values.items():
            if not isinstance(value, (str, int)):
                raise TypeError(f"fact {name!r} is {value!r}: format it (pct, num, money) so the text shows "
                                f"exactly what is checked")
        return self.text.format(**values)

    def failures(self) -> list[str]:
        """The outcomes stated in words that the model does not show."""
        return [what for what, ok in self.holds().items() if not ok]


@dataclass(frozen=True)
class Try(Claim):
    """One numbered "thing to try": a bold title, then the steps and what the learner will see."""

    title: str = ""

    def markdown(self, number: int) -> str:
        """The try as one item of a numbered Markdown list, wrapped like the notebooks."""
        first = f"{number}. **{self.title}** " + " ".join(self.rendered().split())
        # A number and its unit stay on one line ('8 %', not '8' then '% the chain' below it).
        kept = re.sub(r"(?<=\d) (?=%|‰)", NO_BREAK, first)
        lines = textwrap.wrap(kept, WIDTH, subsequent_indent="   ", break_long_words=False, break_on_hyphens=False)
        return "\n".join(lines).replace(NO_BREAK, " ")


def attempt(title: str, text: str, facts: Facts = lambda: {}, holds: Holds = lambda: {}) -> Try:
    """A thing to try (keyword-light spelling for declarations)."""
    return Try(text=text, facts=facts, holds=holds, title=title)


@dataclass(frozen=True)
class Passage(Claim):
    """A whole Markdown cell (by id) of a lesson, solution or exercise notebook that quotes numbers."""

    cell: str = ""
    notebook: str = ""  # path from the course root; empty means the lesson itself

    def markdown(self) -> str:
        """The cell's Markdown: paragraphs kept, as written."""
        return self.rendered().strip("\n")


@dataclass(frozen=True)
class Tries:
    """The "Things to try" cell: a heading, an optional introduction, the numbered tries, an ending."""

    cell: str
    items: tuple[Try, ...]
    heading: str = "### Things to try"
    intro: str = ""
    outro: str = ""

    def markdown(self) -> str:
        parts = [self.heading]
        if self.intro:
            parts.append(self.intro.strip())
        parts.append("\n".join(t.markdown(i) for i, t in enumerate(self.items, 1)))
        if self.outro:
            parts.append(self.outro.strip())
        return "\n\n".join(parts)


@dataclass(frozen=True)
class LessonClaims:
    """Everything one lesson quotes from its models: its things to try and its passages."""

    lesson: str                              # the stem, e.g. "31_ai_business_models"
    tries: Tries | None = None
    passages: tuple[Passage, ...] = ()

    def cells(self) -> list[tuple[str, str, str]]:
        """(notebook path, cell id, Markdown) for every declared cell."""
        out = []
        if self.tries is not None:
            out.append((f"lessons/{self.lesson}.ipynb", self.tries.cell, self.tries.markdown()))
        for p in self.passages:
            out.append((p.notebook or f"lessons/{self.lesson}.ipynb", p.cell, p.markdown()))
        return out

    def claims(self) -> list[tuple[str, Claim]]:
        """Every declared claim with a label for messages ('try 3 · The price war stops')."""
        out: list[tuple[str, Claim]] = []
        if self.tries is not None:
            out += [(f"try {i} · {t.title}", t) for i, t in enumerate(self.tries.items, 1)]
        out += [(f"{p.notebook or 'lesson'} cell {p.cell}", p) for p in self.passages]
        return out


# --- finding, checking and writing -----------------------------------------------------------

def all_lessons() -> dict[str, LessonClaims]:
    """Every lesson's declaration, by stem (each module of this package holds one ``CLAIMS``)."""
    found: dict[str, LessonClaims] = {}
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_"):
            continue  # __main__ is the command, not a lesson
        module = importlib.import_module(f"{__name__}.{info.name}")
        declared = getattr(module, "CLAIMS", None)
        if isinstance(declared, LessonClaims):
            found[declared.lesson] = declared
    return dict(sorted(found.items()))


def _read(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _cell(nb: dict, cell_id: str, path: str) -> dict:
    for cell in nb["cells"]:
        if cell.get("id") == cell_id:
            if cell["cell_type"] != "markdown":
                raise ValueError(f"{path} cell {cell_id} is a {cell['cell_type']} cell, not Markdown")
            return cell
    raise ValueError(f"{path} has no cell with id {cell_id!r}")


def differences(claims: LessonClaims) -> list[str]:
    """Declared cells whose Markdown in the notebook is not what the declaration renders."""
    out = []
    for path, cell_id, text in claims.cells():
        cell = _cell(_read(ROOT / path), cell_id, path)
        if "".join(cell["source"]) != text:
            out.append(f"{path} cell {cell_id} differs from widgets/claims (run: python -m widgets.claims build "
                       f"{claims.lesson})")
    return out


def build(claims: LessonClaims) -> list[str]:
    """Write the rendered Markdown into the notebooks; returns the paths it changed."""
    changed = []
    by_path: dict[str, list[tuple[str, str]]] = {}
    for path, cell_id, text in claims.cells():
        by_path.setdefault(path, []).append((cell_id, text))
    for path, cells in by_path.items():
        nb = _read(ROOT / path)
        before = json.dumps(nb)
        for cell_id, text in cells:
            cell = _cell(nb, cell_id, path)
            cell["source"] = text.splitlines(keepends=True)
        if json.dumps(nb) != before:
            (ROOT / path).write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
            changed.append(path)
    return changed


def _selected(stems: Iterable[str]) -> list[LessonClaims]:
    lessons = all_lessons()
    stems = list(stems) or list(lessons)
    unknown = [s for s in stems if s not in lessons]
    if unknown:
        raise SystemExit(f"no claims declared for {', '.join(unknown)} (known: {', '.join(lessons)})")
    return [lessons[s] for s in stems]


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m widgets.claims", description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=("build", "check"))
    parser.add_argument("stems", nargs="*")
    args = parser.parse_args(argv)
    status = 0
    for claims in _selected(args.stems):
        for label, claim in claims.claims():
            for what in claim.failures():
                print(f"{claims.lesson} {label}: does not hold: {what}")
                status = 1
        if args.command == "build":
            for path in build(claims):
                print(f"wrote {path}")
        else:
            for problem in differences(claims):
                print(problem)
                status = 1
    return status
