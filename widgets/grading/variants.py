"""Graded variants: the same exercise with other illustrative numbers, for instructors only.

A master declares what may vary in a raw cell that starts with ``# VARIANT`` (YAML):

    parameters:            # each illustrative number: the master's value and the values to use
      cost_free: {value: 0.05, grid: [0.03, 0.04, 0.06, 0.07, 0.08]}
    derived:               # numbers the text states that follow from the parameters (Python)
      retention: "1 - paid_churn"
    replace:               # every place a number appears: exact text -> text with <<name:format>>
    - {find: "k_f = \\$0.05$", with: "k_f = \\$<<cost_free:.2f>>$"}

Sourced company figures are never parameters. Variant ``seed`` takes, for every parameter, the
``seed``-th value of a fixed shuffle of its grid, so two seeds below the grid's size differ in
every number and none equals the public master's. ``build`` writes the student notebook to
``OUTDIR/student/`` and the variant's worked solution (its master) and autograder zip to
``OUTDIR/instructor/``, never into the repository.
"""

from __future__ import annotations

import copy
import json
import random
import re
import tempfile
from pathlib import Path
from typing import Any

from widgets import authoring
from widgets.grading import masters

PLACEHOLDER = re.compile(r"<<(?P<name>\w+)(?::(?P<spec>[^>]*))?>>")


def spec(master: dict[str, Any]) -> dict[str, Any]:
    """The master's ``# VARIANT`` declaration; ValueError if it has none or it is malformed."""
    declared = masters.parse(master).variant
    if not declared:
        raise ValueError("this master declares no variant: add a raw '# VARIANT' cell "
                         "(see docs/grading.md)")
    for name, p in declared.get("parameters", {}).items():
        grid = p.get("grid", [])
        if len(grid) < 2 or p.get("value") in grid:
            raise ValueError(f"variant parameter {name}: the grid needs two or more values "
                             f"other than the master's {p.get('value')}")
    return declared


def values(declared: dict[str, Any], seed: int, setup: str = "") -> dict[str, Any]:
    """The parameters of variant ``seed`` and the derived numbers computed from them."""
    if seed < 1:
        raise ValueError(f"seed must be a whole number >= 1, not {seed}")
    chosen = {}
    for name, p in declared.get("parameters", {}).items():
        grid = list(p["grid"])
        random.Random(f"{name}").shuffle(grid)  # fixed per parameter: seed k -> k-th value
        chosen[name] = grid[(seed - 1) % len(grid)]
    namespace: dict[str, Any] = {}
    if declared.get("derived"):
        exec(setup, namespace)  # the master's own setup cell: trusted course code
        namespace.update(chosen)
        for name, expression in declared["derived"].items():
            chosen[name] = eval(expression, namespace)
            namespace[name] = chosen[name]
    return chosen


def render(template: str, chosen: dict[str, Any]) -> str:
    return PLACEHOLDER.sub(lambda m: format(chosen[m["name"]], m["spec"] or ""), template)


def apply(master: dict[str, Any], seed: int) -> dict[str, Any]:
    """The variant master for ``seed``: every declared place rewritten, the declaration removed."""
    declared = spec(master)
    chosen = values(declared, seed, masters.parse(master).setup)
    nb = copy.deepcopy(master)
    nb["cells"] = [c for c in nb["cells"] if not (
        c["cell_type"] == "raw" and masters.source(c).lstrip().startswith(masters.VARIANT_HEADER))]
    texts = [masters.source(c) for c in nb["cells"]]
    for rule in declared.get("replace", []):
        find, replacement = rule["find"], render(rule["with"], chosen)
        if not any(find in t for t in texts):
            raise ValueError(f"variant rule does not match the master any more: {find!r}")
        texts = [t.replace(find, replacement) for t in texts]
    for cell, text in zip(nb["cells"], texts):
        cell["source"] = text.splitlines(keepends=True)
    nb.setdefault("metadata", {})["bmpl_variant"] = {"seed": seed, "values": {
        k: v for k, v in chosen.items() if isinstance(v, (int, float, str))}}
    return nb


def build(master_path: Path, seed: int, outdir: Path) -> list[Path]:
    """Write variant ``seed`` of a master: student notebook, worked solution and autograder."""
    master_path, outdir = Path(master_path), Path(outdir)
    stem = master_path.stem
    variant = apply(json.loads(master_path.read_text(encoding="utf-8")), seed)
    student_dir, instructor_dir = outdir / "student", outdir / "instructor"
    student_dir.mkdir(parents=True, exist_ok=True)
    instructor_dir.mkdir(parents=True, exist_ok=True)
    master_out = instructor_dir / f"{stem}.ipynb"
    master_out.write_text(json.dumps(variant, indent=1, ensure_ascii=False) + "\n",
                          encoding="utf-8")
    with tempfile.TemporaryDirectory(prefix="bmpl-variant-") as tmp:
        built = authoring.assign(stem, Path(tmp) / "build", solutions=instructor_dir)
        student = json.loads(built.student)
        student["metadata"]["bmpl_variant"] = {"seed": seed}
        student_out = student_dir / f"{stem}.ipynb"
        student_out.write_text(authoring.dumps(student), encoding="utf-8")
        zip_out = instructor_dir / f"{stem}-autograder.zip"
        zip_out.write_bytes(built.autograder.read_bytes())
    return [student_out, master_out, zip_out]
