"""Command line: ``python -m widgets.grading grade|variant|rubric ...`` (course.py calls it).

    grade LESSON FOLDER [--timeout S] [--jobs N] [--master FILE]   -> FOLDER/grades.csv
          [--container docker|podman [--image IMAGE] | --no-sandbox]   (default: bubblewrap)
    variant LESSON --seed N OUTDIR                                  -> a graded variant in OUTDIR
    rubric GRADES RUBRIC                                            -> written-answer scores merged
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from widgets.grading import folder, sandbox, sheet

SOLUTIONS = folder.ROOT / "solutions"


def master_for(lesson: str) -> Path:
    """The master of a lesson given as ``22``, ``22_freemium_and_subscription`` or a path."""
    path = Path(lesson)
    if path.suffix == ".ipynb" and path.is_file() and path.parent.name != "lessons":
        return path
    stem = path.stem if path.suffix else lesson
    found = sorted(SOLUTIONS.glob(f"{stem}*.ipynb"))
    exact = [p for p in found if p.stem == stem or p.stem.split("_", 1)[0] == stem]
    if len(exact) == 1:
        return exact[0]
    known = ", ".join(p.stem for p in sorted(SOLUTIONS.glob("*.ipynb")))
    raise SystemExit(f"no single exercise master for {lesson!r} in solutions/ (known: {known})")


def summary(box: sandbox.Sandbox) -> str:
    """The last line of ``grade``: where the submissions ran."""
    if box.kind == "none":
        return ("WARNING: no sandbox (--no-sandbox): every submission ran with your rights and "
                "could read or change your files; each row says so in its sandbox column")
    return f"every submission ran in a sandbox ({box.label}): its own folder, no network"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python course.py", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    gr = sub.add_parser("grade", help="grade a folder of submitted notebooks into grades.csv")
    gr.add_argument("lesson", help="lesson number or stem, e.g. 22")
    gr.add_argument("folder", help="folder of submitted .ipynb files (searched recursively)")
    gr.add_argument("--timeout", type=float, default=folder.DEFAULT_TIMEOUT,
                    help=f"seconds per submission (default {folder.DEFAULT_TIMEOUT:g})")
    gr.add_argument("--jobs", type=int, default=None, help="submissions run at once (default: "
                    "one per CPU core)")
    gr.add_argument("--master", help="grade against this master instead (a variant's)")
    gr.add_argument("--output", help="where to write the sheet (default FOLDER/grades.csv)")
    where = gr.add_mutually_exclusive_group()
    where.add_argument("--container", choices=("docker", "podman"),
                       help="run each submission in a container instead of bubblewrap")
    where.add_argument("--no-sandbox", action="store_true",
                       help="run submissions with your rights when no sandbox can be had")
    gr.add_argument("--image", default=sandbox.Sandbox.image,
                    help="the container image with the course's Python (default %(default)s)")
    va = sub.add_parser("variant", help="build a graded variant of an exercise")
    va.add_argument("lesson")
    va.add_argument("--seed", type=int, required=True)
    va.add_argument("outdir")
    ru = sub.add_parser("rubric", help="merge written-answer scores into grades.csv")
    ru.add_argument("grades")
    ru.add_argument("rubric")
    args = parser.parse_args(argv)

    if args.command == "grade":
        master = Path(args.master) if args.master else master_for(args.lesson)
        box = sandbox.Sandbox("none" if args.no_sandbox else args.container or "bwrap",
                              args.image)
        try:
            target = folder.grade(master, args.folder, timeout=args.timeout, jobs=args.jobs,
                                  output=args.output, sandbox=box)
        except sandbox.Unavailable as error:
            print(f"not graded: {error}", file=sys.stderr)
            return 2
        print(f"wrote {target}")
        print(summary(box))
    elif args.command == "variant":
        from widgets.grading import variants
        for path in variants.build(master_for(args.lesson), args.seed, Path(args.outdir)):
            print(f"wrote {path}")
    elif args.command == "rubric":
        print(f"wrote {sheet.merge_rubric(Path(args.grades), Path(args.rubric))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
