"""Exercise pipeline: every master in solutions/ builds its student notebook and grades right.

Runs over every ``solutions/<stem>.ipynb`` (new masters are picked up by themselves):

* build — a fresh ``otter assign`` (``widgets.authoring.assign``) gives byte-for-byte the
  committed ``exercises/<stem>.ipynb``, twice in a row; the student copy parses, leaks no
  solution or hidden test, and keeps a public test for every auto-graded question;
* grading — with the course's own grader (``widgets.grading``, what ``course.py grade`` runs):
  the student notebook answered with the worked solution gets full marks, the blank student
  notebook zero, and one with a single wrong answer exactly that question's points less; and,
  for one master, Otter's own grader with the autograder zip (the Gradescope route).

The wrong submission is generated: find the first auto-graded question whose answer cell in the
student copy assigns ``name = ...``, and insert after its check a cell that replaces each of those
names by a wrong value of the same kind (a number ``v`` becomes ``v + |v| + 1``, a string gets a
"?" appended, a boolean is negated, anything else becomes ``None``).

These tests execute every exercise and solution notebook once (nbval runs lessons/ only), so
they are marked ``slow``: the inner loop (``-m "not slow"``) checks the masters' format only.
Each master is built once per test module and graded once (module-scoped caches).
"""

from __future__ import annotations

import ast
import json
import re
import zipfile
from pathlib import Path
from typing import Any, Callable

import pytest
import yaml

from widgets import authoring

from conftest import EXERCISES, SOLUTIONS

STEMS = authoring.stems(SOLUTIONS)
CHECK_CELL = re.compile(r"""^\s*grader\.check\(\s*["'](?P<name>[^"']+)["']\s*\)\s*$""")
# The ASSIGNMENT CONFIG keys every master must set as docs/exercises.md says (``name`` = stem).
REQUIRED_CONFIG = {"init_cell": True, "export_cell": False, "generate": True,
                   "tests": {"files": False, "ok_format": True}}
WRONG_VALUE = '''
def _pipeline_wrong(value):
    """A wrong answer of the same kind as ``value`` (from tests/test_exercise_pipeline.py)."""
    import numbers
    if isinstance(value, bool):
        return not value
    if isinstance(value, numbers.Number):
        return value + abs(value) + 1
    if isinstance(value, str):
        return value + "?"
    return None
'''

pytestmark = [
    pytest.mark.skipif(not STEMS, reason="no exercise masters in solutions/"),
    pytest.mark.filterwarnings("ignore:The inplace keyword"),  # raised inside otter's grader
]


def _source(cell: dict[str, Any]) -> str:
    return "".join(cell["source"])


