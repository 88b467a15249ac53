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
    Choice(
        "30-3", "Why do Briscoe, Odlyzko and Tilly argue that a network's value grows like n·log n rather than "
                "Metcalfe's n²?",
        hint="Are all the possible links between users worth the same?",
        worked="Metcalfe counts every possible pair of users as a link of equal worth. Most of those links are worth "
               "little: you call few of the people you could call and buy from few of the sellers you could buy "
               "from. So value grows only slightly faster than the number of users, and the gap with n² is enormous "
               "for a large network.",
        options=(
            Option("Most possible links are worth little: people use few of the connections they could.",
                   "Right: value comes from the links people use, and they use few of them.", right=True),
            Option("Large networks cost more to run, which lowers their value.",
                   "The argument is about the value of links, not about costs."),
            Option("Users leave large networks, so n stops growing.",
                   "Both laws describe value at a given n; the argument is how much each extra user adds."),
        )),
))
