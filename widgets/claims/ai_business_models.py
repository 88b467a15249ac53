"""Lesson 31's things to try and quoted numbers, computed by the AI economics model (widgets/models/ai_economics.py)."""

from __future__ import annotations

from widgets.explorers.ai_economics import (GPT4_MARCH_2023, GPT4O_AUGUST_2024, KLARNA_AGENTS, KLARNA_CHATS_M,
                                            PRESETS, blended)
from widgets.models import ai_economics as ai

from . import LessonClaims, Passage, Setting, Tries, attempt, money, num, pct

GPT4 = Setting(ai, PRESETS["GPT-4-class API from its March 2023 price"])
KLARNA = Setting(ai, PRESETS["Klarna's first-month chats at GPT-4o prices"])
SOLUTIONS = "solutions/31_ai_business_models.ipynb"
KLARNA_ESTIMATE = 40e6          # USD profit improvement Klarna estimated for 2024 (ai_automation_cases.csv)
AGENT_COST_MONTH = 5000.0       # the preset's illustrative cost of an agent a month (explorer calibration)


def margin_end(result: ai.AIResult) -> float:
    """Saving in month 36 as a share of what people would cost (the automation margin)."""
    return float(result.monthly.automation_margin.iloc[-1])


def falling_at_the_end(result: ai.AIResult) -> bool:
    """The metered margin is lower in the last month than the month before."""
    m = result.monthly.meter_margin
    return bool(m.iloc[-1] < m.iloc[-2])


def first_floor_that_stops_paying() -> float:
    """Smallest share always checked (on the control's 1 % grid) at which automation no longer pays in month 36."""
    return next(h / 100 for h in range(5, 101) if KLARNA.run(review_floor=h / 100).automation_pays_from is None)


def person_cost_for(target: float) -> float:
    """Cost of a chat done by a person at which the preset's first year saves ``target`` (the saving is linear in it)."""
    low, high = (KLARNA.run(human_cost=h).saving_first_year for h in (1.0, 2.0))
    return 1.0 + (target - low) / (high - low)


def klarna_check() -> dict:
    """The preset's first year against Klarna's USD 40 million estimate, and what would close the gap."""
    r, v = KLARNA.run(), KLARNA.values
    per_chat = KLARNA_ESTIMATE / (12 * KLARNA_CHATS_M * 1e6)
    needed = person_cost_for(KLARNA_ESTIMATE)
    return dict(y1=r.saving_first_year, per_chat=per_chat, share=per_chat / v.human_cost, h0=r.monthly.human_share[0],
                needed=needed, agent=needed * KLARNA_CHATS_M * 1e6 / KLARNA_AGENTS,
                at_needed=KLARNA.run(human_cost=round(needed, 2)).saving_first_year)


def price_fall() -> tuple[float, float]:
    """GPT-4 (March 2023) to the August 2024 GPT-4o snapshot, blended: the whole fall and the yearly rate."""
    ratio = blended(GPT4O_AUGUST_2024) / blended(GPT4_MARCH_2023)
    years = (GPT4O_AUGUST_2024[2] - GPT4_MARCH_2023[2]).days / 365.25
    return 1 - ratio, 1 - ratio ** (1 / years)


