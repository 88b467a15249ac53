"""One look for every chart in the course: readable fonts, a colour-blind-safe palette, hover text."""

from __future__ import annotations

import textwrap

import plotly.graph_objects as go
import plotly.io as pio

# Okabe & Ito (2008), "Color Universal Design": distinguishable with every common colour-vision type.
PALETTE = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "sky": "#56B4E9",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "black": "#000000",
}
COLORWAY = [PALETTE[c] for c in ("blue", "orange", "green", "vermillion", "sky", "purple", "black")]
PINNED = "#7f7f7f"  # grey for a pinned scenario, drawn dashed under the live one
TEMPLATE_NAME = "bmpl"
DOLLAR = "&#36;"  # a dollar sign in chart text that Plotly never pairs into LaTeX

pio.templates[TEMPLATE_NAME] = go.layout.Template(
    layout=dict(
        font=dict(family="Inter, 'Helvetica Neue', Arial, sans-serif", size=14, color="#222"),
        # Title at the very top, legend in its own band between title and plot: never overlapping.
        title=dict(font=dict(size=17), x=0.01, xanchor="left", yref="container", y=0.98, yanchor="top"),
        colorway=COLORWAY,
        paper_bgcolor="white",
        plot_bgcolor="white",
        hovermode="x unified",
        hoverlabel=dict(font=dict(size=13)),
        legend=dict(orientation="h", yanchor="bottom", y=1.02, xanchor="left", x=0),
        margin=dict(l=70, r=20, t=105, b=60),
        xaxis=dict(showgrid=True, gridcolor="#e5e5e5", zeroline=False, linecolor="#888", ticks="outside"),
        yaxis=dict(showgrid=True, gridcolor="#e5e5e5", zerolinecolor="#999", linecolor="#888", ticks="outside"),
    ),
    data=dict(scatter=[go.Scatter(line=dict(width=2.5))]),
)
pio.templates.default = TEMPLATE_NAME


def add_source(fig: go.Figure, sources: str, width: int = 130, below_axis: bool = True) -> go.Figure:
    """Print 'Source: …' under a chart (below the x-axis title), wrapped, with room made for it.

    Plotly typesets any text holding two dollar signs as LaTeX and, with no MathJax on the page,
    shows nothing: a citation such as "$2,000 cash + $500 …" would vanish. Dollar signs are
    written as the HTML entity, which Plotly shows as "$" without typesetting.
    """
    lines = textwrap.wrap(f"Source: {sources}", width=width) or [""]
    lines = [line.replace("$", DOLLAR) for line in lines]
    fig.add_annotation(
        text="<br>".join(lines), xref="paper", yref="paper", x=0, y=0, xanchor="left", yanchor="top",
        yshift=-58 if below_axis else -6, showarrow=False, font=dict(size=11, color="#555"), align="left",
    )
    fig.update_layout(margin=dict(b=(70 if below_axis else 20) + 15 * len(lines)))
    return fig
