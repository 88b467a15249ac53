"""The grader's sandbox: what bubblewrap and a container may see; the refusal without one.

The attacks themselves run through the real grader in tests/test_grading_attacks.py; here the
command lines are checked for their shape (no Docker engine runs in CI), the documented container
command against the one the grader builds, and ``course.py grade`` where no sandbox can be had:
it refuses, and with ``--no-sandbox`` it grades and says so on every row and in its last line.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from grading_cases import ROOT, read_sheet, write
from widgets.grading import sandbox

STEM = "22_freemium_and_subscription"


def _pairs(cmd: list[str], flag: str, width: int = 2) -> list[list[str]]:
    return [cmd[i + 1:i + 1 + width] for i, word in enumerate(cmd) if word == flag]


def test_bwrap_binds_only_the_submission_read_write(tmp_path):
    work, lib = tmp_path / "0001" / "work", tmp_path / "0001" / "lib"
    cmd = sandbox.bwrap_command(["python", "-m", "x"], work, lib)
    assert _pairs(cmd, "--bind") == [[str(work), str(work)]]
    for flag in ("--unshare-all", "--unshare-user", "--die-with-parent", "--new-session"):
        assert flag in cmd
    assert ["ALL"] in _pairs(cmd, "--cap-drop", 1) and ["/"] in _pairs(cmd, "--remount-ro", 1)
    read_only = {src for src, _ in _pairs(cmd, "--ro-bind") + _pairs(cmd, "--ro-bind-try")}
    allowed = set(sandbox.SYSTEM) | set(sandbox.ETC) | {str(lib)} | \
        {str(p) for p in sandbox.python_roots()}
    assert read_only <= allowed
    for hidden in (ROOT, ROOT / "solutions", Path.home(), tmp_path, tmp_path / "0002"):
        assert str(hidden) not in read_only | {str(work)}
    assert cmd[cmd.index("--") + 1:] == ["python", "-m", "x"]


def test_container_binds_only_the_submission_read_write_with_limits(tmp_path):
    work, lib = tmp_path / "work", tmp_path / "lib"
    cmd = sandbox.container_command("docker", "bmpl-grader", work, lib,
                                    {"PATH": "/x", "HOME": "/grading/work"})
    mounts = [m for (m,) in _pairs(cmd, "--mount", 1)]
    assert mounts == [f"type=bind,src={work},dst=/grading/work",
                      f"type=bind,src={lib},dst=/grading/lib,readonly=true"]
    assert "-v" not in cmd and "--volume" not in cmd and "--privileged" not in cmd
    assert _pairs(cmd, "--network", 1) == [["none"]]
    assert _pairs(cmd, "--memory", 1) == [[f"{sandbox.MEMORY // 2**20}m"]]
    assert _pairs(cmd, "--pids-limit", 1) == [[str(sandbox.PROCESSES)]]
    assert ["ALL"] in _pairs(cmd, "--cap-drop", 1) and "--read-only" in cmd
    assert [e for (e,) in _pairs(cmd, "-e", 1)] == ["HOME=/grading/work"]
    assert cmd[:2] == ["docker", "run"] and \
        cmd[cmd.index("bmpl-grader"):] == ["bmpl-grader", "python", "-m", "widgets.grading.execute"]


def test_the_guide_shows_the_container_command_the_grader_builds():
    guide = " ".join((ROOT / "docs" / "grading.md").read_text(encoding="utf-8").split())
    cmd = sandbox.container_command("docker", "bmpl-grader", Path("WORK"), Path("COURSE"), {})
    documented = " ".join(w for w in cmd if w != "-e")
    shown = documented.replace("-w /grading/work bmpl-grader", "-w /grading/work … bmpl-grader")
    assert shown in guide, shown
    assert "python3 course.py grade 22 submissions/ --container docker --image bmpl-grader" in guide


def _grade(folder: Path, *options: str, path: str | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    if path is not None:
        env["PATH"] = path
    return subprocess.run([sys.executable, str(ROOT / "course.py"), "grade", STEM, str(folder),
                           *options], capture_output=True, text=True, timeout=600, env=env)


@pytest.fixture
def folder(tmp_path) -> Path:
    nb = (ROOT / "exercises" / f"{STEM}.ipynb").read_text(encoding="utf-8")
    write(tmp_path / "submissions", "blank.ipynb", nb)
    write(tmp_path / "submissions", "broken.ipynb", "not a notebook")
    return tmp_path / "submissions"


def test_without_bubblewrap_the_grader_refuses_and_says_why(folder):
    done = _grade(folder, path=str(Path(sys.executable).parent))  # no bwrap on this PATH
    assert done.returncode == 2, done.stderr[-2000:]
    assert re.search(r"no sandbox.*bubblewrap.*--no-sandbox", done.stderr, re.DOTALL), done.stderr
    assert not (folder / "grades.csv").exists()


def test_a_missing_container_engine_is_refused(folder):
    done = _grade(folder, "--container", "podman", path=str(Path(sys.executable).parent))
    assert done.returncode == 2 and "podman is not installed" in done.stderr, done.stderr


@pytest.mark.slow
def test_no_sandbox_grades_only_when_asked_and_says_so_on_every_row(folder):
    done = _grade(folder, "--no-sandbox", path=str(Path(sys.executable).parent))
    assert done.returncode == 0, done.stderr[-2000:]
    rows = read_sheet(folder / "grades.csv")
    assert {r["sandbox"] for r in rows.values()} == {sandbox.UNSANDBOXED}
    assert rows["blank.ipynb"]["auto total"] == "0"
    assert "WARNING: no sandbox" in done.stdout
