"""Cloud pricing explorer, what is particular to it: which result goes into which trace, the usage
axis that follows the customers, and the sentence it shows."""

from __future__ import annotations

import numpy as np
import pytest

from widgets.explorers.cloud_pricing import OFFER_LABELS, PRESETS, CloudPricingExplorer, draw, make_figures
from widgets.models import cloud_pricing


@pytest.mark.parametrize("preset", PRESETS, ids=PRESETS.names)
def test_draw_puts_bills_customers_and_earnings_in_their_traces(preset):
    result = cloud_pricing.simulate(preset.values)
    bills, earnings = figures = make_figures()
    draw(figures, result)
    np.testing.assert_allclose(bills.data[0].y, result.distribution_share * 100)
    assert bills.data[0].meta == "no-pin" and bills.data[0].yaxis == "y2"
    for trace, name, row in zip(bills.data[1:], cloud_pricing.PLANS, result.schedule_bills):
        assert trace.name == name
        np.testing.assert_allclose(trace.x, result.schedule_usage)
        np.testing.assert_allclose(trace.y, row)
    assert list(earnings.data[0].x) == OFFER_LABELS and len(OFFER_LABELS) == len(cloud_pricing.OFFERS)
    best = (result.offer_revenue, result.offer_margin, result.offer_surplus, result.best_margin)
    assert len(earnings.data) == len(best)
    for trace, values in zip(earnings.data, best):
        np.testing.assert_allclose(trace.y, values / 1000)


def test_the_usage_axis_follows_the_customers():
    explorer = CloudPricingExplorer()
    narrow = max(explorer.figures[0].data[1].x)
    explorer.set(median_usage=3000)
    assert max(explorer.figures[0].data[1].x) == pytest.approx(narrow * 10)


def test_the_sentence_and_margin_bars_follow_the_sliders():
    explorer = CloudPricingExplorer(company="AWS-style compute (2024)")
    before, flat_margin = explorer.takeaway_text, explorer.figures[1].data[1].y[2]
    assert "At these prices the best margin comes from pay as you go alone: $" in before
    explorer.set(fee=150.0)
    assert explorer.takeaway_text != before
    assert explorer.figures[1].data[1].y[2] > flat_margin > 0 or explorer.figures[1].data[1].y[2] > 0 > flat_margin


def test_every_preset_builds_and_charts_in_its_currency():
    for name in PRESETS.names:
        explorer = CloudPricingExplorer(company=name)
        assert "¤" not in explorer.figures[1].layout.yaxis.title.text
        assert explorer.takeaway_text.startswith("At these prices, offered all three plans")
