"""The course map is generated from the lessons/, exercises/ and solutions/ folders."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import LESSONS, ROOT
from widgets import course_map as course


def notebook(path: Path, heading: str | None) -> None:
    """Write a minimal notebook whose first Markdown cell starts with ``heading`` (none if None)."""
    cells = [{"cell_type": "code", "metadata": {}, "source": "# a comment, not a heading", "outputs": [],
              "execution_count": None}]
    if heading is not None:
        cells.append({"cell_type": "markdown", "metadata": {}, "source": [f"{heading}\n", "Some text.\n"]})
        cells.append({"cell_type": "markdown", "metadata": {}, "source": "# A later heading"})
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    notebook(tmp_path / "lessons" / "22_pricing.ipynb", "# 22 · Pricing | tiers")
    notebook(tmp_path / "lessons" / "00_start_here.ipynb", "# 00 · Start here")
    notebook(tmp_path / "lessons" / "10_crowd.ipynb", "## Crowd money")
    notebook(tmp_path / "lessons" / "11_no_heading.ipynb", None)
    notebook(tmp_path / "lessons" / "41_capstone.ipynb", "# Capstone: your own model")
    notebook(tmp_path / "lessons" / "scratch.ipynb", "# Not a lesson")
    (tmp_path / "lessons" / "notes.md").write_text("# not a notebook")
    notebook(tmp_path / "exercises" / "10_crowd.ipynb", "# ex")
    notebook(tmp_path / "solutions" / "10_crowd.ipynb", "# sol")
    notebook(tmp_path / "solutions" / "22_pricing.ipynb", "# sol")
    return tmp_path


def table_rows(markdown: str) -> list[list[str]]:
    lines = [line for line in markdown.splitlines() if line.startswith("|")]
    return [[c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]] for line in lines]


def test_lessons_in_order_with_titles(tree):
    found = course.lessons(tree)
    assert [lesson.stem for lesson in found] == ["00_start_here", "10_crowd", "11_no_heading", "22_pricing",
                                                 "41_capstone"]
    titles = {lesson.stem: lesson.title for lesson in found}
    assert titles == {"00_start_here": "Start here", "10_crowd": "Crowd money", "11_no_heading": "11_no_heading",
                      "22_pricing": "Pricing | tiers", "41_capstone": "Capstone: your own model"}


def test_exercise_and_solution_detected(tree):
    found = {lesson.stem: lesson for lesson in course.lessons(tree)}
    assert found["10_crowd"].has_exercise and found["10_crowd"].has_solution
    assert not found["22_pricing"].has_exercise and found["22_pricing"].has_solution
    assert not found["00_start_here"].has_exercise and not found["00_start_here"].has_solution


def test_families_from_numbers(tree):
    families = {lesson.stem: lesson.family for lesson in course.lessons(tree)}
    assert families == {"00_start_here": "Foundations", "10_crowd": "Collaborating",
                        "11_no_heading": "Collaborating", "22_pricing": "Data leveraging",
                        "41_capstone": "Channels and franchising, and the capstone"}
    assert course.family_of(35) == "Platform, AI & blockchain"


def test_map_markdown_from_lessons_folder(tree):
    rows = table_rows(course.course_map_markdown(tree))
    assert rows[0] == ["Family", "Lesson", "Exercise", "Worked solution"]
    body = rows[2:]
    assert all(len(r) == 4 for r in rows)
    assert len(body) == 5
    # Grouped: each family is named once, on its first row, in course order.
    assert [r[0] for r in body] == ["**Foundations**", "**Collaborating**", "", "**Data leveraging**",
                                    "**Channels and franchising, and the capstone**"]
    assert body[1][1] == "[10 · Crowd money](10_crowd.ipynb)"
    assert body[1][2] == "[exercise](../exercises/10_crowd.ipynb)"
    assert body[1][3] == "[solution](../solutions/10_crowd.ipynb)"
    assert body[3][2] == "—" and body[3][3] == "[solution](../solutions/22_pricing.ipynb)"
    assert "Pricing \\| tiers" in body[3][1]
    assert "scratch" not in course.course_map_markdown(tree)


def test_map_links_resolve(tree):
    for base, markdown in ((tree / "lessons", course.course_map_markdown(tree)),
                           (tree, course.readme_lesson_map(tree))):
        for target in re.findall(r"\]\(([^)]+)\)", markdown):
            assert (base / target).resolve().is_file(), target


def test_readme_map_links_from_repo_root(tree):
    markdown = course.readme_lesson_map(tree)
    assert "[10 · Crowd money](lessons/10_crowd.ipynb)" in markdown
    assert "(exercises/10_crowd.ipynb)" in markdown and "../" not in markdown


def test_new_lesson_appears(tree):
    before = course.course_map_markdown(tree)
    notebook(tree / "lessons" / "30_platforms.ipynb", "# 30 · Platforms")
    after = course.course_map_markdown(tree)
    assert "30_platforms" not in before and "[30 · Platforms](30_platforms.ipynb)" in after
    assert "**Platform, AI & blockchain**" in after


def test_empty_course(tmp_path):
    assert course.lessons(tmp_path) == []
    assert len(table_rows(course.course_map_markdown(tmp_path))) == 2


def test_real_course_map_lists_every_lesson():
    markdown = course.course_map_markdown()
    files = sorted(p for p in LESSONS.glob("*.ipynb") if re.match(r"\d\d_", p.name))
    assert files, "no lessons found"
    for path in files:
        assert f"]({path.name})" in markdown, path.name
    for target in re.findall(r"\]\(([^)]+)\)", markdown):
        assert (LESSONS / target).resolve().is_file(), target
    assert len(table_rows(markdown)) - 2 == len(files)
    assert len(table_rows(course.readme_lesson_map(ROOT))) - 2 == len(files)


def test_readme_lesson_table_lists_every_lesson_and_its_exercise():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = {m[1]: line for line in readme.splitlines() if (m := re.match(r"\| (\d\d) \|", line))}
    for path in sorted(LESSONS.glob("*.ipynb")):
        if not re.match(r"\d\d_", path.name):
            continue
        row = rows.get(path.name[:2])
        assert row, f"README.md: no row for {path.name} in the lesson table"
        assert f"(lessons/{path.name})" in row, row
        exercise = ROOT / "exercises" / path.name
        assert (f"(exercises/{path.name})" in row) == exercise.is_file(), row
    for target in re.findall(r"\]\(([^)#]+)[^)]*\)", readme):
        if not re.match(r"[a-z]+:", target):
            assert (ROOT / target).exists(), f"README.md links to a missing file: {target}"
