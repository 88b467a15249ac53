"""User-design explorer: submissions, votes, production, hits; the firm's and the creator's money."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from .. import theme
from ..company_preset import Preset, Presets
from ..models import user_design
from .base import Explorer, figure

# How the presets were set: lessons/11_crowdsourcing_and_user_design.ipynb,
# section "How the presets are calibrated".
PRESETS = Presets(
    Preset(
        "Threadless (c. 2008)",
        dict(submissions=1400, vote_share=0.05, select_share=0.10, hit_share=0.30, units=1000,
             price=20.0, margin=0.50, award=2500.0, reprint_bonus=500.0, royalty=0.0,
             community_cost=10.0, inhouse_cost=5.0, inhouse_hit_share=0.15),
        "1,400 submissions a week and 7 printed (a student's blog on the HBS case, velohacker.com, 2008): the shortlist share (5 %) and "
        "the print share (10 %) are illustrative but multiply to 7 of 1,400. Award $2,500 = $2,000 "
        "cash + $500 gift certificate, bonus $500 per reprint (secondary sources). Units, price, "
        "margin, hit rates and all costs are illustrative.",
        currency="$", sources=("HBS-TL08", "TL-2nd"),
    ),
    Preset(
        "LEGO Ideas (2020 review round)",
        dict(submissions=2600, vote_share=0.01, select_share=0.115, hit_share=0.5, units=50_000,
             price=80.0, margin=0.40, award=0.0, reprint_bonus=0.0, royalty=0.01,
             community_cost=50.0, inhouse_cost=100.0, inhouse_hit_share=0.30),
        "Period = one review round. 26 ideas reached 10,000 supporters for the early-2020 review "
        "(LEGO statement quoted by The Brothers Brick); 2,600 submissions × 1 % reproduces that, "
        "but the submission count is illustrative. Creator royalty 1 % of net sales (LEGO Ideas "
        "terms, secondary sources). Ideas approved, units, price, margin, hit rates and costs are "
        "illustrative.",
        currency="$", sources=("BB-LEGO20", "LEGO-2nd"),
    ),
)


def make_figures() -> list[go.FigureWidget]:
    """The funnel of designs in one period; design cost per hit, community against in-house."""
    funnel = figure("The funnel in one period", xaxis_title="Stage", hovermode="closest",
                    yaxis=dict(title="Designs (log scale)", type="log", dtick=1))
    funnel.add_bar(x=list(user_design.STAGES), name="Designs", textposition="outside",
                   texttemplate="%{text}", marker_color=theme.PALETTE["blue"],
                   hovertemplate="%{x}: %{y:,.1f} designs<extra></extra>")
    cost = figure("Design cost per hit: community vs in-house", hovermode="x unified",
                  xaxis=dict(title="Designs submitted per period (log scale)", type="log", dtick=1),
                  yaxis=dict(title="¤ thousand per hit (log scale)", type="log", dtick=1))
    per_hit = "¤%{y:,.1f} k<extra>%{fullData.name}</extra>"
    cost.add_scatter(name="Community (awards, royalties, platform)", line=dict(color=theme.PALETTE["blue"]),
                     hovertemplate=per_hit)
    cost.add_scatter(name="In-house designers", line=dict(color=theme.PALETTE["orange"], dash="dot"),
                     hovertemplate=per_hit)
    cost.add_scatter(name="Your platform", mode="markers", meta="no-pin", hovertemplate=per_hit,
                     marker=dict(color=theme.PALETTE["blue"], size=12, line=dict(color="white", width=2)))
    return [funnel, cost]


def draw(figures: list[go.FigureWidget], result: user_design.UserDesignResult) -> None:
    """Funnel bars, and the community's design cost per hit against the in-house cost."""
    funnel, cost = figures
    designs = result.funnel["designs"].to_numpy()
    funnel.data[0].y = np.where(designs > 0, designs, np.nan)   # a log axis cannot show zero
    funnel.data[0].text = [f"{d:,.0f}" if d >= 100 else f"{d:,.3g}" for d in designs]
    curve = result.curve
    per_hit = curve["cost_per_hit"].to_numpy()
    submissions = curve["submissions"].to_numpy()
    cost.data[0].x = submissions
    cost.data[0].y = np.where(np.isfinite(per_hit), per_hit, np.nan)
    cost.data[1].x = submissions
    cost.data[1].y = curve["inhouse_cost_per_hit"].to_numpy()
    now = result.cost_per_hit
    cost.data[2].x, cost.data[2].y = [result.submissions], [now if np.isfinite(now) else None]


class UserDesignExplorer(Explorer):
    """User-design funnel: submissions, votes, production, hits; the firm's and the creator's money."""

    model = user_design.simulate
    presets = PRESETS
    title = "User-design explorer: from submitted design to hit, and who earns what"
    make_figures = make_figures
    draw = draw
    takeaway = user_design.takeaway
