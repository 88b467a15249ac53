"""AI economics explorer: a token price the market cuts, a cost that falls with volume, and three ways to earn from it."""

from __future__ import annotations

from datetime import date

import plotly.graph_objects as go

from .. import theme
from ..company_preset import Preset, Presets
from ..models import ai_economics as ai
from .ad_supported import _update as send_if_changed   # sends a trace only when its data changed
from .base import Explorer, figure

# API list prices (USD per million input / output tokens, launch date) from datasets/ai_api_prices.csv.
GPT4_MARCH_2023 = (30.0, 60.0, date(2023, 3, 14))        # OAI-GPT4DOC
GPT4O_MAY_2024 = (5.0, 15.0, date(2024, 5, 13))          # OAI-4O-FORUM
GPT4O_AUGUST_2024 = (2.5, 10.0, date(2024, 8, 6))        # GPT4O-2ND [2nd]
INPUT_SHARE = 0.75      # a blended price weights input and output tokens 3 : 1 (a common convention; illustrative)
# Klarna's assistant in its first month (datasets/ai_automation_cases.csv, KLARNA-PR24 [2nd]): the chats routed to it
# and the agents it stood in for. What share of those chats it settled without a person was not published.
KLARNA_CHATS_M, KLARNA_AGENTS = 2.3, 700
KLARNA_QUALITY = 0.8        # share it settles without a person at launch: illustrative, not the "two-thirds"
AGENT_COST_MONTH = 5000.0   # USD a month for a full-time support agent, wage and overhead: illustrative


def blended(price: tuple[float, float, date]) -> float:
    """Price per million tokens for a 3 : 1 mix of input and output tokens."""
    return INPUT_SHARE * price[0] + (1.0 - INPUT_SHARE) * price[1]


def yearly_decline(first: tuple[float, float, date], later: tuple[float, float, date]) -> float:
    """Yearly price cut between two list prices, 1 − (p₁ / p₀)^(1 / years), rounded to the control's step."""
    years = (later[2] - first[2]).days / 365.25
    rate = 1.0 - (blended(later) / blended(first)) ** (1.0 / years)
    step = ai.PARAMETERS["price_decline"].step
    return round(round(rate / step) * step, 4)


def agent_cost_per_chat(agent_cost_month: float = AGENT_COST_MONTH) -> float:
    """USD per chat if KLARNA_AGENTS agents handled KLARNA_CHATS_M million chats a month, rounded to a cent."""
    return round(agent_cost_month * KLARNA_AGENTS / (KLARNA_CHATS_M * 1e6), 2)


DECLINE = yearly_decline(GPT4_MARCH_2023, GPT4O_AUGUST_2024)

PRESETS = Presets(
    Preset(
        "GPT-4-class API from its March 2023 price",
        dict(price_start=blended(GPT4_MARCH_2023), price_decline=DECLINE, cost_start=15.0, learning=0.3,
             tokens_per_task=2.0, tasks_start=10.0, price_elasticity=1.2, quality_start=0.6, error_fix=0.75,
             flywheel=500.0, fee=20.0, subscriber_tasks=300, usage_spread=1.0, human_cost=4.0, review_floor=0.1,
             own_tasks=500.0, fixed_cost=100.0),
        "Price at launch USD 37.50 per million tokens: GPT-4's March 2023 list prices (USD 30 input, 60 output) "
        "blended 3 : 1. Price cut 78 % a year: the same blend fell to USD 4.375 with GPT-4o's August 2024 snapshot "
        "(USD 2.50 / 10, a secondary listing) in 511 days (datasets/ai_api_prices.csv; the models differ). "
        "Illustrative: the inference cost at launch (a 60 % gross margin), the learning rate, usage and its response "
        "to price, quality and the flywheel, the USD 20 bundle and its users, and the cost of a task done by a person.",
        currency="$", sources=("OAI-GPT4DOC", "GPT4O-2ND"),
    ),
    Preset(
        "Klarna's first-month chats at GPT-4o prices",
        dict(price_start=blended(GPT4O_MAY_2024), price_decline=DECLINE, cost_start=3.0, learning=0.3,
             tokens_per_task=3.0, tasks_start=10.0, price_elasticity=1.2, quality_start=KLARNA_QUALITY, error_fix=0.75,
             flywheel=500.0, fee=20.0, subscriber_tasks=300, usage_spread=1.0, human_cost=agent_cost_per_chat(),
             review_floor=0.05, own_tasks=KLARNA_CHATS_M * 1000, fixed_cost=300.0),
        "Own tasks 2,300 thousand a month: the 2.3 million chats Klarna routed to its assistant in its first month "
        "(February 2024, a press report of Klarna's release) — two-thirds of all its chats; the other third stayed "
        "with people and is outside this comparison. Two-thirds is the share of chats the assistant handled, not its "
        "quality: Klarna did not publish how many it settled without a person, so quality at launch (80 %) is "
        "illustrative. Cost of a chat done by a person USD 1.52: the 700 agents Klarna said the assistant stood in "
        "for, at an illustrative USD 5,000 a month each, over 2.3 million chats. Price at launch USD 7.50 per million "
        "tokens: GPT-4o's May 2024 list prices (USD 5 input, 15 output) blended 3 : 1, applied to Klarna's February "
        "2024 volumes — GPT-4o came out three months later, so they stand in for what such chats cost on a newer "
        "model, not for what Klarna paid; price cut 78 % a year as in the first preset. Illustrative: quality at "
        "launch, inference cost, tokens per chat, the share always checked, the fixed cost of the system and "
        "everything about the meter and the bundle.",
        currency="$", sources=("OAI-4O-FORUM", "KLARNA-PR24"),
    ),
)

