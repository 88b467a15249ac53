"""Grading time: a class folder of 30 submissions, one hanging and one not a notebook.

After — the course's command (widgets.grading, what ``python course.py grade`` runs) on exercise
22: 10 right, 10 partly right and 8 blank submissions, one ``while True: pass`` and one file
that is not JSON, with a 60 s limit per submission and one kernel per core. Reports the folder's
wall time, the time per submission, and a single right submission graded alone.
Before — Otter-Grader's local grading (``otter.api.grade_submission``, what the course used per
submission before): one right submission, and the same folder run as it was (one submission
after another, no time limit), stopped after ``BEFORE_CAP_S``.
Budget: the folder finishes within the time limit plus the work of the others, with a complete
grades.csv.
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT, Row, print_rows

sys.path.insert(0, str(ROOT / "tests"))
STEM = "22_freemium_and_subscription"
LIMIT_S = 60.0
BEFORE_CAP_S = 600.0


def _folder(tmp: Path) -> Path:
    from grading_cases import Submissions, write  # the grading tests' submission builder

    subs = Submissions(STEM, tmp / "assign")
    folder = tmp / "submissions"
    for i in range(10):
        write(folder, f"right_{i:02d}.ipynb", subs.all_right())
        write(folder, f"partly_{i:02d}.ipynb",
              subs.fill({"q1": "solution", "q2": "solution", "q3": "q3 = 30"}))
    for i in range(8):
        write(folder, f"blank_{i:02d}.ipynb", subs.student)
    write(folder, "hanging.ipynb", subs.all_right(before={"q3": "while True:\n    pass"}))
    write(folder, "invalid.ipynb", "this is not a notebook\n")
    return folder


def _after(folder: Path, jobs: int | None = None) -> tuple[float, list[dict[str, str]]]:
    from widgets.grading import folder as grading

    started = time.perf_counter()
    sheet = grading.grade(ROOT / "solutions" / f"{STEM}.ipynb", folder, timeout=LIMIT_S,
                          jobs=jobs, quiet=True)
    elapsed = time.perf_counter() - started
    with sheet.open(newline="", encoding="utf-8") as f:
        return elapsed, list(csv.DictReader(f))


def _before_one(path: Path, tmp: Path) -> float:
    from widgets import authoring

    zip_path = authoring.autograder(STEM, tmp / "zip")
    code = ("import sys, time, warnings; warnings.simplefilter('ignore');"
            "from otter.api import grade_submission; t = time.perf_counter();"
            f"grade_submission({str(path)!r}, {str(zip_path)!r}, quiet=True);"
            "print(time.perf_counter() - t)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=BEFORE_CAP_S, cwd=tmp)
    return float(done.stdout.strip().splitlines()[-1])


def _before_folder(folder: Path, tmp: Path) -> tuple[float, str]:
    """The course's old folder grading: Otter per submission, in name order, no time limit."""
    from widgets import authoring

    zip_path = authoring.autograder(STEM, tmp / "zip-folder")
    code = ("import sys, warnings, pathlib; warnings.simplefilter('ignore');"
            "from otter.api import grade_submission\n"
            f"for p in sorted(pathlib.Path({str(folder)!r}).glob('*.ipynb')):\n"
            "    print(p.name, flush=True)\n"
            f"    grade_submission(str(p), {str(zip_path)!r}, quiet=True)\n")
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, cwd=tmp,
                               start_new_session=True)
    try:
        out, err = process.communicate(timeout=BEFORE_CAP_S)
        last = (err.strip().splitlines() or ["?"])[-1]
        return time.perf_counter() - started, f"stopped: {last[:90]}"
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, 9)
        out, _ = process.communicate()
        graded = out.split()
        return time.perf_counter() - started, (f"still running at the cap, on {graded[-1]} "
                                               f"({len(graded) - 1} graded, no sheet written)")


def run() -> list[Row]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="bmpl-bench-") as tmp_name:
        tmp = Path(tmp_name)
        folder = _folder(tmp)
        n = len(list(folder.glob("*.ipynb")))
        one = tmp / "one"
        one.mkdir()
        (one / "right.ipynb").write_bytes((folder / "right_00.ipynb").read_bytes())
        single, _ = _after(one, jobs=1)
        rows.append(Row("grading", "after: one right submission, alone (incl. clean check)",
                        single, "s"))
        elapsed, sheet = _after(folder)
        statuses = {r["status"] for r in sheet}
        complete = len(sheet) == n and {"timed out", "not a notebook"} <= statuses
        rows.append(Row("grading", f"after: folder of {n} (1 hanging, 1 invalid), "
                        f"{os.cpu_count()} cores", elapsed, "s",
                        f"limit {LIMIT_S:g} s + others' work", complete,
                        f"{len(sheet)} rows; statuses {sorted(statuses)}"))
        rows.append(Row("grading", "after: folder time per submission", elapsed / n, "s"))
        rows.append(Row("grading", "before: Otter grade_submission, one right submission",
                        _before_one(folder / "right_00.ipynb", tmp), "s"))
        took, what = _before_folder(folder, tmp)
        rows.append(Row("grading", f"before: the same folder, Otter one by one (cap "
                        f"{BEFORE_CAP_S:g} s)", took, "s", "", False, what))
    return rows


if __name__ == "__main__":
    print_rows(run())
