"""Lesson 12's things to try and quoted numbers, computed by the open-source model (widgets/models/open_source.py)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from widgets import data
from widgets.explorers.open_source import PRESETS
from widgets.models import open_source as os_model

from ._sliders import positions
from ._text import DOLLAR
from . import LessonClaims, Passage, Setting, Tries, attempt, num, pct

RED_HAT = Setting(os_model, PRESETS["Red Hat-style subscription"])
START_UP = Setting(os_model, PRESETS["Open-core start-up"])
INCUMBENT = Setting(os_model, PRESETS["Closed incumbent"])
FITTED, HELD_OUT = (2011, 2012, 2018), 2016


def _profit(setting: Setting, strategy: str, **changes) -> float:
    return setting.run(**changes).cumulative_profit[strategy]


def _usd(millions: float) -> str:
    """USD millions as the lesson writes them: 8617 -> 'USD 8.62 billion', 909 -> 'USD 909 million'."""
    sign = "−" if millions < 0 else ""
    size = abs(millions)
    return f"{sign}USD {size / 1000:,.2f} billion" if size >= 1000 else f"{sign}USD {size:,.0f} million"


def _dollars_m(millions: float) -> str:
    """USD millions as the exercise writes them: 109.0 -> '<span>&#36;</span>109 M'."""
    return f"{DOLLAR}{millions:,.0f} M"


def _fiscal():
    """The Red Hat preset's subscription revenue by fiscal year (model year 1 = FY2003), as the lesson sums it."""
    q = RED_HAT.run().quarterly
    return q.groupby(2002 + np.ceil(q.year).astype(int)).revenue_open.sum()


def _fy2019() -> pd.Series:
    """Red Hat's FY2019 row: the total and the fourth quarter's subscription share (no full-year split)."""
    return data.load("red_hat").set_index("fiscal_year").loc[2019]


def _fy2019_subscriptions() -> float:
    """FY2019 subscriptions [derived]: the reported total at the fourth quarter's subscription share (USD million)."""
    return float(_fy2019()["total_revenue_usd_m"] * _fy2019()["q4_subscription_share"])


def _reported(year: int) -> float:
    table = data.load("red_hat").set_index("fiscal_year")
    return float(table.loc[year, "subscription_revenue_usd_m"])


def _opens_pays(**changes) -> bool:
    r = INCUMBENT.run(**changes)
    return r.cumulative_profit["open"] > r.cumulative_profit["closed"]


def _level_leakage() -> float:
    """Red Hat: the last leakage on the slider at which opening still ends ahead of closed."""
    return max(L for L in positions(RED_HAT, "leakage")
               if _profit(RED_HAT, "open", leakage=L) > _profit(RED_HAT, "closed", leakage=L))


def _try1():
    r, L = RED_HAT.run(), _level_leakage()
    step = RED_HAT.model.PARAMETERS["leakage"].step
    after = RED_HAT.run(leakage=L + step)
    return dict(breakeven=pct(r.break_even_leakage), L=pct(L), L2=pct(L + step),
                open2=_usd(after.cumulative_profit["open"]), closed=_usd(after.cumulative_profit["closed"]))


def _holds1():
    L = _level_leakage()
    before, after = RED_HAT.run(), RED_HAT.run(leakage=L)
    return {"the break-even leakage lies between the two slider positions":
            L < RED_HAT.run().break_even_leakage < L + RED_HAT.model.PARAMETERS["leakage"].step,
            "the leaked bar grows": after.breakdown.loc["open", "leaked_revenue"] >
            before.breakdown.loc["open", "leaked_revenue"],
            "the revenue bar shrinks": after.breakdown.loc["open", "revenue"] < before.breakdown.loc["open", "revenue"],
            "the sentence puts the break-even there":
                f"less than {pct(before.break_even_leakage)} of paying demand" in RED_HAT.say()}


def _try2():
    none, full = _profit(RED_HAT, "open", community_share=0), _profit(RED_HAT, "open", community_share=0.9)
    now = _profit(RED_HAT, "open")
    return dict(none=_usd(none), full=_usd(full), share=pct(RED_HAT.values.community_share), now=_usd(now),
                adds=_usd(now - none), leak=_usd(RED_HAT.run().breakdown.loc["open", "leaked_revenue"]),
                leakage=pct(RED_HAT.values.leakage))


