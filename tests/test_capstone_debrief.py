"""The capstone's instructor reports: the SVG charts, the one-page brief and the class debrief.

The debrief test builds a class of 200 submitted logs from 200 games played on the engine with random
decisions (two companies, two seeds), then forges some (reported numbers edited), breaks some (not
JSON, not a log, oversized, a decision out of range, an unknown company) and leaves some unfinished;
``course.py debrief`` must replay them all on two cores in under a minute, give each file the
status it deserves, rank only verified games and only within their (company, seed, quarters)
group, and show a team named ``<script>…`` as text.
"""

from __future__ import annotations

import csv
import json
import math
import shutil
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, strategies as st

import course
from widgets.capstone import brief, companies, debrief, engine, log, svg

SCRIPT_TEAM = "<script>alert(1)</script>"


# --- svg.py ------------------------------------------------------------------------------------

finite = st.floats(-1e9, 1e9, allow_nan=False, allow_infinity=False)


@given(finite, finite)
def test_ticks_cover_the_data_with_equal_round_steps(a, b):
    ticks = svg.nice_ticks(a, b)
    lo, hi = min(a, b), max(a, b)
    tol = 1e-8 * (ticks[-1] - ticks[0])  # a billionth of the axis: invisible
    assert ticks[0] <= lo + tol and ticks[-1] >= hi - tol
    assert 2 <= len(ticks) <= 12
    steps = np.diff(ticks)
    assert np.allclose(steps, steps[0], rtol=1e-6)
    mantissa = steps[0] / 10 ** math.floor(math.log10(steps[0]))
    assert any(math.isclose(mantissa, m, rel_tol=1e-6) for m in (1, 2, 2.5, 5, 10))


def test_tick_labels_never_say_minus_zero_and_keep_quarter_steps():
    assert svg.fmt(-0.0001, 0.1) == "0"
    assert svg.fmt(0.25, 0.25) == "0.25"
    assert svg.fmt(-1234.5, 100) == "−1,234"   # a true minus sign, thousands separated


def _parse(text: str) -> ET.Element:
    return ET.fromstring(text)  # well-formed XML: every name escaped, every tag closed


def test_line_chart_is_accessible_escaped_xml_with_a_legend():
    series = [svg.Series(SCRIPT_TEAM, (1.0, 2.0, None, 4.0), True), svg.Series("B & co", (3.0, 2.0, 1.0, 0.5))]
    text = svg.line_chart(series, [1, 2, 3, 4], title="Cash <b>", x_label="Quarter", y_label="EUR thousand")
    root = _parse(text)
    ns = "{http://www.w3.org/2000/svg}"
    assert root.get("role") == "img" and root.find(f"{ns}title").text == "Cash <b>"
    desc = root.find(f"{ns}desc").text
    assert SCRIPT_TEAM in desc and "from 3 to 0.5" in desc.replace(".00", "").replace("0.50", "0.5")
    assert "<script>" not in text and "&lt;script&gt;" in text
    assert sum(1 for t in root.iter(f"{ns}text") if t.text == "B & co") == 1      # the legend names it once
    # the gap splits the first line: quarters 1-2 a line, quarter 4 a lone dot; the second line whole
    assert len(list(root.iter(f"{ns}polyline"))) == 2 and len(list(root.iter(f"{ns}circle"))) == 1


def test_bar_chart_writes_each_value_and_refuses_ragged_series():
    text = svg.bar_chart(["price", "free tier"], [svg.Series("leaders", (9.5, 1.0)), svg.Series("rest", (7.0, -2.0))],
                         title="Decisions", x_label="mean")
    root = _parse(text)
    labels = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert {"9.50", "7.00", "1.00", "−2.00", "leaders", "rest"} <= set(labels)
    with pytest.raises(ValueError, match="one value per label"):
        svg.bar_chart(["a", "b"], [svg.Series("x", (1.0,))], title="t", x_label="x")


# --- a class of logs played on the engine -------------------------------------------------------

def random_decisions(company: companies.Company, rng: np.random.Generator) -> dict[str, float]:
    """Decisions anywhere in their declared ranges, on the controls' grid."""
    out = {}
    for p in company.decisions:
        steps = int(round((p.max - p.min) / p.step))
        out[p.name] = min(p.max, p.min + int(rng.integers(0, steps + 1)) * p.step)
        if p.integer:
            out[p.name] = int(round(out[p.name]))
    return out


