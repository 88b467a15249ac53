"""Daily deal explorer, what is particular to it: the waterfall and the profit line; presets against the data."""

from __future__ import annotations

import numpy as np
import pytest

from widgets import data
from widgets.explorers.daily_deals import PRESETS, STEPS, DailyDealExplorer, draw, make_figures
from widgets.models import daily_deals


@pytest.mark.parametrize("preset", PRESETS, ids=PRESETS.names)
def test_waterfall_steps_add_up_to_the_merchants_profit(preset):
    result = daily_deals.merchant_economics(preset.values)
    money, returns = figures = make_figures()
    draw(figures, result)
    bars = np.asarray(money.data[0].y, dtype=float)
    assert list(money.data[0].x) == list(STEPS)
    assert bars[0] == pytest.approx(result.customer_pays) and bars[1] == pytest.approx(-result.platform_keeps)
    assert bars[:-1].sum() == pytest.approx(result.profit)   # the last bar is the running total
    np.testing.assert_allclose(returns.data[0].y, result.curve["profit"])
    np.testing.assert_allclose(returns.data[0].x, result.curve["return_rate"] * 100)
    assert list(returns.data[1].x) == pytest.approx([preset.values["return_rate"] * 100])
    assert list(returns.data[1].y) == pytest.approx([result.profit])


def test_break_even_marker_only_when_it_lies_in_the_chart():
    figures = make_figures()
    draw(figures, daily_deals.merchant_economics())
    assert list(figures[1].data[2].x) == pytest.approx([daily_deals.merchant_economics().break_even_return * 100])
    assert list(figures[1].data[2].y) == [0.0]
    for values in (dict(variable_cost=0.1), dict(variable_cost=0.9), dict(existing_customers=1.0)):
        draw(figures, daily_deals.merchant_economics(values))
        assert len(figures[1].data[2].x) == 0, values


def test_money_is_labelled_in_the_presets_currency():
    money, returns = DailyDealExplorer().figures
    assert money.layout.yaxis.title.text == "$ per voucher"
    assert returns.layout.yaxis.title.text == "$ profit per voucher"


def _facts():
    facts = data.load("customer_data_facts")
    return facts.set_index(["subject", "metric"])["value"] / 100


def test_deal_terms_come_from_the_reports():
    facts = _facts()
    for preset in PRESETS[:2]:
        assert preset.values["discount"] == facts[("Groupon", "typical discount to the customer")]
        assert preset.values["platform_share"] == facts[("Groupon", "share of the deal price the platform keeps")]


@pytest.mark.parametrize("name, group, profitable", [
    ("Unprofitable deal (merchant survey, 2010)", "unprofitable", False),
    ("Profitable deal (merchant survey, 2010)", "profitable", True),
])
def test_survey_presets_use_the_survey_rates_and_land_on_its_side(name, group, profitable):
    facts = _facts()
    values = PRESETS[name].values
    survey = "Groupon merchants (survey)"
    assert values["spend_beyond"] == facts[(survey, f"users spending beyond face value: {group} promotions")]
    assert values["return_rate"] == facts[(survey, f"users returning at full price: {group} promotions")]
    assert (daily_deals.merchant_economics(values).profit > 0) is profitable


def test_groupon_2011_take_is_revenue_over_billings():
    row = data.load("groupon").set_index("year").loc[2011]
    take = PRESETS["Groupon's 2011 take (40 % of billings)"].values["platform_share"]
    assert take == pytest.approx(row.revenue_usd_m / row.gross_billings_usd_m, abs=0.005)


def test_every_preset_names_sources_that_exist():
    tags = set(data.load("sources").tag)
    for preset in PRESETS:
        assert preset.sources and set(preset.sources) <= tags, preset.name
        assert "illustrative" in preset.calibration