def _holds2():
    adds = _profit(RED_HAT, "open") - _profit(RED_HAT, "open", community_share=0)
    return {"the community adds less than leakage takes": adds < RED_HAT.run().breakdown.loc["open", "leaked_revenue"]}


def _same_adoption():
    v = RED_HAT.values
    return RED_HAT.run(p_closed=v.p_open, q_closed=v.q_open).cumulative_profit


def _try4():
    return dict(now=pct(START_UP.values.open_part), v=_usd(_profit(START_UP, "open_core")),
                half=_usd(_profit(START_UP, "open_core", open_part=0.5)),
                full=_usd(_profit(START_UP, "open_core", open_part=1.0)),
                none=_usd(_profit(START_UP, "open_core", open_part=0.0)))


def _holds4():
    path = [_profit(START_UP, "open_core", open_part=o) for o in positions(START_UP, "open_part")]
    return {"open core earns more the less it opens, all the way to 0 %": bool(np.all(np.diff(path) < 0))}


def _try5():
    v = INCUMBENT.values
    share = min(s for s in positions(INCUMBENT, "paying_share") if _opens_pays(subscription_price=v.licence_price,
                                                                             paying_share=s))
    price = min(p for p in positions(INCUMBENT, "subscription_price") if _opens_pays(subscription_price=p))
    return dict(licence=num(v.licence_price), share=pct(share), now=pct(v.paying_share), price=num(price, 0 if float(price).is_integer() else 1))


def _holds5():
    v = INCUMBENT.values
    share_step = INCUMBENT.model.PARAMETERS["paying_share"].step
    price_step = INCUMBENT.model.PARAMETERS["subscription_price"].step
    shares = [s for s in positions(INCUMBENT, "paying_share")
              if _opens_pays(subscription_price=v.licence_price, paying_share=s)]
    prices = [p for p in positions(INCUMBENT, "subscription_price") if _opens_pays(subscription_price=p)]
    return {"opening does not pay at the preset": not _opens_pays(),
            "at the licence price, one step below the share does not pay":
                not _opens_pays(subscription_price=v.licence_price, paying_share=min(shares) - share_step),
            "the share needed is above the preset's": min(shares) > v.paying_share,
            "one step below the price does not pay": not _opens_pays(subscription_price=min(prices) - price_step),
            "the price needed is above the licence price": min(prices) > v.licence_price}


def _fit():
    model = _fiscal()
    return {year: model[year] / _reported(year) - 1 for year in (*FITTED, HELD_OUT)}


