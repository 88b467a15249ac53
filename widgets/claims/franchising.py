"""Lesson 40's things to try and quoted numbers, computed by the franchising model (widgets/models/franchising.py)."""

from __future__ import annotations

from widgets.explorers.franchising import PRESETS
from widgets.models import franchising as fr

from . import LessonClaims, Passage, Setting, Tries, attempt, money, num, pct

MCD = Setting(fr, PRESETS["McDonald's (2024)"])
YUM = Setting(fr, PRESETS["Yum! Brands (2024)"])
QZ = Setting(fr, PRESETS["Quiznos before its fall (2007)"])
YUM_LANDLORD = dict(rent=0.08, landlord_capital=1.0)
# Question 2's illustrative chain (solutions/40_franchising.ipynb)
Q2 = dict(royalty=0.05, rent=0.0, franchised_share=0.8, openings=200, units=1000, sales=1.0, unit_margin=0.2,
          owned_capital=2.0, landlord_capital=0.0, franchisee_investment=0.6, attention=50, hurdle=6.0,
          monitoring=0.05, cost_of_capital=0.08, free_riding=0.02)


def _bn(x: float) -> str:
    """The model's ¤ M as the lesson writes billions: 141679 -> 'USD 141.7 bn'."""
    return money(x / 1000, 1, "bn")


def _units(setting: Setting, **moves) -> str:
    return num(setting.run(**moves).yearly.units.iloc[-1])


def _rate(x: float) -> str:
    return pct(x, 1)


def _try1():
    a, b = MCD.run(), MCD.run(franchised_share=0.5)
    return dict(units=_units(MCD), units50=_units(MCD, franchised_share=0.5), roc=pct(a.roc), roc50=pct(b.roc),
                ep=_bn(a.economic_profit), ep50=_bn(b.economic_profit), own=_units(MCD, franchised_share=0.0))


def _holds1():
    a, b = MCD.run(), MCD.run(franchised_share=0.5)
    return {"the preset says franchising pays": fr.franchising_pays(a),
            "fewer franchised units grow the chain less": b.yearly.units.iloc[-1] < a.yearly.units.iloc[-1],
            "and earn less on capital and after its cost": b.roc < a.roc and b.economic_profit < a.economic_profit}


def _try2():
    a = MCD.run()
    best = a.best_royalty
    b, c = MCD.run(royalty=best), MCD.run(royalty=0.08)
    return dict(best=_rate(best), ep=_bn(a.economic_profit), epb=_bn(b.economic_profit), pay=num(a.franchisee_payback, 1),
                payb=num(b.franchisee_payback, 1), hurdle=num(MCD.values.hurdle, 0), unitsb=_units(MCD, royalty=best),
                units=_units(MCD), units8=_units(MCD, royalty=0.08), ep8=_bn(c.economic_profit))


def _holds2():
    a = MCD.run()
    b, c = MCD.run(royalty=a.best_royalty), MCD.run(royalty=0.08)
    return {"the best royalty is above today's": a.best_royalty > MCD.values.royalty,
            "it earns more": b.economic_profit > a.economic_profit,
            "but pushes franchisees past their hurdle": b.franchisee_payback > MCD.values.hurdle and b.appeal < 1,
            "so the sentence says it pays the franchisor but not its franchisees":
                MCD.say(royalty=a.best_royalty).startswith("Franchising pays the franchisor here but not its franchisees"),
            "8 % earns less than the best": c.economic_profit < b.economic_profit}


def _try3():
    a = MCD.run(monitoring=0.0)
    return dict(mon=pct(MCD.values.monitoring), ep=_bn(a.economic_profit), own=_bn(a.owned_economic_profit))


def _holds3():
    return {"with no cost of watching managers, owning earns more":
            MCD.say(monitoring=0.0).startswith("Franchising does not pay here")}


