"""Open-source explorer: open the core or keep it closed? Adoption, cumulative profit, who captures the value."""

from __future__ import annotations

import plotly.graph_objects as go

from .. import theme
from ..company_preset import Preset, Presets
from ..models import open_source
from ..models.open_source import LABELS, STRATEGIES
from .base import Explorer, figure

COLOURS = {"closed": theme.PALETTE["orange"], "open": theme.PALETTE["blue"], "open_core": theme.PALETTE["green"]}

# How the presets were set: see lessons/12_open_source_and_open_business.ipynb, section "Presets".
PRESETS = Presets(
    Preset(
        "Red Hat-style subscription",
        dict(years=17, market_size=1641, dev_cost=600, licence_price=20, subscription_price=20,
             paying_share=0.20, premium_share=0.10, community_share=0.50, open_part=0.80,
             p_closed=0.001, q_closed=0.10, p_open=0.006, q_open=0.21, leakage=0.10),
        "Model year 1 = FY2003 (an illustrative start), so the 17-year horizon ends at FY2019. Bass p = 0.006 "
        "and q = 0.21 for the open product (values on the sliders' steps), and the scale potential adopters × "
        "subscribing share × (1 − leakage) × price of about USD 5.9 billion a year, are fitted to Red Hat's "
        "subscription revenue of USD 773.4 million (FY2011), 965.6 million (FY2012) and 2.6 billion (FY2018); "
        "the fit reproduces each within 0.5 %. FY2016, held out, is overshot: the model gives about USD 1.97 "
        "billion against the 1.80 billion reported (+9 %). Subscriptions were 85–90 % of Red Hat's revenue "
        "in FY2011–FY2018, so the model, which counts subscriptions only, covers most of the revenue. The "
        "split of that scale into a price of USD 20 thousand, 20 % subscribing and 10 % leakage, and the "
        "development cost, community share and every closed and open-core value, are illustrative.",
        currency="$", sources=("RH-FY11", "RH-FY12", "RH-FY16", "RH-FY18"),
    ),
    Preset(
        "Open-core start-up",
        dict(years=8, market_size=50, dev_cost=20, licence_price=15, subscription_price=6,
             paying_share=0.05, premium_share=0.10, community_share=0.30, open_part=0.85,
             p_closed=0.003, q_closed=0.25, p_open=0.03, q_open=0.60, leakage=0.35),
        "Illustrative: a young infrastructure-software firm whose free core spreads fast (open q = 0.6) "
        "while few users need paid support (5 %), and cloud providers offering the core as a service "
        "capture 35 % of paying demand. Premium features keep 15 % of the code closed and sell to 10 % "
        "of adopters at the licence price. No company's figures are used.",
        currency="$",
    ),
    Preset(
        "Closed incumbent",
        dict(years=10, market_size=10, dev_cost=30, licence_price=20, subscription_price=10,
             paying_share=0.25, premium_share=0.10, community_share=0.20, open_part=0.80,
             p_closed=0.04, q_closed=0.30, p_open=0.05, q_open=0.50, leakage=0.30),
        "Illustrative: an established vendor whose sales force already wins customers (closed p = 0.04, "
        "close to the open product's 0.05), so opening adds little adoption, and a small community "
        "(20 % of development at full adoption). No company's figures are used.",
        currency="$",
    ),
)


def make_figures() -> list[go.FigureWidget]:
    """Cumulative profit of each strategy, adopters and paying customers, who captures the value."""
    profit = figure("Cumulative profit (revenue − development cost)", xaxis_title="Years since launch",
                    yaxis_title="¤ millions")
    for s in STRATEGIES:
        profit.add_scatter(name=LABELS[s], line=dict(color=COLOURS[s]), hovertemplate="¤%{y:,.0f} M")
    adoption = figure("Adopters (Bass diffusion) and paying customers", xaxis_title="Years since launch",
                      yaxis_title="Thousand organisations")
    for name, colour, dash in (("Adopters, closed (all pay a licence)", COLOURS["closed"], None),
                               ("Adopters, open and open core (free)", theme.PALETTE["sky"], None),
                               ("Subscribers (open)", COLOURS["open"], "dot"),
                               ("Premium buyers (open core)", COLOURS["open_core"], "dot")):
        adoption.add_scatter(name=name, line=dict(color=colour, dash=dash), hovertemplate="%{y:,.1f} k")
    value = figure("Value created and who captures it (whole horizon)", barmode="stack",
                   hovermode="closest", yaxis_title="¤ millions, cumulative")
    labels = [LABELS[s] for s in STRATEGIES]
    for name, colour in (("Revenue kept by the firm", theme.PALETTE["blue"]),
                         ("Paying demand captured by rivals", theme.PALETTE["vermillion"]),
                         ("Development done by the community", theme.PALETTE["green"])):
        value.add_bar(x=labels, name=name, marker_color=colour,
                      hovertemplate="%{fullData.name}: ¤%{y:,.0f} M<extra></extra>")
    return [profit, adoption, value]


def draw(figures: list[go.FigureWidget], result: open_source.OpenSourceResult) -> None:
    """Cumulative profit and customers over the years; the value breakdown at the horizon."""
    m = result.quarterly
    years = m["year"].to_numpy()
    profit, adoption, value = figures
    lines = [(trace, f"cumulative_profit_{s}") for trace, s in zip(profit.data, STRATEGIES)]
    lines += zip(adoption.data, ("adopters_closed", "adopters_open", "paying_open", "paying_open_core"))
    first_x = profit.data[0].x
    new_horizon = first_x is None or len(first_x) != len(years)   # x changes only with the horizon
    for trace, column in lines:
        if new_horizon:
            trace.x = years
        trace.y = m[column].to_numpy()
    b = result.breakdown
    for trace, column in zip(value.data, ("revenue", "leaked_revenue", "community_work")):
        trace.y = b[column].to_numpy()


class OpenSourceExplorer(Explorer):
    """Closed licences vs open source with subscriptions vs open core, with community work and value leakage."""

    model = open_source.simulate
    presets = PRESETS
    title = "Open-source explorer: when does opening the code pay, and who captures the value?"
    make_figures = make_figures
    draw = draw
    takeaway = open_source.takeaway
