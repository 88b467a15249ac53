"""Contest and user-design explorers: charts follow the models, pin/reset, presets, no crashes."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import pytest

from widgets import data
from widgets.explorers import all_explorers
from widgets.explorers.crowdsourcing import (CONTEST_PRESETS, FUNNEL_PRESETS, ContestExplorer,
                                             UserDesignExplorer, draw_contest, draw_user_design)
from widgets.models import contests, user_design

INNOCENTIVE = "InnoCentive-style prize: ALS biomarker (2006)"
THREADLESS = "Threadless (c. 2008)"


def ys(explorer, fig, i):
    return np.asarray(explorer.figures[fig].data[i].y, dtype=float)


@pytest.fixture
def contest():
    return ContestExplorer(company=INNOCENTIVE)


@pytest.fixture
def funnel():
    return UserDesignExplorer(company=THREADLESS)


@pytest.mark.parametrize("company", list(CONTEST_PRESETS))
def test_every_contest_preset_draws_its_model(company):
    e = ContestExplorer(company=company)
    expected = contests.simulate(CONTEST_PRESETS[company].values)
    np.testing.assert_allclose(ys(e, 0, 0), expected.curve["expected_best"])
    np.testing.assert_allclose(ys(e, 0, 1), expected.curve["effort"])
    assert e.figures[0].data[3].x == (CONTEST_PRESETS[company].values["solvers"],)
    assert e.takeaway_text == contests.takeaway(expected, e.values, "$")


@pytest.mark.parametrize("company", list(FUNNEL_PRESETS))
def test_every_funnel_preset_draws_its_model(company):
    e = UserDesignExplorer(company=company)
    expected = user_design.simulate(FUNNEL_PRESETS[company].values)
    np.testing.assert_allclose(ys(e, 0, 0), expected.funnel["designs"])
    np.testing.assert_allclose(ys(e, 1, 0), expected.curve["cost_per_hit"])
    assert e.takeaway_text == user_design.takeaway(expected, "$")


def test_controls_come_from_the_declarations(contest, funnel):
    assert list(contest.controls) == contests.PARAMETERS.names
    assert list(funnel.controls) == user_design.PARAMETERS.names
    assert "($ thousand)" in contest.controls["prize"].description
    assert contest.controls["solvers"].__class__.__name__ == "IntSlider"
    assert (funnel.controls["vote_share"].min, funnel.controls["vote_share"].max) == (0, 100)
    assert funnel.figures[1].layout.yaxis.title.text.startswith("$ thousand")


def test_uncertainty_slider_moves_the_best_crowd_size(contest):
    contest.set(uncertainty=25)
    high_best, high_star = ys(contest, 0, 0), contest.figures[0].data[4].x[0]
    text = contest.takeaway_text
    contest.controls["uncertainty"].value = 1.0          # the learner drags σ down
    assert contest.values["uncertainty"] == 1.0
    assert not np.allclose(ys(contest, 0, 0), high_best)
    assert contest.figures[0].data[4].x[0] < high_star      # fewer solvers are best now
    assert contest.takeaway_text != text and "smaller crowd" in contest.takeaway_text


def test_solver_slider_moves_the_marker_not_the_curve(contest):
    curve = ys(contest, 0, 0)
    contest.set(solvers=150)
    np.testing.assert_allclose(ys(contest, 0, 0), curve)
    assert contest.figures[0].data[3].x == (150,)
    assert contest.figures[0].data[3].y[0] == pytest.approx(contest.result.expected_best)


def test_funnel_slider_redraws_bars_and_sentence(funnel):
    before, text = ys(funnel, 0, 0), funnel.takeaway_text
    funnel.controls["submissions"].value = 700
    np.testing.assert_allclose(ys(funnel, 0, 0), [700, 35, 3.5, 1.05])
    assert not np.allclose(ys(funnel, 0, 0), before)
    assert funnel.takeaway_text != text and "700 designs" in funnel.takeaway_text


def test_pin_keeps_the_contest_curve_and_clear_hides_it(contest):
    contest.pin()
    ghosts = [t for t in contest.figures[0].data if t.meta == "no-pin" and t.hoverinfo == "skip"]
    assert len(ghosts) == 2 and all(g.visible for g in ghosts)
    pinned = np.asarray(ghosts[0].y, dtype=float)
    contest.set(uncertainty=2)
    np.testing.assert_allclose(np.asarray(ghosts[0].y, dtype=float), pinned)
    assert not np.allclose(ys(contest, 0, 0), pinned)
    contest.clear_pin()
    assert not any(g.visible for g in ghosts)


def test_pin_on_the_funnel_explorer_keeps_the_cost_curve(funnel):
    funnel.pin()
    ghosts = [t for t in funnel.figures[1].data if t.hoverinfo == "skip"]
    assert len(ghosts) == 2
    pinned = np.asarray(ghosts[0].y, dtype=float)
    funnel.set(community_cost=100)
    np.testing.assert_allclose(np.asarray(ghosts[0].y, dtype=float), pinned)
    assert not np.allclose(ys(funnel, 1, 0), pinned)


def test_reset_and_company_switch(contest, funnel):
    contest.set(prize=5, solvers=7)
    contest.reset()
    assert contest.current() == pytest.approx(dict(contests.PARAMETERS.validate(CONTEST_PRESETS[INNOCENTIVE].values)))
    funnel.company.value = "LEGO Ideas (2020 review round)"
    assert funnel.current()["royalty"] == pytest.approx(0.01)
    assert "produced" in funnel.takeaway_text


def test_nobody_entering_is_shown_not_crashed(contest):
    contest.set(prize=1, entry_cost=5)
    assert contest.message_box.value == ""
    assert "Nobody enters" in contest.takeaway_text
    assert contest.figures[1].data[1].y == (None,)


def test_out_of_range_is_a_clear_error(contest):
    with pytest.raises(ValueError, match=r"uncertainty \(Problem uncertainty σ\) must be from 0 to 40"):
        contest.set(uncertainty=-1)


def test_draw_functions_fill_plain_figures():
    result = contests.simulate(uncertainty=0)
    figs = [go.Figure(), go.Figure()]
    for _ in range(5):
        figs[0].add_scatter()
    for _ in range(2):
        figs[1].add_scatter()
    draw_contest(figs, result)
    np.testing.assert_allclose(figs[0].data[0].y, result.curve["expected_best"])
    assert figs[0].data[2].y == (30.0, 30.0)                        # the quality bar
    funnel = user_design.simulate(hit_share=0)
    figs = [go.Figure(), go.Figure()]
    figs[0].add_bar()
    for _ in range(3):
        figs[1].add_scatter()
    draw_user_design(figs, funnel)
    assert np.isnan(np.asarray(figs[0].data[0].y, dtype=float)[3])  # zero hits: no bar on a log axis
    assert figs[1].data[2].y == (None,)


def test_preset_sources_are_defined_and_illustrative_values_are_called_so():
    tags = set(data.load("sources")["tag"])
    for preset in [*CONTEST_PRESETS.values(), *FUNNEL_PRESETS.values()]:
        assert set(preset.sources) <= tags, preset.name
        assert "illustrative" in preset.calibration, preset.name


def test_explorers_are_discovered():
    found = all_explorers()
    assert found["ContestExplorer"] is ContestExplorer
    assert found["UserDesignExplorer"] is UserDesignExplorer
