"""Teaching notes (docs/instructors/): one per lesson, generated, and never disagreeing with the models.

A note is the instructor's source (docs/instructors/sources/NN_topic.yaml) joined with what the
lesson, its claims (widgets/claims) and its exercise master say. The committed notes must be what the
generator writes now, so a changed model, preset, lesson or exercise hint fails here until the notes
are rebuilt; and no graded variant's text may reach a note.
"""

from __future__ import annotations

import functools
import json
import shutil
from pathlib import Path

import pytest

from widgets import teaching
from widgets.claims import LessonClaims, Tries, Try
from widgets.grading import masters, variants
from widgets.teaching import lesson as lesson_text
from widgets.teaching import note as note_module
from widgets.teaching import outcomes as outcomes_module
from widgets.teaching import source as note_source
from widgets.teaching.mistakes import caught, hints
from widgets.teaching.note import render

from conftest import ROOT

STEMS = teaching.taught(ROOT)
INSTRUCTORS = ROOT / "docs" / "instructors"
_outcomes = functools.cache(outcomes_module.outcomes)   # each lesson's models run once per test run


@functools.cache
def _note(root: Path, stem: str) -> str:
    return render(root, stem)


@pytest.fixture(scope="module", autouse=True)
def _models_run_once():
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(note_module, "outcomes", _outcomes)
        patch.setattr(teaching, "render", _note)
        yield


@pytest.mark.parametrize("stem", STEMS)
def test_every_lesson_has_a_note_source(stem):
    """A lesson without a source fails here by name (a new lesson needs its teaching note)."""
    assert (INSTRUCTORS / "sources" / f"{stem}.yaml").is_file(), (
        f"lessons/{stem}.ipynb has no teaching note: write docs/instructors/sources/{stem}.yaml, "
        f"then run python -m widgets.teaching build")


@pytest.mark.parametrize("stem", STEMS)
def test_committed_note_is_what_the_generator_writes(stem):
    path = teaching.note_path(ROOT, stem)
    assert path.is_file(), f"{path.relative_to(ROOT)} is missing (run: python -m widgets.teaching build)"
    assert path.read_text(encoding="utf-8") == _note(ROOT, stem), (
        f"{path.relative_to(ROOT)} differs from what the generator writes (run: python -m widgets.teaching build)")


def test_the_check_command_passes_and_the_index_lists_every_note(capsys):
    assert teaching.main(["check"]) == 0, capsys.readouterr().out
    readme = (INSTRUCTORS / "README.md").read_text(encoding="utf-8")
    for stem in STEMS:
        assert f"]({stem}.md)" in readme


def test_a_note_quoting_a_number_its_claim_no_longer_gives_fails(monkeypatch):
    """Change what a declared try renders and the committed note no longer matches."""
    stem = "22_freemium_and_subscription"
    committed = teaching.note_path(ROOT, stem).read_text(encoding="utf-8")
    real = outcomes_module._tries_of(stem)
    first = real[0].items[0]
    changed = Try(text=first.text.replace("{", "{{").replace("}", "}}") + " 12,345", title=first.title)
    fake = Tries(real[0].cell, (changed, *real[0].items[1:]))
    monkeypatch.setattr(outcomes_module, "_tries_of", lambda s: [fake] if s == stem else real)
    monkeypatch.setattr(note_module, "outcomes", outcomes_module.outcomes)  # not the cached run
    assert render(ROOT, stem) != committed


def test_an_outcome_the_model_does_not_show_stops_the_build(monkeypatch):
    false = Try(text="never", title="A.", holds=lambda: {"the margin never turns negative": False})
    monkeypatch.setattr(outcomes_module, "_tries_of", lambda s: [Tries("x", (false,))])
    with pytest.raises(ValueError, match="does not hold: the margin never turns negative"):
        outcomes_module.outcomes("22_freemium_and_subscription")


def test_every_thing_to_try_of_every_lesson_is_in_its_note():
    for stem in STEMS:
        note = teaching.note_path(ROOT, stem).read_text(encoding="utf-8")
        for _, items in _outcomes(stem):
            for o in items:
                assert o.text in note, f"{stem} try {o.number} · {o.title}"
                assert all(f"✓ {what}" in note for what in o.holds)


