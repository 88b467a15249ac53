"""DataFrames in a lesson scroll inside a box the keyboard can reach (WCAG 2.1.1)."""

from __future__ import annotations

import pandas as pd
from IPython.core.interactiveshell import InteractiveShell

from widgets import tables


def test_a_dataframe_is_shown_in_a_focusable_labelled_scroll_box():
    html = tables.table_html(pd.DataFrame({"year": [2023, 2024], "users": [1.5, 2.5]}))
    assert html.startswith('<div class="bmpl-table" role="region" tabindex="0"')
    assert "overflow-x:auto" in html and "2 rows by 2 columns" in html
    assert "<table" in html and "2024" in html  # pandas' own table inside


def test_dollar_signs_in_cells_can_never_pair_into_maths():
    html = tables.table_html(pd.DataFrame({"note": ["reported as $2.9B and subscriptions as $2.6B"]}))
    assert "$" not in html
    assert "as <span>&#36;</span>2.9B and subscriptions as <span>&#36;</span>2.6B" in html


def test_importing_widgets_in_a_kernel_shows_dataframes_that_way():
    shell = InteractiveShell.instance()
    try:
        assert tables.register()
        data, _ = shell.display_formatter.format(pd.DataFrame({"a": [1]}))
        assert data["text/html"].startswith('<div class="bmpl-table"')
    finally:
        InteractiveShell.clear_instance()


def test_outside_a_kernel_nothing_is_registered():
    assert InteractiveShell.initialized() is False
    assert tables.register() is False
