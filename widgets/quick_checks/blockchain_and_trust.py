"""Lesson 32's quick checks, computed by the ledger model (widgets/models/ledger.py)."""

from __future__ import annotations

from widgets.claims import money, pct
from widgets.claims.blockchain_and_trust import GLOBAL

from . import Choice, LessonChecks, Mistake, Number, Option

CHECKS = LessonChecks("32_blockchain_and_trust", (
    Choice(
        "32-1", "Catalini and Gans name two costs a blockchain lowers: verification and networking. Which one is a "
                "property of the technology itself?",
        hint="Which of the two needs other people to join before it exists?",
        worked="Verification: on a shared ledger every member can check the record without a trusted party. The "
               "cost of networking falls only if enough members join, and they join only if enough others have: "
               "that is where the lesson's two cases part ways.",
        options=(
            Option("Verification: every member can check the record.",
                   "Right: checking works from the first member; a network exists only once enough members join.",
                   right=True),
            Option("Networking: the ledger runs a network without an operator.",
                   "A network without an operator still needs members: it lowers networking costs only once enough "
                   "have joined."),
            Option("Both, equally.",
                   "Only verification comes with the technology; networking depends on critical mass."),
        )),
    Number(
        "32-2", "Sending USD 200 in the stablecoin-against-the-global-average preset, how much does the ledger save "
                "on one transfer (in USD)?",
        answer=lambda: GLOBAL.run().saving, unit="USD", tolerance=0.05,
        hint="The ledger's cost and the intermediary's are both in the sentence's first line: subtract.",
        worked="The intermediary costs {inter} ({ipct} of USD 200) and the ledger {ledger}: a saving of USD "
               "{answer} a transfer. Yet the network stalls below its critical mass of {mass} of the market.",
        facts=lambda: dict(inter=money(GLOBAL.values.amount * GLOBAL.values.intermediary_cost, 2),
                           ipct=pct(GLOBAL.values.intermediary_cost, 2), ledger=money(GLOBAL.run().ledger_cost, 2),
                           mass=pct(GLOBAL.run().critical_mass, 1)),
        mistakes=(Mistake(lambda: GLOBAL.run().ledger_cost, "That is what the ledger costs. The question asks what "
                                                             "it saves against the intermediary."),)),
    Number(
        "32-3", "Same preset: above what amount sent is the ledger cheaper than the intermediary (in USD)?",
        answer=lambda: GLOBAL.run().break_even_amount, unit="USD", tolerance=0.05,
        hint="The sentence says: it is cheaper only for amounts above …",
        worked="Below USD {answer} the ledger's fixed costs (the network fee and the identity checks at each end) "
               "weigh more than the intermediary's percentage: the smaller the transfer, the less a ledger "
               "saves."),
))
