"""The explorer contract (design §5), checked for every explorer the package holds.

A new lesson's explorer is picked up here by itself: every preset builds, every control does
something, pin / clear / reset work, and a failing model becomes a message instead of a crash.
"""

from __future__ import annotations

import numpy as np
import pytest

from widgets.explorers import all_explorers

EXPLORERS = all_explorers()
CASES = [(name, preset.name) for name, cls in sorted(EXPLORERS.items()) for preset in cls.presets]


def chart_data(explorer) -> list:
    """Every trace's x and y as plain lists (NaN as None), to compare before and after a change."""
    return [[None if v is None else [None if np.isnan(x) else x for x in v.tolist()]
             for v in (_numeric(t.x), _numeric(t.y))]
            for fig in explorer.figures for t in fig.data if t.meta != "no-pin" or t.visible]


def _numeric(values):
    if values is None:
        return None
    try:
        return np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        return None


def test_there_are_explorers_to_check():
    assert {"FreemiumExplorer"} <= set(EXPLORERS)


@pytest.mark.parametrize("name, company", CASES)
def test_every_preset_builds_with_a_sentence_and_charts(name, company):
    explorer = EXPLORERS[name](company=company)
    assert explorer.figures, "an explorer shows at least one chart"
    assert isinstance(explorer.takeaway_text, str) and len(explorer.takeaway_text) > 20
    assert explorer.message_box.value == "", explorer.message_box.value
    assert explorer.preset.calibration, "a preset says how it was calibrated"
    for fig in explorer.figures:
        assert fig.layout.title.text, "every chart has a title"


@pytest.mark.parametrize("name", sorted(EXPLORERS))
def test_every_control_changes_the_charts_or_the_sentence(name):
    explorer = EXPLORERS[name]()
    inert, stuck = [], []
    for param in explorer.parameters:
        current = explorer.values[param.name]
        # The far end first; if the model refuses that extreme (shown as a message), one step.
        targets = [param.max if current != param.max else param.min,
                   min(current + param.step, param.max) if current != param.max else current - param.step]
        moved = False
        for target in targets:
            explorer.reset()
            before = (chart_data(explorer), explorer.takeaway_text)
            explorer.set(**{param.name: target})
            if explorer.message_box.value:
                continue
            moved = True
            if (chart_data(explorer), explorer.takeaway_text) == before:
                inert.append(param.name)
            break
        if not moved:
            stuck.append(param.name)
    assert not stuck, f"controls the model refuses to move even by one step: {stuck}"
    assert not inert, f"controls that change nothing on screen: {inert}"


@pytest.mark.parametrize("name", sorted(EXPLORERS))
def test_pin_clear_and_reset(name):
    explorer = EXPLORERS[name]()
    ghosts = [t for fig in explorer.figures for t in fig.data if t.meta == "no-pin" and t.visible is False]
    explorer.pin()
    pinned = [t for t in ghosts if t.visible]
    assert pinned, "pinning shows the pinned curves"
    assert explorer.pin_label.value and not explorer.unpin_button.disabled
    explorer.clear_pin()
    assert not any(t.visible for t in pinned)
    first = next(iter(explorer.parameters))
    explorer.set(**{first.name: first.max if explorer.values[first.name] != first.max else first.min})
    explorer.reset()
    expected = explorer.parameters.validate(explorer.preset.values)
    assert explorer.current() == pytest.approx(dict(expected))


@pytest.mark.parametrize("name", sorted(EXPLORERS))
def test_a_bug_in_the_model_becomes_a_message_not_a_crash(name, monkeypatch):
    explorer = EXPLORERS[name]()
    before = chart_data(explorer)

    def broken(values):
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(explorer, "model", broken)
    first = next(iter(explorer.parameters))
    control = explorer.controls[first.name]
    control.value = control.max if control.value != control.max else control.min
    assert "RuntimeError" in explorer.message_box.value
    assert chart_data(explorer) == before


@pytest.mark.parametrize("name", sorted(EXPLORERS))
def test_unknown_company_is_refused_clearly(name):
    with pytest.raises(ValueError, match="company must be one of"):
        EXPLORERS[name](company="No such company")
