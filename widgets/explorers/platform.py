"""Platform explorer: two sides from the same small start; one launch subsidy decides whether it tips or dies."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from .. import theme
from ..company_preset import Preset, Presets
from ..models import platform
from .base import Explorer, figure

# The take rates are the platforms' own: revenue ÷ gross volume in datasets/platform_take_rates.csv,
# rounded to the control's 0.5 % step. The rider's value of a full platform is Cohen et al.'s (2016)
# consumer surplus of USD 1.60 per dollar spent on UberX. Everything else in a preset is illustrative:
# a city-sized market and the members' costs of joining, with each preset's launch subsidy set well
# above the smallest that tips it (a fifth less still tips), so a learner can move any control by a
# tenth without falling off a knife edge; the lesson's "things to try" find the edge.
AIRBNB_2024 = (81800, 11100)      # GBV, revenue, USD million (ABNB24)
UBER_2024 = (162773, 43978)       # gross bookings, revenue, USD million (UBER-NOTE)
UBERX_SURPLUS_PER_DOLLAR = 1.6    # consumer surplus per dollar spent on UberX, 2015 (COHEN16)


def take_rate_from(volume_and_revenue: tuple[float, float]) -> float:
    """Revenue ÷ gross volume, rounded to the take-rate control's step."""
    volume, revenue = volume_and_revenue
    step = platform.PARAMETERS["take_rate"].step
    return round(round(revenue / volume / step) * step, 4)


RIDE_SPEND = 60                   # USD of rides a rider a month on a full platform (illustrative)

PRESETS = Presets(
    Preset(
        "Ride-hailing launch (Uber's take rate)",
        dict(buyers_market=1000, sellers_market=20, spend=RIDE_SPEND, seller_margin=0.6,
             take_rate=take_rate_from(UBER_2024), seller_cost=600, buyer_value=UBERX_SURPLUS_PER_DOLLAR * RIDE_SPEND,
             buyer_cost=48, buyer_fee=0, buyer_subsidy=0, seller_subsidy=650, subsidy_months=12, multihoming=0,
             spread=0.2, speed=0.3, start_share=0.02, months=60),
        "Take rate 27 %: Uber's 2024 revenue USD 43,978 M ÷ gross bookings USD 162,773 M (datasets/"
        "platform_take_rates.csv; a secondary transcription of Uber's releases). A rider's value of a full platform, "
        "USD 96 a month: Cohen et al. (2016) estimate USD 1.60 of consumer surplus per dollar spent on UberX, "
        "times an illustrative USD 60 of rides a month. Illustrative: a city of 1 million potential riders and "
        "20,000 potential drivers, drivers keeping 60 % of a fare before the fee, the costs of joining (a rider's "
        "USD 48, a driver's USD 600 a month) and a USD 650 monthly driver guarantee for 12 months — about a quarter "
        "above the smallest guarantee that tips this city, so a fifth less still tips.",
        currency="$", sources=("UBER-NOTE", "COHEN16"),
    ),
    Preset(
        "Home-sharing launch (Airbnb's take rate)",
        dict(buyers_market=2000, sellers_market=50, spend=80, seller_margin=0.7, take_rate=take_rate_from(AIRBNB_2024),
             seller_cost=900, buyer_value=20, buyer_cost=10, buyer_fee=0, buyer_subsidy=12, seller_subsidy=0,
             subsidy_months=12, multihoming=0, spread=0.2, speed=0.3, start_share=0.02, months=60),
        "Take rate 13.5 %: Airbnb's 2024 revenue USD 11.1 B ÷ gross booking value USD 81.8 B (Q4 2024 results; "
        "GBV includes cleaning fees and taxes). Illustrative: 2 million potential guests and 50,000 potential "
        "hosts, USD 80 of stays a guest a month on a full platform, hosts keeping 70 % of a night before the fee "
        "(a spare room costs little to let), guests gaining USD 20 a month beyond the price (hotels are a close "
        "substitute), the costs of joining (a guest's USD 10, a host's USD 900 a month) and a USD 12 guest coupon "
        "for 12 months — half as much again as the smallest coupon that tips, so a fifth less still tips.",
        currency="$", sources=("ABNB24",),
    ),
)


