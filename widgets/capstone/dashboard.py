"""The capstone's dashboard: run one company quarter by quarter against the rival, and never lose the game.

The learner chooses a company (``companies.COMPANIES``), sets the decisions its patterns expose and
plays a quarter; the engine composes the course's models into that quarter's P&L. Nothing here
computes economics: the dashboard shows what ``engine.Game`` returns. The quarter about to be
played is shown as a forecast (the same engine, the same seed, nothing committed), so every control
moves the charts at once; "Play quarter N" commits it. After every quarter the decision log is
saved (``log.save``, atomic) beside the notebook, and running the cell again resumes the game from
that log, replayed and verified (``log.verify``).
"""

from __future__ import annotations

import copy
import html
import logging
import re
import time
from pathlib import Path
from typing import Any, Mapping, Sequence

import ipywidgets as W
import pandas as pd

from .. import theme
from ..canvas import canvas_view
from ..explorers.base import (TAKEAWAY_STYLE, _batch, _control, _from_control, _NumbersPanel, _room_for_legend,
                              _to_control, figure)
from ..explorers.live_text import LiveText
from ..models.wording import money, share
from . import addons, companies, engine, log
from .brief import start_canvas, write_brief

log_ = logging.getLogger(__name__)   # (``log`` is the decision log module)
LOG_NAME = "capstone.{company}.log.json"   # beside the notebook; {company} is the company's key
BRIEF_NAME = "capstone.{company}.brief.html"
REVENUE_SLOTS = 5   # revenue lines a company may have (bars in the P&L chart)
USER_SLOTS = 4      # user groups (sides or tiers) a company may have
FORECAST_OPACITY = 0.4
CHART_WIDTH, CHART_HEIGHT = 470, 340


