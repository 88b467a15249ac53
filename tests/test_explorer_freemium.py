"""Freemium explorer: controls from declarations, charts follow the model, pin/reset, no crashes."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import pytest

from widgets.explorers import all_explorers
from widgets.explorers.freemium import PRESETS, FreemiumExplorer, draw_freemium
from widgets.models import freemium


@pytest.fixture
def explorer():
    return FreemiumExplorer(company="Dropbox (2017)")


def trace_y(explorer, fig, i):
    return np.asarray(explorer.figures[fig].data[i].y, dtype=float)


@pytest.mark.parametrize("company", list(PRESETS))
def test_every_preset_builds_and_draws_its_model(company):
    e = FreemiumExplorer(company=company)
    expected = freemium.simulate(PRESETS[company].values).monthly
    np.testing.assert_allclose(trace_y(e, 0, 1), expected["paying_users"] / 1000)
    np.testing.assert_allclose(trace_y(e, 1, 0), expected["cumulative_cash"] / 1000)
    assert e.takeaway_text == freemium.takeaway(e.result, PRESETS[company].currency)


def test_one_slider_per_declared_parameter_with_range_and_unit(explorer):
    assert list(explorer.controls) == freemium.PARAMETERS.names
    conversion = explorer.controls["conversion"]
    assert (conversion.min, conversion.max) == (0, 20)          # shown in percent
    assert "(%)" in conversion.description
    assert "($ / month)" in explorer.controls["price"].description
    assert explorer.controls["signups"].__class__.__name__ == "IntSlider"


def test_moving_a_slider_redraws_the_chart_and_the_sentence(explorer):
    before_y, before_text = trace_y(explorer, 0, 1), explorer.takeaway_text
    explorer.controls["conversion"].value = 5.0   # the learner drags to 5 %
    assert explorer.values["conversion"] == pytest.approx(0.05)
    assert not np.allclose(trace_y(explorer, 0, 1), before_y)
    assert explorer.takeaway_text != before_text
    np.testing.assert_allclose(trace_y(explorer, 0, 1),
                               freemium.simulate({**PRESETS["Dropbox (2017)"].values, "conversion": 0.05})
                               .monthly["paying_users"] / 1000)


def test_company_switch_loads_preset_and_currency(explorer):
    explorer.company.value = "Spotify (2024)"
    assert explorer.current()["price"] == pytest.approx(4.70)
    assert explorer.figures[1].layout.yaxis.title.text == "€ millions"
    assert "(€ / month)" in explorer.controls["price"].description
    assert "€" in explorer.takeaway_text


def test_pin_keeps_a_copy_and_clear_hides_it(explorer):
    explorer.pin()
    ghosts = [t for t in explorer.figures[0].data if t.meta == "no-pin"]
    assert ghosts and all(t.visible for t in ghosts)
    pinned = np.asarray(ghosts[1].y, dtype=float)
    explorer.set(conversion=0.01)
    assert np.allclose(np.asarray(ghosts[1].y, dtype=float), pinned)      # the pin stays put
    assert not np.allclose(trace_y(explorer, 0, 1), pinned)             # the live curve moved
    explorer.clear_pin()
    assert not any(t.visible for t in ghosts)


def test_reset_returns_to_the_preset(explorer):
    explorer.set(price=30, paid_churn=0.2)
    explorer.reset()
    assert explorer.current() == pytest.approx(dict(freemium.PARAMETERS.validate(PRESETS["Dropbox (2017)"].values)))


def test_set_rejects_out_of_range_with_a_clear_message(explorer):
    with pytest.raises(ValueError, match=r"price \(Price per paying user\) must be from 0.5 to 50"):
        explorer.set(price=-1)


def test_a_failing_model_becomes_a_message_and_keeps_the_last_chart(explorer, monkeypatch):
    good = trace_y(explorer, 0, 1)

    def broken(values):
        raise ZeroDivisionError("simulated bug")

    monkeypatch.setattr(explorer, "compute", broken)
    explorer.controls["price"].value = 12.0
    assert "ZeroDivisionError" in explorer.message_box.value
    np.testing.assert_allclose(trace_y(explorer, 0, 1), good)


def test_unknown_company_is_a_clear_error():
    with pytest.raises(ValueError, match="company must be one of"):
        FreemiumExplorer(company="Myspace")


def test_draw_function_fills_plain_figures():
    figs = [go.Figure(), go.Figure()]
    for f in figs:
        for _ in range(3):
            f.add_scatter(x=list(range(1, 37)))
    result = freemium.simulate()
    draw_freemium(figs, result)
    np.testing.assert_allclose(figs[1].data[2].y, result.monthly["profit"] / 1000)


def test_explorer_is_discovered_for_benchmarks_and_browser_tests():
    assert all_explorers()["FreemiumExplorer"] is FreemiumExplorer


def test_a_failing_draw_becomes_a_message_too(explorer, monkeypatch):
    values = dict(explorer.values)

    def broken(result):
        raise KeyError("missing trace")

    monkeypatch.setattr(explorer, "draw", broken)
    explorer.controls["price"].value = 12.0
    assert "KeyError" in explorer.message_box.value
    assert dict(explorer.values) == values      # still describes what the charts show


def test_draw_sees_the_values_it_draws(explorer, monkeypatch):
    seen = []
    monkeypatch.setattr(explorer, "draw", lambda result: seen.append(explorer.values["price"]))
    explorer.set(price=13.0)
    assert seen == [13.0]
