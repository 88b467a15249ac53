"""Course-authoring tools: student notebooks and autograders built from the Otter-Grader masters.

For maintainers and instructors only (lessons never import it). Otter-Grader is imported inside
the functions, so ``import widgets`` stays cheap. See docs/exercises.md.

    python -m widgets.authoring build [STEM ...]        regenerate exercises/<stem>.ipynb
    python -m widgets.authoring check [STEM ...]        exit 1 if a committed copy is stale
    python -m widgets.authoring autograder STEM [OUT]   write OUT/<stem>-autograder.zip

Grading lives in widgets/grading (``python course.py grade LESSON FOLDER``, docs/grading.md).
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import hashlib
import io
import json
import re
import shutil
import sys
import tempfile
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

ROOT = Path(__file__).resolve().parents[1]
SOLUTIONS = ROOT / "solutions"
EXERCISES = ROOT / "exercises"
CONFIG_HEADER = "# ASSIGNMENT CONFIG"
VARIANT_HEADER = "# VARIANT"  # the master's declaration of a graded variant (widgets/grading)
# Copied beside every submission by the autograder, so graded notebooks can `import widgets`.
AUTOGRADER_FOLDERS = ("widgets", "datasets")
# Cell metadata Otter writes on purpose (answer-cell tags, locked prompt and check cells).
KEPT_CELL_METADATA = ("deletable", "editable", "tags")
AUTOGRADER_PYTHON = "3.11"  # the Python of environment.yml, for the grading machine's environment
KEPT_NOTEBOOK_METADATA = ("kernelspec", "otter")
OTTER_INIT = re.compile(r"^# Initialize Otter\s*\nimport otter\s*\n"
                        r"grader = otter\.Notebook\((?P<name>[^)]*)\)\s*$")
KERNELSPEC = {"display_name": "Python 3", "language": "python", "name": "python3"}


@dataclass(frozen=True)
class Build:
    """What one ``otter assign`` run produced: the student notebook (normalised) and the zip."""

    stem: str
    student: str            # exercises/<stem>.ipynb, exactly as it is committed
    solution: Path          # the solution-filled notebook Otter grades against (autograder copy)
    autograder: Path        # <stem>-autograder.zip


def stems(folder: Path = SOLUTIONS) -> list[str]:
    """Stems of every exercise master, in course order."""
    return sorted(p.stem for p in folder.glob("*.ipynb"))


def master_path(stem: str, folder: Path = SOLUTIONS) -> Path:
    """The master notebook for ``stem``; ValueError if there is none."""
    path = folder / f"{stem}.ipynb"
    if not path.is_file():
        raise ValueError(f"no exercise master {path} (known: {', '.join(stems(folder)) or 'none'})")
    return path


def _runtime_requirements() -> str:
    """The course package's runtime dependencies from pyproject.toml, one per line."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return "\n".join(project["dependencies"]) + "\n"


def _with_autograder_config(master: dict[str, Any]) -> dict[str, Any]:
    """The master with the grading-machine settings added to its ASSIGNMENT CONFIG cell."""
    import yaml

    nb = copy.deepcopy(master)
    nb["cells"] = [c for c in nb["cells"] if not (  # a graded variant's declaration stays private
        c["cell_type"] == "raw" and "".join(c["source"]).lstrip().startswith(VARIANT_HEADER))]
    cell = nb["cells"][0]
    source = "".join(cell["source"])
    if cell["cell_type"] != "raw" or not source.lstrip().startswith(CONFIG_HEADER):
        raise ValueError(f"the first cell of a master must be a raw '{CONFIG_HEADER}' cell")
    config = yaml.safe_load(source.split(CONFIG_HEADER, 1)[1]) or {}
    config.update(generate=config.get("generate") or True, run_tests=False,
                  autograder_files=list(AUTOGRADER_FOLDERS), requirements="requirements.txt",
                  python_version=AUTOGRADER_PYTHON)
    cell["source"] = CONFIG_HEADER + "\n" + yaml.safe_dump(config, sort_keys=False)
    return nb


def _stable_id(source: str, seen: dict[str, int]) -> str:
    """A cell id from the cell's text: the same on every build, unique within the notebook."""
    base = hashlib.sha1(source.encode("utf-8")).hexdigest()[:12]
    seen[base] = seen.get(base, 0) + 1
    return base if seen[base] == 1 else f"{base}-{seen[base]}"


def with_feedback(source: str) -> str:
    """Otter's first cell, made to give one-line feedback (widgets/feedback.py)."""
    match = OTTER_INIT.search(source)
    if not match:
        return source
    return (f"# Initialize Otter (each check prints one line of feedback)\nimport otter\n"
            f"from widgets import feedback\n\ngrader = feedback.Notebook({match['name']})")


