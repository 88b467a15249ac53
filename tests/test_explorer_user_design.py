"""User-design explorer, what is particular to it: the funnel on a log axis, cost per hit by platform size."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import pytest

from widgets import data
from widgets.explorers.user_design import PRESETS, UserDesignExplorer, draw, make_figures
from widgets.models import user_design


@pytest.mark.parametrize("preset", PRESETS, ids=PRESETS.names)
def test_draw_shows_the_funnel_and_the_cost_per_hit(preset):
    result = user_design.simulate(preset.values)
    funnel, cost = figures = make_figures()
    draw(figures, result)
    np.testing.assert_allclose(funnel.data[0].y, result.funnel["designs"])
    np.testing.assert_allclose(cost.data[0].y, result.curve["cost_per_hit"])
    np.testing.assert_allclose(cost.data[1].y, result.curve["inhouse_cost_per_hit"])
    assert cost.data[2].x == (result.submissions,)


def test_the_funnel_follows_the_submissions_slider():
    funnel = UserDesignExplorer(company="Threadless (c. 2008)")
    funnel.controls["submissions"].value = 700
    np.testing.assert_allclose(funnel.figures[0].data[0].y, [700, 35, 3.5, 1.05])
    assert "700 designs" in funnel.takeaway_text


def test_zero_hits_leave_no_bar_on_the_log_axis():
    result = user_design.simulate(hit_share=0)
    figures = [go.Figure(), go.Figure()]
    figures[0].add_bar()
    for _ in range(3):
        figures[1].add_scatter()
    draw(figures, result)
    assert np.isnan(np.asarray(figures[0].data[0].y, dtype=float)[3])
    assert figures[1].data[2].y == (None,)


def test_preset_sources_are_defined_and_illustrative_values_are_called_so():
    tags = set(data.load("sources")["tag"])
    for preset in PRESETS:
        assert set(preset.sources) <= tags, preset.name
        assert "illustrative" in preset.calibration, preset.name
