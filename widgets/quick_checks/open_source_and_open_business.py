"""Lesson 12's quick checks, computed by the open-source model (widgets/models/open_source.py)."""

from __future__ import annotations

from widgets.claims.open_source_and_open_business import RED_HAT

from . import Choice, LessonChecks, Number, Option

CHECKS = LessonChecks("12_open_source_and_open_business", (
    Choice(
        "12-1", "Red Hat sells subscriptions to Linux, code that anyone may download, change and redistribute. "
                "What do its customers pay for?",
        hint="Read the case: what does a subscription give that the free code does not?",
        worked="Customers pay for complements to the free code: tested releases, updates, certification with other "
               "vendors' software and support. That is how an open-source firm captures value from code it "
               "shares.",
        options=(
            Option("Complements: tested releases, updates, certification and support.",
                   "Right: the code is free; the certainty that it works with the rest of the customer's systems "
                   "is not.", right=True),
            Option("A licence to use the code.",
                   "The code's licence lets anyone use, change and redistribute it for free: there is no use "
                   "licence to sell."),
            Option("Features that only Red Hat's version has.",
                   "That is open core, which keeps some features closed; the lesson's Red Hat gives all its code "
                   "away."),
        )),
    Number(
        "12-2", "In the Red Hat-style preset, up to what share of the paying demand can rivals capture before "
                "opening falls behind closed (the break-even leakage)?",
        answer=lambda: RED_HAT.run().break_even_leakage, percent=True, unit="%", tolerance=1.0,
        hint="The explorer's sentence ends with it: opening stays ahead as long as rivals capture less than …",
        worked="The model gives a break-even leakage of about {answer} %: as long as rivals selling the same code "
               "capture less of the paying demand, the open strategy ends the 17 years ahead of closed."),
    Choice(
        "12-3", "Docker's container engine was adopted across the industry, yet in 2019 Docker Inc. sold its "
                "enterprise business. In the model's terms, what happened?",
        hint="Adoption is one part of the model; who captures the paying demand is another.",
        worked="Wide adoption, but little of the paying demand captured: others earned from the code Docker wrote "
               "(high leakage L). Giving code away pays only if the firm keeps enough of the demand it creates.",
        options=(
            Option("Wide adoption, but others captured most of the paying demand (high leakage).",
                   "Right: the open code spread, and the money went to those who sold services around it.",
                   right=True),
            Option("Too few people adopted the engine.",
                   "The engine was adopted across the industry: adoption was not the problem."),
            Option("The community stopped contributing after a licence change.",
                   "That is another risk in section 5, but not what the lesson says happened to Docker."),
        )),
))