TRIES = Tries("ai31-20", (
    attempt(
        "A margin that does not survive.",
        "In the GPT-4-class preset the price falls {cut} a year and the cost falls {learn} per doubling of volume "
        "($\\varepsilon \\cdot b = {eb}$): the {start} gross margin turns negative in month {month}. Pin it, then "
        "raise *Cost cut per doubling of volume* to 50 %. Now $\\varepsilon \\cdot b = {eb50}$: the margin never turns "
        "negative and ends at {end50}.",
        facts=lambda: dict(cut=pct(GPT4.values.price_decline), learn=pct(GPT4.values.learning),
                           eb=num(GPT4.run().survival_index, 2), start=pct(GPT4.run().meter_margin_start),
                           month=GPT4.run().meter_negative_month, eb50=num(GPT4.run(learning=0.5).survival_index, 1),
                           end50=pct(GPT4.run(learning=0.5).meter_margin_end)),
        holds=lambda: {"at 50 % the margin never turns negative": GPT4.run(learning=0.5).meter_negative_month is None,
                       "at 30 % it stays negative once it turns": "sells below cost from month" in GPT4.say()},
    ),
    attempt(
        "Volume to the rescue.",
        "Back at 30 %, raise *Usage response to price* from {e0} to 2.0 ($\\varepsilon \\cdot b = {eb2}$, just above "
        "1): the margin shrinks to {end2} but survives. Lower it to 0.5: the service sells below cost from month "
        "{month05}. A price cut that brings little new use is a gift to customers, paid by the margin.",
        facts=lambda: dict(e0=num(GPT4.values.price_elasticity, 1), eb2=num(GPT4.run(price_elasticity=2.0).survival_index, 2),
                           end2=pct(GPT4.run(price_elasticity=2.0).meter_margin_end),
                           month05=GPT4.run(price_elasticity=0.5).meter_negative_month),
        holds=lambda: {"ε·b is just above 1 at 2.0": 1 <= GPT4.run(price_elasticity=2.0).survival_index < 1.1,
                       "at 2.0 the margin shrinks but never turns negative":
                           GPT4.run(price_elasticity=2.0).meter_negative_month is None
                           and GPT4.run(price_elasticity=2.0).meter_margin_end < GPT4.run().meter_margin_start,
                       "at 0.5 the sentence says it sells below cost from that month on":
                           f"sells below cost from month {GPT4.run(price_elasticity=0.5).meter_negative_month}"
                           in GPT4.say(price_elasticity=0.5)},
    ),
    attempt(
        "The price war stops.",
        "Set *Market price cut per year* to 0: the cost keeps falling with volume while the price stays, and the "
        "margin rises from {start} to {end}. Which of the two worlds do the API prices in section 2 describe?",
        facts=lambda: dict(start=pct(GPT4.run(price_decline=0.0).meter_margin_start),
                           end=pct(GPT4.run(price_decline=0.0).meter_margin_end)),
        holds=lambda: {"the sentence says the margin rises": "the gross margin rises" in GPT4.say(price_decline=0.0)},
    ),
    attempt(
        "The bundle and its heavy users.",
        "Raise *Spread of subscribers' use* from 1.0 to 2.5: the bundle loses money on average in month 36, and "
        "{heavy} of subscribers each cost more than their fee. Go back to 1.0 and raise *Tokens per task* from 2 to 20 "
        "(a model that \"thinks\" at length before it answers): the bundle loses {loss20} of its fee at launch and "
        "still only keeps {keep20} after three years of falling costs. This is the GitHub Copilot story.",
        facts=lambda: dict(heavy=pct(GPT4.run(usage_spread=2.5).loss_share_end),
                           loss20=pct(-GPT4.run(tokens_per_task=20.0).monthly.subscription_margin[0]),
                           keep20=pct(GPT4.run(tokens_per_task=20.0).subscription_margin_end)),
        holds=lambda: {"at a spread of 2.5 the bundle loses money on average in month 36":
                           GPT4.run(usage_spread=2.5).subscription_margin_end < 0,
                       "at 20 thousand tokens a task it loses at launch and keeps a margin at the end":
                           GPT4.run(tokens_per_task=20.0).monthly.subscription_margin[0] < 0
                           < GPT4.run(tokens_per_task=20.0).subscription_margin_end},
    ),
    attempt(
        "Own operations: people in the loop.",
        "Switch to *Klarna's first-month chats at GPT-4o prices*. The AI saves money from the first month. Raise *Tasks "
        "a person always checks* from {floor} to 50 %, then 80 %: the saving in month 36 falls from {m05} to {m50} and "
        "{m80} of the human cost. From {stop} checked it no longer pays at Klarna's volume; with every chat checked it "
        "never pays at any volume — the AI then adds nothing but its cost.",
        facts=lambda: dict(floor=pct(KLARNA.values.review_floor), m05=pct(margin_end(KLARNA.run())),
                           m50=pct(margin_end(KLARNA.run(review_floor=0.5))),
                           m80=pct(margin_end(KLARNA.run(review_floor=0.8))), stop=pct(first_floor_that_stops_paying())),
        holds=lambda: {"the preset pays from the launch": KLARNA.run().automation_pays_from == 0,
                       "at 80 % it still pays": KLARNA.run(review_floor=0.8).automation_pays_from is not None,
                       "just below the threshold it pays":
                           KLARNA.run(review_floor=first_floor_that_stops_paying() - 0.01).automation_pays_from
                           is not None,
                       "at 100 % it never pays, however many chats": KLARNA.run(review_floor=1.0).breakeven_tasks is None},
    ),
    attempt(
        "Own operations: scale.",
        "Back at {floor}, lower *Own tasks a month* from {chats} to 250 thousand: the fixed cost of USD {fixed} "
        "thousand a month delays the saving to month {month250}; at 100 thousand it never pays in three years "
        "(break-even about {breakeven} thousand tasks a month by month 36). Then set *Cost of a task done by a person* "
        "to USD 0.10 at the full {chats} thousand: a cheap task is not worth automating either.",
        facts=lambda: dict(floor=pct(KLARNA.values.review_floor), chats=num(KLARNA.values.own_tasks),
                           fixed=num(KLARNA.values.fixed_cost), month250=KLARNA.run(own_tasks=250.0).automation_pays_from,
                           breakeven=num(KLARNA.run().breakeven_tasks)),
        holds=lambda: {"at 250 thousand it pays, but not from the launch":
                           (KLARNA.run(own_tasks=250.0).automation_pays_from or 0) > 0,
                       "at 100 thousand it never pays in three years": KLARNA.run(own_tasks=100.0).automation_pays_from is None,
                       "at USD 0.10 a task it does not pay": KLARNA.run(human_cost=0.1).automation_pays_from is None},
    ),
    attempt(
        "No flywheel.",
        "Set *Errors more data can remove* to 0: quality stays at {q}, people stay on {h} of the chats, and the saving "
        "in month 36 falls from {m} to {m0} of the human cost.",
        facts=lambda: dict(q=pct(KLARNA.values.quality_start), h=pct(KLARNA.run(error_fix=0.0).human_share_end),
                           m=pct(margin_end(KLARNA.run())), m0=pct(margin_end(KLARNA.run(error_fix=0.0)))),
        holds=lambda: {"quality does not move": float(KLARNA.run(error_fix=0.0).monthly.quality.max())
                       == KLARNA.values.quality_start},
    ),
))

