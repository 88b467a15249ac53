"""Freemium vs free trial: monthly cohorts of sign-ups, free→paid conversion, churn, cash.

Every month ``S_t`` people sign up (``signups`` thousand, growing by ``signup_growth``). A sign-up
starts on the free tier. Each month a free user converts to paid with probability ``c``, leaves
with probability ``f`` or stays free; a paying user leaves with probability ``p``. One cohort's
path is therefore

    free_{k+1} = free_k · (1 − c − f),    paid_{k+1} = paid_k · (1 − p) + c · free_k,

and the users of month t add up every cohort still alive: ``users_t = Σ_a S_a · path_{t−a}``.
Money per month: paying users × price, free users × ad revenue, minus the cost of serving each
tier and the acquisition cost of every sign-up.

The contrast on the same audience is a free trial / pay-only model: every sign-up gets one month
of the paid product, then a share ``trial_conversion`` pays and the rest leave; paying users churn
as in freemium.

The break-even conversion is standard algebra on the profit per user. Sources: Kumar, "Making
Freemium Work", HBR May 2014 (most freemium firms convert 2–5 %); Gupta, Lehmann &
Stuart, "Valuing Customers", JMR 2004, and Gupta & Lehmann, "Managing Customers as Investments",
2005 (lifetime value m·r / (1 + i − r)).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..params import Param, Parameters, Values, model
from .finance import lifetime_value, monthly_rate, payback_month
from .wording import money, ratio, share

MONTHS = 36

PARAMETERS = Parameters(
    Param("signups", "New sign-ups", "thousand / month", 100, 1, 5000, 1,
          "People who sign up in month 1; later months grow by the sign-up growth rate.", integer=True),
    Param("signup_growth", "Sign-up growth", "% / month", 0.01, 0.0, 0.10, 0.005,
          "Monthly growth of new sign-ups.", percent=True),
    Param("conversion", "Free → paid conversion", "% / month", 0.01, 0.0, 0.20, 0.0005,
          "Share of free users who start paying each month.", percent=True),
    Param("free_churn", "Free-user churn", "% / month", 0.05, 0.0, 0.50, 0.005,
          "Share of free users who stop using the product each month.", percent=True),
    Param("paid_churn", "Paying-user churn", "% / month", 0.03, 0.002, 0.30, 0.001,
          "Share of paying users who cancel each month.", percent=True),
    Param("price", "Price per paying user", "¤ / month", 10.0, 0.5, 50.0, 0.05,
          "Average revenue per paying user per month (ARPPU)."),
    Param("ad_revenue", "Ad revenue per free user", "¤ / month", 0.0, 0.0, 3.0, 0.01,
          "Advertising revenue a free user brings each month (0 if the free tier has no ads)."),
    Param("cost_free", "Cost to serve a free user", "¤ / month", 0.10, 0.0, 5.0, 0.01,
          "Storage, bandwidth, licences and support for one free user per month."),
    Param("cost_paid", "Cost to serve a paying user", "¤ / month", 2.0, 0.0, 40.0, 0.05,
          "Cost of serving one paying user per month (content licences, storage, payments)."),
    Param("acquisition_cost", "Acquisition cost per sign-up", "¤", 2.0, 0.0, 100.0, 0.5,
          "Marketing spent to win one sign-up."),
    Param("trial_conversion", "Trial → paid (pay-only)", "%", 0.10, 0.0, 0.80, 0.005,
          "Pay-only contrast: share of sign-ups who pay after a one-month free trial.", percent=True),
    Param("discount_rate", "Discount rate", "% / year", 0.10, 0.0, 0.40, 0.01,
          "Cost of capital used to discount future margins in the lifetime value.", percent=True),
)


@dataclass(frozen=True)
class FreemiumResult:
    """36 months of both models (``monthly``, users in thousands, money in thousands) and key figures."""

    monthly: pd.DataFrame
    paying_share: float            # paying ÷ all users in the last month (freemium)
    payback_month: int | None      # first month cumulative cash stays ≥ 0 (freemium)
    trial_payback_month: int | None
    lifetime_value: float          # Gupta–Lehmann CLV of one paying user, before acquisition cost
    cost_per_paying_user: float    # acquisition + free-tier cost to win one paying user (freemium)
    trial_cost_per_paying_user: float
    break_even_conversion: float   # share of users who must pay for the free tier to pay


def cohort_path(conversion: float, free_churn: float, paid_churn: float,
                months: int = MONTHS) -> tuple[np.ndarray, np.ndarray]:
    """Free and paying users left, month by month, from one sign-up (month 0 = sign-up month)."""
    stay_free = 1.0 - conversion - free_churn
    ages = np.arange(months)
    free = stay_free ** ages
    # paid_k = Σ_{j<k} c·free_j·(1−p)^{k−1−j}: conversions of earlier months that are still paying
    paid = np.zeros(months)
    for k in range(1, months):
        paid[k] = paid[k - 1] * (1.0 - paid_churn) + conversion * free[k - 1]
    return free, paid


def _spread(signups: np.ndarray, path: np.ndarray) -> np.ndarray:
    """Users in each month from all cohorts: the convolution of sign-ups with one cohort's path."""
    return np.convolve(signups, path)[: len(signups)]


