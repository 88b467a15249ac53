"""Freemium explorer, what is particular to it: which result goes into which trace, in which unit."""

from __future__ import annotations

import numpy as np
import pytest

from widgets.explorers.freemium import PRESETS, FreemiumExplorer, draw, make_figures
from widgets.models import freemium


@pytest.mark.parametrize("preset", PRESETS, ids=PRESETS.names)
def test_draw_shows_users_and_cash_in_millions(preset):
    result = freemium.simulate(preset.values)
    users, money = figures = make_figures()
    draw(figures, result)
    m = result.monthly
    for trace, column in zip(users.data, ("free_users", "paying_users", "trial_paying_users")):
        np.testing.assert_allclose(trace.y, m[column] / 1000)
    for trace, column in zip(money.data, ("cumulative_cash", "trial_cumulative_cash", "profit")):
        np.testing.assert_allclose(trace.y, m[column] / 1000)
    assert list(users.data[0].x) == list(range(1, freemium.MONTHS + 1))


def test_money_is_labelled_in_the_presets_currency():
    money = FreemiumExplorer(company="Spotify (2024)").figures[1]
    assert money.layout.yaxis.title.text == "€ millions"
    assert {t.hovertemplate for t in money.data if t.meta != "no-pin"} == {"€%{y:,.1f} M"}
