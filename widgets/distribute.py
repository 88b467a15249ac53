"""Links to hand a class: for every lesson and exercise, a Binder link and a JupyterHub nbgitpuller link.

    python3 course.py links [--repo URL] [--ref main] [--hub https://hub.example.edu]

The repository defaults to the one README.md's Binder badge launches. The nbgitpuller link has the
form nbgitpuller's link generator writes: every value percent-encoded as JavaScript's
``encodeURIComponent`` does, and ``urlpath`` starting with the folder nbgitpuller clones into
(the last part of the repository URL), because it is relative to the user's home on the hub.
"""

from __future__ import annotations

import argparse
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlencode

from widgets.course_map import lessons

ROOT = Path(__file__).resolve().parents[1]
BADGE = re.compile(r"mybinder\.org/v2/gh/(?P<org>[\w.-]+)/(?P<repo>[\w.-]+)/(?P<ref>[\w./-]+?)(?:\?|\))")


@dataclass(frozen=True)
class Target:
    """One notebook to hand out: what it is and its path in the repository."""

    label: str
    path: str


def readme_repository(root: Path = ROOT) -> tuple[str, str]:
    """(GitHub URL, ref) that README.md's Binder badge launches."""
    match = BADGE.search((root / "README.md").read_text(encoding="utf-8"))
    if not match:
        raise ValueError("README.md has no mybinder.org/v2/gh/<org>/<repo>/<ref> badge: pass --repo")
    return f"https://github.com/{match['org']}/{match['repo']}", match["ref"]


def _query(params: dict[str, str]) -> str:
    return urlencode(params, quote_via=quote, safe="")  # as encodeURIComponent: '/' and ':' encoded too


def github_parts(repo_url: str) -> tuple[str, str]:
    """(org, name) of a https://github.com/<org>/<name> URL; ValueError for anything else."""
    match = re.fullmatch(r"https://github\.com/([\w.-]+)/([\w.-]+?)(?:\.git)?/?", repo_url)
    if not match:
        raise ValueError(f"Binder links need a https://github.com/<org>/<repo> URL, not {repo_url!r}")
    return match.group(1), match.group(2)


def binder_link(repo_url: str, ref: str, path: str) -> str:
    """mybinder.org link that builds the repository at ``ref`` and opens ``path`` in JupyterLab."""
    org, name = github_parts(repo_url)
    return f"https://mybinder.org/v2/gh/{org}/{name}/{quote(ref, safe='')}?" + _query({"urlpath": f"lab/tree/{path}"})


def clone_folder(repo_url: str) -> str:
    """The folder nbgitpuller clones into: the URL's last part, as nbgitpuller takes it."""
    return repo_url.rstrip("/").split("/")[-1]


def hub_link(hub_url: str, repo_url: str, ref: str, path: str) -> str:
    """JupyterHub link that pulls the repository into the user's home with nbgitpuller and opens ``path``."""
    folder = clone_folder(repo_url)
    return f"{hub_url.rstrip('/')}/hub/user-redirect/git-pull?" + _query(
        {"repo": repo_url, "urlpath": f"lab/tree/{folder}/{path}", "branch": ref})


def targets(root: Path = ROOT) -> list[Target]:
    """Every lesson and every exercise notebook, in course order."""
    out = []
    for lesson in lessons(root):
        out.append(Target(f"{lesson.number:02d} lesson · {lesson.title}", f"lessons/{lesson.stem}.ipynb"))
        if lesson.has_exercise:
            out.append(Target(f"{lesson.number:02d} exercise · {lesson.title}", f"exercises/{lesson.stem}.ipynb"))
    return out


def report(repo_url: str, ref: str, hub_url: str | None, root: Path = ROOT) -> str:
    """The text ``course.py links`` prints: one block per notebook."""
    lines = [f"Repository {repo_url} at {ref}", ""]
    for target in targets(root):
        lines += [target.label, f"  Binder:     {binder_link(repo_url, ref, target.path)}"]
        if hub_url:
            lines.append(f"  JupyterHub: {hub_link(hub_url, repo_url, ref, target.path)}")
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="course.py links", description=__doc__.split("\n\n")[0])
    parser.add_argument("--repo", help="the course's GitHub URL (default: README.md's Binder badge)")
    parser.add_argument("--ref", help="branch, tag or commit (default: the badge's, e.g. main)")
    parser.add_argument("--hub", help="your JupyterHub's URL, e.g. https://hub.example.edu (adds nbgitpuller links)")
    args = parser.parse_args(argv)
    default_repo, default_ref = readme_repository()
    print(report(args.repo or default_repo, args.ref or default_ref, args.hub))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
