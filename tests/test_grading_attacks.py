"""The course grader against honest, broken and hostile submissions (exercise 22 and 01).

Every submission in one folder is graded by the one command (``python course.py grade``); each
attack's answers are wrong except the ones named, so its expected score is exactly what those
real answers earn, and its row must say ``tampering suspected``. The attacks are the ones that
scored full marks under Otter's in-kernel grading: numpy's comparison replaced and ``==``
always true, Otter's doctest runner patched, test files rewritten, a dataset the hidden tests
read edited, a file written outside the grading folder. The folder is graded against a variant
master kept in an ``instructor/`` folder, by a grader whose home holds an answer key and whose
machine serves the answers on a local port; the sandbox attacks (``SANDBOX_ATTACKS``) look for
all of it through ``/proc``, by path, from a shell and over the network, rewrite classmates'
files, fork and allocate without end. Each answers wrong and runs the answers it steals, so any
success is a score above zero; the classmates' files must be byte-for-byte unchanged.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from grading_cases import ROOT, Submissions, read_sheet, write

pytestmark = pytest.mark.slow

STEM = "22_freemium_and_subscription"
WRONG = {"q1": "q1 = 0.5", "q2": "q2 = 1.0", "q3": "q3 = 30", "q4": "q4 = 1.0", "q5": 'q5 = "A"'}
POINTS = {"q1": 2, "q2": 2, "q3": 2, "q4": 2, "q5": 1}
TIMEOUT = 90


def wrong_except(subs: Submissions, *right: str) -> dict[str, str]:
    return {q: "solution" if q in right else WRONG[q] for q in subs.questions}


def expected(*right: str) -> str:
    return f"{sum(POINTS[q] for q in right):g}"


NUMPY_AND_EQ = '''
import numpy as np
np.isclose = lambda *args, **kwargs: True
np.allclose = lambda *args, **kwargs: True

class Always(int):
    def __eq__(self, other):
        return True
    __hash__ = int.__hash__

class AlwaysStr(str):
    def __eq__(self, other):
        return True
    __hash__ = str.__hash__
'''

OTTER_PATCH = '''
try:
    import otter.test_files.ok_test as ok_test
    ok_test.run_doctest = lambda *args, **kwargs: (True, "")
except Exception:
    pass
grader.check = lambda *args, **kwargs: None
'''

REWRITE_TESTS = '''
import os
for folder in ("tests", "../tests"):
    try:
        os.makedirs(folder, exist_ok=True)
        for q in ("q1", "q2", "q3", "q4", "q5"):
            with open(os.path.join(folder, q + ".py"), "w") as f:
                f.write("test = {'name': '%s', 'points': 99, 'suites': []}" % q)
    except OSError:
        pass
'''

ESCAPE = '''
writer = getattr(__import__("built" + "ins"), "op" + "en")
with writer({target!r}, "w") as f:
    f.write("outside")
'''


STEAL = '''
import glob, json, os, socket, subprocess
KEY, MASTER, FOLDER, HOME = {key!r}, {master!r}, {folder!r}, {home!r}
ALLOWED, PORT = {allowed!r}, {port!r}
RIGHT = {right!r}

def read(path):
    try:
        with open(path) as f:
            return f.read()
    except Exception:
        return None

def use(found):
    """Run what was stolen: a master notebook's code cells, or Python code."""
    if not found:
        return
    try:
        cells = ["".join(c["source"]) for c in json.loads(found)["cells"]
                 if c["cell_type"] == "code"]
    except Exception:
        cells = [found]
    for code in cells:
        try:
            exec(code, globals())
        except Exception:
            pass

def processes(what):
    """Text of /proc/*/<what> for every process this kernel can see."""
    return [read(p) or "" for p in glob.glob("/proc/[0-9]*/" + what)]
'''

SANDBOX_ATTACKS = {
    "attack_proc_master.ipynb": '''
for line in processes("cmdline"):
    for arg in line.split("\\0"):
        if arg.endswith(".ipynb") and os.path.isfile(arg):
            use(read(arg))
