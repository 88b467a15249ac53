"""Lesson 23's quick checks, computed by the cloud pricing model (widgets/models/cloud_pricing.py)."""

from __future__ import annotations

from widgets.claims import num, pct
from widgets.claims.cloud_subscription_and_pay_per_use import AWS

from . import Choice, LessonChecks, Mistake, Number, Option

COMMIT = 1  # the plans' order in the model: pay as you go, commitment, subscription, stay away

CHECKS = LessonChecks("23_cloud_subscription_and_pay_per_use", (
    Choice(
        "23-1", "MoviePass sold a movie a day for USD 9.95 a month and paid cinemas for every ticket. Which customers "
                "does a flat fee like that draw first?",
        hint="For whom is a flat fee a bargain, and for whom is a meter?",
        worked="A flat fee is a bargain for a heavy user and a bad deal for a light one, so it draws exactly the "
               "customers who use the service most: the ones who cost the provider most. On a flat fee the "
               "provider carries the risk of usage.",
        options=(
            Option("The heaviest users, for whom the flat fee is a bargain.",
                   "Right: they save most, so they sign up first, and each costs MoviePass more than they pay.",
                   right=True),
            Option("The lightest users, who like a predictable bill.",
                   "A light user pays more on a flat fee than on a meter: a flat fee is a bad deal for them."),
            Option("All customers alike: the fee does not change who buys.",
                   "The price structure decides who buys: a flat fee and a meter attract opposite customers."),
        )),
    Number(
        "23-2", "In the AWS-style preset, with all three plans offered, what share of potential customers choose "
                "the commitment plan?",
        answer=lambda: AWS.run().plan_share[COMMIT], percent=True, unit="%", tolerance=0.5,
        hint="The sentence's first line splits the customers between pay as you go, commit, subscribe and stay "
             "away.",
        worked="The model gives {answer} % committing, {payg} paying as they go and {sub} subscribing: a "
               "commitment discount draws the customers who use enough to be sure of their spend.",
        facts=lambda: dict(payg=pct(AWS.run().plan_share[0]), sub=pct(AWS.run().plan_share[2]))),
    Number(
        "23-3", "Same preset: above what monthly usage is the flat subscription cheaper for a customer than the "
                "meter?",
        answer=lambda: AWS.run().subscription_break_even, unit="units a month", tolerance=0.5,
        hint="The fee buys as many units as it would cost on the meter: divide the fee by the price per unit.",
        worked="Fee ÷ price = {fee} ÷ {price} = {answer} units a month: a customer who uses more saves by "
               "subscribing, one who uses less pays for units it never uses.",
        facts=lambda: dict(fee=num(AWS.values.fee), price=num(AWS.values.price, 2)),
        mistakes=(Mistake(lambda: AWS.run().commitment_break_even,
                          "That is where the commitment beats the meter. The question asks about the flat "
                          "subscription: fee ÷ price."),)),
))
