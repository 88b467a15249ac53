"""Hidden-revenue explorer, what is particular to it: which result goes into which trace, the
horizon, the flat lines it does not resend, and the sentence it shows."""

from __future__ import annotations

import numpy as np
import pytest

from widgets.explorers.ad_supported import FACTORS, PRESETS, HiddenRevenueExplorer, draw, make_figures
from widgets.models import ad_supported


@pytest.mark.parametrize("preset", PRESETS, ids=PRESETS.names)
def test_draw_puts_revenue_and_the_factors_in_their_traces(preset):
    result = ad_supported.simulate(preset.values)
    revenue, factors = figures = make_figures()
    draw(figures, result)
    m = result.monthly
    np.testing.assert_allclose(revenue.data[0].y, m["revenue"])
    np.testing.assert_allclose(revenue.data[1].y, result.status_quo_revenue)
    for trace, (column, name, _) in zip(factors.data, FACTORS):
        assert trace.name == name
        np.testing.assert_allclose(trace.y, m[column] * 100)
    np.testing.assert_allclose(factors.data[len(FACTORS)].y, m["revenue"] / result.status_quo_revenue * 100)
    # the identity on screen: the four factor lines multiply to the revenue line
    product = np.prod([np.asarray(t.y) / 100 for t in factors.data[: len(FACTORS)]], axis=0) * 100
    np.testing.assert_allclose(product, factors.data[len(FACTORS)].y)
    assert list(revenue.data[0].x) == list(range(1, preset.values["months"] + 1))


def test_a_new_horizon_redraws_every_curve_on_the_new_months():
    explorer = HiddenRevenueExplorer()
    explorer.set(months=24)
    live = [t for fig in explorer.figures for t in fig.data if t.meta != "no-pin"]
    assert all(len(t.x) == len(t.y) == 24 for t in live)
    explorer.set(months=120)
    assert all(list(t.x) == list(range(1, 121)) for t in live)


def test_flat_lines_that_did_not_change_are_not_sent_again():
    figures = make_figures()
    draw(figures, ad_supported.simulate(PRESETS[0].values))
    today, price = figures[0].data[1], figures[1].data[3]
    sent = []
    today.on_change(lambda *_: sent.append("today"), "y")
    price.on_change(lambda *_: sent.append("price"), "y")
    draw(figures, ad_supported.simulate({**PRESETS[0].values, "ad_load": 50}))
    assert sent == []
    draw(figures, ad_supported.simulate({**PRESETS[0].values, "opt_out": 0.2}))
    assert sent == ["price"]


def test_the_sentence_follows_the_sliders_and_the_money_is_in_dollars():
    explorer = HiddenRevenueExplorer(company="Meta Asia-Pacific (Q4 2021)")
    assert explorer.takeaway_text == ad_supported.takeaway(explorer.result, explorer.values, "$")
    assert "(40 → 60 an hour)" in explorer.takeaway_text
    explorer.set(opt_out=0.15, ad_load=40)
    assert "15 % of users opting out of tracking" in explorer.takeaway_text
    assert explorer.figures[0].layout.yaxis.title.text == "$ millions a month"
    assert "(%)" in explorer.controls["opt_out"].description
