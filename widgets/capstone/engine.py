"""The capstone's round engine: every team and one rival in one market, a quarter at a time, replayable.

A round (a quarter) is a pure function of the state and every firm's decisions:

1. events in force this quarter (events.py, seeded; the same for every team);
2. the category grows a quarter along its Bass curve (demand.py, lesson 12);
3. each side's customers who (re-)choose split between the firms and the outside option by a
   multinomial logit on what each firm offers them (demand.py; the utilities in firms.py, composed
   from the lessons' models) — so every team's results depend on every other team's decisions;
4. each firm's members settle into tiers and its quarter is booked: users, revenue and cost lines
   (currency thousands), profit = Σ revenue − Σ costs, cash = last quarter's cash + profit exactly;
5. the rival sets next quarter's price by its rule (rival.py).

Each firm's constant in the logit is calibrated once so that, at the starting decisions and with no
growth or events, the start is a steady state (ride-hailing: none; its utilities are lesson 30's).
A class market sizes the category to its teams: every team starts as the company does alone.

``value_created`` = the customers' surplus the firm adds (Small & Rosen 1981: σ · N · [ln(1 + Σ e^V)
− the same without the firm], for three months) + its profit. ``market_share`` = the team's members
on the main side ÷ the category's customers (the rest are the rival's or no one's), so shares sum to
at most 1. The sentence compares the quarter with the same quarter replayed from the same state on
the team's previous decisions (every other firm's unchanged), so what it says is measured.
Results are always recomputed from company + seed + decisions; nothing random happens outside the
seeded event schedule; every user, revenue and cost line is rounded to 3 decimals (a currency unit), and
profit and cash are their exact sums.

**Out of cash.** Play continues: negative cash is debt, and its interest (3 % a quarter, more after a
funding squeeze) is a cost line; the sentence says the company is out of cash.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Sequence

import pandas as pd

from ..models.wording import money, plural, share
from . import demand, rival
from .companies import COMPANIES, STARTING_CASH, company as company_of
from .decisions import canvas_changes
from .events import Event, in_force, schedule
from .firms import MONTHS, SPECS, spec as spec_of  # noqa: F401  (SPECS: the four bases, for tests)
from .relations import RELATIONS, Relation  # noqa: F401  (part of the engine's API)

ROUNDS_ALLOWED = range(8, 13)
DEFAULT_ROUNDS = 8
RIVAL = "rival"
COVERAGE = 0.85        # share of the category's customers the firms serve at the start (illustrative)
DIGITS = 3             # reported numbers: currency thousands to the unit
# How the sentence names each kind of user (RoundResult.users keys), per company.
NOUNS = {"music": {"paying": "paying listener", "free": "free listener"},
         "rides": {"riders": "rider", "drivers": "driver"},
         "devtool": {"paying": "paying organisation", "free": "free user"},
         "ai_api": {"developers": "developer firm"}}


@dataclass(frozen=True)
class RoundResult:
    """One team's quarter: decisions, users, the P&L lines, cash, value created, share, events and the sentence."""

    round: int
    team: str
    decisions: dict[str, float]
    users: dict[str, float]
    revenue: dict[str, float]
    costs: dict[str, float]
    profit: float
    cash: float
    value_created: float
    market_share: float
    rival_price: float
    events: tuple[Event, ...]
    sentence: str
    canvas_changes: dict[str, str]
    company: str = ""
    customer_surplus: float = 0.0
    figures: dict[str, tuple[float, str, str]] = field(default_factory=dict)   # line -> (value, unit, lesson)

    @property
    def out_of_cash(self) -> bool:
        """True when cash is below zero (the company runs on debt)."""
        return self.cash < 0

    def table(self) -> pd.DataFrame:
        """'Show the numbers': every line with its value, unit and the lesson whose model gives it."""
        spec, company = spec_of(self.company), company_of(self.company)
        money_unit = f"{company.currency} thousand"
        lessons = {**spec.LESSONS, "Interest on debt": "illustrative (3 % a quarter on debt)",
                   "Fixed costs": "illustrative", "City operations": "illustrative"}
        rows = [(f"Users: {k}", v, "thousand", lessons.get(k, company.lessons[0])) for k, v in self.users.items()]
        rows += [(f"Revenue: {k}", v, money_unit, lessons.get(k, company.lessons[0])) for k, v in self.revenue.items()]
        rows += [(f"Cost: {k}", v, money_unit, lessons.get(k, company.lessons[0])) for k, v in self.costs.items()]
        rows += [("Profit", self.profit, money_unit, "Σ revenue − Σ costs"),
                 ("Cash at the end of the quarter", self.cash, money_unit, "last quarter's cash + profit"),
                 ("Customers' surplus (illustrative)", self.customer_surplus, money_unit, "Small & Rosen log-sum"),
                 ("Value created", self.value_created, money_unit, "customers' surplus + profit"),
                 ("Market share", self.market_share, "share of the category", "multinomial logit"),
                 ("Rival's " + spec.lever.replace("_", " "), self.rival_price, _unit(company.decisions[spec.lever]),
                  "30_platforms_and_network_effects")]
        rows += [(line, value, unit, lesson) for line, (value, unit, lesson) in self.figures.items()]
        return pd.DataFrame(rows, columns=["line", "value", "unit", "source lesson"])


