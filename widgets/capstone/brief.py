"""The one-page brief of a capstone game: an HTML page to print or hand in, built from a decision log.

    write_brief("my_game.capstone.json", "my_game.brief.html")

The numbers on the page are always the REPLAYED ones (company + seed + decisions run through the
engine again, widgets/capstone/log.py), never the numbers the file reports: a hand-edited file
gets a brief that says so, with the true results. The page is plain HTML with inline SVG charts
(widgets/capstone/svg.py) and the canvas as a block grid: no script, no web fonts, nothing fetched,
so it opens offline and prints on A4. Everything taken from the file (team names included) is
escaped, so a name is shown as text and never run.
"""

from __future__ import annotations

import html
import os
from pathlib import Path
from typing import Any, Container, Mapping, Sequence

from widgets import canvas as bmc
from widgets.capstone import addons, companies, engine, log
from widgets.capstone.firms import spec  # each company's rival lever (the decision the rival's rule moves)
from widgets.capstone.svg import Series, line_chart

STATUS_WORDS = {
    "ok": "verified: every number below was recomputed from the decisions and the seed",
    "in progress": "verified so far: the game is not finished; the numbers are the replay of the rounds played",
    "edited": "EDITED: the numbers the file reports differ from the replay; the page shows the replay, "
              "and a debrief does not rank this file",
    "invalid": "INVALID: the decisions cannot be replayed",
    "unreadable": "UNREADABLE: the file is not a decision log",
}
CSS = """
body{font-family:Inter,'Helvetica Neue',Arial,sans-serif;color:#222;max-width:1100px;margin:0 auto;padding:16px;
font-size:14px;line-height:1.4}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:18px 0 6px;border-bottom:1px solid #ccc}
table{border-collapse:collapse;font-size:13px;margin:4px 0}th,td{border:1px solid #ccc;padding:3px 6px;text-align:right}
th{background:#f2f2f2}td.text,th.text{text-align:left}.status{padding:6px 10px;border-left:5px solid #009E73;background:#f4faf7}
.status.bad{border-left-color:#D55E00;background:#fdf3ec}.charts{display:grid;grid-template-columns:1fr 1fr;gap:8px}
.note{color:#555;font-size:12px}code{font-size:12px}ol.did{font-size:13px;padding-left:22px}ol.did li{margin:2px 0}
td.formula{font-family:monospace;font-size:11px;text-align:left}
@media print{body{max-width:none;padding:0;font-size:10px}h1{font-size:16px}h2{font-size:12px;margin:8px 0 3px;
break-after:avoid}.charts{grid-template-columns:1fr 1fr 1fr;gap:4px}svg{break-inside:avoid}table{font-size:8.5px}
ol.did{font-size:8.5px}td.formula{font-size:7.5px}.note{font-size:8.5px}[role=figure]{min-width:0!important;gap:3px!important}
[role=figure]>div{font-size:8px!important;padding:3px!important;line-height:1.2!important}@page{size:A4;margin:10mm}}
"""


def esc(value: Any) -> str:
    """Any value as HTML text: escaped, quotes included (team names and file contents are the learner's)."""
    return html.escape(str(value), quote=True)


def page(title: str, body: str, css: str = CSS) -> str:
    """A whole HTML document: UTF-8, a viewport for phones, the given style, no script."""
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
            f"<meta name='viewport' content='width=device-width,initial-scale=1'><title>{esc(title)}</title>"
            f"<style>{css}</style></head><body>{body}</body></html>")


