"""Lesson 30's things to try and quoted numbers, computed by the two-sided platform model."""

from __future__ import annotations

from widgets.explorers.platform import PRESETS
from widgets.models import platform as pf

from . import LessonClaims, Passage, Setting, Tries, attempt, money, num, pct

SOLUTIONS = "solutions/30_platforms_and_network_effects.ipynb"
RIDE = Setting(pf, PRESETS["Ride-hailing launch (Uber's take rate)"])
HOME = Setting(pf, PRESETS["Home-sharing launch (Airbnb's take rate)"])
LOW_GUARANTEE = 450          # the driver guarantee that lets the ride-hailing launch die
HIGH_RATE = 0.35             # a take rate at which the ride-hailing launch peaks and declines
RIVAL = 0.2                  # the share of the trade a rival takes in try 5


def _m(thousands: float) -> str:
    """Money in ¤ thousand as the lesson writes it: 'USD 704.6 million', '−USD 21.2 million'."""
    return money(thousands / 1000, 1, "million")


def _shares(r) -> str:
    return f"{pct(r.final_buyer_share)} of riders and {pct(r.final_seller_share)} of drivers"


_EDGES: dict[tuple, float] = {}


def _edge(setting: Setting, name: str, **changes) -> float:
    """The smallest subsidy on ``name`` that tips the platform (to a cent), other controls as in the preset."""
    key = (setting.preset.name, name, tuple(sorted(changes.items())))
    if key not in _EDGES:
        found = pf.smallest_tipping_subsidy({**setting.preset.values, **changes}, name, pf.PARAMETERS[name].max)
        if found is None:
            raise ValueError(f"no {name} tips {setting.preset.name} with {changes}")
        _EDGES[key] = found
    return _EDGES[key]


