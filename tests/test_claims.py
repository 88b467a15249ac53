"""A lesson says only what its model shows: every declared claim is run through its model.

Each lesson's things to try, and each cell that quotes a number from a model, are declared in
``widgets/claims/`` (docs/adding_a_lesson.md §4). Here every declaration is rendered from the model
and compared with the notebook's cell, and every outcome it states in words is checked; a lesson
with a "Things to try" section that nobody declared fails too.
"""

from __future__ import annotations

import json
import re
import sys
import types

import pytest

from widgets import claims as claims_module
from widgets.claims import LessonClaims, Setting, Tries, Try, all_lessons, attempt, differences, num, pct
from widgets.claims._typed import (typed_outcomes, unchecked_cells, undeclared_numbers, unmoved_controls,
                                  unread_sentences)

from conftest import LESSONS, ROOT

DECLARED = all_lessons()
LESSONS_WITH_TRIES = sorted(
    p.stem for p in LESSONS.glob("*.ipynb")
    if any(c["cell_type"] == "markdown" and re.search(r"^#+ .*[Tt]hings to try", "".join(c["source"]), re.M)
           for c in json.loads(p.read_text(encoding="utf-8"))["cells"])
)
CLAIMS = [(stem, label, claim) for stem, lesson in DECLARED.items() for label, claim in lesson.claims()]


@pytest.mark.parametrize("stem", LESSONS_WITH_TRIES)
def test_every_lesson_with_things_to_try_declares_them(stem):
    assert stem in DECLARED, f"lessons/{stem}.ipynb has things to try but no widgets/claims declaration"
    assert DECLARED[stem].tries is not None and DECLARED[stem].tries.items


@pytest.mark.parametrize("stem, label, claim", CLAIMS, ids=[f"{s} · {label}" for s, label, _ in CLAIMS])
def test_what_a_claim_says_in_words_holds_in_its_model(stem, label, claim):
    claim.rendered()  # every blank has a fact, every fact is formatted
    assert claim.failures() == [], f"{stem} {label}"


@pytest.mark.parametrize("stem, label, claim", CLAIMS, ids=[f"{s} · {label}" for s, label, _ in CLAIMS])
def test_a_try_that_quotes_the_model_checks_an_outcome(stem, label, claim):
    """Numbers alone are not the claim: what the text says they show ("only if", "never") is checked too."""
    if isinstance(claim, Try) and claim.facts():
        assert claim.holds(), f"{stem} {label} quotes model numbers but checks no outcome"


def _module(stem: str) -> types.ModuleType:
    return sys.modules[next(name for name, m in list(sys.modules.items())
                            if name.startswith("widgets.claims.") and getattr(m, "CLAIMS", None) is DECLARED[stem])]


@pytest.mark.parametrize("stem", sorted(DECLARED))
def test_a_try_types_only_the_moves_its_runs_make(stem):
    """Outcomes are blanks: a number typed into a try must be a move, a preset value or a preset's source."""
    assert typed_outcomes(DECLARED[stem], _module(stem)) == []


@pytest.mark.parametrize("stem", sorted(DECLARED))
def test_a_try_that_quotes_the_explorers_sentence_reads_it(stem):
    """'The sentence says K = 1.01': what the learner will read under the charts is checked, not only the model."""
    assert unread_sentences(DECLARED[stem], _module(stem)) == []


@pytest.mark.parametrize("stem", sorted(DECLARED))
def test_every_control_a_try_asks_the_learner_to_move_is_moved_by_its_runs(stem):
    """'Try a lower *franchised share* and see': a step no run takes has an outcome nobody computed."""
    assert unmoved_controls(DECLARED[stem], _module(stem)) == []


def test_a_cell_nobody_declared_quotes_only_data_inputs_and_checked_arithmetic():
    """Section text, exercise prompts and model answers that no declaration renders may not quote a model's outcome."""
    assert unchecked_cells() == []


@pytest.mark.parametrize("stem", sorted(DECLARED))
def test_notebook_cells_are_what_the_declarations_render(stem):
    assert differences(DECLARED[stem]) == []


# --- the machinery itself --------------------------------------------------------------------------

def test_pct_and_num_read_as_the_lessons_write_them():
    assert pct(0.613) == "61 %" and pct(0.0751, 1) == "7.5 %" and num(2300) == "2,300" and num(0.884, 2) == "0.88"
    with pytest.raises(ValueError, match="0 %"):
        pct(0.001)              # a share that is there never reads as 0 %
    with pytest.raises(ValueError, match="finite"):
        num(float("nan"))


