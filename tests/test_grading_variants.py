"""Graded variants (exercises 22 and 10): other illustrative numbers, their own grader.

For two seeds, ``python course.py variant LESSON --seed N OUTDIR`` must give student notebooks
that differ from each other and from the public exercise, in every declared number; each
variant's worked solution scores full marks under its own grader and not under the other
seed's; sourced figures stay; nothing is written into the repository. Every master with a
``# VARIANT`` cell is checked against its rules (a rule that no longer matches fails).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from widgets.grading import masters, variants

from conftest import EXERCISES, SOLUTIONS
from grading_cases import ROOT, read_sheet, write

pytestmark = pytest.mark.slow

LESSONS = {"22": ("22_freemium_and_subscription", "111.91"),  # Dropbox's price (S-1) stays
           "10": ("10_crowdfunding", "848,707,743.37")}       # Kickstarter's pledges stay


def _files_named(stem: str) -> set[Path]:
    """Every file of the repository whose name holds the stem (a variant must add none)."""
    return {p for p in ROOT.rglob(f"*{stem}*")
            if not {".git", ".venv", ".venv-pinned"} & set(p.relative_to(ROOT).parts)}


def _answers(master: dict) -> dict:
    namespace: dict = {}
    for code in masters.solution_code(master):
        exec(code, namespace)
    return {n: namespace[n] for n in masters.parse(master).answer_names}


def _course(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "course.py"), *args], capture_output=True,
                          text=True, timeout=900)


@pytest.fixture(scope="module", params=sorted(LESSONS))
def built(request, tmp_path_factory):
    lesson = request.param
    stem, fact = LESSONS[lesson]
    before = _files_named(stem)
    out = {}
    for seed in (1, 2):
        outdir = tmp_path_factory.mktemp(f"variant-{lesson}-{seed}")
        done = _course("variant", lesson, "--seed", str(seed), str(outdir))
        assert done.returncode == 0, done.stderr[-2000:]
        out[seed] = outdir
    assert _files_named(stem) == before, "a variant writes only to its output folder"
    return stem, fact, out


def _read(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def test_variants_differ_in_every_number_and_keep_the_facts(built):
    stem, fact, out = built
    public = _read(SOLUTIONS / f"{stem}.ipynb")
    declared = variants.spec(public)
    one, two = (_read(out[s] / "instructor" / f"{stem}.ipynb") for s in (1, 2))
    values = [m["metadata"]["bmpl_variant"]["values"] for m in (one, two)]
    for name, parameter in declared["parameters"].items():
        assert values[0][name] != values[1][name] != parameter["value"], name
        assert values[0][name] != parameter["value"], name
    answers = [_answers(m) for m in (public, one, two)]
    varied = [n for q in masters.parse(public).autograded for n in q.answers
              if any(rule["find"] in test for rule in declared["replace"] for test in q.tests)]
    assert len(varied) >= 3, "a variant should change most computed answers"
    for name in varied:  # the questions a variant changes give three different answers
        assert len({round(float(a[name]), 9) for a in answers}) == 3, f"{name}: {answers}"
    for seed in (1, 2):
        student = (out[seed] / "student" / f"{stem}.ipynb").read_text(encoding="utf-8")
        assert fact in student and "# VARIANT" not in student and "SOLUTION" not in student
        assert student != (EXERCISES / f"{stem}.ipynb").read_text(encoding="utf-8")


def test_each_variant_solution_scores_full_only_under_its_own_grader(built, tmp_path):
    stem, _, out = built
    from widgets import authoring

    folder = tmp_path / "submissions"
    for seed in (1, 2):
        solution = authoring.assign(stem, tmp_path / f"assign-{seed}",
                                    solutions=out[seed] / "instructor").solution
        write(folder, f"seed{seed}.ipynb", _read(solution))
    totals = {}
    for seed in (1, 2):
        sheet = tmp_path / f"grades-{seed}.csv"
        done = _course("grade", stem, str(folder), "--master",
                       str(out[seed] / "instructor" / f"{stem}.ipynb"), "--output", str(sheet))
        assert done.returncode == 0, done.stderr[-2000:]
        rows = read_sheet(sheet)
        totals[seed] = {k: (r["auto total"], r["auto possible"], r["status"])
                        for k, r in rows.items()}
    for seed, other in ((1, 2), (2, 1)):
        total, possible, status = totals[seed][f"seed{seed}.ipynb"]
        assert (total, status) == (possible, "ok"), totals
        assert float(totals[seed][f"seed{other}.ipynb"][0]) < float(possible), totals


DECLARED = sorted(p.stem for p in SOLUTIONS.glob("*.ipynb")
                  if masters.load(p).variant)


def test_lessons_22_and_10_declare_variants():
    assert {stem for stem, _ in LESSONS.values()} <= set(DECLARED)


@pytest.mark.parametrize("stem", DECLARED)
def test_every_declared_variant_still_matches_its_master(stem):
    master = _read(SOLUTIONS / f"{stem}.ipynb")
    for seed in (1, 2, 3):
        answers = _answers(variants.apply(master, seed))  # raises if a rule no longer matches
        assert all(v is not None for v in answers.values())
