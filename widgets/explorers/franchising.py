"""Franchising explorer: set the royalty, the franchised share and the opening pace; see growth, returns and risk."""

from __future__ import annotations

import plotly.graph_objects as go

from .. import theme
from ..company_preset import Preset, Presets
from ..models import franchising
from .base import Explorer, figure

# How the presets were set: see lessons/40_franchising.ipynb, section "Presets".
PRESETS = Presets(
    Preset(
        "McDonald's (2024)",
        dict(royalty=0.046, rent=0.083, franchised_share=0.95, openings=2116, units=43477, sales=2.92,
             unit_margin=0.255, owned_capital=3.5, landlord_capital=1.0, franchisee_investment=1.77,
             attention=300, hurdle=5.0, monitoring=0.08, cost_of_capital=0.08, free_riding=0.02),
        "Data (10-K 2024): 43,477 restaurants, 95 % franchised (41,432), 2,116 opened; sales per franchised "
        "restaurant USD 2.92 M = franchised sales USD 120,933 M ÷ 41,432; royalty 4.6 % = royalties USD 5,606 M ÷ "
        "franchised sales and rent 8.3 % = rents USD 10,017 M ÷ franchised sales (blended over conventional "
        "franchisees, licensees and affiliates); franchisee investment USD 1.77 M = midpoint of the USD 1.27–2.27 M "
        "McDonald's U.S. franchising page gives for a new restaurant. Unit margin 25.5 % is illustrative, set so "
        "a franchisee keeps 12.6 % of sales after fees, inside the 10–15 % its owners' association quoted in "
        "2024. Capital per unit, management attention, franchisees' payback hurdle, the cost of watching own "
        "managers, the cost of capital and free-riding are illustrative.",
        currency="$", sources=("MCD24-10K", "MCD-US-FR", "NOA-24"),
    ),
    Preset(
        "Yum! Brands (2024)",
        dict(royalty=0.05, rent=0.0, franchised_share=0.98, openings=4535, units=61000, sales=1.07,
             unit_margin=0.18, owned_capital=1.5, landlord_capital=0.0, franchisee_investment=0.6,
             attention=200, hurdle=5.0, monitoring=0.05, cost_of_capital=0.08, free_riding=0.02),
        "Data (Yum! 2024 annual report and results): over 61,000 restaurants, 98 % run by franchisees, 4,535 "
        "opened; sales per restaurant USD 1.07 M = system sales USD 65,466 M ÷ 61,000. No rent: Yum! is modelled as a "
        "royalty-only franchisor that holds no franchisees' sites. The 5 % royalty is illustrative (Yum!'s rate "
        "is not in our sources; McDonald's charges 4–5 %, Tim Hortons 3–6 %), and so are the unit margin, "
        "capital, attention, hurdle, monitoring, cost of capital and free-riding.",
        currency="$", sources=("YUM24-AR", "YUM24-PR", "TH-10K25"),
    ),
    Preset(
        "Quiznos before its fall (2007)",
        dict(royalty=0.07, rent=0.05, franchised_share=1.0, openings=300, units=5000, sales=0.43,
             unit_margin=0.17, owned_capital=0.5, landlord_capital=0.0, franchisee_investment=0.19,
             attention=20, hurdle=4.0, monitoring=0.05, cost_of_capital=0.08, free_riding=0.02),
        "Data (press reports, secondary): some 5,000 restaurants at the peak before 2008, all but 7 of the "
        "2,100 left at the 2014 bankruptcy franchised; a 7 % royalty (and 4 % for advertising, counted here in "
        "the unit's costs) against an industry average of 6 % and 2 %; about USD 425,000 of sales a year for an "
        "average store. The 5 % supply mark-up stands for what franchisees paid above market for the food they "
        "had to buy from Quiznos's own distributor (illustrative: the mark-up was never published). Unit margin, "
        "investment, openings, hurdle and the other values are illustrative.",
        currency="$", sources=("QZ-WSJ14", "QZ-REU", "QZ-DBJ", "QZ-CBS14"),
    ),
)