CLAIMS = LessonClaims("12_open_source_and_open_business", tries=Tries("3e7715d0", (
    attempt(
        "How much leakage can Red Hat take?",
        "The sentence puts the break-even leakage at {breakeven}. Pin the scenario, then raise *value leakage to "
        "rivals*: at {L} opening is still ahead of closed, at {L2} it ends behind ({open2} against {closed}). "
        "Which bar in the breakdown grows, and which shrinks?",
        facts=_try1, holds=_holds1,
    ),
    attempt(
        "What does the community buy you?",
        "Set *community share of development* to 0, then to 90 %: open source's cumulative profit over 17 years "
        "goes from {none} to {full} ({now} at the preset's {share}). So the community adds {adds} at {share}: "
        "less than the {leak} that leakage takes away at {leakage}.",
        facts=_try2, holds=_holds2,
    ),
    attempt(
        "Why open at all?",
        "Raise the closed product's *innovation p* and *imitation q* to the open product's values (0.006 and "
        "0.21). Closed now wins by far: {closed} against {open} for open source. What does this say about *when* "
        "opening pays?",
        facts=lambda: dict(closed=_usd(_same_adoption()["closed"]), open=_usd(_same_adoption()["open"])),
        holds=lambda: {"closed wins": _same_adoption()["closed"] > _same_adoption()["open"]},
    ),
    attempt(
        "Where should free end?",
        "Switch to *Open-core start-up*. Lower *open part of open core* from {now} to 50 %: leakage falls but "
        "the community helps less, and open core's profit rises from {v} to {half}; at 100 % it falls to {full}. "
        "In this model the best point is the slider's end, 0 % open ({none}), because adoption here does not "
        "depend on how much of the code is open. What would happen to the firm's community, and to its "
        "adoption, if it moved there?",
        facts=_try4, holds=_holds4,
    ),
    attempt(
        "The incumbent's dilemma.",
        "Choose *Closed incumbent*. At a subscription price equal to the licence price (USD {licence} thousand), "
        "opening pays only if {share} of adopters subscribe; with the preset's {now}, the subscription would have "
        "to cost USD {price} thousand a year. Is either plausible for an established vendor?",
        facts=_try5, holds=_holds5,
    ),
)), passages=(
    Passage(
        text="**A check the fit was not given: FY2016.** The curve gives subscriptions of about {fy16}\n"
             "for FY2016; Red Hat reported {rep16}. The model **overshoots** by about {over}. It gets the scale\n"
             "and the long-run shape right — slow early years, then hundreds of millions added each year — but\n"
             "not the pace in between: Red Hat grew more slowly than the S-curve from FY2012 to FY2016 and faster\n"
             "from FY2016 to FY2018. Part of the gap is currency: in FY2016 subscriptions grew 16 % in US dollars\n"
             "but 22 % in constant currency (release of 22 March 2016), and the model knows nothing of exchange\n"
             "rates. For FY2019 the curve gives about {fy19}. Red Hat reported only the total (USD 3.4\n"
             "billion, rounded) and, for the fourth quarter, that subscriptions were {q4} of revenue; at that share\n"
             "the year's subscriptions were roughly {fy19_derived} [derived] — a few per cent above the model.\n"
             "Three fitted points hide how far off a year in between can be; a held-out year shows it.",
        facts=lambda: dict(fy16=_usd(_fiscal()[HELD_OUT]), rep16=f"USD {_reported(HELD_OUT) / 1000:,.2f} B",
                           over=pct(_fit()[HELD_OUT]), fy19=_usd(_fiscal()[2019]),
                           q4=pct(_fy2019()["q4_subscription_share"]), fy19_derived=_usd(_fy2019_subscriptions())),
        holds=lambda: {"the three fitted years are within 0.5 %": all(abs(_fit()[y]) < 0.005 for y in FITTED),
                       "the model overshoots FY2016": _fit()[HELD_OUT] > 0,
                       "FY2019's derived subscriptions are a few per cent above the model":
                           0 < _fy2019_subscriptions() / _fiscal()[2019] - 1
                       < 0.05},
        cell="ef176b51",
    ),
    Passage(
        text=(
             "**Model answer.** Red Hat's subscriptions worked at a scale few reach: <span>&#36;</span>773.4 M of <span>&#36;</span>909.3 M\n"
             "revenue in FY2011 (85 %) and <span>&#36;</span>2.6 B of <span>&#36;</span>2.9 B in FY2018 (90 %), selling certification and\n"
             "support to large organisations. This firm's situation differs: cloud providers already sell its code\n"
             "as a service, so a large share of paying demand leaks. In the explorer's *Open-core start-up*\n"
             "preset (illustrative), with 35 % leakage the fully open strategy loses {lose} over 8 years while\n"
             "open core earns {earn}, because only the open 85 % of the code can be copied. Recommendation: move\n"
             "to open core, keep the core that developers adopt fully open (community work depends on it, and\n"
             "adoption does too, although the model leaves that out), and put features large customers need —\n"
             "security, management, a hosted service — behind the paywall. Risk: if the community sees the line\n"
             "move, contributors leave or fork the code, and adoption slows.\n"
             "\n"
             "**Rubric (3 points).**\n"
             "* 1 point — at least two correct numbers: Red Hat's figures (shares of revenue, FY2019 revenue) or\n"
             "  results from the model (cumulative profit, break-even leakage, leaked revenue) with the\n"
             "  scenario named.\n"
             "* 1 point — uses the lesson's logic: opening buys adoption and community work, leakage to rivals and\n"
             "  cloud providers takes paying demand, and open core limits leakage to the open part at the cost of\n"
             "  less community work.\n"
             "* 1 point — a clear recommendation on where the free/paid line goes, with one concrete risk\n"
             "  (community backlash or a fork, a licence change, features rebuilt for free, slower adoption)."
        ),
        facts=lambda: dict(lose=_dollars_m(-_profit(START_UP, "open")),
                           earn=_dollars_m(_profit(START_UP, "open_core"))),
        holds=lambda: {"fully open loses": _profit(START_UP, "open") < 0,
                       "open core earns": _profit(START_UP, "open_core") > 0},
        cell="494b6851", notebook="solutions/12_open_source_and_open_business.ipynb",
    ),
))
