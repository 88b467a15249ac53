"""The capstone's class market (``course.py market new|run|status``, widgets/capstone/classroom.py).

Four teams play eight rounds through files alone; the results are the engine's replay of what was
handed in (nothing else); a rival team's decisions in round 3 change another team's results from
round 3 on and never before (shared demand); missing, bad, renamed and late files; a round already
played is refused, and decision files edited afterwards change nothing.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

import course
from test_capstone_debrief import random_decisions
from widgets.capstone import classroom, companies, engine

COMPANY, SEED, TEAMS = "music", 7, ["red", "blue", "green", "gold"]
PARAMS = companies.COMPANIES[COMPANY].decisions


def hand_in(folder: Path, n: int, team: str, decisions: dict, **fields) -> Path:
    """A team edits its pre-filled template for round ``n`` and saves it."""
    path = classroom.decisions_path(folder, n, team)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["decisions"].update(decisions)
    data.update(fields)
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def results(folder: Path, n: int, team: str) -> dict:
    return json.loads((classroom.round_dir(folder, n) / "results" / f"{team}.json").read_text(encoding="utf-8"))


def play_market(folder: Path, choices: dict[int, dict[str, dict]], rounds: int = 8) -> None:
    classroom.new(folder, COMPANY, SEED, TEAMS)
    for n in range(1, rounds + 1):
        for team, decisions in choices.get(n, {}).items():
            hand_in(folder, n, team, decisions)
        classroom.run(folder)


@pytest.fixture(scope="module")
def season(tmp_path_factory):
    """A four-team market played for eight rounds, every team deciding at random each round."""
    rng = np.random.default_rng(17)
    choices = {n: {t: random_decisions(companies.COMPANIES[COMPANY], rng) for t in TEAMS} for n in range(1, 9)}
    folder = tmp_path_factory.mktemp("market")
    play_market(folder, choices)
    return folder, choices


def test_four_teams_play_eight_rounds_and_the_market_then_ends(season):
    folder, choices = season
    market = classroom.read_market(folder)
    assert len(market["played"]) == 8
    for n in range(1, 9):
        for team in TEAMS:
            got = results(folder, n, team)
            assert got["status"] == "ok" and got["round"] == n and got["result"]["round"] == n
            assert got["result"]["decisions"] == pytest.approx(dict(PARAMS.validate(choices[n][team])))
            assert (classroom.round_dir(folder, n) / "results" / f"{team}.html").is_file()
    with pytest.raises(classroom.MarketError, match="ended after 8 rounds"):
        classroom.run(folder)
    assert not classroom.round_dir(folder, 9).exists()


def test_the_class_debrief_ranks_the_markets_logs_in_one_group(season, tmp_path):
    from widgets.capstone import debrief, log

    folder, _ = season
    for team in TEAMS:
        assert log.verify(folder / "logs" / f"{team}.log.json").status == "ok"
    debrief.debrief(folder / "logs", "cash", tmp_path, jobs=1)
    rows = (tmp_path / "debrief.csv").read_text(encoding="utf-8").splitlines()[1:]
    final = {t: results(folder, 8, t)["result"]["cash"] for t in TEAMS}
    best = max(final, key=final.get)
    assert len(rows) == 4 and all(",ok," in r and '"red, blue, green, gold"' in r for r in rows)
    assert next(r for r in rows if r.startswith(f"{best}.log.json")).endswith(",1")


def test_results_are_the_engines_replay_of_what_was_handed_in(season):
    folder, choices = season
    direct = engine.Market(COMPANY, SEED, TEAMS, 8)
    for n in range(1, 9):
        direct.play({t: choices[n][t] for t in TEAMS})
    for team in TEAMS:
        got = results(folder, 8, team)
        assert [r["cash"] for r in got["so_far"]] == [r.cash for r in direct.history[team]]
        assert got["result"]["users"] == direct.history[team][-1].users
        cash = [r["cash"] for r in got["so_far"]]
        profit = [r["profit"] for r in got["so_far"]]
        for k in range(1, 8):  # cash carries over: this quarter's cash is last quarter's plus its profit
            assert cash[k] == pytest.approx(cash[k - 1] + profit[k], abs=0.01)
    shares = results(folder, 8, "red")["market_shares"]
    assert set(shares) == set(TEAMS) and 0 < sum(shares.values()) <= 1


def test_a_rivals_decisions_in_round_3_change_the_others_results_from_round_3_on(tmp_path):
    calm = tmp_path / "calm"
    bold = tmp_path / "bold"
    play_market(calm, {3: {"red": {**PARAMS.defaults()}}}, rounds=5)
    first = next(iter(PARAMS))
    price_like = {first.name: first.max if PARAMS.defaults()[first.name] < first.max else first.min}
    play_market(bold, {3: {"red": price_like}}, rounds=5)
    for n in (1, 2):
        assert results(calm, n, "blue")["result"] == results(bold, n, "blue")["result"]
    for n in (3, 4, 5):
        a, b = results(calm, n, "blue")["result"], results(bold, n, "blue")["result"]
        assert a["decisions"] == b["decisions"]            # blue decided the same ...
        assert (a["users"], a["revenue"], a["market_share"]) != (b["users"], b["revenue"], b["market_share"])


def test_missing_bad_and_partial_files_keep_the_previous_decisions_and_say_so(tmp_path):
    classroom.new(tmp_path, COMPANY, SEED, TEAMS)
    start = PARAMS.defaults()
    first, *_ = PARAMS
    classroom.decisions_path(tmp_path, 1, "red").unlink()
    classroom.decisions_path(tmp_path, 1, "blue").write_text("{'price': 9}")
    hand_in(tmp_path, 1, "green", {first.name: first.max + 1000 * first.step})
    partial = first.min if start[first.name] != first.min else first.max
    hand_in(tmp_path, 1, "gold", {first.name: partial})
    handed = classroom.run(tmp_path)
    assert {t: h.status for t, h in handed.items()} == {"red": "missing", "blue": "bad", "green": "bad", "gold": "ok"}
    assert "not valid JSON" in handed["blue"].message
    assert first.name in handed["green"].message and first.describe_range() in handed["green"].message
    for team in ("red", "blue", "green"):
        assert results(tmp_path, 1, team)["result"]["decisions"] == pytest.approx(start)
        assert "previous decisions stay" in results(tmp_path, 1, team)["message"]
    assert results(tmp_path, 1, "gold")["result"]["decisions"][first.name] == pytest.approx(partial)
    template = json.loads(classroom.decisions_path(tmp_path, 2, "gold").read_text())
    assert template["round"] == 2 and template["decisions"][first.name] == pytest.approx(partial)  # pre-filled


def test_a_file_for_another_round_or_team_is_bad_and_an_lms_renamed_upload_is_found(tmp_path):
    classroom.new(tmp_path, COMPANY, SEED, TEAMS)
    hand_in(tmp_path, 1, "red", {}, round=2)
    first = next(iter(PARAMS))
    changed = first.min if PARAMS.defaults()[first.name] != first.min else first.max
    renamed = classroom.round_dir(tmp_path, 1) / "upload_8812_blue_attempt2.json"
    hand_in(tmp_path, 1, "blue", {first.name: changed}).rename(renamed)
    twice = classroom.round_dir(tmp_path, 1) / "green-copy.json"
    twice.write_text(classroom.decisions_path(tmp_path, 1, "green").read_text())
    classroom.decisions_path(tmp_path, 1, "green").rename(classroom.round_dir(tmp_path, 1) / "green-1.json")
    handed = classroom.run(tmp_path)
    assert handed["red"].status == "bad" and "round 2" in handed["red"].message
    assert handed["blue"].status == "ok" and renamed.name in handed["blue"].message
    assert results(tmp_path, 1, "blue")["result"]["decisions"][first.name] == pytest.approx(changed)
    assert handed["green"].status == "bad" and "2 files claim team green" in handed["green"].message


HANDED = st.sampled_from(["edited", "template", "missing", "not json", "out of range"])


@settings(max_examples=12)
@given(st.lists(st.fixed_dictionaries({t: HANDED for t in TEAMS}), min_size=8, max_size=8), st.integers(0, 2**32))
def test_whatever_is_handed_in_the_results_are_the_replay_of_what_was_applied(tmp_path_factory, plan, seed):
    """Any mix of edited, untouched, missing and broken files over eight rounds: a team whose file is
    missing or broken plays its previous decisions, and every result is the engine's own replay."""
    folder = tmp_path_factory.mktemp("any")
    rng = np.random.default_rng(seed)
    first = next(iter(PARAMS))
    classroom.new(folder, COMPANY, SEED, TEAMS)
    applied = {t: PARAMS.defaults() for t in TEAMS}
    direct = engine.Market(COMPANY, SEED, TEAMS, 8)
    for n, handed in enumerate(plan, start=1):
        for team, what in handed.items():
            path = classroom.decisions_path(folder, n, team)
            if what == "edited":
                hand_in(folder, n, team, random_decisions(companies.COMPANIES[COMPANY], rng))
                applied[team] = dict(PARAMS.validate(json.loads(path.read_text())["decisions"]))
            elif what == "missing":
                path.unlink()
            elif what == "not json":
                path.write_text("{")
            elif what == "out of range":
                hand_in(folder, n, team, {first.name: first.max + first.step})
        got = classroom.run(folder)
        direct.play(applied)
        for team, what in handed.items():
            want = {"edited": ("ok", "unchanged"), "template": ("unchanged",), "missing": ("missing",),
                    "not json": ("bad",), "out of range": ("bad",)}[what]
            assert got[team].status in want
            assert got[team].decisions == pytest.approx(applied[team])
    for team in TEAMS:
        assert [r["cash"] for r in results(folder, 8, team)["so_far"]] == [r.cash for r in direct.history[team]]


