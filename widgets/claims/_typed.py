"""Numbers a thing to try types instead of computing: each must be a move the model runs, or a preset's sourced value.

A try's outcomes are blanks filled by model runs. What a learner is told to *do* ("raise the take rate
to 35 %") may be typed, but only if a declared model run makes that very move, so the text and the
check cannot drift apart. A typed number is accepted when it is an input, not an outcome:

* a value a recorded run moves a control to, a value of the preset it starts from, or a control's
  end (as the control shows it: a share 0.35 reads "35 %"), or
* a figure in the calibration text of such a preset (the preset's sourced data, "43.7 % of revenue"), or
* a reference, not a quantity: "section 6", "try 3", "month 36", a year, a name in italics.

A number after an equals sign ("$1/(0.015 + 0.01) = 40$") is a result and is never accepted typed.

Anything else is an outcome typed by hand, which :func:`typed_outcomes` reports. Passages (section
text, exercise prompts and model answers) may also quote any figure of ``datasets/``, which carries
its source.
"""

from __future__ import annotations

import csv
import functools
import re
from types import ModuleType
from typing import Any, Iterable

from . import RECORDERS, ROOT, Claim, LessonClaims, Run, Try

PLACEHOLDER = re.compile(r"\{[^{}]*\}")
ENTITY = re.compile(r"&#\d+;")                           # the escaped dollar sign, <span>&#36;</span>
MATHS = re.compile(r"\$[^$]+\$")
ITALICS = re.compile(r"(?<!\*)\*[^*\n]+\*(?!\*)")        # control and preset names, set in italics
REFERENCE = re.compile(r"\b(?:sections?|lessons?|tries|try|questions?|q|exercise|chapter|figure|months?)\s+\d+(?:\.\d+)?"
                       r"|\b(?:FY|Q[1-4]\s?)?(?:19|20)\d\d\b|\bGPT-\d\w*|\bH\d{3}\b", re.I)
NUMBER = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?")


RESULT = re.compile(r"[=≈]\s*(?:USD\s*|€|£)?[−-]?\d[\d,]*(?:\.\d+)?(?![\d,.]*\s*[-+*/÷×])")  # "$1/(0.015 + 0.01) = 40$": a value computed
ARITHMETIC = re.compile(r"\d[^=≈]*[-+−*/÷×][^=≈]*$")   # the left side computes from numbers (not "α = 0.3")
# An arXiv or SSRN id, a journal's volume (before its year, or after its name in italics), a case or a
# directive number, a pattern's number in the Navigator.
CITATION = re.compile(r"arXiv[:\s]+[\d.]+|SSRN\s+\d+|\b\d+\s+\((?:19|20)\d\d\)|(?<=\*)\s+\d+\b|\bcases?\s+\d+[-‑–]\d+(?:\s+\([^)]*\))?(?:\s+and\s+\d+[-‑–]\d+)?"
                      r"|\b(?:19|20)\d\d/\d+|#\d+")
HEADING = re.compile(r"^#+\s+\d+(?:\.\d+)*", re.M)     # "### 6.1 What your model says"


def _left_side(text: str) -> str:
    """What an equals sign at the end of ``text`` equates: back to the previous one or an unclosed bracket."""
    text = re.split(r"[=≈]", text)[-1]
    depth = 0
    for i in range(len(text) - 1, -1, -1):
        depth += {")": 1, "(": -1}.get(text[i], 0)
        if depth < 0:
            return text[i + 1:]
    return text


def typed_results(text: str) -> list[str]:
    """Values typed after an equals sign that a computation on typed numbers gives: they must be computed."""
    text = PLACEHOLDER.sub(" ", _plain(text))
    out = []
    for sentence in re.split(r"(?<=[.;:])\s|\$", text):
        for m in RESULT.finditer(sentence):
            if ARITHMETIC.search(_left_side(sentence[:m.start()])):
                out.append(m.group())
    return out


def _plain(text: str) -> str:
    """A template's text with LaTeX's thousands separator ``{,}`` read as a comma and literal braces as brackets."""
    return text.replace("{{,}}", ",").replace("{,}", ",").replace("{{", "(").replace("}}", ")")


def typed_numbers(text: str) -> list[str]:
    """The numbers written into a template outside its blanks, names and references."""
    text = _plain(text)
    for pattern in (PLACEHOLDER, ENTITY, CITATION, HEADING, ITALICS, REFERENCE):
        text = pattern.sub(" ", text)
    return NUMBER.findall(text)


