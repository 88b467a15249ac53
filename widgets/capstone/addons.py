"""Compose your own company: a base company plus pattern add-ons from the catalog, keyed "music+commitment".

An add-on brings one pattern of datasets/patterns.csv with its lesson's relation: its decision(s),
its P&L line, its relation (relations.ADDON_RELATIONS), its canvas change. A base company that
already has the pattern (a decision of the same name) cannot take it again. At its off value (a
discount of 0) the commitment add-on leaves every number as the base company has it; the
automation add-on books the base company's customer support, which its own lines leave out.
Every size here is illustrative (stated in ``calibration``).

* **commitment** (lesson 23, Lock-in): a discount d; a share k = d ÷ (d + 15 %) of paying
  customers commit, churn half as often and pay (1 − d) (``firms.committed_share``).
* **automation** (lesson 31, Digitisation): the share a of support tickets the AI answers; a
  ticket costs a·(c_AI + h(Q)·H) + (1 − a)·H, c_AI by Wright's law on the tickets answered,
  Q by lesson 31's flywheel, h = ``ai_economics.human_share``; wrong answers cost members.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Any, Mapping

from ..models import ai_economics
from ..models.wording import share
from ..params import Param, Parameters
from . import decisions as base_decisions
from .companies import COMPANIES, Company
from .firms import COMMIT_CHURN_CUT, MONTHS, SPECS, AiApi, committed_share
from .relations import ADDON_RELATIONS, Relation

COMMIT_LESSON, AI_LESSON = "23_cloud_subscription_and_pay_per_use", "31_ai_business_models"


@dataclass(frozen=True)
class AddOn:
    """A pattern a base company can take on top of its own: decision, lesson, pattern, relation, wording."""

    key: str
    title: str            # "Subscription with commitment"
    suffix: str           # what the company's name gains: "commitment plans"
    pattern: str          # the name in datasets/patterns.csv
    lesson: str
    decision: Param
    relation: Relation
    story: str
    calibration: str


ADDONS: dict[str, AddOn] = {
    "automation": AddOn(
        "automation", "AI automation of support", "AI-run support", "Digitisation", AI_LESSON,
        Param("automation", "Support handled by the AI", "% of tickets", 0.0, 0.0, 1.0, 0.05,
              "Share of customer-support tickets the firm's own AI answers; people still check some and redo its "
              "errors, and members lose a little on every wrong answer.", percent=True),
        ADDON_RELATIONS[1],
        "You can let an AI answer customer support (lesson 31): it costs little a ticket, gets cheaper with use, "
        "but people still check some answers and redo its errors.",
        "Add-on, all illustrative: support tickets per member a month, a person's cost a ticket (lesson 31's "
        "preset, 4 a ticket), the AI's cost and quality (lesson 31's GPT-4-class preset) and the cost of a wrong answer. "
        "The base company's lines leave support out; the add-on books it, all done by people at 0 %."),
    "commitment": AddOn(
        "commitment", "Subscription with commitment", "commitment plans", "Lock-in", COMMIT_LESSON,
        Param("commit_discount", "Discount for a 12-month commitment", "%", 0.0, 0.0, 0.5, 0.01,
              "Price cut for paying customers who commit for a year: more commit at a bigger cut, and they "
              "churn half as often.", percent=True),
        ADDON_RELATIONS[0],
        "You can offer a discount to paying customers who commit for a year (lesson 23): they churn half as "
        "often but pay less.",
        "Add-on, all illustrative: who commits at a discount (half at 15 %) and how much less they churn (half)."),
}

# Per base company: the revenue line committed customers pay less of, and support tickets a month
# per member on each side (illustrative).
COMMIT_LINE = {"music": "Premium subscriptions"}
TICKETS = {"music": {"listeners": 0.01}, "rides": {"riders": 0.2, "drivers": 1.0}, "devtool": {"organisations": 2.0}}
AI = AiApi.P                   # lesson 31's GPT-4-class preset: the AI's cost, quality and a person's cost a ticket
B = ai_economics.wright_exponent(AI.learning)
ERROR_COST = AiApi.ERROR_COST  # a member loses this on a wrongly answered ticket (illustrative)


def has(base: str, addon: str) -> bool:
    """True when the base company already has the add-on's pattern (a decision of the same name)."""
    return ADDONS[addon].decision.name in COMPANIES[base].decisions


def allowed(base: str) -> list[str]:
    """The add-ons this base company can take."""
    return [a for a in ADDONS if not has(base, a)]


def parse(key: Any) -> tuple[str, tuple[str, ...]]:
    """'music+commitment' -> ('music', ('commitment',)); ValueError naming a bad part and the allowed ones."""
    if not isinstance(key, str) or not key:
        raise ValueError(f"company must be one of {', '.join(COMPANIES)}, optionally with add-ons "
                         f"('music+commitment'); got {key!r}")
    base, *extra = key.split("+")
    if base not in COMPANIES:
        raise ValueError(f"company must be one of {', '.join(COMPANIES)}; got {base!r} in {key!r}")
    ok = allowed(base)
    for a in extra:
        if a not in ok:
            why = "it already has it" if a in ADDONS else "no such add-on"
            raise ValueError(f"{base} cannot take the add-on {a!r} ({why}); its add-ons are: {', '.join(ok) or 'none'}")
    if len(set(extra)) != len(extra):
        raise ValueError(f"an add-on is listed twice in {key!r}")
    return base, tuple(sorted(extra))


