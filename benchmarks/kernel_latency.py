"""Kernel-side time of one control change, for every explorer and preset, against `interact`.

Explorer path (what a slider move costs): ``explorer.set(name=value)`` — validate, model,
takeaway, and the FigureWidget update in ``batch_update()``, including encoding the update
message as the kernel would (JSON + binary buffers).

Naive baseline, measured in the same run on the same values: what ``ipywidgets.interact`` with a
fresh ``go.Figure`` does on every change — run the model and the takeaway, build new figures
(copies of the explorer's, ``go.Figure(fig.to_dict())``), draw the result into them and serialise
them for display (``fig.to_json()``).

Budget (design §8): p95 under 15 ms per change for every explorer.
"""

from __future__ import annotations

import itertools
import json
import time
from pathlib import Path
from typing import Any

import comm
import plotly.graph_objects as go
from comm.base_comm import BaseComm

from common import Row, percentile, print_rows

CHANGES = 240          # control changes per explorer and preset (≥ 200)
CONTROLS_CYCLED = 4    # the first few controls take turns
VALUES_PER_CONTROL = 7  # in-range values each control cycles through
BUDGET_MS = 15.0


class EncodingComm(BaseComm):
    """A comm that encodes each message as ipykernel would (JSON + buffers) and drops it."""

    encoded_bytes = 0

    def publish_msg(self, msg_type: str, data: Any = None, metadata: Any = None,
                    buffers: Any = None, **keys: Any) -> None:
        EncodingComm.encoded_bytes += len(json.dumps(data, default=str, allow_nan=False).encode())
        EncodingComm.encoded_bytes += sum(len(memoryview(b).cast("B")) for b in (buffers or []))


def _install_encoding_comm() -> None:
    comm.create_comm = lambda *args, **kwargs: EncodingComm(*args, **kwargs)


def _values(param: Any) -> list[float]:
    """In-range values for one parameter, on its step grid, from low to high."""
    lo, hi, step = param.min, param.max, param.step
    out = []
    for i in range(VALUES_PER_CONTROL):
        v = lo + (hi - lo) * i / (VALUES_PER_CONTROL - 1)
        v = lo + round((v - lo) / step) * step
        v = min(max(v, lo), hi)
        out.append(int(round(v)) if param.integer else round(v, 12))
    return out


def change_plan(explorer: Any) -> list[tuple[str, float]]:
    """CHANGES (name, value) pairs: the first controls, each moving through its range in turn."""
    params = list(explorer.parameters)[:CONTROLS_CYCLED]
    cycles = [itertools.cycle(_values(p)) for p in params]
    plan = []
    for i in range(CHANGES):
        k = i % len(params)
        plan.append((params[k].name, next(cycles[k])))
    return plan


def time_explorer(explorer: Any, plan: list[tuple[str, float]]) -> list[float]:
    """Milliseconds per ``explorer.set`` (validate + model + takeaway + chart update)."""
    samples = []
    for name, value in plan:
        t = time.perf_counter()
        explorer.set(**{name: value})
        samples.append((time.perf_counter() - t) * 1000)
    return samples


def time_interact(explorer: Any, plan: list[tuple[str, float]]) -> list[float]:
    """Milliseconds per change for interact + fresh go.Figure: model, takeaway, new figures, JSON."""
    templates = [fig.to_dict() for fig in explorer.figures]
    values = dict(explorer.values)
    samples = []
    for name, value in plan:
        t = time.perf_counter()
        values = explorer.parameters.validate({**values, name: value})
        result = explorer.model(values)
        explorer.takeaway(result, values, explorer.currency)
        fresh = [go.Figure(spec) for spec in templates]
        explorer.draw(fresh, result)
        for fig in fresh:
            fig.to_json()
        samples.append((time.perf_counter() - t) * 1000)
    return samples


def run() -> list[Row]:
    _install_encoding_comm()
    from widgets.explorers import all_explorers

    rows = []
    for cls_name, cls in sorted(all_explorers().items()):
        for preset in cls.presets:
            explorer = cls(company=preset.name)
            plan = change_plan(explorer)
            time_explorer(explorer, plan[:20])  # warm-up: imports, caches
            fast = time_explorer(explorer, plan)
            explorer.reset()
            naive = time_interact(explorer, plan)
            p50, p95 = percentile(fast, 50), percentile(fast, 95)
            label = f"{cls_name} · {preset.name}"
            rows += [
                Row("kernel latency", f"{label}: explorer p50", p50, "ms"),
                Row("kernel latency", f"{label}: explorer p95", p95, "ms", f"< {BUDGET_MS:g} ms",
                    p95 < BUDGET_MS, f"{len(fast)} changes"),
                Row("kernel latency", f"{label}: interact + go.Figure p50", percentile(naive, 50), "ms"),
                Row("kernel latency", f"{label}: interact + go.Figure p95", percentile(naive, 95), "ms",
                    note="baseline, same values"),
            ]
    return rows + capstone_rows()


def capstone_rows() -> list[Row]:
    """The capstone's dashboard (lesson 49): a control move redraws the quarter's forecast (engine on a copy of
    the game + charts + sentence); a play commits the quarter (engine + charts + canvas + the log saved)."""
    import tempfile

    from widgets.capstone import companies
    from widgets.capstone.dashboard import CapstoneDashboard

    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for key, company in companies.COMPANIES.items():
            board = CapstoneDashboard(company=key, log_path=Path(folder) / "capstone.{company}.log.json")
            params = list(company.decisions)[:CONTROLS_CYCLED]
            cycles = [itertools.cycle(_values(p)) for p in params]
            moves, plays = [], []
            for i in range(CHANGES):
                k = i % len(params)
                t = time.perf_counter()
                board.set(**{params[k].name: next(cycles[k])})
                moves.append((time.perf_counter() - t) * 1000)
                if i % (CHANGES // board.rounds) == CHANGES // board.rounds - 1 and not board.game.finished:
                    t = time.perf_counter()
                    board.play()
                    plays.append((time.perf_counter() - t) * 1000)
            label = f"CapstoneDashboard · {company.name}"
            rows += [
                Row("kernel latency", f"{label}: control move p95", percentile(moves, 95), "ms", f"< {BUDGET_MS:g} ms",
                    percentile(moves, 95) < BUDGET_MS, f"{len(moves)} changes (forecast of the next quarter)"),
                Row("kernel latency", f"{label}: play a quarter p95", percentile(plays, 95), "ms", f"< {BUDGET_MS:g} ms",
                    percentile(plays, 95) < BUDGET_MS, f"{len(plays)} quarters (engine, charts, canvas, log saved)"),
            ]
    return rows


if __name__ == "__main__":
    print_rows(run())
