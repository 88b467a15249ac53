"""The shared chart look: source captions that survive Plotly's LaTeX detection."""

from __future__ import annotations

import plotly.graph_objects as go

from widgets import theme


def test_source_with_dollar_amounts_is_not_typeset_as_latex():
    fig = theme.add_source(go.Figure(), "a prize of $2,000 cash + $500 gift certificate (press)")
    text = fig.layout.annotations[0].text
    assert "$" not in text.replace(theme.DOLLAR, ""), text
    assert text.count(theme.DOLLAR) == 2 and text.startswith("Source: a prize of &#36;2,000")


def test_source_is_wrapped_with_room_made_below_the_chart():
    fig = theme.add_source(go.Figure(), "word " * 60, width=50)
    lines = fig.layout.annotations[0].text.split("<br>")
    assert len(lines) > 1 and all(len(line) <= 50 for line in lines)
    assert fig.layout.margin.b == 70 + 15 * len(lines)
