"""Ledger explorer: one transfer through an intermediary or on a shared ledger, the network the saving can build, the token's value."""

from __future__ import annotations

import plotly.graph_objects as go

from .. import theme
from ..company_preset import Preset, Presets
from ..models import ledger
from .base import Explorer, figure

# The intermediaries' costs are the World Bank's averages for sending USD 200 (datasets/remittance_costs.csv,
# Remittance Prices Worldwide, Q3 2023). Everything on the ledger's side and in the network is illustrative:
# no course dataset holds stablecoin or on-chain fees, and the cost of joining is the lesson's assumption.
RPW_QUARTER = "Q3 2023"
MEASURES = {"global": "global average", "banks": "banks", "digital": "digital remittances"}
RPW_Q3_2023 = {"global": 6.18, "banks": 11.48, "digital": 4.84}   # % of USD 200 (RPW-47)

LEDGER = dict(amount=200, network_fee=0.5, compliance=1.0, ramp_cost=0.02, hold_days=1.0, risk_price=0.5,
              transfers_year=12, join_cost=30.0, spread=0.3, holdouts=0.0, start_share=0.05, token_reward=0.0,
              reward_years=0, members=1000, supply=100.0, staked=0.0)
ILLUSTRATIVE = ("Illustrative: a USD 0.50 network fee and USD 1 of compliance checks per transfer, 2 % for cash-in "
                "and cash-out, the value held 1 day, price risk charged at half a standard deviation, 12 transfers "
                "a member a year, a median cost of joining of USD 30 a year (spread 30 %), 5 % of the market on "
                "board at launch, 1 million potential members and 100 million tokens.")


def share_from(percent: float) -> float:
    """A World Bank cost in percent as the intermediary-cost control's fraction (its step is 0.01 %)."""
    return round(percent / 100, 4)


def remittance_preset(name: str, key: str, provider: str, volatility: float, token: str) -> Preset:
    """A USD 200 transfer: the intermediary's cost from the World Bank's row, the ledger illustrative."""
    return Preset(
        name, dict(LEDGER, intermediary_cost=share_from(RPW_Q3_2023[key]), volatility=volatility),
        f"Intermediary's cost {RPW_Q3_2023[key]:.2f} %: the World Bank's average for {provider} in {RPW_QUARTER} "
        f"(datasets/remittance_costs.csv, Remittance Prices Worldwide issue 47). {token} " + ILLUSTRATIVE,
        currency="$", sources=("RPW-47",))


STABLECOIN = "The ledger is a stablecoin (volatility 2 % a year, illustrative)."
PRESETS = Presets(
    remittance_preset("USD 200 by stablecoin against the global average", "global",
                      "all providers (the global average)", 0.02, STABLECOIN),
    remittance_preset("USD 200 by volatile token against a bank", "banks", "banks, the dearest providers", 0.6,
                      "The ledger's token swings like a cryptocurrency (volatility 60 % a year, illustrative)."),
    remittance_preset("USD 200 by stablecoin against digital services", "digital", "digital remittance services",
                      0.02, STABLECOIN),
)


