"""Compose your own company: pattern add-ons on the four capstone companies ("music+commitment").

A composed company keeps the engine's accounting and replay, its add-ons act in the direction their
lessons say, bad keys are refused by name, and every tool keyed by company (log, brief, debrief,
class market, dashboard) takes a composed key.
"""

from __future__ import annotations

import csv
import json
import math
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from tests.strategies import values_for
from widgets.capstone import addons, brief, classroom, companies, debrief, engine, log
from widgets.capstone.dashboard import CapstoneDashboard

ROOT = Path(__file__).resolve().parents[1]
PATTERNS = {row["name"] for row in csv.DictReader(open(ROOT / "datasets" / "patterns.csv", encoding="utf-8"))}
COMPOSED = [f"{base}+{'+'.join(extra)}" for base in companies.COMPANIES
            for extra in (("automation",), ("commitment",), ("automation", "commitment"))
            if all(a in addons.allowed(base) for a in extra)]


@st.composite
def composed_games(draw):
    """A random base, a random non-empty set of the add-ons it may take, a seed and a few quarters of decisions."""
    key = draw(st.sampled_from(COMPOSED))
    c = companies.company(key)
    plays = draw(st.lists(values_for(c.decisions), min_size=1, max_size=4))
    return key, draw(st.integers(0, 2**32)), plays


def test_the_composed_keys_are_the_ones_each_base_lacks():
    assert COMPOSED == ["music+automation", "music+commitment", "music+automation+commitment", "rides+automation",
                        "rides+commitment", "rides+automation+commitment", "devtool+automation"]
    assert list(companies.COMPANIES) == ["music", "rides", "devtool", "ai_api"]       # the four bases stay four


@pytest.mark.parametrize("key", COMPOSED)
def test_a_composed_company_names_its_patterns_lessons_and_decisions(key):
    base, extra = addons.parse(key)
    c, b = companies.company(key), companies.COMPANIES[base]
    assert c.key == key and c.name.startswith(b.name + " + ") and c.currency == b.currency
    assert set(c.patterns) <= PATTERNS and set(b.patterns) < set(c.patterns)
    for a in extra:
        addon = addons.ADDONS[a]
        assert addon.pattern in c.patterns and addon.lesson in c.lessons and addon.decision.name in c.decisions
        assert addon.suffix in c.name and addon.story in c.story and "illustrative" in addon.calibration
        assert addon.decision.default == 0 and addon.decision.help
        assert addon.relation in addons.relations(key) and addon.relation.status == "illustrative"
        assert (ROOT / "lessons" / f"{addon.lesson}.ipynb").exists()
    assert c.decisions.names[:len(b.decisions)] == b.decisions.names


@pytest.mark.parametrize("bad, words", [
    ("music+x", ["'x'", "no such add-on", "automation, commitment"]),
    ("ai_api+automation", ["'automation'", "already has it", "none"]),
    ("devtool+commitment", ["'commitment'", "already has it", "automation"]),
    ("music+commitment+commitment", ["twice"]),
    ("tulips+commitment", ["music, rides, devtool, ai_api", "'tulips'"]),
    ("", ["music, rides, devtool, ai_api"]),
])
def test_a_bad_key_is_refused_naming_the_part_and_what_is_allowed(bad, words):
    for make in (lambda: engine.Game(bad, 1), lambda: companies.company(bad)):
        with pytest.raises(ValueError) as err:
            make()
        assert all(w in str(err.value) for w in words), str(err.value)
    assert companies.lookup(bad) is None


def test_the_add_ons_come_sorted_whatever_the_order_given():
    game = engine.Game("music+commitment+automation", 3)
    assert game.company == game.market.company == "music+automation+commitment"
    assert companies.company("rides+commitment+automation").key == "rides+automation+commitment"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(composed_games())
def test_a_composed_game_keeps_the_books_and_replays_exactly(case):
    key, seed, plays = case
    game = engine.Game(key, seed)
    cash = engine.STARTING_CASH[key.split("+")[0]]
    for d in plays:
        r = game.play(d)
        numbers = [*r.users.values(), *r.revenue.values(), *r.costs.values(), r.profit, r.cash, r.value_created]
        assert all(math.isfinite(x) for x in numbers)
        assert all(v >= 0 for v in [*r.users.values(), *r.costs.values()])
        assert r.profit == sum(r.revenue.values()) - sum(r.costs.values())
        assert r.cash == cash + r.profit
        assert 0 <= r.market_share <= 1
        cash = r.cash
        if "automation" in key:
            assert "Customer support" in r.costs
        if "commitment" in key and key.startswith("music"):
            assert "Committed plans" in r.revenue
        assert set(r.table()["line"]) >= {f"Cost: {k}" for k in r.costs}
    again = engine.Game(key, seed)
    for d in plays:
        again.play(d)
    assert again.history == game.history


