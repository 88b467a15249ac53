"""Lesson 22's things to try and quoted numbers, computed by the freemium model (widgets/models/freemium.py)."""

from __future__ import annotations

import numpy as np

from widgets import data
from widgets.explorers.freemium import PRESETS
from widgets.models import freemium as fm
from widgets.models.finance import lifetime_value

from ._sliders import positions
from . import LessonClaims, Passage, Setting, Tries, attempt, money, num, pct

SPOTIFY = Setting(fm, PRESETS["Spotify (2024)"])
DROPBOX = Setting(fm, PRESETS["Dropbox (2017)"])
NETFLIX = Setting(fm, PRESETS["Netflix-style pay-only (2019)"])
NETFLIX_FREE = dict(conversion=0.02, free_churn=0.05, cost_free=0.50)
QUIBI_TRIAL = 0.08   # Sensor Tower's estimate of Quibi's trial → paid (datasets/freemium_conversion.csv)
# Question 3's illustrative service (solutions/22_freemium_and_subscription.ipynb)
Q3 = dict(signups=100, signup_growth=0.01, conversion=0.01, free_churn=0.05, paid_churn=0.03,
          price=10.0, ad_revenue=0.0, cost_free=0.10, cost_paid=2.0, acquisition_cost=2.0)


def _revenue36(setting: Setting, **changes) -> float:
    """Monthly revenue in month 36, in millions (the model counts thousands)."""
    return float(setting.run(**changes).monthly["revenue"].iloc[-1]) / 1000


def _highest_free_cost_that_pays() -> float:
    """Dropbox: the highest cost per free user, below the preset's, at which cash turns positive by month 36."""
    return max(k for k in positions(DROPBOX, "cost_free", 0.0, DROPBOX.values.cost_free) if DROPBOX.run(cost_free=k).payback_month is not None)


def _trial_that_matches() -> float:
    """Spotify: the lowest trial → paid rate a slider reaches whose trial pays back when freemium does."""
    target = SPOTIFY.run().payback_month
    return min(t for t in positions(SPOTIFY, "trial_conversion")
               if (m := SPOTIFY.run(trial_conversion=t).trial_payback_month) is not None and m <= target)


def _cohort_payback(setting: Setting) -> int:
    """The month of its life in which one cohort's own cumulative cash stops being negative."""
    v = setting.values
    free, paid = fm.cohort_path(v.conversion, v.free_churn, v.paid_churn)
    profit = free * (v.ad_revenue - v.cost_free) + paid * (v.price - v.cost_paid)
    profit[0] -= v.acquisition_cost
    cash = np.cumsum(profit)
    return int(np.argmax(cash >= 0)) + 1 if (cash >= 0).any() else 0


def _trough(setting: Setting, **changes) -> tuple[int, float]:
    """The month cumulative cash is lowest, and how low (millions)."""
    cash = setting.run(**changes).monthly["cumulative_cash"].to_numpy()
    return int(np.argmin(cash)) + 1, float(cash.min()) / 1000


def _try1():
    v = SPOTIFY.values
    return dict(rev=money(_revenue36(SPOTIFY), 1, "M", "€"),
                conv=money(_revenue36(SPOTIFY, conversion=v.conversion + 0.01), 1, "M", "€"),
                churn=money(_revenue36(SPOTIFY, paid_churn=v.paid_churn - 0.01), 1, "M", "€"),
                ltv=money(SPOTIFY.run().lifetime_value, 0, "", "€"),
                ltv_churn=money(SPOTIFY.run(paid_churn=v.paid_churn - 0.01).lifetime_value, 0, "", "€"))


def _holds1():
    v = SPOTIFY.values
    up, down = SPOTIFY.run(conversion=v.conversion + 0.01), SPOTIFY.run(paid_churn=v.paid_churn - 0.01)
    return {"conversion moves month-36 revenue more than churn":
            _revenue36(SPOTIFY, conversion=v.conversion + 0.01) > _revenue36(SPOTIFY, paid_churn=v.paid_churn - 0.01),
            "conversion leaves lifetime value where it was": up.lifetime_value == SPOTIFY.run().lifetime_value,
            "lower churn raises lifetime value": down.lifetime_value > SPOTIFY.run().lifetime_value}


