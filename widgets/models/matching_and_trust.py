"""AI matching and a shared ledger in one marketplace: which of the two pays, in which market, at what cost.

**Matches** come from a standard matching function of search theory (Petrongolo & Pissarides,
"Looking into the Black Box: A Survey of the Matching Function", Journal of Economic Literature
39(2), 2001): with ``B`` buyers searching a month and ``S`` sellers' offers open, the matches a
month are Cobb–Douglas with constant returns, capped because nobody is matched twice::

    M = min(A · B^α · S^(1−α), B, S)            (thousand a month)

``A`` is the matching efficiency and ``α`` the buyers' weight. **AI matching** (search ranking,
recommendations) raises the efficiency to ``A · (1 + lift)`` at a fixed cost ``F_AI`` a month and a
cost ``c_AI`` per buyer's search (inference).

**Trust.** Not every match becomes a trade: a share ``g`` of matched buyers walks away because it
cannot tell a good counterpart from a bad one (Akerlof, "The Market for 'Lemons'", Quarterly Journal
of Economics 84(3), 1970), and every trade that does happen costs the platform ``c_T`` for checking
both sides, paying out and covering fraud (the cost of verification of Catalini & Gans, "Some Simple
Economics of the Blockchain", NBER WP 22952, 2016; Communications of the ACM 63(7), 2020). A
**shared ledger** makes part of that verification cheap: it rescues a share ``r`` of the trades lost
to distrust and removes a share ``d`` of the cost of trust, at a fixed cost ``F_L`` a month and a fee
``f_L`` per trade. With the switches ``a, l ∈ {0, 1}``::

    trades      T = M(A(1 + a·lift)) · (1 − g · (1 − l·r))
    profit      Π = τ·V·T − c_T·(1 − l·d)·T − a·(F_AI + c_AI·B) − l·(F_L + f_L·T)     (¤ thousand a month)

with ``τ`` the take rate and ``V`` the value of a trade. Π leaves out every cost that is the same
with and without the technologies, so it is the part of profit the choice moves, not the platform's
whole profit. The model computes all four combinations (neither, AI only, ledger only, both) at once.

**Thin against thick.** With constant returns every term except the two fixed costs grows in
proportion to the market: scale buyers and offers by ``k`` and a technology's gain over "neither" is
``k · G − F`` (``G`` its variable gain at today's size, ``F`` its fixed cost). So it pays from the
market size ``F ÷ G`` upward, and never if ``G ≤ 0`` — e.g. when a trade earns less than it costs to
trust (``τ·V ≤ c_T``: more matches only lose more), or when the market already clears
(``M = min(B, S)``: better matching cannot add a match).

**Assumptions.** One market in a steady month; buyers and offers given (the technologies do not
attract new members — lesson 30's network effects are left out, which understates AI in a growing
market); the platform bears the cost of trust; the ledger verifies the record and the payment but
not the quality of what is traded, so it rescues only part of the lost trades; no learning over
time (lesson 31's data flywheel is left out). Every number in the presets except the take rate, the
value of a night (Airbnb) and the cost of sending USD 200 (World Bank) is illustrative, and that cost is
itself only an illustrative proxy for a marketplace's cost of trust: it is what providers charge senders.

**"They pay" at the margin.** With both switched on, the sentence judges each technology on top of the
other (what it adds to what the other keeps alone), not the pair against neither.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

import numpy as np
import pandas as pd

from ..params import Param, Parameters, Values, model
from . import wording

COMBINATIONS = ("Neither", "AI matching", "Ledger", "Both")
AI_ON = np.array([0.0, 1.0, 0.0, 1.0])        # the four combinations as switch settings
LEDGER_ON = np.array([0.0, 0.0, 1.0, 1.0])
SIZES = np.round(np.linspace(0.0, 3.0, 61), 4)   # market size as a multiple of today's, for the size chart
GAPS = np.round(np.arange(91) * 0.01, 4)          # matches lost to distrust, for the trust chart: every value the control takes
TABLE_COLUMNS = ["matches", "trades", "match_rate", "revenue", "trust_cost", "ai_cost", "ledger_cost", "profit"]
TIE = 0.0005                                      # ¤ thousand: amounts closer than half a unit of money are the same

PARAMETERS = Parameters(
    Param("ai_on", "AI matching", "", 1, 0, 1, 1,
          "Switch AI matching on (1) or off (0); the charts show all four combinations either way.", integer=True),
    Param("ledger_on", "Shared ledger", "", 0, 0, 1, 1,
          "Switch the shared ledger on (1) or off (0); the charts show all four combinations either way.", integer=True),
    Param("take_rate", "Take rate", "%", 0.135, 0.0, 0.6, 0.005,
          "Share of a trade's value the platform keeps.", percent=True),
    Param("buyers", "Buyers searching a month", "thousand", 2000, 0.1, 100000, 0.1,
          "People (or firms) who look for something on the platform in a month."),
    Param("sellers", "Sellers' offers open", "thousand", 400, 0.1, 100000, 0.1,
          "Listings, rooms, jobs or sellers available to be matched in the month."),
    Param("efficiency", "Matching efficiency A", "", 0.3, 0.05, 2.0, 0.05,
          "A in M = A·B^α·S^(1−α): how well search turns buyers and offers into matches without AI (illustrative)."),
    Param("alpha", "Buyers' weight in matching α", "", 0.5, 0.1, 0.9, 0.05,
          "How strongly matches respond to more buyers (estimates for jobs put it near 0.5–0.7)."),
    Param("trade_value", "Value of a trade", "¤ / trade", 166.0, 1.0, 5000.0, 1.0,
          "What the buyer pays the seller in one trade (a night, a job, a transfer)."),
    Param("trust_gap", "Matches lost to distrust", "%", 0.03, 0.0, 0.9, 0.01,
          "Share of matched buyers who walk away because they cannot check the other side (Akerlof's lemons).",
          percent=True),
    Param("trust_cost", "Cost of trust per trade", "¤ / trade", 1.0, 0.0, 500.0, 0.01,
          "What checking both sides, paying out and covering fraud costs the platform per trade."),
    Param("ai_lift", "AI's lift to matching efficiency", "%", 0.15, 0.0, 1.0, 0.01,
          "How much AI ranking and recommendations raise A (illustrative).", percent=True),
    Param("ai_fixed", "AI's fixed cost", "¤ thousand / month", 200.0, 0.0, 10000.0, 1.0,
          "Data scientists, training and tooling a month, whatever the number of searches (illustrative)."),
    Param("ai_cost", "AI's cost per search", "¤ / buyer", 0.05, 0.0, 5.0, 0.01,
          "Inference cost of ranking and recommending for one searching buyer in a month (illustrative)."),
    Param("ledger_rescue", "Lost trades the ledger rescues", "%", 0.5, 0.0, 1.0, 0.01,
          "Share of the trades lost to distrust that a verifiable record and escrow bring back (illustrative).",
          percent=True),
    Param("ledger_saving", "Cost of trust the ledger removes", "%", 0.5, 0.0, 1.0, 0.01,
          "Share of the cost of trust per trade that cheap verification removes (illustrative).", percent=True),
    Param("ledger_fixed", "Ledger's fixed cost", "¤ thousand / month", 150.0, 0.0, 10000.0, 1.0,
          "Running nodes, integration, compliance and a consortium's fees a month (illustrative)."),
    Param("ledger_fee", "Ledger fee per trade", "¤ / trade", 0.5, 0.0, 50.0, 0.01,
          "What writing and settling one trade on the ledger costs (illustrative)."),
)


@dataclass(frozen=True)
class MarketResult:
    """The four combinations side by side, how their gains move with market size and with distrust."""

    combinations: pd.DataFrame      # one row per combination (TABLE_COLUMNS): counts in thousands, money in ¤ thousand a month
    by_size: pd.DataFrame           # size multiple, buyers, and each technology's gain over neither
    by_trust: pd.DataFrame          # trust gap and each technology's gain over neither
    chosen: str                     # the combination the switches select
    best: str                       # the combination that earns most ("Neither" when no technology pays)
    breakeven_buyers: dict[str, float | None]   # buyers a month from which each combination beats neither (None: never)
    margin_per_trade: float         # τ·V − c_T: what a trade earns after the cost of trust, without the ledger (¤)
    market_clears: bool             # without AI every buyer or every offer is already matched
    buyers: float                   # today's buyers (thousand), for the size chart's marker
    trust_gap: float                # today's trust gap, for the trust chart's marker


def matches(efficiency: np.ndarray | float, buyers: np.ndarray | float, sellers: np.ndarray | float,
            alpha: float) -> np.ndarray:
    """M = min(A · B^α · S^(1−α), B, S): Cobb–Douglas matching with constant returns, nobody matched twice."""
    b, s = np.asarray(buyers, dtype=float), np.asarray(sellers, dtype=float)
    return np.minimum(np.asarray(efficiency, dtype=float) * b ** alpha * s ** (1.0 - alpha), np.minimum(b, s))


def _money(p: Values, ai: np.ndarray, ledger: np.ndarray, gap: np.ndarray | float) -> dict[str, np.ndarray]:
    """Matches, trades and money of the combinations ``ai`` × ``ledger`` (arrays that broadcast together)."""
    m = matches(p.efficiency * (1.0 + ai * p.ai_lift), p.buyers, p.sellers, p.alpha)
    trades = m * (1.0 - gap * (1.0 - ledger * p.ledger_rescue))
    revenue = p.take_rate * p.trade_value * trades
    trust = p.trust_cost * (1.0 - ledger * p.ledger_saving) * trades
    ai_variable, ledger_variable = ai * p.ai_cost * p.buyers, ledger * p.ledger_fee * trades
    ai_fixed, ledger_fixed = ai * p.ai_fixed, ledger * p.ledger_fixed
    return dict(matches=m, trades=trades, revenue=revenue, trust_cost=trust,
                ai_cost=ai_variable + ai_fixed, ledger_cost=ledger_variable + ledger_fixed,
                variable_profit=revenue - trust - ai_variable - ledger_variable, fixed_cost=ai_fixed + ledger_fixed)


@model(PARAMETERS)
def simulate(p: Values) -> MarketResult:
    """All four combinations of AI matching and a shared ledger in one market, and where each starts to pay."""
    four = _money(p, AI_ON, LEDGER_ON, p.trust_gap)
    profit = four["variable_profit"] - four["fixed_cost"]
    table = pd.DataFrame(np.column_stack([four["matches"], four["trades"], four["matches"] / p.buyers, four["revenue"],
                                          four["trust_cost"], four["ai_cost"], four["ledger_cost"], profit]),
                         columns=TABLE_COLUMNS, index=pd.Index(COMBINATIONS))

    # Constant returns: scaling buyers and offers by k scales everything but the fixed costs.
    variable_gain = four["variable_profit"] - four["variable_profit"][0]
    size_gains = SIZES[:, None] * variable_gain[None, 1:] - four["fixed_cost"][None, 1:]
    by_size = pd.DataFrame(np.column_stack([SIZES, SIZES * p.buyers, size_gains]),
                           columns=["size", "buyers", *COMBINATIONS[1:]])
    breakeven = {name: _breakeven(gain, fixed, p.buyers)
                 for name, gain, fixed in zip(COMBINATIONS[1:], variable_gain[1:], four["fixed_cost"][1:])}

    grid = _money(p, AI_ON[:, None], LEDGER_ON[:, None], GAPS[None, :])
    kept = grid["variable_profit"] - grid["fixed_cost"]
    by_trust = pd.DataFrame(np.column_stack([GAPS, (kept[1:] - kept[0]).T]), columns=["trust_gap", *COMBINATIONS[1:]])

    chosen = COMBINATIONS[int(p.ai_on) + 2 * int(p.ledger_on)]
    best = COMBINATIONS[int(np.argmax(np.where(profit - profit[0] > TIE, profit, -np.inf)))] \
        if (profit[1:] - profit[0] > TIE).any() else "Neither"
    base = matches(p.efficiency, p.buyers, p.sellers, p.alpha)
    return MarketResult(combinations=table, by_size=by_size, by_trust=by_trust, chosen=chosen, best=best,
                        breakeven_buyers=breakeven, margin_per_trade=float(p.take_rate * p.trade_value - p.trust_cost),
                        market_clears=bool(base >= min(p.buyers, p.sellers) * (1 - 1e-12)),
                        buyers=float(p.buyers), trust_gap=float(p.trust_gap))


def _breakeven(variable_gain: float, fixed: float, buyers: float) -> float | None:
    """Buyers a month (thousand) from which k · G − F > 0; 0 when it pays at any size; None when never."""
    if variable_gain * 1e3 <= TIE:      # less than half a unit of money a month at today's size: no gain to scale
        return None
    return float(fixed / variable_gain * buyers)


# --- the live sentence ----------------------------------------------------------------------------
def takeaway(result: MarketResult, values: Mapping[str, Any], currency: str = "$") -> str:
    """What the switched-on combination earns against neither, which pays best, and where each starts to pay."""
    p = PARAMETERS.validate(values)
    return " ".join((_chosen(result, currency), _best(result, currency), _where(result, p, currency)))


def _kept(result: MarketResult) -> dict[str, float]:
    """What each combination keeps a month (¤ thousand), read once from the table."""
    return dict(zip(COMBINATIONS, result.combinations["profit"].to_numpy().tolist()))


def _chosen(result: MarketResult, currency: str) -> str:
    kept = _kept(result)
    if result.chosen == "Neither":
        rate = float(result.combinations["match_rate"].to_numpy()[0])
        return (f"With neither technology {wording.share(rate)} of buyers find a match and "
                f"the platform keeps {amount(kept['Neither'], currency)} a month after the cost of trust.")
    what = {"AI matching": "AI matching", "Ledger": "the ledger", "Both": "AI matching and the ledger together"}
    diff = kept[result.chosen] - kept["Neither"]
    head = f"With {what[result.chosen]} the platform keeps {amount(kept[result.chosen], currency)} a month"
    if result.chosen == "Both":
        against = ", the same as with neither" if abs(diff) <= TIE else \
            f", {amount(abs(diff), currency)} {'more' if diff > 0 else 'less'} than with neither"
        return f"{head}{against}; {_at_the_margin(kept, currency)}"
    if abs(diff) <= TIE:
        return f"{head}, the same as with neither: it does not pay."
    verdict = "it pays" if diff > 0 else "it does not pay"
    return f"{head}, {amount(abs(diff), currency)} {'more' if diff > 0 else 'less'} than with neither: {verdict} here."


def _at_the_margin(kept: dict[str, float], currency: str) -> str:
    """With both on, each technology judged on top of the other: what it adds to what the other keeps alone."""
    ai, ledger = kept["Both"] - kept["Ledger"], kept["Both"] - kept["AI matching"]
    if ai > TIE and ledger > TIE:
        return (f"each pays its way on top of the other (AI matching adds {amount(ai, currency)} a month to the ledger "
                f"alone, the ledger {amount(ledger, currency)} to AI matching alone): they pay here.")
    if ai <= TIE and ledger <= TIE:
        return ("AI matching does not pay its way on top of the ledger and the ledger does not pay its way on top of "
                "AI matching here: either alone keeps at least as much.")
    name, other, loss = ("the ledger", "AI matching", ledger) if ai > TIE else ("AI matching", "the ledger", ai)
    takes = "adds nothing to" if abs(loss) <= TIE else f"takes {amount(-loss, currency)} a month off"
    return f"{name} {takes} what {other} alone keeps, so {name} does not pay its way here."


def _best(result: MarketResult, currency: str) -> str:
    if result.best == "Neither":
        return "Neither technology pays in this market: each costs more than it adds."
    kept = _kept(result)
    alone = {name: kept[name] - kept["Neither"] for name in COMBINATIONS}
    gain = alone[result.best]
    if result.best != "Both":
        name = {"AI matching": "AI matching alone", "Ledger": "The ledger alone"}[result.best]
        return f"{name} pays best here ({amount(gain, currency)} a month more than neither)."
    head = f"Both together pay best here ({amount(gain, currency)} a month more than neither)"
    if alone["AI matching"] <= TIE:
        return f"{head}: AI matching pays only once the ledger turns its extra matches into trades."
    if alone["Ledger"] <= TIE:
        return f"{head}: the ledger pays only on top of the trades AI matching adds."
    return f"{head}."


def _where(result: MarketResult, p: Values, currency: str) -> str:
    parts = []
    for name, label in (("AI matching", "AI matching"), ("Ledger", "the ledger")):
        point = result.breakeven_buyers[name]
        if point is None:
            parts.append(f"{label} never pays at any market size{_why_never(result, name, p, currency)}")
        elif point <= 0:
            parts.append(f"{label} pays at any market size")
        else:
            parts.append(f"{label} pays from about {_buyers(point)} buyers a month")
    sentence = f"At today's ratio of offers to buyers, {parts[0]}; {parts[1]}."
    return sentence[0].upper() + sentence[1:]


def _why_never(result: MarketResult, name: str, p: Values, currency: str) -> str:
    if name == "AI matching":
        if result.market_clears:
            return " (every buyer or every offer is already matched)"
        if result.margin_per_trade <= 0:
            return (f" (a trade earns {amount(result.margin_per_trade / 1e3, currency)} after the cost of trust, "
                    "so more matches only lose more)")
        return " (its cost per search is more than the extra trades bring)"
    if p.trust_gap * p.ledger_rescue == 0 and p.trust_cost * p.ledger_saving == 0:
        return " (there is no distrust for it to remove)"
    return " (its fee is more than the trades it rescues and the checks it saves)"


def amount(thousands: float, currency: str) -> str:
    """Money given in thousands, in words: '$1.2 M', '−$350 thousand'."""
    return wording.money(thousands * 1e3, currency)


def _buyers(thousands: float) -> str:
    """A number of buyers given in thousands, in words: '850 thousand', '2.3 million'."""
    if thousands >= 1000:
        return f"{thousands / 1000:,.1f} million"
    if thousands >= 1:
        return f"{thousands:,.0f} thousand"
    return f"{thousands * 1000:,.0f}"
