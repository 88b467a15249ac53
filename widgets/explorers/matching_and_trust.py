"""AI matching and a shared ledger explorer: switch each on and off and see in which market each one pays."""

from __future__ import annotations

import plotly.graph_objects as go

from .. import theme
from ..company_preset import Preset, Presets
from ..models import matching_and_trust as mt
from .base import Explorer, figure
from .platform import AIRBNB_2024, take_rate_from

# Sourced values (the tests check them against the dataset rows):
AIRBNB_NIGHTS_2024 = 491.5        # nights and experiences booked, million (ABNB24; datasets/airbnb.csv)
EBAY_2012 = (67763, 7398)         # Marketplaces GMV, net revenue, USD million (EBAY12; datasets/platform_take_rates.csv)
RPW_AMOUNT = 200                  # the World Bank measures the cost of sending USD 200 (datasets/remittance_costs.csv)
RPW_SSA_2023Q3 = 7.39             # % of USD 200: average cost of sending to Sub-Saharan Africa, Q3 2023 (RPW-47)

# The technologies' costs are the same illustrative values in both markets: only the market differs.
TECHNOLOGY = dict(ai_lift=0.15, ai_fixed=200.0, ai_cost=0.05, ledger_rescue=0.5, ledger_saving=0.5,
                  ledger_fixed=150.0, ledger_fee=0.5)


def value_per_night() -> float:
    """Airbnb's 2024 gross booking value ÷ nights booked, in whole dollars."""
    return float(round(AIRBNB_2024[0] / AIRBNB_NIGHTS_2024))


def cost_of_sending() -> float:
    """What sending USD 200 to Sub-Saharan Africa cost in Q3 2023, in dollars (to the cent)."""
    return round(RPW_AMOUNT * RPW_SSA_2023Q3 / 100, 2)


PRESETS = Presets(
    Preset(
        "Thick, high-trust market (home-sharing)",
        dict(buyers=2000, sellers=400, efficiency=0.3, alpha=0.5, trade_value=value_per_night(),
             take_rate=take_rate_from(AIRBNB_2024), trust_gap=0.03, trust_cost=1.0, ai_on=1, ledger_on=0,
             **TECHNOLOGY),
        "Take rate 13.5 %: Airbnb's 2024 revenue USD 11.1 B ÷ gross booking value USD 81.8 B; value of a trade "
        "USD 166: that GBV ÷ 491.5 million nights and experiences booked (Airbnb's Q4 2024 results; GBV includes "
        "cleaning fees and taxes). Illustrative: 2 million guests searching and 400,000 listings open a month, "
        "the matching efficiency, 3 % of matches lost to distrust and USD 1 of trust cost a night (reviews, "
        "payments and a host guarantee already work), and every cost and effect of AI matching and the ledger.",
        currency="$", sources=("ABNB24",),
    ),
    Preset(
        "Thin, low-trust market (cross-border trade)",
        dict(buyers=200, sellers=50, efficiency=0.4, alpha=0.5, trade_value=float(RPW_AMOUNT),
             take_rate=take_rate_from(EBAY_2012), trust_gap=0.4, trust_cost=cost_of_sending(), ai_on=0,
             ledger_on=1, **TECHNOLOGY),
        "Value of a trade USD 200 and cost of trust USD 14.78 a trade: the World Bank's average cost of sending "
        "USD 200 to Sub-Saharan Africa, 7.39 % in Q3 2023 (Remittance Prices Worldwide, issue 47), an "
        "illustrative proxy for the cost of paying out across borders and checking both sides (it is a price "
        "charged to senders, not a marketplace's measured cost). Take rate 11 %: eBay Marketplaces' 2012 net "
        "revenue USD 7,398 M ÷ GMV USD 67,763 M, which includes advertising and other services and so overstates "
        "the cut of a trade. Illustrative: 200,000 buyers and 50,000 offers a "
        "month, the matching efficiency, 40 % of matches lost to distrust, and every cost and effect of AI "
        "matching and the ledger (the same as in the other preset).",
        currency="$", sources=("RPW-47", "EBAY12"),
    ),
)

