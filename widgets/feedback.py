"""Exercise feedback for students: one hint line per check instead of a doctest traceback.

The exercise notebooks' first cell makes ``grader = feedback.Notebook("NN_topic.ipynb")``, an
Otter-Grader notebook whose ``grader.check("q1")`` runs the same public checks but shows one line:
``q1: format OK — the value is graded later`` when every check passes (public checks test the
form of an answer, never its value), or the first failed check's hint.
"""

from __future__ import annotations

import inspect
import re
from typing import Any

import otter

FORMAT_OK = "format OK — the value is graded later"
_RAISED = re.compile(r"^\s*(?P<kind>[A-Za-z_][\w.]*(?:Error|Exception|Exit|Interrupt))"
                     r"(?::\s*(?P<text>.*))?$")


def hint(message: str) -> str:
    """The one useful line of a failed doctest: the assert's message, or the exception."""
    for line in reversed(message.splitlines()):
        match = _RAISED.match(line)
        if match:
            if match["kind"].endswith("AssertionError"):
                return match["text"] or "this answer does not pass the check"
            return f"{match['kind'].rsplit('.', 1)[-1]}: {match['text'] or ''}".rstrip(": ")
    return "this answer does not pass the check"


class Feedback:
    """The result of one check, shown as a single line."""

    def __init__(self, question: str, result: Any):
        self.question, self.result = question, result
        failed = [r for r in getattr(result, "test_case_results", []) if not r.passed]
        self.passed = not failed
        self.text = (f"{question}: {FORMAT_OK}" if self.passed
                     else f"{question}: not yet — {hint(failed[0].message)}")

    def __repr__(self) -> str:  # plain text: a hint may hold "$", which Markdown makes maths
        return ("✓ " if self.passed else "✗ ") + self.text  # glyphs every font has


class Notebook(otter.Notebook):
    """Otter's notebook grader with one-line feedback from ``check``."""

    def check(self, question: str, global_env: dict[str, Any] | None = None) -> Any:
        if global_env is None:
            global_env = inspect.currentframe().f_back.f_globals
        result = super().check(question, global_env)
        return Feedback(question, result) if hasattr(result, "test_case_results") else result
