"""The decision log: saved atomically, read back, and judged only by replaying its decisions — never a traceback."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from widgets.capstone import engine, log


def _played(rounds: int = 8, company: str = "music") -> engine.Game:
    game = engine.Game(company, 11)
    first = engine.COMPANIES[company].decisions.names[0]
    for i in range(rounds):
        game.play({first: engine.COMPANIES[company].decisions[first].default * (1 + 0.02 * i)})
    return game


@pytest.fixture(scope="module")
def full():
    return log.to_dict(_played())


def _write(tmp_path, data, name="team.json"):
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def test_a_full_log_round_trips_and_verifies_ok(tmp_path):
    game = _played()
    path = log.save(game, tmp_path / "team.json")
    assert not [p for p in tmp_path.iterdir() if p.name != "team.json"]       # no temporary file left behind
    data = json.loads(path.read_text())
    assert data["format"] == log.FORMAT == "bmpl-capstone-log/1"
    assert set(data) == {"format", "company", "seed", "rounds", "team", "decisions", "reported"}
    assert set(data["reported"][0]) == {"round", "cash", "profit", "users", "value_created"}
    loaded = log.load(path)
    assert (loaded.company, loaded.seed, loaded.rounds, loaded.team) == ("music", 11, 8, "you")
    assert loaded.decisions == game.decisions
    verdict = log.verify(path)
    assert verdict.status == "ok", verdict.message
    assert verdict.history == game.history                 # the replay, not the reported numbers
    assert log.verify(loaded).status == "ok"


def test_a_team_of_a_class_market_is_verified_by_replaying_the_whole_market(tmp_path):
    market = engine.Market("ai_api", 3, ("red", "blue"))
    for i in range(8):
        market.play({"red": {"price": 30 - i}, "blue": {}})
    path = log.save((market, "red"), tmp_path / "red.json")
    verdict = log.verify(path)
    assert verdict.status == "ok", verdict.message
    assert verdict.history == market.history["red"]
    data = json.loads(path.read_text())
    data["market"]["decisions"]["blue"][2]["price"] = 20      # a rival team's decisions changed: red's numbers move
    assert log.verify(_write(tmp_path, data)).status == "edited"
    del data["market"]                                        # alone, red meets only the rival
    assert log.verify(_write(tmp_path, data)).status == "edited"
    with pytest.raises(ValueError, match="team 'green' is not in this market"):
        log.save((market, "green"), tmp_path / "green.json")


def test_an_unfinished_game_is_in_progress(tmp_path):
    verdict = log.verify(log.save(_played(3), tmp_path / "team.json"))
    assert verdict.status == "in progress" and len(verdict.history) == 3 and "3 of 8" in verdict.message


@pytest.mark.parametrize("edit, where", [
    (lambda d: d["reported"][4].__setitem__("cash", d["reported"][4]["cash"] + 1), "round 5"),
    (lambda d: d["reported"][7].__setitem__("profit", d["reported"][7]["profit"] * 1.001), "round 8"),
    (lambda d: d["reported"][0]["users"].__setitem__("paying", 1e9), "round 1"),
    (lambda d: d["reported"].pop(), "reports 7 rounds"),
    (lambda d: d["reported"][2].pop("value_created"), "round 3"),
    (lambda d: d["reported"][2].__setitem__("cash", "a lot"), "round 3"),
])
def test_a_reported_number_that_is_not_the_replays_is_edited(tmp_path, full, edit, where):
    data = json.loads(json.dumps(full))
    edit(data)
    verdict = log.verify(_write(tmp_path, data))
    assert verdict.status == "edited" and where in verdict.message
    assert verdict.history is not None and len(verdict.history) == 8


def test_a_forged_better_result_is_edited_not_ranked(tmp_path, full):
    data = json.loads(json.dumps(full))
    for row in data["reported"]:
        row["cash"] *= 2
    assert log.verify(_write(tmp_path, data)).status == "edited"


@pytest.mark.parametrize("edit, says", [
    (lambda d: d["decisions"][3].__setitem__("price", 99), "round 4: price (Premium price) must be from 1 to 15"),
    (lambda d: d["decisions"][0].__setitem__("price", float("nan")), "round 1: price"),
    (lambda d: d["decisions"][0].__setitem__("tempo", 3), "round 1: unknown decision(s) tempo"),
    (lambda d: d.__setitem__("company", "chess"), "company must be one of"),
    (lambda d: d.__setitem__("seed", 1.5), "seed must be a whole number"),
    (lambda d: d.__setitem__("seed", "11"), "seed must be a whole number"),
    (lambda d: d.__setitem__("seed", 2**80), "seed must be a whole number"),
    (lambda d: d.__setitem__("rounds", 20), "rounds must be a whole number from 8 to 12"),
    (lambda d: d.__setitem__("team", ""), "teams must be distinct non-empty names"),
    (lambda d: d["decisions"].extend([{}]), "the log has 9 rounds of decisions for a game of 8"),
])
def test_a_log_that_cannot_be_replayed_is_invalid(tmp_path, full, edit, says):
    data = json.loads(json.dumps(full))
    edit(data)
    verdict = log.verify(_write(tmp_path, json.dumps(data)))
    assert verdict.status == "invalid" and verdict.history is None
    assert says in verdict.message


@pytest.mark.parametrize("text, says", [
    ("{not json", "not valid JSON"),
    ("[]", "a decision log is a JSON object"),
    ('{"format": "business-model-canvas"}', "not a capstone decision log"),
    ('{"format": "bmpl-capstone-log/1", "company": "music"}', "the log lacks seed, rounds, team, decisions, reported"),
    ('{"format": "bmpl-capstone-log/1", "company": "music", "seed": 1, "rounds": 8, "team": "you", '
     '"decisions": {"price": 5}, "reported": []}', "decisions must be a list"),
    ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
])
def test_a_file_that_is_not_a_log_is_unreadable(tmp_path, text, says):
    path = _write(tmp_path, text)
    verdict = log.verify(path)
    assert verdict.status == "unreadable" and verdict.history is None and says in verdict.message
    with pytest.raises(log.LogError, match="team.json"):
        log.load(path)


def test_a_huge_or_binary_or_missing_file_is_unreadable(tmp_path):
    big = tmp_path / "big.json"
    big.write_text('{"format": "bmpl-capstone-log/1", "pad": "' + "x" * 10_000_000 + '"}')
    assert "at most 1,000,000" in log.verify(big).message and log.verify(big).status == "unreadable"
    binary = tmp_path / "bin.json"
    binary.write_bytes(b"\xff\xfe\x00\x81")
    assert log.verify(binary).status == "unreadable" and "not UTF-8" in log.verify(binary).message
    assert log.verify(tmp_path / "absent.json").status == "unreadable"
    assert log.verify(tmp_path).status == "unreadable"          # a folder


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
                    max_leaves=12)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(key=st.sampled_from(["company", "seed", "rounds", "team", "decisions", "reported", "market"]), value=JSON,
       round_=st.integers(0, 7))
def test_any_value_anywhere_gives_a_verdict_never_a_traceback(tmp_path, full, key, value, round_):
    data = json.loads(json.dumps(full))
    if key == "decisions" and isinstance(value, dict):
        data["decisions"][round_] = value
    else:
        data[key] = value
    verdict = log.verify(_write(tmp_path, json.dumps(data)))
    assert verdict.status in ("ok", "in progress", "edited", "invalid", "unreadable")
    assert (verdict.history is None) == (verdict.status in ("invalid", "unreadable"))