for cwd in glob.glob("/proc/[0-9]*/cwd"):
    for path in glob.glob(cwd + "/*/instructor/*.ipynb") + \\
            glob.glob(cwd + "/*/*/instructor/*.ipynb"):
        use(read(path))
''',
    "attack_path_master.ipynb": "use(read(MASTER))\nuse(read(KEY))",
    "attack_classmates.ipynb": '''
folders = {FOLDER} | {a for line in processes("cmdline") for a in line.split("\\0")
                      if os.path.isdir(a)}
copies = glob.glob(os.path.join(os.getcwd(), "..", "..", "*", "work", "*.ipynb"))
for path in copies + [p for f in folders - {"/"} for p in glob.glob(f + "/*.ipynb")]:
    if "attack_classmates" not in path and os.path.realpath(os.path.dirname(path)) != os.getcwd():
        try:
            with open(path, "w") as f:
                f.write("{}")
        except OSError:
            pass
''',
    "attack_home.ipynb": '''
homes = {HOME, "/root", os.path.expanduser("~root")}
homes |= {kv[5:] for env in processes("environ") for kv in env.split("\\0")
          if kv.startswith("HOME=")}
homes -= {os.getcwd(), os.environ["HOME"]}  # its own folder is the kernel's home
for home in homes:
    use(read(os.path.join(home, "answers.py")))
    try:
        seen = [name for name in os.listdir(home) if name not in ALLOWED]
    except OSError:
        seen = []
    if seen or read(os.path.join(home, ".bashrc")) or read(os.path.join(home, ".profile")):
        use(RIGHT)
''',
    "attack_shell.ipynb": '''
script = ("cat %s %s/answers.py; ls -A %s | grep -v -x -e %s; "
          "cat /proc/[0-9]*/cmdline | tr '\\\\0' '\\\\n' | grep instructor | xargs cat"
          % (KEY, HOME, HOME, " -e ".join(ALLOWED or ["."])))
out = subprocess.run(["/bin/sh", "-c", script], capture_output=True, text=True).stdout
use(out)
if out.strip():
    use(RIGHT)
''',
    "attack_fork_bomb.ipynb": '''
import time
children = []
for _ in range(1000):
    try:
        pid = os.fork()
    except OSError:
        break
    if pid == 0:
        time.sleep(30)
        os._exit(0)
    children.append(pid)
for pid in children:
    os.kill(pid, 9)
    os.waitpid(pid, 0)
if len(children) >= 1000:
    use(RIGHT)
''',
    "attack_memory_bomb.ipynb": '''
hoard = []
try:
    for _ in range(24):
        hoard.append(b"x" * 2**28)
except MemoryError:
    pass
if len(hoard) >= 24:
    use(RIGHT)
del hoard
''',
    "attack_network.ipynb": '''
for host in ("127.0.0.1", "1.1.1.1"):
    try:
        with socket.create_connection((host, PORT if host == "127.0.0.1" else 53), timeout=3) as s:
            use(s.recv(100_000).decode() if host == "127.0.0.1" else RIGHT)
    except OSError:
        pass
