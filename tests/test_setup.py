"""course.py: the two commands set up the environment they promise, pinned or newest."""

from __future__ import annotations

import importlib.metadata
import sys
from pathlib import Path

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT))
import course  # noqa: E402  (the stdlib-only script at the top of the repository)


def test_environment_pins_are_read_from_environment_yml(tmp_path: Path):
    env = tmp_path / "environment.yml"
    env.write_text("name: x\ndependencies:\n  - python=3.11\n  - pandas=2.3   # tables\n"
                   "  - otter-grader=7.0\n  - pip=25\n  - pip:\n    - something\n")
    assert course.environment_pins(env) == ["pandas==2.3.*", "otter-grader==7.0.*"]


def test_every_runtime_dependency_is_pinned_for_binder():
    pinned = {pin.split("==")[0] for pin in course.environment_pins()}
    assert {"numpy", "pandas", "plotly", "anywidget", "ipywidgets", "jupyterlab", "otter-grader"} <= pinned


@pytest.mark.skipif(Path(sys.prefix).resolve() != course.PINNED_VENV.resolve(),
                    reason="checks the versions only inside .venv-pinned (python3 course.py test-pinned)")
def test_pinned_environment_has_the_versions_binder_gets():
    wrong = []
    for pin in course.environment_pins():
        name, version = pin.split("==")
        installed = importlib.metadata.version(name)
        if not installed.startswith(version.rstrip("*")):
            wrong.append(f"{name} {installed} (environment.yml pins {version})")
    assert not wrong, wrong


def test_every_file_the_package_reads_is_declared_package_data():
    """A non-editable install ships only modules and declared data: every other file under widgets/ is declared."""
    import fnmatch
    import tomllib

    declared = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]
    undeclared = []
    for path in (ROOT / "widgets").rglob("*"):
        if not path.is_file() or path.suffix in (".py", ".pyc") or "__pycache__" in path.parts:
            continue
        relative = path.relative_to(ROOT)
        packages = [p for p in declared if relative.is_relative_to(Path(*p.split(".")))]
        if not any(fnmatch.fnmatch(str(relative.relative_to(Path(*p.split(".")))), pattern)
                   for p in packages for pattern in declared[p]):
            undeclared.append(str(relative))
    assert undeclared == [], f"add to [tool.setuptools.package-data] in pyproject.toml: {undeclared}"
