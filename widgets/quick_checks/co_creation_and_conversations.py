"""Lesson 13's quick checks, computed by the referral model (widgets/models/referrals.py)."""

from __future__ import annotations

from widgets.claims import num, pct
from widgets.claims.co_creation_and_conversations import COMMUNITY

from . import Choice, LessonChecks, Mistake, Number, Option

CHECKS = LessonChecks("13_co_creation_and_conversations", (
    Choice(
        "13-1", "On eBay, buyers and sellers rate each other after a trade. Why does Osterwalder call that "
                "co-creation?",
        hint="Who produces the ratings, and what do the ratings make possible?",
        worked="The customers themselves produce the public ratings, and the ratings are part of the value: they "
               "let strangers trust each other enough to trade at all. The relationship becomes customer ↔ "
               "customer, not only firm → customer.",
        options=(
            Option("The customers create part of the value: the ratings that let strangers trust each other.",
                   "Right: without the ratings many trades between strangers would not happen.", right=True),
            Option("Because eBay pays the customers for their ratings.",
                   "Nobody is paid for a rating; co-creation means customers make part of the value, not that they "
                   "are hired."),
            Option("Because the ratings are a marketing channel eBay controls.",
                   "eBay does not write or control what customers say: that loss of control is the price of a "
                   "conversation."),
        )),
    Number(
        "13-2", "In the Threadless-style community preset, what is the viral coefficient K (new users each new "
                "user brings in)?",
        answer=lambda: COMMUNITY.run().k, unit="new users per new user", tolerance=0.005,
        hint="K = invitations × conversion × (1 + co-creator share × (referral multiplier − 1)); the sentence "
             "states it.",
        worked="K = {inv} × {conv} × (1 + {share} × ({mult} − 1)) = {answer}. It is below 1, so the referral loop "
               "alone fades out.",
        facts=lambda: dict(inv=num(COMMUNITY.values.invitations, 1), conv=num(COMMUNITY.values.conversion, 2),
                           share=num(COMMUNITY.values.cocreator_share, 2),
                           mult=num(COMMUNITY.values.cocreator_multiplier, 1)),
        mistakes=(Mistake(lambda: COMMUNITY.values.invitations * COMMUNITY.values.conversion,
                          "That is invitations × conversion for an ordinary user: co-creators invite more, so "
                          "multiply by 1 + share × (multiplier − 1)."),)),
    Choice(
        "13-3", "Why does the lesson advise planning for K < 1 even when the explorer can reach K ≥ 1?",
        hint="Read “K ≥ 1 rarely lasts” in section 5: what happens to invitations over time?",
        worked="Invitations saturate friend networks, novelty fades and each new generation is less enthusiastic "
               "than the seed, so K falls. Referrals are an amplifier of other acquisition, not a replacement.",
        options=(
            Option("Invitations saturate and enthusiasm fades, so K falls over time.",
                   "Right: the model holds K constant; real referral loops weaken as they spread.", right=True),
            Option("K ≥ 1 is impossible by definition.",
                   "It is not: raise the invitations per new user in the explorer and the sentence soon says K is 1 "
                   "or more (things to try, 1)."),
            Option("Regulators forbid paying for referrals.",
                   "The FTC expects paid referrals to be disclosed, not banned; the advice is about how loops "
                   "behave."),
        )),
))