PRICE_FALL = Passage(
    cell="ai31-07",
    text="A GPT-4-class million tokens cost about **{fall} less** in August 2024 than in March 2023 — a price cut of\n"
         "about **{cut} a year**. Read this with care: GPT-4o is a different model from GPT-4 (a longer context, "
         "different\nabilities), so this is the fall in the price of *comparable* intelligence, not of one product; the "
         "later prices come\nfrom secondary listings (`[2nd]` in the `note` column). The *cost* of serving a million "
         "tokens is not published by\nanyone: chip makers' claims of cost cuts are vendors' claims, and no independent "
         "index of inference cost is in this\ncourse's data — which is why the cost in the model is illustrative.\n\n"
         "Who earns? The chip supplier reports audited revenue; the best-known model seller is private and publishes "
         "none —\nits figures are press reports of run-rates (one month's revenue × 12):",
    facts=lambda: dict(fall=pct(price_fall()[0]), cut=pct(price_fall()[1])),
)

FOR_EVER = Passage(
    cell="ai31-12b",
    text="**The rule is about price cuts that go on for ever.** Over the explorer's three years the bar is lower: a "
         "margin that\nstarts at {start} has room to shrink before it turns negative. In the GPT-4-class preset (cost "
         "{learn} cheaper per\ndoubling) a usage response of {e} gives $\\varepsilon \\cdot b = {eb}$ — below 1 — and "
         "yet the margin stays above zero for\nall 36 months: it falls from {start} to {end} and is still falling in the "
         "last month (at {e_less} it turns negative in\nmonth {month_less}). At 2.0 ($\\varepsilon \\cdot b = {eb2}$) it "
         "dips to {low2}, recovers and ends at {end2}, still rising. So \"does the\nmargin survive three years?\" and "
         "\"does it survive for ever?\" are different questions with different answers;\nexercise 3 asks both.",
    facts=lambda: dict(start=pct(GPT4.run().meter_margin_start), learn=pct(GPT4.values.learning), e=num(1.7, 1),
                       eb=num(GPT4.run(price_elasticity=1.7).survival_index, 2),
                       end=pct(GPT4.run(price_elasticity=1.7).meter_margin_end), e_less=num(1.6, 1),
                       month_less=GPT4.run(price_elasticity=1.6).meter_negative_month,
                       eb2=num(GPT4.run(price_elasticity=2.0).survival_index, 2),
                       low2=pct(float(GPT4.run(price_elasticity=2.0).monthly.meter_margin.min())),
                       end2=pct(GPT4.run(price_elasticity=2.0).meter_margin_end)),
    holds=lambda: {"at 1.7 ε·b is below 1": GPT4.run(price_elasticity=1.7).survival_index < 1,
                   "at 1.7 the margin never turns negative in 36 months":
                       GPT4.run(price_elasticity=1.7).meter_negative_month is None,
                   "at 1.7 it is still falling in the last month": falling_at_the_end(GPT4.run(price_elasticity=1.7)),
                   "at 1.6 it turns negative": GPT4.run(price_elasticity=1.6).meter_negative_month is not None,
                   "at 2.0 ε·b is at least 1": GPT4.run(price_elasticity=2.0).survival_index >= 1,
                   "at 2.0 it dips below its start and rises in the last month":
                       float(GPT4.run(price_elasticity=2.0).monthly.meter_margin.min()) < GPT4.run().meter_margin_start
                       and not falling_at_the_end(GPT4.run(price_elasticity=2.0))},
)