def canonical(key: str) -> str:
    """The key with its add-ons sorted: 'music+commitment+automation' -> 'music+automation+commitment'."""
    base, extra = parse(key)
    return "+".join((base, *extra))


def base_of(key: str) -> str:
    """The base company of a (composed) key."""
    return key.split("+")[0]


def company(key: str) -> Company:
    """The composed Company: the base's name, patterns, lessons and decisions plus each add-on's."""
    base, extra = parse(key)
    c = COMPANIES[base]
    if not extra:
        return c
    addons = [ADDONS[a] for a in extra]
    name = c.name + "".join(f" + {a.suffix}" for a in addons)
    return replace(c, key="+".join((base, *extra)), name=name,
                   lessons=tuple(dict.fromkeys(c.lessons + tuple(a.lesson for a in addons))),
                   patterns=tuple(dict.fromkeys(c.patterns + tuple(a.pattern for a in addons))),
                   decisions=Parameters(*c.decisions, *(a.decision for a in addons)),
                   story=" ".join([c.story, *(a.story for a in addons)]),
                   calibration=" ".join([c.calibration, *(a.calibration for a in addons)]))


def relations(key: str) -> tuple[Relation, ...]:
    """The relations a composed company's add-ons bring (the engine's RELATIONS hold the rest)."""
    return tuple(ADDONS[a].relation for a in parse(key)[1])


def canvas_changes(key: str, d: Mapping[str, Any], currency: str) -> dict[str, str]:
    """The base company's canvas changes plus each add-on's block."""
    base, extra = parse(key)
    out = base_decisions.canvas_changes(base, d, currency)
    if "commitment" in extra and d["commit_discount"] > 0:
        out["Customer Relationships"] = f"12-month commitments at {share(d['commit_discount'])} off"
    if "automation" in extra and d["automation"] > 0:
        out["Key Activities"] = f"{share(d['automation'])} of support answered by the AI, people check the rest"
    return out


# --- the add-ons' economics, as mixins on a base company's class ---------------------------------
class Commitment:
    """Lesson 23 on a base company: k = d ÷ (d + 15 %) of paying customers commit, churn half as often, pay (1 − d)."""

    def rival_decisions(self, round_: int) -> dict[str, float]:
        """The rival offers no commitment."""
        return {**super().rival_decisions(round_), "commit_discount": 0.0}

    def rates(self, d):
        """Music: paid churn falls by half on the committed share."""
        conversion, free_churn, paid_churn = super().rates(d)
        return conversion, free_churn, paid_churn * (1 - COMMIT_CHURN_CUT * committed_share(d.get("commit_discount", 0.0)))

    def churn(self, side, d, st, env) -> float:
        """Rides: committed riders re-choose half as often."""
        r = super().churn(side, d, st, env)
        if self.base == "rides" and side == "riders":
            return r * (1 - COMMIT_CHURN_CUT * committed_share(d.get("commit_discount", 0.0)))
        return r

    def utility(self, side, d, st, env) -> float:
        """Members gain the committed share's discount: k·d of the price (music) or of a full platform's fares (rides)."""
        u = super().utility(side, d, st, env)
        cut = committed_share(d.get("commit_discount", 0.0)) * d.get("commit_discount", 0.0)
        if self.base == "music":
            return u + (0.4 if d["free_tier"] else 1.0) * cut * d["price"]
        if side == "riders":
            return u + cut * self.P.spend * st["n"]["drivers"] / self.P.sellers_market
        return u

    def figures(self, d, st, env):
        """Who commits."""
        who = "Paying customers who commit" if self.base == "music" else "Riders on a year's ride pass"
        return {**super().figures(d, st, env), who: (committed_share(d["commit_discount"]), "share", COMMIT_LESSON)}

    def book(self, d, st, env, cash: float):
        """The committed share of the paying line moves to 'Committed plans' at (1 − d)."""
        users, revenue, costs = super().book(d, st, env, cash)
        k, disc = committed_share(d["commit_discount"]), d["commit_discount"]
        if self.base == "music":
            paying = revenue[COMMIT_LINE["music"]]
            revenue[COMMIT_LINE["music"]] = paying * (1 - k)
            revenue["Committed plans"] = paying * k * (1 - disc)
        else:      # riders on a ride pass pay (1 − d) of their fares; the platform funds the cut
            fares = MONTHS * users["riders"] * self.P.spend * users["drivers"] / self.P.sellers_market   # GMV, as book's
            costs = {"Ride-pass discounts": fares * k * disc, **costs}
        return users, revenue, costs


