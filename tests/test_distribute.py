"""Links for a class (course.py links): Binder and JupyterHub nbgitpuller links for every lesson and exercise.

The links are parsed back with urllib (every notebook appears once, every value percent-encoded as
nbgitpuller's link generator does); one is opened in a real JupyterLab with nbgitpuller, against a
local bare clone of the course, and the notebook must land in the server's folder.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
import urllib.request
from pathlib import Path
from urllib.parse import parse_qs, quote, urlencode, urlsplit

import pytest

from widgets import distribute
from widgets.course_map import lessons

from conftest import ROOT

REPO, REF = distribute.readme_repository(ROOT)
HUB = "https://hub.example.edu"


def _one(query: str) -> dict[str, str]:
    parsed = parse_qs(query, strict_parsing=True)
    assert all(len(v) == 1 for v in parsed.values()), parsed
    return {k: v[0] for k, v in parsed.items()}


def test_the_default_repository_is_the_readme_badges():
    badge = re.search(r"\(https://mybinder\.org/v2/gh/([^?]+)\?", (ROOT / "README.md").read_text()).group(1)
    org, name = distribute.github_parts(REPO)
    assert badge == f"{org}/{name}/{REF}"


def test_every_lesson_and_exercise_has_both_links():
    paths = [t.path for t in distribute.targets(ROOT)]
    expected = [f"lessons/{l.stem}.ipynb" for l in lessons(ROOT)] + \
               [f"exercises/{l.stem}.ipynb" for l in lessons(ROOT) if l.has_exercise]
    assert sorted(paths) == sorted(expected) and len(set(paths)) == len(paths)
    assert all((ROOT / p).is_file() for p in paths)
    text = distribute.report(REPO, REF, HUB, ROOT)
    for path in paths:
        assert distribute.binder_link(REPO, REF, path) in text
        assert distribute.hub_link(HUB, REPO, REF, path) in text
    assert "JupyterHub:" not in distribute.report(REPO, REF, None, ROOT)


def test_binder_link_shape():
    link = distribute.binder_link(REPO, REF, "exercises/22_freemium_and_subscription.ipynb")
    parts = urlsplit(link)
    org, name = distribute.github_parts(REPO)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "mybinder.org", f"/v2/gh/{org}/{name}/{REF}")
    assert _one(parts.query) == {"urlpath": "lab/tree/exercises/22_freemium_and_subscription.ipynb"}
    assert "/" not in parts.query  # the urlpath is encoded as a whole, as mybinder.org's own form does


def test_hub_link_shape_and_encoding():
    repo = "https://github.com/some-org/my course"  # a space and slashes must survive the round trip
    link = distribute.hub_link(HUB + "/", repo, "feature/x", "lessons/10_crowdfunding.ipynb")
    parts = urlsplit(link)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "hub.example.edu", "/hub/user-redirect/git-pull")
    assert _one(parts.query) == {"repo": repo, "branch": "feature/x",
                                 "urlpath": "lab/tree/my course/lessons/10_crowdfunding.ipynb"}
    assert "%2F" in parts.query and "%3A" in parts.query and "%20" in parts.query
    assert not re.search(r"[ /:+]", parts.query)  # encodeURIComponent leaves none of these bare


def test_a_repository_that_is_not_on_github_has_no_binder_link():
    with pytest.raises(ValueError, match="github.com"):
        distribute.binder_link("file:///tmp/course.git", "main", "lessons/x.ipynb")
    assert distribute.clone_folder("file:///tmp/course.git") == "course.git"


def test_the_course_command_prints_the_links(monkeypatch, capsys):
    """`course.py links` runs widgets.distribute with the course's Python (nothing installed here)."""
    spec = importlib.util.spec_from_file_location("course_command", ROOT / "course.py")
    course = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(course)
    calls = []
    monkeypatch.setattr(course, "venv_python", lambda *a: Path(sys.executable))
    monkeypatch.setattr(course.subprocess, "call", lambda command, **k: calls.append((command, k["env"])) or 0)
    assert course.main(["links", "--hub", HUB]) == 0
    ((command, env),) = calls
    assert command == [sys.executable, "-m", "widgets.distribute", "--hub", HUB] and env["PYTHONPATH"] == str(ROOT)
    assert distribute.main(["--hub", HUB]) == 0
    out = capsys.readouterr().out
    assert out.count("mybinder.org/v2/gh/") == len(distribute.targets(ROOT))
    assert out.count(f"{HUB}/hub/user-redirect/git-pull?") == len(distribute.targets(ROOT))


@pytest.mark.slow
def test_a_hub_link_pulls_the_notebook_into_a_real_jupyterlab(tmp_path):
    pytest.importorskip("nbgitpuller", reason="pip install -e '.[test]' installs nbgitpuller")
    from browser_lab import JupyterLab

    remote = tmp_path / "remote" / "course.git"
    subprocess.run(["git", "init", "--quiet", "--bare", str(remote)], check=True)
    subprocess.run(["git", "-C", str(ROOT), "push", "--quiet", str(remote), "HEAD:refs/heads/main"], check=True)
    home = tmp_path / "home"
    home.mkdir()
    path = "exercises/22_freemium_and_subscription.ipynb"
    with JupyterLab(home) as lab:
        link = urlsplit(distribute.hub_link(lab.base, remote.as_uri(), "main", path))
        # JupyterHub turns /hub/user-redirect/ into the user's own server: here, the server itself
        assert link.path == "/hub/user-redirect/git-pull"
        query = _one(link.query)
        page = _get(lab, f"/git-pull?{link.query}")
        assert f'data-path="{quote(query["urlpath"])}"' in page   # where it sends the user
        assert f'data-targetpath="{quote("course.git")}"' in page
        # what the page's script then calls (nbgitpuller's status page), streaming the pull's progress
        events = _get(lab, "/git-pull/api?" + urlencode(
            {"repo": query["repo"], "branch": query["branch"], "targetpath": "course.git"}))
        assert '"phase": "finished"' in events, events[-2000:]
        landed = home / query["urlpath"].removeprefix("lab/tree/")
        committed = subprocess.run(["git", "-C", str(ROOT), "show", f"HEAD:{path}"], capture_output=True,
                                   check=True).stdout
        assert landed.is_file() and landed.read_bytes() == committed
        listed = lab.api("GET", "/api/contents/" + query["urlpath"].removeprefix("lab/tree/"))
        assert listed["type"] == "notebook"


def _get(lab, path: str) -> str:
    request = urllib.request.Request(f"{lab.base}{path}", headers={"Authorization": f"token {lab.token}"})
    with urllib.request.urlopen(request, timeout=120) as response:
        return response.read().decode()
