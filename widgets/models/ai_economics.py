"""AI rented by the token: a price the market cuts, a cost that falls with volume, quality that rises with use.

One AI product (a model served through an API) is followed month by month for three years. The
same AI can be sold or used in three ways, and the model compares what each keeps.

**Price.** The market cuts the price per million tokens by a share ``d`` a year:
``p_t = p_0 · (1 − d)^{t/12}``. (OpenAI's GPT-4 API listed at USD 30 / 60 per million input /
output tokens in March 2023; GPT-4o at USD 2.50 / 10 from August 2024: datasets/ai_api_prices.csv.)

**Cost: Wright's law** (T. P. Wright, "Factors Affecting the Cost of Airplanes", Journal of the
Aeronautical Sciences 3(4), 1936): the cost of serving a million tokens falls by a share ``L`` every
time the cumulative volume served doubles,

    c_t = c_0 · (E_t / E_0)^{−b},   b = −log₂(1 − L),

with ``E_t`` the tokens served before month t plus the experience at launch ``E_0`` (taken as a year
of launch volume: a course choice). Nagy, Farmer, Bui & Trancik ("Statistical Basis for Predicting
Technological Progress", PLoS ONE 8(2), 2013) find Wright's law forecasts the cost of 62
technologies about as well as a fixed yearly decline (Moore's law): with volume growing
exponentially the two are the same law (Sahal 1979).

**Usage** (tasks a month) rises with quality and with price cuts (price elasticity ``ε``):
``U_t = U_0 · (Q_t / Q_0) · (p_t / p_0)^{−ε}``. **Quality** is the share of tasks the AI gets right
without a person; a **data flywheel** raises it with use (the data network effect of Gregory,
Henfridsson, Kaganer & Kyriakou, "The Role of Artificial Intelligence and Data Network Effects for
Creating User Value", Academy of Management Review 46(3), 2021, in a saturating form chosen by the course):
``Q_t = Q_max − (Q_max − Q_0) · e^{−X_t / S}``, with ``X_t`` the tasks served before month t and ``S``
the use that closes 63 % of the gap to ``Q_max = Q_0 + φ · (1 − Q_0)``, where ``φ`` is the share of the
launch errors more data can remove at most.

**When does the metered margin survive the price cuts?** Gross margin is ``1 − c_t / p_t``. With
usage growing as ``p^{−ε}``, cumulative volume eventually grows at the same rate and cost falls as
``p^{ε·b}``: the ratio ``c/p`` stops rising only if ``ε · b ≥ 1`` (a derivation of the course, ignoring
quality). A price cut that brings little new volume moves the price down faster than volume moves the
cost down the learning curve.

The three ways (amounts per task; a task uses ``k`` thousand tokens, so inference costs
``c_t · k / 1000`` per task):

* **Metered service** (pay per use, Navigator #35): revenue ``p_t`` per million tokens, margin
  ``1 − c_t / p_t``.
* **Bundled into a subscription** (Navigator #48): a flat fee ``F`` a month that the market does not
  cut; each subscriber's tasks are lognormal around a median that grows with quality, spread ``σ``.
  Cost per subscriber on average ``c_task · m_t · e^{σ²/2}``; subscribers above ``F / c_task`` tasks a
  month cost more than they pay (the flat-rate logic of lesson 23).
* **Automating one's own operations**: a task a person does costs ``H``. With the AI, people still
  handle a share ``h_t = h_min + (1 − h_min)(1 − Q_t)`` of tasks (a floor ``h_min`` that is always
  checked, and every task the AI gets wrong), at full cost — a check is counted as doing the task
  again. The task is automated when ``c_task + h_t · H < H`` (the task-based comparison of Acemoglu &
  Restrepo, "Automation and New Tasks", Journal of Economic Perspectives 33(2), 2019); the system also
  has a fixed monthly cost, which only volume spreads (Svanberg, Li, Fleming, Goehring & Thompson,
  "Beyond AI Exposure: Which Tasks are Cost-Effective to Automate with Computer Vision?", 2024, find
  only 23 % of the wages paid for vision tasks attractive to automate at 2024 costs). Agrawal, Gans &
  Goldfarb (*Prediction Machines*, 2018): AI makes prediction cheap; the human judgement that
  complements it does not get cheaper — here ``h_t · H``.

Assumptions: one product, one market price; subscription fee fixed; usage of subscribers does not
respond to price (they never see it); the cost of a check equals the cost of doing the task; the
cost of training the model and of serving free users is left out (gross margin, not profit). Every
number in the presets except the API prices and Klarna's chat volume and agents is illustrative (Klarna's
"two-thirds of all chats" is the share routed to its assistant, not the share it got right).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Mapping

import numpy as np
import pandas as pd

from ..params import Param, Parameters, Values, model
from .wording import money, share

MONTHS = 36                 # three years, month 0 = launch
EXPERIENCE_AT_LAUNCH = 12   # tokens served before launch, in months of launch volume (Wright's E_0)
TOP_TENTH = 1.2815515655446004   # z of the 90th percentile of a normal: the heaviest tenth of subscribers
WAYS = ("Metered service", "Subscription bundle", "Own operations")
SAME = 0.005                # margins within half a percentage point count as unchanged

PARAMETERS = Parameters(
    Param("price_start", "Price at launch", "¤ / million tokens", 37.5, 0.05, 200.0, 0.05,
          "What the market pays for a million tokens at launch (a blend of input and output prices)."),
    Param("price_decline", "Market price cut per year", "% a year", 0.78, 0.0, 0.95, 0.01,
          "Share by which rivals push the price per million tokens down each year.", percent=True),
    Param("cost_start", "Inference cost at launch", "¤ / million tokens", 15.0, 0.05, 200.0, 0.05,
          "What serving a million tokens costs at launch: chips, power, data centre (illustrative)."),
    Param("learning", "Cost cut per doubling of volume", "% per doubling", 0.3, 0.0, 0.6, 0.01,
          "Wright's law: the share by which cost falls each time the cumulative tokens served double.",
          percent=True),
    Param("tokens_per_task", "Tokens per task", "thousand tokens", 2.0, 0.1, 100.0, 0.1,
          "Input and output tokens one task uses (a support chat, a summary, a piece of code)."),
    Param("tasks_start", "Tasks at launch", "million / month", 10.0, 0.1, 1000.0, 0.1,
          "Tasks customers send through the metered service in the first month."),
    Param("price_elasticity", "Usage response to price", "elasticity", 1.2, 0.0, 3.0, 0.05,
          "How much usage grows when the price falls: 1 means 1 % cheaper brings 1 % more use."),
    Param("quality_start", "Tasks done right at launch", "%", 0.6, 0.05, 0.99, 0.01,
          "Share of tasks the AI gets right without a person, at launch.", percent=True),
    Param("error_fix", "Errors more data can remove", "%", 0.75, 0.0, 1.0, 0.01,
          "Share of the AI's launch errors the data flywheel can remove at most (0: no flywheel).",
          percent=True),
    Param("flywheel", "Use that closes 63 % of the quality gap", "million tasks", 500.0, 1.0, 100000.0, 1.0,
          "Data flywheel: cumulative tasks after which quality has covered 63 % of the way to its best."),
    Param("fee", "Subscription fee", "¤ / month", 20.0, 1.0, 500.0, 1.0,
          "Flat monthly price of the bundle; the market does not cut it."),
    Param("subscriber_tasks", "Median subscriber's tasks at launch", "tasks / month", 300, 1, 20000, 1,
          "Tasks the middle subscriber runs a month at launch; it grows with quality.", integer=True),
    Param("usage_spread", "Spread of subscribers' use", "σ of log tasks", 1.0, 0.0, 3.0, 0.05,
          "0: every subscriber uses the median; 1: the heaviest tenth use 3.6 times the median or more."),
    Param("human_cost", "Cost of a task done by a person", "¤ / task", 4.0, 0.01, 100.0, 0.01,
          "Wage and overhead for the time a person needs for one task."),
    Param("review_floor", "Tasks a person always checks", "%", 0.1, 0.0, 1.0, 0.01,
          "Share of the AI's tasks a person checks whatever the quality (rules, risk, complaints).",
          percent=True),
    Param("own_tasks", "Own tasks a month", "thousand / month", 500.0, 0.1, 100000.0, 0.1,
          "Tasks of this kind the firm itself handles each month (support chats, invoices, claims)."),
    Param("fixed_cost", "Fixed cost of the AI system", "¤ thousand / month", 100.0, 0.0, 100000.0, 1.0,
          "Integration, evaluation, monitoring and engineers, whatever the volume."),
)


@dataclass(frozen=True)
class AIResult:
    """Month by month (``monthly``) and the figures a manager asks for."""

    monthly: pd.DataFrame           # month, price, cost, quality, tasks, margins, saving (see simulate)
    exponent: float                 # Wright's b = −log₂(1 − L)
    survival_index: float           # ε · b: the metered margin survives endless price cuts only if ≥ 1
    meter_margin_start: float       # 1 − c_0 / p_0
    meter_margin_end: float         # in the last month
    meter_negative_month: int | None    # first month the meter sells below cost
    subscription_margin_end: float  # average gross margin of the bundle in the last month
    loss_share_end: float           # share of subscribers who cost more than the fee, last month
    loss_tasks_end: float           # tasks a month above which a subscriber costs more than the fee, last month
    task_cost_end: float            # ¤ for one automated task in the last month (inference + people)
    inference_cost_end: float       # ¤ of inference for one task in the last month
    human_share_end: float          # share of tasks people still handle, last month
    saving_end: float               # ¤ a month saved by automating own tasks, last month (fixed cost included)
    automation_pays_from: int | None    # first month from which automation saves money every month
    breakeven_tasks: float | None   # own tasks (thousand a month) at which automation breaks even in the last month

    @property
    def saving_first_year(self) -> float:
        """¤ saved by automating own tasks in the first twelve months (months 0–11, fixed cost included)."""
        return float(self.monthly.saving.iloc[:12].sum()) * 1000.0

    @property
    def ways(self) -> pd.DataFrame:
        """Gross margin (% of revenue, or saving as % of the human cost) of each way, at launch and at the end."""
        m = self.monthly
        cols = ["meter_margin", "subscription_margin", "automation_margin"]
        return pd.DataFrame({"launch": m[cols].iloc[0].to_numpy(), "after 3 years": m[cols].iloc[-1].to_numpy()},
                            index=pd.Index(list(WAYS), name="way"))


def wright_exponent(learning: float) -> float:
    """b = −log₂(1 − L): cost ∝ (cumulative volume)^(−b)."""
    return -math.log2(1.0 - learning)


def price_path(p: Values) -> np.ndarray:
    """Price per million tokens in months 0..MONTHS: p_0 · (1 − d)^(t/12)."""
    return p.price_start * (1.0 - p.price_decline) ** (np.arange(MONTHS + 1) / 12.0)


def quality_max(p: Values) -> float:
    """Q_max = Q_0 + share of errors removable × (1 − Q_0): the best quality more data can reach."""
    return p.quality_start + p.error_fix * (1.0 - p.quality_start)


def human_share(quality: np.ndarray | float, floor: float) -> np.ndarray | float:
    """Share of tasks people still handle: the checked floor plus every task the AI gets wrong."""
    return floor + (1.0 - floor) * (1.0 - np.asarray(quality))


def _usage_and_quality(p: Values, price: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Tasks (million a month) and quality per month: usage feeds the flywheel, quality feeds usage."""
    demand = (price / p.price_start) ** (-p.price_elasticity) / p.quality_start
    best = quality_max(p)
    gap = best - p.quality_start
    tasks = np.empty(MONTHS + 1)
    quality = np.empty(MONTHS + 1)
    served = 0.0
    for t in range(MONTHS + 1):
        q = best - gap * math.exp(-served / p.flywheel)
        quality[t] = q
        tasks[t] = p.tasks_start * q * demand[t]
        served += tasks[t]
    return tasks, quality


