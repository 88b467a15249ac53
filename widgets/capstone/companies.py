"""The capstone's starting companies: who the learner runs, which lessons' models compose it, what is sourced.

Each company starts from a lesson explorer's preset (widgets/explorers/*.py PRESETS) and keeps its
calibration text honest: ``calibration`` names the start values that are sourced data (tags in
``sources``, all in datasets/sources.csv) and says that everything else is illustrative.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..canvas_examples import RED_HAT, UBER
from ..params import Parameters
from . import decisions


@dataclass(frozen=True)
class Company:
    """A company a learner can run: its story, the lessons and patterns it composes, its controls and start."""

    key: str
    name: str
    lessons: tuple[str, ...]
    patterns: tuple[str, ...]
    decisions: Parameters
    story: str
    calibration: str
    sources: tuple[str, ...]
    currency: str
    canvas: str | dict[str, Any]


def _canvas(company: dict[str, Any]) -> dict[str, Any]:
    """A lesson company's canvas as a Canvas dict (title and blocks)."""
    return {"title": company["title"], "blocks": dict(company["blocks"])}


AI_API_CANVAS = {
    "title": "An AI API seller",
    "blocks": {
        "customer_segments": "Developers and firms that build AI into their own products and operations.",
        "value_propositions": "A model that answers, writes and codes, rented by the token instead of built.",
        "channels": "The API, its documentation and a self-serve console; sales for large customers.",
        "customer_relationships": "Self-serve for most; committed-volume contracts for the largest.",
        "revenue_streams": "A price per million tokens; discounts on volume committed a year ahead.",
        "key_resources": "The model, the data it learns from, and computing capacity.",
        "key_activities": "Serving tokens cheaply, improving the model, supporting customers.",
        "key_partnerships": "Chip makers and data centres.",
        "cost_structure": "Inference that gets cheaper with every doubling of volume; people for support.",
    },
}

COMPANIES: dict[str, Company] = {
    "music": Company(
        "music", "Music streamer (from Spotify 2024)",
        ("22_freemium_and_subscription", "21_hidden_revenue"), ("Freemium", "Subscription", "Hidden Revenue"),
        decisions.MUSIC,
        "You run a music streamer with 675 million listeners, 263 million of them paying for Premium, and a free "
        "tier paid for by ads. A pay-only rival competes for the same listeners and answers your price cuts.",
        "Sourced (SP24, Spotify's Q4 2024 update): 675 million listeners, 263 million paying, the Premium price "
        "€4.70 a month and ad revenue of €0.42 per free listener a month, as in lesson 22's Spotify preset. "
        "Illustrative: conversion (set so that the start is steady with 2 % paid churn a month), free churn, the "
        "costs of serving, the ad load of 10 an hour and an hour listened a day (with lesson 21's responses sized "
        "so that 10 is the long-run best ad load), the responses to price, marketing, fixed costs, "
        "the starting cash of €1 bn, the market's size and growth and the rival.",
        ("SP24",), "€", "Spotify"),
    "rides": Company(
        "rides", "Ride-hailing launch (from Uber's take rate)",
        ("30_platforms_and_network_effects",), ("Two-Sided Market",),
        decisions.RIDES,
        "You launch a ride-hailing platform in a city of a million potential riders and 20,000 potential drivers. "
        "A local rival launches too; each side joins for the other, so subsidies decide who tips.",
        "Sourced: the 27 % take rate (Uber's 2024 revenue ÷ gross bookings, UBER-NOTE) and a rider's value of a "
        "full platform, USD 96 a month (USD 1.60 of surplus per dollar spent on UberX, COHEN16, times an "
        "illustrative USD 60 of rides), as in lesson 30's preset. Illustrative: the city, the costs of joining, "
        "drivers' margin, the start, the USD 650 driver guarantee, city operations, the starting cash of "
        "USD 100 M and the rival (which pays riders USD 10 and guarantees drivers USD 650 a month for its first four quarters).",
        ("UBER-NOTE", "COHEN16"), "$", _canvas(UBER)),
    "devtool": Company(
        "devtool", "Open-source developer tool (from Red Hat's fit)",
        ("12_open_source_and_open_business", "23_cloud_subscription_and_pay_per_use"),
        ("Open Source", "Subscription"),
        decisions.DEVTOOL,
        "You sell subscriptions to a developer tool whose code is open, as Red Hat did in 2011: 215 thousand "
        "organisations use it and a fifth of them pay. A closed rival sells licences; you decide how much stays "
        "open, the price and what a commitment earns.",
        "Sourced: the Bass p and q of the open product and the scale of subscription demand, fitted in lesson 12 "
        "to Red Hat's subscription revenue (RH-FY11, RH-FY12, RH-FY18), and the start from FY2011 revenue "
        "(USD 773 M a year). Illustrative: the price split, the development cost and community share (lesson "
        "12's preset), the cost of serving, churn, the commitment response, the starting cash of USD 300 M, "
        "the closed rival and the value of open code.",
        ("RH-FY11", "RH-FY12", "RH-FY18"), "$", _canvas(RED_HAT)),
    "ai_api": Company(
        "ai_api", "AI API seller (from GPT-4's launch prices)",
        ("31_ai_business_models", "23_cloud_subscription_and_pay_per_use"), ("Pay per Use", "Subscription"),
        decisions.AI_API,
        "You sell a GPT-4-class model by the token to 10 thousand developer firms. A rival sells a model as good; "
        "prices fall, your cost falls with every doubling of volume, and you can run your own support on the AI.",
        "Sourced: the launch price of USD 37.50 per million tokens (GPT-4's March 2023 list prices blended 3 : 1, "
        "OAI-GPT4DOC), as in lesson 31's preset. Illustrative: the inference cost, the learning rate, usage and "
        "its response to price, quality and the flywheel, the number of customers, support tickets, the "
        "commitment response, the starting cash of USD 20 M and the rival.",
        ("OAI-GPT4DOC",), "$", AI_API_CANVAS),
}

STARTING_CASH: dict[str, float] = {"music": 1_000_000.0, "rides": 100_000.0, "devtool": 300_000.0, "ai_api": 20_000.0}
"""Currency thousands at the start of the game (illustrative, as each company's calibration says)."""


def company(key: str) -> Company:
    """The Company for a key: one of COMPANIES, or a base with pattern add-ons ("music+commitment", addons.py)."""
    if key in COMPANIES:
        return COMPANIES[key]
    from . import addons
    return addons.company(key)


def lookup(key: Any) -> Company | None:
    """The Company for a key, or None for a key no company or add-on set matches (reports say 'unknown company')."""
    try:
        return company(str(key))
    except ValueError:
        return None
