"""Mark a fixed sample of a cosmic-ray session's mutants to run and skip the rest.

Usage (in the work folder): python sample.py NAME CODE_SHARE DECLARATION_SHARE

A mutant is kept when a number fixed by what it changes (file, operator, the text of the line,
column, which mutation of that spot; see report.sample_keys) falls below the share for its kind, so
a run over edited code keeps the same mutants wherever the line is unchanged. Declarations are the
lines of ``PARAMETERS``.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

from report import SPEC, sample_keys


def main(name: str, code_share: float, declaration_share: float) -> None:
    db = sqlite3.connect(f"cr/{name}.sqlite")
    rows = db.execute(SPEC + " where s.job_id not in (select job_id from work_results)").fetchall()
    kept = {"code": 0, "declarations": 0}
    for job, (kind, h) in sample_keys(rows, Path(".")).items():
        if h < (declaration_share if kind == "declarations" else code_share):
            kept[kind] += 1
        else:
            db.execute("insert into work_results(worker_outcome, output, test_outcome, diff, job_id) "
                       "values ('SKIPPED', 'not sampled', NULL, '', ?)", (job,))
    db.commit()
    print(name, "mutants to run:", kept)


if __name__ == "__main__":
    main(sys.argv[1], float(sys.argv[2]), float(sys.argv[3]))