def _try2():
    r = DROPBOX.run()
    k = _highest_free_cost_that_pays()
    return dict(share=pct(r.paying_share, 1), cstar=pct(r.break_even_conversion, 2),
                kf=money(DROPBOX.values.cost_free, 2), k=money(k, 2), month=DROPBOX.run(cost_free=k).payback_month,
                cstar_k=pct(DROPBOX.run(cost_free=k).break_even_conversion, 2),
                free_a=DROPBOX.run(acquisition_cost=0).payback_month)


def _holds2():
    r = DROPBOX.run()
    return {"Dropbox's cash is still negative after 36 months": r.payback_month is None,
            "although its paying share is above c*": r.paying_share > r.break_even_conversion,
            "without acquisition cost it pays back": DROPBOX.run(acquisition_cost=0).payback_month is not None}


def _try3():
    t = _trial_that_matches()
    return dict(trial=pct(SPOTIFY.values.trial_conversion), month=SPOTIFY.run().payback_month, t=pct(t, 0 if round(t * 100, 6).is_integer() else 1))


def _holds3():
    t = _trial_that_matches()
    return {"at the preset the trial has not paid back": SPOTIFY.run().trial_payback_month is None,
            "at the found rate the trial pays back the month freemium does":
            SPOTIFY.run(trial_conversion=t).trial_payback_month == SPOTIFY.run().payback_month}


def _try4():
    r = NETFLIX.run(**NETFLIX_FREE)
    return dict(share=pct(r.paying_share), cstar=pct(r.break_even_conversion, 1),
                ltvcac=num(r.lifetime_value / r.cost_per_paying_user, 1),
                trial=NETFLIX.run(**NETFLIX_FREE).trial_payback_month, months=len(r.monthly))


def _holds4():
    r = NETFLIX.run(**NETFLIX_FREE)
    return {"the free tier has not paid back after 36 months": r.payback_month is None,
            "although the paying share is above c*": r.paying_share > r.break_even_conversion,
            "and LTV exceeds the cost to win a paying user": r.lifetime_value > r.cost_per_paying_user,
            "the trial pays back": r.trial_payback_month is not None}


def _try5():
    m0, low0 = _trough(SPOTIFY)
    m5, low5 = _trough(SPOTIFY, signup_growth=0.05)
    return dict(cohort=_cohort_payback(SPOTIFY), m0=m0, m5=m5, low0=money(-low0, 1, "M", "€"),
                low5=money(-low5, 1, "M", "€"), pay0=SPOTIFY.run().payback_month,
                pay5=SPOTIFY.run(signup_growth=0.05).payback_month)


def _holds5():
    (m0, low0), (m5, low5) = _trough(SPOTIFY), _trough(SPOTIFY, signup_growth=0.05)
    return {"growth is 0 at the preset": SPOTIFY.values.signup_growth == 0,
            "each cohort pays back on its own": _cohort_payback(SPOTIFY) > 0,
            "cash falls for longer and deeper with growth": m5 > m0 and low5 < low0,
            "and pays back later": SPOTIFY.run(signup_growth=0.05).payback_month > SPOTIFY.run().payback_month}


def _quibi() -> dict[str, str]:
    netflix = NETFLIX.run(trial_conversion=QUIBI_TRIAL)
    return dict(t=pct(NETFLIX.values.trial_conversion), m30=NETFLIX.run().trial_payback_month,
                loss=money(-netflix.monthly["trial_cumulative_cash"].iloc[-1] / 1000, 0, "million"))


CASES = Passage(
    text="### A case on each side\n\n"
         "**Where it paid.** Spotify's free tier is its funnel: 263 million of its 675 million monthly users paid at\n"
         "the end of 2024 (`SP24`), and its CFO said in 2018 that about 60 % of gross Premium additions came from the\n"
         "free tier (`SP-Meeker`).\n\n"
         "**Where it failed.** Quibi, a short-video service, launched in April 2020 with no free tier: a 90-day free\n"
         "trial, then plans from USD 5 a month. Sensor Tower estimated that about 72,000 of the\n"
         "roughly 910,000 people who signed up in its first days, 8 %, paid when the trial ended (Quibi disputed the\n"
         "estimate but published no figure of its own); Disney+ had kept about 11 % of its first-days trials. In\n"
         "October 2020, six months after its launch and after raising about USD 1.75 billion, Quibi announced that it\n"
         "would shut down (`QUIBI-ST20`, `QUIBI-WSJ20`; press reports, in `freemium_conversion` above). In the\n"
         "*Netflix-style pay-only* preset, whose costs are illustrative, the trial line pays back in month {m30} with\n"
         "{t} of trial users paying; set *trial → paid* to Quibi's 8 % and it never pays back: after 36 months its\n"
         "cumulative cash stands at {loss} below zero.",
    facts=_quibi,
    holds=lambda: {"at 8 % the trial never pays back in 36 months":
                   NETFLIX.run(trial_conversion=QUIBI_TRIAL).trial_payback_month is None,
                   "the dataset holds Quibi's 8 %": float(data.load("freemium_conversion").set_index("company")
                                                          .loc["Quibi", "low_percent"]) == QUIBI_TRIAL * 100},
    cell="cell-17b",
)


