"""Exercise pipeline: every master in solutions/ builds its student notebook and grades right.

Runs over every ``solutions/<stem>.ipynb`` (new masters are picked up by themselves):

* build — a fresh ``otter assign`` (``widgets.authoring.assign``) gives byte-for-byte the
  committed ``exercises/<stem>.ipynb``, twice in a row; the student copy parses, leaks no
  solution or hidden test, and keeps a public test for every auto-graded question;
* grading — with Otter's local grader (``otter.api.grade_submission``, no Docker) and the
  autograder zip of that same build: the solution notebook gets full marks, the blank student
  notebook zero, and a deliberately wrong submission strictly in between.

The wrong submission is generated: take the solution notebook Otter grades against, find the
first auto-graded question whose answer cell in the student copy assigns ``name = ...``, and
insert just before that question's ``grader.check("qN")`` cell a cell that replaces each of those
names by a wrong value of the same kind (a number ``v`` becomes ``v + |v| + 1``, a string gets a
"?" appended, a boolean is negated, anything else becomes ``None``). Every other answer stays
right, so the score must be positive but short of full marks.

Each master is built once per test module and each submission graded once (module-scoped caches).
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


def make_wrong_submission(solution: dict[str, Any], student: dict[str, Any],
                          autograded: set[str]) -> tuple[dict[str, Any], str]:
    """The solution notebook with exactly one auto-graded question answered wrongly."""
    names = _answer_names(student)
    question = next((q for q, variables in names.items() if q in autograded and variables), None)
    assert question, "no auto-graded question with a `name = ...` answer cell to make wrong"
    wrong = json.loads(json.dumps(solution))
    index = next(i for i, cell in enumerate(wrong["cells"]) if cell["cell_type"] == "code"
                 and (m := CHECK_CELL.match(_source(cell))) and m["name"] == question)
    code = WRONG_VALUE + "".join(f"{v} = _pipeline_wrong({v})\n" for v in names[question])
    wrong["cells"].insert(index, {"cell_type": "code", "execution_count": None,
                                  "id": "pipeline-wrong", "metadata": {}, "outputs": [],
                                  "source": code})
    return wrong, question


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
def grade(build, tmp_path_factory) -> Callable[[str, dict[str, Any]], Any]:
    """Grade a notebook (as a dict) for ``stem`` with Otter's local grader and the built zip."""
    from otter.api import grade_submission

    def run(stem: str, notebook: dict[str, Any]):
        folder = tmp_path_factory.mktemp(f"submission-{stem}")
        path = folder / f"{stem}.ipynb"
        path.write_text(json.dumps(notebook), encoding="utf-8")
        return grade_submission(str(path), str(build(stem).autograder), quiet=True)
    return run


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

@pytest.mark.parametrize("stem", STEMS)
def test_committed_exercise_equals_fresh_build(stem, build):
    committed = EXERCISES / f"{stem}.ipynb"
    assert committed.is_file(), \
        f"missing exercises/{stem}.ipynb: run python -m widgets.authoring build"
    assert committed.read_text(encoding="utf-8") == build(stem).student, (
        f"exercises/{stem}.ipynb is stale: run python -m widgets.authoring build")


@pytest.mark.parametrize("stem", STEMS)
def test_build_is_deterministic(stem, build, tmp_path):
    assert authoring.assign(stem, tmp_path).student == build(stem).student


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


def test_check_command_fails_on_a_stale_copy(build, tmp_path, monkeypatch):
    stem = STEMS[0]
    monkeypatch.setattr(authoring, "EXERCISES", tmp_path)
    (tmp_path / f"{stem}.ipynb").write_text(build(stem).student, encoding="utf-8")
    assert authoring.main(["check", stem]) == 0
    (tmp_path / f"{stem}.ipynb").write_text("{}\n", encoding="utf-8")
    assert authoring.main(["check", stem]) == 1


# ---- (b) grading: solution full, blank zero, one wrong answer partial ---------------------------

@pytest.mark.parametrize("stem", STEMS)
def test_solution_gets_full_marks(stem, build, grade):
    results = grade(stem, _read(build(stem).solution))
    assert set(results.test_files) == _autograded(stem)
    assert results.possible > 0
    assert results.total == results.possible, results.summary()


@pytest.mark.parametrize("stem", STEMS)
def test_blank_student_notebook_gets_zero(stem, build, grade):
    results = grade(stem, json.loads(build(stem).student))
    assert results.possible > 0
    assert results.total == 0, results.summary()


@pytest.mark.parametrize("stem", STEMS)
def test_one_wrong_answer_gets_partial_marks(stem, build, grade):
    wrong, question = make_wrong_submission(_read(build(stem).solution),
                                            json.loads(build(stem).student), _autograded(stem))
    results = grade(stem, wrong)
    assert 0 < results.total < results.possible, results.summary()
    possible = {name: results.get_result(name).possible for name in results.test_files}
    assert results.get_score(question) < possible[question]
    for name in set(results.test_files) - {question}:
        assert results.get_score(name) == possible[name], f"{name} should still be right"