@pytest.mark.parametrize("base", ["music", "rides"])
def test_commitment_at_no_discount_is_the_base_company_to_the_unit(base):
    plain, composed = engine.Game(base, 5), engine.Game(f"{base}+commitment", 5)
    first = companies.COMPANIES[base].decisions.names[0]
    param = companies.COMPANIES[base].decisions[first]
    for i in range(8):
        d = {first: param.default + param.step * i}
        a, b = plain.play(d), composed.play({**d, "commit_discount": 0.0})
        assert b.users == a.users and b.cash == pytest.approx(a.cash, abs=1e-6)
        assert b.market_share == a.market_share and b.sentence == a.sentence


def test_commitment_lowers_churn_and_keeps_more_subscribers():
    """Lesson 23: committed customers churn half as often; at 20 % off, 4/7 commit."""
    spec = addons.spec("music+commitment")
    d = dict(companies.company("music+commitment").decisions.defaults())
    _, _, churn_none = spec.rates({**d, "commit_discount": 0.0})
    _, _, churn_some = spec.rates({**d, "commit_discount": 0.2})
    assert churn_some == pytest.approx(churn_none * (1 - 0.5 * 0.2 / 0.35))
    rides = addons.spec("rides+commitment")
    st_ = rides.start(False)
    assert rides.churn("riders", {"commit_discount": 0.2}, st_, {}) < rides.churn("riders", {"commit_discount": 0.0}, st_, {})
    none, some = engine.Game("music+commitment", 9), engine.Game("music+commitment", 9)
    for _ in range(4):
        a, b = none.play({"commit_discount": 0.0}), some.play({"commit_discount": 0.2})
    assert b.users["paying"] > a.users["paying"]
    k = 0.2 / 0.35
    assert b.revenue["Committed plans"] == pytest.approx(
        b.revenue["Premium subscriptions"] / (1 - k) * k * 0.8, rel=1e-5, abs=0.01)


def test_automation_costs_less_a_ticket_once_quality_is_up_and_members_pay_for_its_errors():
    spec = addons.spec("music+automation")
    st_ = spec.start(False)
    human = spec.ticket_cost({"automation": 0.0}, st_)
    assert human == pytest.approx(addons.AI.human_cost)
    costs = [spec.ticket_cost({"automation": 1.0}, {**st_, "ai_before": answered}) for answered in (0, 100, 1000, 10_000)]
    assert costs == sorted(costs, reverse=True) and costs[-1] < human          # cheaper as the AI learns (lesson 31)
    d = companies.company("music+automation").decisions.defaults()
    assert spec.utility("listeners", {**d, "automation": 1.0}, st_, {}) < spec.utility("listeners", d, st_, {})
    people, ai = engine.Game("devtool+automation", 4), engine.Game("devtool+automation", 4)
    for _ in range(3):
        a, b = people.play({"automation": 0.0}), ai.play({"automation": 1.0})
    assert b.costs["Customer support"] < a.costs["Customer support"]


def test_a_composed_log_verifies_and_a_forged_one_is_edited(tmp_path):
    game = engine.Game("rides+automation+commitment", 12)
    for i in range(8):
        game.play({"commit_discount": 0.02 * i, "automation": 0.1 * i})
    path = log.save(game, tmp_path / "team.json")
    data = json.loads(path.read_text())
    assert data["company"] == "rides+automation+commitment"
    verdict = log.verify(path)
    assert verdict.status == "ok" and verdict.history == game.history
    data["reported"][-1]["cash"] += 1.0
    forged = tmp_path / "forged.json"
    forged.write_text(json.dumps(data))
    assert log.verify(forged).status == "edited"
    data["company"] = "ai_api+automation"
    (tmp_path / "bad.json").write_text(json.dumps(data))
    assert log.verify(tmp_path / "bad.json").status == "invalid"
    page = brief.write_brief(path, tmp_path / "brief.html").read_text(encoding="utf-8")
    assert "commitment plans" in page and "Discount for a 12-month commitment" in page
    assert all(addons.ADDONS[a].relation.name in page for a in ("automation", "commitment"))   # add-ons' relations cited


