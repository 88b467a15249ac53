"""Lesson 30's quick checks, computed by the platform model (widgets/models/platform.py)."""

from __future__ import annotations

from widgets.claims import money
from widgets.claims.platforms_and_network_effects import RIDE

from . import Choice, LessonChecks, Number, Option

CHECKS = LessonChecks("30_platforms_and_network_effects", (
    Choice(
        "30-1", "What is the chicken-and-egg problem of a two-sided platform?",
        hint="Why does each side come to the platform at all?",
        worked="Each side comes for the other side: riders for drivers, drivers for riders. On day one neither side "
               "has a reason to come, so a platform subsidises one or both sides (Uber's guaranteed earnings for "
               "drivers and free first rides) until each side stays for the other.",
        options=(
            Option("Each side comes for the other, so on day one neither has a reason to come.",
                   "Right: cross-side network effects are the model's power once it is big, and its problem when it "
                   "is small.", right=True),
            Option("The platform must own the cars or rooms before anyone will come.",
                   "A platform owns neither the rooms nor the cars: it orchestrates what others supply."),
            Option("The take rate must be set before the platform knows its costs.",
                   "The take rate is the platform's price structure, a later question; the chicken-and-egg problem is "
                   "about getting both sides on board."),
        )),
    Number(
        "30-2", "In the ride-hailing launch preset, in which month does the platform pass critical mass?",
        answer=lambda: RIDE.run().critical_mass_month, unit="month", tolerance=0.4,
        hint="The explorer's sentence starts with it.",
        worked="With sellers subsidised at {subsidy} a month for {months} months, the platform passes critical mass "
               "in month {answer}, then tips.",
        facts=lambda: dict(subsidy=money(RIDE.values.seller_subsidy), months=RIDE.values.subsidy_months)),
))
