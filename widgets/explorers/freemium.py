"""Freemium explorer: move conversion, churn, price and costs; see users by tier and the cash."""

from __future__ import annotations

import plotly.graph_objects as go

from .. import theme
from ..company_preset import Preset, Presets
from ..models import freemium
from .base import Explorer, figure

# How the presets were set: see lessons/22_freemium_and_subscription.ipynb, section "Presets".
PRESETS = Presets(
    Preset(
        "Spotify (2024)",
        dict(signups=3000, signup_growth=0.0, conversion=0.034, free_churn=0.03, paid_churn=0.02,
             price=4.70, ad_revenue=0.42, cost_free=0.30, cost_paid=3.20, acquisition_cost=2.0,
             trial_conversion=0.20),
        "price €4.70 = Q4 2024 premium revenue €3,705 M ÷ 263 M subscribers ÷ 3 months; ad revenue "
        "€0.42 = Q4 ad revenue €537 M ÷ 425 M ad-supported users ÷ 3; conversion set so that 39 % of "
        "users pay in month 36, as 263 M of 675 M MAU did. Churn, costs, sign-ups and the trial rate "
        "are illustrative.",
        currency="€", sources=("SP24",),
    ),
    Preset(
        "Dropbox (2017)",
        dict(signups=2000, signup_growth=0.01, conversion=0.0015, free_churn=0.02, paid_churn=0.015,
             price=9.33, ad_revenue=0.0, cost_free=0.05, cost_paid=2.0, acquisition_cost=1.0,
             trial_conversion=0.05),
        "price $9.33 = 2017 ARPPU $111.91 ÷ 12 (S-1); no ads; conversion 0.15 % a month, the slider's "
        "step nearest to 2.2 % of users paying in month 36 (11.0 M of 500 M registered): the model gives "
        "2.3 %. Churn, costs, sign-ups and the trial rate are illustrative.",
        currency="$", sources=("DBX-S1",),
    ),
    Preset(
        "Netflix-style pay-only (2019)",
        dict(signups=1500, signup_growth=0.01, conversion=0.0, free_churn=0.5, paid_churn=0.025,
             price=10.82, ad_revenue=0.0, cost_free=0.0, cost_paid=6.0, acquisition_cost=5.0,
             trial_conversion=0.30),
        "price $10.82 = Netflix 2019 average monthly revenue per paid membership (10-K). No free tier "
        "(conversion 0): compare the trial line. Churn, costs, sign-ups and the trial rate are illustrative.",
        currency="$", sources=("NF19",),
    ),
)


def make_figures() -> list[go.FigureWidget]:
    """Users by tier (stacked) and the money: cumulative cash of both models, monthly profit."""
    months = list(range(1, freemium.MONTHS + 1))
    users = figure("Users by tier", xaxis_title="Month", yaxis_title="Users (millions)")
    users.add_scatter(x=months, name="Free users", stackgroup="users",
                      line=dict(color=theme.PALETTE["sky"]), hovertemplate="%{y:,.2f} M")
    users.add_scatter(x=months, name="Paying (freemium)", stackgroup="users",
                      line=dict(color=theme.PALETTE["blue"]), hovertemplate="%{y:,.2f} M")
    users.add_scatter(x=months, name="Paying (free trial)",
                      line=dict(color=theme.PALETTE["orange"], dash="dot"), hovertemplate="%{y:,.2f} M")
    money = figure("Cumulative cash and monthly profit", xaxis_title="Month", yaxis_title="¤ millions")
    for name, colour, line in (("Cash (freemium)", "blue", {}), ("Cash (free trial)", "orange", {"dash": "dot"}),
                               ("Monthly profit (freemium)", "green", {"width": 1.5})):
        money.add_scatter(x=months, name=name, line=dict(color=theme.PALETTE[colour], **line),
                          hovertemplate="¤%{y:,.1f} M")
    return [users, money]


def draw(figures: list[go.FigureWidget], result: freemium.FreemiumResult) -> None:
    """Users in millions and cash in millions: the model's thousands ÷ 1000."""
    m = result.monthly
    users, money = figures
    users.data[0].y = m["free_users"].to_numpy() / 1000
    users.data[1].y = m["paying_users"].to_numpy() / 1000
    users.data[2].y = m["trial_paying_users"].to_numpy() / 1000
    money.data[0].y = m["cumulative_cash"].to_numpy() / 1000
    money.data[1].y = m["trial_cumulative_cash"].to_numpy() / 1000
    money.data[2].y = m["profit"].to_numpy() / 1000


class FreemiumExplorer(Explorer):
    """Freemium vs free trial for Spotify, Dropbox or a pay-only Netflix-style service."""

    model = freemium.simulate
    presets = PRESETS
    title = "Freemium explorer: who pays, and when does the free tier pay for itself?"
    make_figures = make_figures
    draw = draw
    takeaway = freemium.takeaway
