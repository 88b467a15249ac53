"""Lesson 40's quick checks, computed by the franchising model (widgets/models/franchising.py)."""

from __future__ import annotations

from widgets.claims import num, pct
from widgets.claims.franchising import MCD

from . import Choice, LessonChecks, Mistake, Number, Option

CHECKS = LessonChecks("40_franchising", (
    Number(
        "40-2", "In the McDonald's (2024) preset, what share of its sales does a franchisee pay McDonald's in royalty "
                "and rent together?",
        answer=lambda: MCD.values.royalty + MCD.values.rent, percent=True, unit="%", tolerance=0.05,
        hint="Add the preset's royalty and rent, both shares of the franchisee's sales.",
        worked="Royalty {royalty} plus rent {rent} = {answer} % of sales: the 10-K's USD 15.7 billion of rent, "
               "royalties and fees is about 13 % of franchisees' USD 120.9 billion of sales.",
        facts=lambda: dict(royalty=pct(MCD.values.royalty, 1), rent=pct(MCD.values.rent, 1)),
        mistakes=(Mistake(lambda: MCD.values.royalty, "That is the royalty alone: McDonald's is also the "
                                                      "landlord, so add the rent."),)),
    Number(
        "40-3", "In the McDonald's (2024) preset, in how many years does a franchisee earn back its investment?",
        answer=lambda: MCD.run().franchisee_payback, unit="years", tolerance=0.06,
        hint="T = K_f ÷ ((m − r − k) × S): the investment over the cash a restaurant leaves its owner each year.",
        worked="K_f = USD {kf} M, m − r − k = {f} of S = USD {s} M of sales: T = {kf} ÷ ({f_num} × {s}) = {answer} "
               "years, within the {hurdle} years the preset assumes franchisees accept.",
        facts=lambda: dict(kf=num(MCD.values.franchisee_investment, 2), f=pct(MCD.run().franchisee_margin, 1),
                           f_num=num(MCD.run().franchisee_margin, 3), s=num(MCD.values.sales, 2),
                           hurdle=num(MCD.values.hurdle, 0))),
    Choice(
        "40-1", "In the model, why does a lower royalty make franchisees skimp less on quality?",
        hint="Look at how the skimping σ_eff depends on the margin f that the fees leave the franchisee.",
        worked="σ_eff = σ · min(4, m / f): the thinner the margin f = m − r − k a franchisee keeps, the more it "
               "saves by cutting corners, while the cost falls on the whole brand (Brickley & Dark). A lower royalty "
               "raises f, so σ_eff falls.",
        options=(
            Option("It leaves the franchisee a thicker margin, so cutting corners is worth less to it.",
                   "Right: skimping grows as m/f, and a lower royalty raises f.", right=True),
            Option("The franchisor inspects more restaurants when it earns less per restaurant.",
                   "The model has no inspections: monitoring cost appears only for the chain's own managers."),
            Option("A lower royalty attracts more franchisees, and more franchisees skimp less.",
                   "More franchised units raise the brand's loss, Q = σ_eff · F/N; they do not lower σ_eff."),
        )),
))
