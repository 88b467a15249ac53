"""Lesson 33's things to try and quoted numbers, computed by the matching-and-trust model (widgets/models/matching_and_trust.py)."""

from __future__ import annotations

from widgets.explorers.matching_and_trust import PRESETS
from widgets.models import matching_and_trust as mt

from . import LessonClaims, Passage, Setting, Tries, attempt, num, pct

THICK = Setting(mt, PRESETS["Thick, high-trust market (home-sharing)"])
THIN = Setting(mt, PRESETS["Thin, low-trust market (cross-border trade)"])
SOLUTIONS = "solutions/33_platform_ai_and_blockchain_together.ipynb"
LOW_TRUST = dict(trust_gap=THIN.values.trust_gap, trust_cost=THIN.values.trust_cost)   # try 3 and the table
HIGH_TRUST = dict(trust_gap=THICK.values.trust_gap, trust_cost=THICK.values.trust_cost)


def gain(setting: Setting, **changes) -> dict[str, float]:
    """Each combination's gain over neither, USD thousand a month."""
    profit = setting.run(**changes).combinations.profit
    return {name: float(profit[name] - profit["Neither"]) for name in mt.COMBINATIONS}


def kept(setting: Setting, **changes) -> dict[str, float]:
    """What each combination keeps a month, USD thousand."""
    return {k: float(v) for k, v in setting.run(**changes).combinations.profit.items()}


def usd(thousands: float) -> str:
    """A gain in USD thousand a month as the lesson writes it: 'USD 536 thousand', 'USD 1.91 million'."""
    x = abs(thousands)
    return f"USD {x / 1000:,.2f} million" if x >= 1000 else f"USD {x:,.0f} thousand"


def thousand(x: float) -> str:
    """Buyers in thousands as the lesson writes them: '693 thousand'."""
    return f"{x:,.0f} thousand"


def ai_on_top_of_ledger_from() -> float:
    """Buyers (thousand, offers in today's ratio) from which adding AI to the ledger keeps more than the ledger alone."""
    k = kept(THIN)
    fixed = THIN.values.ai_fixed
    variable = k["Both"] - k["Ledger"] + fixed            # what AI adds on top of the ledger before its fixed cost
    return fixed / variable * THIN.values.buyers


def cell(values_thick: bool, trust: dict) -> dict[str, float]:
    """Gains over neither in one cell of section 5's table."""
    return gain(THICK if values_thick else THIN, **trust)


def _says(setting: Setting, phrase: str, **changes) -> bool:
    return phrase in setting.say(**changes)