class CapstoneDashboard:
    """One company, quarter by quarter against the rival: decisions, forecast, P&L, cash, users, share, canvas."""

    def __init__(self, company: str = "music", seed: int = 2026, rounds: int = engine.DEFAULT_ROUNDS,
                 log_path: str | Path = LOG_NAME):
        company = companies.company(company).key     # a base, or a base with add-ons; ValueError if neither
        if rounds not in engine.ROUNDS_ALLOWED:
            raise ValueError(f"rounds must be from {engine.ROUNDS_ALLOWED.start} to "
                             f"{engine.ROUNDS_ALLOWED.stop - 1} quarters; got {rounds!r}")
        self.seed, self.rounds, self._log_pattern = seed, rounds, str(log_path)
        self._quiet = False
        self.forecast: engine.RoundResult | None = None
        self._drawn: dict[str, Any] = {}   # what the charts' axes and names show (see _draw_charts)
        self.timings: list[float] = []   # seconds per forecast or play, drawn (kernel side)

        self.company_box = W.Dropdown(options=[(c.name, key) for key, c in companies.COMPANIES.items()],
                                      value=company.split("+")[0], description="Company",
                                      style={"description_width": "70px"}, layout=W.Layout(width="min(100%, 430px)"))
        # "Add a pattern": each add-on a checkbox (keyboard: Tab to it, Space to tick); ticking rebuilds the game.
        self.addon_boxes = {key: W.Checkbox(value=False, description=f"{a.title} (lesson {a.lesson[:2]}, illustrative)",
                                            indent=False, layout=W.Layout(width="auto"))
                            for key, a in addons.ADDONS.items()}
        self.addons_box = W.HBox([W.HTML("<b>Add a pattern:</b>"), *self.addon_boxes.values()],
                                 layout=W.Layout(flex_flow="row wrap", grid_gap="2px 12px", align_items="center"))
        self._syncing = False
        self.about_box = W.HTML()
        self.events_box = W.HTML()
        self.controls_box = W.GridBox(layout=W.Layout(
            grid_template_columns="repeat(auto-fill, minmax(min(100%, 420px), 1fr))", grid_gap="2px 16px",
            width="100%"))
        self.play_button = W.Button(description="Play quarter 1", icon="play", button_style="primary",
                                    tooltip="Commit these decisions: the quarter is computed and saved",
                                    layout=W.Layout(width="fit-content"))
        self.undo_button = W.Button(description="Undo last quarter", icon="undo",
                                    tooltip="Take back the last quarter (it is replayed without it)",
                                    layout=W.Layout(width="fit-content"))
        self.export_button = W.Button(description="Export the brief", icon="file",
                                      tooltip="Write a one-page HTML brief of the game beside the notebook",
                                      layout=W.Layout(width="fit-content"))
        self.forecast_text = LiveText(css=TAKEAWAY_STYLE.format(color=theme.PALETTE["sky"]),
                                      layout=W.Layout(width="auto"))
        self.sentence_text = LiveText(css=TAKEAWAY_STYLE.format(color=theme.PALETTE["blue"]),
                                      layout=W.Layout(width="auto"))
        self.message_box = W.HTML()
        self.saved_box = W.HTML()
        self.figures = _make_figures()
        self._numbers = [_NumbersPanel(fig) for fig in self.figures]
        self.round_toggle = W.ToggleButton(description="Show the numbers of the quarter", icon="table",
                                           tooltip="Every line of the quarter: value, unit and the lesson it comes from",
                                           layout=W.Layout(width="fit-content"))
        self.round_table = W.HTML()
        self.canvas_box = W.HTML(layout=W.Layout(width="100%"))

        self.company_box.observe(lambda _: self._on_composition(), names="value")
        for box in self.addon_boxes.values():
            box.observe(lambda _: self._on_composition(), names="value")
        self.play_button.on_click(lambda _: self.play())
        self.undo_button.on_click(lambda _: self.undo())
        self.export_button.on_click(lambda _: self.export())
        self.round_toggle.observe(lambda _: self._show_round_table(), names="value")
        self._open(company)
        self._sync_composition()
        self.view = self._layout()

    # --- the learner's actions -----------------------------------------------------------
    def play(self) -> engine.RoundResult | None:
        """Commit the decisions the controls show: one quarter is played, drawn and saved."""
        try:
            result = self.game.play(self.decisions())
        except ValueError as err:
            self._warn(str(err))
            return None
        except Exception as err:  # a learner must never lose the game to a bug (as in Explorer.refresh)
            log_.exception("capstone quarter failed")
            self._warn(f"Something went wrong ({type(err).__name__}: {err}); the quarter was not played and "
                       f"the game is as it was.")
            return None
        self.refresh()
        self._save()
        return result

    def undo(self) -> None:
        """Take back the last quarter; the controls go back to the decisions it was played with."""
        if not self.game.round:
            self._warn("No quarter has been played yet: there is nothing to undo.")
            return
        last = dict(self.game.decisions[-1])
        self.game.undo()
        self.set(**last)
        self._save()

    def choose(self, company: str) -> None:
        """Switch company (a base, or a base with add-ons): its own game, resumed from its own log file if any."""
        company = companies.company(company).key
        if company != self.company.key:
            self._open(company)
        self._sync_composition()

    def _on_composition(self) -> None:
        """The dropdown or an add-on box changed: play the composed company (add-ons it cannot take are dropped)."""
        if self._syncing:
            return
        base = self.company_box.value
        ok = addons.allowed(base)
        self.choose("+".join([base, *(k for k, box in self.addon_boxes.items() if box.value and k in ok)]))

    def _sync_composition(self) -> None:
        """The dropdown and the boxes show the company played; an add-on the base already has is disabled."""
        base, extra = addons.parse(self.company.key)
        self._syncing = True
        try:
            self.company_box.value = base
            for key, box in self.addon_boxes.items():
                box.value, box.disabled = key in extra, addons.has(base, key)
                box.tooltip = (f"{companies.COMPANIES[base].name} already has this pattern" if box.disabled
                               else f"Add {addons.ADDONS[key].title} ({addons.ADDONS[key].pattern}) to the company")
        finally:
            self._syncing = False

    def set(self, **decisions: float) -> None:
        """Move decision controls (model units) and redraw the forecast once."""
        params = self.company.decisions
        checked = params.validate({**self.decisions(), **decisions})
        self._quiet = True
        try:
            for name in decisions:
                self.controls[name].value = _to_control(params[name], checked[name])
        finally:
            self._quiet = False
        self.refresh()

    def decisions(self) -> dict[str, float]:
        """The decisions the controls show now, in model units."""
        params = self.company.decisions
        return {name: _from_control(params[name], c.value) for name, c in self.controls.items()}

    def export(self) -> Path | None:
        """Write the one-page brief of this game (widgets.capstone.brief) beside the log; its path."""
        if not self.game.round:
            self._warn("Play at least one quarter before exporting the brief.")
            return None
        out = self.log_path.with_name(BRIEF_NAME.format(company=self.company.key))
        try:
            path = Path(write_brief(self.log_path, out))
        except (ValueError, OSError) as err:
            self._warn(f"The brief could not be written: {err}")
            return None
        self.message_box.value = notice(
            f"The brief is in <code>{html.escape(path.name)}</code> beside the notebook; hand it in "
            f"with <code>{html.escape(self.log_path.name)}</code>.", alert=False)
        return path

    def summary(self) -> pd.DataFrame:
        """The quarters played so far, one row each, as the engine computed them (currency thousands)."""
        rows = [{"quarter": r.round, "revenue": sum(r.revenue.values()), "costs": sum(r.costs.values()),
                 "profit": r.profit, "cash": r.cash, "users (thousand)": sum(r.users.values()),
                 "market share": r.market_share, "rival's price": r.rival_price, "value created": r.value_created}
                for r in self.game.history]
        return pd.DataFrame(rows, columns=["quarter", "revenue", "costs", "profit", "cash", "users (thousand)",
                                           "market share", "rival's price", "value created"])

    def scores(self) -> dict[str, float]:
        """The debrief's metrics (engine.METRICS) of the game so far; empty before the first quarter."""
        history = list(self.game.history)
        return {label: fn(history) for label, fn in engine.METRICS.values()} if history else {}

    def refresh(self) -> None:
        """Forecast the next quarter at the controls' decisions and redraw everything once."""
        start = time.perf_counter()
        try:
            self.forecast = None if self.game.finished else _forecast(self.game, self.decisions())
            self.message_box.value = ""
        except ValueError as err:
            self.forecast = None
            self._warn(f"Those decisions cannot be played: {err}")
        except Exception as err:  # never a traceback in the learner's page
            log_.exception("capstone forecast failed")
            self.forecast = None
            self._warn(f"Something went wrong ({type(err).__name__}: {err}); the forecast is not shown.")
        self._draw()
        self.timings.append(time.perf_counter() - start)

    # --- opening, resuming and saving a game -------------------------------------------------
    @property
    def log_path(self) -> Path:
        return Path(self._log_pattern.format(company=self.company.key))

    def _open(self, key: str) -> None:
        self.company = companies.company(key)
        self.game = engine.Game(key, self.seed, rounds=self.rounds)
        notice = self._resume()
        params = self.company.decisions
        last = self.game.decisions[-1] if self.game.decisions else {}
        self.controls = {p.name: _control(p, last.get(p.name, p.default), self.company.currency) for p in params}
        for control in self.controls.values():
            control.observe(self._on_control, names="value")
        self.controls_box.children = list(self.controls.values())
        self._show_company()
        self.round_toggle.value = False
        self.refresh()
        if notice:
            self.message_box.value = notice

    def _resume(self) -> str:
        """Replay the log file of this company, if any; a message when something in it was not right."""
        path = self.log_path
        if not path.exists():
            return ""
        verdict = log.verify(path)
        try:
            kept = log.load(path)
        except log.LogError as err:
            return self._set_aside(path, f"it cannot be read ({err})")
        if (kept.company, kept.seed, kept.rounds) != (self.company.key, self.seed, self.rounds):
            return self._set_aside(path, f"it holds another game (seed {kept.seed}, {kept.rounds} quarters)")
        if verdict.status not in ("ok", "in progress", "edited"):
            return self._set_aside(path, verdict.message)
        for decisions in kept.decisions:
            self.game.play(decisions)
        resumed = f"Resumed from <code>{html.escape(path.name)}</code> after quarter {self.game.round}."
        if verdict.status == "edited":
            return notice(f"{resumed} The numbers written in the file differ from what its decisions give "
                          f"({html.escape(verdict.message)}): the game goes on from the decisions, replayed; "
                          f"the file's numbers are ignored.")
        return notice(resumed, alert=False)

    def _set_aside(self, path: Path, why: str) -> str:
        """Keep a log that cannot be resumed under another name, and say so: no work is lost."""
        stamp = time.strftime("%Y%m%d-%H%M%S")
        aside = path.with_name(f"{path.stem}.set-aside-{stamp}{path.suffix}")
        path.replace(aside)
        return notice(html.escape(f"The log {path.name} was not resumed: {why}. It is kept as {aside.name}; "
                                  f"a new game starts."))

    def _save(self) -> None:
        try:
            log.save(self.game, self.log_path)
        except OSError as err:
            self._warn(f"The game could not be saved to {self.log_path} ({err}); it goes on in this kernel.")
            return
        self.saved_box.value = (f"<small>Saved after quarter {self.game.round} to "
                                f"<code>{html.escape(str(self.log_path))}</code>.</small>")

    def _on_control(self, _change: dict) -> None:
        if not self._quiet:
            self.refresh()

    def _warn(self, text: str) -> None:
        self.message_box.value = notice(html.escape(text))

    # --- what the learner sees ----------------------------------------------------------------
    def _show_company(self) -> None:
        c = self.company
        lessons = ", ".join(_lesson(stem) for stem in c.lessons)
        self.about_box.value = (
            f"<p style='margin:4px 0'>{html.escape(c.story)}</p>"
            f"<p style='margin:4px 0'><b>Patterns:</b> {html.escape(', '.join(c.patterns))}. "
            f"<b>Models from lessons:</b> {html.escape(lessons)}.</p>"
            f"<p style='margin:4px 0'><small><b>Calibration:</b> {html.escape(c.calibration)} "
            f"<b>Sources:</b> {html.escape(', '.join(c.sources))}.</small></p>")
        with _batch(self.figures):
            _label_charts(self.figures, c.currency)

    def _draw(self) -> None:
        history = list(self.game.history)
        shown = history + ([self.forecast] if self.forecast is not None else [])
        with _batch(self.figures):
            _draw_charts(self.figures, history, self.forecast, self.rounds, self._drawn)
            title = _cash_title(history)
            if self.figures[1].layout.title.text != title:
                self.figures[1].layout.title.text = title
        for panel in self._numbers:
            panel.refresh()
        n = self.game.round
        self.play_button.description = ("The game is over" if self.game.finished else f"Play quarter {n + 1}")
        self.play_button.disabled = self.game.finished or self.forecast is None
        self.undo_button.disabled = n == 0
        self.export_button.disabled = n == 0
        self.forecast_text.text = _forecast_sentence(self.forecast, history, self.company.currency, self.rounds)
        self.sentence_text.text = _result_sentence(history, self.company.currency)
        self.events_box.value = _events_html(history, self.game.upcoming, self.game.finished)
        last = history[-1] if history else None
        caption = (f"As it stands after quarter {last.round}: outlined blocks are the ones your decisions change."
                   if last else "The company's canvas at the start; the blocks your decisions change are outlined "
                                "once a quarter is played.")
        self.canvas_box.value = canvas_view(start_canvas(self.company),
                                            changed=last.canvas_changes if last else None, caption=caption).data
        self._show_round_table(shown)

    def _show_round_table(self, shown: Sequence[engine.RoundResult] | None = None) -> None:
        if shown is None:
            shown = list(self.game.history) + ([self.forecast] if self.forecast is not None else [])
        if not self.round_toggle.value or not shown:
            self.round_toggle.description = "Show the numbers of the quarter"
            self.round_table.value = ""
            return
        self.round_toggle.description = "Hide the numbers of the quarter"
        result = self.game.history[-1] if self.game.history else shown[-1]
        what = (f"Quarter {result.round}" if self.game.history
                else f"Quarter {result.round}, forecast at these decisions (not played)")
        self.round_table.value = round_table_html(result, what)

    def _layout(self) -> W.Widget:
        header = W.HTML("<h3 style='margin:4px 0'>Capstone: run the company for "
                        f"{self.rounds} quarters against its rival</h3>")
        buttons = W.HBox([self.play_button, self.undo_button, self.export_button],
                         layout=W.Layout(flex_flow="row wrap", grid_gap="6px", width="100%"))
        charts = W.HBox([panel.view for panel in self._numbers],
                        layout=W.Layout(flex_flow="row wrap", width="100%", grid_gap="8px"))
        return W.VBox([header, self.company_box, self.addons_box, self.about_box, self.events_box, self.controls_box, buttons,
                       self.forecast_text, self.sentence_text, self.message_box, self.saved_box, charts,
                       self.round_toggle, self.round_table], layout=W.Layout(width="100%"))

    def _ipython_display_(self) -> None:
        from IPython.display import display

        for fig in self.figures:
            fig.resend()   # a view starts from the chart as drawn (see Explorer._ipython_display_)
        display(self.view)
        # The canvas is a wide two-dimensional sheet that scrolls sideways on a narrow screen: it is its
        # own output under the dashboard, so the controls and charts above it still reflow.
        display(self.canvas_box)


