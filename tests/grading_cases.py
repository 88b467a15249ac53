"""Submissions for the grading tests: the student notebook with chosen answers and extra cells.

``Submissions(stem)`` holds the committed student notebook and, from a fresh ``otter assign``
build, the solution's answer cells. ``fill`` returns the student notebook with the given
questions answered by the solution (``"solution"``) or by other code, and extra cells inserted
before a question's check cell or at the end.
"""

from __future__ import annotations

import copy
import csv
import json
import re
from pathlib import Path
from typing import Any

from widgets import authoring

ROOT = Path(__file__).resolve().parents[1]
CHECK = re.compile(r"""^\s*grader\.check\(\s*["'](?P<name>[^"']+)["']\s*\)\s*$""")


def _source(cell: dict[str, Any]) -> str:
    text = cell["source"]
    return text if isinstance(text, str) else "".join(text)


def _answer_cells(nb: dict[str, Any]) -> dict[str, int]:
    """Question name -> index of the code cell just before its check cell (the answer cell)."""
    out, last = {}, None
    for index, cell in enumerate(nb["cells"]):
        if cell["cell_type"] != "code":
            continue
        match = CHECK.match(_source(cell))
        if match and last is not None:
            out[match["name"]] = last
        last = index
    return out


def code_cell(text: str) -> dict[str, Any]:
    return {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
            "source": text}


class Submissions:
    """Build submissions for one exercise from its committed student notebook."""

    def __init__(self, stem: str, workdir: Path, build: authoring.Build | None = None):
        self.stem = stem
        self.student = json.loads((ROOT / "exercises" / f"{stem}.ipynb").read_text("utf-8"))
        build = build or authoring.assign(stem, workdir)
        solution = json.loads(build.solution.read_text("utf-8"))
        cells = _answer_cells(solution)
        self.solution_code = {q: _source(solution["cells"][i]) for q, i in cells.items()}
        self.questions = list(_answer_cells(self.student))

    def fill(self, answers: dict[str, str] | None = None, *, before: dict[str, str] | None = None,
             end: str | None = None, drop: tuple[str, ...] = ()) -> dict[str, Any]:
        """The student notebook answered: ``answers[q]`` is code or ``"solution"``."""
        nb = copy.deepcopy(self.student)
        answers = answers or {}
        where = _answer_cells(nb)
        for question, code in answers.items():
            text = self.solution_code[question] if code == "solution" else code
            nb["cells"][where[question]]["source"] = text
        for question, code in sorted((before or {}).items(), key=lambda qc: -where[qc[0]]):
            nb["cells"].insert(where[question], code_cell(code))
        if end:
            nb["cells"].append(code_cell(end))
        for question in drop:  # the answer cell and its check cell
            index = _answer_cells(nb)[question]
            del nb["cells"][index:index + 2]
        return nb

    def all_right(self, **kwargs) -> dict[str, Any]:
        return self.fill({q: "solution" for q in self.questions}, **kwargs)


def write(folder: Path, name: str, nb: dict[str, Any] | str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(nb if isinstance(nb, str) else json.dumps(nb), encoding="utf-8")
    return path


def read_sheet(path: Path) -> dict[str, dict[str, str]]:
    """grades.csv by submission name."""
    with path.open(newline="", encoding="utf-8") as f:
        return {row["submission"]: row for row in csv.DictReader(f)}
