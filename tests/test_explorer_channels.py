"""Channels explorer (lesson 41), what is particular to it: traces, units and the presets' calibration."""

from __future__ import annotations

import numpy as np
import pytest

from widgets.explorers import channels as E
from widgets.explorers.channels import PRESETS, ChannelsExplorer, draw, make_figures
from widgets.models import channels


@pytest.mark.parametrize("preset", PRESETS, ids=PRESETS.names)
def test_draw_puts_each_result_in_its_trace(preset):
    r = channels.simulate(preset.values)
    customers, gain, curve, cash = figures = make_figures()
    draw(figures, r)
    m = r.monthly
    for trace, column in zip(customers.data, ("partner_customers", "direct_customers", "lost_customers")):
        np.testing.assert_allclose(trace.y, m[column] / 1000)
    np.testing.assert_allclose(gain.data[0].y, m.cumulative_gain / 1000)
    np.testing.assert_allclose(curve.data[0].y, r.gain_curve / 1000)
    assert curve.data[1].x[0] == pytest.approx(100 * preset.values["direct_share"])
    assert curve.data[2].x[0] == pytest.approx(100 * r.best_share)
    np.testing.assert_allclose(cash.data[0].y, r.direct_customer_cash)


def test_nike_preset_reproduces_fy2023_channel_mix_and_gross_margin():
    v = PRESETS["Nike at its direct peak (FY2023)"].values
    assert E.direct_revenue_share(v["direct_share"], v) == pytest.approx(21308 / (21308 + 27397), abs=0.01)
    r = channels.simulate(v)
    assert r.direct_revenue_share == pytest.approx(21308 / (21308 + 27397), abs=0.01)
    last = r.monthly.iloc[-1]
    revenue = (last.partner_revenue + last.direct_revenue) * 12 / 1e3          # USD M a year
    assert revenue == pytest.approx(21308 + 27397, rel=0.01)
    cost = (last.partner_customers + last.direct_customers) * v["spend"] * (1 - v["gross_margin"]) / 1e3
    assert 1 - cost / revenue == pytest.approx(0.435, abs=0.005)


def test_casper_preset_reproduces_2020_mix_and_loses_on_every_direct_customer():
    v = PRESETS["Casper, a direct-to-consumer start-up (2020)"].values
    r = channels.simulate(v)
    assert r.direct_revenue_share == pytest.approx(351.5 / (351.5 + 133.6), abs=0.01)
    assert r.direct_net_per_customer < 0 and r.best_share == 0 and r.ltv_to_cac < 1


def test_zoom_presets_contrast_a_business_with_a_consumer():
    enterprise = channels.simulate(PRESETS["Zoom Enterprise: selling to businesses (FY2024)"].values)
    online = channels.simulate(PRESETS["Zoom Online: self-serve customers (FY2024)"].values)
    assert PRESETS["Zoom Enterprise: selling to businesses (FY2024)"].values["spend"] == pytest.approx(
        2619.3e6 / 220400, abs=1)
    assert PRESETS["Zoom Online: self-serve customers (FY2024)"].values["retention"] == pytest.approx(1 - 12 * 0.03)
    assert enterprise.lifetime_value > 100 * online.lifetime_value
    assert enterprise.customer_payback_months > 3 * online.customer_payback_months


def test_money_is_in_the_presets_currency():
    explorer = ChannelsExplorer(company="Nike at its direct peak (FY2023)")
    assert explorer.figures[1].layout.yaxis.title.text == "$ millions, discounted"
