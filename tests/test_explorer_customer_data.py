"""Data flywheel explorer, what is particular to it: which result goes into which trace; presets against the data."""

from __future__ import annotations

import numpy as np
import pytest

from widgets import data
from widgets.explorers.customer_data import AMAZON_MARGINS, PRESETS, DataFlywheelExplorer, draw, make_figures
from widgets.models import customer_data


@pytest.mark.parametrize("preset", PRESETS, ids=PRESETS.names)
def test_draw_puts_users_money_and_the_learning_curve_in_place(preset):
    result = customer_data.simulate(preset.values)
    users, profit, curve = figures = make_figures()
    draw(figures, result)
    y = result.yearly
    np.testing.assert_allclose(users.data[0].y, y["users"])
    np.testing.assert_allclose(users.data[1].y, y["users_without_loop"])
    np.testing.assert_allclose(profit.data[0].y, y["cumulative_profit"])
    np.testing.assert_allclose(profit.data[1].y, y["cumulative_profit_without_loop"])
    np.testing.assert_allclose(profit.data[2].y, y["holding_cost"])
    assert list(users.data[0].x) == list(range(1, customer_data.YEARS + 1))
    np.testing.assert_allclose(curve.data[0].x, result.curve["data"])
    np.testing.assert_allclose(curve.data[0].y, result.curve["quality"] * 100)
    held = result.data_final
    np.testing.assert_allclose(curve.data[1].x, [held, held / 10, 2 * held])
    np.testing.assert_allclose(curve.data[1].y, 100 * customer_data.quality(
        np.array([held, held / 10, 2 * held]), preset.values["learning_exponent"], preset.values["data_scale"]))


def test_markers_sit_on_the_curve_and_the_rival_is_below_the_firm():
    result = customer_data.simulate(PRESETS[0].values)
    figures = make_figures()
    draw(figures, result)
    firm, rival, doubled = figures[2].data[1].y
    assert rival < firm < doubled < 100


def test_money_is_labelled_in_the_presets_currency():
    profit = DataFlywheelExplorer().figures[1]
    assert profit.layout.yaxis.title.text == "$ millions"
    assert {t.hovertemplate for t in profit.data if t.meta != "no-pin"} == {"$%{y:,.0f} M"}


def test_amazon_preset_turns_advertising_revenue_into_a_contribution_lift():
    """Year 10's lift in contribution per user ≈ Amazon's 2025 advertising at an illustrative margin, over its other
    net sales at theirs (10-K revenue; margins stated as assumptions), not the revenue ratio itself."""
    row = data.load("amazon").set_index("year").loc[2025]
    other = row.net_sales_usd_m - row.advertising_usd_m
    target = (row.advertising_usd_m * AMAZON_MARGINS["advertising"]) / (other * AMAZON_MARGINS["other net sales"])
    preset = PRESETS["Amazon-style retailer (ads, 2025)"]
    y = customer_data.simulate(preset.values).yearly
    lift = y["value_per_user"].iloc[-1] / preset.values["value_per_user"] - 1
    assert lift == pytest.approx(target, abs=0.005)
    assert lift > 1.5 * row.advertising_usd_m / other, "the revenue ratio is not a contribution lift"
    assert f"{target:.1%}".replace("%", " %") in preset.calibration and "illustrative 40 %" in preset.calibration


def test_airbnb_preset_starts_at_2021_and_reaches_2024():
    airbnb = data.load("airbnb").set_index("year")
    values = PRESETS["Airbnb-style marketplace (2021–2024)"].values
    assert values["users_start"] == airbnb.loc[2021, "nights_and_experiences_m"]
    per_night = airbnb.revenue_usd_b * 1000 / airbnb.nights_and_experiences_m
    assert values["value_per_user"] == pytest.approx(per_night[2021], abs=0.25)   # the slider's step is 0.5
    y = customer_data.simulate(values).yearly
    assert y["users"][3] == pytest.approx(airbnb.loc[2024, "nights_and_experiences_m"], rel=0.005)
    assert y["value_per_user"][3] == pytest.approx(per_night[2024], rel=0.01)
    # the years in between come out close to the reported nights without being fitted
    assert y["users"][1:3].to_numpy() == pytest.approx(airbnb.loc[[2022, 2023], "nights_and_experiences_m"], rel=0.05)


def test_free_app_preset_uses_the_reported_opt_in_rate():
    facts = data.load("customer_data_facts").set_index("metric")
    opt_in = facts.loc["users allowing apps to track them after App Tracking Transparency: worldwide", "value"] / 100
    assert PRESETS["Free app after App Tracking Transparency (2021)"].values["opt_out"] == pytest.approx(1 - opt_in)


def test_every_preset_names_sources_that_exist():
    tags = set(data.load("sources").tag)
    for preset in PRESETS:
        assert preset.sources and set(preset.sources) <= tags, preset.name
        assert "illustrative" in preset.calibration
