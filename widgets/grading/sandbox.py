"""Where a submission's worker runs: a bubblewrap sandbox (Linux), a container, or, asked for, none.

Inside bubblewrap the worker and its kernel see the submission's throw-away folder (read-write),
the grader's copy of the course package and datasets and the installed Python (read-only), a
private ``/tmp``, their own processes only (own PID namespace) and no network; the worker caps
the address space and the number of processes before the kernel starts, and where the kernel
does not count processes (the grader runs as root) a pids cgroup counts them. Every other
submission, the masters, the instructor's folders and the home folder are simply not there.
The container route (Docker or Podman, for macOS and Windows) gives the same view.
"""

from __future__ import annotations

import functools
import os
import platform
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

MEMORY = 2 * 2**30        # bytes of address space per process in a sandbox
PROCESSES = 256           # processes and threads in one sandbox
SYSTEM = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")
ETC = ("/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/localtime",
       "/etc/fonts")
INSIDE = PurePosixPath("/grading")  # a container sees the submission (work/), the course (lib/)
KINDS = ("bwrap", "docker", "podman", "none")
UNSANDBOXED = "none: ran with your rights (--no-sandbox)"
JOIN = ("import os, sys\n"
        "for group in filter(None, sys.argv[1].split(os.pathsep)):\n"
        "    with open(os.path.join(group, 'cgroup.procs'), 'w') as f:\n"
        "        f.write(str(os.getpid()))\n"
        "os.execvp(sys.argv[2], sys.argv[2:])\n")


class Unavailable(RuntimeError):
    """No sandbox can be had here; the message says why and what the instructor can do."""


def python_roots() -> list[Path]:
    """The folders of the running Python: its virtual environment and the base installation."""
    found = {Path(p).resolve() for p in (sys.prefix, sys.base_prefix, sys.exec_prefix,
                                          sys.base_exec_prefix)}
    found.add(Path(sys.executable).resolve().parents[1])
    return sorted(p for p in found if not any(o != p and p.is_relative_to(o) for o in found))


def bwrap_command(argv: list[str], work: Path, lib: Path) -> list[str]:
    """``bwrap`` flags and binds that show ``argv`` only its folder, the course copy and Python."""
    cmd = [shutil.which("bwrap") or "bwrap", "--unshare-all", "--unshare-user",
           "--uid", "65534", "--gid", "65534", "--cap-drop", "ALL", "--die-with-parent",
           "--new-session", "--hostname", "grader"]
    for path in SYSTEM:
        if os.path.islink(path):
            cmd += ["--symlink", os.readlink(path), path]
        elif os.path.isdir(path):
            cmd += ["--ro-bind", path, path]
    for path in ETC:
        cmd += ["--ro-bind-try", path, path]
    cmd += ["--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"]
    for root in python_roots():
        cmd += ["--ro-bind", str(root), str(root)]
    cmd += ["--ro-bind", str(lib), str(lib), "--bind", str(work), str(work),
            "--remount-ro", "/", "--chdir", str(work), "--", *argv]
    return cmd


def container_command(engine: str, image: str, work: Path, lib: Path,
                      env: dict[str, str]) -> list[str]:
    """``docker run`` / ``podman run`` of the worker: only the submission's folder is writable."""
    settings = [f"{k}={v}" for k, v in env.items() if k not in ("PATH", "SYSTEMROOT")]
    return [engine, "run", "--rm", "-i", "--network", "none",
            "--memory", f"{MEMORY // 2**20}m", "--memory-swap", f"{MEMORY // 2**20}m",
            "--pids-limit", str(PROCESSES), "--cap-drop", "ALL",
            "--security-opt", "no-new-privileges", "--read-only", "--tmpfs", "/tmp",
            "--mount", f"type=bind,src={work},dst={INSIDE / 'work'}",
            "--mount", f"type=bind,src={lib},dst={INSIDE / 'lib'},readonly=true",
            "-w", str(INSIDE / "work"), *[w for s in settings for w in ("-e", s)],
            image, "python", "-m", "widgets.grading.execute"]


def _cgroup_parents() -> list[Path]:
    """Where this process may make a child pids cgroup (cgroup v1 or v2), most specific first."""
    try:
        lines = Path("/proc/self/cgroup").read_text().splitlines()
    except OSError:
        return []
    out = []
    for line in lines:
        _, controllers, where = line.split(":", 2)
        if "pids" in controllers.split(","):
            out.append(Path("/sys/fs/cgroup/pids") / where.lstrip("/"))
        elif controllers == "":
            for mount in (Path("/sys/fs/cgroup"), Path("/sys/fs/cgroup/unified")):
                control = mount / where.lstrip("/") / "cgroup.subtree_control"
                if control.is_file() and "pids" in control.read_text().split():
                    out.append(control.parent)
    return out


def make_cgroup() -> Path | None:
    """A fresh cgroup that holds at most ``PROCESSES`` processes, or None if none can be made."""
    for parent in _cgroup_parents():
        group = parent / f"bmpl-{secrets.token_hex(6)}"
        try:
            group.mkdir()
        except OSError:
            continue
        try:
            (group / "pids.max").write_text(str(PROCESSES))
            return group
        except OSError:
            group.rmdir()
    return None