class Automation:
    """Lesson 31 on a base company: the share a of support tickets the AI answers, by Wright's law and the flywheel."""

    def rival_decisions(self, round_: int) -> dict[str, float]:
        """The rival's support stays with people."""
        return {**super().rival_decisions(round_), "automation": 0.0}

    def tickets(self, st, d) -> float:
        """Support tickets a month (thousand): members on each side times their tickets (paying organisations only)."""
        per = TICKETS[self.base]
        if self.base == "devtool":
            return st["n"]["organisations"] * self.paying_share(d, {}) * per["organisations"]
        return sum(st["n"][side] * t for side, t in per.items())

    def start(self, rival: bool) -> dict[str, Any]:
        """No ticket answered by the AI yet; E₀ = a year of the start's tickets (lesson 31's launch experience)."""
        st = super().start(rival)
        start = COMPANIES[self.base].decisions.defaults()
        e0 = ai_economics.EXPERIENCE_AT_LAUNCH * self.tickets(st, start) / 1000     # million tickets
        return {**st, "ai_e0": max(e0, 1e-6), "ai_answered": 0.0, "ai_before": 0.0}

    def quality(self, answered: float) -> float:
        """Share of tickets the AI gets right: lesson 31's flywheel on the million tickets it has answered."""
        best = ai_economics.quality_max(AI)
        return best - (best - AI.quality_start) * math.exp(-answered / AI.flywheel)

    def ai_cost(self, st) -> float:
        """The AI's inference cost a ticket: c₀ · tokens a ticket, down Wright's curve on the tickets answered."""
        return AI.cost_start * AI.tokens_per_task / 1000 * ((st["ai_e0"] + st["ai_before"]) / st["ai_e0"]) ** -B

    def ticket_cost(self, d, st) -> float:
        """A ticket's cost: a·(c_AI + h(Q)·H) + (1 − a)·H (lesson 31's comparison of AI and people)."""
        a = d.get("automation", 0.0)
        people = ai_economics.human_share(self.quality(st["ai_before"]), AI.review_floor)
        return a * (self.ai_cost(st) + people * AI.human_cost) + (1 - a) * AI.human_cost

    def utility(self, side, d, st, env) -> float:
        """Members lose the cost of the AI's wrong answers on their tickets."""
        u = super().utility(side, d, st, env)
        wrong = d.get("automation", 0.0) * TICKETS[self.base].get(side, 0.0) * (1 - self.quality(st["ai_answered"]))
        return u - wrong * ERROR_COST / self.money_unit

    def settle(self, d, st, members, env):
        """The tickets the AI answers this quarter feed the flywheel and the learning curve for the next."""
        new = super().settle(d, st, members, env)
        answered = MONTHS * d.get("automation", 0.0) * self.tickets(new, d) / 1000
        return {**new, "ai_e0": st["ai_e0"], "ai_before": st["ai_answered"], "ai_answered": st["ai_answered"] + answered}

    def figures(self, d, st, env):
        """The AI's cost and quality on support, and the share of tickets people still handle (lesson 31)."""
        q = self.quality(st["ai_before"])
        return {**super().figures(d, st, env),
                "Support tickets the AI gets right": (q, "share", AI_LESSON),
                "Support tickets people still handle": (ai_economics.human_share(q, AI.review_floor), "share", AI_LESSON),
                "Cost of a support ticket": (self.ticket_cost(d, st), "money a ticket", AI_LESSON)}

    def book(self, d, st, env, cash: float):
        """The quarter's customer support: tickets × a ticket's cost, before interest."""
        users, revenue, costs = super().book(d, st, env, cash)
        support = MONTHS * self.tickets(st, d) * self.ticket_cost(d, st)
        return users, revenue, {"Customer support": support, **costs}


MIXINS = {"commitment": Commitment, "automation": Automation}
LINES = {"Committed plans": COMMIT_LESSON, "Ride-pass discounts": COMMIT_LESSON, "Customer support": AI_LESSON}
_SPECS: dict[str, Any] = {}


def spec(key: str):
    """The composed firm: the base company's class with each add-on's mixin in front (built once per key)."""
    base, extra = parse(key)
    if not extra:
        return SPECS[base]
    name = "+".join((base, *extra))
    if name not in _SPECS:
        cls = type(SPECS[base])
        composed = type(name, tuple(MIXINS[a] for a in extra) + (cls,),
                        {"key": name, "base": base, "LESSONS": {**cls.LESSONS, **LINES}})
        _SPECS[name] = composed()
    return _SPECS[name]


def addons_markdown() -> str:
    """ADDONS as Markdown (lesson 49): each add-on's pattern, lesson, decision, relation, the bases that may take it."""
    rows = ["| Add-on | Pattern (catalog) | Lesson | Decision | Relation | Status | Companies that can take it |",
            "|---|---|---|---|---|---|---|"]
    for key, a in ADDONS.items():
        bases = ", ".join(f"`{b}+{key}`" for b in COMPANIES if key in allowed(b))
        rows.append(f"| {a.title} | {a.pattern} | {a.lesson[:2]} | {a.decision.label} ({a.decision.describe_range()}) "
                    f"| ${a.relation.formula}$ | {a.relation.status} | {bases} |")
    return "\n".join(rows)