def test_a_round_is_played_once_and_later_edits_change_nothing(tmp_path, capsys):
    classroom.new(tmp_path, COMPANY, SEED, TEAMS)
    classroom.run(tmp_path)
    before = {t: (classroom.round_dir(tmp_path, 1) / "results" / f"{t}.json").read_bytes() for t in TEAMS}
    with pytest.raises(classroom.MarketError, match="round 1 has already been played"):
        classroom.run(tmp_path, round_number=1)
    with pytest.raises(classroom.MarketError, match="next round is 2"):
        classroom.run(tmp_path, round_number=3)
    assert classroom.main(["run", str(tmp_path), "--round", "1"]) == 2
    assert "already been played" in capsys.readouterr().err
    first = next(iter(PARAMS))
    hand_in(tmp_path, 1, "red", {first.name: first.max})            # too late: round 1 is over
    assert "changed after round 1 was played" in classroom.status(tmp_path)
    classroom.run(tmp_path, round_number=2)
    assert {t: (classroom.round_dir(tmp_path, 1) / "results" / f"{t}.json").read_bytes() for t in TEAMS} == before
    assert results(tmp_path, 2, "red")["so_far"][0] == {k: results(tmp_path, 1, "red")["result"][k] for k in
                                                        ("round", "cash", "profit", "users", "value_created",
                                                         "market_share")}


