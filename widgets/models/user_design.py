"""User-designed products (Navigator #54 User Designed): a community designs, votes, the firm sells.

Each period (a week of Threadless design challenges, a LEGO Ideas review round) the community
submits ``S`` designs. A share ``v`` gathers enough votes or supporters to be considered, the firm
produces a share ``s`` of those, and a share ``h`` of the produced designs sell well enough to be
reprinted (a "hit"):

    submitted S  ≥  shortlisted S·v  ≥  produced P = S·v·s  ≥  hits H = P·h.

Every produced design sells one run of ``u`` units at net price ``p``; a hit sells a second run.
The creator earns a fixed award ``A`` per produced design, a bonus ``B`` per reprint and a royalty
``r`` on net sales. The firm's design cost is the creators' pay plus the fixed cost ``C`` of
running the community:

    net sales = (P + H)·u·p,        creator pay = P·A + H·B + r·net sales,
    design cost per hit = (creator pay + C) / H.

The in-house contrast: a staff designer's design costs ``D`` and becomes a hit with probability
``h_in``, so an in-house hit costs ``D / h_in`` in design alone. The community's votes act as free
market research: only designs the crowd already likes are produced (Ogawa & Piller, "Reducing the
Risks of New Product Development", MIT Sloan Management Review 47(2), 2006).

The funnel itself is arithmetic. Award, bonus and royalty rates are the platforms' published terms;
units, prices, margins, costs and hit rates in the presets are illustrative.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..params import Param, Parameters, Values, model
from .wording import money, plural, share

MAX_SUBMISSIONS = 5000
MIN_HITS = 1e-9   # fewer expected hits than this count as none (no cost per hit to report)
SAME = 1.05      # a community hit within 5 % of an in-house hit's cost costs "about the same"
STAGES = ("Submitted", "Shortlisted by votes", "Produced", "Reprinted (hit)")

PARAMETERS = Parameters(
    Param("submissions", "Designs submitted", "designs / period", 1400, 1, MAX_SUBMISSIONS, 1,
          "Designs the community submits in one period (a week, or a review round).", integer=True),
    Param("vote_share", "Shortlisted by community votes", "%", 0.05, 0.0, 1.0, 0.0005,
          "Share of submissions that collect enough votes or supporters to be considered.",
          percent=True),
    Param("select_share", "Produced, of the shortlist", "%", 0.10, 0.0, 1.0, 0.005,
          "Share of shortlisted designs the firm decides to make and sell.", percent=True),
    Param("hit_share", "Hits, of produced designs", "%", 0.30, 0.0, 1.0, 0.01,
          "Share of produced designs that sell out and are reprinted (a second run).", percent=True),
    Param("units", "Units sold per run", "units", 1000, 10, 200_000, 10,
          "Units of one design sold in one production run.", integer=True),
    Param("price", "Net price per unit", "¤", 20.0, 1.0, 500.0, 0.5,
          "Price the firm receives per unit, after discounts and sales tax."),
    Param("margin", "Gross margin", "%", 0.50, 0.0, 0.9, 0.01,
          "Share of net sales left after making and shipping the product.", percent=True),
    Param("award", "Award per produced design", "¤", 2500.0, 0.0, 20_000.0, 50.0,
          "Fixed payment (cash and vouchers) to the creator of each produced design."),
    Param("reprint_bonus", "Bonus per reprint", "¤", 500.0, 0.0, 5000.0, 50.0,
          "Extra payment to the creator when a design is reprinted."),
    Param("royalty", "Creator royalty", "% of net sales", 0.0, 0.0, 0.10, 0.001,
          "Share of the design's net sales paid to its creator.", percent=True),
    Param("community_cost", "Cost of running the community", "¤ thousand / period", 10.0, 0.0, 500.0, 0.5,
          "Platform, moderation and community management per period."),
    Param("inhouse_cost", "Cost of one in-house design", "¤ thousand", 5.0, 0.1, 200.0, 0.1,
          "Designer time, samples and testing for one design made by staff."),
    Param("inhouse_hit_share", "In-house hit rate", "%", 0.15, 0.01, 1.0, 0.01,
          "Share of in-house designs that sell well enough to be reprinted.", percent=True),
)


@dataclass(frozen=True)
class UserDesignResult:
    """One period of a user-design platform: the funnel, the money, and design cost per hit."""

    submissions: int                  # designs submitted per period
    funnel: pd.DataFrame              # stage, designs (expected counts, each ≤ the one before)
    net_sales: float                  # ¤ thousand per period
    gross_profit: float               # net sales × margin, ¤ thousand
    creator_pay: float                # awards + reprint bonuses + royalties, ¤ thousand
    design_cost: float                # creator pay + community cost, ¤ thousand
    profit_after_design: float        # gross profit − design cost, ¤ thousand
    cost_per_hit: float               # community design cost ÷ hits, ¤ thousand (inf if no hits)
    inhouse_cost_per_hit: float       # in-house design cost ÷ in-house hit rate, ¤ thousand
    reward_if_produced: float         # a produced design's expected pay to its creator, ¤
    reward_per_submission: float      # a submitted design's expected pay to its creator, ¤
    odds_produced: float              # chance a submitted design is produced
    curve: pd.DataFrame               # by submissions: cost_per_hit (community), inhouse_cost_per_hit


def funnel_counts(submissions: float, vote_share: float, select_share: float,
                  hit_share: float) -> np.ndarray:
    """Expected designs at each stage: submitted, shortlisted, produced, reprinted."""
    shortlisted = submissions * vote_share
    produced = shortlisted * select_share
    return np.array([submissions, shortlisted, produced, produced * hit_share], dtype=float)


def _design_cost_per_hit(p: Values, submissions: np.ndarray) -> np.ndarray:
    """Community design cost per hit (¤ thousand) for an array of submission counts."""
    produced = submissions * p.vote_share * p.select_share
    hits = produced * p.hit_share
    sales = (produced + hits) * p.units * p.price / 1000
    pay = (produced * p.award + hits * p.reprint_bonus) / 1000 + p.royalty * sales
    some = hits > MIN_HITS
    return np.where(some, (pay + p.community_cost) / np.where(some, hits, 1.0), np.inf)


@model(PARAMETERS)
def simulate(p: Values) -> UserDesignResult:
    """The user-design funnel for one period, the firm's economics and the creator's reward."""
    counts = funnel_counts(p.submissions, p.vote_share, p.select_share, p.hit_share)
    _, _, produced, hits = counts
    net_sales = (produced + hits) * p.units * p.price / 1000
    gross = net_sales * p.margin
    awards = (produced * p.award + hits * p.reprint_bonus) / 1000
    creator_pay = awards + p.royalty * net_sales
    design_cost = creator_pay + p.community_cost
    per_design_sales = (1 + p.hit_share) * p.units * p.price       # ¤, one produced design
    reward_if_produced = p.award + p.hit_share * p.reprint_bonus + p.royalty * per_design_sales
    odds = p.vote_share * p.select_share
    grid = np.unique(np.round(np.geomspace(10, MAX_SUBMISSIONS, 80)).astype(int))
    grid = np.unique(np.r_[grid, p.submissions])
    return UserDesignResult(
        submissions=p.submissions,
        funnel=pd.DataFrame({"stage": STAGES, "designs": counts}),
        net_sales=float(net_sales),
        gross_profit=float(gross),
        creator_pay=float(creator_pay),
        design_cost=float(design_cost),
        profit_after_design=float(gross - design_cost),
        cost_per_hit=float(design_cost / hits) if hits > MIN_HITS else float("inf"),
        inhouse_cost_per_hit=float(p.inhouse_cost / p.inhouse_hit_share),
        reward_if_produced=float(reward_if_produced),
        reward_per_submission=float(odds * reward_if_produced),
        odds_produced=float(odds),
        curve=pd.DataFrame({"submissions": grid,
                            "cost_per_hit": _design_cost_per_hit(p, grid.astype(float)),
                            "inhouse_cost_per_hit": p.inhouse_cost / p.inhouse_hit_share}),
    )


def takeaway(result: UserDesignResult, values: Values | None = None, currency: str = "$") -> str:
    """One sentence: the funnel, the cost of a hit against in-house design, the creator's odds."""
    submitted, _, produced, hits = result.funnel["designs"]
    inhouse = f"the {_money(result.inhouse_cost_per_hit, currency)} of an in-house hit"
    if not np.isfinite(result.cost_per_hit):
        cost = "no design becomes a hit, so the community's design cost buys nothing that sells twice"
    elif result.cost_per_hit == 0:
        cost = f"a hit costs nothing in design (creators and the community are unpaid), against {inhouse}"
    else:
        times = result.cost_per_hit / result.inhouse_cost_per_hit
        cheaper = (f"{1 / times:,.1f} times cheaper than" if times < 1 / SAME else
                   "about the same as" if times <= SAME else f"{times:,.1f} times dearer than")
        cost = (f"a hit costs {_money(result.cost_per_hit, currency)} in design and community costs, "
                f"{cheaper} {inhouse}")
    return (f"Of {plural(submitted, 'design')} submitted, {_count(produced)} are produced and {_count(hits)} "
            f"become hits, earning the firm {_money(result.gross_profit, currency)} of gross profit; "
            f"{cost}; {_creator(result, currency)}.")


