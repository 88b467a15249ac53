"""Shared ledger or trusted intermediary: what one transfer costs, whether a network of members forms, what a token is worth.

After Catalini & Gans, "Some Simple Economics of the Blockchain" (NBER Working Paper 22952, 2016;
Communications of the ACM 63(7), 2020): a blockchain changes two costs, the **cost of
verification** (checking who owns what and whether a transaction happened, without asking an
intermediary) and the **cost of networking** (bootstrapping a network without handing control, and
market power, to one operator). The model turns both into money a manager can compare.

**One transfer of amount A** (¤)::

    through the intermediary   C_I = c_I · A
    on the ledger              C_L = f + k + r · A + z · σ · √(h / 365) · A

``c_I`` is the intermediary's total cost as a share of the amount (fee plus exchange-rate margin:
what the World Bank's Remittance Prices Worldwide measures at A = USD 200); it pays for the
intermediary's verification *and* its margin. On the ledger verification is nearly free, but the
sender still pays a network fee ``f`` per transfer, compliance checks ``k`` per transfer (identity
and anti-money-laundering checks do not go away), cash-in and cash-out ``r`` (an exchange or agent
at each end: the intermediary comes back at the edges), and the price risk of holding the token for
``h`` days: a token with annual volatility ``σ`` moves by one standard deviation ``σ · √(h/365)``
over the holding time, and carrying that risk is charged at ``z`` standard deviations (``z = 0``: the
sender ignores risk; a stablecoin has ``σ ≈ 0``). The ledger is cheaper above the break-even amount

    A* = (f + k) ÷ (c_I − r − z · σ · √(h / 365))      (never, if the denominator is not positive).

**The network** (the cost of networking as a threshold problem, after Granovetter, "Threshold Models
of Collective Behavior", AJS 83(6), 1978): a member gains from the ledger only on transfers with
counterparties who are on it. With a share ``n`` of the market on the ledger, a member making ``T``
transfers a year saves ``n · T · (C_I − C_L)`` a year and pays a yearly cost of joining (set-up,
integration, learning, governance) that differs from member to member, spread logistically around a
median ``K`` with scale ``spread · K``. A share ``holdouts`` never joins (rivals who will not run
their business on a competitor's ledger). The share who want to be on the ledger is

    W(n) = (1 − holdouts) · 1 ÷ (1 + e^{−(n · T · (C_I − C_L) − K) / (spread · K)})

and each round the members who gain join and those who lose leave: ``n_{t+1} = W(n_t)``, from the
founding members' share ``n_0`` until nobody changes their mind (the equilibrium). Where ``W`` crosses
the diagonal from below lies **critical mass**: from a start above it the ledger grows to the high
equilibrium, from below it fades back to the few who join anyway.

**Paying early members in tokens** (Catalini & Gans: a token can *lower* the cost of networking by
rewarding those who join before the network is worth joining). A reward ``s`` a year paid to every
member on the ledger for the first ``R`` rounds adds ``s`` to each member's gain while it lasts:
``n_{t+1} = W(n_t) + s`` inside the logistic for ``t < R``, then ``W`` alone. Like a launch subsidy on a
platform (lesson 30) it needs to last only until the share is past critical mass; once it stops the
network settles at the equilibrium of ``W`` from wherever the reward left it. It costs
``s · Σ_{t<R} n_{t+1} · members`` (valued at what the tokens are worth when they are paid).

**The token** (the equation of exchange, Fisher, *The Purchasing Power of Money*, 1911, ``M·V = P·Q``,
as used for tokens by Buterin, "On Medium-of-Exchange Token Valuations", 2017): if a token is only
held to make transfers, the value of all tokens is

    M = P·Q ÷ V,    V = 365 ÷ h · (1 − staked)

with ``P·Q`` the yearly value sent over the ledger (members on it × transfers × amount) and ``V``
the times a year the average token changes hands (tokens held ``h`` days while in use; a staked share
sits still). The **velocity problem**: the faster tokens pass through (short ``h``, which is also
what keeps the sender's price risk low), the less they are worth, whatever the volume.

Assumptions: the intermediary's cost is the same share at every amount; members alike except for
their cost of joining; yearly rounds with full adjustment; no competing ledger or intermediary price
cut modelled; token demand is transactional only (no speculation). Every number in the presets except
the intermediaries' costs (World Bank Remittance Prices Worldwide) is illustrative.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Mapping

import numpy as np
import pandas as pd

from ..params import Constraint, Param, Parameters, Values, model
from . import wording

DAYS = 365.0
SDG_TARGET = 0.03                          # UN SDG target 10.c: remittances below 3 % of the amount by 2030
AMOUNTS = np.round(np.geomspace(10, 10_000, 121), 2)     # transfer sizes for the cost chart (¤)
SHARES = np.linspace(0.0, 1.0, 201)                      # shares of the market for the adoption chart
HOLDING = np.geomspace(0.01, 365, 121)                   # days a token is held, for the velocity chart
ROUNDS = 2000                                            # at most this many yearly rounds to equilibrium
SETTLED = 1e-10                                          # a round that moves the share less than this ends it
WINS = 0.5                                               # share of the willing market that counts as "the ledger wins"

PARAMETERS = Parameters(
    Param("amount", "Amount sent", "¤", 200.0, 10.0, 10000.0, 10.0,
          "The size of one transfer (the World Bank measures remittance costs at USD 200)."),
    Param("intermediary_cost", "Intermediary's total cost", "% of the amount", 0.0618, 0.0, 0.25, 0.0001,
          "Fee plus exchange-rate margin of a bank or money-transfer operator, as a share of the amount sent.",
          percent=True),
    Param("network_fee", "Ledger's network fee", "¤ / transfer", 0.5, 0.0, 50.0, 0.05,
          "What the ledger charges to record one transfer (gas, transaction fee)."),
    Param("compliance", "Compliance checks", "¤ / transfer", 1.0, 0.0, 50.0, 0.1,
          "Identity and anti-money-laundering checks a regulated on- and off-ramp still makes per transfer."),
    Param("ramp_cost", "Cash-in and cash-out", "% of the amount", 0.02, 0.0, 0.15, 0.001,
          "Exchange spread and agent fees to turn money into tokens at one end and back at the other.",
          percent=True),
    Param("volatility", "Token's price volatility", "% a year", 0.02, 0.0, 1.0, 0.01,
          "Annual standard deviation of the token's price (near 0 for a stablecoin; far higher for a cryptocurrency).",
          percent=True),
    Param("hold_days", "Days the value sits in the token", "days", 1.0, 0.1, 30.0, 0.1,
          "From buying the token to selling it at the other end (also how long a token is held in use)."),
    Param("risk_price", "Price of carrying price risk", "× one standard deviation", 0.5, 0.0, 2.0, 0.05,
          "What bearing the token's price risk costs, in standard deviations of its move over the holding time."),
    Param("transfers_year", "Transfers a member makes", "transfers / year", 12, 1, 100000, 1,
          "How many transfers a typical member sends in a year.", integer=True),
    Param("join_cost", "Median member's cost of joining", "¤ / year", 30.0, 0.5, 1000000.0, 0.5,
          "Set-up, integration, learning and governance a typical member spends a year to be on the ledger."),
    Param("spread", "Spread of joining costs", "% of the median", 0.3, 0.05, 1.0, 0.01,
          "How much members differ in their cost of joining (logistic scale as a share of the median).",
          percent=True),
    Param("holdouts", "Members who refuse to join", "% of the market", 0.0, 0.0, 0.9, 0.01,
          "Share who never join whatever they would save: rivals who will not use a competitor's ledger.",
          percent=True),
    Param("start_share", "Share on the ledger at launch", "% of the market", 0.05, 0.001, 0.9, 0.001,
          "Founding members' share of the market in round 0.", percent=True),
    Param("token_reward", "Token paid to each member", "¤ / year", 0.0, 0.0, 1000000.0, 0.5,
          "Tokens worth this much paid to every member on the ledger a year while the reward lasts (0: none)."),
    Param("reward_years", "Years the token reward lasts", "years", 0, 0, 20, 1,
          "For how many yearly rounds from the launch members are paid in tokens (0: no reward).", integer=True),
    Param("members", "Members in the market", "thousand", 1000, 1, 1000000, 1,
          "Senders (households, firms) who could use the ledger; sets the yearly volume the token carries.",
          integer=True),
    Param("supply", "Tokens in circulation", "million", 100.0, 1.0, 100000.0, 1.0,
          "How many tokens exist (for the value of one token)."),
    Param("staked", "Share of tokens staked", "% of the tokens", 0.0, 0.0, 0.95, 0.01,
          "Tokens locked up and never spent: they slow the average token down.", percent=True),
    constraints=[Constraint(("start_share", "holdouts"),
                            "start_share (Share on the ledger at launch) must not exceed the share who would ever "
                            "join (100 % minus holdouts)",
                            lambda p: p.start_share <= 1 - p.holdouts + 1e-9)],
)


@dataclass(frozen=True)
class LedgerResult:
    """Cost of one transfer both ways, the adoption curve and equilibrium, and the token's value."""

    intermediary_cost: float         # ¤ per transfer through the intermediary
    ledger_cost: float               # ¤ per transfer on the ledger (sum of the four parts below)
    ledger_parts: dict               # network fee, compliance, cash-in and cash-out, price risk (¤ per transfer)
    saving: float                    # intermediary − ledger, ¤ per transfer (negative: the ledger costs more)
    break_even_amount: float | None  # amount above which the ledger is cheaper (0: every amount; None: never)
    costs: pd.DataFrame              # amount, intermediary and ledger cost as % of the amount
    adoption: pd.DataFrame           # share on the ledger n, share who want to be on it W(n)
    path: np.ndarray                 # share on the ledger round by round, from the launch to equilibrium
    final_share: float               # equilibrium share of the market on the ledger
    critical_mass: float | None      # lowest start from which the ledger grows to the high equilibrium (0: any)
    outcome: str                     # "wins", "fades" or "stuck"
    reward_cost: float               # ¤ paid in tokens to early members over the reward years (0: no reward)
    final_without_reward: float      # where the same launch ends with no token reward
    rewarded_wish: pd.DataFrame      # share n, share who want to be on it while a reward is paid (empty: none set up)
    yearly_volume: float             # P·Q: ¤ sent over the ledger a year in equilibrium
    velocity: float                  # V: times a token changes hands a year
    token_value: float               # M = P·Q / V: value of all tokens (¤)
    token_price: float               # M / supply: value of one token (¤)
    token_values: pd.DataFrame       # hold_days, value of all tokens at that holding time (¤)
    hold_days: float                 # the holding time simulated (for the velocity chart's marker)
    amount: float                    # the amount simulated (for the cost chart's marker)


