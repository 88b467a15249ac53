"""Feedback that teaches: public checks catch the mistake they name, and say it in one line.

* every public check whose hint names a percentage rejects the right answer times 100 (exercise
  22 q1: 0.68 instead of 0.0068), in every master;
* a student's ``grader.check`` prints one line: ``format OK — the value is graded later`` when
  the form is right (public checks never test the value), else the first failed check's hint,
  never a doctest traceback;
* every exercise notebook uses that feedback.
"""

from __future__ import annotations

import json

import numpy as np
import pytest

from widgets import feedback
from widgets.grading import masters

from conftest import EXERCISES, SOLUTIONS

pytestmark = pytest.mark.slow

STEMS = sorted(p.stem for p in SOLUTIONS.glob("*.ipynb"))


def _solved(stem: str) -> tuple[masters.Assignment, dict]:
    nb = json.loads((SOLUTIONS / f"{stem}.ipynb").read_text(encoding="utf-8"))
    namespace: dict = {}
    for code in masters.solution_code(nb):
        exec(code, namespace)
    return masters.parse(nb), namespace


def _public_failures(question: masters.Question, namespace: dict) -> int:
    failures = 0
    for code in question.public:
        try:
            exec(code, dict(namespace))
        except Exception:
            failures += 1
    return failures


@pytest.mark.parametrize("stem", STEMS)
def test_public_checks_pass_the_solution_and_catch_a_percentage(stem):
    assignment, namespace = _solved(stem)
    for question in assignment.autograded:
        assert _public_failures(question, namespace) == 0, f"{stem} {question.name}"
        if any("percent" in code.lower() for code in question.public):
            scaled = {**namespace, **{n: namespace[n] * 100 for n in question.answers}}
            assert _public_failures(question, scaled) > 0, \
                f"{stem} {question.name}: the answer given as a percentage passes the checks"


@pytest.fixture()
def grader(monkeypatch):
    monkeypatch.chdir(EXERCISES)
    return feedback.Notebook("22_freemium_and_subscription.ipynb")


@pytest.mark.parametrize("answer, says", [
    (0.0068, "q1: format OK — the value is graded later"),
    (0.68, "q1: not yet — this looks like a percentage"),
    ("0.0068", "q1: not yet — q1 must be a number"),
    (..., "q1: not yet — q1 must be a number"),
])
def test_check_prints_one_line(grader, answer, says):
    shown = repr(grader.check("q1", {"q1": answer, "np": np}))
    assert says in shown
    assert "\n" not in shown and "Traceback" not in shown


def test_hint_of_an_exception_that_is_not_an_assert():
    message = ("Exception raised:\n    Traceback (most recent call last):\n"
               "      File \"<doctest>\", line 1\n    TypeError: '<' not supported between "
               "instances of 'str' and 'int'\n")
    assert feedback.hint(message) == \
        "TypeError: '<' not supported between instances of 'str' and 'int'"


@pytest.mark.parametrize("stem", STEMS)
def test_exercise_notebooks_use_one_line_feedback(stem):
    first = json.loads((EXERCISES / f"{stem}.ipynb").read_text(encoding="utf-8"))["cells"][0]
    assert "grader = feedback.Notebook(" in "".join(first["source"]), \
        f"exercises/{stem}.ipynb is stale: run python -m widgets.authoring build"
