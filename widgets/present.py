"""Present a lesson in class: Voilà on one lesson, with large type and one idea per screen.

    python3 course.py present 22 [--port 8866] [--browser]

Voilà runs the lesson in a fresh kernel and shows its text, charts and live explorers without
any code; a reload runs it again. The course's Voilà template (``widgets/share/voila/templates/
bmpl-present``) adds large type and cuts the lesson into full-height screens (a heading and what
follows it, or one explorer), so Page Down / Space step through it. ``BMPL_PRESENT=1`` in the
kernel's environment turns each explorer's company dropdown into buttons to click through
(widgets/explorers/base.py). Nothing is fetched from the internet: Voilà serves its own
JavaScript, MathJax included.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LESSONS = ROOT / "lessons"
TEMPLATES = Path(__file__).resolve().parent / "share"   # a Jupyter data folder: voila/templates/<name>/
TEMPLATE = "bmpl-present"
DEFAULT_PORT = 8866


def find_lesson(which: str, lessons: Path = LESSONS) -> Path:
    """A lesson by number ("22", "5" for 05), by name ("22_freemium_and_subscription") or by path."""
    given = Path(which)
    if given.suffix == ".ipynb" and given.exists():
        return given.resolve()
    stem = given.stem
    if stem.isdigit():
        stem = f"{int(stem):02d}"
    found = sorted(p for p in lessons.glob("*.ipynb") if p.stem == stem or p.stem.startswith(f"{stem}_"))
    if len(found) == 1:
        return found[0]
    names = ", ".join(p.stem for p in sorted(lessons.glob("*.ipynb")))
    raise ValueError(f"no single lesson matches {which!r}; the lessons are: {names}")


def voila_command(notebook: Path, port: int = DEFAULT_PORT, browser: bool = False,
                  python: str = sys.executable, extra: list[str] | None = None) -> list[str]:
    """The Voilà command line that serves ``notebook`` for the projector on 127.0.0.1:``port``."""
    command = [
        python, "-m", "voila", str(notebook),
        f"--template={TEMPLATE}", "--theme=light",
        f"--port={port}", "--Voila.ip=127.0.0.1",
        "--show_tracebacks=False",
    ]
    if not browser:
        command.append("--no-browser")
    return [*command, *(extra or [])]


def voila_environment(base: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for Voilà and its kernels: the course's template found first, explorers in
    presenting mode, and the course package importable from anywhere."""
    env = dict(os.environ if base is None else base)
    env["JUPYTER_PATH"] = os.pathsep.join(p for p in (str(TEMPLATES), env.get("JUPYTER_PATH", "")) if p)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    env["BMPL_PRESENT"] = "1"
    return env


def url(port: int = DEFAULT_PORT) -> str:
    return f"http://127.0.0.1:{port}/"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python3 course.py present",
        description="Open a lesson for the projector: large type, one idea per screen, live explorers, no code.")
    parser.add_argument("lesson", help="lesson number or name, e.g. 22 or 22_freemium_and_subscription")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port on 127.0.0.1 (default {DEFAULT_PORT})")
    parser.add_argument("--browser", action="store_true", help="also open the page in your web browser")
    args, extra = parser.parse_known_args(argv)
    try:
        notebook = find_lesson(args.lesson)
    except ValueError as err:
        parser.error(str(err))
    print(f"Presenting {notebook.relative_to(ROOT) if notebook.is_relative_to(ROOT) else notebook} at "
          f"{url(args.port)}\n  Page Down / Space: next screen · Tab: the explorer's controls · "
          f"a reload runs the lesson again · Ctrl+C here to stop.", flush=True)
    try:
        return subprocess.call(voila_command(notebook, args.port, args.browser, extra=extra),
                               env=voila_environment(), cwd=notebook.parent)
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":
    sys.exit(main())
