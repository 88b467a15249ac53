"""Every master in solutions/ is gradable by the course grader, with no setup per lesson.

For each ``solutions/*.ipynb`` (new masters are picked up by themselves): the grader finds its
questions and points, every auto-graded question reads at least one answer name, the worked
solution sets every answer name to plain data, the clean checker gives the solution full marks
and no answers zero, and the worked solution's own code raises no tampering flag.
"""

from __future__ import annotations

import json

import pytest

from widgets.grading import check, masters, tamper

from conftest import SOLUTIONS

pytestmark = pytest.mark.slow

STEMS = sorted(p.stem for p in SOLUTIONS.glob("*.ipynb"))
PLAIN = (bool, int, float, str, list, tuple, dict)


def _master(stem: str) -> dict:
    return json.loads((SOLUTIONS / f"{stem}.ipynb").read_text(encoding="utf-8"))


def _plain(value):
    """The solution's answer as the probe would hand it over (numpy scalars to Python)."""
    return value.item() if hasattr(value, "item") and not isinstance(value, PLAIN) else value


@pytest.mark.parametrize("stem", STEMS)
def test_master_is_gradable_and_its_solution_scores_full(stem):
    nb = _master(stem)
    assignment = masters.parse(nb)
    assert assignment.name == stem
    assert assignment.autograded and assignment.manual
    namespace: dict = {}
    for code in masters.solution_code(nb):
        exec(code, namespace)
    base: dict = {}
    exec(assignment.setup, base)
    for question in assignment.autograded:
        assert question.answers, f"{question.name}: its tests read no answer variable"
        answers = {n: _plain(namespace[n]) for n in question.answers}
        assert all(isinstance(v, PLAIN) for v in answers.values()), answers
        encoded = json.loads(json.dumps(answers))
        spec = {"name": question.name, "points": question.points, "tests": list(question.tests),
                "all_or_nothing": question.all_or_nothing, "answers": list(question.answers)}
        right = check.score_question(spec, base, encoded, {})
        assert right["score"] == question.points, f"{question.name}: {right}"
        none = check.score_question(spec, base, {}, {})
        assert (none["score"], none["hint"]) == (0.0, check.MISSING_HINT)


@pytest.mark.parametrize("stem", STEMS)
def test_worked_solutions_raise_no_tampering_flag(stem):
    cells = [c for c in _master(stem)["cells"] if c["cell_type"] == "code"]
    assert tamper.scan(cells) == []


@pytest.mark.parametrize("code, finding", [
    ("import numpy as np\nnp.isclose = lambda *a, **k: True", "replaces numpy.isclose"),
    ("import otter.test_files.ok_test as t", "imports otter.test_files.ok_test"),
    ("from otter.test_files import ok_test", "imports from otter.test_files"),
    ("import numpy\nsetattr(numpy, 'allclose', print)", "setattr on numpy"),
    ("grader.check = print", "replaces grader.check"),
    ("!rm -rf ~", "runs shell commands (!)"),
    ("import sys\nsys.modules['numpy'] = None", "touches sys.modules"),
])
def test_scan_names_what_the_code_does(code, finding):
    assert finding in tamper.scan_code(code)


@pytest.mark.parametrize("code", [
    "import pandas as pd\npd.options.display.max_rows = 20",
    "import numpy as np\nx = np.isclose(1, 1)",
    "%matplotlib inline\nq1 = 0.5",
])
def test_scan_leaves_ordinary_code_alone(code):
    assert tamper.scan_code(code) == []
