"""The grade sheet: ``grades.csv`` with one row per submission, and the written-answer merge.

Columns: submission, student, status, one per question (header ``q1 (2)`` for auto-graded,
``q6 (3, by hand)`` for written answers, left empty for the instructor), auto total, auto
possible, by-hand possible, possible total, total (filled when rubric scores are merged), a
one-line reason, and where the code ran (``sandbox``: bubblewrap, a container, or none).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from widgets.grading.masters import Assignment, Question

STATUSES = ("ok", "changed notebook", "tampering suspected", "timed out", "error",
            "wrong assignment", "not a notebook")


@dataclass
class Row:
    """One submission's line of the sheet."""

    submission: str
    student: str = ""
    status: str = "ok"
    reasons: list[str] = field(default_factory=list)
    scores: dict[str, float] = field(default_factory=dict)
    sandbox: str = ""


def _points(value: float) -> str:
    """Points as the sheet writes them: 2, 1.5 (no trailing .0)."""
    return f"{value:g}"


def question_header(question: Question) -> str:
    """``q1 (2)`` for an auto-graded question, ``q6 (3, by hand)`` for a written one."""
    by_hand = ", by hand" if question.manual else ""
    return f"{question.name} ({_points(question.points)}{by_hand})"


def header(assignment: Assignment) -> list[str]:
    """The sheet's column names, questions in the master's order."""
    return (["submission", "student", "status"]
            + [question_header(q) for q in assignment.questions]
            + ["auto total", "auto possible", "by hand possible", "possible total", "total",
               "reason", "sandbox"])


def write(path: Path, assignment: Assignment, rows: list[Row]) -> Path:
    """Write the sheet (always every row, whatever its status)."""
    auto = sum(q.points for q in assignment.autograded)
    manual = sum(q.points for q in assignment.manual)
    path = Path(path)
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(header(assignment))
        for row in rows:
            graded = bool(row.scores)
            cells = [_points(row.scores[q.name]) if graded and q.name in row.scores else ""
                     for q in assignment.questions]
            total = _points(sum(row.scores.values())) if graded else ""
            writer.writerow([row.submission, row.student, row.status, *cells, total,
                             _points(auto), _points(manual), _points(auto + manual), "",
                             "; ".join(dict.fromkeys(r for r in row.reasons if r))[:500],
                             row.sandbox])
    return path


def merge_rubric(grades: Path, rubric: Path) -> Path:
    """Fill the by-hand columns of ``grades`` from ``rubric`` and compute ``total``.

    ``rubric`` is a CSV with a ``submission`` column and one column per written question named
    like the question (``q6``) or like its header (``q6 (3, by hand)``). Scores above a
    question's points raise ValueError naming the submission.
    """
    with Path(grades).open(newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        fields, rows = list(reader.fieldnames or []), list(reader)
    with Path(rubric).open(newline="", encoding="utf-8") as f:
        marks = {r["submission"]: r for r in csv.DictReader(f)}
    manual = {h: h.split(" ", 1)[0] for h in fields if h.endswith(", by hand)")}
    for row in rows:
        mark = marks.get(row["submission"], {})
        for head, name in manual.items():
            value = mark.get(name, mark.get(head, "")).strip()
            if value:
                limit = float(head.split("(", 1)[1].split(",", 1)[0])
                if not 0 <= float(value) <= limit:
                    raise ValueError(f"{row['submission']}: {name} must be between 0 and "
                                     f"{limit:g}, not {value}")
                row[head] = value
        parts = [row.get("auto total") or "0"] + [row[h] for h in manual if row.get(h)]
        complete = all(row.get(h) for h in manual) and row.get("auto total") != ""
        row["total"] = _points(sum(float(p) for p in parts)) if complete else ""
    with Path(grades).open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    return Path(grades)
