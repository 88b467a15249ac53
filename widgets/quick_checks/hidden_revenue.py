"""Lesson 21's quick checks, computed by the ad-supported model (widgets/models/ad_supported.py)."""

from __future__ import annotations

from widgets.claims import money, pct
from widgets.claims.hidden_revenue import US

from . import Choice, LessonChecks, Number, Option

CHECKS = LessonChecks("21_hidden_revenue", (
    Choice(
        "21-1", "In a hidden-revenue business such as Meta's, who is the customer?",
        hint="Who pays, and what do they buy?",
        worked="The advertisers are the customers: they pay for the users' attention and for what the firm knows "
               "about the users. The users pay nothing; their time and data are what is sold.",
        options=(
            Option("The advertisers, who buy the users' attention.",
                   "Right: the user is not the customer; the user's time and data are what the customer buys.",
                   right=True),
            Option("The users, who pay with their time.",
                   "Users give time and data, but they pay no money: the firm's revenue comes from the third "
                   "party."),
            Option("Nobody: the service is free.",
                   "Free for the users only. Meta earns about 98 % of its revenue from advertising."),
        )),
    Number(
        "21-2", "At the Meta US & Canada preset, what does each user who opts out of tracking cost the firm a year "
                "(in USD, at today's ad load)?",
        answer=lambda: US.run().opt_out_cost, unit="USD a year", tolerance=0.5,
        hint="The sentence's last clause gives it; the untracked discount and the revenue per daily user are "
             "behind it.",
        worked="A user brings {per_user} a year at today's ads; without tracking each ad is worth {disc} less, "
               "so an opt-out costs about USD {answer} a year.",
        facts=lambda: dict(per_user=money(US.run().revenue_per_user_year, 2),
                           disc=pct(US.values.untracked_discount))),
    Number(
        "21-3", "Same preset: with more ads ({now} → {more} an hour), from which month does revenue fall below "
                "today's?".format(now=int(US.values.current_ad_load), more=int(US.values.ad_load)),
        answer=lambda: US.run().crossover_month, unit="month", tolerance=0.4,
        hint="The sentence says when revenue falls below today's; the chart shows the two lines crossing.",
        worked="More ads lift revenue at once, but users spend less time and some leave, slowly: revenue falls below "
               "today's from month {answer} and settles {settle} below it once users have adapted.",
        facts=lambda: dict(settle=pct(-US.run().long_run_change, 1))),
))
