"""Hidden-revenue explorer: ad load, tracking opt-outs and users' patience; revenue now and later."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from .. import theme
from ..company_preset import Preset, Presets
from ..models import ad_supported
from .base import Explorer, figure

# Meta's Q4 2021 advertising revenue by user geography ÷ Facebook daily users ÷ 92 days gives the
# revenue per daily user per day (datasets/meta_regions.csv). Time spent and ad load are not
# published: they are set to the same illustrative 30 minutes and 40 ads an hour in every region,
# so the whole regional gap lands in the price per 1,000 ads, which is where it belongs.
MINUTES, AD_LOAD, Q4_DAYS = 30, 40, 92
SHARED = dict(minutes=MINUTES, current_ad_load=AD_LOAD, ad_load=60, opt_out=0.0, untracked_discount=0.52,
              time_sensitivity=0.015, churn_sensitivity=0.01, churn=0.02, adaptation=0.25, months=60)
ILLUSTRATIVE = (
    "Time spent (30 min a day), today's ad load (40 an hour), the proposal of 60 an hour, churn and the "
    "sensitivities are illustrative: they put today's ad load at the long-run revenue maximum "
    "(1 ÷ (1.5 % + 1 %) = 40). Opt-outs start at 0 and the price cut on an untracked ad at 52 % "
    "(Johnson, Shriver & Du 2020). Q4 2021 was already two quarters into Apple's tracking prompt, so "
    "the CPM is the price after its first effects."
)


def _region(name: str, ad_revenue: float, daily_users: float) -> Preset:
    cpm = ad_supported.implied_cpm(ad_revenue, daily_users, Q4_DAYS, MINUTES, AD_LOAD)
    return Preset(
        f"Meta {name} (Q4 2021)",
        dict(SHARED, users=daily_users, cpm=round(cpm, 2)),
        f"Daily users {daily_users:,.0f} million (Facebook, Q4 2021) and CPM USD {cpm:,.2f}: Q4 2021 advertising "
        f"revenue by user geography USD {ad_revenue:,.0f} M ÷ {daily_users:,.0f} M daily users ÷ {Q4_DAYS} days "
        f"= USD {ad_revenue / daily_users / Q4_DAYS:,.3f} per user per day, ÷ {MINUTES / 60 * AD_LOAD:g} ads a day × 1,000. " + ILLUSTRATIVE,
        currency="$", sources=("META-Q4-23-DECK", "META-Q2-23-DECK", "JSD20"),
    )


PRESETS = Presets(
    _region("US & Canada", 15062, 195),
    _region("Asia-Pacific", 6183, 806),
    _region("Europe", 8174, 309),
)
# The four factors of the identity, then their product, as indices (today = 100).
FACTORS = (("users_index", "Users", "green"), ("minutes_index", "Time per user", "sky"),
           ("ad_load_index", "Ad load", "orange"), ("price_index", "Price per ad", "vermillion"))


def make_figures() -> list[go.FigureWidget]:
    """Revenue after the change against today's, and the identity's factors as indices."""
    revenue = figure("Ad revenue per month", xaxis_title="Months after the change",
                     yaxis_title="¤ millions a month", yaxis_rangemode="tozero")
    revenue.add_scatter(name="After the change", line=dict(color=theme.PALETTE["blue"]),
                        hovertemplate="¤%{y:,.0f} M")
    revenue.add_scatter(name="Today, unchanged", line=dict(color=theme.PALETTE["black"], dash="dot", width=1.5),
                        hovertemplate="¤%{y:,.0f} M")
    factors = figure("What moves: factors (today = 100)", xaxis_title="Months after the change",
                     yaxis_title="Index, today = 100")
    for _, name, colour in FACTORS:
        factors.add_scatter(name=name, line=dict(color=theme.PALETTE[colour], width=1.8),
                            hovertemplate="%{y:.1f}")
    factors.add_scatter(name="Revenue", line=dict(color=theme.PALETTE["blue"], width=3),
                        hovertemplate="%{y:.1f}")
    return [revenue, factors]


def draw(figures: list[go.FigureWidget], result: ad_supported.AdResult) -> None:
    """Revenue in ¤ millions a month; each factor and revenue × 100 relative to today."""
    m = result.monthly
    revenue, factors = figures
    months = m["month"].to_numpy()
    if revenue.data[0].x is None or len(revenue.data[0].x) != len(months):  # the horizon changed
        for trace in (*revenue.data[:2], *factors.data[: len(FACTORS) + 1]):
            trace.x = months
    _update(revenue.data[0], m["revenue"].to_numpy())
    _update(revenue.data[1], m["status_quo_revenue"].to_numpy())
    for trace, (column, _, _) in zip(factors.data, FACTORS):
        _update(trace, m[column].to_numpy() * 100)
    _update(factors.data[len(FACTORS)], m["revenue"].to_numpy() / result.status_quo_revenue * 100)


def _update(trace: go.Scatter, y: np.ndarray) -> None:
    """Send a trace only if it changed: a flat line (today, the price) often stays put."""
    if trace.y is None or len(trace.y) != len(y) or not np.array_equal(trace.y, y):
        trace.y = y


class HiddenRevenueExplorer(Explorer):
    """More ads or fewer, tracking or not: ad revenue now and after users have adapted."""

    model = ad_supported.simulate
    presets = PRESETS
    title = "Hidden-revenue explorer: more ads pay now — do they pay later?"
    make_figures = make_figures
    draw = draw
    takeaway = ad_supported.takeaway
