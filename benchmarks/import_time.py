"""What importing the course package adds to importing its dependencies, in fresh interpreters.

Each repetition starts a new Python, imports pandas, plotly, plotly.graph_objects and ipywidgets
(the cost a notebook pays anyway), then times ``import widgets`` and, in a separate run,
``import widgets.explorers.freemium`` (a lesson's typical first import: model, explorer, theme).
Median over REPEATS runs. Budget (design §8): ``import widgets`` adds under 0.1 s.
"""

from __future__ import annotations

import subprocess
import sys

from common import ROOT, Row, median, print_rows

REPEATS = 7
BUDGET_S = 0.1
DEPENDENCIES = "import pandas, plotly, plotly.graph_objects, ipywidgets"

_PROBE = """
import time
t0 = time.perf_counter()
{deps}
t1 = time.perf_counter()
import {target}
t2 = time.perf_counter()
print(t1 - t0, t2 - t1)
"""


def _once(target: str) -> tuple[float, float]:
    code = _PROBE.format(deps=DEPENDENCIES, target=target)
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    deps, extra = out.stdout.split()
    return float(deps), float(extra)


def run() -> list[Row]:
    rows = []
    for target, budget in (("widgets", BUDGET_S), ("widgets.explorers.freemium", None)):
        runs = [_once(target) for _ in range(REPEATS)]
        deps, extra = median([r[0] for r in runs]), median([r[1] for r in runs])
        if target == "widgets":
            rows.append(Row("import time", "pandas + plotly + plotly.graph_objects + ipywidgets", deps, "s",
                            note=f"median of {REPEATS} fresh interpreters"))
        rows.append(Row("import time", f"import {target}, on top of those", extra * 1000, "ms",
                        f"< {budget * 1000:g} ms" if budget else "",
                        extra < budget if budget else None, f"median of {REPEATS}"))
    return rows


if __name__ == "__main__":
    print_rows(run())
