"""The course map, built from the files: every lessons/NN_*.ipynb, its exercise and its worked solution.

Because the map is generated from the folders, it is always complete: a new lesson appears as soon
as its notebook exists. ``course_map_markdown()`` gives the table for the start page (links relative
to lessons/), ``readme_lesson_map()`` the same table with links relative to the repository root.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# (first lesson number, last lesson number, family) — design §2: numbering leaves room per family.
FAMILY_RANGES = (
    (0, 9, "Foundations"),
    (10, 19, "Collaborating"),
    (20, 29, "Data leveraging"),
    (30, 39, "Platform, AI & blockchain"),
    (40, 49, "Channels and franchising, and the capstone"),
)
OTHER_FAMILY = "More lessons"
LESSON_NAME = re.compile(r"^(\d{2})_[A-Za-z0-9_]+\.ipynb$")


@dataclass(frozen=True)
class Lesson:
    """One lesson notebook and what comes with it."""

    number: int
    stem: str
    title: str
    family: str
    has_exercise: bool
    has_solution: bool


def family_of(number: int) -> str:
    """The family a lesson number belongs to (00–09 foundations, 1x collaborating, …)."""
    for low, high, name in FAMILY_RANGES:
        if low <= number <= high:
            return name
    return OTHER_FAMILY


def notebook_title(path: Path) -> str:
    """The text of the notebook's first Markdown heading, without a leading 'NN ·' (stem if none)."""
    try:
        cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
    except (OSError, ValueError):
        cells = []
    for cell in cells:
        if cell.get("cell_type") != "markdown":
            continue
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else source
        for line in source.splitlines():
            match = re.match(r"^\s*#{1,6}\s+(.*\S)", line)
            if match:
                title = re.sub(r"^\d{2}\s*[·:.\-–—]\s*", "", match.group(1).strip())
                return title or path.stem
    return path.stem


def lessons(root: Path | None = None) -> list[Lesson]:
    """Every lessons/NN_*.ipynb in course order, with its title and whether exercise and solution exist."""
    root = Path(root or ROOT)
    found = []
    for path in sorted((root / "lessons").glob("*.ipynb")):
        match = LESSON_NAME.match(path.name)
        if not match:
            continue
        number = int(match.group(1))
        found.append(Lesson(
            number=number, stem=path.stem, title=notebook_title(path), family=family_of(number),
            has_exercise=(root / "exercises" / path.name).is_file(),
            has_solution=(root / "solutions" / path.name).is_file(),
        ))
    return sorted(found, key=lambda lesson: (lesson.number, lesson.stem))


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


def course_map_markdown(root: Path | None = None, from_repo_root: bool = False) -> str:
    """The course map as a Markdown table grouped by family, with links to lesson, exercise and solution.

    Links are relative to lessons/ (for the start page) or, with ``from_repo_root``, to the
    repository root (for the README).
    """
    up = "" if from_repo_root else "../"
    lesson_dir = "lessons/" if from_repo_root else ""
    rows = ["| Family | Lesson | Exercise | Worked solution |", "| --- | --- | --- | --- |"]
    shown_family = None
    for lesson in lessons(root):
        family = f"**{lesson.family}**" if lesson.family != shown_family else ""
        shown_family = lesson.family
        name = f"{lesson.number:02d} · {_cell(lesson.title)}"
        exercise = (f"[exercise]({up}exercises/{lesson.stem}.ipynb)" if lesson.has_exercise else "—")
        solution = (f"[solution]({up}solutions/{lesson.stem}.ipynb)" if lesson.has_solution else "—")
        rows.append(f"| {family} | [{name}]({lesson_dir}{lesson.stem}.ipynb) | {exercise} | {solution} |")
    return "\n".join(rows) + "\n"


def readme_lesson_map(root: Path | None = None) -> str:
    """The course map with links relative to the repository root, for README.md."""
    return course_map_markdown(root, from_repo_root=True)