def normalise(nb: dict[str, Any]) -> dict[str, Any]:
    """Strip what Otter writes at random or from the build machine: ids, outputs, stray metadata."""
    seen: dict[str, int] = {}
    cells = []
    for cell in nb["cells"]:
        source = with_feedback("".join(cell["source"]))
        out: dict[str, Any] = {
            "cell_type": cell["cell_type"],
            "id": _stable_id(source, seen),
            "metadata": {k: cell["metadata"][k] for k in KEPT_CELL_METADATA
                         if k in cell.get("metadata", {})},
            "source": source.splitlines(keepends=True),
        }
        if cell["cell_type"] == "code":
            out.update(execution_count=None, outputs=[])
        cells.append(out)
    metadata = {k: nb["metadata"][k] for k in KEPT_NOTEBOOK_METADATA if k in nb["metadata"]}
    metadata["kernelspec"] = KERNELSPEC
    return {"cells": cells, "metadata": metadata, "nbformat": 4, "nbformat_minor": 5}


def dumps(nb: dict[str, Any]) -> str:
    """The fixed JSON layout of a committed notebook (nbformat's: indent 1, sorted keys)."""
    return json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def assign(stem: str, workdir: Path, *, solutions: Path = SOLUTIONS, quiet: bool = True) -> Build:
    """Run ``otter assign`` on one master inside ``workdir``: the student text and the zip."""
    from otter.assign import main as otter_assign

    workdir = Path(workdir)
    source = workdir / "source"
    source.mkdir(parents=True, exist_ok=True)
    master = json.loads(master_path(stem, solutions).read_text(encoding="utf-8"))
    (source / f"{stem}.ipynb").write_text(json.dumps(_with_autograder_config(master)),
                                          encoding="utf-8")
    (source / "requirements.txt").write_text(_runtime_requirements(), encoding="utf-8")
    for folder in AUTOGRADER_FOLDERS:
        shutil.copytree(ROOT / folder, source / folder, dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc", ".ipynb_checkpoints"))
    dist = workdir / "dist"
    out = io.StringIO()
    with contextlib.redirect_stdout(out) if quiet else contextlib.nullcontext():
        try:
            otter_assign(str(source / f"{stem}.ipynb"), str(dist), no_pdfs=True, no_run_tests=True)
        except Exception as error:  # Otter's own messages are terse: say which master failed
            raise RuntimeError(f"otter assign failed on solutions/{stem}.ipynb: {error}\n"
                               f"{out.getvalue()}") from error
    student = json.loads((dist / "student" / f"{stem}.ipynb").read_text(encoding="utf-8"))
    zips = sorted((dist / "autograder").glob("*.zip"))
    if len(zips) != 1:
        raise RuntimeError(f"expected one autograder zip for {stem}, found {zips}")
    return Build(stem, dumps(normalise(student)), dist / "autograder" / f"{stem}.ipynb", zips[0])


def _selected(names: Iterable[str] | None) -> list[str]:
    return list(names) if names else stems()


def build(names: Iterable[str] | None = None) -> list[Path]:
    """Regenerate ``exercises/<stem>.ipynb`` for the given masters (all when none are given)."""
    EXERCISES.mkdir(exist_ok=True)
    written = []
    for stem in _selected(names):
        with tempfile.TemporaryDirectory() as tmp:
            target = EXERCISES / f"{stem}.ipynb"
            target.write_text(assign(stem, Path(tmp)).student, encoding="utf-8")
            written.append(target)
    return written


def stale(names: Iterable[str] | None = None) -> list[str]:
    """Stems whose committed student notebook differs from a fresh build (or is missing)."""
    out = []
    for stem in _selected(names):
        committed = EXERCISES / f"{stem}.ipynb"
        with tempfile.TemporaryDirectory() as tmp:
            fresh = assign(stem, Path(tmp)).student
        if not committed.is_file() or committed.read_text(encoding="utf-8") != fresh:
            out.append(stem)
    return out


def autograder(stem: str, outdir: Path | str = ".") -> Path:
    """Build the autograder zip for one master into ``outdir/<stem>-autograder.zip``."""
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    target = outdir / f"{stem}-autograder.zip"
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copy(assign(stem, Path(tmp)).autograder, target)
    return target


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point (see the module docstring)."""
    parser = argparse.ArgumentParser(prog="python -m widgets.authoring", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("build", help="regenerate exercises/ from solutions/").add_argument(
        "stems", nargs="*")
    sub.add_parser("check", help="fail if exercises/ is stale").add_argument("stems", nargs="*")
    ag = sub.add_parser("autograder", help="build the autograder zip for one master")
    ag.add_argument("stem")
    ag.add_argument("outdir", nargs="?", default=".")
    args = parser.parse_args(argv)

    if args.command == "build":
        for path in build(args.stems):
            print(f"wrote {path.relative_to(ROOT)}")
    elif args.command == "check":
        out_of_date = stale(args.stems)
        for stem in out_of_date:
            print(f"exercises/{stem}.ipynb differs from a fresh build of solutions/{stem}.ipynb; "
                  "run: python -m widgets.authoring build", file=sys.stderr)
        if out_of_date:
            return 1
        print(f"{len(_selected(args.stems))} exercise notebook(s) up to date")
    elif args.command == "autograder":
        print(f"wrote {autograder(args.stem, args.outdir)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
