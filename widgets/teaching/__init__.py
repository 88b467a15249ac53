"""Teaching notes for instructors: one per lesson, generated so they never disagree with the lessons' models.

    python -m widgets.teaching build   write docs/instructors/NN_topic.md and the index in its README
    python -m widgets.teaching check   exit 1 if a committed note differs from what the generator writes

A note joins an instructor's source (docs/instructors/sources/NN_topic.yaml: the 75-minute plan,
answers to the discussion questions, cold calls, cases to pair with) with what is read, never
retyped: objectives and discussion questions from the lesson, every thing to try and its checked
outcomes from widgets/claims, and the hints of the exercise's public checks from its master.
"""

from __future__ import annotations

import re
from pathlib import Path

from widgets.course_map import lessons
from widgets.teaching.note import render

ROOT = Path(__file__).resolve().parents[2]
INDEX_START, INDEX_END = "<!-- notes index: generated -->", "<!-- end of notes index -->"


def taught(root: Path) -> list[str]:
    """The stems of every lesson that gets a note: every lessons/NN_*.ipynb except 00 (start here)."""
    return [lesson.stem for lesson in lessons(root) if lesson.number != 0]


def note_path(root: Path, stem: str) -> Path:
    return root / "docs" / "instructors" / f"{stem}.md"


def index(root: Path, stems: list[str]) -> str:
    """The table of the notes of ``stems`` for docs/instructors/README.md, between its markers."""
    rows = ["| # | Lesson | Teaching note |", "| --- | --- | --- |"]
    for lesson in lessons(root):
        if lesson.stem in stems:
            rows.append(f"| {lesson.number:02d} | [{lesson.title.replace('|', '/')}](../../lessons/{lesson.stem}.ipynb)"
                        f" | [note]({lesson.stem}.md) |")
    return f"{INDEX_START}\n" + "\n".join(rows) + f"\n{INDEX_END}"


def _readme_with_index(root: Path, stems: list[str]) -> tuple[Path, str]:
    path = root / "docs" / "instructors" / "README.md"
    before = path.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(INDEX_START) + ".*?" + re.escape(INDEX_END), re.S)
    if not pattern.search(before):
        raise ValueError(f"{path.relative_to(root)} has no '{INDEX_START}' … '{INDEX_END}' block for the index")
    return path, pattern.sub(lambda _: index(root, stems), before)


def generate(root: Path = ROOT) -> tuple[dict[Path, str], list[str]]:
    """Every file the generator writes with its text, and the lessons it could not write a note for (and why)."""
    files, problems = {}, []
    for stem in taught(root):
        try:
            files[note_path(root, stem)] = render(root, stem)
        except ValueError as error:
            problems.append(str(error))
    readme, text = _readme_with_index(root, [p.stem for p in files])
    files[readme] = text
    return files, problems


def differences(root: Path = ROOT) -> list[str]:
    """Why the committed notes are not what the generator writes now (empty when they are)."""
    files, problems = generate(root)
    for path, text in files.items():
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            problems.append(f"{path.relative_to(root)} differs from what the generator writes "
                            f"(run: python -m widgets.teaching build)")
    notes = {p.name for p in (root / "docs" / "instructors").glob("[0-9][0-9]_*.md")}
    problems += [f"docs/instructors/{name} belongs to no lesson: delete it"
                 for name in sorted(notes - {f"{s}.md" for s in taught(root)})]
    return problems


def build(root: Path = ROOT) -> tuple[list[Path], list[str]]:
    """Write every note that can be written and the index; returns the files changed and the problems left."""
    files, problems = generate(root)
    changed = []
    for path, text in files.items():
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    return changed, problems


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m widgets.teaching", description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=("build", "check"))
    args = parser.parse_args(argv)
    if args.command == "build":
        changed, problems = build()
        for path in changed:
            print(f"wrote {path.relative_to(ROOT)}")
    else:
        problems = differences()
    for problem in problems:
        print(problem)
    return 1 if problems else 0