def test_objectives_and_questions_are_read_from_the_lesson_not_retyped():
    for stem in STEMS:
        text = lesson_text.read(ROOT / "lessons" / f"{stem}.ipynb")
        note = teaching.note_path(ROOT, stem).read_text(encoding="utf-8")
        assert 3 <= len(text.objectives) <= 5, f"{stem}: design §4 asks for 3–5 objectives"
        assert all(o in note for o in text.objectives)
        assert all(q in note for q in text.discussion.values())


def test_no_graded_variant_reaches_a_note():
    """docs/grading.md §8: the variants' numbers stay with the instructor, never in the repository."""
    notes = "\n".join(p.read_text(encoding="utf-8") for p in INSTRUCTORS.glob("*.md"))
    notes += "\n".join(p.read_text(encoding="utf-8") for p in (INSTRUCTORS / "sources").glob("*.yaml"))
    checked = 0
    for path in sorted((ROOT / "solutions").glob("*.ipynb")):
        master = json.loads(path.read_text(encoding="utf-8"))
        declared = masters.parse(master).variant
        if not declared:
            continue
        setup = masters.parse(master).setup
        for seed in (1, 2, 3):
            chosen = variants.values(declared, seed, setup)
            for rule in declared.get("replace", []):
                text = variants.render(rule["with"], chosen)
                if text != rule["find"]:
                    assert text not in notes, f"{path.name} variant {seed}: {text!r} is in a teaching note"
                    checked += 1
    assert checked > 0


def test_mistakes_come_from_public_checks_only():
    assert hints('assert 0 < q1 < 1, "give a fraction"\nassert isinstance(q1, float)') == ["give a fraction"]
    master = ROOT / "solutions" / "22_freemium_and_subscription.ipynb"
    hidden = " ".join(t for q in masters.load(master).autograded for t in q.hidden)
    for question in caught(master):
        assert question.hints, question.question
        assert all(h not in hidden for h in question.hints)


# --- the source's rules ------------------------------------------------------------------------

def _source(tmp_path: Path, **changes) -> Path:
    import yaml

    data = yaml.safe_load((INSTRUCTORS / "sources" / "22_freemium_and_subscription.yaml").read_text())
    data.update(changes)
    path = tmp_path / "22_freemium_and_subscription.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    return path


def _load(path: Path):
    text = lesson_text.read(ROOT / "lessons" / "22_freemium_and_subscription.ipynb")
    return note_source.load(path, text.discussion, note_source.citations(ROOT))


def test_a_source_is_checked(tmp_path):
    _load(_source(tmp_path))
    with pytest.raises(ValueError, match="add up to 80 minutes"):
        _load(_source(tmp_path, plan=[{"minutes": 40, "mode": "drive", "what": "a"},
                                      {"minutes": 40, "mode": "discuss", "what": "b"}]))
    with pytest.raises(ValueError, match=r"questions \[1\] but the lesson asks \[1, 2, 3, 4\]"):
        _load(_source(tmp_path, answers={1: {"expect": "a", "draw_out": "b"}}))
    with pytest.raises(ValueError, match="NOT-A-TAG"):
        _load(_source(tmp_path, pairs=[{"case": "x", "why": "y", "tags": ["NOT-A-TAG"]}]))
    with pytest.raises(ValueError, match="needs a 'drive' step"):
        _load(_source(tmp_path, plan=[{"minutes": 75, "mode": "discuss", "what": "a"}]))


def test_a_lesson_without_a_source_is_named(tmp_path):
    for folder in ("lessons", "datasets"):
        (tmp_path / folder).mkdir()
    shutil.copy(ROOT / "lessons" / "22_freemium_and_subscription.ipynb", tmp_path / "lessons" / "41_new_lesson.ipynb")
    with pytest.raises(ValueError, match="lessons/41_new_lesson.ipynb has no teaching-note source"):
        render(tmp_path, "41_new_lesson")
    assert "41_new_lesson" in teaching.taught(tmp_path)
