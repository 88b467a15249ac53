"""What a teaching note reads from a lesson notebook: title, objectives, time and discussion questions."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from widgets.course_map import notebook_title

_ITEM = re.compile(r"^(\d+)\.\s+(.*)$")
_OBJECTIVES = re.compile(r"^.*will be able to.*$", re.M)  # "After this lesson you will be able to", …


@dataclass(frozen=True)
class LessonText:
    """The parts of a lesson a teaching note quotes, never retyped."""

    stem: str
    title: str
    objectives: tuple[str, ...]
    time: str
    discussion: dict[int, str]


def _markdown_cells(path: Path) -> list[str]:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return ["".join(c["source"]) for c in cells if c["cell_type"] == "markdown"]


def numbered_items(text: str) -> dict[int, str]:
    """A Markdown numbered list as {number: item text with its wrapped lines joined}."""
    items: dict[int, str] = {}
    current = None
    for line in text.splitlines():
        match = _ITEM.match(line)
        if match:
            current = int(match.group(1))
            items[current] = match.group(2).strip()
        elif current is not None and line.startswith("   ") and line.strip():
            items[current] += " " + line.strip()
        elif current is not None and line.strip():
            break
    return items


def _after(text: str, marker: re.Pattern) -> str:
    match = marker.search(text)
    return text[match.end():] if match else ""


def discussion_questions(cells: list[str]) -> dict[int, str]:
    """The lesson's numbered discussion questions (the list under a 'Discussion questions' heading)."""
    for text in cells:
        match = re.search(r"^#+ .*Discussion questions.*$", text, re.M)
        if match:
            return numbered_items(text[match.end():].lstrip("\n"))
    return {}


def read(path: Path) -> LessonText:
    """Read a lesson notebook's title, objectives, stated time and discussion questions."""
    cells = _markdown_cells(path)
    first = cells[0] if cells else ""
    objectives = numbered_items(_after(first, _OBJECTIVES).lstrip("\n"))
    time = re.search(r"\*\*Time:\*\*\s*([^·*.]+)", first)
    return LessonText(stem=path.stem, title=notebook_title(path), objectives=tuple(objectives.values()),
                      time=time.group(1).strip() if time else "", discussion=discussion_questions(cells))
