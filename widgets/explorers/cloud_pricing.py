"""Cloud pricing explorer: subscription, pay as you go or a commitment — who buys which, and who earns."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from .. import theme
from ..company_preset import Preset, Presets
from ..models import cloud_pricing
from .base import Explorer, figure

# AWS segment, fiscal 2024 (datasets/aws_segment.csv): operating income ÷ net sales.
AWS_2024_SALES, AWS_2024_OPERATING_INCOME = 107556, 39834
AWS_MARGIN = AWS_2024_OPERATING_INCOME / AWS_2024_SALES
ON_DEMAND = 0.10                     # illustrative price of one instance-hour
# Typical realised Savings Plans discount (datasets/cloud_commitment_discounts.csv, Vantage, secondary).
TYPICAL_COMMITMENT_DISCOUNT = 0.30
# Illustrative: a committed hour costs a quarter less to serve, because capacity planned a year ahead runs
# fuller than capacity held for on-demand peaks (servers mostly run at 10-50 % of capacity: Barroso & Hoelzle 2007).
CAPACITY_SAVING = 0.25
# Dropbox, Q4 2023 average revenue per paying user, annualised (datasets/dropbox.csv).
DROPBOX_ARPU_2023 = 138.83

PRESETS = Presets(
    Preset(
        "AWS-style compute (2024)",
        dict(customers=100, median_usage=300, usage_spread=1.2, median_value=0.25, value_spread=0.5,
             unit_cost=round(ON_DEMAND * (1 - AWS_MARGIN), 3), price=ON_DEMAND, fee=50.0, commit_units=200,
             commit_discount=TYPICAL_COMMITMENT_DISCOUNT, commit_saving=CAPACITY_SAVING, flat_rate_bias=0.0),
        f"Cost per unit USD {ON_DEMAND * (1 - AWS_MARGIN):.3f}: the pay-as-you-go price × (1 − AWS's fiscal 2024 "
        f"operating margin, {AWS_2024_OPERATING_INCOME:,} ÷ {AWS_2024_SALES:,} = {AWS_MARGIN:.1%}), so metered "
        f"sales earn AWS's reported margin (its operating costs, not only the cost of one more hour). Commitment "
        f"discount {TYPICAL_COMMITMENT_DISCOUNT:.0%}: the typical realised Savings Plans saving a cost-management "
        "vendor reports (secondary); AWS states up to 66 % (Compute) and 72 % (EC2 Instance) for 3-year terms. "
        "Illustrative: the capacity saving of 25 % on a committed hour (planned capacity runs fuller than capacity "
        "held for on-demand peaks; Barroso & Hölzle 2007 find servers mostly at 10–50 % of capacity), "
        "the price of USD 0.10 an instance-hour, the 100,000 customers, their usage "
        "(median 300 hours a month) and value, the 200-hour commitment and the USD 50 flat fee (AWS sells no "
        "flat-rate compute plan: the fee shows what one would do).",
        currency="$", sources=("AMZ24K", "AMZN-note", "AWS-SP", "VANTAGE"),
    ),
    Preset(
        "Dropbox-style storage (2023)",
        dict(customers=100, median_usage=100, usage_spread=1.5, median_value=0.15, value_spread=0.6,
             unit_cost=0.005, price=0.05, fee=round(DROPBOX_ARPU_2023 / 12, 2), commit_units=200,
             commit_discount=0.3, commit_saving=0.0, flat_rate_bias=0.0),
        f"Subscription fee USD {DROPBOX_ARPU_2023 / 12:.2f} a month: Dropbox's average revenue per paying user, "
        f"Q4 2023 annualised (USD {DROPBOX_ARPU_2023}) ÷ 12. Illustrative: usage in gigabytes stored (median "
        "100 GB), what a gigabyte is worth to a customer, the metered price of USD 0.05 per GB-month, the cost "
        "of USD 0.005 per GB-month and the commitment plan (Dropbox sells plans, not metered storage).",
        currency="$", sources=("DBX23",),
    ),
)

OFFER_LABELS = ["Pay as you go", "Commitment", "Subscription", "All three"]
PLAN_COLOURS = ("blue", "orange", "green")


def make_figures() -> list[go.FigureWidget]:
    """Each plan's bill against usage over where customers are; what each way of selling earns and leaves."""
    top_legend = dict(orientation="h", x=0, y=1.0, yanchor="bottom")
    bills = figure("Monthly bill by usage, and where customers are", xaxis_title="Usage (units a month, log scale)",
                   yaxis_title="Bill (¤ a month, log scale)", xaxis_type="log", yaxis_type="log",
                   yaxis2=dict(title="Customers (%)", overlaying="y", side="right", showgrid=False, tick0=0, tickformat=".0f",
                               rangemode="tozero"),
                   legend=top_legend, margin=dict(r=60))
    bills.add_scatter(name="Customers", yaxis="y2", fill="tozeroy", mode="lines", meta="no-pin",
                      fillcolor="rgba(127,127,127,0.25)", line=dict(color=theme.PINNED, width=0.5, shape="hvh"),
                      hovertemplate="about %{x:,.0f} units: %{y:.1f} % of customers<extra></extra>")
    for name, colour in zip(cloud_pricing.PLANS, PLAN_COLOURS):
        bills.add_scatter(name=name, mode="lines", line=dict(color=theme.PALETTE[colour], width=2.5),
                          hovertemplate=f"{name}: %{{x:,.0f}} units cost ¤%{{y:,.2f}}<extra></extra>")
    earnings = figure("Revenue, margin, customers' surplus at these prices; margin at the best price", barmode="group",
                      xaxis_title="What the provider offers", yaxis_title="¤ thousand a month", legend=top_legend)
    for name, colour in (("Revenue", "blue"), ("Margin", "vermillion"), ("Customers' surplus", "green"),
                         ("Margin at its own best price", "purple")):
        earnings.add_bar(name=name, x=OFFER_LABELS, marker_color=theme.PALETTE[colour],
                         hovertemplate=f"%{{x}}: {name.lower()} ¤%{{y:,.0f}} thousand<extra></extra>")
    return [bills, earnings]


def draw(figures: list[go.FigureWidget], result: cloud_pricing.CloudResult) -> None:
    """The usage distribution (% per band) and bill lines; revenue, margin, surplus at these prices and the
    margin at each way of selling's own best price, in ¤ thousands."""
    bills, earnings = figures
    _update(bills.data[0], "x", result.distribution_usage)
    _update(bills.data[0], "y", result.distribution_share * 100)
    for trace, row in zip(bills.data[1:], result.schedule_bills):
        _update(trace, "x", result.schedule_usage)
        _update(trace, "y", row)
    for trace, values in zip(earnings.data, (result.offer_revenue, result.offer_margin, result.offer_surplus,
                                             result.best_margin)):
        _update(trace, "y", values / 1000)


def _update(trace: go.Scatter | go.Bar, axis: str, values: np.ndarray) -> None:
    """Send an array only if it changed: most sliders move the money, not the usage axis."""
    old = trace[axis]
    if old is None or len(old) != len(values) or not np.array_equal(old, values):
        trace[axis] = values


class CloudPricingExplorer(Explorer):
    """Subscription, pay as you go or a commitment with overage: who buys which, revenue, margin and surplus."""

    model = cloud_pricing.simulate
    presets = PRESETS
    title = "Cloud pricing explorer: subscription, pay as you go, or both?"
    make_figures = make_figures
    draw = draw
    takeaway = cloud_pricing.takeaway