def _upper_share(threshold: np.ndarray, median: np.ndarray, spread: float) -> np.ndarray:
    """Share of lognormal(median, σ) subscribers above ``threshold`` tasks (σ = 0: everyone at the median)."""
    if spread == 0:
        return (median > threshold).astype(float)
    z = np.log(threshold / median) / (spread * math.sqrt(2.0))
    return np.array([0.5 * math.erfc(x) for x in z])


@model(PARAMETERS)
def simulate(p: Values) -> AIResult:
    """Price, cost and quality month by month, and the gross margin of selling per use, bundling, or automating."""
    month = np.arange(MONTHS + 1)
    price = price_path(p)
    tasks, quality = _usage_and_quality(p, price)
    b = wright_exponent(p.learning)
    tokens = tasks * p.tokens_per_task                       # billion tokens a month (million tasks × thousand)
    experience = EXPERIENCE_AT_LAUNCH * tokens[0] + np.concatenate(([0.0], np.cumsum(tokens)[:-1]))
    cost = p.cost_start * (experience / experience[0]) ** (-b)
    meter_margin = 1.0 - cost / price
    revenue = tokens * price                                 # ¤ million a month (billion tokens × ¤ / million)
    task_cost = cost * p.tokens_per_task / 1000.0            # ¤ of inference per task

    # Subscription: median tasks grow with quality; the mean of a lognormal is median · e^{σ²/2}.
    median_tasks = p.subscriber_tasks * quality / p.quality_start
    mean_tasks = median_tasks * math.exp(p.usage_spread ** 2 / 2.0)
    subscription_margin = 1.0 - task_cost * mean_tasks / p.fee
    loss_tasks = p.fee / task_cost
    loss_share = _upper_share(loss_tasks, median_tasks, p.usage_spread)
    heavy_cost = task_cost * median_tasks * math.exp(TOP_TENTH * p.usage_spread)

    # Own operations: people still handle h_t of the tasks; the system costs a fixed amount a month.
    people = human_share(quality, p.review_floor)
    ai_task_cost = task_cost + people * p.human_cost
    per_task_saving = p.human_cost - ai_task_cost
    saving = p.own_tasks * per_task_saving - p.fixed_cost    # ¤ thousand a month
    automation_margin = saving / (p.own_tasks * p.human_cost)

    monthly = pd.DataFrame({
        "month": month, "price": price, "cost": cost, "quality": quality, "tasks": tasks,
        "revenue": revenue, "gross_profit": revenue * meter_margin, "meter_margin": meter_margin,
        "subscription_margin": subscription_margin, "loss_share": loss_share, "loss_tasks": loss_tasks,
        "heavy_cost": heavy_cost, "inference_per_task": task_cost, "human_share": people,
        "person_cost": np.full(MONTHS + 1, p.human_cost), "ai_task_cost": ai_task_cost, "saving": saving,
        "automation_margin": automation_margin,
    })
    per_task_end = float(per_task_saving[-1])
    return AIResult(
        monthly=monthly, exponent=b, survival_index=p.price_elasticity * b,
        meter_margin_start=float(meter_margin[0]), meter_margin_end=float(meter_margin[-1]),
        meter_negative_month=_first(meter_margin < 0),
        subscription_margin_end=float(subscription_margin[-1]),
        loss_share_end=float(loss_share[-1]), loss_tasks_end=float(loss_tasks[-1]),
        task_cost_end=float(ai_task_cost[-1]), inference_cost_end=float(task_cost[-1]),
        human_share_end=float(people[-1]), saving_end=float(saving[-1]) * 1000.0,
        automation_pays_from=_from_then_on(saving > 0),
        breakeven_tasks=p.fixed_cost / per_task_end if per_task_end > 0 else None,
    )


