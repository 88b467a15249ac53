"""Grade a folder of submissions into ``grades.csv``: run each in a throw-away copy, score clean.

For every ``*.ipynb`` under the folder (in parallel, one kernel per core): read and check it,
scan its code, copy it alone into a fresh folder and run it there with a time limit
(execute.py), inside a sandbox that sees nothing else (sandbox.py), keeping its answers as
plain data. When all have run, one clean interpreter (check.py) that never ran student code
scores every answer against the master's tests, using a copy of the course package and
datasets read into memory before any submission ran. One bad file is one row; the sheet is
always written.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path
from typing import Any, Callable

from widgets.grading import check as checker, masters, sheet, tamper
from widgets.grading.execute import kernel_env
from widgets.grading.sandbox import Sandbox, remove_cgroup
from widgets.grading.sheet import Row

ROOT = Path(__file__).resolve().parents[2]
COPIED = ("widgets", "datasets")
DEFAULT_TIMEOUT = 180.0       # seconds per submission
HARD_MARGIN = 60.0            # the worker is killed this long after its own limit


def course_files(root: Path = ROOT) -> dict[str, bytes]:
    """The course package and datasets as bytes, read once before any submission runs."""
    files = {}
    for folder in COPIED:
        for path in sorted((root / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts and \
                    ".ipynb_checkpoints" not in path.parts:
                files[str(path.relative_to(root))] = path.read_bytes()
    return files


def write_files(files: dict[str, bytes], dest: Path) -> Path:
    """Write the in-memory course files under ``dest``; returns ``dest``."""
    for name, data in files.items():
        target = dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return dest


def identity(nb: dict[str, Any]) -> str:
    """The student named in the notebook's metadata (``student`` or nbformat's ``authors``)."""
    meta = nb.get("metadata", {}) if isinstance(nb.get("metadata"), dict) else {}
    student = meta.get("student")
    if isinstance(student, dict):
        return " ".join(str(student[k]) for k in ("name", "id", "email") if student.get(k))
    if isinstance(student, str):
        return student
    authors = meta.get("authors")
    if isinstance(authors, list):
        return ", ".join(str(a.get("name", a)) if isinstance(a, dict) else str(a)
                         for a in authors)
    return ""


def read_submission(path: Path, assignment: masters.Assignment) -> tuple[dict | None, Row]:
    """The parsed notebook (None if it cannot be graded) and its row so far."""
    row = Row(submission=path.name)
    data = path.read_bytes()
    if not data.strip():
        row.status, row.reasons = "not a notebook", ["empty file"]
        return None, row
    try:
        nb = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        row.status = "not a notebook"
        row.reasons = [f"not valid notebook JSON ({str(error).splitlines()[0][:80]})"]
        return None, row
    if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list) or \
            not all(isinstance(c, dict) and "cell_type" in c for c in nb["cells"]):
        row.status, row.reasons = "not a notebook", ["JSON without notebook cells"]
        return None, row
    row.student = identity(nb)
    otter = nb.get("metadata", {}).get("otter") if isinstance(nb.get("metadata"), dict) else None
    name = otter.get("assignment_name") if isinstance(otter, dict) else None
    if name and name != assignment.name:
        row.status = "wrong assignment"
        row.reasons = [f"the notebook is assignment {name}, not {assignment.name}"]
        return None, row
    if not isinstance(otter, dict):
        row.status = "changed notebook"
        row.reasons.append("its grading metadata was removed (graded by answer names)")
    checks = " ".join(masters.source(c) for c in nb["cells"] if c.get("cell_type") == "code")
    gone = [q.name for q in assignment.autograded if f'grader.check("{q.name}")' not in checks
            and f"grader.check('{q.name}')" not in checks]
    if gone:
        row.status = "changed notebook"
        row.reasons.append(f"check cells deleted for {', '.join(gone)}")
    findings = tamper.scan(nb["cells"])
    if findings:
        row.status = "tampering suspected"
        row.reasons = findings + row.reasons
    return nb, row


def _prepare(nb: dict[str, Any], stem: str, folder: Path, files: dict[str, bytes]) -> Path:
    """The throw-away folder: ``work/`` holds only the notebook; ``lib/`` the course copy."""
    work = folder / "work"
    work.mkdir(parents=True)
    clean = {**nb, "cells": [{**c, "outputs": []} if c.get("cell_type") == "code" else c
                             for c in nb["cells"]]}
    clean.setdefault("nbformat", 4)
    clean.setdefault("nbformat_minor", 5)
    clean.setdefault("metadata", {})
    (work / f"{stem}.ipynb").write_text(json.dumps(clean), encoding="utf-8")
    write_files(files, folder / "lib")
    return work


def _kill(process: subprocess.Popen) -> None:
    """Kill a worker and everything in its process group."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError, AttributeError):
        process.kill()


