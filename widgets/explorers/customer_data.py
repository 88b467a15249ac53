"""Data flywheel explorer: move opt-out, learning speed and the cost of data; see users, profit and the learning curve."""

from __future__ import annotations

import plotly.graph_objects as go

from .. import theme
from ..company_preset import Preset, Presets
from ..models import customer_data
from .base import Explorer, figure

# How the presets were set: lessons/20_leverage_customer_data.ipynb, section "How the presets are calibrated".
# The model's value per user is a contribution, and Amazon reports revenue: its advertising revenue becomes a
# contribution lift through these margins, which are illustrative assumptions, not reported figures.
AMAZON_MARGINS = {"advertising": 0.40, "other net sales": 0.20}

PRESETS = Presets(
    Preset(
        "Amazon-style retailer (ads, 2025)",
        dict(users_start=100.0, new_users=30.0, churn=0.2, value_per_user=100.0, max_lift=0.45, user_pull=0.2,
             opt_out=0.1, learning_exponent=0.3, data_scale=50.0, data_decay=0.2, holding_cost=1.0),
        "the lift is set so that in year 10 matching adds about 21.2 % to contribution per user: Amazon's "
        "advertising ($68,635 M in 2025, 10-K) at an illustrative 40 % contribution margin, against its other "
        "net sales ($648,289 M) at an illustrative 20 %. The revenue ratio alone (10.6 %) would count a dollar "
        "of advertising like a dollar of goods sold. Users, value per user, the margins, opt-out, the learning "
        "curve, data decay and holding cost are illustrative.",
        currency="$", sources=("AMZN-note", "AMZ"),
    ),
    Preset(
        "Airbnb-style marketplace (2021–2024)",
        dict(users_start=300.6, new_users=169.6, churn=0.3, value_per_user=20.0, max_lift=0.35, user_pull=0.2,
             opt_out=0.2, learning_exponent=0.3, data_scale=100.0, data_decay=0.25, holding_cost=0.5),
        "one 'user' is one night booked a year: 300.6 M nights in 2021, worth $6.0 B ÷ 300.6 M = $20 each; new "
        "users set so that the loop reaches 491.5 M nights in year 4 (2024) and the lift so that value per "
        "night reaches $11.1 B ÷ 491.5 M = $22.58 (an upper bound: prices rose too). Revenue per night stands "
        "in for contribution, which assumes the extra fees keep the same margin as the first ones. Churn, "
        "opt-out, the learning curve and data costs are illustrative.",
        currency="$", sources=("ABNB21", "ABNB24"),
    ),
    Preset(
        "Free app after App Tracking Transparency (2021)",
        dict(users_start=10.0, new_users=5.0, churn=0.35, value_per_user=3.0, max_lift=0.5, user_pull=0.1,
             opt_out=0.88, learning_exponent=0.4, data_scale=2.0, data_decay=0.5, holding_cost=0.05),
        "opt-out 88 % = 100 % minus the roughly 12 % of app users worldwide who allowed tracking in the first "
        "weeks of App Tracking Transparency (Flurry, secondary report); set it to 0 % for the world before. "
        "Users, ad value per user, the learning curve and data costs are illustrative.",
        currency="$", sources=("FLURRY21",),
    ),
)


def make_figures() -> list[go.FigureWidget]:
    """Users and cumulative profit with and without the loop, and the learning curve with the moat test."""
    years = list(range(1, customer_data.YEARS + 1))
    users = figure("Users: with and without the data loop", xaxis_title="Year", yaxis_title="Users (millions)")
    profit = figure("Cumulative profit", xaxis_title="Year", yaxis_title="¤ millions")
    for fig, unit in ((users, "%{y:,.1f} M users"), (profit, "¤%{y:,.0f} M")):
        fig.add_scatter(x=years, name="With the data loop", line=dict(color=theme.PALETTE["blue"]),
                        hovertemplate=unit)
        fig.add_scatter(x=years, name="Without", line=dict(color=theme.PALETTE["orange"], dash="dot"),
                        hovertemplate=unit)
    profit.add_scatter(x=years, name="Data cost per year", line=dict(color=theme.PALETTE["vermillion"], width=1.5),
                       hovertemplate="¤%{y:,.0f} M")
    curve = figure("Learning curve: what the data buys", xaxis_title="Data held (million user-years)",
                   yaxis_title="Matching quality (%)", hovermode="closest", showlegend=False)
    curve.add_scatter(name="Matching quality", line=dict(color=theme.PALETTE["green"]),
                      hovertemplate="%{x:,.0f} M user-years: %{y:.1f} %<extra></extra>")
    curve.add_scatter(name="Firm, rival, twice the data", mode="markers+text",
                      meta="no-pin", text=["firm", "rival (1/10)", "2 × data"], textposition="bottom right",
                      marker=dict(color=[theme.PALETTE[c] for c in ("blue", "orange", "purple")], size=11,
                                  symbol=["circle", "diamond", "triangle-up"]),
                      hovertemplate="%{text}: %{x:,.0f} M user-years, quality %{y:.1f} %<extra></extra>")
    curve.update_yaxes(range=[0, 100])
    return [users, profit, curve]


def draw(figures: list[go.FigureWidget], result: customer_data.FlywheelResult) -> None:
    """Users and money per year; the curve with the firm, the rival and a doubling marked on it."""
    users, profit, curve = figures
    y = result.columns
    users.data[0].y = y["users"]
    users.data[1].y = y["users_without_loop"]
    profit.data[0].y = y["cumulative_profit"]
    profit.data[1].y = y["cumulative_profit_without_loop"]
    profit.data[2].y = y["holding_cost"]
    curve.data[0].x = result.curve_data
    curve.data[0].y = result.curve_quality * 100
    held = result.data_final
    curve.data[1].x = [held, customer_data.ENTRANT_SHARE * held, 2 * held]
    curve.data[1].y = [100 * result.quality_final, 100 * result.quality_entrant, 100 * result.quality_doubled]


class DataFlywheelExplorer(Explorer):
    """A firm with the data loop against the same firm without it: when is data a moat, when does it flatten?"""

    model = customer_data.simulate
    presets = PRESETS
    title = "Data flywheel explorer: when does customer data become a moat?"
    make_figures = make_figures
    draw = draw
    takeaway = customer_data.takeaway