# Section 3 (the model), quoted whole: the two retention multiples are computed by the course's CLV function.
MODEL_SECTION = (
    "## 3 · The model\n"
    "\n"
    "We follow monthly **cohorts** of sign-ups for 36 months. Every month $S_t$ thousand people sign up,\n"
    "growing by $g$ per month. A new user starts free. Each month a free user converts to paid with\n"
    "probability $c$, leaves with probability $f$, or stays free; a paying user cancels with probability\n"
    "$p$. One cohort's path, from the month it signs up ($j = 0$), is\n"
    "\n"
    "$$\\text{{free}}_{{j+1}} = \\text{{free}}_j\\,(1 - c - f), \\qquad \\text{{paid}}_{{j+1}} = \\text{{paid}}_j\\,(1 - p) + c\\,\\text{{free}}_j ,$$\n"
    "\n"
    "and the users of month $t$ add up every cohort still alive: $N^{{\\text{{free}}}}_t = \\sum_{{s \\le t}} S_s\\, \\text{{free}}_{{t-s}}$, where cohort $s$ signed up in month $s$ (the same for paid).\n"
    "\n"
    "**Money per month.** With price $P$ (average revenue per paying user), ad revenue $a$ per free user,\n"
    "cost to serve $k_f$ per free user and $k_p$ per paying user, and acquisition cost $A$ per sign-up:\n"
    "\n"
    "$$\\text{{profit}}_t = N^{{\\text{{paid}}}}_t (P - k_p) + N^{{\\text{{free}}}}_t (a - k_f) - A\\,S_t, \\qquad \\text{{cash}}_t = \\sum_{{\\tau \\le t}} \\text{{profit}}_\\tau .$$\n"
    "\n"
    "The **payback month** is the first month from which cumulative cash stays at or above zero.\n"
    "\n"
    "**Break-even conversion** (standard algebra on the profit per user). In a steady state where a share $c^{{*}}$ of users pays, the\n"
    "free tier pays for itself when $c^{{*}} P = (1-c^{{*}})\\,k_f + c^{{*}} k_p$, that is\n"
    "$c^{{*}} = \\dfrac{{k_f}}{{P - k_p + k_f}}$ (with ad revenue, replace $k_f$ by $k_f - a$). Compare $c^{{*}}$ with the 2–5 % that most freemium firms\n"
    "convert (after Kumar (2014)): a free tier whose break-even lies above that range is unlikely to pay.\n"
    "\n"
    "**Customer lifetime value** (Gupta, Lehmann & Stuart, \"Valuing Customers\", *Journal of Marketing\n"
    "Research* 41, 2004; Gupta & Lehmann, *Managing Customers as Investments*, 2005). With margin\n"
    "$m = P - k_p$ per month, retention $r = 1 - p$ and monthly discount rate $i$:\n"
    "\n"
    "$$\\text{{CLV}} = m\\,\\frac{{r}}{{1 + i - r}}.$$\n"
    "\n"
    "For $r = 0.8$ and $i = 0.1$ the multiple $r/(1+i-r)$ is {m8}; for $r = 0.9$ it is {m9} — retention is\n"
    "the big lever. We compare CLV with the **cost to win one paying user**: a sign-up converts\n"
    "eventually with probability $c/(c+f)$ and stays free for $1/(c+f)$ months on average, so\n"
    "\n"
    "$$\\text{{cost per paying user}} = \\frac{{A + (k_f - a)/(c+f)}}{{c/(c+f)}} .$$\n"
    "\n"
    "**The contrast: a free trial / pay-only model** on the same audience. Every sign-up gets one month of\n"
    "the paid product (costing $k_p$), then a share $c_{{\\text{{trial}}}}$ pays and the rest leave; paying\n"
    "users churn as before. No free tier, no ads.\n"
    "\n"
    "**Assumptions** (what the model leaves out): constant rates (no seasonality, no price changes, no\n"
    "learning); every cohort behaves alike; a converted user never goes back to free; acquisition cost\n"
    "is paid in the sign-up month; no fixed costs (R&D, content deals) — so \"payback\" here is the payback\n"
    "of the customer base, not of the company. All of these can be relaxed; the point is to see the\n"
    "levers."
)


