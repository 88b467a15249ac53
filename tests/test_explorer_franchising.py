"""Franchising explorer: which result goes into which trace, and the presets' sources."""

from __future__ import annotations

import numpy as np
import pytest

from widgets import data
from widgets.explorers.franchising import PRESETS, FranchisingExplorer, draw, make_figures
from widgets.models import franchising as fr


def test_draw_puts_each_result_in_its_trace():
    r = fr.simulate(PRESETS[0].values)
    figs = make_figures()
    draw(figs, r)
    units, returns, royalty = figs
    np.testing.assert_allclose(units.data[0].y, r.yearly.franchised_units / 1000)
    np.testing.assert_allclose(units.data[1].y, r.yearly.owned_units / 1000)
    np.testing.assert_allclose(units.data[2].y, r.yearly.owned_chain_units / 1000)
    np.testing.assert_allclose(returns.data[0].y, r.yearly.roc * 100)
    np.testing.assert_allclose(returns.data[2].y, r.yearly.quality_loss * 100)
    np.testing.assert_allclose(royalty.data[0].y, r.sweep.economic_profit / 1000)
    assert list(royalty.data[1].x) == pytest.approx([r.royalty * 100, r.best_royalty * 100])
    assert royalty.data[1].y[1] == pytest.approx(r.best_profit / 1000)
    # the marker sits on the curve: this royalty's profit is the sweep's at the same royalty
    i = int(np.argmin(np.abs(fr.ROYALTIES - r.royalty)))
    assert royalty.data[1].y[0] == pytest.approx(r.sweep.economic_profit.iloc[i] / 1000)


def test_moving_the_royalty_changes_chart_and_sentence():
    ex = FranchisingExplorer(company="McDonald's (2024)")
    before = ex.takeaway_text
    old = list(ex.figures[2].data[1].x)
    ex.set(royalty=0.10)
    assert list(ex.figures[2].data[1].x) != old
    assert ex.takeaway_text != before


def test_every_preset_cites_sources_in_the_data():
    tags = set(data.load("sources")["tag"])
    for preset in PRESETS:
        assert preset.sources and set(preset.sources) <= tags, preset.name
