"""Lesson 33's quick checks, computed by the matching-and-trust model (widgets/models/matching_and_trust.py)."""

from __future__ import annotations

from widgets.claims import num
from widgets.claims.platform_ai_and_blockchain_together import THICK, gain

from . import Choice, LessonChecks, Number, Option

CHECKS = LessonChecks("33_platform_ai_and_blockchain_together", (
    Choice(
        "33-1", "Maersk and IBM shut TradeLens down in 2022. Why, by their own account?",
        hint="Read the quotation in section 1.",
        worked="“The need for full global industry collaboration has not been achieved”: the platform worked, but "
               "not enough of the market joined to pay for it. A shared ledger pays only above a critical mass.",
        options=(
            Option("Not enough of the industry joined to pay for it.",
                   "Right: the platform worked; the network never reached the size that pays for a shared ledger.",
                   right=True),
            Option("The blockchain technology did not work.",
                   "The lesson says the platform worked: the failure was the network, not the technology."),
            Option("AI matching made the ledger unnecessary.",
                   "TradeLens handled shipping documents; the lesson gives no such reason, and its owners named "
                   "the missing collaboration."),
        )),
    Number(
        "33-2", "In the thick, high-trust market preset, how much more a month does the platform keep with AI "
                "matching than with neither (in USD thousand)?",
        answer=lambda: gain(THICK)["AI matching"], unit="USD thousand a month", tolerance=1.0,
        hint="The sentence compares what the platform keeps with AI matching and with neither.",
        worked="With AI matching the platform keeps about USD {answer} thousand a month more than with neither: "
               "many searches make a small lift in matches worth more than the data scientists cost."),
    Number(
        "33-3", "Same preset: at today's ratio of offers to buyers, from how many buyers a month does the ledger pay "
                "(in millions)?",
        answer=lambda: THICK.run().breakeven_buyers["Ledger"] / 1000, unit="million buyers a month", tolerance=0.05,
        hint="The sentence's last line gives the size from which AI matching pays, then the ledger.",
        worked="The ledger pays from about {answer} million buyers a month, far more than AI matching needs "
               "({ai} thousand): in a market whose members already trust each other, the ledger adds little, so "
               "it needs far more trades to pay for itself.",
        facts=lambda: dict(ai=num(THICK.run().breakeven_buyers["AI matching"]))),
))