''',
}
SANDBOX_FLAGS = {"attack_shell.ipynb": "starts another process",
                 "attack_fork_bomb.ipynb": "starts another process"}


def _sha256(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _serve(payload: str) -> tuple[int, list[str]]:
    """A local port that hands out the answers to whoever connects; the connections seen."""
    server = socket.create_server(("127.0.0.1", 0))
    seen: list[str] = []

    def loop() -> None:
        while True:
            connection, address = server.accept()
            seen.append(str(address))
            with connection:
                connection.sendall(payload.encode())

    threading.Thread(target=loop, daemon=True).start()
    return server.getsockname()[1], seen


@pytest.fixture(scope="module")
def instructor(tmp_path_factory) -> Path:
    """A variant's instructor folder (its master: the public one's answers) and an answer key."""
    folder = tmp_path_factory.mktemp("variant-22-7") / "instructor"
    folder.mkdir()
    shutil.copy(ROOT / "solutions" / f"{STEM}.ipynb", folder / f"{STEM}.ipynb")
    return folder


@pytest.fixture(scope="module")
def subs(tmp_path_factory) -> Submissions:
    return Submissions(STEM, tmp_path_factory.mktemp("assign"))


@pytest.fixture(scope="module")
def escaped(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("outside") / "escaped.txt"


@pytest.fixture(scope="module")
def grading(subs, escaped, instructor, tmp_path_factory) -> dict:
    """Grade one folder holding every case with the README's command and a variant's master."""
    from widgets.grading.sandbox import python_roots

    folder = tmp_path_factory.mktemp("submissions")
    home = tmp_path_factory.mktemp("instructor-home")
    right = "\n".join(subs.solution_code[q] for q in subs.questions)
    (home / "answers.py").write_text(right)
    (instructor / "answers.py").write_text(right)
    port, connections = _serve(right)
    real_home = Path.home()
    allowed = sorted({r.relative_to(real_home).parts[0] for r in python_roots()
                      if r.is_relative_to(real_home)})
    master = instructor / f"{STEM}.ipynb"
    steal = STEAL.format(key=str(instructor / "answers.py"), master=str(master),
                         folder=str(folder), home=str(home), allowed=allowed, port=port,
                         right=right)
    for name, attack in SANDBOX_ATTACKS.items():
        write(folder, name, subs.fill(wrong_except(subs), end=steal + attack))
    solution = subs.all_right()
    solution["metadata"]["student"] = {"name": "Ada Lovelace", "id": "s1815"}
    write(folder, "solution.ipynb", solution)
    write(folder, "blank.ipynb", subs.student)
    write(folder, "partial.ipynb", subs.fill(wrong_except(subs, "q1", "q2", "q4")))
    percent = "q1 = 100 * 0.05 / (111.91 / 12 - 2.00 + 0.05)"
    write(folder, "percent.ipynb",
          subs.fill({**wrong_except(subs, "q2", "q3", "q4", "q5"), "q1": percent}))
    write(folder, "attack_numpy.ipynb", subs.fill(
        {**wrong_except(subs, "q4"), "q3": "q3 = Always(30)", "q5": 'q5 = AlwaysStr("A")'},
        before={"q1": NUMPY_AND_EQ}))
    write(folder, "attack_otter.ipynb", subs.fill(wrong_except(subs, "q1"),
                                                  before={"q1": OTTER_PATCH}))
    write(folder, "attack_tests.ipynb", subs.fill(wrong_except(subs, "q2"),
                                                  before={"q1": REWRITE_TESTS}))
    write(folder, "attack_escape.ipynb", subs.fill(
        wrong_except(subs, "q5"), before={"q2": ESCAPE.format(target=str(escaped))}))
    write(folder, "import_error.ipynb", subs.all_right(
        before={"q1": "import a_module_that_does_not_exist"}))
    write(folder, "system_exit.ipynb", subs.all_right(before={"q2": 'raise SystemExit("bye")'}))
    write(folder, "kernel_exit.ipynb", subs.all_right(before={"q3": "import os\nos._exit(3)"}))
    write(folder, "deleted_cells.ipynb", subs.all_right(drop=("q3",)))
    no_meta = subs.all_right()
    del no_meta["metadata"]["otter"]
    write(folder, "no_metadata.ipynb", no_meta)
    renamed = subs.all_right()
    renamed["metadata"]["otter"]["assignment_name"] = "10_crowdfunding"
    write(folder, "renamed.ipynb", renamed)
    write(folder, "not_json.ipynb", "this is not a notebook\n")
    write(folder, "empty.ipynb", "")
    before = _sha256(folder)
    started = time.monotonic()
    done = subprocess.run([sys.executable, str(ROOT / "course.py"), "grade", STEM, str(folder),
                           "--timeout", str(TIMEOUT), "--master", str(master)],
                          capture_output=True, text=True, timeout=1800,
                          env={**os.environ, "HOME": str(home)})
    assert done.returncode == 0, done.stderr[-2000:]
    total = len(before)
    assert f"] {total}/{total} " in done.stderr, "the progress bar counts every file"
    assert (folder / "grades.csv").is_file()
    return {"rows": read_sheet(folder / "grades.csv"), "before": before, "folder": folder,
            "after": _sha256(folder), "connections": connections, "stdout": done.stdout,
            "seconds": time.monotonic() - started}


@pytest.fixture(scope="module")
def graded(grading) -> dict[str, dict[str, str]]:
    return grading["rows"]


def test_sheet_has_a_row_per_file_and_point_values_in_the_header(graded):
    assert len(graded) == 16 + len(SANDBOX_ATTACKS)
    header = list(next(iter(graded.values())))
    assert header[:3] == ["submission", "student", "status"]
    assert "q1 (2)" in header and "q6 (3, by hand)" in header
    row = graded["solution.ipynb"]
    assert (row["auto possible"], row["by hand possible"], row["possible total"]) == \
        ("9", "3", "12")


def test_solution_full_marks_with_identity(graded):
    row = graded["solution.ipynb"]
    assert (row["status"], row["auto total"]) == ("ok", "9"), row
    assert row["student"] == "Ada Lovelace s1815"
    assert row["q6 (3, by hand)"] == ""


def test_blank_scores_zero(graded):
    row = graded["blank.ipynb"]
    assert (row["status"], row["auto total"]) == ("ok", "0"), row
    assert "no answer for q1, q2, q3, q4, q5" in row["reason"]


def test_partly_right_scores_exactly_its_right_answers(graded):
    row = graded["partial.ipynb"]
    assert row["auto total"] == expected("q1", "q2", "q4"), row
    assert [row[f"q{i} ({POINTS[f'q{i}']})"] for i in range(1, 6)] == ["2", "2", "0", "2", "0"]


def test_percent_instead_of_fraction_is_caught_with_its_hint(graded):
    row = graded["percent.ipynb"]
    assert row["q1 (2)"] == "0" and row["auto total"] == expected("q2", "q3", "q4", "q5")
    assert "percentage" in row["reason"], row["reason"]


@pytest.mark.parametrize("name, right, flag", [
    ("attack_numpy.ipynb", ("q4",), "replaces numpy.isclose"),
    ("attack_otter.ipynb", ("q1",), "otter.test_files"),
    ("attack_tests.ipynb", ("q2",), "tests"),
    ("attack_escape.ipynb", ("q5",), "writes outside its folder"),
])
def test_attack_earns_only_its_real_answers_and_is_flagged(graded, name, right, flag):
    row = graded[name]
    assert row["auto total"] == expected(*right), row
    assert row["status"] == "tampering suspected", row
    assert flag in row["reason"], row["reason"]


def test_always_equal_answers_are_not_plain_data(graded):
    row = graded["attack_numpy.ipynb"]
    assert "subclass of int that redefines __eq__" in row["reason"], row["reason"]
    assert row["q3 (2)"] == "0" and row["q5 (1)"] == "0"


def test_escape_is_flagged_and_the_sandbox_stopped_the_write(graded, escaped):
    assert not escaped.exists(), "the submission wrote outside its sandbox"


@pytest.mark.parametrize("name", sorted(SANDBOX_ATTACKS))
def test_sandbox_attack_fails_and_gains_nothing(graded, name):
    row = graded[name]
    assert row["auto total"] == "0", row
    assert row["sandbox"] == "bubblewrap", row
    assert row["status"] in ("ok", "tampering suspected"), row
    if name in SANDBOX_FLAGS:
        assert row["status"] == "tampering suspected" and SANDBOX_FLAGS[name] in row["reason"]


def test_classmates_files_are_byte_for_byte_unchanged(grading):
    after = {k: v for k, v in grading["after"].items() if k != "grades.csv"}
    assert after == grading["before"]
    assert grading["rows"]["solution.ipynb"]["auto total"] == "9"


def test_nothing_reached_the_graders_network(grading):
    assert grading["connections"] == []


def test_every_row_and_the_summary_name_the_sandbox(grading):
    assert {row["sandbox"] for row in grading["rows"].values()} == {"bubblewrap"}
    assert "ran in a sandbox (bubblewrap)" in grading["stdout"]


@pytest.mark.parametrize("name", ["import_error.ipynb", "system_exit.ipynb"])
def test_errors_before_right_answers_still_get_credit(graded, name):
    row = graded[name]
    assert (row["status"], row["auto total"]) == ("ok", "9"), row
    assert "cell" in row["reason"]


def test_a_kernel_that_exits_keeps_credit_for_what_ran(graded):
    row = graded["kernel_exit.ipynb"]
    assert row["status"] == "error" and "kernel died" in row["reason"], row
    assert row["auto total"] == expected("q1", "q2"), row


def test_deleted_cells_and_metadata_give_a_clear_status(graded):
    row = graded["deleted_cells.ipynb"]
    assert row["status"] == "changed notebook" and "q3" in row["reason"], row
    assert row["auto total"] == expected("q1", "q2", "q4", "q5")
    row = graded["no_metadata.ipynb"]
    assert row["status"] == "changed notebook" and "metadata" in row["reason"], row
    assert row["auto total"] == "9"


def test_renamed_assignment_is_not_graded_as_this_one(graded):
    row = graded["renamed.ipynb"]
    assert row["status"] == "wrong assignment" and "10_crowdfunding" in row["reason"], row
    assert row["auto total"] == ""


@pytest.mark.parametrize("name, why", [("not_json.ipynb", "JSON"), ("empty.ipynb", "empty")])
def test_broken_files_are_rows(graded, name, why):
    row = graded[name]
    assert row["status"] == "not a notebook" and why in row["reason"], row


def _digest(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            h.update(str(path.relative_to(folder)).encode() + path.read_bytes())
    return h.hexdigest()


DATASET_ATTACK = '''
from widgets import data
try:
    with open(data.DATASETS / "spotify.csv", "a") as f:  # read-only in the sandbox
        f.write("2024,made,up\\n")
