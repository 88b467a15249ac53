"""Every model's parameter declarations are sane, and no value in range breaks a model.

The models are found by scanning widgets/models (see tests/strategies.py), so a new lesson is
covered without editing this file.
"""

from __future__ import annotations

import inspect
import math
import re
import sys

import pytest
from hypothesis import given, strategies as st

from strategies import MODELS, values_for
from widgets.params import Param

# Percentages that may legitimately go above 100 %, with the reason. Anything else declared as a
# percentage (shares, fees, churn, conversion, royalties) is a part of a whole: at most 100 %.
MAY_EXCEED_100 = {
    ("crowdfunding.simulate", "fixed_cost"): "a cost measured as a multiple of the goal, not a part of it",
}

PARAMS = [(name, p) for name, fn in sorted(MODELS.items()) for p in fn.parameters]


def test_every_lesson_model_is_found():
    modules = {name.split(".")[0] for name in MODELS}
    assert {"freemium", "referrals", "crowdfunding", "contests", "user_design", "open_source"} <= modules


@pytest.mark.parametrize("model_name, p", PARAMS, ids=[f"{m}:{p.name}" for m, p in PARAMS])
def test_declaration_is_sane(model_name: str, p: Param):
    assert p.min < p.max, f"{p.name}: empty range"
    assert 0 < p.step <= p.max - p.min, f"{p.name}: step {p.step} must be above 0 and within the range"
    steps = (p.default - p.min) / p.step
    assert math.isclose(steps, round(steps), abs_tol=1e-6), f"{p.name}: default {p.default} is off the step grid"
    if p.integer:
        assert float(p.min).is_integer() and float(p.max).is_integer() and float(p.step).is_integer()
    if p.percent and (model_name, p.name) not in MAY_EXCEED_100:
        assert 0 <= p.min and p.max <= 1, f"{p.name}: a share or fee must be from 0 to 100 %; declared up to {p.max:.0%}"
    assert p.label and p.help and p.name.isidentifier()


@pytest.mark.parametrize("name", sorted(MODELS))
def test_defaults_run(name: str):
    MODELS[name]()


def _takeaway(name: str):
    module = sys.modules[MODELS[name].__module__]
    return getattr(module, "takeaway", None)


NOT_A_NUMBER = re.compile(r"\b(nan|inf|infinity)\b", re.IGNORECASE)


def _sentence(name: str, result, values) -> str | None:
    """The model's takeaway sentence for ``result``, if its lesson has one."""
    takeaway = _takeaway(name)
    if takeaway is None:
        return None
    if "values" in inspect.signature(takeaway).parameters:
        return takeaway(result, MODELS[name].parameters.validate(values))
    return takeaway(result)


def _assert_numbers_shown(text: str | None) -> None:
    if text is None:
        return
    assert not NOT_A_NUMBER.search(text), text
    assert "None" not in re.findall(r"\w+", text.replace("None of", "")), text


@pytest.mark.parametrize("model_name, p", PARAMS, ids=[f"{m}:{p.name}" for m, p in PARAMS])
def test_a_huge_integer_is_out_of_range_for_every_parameter(model_name: str, p: Param):
    for huge in (10**400, -(10**400)):
        with pytest.raises(ValueError) as err:
            MODELS[model_name](**{p.name: huge})
        assert str(err.value).startswith(f"{p.name} ({p.label}) must be from {p.describe_range()}; got ")


TINY = [(m, p) for m, p in PARAMS if p.min <= 0 < p.max]


@pytest.mark.parametrize("model_name, p", TINY, ids=[f"{m}:{p.name}" for m, p in TINY])
def test_a_subnormal_value_never_shows_nan_or_inf(model_name: str, p: Param):
    values = {p.name: 5e-324}
    _assert_numbers_shown(_sentence(model_name, MODELS[model_name](**values), values))


# Found by fuzzing: a subnormal vote share made "a 1 in inf chance of being produced".
FOUND = [("user_design.simulate", {"submissions": 1, "vote_share": 5e-324, "select_share": 1.0})]


@pytest.mark.parametrize("name, values", FOUND)
def test_values_found_by_fuzzing_show_numbers(name: str, values: dict):
    _assert_numbers_shown(_sentence(name, MODELS[name](**values), values))


@pytest.mark.parametrize("name", sorted(MODELS))
@given(data=st.data())
def test_no_value_in_range_breaks_a_model(name: str, data):
    fn = MODELS[name]
    values = data.draw(values_for(fn.parameters), label="values")
    try:
        result = fn(**values)
    except ValueError as err:  # refused: the message must name a parameter
        assert any(p in str(err) for p in fn.parameters.names), str(err)
        return
    _assert_numbers_shown(_sentence(name, result, values))
