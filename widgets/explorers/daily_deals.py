"""Daily deal explorer: move the discount, the platform's cut and who comes back; see whether the deal pays the merchant."""

from __future__ import annotations

import plotly.graph_objects as go

from .. import theme
from ..company_preset import Preset, Presets
from ..models import daily_deals
from .base import Explorer, figure

_TERMS = ("half price and the platform keeping half of what the customer pays, as Investopedia and Business "
          "Insider (2011) report the usual terms")
_ILLUSTRATIVE = ("The merchant's cost to serve (40 % of list price), the extra spending (40 % of list price), "
                 "the 20 % of buyers who were already customers and 2 repeat visits are illustrative.")

# Half price, half kept by the platform, and the illustrative merchant; each preset adds its survey group.
_DEAL = dict(list_price=50.0, discount=0.5, platform_share=0.5, variable_cost=0.4, extra_spend=0.4,
             existing_customers=0.2, return_visits=2.0)
_LOSING = dict(spend_beyond=0.25, return_rate=0.13)   # Dholakia (2010): promotions that lost money
_WINNING = dict(spend_beyond=0.5, return_rate=0.31)   # Dholakia (2010): promotions that made money

# How the presets were set: lessons/20_leverage_customer_data.ipynb, section 5.
PRESETS = Presets(
    Preset(
        "Unprofitable deal (merchant survey, 2010)",
        {**_DEAL, **_LOSING},
        f"{_TERMS}; 25 % of voucher users spent beyond the voucher and 13 % came back at full price, as in the "
        f"promotions that lost money in Dholakia's 2010 survey of 150 merchants. {_ILLUSTRATIVE}",
        currency="$", sources=("DHOL10", "INV-GRPN", "BI11"),
    ),
    Preset(
        "Profitable deal (merchant survey, 2010)",
        {**_DEAL, **_WINNING},
        f"{_TERMS}; 50 % of voucher users spent beyond the voucher and 31 % came back at full price, as in the "
        f"promotions that made money in Dholakia's 2010 survey. {_ILLUSTRATIVE}",
        currency="$", sources=("DHOL10", "INV-GRPN", "BI11"),
    ),
    Preset(
        "Groupon's 2011 take (40 % of billings)",
        {**_DEAL, **_LOSING, "platform_share": 0.4},
        "platform share 40 % = Groupon's 2011 revenue $1,610.4 M ÷ gross billings $3,985.5 M (40.4 %, mostly "
        f"third-party deals booked net); the unprofitable survey group's spending and return rates. {_ILLUSTRATIVE}",
        currency="$", sources=("GRPN12-PR", "DHOL10"),
    ),
)

STEPS = ("Customer pays", "Platform keeps", "Cost to serve", "Extra spending", "Lost full-price sales",
         "Repeat visits", "Merchant's profit")


def make_figures() -> list[go.FigureWidget]:
    """Where one voucher's money goes (a waterfall), and the merchant's profit as the return rate varies."""
    money = figure("Where one voucher's money goes", yaxis_title="¤ per voucher", showlegend=False,
                   hovermode="closest")
    money.add_waterfall(x=list(STEPS), measure=["absolute"] + ["relative"] * 5 + ["total"],
                        increasing=dict(marker=dict(color=theme.PALETTE["green"])),
                        decreasing=dict(marker=dict(color=theme.PALETTE["vermillion"])),
                        totals=dict(marker=dict(color=theme.PALETTE["blue"])),
                        connector=dict(line=dict(color="#999", width=1)),
                        hovertemplate="%{x}: ¤%{y:,.2f}<extra></extra>", name="Per voucher")
    money.update_xaxes(tickangle=-30)
    returns = figure("Merchant's profit by return rate", xaxis_title="New customers who come back (%)",
                     yaxis_title="¤ profit per voucher", hovermode="closest")
    returns.add_scatter(x=[100 * i / (daily_deals.CURVE_POINTS - 1) for i in range(daily_deals.CURVE_POINTS)],
                        name="Profit per voucher", line=dict(color=theme.PALETTE["blue"]),
                        hovertemplate="%{x:.0f} % come back: ¤%{y:,.2f}<extra></extra>")
    returns.add_scatter(name="Now", mode="markers", meta="no-pin",
                        marker=dict(color=theme.PALETTE["orange"], size=12),
                        hovertemplate="now: ¤%{y:,.2f}<extra></extra>")
    returns.add_scatter(name="Break-even", mode="markers", meta="no-pin",
                        marker=dict(color=theme.PALETTE["vermillion"], size=12, symbol="x"),
                        hovertemplate="break-even at %{x:.0f} %<extra></extra>")
    return [money, returns]


def draw(figures: list[go.FigureWidget], result: daily_deals.DealResult) -> None:
    """The waterfall's steps and the profit line, with the current and the break-even return rate marked."""
    money, returns = figures
    parts = result.parts
    money.data[0].y = [result.customer_pays, -result.platform_keeps, parts["cost to serve"],
                       parts["extra spending"], parts["lost full-price sales"], parts["repeat visits"], 0.0]
    returns.data[0].y = result.curve_profit
    returns.data[1].x, returns.data[1].y = [result.return_rate * 100], [result.profit]
    r_star = result.break_even_return
    shown = result.return_matters and 0 <= r_star <= 1
    returns.data[2].x, returns.data[2].y = ([r_star * 100], [0.0]) if shown else ([], [])


class DailyDealExplorer(Explorer):
    """A Groupon-style deal from the merchant's side: when do repeat visits pay for the discount and the cut?"""

    model = daily_deals.merchant_economics
    presets = PRESETS
    title = "Daily deal explorer: does the deal pay the merchant?"
    make_figures = make_figures
    draw = draw
    takeaway = daily_deals.takeaway