def risk_share(p: Values, hold_days: np.ndarray | float | None = None) -> np.ndarray | float:
    """z · σ · √(h / 365): the cost of the token's price risk as a share of the amount."""
    h = p.hold_days if hold_days is None else hold_days
    return p.risk_price * p.volatility * np.sqrt(np.asarray(h, dtype=float) / DAYS)


def ledger_share(p: Values) -> float:
    """The ledger's costs that grow with the amount, as a share of it: cash-in/out plus price risk."""
    return p.ramp_cost + float(risk_share(p))


def break_even_amount(p: Values) -> float | None:
    """A* = (f + k) ÷ (c_I − r − z σ √(h/365)); 0 if the ledger is cheaper at every amount, None if never."""
    margin = p.intermediary_cost - ledger_share(p)
    fixed = p.network_fee + p.compliance
    if margin <= 0:
        return None
    return fixed / margin


def wish(n: np.ndarray | float, saving_full: float, join_cost: float, spread: float,
         holdouts: float, reward: float = 0.0) -> np.ndarray | float:
    """W(n): share of the market that wants to be on the ledger when a share n is on it.

    ``saving_full`` is a member's yearly saving if everyone were on the ledger (T · (C_I − C_L)), ``reward``
    a token paid to each member a year; the logistic is written with tanh, which never overflows.
    """
    gain = np.asarray(n, dtype=float) * saving_full + reward - join_cost
    return (1.0 - holdouts) * (0.5 + 0.5 * np.tanh(gain / (2.0 * spread * join_cost)))