# --- the game, read ---------------------------------------------------------------------------
def _forecast(game: engine.Game, decisions: Mapping[str, float]) -> engine.RoundResult:
    """The next quarter at ``decisions`` on a copy of the game: the same seed and rule, nothing committed."""
    return copy.deepcopy(game).play(decisions)


def _money_k(amount_k: float, currency: str) -> str:
    """An amount the engine gives in thousands, as a manager reads it: '€1.23 bn', '$450.0 thousand'."""
    return money(amount_k * 1000, currency)


def _people(thousands: float) -> str:
    """A count the engine gives in thousands, read at a glance: '681.43 million', '17.3 thousand'."""
    if thousands >= 1000:
        return f"{thousands / 1000:,.2f} million"
    return f"{thousands:,.1f} thousand"


def runway(history: Sequence[engine.RoundResult]) -> float | None:
    """Quarters of cash left at the last quarter's loss; None when the last quarter made money."""
    if not history or history[-1].profit >= 0:
        return None
    return max(history[-1].cash, 0.0) / -history[-1].profit


def notice(text: str, alert: bool = True) -> str:
    """A message box (``text`` is HTML): an alert, announced at once, or a status, announced politely."""
    colour, background, role = ((theme.PALETTE["vermillion"], "#fdf1ea", "alert") if alert
                                else (theme.PALETTE["green"], "#eef7f1", "status"))
    return (f'<div role="{role}" style="padding:8px 12px;margin:4px 0;border-left:5px solid {colour};'
            f'background:{background}">{text}</div>')