def _up(x: float, step: float) -> float:
    """A subsidy a learner can set that tips: the edge rounded up to ``step``."""
    return -(-x // step) * step


def _shortest() -> int:
    """The fewest months of the preset's guarantee that tip the ride-hailing launch."""
    return next(m for m in range(0, 61) if RIDE.run(subsidy_months=m).outcome == "tipped")


def _rival_edge() -> float:
    """The smallest share of the trade through a rival (on the control's 1 % grid) at which the launch no longer tips."""
    return next(m / 100 for m in range(0, 91) if RIDE.run(multihoming=m / 100).outcome != "tipped")


# --- the things to try ------------------------------------------------------------------------

def _try1():
    r, low = RIDE.run(), RIDE.run(seller_subsidy=LOW_GUARANTEE)
    edge = _edge(RIDE, "seller_subsidy")
    return dict(g=num(RIDE.values.seller_subsidy), cm=r.critical_mass_month, pb=r.payback_month, ahead=_m(r.cumulative_profit),
                low=num(LOW_GUARANTEE), shares=_shares(low), lost=_m(low.cumulative_profit), edge=num(_up(edge, 10)),
                below=num(_up(edge, 10) - 10), fifth=num(RIDE.values.seller_subsidy * 0.8))


def _try1_holds():
    r, low = RIDE.run(), RIDE.run(seller_subsidy=LOW_GUARANTEE)
    edge = _up(_edge(RIDE, "seller_subsidy"), 10)
    return {
        "the preset tips": r.outcome == "tipped",
        "at the low guarantee it dies and loses money": low.outcome == "died" and low.cumulative_profit < 0,
        "the rounded edge tips, 10 less does not": RIDE.run(seller_subsidy=edge).outcome == "tipped"
        and RIDE.run(seller_subsidy=edge - 10).outcome != "tipped",
        "a fifth less than the preset still tips": RIDE.run(seller_subsidy=RIDE.values.seller_subsidy * 0.8).outcome == "tipped",
    }


def _try2():
    short = _shortest()
    fade = RIDE.run(subsidy_months=short - 1)
    return dict(short=short, less=short - 1,
                peak=pct(min(fade.peak_buyer_share, fade.peak_seller_share)), pm=fade.peak_month, shares=_shares(fade))


def _try2_holds():
    short = _shortest()
    fade = RIDE.run(subsidy_months=short - 1)
    return {"3 months: it dies": RIDE.run(subsidy_months=3).outcome == "died",
            "one month short of the shortest, it peaks and declines": fade.outcome == "faded",
            "the sentence says it peaked": "peaks at" in RIDE.say(subsidy_months=short - 1)}


def _sides():
    plain = dict(buyer_subsidy=0, seller_subsidy=0)
    credit, guarantee = _edge(RIDE, "buyer_subsidy", seller_subsidy=0), _edge(RIDE, "seller_subsidy", buyer_subsidy=0)
    credit_up, guarantee_up = _up(credit, 0.5), _up(guarantee, 10)
    return (RIDE.run(**{**plain, "buyer_subsidy": credit_up}), RIDE.run(**{**plain, "seller_subsidy": guarantee_up}),
            credit_up, guarantee_up)


def _try3():
    riders, drivers, credit, guarantee = _sides()
    r = RIDE.run()
    return dict(credit=num(credit, 1 if credit % 1 else 0), guarantee=num(guarantee), cost_r=_m(riders.subsidy_spent),
                cost_d=_m(drivers.subsidy_spent), best=num(r.best_launch.subsidy), v=num(r.value_sellers_bring),
                w=num(r.value_buyers_bring))


def _try3_holds():
    riders, drivers, _, _ = _sides()
    r = RIDE.run()
    return {"both one-sided launches tip": riders.outcome == drivers.outcome == "tipped",
            "tipping through riders costs more than through drivers": riders.subsidy_spent > drivers.subsidy_spent,
            "the sweep's best one-sided launch subsidises drivers (sellers)": r.best_launch.side == "sellers",
            "Armstrong's rule points to drivers": r.value_sellers_bring > r.value_buyers_bring,
            "the sentence says so": "best one-sided launch subsidises sellers" in RIDE.say()}


def _try4():
    r = RIDE.run(take_rate=HIGH_RATE)
    return dict(rate=pct(HIGH_RATE), pb=pct(r.peak_buyer_share), ps=pct(r.peak_seller_share), pm=r.peak_month,
                shares=_shares(r), ahead=_m(r.cumulative_profit), tol=pct(r.tolerated_take_rate))


def _try4_holds():
    r = RIDE.run(take_rate=HIGH_RATE)
    text = RIDE.say(take_rate=HIGH_RATE)
    return {"it peaks and declines": r.outcome == "faded", "the sentence says it peaked, not died":
            "peaks at" in text and "platform dies" not in text,
            "revenue still covered the subsidies": r.cumulative_profit > 0 and "covered the subsidies" in text,
            "the take rate is below what a seller tolerates on a full marketplace": HIGH_RATE < r.tolerated_take_rate}


def _rival_rate() -> float:
    """The highest take rate (on the control's grid, below the preset's) at which the launch tips despite the rival."""
    step = pf.PARAMETERS["take_rate"].step
    rates = [round(RIDE.values.take_rate - i * step, 4) for i in range(1, int(RIDE.values.take_rate / step) + 1)]
    return next(t for t in rates if RIDE.run(multihoming=RIVAL, take_rate=t).outcome == "tipped")


def _try5():
    r = RIDE.run(multihoming=RIVAL)
    rate = _rival_rate()
    return dict(edge=pct(_rival_edge()), rival=pct(RIVAL), pm=r.peak_month, shares=_shares(r), lost=_m(r.cumulative_profit),
                most=num(pf.PARAMETERS["seller_subsidy"].max), rate=pct(rate, 1 if round(rate * 1000) % 10 else 0),
                ahead=_m(RIDE.run(multihoming=RIVAL, take_rate=rate).cumulative_profit))


def _try5_holds():
    edge = _rival_edge()
    most = pf.PARAMETERS["seller_subsidy"].max
    return {"just below the edge it tips": RIDE.run(multihoming=edge - 0.01).outcome == "tipped",
            "at the rival's share it peaks and declines, losing money":
                RIDE.run(multihoming=RIVAL).outcome == "faded" and RIDE.run(multihoming=RIVAL).cumulative_profit < 0,
            "not even the largest guarantee tips it": RIDE.run(multihoming=RIVAL, seller_subsidy=most).outcome != "tipped",
            "the lower take rate tips it": RIDE.run(multihoming=RIVAL, take_rate=_rival_rate()).outcome == "tipped"}


def _try6():
    r = RIDE.run(buyer_fee=2, take_rate=0.2)
    return dict(cm=r.critical_mass_month, share=pct(r.seller_revenue_share), ahead=_m(r.cumulative_profit),
                base=_m(RIDE.run().cumulative_profit))


def _try6_holds():
    r = RIDE.run(buyer_fee=2, take_rate=0.2)
    return {"it still tips": r.outcome == "tipped", "it earns less than the preset": r.cumulative_profit < RIDE.run().cumulative_profit}


def _try7():
    r = HOME.run()
    edge = _up(_edge(HOME, "buyer_subsidy"), 0.5)
    return dict(coupon=num(HOME.values.buyer_subsidy), best=num(r.best_launch.subsidy, 1), ahead=_m(r.best_launch.profit),
                now=_m(r.cumulative_profit), v=num(r.value_sellers_bring), w=num(r.value_buyers_bring),
                edge=num(edge, 1), below=num(edge - 0.5, 1))


def _try7_holds():
    r = HOME.run()
    edge = _up(_edge(HOME, "buyer_subsidy"), 0.5)
    return {"the sweep subsidises guests (buyers)": r.best_launch.side == "buyers",
            "Armstrong's rule points to guests": r.value_buyers_bring > r.value_sellers_bring,
            "the best coupon earns more than the preset's": r.best_launch.profit > r.cumulative_profit,
            "the edge tips, 0.50 less does not": HOME.run(buyer_subsidy=edge).outcome == "tipped"
            and HOME.run(buyer_subsidy=edge - 0.5).outcome != "tipped"}


TRIES = Tries("c098ecbd", (
    attempt(
        "One subsidy between life and death.",
        "The ride-hailing preset pays drivers a USD {g} monthly guarantee for 12 months: the platform passes critical "
        "mass in month {cm}, and revenue has covered the subsidies since month {pb} ({ahead} ahead by month "
        "60). Pin it, then lower *Launch subsidy per seller* to USD {low}: same start, same prices, and the "
        "platform dies ({shares} by month 60; {lost} after subsidies). Where is the edge? A guarantee of USD "
        "{edge} still tips, USD {below} does not — so the preset's USD {g} has room to spare: even a fifth less "
        "(USD {fifth}) tips.",
        facts=_try1, holds=_try1_holds,
    ),
    attempt(
        "Too short.",
        "Reset, then cut *Subsidy lasts* to 3 months: the platform dies. The shortest launch that tips is "
        "{short} months. With {less} months the platform peaks — the smaller side at {peak} in month {pm} — and "
        "then declines to {shares}: the sentence says it *peaked*, because it had half of both sides and lost them.",
        facts=_try2, holds=_try2_holds,
    ),
    attempt(
        "Which side to subsidise?",
        "Set the driver guarantee to 0 and raise the rider credit instead: it takes USD {credit} a month per rider "
        "to tip the city, and that launch costs {cost_r} in subsidies; the smallest driver-only guarantee "
        "(USD {guarantee}) costs {cost_d}. The fourth chart shows why: its best one-sided launch subsidises "
        "drivers (USD {best} a month). Armstrong's rule says the same — a full driver side is worth USD {v} a "
        "month to each rider, a rider brings the drivers USD {w}: subsidise the side that brings more.",
        facts=_try3, holds=_try3_holds,
    ),
    attempt(
        "The take rate drivers bear.",
        "Reset, then raise the take rate from 27 % to {rate}. The platform peaks at {pb} of riders and {ps} of "
        "drivers in month {pm}, then declines to {shares} once the guarantee stops — although a typical driver on "
        "a *full* platform tolerates {tol}. During the launch each driver sees few riders, so the take rate a "
        "platform can charge while it grows is lower than the one it can charge once it has tipped. Revenue "
        "still covered the subsidies ({ahead} ahead): the money was earned, the market lost.",
        facts=_try4, holds=_try4_holds,
    ),
    attempt(
        "A rival takes a share of the trade.",
        "Reset and raise *Trade that goes through a rival* (multi-homing): from {edge} the launch no longer tips. "
        "At {rival} it peaks in month {pm} and declines to {shares}, {lost} after subsidies — and no guarantee "
        "tips it, not even USD {most} a month: with a fifth of the trade elsewhere a full platform no longer pays "
        "each side enough to stay. Only a lower take rate does: at {rate} it tips again ({ahead} ahead). A rival on the "
        "same members caps both the subsidy's power and the take rate — the story of Uber and Didi in China.",
        facts=_try5, holds=_try5_holds,
    ),
    attempt(
        "Who pays?",
        "Reset, set a rider fee of USD 2 a month and lower the take rate to 20 %. The platform still tips (critical "
        "mass in month {cm}); drivers now pay {share} of the last month's revenue, and the launch ends {ahead} ahead against "
        "{base} in the preset: charging the side you need to attract first costs members — Rochet & Tirole's price "
        "*structure* and Parker & Van Alstyne's free side.",
        facts=_try6, holds=_try6_holds,
    ),
    attempt(
        "Home-sharing: the other answer.",
        "Switch to the Airbnb preset (13.5 % take rate, a USD {coupon} guest coupon). Here the best one-sided "
        "launch subsidises *guests*, at USD {best} a month ({ahead} after subsidies, against {now} with the "
        "preset's coupon): a host gains USD {w} a month from each guest, a guest only USD {v} from a full "
        "marketplace, so Armstrong's rule points to guests too. Lower the coupon to USD {edge}: it still tips; at "
        "USD {below} it does not.",
        facts=_try7, holds=_try7_holds,
    ),
))


# --- passages -----------------------------------------------------------------------------------

def _calibration():
    ride, home = _edge(RIDE, "seller_subsidy"), _edge(HOME, "buyer_subsidy")
    return dict(g=num(RIDE.values.seller_subsidy), ge=num(ride), gx=pct(RIDE.values.seller_subsidy / ride - 1),
                c=num(HOME.values.buyer_subsidy), ce=num(home, 2), cx=pct(HOME.values.buyer_subsidy / home - 1))


def _calibration_holds():
    return {"a fifth less still tips (both presets)":
            RIDE.run(seller_subsidy=RIDE.values.seller_subsidy * 0.8).outcome == "tipped"
            and HOME.run(buyer_subsidy=HOME.values.buyer_subsidy * 0.8).outcome == "tipped"}


CALIBRATION = Passage(
    text="""### How the presets are calibrated

Each preset takes its **take rate** from the data — revenue ÷ gross volume in 2024, rounded to the
control's 0.5 % step. The riders' value of a full platform is Cohen et al.'s (2016) estimate of about
USD 1.60 of consumer surplus per dollar spent on UberX, times an illustrative USD 60 of rides a month.
Everything else is **illustrative**: a city-sized market and what joining costs each side, and a launch
subsidy set well above the smallest that tips — the USD {g} driver guarantee is {gx} above the USD {ge}
that just tips the ride-hailing city, the USD {c} guest coupon {cx} above USD {ce} — so a fifth less still
tips and a learner can move a control without falling off a knife edge.""",
    facts=_calibration, holds=_calibration_holds, cell="3c9aedcd")


def _valuation():
    metcalfe, bot = pf.value_multiple(1e6, 1e7)
    return dict(m=num(metcalfe), b=num(round(bot)))


VALUATION = Passage(
    text="""**Why it matters for valuations.** An investor who values a platform at its current value and expects
it to grow tenfold in users pays for a {m}-fold value under Metcalfe's law, but only for about a
{b}-fold value under $n \\log n$. During the dot-com boom, Metcalfe's law was used to justify
valuations of networks that had users but no way to earn from them; Briscoe, Odlyzko & Tilly point out
that $n^2$ also implies that two networks should always merge, which they rarely want to do. A
valuation that assumes $n^2$ overpays most for exactly the largest, fastest-growing platforms.""",
    facts=_valuation, cell="79807015")


def _fails():
    low, faded, rival = RIDE.run(seller_subsidy=LOW_GUARANTEE), RIDE.run(take_rate=HIGH_RATE), RIDE.run(multihoming=RIVAL)
    return dict(low=num(LOW_GUARANTEE), lost=_m(low.cumulative_profit), rate=pct(HIGH_RATE), ahead=_m(faded.cumulative_profit),
                rival=pct(RIVAL), rlost=_m(rival.cumulative_profit))


def _fails_holds():
    low, faded, rival = RIDE.run(seller_subsidy=LOW_GUARANTEE), RIDE.run(take_rate=HIGH_RATE), RIDE.run(multihoming=RIVAL)
    return {"the low guarantee dies and loses money": low.outcome == "died" and low.cumulative_profit < 0,
            "the high take rate fades with revenue ahead of the subsidies": faded.outcome == "faded"
            and faded.cumulative_profit > 0,
            "the rival's share fades at a loss": rival.outcome == "faded" and rival.cumulative_profit < 0,
            "with a small v even the largest subsidies only hold members while paid":
                all(RIDE.run(buyer_value=v, buyer_subsidy=200, seller_subsidy=50000).outcome == "faded" for v in (10, 20)),
            "thin seller margins: even a 0 % take rate does not cover the cost": RIDE.run(seller_margin=0.1).tolerated_take_rate < 0}


FAILS = Passage(
    text="""## 6 · Where the platform model fails to pay

The model pays only under conditions the explorer makes visible:

- **No critical mass.** A subsidy that stops short of critical mass buys members only while it is paid: at a
  USD {low} driver guarantee the ride-hailing launch dies and ends {lost} after subsidies (try 1). Stopping
  short is not always a loss of money — at a {rate} take rate the platform peaks and declines, yet its
  revenue still covered the subsidies ({ahead}, try 4) — but either way the market is lost. Many
  ride-hailing, food-delivery and home-services platforms spent years of subsidies in cities they later left.
- **A rival on the same members.** When a share of the trade goes through a rival, each side gains less from
  this platform and critical mass costs more: with {rival} of the trade elsewhere the preset's launch peaks,
  declines and ends {rlost} (try 5). Uber lost over USD 1 billion a year in China against Didi, which
  subsidised the same riders and drivers, and sold Uber China to Didi in 2016.
- **Weak cross-side effects.** If a buyer gains little from more sellers (a small $v$) the platform has
  no full equilibrium to tip to: subsidies buy members for as long as they are paid and no longer.
- **A take rate above what sellers tolerate.** Sellers leave or multi-home (the third chart). Etsy's 2022 fee rise
  was followed by a loss of sellers; drivers who run two ride-hailing apps at once keep each platform's
  take rate in check.
- **Thin margins for sellers.** When sellers keep little per sale (low $m$), even a 0 % take rate may not
  cover their cost of joining: the market is not worth intermediating.
- **Value that grows like $n \\log n$, not $n^2$.** Growth alone does not create the value a Metcalfe
  valuation assumes.""",
    facts=_fails, holds=_fails_holds, cell="8b883b5a")


# --- the exercises -------------------------------------------------------------------------------

def _q3_edge() -> int:
    """Exercise 3's answer: the smallest guarantee in 300, 350, …, 700 that tips the preset."""
    return next(s for s in range(300, 701, 50) if RIDE.run(seller_subsidy=s).outcome == "tipped")


def _q3():
    return dict(low=num(300))


Q3 = Passage(
    text="""**Question 3 — the subsidy that tips it.** The dictionary `ride` below is the lesson's ride-hailing
preset (Uber's 27 % take rate; the riders' value from Cohen et al.; everything else illustrative). With a
USD {low} monthly guarantee per driver for 12 months the platform dies. Run `platform.simulate` for
driver subsidies (`seller_subsidy`) of 300, 350, 400, … up to 700 dollars and find the **smallest** one for
which the result's `.outcome` is `"tipped"`. Store it (a number of dollars) in `q3`.""",
    facts=_q3, holds=lambda: {"300 dies": RIDE.run(seller_subsidy=300).outcome == "died",
                              "700 tips": RIDE.run(seller_subsidy=700).outcome == "tipped"},
    cell="s30-27", notebook=SOLUTIONS)


def _q6():
    r = RIDE.run()
    return dict(low=num(LOW_GUARANTEE), g=num(RIDE.values.seller_subsidy), pb=r.payback_month)


Q6 = Passage(
    text="""**Question 6 — launch or not? (written, graded by hand).** In the lesson's ride-hailing explorer a USD {low}
monthly driver guarantee for 12 months lets the platform die, while USD {g} makes it tip, and revenue covers
the subsidies from month {pb} (illustrative values; Uber's real take rate of 27 %). Your board asks whether
to launch in a new city with the USD {g} plan. Answer in at most 150 words: name one reason the model's
tipping point may be wrong in a real city, one thing a rival could do that the model leaves out or holds
fixed (think of multi-homing, Uber in China and the take rate drivers tolerate), and what you would
measure in the first months to decide whether to continue.""",
    facts=_q6, holds=lambda: {"the low guarantee dies": RIDE.run(seller_subsidy=LOW_GUARANTEE).outcome == "died",
                              "the preset tips": RIDE.run().outcome == "tipped"},
    cell="s30-59", notebook=SOLUTIONS)


def _q6_answer():
    rival = RIDE.run(multihoming=RIVAL)
    return dict(g=num(RIDE.values.seller_subsidy), rival=pct(RIVAL), rlost=_m(rival.cumulative_profit),
                lost=_m(RIDE.run(seller_subsidy=LOW_GUARANTEE).cumulative_profit), low=num(LOW_GUARANTEE))


Q6_ANSWER = Passage(
    text="""**Model answer.** The tipping point rests on illustrative costs of joining: if drivers in this city
value their time more, or riders gain less from short waits, the critical mass is higher and USD {g} may
fall short — then the platform shrinks back once the guarantee stops, as at USD {low}, which ends
{lost} after subsidies. A rival can match the guarantee: drivers and riders then multi-home, each platform
captures less of the trade and critical mass costs more — in the explorer, with {rival} of the trade going
to a rival the USD {g} launch peaks, declines and ends {rlost}; Uber lost over USD 1 billion a year in China
this way and sold to Didi. The take rate drivers tolerate falls too. I would launch only with a stop rule:
track weekly the share of active drivers and riders, waiting times and repeat use, and whether growth
continues in districts where the guarantee has ended — the model's "critical mass" test. If growth stalls
when the subsidy stops, exit before the second year.

**Rubric (3 points).**
* 1 point — a reason the tipping point is uncertain, tied to the model (costs of joining, cross-side value,
  speed, market size are illustrative).
* 1 point — a rival's move the model leaves out or holds fixed (matching subsidies, multi-homing, price war)
  and its effect on critical mass, the tolerated take rate or payback.
* 1 point — a concrete early measurement and a decision rule (growth without subsidy, retention, waiting
  times).""",
    facts=_q6_answer, holds=lambda: {"the rival's share makes the preset fade at a loss":
                                     RIDE.run(multihoming=RIVAL).outcome == "faded"
                                     and RIDE.run(multihoming=RIVAL).cumulative_profit < 0},
    cell="s30-61", notebook=SOLUTIONS)


CLAIMS = LessonClaims("30_platforms_and_network_effects", tries=TRIES,
                      passages=(CALIBRATION, VALUATION, FAILS, Q3, Q6, Q6_ANSWER))
