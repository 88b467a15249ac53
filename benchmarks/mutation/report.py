"""Summarise cosmic-ray sessions: killed and surviving mutants per module, code and declarations apart.

Usage: python report.py WORKDIR [--survivors] [--shares NAME:CODE:DECLARATIONS,...]

``--shares`` counts only the mutants that sample.py would keep at those shares, so a run made with a
larger sample can be compared with a smaller one, mutant for mutant.
"""

from __future__ import annotations

import ast
import hashlib
import sqlite3
import sys
from collections import defaultdict
from pathlib import Path

SPEC = ("select s.job_id, s.module_path, s.operator_name, s.operator_args, s.occurrence, s.start_pos_row, "
        "s.start_pos_col from mutation_specs s")


def declaration_lines(path: Path) -> set[int]:
    """Lines of the module's ``PARAMETERS = Parameters(...)`` declaration."""
    lines: set[int] = set()
    for node in ast.parse(path.read_text()).body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "PARAMETERS" for t in node.targets):
            lines |= set(range(node.lineno, node.end_lineno + 1))
    return lines


def sample_keys(rows: list[tuple], work: Path) -> dict[str, tuple[str, float]]:
    """job id -> (kind, a number in [0, 1] fixed by what the mutant changes, not by where the line is)."""
    rank, seen = {}, defaultdict(int)
    for job, path, op, _, _, row, col in sorted(rows, key=lambda r: r[4]):   # NumberReplacer: +1 then −1
        rank[job] = seen[(path, op, row, col)]
        seen[(path, op, row, col)] += 1
    out = {}
    for job, path, op, args, _, row, col in rows:
        lines = (work / path).read_text().splitlines()
        kind = "declarations" if row in declaration_lines(work / path) else "code"
        same_line = sum(1 for line in lines[:row - 1] if line.strip() == lines[row - 1].strip())
        key = f"{path}|{op}|{args}|{lines[row - 1].strip()}|{col}|{same_line}|{rank[job]}"
        out[job] = kind, int(hashlib.sha256(key.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF
    return out


def main(work: Path, survivors: bool, shares: dict[str, tuple[float, float]]) -> None:
    total = {"code": [0, 0], "declarations": [0, 0]}
    print(f"{'module':<14} {'code killed':>12} {'declarations killed':>20}")
    for db_path in sorted((work / "cr").glob("*.sqlite")):
        db = sqlite3.connect(db_path)
        specs = db.execute(SPEC).fetchall()
        keys = sample_keys(specs, work)
        results = db.execute("select s.job_id, s.module_path, s.start_pos_row, s.operator_name, r.test_outcome, "
                             "r.diff from mutation_specs s join work_results r on r.job_id = s.job_id "
                             "where r.worker_outcome = 'NORMAL'").fetchall()
        counts = {"code": [0, 0], "declarations": [0, 0]}
        for job, module, row, operator, outcome, diff in results:
            kind, h = keys[job]
            if db_path.stem in shares and h >= shares[db_path.stem][kind == "declarations"]:
                continue
            counts[kind][0] += outcome == "KILLED"
            counts[kind][1] += 1
            if survivors and outcome == "SURVIVED":
                change = [line for line in diff.splitlines() if line[:1] in "+-" and line[:3] not in ("+++", "---")]
                print(f"  SURVIVED {module}:{row} {operator.split('/')[-1]}: {' | '.join(change)}")
        for kind in total:
            total[kind][0] += counts[kind][0]
            total[kind][1] += counts[kind][1]
        print(f"{db_path.stem:<14} {'%d/%d' % tuple(counts['code']):>12} {'%d/%d' % tuple(counts['declarations']):>20}")
    for kind, (killed, run) in total.items():
        print(f"{kind}: {killed} of {run} killed ({killed / run:.0%})" if run else f"{kind}: none run")


if __name__ == "__main__":
    args = sys.argv[1:]
    given = args[args.index("--shares") + 1] if "--shares" in args else ""
    parsed = {name: (float(code), float(decl)) for name, code, decl in
              (item.split(":") for item in given.split(",") if item)}
    main(Path(args[0]), "--survivors" in args, parsed)