CALIBRATION = Passage(
    cell="ai31-16",
    text="### How the presets are calibrated\n\n"
         "Both presets take the **price at launch** from the dataset (list prices blended 3 : 1) and the **yearly "
         "price cut**\nfrom the fall between GPT-4 (March 2023) and the August 2024 GPT-4o snapshot, rounded to the "
         "control's step. The\npreset *Klarna's first-month chats at GPT-4o prices* applies GPT-4o's May 2024 prices "
         "to the volumes Klarna reported\nfor February 2024: GPT-4o came out three months after Klarna's first month, so "
         "the prices stand in for what such\nchats cost on a newer model, not for what Klarna paid. Its **own tasks** "
         "are the {chats} million chats Klarna routed\nto its assistant — two-thirds of all its chats; the other third "
         "stayed with people and is outside the comparison.\nTwo-thirds is how many chats the assistant *took*, not how "
         "many it got *right*: Klarna did not publish how many it\nsettled without a person, so **quality at launch "
         "({quality}) is illustrative**, as is the share a person always checks\n({floor}). The **cost of a chat done by "
         "a person**, USD {person}, spreads the {agents} agents Klarna said the assistant stood\nin for, at an "
         "illustrative USD {agent_cost} a month each, over those chats. Everything else is **illustrative**.",
    facts=lambda: dict(chats=num(KLARNA.values.own_tasks / 1000, 1), quality=pct(KLARNA.values.quality_start),
                       floor=pct(KLARNA.values.review_floor), person=num(KLARNA.values.human_cost, 2),
                       agents=num(KLARNA_AGENTS), agent_cost=num(AGENT_COST_MONTH)),
    holds=lambda: {"the preset's quality is not the share of chats routed to the assistant":
                       KLARNA.values.quality_start != 2 / 3 and abs(KLARNA.values.quality_start - 0.66) > 0.05,
                   "the person's cost is the agents' cost over the chats":
                       abs(KLARNA.values.human_cost - AGENT_COST_MONTH * KLARNA_AGENTS / (KLARNA_CHATS_M * 1e6)) < 0.005},
)

KLARNA_CHECK = Passage(
    cell="ai31-17b",
    text="**Checking the preset against Klarna's own estimate.** Klarna estimated that the assistant would drive "
         "\"a USD 40\nmillion\" profit improvement in 2024 (its own estimate, not a measured result; `[2nd]`). The "
         "preset's first twelve\nmonths save **{y1}**, {ratio} of that. The gap is no measurement: each side rests on "
         "numbers nobody published.\n\n"
         "- Klarna's figure comes to USD {per_chat} for each of 2.3 million chats a month for a year: {share} of the "
         "USD {person} a\n  chat done by a person costs in the preset. It counts almost every chat the assistant took "
         "as one no person\n  touched, and the system as free. In the preset people still handle {h0} of those chats "
         "at launch (the {floor} always\n  checked plus the chats the AI gets wrong, both illustrative), and the system "
         "costs USD {fixed} thousand a month.\n"
         "- The cost of a person is the preset's guess (USD {agent_cost} a month an agent). The preset's first year "
         "reaches USD 40\n  million only if a chat done by a person costs USD {needed}: an agent at about USD {agent} "
         "a month.\n"
         "- Klarna's year is 2024 with the volumes it then had; the preset holds the volume at the first month's 2.3 "
         "million\n  chats.\n\n"
         "To match Klarna's estimate the preset needs dearer agents, fewer chats going back to people, or more chats; "
         "Klarna\npublished none of the three.",
    facts=lambda: (lambda c: dict(
        y1=money(c["y1"] / 1e6, 1, "million"), ratio=pct(c["y1"] / KLARNA_ESTIMATE), per_chat=num(c["per_chat"], 2),
        share=pct(c["share"]), person=num(KLARNA.values.human_cost, 2), h0=pct(c["h0"]),
        floor=pct(KLARNA.values.review_floor), fixed=num(KLARNA.values.fixed_cost), agent_cost=num(AGENT_COST_MONTH),
        needed=num(c["needed"], 2), agent=num(round(c["agent"], -2))))(klarna_check()),
    holds=lambda: (lambda c: {
        "the preset's first year saves less than Klarna's estimate": c["y1"] < KLARNA_ESTIMATE,
        "Klarna's saving per chat is almost all of a person's cost": 0.9 < c["share"] < 1,
        "at that cost of a person the first year saves USD 40 million": abs(c["at_needed"] / KLARNA_ESTIMATE - 1) < 0.005,
        "that cost is above the preset's": c["needed"] > KLARNA.values.human_cost})(klarna_check()),
)

