"""Money and maths in notebook Markdown, without a browser: every dollar sign is either part of a
formula the author meant (``$…$``, ``$$…$$``) or written so JupyterLab can never pair it into
maths (``<span>&#36;</span>5``). The browser test (tests/test_browser.py) checks what JupyterLab
actually typesets; this one is the fast check a maintainer runs while writing."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from markdown_math import Formula, scan

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted(p for folder in ("lessons", "solutions", "exercises") for p in (ROOT / folder).glob("*.ipynb"))


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.relative_to(ROOT).as_posix() for p in NOTEBOOKS])
def test_markdown_dollars_are_maths_or_written_as_money(notebook: Path):
    nb = nbformat.read(notebook, as_version=4)
    problems = [f"cell {i}: {p}" for i, cell in enumerate(nb.cells) if cell.cell_type == "markdown"
                for p in scan(cell.source)[1]]
    assert not problems, ("dollar signs JupyterLab would typeset as maths (write money as "
                          "<span>&#36;</span>5; see docs/adding_a_lesson.md):\n" + "\n".join(problems))


@pytest.mark.parametrize("markdown", [
    "US$ 5 and US$ 6 per month",              # seen in JupyterLab 4.6: one italic formula
    r"\$5 and \$6",                            # escaping does not help: still paired
    r"\\$5",                                   # a stray dollar however it is escaped
    "a $5 fee",                                # a lone dollar
    "prices from $10 to $20",                  # the space before the second one: money
    "10 $%$ off",                              # a LaTeX comment inside a formula
    "costs $5 each, or US$ 7",                 # words inside the 'formula'
    "$$x",                                     # display maths never closed
])
def test_money_written_with_dollar_characters_is_caught(markdown: str):
    assert scan(markdown)[1]


@pytest.mark.parametrize("markdown, formulas", [
    ("rate $p = 0.04$ and $$\\text{CLV} = \\frac{m\\,r}{1 + i - r}$$",
     [Formula("p = 0.04", False), Formula("\\text{CLV} = \\frac{m\\,r}{1 + i - r}", True)]),
    ("grows like $1/n$ only", [Formula("1/n", False)]),
    ("a fee $k_f = \\$0.05$ per month", [Formula("k_f = \\$0.05", False)]),
    ("<span>&#36;</span>5 and <span>&#36;</span>6, `$HOME` and $K = 5\\,\\%$", [Formula("K = 5\\,\\%", False)]),
    ("no money here, USD 5 and 5 dollars", []),
])
def test_maths_written_as_the_rule_says_passes(markdown: str, formulas: list[Formula]):
    assert scan(markdown) == (formulas, [])
