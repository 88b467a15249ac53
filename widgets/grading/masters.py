"""What a solution master asks: its questions, points, public and hidden tests, and answer names.

Read straight from ``solutions/<stem>.ipynb`` (Otter-Grader's *assign* format, see
docs/exercises.md), so the course's own grader never runs ``otter assign`` and picks up any new
master by itself.
"""

from __future__ import annotations

import ast
import builtins
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

CONFIG_HEADER = "# ASSIGNMENT CONFIG"
HIDDEN_MARKER = "# HIDDEN"
VARIANT_HEADER = "# VARIANT"


@dataclass(frozen=True)
class Question:
    """One question of a master: its points and, if auto-graded, its tests and answer names."""

    name: str
    points: float
    manual: bool
    all_or_nothing: bool
    public: tuple[str, ...] = ()
    hidden: tuple[str, ...] = ()
    answers: tuple[str, ...] = ()   # the variables the tests read from the submission

    @property
    def tests(self) -> tuple[str, ...]:
        return self.public + self.hidden


@dataclass(frozen=True)
class Assignment:
    """A master notebook, parsed: its name, setup code and questions in order."""

    name: str
    setup: str
    questions: tuple[Question, ...]
    variant: dict[str, Any] = field(default_factory=dict)  # the ``# VARIANT`` cell, if any

    @property
    def autograded(self) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if not q.manual)

    @property
    def manual(self) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if q.manual)

    @property
    def answer_names(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(n for q in self.autograded for n in q.answers))


def source(cell: dict[str, Any]) -> str:
    """A cell's text, whether nbformat stored it as a string or a list of lines."""
    text = cell.get("source", "")
    return text if isinstance(text, str) else "".join(text)


def _names(code: str) -> tuple[set[str], set[str]]:
    """(names read, names assigned) anywhere in ``code``."""
    loads, stores = set(), set()
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Name):
            (loads if isinstance(node.ctx, ast.Load) else stores).add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            stores.add(node.name)
        elif isinstance(node, ast.arg):
            stores.add(node.arg)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            stores.update((a.asname or a.name).split(".")[0] for a in node.names)
    return loads, stores


def free_names(code: str, known: set[str]) -> list[str]:
    """Names ``code`` reads but neither defines nor finds in ``known`` or the builtins."""
    loads, stores = _names(code)
    return sorted(loads - stores - known - set(dir(builtins)))


def _yaml_after(text: str, header: str) -> dict[str, Any]:
    return yaml.safe_load(text.split(header, 1)[1]) or {}


def parse(nb: dict[str, Any]) -> Assignment:
    """Parse a master notebook (as a dict); ValueError naming the cell if it breaks the format."""
    cells = nb.get("cells", [])
    if not cells or cells[0]["cell_type"] != "raw" or \
            not source(cells[0]).lstrip().startswith(CONFIG_HEADER):
        raise ValueError(f"the first cell of a master must be a raw '{CONFIG_HEADER}' cell")
    config = _yaml_after(source(cells[0]), CONFIG_HEADER)
    setup: list[str] = []
    variant: dict[str, Any] = {}
    questions: list[dict[str, Any]] = []
    current: dict[str, Any] | None = None
    in_tests = False
    for index, cell in enumerate(cells[1:], start=1):
        text = source(cell).strip()
        kind = cell["cell_type"]
        if kind == "raw" and text.startswith(VARIANT_HEADER):
            variant = _yaml_after(text, VARIANT_HEADER)
        elif kind == "raw" and text.startswith("# BEGIN QUESTION"):
            current = {**_yaml_after(text, "# BEGIN QUESTION"), "public": [], "hidden": []}
            if "name" not in current:
                raise ValueError(f"cell {index}: a BEGIN QUESTION cell needs a `name`")
            questions.append(current)
        elif kind == "raw" and text.startswith("# END QUESTION"):
            current = None
        elif kind == "raw" and text.startswith("# BEGIN TESTS"):
            in_tests = True
        elif kind == "raw" and text.startswith("# END TESTS"):
            in_tests = False
        elif kind == "code" and in_tests and current is not None:
            hidden = text.startswith(HIDDEN_MARKER)
            current["hidden" if hidden else "public"].append(source(cell))
        elif kind == "code" and current is None and not questions:
            setup.append(source(cell))
    setup_code = "\n".join(setup)
    _, known = _names(setup_code) if setup_code.strip() else (set(), set())
    parsed = []
    for q in questions:
        tests = q["public"] + q["hidden"]
        answers = list(dict.fromkeys(n for t in tests for n in free_names(t, known)))
        parsed.append(Question(
            name=str(q["name"]), points=float(q.get("points", 1)), manual=bool(q.get("manual")),
            all_or_nothing=bool(q.get("all_or_nothing")), public=tuple(q["public"]),
            hidden=tuple(q["hidden"]), answers=tuple(answers)))
    return Assignment(name=str(config.get("name", "")), setup=setup_code,
                      questions=tuple(parsed), variant=variant)


def solution_code(nb: dict[str, Any]) -> list[str]:
    """Every code cell of a master outside its tests, in order: running them answers it all."""
    out, in_tests = [], False
    for cell in nb.get("cells", [])[1:]:
        text = source(cell).strip()
        if cell["cell_type"] == "raw":
            in_tests = {"# BEGIN TESTS": True, "# END TESTS": False}.get(text, in_tests)
        elif cell["cell_type"] == "code" and not in_tests:
            out.append(source(cell))
    return out


def load(path: Path | str) -> Assignment:
    """Parse the master notebook at ``path``."""
    return parse(json.loads(Path(path).read_text(encoding="utf-8")))