def execute(nb: dict[str, Any], assignment: masters.Assignment, folder: Path,
            files: dict[str, bytes], timeout: float, box: Sandbox = Sandbox()) -> dict[str, Any]:
    """Run one notebook in a throw-away folder in a sandboxed worker; the worker's report."""
    work, lib = _prepare(nb, assignment.name, folder, files), folder / "lib"
    seen_work, seen_lib = box.inside(work, lib)  # the folders as the worker sees them
    job = {"notebook": str(seen_work / f"{assignment.name}.ipynb"), "workdir": str(seen_work),
           "lib": str(seen_lib), "names": list(assignment.answer_names), "timeout": timeout,
           "token": f"@@bmpl-{secrets.token_hex(16)}@@", "limits": box.limits()}
    process, group = box.start([sys.executable, "-m", "widgets.grading.execute"], work, lib,
                               kernel_env(seen_work, seen_lib))
    try:
        out, _ = process.communicate(json.dumps(job).encode(), timeout=timeout + HARD_MARGIN)
    except subprocess.TimeoutExpired:
        _kill(process)
        process.communicate()
        return {"ended": "timed out", "answers": {}, "not_plain": {}, "events": [], "errors": []}
    finally:
        remove_cgroup(group)
    for line in reversed(out.decode("utf-8", "replace").splitlines()):
        try:
            report = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(report, dict) and "ended" in report:
            return report
    return {"ended": f"the grading worker stopped (exit code {process.returncode})",
            "answers": {}, "not_plain": {}, "events": [], "errors": []}


def check(assignment: masters.Assignment, reports: dict[str, dict[str, Any]],
          files: dict[str, bytes], timeout: float) -> dict[str, Any]:
    """Scores from the clean checker interpreter (check.py), by submission and question."""
    questions = [{"name": q.name, "points": q.points, "all_or_nothing": q.all_or_nothing,
                  "tests": list(q.tests), "answers": list(q.answers)}
                 for q in assignment.autograded]
    job = {"setup": assignment.setup, "questions": questions,
           "submissions": {k: {"answers": r.get("answers", {}),
                               "not_plain": r.get("not_plain", {})} for k, r in reports.items()}}
    with tempfile.TemporaryDirectory(prefix="bmpl-check-") as tmp:
        lib = write_files(files, Path(tmp))  # written after every submission's kernel stopped
        code = (f"import sys; sys.path.insert(0, {str(lib)!r}); "
                "from widgets.grading import check; sys.exit(check.main())")
        env = {k: v for k, v in os.environ.items() if k in ("PATH", "LANG", "HOME", "TZ")}
        env["BMPL_DATASETS"] = str(lib / "datasets")
        done = subprocess.run([sys.executable, "-I", "-c", code], input=json.dumps(job).encode(),
                              capture_output=True, cwd=tmp, env=env,
                              timeout=max(120.0, timeout))
    if done.returncode != 0:
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RuntimeError(f"the checker failed: {lines[-1] if lines else done.returncode}")
    return json.loads(done.stdout.decode("utf-8").strip().splitlines()[-1])


def submissions(folder: Path) -> list[Path]:
    """Every notebook under ``folder`` (LMS and Gradescope exports nest them), checkpoints aside."""
    return sorted(p for p in Path(folder).rglob("*.ipynb")
                  if ".ipynb_checkpoints" not in p.parts and p.is_file())


class Progress:
    """A one-line progress bar on stderr: ``[#####     ] 12/30 alice.ipynb``."""

    def __init__(self, total: int, stream=sys.stderr, width: int = 30):
        self.total, self.done, self.stream, self.width = total, 0, stream, width
        self.lock = threading.Lock()
        self.started = time.monotonic()

    def step(self, label: str) -> None:
        with self.lock:
            self.done += 1
            filled = int(self.width * self.done / max(1, self.total))
            elapsed = time.monotonic() - self.started
            self.stream.write(f"\r[{'#' * filled}{' ' * (self.width - filled)}] "
                              f"{self.done}/{self.total} {elapsed:5.0f}s {label[:40]:<40}")
            if self.done == self.total:
                self.stream.write("\n")
            self.stream.flush()


