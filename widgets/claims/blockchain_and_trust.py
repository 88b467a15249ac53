"""Lesson 32's things to try and quoted numbers, computed by the ledger model (widgets/models/ledger.py)."""

from __future__ import annotations

from widgets.explorers.ledger import PRESETS
from widgets.models import ledger as lg, wording

from . import LessonClaims, Passage, Setting, Tries, attempt, money, num, pct

GLOBAL = Setting(lg, PRESETS["USD 200 by stablecoin against the global average"])
BANK = Setting(lg, PRESETS["USD 200 by volatile token against a bank"])
DIGITAL = Setting(lg, PRESETS["USD 200 by stablecoin against digital services"])

# Section 5's illustrative industry (the code cell above the passage): 1,000 shipments a year saving USD 80 each
# if everyone were on the ledger, a median cost of joining of USD 30,000 a year (spread 30 %), a 40 % launch.
INDUSTRY = (1000 * 80.0, 30000.0, 0.3)
CONSORTIUM = 0.4


def _industry(holdouts: float) -> tuple[float | None, float]:
    """Critical mass and where a 40 % launch ends when a share of the industry stays out."""
    return lg.critical_mass(*INDUSTRY, holdouts), float(lg.adopt(CONSORTIUM, *INDUSTRY, holdouts)[-1])


def mass(x: float) -> str:
    """Critical mass as the explorer's sentence writes it, to a tenth of a point."""
    return pct(x, 1)


def _usd(x: float) -> str:
    """A money amount as the sentence shows it ('USD 24.3 M')."""
    return wording.money(x, "USD ")


REWARD, YEARS = 20.0, 2          # try 8 and the token passage: a token paying each member USD 20 a year for 2 years
CHEAP, CHEAP_YEARS = 10.0, 3     # the same network bought with a smaller, longer reward
SHORT = (10.0, 1)                # a reward that stops too soon