def make_figures() -> list[go.FigureWidget]:
    """Cost against amount; who wants to be on the ledger against who is (and while a token reward is paid); the token's value against holding time."""
    cost = figure("What one transfer costs", xaxis_title="Amount sent (¤, log scale)",
                  yaxis_title="Cost (% of the amount)", xaxis_type="log", yaxis_range=[0, 20])
    cost.add_scatter(name="Intermediary", line=dict(color=theme.PALETTE["vermillion"]),
                     hovertemplate="¤%{x:,.0f}: %{y:.2f} %")
    cost.add_scatter(name="Ledger, all in", line=dict(color=theme.PALETTE["blue"], width=3),
                     hovertemplate="¤%{x:,.0f}: %{y:.2f} %")
    cost.add_scatter(name="SDG target (3 %)", meta="no-pin", x=[ledger.AMOUNTS[0], ledger.AMOUNTS[-1]],
                     y=[ledger.SDG_TARGET * 100] * 2, mode="lines",
                     line=dict(color=theme.PALETTE["black"], dash="dot", width=1.5),
                     hovertemplate="SDG 10.c target: 3 %")
    cost.add_scatter(name="Amount sent", mode="markers", meta="no-pin",
                     marker=dict(color=theme.PALETTE["black"], size=10, symbol="diamond"),
                     hovertemplate="¤%{x:,.0f}: %{y:.2f} %")
    network = figure("Who wants to be on the ledger", xaxis_title="Share of the market on the ledger (%)",
                     yaxis_title="Want to be on it (%)", xaxis_range=[0, 100], yaxis_range=[0, 102])
    network.add_scatter(name="Want to be on it", line=dict(color=theme.PALETTE["green"], width=3),
                        hovertemplate="%{x:.0f} % on it: %{y:.1f} % want to be")
    network.add_scatter(name="Nobody changes their mind", meta="no-pin", x=[0, 100], y=[0, 100], mode="lines",
                        line=dict(color=theme.PALETTE["black"], dash="dot", width=1.5), hoverinfo="skip")
    network.add_scatter(name="Critical mass", mode="markers", meta="no-pin",
                        marker=dict(color=theme.PALETTE["vermillion"], size=11, symbol="x"),
                        hovertemplate="critical mass: %{x:.1f} %")
    network.add_scatter(name="Launch → end", mode="markers+lines", meta="no-pin",
                        marker=dict(color=theme.PALETTE["black"], size=9), line=dict(color=theme.PALETTE["black"]),
                        hovertemplate="%{x:.1f} % of the market")
    network.add_scatter(name="While the token pays", mode="lines",
                        line=dict(color=theme.PALETTE["green"], dash="dash", width=2),
                        hovertemplate="%{x:.0f} % on it: %{y:.1f} % want to be while the token pays")
    token = figure("What the token is worth", xaxis_title="Days a token is held (log scale)",
                   yaxis_title="Value of all tokens (¤, log scale)", xaxis_type="log", yaxis_type="log")
    token.add_scatter(name="Value of all tokens, M = PQ ÷ V", line=dict(color=theme.PALETTE["purple"], width=3),
                      hovertemplate="held %{x:.2g} days: ¤%{y:,.3s}")
    token.add_scatter(name="Holding time now", mode="markers", meta="no-pin",
                      marker=dict(color=theme.PALETTE["black"], size=10, symbol="diamond"),
                      hovertemplate="held %{x:.2g} days: ¤%{y:,.3s}")
    return [cost, network, token]


def draw(figures: list[go.FigureWidget], result: ledger.LedgerResult) -> None:
    """Costs in % of the amount; shares × 100 (the launch and the equilibrium on the diagonal); token value in ¤."""
    cost, network, token = figures
    if cost.data[0].x is None:
        cost.data[0].x = cost.data[1].x = ledger.AMOUNTS
        network.data[0].x = ledger.SHARES * 100
        token.data[0].x = ledger.HOLDING
    cost.data[0].y = result.costs["intermediary"].to_numpy()
    cost.data[1].y = result.costs["ledger"].to_numpy()
    cost.data[3].x = [result.amount] * 2
    cost.data[3].y = [result.intermediary_cost / result.amount * 100, result.ledger_cost / result.amount * 100]
    network.data[0].y = result.adoption["wish"].to_numpy() * 100
    cm = result.critical_mass
    network.data[2].x = network.data[2].y = [cm * 100] if cm else []
    ends = [result.path[0] * 100, result.final_share * 100]
    network.data[3].x = network.data[3].y = ends
    network.data[4].x = result.rewarded_wish["share"].to_numpy() * 100     # empty when no token reward is paid
    network.data[4].y = result.rewarded_wish["wish"].to_numpy() * 100
    token.data[0].y = result.token_values["value"].to_numpy()
    token.data[1].x = [result.hold_days]
    token.data[1].y = [result.token_value]


class LedgerExplorer(Explorer):
    """Fees, volatility, compliance and the cost of joining: when does a shared ledger beat the intermediary?"""

    model = ledger.simulate
    presets = PRESETS
    title = "Ledger explorer: when a shared ledger beats a trusted intermediary"
    make_figures = make_figures
    draw = draw
    takeaway = ledger.takeaway
