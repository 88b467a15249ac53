"""Every command of docs/grading.md and of the README's instructor section, run literally.

The commands run in order in a scratch folder that holds ``course.py`` (a link to the real one),
``submissions/`` (a solution as alice, a blank notebook as bob) and ``variant-submissions/``,
with ``python`` the course's virtual environment. The CSV block becomes ``rubric.csv``. Otter's
Docker command cannot run without Docker: its options are checked against ``otter grade
--help`` of the installed Otter 7 and the zip it names must have been built by the command
before it.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from grading_cases import ROOT, Submissions, read_sheet, write

pytestmark = pytest.mark.slow

DOC = ROOT / "docs" / "grading.md"
BLOCK = re.compile(r"```(?P<lang>\w+)\n(?P<body>.*?)```", re.DOTALL)
COMMANDS = ("python3 course.py", "python -m", "otter ")


def blocks(text: str) -> list[tuple[str, str]]:
    return [(m["lang"], m["body"]) for m in BLOCK.finditer(text)]


def commands(text: str) -> list[str]:
    return [line.strip() for lang, body in blocks(text) if lang == "bash"
            for line in body.splitlines() if line.strip().startswith(COMMANDS)]


def readme_instructor_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## For instructors", 1)[1].split("\n## ", 1)[0]
    return [c.split("  #", 1)[0].strip() for c in commands(section)]


def otter_options() -> set[str]:
    help_text = subprocess.run([str(Path(sys.executable).parent / "otter"), "grade", "--help"],
                               capture_output=True, text=True, check=True).stdout
    return set(re.findall(r"(?<![\w-])(--?[a-z][\w-]*)", help_text))


def check_otter_grade(command: str, cwd: Path) -> None:
    words = shlex.split(command)
    assert words[:2] == ["otter", "grade"], command
    used = {w for w in words if w.startswith("-")}
    unknown = used - otter_options()
    assert not unknown, f"not options of Otter 7's otter grade: {unknown}"
    zip_path = words[words.index("-a") + 1]
    assert (cwd / zip_path).is_file(), f"{zip_path} is not built by the commands before it"
    assert (cwd / words[-1]).is_dir(), "the submissions folder is the last argument"


def test_readme_shows_only_tested_commands():
    documented = commands(DOC.read_text(encoding="utf-8"))
    for command in readme_instructor_commands():
        assert command in documented, f"README command not in docs/grading.md: {command}"


def test_every_command_in_the_grading_guide_works(tmp_path):
    text = DOC.read_text(encoding="utf-8")
    subs = Submissions("22_freemium_and_subscription", tmp_path / "assign")
    (tmp_path / "course.py").symlink_to(ROOT / "course.py")
    write(tmp_path / "submissions", "alice.ipynb", subs.all_right())
    write(tmp_path / "submissions", "bob.ipynb", subs.student)
    write(tmp_path / "variant-submissions", "carol.ipynb", subs.student)
    csv_blocks = [body for lang, body in blocks(text) if lang == "csv"]
    assert len(csv_blocks) == 1
    (tmp_path / "rubric.csv").write_text(csv_blocks[0], encoding="utf-8")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
           "PYTHONPATH": str(ROOT)}
    ran = commands(text)
    assert any(c.startswith("python3 course.py grade") for c in ran)
    for command in ran:
        if command.startswith("otter grade"):
            check_otter_grade(command, tmp_path)
            continue
        done = subprocess.run(command, shell=True, cwd=tmp_path, env=env, capture_output=True,
                              text=True, timeout=900)
        assert done.returncode == 0, f"{command}\n{done.stderr[-2000:]}"
    rows = read_sheet(tmp_path / "submissions" / "grades.csv")
    assert (rows["alice.ipynb"]["auto total"], rows["alice.ipynb"]["total"]) == ("9", "11.5")
    assert (rows["bob.ipynb"]["auto total"], rows["bob.ipynb"]["total"]) == ("0", "1")
    assert (tmp_path / "variant-submissions" / "grades.csv").is_file()
    assert (tmp_path / "variant-22-7" / "student" / "22_freemium_and_subscription.ipynb").is_file()
    assert shutil.which("python", path=env["PATH"]) is not None


def test_rubric_scores_above_the_points_are_refused(tmp_path):
    from widgets.grading import sheet

    grades = tmp_path / "grades.csv"
    grades.write_text('submission,"q6 (3, by hand)",auto total,total\na.ipynb,,9,\n',
                      encoding="utf-8")
    rubric = tmp_path / "rubric.csv"
    rubric.write_text("submission,q6\na.ipynb,4\n", encoding="utf-8")
    with pytest.raises(ValueError, match="a.ipynb: q6 must be between 0 and 3, not 4"):
        sheet.merge_rubric(grades, rubric)
