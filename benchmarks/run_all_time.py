"""Restart & Run All, headless: each lesson in a fresh kernel, as nbclient (and nbval) run it.

Reports two times per lesson: running the cells in a kernel that has just started (what a
learner waits for after "Restart & Run All" once the kernel is up), and the total including
starting the kernel. The working folder is lessons/, as in JupyterLab.
Budget (design §8): under 10 s per lesson (the budget applies to the total).
"""

from __future__ import annotations

import re
import time

import nbformat
from nbclient import NotebookClient

from common import LESSONS, Row, print_rows

BUDGET_S = 10.0


def time_lesson(path) -> tuple[float, float, tuple[float, int]]:
    """(total seconds including kernel start, seconds running the cells, (slowest cell s, index))."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=120, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    t0 = time.perf_counter()
    with client.setup_kernel():
        t1 = time.perf_counter()
        slowest = (0.0, -1)
        for index, cell in enumerate(nb.cells):
            t = time.perf_counter()
            client.execute_cell(cell, index)
            slowest = max(slowest, (time.perf_counter() - t, index))
        t2 = time.perf_counter()
    return t2 - t0, t2 - t1, slowest


def run() -> list[Row]:
    rows = []
    for path in sorted(LESSONS.glob("*.ipynb")):
        try:
            total, cells, (slow, index) = time_lesson(path)
        except Exception as err:  # one broken lesson must not hide the others' times
            text = re.sub(r"\x1b\[[0-9;]*m", "", str(err)).strip()  # drop terminal colours
            first_line = text.splitlines()[-1] if text else ""
            rows.append(Row("run all", f"{path.stem}: did not run ({type(err).__name__})", float("nan"), "s",
                            f"< {BUDGET_S:g} s", False, first_line[:160]))
            continue
        rows.append(Row("run all", f"{path.stem}: kernel start + all cells", total, "s",
                        f"< {BUDGET_S:g} s", total < BUDGET_S,
                        f"cells alone {cells:.2f} s; slowest cell #{index} {slow:.2f} s"))
    return rows


if __name__ == "__main__":
    print_rows(run())