@model(PARAMETERS)
def simulate(p: Values) -> FreemiumResult:
    """Users by tier, revenue, costs, profit and cumulative cash: freemium vs a one-month free trial."""
    # The declared ranges keep conversion + free_churn ≤ 70 %, so (1 − c − f) is never negative.
    month = np.arange(1, MONTHS + 1)
    signups = p.signups * (1.0 + p.signup_growth) ** (month - 1)
    free_path, paid_path = cohort_path(p.conversion, p.free_churn, p.paid_churn)
    free = _spread(signups, free_path)
    paying = _spread(signups, paid_path)
    acquisition = signups * p.acquisition_cost
    revenue = paying * p.price + free * p.ad_revenue
    costs = free * p.cost_free + paying * p.cost_paid + acquisition
    profit = revenue - costs

    # Free trial: month 0 on the paid product at the paying cost, then a share pays.
    trial_users = signups
    trial_path = np.r_[0.0, p.trial_conversion * (1.0 - p.paid_churn) ** np.arange(MONTHS - 1)]
    trial_paying = _spread(signups, trial_path)
    trial_revenue = trial_paying * p.price
    trial_costs = (trial_users + trial_paying) * p.cost_paid + acquisition
    trial_profit = trial_revenue - trial_costs

    monthly = pd.DataFrame({
        "month": month,
        "signups": signups,
        "free_users": free,
        "paying_users": paying,
        "revenue": revenue,
        "mrr": paying * p.price,
        "costs": costs,
        "profit": profit,
        "cumulative_cash": np.cumsum(profit),
        "trial_paying_users": trial_paying,
        "trial_revenue": trial_revenue,
        "trial_profit": trial_profit,
        "trial_cumulative_cash": np.cumsum(trial_profit),
    })

    leave_free = p.conversion + p.free_churn
    converts = p.conversion / leave_free if leave_free > 0 else 0.0
    free_months = 1.0 / leave_free if leave_free > 0 else float("inf")
    win_cost = (
        (p.acquisition_cost + (p.cost_free - p.ad_revenue) * free_months) / converts
        if converts > 0 else float("inf")
    )
    trial_win = (p.acquisition_cost + p.cost_paid) / p.trial_conversion if p.trial_conversion > 0 else float("inf")
    margin_free = p.cost_free - p.ad_revenue
    denominator = p.price - p.cost_paid + margin_free
    all_users = free[-1] + paying[-1]
    return FreemiumResult(
        monthly=monthly,
        paying_share=float(paying[-1] / all_users) if all_users > 0 else 0.0,
        payback_month=payback_month(monthly["cumulative_cash"].to_numpy()),
        trial_payback_month=payback_month(monthly["trial_cumulative_cash"].to_numpy()),
        lifetime_value=lifetime_value(p.price - p.cost_paid, 1.0 - p.paid_churn, monthly_rate(p.discount_rate)),
        cost_per_paying_user=win_cost,
        trial_cost_per_paying_user=trial_win,
        break_even_conversion=(margin_free / denominator) if denominator > 0 else float("nan"),
    )