def _unit(param) -> str:
    """A decision's unit in the table: a share is a fraction there ('share of fares'), not '%'."""
    return param.unit.replace("% of", "share of").replace("%", "share") if param.percent else param.unit


@dataclass
class _World:
    """Everything a round needs from the past: the category, every firm's state, cash, the rival's price."""

    round: int
    category: dict[str, float]
    potential: dict[str, float]
    firms: dict[str, dict[str, Any]]
    cash: dict[str, float]
    rival_price: float
    intercepts: dict[str, dict[str, float]] = field(default_factory=dict)


def _base(company: str) -> str:
    """The base company of a key ('music+commitment' -> 'music'): its events, starting cash and nouns."""
    return company.split("+")[0]


def _round(x: float) -> float:
    """Round a reported number to DIGITS decimals (−0.0 becomes 0.0)."""
    return round(float(x), DIGITS) + 0.0


def _check_setup(company: Any, seed: Any, teams: Any, rounds: Any) -> None:
    """ValueError for an unknown company, a bad seed, bad team names or a number of rounds outside 8–12."""
    if not isinstance(company, str) or company not in COMPANIES:
        from .addons import parse
        parse(company)        # a base with pattern add-ons, or ValueError naming what is wrong
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral) or not 0 <= seed < 2**63:
        raise ValueError(f"seed must be a whole number from 0 to 2**63 − 1; got {seed!r}")
    if isinstance(rounds, bool) or not isinstance(rounds, numbers.Integral) or rounds not in ROUNDS_ALLOWED:
        raise ValueError(f"rounds must be a whole number from {ROUNDS_ALLOWED.start} to {ROUNDS_ALLOWED.stop - 1}; "
                         f"got {rounds!r}")
    if isinstance(teams, str) or not teams or len(set(teams)) != len(teams) or any(
            not isinstance(t, str) or not t.strip() or t == RIVAL for t in teams):
        raise ValueError(f"teams must be distinct non-empty names other than {RIVAL!r}; got {teams!r}")


