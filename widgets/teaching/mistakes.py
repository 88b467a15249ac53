"""The common mistakes an exercise's feedback catches: the hints of its public checks, read from the master."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

from widgets.grading import masters


@dataclass(frozen=True)
class Caught:
    """One auto-graded question and the hints its public checks print when an answer fails them."""

    question: str
    points: float
    hints: tuple[str, ...]


def hints(test: str) -> list[str]:
    """The messages of the asserts in one public test (a message built at run time is skipped)."""
    out = []
    for node in ast.walk(ast.parse(test)):
        if isinstance(node, ast.Assert) and isinstance(node.msg, ast.Constant) and isinstance(node.msg.value, str):
            out.append(node.msg.value)
    return out


def caught(master: Path) -> list[Caught]:
    """Every auto-graded question of a master with the hints of its public checks (hidden tests are never read)."""
    assignment = masters.load(master)
    return [Caught(q.name, q.points, tuple(dict.fromkeys(h for test in q.public for h in hints(test))))
            for q in assignment.autograded]
