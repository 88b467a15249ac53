"""Lesson 31's things to try, computed by the AI economics model (widgets/models/ai_economics.py)."""

from __future__ import annotations

from widgets.explorers.ai_economics import PRESETS
from widgets.models import ai_economics as ai

from . import LessonClaims, Setting, Tries, attempt, num, pct

GPT4 = Setting(ai, PRESETS["GPT-4-class API from its March 2023 price"])
KLARNA = Setting(ai, PRESETS["Support chats on GPT-4o (Klarna's first month)"])

CLAIMS = LessonClaims("31_ai_business_models", tries=Tries("ai31-20", (
    attempt(
        "A margin that does not survive.",
        "In the GPT-4-class preset the price falls {cut} a year and the cost falls {learn} per doubling of volume "
        "($\\varepsilon \\cdot b = {eb}$): the {start} gross margin turns negative in month {month}. Pin it, then "
        "raise *Cost cut per doubling of volume* to 50 %. Now $\\varepsilon \\cdot b = {eb50}$: the margin never turns "
        "negative and ends at {end50}.",
        facts=lambda: dict(cut=pct(GPT4.values.price_decline), learn=pct(GPT4.values.learning),
                           eb=num(GPT4.run().survival_index, 2), start=pct(GPT4.run().meter_margin_start),
                           month=GPT4.run().meter_negative_month, eb50=num(GPT4.run(learning=0.5).survival_index, 1),
                           end50=pct(GPT4.run(learning=0.5).meter_margin_end)),
        holds=lambda: {"at 50 % the margin never turns negative": GPT4.run(learning=0.5).meter_negative_month is None},
    ),
)))
