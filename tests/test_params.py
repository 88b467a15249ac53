"""Parameter declarations: validation messages and the model decorator."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, strategies as st

from widgets.params import Constraint, Param, Parameters, model

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
    # a share closer to 0 than a thousandth of its step (0.01) counts as 0
    assert (values.price, values.share, values.months) == (price, share if share >= 1e-5 else 0.0, months)


@pytest.mark.parametrize("value", [10**400, -(10**400), 10**5000], ids=["1e400", "-1e400", "1e5000"])
def test_huge_integers_are_out_of_range_not_an_overflow(value):
    with pytest.raises(ValueError, match=r"months \(Horizon\) must be from 1 to 60 months; got .*digits"):
        revenue(months=value)
    with pytest.raises(ValueError, match=r"share .*0 to 50 %; got .*digits"):
        revenue(share=value)


@pytest.mark.parametrize("positional", [5, "price", [("price", 3)], 2.5])
def test_a_value_that_is_not_a_mapping_is_a_value_error(positional):
    with pytest.raises(ValueError, match=r"parameters are given by name.*price, share, months"):
        revenue(positional)
    with pytest.raises(ValueError, match="one mapping"):
        revenue({}, {})


def test_a_mapping_with_names_that_are_not_text_is_a_value_error():
    with pytest.raises(ValueError, match=r"unknown parameter\(s\) 1, x; this model takes: price"):
        revenue({1: 2, "x": 3})


@pytest.mark.parametrize("value, shown", [(0.5000000001, "50.00000001 %"), (0.50000000000001, "50.000000000001 %"),
                                          (-1e-9, "-1e-07 %")])
def test_a_value_just_outside_the_range_is_shown_with_enough_digits(value, shown):
    with pytest.raises(ValueError) as err:
        revenue(share=value)
    assert str(err.value).endswith(f"got {shown}")
    with pytest.raises(ValueError, match=r"got 50.0001$"):
        revenue(price=50.0001)


@pytest.mark.parametrize("tiny", [5e-324, 2.2e-308, 1e-300, 9e-6])
def test_values_closer_to_zero_than_a_thousandth_of_a_step_count_as_zero(tiny):
    assert SHARE.check(tiny) == 0.0
    assert SHARE.check(1e-5) == 1e-5  # a thousandth of the step is kept
    assert PRICE.check(1.0) == 1.0  # a range that excludes 0 is untouched


def test_a_zero_or_negative_step_is_refused():
    with pytest.raises(ValueError, match="step must be above 0"):
        Param("x", "X", "", 0.5, 0, 1, 0, "bad declaration")
    with pytest.raises(ValueError, match="step must be above 0"):
        Param("x", "X", "", 0.5, 0, 1, -0.1, "bad declaration")


SHORTER = Constraint(("months", "share"), "share (Share paying) must not exceed months × 1 %",
                     lambda p: p.share <= p.months / 100)
LIMITED = Parameters(PRICE, SHARE, MONTHS, constraints=[SHORTER])


def test_a_cross_parameter_constraint_is_declared_stated_and_enforced():
    assert LIMITED.describe_constraints() == ["share (Share paying) must not exceed months × 1 %"]
    assert LIMITED.validate(months=5, share=0.05).share == 0.05
    with pytest.raises(ValueError) as err:
        LIMITED.validate(months=4, share=0.05)
    assert str(err.value) == ("share (Share paying) must not exceed months × 1 %; "
                              "got months (Horizon) = 4 months, share (Share paying) = 5 %")


def test_a_constraint_on_an_unknown_name_or_broken_by_the_defaults_is_refused():
    with pytest.raises(ValueError, match=r"unknown parameter\(s\) \['weeks'\]"):
        Parameters(PRICE, constraints=[Constraint(("weeks",), "weeks", lambda p: True)])
    with pytest.raises(ValueError, match="must not exceed"):
        Parameters(PRICE, SHARE, MONTHS, constraints=[Constraint(("months", "share"), "share must not exceed months × 0.1 %",
                                                                 lambda p: p.share <= p.months / 1000)])