Q3_PROMPT = Passage(
    notebook=SOLUTIONS, cell="18454e67",
    text="**Question 3 — three years, or for ever?** The dictionary `api` below is the lesson's GPT-4-class preset "
         "(price at\nlaunch and yearly cut from the data; everything else illustrative). With a learning rate of "
         "{learn} per doubling the\nmetered gross margin turns negative in month {month}. Try the learning rates "
         "(`learning`) in `rates`: 0.30, 0.35, 0.40, …\nup to 0.60.\n\n"
         "* In `q3` store the **smallest** rate for which `ai.simulate({{**api, \"learning\": L}}).meter_negative_month` "
         "is `None`:\n  the service never sells below cost **in the model's three years**.\n"
         "* In `q3_rule` store the smallest rate that meets the lesson's rule for price cuts that go on **for ever**,\n"
         "  $\\varepsilon \\cdot b \\ge 1$, with $\\varepsilon = {e}$ and $b = -\\log_2(1 - L)$ (`ai.wright_exponent(L)`).\n\n"
         "Store both as fractions. If they differ, the lesson's section 3 says why.",
    facts=lambda: dict(learn=pct(GPT4.values.learning), month=GPT4.run().meter_negative_month,
                       e=num(GPT4.values.price_elasticity, 1)),
)

Q6_ANSWER = Passage(
    notebook=SOLUTIONS, cell="8a4fbb30",
    text="**Model answer.** The saving per chat is $(1 - h)\\,H - c_{{\\text{{task}}}}$ and the fixed cost $K$ must "
         "be spread over\nthe volume: what decides is the **share of chats people must still handle** ($h$: checks, the "
         "AI's mistakes, rules)\nand the **volume against the fixed cost** of integration and monitoring. Inference "
         "costs under a cent a chat (USD {inference}\nat launch in the lesson's Klarna preset), so even a tenfold "
         "inference cost moves the preset's first-year saving by\nonly {tenfold}. Klarna's figures support "
         "*efficiency* for simple errands (2 minutes against 11), but not\n*transparency* (\"700 agents\" is Klarna's own "
         "equivalence, not an audited result) and say nothing for *security*;\nits 2025 return to human agents shows the "
         "quality cost that a cost-only view misses. In a pilot I would measure\nthe share of chats escalated or "
         "corrected, repeat contacts and complaints, and customer satisfaction on complex\nclaims, and compare the "
         "all-in cost per resolved chat with the people-only cost.\n\n"
         "**Rubric (3 points).**\n"
         "* 1 point — the two levers from the model (people-in-the-loop share; volume against fixed cost), with the "
         "reason\n  inference price matters little (a fraction of a cent a chat against a person's cost).\n"
         "* 1 point — the claim tested against the case: efficiency supported for some tasks, transparency and "
         "security not\n  (self-reported equivalence; wrong answers are a cost to catch).\n"
         "* 1 point — concrete pilot measurements tied to $h$ or quality (escalation rate, repeat contacts, complaints,\n"
         "  satisfaction on complex cases, all-in cost per resolved chat).",
    facts=lambda: dict(inference=num(float(KLARNA.run().monthly.inference_per_task[0]), 3),
                       tenfold=pct(1 - KLARNA.run(cost_start=10 * KLARNA.values.cost_start).saving_first_year
                                   / KLARNA.run().saving_first_year)),
    holds=lambda: {"inference is under a cent a chat at launch": KLARNA.run().monthly.inference_per_task[0] < 0.01,
                   "a tenfold inference cost moves the first-year saving by less than a tenth":
                       KLARNA.run(cost_start=10 * KLARNA.values.cost_start).saving_first_year
                       > 0.9 * KLARNA.run().saving_first_year},
)

CLAIMS = LessonClaims("31_ai_business_models", tries=TRIES,
                      passages=(PRICE_FALL, FOR_EVER, CALIBRATION, KLARNA_CHECK, Q3_PROMPT, Q6_ANSWER))