def _first(flags: np.ndarray) -> int | None:
    hits = np.flatnonzero(flags)
    return int(hits[0]) if hits.size else None


def _from_then_on(flags: np.ndarray) -> int | None:
    """First month from which ``flags`` holds to the end (None if it fails in the last month)."""
    if not flags[-1]:
        return None
    misses = np.flatnonzero(~flags)
    return 0 if misses.size == 0 else int(misses[-1]) + 1


# --- the live sentence ----------------------------------------------------------------------------
def takeaway(result: AIResult, values: Mapping[str, Any], currency: str = "$") -> str:
    """Three sentences, one per way of earning from the AI; they double as the charts' text alternative."""
    p = PARAMETERS.validate(values)
    return " ".join((_meter(result, currency), _bundle(result, p, currency), _automation(result, p, currency)))


_pct = share  # '60 %', '0.1 %', '−774 %', 'under 0.01 %'


def _meter(r: AIResult, currency: str) -> str:
    m = r.monthly
    first, last = m.price.iloc[0], m.price.iloc[-1]
    if last < first:
        price = (f"the price falls from {money(first, currency)} to {money(last, currency)} per million tokens "
                 f"in {MONTHS} months")
    else:
        price = f"the price stays at {money(first, currency)} per million tokens for {MONTHS} months"
    moves = f"On the meter {price} and the cost goes from {money(m.cost.iloc[0], currency)} to {money(m.cost.iloc[-1], currency)}"
    start, end = r.meter_margin_start, r.meter_margin_end
    below = m.meter_margin.to_numpy() < 0
    if below.any():
        verdict = _below_cost(below, start, end)
    elif abs(end - start) <= SAME:
        verdict = f"the gross margin holds at {_about(end)}"
    elif end > start:
        verdict = f"the gross margin rises from {_pct(start)} to {_pct(end)}: cost falls faster than the price"
    else:
        verdict = f"the gross margin shrinks from {_pct(start)} to {_pct(end)}: the price falls faster than cost"
    return f"{moves}: {verdict}."


