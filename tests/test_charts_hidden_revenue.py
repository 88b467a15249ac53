"""Lesson 21's charts: they draw the datasets' values, name their sources, and refuse a quarter without users."""

from __future__ import annotations

import numpy as np
import pytest

from widgets import data, lesson_charts


def source_line(fig) -> str:
    return " ".join(a.text for a in fig.layout.annotations if a.text and a.text.startswith("Source:"))


def test_meta_regions_chart_shows_users_and_arpu_of_each_region():
    regions = data.load("meta_regions")
    fig = lesson_charts.meta_users_and_value_by_region(regions)
    users, arpu = fig.data
    q4 = regions[regions.quarter == "2021Q4"].set_index("region")
    assert list(users.x) == list(lesson_charts.META_REGIONS)
    np.testing.assert_array_equal(users.y, q4.loc[list(users.x), "dau_m"])
    np.testing.assert_array_equal(arpu.y, q4.loc[list(arpu.x), "arpu_usd"])
    assert "Earnings Presentation Q4 2023" in source_line(fig) and "FourWeekMBA" in source_line(fig)


def test_meta_regions_chart_refuses_a_quarter_without_users():
    with pytest.raises(ValueError, match="quarter must be one with users by region"):
        lesson_charts.meta_users_and_value_by_region(data.load("meta_regions"), "2023Q4")


def test_meta_advertising_chart_labels_only_the_years_meta_reported():
    meta = data.load("meta_ads")
    fig = lesson_charts.meta_advertising_by_year(meta)
    bars, labels = fig.data
    np.testing.assert_allclose(bars.y, meta.advertising_usd_m / 1000)
    assert list(labels.x) == [2022, 2023, 2024, 2025]
    assert labels.text[0] == "ads +18 %<br>price -16 %"
    assert "META-10K-N2" in source_line(fig) and "datasets/sources.csv" in source_line(fig)


def test_alphabet_chart_stacks_the_three_lines_and_marks_tac():
    alphabet = data.load("alphabet_ads")
    fig = lesson_charts.alphabet_advertising_lines(alphabet)
    stacked = sum(np.asarray(t.y, dtype=float) for t in fig.data if t.type == "bar")
    np.testing.assert_allclose(stacked, alphabet.google_advertising_usd_m / 1000)
    marks = fig.data[-1]
    assert list(marks.text) == [f"TAC {r:g} %" for r in alphabet.tac_rate_pct.dropna()]
    assert "Form 10-K for fiscal 2024" in source_line(fig)