def test_two_runs_at_once_play_two_rounds_not_one_twice(tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    classroom.new(tmp_path, COMPANY, SEED, TEAMS)
    with ThreadPoolExecutor(2) as pool:
        list(pool.map(lambda _: classroom.run(tmp_path), range(2)))
    assert [p["round"] for p in classroom.read_market(tmp_path)["played"]] == [1, 2]


def test_status_says_where_the_class_is(season, tmp_path):
    folder, _ = season
    text = classroom.status(folder)
    assert "8 of 8 rounds played" in text and all(t in text for t in TEAMS) and "has ended" in text
    classroom.new(tmp_path, COMPANY, SEED, TEAMS)
    classroom.decisions_path(tmp_path, 1, "gold").unlink()
    text = classroom.status(tmp_path)
    assert "0 of 8 rounds played" in text and "missing" in text and "market run" in text


@pytest.mark.parametrize("teams, message", [
    (["red", "../etc"], "file names"), (["a b"], "file names"), (["red", "red"], "share a name"), ([], "no team")])
def test_team_names_must_be_safe_distinct_file_names(tmp_path, teams, message):
    with pytest.raises(classroom.MarketError, match=message):
        classroom.new(tmp_path, COMPANY, SEED, teams)
    assert not (tmp_path / "market.json").exists()


def test_new_refuses_an_existing_market_an_unknown_company_and_bad_rounds(tmp_path, capsys):
    classroom.new(tmp_path / "m", COMPANY, SEED, TEAMS)
    with pytest.raises(classroom.MarketError, match="already holds a market"):
        classroom.new(tmp_path / "m", COMPANY, SEED, TEAMS)
    with pytest.raises(classroom.MarketError, match="unknown company"):
        classroom.new(tmp_path / "n", "tulips", SEED, TEAMS)
    assert classroom.main(["new", str(tmp_path / "o"), "--company", COMPANY, "--seed", "1", "--teams", "a,b",
                           "--rounds", "30"]) == 2
    assert "rounds must be" in capsys.readouterr().err
    assert classroom.main(["status", str(tmp_path / "nothing")]) == 2
    assert "has no market.json" in capsys.readouterr().err


def test_course_py_dispatches_market(monkeypatch):
    calls = []
    monkeypatch.setattr(course, "venv_python", lambda env=course.VENV: Path(sys.executable))
    monkeypatch.setattr(course.subprocess, "call", lambda cmd, **kw: calls.append(cmd) or 0)
    assert course.main(["market", "status", "class-a"]) == 0
    assert calls[0][1:] == ["-m", "widgets.capstone.classroom", "status", "class-a"]


# --- docs/capstone.md, run literally -------------------------------------------------------------

def test_every_command_in_the_capstone_guide_works(tmp_path):
    """Each ``python3 course.py debrief|market`` line of the guide's bash blocks, in order, in a scratch
    folder holding two submitted logs: run as course.py runs it (the module, with the arguments given)."""
    import os
    import re
    import shlex
    import subprocess

    from widgets.capstone import log

    root = Path(course.__file__).resolve().parent
    text = (root / "docs" / "capstone.md").read_text(encoding="utf-8")
    lines = [line.strip() for body in re.findall(r"```bash\n(.*?)```", text, re.DOTALL)
             for line in body.splitlines() if line.strip().startswith("python3 course.py")]
    assert {shlex.split(line)[2] for line in lines} == {"debrief", "market"}
    for i, team in enumerate(("ana", "ben")):
        game = engine.Game(COMPANY, SEED, team=team)
        for _ in range(engine.DEFAULT_ROUNDS):
            game.play({next(iter(PARAMS)).name: next(iter(PARAMS)).min + i})
        folder = tmp_path / "submissions" / team  # nested, as an LMS export is
        folder.mkdir(parents=True)
        log.save(game, folder / "capstone.music.log.json")
    env = {**os.environ, "PYTHONPATH": str(root)}
    for line in lines:
        words = shlex.split(line)[2:]
        done = subprocess.run([sys.executable, "-m", course.MODULE_COMMANDS[words[0]], *words[1:]], cwd=tmp_path,
                              env=env, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, f"{line}\n{done.stderr}"
    assert (tmp_path / "class-a" / "round-01" / "results" / "red.html").is_file()
    rows = (tmp_path / "submissions" / "debrief.csv").read_text(encoding="utf-8").splitlines()
    assert len(rows) == 3 and all(",ok," in r for r in rows[1:])
    rows = (tmp_path / "class-a" / "logs" / "debrief.csv").read_text(encoding="utf-8").splitlines()
    assert len(rows) == 5 and all(",in progress," in r for r in rows[1:])     # one round of eight played