class Market:
    """Several teams running the same company in one market (shared demand), against one rival."""

    def __init__(self, company: str, seed: int, teams: Sequence[str] = ("you",), rounds: int = DEFAULT_ROUNDS):
        """A market at its start: the company for every team, the rival, the seeded events; ValueError if bad."""
        teams = teams if isinstance(teams, str) else tuple(teams)
        _check_setup(company, seed, teams, rounds)
        self._company = company_of(company)       # a composed key comes back with its add-ons sorted
        company = self._company.key
        self.company, self.seed, self.teams, self.rounds = company, int(seed), tuple(teams), int(rounds)
        self._spec = spec_of(company)
        self._start = self._company.decisions.defaults()
        self.events: tuple[Event, ...] = schedule(_base(company), self.seed, self.rounds)
        self._world = self._first_world()
        self.history: dict[str, list[RoundResult]] = {t: [] for t in self.teams}
        self.decisions: dict[str, list[dict[str, float]]] = {t: [] for t in self.teams}

    # --- the public state --------------------------------------------------------------------
    @property
    def round(self) -> int:
        """Rounds played so far."""
        return self._world.round

    @property
    def finished(self) -> bool:
        """True once every round has been played."""
        return self.round >= self.rounds

    @property
    def upcoming(self) -> tuple[Event, ...]:
        """Events announced for the next round (none once the game has ended)."""
        return () if self.finished else tuple(e for e in self.events if e.round == self.round + 1)

    def last_decisions(self, team: str) -> dict[str, float]:
        """The team's decisions in the last round played (the starting decisions before round 1)."""
        return dict(self.decisions[team][-1]) if self.decisions[team] else dict(self._start)

    # --- playing -----------------------------------------------------------------------------
    def play(self, decisions: Mapping[str, Mapping[str, float]]) -> dict[str, RoundResult]:
        """Play one quarter for every team; a decision a team leaves out keeps its last value."""
        if self.finished:
            raise ValueError(f"the game has ended after {self.rounds} rounds")
        if not isinstance(decisions, Mapping):
            raise ValueError(f"decisions are given per team, as a mapping of team name to decisions; got "
                             f"{type(decisions).__name__}")
        unknown = sorted(str(t) for t in decisions if t not in self.teams)
        missing = [t for t in self.teams if t not in decisions]
        if unknown or missing:
            raise ValueError(f"decisions are needed for every team ({', '.join(self.teams)}); "
                             + (f"unknown: {', '.join(unknown)}" if unknown else f"missing: {', '.join(missing)}"))
        chosen = {t: self._checked(t, decisions[t]) for t in self.teams}
        world, results = self._advance(self._world, chosen)
        for team in self.teams:
            before = self.last_decisions(team)
            if chosen[team] != before:
                _, other = self._advance(self._world, {**chosen, team: before})
                results[team] = self._finish(results[team], other[team], before)
            else:
                results[team] = self._finish(results[team], None, before)
        self._world = world
        for team in self.teams:
            self.history[team].append(results[team])
            self.decisions[team].append(dict(chosen[team]))
        return results

    def _checked(self, team: str, given: Mapping[str, float]) -> dict[str, float]:
        """Last quarter's decisions overridden by ``given``, each checked against its declared range."""
        if not isinstance(given, Mapping):
            raise ValueError(f"decisions for {team!r} must be a mapping of decision name to value; got "
                             f"{type(given).__name__}")
        values = self._company.decisions.validate({**self.last_decisions(team), **given})
        return {k: (int(v) if self._company.decisions[k].integer else float(v)) for k, v in values.items()}

    # --- the model ---------------------------------------------------------------------------
    def _first_world(self) -> _World:
        """Every firm at its start; categories sized to the teams; logit constants calibrated."""
        spec = self._spec
        firms = {t: spec.start(rival=False) for t in self.teams}
        firms[RIVAL] = spec.start(rival=True)
        one_team = {side: spec.start(False)["n"][side] + spec.start(True)["n"][side] for side in spec.sides}
        category, potential = {}, {}
        for side in spec.sides:
            served = sum(f["n"][side] for f in firms.values())
            market = spec.market[side]
            if market is None:        # a fixed market: every potential member may join (lesson 30)
                category[side] = potential[side] = spec.potential(side)
            else:
                category[side] = served / COVERAGE
                potential[side] = market[2] * served / one_team[side]
        world = _World(0, category, potential, firms, {t: STARTING_CASH[_base(self.company)] for t in self.teams},
                       float(spec.rival_decisions(1)[spec.lever]))
        world.intercepts = {name: {side: 0.0 for side in spec.sides} for name in firms}
        for name, firm in firms.items():
            plan = spec.rival_decisions(1) if name == RIVAL else self._start
            firm["u"] = {side: spec.utility(side, plan, firm, {}) for side in spec.sides}
        if spec.calibrate:
            self._calibrate(world)
        return world

    def _calibrate(self, world: _World) -> None:
        """Set each firm's constant so that the start is a steady state: pool · s_j = r_j · n_j."""
        spec = self._spec
        plan = {name: (spec.rival_decisions(1) if name == RIVAL else self._start) for name in world.firms}
        for side in spec.sides:
            names = list(world.firms)
            n = [world.firms[k]["n"][side] for k in names]
            r = [spec.churn(side, plan[k], world.firms[k], {}) for k in names]
            pool = spec.reach * max(world.category[side] - sum(n), 0.0) + sum(a * b for a, b in zip(r, n))
            s = [a * b / pool for a, b in zip(r, n)]
            outside = 1.0 - sum(s)
            for k, share_k in zip(names, s):
                value = math.log(share_k / outside) * spec.scale[side]
                world.intercepts[k][side] = value - spec.utility(side, plan[k], world.firms[k], {})

    def _advance(self, world: _World, chosen: Mapping[str, Mapping[str, float]]) -> tuple[_World, dict[str, dict]]:
        """One quarter for every firm from ``world``; returns the next world and each team's raw result."""
        spec, t = self._spec, world.round + 1
        effect = in_force(self.events, t)
        price = world.rival_price       # by its rule; a price war cuts it while the war lasts
        plan = {name: dict(chosen[name]) for name in self.teams}
        plan[RIVAL] = rival.decisions_for_round(spec.rival_decisions(t), spec.rival_decisions(1), spec.lever, price,
                                                effect, [chosen[name] for name in self.teams])
        names = list(world.firms)
        openness = self._openness(world, plan)
        category = dict(world.category)
        for side in spec.sides:
            if spec.market[side] is not None:
                p, q = spec.bass(side, openness)
                category[side] = world.potential[side] * demand.bass_step(
                    world.category[side] / world.potential[side], p, q)
        current, before = dict(world.firms), world.category
        for _ in range(spec.steps):     # a quarter's choices in one step, or month by month (ride-hailing)
            members, offered, values = self._choose(current, plan, effect, world.intercepts, before, category)
            current = {k: {**current[k], "n": members[k], "u": offered[k]} for k in names}
            before = category
        firms = {k: {**spec.settle(plan[k], world.firms[k], members[k], effect), "u": offered[k]} for k in names}
        raw, cash = {}, dict(world.cash)
        main = spec.sides[0]
        for i, team in enumerate(self.teams):
            users, revenue, costs = spec.book(plan[team], firms[team], effect, world.cash[team])
            users = {k: _round(v) for k, v in users.items()}
            revenue = {k: _round(v) for k, v in revenue.items()}
            costs = {k: _round(v) for k, v in costs.items()}
            profit = sum(revenue.values()) - sum(costs.values())
            cash[team] = world.cash[team] + profit
            j = names.index(team)
            surplus = sum(spec.money_unit * spec.scale[side] * category[side] * MONTHS
                          * (demand.log_sum(values[side]) - demand.log_sum(values[side][:j] + values[side][j + 1:]))
                          for side in spec.sides)
            figures = {k: (round(float(v), 6) + 0.0, unit, lesson) for k, (v, unit, lesson) in
                       spec.figures(plan[team], firms[team], effect).items()}
            raw[team] = dict(round=t, team=team, decisions=dict(plan[team]), users=users, revenue=revenue, costs=costs,
                             figures=figures,
                             profit=profit, cash=cash[team], customer_surplus=_round(surplus),
                             value_created=_round(surplus + profit),
                             market_share=_round(members[team][main] / category[main] if category[main] else 0.0),
                             rival_price=_round(plan[RIVAL][spec.lever]),
                             events=tuple(e for e in self.events if e.round == t))
        lost = firms[RIVAL]["n"][main] < world.firms[RIVAL]["n"][main]
        lowest = min(spec.price_of(plan[name]) for name in self.teams)
        next_price = rival.next_price(price, lowest, lost, spec.floor(firms[RIVAL]))
        return _World(t, category, world.potential, firms, cash, next_price, world.intercepts), raw

    def _choose(self, firms: Mapping[str, dict], plan: Mapping[str, Mapping[str, float]], effect: Mapping[str, float],
                intercepts: Mapping[str, Mapping[str, float]], category: Mapping[str, float],
                grown: Mapping[str, float]) -> tuple[dict, dict, dict]:
        """Who is where after one choice step: members, what each firm offers each side, the logit values."""
        spec, names = self._spec, list(firms)
        members: dict[str, dict[str, float]] = {k: {} for k in names}
        offered: dict[str, dict[str, float]] = {k: {} for k in names}   # money a month, before the constant
        values: dict[str, list[float]] = {}
        for side in spec.sides:
            gains = [spec.utility(side, plan[k], firms[k], effect) for k in names]
            v = [(intercepts[k][side] + g) / spec.scale[side] for k, g in zip(names, gains)]
            values[side] = v
            churn = [spec.churn(side, plan[k], firms[k], effect) for k in names]
            if spec.reconsider:
                churn = [demand.reconsidering(r, firms[k]["u"][side] - g, spec.scale[side])
                         for r, k, g in zip(churn, names, gains)]
            after = demand.members_after([firms[k]["n"][side] for k in names], churn, demand.logit_shares(v),
                                         category[side], grown[side], spec.reach)
            for k, g, m in zip(names, gains, after):
                offered[k][side], members[k][side] = g, m
        return members, offered, values

    def _openness(self, world: _World, plan: Mapping[str, Mapping[str, float]]) -> float:
        """Member-weighted share of open code across the firms (0 for companies without that decision)."""
        side = self._spec.sides[0]
        total = sum(f["n"][side] for f in world.firms.values())
        if not total:
            return 0.0
        return sum(plan[k].get("open_share", 0.0) * f["n"][side] for k, f in world.firms.items()) / total

    # --- the sentence ------------------------------------------------------------------------
    def _finish(self, raw: dict, other: dict | None, before: Mapping[str, float]) -> RoundResult:
        """The result with its sentence (measured against the same quarter on last quarter's decisions)."""
        currency = self._company.currency
        text = _sentence(self.company, raw, other, before, currency)
        return RoundResult(**raw, sentence=text, company=self.company,
                           canvas_changes=canvas_changes(self.company, raw["decisions"], currency))

    @classmethod
    def replay(cls, company: str, seed: int, teams: Sequence[str], rounds: int,
               decisions: Sequence[Mapping[str, Mapping[str, float]]]) -> "Market":
        """A market with ``decisions`` (one mapping of team -> decisions per round) played again."""
        market = cls(company, seed, teams, rounds)
        for round_decisions in decisions:
            market.play(round_decisions)
        return market