def play(company: str, seed: int, team: str, rng: np.random.Generator, rounds: int | None = None) -> engine.Game:
    game = engine.Game(company, seed, team=team)
    for _ in range(rounds if rounds is not None else engine.DEFAULT_ROUNDS):
        decisions = random_decisions(companies.COMPANIES[company], rng)
        try:
            game.play(decisions)
        except ValueError:  # a combination a cross-decision rule forbids: the starting decisions instead
            game.play(companies.COMPANIES[company].decisions.defaults())
    return game


GROUPS = [(c, s) for c in list(companies.COMPANIES)[:2] for s in (1, 2)]
BROKEN = {  # file number -> what is done to it, and the status the debrief must give
    3: ("forged", "edited"), 17: ("forged", "edited"), 41: ("forged", "edited"), 99: ("forged", "edited"),
    5: ("not json", "unreadable"), 23: ("binary", "unreadable"), 47: ("json list", "unreadable"),
    61: ("oversized", "unreadable"), 77: ("out of range", "invalid"), 88: ("unknown company", "invalid"),
    120: ("unfinished", "in progress"), 150: ("unfinished", "in progress"),
    130: ("nested", "unreadable"), 140: ("not a number", "invalid"),
}


@pytest.fixture(scope="module")
def classroom(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """200 submissions in nested folders (as an LMS exports them) and the status each must get."""
    folder = tmp_path_factory.mktemp("submissions")
    rng = np.random.default_rng(2026)
    expected: dict[str, str] = {}
    for i in range(200):
        company, seed = GROUPS[i % len(GROUPS)]
        team = SCRIPT_TEAM if i == 8 else f"team {i:03d}"
        what = BROKEN.get(i, ("", "ok"))[0]
        path = folder / f"section-{i % 3}" / f"student{i:03d}" / "capstone.json"
        path.parent.mkdir(parents=True)
        log.save(play(company, seed, team, rng, 5 if what == "unfinished" else None), path)
        data = json.loads(path.read_text())
        if what == "forged":
            data["reported"][-1]["cash"] += 1000.0
        elif what == "out of range":
            first = next(iter(companies.COMPANIES[data["company"]].decisions))
            data["decisions"][2][first.name] = first.max + 100 * first.step
        elif what == "unknown company":
            data["company"] = "tulip_mania"
        if what in ("forged", "out of range", "unknown company"):
            path.write_text(json.dumps(data))
        elif what == "not json":
            path.write_text("{'this is': not JSON")
        elif what == "binary":
            path.write_bytes(bytes(range(256)) * 4)
        elif what == "nested":  # 300 KB of brackets: deeper than Python's JSON parser recurses
            path.write_text("[" * 150_000 + "]" * 150_000)
        elif what == "not a number":  # Python's json writes and reads NaN; a decision must be a number in range
            data["decisions"][0][next(iter(data["decisions"][0]))] = float("nan")
            path.write_text(json.dumps(data))
        elif what == "json list":
            path.write_text("[1, 2, 3]")
        elif what == "oversized":
            data["padding"] = "x" * (debrief.MAX_BYTES + 10)
            path.write_text(json.dumps(data))
        expected[str(path.relative_to(folder))] = BROKEN.get(i, ("", "ok"))[1]
    (folder / ".ipynb_checkpoints").mkdir()
    (folder / ".ipynb_checkpoints" / "capstone-checkpoint.json").write_text("{}")  # skipped, never a row
    (folder / "notes.txt").write_text("not a log and not .json: ignored")
    return folder, expected


@pytest.fixture(scope="module")
def reported(classroom, tmp_path_factory):
    folder, _ = classroom
    out = tmp_path_factory.mktemp("debrief")
    started = time.perf_counter()
    html_path, csv_path = debrief.debrief(folder, "cash", out, jobs=2)
    seconds = time.perf_counter() - started
    with csv_path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return html_path.read_text(encoding="utf-8"), rows, seconds


def test_two_hundred_logs_in_under_a_minute_on_two_cores(reported):
    _, rows, seconds = reported
    assert len(rows) == 200
    assert seconds < 60, f"the debrief of 200 logs took {seconds:.1f} s"


def test_every_file_gets_the_status_it_deserves(classroom, reported):
    _, expected = classroom
    _, rows, _ = reported
    got = {r["file"]: r["status"] for r in rows}
    assert got == expected
    for r in rows:
        assert r["message"] or r["status"] == "ok"
        assert (r["rank by cash in group"] != "") == (r["status"] == "ok")    # only verified games are ranked
        assert (r["cash"] != "") == (r["status"] == "ok")


def test_a_forged_files_numbers_appear_nowhere(classroom, reported):
    folder, expected = classroom
    html_text, rows, _ = reported
    for f in (f for f, s in expected.items() if s == "edited"):
        cash = json.loads((folder / f).read_text())["reported"][-1]["cash"]
        assert brief.number(cash, 1) not in html_text
        assert f"{cash:.6g}" not in {r["cash"] for r in rows}


def test_ranks_are_by_the_metric_within_each_group(classroom, reported):
    folder, _ = classroom
    _, rows, _ = reported
    ok = [r for r in rows if r["status"] == "ok"]
    groups = {(r["company"], r["seed"], r["rounds"]) for r in ok}
    assert len(groups) == len(GROUPS)
    for g in groups:
        members = sorted((r for r in ok if (r["company"], r["seed"], r["rounds"]) == g), key=lambda r: int(r["rank by cash in group"]))
        assert int(members[0]["rank by cash in group"]) == 1
        cash = [float(r["cash"]) for r in members]
        assert cash == sorted(cash, reverse=True)
        # the ranked cash is the replay's, recomputed here independently of the debrief
        top = members[0]
        replayed = log.verify(folder / top["file"])
        assert replayed.status == "ok" and float(top["cash"]) == pytest.approx(engine.METRICS["cash"][1](replayed.history), rel=1e-5)


def test_a_script_team_name_is_text_in_the_page_and_the_sheet(reported):
    html_text, rows, _ = reported
    assert "<script" not in html_text.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html_text
    assert any(r["team"] == SCRIPT_TEAM for r in rows)


def test_the_page_has_a_chart_and_questions_per_group_and_lists_the_bad_files(reported):
    html_text, rows, _ = reported
    assert html_text.count("every team, quarter by quarter</title>") == len(GROUPS)
    assert html_text.count("Discussion questions") == len(GROUPS)
    assert "Files not ranked" in html_text and "tulip_mania" in html_text
    assert "<link" not in html_text and "src=" not in html_text   # nothing fetched: opens offline


def test_a_csv_cell_never_runs_as_a_formula():
    assert debrief._cell("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")"
    assert debrief._cell("-12.5") == "-12.5" and debrief._cell("@team") == "'@team"


# --- the facts behind the discussion questions ---------------------------------------------------

def _entry(team: str, cash: float, means: dict[str, float], company: str) -> debrief.Entry:
    path = [cash / 2, cash]
    return debrief.Entry(f"{team}.json", "ok", "", team, company, 1, 8, metrics={m: cash for m in engine.METRICS},
                         paths={m: path for m in engine.METRICS}, means=means)


def test_where_the_field_split_and_what_the_leaders_did_are_computed_facts():
    company = companies.COMPANIES[next(iter(companies.COMPANIES))]
    params = list(company.decisions)
    first, second = params[0], params[-1]
    low, high = first.min, first.max
    mid = (second.min + second.max) / 2
    # Six teams: the three with the highest first decision end with the most cash; the last decision barely differs.
    entries = [_entry(f"t{i}", 100.0 * (6 - i), {p.name: p.default for p in params} | {first.name: high if i < 3 else low,
                                                                                         second.name: mid}, company.key)
               for i in range(6)]
    groups = debrief.rank(entries, "cash")
    members = groups[(company.key, "1", "8", "")]
    top, rest = debrief.leaders(members)
    assert [e.team for e in top] == ["t0", "t1"] and len(rest) == 4
    name, a, b = debrief.leader_gap(company.key, top, rest)
    assert name == first.name and a == high and b == pytest.approx((high + 3 * low) / 4)
    cut = debrief.split(company.key, members, "cash")
    assert cut is not None and cut[0] == first.name
    assert {e.team for e in cut[2]} == {"t0", "t1", "t2"}
    found = debrief.findings(company.key, members, "cash")
    assert any(first.label in f.fact and "t0" not in f.fact for f in found)
    assert any("split most" in f.fact and "the 3 teams above" in f.fact for f in found)


@given(st.lists(st.tuples(st.sampled_from(["a", "b"]), st.sampled_from([1, 2]),
                          st.floats(-1e6, 1e6, allow_nan=False), st.sampled_from(debrief.STATUSES)), max_size=30))
def test_ranks_follow_the_metric_within_groups_and_only_ok_is_ranked(rows):
    company = next(iter(companies.COMPANIES))
    entries = []
    for i, (team, seed, cash, status) in enumerate(rows):
        e = _entry(f"{team}{i}", cash, {}, company)
        e.status, e.seed = status, seed
        entries.append(e)
    groups = debrief.rank(entries, "cash")
    assert sum(map(len, groups.values())) == sum(e.status == "ok" for e in entries)
    assert all(e.rank is None for e in entries if e.status != "ok")
    for (_, seed, _, _), members in groups.items():
        assert all(str(e.seed) == seed for e in members)
        for a, b in zip(members, members[1:]):
            assert a.metrics["cash"] >= b.metrics["cash"]
            assert (a.rank == b.rank) == (a.metrics["cash"] == b.metrics["cash"]) and a.rank <= b.rank
        top, rest = debrief.leaders(members)
        assert len(top) == max(1, len(members) // 3) and top + rest == members


def test_ties_share_a_rank_and_a_lone_team_gets_no_questions():
    company = next(iter(companies.COMPANIES))
    entries = [_entry(t, c, {}, company) for t, c in (("a", 5.0), ("b", 5.0), ("c", 1.0))]
    members = debrief.rank(entries, "cash")[(company, "1", "8", "")]
    assert [e.rank for e in members] == [1, 1, 3]
    assert debrief.findings(company, members[:1], "cash") == []


# --- the brief ----------------------------------------------------------------------------------

def test_a_brief_shows_the_replayed_game_not_the_files_numbers(tmp_path):
    key = next(iter(companies.COMPANIES))
    game = play(key, 4, SCRIPT_TEAM, np.random.default_rng(1))
    path = log.save(game, tmp_path / "game.json")
    data = json.loads(path.read_text())
    true_cash = game.history[-1].cash
    data["reported"][-1]["cash"] = 987654321.0
    forged = tmp_path / "forged.json"
    forged.write_text(json.dumps(data))
    page = brief.write_brief(forged, tmp_path / "forged.html").read_text()
    assert "EDITED" in page and brief.number(true_cash) in page and "987,654,321" not in page
    page = brief.write_brief(path, tmp_path / "game.html").read_text()
    assert "verified" in page and companies.COMPANIES[key].name in page
    assert page.count("<svg") == 5 and "<script" not in page.lower() and "&lt;script&gt;" in page
    assert page.count("<tr>") >= 2 * len(game.history) + len(engine.RELATIONS)
    for relation in engine.RELATIONS:
        assert brief.esc(relation.lesson) in page


@pytest.mark.parametrize("key", list(companies.COMPANIES))
def test_every_company_gets_a_brief_with_the_price_its_rival_answers(tmp_path, key):
    from widgets.capstone.firms import SPECS

    path = log.save(play(key, 2, "t", np.random.default_rng(3)), tmp_path / "g.json")
    page = brief.write_brief(path, tmp_path / "g.html").read_text()
    lever = companies.COMPANIES[key].decisions[SPECS[key].lever]
    assert "verified" in page and brief.esc(f"{lever.label}: yours and the rival's") in page
    assert f">{'%' if lever.percent else brief.esc(lever.unit)}</text>" in page   # the y-axis in the lever's unit


def test_an_unreadable_log_still_gets_a_page_that_says_so(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("nope")
    page = brief.write_brief(bad, tmp_path / "bad.html").read_text()
    assert "UNREADABLE" in page


# --- the command -------------------------------------------------------------------------------

def test_course_py_dispatches_debrief(monkeypatch):
    calls = []
    monkeypatch.setattr(course, "venv_python", lambda env=course.VENV: Path(sys.executable))
    monkeypatch.setattr(course.subprocess, "call", lambda cmd, **kw: calls.append(cmd) or 0)
    assert course.main(["debrief", "subs", "--metric", "value"]) == 0
    assert calls[0][1:] == ["-m", "widgets.capstone.debrief", "subs", "--metric", "value"]
    assert "debrief" in course.__doc__ and "market" in course.__doc__


def test_the_command_says_what_is_wrong_in_one_line(tmp_path, capsys):
    assert debrief.main([str(tmp_path / "nowhere")]) == 2
    assert "not a folder" in capsys.readouterr().err
    one = tmp_path / "one"
    one.mkdir()
    shutil.copy(__file__, one / "x.json")
    assert debrief.main([str(one), "--jobs", "1"]) == 0
    rows = list(csv.DictReader((one / "debrief.csv").open(encoding="utf-8")))
    assert [r["status"] for r in rows] == ["unreadable"]