def _cash_title(history: Sequence[engine.RoundResult]) -> str:
    left = runway(history)
    return "Cash at the end of the quarter" if left is None else f"Cash (runway: {left:,.1f} quarters at this loss)"


def _forecast_sentence(forecast: engine.RoundResult | None, history: Sequence[engine.RoundResult],
                       currency: str, rounds: int) -> str:
    if forecast is None:
        return (f"The game is over after {rounds} quarters. Export the brief and hand it in with the log file."
                if len(history) >= rounds else "No forecast: these decisions cannot be played (see the message).")
    users = sum(forecast.users.values())
    return (f"Forecast for quarter {forecast.round} at these decisions (nothing is committed until you press "
            f"Play): revenue {_money_k(sum(forecast.revenue.values()), currency)}, profit "
            f"{_money_k(forecast.profit, currency)}, cash at the end {_money_k(forecast.cash, currency)}; "
            f"{_people(users)} users, a market share of {share(forecast.market_share)}.")


def _result_sentence(history: Sequence[engine.RoundResult], currency: str) -> str:
    if not history:
        return "No quarter played yet: what your decisions did will be said here after each quarter."
    last = history[-1]
    left = runway(history)
    cash = (f"Cash {_money_k(last.cash, currency)}" +
            (f", about {left:,.1f} quarters of runway at this loss." if left is not None else "."))
    return f"Quarter {last.round}: {last.sentence} {cash}"