MARGIN_RANGE = [-100, 100]   # % — a margin far below −100 % runs off the chart; the hover and the sentence give it


def make_figures() -> list[go.FigureWidget]:
    """Price and cost per million tokens, each way's gross margin, and the cost of one task."""
    tokens = figure("Price and cost of a million tokens", xaxis_title="Months after launch",
                    yaxis_title="¤ per million tokens (log scale)", yaxis_type="log", yaxis_dtick=1)
    tokens.add_scatter(name="Market price", line=dict(color=theme.PALETTE["blue"], width=3),
                       hovertemplate="month %{x}: ¤%{y:,.3g} per million tokens")
    tokens.add_scatter(name="Inference cost", line=dict(color=theme.PALETTE["vermillion"], width=3),
                       hovertemplate="month %{x}: ¤%{y:,.3g} per million tokens")
    margins = figure("Gross margin of each way", xaxis_title="Months after launch",
                     yaxis_title="Gross margin or saving (%)", yaxis_range=MARGIN_RANGE)
    for name, color in zip(ai.WAYS, ("blue", "orange", "green")):
        margins.add_scatter(name=name, line=dict(color=theme.PALETTE[color]), hovertemplate="month %{x}: %{y:,.0f} %")
    task = figure("Cost of one task of one's own", xaxis_title="Months after launch", yaxis_title="¤ per task")
    task.add_scatter(name="A person does it", meta="no-pin", line=dict(color=theme.PALETTE["black"], dash="dash"),
                     hovertemplate="¤%{y:,.2f} a task")
    task.add_scatter(name="AI + people in the loop", line=dict(color=theme.PALETTE["green"], width=3),
                     hovertemplate="month %{x}: ¤%{y:,.2f} a task")
    task.add_scatter(name="of which inference", line=dict(color=theme.PALETTE["vermillion"]),
                     hovertemplate="month %{x}: ¤%{y:,.4f} a task")
    return [tokens, margins, task]


def draw(figures: list[go.FigureWidget], result: ai.AIResult) -> None:
    """Price and cost on the log chart; margins × 100; per-task costs (the person's is flat)."""
    tokens, margins, task = figures
    m = result.monthly
    if tokens.data[0].x is None:
        month = m["month"].to_numpy()
        for trace in (*tokens.data, *margins.data, *task.data):
            trace.x = month
    columns = (
        (tokens.data[0], m["price"]), (tokens.data[1], m["cost"]),
        *((trace, m[name] * 100) for trace, name in
          zip(margins.data, ("meter_margin", "subscription_margin", "automation_margin"))),
        (task.data[0], m["person_cost"]), (task.data[1], m["ai_task_cost"]), (task.data[2], m["inference_per_task"]),
    )
    for trace, values in columns:
        send_if_changed(trace, values.to_numpy())


class AIEconomicsExplorer(Explorer):
    """Sell AI per token, bundle it into a subscription, or automate one's own work: who keeps a margin as prices fall?"""

    model = ai.simulate
    presets = PRESETS
    title = "AI economics explorer: price cuts, learning curve, people in the loop"
    make_figures = make_figures
    draw = draw
    takeaway = ai.takeaway