def _creator(result: UserDesignResult, currency: str) -> str:
    """A creator's odds of being produced and what a submission is worth to her."""
    odds = result.odds_produced
    if odds <= 0:
        return "nothing is produced, so a submission earns its creator nothing"
    worth = f"worth {currency}{result.reward_if_produced:,.0f}"
    if odds >= 1:
        return f"every submission is produced, {worth} to its creator"
    one_in = 1 / odds
    chance = (f"a {share(odds)} chance" if odds >= 0.1 else
              f"a 1 in {one_in:,.0f} chance" if one_in < 1e9 else "less than a one-in-a-billion chance")
    return (f"a creator has {chance} of being produced, {worth}, so a submission is worth "
            f"{currency}{result.reward_per_submission:,.2f} on average")


def _count(designs: float) -> str:
    """Expected designs with the digits that tell a few from none: 7.0, 0.15, 'fewer than 0.01', never '0.0'."""
    if designs == 0 or designs >= 0.95:
        return f"{designs:,.1f}"
    return f"{designs:.2g}" if designs >= 0.01 else "fewer than 0.01"


def _money(thousands: float, currency: str) -> str:
    """¤ thousands in words: 13.6 -> '$13,595', 7180 -> '$7.18 million', 9e8 -> '$900.00 billion'; under half a
    dollar as wording.money says it, never a false '$0'."""
    if 0 < thousands < 0.0005:
        return money(thousands * 1000, currency)
    return currency + _amount(thousands)


def _amount(thousands: float) -> str:
    if thousands >= 1e6:
        return f"{thousands / 1e6:,.2f} billion"
    return f"{thousands / 1000:,.2f} million" if thousands >= 1000 else f"{thousands * 1000:,.0f}"
