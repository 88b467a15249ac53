"""Lesson 10's quick checks, computed by the crowdfunding model (widgets/models/crowdfunding.py)."""

from __future__ import annotations

from widgets.claims import money, pct
from widgets.claims.crowdfunding import HARDWARE, TYPICAL

from . import Choice, LessonChecks, Mistake, Number, Option

CHECKS = LessonChecks("10_crowdfunding", (
    Choice(
        "10-1", "Under Kickstarter's all-or-nothing rule, what happens when a campaign misses its goal?",
        hint="Read the case again: when are the backers' cards charged?",
        worked="Cards are charged only if pledges reach the goal by the deadline. A campaign that misses is simply "
               "not funded: the backers pay nothing and the creator owes no rewards, so nobody is left with a "
               "half-funded project. Under keep-it-all the creator keeps what was pledged and may be short of "
               "the money to deliver.",
        options=(
            Option("Nobody pays: the backers are not charged and the creator receives nothing and owes nothing.",
                   "Right: the cards are charged only once the goal is reached, so a missed goal costs nobody "
                   "anything (except the creator's effort).", right=True),
            Option("The creator keeps the pledges, minus a higher fee.",
                   "That is keep-it-all (flexible) funding, the rule Indiegogo also offered, not all-or-nothing."),
            Option("The backers pay, and Kickstarter refunds them later.",
                   "Under all-or-nothing the backers are never charged for a missed goal, so there is nothing to "
                   "refund."),
        )),
    Number(
        "10-2", "Open the explorer with the Typical Kickstarter project. What share of the simulated campaigns "
                "reach their goal?",
        answer=lambda: TYPICAL.run().success_probability, percent=True, unit="%", tolerance=0.5,
        hint="The sentence above the charts starts with the goal and the duration, then gives the share.",
        worked="The model simulates 500 campaigns with a goal of {goal} over {days} days: {answer} % reach the goal, "
               "and the failures end far below it (at {failed} of the goal on average).",
        facts=lambda: dict(goal=money(TYPICAL.values.goal), days=TYPICAL.values.duration,
                           failed=pct(TYPICAL.run().failed_mean_percent / 100))),
    Number(
        "10-3", "Choose the Ambitious hardware project. Under keep-it-all, what share of creators end up short of the "
                "money to deliver what they promised?",
        answer=lambda: HARDWARE.run().kia_underfunded, percent=True, unit="%", tolerance=0.5,
        hint="The sentence's last clause: keep-it-all leaves … of creators without enough money to deliver.",
        worked="{answer} % of keep-it-all creators are short, by {gap} on average: a half-funded campaign still owes "
               "every backer a reward, and the tooling costs the same. Under all-or-nothing nobody is in that "
               "position, because a missed goal costs nobody anything.",
        facts=lambda: dict(gap=money(HARDWARE.run().kia_shortfall)),
        mistakes=(Mistake(lambda: 1 - HARDWARE.run().success_probability,
                          "That is the share of campaigns that miss the goal. The question asks how many keep-it-all "
                          "creators cannot pay for delivery: read the sentence's last clause."),)),
))