def _try4():
    a, b = YUM.run(), YUM.run(**YUM_LANDLORD)
    return dict(pay=num(a.franchisee_payback, 1), payl=num(b.franchisee_payback, 1), units=_units(YUM),
                unitsl=_units(YUM, **YUM_LANDLORD), roc=pct(a.roc), rocl=pct(b.roc))


def _holds4():
    a, b = YUM.run(), YUM.run(**YUM_LANDLORD)
    return {"as landlord, payback passes the hurdle": b.franchisee_payback > YUM.values.hurdle and a.appeal == 1,
            "and the chain grows less": b.yearly.units.iloc[-1] < a.yearly.units.iloc[-1]}


def _try5():
    a, b, c = QZ.run(), QZ.run(rent=0.0), QZ.run(rent=0.0, royalty=0.05)
    return dict(units=_units(QZ), pay=num(a.franchisee_payback, 1), hurdle=num(QZ.values.hurdle, 0),
                pay0=num(b.franchisee_payback, 1), pay5=num(c.franchisee_payback, 1), units5=_units(QZ, rent=0.0, royalty=0.05),
                ep=_bn(a.economic_profit), ep5=_bn(c.economic_profit))


def _holds5():
    a, b, c = QZ.run(), QZ.run(rent=0.0), QZ.run(rent=0.0, royalty=0.05)
    return {"the chain shrinks": a.yearly.units.iloc[-1] < QZ.values.units,
            "the franchisor still out-earns owning": QZ.say().startswith("Franchising pays the franchisor here but not"),
            "without the mark-up the payback is still past the hurdle": b.franchisee_payback > QZ.values.hurdle,
            "with a 5 % royalty too, franchising pays": fr.franchising_pays(c),
            "the chain grows": c.yearly.units.iloc[-1] > QZ.values.units,
            "though the franchisor earns less over the years": c.economic_profit < a.economic_profit}


OWN_MORE = dict(free_riding=0.1, franchised_share=0.5)   # try 6: Lafontaine and Shaw's brands that own more


def _try6():
    a, b, c = MCD.run(), MCD.run(free_riding=0.1), MCD.run(**OWN_MORE)
    return dict(q=pct(a.quality_loss, 1), q10=pct(b.quality_loss), ep=_bn(a.economic_profit), ep10=_bn(b.economic_profit),
                best=_rate(a.best_royalty), best10=_rate(b.best_royalty), q50=pct(c.quality_loss),
                ep50=_bn(c.economic_profit))


def _holds6():
    a, b = MCD.run(), MCD.run(free_riding=0.1)
    c = MCD.run(**OWN_MORE)
    return {"more free-riding lowers the best royalty": b.best_royalty < a.best_royalty,
            "and the franchisor's economic profit": b.economic_profit < a.economic_profit,
            "owning half the units cuts the skimping": c.quality_loss < b.quality_loss,
            "but the franchisor's profit still falls": c.economic_profit < b.economic_profit}