def adopt(start: float, saving_full: float, join_cost: float, spread: float, holdouts: float,
          reward: float = 0.0, years: int = 0) -> np.ndarray:
    """Shares on the ledger round by round, n_{t+1} = W(n_t) (plus ``reward`` in the first ``years`` rounds),
    from ``start`` until the reward has stopped and nobody changes their mind."""
    scale, cap = 2.0 * spread * join_cost, 1.0 - holdouts
    path = [start]
    n = start
    for t in range(ROUNDS + years):
        bonus = reward if t < years else 0.0
        nxt = cap * (0.5 + 0.5 * math.tanh((n * saving_full + bonus - join_cost) / scale))
        path.append(nxt)
        if t >= years and abs(nxt - n) < SETTLED:
            break
        n = nxt
    return np.array(path)


def critical_mass(saving_full: float, join_cost: float, spread: float, holdouts: float) -> float | None:
    """Lowest share from which adoption grows to the high equilibrium (the unstable crossing of W(n) and n).

    The stable equilibria are where W(n) − n turns from + to −. With two of them, critical mass is the
    crossing from − to + that lies between them. With one, there is no threshold: 0 if that equilibrium
    is a winning one (the ledger spreads from any start), None if it is a low one (no start makes it grow).
    A crossing too close to the low equilibrium for the grid is found by bisection on the start.
    """
    gap = wish(SHARES, saving_full, join_cost, spread, holdouts) - SHARES
    below = gap < 0
    up = np.flatnonzero(below[:-1] & ~below[1:])
    if up.size:
        i = int(up[0])       # the crossing between two grid points, by linear interpolation
        return float(SHARES[i] + (SHARES[i + 1] - SHARES[i]) * gap[i] / (gap[i] - gap[i + 1]))
    net = (saving_full, join_cost, spread, holdouts)
    cap = 1.0 - holdouts
    low = float(adopt(0.0, *net)[-1])
    if low >= WINS * cap:
        return 0.0
    if adopt(cap, *net)[-1] < WINS * cap:
        return None
    # Two equilibria, but the unstable crossing lies closer to the low one than the grid sees (a steep W):
    # bisect for the lowest start that grows to the high equilibrium.
    fades, grows = low, cap
    for _ in range(50):
        mid = 0.5 * (fades + grows)
        if adopt(mid, *net)[-1] >= WINS * cap:
            grows = mid
        else:
            fades = mid
    return grows


