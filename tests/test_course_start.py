"""`python3 course.py start` opens JupyterLab, also in a root shell (a container, a cloud VM)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("course_command", ROOT / "course.py")
course = importlib.util.module_from_spec(spec)
spec.loader.exec_module(course)


@pytest.fixture
def launched(monkeypatch):
    """Run `course.py start` without installing anything or starting a server; collect the command."""
    calls: list[list[str]] = []
    monkeypatch.setattr(course, "setup", lambda *a, **k: Path("/venv/bin/python"))
    monkeypatch.setattr(course.subprocess, "call", lambda command, **k: calls.append(command) or 0)
    return calls


@pytest.mark.parametrize("euid, allow_root", [(0, True), (1000, False)])
def test_start_opens_jupyterlab_as_root_with_one_warning_line(monkeypatch, capsys, launched, euid, allow_root):
    monkeypatch.setattr(course.os, "geteuid", lambda: euid, raising=False)
    assert course.main(["start", "--port", "9999"]) == 0
    (command,) = launched
    assert command[:5] == ["/venv/bin/python", "-m", "jupyter", "lab", course.START_PAGE]
    assert command[5:7] == ["--port", "9999"]
    assert ("--allow-root" in command) is allow_root
    err = capsys.readouterr().err
    if allow_root:
        assert err.count("\n") == 1 and "--allow-root" in err and "root" in err
    else:
        assert err == ""


def test_allow_root_given_by_hand_is_not_doubled():
    command, warning = course.lab_command(Path("py"), ["--allow-root"], as_root=True)
    assert command.count("--allow-root") == 1 and warning is None
