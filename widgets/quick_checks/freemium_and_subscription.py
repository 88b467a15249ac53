"""Lesson 22's quick checks, computed by the freemium model (widgets/models/freemium.py)."""

from __future__ import annotations

from widgets.claims import num, pct
from widgets.claims.freemium_and_subscription import DROPBOX, SPOTIFY

from . import Choice, LessonChecks, Mistake, Number, Option


def _break_even(setting) -> float:
    return setting.run().break_even_conversion


CHECKS = LessonChecks("22_freemium_and_subscription", (
    Choice(
        "22-1", "Kumar's rule of thumb says 5 % of 2 million users beats 50 % of 100,000. Why?",
        hint="Count the paying users in each case.",
        worked="5 % of 2,000,000 is 100,000 paying users; 50 % of 100,000 is 50,000. A low conversion rate on a "
               "large free base can still give twice the payers, as long as the free users are cheap to serve.",
        options=(
            Option("A large free base at a low conversion rate can still give more paying users.",
                   "5 % of 2 million is 100,000 payers, twice the 50,000 from 50 % of 100,000.", right=True),
            Option("A higher conversion rate always means more revenue.",
                   "Revenue depends on the number of payers, not the rate: 50 % of a small base is fewer payers."),
            Option("Free users pay for themselves through advertising.",
                   "The rule says nothing about ads: it compares the number of people who pay."),
        )),
    Number(
        "22-2", "In the Dropbox preset, what break-even conversion c* does the model give (the share of users who "
                "must pay for the free tier to pay for itself)?",
        answer=lambda: _break_even(DROPBOX), percent=True, unit="%", tolerance=0.02,
        hint="c* = k_f / (P − k_p + k_f): the cost to serve a free user over the margin of a paying one plus that "
             "cost. Read the preset's values in the explorer (choose Dropbox (2017)).",
        worked="With the Dropbox preset's price P = {price}, cost per paying user k_p = {kp} and cost per free user "
               "k_f = {kf} a month, c* = {kf} / ({price} − {kp} + {kf}) = {answer} %. Dropbox's 2 % is well above "
               "it, yet the lesson shows its cash still negative after 36 months: c* leaves out acquisition.",
        facts=lambda: dict(price=num(DROPBOX.values.price, 2), kp=num(DROPBOX.values.cost_paid, 2),
                           kf=num(DROPBOX.values.cost_free, 2)),
        mistakes=(Mistake(lambda: DROPBOX.values.cost_free / (DROPBOX.values.price - DROPBOX.values.cost_paid),
                          "Close, but the denominator is P − k_p + k_f: add the free user's cost back."),)),
    Number(
        "22-3", "In the Spotify (2024) preset, in which month does freemium pay back (cumulative cash stays at or "
                "above zero)?",
        answer=lambda: SPOTIFY.run().payback_month, unit="month", tolerance=0.4,
        hint="Open the explorer with Spotify (2024); the sentence under the controls names the payback month.",
        worked="The explorer's sentence at the Spotify preset: “{say}” The model gives month {answer}.",
        facts=lambda: dict(say=SPOTIFY.say())),
))
