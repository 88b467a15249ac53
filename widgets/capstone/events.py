"""Seeded market events, each drawn from a real case a lesson cites (sources.csv tag), announced a round ahead.

The schedule depends on the company, the seed and the number of rounds only — never on anyone's
decisions — so every team on the same seed meets the same events in the same quarters. It is drawn
with ``numpy.random.default_rng(seed)`` (no global random state): two or three events from the
company's list, in distinct rounds from round 2 on. ``effect`` records what an event changes
(the engine reads it); events with ``lasts`` > 1 stay in force for that many rounds.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass(frozen=True)
class Event:
    """One market event: when it hits, what happens (one sentence), its lesson and the real case's source tag."""

    key: str
    round: int
    title: str
    what_happens: str
    lesson: str
    source: str
    effect: dict[str, float] = field(default_factory=dict)
    lasts: int = 1  # rounds it stays in force, from ``round`` on (99: until the end)

    def __hash__(self) -> int:
        """Events are values: equal events hash alike (``effect`` is a dict, so the default hash cannot)."""
        return hash((self.key, self.round, self.title, tuple(sorted(self.effect.items())), self.lasts))

    def active(self, round_: int) -> bool:
        """True in the rounds this event is in force."""
        return self.round <= round_ < self.round + self.lasts


# key -> (title, what happens, lesson, source, effect, lasts). Sizes are illustrative; the cases are real.
CATALOGUE: dict[str, tuple[str, str, str, str, dict[str, float], int]] = {
    "price_cut": ("A rival halves its price",
                  "For two quarters the rival sells at half its price to buy share, as MoviePass cut its "
                  "subscription from USD 20 to USD 9.95 a month in August 2017.",
                  "23_cloud_subscription_and_pay_per_use", "MOVIEPASS-PR18", {"rival_price_factor": 0.5}, 2),
    "att": ("A privacy change hits ad prices",
            "Apple's App Tracking Transparency lets listeners refuse tracking and three in four do (illustrative: "
            "about one in eight app users who answered the prompt allowed it in 2021), so their ads sell for 52 % "
            "less; Meta put its own 2022 cost at about USD 10 bn.",
            "21_hidden_revenue", "CNBC-ATT", {"opt_out": 0.75}, 99),
    "funding_squeeze": ("Investors stop funding",
                        "Money gets dear: debt now costs 8 % a quarter instead of 3 % (Quibi raised USD 1.75 bn "
                        "and still shut down six months after launch).",
                        "22_freemium_and_subscription", "QUIBI-WSJ20", {"interest": 0.08}, 99),
    "subsidy_war": ("The rival starts a subsidy war",
                    "For two quarters the rival pays riders and drivers half as much again as the larger of its "
                    "launch subsidies and yours, as Didi did against Uber in China (Uber lost over USD 1 bn a year "
                    "there).",
                    "30_platforms_and_network_effects", "UBER-CN16", {"rival_subsidy_factor": 1.5}, 2),
    "fee_revolt": ("Drivers revolt against fees",
                   "For two quarters drivers count the take rate a quarter heavier than it is, as sellers left Etsy "
                   "after its 2022 fee rise from 5 % to 6.5 %.", "30_platforms_and_network_effects", "ETSY-FOOL23",
                   {"take_rate_weight": 1.25}, 2),
    "cloud_leak": ("Others sell your open code",
                   "Cloud providers and rivals start selling services on your open code and take paying demand: "
                   "leakage rises from 10 % to 30 % of the open part, as Docker's engine spread across the industry "
                   "while Docker sold its enterprise business in 2019.",
                   "12_open_source_and_open_business", "DOCKER-TNS19", {"leakage": 0.30}, 99),
    "api_price_war": ("An API price war",
                      "The rival launches a model at half its price and keeps it there, as GPT-4o came at 50 % of "
                      "GPT-4 Turbo's price in May 2024.", "31_ai_business_models", "OAI-4O-FORUM",
                      {"rival_price_factor": 0.5}, 99),
    "automation_wave": ("Big customers automate with AI",
                        "Firms route their support chats to AI, as Klarna sent 2.3 million chats to its assistant "
                        "in its first month in 2024: usage per customer rises by a fifth.",
                        "31_ai_business_models", "KLARNA-PR24", {"usage_factor": 1.2}, 99),
}

# Which events each company can meet.
POOLS: dict[str, tuple[str, ...]] = {
    "music": ("att", "price_cut", "funding_squeeze"),
    "rides": ("subsidy_war", "fee_revolt", "funding_squeeze"),
    "devtool": ("cloud_leak", "price_cut", "funding_squeeze"),
    "ai_api": ("api_price_war", "automation_wave", "funding_squeeze"),
}


def schedule(company: str, seed: int, rounds: int) -> tuple[Event, ...]:
    """The events of one game, in round order: a function of company, seed and rounds only."""
    rng = np.random.default_rng([seed, rounds, sorted(POOLS).index(company)])
    pool = POOLS[company]
    count = int(rng.integers(2, len(pool) + 1))
    keys = [pool[i] for i in rng.permutation(len(pool))[:count]]
    when = sorted(int(r) for r in rng.choice(np.arange(2, rounds + 1), size=count, replace=False))
    out = []
    for key, round_ in zip(keys, when):
        title, text, lesson, source, effect, lasts = CATALOGUE[key]
        out.append(Event(key, round_, title, text, lesson, source, dict(effect), lasts))
    return tuple(sorted(out, key=lambda e: e.round))


def in_force(events: tuple[Event, ...], round_: int) -> dict[str, float]:
    """The effects of every event in force in ``round_`` (a later event overrides an earlier one's key)."""
    effect: dict[str, float] = {}
    for event in events:
        if event.active(round_):
            effect.update(event.effect)
    return effect