def _read(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def _config(stem: str) -> dict[str, Any]:
    """The master's ASSIGNMENT CONFIG, parsed."""
    first = _read(SOLUTIONS / f"{stem}.ipynb")["cells"][0]
    is_config = _source(first).lstrip().startswith("# ASSIGNMENT CONFIG")
    assert first["cell_type"] == "raw" and is_config, \
        f"solutions/{stem}.ipynb: the first cell must be the raw ASSIGNMENT CONFIG cell"
    return yaml.safe_load(_source(first).split("# ASSIGNMENT CONFIG", 1)[1]) or {}


def _questions(stem: str) -> dict[str, dict[str, Any]]:
    """Question name -> its BEGIN QUESTION config, read from the master's raw cells."""
    out = {}
    for cell in _read(SOLUTIONS / f"{stem}.ipynb")["cells"]:
        text = _source(cell).strip()
        if cell["cell_type"] == "raw" and text.startswith("# BEGIN QUESTION"):
            config = yaml.safe_load(text.split("# BEGIN QUESTION", 1)[1]) or {}
            out[config["name"]] = config
    return out


def _autograded(stem: str) -> set[str]:
    return {name for name, config in _questions(stem).items() if not config.get("manual")}


def _zip_tests(zip_path: Path) -> dict[str, dict[str, Any]]:
    """The OK-format test dicts inside an autograder zip, by question name."""
    out = {}
    with zipfile.ZipFile(zip_path) as archive:
        for name in archive.namelist():
            if name.startswith("tests/") and name.endswith(".py"):
                namespace: dict[str, Any] = {}
                exec(archive.read(name).decode("utf-8"), namespace)
                out[namespace["test"]["name"]] = namespace["test"]
    return out


def _answer_names(student: dict[str, Any]) -> dict[str, list[str]]:
    """Question name -> the variables its answer cells set to ``...`` in the student notebook."""
    out: dict[str, list[str]] = {}
    pending: list[str] = []
    for cell in student["cells"]:
        if cell["cell_type"] != "code":
            continue
        check = CHECK_CELL.match(_source(cell))
        if check:
            out[check["name"]], pending = pending, []
        elif "otter_answer_cell" in cell["metadata"].get("tags", []):
            for node in ast.parse(_source(cell)).body:
                if (isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
                        and node.value.value is Ellipsis):
                    pending += [t.id for t in node.targets if isinstance(t, ast.Name)]
    return out


@pytest.fixture(scope="module")
def build(tmp_path_factory) -> Callable[[str], authoring.Build]:
    """One ``otter assign`` run per master for the whole module."""
    cache: dict[str, authoring.Build] = {}

    def get(stem: str) -> authoring.Build:
        if stem not in cache:
            cache[stem] = authoring.assign(stem, tmp_path_factory.mktemp(f"assign-{stem}"))
        return cache[stem]
    return get


@pytest.fixture(scope="module")
def graded(build, tmp_path_factory) -> Callable[[str], tuple[dict[str, dict[str, str]], str]]:
    """Per master, one run of the course grader over three submissions built from the student copy.

    ``solution`` has every answer cell from the worked solution, ``blank`` is the student notebook
    as handed out, ``wrong`` is the solution with one auto-graded answer made wrong. Each is
    executed once (this is where exercise and solution notebooks run in the suite; nbval runs
    lessons/ only).
    """
    from widgets.grading import folder as grading_folder
    from grading_cases import Submissions, read_sheet, write

    cache: dict[str, tuple[dict[str, dict[str, str]], str]] = {}

    def get(stem: str):
        if stem not in cache:
            work = tmp_path_factory.mktemp(f"graded-{stem}")
            subs = Submissions(stem, work, build(stem))
            student = subs.student
            names = _answer_names(student)
            question = next(q for q in subs.questions if q in _autograded(stem) and names.get(q))
            wrong = WRONG_VALUE + "".join(f"{v} = _pipeline_wrong({v})\n" for v in names[question])
            answers = {q: "solution" for q in subs.questions}
            for name, nb in (("solution.ipynb", subs.fill(answers)), ("blank.ipynb", student),
                             ("wrong.ipynb", subs.fill(answers, before={_next_check(student, question): wrong}))):
                write(work / "submissions", name, nb)
            sheet = grading_folder.grade(SOLUTIONS / f"{stem}.ipynb", work / "submissions",
                                         quiet=True, jobs=2)
            cache[stem] = read_sheet(sheet), question
        return cache[stem]
    return get


def _next_check(student: dict[str, Any], question: str) -> str:
    """The question whose answer cell comes right after ``question``'s check (or ``question`` itself).

    The wrong values are inserted before the *next* answer cell, so they overwrite the right
    answer of ``question`` after its own cell ran and before anything else reads it.
    """
    order = [m["name"] for c in student["cells"] if c["cell_type"] == "code"
             and (m := CHECK_CELL.match(_source(c)))]
    after = order[order.index(question) + 1:]
    return after[0] if after else question


# ---- the master follows the course format -------------------------------------------------------

@pytest.mark.parametrize("stem", STEMS)
def test_master_config_is_the_course_standard(stem):
    config = _config(stem)
    assert config.get("name") == stem, \
        f"solutions/{stem}.ipynb: set `name: {stem}` in the ASSIGNMENT CONFIG"
    for key, value in REQUIRED_CONFIG.items():
        got = config.get(key)
        if isinstance(value, dict):
            got = {k: (got or {}).get(k) for k in value}
        assert got == value, \
            f"solutions/{stem}.ipynb: ASSIGNMENT CONFIG `{key}` must be {value}, not {got}"


@pytest.mark.parametrize("stem", STEMS)
def test_master_mixes_autograded_and_written_questions(stem):
    questions = _questions(stem)
    assert len(_autograded(stem)) >= 2, "at least two auto-graded questions (for partial marks)"
    assert any(c.get("manual") for c in questions.values()), "at least one written question"


# ---- (a) the committed student notebook is a fresh, deterministic build -------------------------

@pytest.mark.slow
@pytest.mark.parametrize("stem", STEMS)
def test_committed_exercise_equals_fresh_build(stem, build):
    committed = EXERCISES / f"{stem}.ipynb"
    assert committed.is_file(), \
        f"missing exercises/{stem}.ipynb: run python -m widgets.authoring build"
    assert committed.read_text(encoding="utf-8") == build(stem).student, (
        f"exercises/{stem}.ipynb is stale: run python -m widgets.authoring build")


@pytest.mark.slow
@pytest.mark.parametrize("stem", STEMS)
def test_build_is_deterministic(stem, build, tmp_path):
    assert authoring.assign(stem, tmp_path).student == build(stem).student


@pytest.mark.slow
@pytest.mark.parametrize("stem", STEMS)
def test_student_notebook_is_clean_and_runnable(stem, build):
    student = json.loads(build(stem).student)
    for cell in student["cells"]:
        text = _source(cell)
        assert "SOLUTION" not in text and "# HIDDEN" not in text, \
            f"solution text leaked: {text[:80]!r}"
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None
            ast.parse(text)  # a `# SOLUTION` marker on a `def` line would leave broken code
    public = student["metadata"]["otter"]["tests"]
    for question in _autograded(stem):
        cases = [c for suite in public[question]["suites"] for c in suite["cases"]]
        assert cases and not any(c["hidden"] for c in cases), \
            f"{question}: the notebook needs at least one public test and no hidden one"


@pytest.mark.slow
@pytest.mark.parametrize("stem", STEMS)
def test_autograder_holds_hidden_tests_and_the_course_package(stem, build):
    tests = _zip_tests(build(stem).autograder)
    assert set(tests) == _autograded(stem)
    for name, test in tests.items():
        cases = [c for suite in test["suites"] for c in suite["cases"]]
        assert any(c["hidden"] for c in cases), f"{name}: add at least one `# HIDDEN` test"
    with zipfile.ZipFile(build(stem).autograder) as archive:
        files = set(archive.namelist())
    assert {"files/widgets/__init__.py", "files/datasets/datapackage.json"} <= files


@pytest.mark.slow
def test_check_command_fails_on_a_stale_copy(build, tmp_path, monkeypatch):
    stem = STEMS[0]
    monkeypatch.setattr(authoring, "EXERCISES", tmp_path)
    (tmp_path / f"{stem}.ipynb").write_text(build(stem).student, encoding="utf-8")
    assert authoring.main(["check", stem]) == 0
    (tmp_path / f"{stem}.ipynb").write_text("{}\n", encoding="utf-8")
    assert authoring.main(["check", stem]) == 1


# ---- (b) grading: solution full, blank zero, one wrong answer partial ---------------------------

def _score(row: dict[str, str], question: str) -> float:
    column = next(k for k in row if k.startswith(f"{question} ("))
    return float(row[column] or 0)


@pytest.mark.slow
@pytest.mark.parametrize("stem", STEMS)
def test_solution_gets_full_marks(stem, graded):
    row = graded(stem)[0]["solution.ipynb"]
    assert row["status"] == "ok", row
    assert float(row["auto possible"]) > 0
    assert float(row["auto total"]) == float(row["auto possible"]), row


@pytest.mark.slow
@pytest.mark.parametrize("stem", STEMS)
def test_blank_student_notebook_runs_and_gets_zero(stem, graded):
    row = graded(stem)[0]["blank.ipynb"]
    assert row["status"] == "ok", row
    assert float(row["auto total"]) == 0, row


@pytest.mark.slow
@pytest.mark.parametrize("stem", STEMS)
def test_one_wrong_answer_gets_partial_marks(stem, graded):
    rows, question = graded(stem)
    row = rows["wrong.ipynb"]
    assert row["status"] == "ok", row
    assert 0 < float(row["auto total"]) < float(row["auto possible"]), row
    assert _score(row, question) == 0, f"{question} was answered wrongly: {row}"
    full = rows["solution.ipynb"]
    for other in _autograded(stem) - {question}:
        assert _score(row, other) == _score(full, other), f"{other} should still be right"


@pytest.mark.slow
def test_otter_autograder_zip_gives_the_solution_full_marks(build, tmp_path):
    """The Gradescope / `otter run` route: Otter's own grader with the built zip (one master)."""
    from otter.api import grade_submission

    stem = "22_freemium_and_subscription" if "22_freemium_and_subscription" in STEMS else STEMS[0]
    path = tmp_path / f"{stem}.ipynb"
    path.write_text(build(stem).solution.read_text(encoding="utf-8"), encoding="utf-8")
    results = grade_submission(str(path), str(build(stem).autograder), quiet=True)
    assert set(results.test_files) == _autograded(stem)
    assert results.possible > 0 and results.total == results.possible, results.summary()