def takeaway(result: FreemiumResult, values: Values | None = None, currency: str = "$") -> str:
    """One sentence a manager can act on; it doubles as the charts' text alternative."""
    m = result.monthly
    last = m.iloc[-1]
    cash, trial_cash = m["cumulative_cash"].to_numpy(), m["trial_cumulative_cash"].to_numpy()
    payback = _payback(cash, result.payback_month, "cumulative cash", "cumulative cash turns positive in month {}",
                       f"cumulative cash is still negative after {MONTHS} months")
    trial = _payback(trial_cash, result.trial_payback_month, "the free-trial model's cumulative cash",
                     "the free-trial model pays back in month {}",
                     "the free-trial model has not paid back either" if result.payback_month is None
                     else f"the free-trial model has not paid back by month {MONTHS}")
    if not cash.any() and not trial_cash.any():
        trial = "the free-trial model's cash does too"
    if result.lifetime_value < 0:
        value = ("each paying user loses money (price below the cost to serve), "
                 "so no conversion rate can make this pay")
    elif result.lifetime_value == 0:
        value = ("a paying user earns nothing (price equal to the cost to serve), "
                 "so no conversion rate can make this pay")
    elif result.cost_per_paying_user == float("inf"):
        free_tier = (("does not earn back with its ads what its users cost to win and serve"
                      if m["revenue"].to_numpy().any() else "only costs money") if cash[-1] < 0 else
                     "earns only what its ads bring in" if cash[-1] > 0 else "neither earns nor costs anything")
        value = (f"no free user ever converts, so the free tier {free_tier}; a paying user would be "
                 f"worth {currency}{_value(result.lifetime_value)} over their lifetime")
    elif result.cost_per_paying_user <= 0:
        value = (f"free users' ad revenue covers what they cost to win and serve, so each paying user "
                 f"(worth {currency}{_value(result.lifetime_value)} over their lifetime) comes on top")
    else:
        value = (f"a paying user is worth {currency}{_value(result.lifetime_value)} over their lifetime and costs "
                 f"{currency}{result.cost_per_paying_user:,.2f} to win "
                 f"(LTV/CAC {ratio(result.lifetime_value / result.cost_per_paying_user)})")
    return (f"After {MONTHS} months {share(result.paying_share)} of {_users(last.free_users + last.paying_users)} "
            f"users pay and monthly revenue is {_money(last.revenue, currency)}; {payback}, while {trial}; "
            f"{value}.")


def _payback(cash: np.ndarray, month: int | None, subject: str, positive: str, never: str) -> str:
    """When cumulative cash stops being negative, in words that stay true when it is exactly zero."""
    if month is None:
        return never
    if not cash.any():
        return f"{subject} stays at exactly zero (revenue and costs cancel out)"
    if cash[month - 1] > 0:
        return positive.format(month)
    return f"{subject} never falls below zero" + (f" from month {month} on" if month > 1 else "")


def _users(thousands: float) -> str:
    return f"{thousands / 1000:,.1f} million" if thousands >= 1000 else f"{thousands:,.0f} thousand"


def _money(thousands: float, currency: str) -> str:
    """Money in thousands as '$1.2 M', '$145 k', and below half a thousand as wording.money says it, never '$0 k'."""
    if 0 < abs(thousands) < 0.5:
        return money(thousands * 1000, currency)
    return f"{currency}{thousands / 1000:,.1f} M" if abs(thousands) >= 1000 else f"{currency}{thousands:,.0f} k"


def _value(amount: float) -> str:
    """A lifetime value in whole units, with cents when it is below one half: 52.5 -> '53', 0.35 -> '0.35'."""
    return f"{amount:,.2f}" if 0 < amount < 0.5 else f"{amount:,.0f}"
