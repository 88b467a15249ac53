"""The course grader against honest, broken and hostile submissions (exercise 22 and 01).

Every submission in one folder is graded by the one command (``python course.py grade``); each
attack's answers are wrong except the ones named, so its expected score is exactly what those
real answers earn, and its row must say ``tampering suspected``. The attacks are the ones that
scored full marks under Otter's in-kernel grading: numpy's comparison replaced and ``==``
always true, Otter's doctest runner patched, test files rewritten, a dataset the hidden tests
read edited, a file written outside the grading folder.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
import time
from pathlib import Path

import pytest

from grading_cases import ROOT, Submissions, read_sheet, write

pytestmark = pytest.mark.slow

STEM = "22_freemium_and_subscription"
WRONG = {"q1": "q1 = 0.5", "q2": "q2 = 1.0", "q3": "q3 = 30", "q4": "q4 = 1.0", "q5": 'q5 = "A"'}
POINTS = {"q1": 2, "q2": 2, "q3": 2, "q4": 2, "q5": 1}
TIMEOUT = 90


def wrong_except(subs: Submissions, *right: str) -> dict[str, str]:
    return {q: "solution" if q in right else WRONG[q] for q in subs.questions}


def expected(*right: str) -> str:
    return f"{sum(POINTS[q] for q in right):g}"


NUMPY_AND_EQ = '''
import numpy as np
np.isclose = lambda *args, **kwargs: True
np.allclose = lambda *args, **kwargs: True

class Always(int):
    def __eq__(self, other):
        return True
    __hash__ = int.__hash__

class AlwaysStr(str):
    def __eq__(self, other):
        return True
    __hash__ = str.__hash__
'''

OTTER_PATCH = '''
try:
    import otter.test_files.ok_test as ok_test
    ok_test.run_doctest = lambda *args, **kwargs: (True, "")
except Exception:
    pass
grader.check = lambda *args, **kwargs: None
'''

REWRITE_TESTS = '''
import os
for folder in ("tests", "../tests"):
    try:
        os.makedirs(folder, exist_ok=True)
        for q in ("q1", "q2", "q3", "q4", "q5"):
            with open(os.path.join(folder, q + ".py"), "w") as f:
                f.write("test = {'name': '%s', 'points': 99, 'suites': []}" % q)
    except OSError:
        pass
'''

ESCAPE = '''
writer = getattr(__import__("built" + "ins"), "op" + "en")
with writer({target!r}, "w") as f:
    f.write("outside")
'''


@pytest.fixture(scope="module")
def subs(tmp_path_factory) -> Submissions:
    return Submissions(STEM, tmp_path_factory.mktemp("assign"))


@pytest.fixture(scope="module")
def escaped(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("outside") / "escaped.txt"


@pytest.fixture(scope="module")
def graded(subs, escaped, tmp_path_factory) -> dict[str, dict[str, str]]:
    """Grade one folder holding every case with the README's command."""
    folder = tmp_path_factory.mktemp("submissions")
    solution = subs.all_right()
    solution["metadata"]["student"] = {"name": "Ada Lovelace", "id": "s1815"}
    write(folder, "solution.ipynb", solution)
    write(folder, "blank.ipynb", subs.student)
    write(folder, "partial.ipynb", subs.fill(wrong_except(subs, "q1", "q2", "q4")))
    percent = "q1 = 100 * 0.05 / (111.91 / 12 - 2.00 + 0.05)"
    write(folder, "percent.ipynb",
          subs.fill({**wrong_except(subs, "q2", "q3", "q4", "q5"), "q1": percent}))
    write(folder, "attack_numpy.ipynb", subs.fill(
        {**wrong_except(subs, "q4"), "q3": "q3 = Always(30)", "q5": 'q5 = AlwaysStr("A")'},
        before={"q1": NUMPY_AND_EQ}))
    write(folder, "attack_otter.ipynb", subs.fill(wrong_except(subs, "q1"),
                                                  before={"q1": OTTER_PATCH}))
    write(folder, "attack_tests.ipynb", subs.fill(wrong_except(subs, "q2"),
                                                  before={"q1": REWRITE_TESTS}))
    write(folder, "attack_escape.ipynb", subs.fill(
        wrong_except(subs, "q5"), before={"q2": ESCAPE.format(target=str(escaped))}))
    write(folder, "import_error.ipynb", subs.all_right(
        before={"q1": "import a_module_that_does_not_exist"}))
    write(folder, "system_exit.ipynb", subs.all_right(before={"q2": 'raise SystemExit("bye")'}))
    write(folder, "kernel_exit.ipynb", subs.all_right(before={"q3": "import os\nos._exit(3)"}))
    write(folder, "deleted_cells.ipynb", subs.all_right(drop=("q3",)))
    no_meta = subs.all_right()
    del no_meta["metadata"]["otter"]
    write(folder, "no_metadata.ipynb", no_meta)
    renamed = subs.all_right()
    renamed["metadata"]["otter"]["assignment_name"] = "10_crowdfunding"
    write(folder, "renamed.ipynb", renamed)
    write(folder, "not_json.ipynb", "this is not a notebook\n")
    write(folder, "empty.ipynb", "")
    done = subprocess.run([sys.executable, str(ROOT / "course.py"), "grade", STEM, str(folder),
                           "--timeout", str(TIMEOUT)], capture_output=True, text=True,
                          timeout=1800)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "] 16/16 " in done.stderr, "the progress bar counts every file"
    assert (folder / "grades.csv").is_file()
    return read_sheet(folder / "grades.csv")