def test_the_debrief_groups_a_composed_key_apart(tmp_path):
    for key in ("music", "music+commitment", "music+commitment"):
        game = engine.Game(key, 21)
        for i in range(8):
            game.play({"price": 4.7 + 0.05 * i})
        folder = tmp_path / f"{key}-{len(list(tmp_path.iterdir()))}"
        folder.mkdir()
        log.save(game, folder / "capstone.json")
    entries = debrief.replay_all(tmp_path, jobs=1)
    assert all(e.status == "ok" for e in entries)
    groups = debrief.rank(entries, "cash")
    assert sorted((k[0], len(v)) for k, v in groups.items()) == [("music", 1), ("music+commitment", 2)]
    html_path, _ = debrief.debrief(tmp_path, "cash", tmp_path / "out", jobs=1)
    assert "commitment plans" in html_path.read_text(encoding="utf-8")


def test_a_class_market_runs_a_composed_company(tmp_path):
    folder = tmp_path / "market"
    classroom.new(folder, "music+commitment", 3, ["red", "blue"])
    assert json.loads((folder / "market.json").read_text())["company"] == "music+commitment"
    assert "commit_discount" in classroom.decisions_path(folder, 1, "red").read_text(encoding="utf-8")
    handed = classroom.run(folder)
    assert set(handed) == {"red", "blue"}
    with pytest.raises(classroom.MarketError, match="already has it"):
        classroom.new(tmp_path / "other", "devtool+commitment", 3, ["red"])


def test_the_dashboard_composes_and_resumes(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    board = CapstoneDashboard("music", seed=3)
    assert not board.addon_boxes["commitment"].disabled and not board.addon_boxes["commitment"].value
    board.addon_boxes["commitment"].value = True                 # ticking the box rebuilds the game
    assert board.company.key == "music+commitment" and "commit_discount" in board.controls
    board.set(commit_discount=0.1)
    board.play()
    assert board.log_path.name == "capstone.music+commitment.log.json" and board.log_path.exists()
    board.addon_boxes["automation"].value = True                 # another composition: another log file
    assert board.company.key == "music+automation+commitment" and board.game.round == 0
    board.play()
    assert board.log_path.name == "capstone.music+automation+commitment.log.json"
    board.addon_boxes["automation"].value = False                # back to the first: resumed, not overwritten
    assert board.company.key == "music+commitment" and board.game.round == 1
    assert board.game.decisions[0]["commit_discount"] == 0.1
    board.company_box.value = "ai_api"                           # it has both patterns: the boxes are disabled
    assert board.company.key == "ai_api" and all(b.disabled and not b.value for b in board.addon_boxes.values())
    again = CapstoneDashboard("music+commitment", seed=3)
    assert again.game.round == 1 and again.addon_boxes["commitment"].value and again.company_box.value == "music"
    assert len(list(tmp_path.glob("capstone.*.log.json"))) == 2


def test_a_composed_quarter_stays_within_the_kernel_budget():
    """A composed company's quarter (with the replay its sentence needs): p95 under 15 ms."""
    times = []
    for key in ("music+automation+commitment", "rides+automation+commitment", "devtool+automation"):
        for seed in range(4):
            game = engine.Game(key, seed)
            for i in range(8):
                start = time.perf_counter()
                game.play({"automation": (i % 5) / 4})
                times.append(time.perf_counter() - start)
    times.sort()
    assert times[int(0.95 * len(times))] < 0.015


def test_lesson_49_and_the_guide_say_which_add_ons_exist_and_that_they_are_illustrative():
    nb = json.loads((ROOT / "lessons" / "49_capstone.ipynb").read_text(encoding="utf-8"))
    text = "".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    guide = (ROOT / "docs" / "capstone.md").read_text(encoding="utf-8")
    for a in addons.ADDONS.values():
        assert a.title in text and a.pattern in text and f"lesson {a.lesson[:2]}" in text
        assert a.pattern in guide and f"lesson {a.lesson[:2]}" in guide
    assert "**illustrative**" in text and "Add a pattern" in text
    assert "market new class-b --company music+commitment" in guide
    assert any("addons_markdown()" in "".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
