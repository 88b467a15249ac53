"""AI matching and ledger explorer: which result goes into which trace, and the presets' sourced values."""

from __future__ import annotations

import numpy as np
import pytest

from widgets import data
from widgets.explorers import matching_and_trust as ex
from widgets.models import matching_and_trust as mt

THICK, THIN = ex.PRESETS


def test_draw_puts_profits_gains_and_markers_into_the_traces():
    figures = ex.make_figures()
    result = mt.simulate({**THIN.values, "ai_on": 1, "ledger_on": 1})
    ex.draw(figures, result)
    four, size, trust = figures
    assert list(four.data[0].x) == list(mt.COMBINATIONS)
    np.testing.assert_allclose(four.data[0].y, result.combinations.profit)
    assert four.data[1].x == ("Both",) and four.data[1].y[0] == pytest.approx(result.combinations.profit["Both"])
    gain = result.combinations.profit["Both"] - result.combinations.profit["Neither"]
    for i, name in enumerate(mt.COMBINATIONS[1:]):
        assert size.data[i].name == trust.data[i].name == name
        np.testing.assert_allclose(size.data[i].x, result.by_size.buyers)
        np.testing.assert_allclose(size.data[i].y, result.by_size[name])
        np.testing.assert_allclose(trust.data[i].x, mt.GAPS * 100)
        np.testing.assert_allclose(trust.data[i].y, result.by_trust[name])
    assert size.data[3].x == (THIN.values["buyers"],) and size.data[3].y[0] == pytest.approx(gain)
    assert trust.data[3].x == (pytest.approx(40.0),) and trust.data[3].y[0] == pytest.approx(gain)


def test_a_new_market_size_moves_the_size_axis_and_neither_puts_the_diamond_at_zero():
    figures = ex.make_figures()
    ex.draw(figures, mt.simulate(THIN.values))
    result = mt.simulate({**THIN.values, "buyers": 400, "ai_on": 0, "ledger_on": 0})
    ex.draw(figures, result)
    np.testing.assert_allclose(figures[1].data[0].x, mt.SIZES * 400)
    assert figures[0].data[1].x == ("Neither",)
    assert figures[1].data[3].y == (0.0,) and figures[2].data[3].y == (0.0,)


def test_the_switches_change_the_diamond_and_the_sentence():
    explorer = ex.MatchingAndTrustExplorer(company=THICK.name)
    before = explorer.takeaway_text
    explorer.set(ai_on=0, ledger_on=1)
    assert explorer.figures[0].data[1].x == ("Ledger",)
    assert explorer.takeaway_text != before and explorer.takeaway_text.startswith("With the ledger")


def test_thick_preset_is_airbnb_2024():
    rates = data.load("platform_take_rates").set_index(["company", "period"])
    airbnb = data.load("airbnb").set_index("year").loc[2024]
    row = rates.loc[("Airbnb", "FY2024")]
    assert (row.gross_volume_m, row.revenue_m) == ex.AIRBNB_2024
    assert airbnb.nights_and_experiences_m == ex.AIRBNB_NIGHTS_2024
    assert airbnb.gross_booking_value_usd_b * 1000 == ex.AIRBNB_2024[0]
    assert THICK.values["take_rate"] == 0.135                      # 11,100 ÷ 81,800 = 13.6 % on the 0.5 % grid
    assert THICK.values["trade_value"] == 166                      # 81,800 ÷ 491.5 = 166.4
    assert "ABNB24" in THICK.sources and "USD 166" in THICK.calibration and "13.5 %" in THICK.calibration


def test_thin_preset_is_the_cost_of_sending_200_dollars_to_sub_saharan_africa():
    costs = data.load("remittance_costs")
    row = costs[(costs.period == "Q3 2023") & (costs.measure == "Sub-Saharan Africa")].iloc[0]
    assert row.cost_percent == ex.RPW_SSA_2023Q3 and row.source == "RPW-47"
    assert THIN.values["trust_cost"] == pytest.approx(200 * 0.0739) == 14.78
    assert THIN.values["trade_value"] == 200
    ebay = data.load("platform_take_rates").set_index(["company", "period"]).loc[("eBay", "FY2012")]
    assert (ebay.gross_volume_m, ebay.revenue_m) == ex.EBAY_2012
    assert THIN.values["take_rate"] == 0.11                        # 7,398 ÷ 67,763 = 10.9 %
    assert set(THIN.sources) == {"RPW-47", "EBAY12"} and "7.39 %" in THIN.calibration and "11 %" in THIN.calibration


def test_both_presets_share_the_technologies_and_say_what_is_illustrative():
    for preset in ex.PRESETS:
        assert {k: preset.values[k] for k in ex.TECHNOLOGY} == ex.TECHNOLOGY
        assert "Illustrative" in preset.calibration


def test_the_lessons_data_chart_sets_take_rates_beside_the_cost_of_trust():
    from widgets import lesson_charts

    rates, costs = data.load("platform_take_rates"), data.load("remittance_costs")
    fig = lesson_charts.what_a_trade_earns_and_what_trust_costs(rates, costs)
    keeps, sending, target = fig.data
    take = dict(zip(keeps.y, keeps.x))
    assert take["Airbnb keeps (2024)"] == pytest.approx(11100 / 81800 * 100)
    assert take["eBay keeps (2012)"] == pytest.approx(7398 / 67763 * 100)
    assert not any("Etsy" in label or "Alibaba" in label for label in keeps.y)   # a press-report quarter; no revenue
    cost = dict(zip(sending.y, sending.x))
    assert cost == {"Global average": 6.18, "Through a bank": 11.48, "Sent digitally": 4.84,
                    "To Sub-Saharan Africa": 7.39, "To South Asia": 5.44}
    assert list(target.x) == [3.0]                                   # the SDG 10.c target
    source = " ".join(a.text for a in fig.layout.annotations if a.text and a.text.startswith("Source:"))
    assert "ABNB24" in source and "RPW-47" in source and "SDG-10c" in source and "$" not in source
