"""Feedback that teaches: public checks catch the mistake they name, and say it in one line.

* every public check whose hint names a percentage (or thousands) rejects the right answer
  times 100 (or 1,000) — exercise 22 q1: 0.68 instead of 0.0068 — in every master and in
  graded variants;
* a student's ``grader.check`` prints one line: ``format OK — the value is graded later`` when
  the form is right (public checks never test the value), else the first failed check's hint,
  never a doctest traceback;
* every exercise notebook uses that feedback.
"""

from __future__ import annotations

import json
import re

import numpy as np
import pytest

from widgets import feedback
from widgets.grading import masters, variants

from conftest import EXERCISES, SOLUTIONS

pytestmark = pytest.mark.slow

STEMS = sorted(p.stem for p in SOLUTIONS.glob("*.ipynb"))


# A check whose message names a unit mistake must reject the right answer scaled by it:
# "not a percentage" is the answer times 100; "in $ thousand" is the answer given in dollars,
# times 1,000; "not in thousands (or millions)" is the answer given in thousands (millions).
SCALES = (
    (re.compile(r"percent"), 100),
    (re.compile(r"not (?:in )?thousands"), 1e-3),
    (re.compile(r"not (?:in )?(?:thousands or )?millions"), 1e-6),
    (re.compile(r"(?<!not )(?<!not in )\bthousand"), 1_000),
)


def _public_failures(question: masters.Question, namespace: dict) -> int:
    failures = 0
    for code in question.public:
        try:
            exec(code, dict(namespace))
        except Exception:
            failures += 1
    return failures


def assert_checks_catch_what_they_name(master: dict, label: str) -> None:
    """The solution passes every public check; each named mistake fails at least one."""
    assignment = masters.parse(master)
    namespace: dict = {}
    for code in masters.solution_code(master):
        exec(code, namespace)
    for question in assignment.autograded:
        assert _public_failures(question, namespace) == 0, f"{label} {question.name}"
        for mistake, factor in SCALES:
            if any(mistake.search(code.lower()) for code in question.public):
                scaled = {**namespace, **{n: namespace[n] * factor for n in question.answers}}
                assert _public_failures(question, scaled) > 0, \
                    f"{label} {question.name}: the answer times {factor:g} ({mistake.pattern}) passes the checks"


def _master(stem: str) -> dict:
    return json.loads((SOLUTIONS / f"{stem}.ipynb").read_text(encoding="utf-8"))


@pytest.mark.parametrize("stem", STEMS)
def test_public_checks_pass_the_solution_and_catch_the_mistakes_they_name(stem):
    assert_checks_catch_what_they_name(_master(stem), stem)


@pytest.mark.parametrize("stem", [s for s in STEMS if masters.parse(_master(s)).variant])
@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_variant_checks_catch_the_mistakes_they_name(stem, seed):
    assert_checks_catch_what_they_name(variants.apply(_master(stem), seed), f"{stem} seed {seed}")


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
