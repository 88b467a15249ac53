"""Referral explorer: viral coefficient, cycle time and co-creators against a paid budget."""

from __future__ import annotations

import plotly.graph_objects as go

from .. import theme
from ..company_preset import Preset, Presets
from ..models import referrals
from .base import Explorer, figure

# How the presets were set: see lessons/13_co_creation_and_conversations.ipynb, section "Presets".
PRESETS = Presets(
    Preset(
        "Threadless-style community",
        dict(seed_users=2000, invitations=2.0, conversion=0.08, cycle_days=7, cocreator_share=0.15,
             cocreator_multiplier=4.0, churn=0.02, cocreator_churn=0.005, paid_budget=2000.0, cac=25.0,
             referral_reward=0.0, market=20.0, weeks=52),
        "All values are illustrative, chosen to show a community where designers ask friends to vote "
        "for their designs (co-creators invite 4× as much and churn less). Context, not inputs: almost "
        "500,000 designs were submitted to Threadless Design Challenges and more than 9,500 printed by "
        "2020 (Threadless blog).",
        currency="$", sources=("TL-blog",),
    ),
    Preset(
        "Paid-acquisition start-up",
        dict(seed_users=500, invitations=1.0, conversion=0.05, cycle_days=14, cocreator_share=0.0,
             cocreator_multiplier=1.0, churn=0.03, cocreator_churn=0.03, paid_budget=20000.0, cac=40.0,
             referral_reward=0.0, market=50.0, weeks=52),
        "All values are illustrative: a product people rarely talk about (K = 0.05, no co-creators) "
        "that buys its users with advertising at $40 each.",
        currency="$",
    ),
    Preset(
        "Business Model Generation book launch",
        dict(seed_users=470, invitations=5.0, conversion=0.12, cycle_days=14, cocreator_share=0.3,
             cocreator_multiplier=2.0, churn=0.01, cocreator_churn=0.002, paid_budget=1000.0, cac=15.0,
             referral_reward=0.0, market=5.0, weeks=52),
        "Seed 470 = the practitioners the book names as its co-creators (Osterwalder & Pigneur 2010: "
        "470 practitioners from 45 countries). Every other value is illustrative; the model treats the "
        "seed like any other users, although all 470 were co-creators.",
        currency="$", sources=("OP10-CO",),
    ),
)

COLORS = {"referral": theme.PALETTE["green"], "paid": theme.PALETTE["orange"], "mix": theme.PALETTE["blue"]}
DASHES = {"referral": "solid", "paid": "dot", "mix": "solid"}


def make_figures() -> list[go.FigureWidget]:
    """Active users and blended acquisition cost of each strategy, by week."""
    users = figure("Active users", xaxis_title="Week", yaxis_title="Active users", yaxis_tickformat="~s")
    cost = figure("Blended acquisition cost (cumulative spend ÷ users acquired)", xaxis_title="Week",
                  yaxis_title="¤ per acquired user")
    for name in referrals.STRATEGIES:
        line = dict(color=COLORS[name], dash=DASHES[name])
        users.add_scatter(name=referrals.STRATEGY_LABELS[name], line=line, hovertemplate="%{y:,.0f} users")
        cost.add_scatter(name=referrals.STRATEGY_LABELS[name], line=line, hovertemplate="¤%{y:,.2f}")
    return [users, cost]


def draw(figures: list[go.FigureWidget], result: referrals.ReferralResult) -> None:
    """Active users and blended cost per acquired user of each strategy, by week."""
    paths = result.paths
    weeks = paths["week"]
    users, cost = figures
    shown = users.data[0].x
    new_axis = shown is None or len(shown) != len(weeks) or shown[-1] != weeks[-1]
    for i, name in enumerate(referrals.STRATEGIES):
        if new_axis:  # the cycle time or the horizon changed
            users.data[i].x = weeks
            cost.data[i].x = weeks
        users.data[i].y = paths[f"{name}_active"]
        cost.data[i].y = paths[f"{name}_blended_cac"]  # NaN (nobody acquired yet) is a gap


class ReferralExplorer(Explorer):
    """Referral loop, paid acquisition and their mix: active users and cost per acquired user."""

    model = referrals.simulate
    presets = PRESETS
    title = "Referral explorer: can conversations replace the advertising budget?"
    make_figures = make_figures
    draw = draw
    takeaway = referrals.takeaway