def _events_html(history: Sequence[engine.RoundResult], upcoming: Sequence[Any], finished: bool) -> str:
    def item(event: Any, when: str) -> str:
        return (f"<li><b>{html.escape(when)}: {html.escape(event.title)}.</b> {html.escape(event.what_happens)} "
                f"<small>(lesson {html.escape(event.lesson[:2])}; real case: {html.escape(event.source)})</small></li>")

    ahead = "".join(item(e, f"Announced for quarter {e.round}") for e in upcoming) if not finished else ""
    past = "".join(item(e, f"Quarter {r.round}") for r in history for e in r.events)
    if not ahead and not past:
        return "<p style='margin:4px 0'><small>No market event announced for the next quarter.</small></p>"
    return f"<ul style='margin:4px 0;padding-left:1.3em'>{ahead}{past}</ul>"


def round_table_html(result: engine.RoundResult, what: str) -> str:
    """A quarter's "show the numbers" table (``RoundResult.table()``) as an accessible HTML table."""
    table = result.table()
    head = "".join(f'<th scope="col">{html.escape(str(c))}</th>' for c in table.columns)
    rows = []
    for row in table.itertuples(index=False):
        cells = [f"{v:,.2f}" if isinstance(v, float) else html.escape(str(v)) for v in row]
        rows.append(f'<tr><th scope="row">{cells[0]}</th>' + "".join(f"<td>{c}</td>" for c in cells[1:]) + "</tr>")
    return (f'<div class="bmpl-numbers" role="region" tabindex="0" aria-label="Numbers: {html.escape(what)}" '
            f'style="max-height:360px;overflow:auto;max-width:100%"><table style="border-collapse:collapse;'
            f'font-size:0.9em"><caption style="text-align:left;font-weight:bold">{html.escape(what)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>")


def relations_markdown() -> str:
    """engine.RELATIONS as a Markdown table: each relation, its formula, lesson, citation and status."""
    rows = ["| Relation | Formula | Lesson | Literature | Calibration |", "| --- | --- | --- | --- | --- |"]
    for r in engine.RELATIONS:
        formula = _SUBSCRIPT_WORD.sub(r"_{\\text{\1}}", r.formula).replace("|", "\\vert ")
        rows.append(f"| {_cell(r.name)} | ${formula}$ | {_lesson(r.lesson)} | {_cell(r.citation)} | {_cell(r.status)} |")
    return "\n".join(rows)


_SUBSCRIPT_WORD = re.compile(r"_\{([A-Za-z]{2,})\}")   # c_{max}: a word as a subscript is set upright, as text


def companies_markdown() -> str:
    """companies.COMPANIES as Markdown: who the learner runs, the patterns and lessons, how the start is calibrated."""
    parts = []
    for c in companies.COMPANIES.values():
        decisions = "; ".join(f"{p.label} ({'on or off' if _is_switch(p) else p.describe_range()})" for p in c.decisions)
        parts.append(f"**{_cell(c.name)}** (`company=\"{c.key}\"`). {_cell(c.story)}\n\n"
                     f"- *Patterns:* {_cell(', '.join(c.patterns))}; *models from lessons* "
                     f"{', '.join(s[:2] for s in c.lessons)}.\n- *Decisions:* {_cell(decisions)}.\n"
                     f"- *Calibration:* {_cell(c.calibration)} *Sources:* {', '.join(f'`{t}`' for t in c.sources)}.")
    return "\n\n".join(parts)


def events_markdown() -> str:
    """Every market event the engine can draw (events.CATALOGUE), with the companies that can meet it."""
    from . import events

    rows = ["| Event | What happens | Lesson | Real case (source) | Companies |", "| --- | --- | --- | --- | --- |"]
    for key, (title, text, lesson, source, _effect, _lasts) in events.CATALOGUE.items():
        who = ", ".join(c for c, pool in events.POOLS.items() if key in pool)
        rows.append(f"| {_cell(title)} | {_cell(text)} | {_lesson(lesson)} | `{source}` | {who} |")
    return "\n".join(rows)


def _is_switch(p: Any) -> bool:
    return p.integer and (p.min, p.max) == (0, 1)


def _lesson(stem: str) -> str:
    """'12_open_source_and_open_business' -> '12 (open source and open business)'."""
    number, _, topic = stem.partition("_")
    return f"{number} ({topic.replace('_', ' ')})" if topic else stem


def _cell(text: str) -> str:
    return re.sub(r"\$\s*", "USD ", str(text)).replace("|", "/").replace("\n", " ")


# --- charts (created once, filled in batch) ---------------------------------------------------
def _make_figures() -> list[Any]:
    """The four charts, empty: P&L, cash, users, market share against the rival's price."""
    pnl = figure("P&L per quarter (pale: the forecast)", barmode="relative",
                 xaxis_title="Quarter", yaxis_title="Amount (¤ thousand)")
    for i in range(REVENUE_SLOTS):
        pnl.add_bar(name=f"revenue {i + 1}", visible=False, marker_color=theme.COLORWAY[i % len(theme.COLORWAY)])
    pnl.add_bar(name="Costs (negative)", marker_color=theme.PALETTE["vermillion"])
    pnl.add_scatter(name="Profit", mode="lines+markers", line=dict(color="#222", width=2))
    cash = figure("Cash at the end of the quarter", xaxis_title="Quarter", yaxis_title="Amount (¤ thousand)",
                  yaxis_rangemode="tozero")
    cash.add_scatter(name="Cash", mode="lines+markers", line=dict(color=theme.PALETTE["blue"], width=3))
    users = figure("Users at the end of the quarter", xaxis_title="Quarter", yaxis_title="Thousand users",
                   yaxis_rangemode="tozero")
    for i in range(USER_SLOTS):
        users.add_scatter(name=f"users {i + 1}", visible=False, mode="lines+markers",
                          line=dict(color=theme.COLORWAY[(i + 2) % len(theme.COLORWAY)], width=2))
    market = figure("Your market share and the rival's price", xaxis_title="Quarter", yaxis_title="Market share (%)", yaxis_rangemode="tozero",
                    yaxis2=dict(title="Rival's price (¤)", overlaying="y", side="right", showgrid=False,
                                rangemode="tozero"))
    market.add_scatter(name="Your share (%)", mode="lines+markers", line=dict(color=theme.PALETTE["blue"], width=3))
    market.add_scatter(name="Rival's price", mode="lines+markers", yaxis="y2",
                       line=dict(color=theme.PALETTE["orange"], width=2, dash="dot"))
    figures = [pnl, cash, users, market]
    for fig in figures:
        fig.layout.width, fig.layout.height = CHART_WIDTH, CHART_HEIGHT
        fig.layout.xaxis.tickmode = "array"
        fig.layout.margin.r = 70 if fig is market else fig.layout.margin.r
        _room_for_legend(fig)
    for fig in (pnl, users):   # room for the longest legend the slots may get
        fig.layout.margin.t = max(fig.layout.margin.t or 0, 62 + 24 * 3)
    return figures


def _label_charts(figures: Sequence[Any], currency: str) -> None:
    pnl, cash, users, market = figures
    for fig in (pnl, cash):
        fig.layout.yaxis.title.text = f"Amount ({currency} thousand)"
    market.layout.yaxis2.title.text = f"Rival's price ({currency})"


def _draw_charts(figures: Sequence[Any], history: Sequence[engine.RoundResult],
                 forecast: engine.RoundResult | None, rounds: int, drawn: dict[str, Any]) -> None:
    """Put the played quarters and the forecast (pale, open markers) into the charts.

    A control move changes only the forecast's numbers: the axes, names and marker styles are set again
    only when the quarters shown change (``drawn`` remembers what they were), so a move costs a few
    y assignments (design §8: the kernel's update within 15 ms)."""
    pnl, cash, users, market = figures
    shown = list(history) + ([forecast] if forecast is not None else [])
    lines = list(dict.fromkeys(k for r in shown for k in r.revenue))[:REVENUE_SLOTS]
    groups = list(dict.fromkeys(k for r in shown for k in r.users))[:USER_SLOTS]
    shape = (len(history), forecast is not None, tuple(lines), tuple(groups), rounds)
    if drawn.get("shape") != shape:
        _draw_shape(figures, len(history), forecast is not None, lines, groups, rounds)
        drawn["shape"] = shape
    for bar, line in zip(pnl.data, lines):
        bar.y = [r.revenue.get(line, 0.0) for r in shown]
    pnl.data[REVENUE_SLOTS].y = [-sum(r.costs.values()) for r in shown]
    pnl.data[REVENUE_SLOTS + 1].y = [r.profit for r in shown]
    cash.data[0].y = [r.cash for r in shown]
    for trace, group in zip(users.data, groups):
        trace.y = [r.users.get(group, 0.0) for r in shown]
    market.data[0].y = [r.market_share * 100 for r in shown]
    market.data[1].y = [r.rival_price for r in shown]


def _draw_shape(figures: Sequence[Any], played: int, forecast: bool, lines: Sequence[str], groups: Sequence[str],
                rounds: int) -> None:
    """The quarters on the x axis, the traces' names and which are shown, forecast points pale and open."""
    pnl, cash, users, market = figures
    x = list(range(1, played + 1 + forecast))
    pale = [1.0] * played + [FORECAST_OPACITY] * forecast
    symbols = ["circle"] * played + ["circle-open"] * forecast
    ticks = [f"Q{q}<br>forecast" if forecast and q == played + 1 else f"Q{q}" for q in range(1, rounds + 1)]
    for fig in figures:
        axis = fig.layout.xaxis
        axis.ticktext = ticks
        if len(axis.tickvals or ()) != rounds:
            axis.tickvals, axis.range = list(range(1, rounds + 1)), [0.5, rounds + 0.5]
    for slots, names, prefix in ((pnl.data[:REVENUE_SLOTS], lines, "Revenue: "), (users.data[:USER_SLOTS], groups, "")):
        for i, trace in enumerate(slots):
            name = (prefix + names[i] if prefix else names[i].capitalize()) if i < len(names) else ""
            if trace.name != name:   # a hidden slot has no name, so no room is kept for it in the legend
                trace.name, trace.visible = name, bool(name)
                if not name:
                    trace.x, trace.y = [], []
    for trace in (*pnl.data[:len(lines)], pnl.data[REVENUE_SLOTS]):
        trace.x = x
        trace.marker.opacity = pale
    for trace in (pnl.data[REVENUE_SLOTS + 1], cash.data[0], *users.data[:len(groups)], *market.data):
        trace.x = x
        trace.marker.symbol = symbols
    for fig in (pnl, users):
        _room_for_legend(fig)