def velocity(hold_days: np.ndarray | float, staked: float) -> np.ndarray | float:
    """V = 365 ÷ h · (1 − staked): times a year the average token changes hands."""
    return DAYS / np.asarray(hold_days, dtype=float) * (1.0 - staked)


def _table(names: list[str], *arrays: np.ndarray) -> pd.DataFrame:
    """Columns side by side in one block (several times faster to build than a frame from a dict)."""
    return pd.DataFrame(np.column_stack(arrays), columns=names)


@model(PARAMETERS)
def simulate(p: Values) -> LedgerResult:
    """One transfer both ways, the network the saving can build, and the token value the volume supports."""
    parts = {"network fee": p.network_fee, "compliance": p.compliance,
             "cash-in and cash-out": p.ramp_cost * p.amount, "price risk": float(risk_share(p)) * p.amount}
    ledger = float(sum(parts.values()))
    through = p.intermediary_cost * p.amount
    saving = through - ledger
    costs = _table(["amount", "intermediary", "ledger"], AMOUNTS, np.full(AMOUNTS.size, p.intermediary_cost * 100),
                   ((p.network_fee + p.compliance) / AMOUNTS + ledger_share(p)) * 100)

    saving_full = p.transfers_year * saving
    net = (saving_full, p.join_cost, p.spread, p.holdouts)
    rewarded = p.token_reward > 0 and p.reward_years > 0
    years = int(p.reward_years) if rewarded else 0
    path = adopt(p.start_share, *net, p.token_reward, years)
    unrewarded = adopt(p.start_share, *net) if rewarded else path
    final = float(path[-1])
    reward_cost = float(p.token_reward * path[1:years + 1].sum() * p.members * 1e3) if rewarded else 0.0
    cm = critical_mass(*net)
    if final >= WINS * (1.0 - p.holdouts):
        outcome = "wins"
    elif final < p.start_share:
        outcome = "fades"
    else:
        outcome = "stuck"

    volume = final * p.members * 1e3 * p.transfers_year * p.amount
    v = float(velocity(p.hold_days, p.staked))
    value = volume / v
    return LedgerResult(
        intermediary_cost=through, ledger_cost=ledger, ledger_parts=parts, saving=saving,
        break_even_amount=break_even_amount(p), costs=costs,
        adoption=_table(["share", "wish"], SHARES, wish(SHARES, *net)),
        path=path, final_share=final, critical_mass=cm, outcome=outcome, reward_cost=reward_cost,
        final_without_reward=float(unrewarded[-1]),
        # the curve while a token pays is drawn as soon as a reward is set up (either control off zero)
        rewarded_wish=_table(["share", "wish"], SHARES, wish(SHARES, *net, p.token_reward))
        if p.token_reward > 0 or p.reward_years > 0 else _table(["share", "wish"], SHARES[:0], SHARES[:0]),
        yearly_volume=volume, velocity=v, token_value=value, token_price=value / (p.supply * 1e6),
        token_values=_table(["hold_days", "value"], HOLDING, volume / velocity(HOLDING, p.staked)),
        hold_days=float(p.hold_days), amount=float(p.amount),
    )


