"""Read a submission's code for attempts on the grader, before it runs (a detector, not a guard).

Flags: importing Otter's internals or the course grader; assigning to an attribute of an
imported module (``np.isclose = ...``, ``otter.test_files.ok_test.run_doctest = ...``);
``setattr`` on a module; touching ``__builtins__`` or ``sys.modules``; shell escapes. The probe
inside the kernel (probe.py) catches what the text hides (code built at run time).
"""

from __future__ import annotations

import ast
import re
from typing import Any, Iterable

ALLOWED_IMPORTS = {"otter"}  # the student notebook's own first cell: ``import otter``
GRADER_MODULES = ("otter", "widgets.grading")
SUSPICIOUS_TEXT = re.compile(r"run_doctest|ok_test|test_files|_bmpl_snapshot|addaudithook")
SETTINGS = re.compile(r"\.options\b|\.rcParams\b|\.defaults\b")  # display settings, not patches
MAGIC = re.compile(r"^\s*([%!].*)$", re.MULTILINE)


def _root(node: ast.AST) -> str | None:
    while isinstance(node, (ast.Attribute, ast.Subscript)):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def _dotted(node: ast.AST) -> str:
    parts = []
    while isinstance(node, (ast.Attribute, ast.Subscript)):
        if isinstance(node, ast.Attribute):
            parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
    return ".".join(reversed(parts))


def scan_code(code: str) -> list[str]:
    """What one cell's code does to the grader, one short phrase per finding."""
    found: list[str] = []
    if any(line.lstrip().startswith("!") for line in code.splitlines()):
        found.append("runs shell commands (!)")
    text = MAGIC.sub("pass", code)
    if SUSPICIOUS_TEXT.search(text):
        found.append(f"mentions the grader's internals ({SUSPICIOUS_TEXT.search(text)[0]})")
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return found
    modules: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                modules[(alias.asname or alias.name).split(".")[0]] = alias.name
                if alias.name.startswith(GRADER_MODULES) and alias.name not in ALLOWED_IMPORTS:
                    found.append(f"imports {alias.name}")
        elif isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                modules[alias.asname or alias.name] = f"{node.module}.{alias.name}"
            if node.module.startswith(GRADER_MODULES):
                found.append(f"imports from {node.module}")
    for node in ast.walk(tree):
        targets: list[ast.AST] = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
            targets = [node.target]
        elif isinstance(node, ast.Delete):
            targets = node.targets
        for target in targets:
            root = _root(target)
            if isinstance(target, (ast.Attribute, ast.Subscript)) and root in modules \
                    and not SETTINGS.search(_dotted(target)):
                found.append(f"replaces {modules[root]}{_dotted(target)[len(root):]}")
            elif isinstance(target, ast.Attribute) and root == "grader":
                found.append(f"replaces grader.{target.attr}")
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                and node.func.id in ("setattr", "delattr") and node.args \
                and _root(node.args[0]) in modules | {"grader": "grader"}:
            found.append(f"{node.func.id} on {_dotted(node.args[0]) or 'a module'}")
        if isinstance(node, ast.Name) and node.id == "__builtins__":
            found.append("touches __builtins__")
        if isinstance(node, ast.Attribute) and _dotted(node) == "sys.modules":
            found.append("touches sys.modules")
    return list(dict.fromkeys(found))


def scan(cells: Iterable[dict[str, Any]]) -> list[str]:
    """Findings over every code cell of a notebook, in order, without repeats."""
    out: list[str] = []
    for cell in cells:
        if cell.get("cell_type") == "code":
            text = cell.get("source", "")
            out += scan_code(text if isinstance(text, str) else "".join(text))
    return list(dict.fromkeys(out))
