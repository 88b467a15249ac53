"""Run every benchmark and write benchmarks/results.md: numbers next to the budgets of design §8.

    python benchmarks/run_all.py                      # all of them (about 5 minutes)
    python benchmarks/run_all.py kernel_latency ...   # only the ones named

Benchmarks report; they never fail. A benchmark that crashes gets a row saying so.
"""

from __future__ import annotations

import datetime as dt
import importlib
import os
import platform
import subprocess
import sys
import time
import traceback
from importlib import metadata
from pathlib import Path

from common import Row, print_rows

BENCHMARKS = ["import_time", "kernel_latency", "run_all_time", "browser_latency", "charts_live"]
RESULTS = Path(__file__).with_name("results.md")


def _cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def _chromium() -> str:
    try:
        out = subprocess.run(["/usr/bin/chromium", "--version"], capture_output=True, text=True, timeout=20)
        return out.stdout.strip() or "unknown"
    except (OSError, subprocess.TimeoutExpired):
        return "not found"


def _load() -> str:
    return " / ".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "n/a"


def machine() -> list[tuple[str, str]]:
    return [
        ("Machine", f"{_cpu()}, {os.cpu_count()} logical cores, {platform.system()} {platform.release()}"),
        ("Python", platform.python_version()),
        ("Packages", ", ".join(f"{p} {_version(p)}" for p in
                               ("numpy", "pandas", "plotly", "ipywidgets", "anywidget", "jupyterlab", "playwright"))),
        ("Browser", _chromium()),
    ]


def _cell(x: object) -> str:
    return str(x).replace("|", "\\|")


def to_markdown(rows: list[Row], started: dt.datetime, seconds: float, load_before: str, load_after: str) -> str:
    lines = [
        "# Benchmark results",
        "",
        f"Run on {started:%Y-%m-%d %H:%M} UTC with `python benchmarks/run_all.py` ({seconds:.0f} s). "
        "Budgets: design §8. What each number measures: [README.md](README.md).",
        "",
        *[f"- **{k}:** {v}" for k, v in machine()],
        f"- **Load average (1/5/15 min) before / after:** {load_before} → {load_after} "
        "(other work on the machine inflates every number here)",
        "",
        "| benchmark | what | value | budget | within budget | note |",
        "| --- | --- | ---: | --- | :---: | --- |",
    ]
    for r in rows:
        verdict = "" if r.within_budget is None else ("yes" if r.within_budget else "**no**")
        value = "" if r.value != r.value else f"{r.value:,.1f} {r.unit}".strip()  # NaN → empty
        lines.append(f"| {r.benchmark} | {_cell(r.what)} | {value} | {_cell(r.budget)} | {verdict} | {_cell(r.note)} |")
    return "\n".join(lines) + "\n"


def main(names: list[str]) -> None:
    started = dt.datetime.now(dt.timezone.utc)
    load_before = _load()
    t0 = time.perf_counter()
    rows: list[Row] = []
    for name in names or BENCHMARKS:
        print(f"== {name}", flush=True)
        try:
            found = importlib.import_module(name).run()
        except Exception as err:  # a benchmark reports; it never stops the others
            traceback.print_exc()
            found = [Row(name.replace("_", " "), f"did not run: {type(err).__name__}: {err}"[:200],
                         float("nan"), "")]
        print_rows(found)
        rows += found
    RESULTS.write_text(to_markdown(rows, started, time.perf_counter() - t0, load_before, _load()),
                       encoding="utf-8")
    print(f"wrote {RESULTS}")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    main(sys.argv[1:])