COLORS = {"AI matching": theme.PALETTE["blue"], "Ledger": theme.PALETTE["orange"], "Both": theme.PALETTE["green"]}


def make_figures() -> list[go.FigureWidget]:
    """Profit of the four combinations; each one's gain over neither against market size and against distrust."""
    four = figure("What each combination keeps", xaxis_title="Combination", yaxis_title="¤ thousand a month")
    four.add_bar(name="Kept after trust and technology", x=list(mt.COMBINATIONS), marker_color=theme.PALETTE["sky"],
                 hovertemplate="%{x}: ¤%{y:,.0f} thousand a month<extra></extra>")
    four.add_scatter(name="Switched on", mode="markers", meta="no-pin",
                     marker=dict(color=theme.PALETTE["black"], size=13, symbol="diamond"),
                     hovertemplate="switched on: %{x}, ¤%{y:,.0f} thousand<extra></extra>")
    zero = dict(title="¤ thousand a month", zeroline=True, zerolinecolor=theme.PINNED, zerolinewidth=2)  # pays above 0
    size = figure("Gain over neither, by market size", xaxis_title="Buyers searching a month (thousand)", yaxis=zero)
    trust = figure("Gain over neither, by distrust", xaxis_title="Matches lost to distrust (%)", yaxis=zero)
    for name in mt.COMBINATIONS[1:]:
        size.add_scatter(name=name, line=dict(color=COLORS[name]),
                         hovertemplate=f"{name}: ¤%{{y:,.0f}} thousand at %{{x:,.0f}} thousand buyers<extra></extra>")
        trust.add_scatter(name=name, line=dict(color=COLORS[name]),
                          hovertemplate=f"{name}: ¤%{{y:,.0f}} thousand at %{{x:.0f}} % lost<extra></extra>")
    for fig, hover in ((size, "today: %{x:,.0f} thousand buyers"), (trust, "today: %{x:.0f} % lost")):
        fig.add_scatter(name="Today", mode="markers", meta="no-pin", showlegend=False,
                        marker=dict(color=theme.PALETTE["black"], size=11, symbol="diamond"),
                        hovertemplate=hover + ", ¤%{y:,.0f} thousand<extra></extra>")
    return [four, size, trust]


def draw(figures: list[go.FigureWidget], result: mt.MarketResult) -> None:
    """Profit per combination (¤ thousand a month) and the diamond on the one switched on; the gains over neither."""
    four, size, trust = figures
    profit = result.combinations.profit.to_numpy()
    four.data[0].y = profit
    four.data[1].x, four.data[1].y = [result.chosen], [profit[mt.COMBINATIONS.index(result.chosen)]]
    by_size, by_trust = result.by_size.to_numpy(), result.by_trust.to_numpy()   # columns: x, (buyers,) AI, ledger, both
    # the size axis moves only with today's buyers (the diamond's x holds the last value drawn)
    new_size = size.data[0].x is None or not isinstance(size.data[3].x, tuple) or size.data[3].x != (result.buyers,)
    for i in range(3):
        if new_size:
            size.data[i].x = by_size[:, 1]
        size.data[i].y = by_size[:, 2 + i]
        if trust.data[i].x is None:
            trust.data[i].x = mt.GAPS * 100
        trust.data[i].y = by_trust[:, 1 + i]
    gain = float(profit[mt.COMBINATIONS.index(result.chosen)] - profit[0])   # 0 when neither is switched on
    size.data[3].x, size.data[3].y = [result.buyers], [gain]
    trust.data[3].x, trust.data[3].y = [result.trust_gap * 100], [gain]


class MatchingAndTrustExplorer(Explorer):
    """Two switches, one marketplace: does AI matching, a shared ledger, both or neither pay here?"""

    model = mt.simulate
    presets = PRESETS
    title = "AI matching and a shared ledger: which one pays in which market"
    make_figures = make_figures
    draw = draw
    takeaway = mt.takeaway
