"""The module plan (docs/instructors/module_plan.md) lists only lessons that exist, and every link in it works."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from widgets.course_map import lessons

from conftest import ROOT

PLAN = ROOT / "docs" / "instructors" / "module_plan.md"
LINK = re.compile(r"\[([^\]]+)\]\(([^)]+)\)")
LESSON_NAME = re.compile(r"\b(\d{2}) · ")          # how the plan names a lesson: "22 · Freemium …"
LESSON_WORD = re.compile(r"\b[Ll]essons? (\d{2})\b|\b[Ll]essons \d{2}(?:, \d{2})* and (\d{2})\b")


def _links(text: str) -> list[tuple[str, str]]:
    return [(label, target) for label, target in LINK.findall(text) if not re.match(r"[a-z]+:", target)]


def check(text: str, base: Path, numbers: set[int]) -> list[str]:
    """What is wrong with a plan's text: links to missing files, and lessons named that do not exist or are unlinked."""
    problems = []
    for label, target in _links(text):
        path = (base / target.split("#")[0]).resolve() if target.split("#")[0] else None
        if path is not None and not path.exists():
            problems.append(f"[{label}]({target}) points to a file that does not exist")
        for number in LESSON_NAME.findall(label):
            if not re.search(rf"lessons/{number}_\w+\.ipynb$", target):
                problems.append(f"[{label}]({target}) names lesson {number} but does not link to its notebook")
    unlinked = LINK.sub("", text)
    for number in LESSON_NAME.findall(unlinked):
        problems.append(f"lesson {number} is named without a link to its notebook")
    mentioned = {int(n) for n in LESSON_NAME.findall(text)}
    mentioned |= {int(n) for pair in LESSON_WORD.findall(text) for n in pair if n}
    mentioned |= {int(n) for n in re.findall(r"lessons/(\d{2})_", text)}
    problems += [f"lesson {n:02d} is in the plan but not in lessons/" for n in sorted(mentioned - numbers)]
    return problems


def test_the_plan_lists_only_lessons_that_exist_and_every_link_works():
    numbers = {lesson.number for lesson in lessons(ROOT)}
    assert check(PLAN.read_text(encoding="utf-8"), PLAN.parent, numbers) == []


def test_the_plan_has_eight_to_ten_sessions_and_a_workshop_day():
    text = PLAN.read_text(encoding="utf-8")
    sessions = [int(n) for n in re.findall(r"^\| (\d+) \|", text, re.M)]
    assert sessions == list(range(1, len(sessions) + 1)) and 8 <= len(sessions) <= 10
    assert "single workshop day" in text.lower()
    assert re.search(r"### Session 10: the capstone\s+.*\(\.\./\.\./lessons/49_capstone\.ipynb\)", text, re.S)


def test_every_taught_lesson_links_its_teaching_note():
    text = PLAN.read_text(encoding="utf-8")
    for row in re.findall(r"^\| \d+ \| (.*)$", text, re.M):
        for stem in re.findall(r"\(\.\./\.\./lessons/(\d{2}_\w+)\.ipynb\) \(\[note\]", row):
            assert f"({stem}.md)" in row


@pytest.mark.parametrize("text, problem", [
    ("[99 · Imaginary](../../lessons/99_imaginary.ipynb)", "does not exist"),
    ("Teach 22 · Freemium in week 4.", "named without a link"),
    ("Then lesson 47, the capstone.", "lesson 47 is in the plan but not in lessons/"),
    ("[22 · Freemium](../../lessons/10_crowdfunding.ipynb)", "does not link to its notebook"),
])
def test_the_check_catches(text, problem):
    numbers = {lesson.number for lesson in lessons(ROOT)}
    assert any(problem in p for p in check(text, PLAN.parent, numbers)), check(text, PLAN.parent, numbers)
