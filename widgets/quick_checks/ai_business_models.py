"""Lesson 31's quick checks, computed by the AI economics model (widgets/models/ai_economics.py)."""

from __future__ import annotations

from widgets.claims import pct
from widgets.claims.ai_business_models import GPT4

from . import Choice, LessonChecks, Mistake, Number, Option

CHECKS = LessonChecks("31_ai_business_models", (
    Choice(
        "31-1", "The Wall Street Journal reported that Microsoft lost on average more than USD 20 a month on each "
                "user of GitHub Copilot, a USD 10-a-month assistant. What does the lesson say went wrong?",
        hint="How is the assistant sold, and how is its cost incurred?",
        worked="A flat fee on a metered cost: each user pays USD 10 a month however much they use, while every "
               "request costs tokens. Heavy users cost far more than they pay (up to USD 80 a month).",
        options=(
            Option("A flat fee on a metered cost: heavy users cost more than they pay.",
                   "Right: a subscription caps revenue per user, while inference cost grows with use.",
                   right=True),
            Option("The price of tokens rose after launch.",
                   "Token prices fall year after year in the lesson's data; the problem is how the fee was set."),
            Option("Too few people used it to cover the fixed costs.",
                   "The loss was reported per user, a month: more users at that fee would have lost more, not "
                   "less."),
        )),
    Number(
        "31-2", "In the GPT-4-class preset, from which month does the service sell below cost on the meter?",
        answer=lambda: GPT4.run().meter_negative_month, unit="month", tolerance=0.4,
        hint="The sentence says whether the gross margin survives and, if not, from which month.",
        worked="The price falls {cut} a year while the cost falls only {learn} per doubling of volume, so the "
               "{start} gross margin turns negative in month {answer}.",
        facts=lambda: dict(cut=pct(GPT4.values.price_decline), learn=pct(GPT4.values.learning),
                           start=pct(GPT4.run().meter_margin_start)),
        mistakes=(Mistake(lambda: 36, "Month 36 is the end of the model's horizon: the margin turns negative "
                                      "well before. Read the sentence again."),)),
    Number(
        "31-3", "Same preset: what share of its fee does the flat subscription keep as gross margin in month 36?",
        answer=lambda: GPT4.run().subscription_margin_end, percent=True, unit="%", tolerance=0.5,
        hint="The sentence's second line: a subscription keeps … of its fee in month 36.",
        worked="The average subscriber's use costs little once the price of tokens has fallen, so the bundle keeps "
               "{answer} % of its fee: the flat fee survives where the meter does not, but only on average (the "
               "heaviest users still cost more than they pay)."),
))