def _shown(value: Any, unit: str = "") -> Iterable[float]:
    """How a control's value can read in text: as it is, as a percentage, or in units for a thousands control."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return ()
    return (float(value), float(value) * 100, *((float(value) * 1000,) if "thousand" in unit else ()))


def allowed_numbers(moves: Iterable[Run]) -> list[float]:
    """The inputs of the runs: moves, preset values and control ranges, and the presets' sourced figures."""
    out: list[float] = []
    for setting, changes, _ in moves:
        parameters = setting.model.PARAMETERS
        for name, value in [*setting.values.items(), *changes.items()]:
            if name in parameters:
                p = parameters[name]
                out += [*_shown(value, p.unit), *_shown(p.min, p.unit), *_shown(p.max, p.unit)]
        out += [float(n.replace(",", "")) for n in NUMBER.findall(setting.preset.calibration or "")]
    return out


@functools.cache
def sourced_figures() -> tuple[float, ...]:
    """Every number in the course's datasets and their source list: figures a lesson may quote as data."""
    out: list[float] = []
    for path in sorted((ROOT / "datasets").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as f:
            for row in csv.reader(f):
                for cell in row:
                    for n in NUMBER.findall(cell):
                        value = float(n.replace(",", ""))
                        out += [value, value * 100, value * 1000, value / 1000, value / 1e6, value / 1e9]
    return tuple(out)


def _matches(typed: str, allowed: Iterable[float]) -> bool:
    """True when some allowed value reads as ``typed`` at the precision it is written with ("78,000": thousands)."""
    value = float(typed.replace(",", ""))
    digits = len(typed.split(".")[1]) if "." in typed else 0
    if not digits and value >= 1000:
        digits = -(len(str(int(value))) - len(str(int(value)).rstrip("0")))   # 78,000 is rounded to thousands
    return any(abs(round(a, digits) - value) < 1e-9 for a in allowed)


def _clear_caches(module: ModuleType) -> None:
    """Forget cached model runs so that checking records every move again."""
    for item in vars(module).values():
        if callable(getattr(item, "cache_clear", None)):
            item.cache_clear()


def typed_outcomes(claims: LessonClaims, module: ModuleType) -> list[str]:
    """Numbers typed into a lesson's declared cells that are neither inputs of their own runs nor sourced figures.

    A thing to try may type only the inputs of its runs (and its preset's sourced figures); a passage
    (section text, an exercise's prompt or model answer) may also quote the figures of ``datasets/``.
    """
    out = []
    for label, claim in claims.claims():
        allowed = allowed_numbers(moves_of(claim, module))
        if not isinstance(claim, Try):
            allowed += sourced_figures()
        out += [f"{claims.lesson} {label}: '{n}'" for n in typed_numbers(claim.text) if not _matches(n, allowed)]
        out += [f"{claims.lesson} {label}: '{n}' (a result typed after an equals sign)" for n in typed_results(claim.text)]
    return out


def unmoved_controls(claims: LessonClaims, module: ModuleType) -> list[str]:
    """Controls a try names in italics (by their label) that none of its own model runs moves."""
    out = []
    for label, claim in claims.claims():
        if not isinstance(claim, Try):
            continue
        moves = moves_of(claim, module)
        moved = {name for run in moves for name in run.changes}
        labels = {p.label.lower(): p.name for run in moves for p in run.setting.model.PARAMETERS}
        for named in re.findall(r"\*([^*\n]+)\*", claim.text):
            text = named.lower().strip()
            controls = {name for lab, name in labels.items() if lab == text or lab.startswith(text) or text.startswith(lab)}
            if controls and not controls & moved:
                out.append(f"{claims.lesson} {label}: *{named}* is named but no run moves it")
    return out


# "the sentence says K = 1.01", "the best fee the sentence names": the try quotes the explorer's sentence
QUOTES_SENTENCE = re.compile(r"\bsentence\b[^.;:]{0,40}?\b(?:says|names|puts|reports|gives|states)\b"
                             r"|\b(?:says|names|puts|reports|gives|states)\b[^.;:]{0,40}?\bsentence\b", re.I)


def unread_sentences(claims: LessonClaims, module: ModuleType) -> list[str]:
    """Tries that say what the explorer's sentence says without one of their runs reading that sentence."""
    return [f"{claims.lesson} {label}: quotes the sentence but no run reads it"
            for label, claim in claims.claims()
            if isinstance(claim, Try) and QUOTES_SENTENCE.search(claim.text)
            and not any(run.sentence for run in moves_of(claim, module))]


@functools.cache
def moves_of(claim: Claim, module: ModuleType) -> tuple[Run, ...]:
    """The model runs (setting, moves, sentence read or not) that rendering and checking one claim makes.

    Kept once per claim: the three checks that read them (typed numbers, controls moved, sentences read)
    do not render and check every claim three times."""
    _clear_caches(module)
    moves: list[Run] = []
    RECORDERS.append(moves)
    try:
        claim.rendered()
        claim.failures()
    finally:
        RECORDERS.remove(moves)
    return tuple(moves)


# --- cells nobody declared: they may quote data, not model outcomes ------------------------------

CONSTANTS = (365.25,)   # days in a year, as a growth rate per year divides by it


@functools.cache
def preset_values() -> tuple[float, ...]:
    """Every value of every explorer's presets, as a control shows it: the calibrated inputs of the course."""
    import importlib
    import pkgutil

    from widgets import explorers

    out: list[float] = []
    for info in pkgutil.iter_modules(explorers.__path__):
        for preset in getattr(importlib.import_module(f"widgets.explorers.{info.name}"), "PRESETS", ()):
            for value in preset.values.values():
                out += _shown(value, "thousand")
    return tuple(out)


def _derived(numbers: list[float]) -> list[float]:
    """What one step of arithmetic on two quoted figures gives: ratio, product, sum, difference, mean, change."""
    out: list[float] = []
    for a in numbers:
        out += [1 - a, 100 - a, a / 2]
        for b in numbers:
            out += [a * b, a + b, a - b, (a + b) / 2, a * b / 100]
            if b:
                out += [a / b, a / b * 100, a / b - 1, (a / b - 1) * 100]
    return out


def _evaluates(result: str, left: str) -> bool:
    """True when ``left`` is plain arithmetic on numbers and gives ``result`` to the digits it is written with."""
    expression = (left.replace("×", "*").replace("÷", "/").replace("−", "-").replace("\\times", "*")
                  .replace("\\cdot", "*").replace(",", ""))
    expression = re.sub(r"\b(?:USD|EUR|M|bn|million|billion|thousand|nights?|users?|months?|years?|days?)\b|[€%\\\\]", " ", expression)
    expression = re.search(r"[\d.\s+\-*/()]*$", expression).group()   # the arithmetic just before the sign
    if not re.search(r"\d\s*[-+*/]", expression) or expression.count("(") != expression.count(")"):
        return False
    try:
        value = eval(expression, {"__builtins__": {}})  # digits and operators only, checked above
    except (SyntaxError, ZeroDivisionError):
        return False
    number = re.sub(r"[^\d.]", "", result.split("=")[-1].split("≈")[-1])
    return _matches(number, [float(value)])


def undeclared_numbers(markdown: str) -> list[str]:
    """Numbers in a Markdown cell that no declaration renders and that are not data, inputs or arithmetic on them.

    Such a cell may quote a figure of ``datasets/`` (which carries its source), a preset's value, a
    reference, or one step of arithmetic on figures it quotes itself; an outcome of a model must be
    declared in widgets/claims instead.
    """
    quoted = [float(n.replace(",", "")) for n in NUMBER.findall(_plain(markdown))]
    allowed = [*sourced_figures(), *preset_values(), *CONSTANTS]
    sourced = [n for n in quoted if _matches(f"{n:g}" if n == int(n) else f"{n}", allowed)]
    allowed += _derived(sourced)
    out = []
    for sentence in re.split(r"(?<=[.;:])\s|\$", _plain(markdown)):
        for m in RESULT.finditer(sentence):
            left = _left_side(sentence[:m.start()])
            if re.search(r"[A-Za-z]", left) and re.fullmatch(r"[=≈]\s*0", m.group()):
                continue                                     # an equation set to zero, not a value
            if _evaluates(m.group(), left):
                allowed.append(float(re.sub(r"[^\d.]", "", m.group())))   # shown with its arithmetic, checked
            elif ARITHMETIC.search(left):
                out.append(m.group())
    return [n for n in typed_numbers(markdown) if not _matches(n, allowed)] + out


def unchecked_cells() -> list[str]:
    """Markdown cells of every lesson and solution that quote a number no declaration renders and no source holds."""
    import json

    from . import all_lessons

    declared = {(path, cell) for lesson in all_lessons().values() for path, cell, _ in lesson.cells()}
    out = []
    for path in sorted([*(ROOT / "lessons").glob("*.ipynb"), *(ROOT / "solutions").glob("*.ipynb")]):
        name = str(path.relative_to(ROOT))
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] != "markdown" or (name, cell.get("id")) in declared:
                continue
            text = "".join(cell["source"]).replace("{", "{{").replace("}", "}}")   # Markdown read as a template
            out += [f"{name} cell {cell.get('id')}: '{n}'" for n in undeclared_numbers(text)]
    return out
