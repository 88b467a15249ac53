"""Tables a keyboard can scroll: how a lesson's pandas DataFrames are shown in the notebook.

A wide DataFrame scrolls sideways inside its cell output, and a scrolling box that cannot take the
keyboard focus locks keyboard users out of the columns on the right (WCAG 2.1.1; axe-core's rule
``scrollable-region-focusable``). In a kernel, importing ``widgets`` shows every DataFrame inside
its own box that scrolls and can be focused (Tab to it, then the arrow keys), labelled for screen
readers. A dollar sign in a cell is written as an HTML entity in its own element, so that
JupyterLab's MathJax never pairs two of them into a formula ("$2.9B and subscriptions as $2.6B"
in a source note became italic maths). Nothing else about pandas' own table changes.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas

DOLLAR = "<span>&#36;</span>"  # a dollar MathJax cannot pair (docs/adding_a_lesson.md)
BOX = ('<div class="bmpl-table" role="region" tabindex="0" aria-label="{label}" '
       'style="overflow-x:auto;max-width:100%">{table}</div>')


def table_html(frame: pandas.DataFrame) -> str | None:
    """pandas' own HTML for ``frame``, in a focusable box that scrolls sideways."""
    table = frame._repr_html_()
    if table is None:
        return None
    table = table.replace("$", DOLLAR)
    rows, columns = frame.shape
    label = f"Table, {rows} rows by {columns} columns; scroll sideways with the arrow keys"
    return BOX.format(label=label, table=table)


def register() -> bool:
    """Show DataFrames with :func:`table_html` in the running IPython kernel (no-op elsewhere)."""
    ipython_module = sys.modules.get("IPython")
    shell = ipython_module.get_ipython() if ipython_module is not None else None
    if shell is None:
        return False
    html = shell.display_formatter.formatters["text/html"]
    for module in ("pandas", "pandas.core.frame"):  # DataFrame.__module__ in pandas 3, and in pandas 2
        html.for_type_by_name(module, "DataFrame", table_html)
    return True