def test_sheet_has_a_row_per_file_and_point_values_in_the_header(graded):
    assert len(graded) == 16
    header = list(next(iter(graded.values())))
    assert header[:3] == ["submission", "student", "status"]
    assert "q1 (2)" in header and "q6 (3, by hand)" in header
    row = graded["solution.ipynb"]
    assert (row["auto possible"], row["by hand possible"], row["possible total"]) == \
        ("9", "3", "12")


def test_solution_full_marks_with_identity(graded):
    row = graded["solution.ipynb"]
    assert (row["status"], row["auto total"]) == ("ok", "9"), row
    assert row["student"] == "Ada Lovelace s1815"
    assert row["q6 (3, by hand)"] == ""


def test_blank_scores_zero(graded):
    row = graded["blank.ipynb"]
    assert (row["status"], row["auto total"]) == ("ok", "0"), row
    assert "no answer for q1, q2, q3, q4, q5" in row["reason"]


def test_partly_right_scores_exactly_its_right_answers(graded):
    row = graded["partial.ipynb"]
    assert row["auto total"] == expected("q1", "q2", "q4"), row
    assert [row[f"q{i} ({POINTS[f'q{i}']})"] for i in range(1, 6)] == ["2", "2", "0", "2", "0"]


def test_percent_instead_of_fraction_is_caught_with_its_hint(graded):
    row = graded["percent.ipynb"]
    assert row["q1 (2)"] == "0" and row["auto total"] == expected("q2", "q3", "q4", "q5")
    assert "percentage" in row["reason"], row["reason"]


@pytest.mark.parametrize("name, right, flag", [
    ("attack_numpy.ipynb", ("q4",), "replaces numpy.isclose"),
    ("attack_otter.ipynb", ("q1",), "otter.test_files"),
    ("attack_tests.ipynb", ("q2",), "tests"),
    ("attack_escape.ipynb", ("q5",), "writes outside its folder"),
])
def test_attack_earns_only_its_real_answers_and_is_flagged(graded, name, right, flag):
    row = graded[name]
    assert row["auto total"] == expected(*right), row
    assert row["status"] == "tampering suspected", row
    assert flag in row["reason"], row["reason"]


def test_always_equal_answers_are_not_plain_data(graded):
    row = graded["attack_numpy.ipynb"]
    assert "subclass of int that redefines __eq__" in row["reason"], row["reason"]
    assert row["q3 (2)"] == "0" and row["q5 (1)"] == "0"


def test_escape_is_flagged_even_though_the_write_happened(graded, escaped):
    # without containers the write itself cannot be stopped (docs/grading.md says so)
    assert escaped.read_text() == "outside"


