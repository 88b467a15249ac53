"""Quick checks (widgets/quick_checks): answers from the models, feedback for every wrong choice and
for the classic slips, and every declared check shown in exactly one lesson cell (and vice versa)."""

from __future__ import annotations

import math
from collections import Counter
from pathlib import Path

import pytest

from widgets import quick_checks as qc

ROOT = Path(__file__).resolve().parents[1]
LESSONS = sorted((ROOT / "lessons").glob("*.ipynb"))
DECLARED = [(lesson, c) for lesson, checks in qc.all_checks().items() for c in checks.checks]
IDS = [c.id for _, c in DECLARED]


def _judge(spec: dict, typed: float) -> str:
    """What the page says for a typed number (the same rule as quick_check.js)."""
    x, tol = spec["answer"], spec["tolerance"]
    if abs(typed - x) <= tol + 1e-9:
        return "right"
    for m in spec["mistakes"]:
        mtol = tol * abs(m["value"] / x) if x else tol
        if abs(typed - m["value"]) <= max(mtol, 1e-9):
            return m["feedback"]
    return "wrong"


def test_ids_are_unique_and_name_their_lesson():
    assert len(IDS) == len(set(IDS)), [i for i, n in Counter(IDS).items() if n > 1]
    for lesson, check in DECLARED:
        assert check.id.split("-")[0] == lesson[:2], f"{check.id} is declared for {lesson}"


@pytest.mark.parametrize("lesson,check", DECLARED, ids=IDS)
def test_a_check_is_complete(lesson, check):
    spec = check.spec()
    assert spec["question"].strip() and spec["hint"].strip() and spec["worked"].strip()
    assert "{" not in spec["worked"], f"{check.id}: a blank is left in the worked answer"
    if isinstance(check, qc.Choice):
        assert sum(o.right for o in check.options) == 1, f"{check.id}: exactly one option must be right"
        assert len(check.options) >= 2
        for o in check.options:
            assert o.text.strip() and len(o.why.strip()) > 15, f"{check.id}: option '{o.text}' needs a reason"
        assert len({o.why for o in check.options}) == len(check.options), f"{check.id}: each option its own reason"
    else:
        assert isinstance(check, qc.Number)
        assert check.unit.strip(), f"{check.id}: a number needs its unit"
        assert check.tolerance > 0


NUMBERS = [(lesson, c) for lesson, c in DECLARED if isinstance(c, qc.Number)]


@pytest.mark.parametrize("lesson,check", NUMBERS, ids=[c.id for _, c in NUMBERS])
def test_a_number_is_what_the_model_gives(lesson, check):
    """The answer is the model's, computed again here; the page accepts it and the worked answer says it."""
    spec = check.spec()
    model = float(check.answer()) * (100 if check.percent else 1)
    assert math.isfinite(model) and spec["answer"] == pytest.approx(model)
    assert _judge(spec, model) == "right"
    assert _judge(spec, model + 3 * check.tolerance + abs(model) * 0.2) != "right"
    assert spec["shown"] in spec["worked"], f"{check.id}: the worked answer does not state {spec['shown']}"


@pytest.mark.parametrize("lesson,check", NUMBERS, ids=[c.id for _, c in NUMBERS])
def test_classic_slips_get_their_own_feedback(lesson, check):
    spec = check.spec()
    x = spec["answer"]
    if check.percent:
        said = _judge(spec, x / 100)
        assert "fraction" in said, f"{check.id}: typing the fraction {x / 100} gave {said!r}"
    if "thousand" in check.unit or "million" in check.unit:
        said = _judge(spec, x * 1000)
        assert "1,000" in said, f"{check.id}: the full amount {x * 1000} gave {said!r}"
    for m in spec["mistakes"]:
        assert _judge(spec, m["value"]) == m["feedback"]


def test_the_page_rule_is_the_one_tested_here():
    js = (ROOT / "widgets" / "quick_checks" / "quick_check.js").read_text(encoding="utf-8")
    assert "Math.abs(typed - x) <= tol + 1e-9" in js and "tol * Math.abs(m.value / x)" in js


def test_a_typed_number_is_read_like_the_page():
    spec = dict(answer=61.3, tolerance=0.5, mistakes=[dict(value=0.613, feedback="fraction")])
    assert _judge(spec, 61.0) == "right" and _judge(spec, 0.61) == "fraction" and _judge(spec, 70) == "wrong"


def test_every_check_is_shown_in_exactly_one_lesson_cell_and_every_cell_is_declared():
    shown = [(p.name, cell, cid) for p in LESSONS for cell, cid in qc.cells_calling(p)]
    counts = Counter(cid for _, _, cid in shown)
    assert not [i for i in IDS if counts[i] != 1], {i: [s for s in shown if s[2] == i] for i in IDS if counts[i] != 1}
    assert not [s for s in shown if s[2] not in IDS], "cells show checks nobody declared"
    for name, _, cid in shown:
        lesson = next(lesson for lesson, c in DECLARED if c.id == cid)
        assert name == f"{lesson}.ipynb", f"{cid} ({lesson}) is shown in {name}"


def test_the_widget_carries_the_spec():
    lesson, check = DECLARED[0]
    assert qc.quick_check(check.id).spec == check.spec()
    with pytest.raises(KeyError, match="no quick check"):
        qc.quick_check("99-9")
