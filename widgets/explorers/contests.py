"""Contest explorer: prize, crowd size and problem uncertainty against the best solution."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from .. import theme
from ..company_preset import Preset, Presets
from ..models import contests
from .base import Explorer, figure

# How the presets were set: lessons/11_crowdsourcing_and_user_design.ipynb,
# section "How the presets are calibrated".
PRESETS = Presets(
    Preset(
        "Threadless design challenge (c. 2008)",
        dict(prize=2.5, solvers=200, uncertainty=20.0, effort_cost=0.1, entry_cost=0.0,
             quality_bar=50.0),
        "prize $2,500 = $2,000 cash + $500 gift certificate per winning design (secondary sources); "
        "200 solvers per prize = about 1,400 submissions a week ÷ 7 printed (a student's blog on the HBS case, velohacker.com, 2008; "
        "derived). Entry cost 0 stands for designers who enter for feedback, reputation and fun. "
        "Uncertainty, cost of effort and the quality bar are illustrative.",
        currency="$", sources=("TL-2nd", "HBS-TL08"),
    ),
    Preset(
        "InnoCentive-style prize: ALS biomarker (2006)",
        dict(prize=1000.0, solvers=100, uncertainty=25.0, effort_cost=20.0, entry_cost=5.0,
             quality_bar=60.0),
        "prize $1 million = Prize4Life's ALS Biomarker Prize run on InnoCentive in 2006 (InnoCentive "
        "FAQ). Solvers reached, uncertainty (high: an open scientific problem), cost of effort, "
        "entry cost and the quality bar are illustrative.",
        currency="$", sources=("IC-FAQ",),
    ),
    Preset(
        "Well-specified software task (illustrative)",
        dict(prize=1.0, solvers=20, uncertainty=3.0, effort_cost=0.02, entry_cost=0.02,
             quality_bar=20.0),
        "A low-uncertainty task of the kind Boudreau, Lacetera & Lakhani (2011) studied on TopCoder: "
        "every value is illustrative, chosen to show that adding solvers lowers the best solution "
        "when σ is small.",
        currency="$",
    ),
)


def make_figures() -> list[go.FigureWidget]:
    """Expected best solution and effort by crowd size; prize money per good solution."""
    x = contests.CURVE_SOLVERS.tolist()
    best = figure("Expected best solution by size of the crowd", yaxis_title="Quality (points)",
                  xaxis=dict(title="Solvers who see the call (log scale)", type="log", dtick=1),
                  hovermode="closest")
    best.add_scatter(x=x, name="Expected best solution", line=dict(color=theme.PALETTE["blue"]),
                     hovertemplate="%{x:,} solvers: best %{y:,.1f} points<extra></extra>")
    best.add_scatter(x=x, name="Effort per entrant", line=dict(color=theme.PALETTE["orange"], dash="dot"),
                     hovertemplate="%{x:,} solvers: effort %{y:,.2f} points<extra></extra>")
    best.add_scatter(x=[x[0], x[-1]], name="Quality bar", mode="lines", meta="no-pin",
                     line=dict(color=theme.PALETTE["green"], width=1.5, dash="dash"),
                     hovertemplate="quality bar %{y:,.0f} points<extra></extra>")
    best.add_scatter(name="Your contest", mode="markers", meta="no-pin",
                     marker=dict(color=theme.PALETTE["blue"], size=12, line=dict(color="white", width=2)),
                     hovertemplate="your contest: %{x:,} solvers, best %{y:,.1f} points<extra></extra>")
    best.add_scatter(name="Best crowd size", mode="markers", meta="no-pin",
                     marker=dict(color=theme.PALETTE["vermillion"], size=13, symbol="star"),
                     hovertemplate="best crowd: %{x:,} solvers, %{y:,.1f} points<extra></extra>")
    cost = figure("Prize money per good solution", hovermode="closest",
                  xaxis=dict(title="Solvers who see the call (log scale)", type="log", dtick=1),
                  yaxis=dict(title="¤ thousand per good solution (log scale)", type="log", dtick=1))
    per_good = "%{x:,} solvers: ¤%{y:,.1f} k per good solution<extra></extra>"
    cost.add_scatter(x=x, name="Prize per good solution", line=dict(color=theme.PALETTE["purple"]),
                     hovertemplate=per_good)
    cost.add_scatter(name="Your contest", mode="markers", meta="no-pin", hovertemplate=per_good,
                     marker=dict(color=theme.PALETTE["purple"], size=12, line=dict(color="white", width=2)))
    return [best, cost]


def draw(figures: list[go.FigureWidget], result: contests.ContestResult) -> None:
    """Best quality and effort by crowd size, the current contest and the best crowd size."""
    best, cost = figures
    curve = result.curve
    best.data[0].y = curve["expected_best"].to_numpy()
    best.data[1].y = curve["effort"].to_numpy()
    best.data[2].y = [result.quality_bar] * 2
    best.data[3].x, best.data[3].y = [result.solvers], [result.expected_best]
    best.data[4].x, best.data[4].y = [result.best_solvers], [result.best_quality]
    # Gaps where fewer than 0.01 good solutions are expected: the price of a near-impossible idea
    # is not a number a chart can show.
    shown = curve["expected_good"].to_numpy() >= contests.MIN_GOOD
    cost.data[0].y = np.where(shown, curve["cost_per_good"].to_numpy(), np.nan)
    now = result.cost_per_good if result.expected_good >= contests.MIN_GOOD else None
    cost.data[1].x, cost.data[1].y = [result.solvers], [now]


class ContestExplorer(Explorer):
    """Innovation contest: prize, crowd size and problem uncertainty against the best solution."""

    model = contests.simulate
    presets = PRESETS
    title = "Contest explorer: how many solvers should see your problem?"
    make_figures = make_figures
    draw = draw
    takeaway = contests.takeaway