CLAIMS = LessonClaims("40_franchising", tries=Tries("fr40-09", (
    attempt(
        "Franchise less.",
        "With McDonald's, pin the scenario, then lower *franchised share* to 50 %. After ten years the chain has "
        "{units50} units instead of {units} (the all-owned chain {own}): the chain's own managers cannot open more "
        "than 300 a year. The franchisor's return on capital falls from {roc} to {roc50}, and its profit after "
        "the cost of capital from {ep} to {ep50}. Which of the two losses would a shareholder feel first?",
        facts=_try1, holds=_holds1,
    ),
    attempt(
        "Squeeze the franchisees.",
        "Reset. Of all royalties from 0 to 12 %, {best} earns McDonald's most over ten years after the cost of "
        "capital ({epb} instead of {ep}), but a franchisee's payback then rises from {pay} to {payb} years, past the "
        "{hurdle} years the preset assumes franchisees accept: fewer sign, more close, and the chain ends with "
        "{unitsb} units instead of {units}. The sentence now says franchising pays the franchisor but not its "
        "franchisees. At 8 % the chain ends with {units8} units and the franchisor earns {ep8}. McDonald's raised "
        "its U.S. royalty from 4 % to 5 % in 2024, for new restaurants only: why not to the model's best?",
        facts=_try2, holds=_holds2,
    ),
    attempt(
        "When owning pays.",
        "Reset and set *cost of watching own managers* from {mon} to 0, as if salaried managers worked as hard as "
        "owners. Now the all-owned chain earns {own} after the cost of capital against {ep} franchised, and the "
        "sentence says franchising does not pay. This is Brickley and Dark's point: a chain franchises where "
        "watching its own managers is costly (many small units, far from head office).",
        facts=_try3, holds=_holds3,
    ),
    attempt(
        "A royalty-only franchisor turned landlord.",
        "Choose Yum! Brands. Its franchisees earn back their investment in {pay} years and the chain grows to "
        "{units} units. Make Yum! a landlord like McDonald's: *rent* 8 % and *franchisor's capital per franchised "
        "unit* 1.0 million. On Yum!'s smaller restaurants the payback becomes {payl} years, the chain ends with "
        "{unitsl} units, and the return on capital falls from {roc} to {rocl}. What does McDonald's have that makes "
        "rent on top of royalty work?",
        facts=_try4, holds=_holds4,
    ),
    attempt(
        "Quiznos: the franchisor wins while the chain shrinks.",
        "Choose Quiznos. The chain falls from 5,000 units to {units} in ten years, because a franchisee needs {pay} "
        "years to earn back its investment (the preset assumes they accept {hurdle}); yet the sentence says "
        "franchising pays the franchisor, which earns {ep} without capital of its own. Remove the supply mark-up "
        "(*rent* 0): the payback is still {pay0} years. Lower the royalty to 5 % as well: {pay5} years, the chain "
        "grows to {units5} units and the sentence says franchising pays, although the franchisor earns {ep5} over "
        "the ten years, less than before. Why might a franchisor with debts to serve not make this trade?",
        facts=_try5, holds=_holds5,
    ),
    attempt(
        "The brand pays for skimping.",
        "Back to McDonald's (reset). Franchisees' skimping costs every unit {q} of its sales. Raise *franchisee "
        "free-riding on quality* to 10 %: the loss becomes {q10}, the franchisor's profit after the cost of "
        "capital falls from {ep} to {ep10}, and the best royalty drops from {best} to {best10}: a franchisee left "
        "with more margin skimps less. Lafontaine and Shaw find that chains with more valuable brands keep more "
        "units of their own. Keep the 10 % and lower *franchised share* to 50 %: skimping now costs the average unit "
        "{q50} of its sales, but the franchisor's profit after the cost of capital still falls, to {ep50}: at these "
        "capital and monitoring costs, owning more units does not pay for the quality it saves. What would have to "
        "be different for the model to agree with them?",
        facts=_try6, holds=_holds6,
    ),
)), passages=(
    Passage(
        text="**Question 2 — how many units after ten years?** The illustrative chain below has 1,000 units, 80 %\n"
             "of them franchised, and sets out to open 200 a year, 80 % through franchisees; its own managers can\n"
             "open at most 50 a year. With a 5 % royalty it ends year 10 with {units} units. Use\n"
             "`franchising.simulate` (the `units` column of `.yearly`) to find how many units it has in year 10\n"
             "if the royalty is raised to **11 %**, everything else unchanged. Store the number (rounded to a whole\n"
             "unit) in `q2`.",
        facts=lambda: dict(units=num(fr.simulate(Q2).yearly.units.iloc[-1])),
        holds=lambda: {"an 11 % royalty pushes franchisees past their hurdle":
                       fr.simulate({**Q2, "royalty": 0.11}).appeal < 1},
        cell="fr40-q2-prompt", notebook="solutions/40_franchising.ipynb",
    ),
))