CLAIMS = LessonClaims("33_platform_ai_and_blockchain_together", tries=Tries("l33-16", (
    attempt(
        "Thick and high-trust: AI pays, the ledger does not.",
        "The preset has AI matching on: it keeps {ai} a month more than neither. Switch the ledger on as well. The "
        "platform now keeps {loss} *less* than with AI alone, and the sentence says the ledger does not pay its way: "
        "with {gap} of matches lost and USD {cost} of trust cost a night, the ledger has little to rescue and little "
        "to save, and its fixed cost and fee are real.",
        facts=lambda: dict(ai=usd(gain(THICK)["AI matching"]), loss=usd(kept(THICK)["AI matching"] - kept(THICK)["Both"]),
                           gap=pct(THICK.values.trust_gap), cost=num(THICK.values.trust_cost)),
        holds=lambda: {"AI pays": gain(THICK)["AI matching"] > 0,
                       "the ledger subtracts on top of AI": kept(THICK)["Both"] < kept(THICK)["AI matching"],
                       "the sentence says so": _says(THICK, "so the ledger does not pay its way here", ledger_on=1)},
    ),
    attempt(
        "Make it thin.",
        "Reset, then lower *Buyers searching a month* to 200 thousand and *Sellers' offers open* to 40 thousand (the "
        "same ratio). The match rate stays {rate} — constant returns — and AI still lifts it by the same {lift}, yet "
        "AI now loses {loss} a month: its fixed cost is spread over a tenth of the trades. Neither technology pays. "
        "The sentence says AI pays from about {from_} buyers.",
        facts=lambda: dict(rate=pct(float(THICK.run(buyers=200, sellers=40).combinations.match_rate["Neither"]), 1),
                           lift=pct(THICK.values.ai_lift), loss=usd(gain(THICK, buyers=200, sellers=40)["AI matching"]),
                           from_=thousand(THICK.run(buyers=200, sellers=40).breakeven_buyers["AI matching"])),
        holds=lambda: {"the match rate stays": abs(float(THICK.run(buyers=200, sellers=40).combinations.match_rate["Neither"])
                                                   - float(THICK.run().combinations.match_rate["Neither"])) < 1e-9,
                       "AI loses": gain(THICK, buyers=200, sellers=40)["AI matching"] < 0,
                       "neither pays": THICK.run(buyers=200, sellers=40).best == "Neither",
                       "the sentence names where AI starts to pay":
                           f"AI matching pays from about {thousand(THICK.run(buyers=200, sellers=40).breakeven_buyers['AI matching'])}"
                           in THICK.say(buyers=200, sellers=40)},
    ),
    attempt(
        "Make it low-trust.",
        "Reset, then raise *Matches lost to distrust* to {gap} and *Cost of trust per trade* to USD {cost} (the "
        "cross-border cost). AI alone now *loses* {ai} a month, the ledger alone gains {ledger}, and both together gain "
        "{both}: AI pays **only on top of** the ledger, because the ledger turns AI's extra matches into trades that "
        "earn something.",
        facts=lambda: dict(gap=pct(LOW_TRUST["trust_gap"]), cost=num(LOW_TRUST["trust_cost"], 2),
                           ai=usd(gain(THICK, **LOW_TRUST)["AI matching"]), ledger=usd(gain(THICK, **LOW_TRUST)["Ledger"]),
                           both=usd(gain(THICK, **LOW_TRUST)["Both"])),
        holds=lambda: {"AI alone loses": gain(THICK, **LOW_TRUST)["AI matching"] < 0,
                       "AI adds on top of the ledger": gain(THICK, **LOW_TRUST)["Both"] > gain(THICK, **LOW_TRUST)["Ledger"]},
    ),
    attempt(
        "Thin and low-trust.",
        "Choose the cross-border preset: the ledger is on and gains {ledger} a month. Switch AI on too: together they "
        "keep {both} *less* than neither, and the sentence says AI matching does not pay its way on top of the ledger. "
        "Now grow the market: at 700 thousand buyers and 175 thousand offers AI adds to the ledger; at 600 and 150 it "
        "does not (the crossing is near {cross} buyers).",
        facts=lambda: dict(ledger=usd(gain(THIN)["Ledger"]), both=usd(gain(THIN)["Both"]),
                           cross=thousand(ai_on_top_of_ledger_from())),
        holds=lambda: {"together less than neither": gain(THIN)["Both"] < 0,
                       "the sentence says AI does not pay its way": _says(THIN, "so AI matching does not pay its way here",
                                                                         ai_on=1),
                       "at 700 AI adds": kept(THIN, buyers=700, sellers=175)["Both"] > kept(THIN, buyers=700, sellers=175)["Ledger"],
                       "at 600 it does not": kept(THIN, buyers=600, sellers=150)["Both"] < kept(THIN, buyers=600, sellers=150)["Ledger"],
                       "the crossing lies between": 600 < ai_on_top_of_ledger_from() < 700},
    ),
    attempt(
        "A consortium's costs.",
        "In the cross-border preset, raise *Ledger's fixed cost* from USD 150 to 300 thousand a month — a shared "
        "ledger run by a consortium of rivals costs more to agree on. The ledger no longer pays at 200 thousand buyers "
        "({loss} a month less than neither); it needs about {needs}. TradeLens had more than 300 members when it "
        "closed, but the market it needed was \"full global industry collaboration\".",
        facts=lambda: dict(loss=usd(gain(THIN, ledger_fixed=300)["Ledger"]),
                           needs=thousand(THIN.run(ledger_fixed=300).breakeven_buyers["Ledger"])),
        holds=lambda: {"the ledger no longer pays": gain(THIN, ledger_fixed=300)["Ledger"] < 0},
    ),
    attempt(
        "A trade that loses money.",
        "In the cross-border preset, raise *Cost of trust per trade* to USD 25, above the USD {keeps} the platform "
        "keeps of a 200-dollar trade. The sentence says AI matching never pays at any size: more matches only lose "
        "more. The ledger, which cuts the cost of trust, turns the market around ({ledger} a month more than "
        "neither).",
        facts=lambda: dict(keeps=num(THIN.values.take_rate * THIN.values.trade_value),
                           ledger=usd(gain(THIN, trust_cost=25)["Ledger"])),
        holds=lambda: {"AI never pays": _says(THIN, "AI matching never pays at any market size (a trade earns",
                                              trust_cost=25),
                       "the ledger gains": gain(THIN, trust_cost=25)["Ledger"] > 0},
    ),
    attempt(
        "A market that already clears.",
        "Back in the home-sharing preset, raise *Matching efficiency A* to 1.0: every offer is taken, and AI cannot "
        "add a single match — it costs {cost} a month for nothing.",
        facts=lambda: dict(cost=usd(gain(THICK, efficiency=1.0)["AI matching"])),
        holds=lambda: {"the market clears": THICK.run(efficiency=1.0).market_clears,
                       "AI adds no match": float(THICK.run(efficiency=1.0).combinations.matches["AI matching"])
                       == float(THICK.run(efficiency=1.0).combinations.matches["Neither"])},
    ),
    attempt(
        "Buy the layer instead of building it.",
        "In the cross-border preset with both switched on, set *AI's fixed cost* to 0 and *AI's cost per search* to "
        "USD 0.30 — AI matching bought as a service, paid per search at six times the cost. AI alone still loses "
        "({ai} a month), but both together now keep {both} more than neither, more than the ledger alone ({ledger}): "
        "the sentence says each pays its way on top of the other.",
        facts=lambda: dict(ai=usd(gain(THIN, ai_fixed=0, ai_cost=0.3)["AI matching"]),
                           both=usd(gain(THIN, ai_fixed=0, ai_cost=0.3)["Both"]),
                           ledger=usd(gain(THIN, ai_fixed=0, ai_cost=0.3)["Ledger"])),
        holds=lambda: {"AI alone loses": gain(THIN, ai_fixed=0, ai_cost=0.3)["AI matching"] < 0,
                       "both beat the ledger alone": gain(THIN, ai_fixed=0, ai_cost=0.3)["Both"]
                       > gain(THIN, ai_fixed=0, ai_cost=0.3)["Ledger"],
                       "the sentence says each pays": _says(THIN, "each pays its way on top of the other", ai_on=1,
                                                            ai_fixed=0, ai_cost=0.3)},
    ),
)), passages=(
    Passage(
        cell="l33-17",
        text="## 5 · Where each fails to pay\n\nThe integration claim holds in one corner of the map and fails in the "
             "other three:\n\n| market | AI matching | shared ledger | both |\n| --- | --- | --- | --- |\n"
             "| thick, high trust (try 1) | pays | does not pay | less than AI alone |\n"
             "| thin, high trust (try 2) | does not pay | does not pay | does not pay |\n"
             "| thick, low trust (try 3) | does not pay alone | pays | pays best |\n"
             "| thin, low trust (try 4) | does not pay | pays | does not pay |\n\n"
             "The table is the model's, computed from the two presets with their trust swapped:",
        holds=lambda: {
            "thick, high trust": (lambda g: g["AI matching"] > 0 > g["Ledger"] and g["Both"] < g["AI matching"])(
                cell(True, HIGH_TRUST)),
            "thin, high trust": all(v < 0 for k, v in cell(False, HIGH_TRUST).items() if k != "Neither"),
            "thick, low trust": (lambda g: g["AI matching"] < 0 < g["Ledger"] and g["Both"] == max(g.values()))(
                cell(True, LOW_TRUST)),
            "thin, low trust": (lambda g: g["AI matching"] < 0 < g["Ledger"] and g["Both"] < 0)(cell(False, LOW_TRUST)),
        },
    ),
    Passage(
        cell="6ac17386", notebook=SOLUTIONS,
        text="**Question 6 — integrate everything? (written, graded by hand).** A board member has read that\n"
             "platforms, AI and blockchain \"can be integrated into any business model\" and wants both switched on\n"
             "in your new cross-border marketplace. In the lesson's cross-border preset (illustrative market and\n"
             "technology costs; the World Bank's cost of sending 200 dollars as an illustrative proxy for the cost of\n"
             "trust) the ledger alone keeps {ledger} a month more than neither, AI alone {ai} less, and both\n"
             "together {both} less: AI matching takes {off} a month off what the ledger keeps alone.\n"
             "Answer in at most 150 words: what do you switch on now and why; at what point would you add AI\n"
             "matching (use the model); and name one kind of distrust the ledger cannot remove and what would.",
        facts=lambda: dict(ledger=usd(gain(THIN)["Ledger"]), ai=usd(gain(THIN)["AI matching"]), both=usd(gain(THIN)["Both"]),
                           off=usd(kept(THIN)["Ledger"] - kept(THIN)["Both"])),
        holds=lambda: {"ledger more, AI less, both less": gain(THIN)["Ledger"] > 0 > gain(THIN)["AI matching"]
                       and gain(THIN)["Both"] < 0},
    ),
    Passage(
        cell="4f105355", notebook=SOLUTIONS,
        text="**Model answer.** Switch on the ledger only. In this thin, low-trust market the cost of trust\n"
             "(USD 14.78 of a 200-dollar trade, the remittance proxy) eats two thirds of the USD 22 the platform keeps,\n"
             "so cheaper verification and rescued trades pay; AI's extra matches are few, and its USD 200 thousand fixed\n"
             "cost is spread over too few searches. Adding AI to the ledger pays once the market is about {times}\n"
             "times larger (near {cross} buyers a month at today's ratio of offers to buyers, from the model): I would\n"
             "add it when the monthly searches reach that size, or buy matching as a service with little fixed cost\n"
             "sooner. The ledger proves who paid whom and when; it cannot prove that the work was good or the goods as\n"
             "described. That distrust needs reviews, dispute resolution and guarantees — institutions, not a ledger.\n\n"
             "**Rubric (3 points).**\n"
             "* 1 point — switches on the ledger (not both), with the reason from the numbers: a high cost of trust\n"
             "  against a small margin; AI's fixed cost in a thin market.\n"
             "* 1 point — a size (or a rule, such as a fixed cost falling) at which AI would be added, derived with\n"
             "  the model (about {times} × today's market, near {round_cross} buyers a month) or with the $F/G$ rule.\n"
             "* 1 point — a kind of distrust the ledger cannot remove (quality of goods or work, identity off the\n"
             "  chain, disputes) and what addresses it (reviews, escrow with arbitration, guarantees, regulation).",
        facts=lambda: dict(times=num(ai_on_top_of_ledger_from() / THIN.values.buyers, 1),
                           cross=thousand(ai_on_top_of_ledger_from()),
                           round_cross=thousand(round(ai_on_top_of_ledger_from(), -2))),
        holds=lambda: {"two thirds": abs(THIN.values.trust_cost / (THIN.values.take_rate * THIN.values.trade_value) - 2 / 3)
                       < 0.02,
                       "the ledger alone is best": THIN.run().best == "Ledger"},
    ),
))