def test_a_changed_model_makes_the_rendered_text_differ(tmp_path, monkeypatch):
    """The check fails when a notebook quotes a number the model no longer gives."""
    nb = {"cells": [{"cell_type": "markdown", "id": "t", "metadata": {}, "source": ["### Things to try\n\n1. **A.** 5"]}],
          "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    (tmp_path / "lessons").mkdir()
    (tmp_path / "lessons" / "99_x.ipynb").write_text(json.dumps(nb))
    monkeypatch.setattr(claims_module, "ROOT", tmp_path)
    value = {"n": 5}
    lesson = LessonClaims("99_x", tries=Tries("t", (Try(text="{n}", facts=lambda: {"n": value["n"]}, title="A."),)))
    assert differences(lesson) == []
    value["n"] = 6
    assert differences(lesson) and "99_x" in differences(lesson)[0]
    claims_module.build(lesson)
    assert differences(lesson) == []


def test_an_outcome_in_words_that_the_model_contradicts_is_reported():
    claim = Try(text="never", holds=lambda: {"the margin never turns negative": False}, title="A.")
    assert claim.failures() == ["the margin never turns negative"]


def test_an_unformatted_fact_is_refused():
    with pytest.raises(TypeError, match="format it"):
        Try(text="{x}", facts=lambda: {"x": 0.123}, title="A.").rendered()


def test_a_setting_runs_the_model_as_the_explorer_would():
    from widgets.explorers.freemium import PRESETS
    from widgets.models import freemium

    setting = Setting(freemium, PRESETS[0])
    assert setting.say() == freemium.takeaway(freemium.simulate(PRESETS[0].values), setting.values, PRESETS[0].currency)
    assert isinstance(setting.say(), str) and setting.say()
    with pytest.raises(ValueError, match="price"):
        setting.run(price=-1.0)


def test_the_claims_command_checks_every_lesson(capsys):
    assert claims_module.main(["check"]) == 0, capsys.readouterr().out
    assert (ROOT / "widgets" / "claims" / "__main__.py").is_file()


def test_a_number_and_its_percent_sign_stay_on_one_line():
    text = "x " * 52 + "At 8 % the chain ends with 37,903 units"
    lines = Try(text=text, title="A.").markdown(1).splitlines()
    assert len(lines) > 1 and not any(line.lstrip().startswith("%") for line in lines)
    assert " ".join(line.strip() for line in lines).endswith("At 8 % the chain ends with 37,903 units")


def _freemium_try(text: str, facts=lambda setting: {}) -> tuple[LessonClaims, types.ModuleType]:
    from widgets.explorers.freemium import PRESETS
    from widgets.models import freemium
    spotify = Setting(freemium, PRESETS["Spotify (2024)"])
    module = types.ModuleType("widgets.claims.example")
    claim = attempt("Example.", text, facts=lambda: dict(facts(spotify)), holds=lambda: {"runs": spotify.run(price=6.0)
                                                                                             is not None})
    return LessonClaims("99_example", Tries("t", (claim,))), module


def test_an_outcome_typed_into_a_try_is_reported():
    """'Raise the price to 6': a move the check runs; 'the cash ends at 512': an outcome nobody computed."""
    ok, module = _freemium_try("Raise *price per paying user* from 4.70 to 6: the cash ends at {cash}.",
                               lambda s: {"cash": num(s.run(price=6.0).monthly["cumulative_cash"].iloc[-1])})
    assert typed_outcomes(ok, module) == []
    typed, module = _freemium_try("Raise *price per paying user* from 4.70 to 6: the cash ends at 512.")
    assert typed_outcomes(typed, module) == ["99_example try 1 · Example.: '512'"]
    moved, module = _freemium_try("Raise *price per paying user* to 7: the cash ends at {cash}.",
                                  lambda s: {"cash": num(1)})
    assert typed_outcomes(moved, module) == ["99_example try 1 · Example.: '7'"]   # a move no run makes


def test_a_formula_value_typed_after_an_equals_sign_is_reported():
    formula, module = _freemium_try("Break-even: $1/(4.70 + 6) = 0.09$.")
    assert ("99_example try 1 · Example.: '= 0.09' (a result typed after an equals sign)"
            in typed_outcomes(formula, module))
    computed, module = _freemium_try("Break-even: $1/(4.70 + 6) = {value}$.", lambda s: {"value": num(1 / 10.7, 2)})
    assert typed_outcomes(computed, module) == []


def test_an_undeclared_cell_may_quote_data_and_arithmetic_it_shows_but_no_outcome():
    # Kickstarter's 2011 success rate (datasets/kickstarter.csv) and arithmetic on it, shown and right:
    assert undeclared_numbers("Kickstarter reported 43 % of projects succeeded: 7,496 ÷ 20,371 = 0.368.") == []
    assert undeclared_numbers("Of 20,371 projects, 7,496 ÷ 20,371 = 0.5 succeeded.") == ["= 0.5"]   # wrong sum
    assert undeclared_numbers("At this price the model's cash ends at 512.") == ["512"]          # an outcome typed
    assert undeclared_numbers("A saving $N[(1 - h)H - c] - K = 0$ sets the break-even.") == []      # an equation


def test_a_control_named_in_a_try_but_never_moved_is_reported():
    named, module = _freemium_try("Raise *price per paying user* to 6, then try a higher *paying-user churn*.")
    assert unmoved_controls(named, module) == ["99_example try 1 · Example.: *paying-user churn* is named but no run "
                                               "moves it"]


def test_a_try_quoting_the_sentence_without_reading_it_is_reported():
    quoted, module = _freemium_try("Raise *price per paying user* to 6: the sentence says the cash ends at {cash}.",
                                   lambda s: {"cash": num(s.run(price=6.0).monthly["cumulative_cash"].iloc[-1])})
    assert unread_sentences(quoted, module) == ["99_example try 1 · Example.: quotes the sentence but no run reads it"]
    read, module = _freemium_try("Raise *price per paying user* to 6: the sentence says {said}.",
                                 lambda s: {"said": "so" if "cash" in s.say(price=6.0) else "not"})
    assert unread_sentences(read, module) == []
