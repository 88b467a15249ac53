"""Crowdfunding explorer: set goal, length, price and reach; see the funding band, the odds and the money."""

from __future__ import annotations

import plotly.graph_objects as go

from .. import theme
from ..company_preset import Preset, Presets
from ..models import crowdfunding
from .base import Explorer, figure

_TYPICAL = dict(goal=5_000, duration=30, pledge=75, network=1_000, share_rate=30.0, appeal=0.034,
                fee=0.08, missed_fee=0.12, fixed_cost=0.50, unit_cost=25)

# How the presets were set: see lessons/10_crowdfunding.ipynb, section "Presets".
PRESETS = Presets(
    Preset(
        "Typical Kickstarter project",
        _TYPICAL,
        "pledge $75 ≈ $848,707,743 pledged ÷ 11,379,607 pledges = $74.58 (Kickstarter, Oct 2013); appeal "
        "set so that 46 % of simulated campaigns succeed, close to the 43.84 % of Kickstarter projects "
        "that had succeeded by then. "
        "Goal, network, sharing, the 3 % payment fee on top of Kickstarter's 5 % and the delivery costs "
        "are illustrative.",
        currency="$", sources=("KS-5M",),
    ),
    Preset(
        "Typical project, 60 days",
        {**_TYPICAL, "duration": 60},
        "The typical project with a 60-day campaign instead of 30 (Kickstarter's maximum since 2011): "
        "compare the odds. Everything else as in the typical preset.",
        currency="$", sources=("KS-5M", "KSblog-10k"),
    ),
    Preset(
        "Ambitious hardware project",
        dict(goal=100_000, duration=45, pledge=150, network=10_000, share_rate=40.0, appeal=0.08,
             fee=0.08, missed_fee=0.12, fixed_cost=0.40, unit_cost=50),
        "Illustrative: a gadget with a $100,000 goal and $150 rewards that cost $50 each to make and ship, "
        "tooling worth 40 % of the goal, a 10,000-strong network and a strong video (appeal 8 %). "
        "Fees as in the typical preset.",
        currency="$",
    ),
)

_EDGES = crowdfunding.HISTOGRAM_EDGES
BIN_CENTRES = (_EDGES + 5).tolist()                     # bars drawn at 5, 15, …; the last one is 250 %+
BIN_LABELS = [f"{int(lo)}–{int(lo) + 10}" for lo in _EDGES[:-1]] + [f"{int(_EDGES[-1])}+"]
REACHED_BIN = int(100 // 10)      # bins from this one on are campaigns that reached the goal
MODELS = ["All-or-nothing", "Keep-it-all"]


def make_figures() -> list[go.FigureWidget]:
    """Funding band of the simulated campaigns, backers per day, where they end, the creator's money."""
    path = figure("Funding path of 500 simulated campaigns", xaxis_title="Day of the campaign",
                  yaxis_title="Pledged (% of goal)")
    path.add_scatter(name="10th percentile", mode="lines", line=dict(width=0, color=theme.PALETTE["sky"]),
                     meta="no-pin", showlegend=False, hovertemplate="10th pct: %{y:.0f}%<extra></extra>")
    path.add_scatter(name="10th–90th percentile", mode="lines", fill="tonexty",
                     line=dict(width=0, color=theme.PALETTE["sky"]), fillcolor="rgba(86,180,233,0.30)",
                     meta="no-pin", hovertemplate="90th pct: %{y:.0f}%<extra></extra>")
    path.add_scatter(name="Median campaign", mode="lines", line=dict(color=theme.PALETTE["blue"]),
                     hovertemplate="median: %{y:.0f}%<extra></extra>")
    path.add_scatter(name="Goal", mode="lines", line=dict(color=theme.PALETTE["vermillion"], dash="dot", width=2),
                     meta="no-pin", hoverinfo="skip")

    daily = figure("Backers per day (average campaign)", xaxis_title="Day of the campaign",
                   yaxis_title="New backers per day")
    daily.add_scatter(name="Average campaign", mode="lines+markers", line=dict(color=theme.PALETTE["green"]),
                      marker=dict(size=5), hovertemplate="%{y:.1f} backers<extra></extra>")

    ticks = list(range(0, 251, 50))
    outcomes = figure(
        "Where the 500 campaigns end", xaxis_title="Final pledges (% of goal, 10-point bins)",
        yaxis_title="Campaigns", barmode="stack", bargap=0.05, hovermode="closest",
        xaxis=dict(tickvals=ticks, ticktext=[str(t) for t in ticks[:-1]] + ["250+"], range=[0, 260]))
    for name, colour in (("Missed the goal", "orange"), ("Reached the goal", "blue")):
        outcomes.add_bar(name=name, x=BIN_CENTRES, width=9.5, customdata=BIN_LABELS,
                         marker_color=theme.PALETTE[colour],
                         hovertemplate="%{customdata} % of goal: %{y} campaigns<extra></extra>")

    money = figure("What the creator can expect", yaxis_title="Expected amount (¤)", barmode="group",
                   hovermode="closest")
    for name, colour in (("Money received", "blue"), ("Left after delivering rewards", "green")):
        money.add_bar(name=name, x=MODELS, marker_color=theme.PALETTE[colour],
                      hovertemplate="%{x}: ¤%{y:,.0f}<extra>%{fullData.name}</extra>")
    return [path, daily, outcomes, money]


def draw(figures: list[go.FigureWidget], result: crowdfunding.CrowdfundingResult) -> None:
    """Band and median of % of goal, backers per day, final-outcome histogram, expected money."""
    # Plain lists: Plotly validates them several times faster than numpy arrays.
    path, daily, outcomes, money = figures
    low, _, median, _, high = result.band.tolist()
    if path.data[2].x is None or len(path.data[2].x) != result.duration:   # x changes only with the duration
        days = result.days.tolist()
        for trace in (*path.data[:3], daily.data[0]):
            trace.x = days
        path.data[3].x = [days[0], days[-1]]
        path.data[3].y = [100, 100]
    path.data[0].y = low
    path.data[1].y = high
    path.data[2].y = median
    daily.data[0].y = result.daily_backers.tolist()
    counts = result.histogram.tolist()
    outcomes.data[0].y = counts[:REACHED_BIN] + [0] * (len(counts) - REACHED_BIN)
    outcomes.data[1].y = [0] * REACHED_BIN + counts[REACHED_BIN:]
    money.data[0].y = [result.aon_funds, result.kia_funds]
    money.data[1].y = [result.aon_profit, result.kia_profit]


class CrowdfundingExplorer(Explorer):
    """A reward campaign simulated 500 times: funding band, odds of success, all-or-nothing vs keep-it-all."""

    model = crowdfunding.simulate
    presets = PRESETS
    title = "Crowdfunding explorer: will the campaign reach its goal, and who carries the risk?"
    figure_height = 320
    make_figures = make_figures
    draw = draw
    takeaway = crowdfunding.takeaway
