#!/usr/bin/env python3
"""Set up the course and open it, or run its tests: the two commands in the README.

    python3 course.py start   # make .venv, install the course, open JupyterLab on the start page
    python3 course.py test    # make .venv, install the course with its test tools, run every test
    python3 course.py test-pinned  # the same in .venv-pinned, with the versions environment.yml pins
    python3 course.py settings  # (Binder's postBuild) quiet JupyterLab's news pop-up in this Python
    python3 course.py grade LESSON SUBMISSIONS_DIR [--timeout S] [--jobs N]   # -> grades.csv
    python3 course.py variant LESSON --seed N OUTDIR   # a graded variant for instructors
    python3 course.py rubric GRADES_CSV RUBRIC_CSV     # merge hand-graded scores into grades.csv
    python3 course.py links [--hub URL] [--repo URL] [--ref REF]  # Binder and JupyterHub links for a class
    python3 course.py present LESSON [--port N] [--browser]  # a lesson on the projector: large type, no code
    python3 course.py debrief SUBMISSIONS_DIR [--metric cash|value|users] [--out DIR] [--jobs N]  # replay capstone logs
    python3 course.py market new|run|status DIR ...  # the capstone's class market (docs/capstone.md)

Extra arguments after ``test`` go to pytest (e.g. ``python3 course.py test -k freemium``); without
any, the suite runs in two parts (WHOLE_SUITE). ``test-pinned`` without arguments runs the first part.
Uses only the standard library, so it runs before anything is installed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("BMPL_VENV", ROOT / ".venv"))
PINNED_VENV = ROOT / ".venv-pinned"  # what Binder users get: environment.yml's versions
START_PAGE = "lessons/00_start_here.ipynb"
GRADING_COMMANDS = ("grade", "variant", "rubric")  # run by widgets/grading with the venv's Python
# Commands run as a module of the course package, with the venv's Python, arguments passed on.
MODULE_COMMANDS = {"present": "widgets.present", "debrief": "widgets.capstone.debrief",
                   "market": "widgets.capstone.classroom"}


# JupyterLab settings for a calm classroom: no "get notified about Jupyter news?" pop-up.
LAB_SETTINGS = {"@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False}}


def write_lab_settings(prefix: Path) -> None:
    """Write JupyterLab's overrides.json into the environment at ``prefix``."""
    folder = prefix / "share" / "jupyter" / "lab" / "settings"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "overrides.json").write_text(json.dumps(LAB_SETTINGS, indent=2) + "\n")


def venv_python(env: Path = VENV) -> Path:
    """The virtual environment's interpreter (bin/ on Linux and macOS, Scripts\\ on Windows)."""
    return env / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def environment_pins(path: Path = ROOT / "environment.yml") -> list[str]:
    """environment.yml's conda pins (``pandas=2.3``) as pip constraints (``pandas==2.3.*``).

    Binder builds environment.yml, so these are the versions learners on Binder get; python and
    pip themselves are the interpreter's business, not a package to constrain.
    """
    pins = []
    for line in path.read_text().splitlines():
        entry = line.split("#")[0].strip()
        if not entry.startswith("- ") or "=" not in entry:
            continue
        name, version = (part.strip() for part in entry[2:].split("=", 1))
        if name not in ("python", "pip"):
            pins.append(f"{name}=={version}.*")
    return pins


def setup(extras: str, env: Path = VENV, pins: list[str] | None = None) -> Path:
    """Create ``env`` if needed and install the course (editable) with ``extras``, within ``pins``."""
    if sys.version_info < (3, 11):
        sys.exit(f"The course needs Python 3.11 or newer; this is {sys.version.split()[0]}.")
    python = venv_python(env)
    if not python.exists():
        print(f"Creating the virtual environment in {env} …", flush=True)
        venv.EnvBuilder(with_pip=True).create(env)
    marker = env / f".installed-{extras or 'base'}"
    stamp = f"{(ROOT / 'pyproject.toml').stat().st_mtime} {' '.join(pins or [])}"
    if not marker.exists() or marker.read_text() != stamp:
        print("Installing the course and its dependencies …", flush=True)
        target = f".[{extras}]" if extras else "."
        constraints = []
        if pins:
            pin_file = env / "pins.txt"
            pin_file.write_text("\n".join(pins) + "\n")
            constraints = ["-c", str(pin_file)]
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--upgrade", "pip"], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "-e", target, *constraints],
                       cwd=ROOT, check=True)
        write_lab_settings(env)
        marker.write_text(stamp)
    return python


ROOT_WARNING = ("Note: running as root (a container or a cloud VM?), so JupyterLab starts with --allow-root; "
                "on your own computer, run the course as an ordinary user.")


def running_as_root() -> bool:
    """True in a root shell, where Jupyter refuses to start unless given --allow-root."""
    return hasattr(os, "geteuid") and os.geteuid() == 0


def lab_command(python: Path, extra: list[str], as_root: bool) -> tuple[list[str], str | None]:
    """The command that opens JupyterLab on the start page, and a one-line warning to print first (or None)."""
    command = [str(python), "-m", "jupyter", "lab", START_PAGE, *extra]
    if not as_root or "--allow-root" in extra:
        return command, None
    return [*command, "--allow-root"], ROOT_WARNING


# The whole suite in two runs: everything but the browser on two workers (one file stays on one
# worker, so a notebook's cells share their kernel), then the browser tests, which share one
# JupyterLab and one Chromium, on their own.
WHOLE_SUITE = [["-m", "not browser", "-n", "2", "--dist", "loadfile"], ["-m", "browser"]]


def run_tests(python: Path, runs: list[list[str]]) -> int:
    """pytest once per run (a list of arguments each), in turn; the first failing run's exit code."""
    status = 0
    for run in runs:
        code = subprocess.call([str(python), "-m", "pytest", *run], cwd=ROOT)
        status = status or code
    return status


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "help"
    if command == "start":
        python = setup("instructor")
        lab, warning = lab_command(python, argv[1:], running_as_root())
        if warning:
            print(warning, file=sys.stderr, flush=True)
        return subprocess.call(lab, cwd=ROOT)
    if command == "test":
        python = setup("test")
        return run_tests(python, [argv[1:]] if argv[1:] else WHOLE_SUITE)
    if command == "test-pinned":
        python = setup("test", PINNED_VENV, environment_pins())
        return run_tests(python, [argv[1:]] if argv[1:] else WHOLE_SUITE[:1])
    if command in GRADING_COMMANDS or command == "links":
        python = venv_python() if venv_python().exists() else setup("instructor")
        env = {**os.environ, "PYTHONPATH": str(ROOT)}  # paths stay relative to where you are
        module = ["widgets.grading", *argv] if command in GRADING_COMMANDS else ["widgets.distribute", *argv[1:]]
        return subprocess.call([str(python), "-m", *module], env=env)
    if command in MODULE_COMMANDS:
        python = venv_python() if venv_python().exists() else setup("instructor")
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        return subprocess.call([str(python), "-m", MODULE_COMMANDS[command], *argv[1:]], env=env)
    if command == "settings":
        write_lab_settings(Path(sys.prefix))
        return 0
    print(__doc__)
    return 0 if command in ("help", "-h", "--help") else 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