def _multiple(retention: float, rate: float = 0.1) -> float:
    """Gupta & Lehmann's multiple r / (1 + i − r): the CLV of a margin of 1."""
    return lifetime_value(1.0, retention, rate)


MODEL_PASSAGE = Passage(
    text=MODEL_SECTION,
    facts=lambda: dict(m8=num(_multiple(0.8), 2), m9=num(_multiple(0.9), 1)),
    holds=lambda: {"the multiple rises with retention": _multiple(0.9) > _multiple(0.8)},
    cell="cell-09",
)


CLAIMS = LessonClaims("22_freemium_and_subscription", tries=Tries("cell-17", (
    attempt(
        "Conversion is the headline, churn is the story.",
        "With Spotify, pin the scenario, then raise *free → paid conversion* by one percentage point: revenue in "
        "month 36 goes from {rev} to {conv}. Reset, pin, and instead lower *paying-user churn* by one point: "
        "{churn}. Conversion moves revenue more, but it leaves a paying user's lifetime value at {ltv}, while the "
        "lower churn raises it to {ltv_churn}. Why does each lever move what it moves?",
        facts=_try1, holds=_holds1,
    ),
    attempt(
        "The break-even conversion is not the whole story.",
        "Switch to Dropbox. {share} of users pay in month 36, well above the break-even "
        "$c^{{*}} = k_f/(P - k_p + k_f)$ of {cstar} at a cost of {kf} per free user, yet cumulative cash is still "
        "negative after 36 months. Lower *cost to serve a free user*: at {k} cash turns positive in month {month} "
        "($c^{{*}}$ = {cstar_k}). Then put the cost back and set the *acquisition cost* to 0: cash turns positive "
        "in month {free_a}. What does $c^{{*}}$ leave out?",
        facts=_try2, holds=_holds2,
    ),
    attempt(
        "Free tier or free trial?",
        "Back to Spotify. With {trial} of trial users paying, the dotted free-trial curve has not paid back by "
        "month 36, while freemium pays back in month {month}. Raise *trial → paid*: at {t} the trial pays back in "
        "month {month} too. What does a trial need that a free tier does not?",
        facts=_try3, holds=_holds3,
    ),
    attempt(
        "The Netflix question.",
        "Choose *Netflix-style pay-only*. Give it a free tier: conversion 2 %, free-user churn 5 %, cost to "
        "serve a free user 0.50 a month. Now {share} of users pay in month 36, above the break-even {cstar}, and "
        "LTV/CAC is {ltvcac}; yet the free tier's cash is still negative after {months} months, while the trial pays "
        "back in month {trial}. What would have to be true for the free tier to pay?",
        facts=_try4, holds=_holds4,
    ),
    attempt(
        "Growth hides losses.",
        "With Spotify, look at one cohort: it pays back its own acquisition cost in month {cohort} of its life. "
        "Now set *sign-up growth* to 5 % a month. Cumulative cash bottoms out in month {m5} instead of {m0}, at "
        "{low5} below zero instead of {low0}, and turns positive in month {pay5} instead of {pay0}, although "
        "every cohort is profitable. Explain to a CFO why.",
        facts=_try5, holds=_holds5,
    ),
)), passages=(
    Passage(
        text="**Question 3 — when does the free tier pay back?** The illustrative service below wins 100\n"
             "thousand sign-ups a month (growing 1 % a month), and 1 % of its free users start paying each\n"
             "month. With these values cumulative cash turns positive in month {month}. Marketing doubles the\n"
             "conversion to **2 %** a month; nothing else changes. From which month on is cumulative cash at\n"
             "or above zero? Use `freemium.simulate` (its `.payback_month`, or the `cumulative_cash` column of\n"
             "`.monthly`) and store the month number (an integer from 1 to 36) in `q3`.",
        facts=lambda: dict(month=fm.simulate(Q3).payback_month),
        holds=lambda: {"cash turns positive (not just stays at zero)":
                       fm.simulate(Q3).monthly["cumulative_cash"].iloc[fm.simulate(Q3).payback_month - 1] > 0},
        cell="f980003a", notebook="solutions/22_freemium_and_subscription.ipynb",
    ),
    CASES,
    MODEL_PASSAGE,
))
