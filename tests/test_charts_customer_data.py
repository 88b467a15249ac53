"""Lesson 20's charts: drawn from the datasets with their sources, and the opt-out sweep from the model."""

from __future__ import annotations

import numpy as np
import pytest

from widgets import data, lesson_charts
from widgets.models import customer_data


def source_line(fig) -> str:
    return " ".join(a.text for a in fig.layout.annotations if a.text and a.text.startswith("Source:")).replace("<br>", " ")


def test_amazon_chart_keeps_the_two_bases_of_the_third_party_share_apart():
    amazon, third = data.load("amazon"), data.load("amazon_third_party_share")
    fig = lesson_charts.amazon_ads_and_marketplace(amazon, third)
    ads = next(t for t in fig.data if t.name == "Advertising services")
    np.testing.assert_allclose(ads.y, amazon.advertising_usd_m / 1000)
    shares = {t.name: list(t.y) for t in fig.data if t.name.startswith("Third-party share")}
    assert set(shares) == {f"Third-party share of {b}" for b in third.basis.unique()}
    assert shares["Third-party share of physical gross merchandise sales"][-1] == 58
    assert "Bezos" in source_line(fig) and "Amazon.com Form 10-K for fiscal 2023" in source_line(fig)


def test_airbnb_chart_shows_nights_gbv_and_revenue_with_sources():
    airbnb = data.load("airbnb")
    fig = lesson_charts.airbnb_nights_and_bookings(airbnb)
    assert list(fig.data[0].y) == list(airbnb.nights_and_experiences_m.dropna())
    assert {t.name for t in fig.data} == {"Nights and experiences", "Gross booking value", "Revenue"}
    assert source_line(fig) == f"Source: {data.sources_for(airbnb)}"


def test_apple_and_groupon_chart_derives_the_services_share():
    apple, groupon = data.load("apple_services"), data.load("groupon")
    fig = lesson_charts.apple_services_and_groupon(apple, groupon)
    np.testing.assert_allclose(fig.data[0].y, apple.services_net_sales_usd_m / apple.total_net_sales_usd_m * 100)
    assert list(fig.data[1].x) == ["2011", "2012", "2014", "2023"]      # 2014: the peak (GRPN14-PR)
    assert "Groupon fourth quarter and fiscal 2012" in source_line(fig) and "Apple Inc." in source_line(fig)


def test_opt_out_sweep_plots_what_the_model_returns():
    shares = [0.0, 0.5, 1.0]
    runs = [customer_data.simulate(opt_out=s) for s in shares]
    fig = lesson_charts.opt_out_sweep(shares, [r.rival_gap for r in runs], [r.advantage for r in runs], "€")
    assert list(fig.data[0].x) == [0, 50, 100]
    assert list(fig.data[0].y) == pytest.approx([100 * r.rival_gap for r in runs])
    assert list(fig.data[1].y) == pytest.approx([r.advantage for r in runs])
    assert fig.data[1].y[-1] == 0, "with everyone opted out the loop earns nothing extra"
    assert fig.layout.yaxis2.title.text == "€ millions"
