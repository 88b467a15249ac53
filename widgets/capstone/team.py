"""A team's side of the class market: set next round's decisions with the company's controls and save the file.

In a class market (widgets/capstone/classroom.py, ``course.py market``) every team hands in a decisions
file per round. ``TeamDecisions(folder, team)`` opens the market folder, shows the team's results so far
(replayed from market.json, never read from a file the team could edit) and the events announced, and
writes ``round-NN/<team>.decisions.json`` from the same controls as the dashboard: every value in range,
in the file's format, atomically. Nothing here plays a round; the instructor does, with one command.
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

import ipywidgets as W

from ..canvas import write_atomic
from ..explorers.base import _control, _from_control
from . import classroom, companies
from .dashboard import _events_html, _money_k, _people, notice


class TeamDecisions:
    """One team's next-round decisions in a class market: controls, what the team has so far, Save."""

    def __init__(self, folder: str | Path, team: str):
        self.folder, self.team = Path(folder), team
        self.market = classroom.read_market(self.folder)   # MarketError (a ValueError) says what is wrong
        if team not in self.market["teams"]:
            raise ValueError(f"team must be one of {', '.join(self.market['teams'])}; got {team!r}")
        self.company = companies.company(self.market["company"])
        self.game = classroom.replay(self.folder, self.market)
        self.round = self.game.round + 1
        start = self._handed_in() or self.game.last_decisions(team)
        self.controls = {p.name: _control(p, start.get(p.name, p.default), self.company.currency)
                         for p in self.company.decisions}
        self.save_button = W.Button(description=f"Save my decisions for round {self.round}", icon="save",
                                    button_style="primary", disabled=self.game.finished,
                                    layout=W.Layout(width="fit-content"))
        self.save_button.on_click(lambda _: self.save())
        self.message_box = W.HTML()
        self.view = W.VBox([W.HTML(self._summary()), W.GridBox(list(self.controls.values()), layout=W.Layout(
            grid_template_columns="repeat(auto-fill, minmax(min(100%, 420px), 1fr))", grid_gap="2px 16px",
            width="100%")), self.save_button, self.message_box], layout=W.Layout(width="100%"))

    @property
    def path(self) -> Path:
        return classroom.decisions_path(self.folder, self.round, self.team)

    def decisions(self) -> dict[str, float]:
        """The decisions the controls show, in model units."""
        params = self.company.decisions
        return {name: _from_control(params[name], c.value) for name, c in self.controls.items()}

    def save(self) -> Path | None:
        """Write the team's decisions file for the next round (checked, atomic); its path, or None with a message."""
        if self.game.finished:
            self._say(f"The market has ended after {self.market['rounds']} rounds.", alert=True)
            return None
        try:
            checked = self.company.decisions.validate(self.decisions())
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(self.path, classroom.template(self.company, self.market["seed"], self.round, self.team,
                                                       dict(checked)))
        except (ValueError, OSError) as err:
            self._say(f"Not saved: {err}", alert=True)
            return None
        self._say(f"Saved: {self.path.relative_to(self.folder)}. Your instructor plays round {self.round} "
                  f"when every team has handed in; you may save again until then.")
        return self.path

    def _handed_in(self) -> dict[str, Any] | None:
        """This round's decisions if the team's file is already there and readable (to go on editing it)."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return dict(data["decisions"]) if isinstance(data.get("decisions"), dict) else None
        except (OSError, ValueError, KeyError, AttributeError):
            return None

    def _summary(self) -> str:
        history = self.game.history[self.team]
        head = (f"<h3 style='margin:4px 0'>{html.escape(self.company.name)}: team {html.escape(self.team)}, "
                + (f"round {self.round} of {self.market['rounds']}</h3>" if not self.game.finished
                   else f"the market has ended after {self.market['rounds']} rounds</h3>"))
        if history:
            last = history[-1]
            shares = ", ".join(f"{html.escape(t)} {h[-1].market_share:.0%}" for t, h in self.game.history.items())
            head += (f"<p style='margin:4px 0'>Quarter {last.round}: {html.escape(last.sentence)} Cash "
                     f"{html.escape(_money_k(last.cash, self.company.currency))}, "
                     f"{_people(sum(last.users.values()))} users. Market shares: {shares}.</p>")
        return head + _events_html(history, self.game.upcoming, self.game.finished)

    def _say(self, text: str, alert: bool = False) -> None:
        self.message_box.value = notice(html.escape(text), alert=alert)

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.view)