class Game:
    """One team against the rival: a Market of one, with undo."""

    def __init__(self, company: str, seed: int, rounds: int = DEFAULT_ROUNDS, team: str = "you"):
        """One team's game at its start; ValueError for an unknown company, a bad seed or rounds outside 8–12."""
        self._market = Market(company, seed, (team,), rounds)
        self.company, self.seed, self.rounds, self.team = self._market.company, int(seed), int(rounds), team

    @property
    def market(self) -> Market:
        """The market of one this game plays in."""
        return self._market

    @property
    def history(self) -> list[RoundResult]:
        """The results of the rounds played, in order."""
        return self._market.history[self.team]

    @property
    def decisions(self) -> list[dict[str, float]]:
        """Every round's full decisions, in order (what the log saves)."""
        return self._market.decisions[self.team]

    @property
    def round(self) -> int:
        """Rounds played so far."""
        return self._market.round

    @property
    def finished(self) -> bool:
        """True once every round has been played."""
        return self._market.finished

    @property
    def upcoming(self) -> tuple[Event, ...]:
        """Events announced for the next round."""
        return self._market.upcoming

    @property
    def events(self) -> tuple[Event, ...]:
        """Every event of this game (its seed's schedule)."""
        return self._market.events

    def play(self, decisions: Mapping[str, float]) -> RoundResult:
        """Play the next quarter with these decisions (those left out keep last quarter's values)."""
        return self._market.play({self.team: decisions})[self.team]

    def undo(self) -> None:
        """Drop the last round: the game is replayed from the start without it."""
        kept = self.decisions[:-1]
        self._market = Market(self.company, self.seed, (self.team,), self.rounds)
        for d in kept:
            self._market.play({self.team: d})


