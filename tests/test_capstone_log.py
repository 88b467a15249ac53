"""The decision log: saved atomically, read back, and judged only by replaying its decisions."""

from __future__ import annotations

import json

import pytest

from widgets.capstone import engine, log


def _played(rounds: int = 8) -> engine.Game:
    game = engine.Game("music", 11)
    for i in range(rounds):
        game.play({"price": 4.70 + 0.1 * i})
    return game


def test_a_full_log_round_trips_and_verifies_ok(tmp_path):
    game = _played()
    path = log.save(game, tmp_path / "team.json")
    loaded = log.load(path)
    assert (loaded.company, loaded.seed, loaded.rounds, loaded.team) == ("music", 11, 8, "you")
    assert loaded.decisions == game.decisions
    verdict = log.verify(path)
    assert verdict.status == "ok", verdict.message
    assert [r.cash for r in verdict.history] == [r.cash for r in game.history]


def test_an_unfinished_game_is_in_progress(tmp_path):
    verdict = log.verify(log.save(_played(3), tmp_path / "team.json"))
    assert verdict.status == "in progress" and len(verdict.history) == 3


def test_one_reported_cash_changed_by_one_is_edited(tmp_path):
    path = log.save(_played(), tmp_path / "team.json")
    data = json.loads(path.read_text())
    data["reported"][4]["cash"] += 1
    path.write_text(json.dumps(data))
    verdict = log.verify(path)
    assert verdict.status == "edited" and "round 5" in verdict.message
    assert verdict.history is not None


def test_not_json_is_unreadable(tmp_path):
    path = tmp_path / "team.json"
    path.write_text("{not json")
    verdict = log.verify(path)
    assert verdict.status == "unreadable" and verdict.history is None
    with pytest.raises(log.LogError, match="not valid JSON"):
        log.load(path)
