"""Franchising vs company-owned growth: units, the franchisor's return on capital, the franchisee's payback.

A chain with ``units`` units, a share ``φ`` of them franchised, opens ``P`` units a year, the same
share ``φ`` through franchisees. Every unit sells ``S`` a year and earns an operating margin ``m``
on its sales before rent, royalty and the cost of its capital. Year by year (``YEARS`` years):

* **A franchisee** pays the franchisor a royalty ``r`` and rent or a supply mark-up ``k`` on its
  sales, so it keeps ``f = m − r − k`` of sales, and earns back its own investment ``K_f`` in
  ``T = K_f ÷ (f·S)`` years. New franchisees come forward only while ``T`` is within the payback
  they demand (``H``): the franchised openings are ``φ·P·w`` with ``w = min(1, H/T)`` (``w = 0``
  when ``f ≤ 0``), and franchised units close at ``1 % + 20 %·(1 − w)`` a year (owned units 1 %).
* **Management attention:** the chain itself can open at most ``A`` units a year; owned openings
  are ``min((1 − φ)·P, A)``. Franchisees bring their own managers and capital, so franchising grows
  faster when ``A`` binds.
* **Agency cost** (Brickley & Dark 1987): a franchisee bears the whole cost of quality but gets
  only part of its benefit, because a poor meal hurts the brand at every unit. Each franchisee skims
  ``σ_eff = σ·min(4, m/f)`` of quality (more when fees leave it a thin margin, ``4σ`` when it
  loses money), and every unit's sales fall by the share ``Q = σ_eff · F/N`` (franchised units
  ``F`` of all ``N``): the brand, owned units included, bears it.
* **The franchisor** earns ``(r + k)·s`` on each franchised unit and ``m·s`` on each of its own
  (``s = S·(1 − Q)``); its capital is ``K_o`` per owned unit plus ``K_l`` per franchised unit
  whose site it holds (0 for a franchisor that is not a landlord). Return on capital = profit ÷
  capital. An owned unit loses ``μ`` of its sales to supervising salaried managers, who lack an
  owner's stake (the other agency cost in Brickley & Dark), so the chain earns ``(m − μ)·s`` on it.
  Economic profit = profit − ``c`` × capital (``c`` the cost of capital). The same chain with no
  franchising (``φ = 0``, same pace) is the comparison: franchising *pays* when franchisees sign
  (``w = 1``) and the franchisor's economic profit over ``YEARS`` years beats the all-owned chain's.

The royalty that earns the franchisor the most economic profit over ``YEARS`` years is found by evaluating every
royalty on the control's grid (0 to 12 % by 0.1 point). Assumptions: one average unit (no
location mix), no initial fees or advertising funds, no discounting, constant sales and margins
apart from the brand's quality loss. Sources: Brickley, J. A. & Dark, F. H. (1987), "The Choice of
Organizational Form: The Case of Franchising", *Journal of Financial Economics* 18(2), 401–420;
Lafontaine, F. & Shaw, K. L. (1999), *JPE* 107(5), 1041–1080 (royalty rates persist within firms)
and (2005), *RAND Journal of Economics* 36(1), 131–150 (established chains keep about 15 % of
outlets company-owned; stronger brands own more to limit free-riding); Michael, S. C. (2000),
*JEBO* 43, 295–318 (quality falls as the franchised share rises).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..params import Param, Parameters, Values, model
from .wording import money, percent, plural

YEARS = 10
CLOSE_BASE = 0.01      # closures a year of a unit that pays its way
CLOSE_SQUEEZE = 0.20   # extra closures a year of franchised units when no franchisee would sign (w = 0)
SKIM_CAP = 4.0         # a franchisee skims at most 4 σ
ROYALTIES = np.round(np.arange(0, 121) * 0.001, 3)   # the royalty control's grid, for the best royalty

PARAMETERS = Parameters(
    Param("royalty", "Royalty", "% of franchisee sales", 0.05, 0.0, 0.12, 0.001,
          "What each franchisee pays the franchisor as a share of its sales.", percent=True),
    Param("rent", "Rent or supply mark-up", "% of franchisee sales", 0.0, 0.0, 0.15, 0.001,
          "What else the franchisor takes from a franchisee's sales: rent on a site it holds, or a mark-up on "
          "supplies franchisees must buy from it.", percent=True),
    Param("franchised_share", "Franchised share", "% of units and openings", 0.9, 0.0, 1.0, 0.01,
          "Share of the chain's units, and of its new openings, run by franchisees.", percent=True),
    Param("openings", "Opening pace", "units / year", 500, 0, 5000, 10,
          "Units the chain sets out to open each year.", integer=True),
    Param("units", "Units today", "units", 5000, 10, 100000, 10,
          "Units in the chain at the start.", integer=True),
    Param("sales", "Sales per unit", "¤ M / year", 1.0, 0.1, 10.0, 0.01,
          "Yearly sales of one unit before any quality loss."),
    Param("unit_margin", "Unit margin before fees", "% of sales", 0.2, 0.05, 0.5, 0.005,
          "A unit's operating margin before rent, royalty and the cost of its capital.", percent=True),
    Param("owned_capital", "Capital per owned unit", "¤ M", 2.0, 0.1, 10.0, 0.05,
          "Site, building and fit-out the chain funds for one unit it runs itself."),
    Param("landlord_capital", "Franchisor's capital per franchised unit", "¤ M", 0.0, 0.0, 5.0, 0.05,
          "What the franchisor has in a franchised unit's site (0 if it is not the landlord)."),
    Param("franchisee_investment", "Franchisee's investment", "¤ M", 0.5, 0.05, 5.0, 0.01,
          "Equipment and opening costs a franchisee pays to open one unit."),
    Param("attention", "Own openings managers can handle", "units / year", 100, 0, 2000, 10,
          "Management attention: at most this many units a year can the chain open and staff itself.",
          integer=True),
    Param("hurdle", "Payback franchisees demand", "years", 6.0, 1.0, 20.0, 0.5,
          "Franchisees sign up only while their investment pays back within this many years."),
    Param("monitoring", "Cost of watching own managers", "% of sales", 0.05, 0.0, 0.2, 0.005,
          "What the chain loses on a unit it runs itself to supervising salaried managers, who lack an owner's "
          "stake (Brickley & Dark 1987).", percent=True),
    Param("cost_of_capital", "Cost of capital", "% / year", 0.08, 0.0, 0.25, 0.005,
          "What the franchisor's capital could earn elsewhere; charged on the capital it ties up.", percent=True),
    Param("free_riding", "Franchisee free-riding on quality", "% of sales", 0.02, 0.0, 0.2, 0.005,
          "Sales quality a franchisee with a full margin skimps (more when fees squeeze it); every unit's "
          "sales bear it through the brand.", percent=True),
)


@dataclass(frozen=True)
class FranchisingResult:
    """``YEARS`` years of the chain (``yearly``; money in ¤ M) and the figures the sentence quotes."""

    yearly: pd.DataFrame
    royalty: float                    # the royalty this run used
    franchisee_margin: float          # f = m − r − k (share of sales)
    franchisee_payback: float | None  # years; None when a franchisee never earns its investment back
    appeal: float                     # w: share of the franchised openings that find a franchisee
    skim: float                       # σ_eff
    quality_loss: float               # Q in the last year
    roc: float | None                 # franchisor's return on capital in the last year (None: no capital)
    owned_roc: float                  # the same chain with no franchising, last year
    economic_profit: float            # franchisor: Σ (profit − cost of capital × capital), ¤ M over YEARS years
    owned_economic_profit: float      # the same chain with no franchising
    owned_units_end: float            # units of the all-owned chain in the last year
    best_royalty: float               # royalty on the grid with the highest economic profit
    best_profit: float                # that economic profit
    sweep: pd.DataFrame               # royalty, economic profit, units at the end, franchisee payback


def _run(p: Values, royalty: np.ndarray, share: np.ndarray) -> dict[str, np.ndarray]:
    """The chain for several (royalty, franchised share) pairs at once: arrays of shape (n, YEARS)."""
    f = p.unit_margin - royalty - p.rent
    base_cash = f * p.sales
    with np.errstate(divide="ignore", invalid="ignore"):
        payback = np.where(base_cash > 0, p.franchisee_investment / base_cash, np.inf)
        appeal = np.where(base_cash > 0, np.minimum(1.0, p.hurdle / payback), 0.0)
        skim = np.where(f > 0, p.free_riding * np.minimum(SKIM_CAP, p.unit_margin / np.where(f > 0, f, 1.0)),
                        SKIM_CAP * p.free_riding)
    close_f = CLOSE_BASE + CLOSE_SQUEEZE * (1.0 - appeal)
    open_f = share * p.openings * appeal
    open_o = np.minimum((1.0 - share) * p.openings, p.attention)
    # x_{t+1} = x_t (1 − c) + o, so x_t = x_0 (1 − c)^t + o (1 − (1 − c)^t) / c (c ≥ 1 %): no loop over years
    t = np.arange(YEARS)
    keep_f = (1.0 - close_f)[:, None] ** t
    keep_o = (1.0 - CLOSE_BASE) ** t
    franchised = (p.units * share)[:, None] * keep_f + (open_f / close_f)[:, None] * (1.0 - keep_f)
    owned = (p.units * (1.0 - share))[:, None] * keep_o + (open_o / CLOSE_BASE)[:, None] * (1.0 - keep_o)
    total = franchised + owned
    q = skim[:, None] * franchised / total      # total > 0: units ≥ 10 and no unit count reaches 0 in 10 years
    s = p.sales * (1.0 - q)
    profit = franchised * s * (royalty + p.rent)[:, None] + owned * s * (p.unit_margin - p.monitoring)
    capital = owned * p.owned_capital + franchised * p.landlord_capital
    out = dict(franchised=franchised, owned=owned, quality=q, sales=s,
               revenue=franchised * s * (royalty + p.rent)[:, None] + owned * s, profit=profit, capital=capital,
               economic=profit - p.cost_of_capital * capital)
    out.update(payback=payback, appeal=appeal, skim=skim, margin=f)
    return out


@model(PARAMETERS)
def simulate(p: Values) -> FranchisingResult:
    """The chain at the learner's royalty and share, the same chain all owned, and every royalty on the grid."""
    royalty = np.r_[p.royalty, 0.0, ROYALTIES]
    share = np.r_[p.franchised_share, 0.0, np.full(len(ROYALTIES), p.franchised_share)]
    run = _run(p, royalty, share)
    economic = run["economic"].sum(axis=1)
    capital = run["capital"][0]
    with np.errstate(divide="ignore", invalid="ignore"):
        roc = np.where(capital > 0, run["profit"][0] / np.where(capital > 0, capital, 1.0), np.nan)
    owned_roc = run["profit"][1] / run["capital"][1]
    columns = {
        "year": np.arange(1, YEARS + 1),
        "franchised_units": run["franchised"][0],
        "owned_units": run["owned"][0],
        "units": run["franchised"][0] + run["owned"][0],
        "owned_chain_units": run["owned"][1],
        "sales_per_unit": run["sales"][0],
        "quality_loss": run["quality"][0],
        "revenue": run["revenue"][0],
        "profit": run["profit"][0],
        "capital": capital,
        "economic_profit": run["economic"][0],
        "owned_chain_economic_profit": run["economic"][1],
        "roc": roc,
        "owned_chain_roc": owned_roc,
    }
    # one 2-D block: a DataFrame built from a dict of arrays costs several times as much (the kernel budget)
    yearly = pd.DataFrame(np.column_stack(list(columns.values())), columns=list(columns))
    grid = slice(2, None)
    sweep = pd.DataFrame(np.column_stack([ROYALTIES, economic[grid], run["franchised"][grid, -1] + run["owned"][grid, -1],
                                          run["payback"][grid]]),
                         columns=["royalty", "economic_profit", "units_end", "franchisee_payback"])
    best = int(np.argmax(economic[grid]))
    payback = float(run["payback"][0])
    return FranchisingResult(
        yearly=yearly,
        royalty=float(p.royalty),
        franchisee_margin=float(run["margin"][0]),
        franchisee_payback=payback if np.isfinite(payback) else None,
        appeal=float(run["appeal"][0]),
        skim=float(run["skim"][0]),
        quality_loss=float(run["quality"][0, -1]),
        roc=float(roc[-1]) if capital[-1] > 0 else None,
        owned_roc=float(owned_roc[-1]),
        economic_profit=float(economic[0]),
        owned_economic_profit=float(economic[1]),
        owned_units_end=float(run["owned"][1, -1]),
        best_royalty=float(ROYALTIES[best]),
        best_profit=float(economic[grid][best]),
        sweep=sweep,
    )