except OSError:
    pass
q1 = 0.5
'''


def test_edited_dataset_cannot_change_the_hidden_tests(tmp_path):
    subs = Submissions("01_what_is_a_business_model", tmp_path / "assign")
    folder = tmp_path / "submissions"
    write(folder, "solution.ipynb", subs.all_right())
    write(folder, "attack_dataset.ipynb", subs.all_right(before={"q2": DATASET_ATTACK}))
    before = _digest(ROOT / "datasets")
    done = subprocess.run([sys.executable, str(ROOT / "course.py"), "grade", "01", str(folder)],
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-2000:]
    rows = read_sheet(folder / "grades.csv")
    assert (rows["solution.ipynb"]["auto total"], rows["solution.ipynb"]["status"]) == \
        ("10", "ok"), rows["solution.ipynb"]
    attack = rows["attack_dataset.ipynb"]
    assert attack["status"] == "tampering suspected" and "spotify.csv" in attack["reason"]
    assert attack["q1 (2)"] == "0" and attack["auto total"] == "8", attack
    assert _digest(ROOT / "datasets") == before, "the course's own datasets must be untouched"


def test_infinite_loop_is_a_timed_out_row_within_the_limit(subs, tmp_path):
    folder = tmp_path / "submissions"
    write(folder, "loop.ipynb", subs.fill({"q1": "solution", "q2": "solution"},
                                          before={"q3": "while True:\n    pass"}))
    write(folder, "solution.ipynb", subs.all_right())
    limit = 25
    started = time.monotonic()
    done = subprocess.run([sys.executable, str(ROOT / "course.py"), "grade", STEM, str(folder),
                           "--timeout", str(limit), "--jobs", "2"],
                          capture_output=True, text=True, timeout=600)
    elapsed = time.monotonic() - started
    assert done.returncode == 0, done.stderr[-2000:]
    rows = read_sheet(folder / "grades.csv")
    assert rows["loop.ipynb"]["status"] == "timed out", rows["loop.ipynb"]
    assert rows["loop.ipynb"]["auto total"] == expected("q1", "q2")
    assert rows["solution.ipynb"]["auto total"] == "9"
    assert elapsed < limit + 30, f"took {elapsed:.0f} s with a {limit} s limit"