def _users(thousands: float) -> str:
    """'1.3 million', '120 thousand', '4.5 thousand', '450' (users given in thousands; the size of a change)."""
    size = abs(thousands)
    if size >= 1000:
        return f"{size / 1000:,.1f} million"
    if size >= 9.95:
        return f"{size:,.0f} thousand"
    return f"{size:.1f}".removesuffix(".0") + " thousand" if size >= 0.9995 else f"{size * 1000:,.0f}"


def _amount(company: str, name: str, value: float, currency: str) -> tuple[str, str]:
    """A decision's value as a sentence shows it, and its unit: ('€4.70', ' per month'), ('27 %', ''), ('on', '')."""
    param = company_of(company).decisions[name]
    if param.percent:
        return share(value), ""
    if param.integer and param.max == 1:
        return ("on" if value else "off"), ""
    unit = param.unit.replace(" / ", " per ")
    if unit.startswith(currency):
        return f"{currency}{value:,.2f}" if value % 1 else f"{currency}{value:,.0f}", unit[len(currency):]
    return f"{value:g}", f" {unit}"


def _change(company: str, name: str, old: float, new: float, currency: str) -> str:
    """'raising the premium price from €4.70 to €5.20 per month'."""
    param = company_of(company).decisions[name]
    label = param.label[0].lower() + param.label[1:] if param.label[1:2].islower() else param.label
    if param.integer and param.max == 1:
        return f"switching the {label} {'on' if new else 'off'}"
    (before, unit), (after, _) = _amount(company, name, old, currency), _amount(company, name, new, currency)
    if after == "1" and unit.startswith(" ads "):
        unit = " ad " + unit[len(" ads "):]          # 'to 1 ad per hour'
    return f"{'raising' if new > old else 'cutting'} the {label} from {before} to {after}{unit}"