# --- the live sentence ----------------------------------------------------------------------------
def takeaway(result: LedgerResult, values: Mapping[str, Any], currency: str = "$") -> str:
    """Cost of one transfer, whether the network forms, and what the token is worth: one sentence each."""
    p = PARAMETERS.validate(values)
    return f"{_cost(result, p, currency)} {_network(result, p, currency)} {_token(result, p, currency)}"


_pct = wording.share  # a share of the market in a sentence: '68 %', '0.4 %'


def _mass(x: float) -> str:
    """Critical mass to a tenth of a point, so a launch just above it never reads as equal: '24.5 %'."""
    return f"{x * 100:.1f} %"


def _cost_pct(x: float) -> str:
    """A cost as a share of the amount, to the hundredth of a point the World Bank reports: '6.18 %'."""
    return f"{x * 100:.2f} %"


def _cost(result: LedgerResult, p: Values, currency: str) -> str:
    amount = wording.money(p.amount, currency)
    both = (f"Sending {amount}, the ledger costs {wording.money(result.ledger_cost, currency)} "
            f"({_cost_pct(result.ledger_cost / p.amount)}) against the intermediary's "
            f"{wording.money(result.intermediary_cost, currency)} ({_cost_pct(p.intermediary_cost)})")
    if abs(result.saving) < 0.005:
        head = f"{both}: the same, to the cent."
    elif result.saving > 0:
        head = f"{both}: it saves {wording.money(result.saving, currency)} a transfer."
    else:
        head = f"{both}: it costs {wording.money(-result.saving, currency)} more a transfer."
    a = result.break_even_amount
    if a is None:
        tail = (f"Its costs that grow with the amount ({_cost_pct(ledger_share(p))}: cash-in, cash-out and price risk) "
                "are not below the intermediary's, so it is cheaper at no amount.")
    elif a == 0:
        tail = "It is cheaper at every amount."
    else:
        tail = f"It is cheaper only for amounts above {wording.money(a, currency)}."
    sdg = "meets" if result.ledger_cost / p.amount < SDG_TARGET else "misses"
    return f"{head} {tail} At {amount} the ledger {sdg} the SDG target (under 3 %)."


