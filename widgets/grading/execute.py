"""Run one submission in its throw-away folder and report its answers as plain data.

Started by the grader as ``python -m widgets.grading.execute`` with a JSON job on stdin, inside
the submission's sandbox (sandbox.py); prints one JSON report on stdout. The kernel's working
directory and home are the throw-away folder, which holds only the notebook; its ``widgets``
and ``datasets`` are a private copy for this run only. Cells run in order as in Otter (an error in one cell does not stop the next); after every
cell the probe (widgets/grading/probe.py) prints the answers so far, so a kernel that dies or
hangs still gets credit for the answers it computed before.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

PROBE = Path(__file__).with_name("probe.py")


def _stdout(cell: dict[str, Any]) -> str:
    return "".join(o.get("text", "") for o in cell.get("outputs", [])
                   if o.get("output_type") == "stream" and o.get("name") == "stdout")


def _error_line(cell: dict[str, Any]) -> str | None:
    for output in cell.get("outputs", []):
        if output.get("output_type") == "error":
            value = str(output.get("evalue", "")).strip().splitlines()
            return f"{output.get('ename', 'Error')}: {value[0] if value else ''}".strip(": ")
    return None


def kernel_env(workdir: Path, lib: Path) -> dict[str, str]:
    """The kernel's environment: home, caches and temp files inside the throw-away folder."""
    keep = ("PATH", "LANG", "LC_ALL", "TZ", "SYSTEMROOT")
    env = {k: v for k, v in os.environ.items() if k in keep}
    env.update(HOME=str(workdir), USERPROFILE=str(workdir), TMPDIR=str(workdir / "tmp"),
               IPYTHONDIR=str(workdir / ".ipython"), MPLCONFIGDIR=str(workdir / ".matplotlib"),
               PYTHONPATH=str(lib), BMPL_DATASETS=str(lib / "datasets"),
               PYTHONDONTWRITEBYTECODE="1", PYDEVD_DISABLE_FILE_VALIDATION="1",
               JUPYTER_PLATFORM_DIRS="1")
    return env


def cap(limits: dict[str, int]) -> None:
    """Cap this worker and the kernel it starts: address space and number of processes."""
    if not limits:
        return
    import resource  # POSIX only: limits come with a sandbox, which is Linux inside

    for name, kind in (("memory", "RLIMIT_AS"), ("processes", "RLIMIT_NPROC")):
        if name in limits:
            resource.setrlimit(getattr(resource, kind), (limits[name], limits[name]))


def run(job: dict[str, Any]) -> dict[str, Any]:
    """Execute the job's notebook; the report: answers, cell errors, probe events, how it ended."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    started = time.monotonic()
    deadline = started + float(job["timeout"])
    workdir, token = Path(job["workdir"]), job["token"]
    (workdir / "tmp").mkdir(exist_ok=True)
    cap(job.get("limits", {}))
    nb = nbformat.read(job["notebook"], as_version=4)
    probe = (PROBE.read_text(encoding="utf-8") + "\n" +
             f"install({str(workdir)!r}, {list(job['names'])!r}, {token!r})\n"
             "del install\n")
    snapshot_cell = nbformat.v4.new_code_cell("_bmpl_snapshot()")
    report: dict[str, Any] = {"answers": {}, "not_plain": {}, "events": [], "errors": [],
                              "ended": "ok", "cells": 0}
    client = NotebookClient(nb, timeout=max(1, int(job["timeout"])), kernel_name="python3",
                            allow_errors=True, record_timing=False, shutdown_kernel="immediate",
                            resources={"metadata": {"path": str(workdir)}})

    def snapshot(index: int) -> bool:
        cell = nbformat.v4.new_code_cell(snapshot_cell.source)
        client.timeout = max(1, int(deadline - time.monotonic()) or 1)
        client.execute_cell(cell, index, store_history=False)
        for line in _stdout(cell).splitlines():
            if line.startswith(token):
                found = json.loads(line[len(token):])
                report.update(answers=found["answers"], not_plain=found["not_plain"],
                              events=found["events"])
                return True
        report["events"] = list(dict.fromkeys(
            report["events"] + ["removed or broke the grader's probe"]))
        return False

    code_cells = [(i, c) for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    try:
        with client.setup_kernel(env=kernel_env(workdir, Path(job["lib"])), cwd=str(workdir),
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL):
            client.timeout = max(1, int(deadline - time.monotonic()))
            probe_cell = nbformat.v4.new_code_cell(probe)
            client.execute_cell(probe_cell, 0, store_history=False)
            if _error_line(probe_cell):
                raise RuntimeError(f"the grader's probe failed: {_error_line(probe_cell)}")
            for number, (index, cell) in enumerate(code_cells, start=1):
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise CellTimeoutError("time limit")
                client.timeout = max(1, int(remaining))
                report["cells"], report["cell"] = number, index + 1
                client.execute_cell(cell, index)
                error = _error_line(cell)
                if error:
                    report["errors"].append(f"cell {index + 1}: {error}"[:200])
                snapshot(index)
    except CellTimeoutError:
        report["ended"] = "timed out"
    except DeadKernelError:
        report["ended"] = f"the kernel died in cell {report.get('cell', 0)}"
    report["seconds"] = round(time.monotonic() - started, 2)
    return report


def main() -> int:
    job = json.loads(sys.stdin.read())
    try:
        report = run(job)
    except Exception as error:  # one line for the grade sheet, never a traceback
        first = str(error).splitlines()[0] if str(error) else ""
        report = {"ended": f"{type(error).__name__}: {first}",
                  "answers": {}, "not_plain": {}, "events": [], "errors": [], "cells": 0}
    sys.stdout.write(json.dumps(report) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