def franchising_pays(result: FranchisingResult) -> bool:
    """Franchising pays here: franchisees can earn back their investment in the time they demand, and the
    franchisor earns more after the cost of its capital over ``YEARS`` years than the same chain all owned."""
    return result.appeal >= 1 and result.economic_profit > result.owned_economic_profit


def takeaway(result: FranchisingResult, values: Values | None = None, currency: str = "$") -> str:
    """One sentence a manager can act on; it doubles as the charts' text alternative."""
    y = result.yearly
    start, end = y["units"].iloc[0], y["units"].iloc[-1]
    franchised_end = y["franchised_units"].iloc[-1] / end if end > 0 else 0.0
    growth = (f"the chain goes from {plural(start, 'unit')} to {plural(end, 'unit')} in {YEARS} years "
              f"({percent(franchised_end)} franchised; {plural(result.owned_units_end, 'unit')} if it owned them all)")
    capital = ("ties up no capital of its own" if result.roc is None else
               f"earns {percent(result.roc)} a year on its capital")
    mine = (f"the franchisor {capital} (the all-owned chain {percent(result.owned_roc)}) and, after the cost of "
            f"capital, {money(result.economic_profit * 1e6, currency)} over {YEARS} years against "
            f"{money(result.owned_economic_profit * 1e6, currency)} all owned")
    if values is not None and values.franchised_share == 0:
        return (f"Without franchisees: {growth}; {mine}; no unit is franchised, so fees, franchisees and their "
                f"skimping play no part.")
    if result.franchisee_payback is None:
        franchisee = ("after fees a franchisee keeps nothing of its sales, so no franchisee signs and "
                      f"{percent(CLOSE_BASE + CLOSE_SQUEEZE)} of franchised units close each year")
    else:
        demand = "" if result.appeal >= 1 else (
            f", longer than franchisees accept, so only {percent(result.appeal)} of franchised openings find "
            f"an owner and {percent(CLOSE_BASE + CLOSE_SQUEEZE * (1 - result.appeal))} close a year")
        franchisee = (f"a franchisee keeps {_points(result.franchisee_margin)} of sales after fees and earns back "
                      f"its investment in {result.franchisee_payback:,.1f} years{demand}")
    quality = ("no sales are lost to franchisees skimping on quality" if result.quality_loss <= 0 else
               f"franchisees' skimping costs every unit {percent(result.quality_loss)} of its sales")
    best = _points(result.best_royalty)
    here = values is not None and abs(values.royalty - result.best_royalty) < 1e-9
    best = (f"of the royalties 0–12 %, {best} earns the franchisor most over {YEARS} years after the cost of capital"
            + (" (this one)" if here else f" ({money(result.best_profit * 1e6, currency)})"))
    if franchising_pays(result):
        verdict = "Franchising pays here"
    elif result.economic_profit > result.owned_economic_profit:
        verdict = "Franchising pays the franchisor here but not its franchisees"
    else:
        verdict = "Franchising does not pay here: owning the units earns more after the cost of capital"
    return f"{verdict}: {growth}; {mine}; {franchisee}; {quality}; {best}."


def _points(x: float) -> str:
    """A rate to a tenth of a point, as the controls set it: 0.059 -> '5.9 %' (0 only when it is 0)."""
    text = f"{x * 100:.1f}"
    return "0 %" if x == 0 else (f"{text} %" if float(text) != 0 else percent(x))
