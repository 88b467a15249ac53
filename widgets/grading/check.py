"""Score answers against a master's tests in a clean interpreter that never ran student code.

Started by the grader as a separate ``python -I`` process once every submission has run: it
reads a JSON job on stdin (the master's setup code and tests, and each submission's answers as
plain data), runs the master's setup cell (trusted course code) once, then for every submission
and question runs the public and hidden tests on the answers alone, and prints the scores as
JSON. Points follow Otter-Grader: all or nothing where the master says so, otherwise shared
equally by the question's tests.
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
from typing import Any

MISSING_HINT = "no answer"


def decode(value: Any) -> Any:
    """Plain JSON data back into Python values (tables, arrays and series rebuilt)."""
    if isinstance(value, list):
        return [decode(v) for v in value]
    if not isinstance(value, dict):
        return value
    if "__float__" in value:
        return float(value["__float__"])
    if "__dict__" in value:
        return {k: decode(v) for k, v in value["__dict__"].items()}
    if "__array__" in value:
        import numpy as np
        return np.array(decode(value["__array__"]))
    if "__series__" in value:
        import pandas as pd
        s = value["__series__"]
        return pd.Series(decode(s["data"]), index=decode(s["index"]), name=decode(s["name"]))
    if "__table__" in value:
        import pandas as pd
        t = value["__table__"]
        return pd.DataFrame(decode(t["data"]), columns=t["columns"], index=decode(t["index"]))
    raise ValueError(f"unknown encoded value {sorted(value)}")


def hint(error: BaseException) -> str:
    """One short line a learner can act on."""
    text = str(error).strip().splitlines()
    if isinstance(error, AssertionError):
        return text[0] if text else "wrong value"
    return f"{type(error).__name__}: {text[0] if text else ''}".rstrip(": ")


def score_question(question: dict[str, Any], base: dict[str, Any],
                   answers: dict[str, Any], not_plain: dict[str, str]) -> dict[str, Any]:
    """Run one question's tests on the answers; score, possible and the first failing hint."""
    namespace = dict(base)
    for name in question["answers"]:
        if name in answers:
            namespace[name] = decode(answers[name])
    passed, hints = 0, []
    missing = [n for n in question["answers"] if n not in answers]
    for number, code in enumerate(question["tests"]):
        try:
            exec(compile(code, f"<{question['name']} test {number + 1}>", "exec"), namespace)
            passed += 1
        except Exception as error:  # a failed test is a score, whatever it raised
            hints.append(hint(error))
    total = len(question["tests"])
    points = float(question["points"])
    if question["all_or_nothing"]:
        score = points if passed == total else 0.0
    else:
        score = round(points * passed / total, 4) if total else 0.0
    if missing:
        hints = [f"{n} is a {not_plain[n]}, not plain data" if n in not_plain
                 else MISSING_HINT for n in missing]
    return {"score": score, "possible": points, "hint": hints[0] if hints else ""}


def run(job: dict[str, Any]) -> dict[str, Any]:
    """Scores for every submission of the job, by submission id and question."""
    base: dict[str, Any] = {"__name__": "__grader__"}
    exec(compile(job["setup"], "<setup>", "exec"), base)
    out = {}
    for key, found in job["submissions"].items():
        out[key] = {q["name"]: score_question(q, base, found.get("answers", {}),
                                              found.get("not_plain", {}))
                    for q in job["questions"]}
    return out


def main() -> int:
    job = json.loads(sys.stdin.read())
    real_stdout = sys.stdout
    with contextlib.redirect_stdout(io.StringIO()):  # course code may print; keep JSON clean
        result = run(job)
    real_stdout.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