def make_figures() -> list[go.FigureWidget]:
    """Units by who runs them; return on capital and quality loss by year; economic profit against the royalty."""
    years = list(range(1, franchising.YEARS + 1))
    units = figure("Units: franchised and company-owned", xaxis_title="Year", yaxis_title="Units (thousands)")
    units.add_scatter(x=years, name="Franchised", stackgroup="units", line=dict(color=theme.PALETTE["blue"]),
                      hovertemplate="%{y:,.2f} thousand")
    units.add_scatter(x=years, name="Company-owned", stackgroup="units", line=dict(color=theme.PALETTE["orange"]),
                      hovertemplate="%{y:,.2f} thousand")
    units.add_scatter(x=years, name="All-owned chain", line=dict(color=theme.PALETTE["black"], dash="dot"),
                      hovertemplate="%{y:,.2f} thousand")
    returns = figure("Return on capital and quality loss", xaxis_title="Year", yaxis_title="% a year / % of sales",
                     yaxis_rangemode="tozero")
    returns.add_scatter(x=years, name="Franchisor's return on capital", line=dict(color=theme.PALETTE["blue"]),
                        hovertemplate="%{y:.1f} %")
    returns.add_scatter(x=years, name="All-owned chain's return", line=dict(color=theme.PALETTE["black"], dash="dot"),
                        hovertemplate="%{y:.1f} %")
    returns.add_scatter(x=years, name="Sales lost to skimping", line=dict(color=theme.PALETTE["vermillion"]),
                        hovertemplate="%{y:.1f} % of sales")
    royalty = figure(f"What the royalty earns over {franchising.YEARS} years", xaxis_title="Royalty (% of sales)",
                     yaxis_title="Economic profit (¤ bn)")
    pct = (franchising.ROYALTIES * 100).tolist()
    royalty.add_scatter(x=pct, name="Franchisor, after cost of capital", line=dict(color=theme.PALETTE["green"]),
                        hovertemplate="royalty %{x:.1f} %: ¤%{y:,.2f} bn")
    royalty.add_scatter(x=[0.0, 0.0], name="This royalty (circle) and the best (diamond)", mode="markers",
                        meta="no-pin", customdata=["this royalty", "best royalty"],
                        marker=dict(color=[theme.PALETTE["blue"], theme.PALETTE["vermillion"]], size=11,
                                    symbol=["circle", "diamond"]),
                        hovertemplate="%{customdata} %{x:.1f} %: ¤%{y:,.2f} bn<extra></extra>")
    return [units, returns, royalty]


def draw(figures: list[go.FigureWidget], result: franchising.FranchisingResult) -> None:
    """Units in thousands, returns and losses in %, money in ¤ bn (the model's ¤ M ÷ 1000)."""
    y = result.yearly
    units, returns, royalty = figures
    units.data[0].y = y["franchised_units"].to_numpy() / 1000
    units.data[1].y = y["owned_units"].to_numpy() / 1000
    units.data[2].y = y["owned_chain_units"].to_numpy() / 1000
    returns.data[0].y = y["roc"].to_numpy() * 100
    returns.data[1].y = y["owned_chain_roc"].to_numpy() * 100
    returns.data[2].y = y["quality_loss"].to_numpy() * 100
    sweep = result.sweep
    royalty.data[0].y = sweep["economic_profit"].to_numpy() / 1000
    royalty.data[1].x = [result.royalty * 100, result.best_royalty * 100]
    royalty.data[1].y = [result.economic_profit / 1000, result.best_profit / 1000]


class FranchisingExplorer(Explorer):
    """Franchising vs company-owned growth for McDonald's, Yum! Brands or Quiznos before its fall."""

    model = franchising.simulate
    presets = PRESETS
    title = "Franchising explorer: how fast the chain grows, what the franchisor earns, what franchisees keep"
    make_figures = make_figures
    draw = draw
    takeaway = franchising.takeaway