def _network(result: LedgerResult, p: Values, currency: str) -> str:
    start, final = _pct(p.start_share), _pct(result.final_share)
    if p.transfers_year * result.saving <= 0:
        return (f"The network: nobody saves by joining, so only enthusiasts who join for other reasons stay; "
                f"from {start} at launch it ends at {final} of the market.")
    cm = result.critical_mass
    rewarded = p.token_reward > 0 and p.reward_years > 0
    won_anyway = result.final_without_reward >= WINS * (1.0 - p.holdouts)
    if result.outcome == "wins":
        if rewarded and not won_anyway:
            how = (f"{_reward(p, currency)} carries it past the critical mass of {_mass(cm)}, then it holds without the reward"
                   if cm else f"{_reward(p, currency)} carries it there, then it holds without the reward")
        else:
            # with W rising in n, an unrewarded start below critical mass falls back: this one started above it
            how = ("no critical mass is needed" if not cm
                   else f"the launch is above the critical mass of {_mass(cm)}")
        cap = (f", {_pct(result.final_share / (1 - p.holdouts))} of the {_pct(1 - p.holdouts)} who would ever join"
               if p.holdouts > 0 else "")
        sentence = f"The network: from {start} at launch it grows to {final} of the market{cap}: {how}."
        if rewarded:
            spent = wording.money(result.reward_cost, currency)
            sentence += (f" The token reward costs {spent} in all." if not won_anyway else
                         f" It would grow there without the token reward too, so the {spent} paid in tokens buys "
                         "nothing but speed.")
        return sentence
    if cm is None:
        reason = "the saving is too small to hold a large network: from any start it settles there"
    else:
        reason = f"it needs a critical mass of {_mass(cm)} of the market to grow"
    verb = "fades to" if result.outcome == "fades" else "stalls at"
    sentence = f"The network: from {start} at launch it {verb} {final} of the market; {reason}."
    if rewarded:
        sentence += (f" {_reward(p, currency)[0].upper()}{_reward(p, currency)[1:]} is not enough: when it stops, members leave again "
                     f"({wording.money(result.reward_cost, currency)} paid in tokens for nothing).")
    return sentence


def _reward(p: Values, currency: str) -> str:
    """The token reward in words: 'a token paying each member $20 a year for 3 years'."""
    years = wording.plural(p.reward_years, "year", f"{int(p.reward_years)}")
    return f"a token paying each member {wording.money(p.token_reward, currency)} a year for {years}"


def _token(result: LedgerResult, p: Values, currency: str) -> str:
    days = wording.plural(p.hold_days, "day", f"{p.hold_days:g}")
    turns = f"{result.velocity:,.0f}" if result.velocity >= 10 else wording.ratio(result.velocity)
    return (f"The token: {wording.money(result.yearly_volume, currency)} a year sent over the ledger, with tokens "
            f"held {days} (velocity {turns} a year), "
            f"supports tokens worth {wording.money(result.token_value, currency)} in all, "
            f"{unit_price(result.token_price, currency)} each.")


def unit_price(x: float, currency: str) -> str:
    """The price of one token with two significant digits even below a cent: '$0.0037', never '$0.00'."""
    if x >= 0.01 or x <= 0:
        return wording.money(x, currency)
    if x < 1e-6:
        return f"less than {currency}0.000001"
    decimals = 1 - math.floor(math.log10(x))
    return f"{currency}{x:.{decimals}f}"