def make_figures() -> list[go.FigureWidget]:
    """Who is on board month by month, the platform's money, sellers against the take rate, which side to subsidise."""
    adoption = figure("Who is on board", xaxis_title="Months after launch", yaxis_title="Share of the market (%)",
                      yaxis_range=[0, 105])
    adoption.add_scatter(name="Buyers", line=dict(color=theme.PALETTE["blue"]), hovertemplate="%{y:.1f} %")
    adoption.add_scatter(name="Sellers", line=dict(color=theme.PALETTE["orange"]), hovertemplate="%{y:.1f} %")
    money = figure("The platform's money", xaxis_title="Months after launch", yaxis_title="¤ thousand")
    money.add_scatter(name="Revenue a month", line=dict(color=theme.PALETTE["green"]),
                      hovertemplate="¤%{y:,.0f} thousand")
    money.add_scatter(name="Subsidies a month", line=dict(color=theme.PALETTE["vermillion"]),
                      hovertemplate="¤%{y:,.0f} thousand")
    money.add_scatter(name="Cumulative revenue − subsidies", line=dict(color=theme.PALETTE["black"], width=3),
                      hovertemplate="¤%{y:,.0f} thousand")
    tolerance = figure("Take rate sellers bear", xaxis_title="Take rate on sellers (%)",
                       yaxis_title="Sellers on board at the end (%)", yaxis_range=[0, 105])
    tolerance.add_scatter(name="Sellers on board", line=dict(color=theme.PALETTE["orange"]),
                          hovertemplate="take rate %{x:.1f} %: %{y:.1f} % of sellers")
    tolerance.add_scatter(name="Current take rate", mode="markers", meta="no-pin",
                          marker=dict(color=theme.PALETTE["black"], size=11, symbol="diamond"),
                          hovertemplate="now %{x:.1f} %: %{y:.1f} % of sellers")
    structure = figure("Which side to subsidise", xaxis_title="Subsidy (% of that side's median joining cost)",
                       yaxis_title="Revenue − subsidies (¤ thousand)")
    structure.add_scatter(name="Subsidise buyers only", line=dict(color=theme.PALETTE["blue"]),
                          hovertemplate="buyers get %{x:.0f} % of their cost: ¤%{y:,.0f} thousand")
    structure.add_scatter(name="Subsidise sellers only", line=dict(color=theme.PALETTE["orange"]),
                          hovertemplate="sellers get %{x:.0f} % of their cost: ¤%{y:,.0f} thousand")
    structure.add_scatter(name="Best one-sided launch", mode="markers", meta="no-pin",
                          marker=dict(color=theme.PALETTE["black"], size=11, symbol="star"),
                          hovertemplate="best: %{x:.0f} % of the cost, ¤%{y:,.0f} thousand")
    return [adoption, money, tolerance, structure]


def draw(figures: list[go.FigureWidget], result: platform.PlatformResult) -> None:
    """Shares × 100; money in ¤ thousand a month; the take-rate sweep; the one-sided launches and the best."""
    adoption, money, tolerance, structure = figures
    table = result.monthly.to_numpy(dtype=float)      # one block: faster than a column lookup per trace
    column = {name: i for i, name in enumerate(result.monthly.columns)}
    months = table[:, column["month"]]
    if adoption.data[0].x is None or len(adoption.data[0].x) != len(months):   # the horizon changed
        for trace in (*adoption.data[:2], *money.data[:3]):
            trace.x = months
    if tolerance.data[0].x is None:
        tolerance.data[0].x = platform.SWEEP * 100
    adoption.data[0].y = table[:, column["buyer_share"]] * 100
    adoption.data[1].y = table[:, column["seller_share"]] * 100
    money.data[0].y = table[:, column["revenue"]]
    money.data[1].y = table[:, column["subsidy"]]
    money.data[2].y = table[:, column["cumulative_profit"]]
    tolerance.data[0].y = result.sweep["seller_share"].to_numpy() * 100
    tolerance.data[1].x = [result.take_rate * 100]
    tolerance.data[1].y = [result.final_seller_share * 100]
    sweep = result.side_sweep
    n = platform.SIDE_SWEEP.size
    profit, multiple = sweep["profit"].to_numpy(), sweep["multiple"].to_numpy() * 100
    if structure.data[1].x is None or not np.array_equal(structure.data[1].x, multiple[n:]):  # moves with the costs
        structure.data[0].x, structure.data[1].x = multiple[:n], multiple[n:]
    structure.data[0].y, structure.data[1].y = profit[:n], profit[n:]
    best = int(np.argmax(profit))
    structure.data[2].x, structure.data[2].y = [multiple[best]], [profit[best]]


class PlatformExplorer(Explorer):
    """Subsidies, fees and take rate: does a two-sided platform tip or die from the same small start?"""

    model = platform.simulate
    presets = PRESETS
    title = "Platform explorer: one subsidy between tipping and dying"
    make_figures = make_figures
    draw = draw
    takeaway = platform.takeaway