def table(header: Sequence[str], rows: Sequence[Sequence[Any]], text: Container[int] = (0,),
          css: Mapping[int, str] | None = None) -> str:
    """An HTML table; the columns numbered in ``text`` are left-aligned text, the others numbers
    (``css`` gives a column a class of its own)."""
    def cell(tag: str, i: int, value: Any) -> str:
        name = (css or {}).get(i) if tag == "td" else None
        cls = f" class='{name}'" if name else " class='text'" if i in text else ""
        return f"<{tag}{cls}>{esc(value)}</{tag}>"
    head = "".join(cell("th", i, h) for i, h in enumerate(header))
    body = "".join("<tr>" + "".join(cell("td", i, v) for i, v in enumerate(row)) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def number(x: float, digits: int = 0) -> str:
    """A number as the reports print it: thousands separators, a true minus sign."""
    text = f"{x:,.{digits}f}"
    return "0" if float(text.replace(",", "")) == 0 else text.replace("-", "−")


def start_canvas(company: companies.Company) -> bmc.Canvas:
    """The company's canvas at the start of the game (a canvas preset name or a canvas dict)."""
    if isinstance(company.canvas, str):
        return bmc.from_preset(company.canvas)
    return bmc.Canvas.from_dict(company.canvas)


def canvas_changes(history: Sequence[engine.RoundResult]) -> dict[str, str]:
    """Each canvas block's latest change over the game (a later round's note replaces an earlier one)."""
    changes: dict[str, str] = {}
    for result in history:
        changes.update(result.canvas_changes)
    return changes


def decisions_table(company: companies.Company, history: Sequence[engine.RoundResult]) -> str:
    """One row per quarter, one column per decision, in the words and units the learner saw."""
    params = list(company.decisions)
    header = ["Quarter", *[f"{p.label}" + (" (%)" if p.percent else f" ({p.unit})" if p.unit else "")
                           for p in params]]
    rows = [[r.round, *[f"{r.decisions[p.name] * (100 if p.percent else 1):,.6g}" if p.name in r.decisions else ""
                        for p in params]] for r in history]
    return table(header, rows, text=())


def price_chart(company: companies.Company, history: Sequence[engine.RoundResult]) -> str:
    """The lever the rival's rule moves (a price, or the take rate): the team's and the rival's, quarter by quarter."""
    lever = company.decisions[spec(company.key).lever]
    scale, unit = (100, "%") if lever.percent else (1, lever.unit)
    x = [r.round for r in history]
    return line_chart([Series("yours", tuple(scale * r.decisions[lever.name] for r in history), True),
                       Series("the rival's", tuple(scale * r.rival_price for r in history))], x,
                      title=f"{lever.label}: yours and the rival's", x_label="Quarter", y_label=unit, unit=unit)


def charts(company: companies.Company, history: Sequence[engine.RoundResult]) -> str:
    """Cash, profit, users per side, market share, and the price the rival answers (the team's and the rival's)."""
    x = [r.round for r in history]
    money = f"{company.currency} thousand"
    sides = list(dict.fromkeys(k for r in history for k in r.users))
    parts = [
        line_chart([Series("cash", tuple(r.cash for r in history), True)], x, title="Cash at the end of each quarter",
                   x_label="Quarter", y_label=money, unit=money),
        line_chart([Series("profit", tuple(r.profit for r in history), True)], x, title="Profit in the quarter",
                   x_label="Quarter", y_label=money, unit=money),
        line_chart([Series(side, tuple(r.users.get(side) for r in history)) for side in sides], x,
                   title="Users", x_label="Quarter", y_label="thousand users", unit="thousand users"),
        line_chart([Series("your market share", tuple(100 * r.market_share for r in history), True)], x,
                   title="Market share", x_label="Quarter", y_label="% of the market", unit="%"),
        price_chart(company, history),
    ]
    return f"<div class='charts'>{''.join(parts)}</div>"


def events_list(history: Sequence[engine.RoundResult]) -> str:
    """The market events the game met, with the lesson and the real case each comes from."""
    met = [e for r in history for e in r.events]
    if not met:
        return "<p>No market event hit these quarters.</p>"
    rows = [[f"Q{e.round}: {e.title}", e.what_happens, e.lesson, e.source] for e in met]
    return table(["Event", "What happened", "Lesson", "Real case (sources.csv)"], rows, text=range(4))


def relations_table(company_key: Any = "") -> str:
    """Every relation the engine composes (and the company's add-ons bring): formula, lesson, citation, status."""
    extra = addons.relations(company_key) if companies.lookup(company_key) else ()
    rows = [[r.name, r.formula, r.lesson, r.citation, r.status] for r in (*engine.RELATIONS, *extra)]
    return table(["Relation", "Formula (LaTeX)", "Lesson", "Literature", "Sourced or illustrative"], rows,
                 text=range(5), css={1: "formula"})


def results_table(history: Sequence[engine.RoundResult]) -> str:
    """Revenue, costs, profit, cash, users and value created per quarter (the replayed numbers)."""
    rows = [[r.round, number(sum(r.revenue.values())), number(sum(r.costs.values())), number(r.profit),
             number(r.cash), number(sum(r.users.values()), 1), number(r.value_created),
             f"{100 * r.market_share:.1f}"] for r in history]
    header = ["Quarter", "Revenue", "Costs", "Profit", "Cash", "Users (thousand)", "Value created", "Share (%)"]
    did = "".join(f"<li value='{r.round}'>{esc(r.sentence)}</li>" for r in history)
    return table(header, rows, text=()) + f"<h2>What each quarter's decisions did</h2><ol class='did'>{did}</ol>"


def render(company_key: str, team: str, seed: Any, rounds: Any, status: str, message: str,
           history: Sequence[engine.RoundResult] | None, heading: str = "Capstone brief") -> str:
    """The brief as an HTML document, from a replayed history (or None when there is nothing to replay)."""
    company = companies.lookup(company_key)
    bad = status not in ("ok", "in progress")
    name = company.name if company else f"unknown company {company_key!r}"
    parts = [f"<h1>{esc(heading)}: {esc(name)}</h1>",
             f"<p>Team <b>{esc(team)}</b> · seed {esc(seed)} · {esc(rounds)} quarters</p>",
             f"<p class='status{' bad' if bad else ''}' role='status'><b>{esc(STATUS_WORDS.get(status, status))}</b>"
             f"{' — ' + esc(message) if message else ''}</p>"]
    if company is not None:
        parts.append(f"<p>{esc(company.story)}</p><p class='note'><b>Calibration.</b> {esc(company.calibration)} "
                     f"Patterns: {esc(', '.join(company.patterns))}. Lessons: {esc(', '.join(company.lessons))}.</p>")
    if company is not None and history:
        labels = {key: label for key, (label, _) in engine.METRICS.items()}
        ends = " · ".join(f"{esc(labels[k])}: {number(fn(list(history)), 1)}" for k, (_, fn) in engine.METRICS.items())
        canvas_html = bmc.canvas_view(start_canvas(company), canvas_changes(history),
                                      "Orange: the blocks your decisions changed, with the latest change.").data
        parts += [f"<p><b>At the end of quarter {history[-1].round}:</b> {ends} "
                  f"(money in {esc(company.currency)} thousand, users in thousands).</p>",
                  charts(company, history),
                  "<h2>Decisions per quarter</h2>", decisions_table(company, history),
                  f"<h2>Results (replayed; {esc(company.currency)} thousand a quarter)</h2>", results_table(history),
                  "<h2>Events met</h2>", events_list(history),
                  "<h2>The canvas as it stands</h2>", canvas_html]
    parts += ["<h2>Relations the simulation uses (every company's; lesson 49 prints the same table)</h2>",
              relations_table(company_key),
              "<p class='note'>Illustrative relations and start values are labelled as such; sourced figures name "
              "their entry in datasets/sources.csv.</p>"]
    return page(f"{heading}: {team}", "".join(parts))


def write_brief(log_path_or_log: str | os.PathLike | log.DecisionLog, out_path: str | os.PathLike) -> Path:
    """Replay a decision log and write its one-page HTML brief to ``out_path``; returns the path."""
    verdict = log.verify(log_path_or_log)
    meta: Mapping[str, Any] = {}
    try:
        loaded = log_path_or_log if isinstance(log_path_or_log, log.DecisionLog) else log.load(log_path_or_log)
        meta = {"company": loaded.company, "team": loaded.team, "seed": loaded.seed, "rounds": loaded.rounds}
    except log.LogError:
        pass
    text = render(meta.get("company", "?"), meta.get("team", "?"), meta.get("seed", "?"), meta.get("rounds", "?"),
                  verdict.status, verdict.message, verdict.history)
    out = Path(out_path)
    bmc.write_atomic(out, text)
    return out
