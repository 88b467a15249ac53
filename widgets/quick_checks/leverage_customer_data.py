"""Lesson 20's quick checks, computed by the daily-deal model (widgets/models/daily_deals.py)."""

from __future__ import annotations

from widgets.claims import money, pct
from widgets.claims.leverage_customer_data import AMAZON, LOSING

from . import Choice, LessonChecks, Mistake, Number, Option

CHECKS = LessonChecks("20_leverage_customer_data", (
    Number(
        "20-4", "In the flywheel explorer's Amazon-style preset, how much less in all does a rival with a tenth of the "
                "data earn, once its users settle?",
        answer=lambda: AMAZON.run().rival_gap, percent=True, unit="%", tolerance=0.2,
        hint="The sentence compares the firm with a rival that holds a tenth of the data.",
        worked="The rival earns {answer} % less in all: less per user and fewer new users a year. The sentence "
               "calls that a moat.",
        mistakes=(Mistake(lambda: 0.1, "A tenth is the rival's share of the data, not what it loses: the sentence "
                                       "gives the shortfall in profit."),)),
    Choice(
        "20-1", "Why does the lesson treat “35 % of Amazon's sales come from recommendations” as an unsourced "
                "estimate?",
        hint="Read the box “A figure to handle with care”: who said it, and on what evidence?",
        worked="The figure comes from a 2013 McKinsey article that gives no method and no Amazon source; Amazon "
               "has never published such a number. Even if it were true, it would not say how many of those "
               "purchases would have happened without the recommendation.",
        options=(
            Option("Its source gives no method and no Amazon source, and Amazon never published such a number.",
                   "Right: a number repeated everywhere is still unsourced if nobody can show where it came from.",
                   right=True),
            Option("Because Amazon's own filings give a different share.",
                   "Amazon has never published a share of sales from recommendations, so there is nothing to "
                   "compare it with."),
            Option("Because a figure from 2013 is too old to use.",
                   "Age is not the problem: a dated figure with a method and a source could be quoted as of its "
                   "date."),
        )),
    Number(
        "20-2", "In the daily-deal explorer's Unprofitable deal preset, how much does the merchant receive for one "
                "voucher (in USD)?",
        answer=lambda: LOSING.run().merchant_receives, unit="USD", tolerance=0.05,
        hint="The voucher's list price V, times (1 − d) for the discount, times (1 − s) for the platform's share.",
        worked="The customer pays {pays} ({discount} off the list price of {list}); the platform keeps {share} of "
               "that, so the merchant receives USD {answer} before the cost of "
               "serving the voucher.",
        facts=lambda: dict(pays=money(LOSING.run().customer_pays, 2), discount=pct(LOSING.values.discount),
                           list=money(LOSING.values.list_price), share=pct(LOSING.values.platform_share)),
        mistakes=(Mistake(lambda: LOSING.run().customer_pays,
                          "That is what the customer pays. The platform keeps its share of it first."),)),
    Number(
        "20-3", "In the same preset, what share of new customers must come back for the deal to pay (the "
                "break-even return rate r*)?",
        answer=lambda: LOSING.run().break_even_return, percent=True, unit="%", tolerance=0.5,
        hint="The sentence ends with it: the deal pays only if at least … of new customers come back.",
        worked="The model gives r* = {answer} %, against the {now} who come back in the preset: the deal loses "
               "money on every voucher.",
        facts=lambda: dict(now=pct(LOSING.values.return_rate))),
))
