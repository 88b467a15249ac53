"""Contest explorer, what is particular to it: the best-solution curve, your contest, the best crowd size."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import pytest

from widgets import data
from widgets.explorers.contests import PRESETS, ContestExplorer, draw, make_figures
from widgets.models import contests

INNOCENTIVE = "InnoCentive-style prize: ALS biomarker (2006)"


@pytest.mark.parametrize("preset", PRESETS, ids=PRESETS.names)
def test_draw_shows_the_curves_your_contest_and_the_best_crowd(preset):
    result = contests.simulate(preset.values)
    best, cost = figures = make_figures()
    draw(figures, result)
    np.testing.assert_allclose(best.data[0].y, result.curve["expected_best"])
    np.testing.assert_allclose(best.data[1].y, result.curve["effort"])
    assert best.data[2].y == (result.quality_bar,) * 2
    assert best.data[3].x == (preset.values["solvers"],) and best.data[3].y == (result.expected_best,)
    assert best.data[4].x == (result.best_solvers,)


def test_uncertainty_moves_the_best_crowd_size():
    contest = ContestExplorer(company=INNOCENTIVE)
    contest.set(uncertainty=25)
    star, sentence = contest.figures[0].data[4].x[0], contest.takeaway_text
    contest.controls["uncertainty"].value = 1.0          # the learner drags σ down
    assert contest.figures[0].data[4].x[0] < star      # fewer solvers are best now
    assert contest.takeaway_text != sentence


def test_the_solver_slider_moves_the_marker_not_the_curve():
    contest = ContestExplorer(company=INNOCENTIVE)
    curve = list(contest.figures[0].data[0].y)
    contest.set(solvers=150)
    assert list(contest.figures[0].data[0].y) == curve
    assert contest.figures[0].data[3].x == (150,)


def test_nobody_entering_is_shown_not_crashed():
    contest = ContestExplorer(company=INNOCENTIVE)
    contest.set(prize=1, entry_cost=5)
    assert contest.message_box.value == ""
    assert "Nobody enters" in contest.takeaway_text
    assert contest.figures[1].data[1].y == (None,)


def test_draw_leaves_gaps_where_a_good_solution_is_nearly_impossible():
    result = contests.simulate(uncertainty=0)
    figures = [go.Figure(), go.Figure()]
    for _ in range(5):
        figures[0].add_scatter()
    for _ in range(2):
        figures[1].add_scatter()
    draw(figures, result)
    shown = result.curve["expected_good"].to_numpy() >= contests.MIN_GOOD
    assert np.isnan(np.asarray(figures[1].data[0].y, dtype=float)[~shown]).all()
    assert figures[0].data[2].y == (30.0, 30.0)                        # the quality bar


def test_preset_sources_are_defined_and_illustrative_values_are_called_so():
    tags = set(data.load("sources")["tag"])
    for preset in PRESETS:
        assert set(preset.sources) <= tags, preset.name
        assert "illustrative" in preset.calibration, preset.name
