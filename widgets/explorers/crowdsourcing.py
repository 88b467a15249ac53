"""Crowdsourcing explorers: how big a crowd for a contest, and what a user-design funnel costs."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from .. import theme
from ..models import contests, user_design
from ..company_preset import Preset
from .base import Explorer

# How the presets were set: lessons/11_crowdsourcing_and_user_design.ipynb,
# section "How the presets are calibrated".
CONTEST_PRESETS = {
    p.name: p
    for p in (
        Preset(
            "Threadless design challenge (c. 2008)",
            dict(prize=2.5, solvers=200, uncertainty=20.0, effort_cost=0.1, entry_cost=0.0,
                 quality_bar=50.0),
            "prize $2,500 = $2,000 cash + $500 gift certificate per winning design (secondary sources); "
            "200 solvers per prize = about 1,400 submissions a week ÷ 7 printed (HBS class blog, 2008; "
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
}

FUNNEL_PRESETS = {
    p.name: p
    for p in (
        Preset(
            "Threadless (c. 2008)",
            dict(submissions=1400, vote_share=0.05, select_share=0.10, hit_share=0.30, units=1000,
                 price=20.0, margin=0.50, award=2500.0, reprint_bonus=500.0, royalty=0.0,
                 community_cost=10.0, inhouse_cost=5.0, inhouse_hit_share=0.15),
            "1,400 submissions a week and 7 printed (HBS class blog, 2008): the shortlist share (5 %) and "
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
}


class ContestExplorer(Explorer):
    """Innovation contest: prize, crowd size and problem uncertainty against the best solution."""

    model = staticmethod(contests.simulate)
    presets = CONTEST_PRESETS
    title = "Contest explorer: how many solvers should see your problem?"

    def make_figures(self) -> list[go.FigureWidget]:
        x = contests.CURVE_SOLVERS.tolist()
        best = go.FigureWidget(layout=dict(
            title="Expected best solution by size of the crowd",
            xaxis=dict(title="Solvers who see the call (log scale)", type="log", dtick=1),
            yaxis_title="Quality (points)", template=theme.TEMPLATE_NAME, hovermode="closest"))
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
        cost = go.FigureWidget(layout=dict(
            title="Prize money per good solution",
            xaxis=dict(title="Solvers who see the call (log scale)", type="log", dtick=1),
            yaxis=dict(type="log", dtick=1), template=theme.TEMPLATE_NAME, hovermode="closest"))
        cost.add_scatter(x=x, name="Prize per good solution", line=dict(color=theme.PALETTE["purple"]))
        cost.add_scatter(name="Your contest", mode="markers", meta="no-pin",
                         marker=dict(color=theme.PALETTE["purple"], size=12, line=dict(color="white", width=2)))
        return [best, cost]

    def on_preset(self) -> None:
        cost = self.figures[1]
        cost.layout.yaxis.title = f"{self.currency} thousand per good solution (log scale)"
        for trace in cost.data[:2]:
            trace.hovertemplate = f"%{{x:,}} solvers: {self.currency}%{{y:,.1f}} k per good solution<extra></extra>"

    def draw(self, result: contests.ContestResult) -> None:
        draw_contest(self.figures, result)

    def takeaway(self, result: contests.ContestResult, values) -> str:
        return contests.takeaway(result, values, self.currency)


def draw_contest(figures: list[go.FigureWidget], result: contests.ContestResult) -> None:
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


class UserDesignExplorer(Explorer):
    """User-design funnel: submissions, votes, production, hits; the firm's and the creator's money."""

    model = staticmethod(user_design.simulate)
    presets = FUNNEL_PRESETS
    title = "User-design explorer: from submitted design to hit, and who earns what"

    def make_figures(self) -> list[go.FigureWidget]:
        funnel = go.FigureWidget(layout=dict(
            title="The funnel in one period", yaxis=dict(title="Designs (log scale)", type="log", dtick=1),
            xaxis_title="Stage", template=theme.TEMPLATE_NAME, hovermode="closest"))
        funnel.add_bar(x=list(user_design.STAGES), name="Designs", textposition="outside",
                       texttemplate="%{text}", marker_color=theme.PALETTE["blue"],
                       hovertemplate="%{x}: %{y:,.1f} designs<extra></extra>")
        cost = go.FigureWidget(layout=dict(
            title="Design cost per hit: community vs in-house",
            xaxis=dict(title="Designs submitted per period (log scale)", type="log", dtick=1),
            yaxis=dict(type="log", dtick=1), template=theme.TEMPLATE_NAME, hovermode="x unified"))
        cost.add_scatter(name="Community (awards, royalties, platform)", line=dict(color=theme.PALETTE["blue"]))
        cost.add_scatter(name="In-house designers", line=dict(color=theme.PALETTE["orange"], dash="dot"))
        cost.add_scatter(name="Your platform", mode="markers", meta="no-pin",
                         marker=dict(color=theme.PALETTE["blue"], size=12, line=dict(color="white", width=2)))
        return [funnel, cost]

    def on_preset(self) -> None:
        cost = self.figures[1]
        cost.layout.yaxis.title = f"{self.currency} thousand per hit (log scale)"
        for trace in cost.data[:3]:
            trace.hovertemplate = f"{self.currency}%{{y:,.1f}} k<extra>%{{fullData.name}}</extra>"

    def draw(self, result: user_design.UserDesignResult) -> None:
        draw_user_design(self.figures, result)

    def takeaway(self, result: user_design.UserDesignResult, values) -> str:
        return user_design.takeaway(result, self.currency)


def draw_user_design(figures: list[go.FigureWidget], result: user_design.UserDesignResult) -> None:
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