def _about(x: float) -> str:
    """'about 60 %', but 'over 99.99 %' without an 'about' in front of a bound."""
    text = _pct(x)
    return text if text.startswith(("over", "under")) else f"about {text}"


def _below_cost(below: np.ndarray, start: float, end: float) -> str:
    """Which months the meter sells below cost, as the months show it (some month is below cost)."""
    months, ending = below.size, f"gross margin {_pct(end)} at the end"
    if below.all():
        return f"it sells below cost in every month ({_pct(start)} at launch, {ending})"
    spell_end = _from_then_on(below)             # first month from which it stays below cost, if it ends below
    if spell_end is not None and not below[:spell_end].any():
        return (f"the gross margin of {_pct(start)} does not survive: the service sells below cost "
                f"from month {spell_end}")
    covered = _from_then_on(~below)              # first month from which it covers its cost, if it ends above
    if covered is not None and below[:covered].all():
        if covered == 1:
            return f"it sells below cost only in the launch month ({ending})"
        return (f"it sells below cost from the launch to month {covered - 1} and covers its cost "
                f"from month {covered} ({ending})")
    count = f"the service sells below cost in {int(below.sum())} of the {months} months"
    if spell_end is not None:
        return f"{count} and from month {spell_end} to the end ({ending})"
    last = int(np.flatnonzero(below)[-1])
    return f"{count}, the last of them month {last}, and covers its cost from month {covered} ({ending})"