def _moved(company: str, raw: dict, other: dict) -> str:
    """'won 120 thousand paying listeners': the kind of user that moved most (relative to its number)."""
    nouns = NOUNS[_base(company)]
    key = max(nouns, key=lambda k: abs(raw["users"][k] - other["users"][k]) / max(other["users"][k], 1e-9))
    change = raw["users"][key] - other["users"][key]
    if abs(change) < 0.0005:
        return "changed no one's choice"
    return f"{'won' if change > 0 else 'lost'} {plural(0, nouns[key], _users(change))}"


def _sentence(company: str, raw: dict, other: dict | None, before: Mapping[str, float], currency: str) -> str:
    """What the last decision did, measured against the same quarter replayed on the previous decisions."""
    if other is None:
        nouns = NOUNS[_base(company)]
        key = next(iter(nouns))
        text = (f"You kept last quarter's decisions: {plural(0, nouns[key], _users(raw['users'][key]))} and "
                f"{money(raw['profit'] * 1000, currency)} profit this quarter.")
    else:
        changed = [n for n in raw["decisions"] if raw["decisions"][n] != before[n]]
        moves = [_change(company, n, before[n], raw["decisions"][n], currency) for n in changed]
        what = " and ".join([", ".join(moves[:-1]), moves[-1]] if len(moves) > 1 else moves)
        users = _moved(company, raw, other)
        d_profit = raw["profit"] - other["profit"]
        profit = (f"changed profit by less than {currency}1" if abs(d_profit) < 0.0005 else
                  f"{'added' if d_profit > 0 else 'cost'} {money(abs(d_profit) * 1000, currency)} of profit")
        link = "but" if users.startswith("won") == profit.startswith("cost") and not users.startswith("changed") \
            and not profit.startswith("changed") else "and"
        text = (f"{what[0].upper() + what[1:]} {users} {link} {profit} this quarter, compared with the same quarter "
                f"on last quarter's decisions.")
    if raw["cash"] < 0:
        text += f" Cash is {money(raw['cash'] * 1000, currency)}: the company is out of cash and runs on debt."
    return text


METRICS: dict[str, tuple[str, Callable[[list[RoundResult]], float]]] = {
    "cash": ("Cash at the end", lambda h: h[-1].cash if h else 0.0),
    "value": ("Value created over the game", lambda h: sum(r.value_created for r in h)),
    "users": ("Users at the end", lambda h: sum(h[-1].users.values()) if h else 0.0),
}