def remove_cgroup(group: Path | None) -> None:
    """Kill whatever is left in a sandbox's cgroup, then remove it."""
    for _ in range(100 if group else 0):
        try:
            pids = (group / "cgroup.procs").read_text().split()
        except OSError:
            return
        for pid in pids:
            try:
                os.kill(int(pid), signal.SIGKILL)
            except (ProcessLookupError, PermissionError, ValueError):
                pass
        try:
            group.rmdir()
            return
        except OSError:
            time.sleep(0.05)


@dataclass(frozen=True)
class Sandbox:
    """How workers start: ``kind`` is bwrap, docker, podman or none; ``image`` for containers."""

    kind: str = "bwrap"
    image: str = "bmpl-grader"

    @property
    def label(self) -> str:
        """The sheet's ``sandbox`` column."""
        return {"bwrap": "bubblewrap", "none": UNSANDBOXED}.get(self.kind,
                                                                f"{self.kind} {self.image}")

    def inside(self, work: Path, lib: Path) -> tuple[Any, Any]:
        """Where the worker sees the submission's folder and the course copy."""
        if self.kind in ("docker", "podman"):
            return INSIDE / "work", INSIDE / "lib"
        return work, lib

    def limits(self) -> dict[str, int]:
        """What the worker caps before the kernel starts (nothing when unsandboxed)."""
        return {} if self.kind == "none" else {"memory": MEMORY, "processes": PROCESSES}

    def check(self, *private: Path) -> None:
        """Raise Unavailable unless a submission can run here without seeing ``private`` paths."""
        if self.kind not in KINDS:
            raise Unavailable(f"unknown sandbox {self.kind!r} (one of {', '.join(KINDS)})")
        if self.kind in ("docker", "podman") and not shutil.which(self.kind):
            raise Unavailable(f"{self.kind} is not installed or not on PATH")
        if self.kind == "bwrap":
            shown = [root for root in python_roots() for path in private
                     if Path(path).resolve().is_relative_to(root)]
            why = bwrap_problem() or (shown and f"{shown[0]}, which holds the submissions or the "
                                      "master, would be visible as the installed Python")
            if why:
                raise Unavailable(
                    f"no sandbox for the submissions: {why}. Submissions would run with your "
                    "rights. Grade in containers (--container docker or podman, see "
                    "docs/grading.md), or add --no-sandbox on a machine or account that holds "
                    "nothing else of value.")

    def start(self, argv: list[str], work: Path, lib: Path, env: dict[str, str]
              ) -> tuple[subprocess.Popen, Path | None]:
        """Start the worker ``argv`` (env as it should see it); the process and its cgroup."""
        group = None
        popen: dict[str, Any] = {"stdin": subprocess.PIPE, "stdout": subprocess.PIPE,
                                 "stderr": subprocess.DEVNULL, "start_new_session": True}
        if self.kind in ("docker", "podman"):
            cmd = container_command(self.kind, self.image, work, lib, env)
            return subprocess.Popen(cmd, **popen), None
        if self.kind == "none":
            return subprocess.Popen(argv, cwd=work, env=env, **popen), None
        cmd = bwrap_command(argv, work, lib)
        if needs_cgroup():
            group = make_cgroup()
            if group is None:
                raise Unavailable("no pids cgroup could be made for this submission")
            cmd = [sys.executable, "-I", "-c", JOIN, str(group), *cmd]
        return subprocess.Popen(cmd, cwd=work, env=env, **popen), group


def needs_cgroup() -> bool:
    """Whether processes must be counted by a cgroup: the kernel never limits root's."""
    return hasattr(os, "getuid") and os.getuid() == 0


@functools.lru_cache(maxsize=1)
def bwrap_problem() -> str | None:
    """Why bubblewrap cannot sandbox a worker here (None when it can): tried once, for real."""
    if platform.system() != "Linux":
        return f"bubblewrap runs on Linux only, not {platform.system()}"
    if not shutil.which("bwrap"):
        return "bubblewrap (bwrap) is not installed (Debian/Ubuntu: apt-get install bubblewrap)"
    if needs_cgroup():
        group = make_cgroup()
        if group is None:
            return ("the grader runs as root, whose processes the kernel does not count, and "
                    "no pids cgroup can be made to count them; run it as an ordinary user")
        remove_cgroup(group)
    with tempfile.TemporaryDirectory(prefix="bmpl-sandbox-") as tmp:
        work, lib = Path(tmp, "work"), Path(tmp, "lib")
        work.mkdir()
        lib.mkdir()
        try:
            done = subprocess.run(bwrap_command([sys.executable, "-c", "print('ok')"], work, lib),
                                  capture_output=True, text=True, timeout=60)
        except (OSError, subprocess.TimeoutExpired) as error:
            return f"bubblewrap could not start ({error})"
    if done.returncode != 0 or done.stdout.strip() != "ok":
        lines = (done.stderr or done.stdout).strip().splitlines()
        return f"bubblewrap failed here ({lines[-1] if lines else done.returncode})"
    return None