CLAIMS = LessonClaims("32_blockchain_and_trust", tries=Tries("bb98f0c1", (
    attempt(
        "Cheaper is not enough.",
        "The first preset sends USD 200 for {ledger} ({ledger_pct}) instead of {through} ({through_pct}): under the "
        "SDG target. Yet the network stalls at about {stall} of the market: it needs a critical mass of {cm}. Pin it, "
        "then raise *Share on the ledger at launch* to 25 %. Same costs, same members: it now grows to {end}.",
        facts=lambda: dict(ledger=money(GLOBAL.run().ledger_cost, 2), ledger_pct=pct(GLOBAL.run().ledger_cost / 200, 2),
                           through=money(GLOBAL.run().intermediary_cost, 2), through_pct=pct(GLOBAL.values.intermediary_cost, 2),
                           stall=pct(GLOBAL.run().final_share), cm=mass(GLOBAL.run().critical_mass),
                           end=pct(GLOBAL.run(start_share=0.25).final_share, 1)),
        holds=lambda: {"under the SDG target": GLOBAL.run().ledger_cost / 200 < lg.SDG_TARGET,
                       "the network stalls": GLOBAL.run().outcome == "stuck",
                       "from 25 % it grows": GLOBAL.run(start_share=0.25).outcome == "wins"},
    ),
    attempt(
        "Small amounts.",
        "Set *Amount sent* to USD 30. The network fee and compliance checks ({fixed} together) now make the ledger "
        "dearer than the intermediary; the sentence gives the break-even amount (about {a}).",
        facts=lambda: dict(fixed=money(GLOBAL.values.network_fee + GLOBAL.values.compliance, 2),
                           a=money(GLOBAL.run(amount=30).break_even_amount)),
        holds=lambda: {"the ledger is dearer at USD 30": GLOBAL.run(amount=30).saving < 0,
                       "the sentence gives the break-even amount": "cheaper only for amounts above" in GLOBAL.say(amount=30)},
    ),
    attempt(
        "The edges come back.",
        "With the launch at 25 %, raise *Cash-in and cash-out* from 2 % to 3 %: critical mass jumps to {cm3} and the "
        "network fades. Lower it to 1 %: no critical mass is needed at all. The exchange or agent at each end is an "
        "intermediary too.",
        facts=lambda: dict(cm3=pct(GLOBAL.run(start_share=0.25, ramp_cost=0.03).critical_mass)),
        holds=lambda: {"at 3 % it fades": GLOBAL.run(start_share=0.25, ramp_cost=0.03).outcome == "fades",
                       "at 1 % no critical mass": GLOBAL.run(start_share=0.25, ramp_cost=0.01).critical_mass == 0
                       and GLOBAL.run(start_share=0.25, ramp_cost=0.01).outcome == "wins"},
    ),
    attempt(
        "Against the cheapest intermediary.",
        "Switch to *USD 200 by stablecoin against digital services* ({cost}). The ledger still saves {saving} a "
        "transfer, but the network fades from any launch — try 90 %. Lower the *Median member's cost of joining* to "
        "USD 15: a critical mass (about {cm}) appears, but the launch is below it.",
        facts=lambda: dict(cost=pct(DIGITAL.values.intermediary_cost, 2), saving=money(DIGITAL.run().saving, 2),
                           cm=pct(DIGITAL.run(join_cost=15).critical_mass)),
        holds=lambda: {"it fades from any launch": DIGITAL.run().critical_mass is None
                       and DIGITAL.run(start_share=0.9).outcome == "fades",
                       "the launch is below the critical mass": DIGITAL.run(join_cost=15).outcome != "wins"
                       and DIGITAL.values.start_share < DIGITAL.run(join_cost=15).critical_mass},
    ),
    attempt(
        "Volatility and time.",
        "Switch to *USD 200 by volatile token against a bank* ({cost}): even a token that swings 60 % a year wins "
        "from any launch when the value sits in it for a day. Raise *Days the value sits in the token* to 10, then "
        "30. At 10 days the network already stalls; at 30 days the price risk alone costs about {risk}, and the "
        "ledger saves only {saving} a transfer.",
        facts=lambda: dict(cost=pct(BANK.values.intermediary_cost, 2),
                           risk=money(BANK.run(hold_days=30).ledger_parts["price risk"]),
                           saving=money(BANK.run(hold_days=30).saving, 2)),
        holds=lambda: {"wins from any launch at a day": BANK.run().outcome == "wins" and BANK.run().critical_mass == 0,
                       "stalls at 10 days": BANK.run(hold_days=10).outcome == "stuck",
                       "still saves at 30 days": BANK.run(hold_days=30).saving > 0},
    ),
    attempt(
        "Members who stay out (TradeLens).",
        "Back in the first preset with the launch at 25 %, raise *Members who refuse to join* to 20 %. Those who "
        "would join now gain less, because a fifth of their counterparties are never on the ledger: critical mass "
        "rises to {cm} and the network fades. TradeLens's case was less simple: most big carriers joined, but a "
        "rival consortium (GSBN) held COSCO's carriers, and shippers, forwarders, ports and customs each had a "
        "threshold of their own (section 5).",
        facts=lambda: dict(cm=mass(GLOBAL.run(start_share=0.25, holdouts=0.2).critical_mass)),
        holds=lambda: {"the network fades": GLOBAL.run(start_share=0.25, holdouts=0.2).outcome == "fades"},
    ),
    attempt(
        "The velocity problem.",
        "In the bank preset the ledger carries {volume} a year and the tokens are worth {value} in all. Cut the days "
        "held to 0.1: the sender's price risk falls, and so does the value of all tokens, to a tenth. Set *Share of "
        "tokens staked* to 50 % instead: the same volume supports twice the value. Whoever holds the token gains "
        "from slow money; whoever sends money wants it fast.",
        facts=lambda: dict(volume=_usd(BANK.run().yearly_volume), value=_usd(BANK.run().token_value)),
        holds=lambda: {"a tenth": abs(BANK.run(hold_days=0.1).token_value / BANK.run().token_value - 0.1) < 1e-6,
                       "twice": abs(BANK.run(staked=0.5).token_value / BANK.run().token_value - 2) < 1e-6,
                       "price risk falls": BANK.run(hold_days=0.1).ledger_parts["price risk"]
                       < BANK.run().ledger_parts["price risk"]},
    ),
    attempt(
        "Pay the early members (Catalini and Gans).",
        "Reset to the first preset, where a {start} launch stalls. Set *Token paid to each member* to USD 20 and "
        "*Years the token reward lasts* to 2: the dashed curve shows who wants to join while the token pays, the "
        "network grows to {end} and stays there after the reward stops; the sentence gives what the tokens cost "
        "({cost}). Now pay USD 10 for 1 year: not enough — members leave again when it stops, and the {lost} is "
        "lost. Like lesson 30's launch subsidies, a reward needs to last only until the launch is past critical "
        "mass.",
        facts=lambda: dict(start=pct(GLOBAL.values.start_share), end=pct(GLOBAL.run(token_reward=REWARD,
                                                                                    reward_years=YEARS).final_share, 1),
                           cost=_usd(GLOBAL.run(token_reward=REWARD, reward_years=YEARS).reward_cost),
                           lost=_usd(GLOBAL.run(token_reward=SHORT[0], reward_years=SHORT[1]).reward_cost)),
        holds=lambda: {"the reward carries it past critical mass":
                       "carries it past the critical mass" in GLOBAL.say(token_reward=REWARD, reward_years=YEARS),
                       "a short reward is not enough":
                       GLOBAL.run(token_reward=SHORT[0], reward_years=SHORT[1]).outcome != "wins"},
    ),
)), passages=(
    Passage(
        cell="a7001c01",
        text="The ledger is cheaper per transfer in all three, yet it wins only against the bank. `critical mass` is "
             "`0` when\nthe ledger spreads from any launch and `NaN` (none) when no launch makes it grow. Out-of-range "
             "values give a\nmessage that says what is allowed:",
        holds=lambda: {"cheaper in all three": all(s.run().saving > 0 for s in (GLOBAL, BANK, DIGITAL)),
                       "wins only against the bank": [s.run().outcome == "wins" for s in (GLOBAL, BANK, DIGITAL)]
                       == [False, True, False]},
    ),
    Passage(
        cell="d3b505d4",
        text="With the whole industry willing, a consortium that starts with 40 % of it carries the ledger past "
             "critical mass\n({cm0}). When a fifth stays out, critical mass rises to {cm20} and the ledger ends at "
             "{end20} of the industry. When 40 %\nstay out, the curve never reaches the diagonal again: **no launch, "
             "however large, makes the ledger grow**, because\nthose who would join cannot reach enough of their "
             "counterparties on it.\n\nThis is a mechanism, not a history: the model does not know TradeLens's costs. "
             "TradeLens's carriers did join —\nroughly 60 % of container capacity by mid-2019 — but a shipment's "
             "documents involve several sides (carriers,\nshippers, forwarders, ports, customs, banks), each with its "
             "own threshold, and the ledger pays a shipper only if\nthe forwarder, the port and the customs authority "
             "of *that* shipment are on it too. Capacity signed up on one side\nis not a share of documents flowing "
             "on the ledger, and with COSCO's carriers on a rival network (GSBN) part of\nevery side's counterparties "
             "sat elsewhere. Maersk's own words — \"the need for full global industry\ncollaboration has not been "
             "achieved\" — fit a network that stayed below its critical mass on the sides that\nmattered.",
        facts=lambda: dict(cm0=pct(_industry(0.0)[0]), cm20=pct(_industry(0.2)[0]), end20=pct(_industry(0.2)[1])),
        holds=lambda: {"the whole industry: the launch is past critical mass": _industry(0.0)[0] < CONSORTIUM
                       and _industry(0.0)[1] > 0.9,
                       "40 % out: no critical mass, no growth": _industry(0.4)[0] is None
                       and _industry(0.4)[1] < CONSORTIUM},
    ),
    Passage(
        cell="l32-token",
        text="### Paying early members in tokens\n\nBack in the first preset a {start} launch stalls below the "
             "critical mass of {cm}. A token paying every member\nUSD 20 a year for 2 years carries the ledger past it "
             "to {end} of the market, where it stays once the reward stops;\nthe tokens paid out are worth {cost}. "
             "USD 10 a year for 3 years also works, for {cheap}; USD 10 for a single\nyear is not enough, and the "
             "{lost} paid is lost. As with lesson 30's launch subsidies, the questions are how much,\nfor how long and "
             "who pays. Once the network has formed, all its tokens together are worth {tokens} (held one\nday, for "
             "transfers only: the velocity problem) — less than even the cheaper reward. A reward paid in new "
             "tokens\ndilutes whoever holds them, so it pays only if the network is worth more to them than the "
             "tokens handed out\n(try 8).",
        facts=lambda: dict(start=pct(GLOBAL.values.start_share), cm=mass(GLOBAL.run().critical_mass),
                           end=pct(GLOBAL.run(token_reward=REWARD, reward_years=YEARS).final_share, 1),
                           cost=_usd(GLOBAL.run(token_reward=REWARD, reward_years=YEARS).reward_cost),
                           cheap=_usd(GLOBAL.run(token_reward=CHEAP, reward_years=CHEAP_YEARS).reward_cost),
                           lost=_usd(GLOBAL.run(token_reward=SHORT[0], reward_years=SHORT[1]).reward_cost),
                           tokens=_usd(GLOBAL.run(token_reward=REWARD, reward_years=YEARS).token_value)),
        holds=lambda: {"both rewards win": GLOBAL.run(token_reward=REWARD, reward_years=YEARS).outcome == "wins"
                       and GLOBAL.run(token_reward=CHEAP, reward_years=CHEAP_YEARS).outcome == "wins",
                       "USD 10 for 3 years is the cheaper": GLOBAL.run(token_reward=CHEAP, reward_years=CHEAP_YEARS).reward_cost
                       < GLOBAL.run(token_reward=REWARD, reward_years=YEARS).reward_cost,
                       "one year is not enough": GLOBAL.run(token_reward=SHORT[0], reward_years=SHORT[1]).outcome != "wins",
                       "tokens worth less than the cheaper reward": GLOBAL.run(token_reward=REWARD, reward_years=YEARS).token_value
                       < GLOBAL.run(token_reward=CHEAP, reward_years=CHEAP_YEARS).reward_cost},
    ),
))