def _tasks(x: float) -> str:
    """A number of tasks as it is: '9,550', '3.1', '0.42' (never '0' for a threshold above zero)."""
    return f"{x:,.0f}" if x >= 9.5 else f"{x:.2g}"


def _bundle(r: AIResult, p: Values, currency: str) -> str:
    fee = money(p.fee, currency)
    margin = r.subscription_margin_end
    head = (f"A {fee} subscription keeps {_pct(margin)} of its fee in month {MONTHS}" if margin >= 0 else
            f"A {fee} subscription loses {_pct(-margin)} of its fee on the average subscriber in month {MONTHS}")
    if r.loss_share_end <= 0:
        tail = "no subscriber costs more than the fee"
    elif r.loss_share_end >= 1:
        tail = "every subscriber costs more than the fee"
    elif r.loss_share_end < 0.0001:
        tail = "hardly any subscriber (under 0.01 %) costs more than the fee"
    else:
        tail = (f"the {_pct(r.loss_share_end)} who run more than {_tasks(r.loss_tasks_end)} tasks a month "
                "cost more than they pay")
        if r.loss_tasks_end < 1:
            tail += " (a single task costs more than the fee)"
    return f"{head}; {tail}."


def _automation(r: AIResult, p: Values, currency: str) -> str:
    task = (f"Automating a task costs {money(r.task_cost_end, currency)} in month {MONTHS} "
            f"({money(r.inference_cost_end, currency)} of inference, people still on {_pct(r.human_share_end)} "
            f"of tasks) against {money(p.human_cost, currency)} for a person")
    if r.breakeven_tasks is None:
        return f"{task}: it never pays, however many tasks the firm has."
    if r.automation_pays_from is None:
        return (f"{task}: on {p.own_tasks:,.1f} thousand tasks a month the fixed cost eats the saving "
                f"(it pays from {r.breakeven_tasks:,.1f} thousand tasks a month).")
    when = "from the launch" if r.automation_pays_from == 0 else f"from month {r.automation_pays_from}"
    return f"{task}: it pays {when} and saves {money(r.saving_end, currency)} a month by month {MONTHS}."