def _grouped(events: list[str], shown: int = 2) -> list[str]:
    """Probe findings with at most ``shown`` examples of each kind ("writes …: a, b (+3 more)")."""
    kinds: dict[str, list[str]] = {}
    for event in events:
        kind, _, detail = event.partition(": ")
        kinds.setdefault(kind, []).append(detail)
    out = []
    for kind, details in kinds.items():
        details = [d for d in details if d]
        more = f" (+{len(details) - shown} more)" if len(details) > shown else ""
        out.append(f"{kind}: {', '.join(details[:shown])}{more}" if details else kind)
    return out


def _finish(row: Row, report: dict[str, Any], scores: dict[str, Any] | None) -> Row:
    ended = report.get("ended", "ok")
    events = _grouped(report.get("events", []))
    if events:
        row.status = "tampering suspected"
        row.reasons = list(dict.fromkeys(events + row.reasons))
    if ended == "timed out":
        if row.status != "tampering suspected":
            row.status = "timed out"
        row.reasons.append("stopped at the time limit; graded the answers computed before")
    elif ended != "ok":
        if row.status != "tampering suspected":
            row.status = "error"
        row.reasons.append(f"{ended}; graded the answers computed before")
    if scores is not None:
        row.scores = {q: s["score"] for q, s in scores.items()}
        lost = {q: s["hint"] for q, s in scores.items() if s["score"] < s["possible"]}
        unanswered = [q for q, why in lost.items() if why == checker.MISSING_HINT]
        if unanswered:
            row.reasons.append(f"no answer for {', '.join(unanswered)}")
        row.reasons += [f"{q}: {why}" for q, why in lost.items()
                        if why and why != checker.MISSING_HINT]
    row.reasons += report.get("errors", [])[:3]
    return row


def grade(master: Path | str, folder: Path | str, *, timeout: float = DEFAULT_TIMEOUT,
          jobs: int | None = None, output: Path | str | None = None,
          progress: Callable[[str], None] | None = None, quiet: bool = False,
          sandbox: Sandbox = Sandbox()) -> Path:
    """Grade every notebook under ``folder`` against ``master``; write and return grades.csv.

    Raises sandbox.Unavailable, before running anything, when ``sandbox`` cannot be had here.
    """
    if timeout <= 0:
        raise ValueError(f"timeout must be > 0 seconds, not {timeout}")
    sandbox.check(Path(master), Path(folder))
    assignment = masters.load(master)
    folder = Path(folder)
    if not folder.is_dir():
        raise ValueError(f"no folder {folder}")
    target = Path(output) if output else folder / "grades.csv"
    paths = submissions(folder)
    files = course_files()
    bar = Progress(len(paths)) if not quiet and paths else None
    rows: dict[str, Row] = {}
    reports: dict[str, dict[str, Any]] = {}
    names = {p: str(p.relative_to(folder)) for p in paths}
    with tempfile.TemporaryDirectory(prefix="bmpl-grade-") as tmp:
        def one(index: int, path: Path) -> None:
            key = names[path]
            try:
                nb, row = read_submission(path, assignment)
                row.submission, row.sandbox = key, sandbox.label
                rows[key] = row
                if nb is not None:
                    reports[key] = execute(nb, assignment, Path(tmp) / f"{index:04d}", files,
                                           timeout, sandbox)
            except Exception as error:  # one bad file is one row
                rows[key] = Row(key, status="error", sandbox=sandbox.label,
                                reasons=[f"{type(error).__name__}: {error}".splitlines()[0]])
            finally:
                shutil.rmtree(Path(tmp) / f"{index:04d}", ignore_errors=True)
                if bar:
                    bar.step(key)
                if progress:
                    progress(key)

        workers = max(1, jobs or os.cpu_count() or 1)
        with ThreadPoolExecutor(max_workers=workers) as pool:
            for future in as_completed([pool.submit(one, i, p) for i, p in enumerate(paths)]):
                future.result()
    try:
        scores = check(assignment, reports, files, timeout) if reports else {}
        for key, report in reports.items():
            _finish(rows[key], report, scores.get(key))
    except Exception as error:  # the sheet is still written, every row saying why
        for key in reports:
            rows[key].status = "error"
            rows[key].reasons.append(f"{type(error).__name__}: {error}".splitlines()[0])
    return sheet.write(target, assignment, [rows[names[p]] for p in paths])
