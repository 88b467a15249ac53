"""Lesson 01's quick checks. The lesson has no model: its number is computed from the Spotify data it loads."""

from __future__ import annotations

from widgets import data
from widgets.claims import pct

from . import Choice, LessonChecks, Mistake, Number, Option


def _q4_2024():
    return data.load("spotify").set_index("year").loc[2024]


def ad_share_of_revenue() -> float:
    q4 = _q4_2024()
    return float(q4.q4_ad_revenue_eur_m / (q4.q4_premium_revenue_eur_m + q4.q4_ad_revenue_eur_m))


def ad_share_of_users() -> float:
    q4 = _q4_2024()
    return float(q4.ad_supported_mau_m / q4.mau_m)


CHECKS = LessonChecks("01_what_is_a_business_model", (
    Choice(
        "01-1", "Business model innovation changes at least two of the four corners (who, what, how, why). Which of "
                "these is one?",
        hint="For each, list the corners it changes: who is the customer, what is offered, how it is made and "
             "delivered, why it earns money.",
        worked="Spotify, against buying songs, changed the what (a whole catalogue instead of a few tracks), the "
               "why (a monthly fee, or advertising, instead of a price per song) and the who (advertisers became a "
               "second paying customer). A better camera changes only the what; a lower price changes a number "
               "inside the why, not how the firm earns.",
        options=(
            Option("Spotify, compared with selling songs and CDs.",
                   "Right: it changes the what, the why and the who, three of the four corners.", right=True),
            Option("A phone maker's new model with a better camera.",
                   "A new product changes only the what: the customer, the way it is made and sold and the way it "
                   "earns money stay the same."),
            Option("A streaming service that cuts its monthly fee by 10 %.",
                   "A lower price changes how much the firm earns, not how: the why is still a monthly fee, and no "
                   "other corner moves."),
        )),
    Number(
        "01-2", "Run the cell above. What share of Spotify's revenue in Q4 2024 came from advertising?",
        answer=ad_share_of_revenue, percent=True, unit="%", tolerance=0.2,
        hint="Advertising revenue divided by Premium plus advertising revenue; the cell prints it.",
        worked="Advertising brought {answer} % of the quarter's revenue, while {users} of the monthly users listen "
               "on the ad-supported tier: most users are free, most revenue comes from the subscribers.",
        facts=lambda: dict(users=pct(ad_share_of_users())),
        mistakes=(Mistake(ad_share_of_users, "That is the ad-supported share of the monthly users. The question asks "
                                             "for the share of revenue."),)),
))
