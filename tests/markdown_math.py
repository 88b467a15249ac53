"""The course's rule for dollar signs in notebook Markdown: which ones are maths, which are money.

JupyterLab 4.6 pairs dollar signs into maths before Markdown is rendered, and MathJax pairs the
ones that survive. Seen in the browser: "US$ 5 and US$ 6", ``\\$5 and \\$6``, ``&#36;5 and &#36;6``
and ``&dollar;`` all become one italic formula, and a ``%`` inside it eats the rest of the
sentence as a LaTeX comment. So the rule (docs/adding_a_lesson.md, "Money and maths"):

* **Maths** is TeX between ``$…$`` (inline) or ``$$…$$`` (display), with no space just inside
  either dollar and no digit right after the closing one: ``$p = 0.04$``, ``$$\\text{CLV} = …$$``.
  Inside maths a literal dollar is ``\\$``; ``%`` is written ``\\%``; words go in ``\\text{…}``.
* **Money** is written with the HTML entity in its own element, ``<span>&#36;</span>5``: no
  ``$`` character reaches JupyterLab's maths finder, and MathJax never pairs a dollar across an
  element boundary, so it renders as a plain dollar sign. ``USD 5`` and ``5 dollars`` are fine too.
* Any other ``$`` in Markdown (outside code) is an error.

``tests/test_markdown_money.py`` applies the rule to every notebook's source (fast, no browser);
``tests/test_browser.py`` checks that what the browser typesets is exactly the formulas the rule
finds, and nothing else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Inline code spans and fenced blocks: their dollar signs are code, not maths or money.
_CODE = re.compile(r"^(```|~~~).*?^\1[^\n]*$|(`+)[^\n]*?[^`\n]\2(?!`)", re.S | re.M)
# Commands whose argument is text, not maths; then any other command name.
_TEXT_ARG = re.compile(r"\\(?:text\w*|math(?:rm|bf|it|sf|tt|cal|bb|frak)|operatorname|begin|end)\s*\{[^{}]*\}")
_COMMAND = re.compile(r"\\[A-Za-z]+")
_WORD = re.compile(r"(?<![A-Za-z])[A-Za-z]{3,}(?![A-Za-z])")


@dataclass(frozen=True)
class Formula:
    """One formula the author meant: its TeX and whether it is a display (``$$``) formula."""

    tex: str
    display: bool


def _blank_code(source: str) -> str:
    """The source with code spans and fenced blocks blanked out (same length, same offsets)."""
    return _CODE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), source)


def _escaped(text: str, i: int) -> bool:
    """True when the character at ``i`` is preceded by an odd number of backslashes."""
    n = 0
    while i - n - 1 >= 0 and text[i - n - 1] == "\\":
        n += 1
    return n % 2 == 1


def _context(text: str, i: int) -> str:
    return "…" + text[max(0, i - 30):i + 30].replace("\n", " ") + "…"


def scan(source: str) -> tuple[list[Formula], list[str]]:
    """The formulas the author meant in one Markdown cell, and a problem per stray dollar sign."""
    text = _blank_code(source)
    formulas: list[Formula] = []
    problems: list[str] = []
    i = 0
    while (i := text.find("$", i)) != -1:
        if _escaped(text, i):
            problems.append(f"escaped dollar outside maths (JupyterLab still pairs it into maths): {_context(text, i)}")
            i += 1
            continue
        if text.startswith("$$", i):
            end = _closing(text, i + 2, "$$")
            if end is None:
                problems.append(f"'$$' with no closing '$$': {_context(text, i)}")
                i += 2
                continue
            formulas.append(Formula(text[i + 2:end].strip(), True))
            i = end + 2
            continue
        end = _closing(text, i + 1, "$")
        opening_ok = i + 1 < len(text) and not text[i + 1].isspace()
        if end is None or not opening_ok or text[end - 1].isspace() or text[end + 1:end + 2].isdigit():
            problems.append(f"dollar sign that is not maths (write money as <span>&#36;</span>5, "
                            f"USD 5 or 5 dollars): {_context(text, i)}")
            i += 1
            continue
        formulas.append(Formula(text[i + 1:end], False))
        i = end + 1
    for f in formulas:
        problems.extend(f"formula ${f.tex}$: {p}" for p in tex_problems(f.tex, f.display))
    return formulas, problems


def _closing(text: str, start: int, delimiter: str) -> int | None:
    """Index of the unescaped closing delimiter in the same paragraph, or None."""
    j = start
    while (j := text.find(delimiter, j)) != -1:
        if re.search(r"\n[ \t]*\n", text[start:j]):  # a blank line ends the paragraph
            return None
        if not _escaped(text, j):
            return j
        j += 1
    return None


def tex_problems(tex: str, display: bool = False) -> list[str]:
    """Why a typeset formula looks like something the author did not mean as maths."""
    problems = []
    if re.search(r"(?<!\\)%", tex):
        problems.append("an unescaped % (a LaTeX comment: it hides the rest of the formula)")
    plain = _COMMAND.sub(" ", _TEXT_ARG.sub(" ", tex))
    words = _WORD.findall(plain)
    if words:
        problems.append(f"plain words outside \\text{{…}}: {', '.join(words[:5])}")
    if not display and (tex[:1].isspace() or tex[-1:].isspace()):
        problems.append("a space just inside a dollar sign (money, not maths)")
    return problems
