"""Parameter declarations: validation messages and the model decorator."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, strategies as st

from widgets.params import Param, Parameters, model

PRICE = Param("price", "Price", "¤ / month", 10.0, 1.0, 50.0, 0.5, "What a subscriber pays.")
SHARE = Param("share", "Share paying", "%", 0.05, 0.0, 0.5, 0.01, "Share of users who pay.", percent=True)
MONTHS = Param("months", "Horizon", "months", 12, 1, 60, 1, "How long to simulate.", integer=True)
PARAMS = Parameters(PRICE, SHARE, MONTHS)


@model(PARAMS)
def revenue(p):
    """Revenue of 100 users: a toy model to exercise the decorator."""
    return 100 * p.share * p.price * p.months


def test_defaults_fill_missing_values():
    assert revenue() == pytest.approx(100 * 0.05 * 10.0 * 12)
    assert revenue(price=20) == pytest.approx(100 * 0.05 * 20 * 12)
    assert revenue({"price": 20}, price=30) == pytest.approx(100 * 0.05 * 30 * 12)


@pytest.mark.parametrize("value", [0.99, 50.01, -5, math.inf])
def test_out_of_range_names_parameter_range_and_value(value):
    with pytest.raises(ValueError) as err:
        revenue(price=value)
    message = str(err.value)
    assert "price" in message and "1 to 50" in message and repr(value) in message


def test_percent_parameters_speak_in_percent():
    with pytest.raises(ValueError, match=r"share .*0 to 50 %; got 70 %"):
        revenue(share=0.7)


@pytest.mark.parametrize("value", ["10", None, True, [10]])
def test_wrong_type_is_a_value_error(value):
    with pytest.raises(ValueError, match=r"price .* must be a number .* got .* of type"):
        revenue(price=value)


def test_nan_is_rejected():
    with pytest.raises(ValueError, match="price"):
        revenue(price=float("nan"))


def test_integer_parameter_rejects_fractions_and_returns_int():
    with pytest.raises(ValueError, match="whole number"):
        revenue(months=2.5)
    assert isinstance(PARAMS.validate(months=24.0)["months"], int)


def test_unknown_parameter_lists_the_known_ones():
    with pytest.raises(ValueError, match=r"unknown parameter\(s\) prize; this model takes: price, share, months"):
        revenue(prize=3)


def test_declaration_with_default_outside_range_is_refused():
    with pytest.raises(ValueError, match="default"):
        Param("x", "X", "", 5, 0, 1, 0.1, "bad declaration")


def test_duplicate_names_are_refused():
    with pytest.raises(ValueError, match="unique"):
        Parameters(PRICE, PRICE)


@given(price=st.floats(1.0, 50.0), share=st.floats(0.0, 0.5), months=st.integers(1, 60))
def test_every_in_range_value_is_accepted(price, share, months):
    values = PARAMS.validate(price=price, share=share, months=months)
    assert (values.price, values.share, values.months) == (price, share, months)