@pytest.mark.parametrize("name", ["import_error.ipynb", "system_exit.ipynb"])
def test_errors_before_right_answers_still_get_credit(graded, name):
    row = graded[name]
    assert (row["status"], row["auto total"]) == ("ok", "9"), row
    assert "cell" in row["reason"]


def test_a_kernel_that_exits_keeps_credit_for_what_ran(graded):
    row = graded["kernel_exit.ipynb"]
    assert row["status"] == "error" and "kernel died" in row["reason"], row
    assert row["auto total"] == expected("q1", "q2"), row


def test_deleted_cells_and_metadata_give_a_clear_status(graded):
    row = graded["deleted_cells.ipynb"]
    assert row["status"] == "changed notebook" and "q3" in row["reason"], row
    assert row["auto total"] == expected("q1", "q2", "q4", "q5")
    row = graded["no_metadata.ipynb"]
    assert row["status"] == "changed notebook" and "metadata" in row["reason"], row
    assert row["auto total"] == "9"


def test_renamed_assignment_is_not_graded_as_this_one(graded):
    row = graded["renamed.ipynb"]
    assert row["status"] == "wrong assignment" and "10_crowdfunding" in row["reason"], row
    assert row["auto total"] == ""


@pytest.mark.parametrize("name, why", [("not_json.ipynb", "JSON"), ("empty.ipynb", "empty")])
def test_broken_files_are_rows(graded, name, why):
    row = graded[name]
    assert row["status"] == "not a notebook" and why in row["reason"], row


def _digest(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            h.update(str(path.relative_to(folder)).encode() + path.read_bytes())
    return h.hexdigest()


DATASET_ATTACK = '''
from widgets import data
with open(data.DATASETS / "spotify.csv", "a") as f:
    f.write("2024,made,up\\n")
q1 = 0.5
'''


def test_edited_dataset_cannot_change_the_hidden_tests(tmp_path):
    subs = Submissions("01_what_is_a_business_model", tmp_path / "assign")
    folder = tmp_path / "submissions"
    write(folder, "solution.ipynb", subs.all_right())
    write(folder, "attack_dataset.ipynb", subs.all_right(before={"q2": DATASET_ATTACK}))
    before = _digest(ROOT / "datasets")
    done = subprocess.run([sys.executable, str(ROOT / "course.py"), "grade", "01", str(folder)],
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-2000:]
    rows = read_sheet(folder / "grades.csv")
    assert (rows["solution.ipynb"]["auto total"], rows["solution.ipynb"]["status"]) == \
        ("10", "ok"), rows["solution.ipynb"]
    attack = rows["attack_dataset.ipynb"]
    assert attack["status"] == "tampering suspected" and "spotify.csv" in attack["reason"]
    assert attack["q1 (2)"] == "0" and attack["auto total"] == "8", attack
    assert _digest(ROOT / "datasets") == before, "the course's own datasets must be untouched"


def test_infinite_loop_is_a_timed_out_row_within_the_limit(subs, tmp_path):
    folder = tmp_path / "submissions"
    write(folder, "loop.ipynb", subs.fill({"q1": "solution", "q2": "solution"},
                                          before={"q3": "while True:\n    pass"}))
    write(folder, "solution.ipynb", subs.all_right())
    limit = 25
    started = time.monotonic()
    done = subprocess.run([sys.executable, str(ROOT / "course.py"), "grade", STEM, str(folder),
                           "--timeout", str(limit), "--jobs", "2"],
                          capture_output=True, text=True, timeout=600)
    elapsed = time.monotonic() - started
    assert done.returncode == 0, done.stderr[-2000:]
    rows = read_sheet(folder / "grades.csv")
    assert rows["loop.ipynb"]["status"] == "timed out", rows["loop.ipynb"]
    assert rows["loop.ipynb"]["auto total"] == expected("q1", "q2")
    assert rows["solution.ipynb"]["auto total"] == "9"
    assert elapsed < limit + 30, f"took {elapsed:.0f} s with a {limit} s limit"
