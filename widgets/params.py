"""Parameter declarations: one declaration validates a model's input and builds its control.

A model declares its parameters once, as a :class:`Parameters` collection of :class:`Param`.
The same declaration

* validates every call of the model (out of range or wrong type -> ``ValueError`` naming the
  parameter, the allowed range and the value received), and
* builds the explorer's slider (label, unit, range, step, help text).

Limits that tie two parameters together (a referral cycle must fit in the horizon) are declared
beside them as :class:`Constraint` objects, so the error message and the explorer's guide both
state them. Nothing about a parameter is written twice.
"""

from __future__ import annotations

import functools
import math
import numbers
from dataclasses import dataclass
from typing import Any, Callable, Iterator, Mapping, TypeVar

R = TypeVar("R")

# A value closer to zero than a thousandth of its slider step counts as 0: such values (e.g. the
# subnormal float 5e-324 a fuzzer or a careless division produces) mean nothing economically and
# only make models divide by almost nothing ("1 in inf chance", "LTV/CAC nan").
RESOLUTION = 1e-3


@dataclass(frozen=True)
class Param:
    """One model input: what it means, its unit, its default and the values it may take."""

    name: str
    label: str
    unit: str
    default: float
    min: float
    max: float
    step: float
    help: str
    integer: bool = False
    # Shown as a percentage in controls and messages while the model works with the fraction.
    percent: bool = False

    def __post_init__(self) -> None:
        if not self.min <= self.default <= self.max:
            raise ValueError(
                f"declaration of {self.name!r}: default {self.default} outside [{self.min}, {self.max}]"
            )
        if not self.step > 0:
            raise ValueError(f"declaration of {self.name!r}: step must be above 0; got {self.step}")

    @property
    def smallest(self) -> float:
        """The smallest non-zero size a value may have (a thousandth of the step); anything closer to 0 is 0."""
        return self.step * RESOLUTION

    def describe_range(self) -> str:
        """The allowed range in the words a learner sees, e.g. '0 to 20 %'."""
        if self.percent:
            return f"{_fmt(self.min * 100)} to {_fmt(self.max * 100)} %"
        unit = f" {self.unit}" if self.unit else ""
        return f"{_fmt(self.min)} to {_fmt(self.max)}{unit}"

    def check(self, value: Any) -> float | int:
        """Return ``value`` as a number if it is allowed, else raise a ValueError that says why."""
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            raise ValueError(
                f"{self.name} ({self.label}) must be a number from {self.describe_range()}; "
                f"got {_short_repr(value)} of type {type(value).__name__}"
            )
        try:
            number = float(value)
        except OverflowError:  # an int too large for a float (10**400) is far out of range
            number = math.inf if value > 0 else -math.inf
        if math.isnan(number) or not self.min <= number <= self.max:
            bound = self.min if number < self.min else self.max
            raise ValueError(
                f"{self.name} ({self.label}) must be from {self.describe_range()}; got {self._shown(value, bound)}"
            )
        if abs(number) < self.smallest and self.min <= 0:
            number = 0.0  # see RESOLUTION
        if self.integer:
            if number != int(number):
                raise ValueError(
                    f"{self.name} ({self.label}) must be a whole number from "
                    f"{self.describe_range()}; got {_short_repr(value)}"
                )
            return int(number)
        return number

    def show(self, value: float) -> str:
        """A value as the learner sees it: '12 %', '60 days'."""
        if self.percent:
            return f"{_fmt(value * 100)} %"
        return _fmt(value) + (f" {self.unit}" if self.unit else "")

    def _shown(self, value: Any, bound: float) -> str:
        """The value received, with enough digits to tell it from ``bound`` (10.0000001 %, not 10 %)."""
        try:
            number = float(value)
        except OverflowError:
            return _short_repr(value)
        if math.isnan(number) or math.isinf(number):
            return repr(value)
        scale = 100 if self.percent else 1
        unit = " %" if self.percent else ""
        for digits in (6, 9, 12, 15, 17):
            shown = f"{number * scale:,.{digits}g}"
            if shown != f"{bound * scale:,.{digits}g}":
                return shown + unit
        return (repr(value) if not self.percent else f"{number * scale!r}") + unit


def _short_repr(value: Any) -> str:
    """repr(value), shortened: a 400-digit integer becomes '1000…000 (401 digits)'."""
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        try:
            text = str(int(value))
        except ValueError:  # beyond Python's int-to-text limit
            return f"an integer of about {int(value).bit_length() * 0.30103:,.0f} digits"
        digits = len(text.lstrip("-"))
        return text if digits <= 20 else f"{text[:7]}…{text[-3:]} ({digits} digits)"
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "…"


def _fmt(x: float) -> str:
    """Short number for messages: 0.05 -> '0.05', 36.0 -> '36'."""
    return f"{x:,.6g}"


class Values(Mapping[str, Any]):
    """Validated parameter values, read as attributes (``p.price``) or as a mapping."""

    def __init__(self, values: Mapping[str, Any]):
        self._values = dict(values)

    def __getattr__(self, name: str) -> Any:
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(name) from None

    def __getitem__(self, name: str) -> Any:
        return self._values[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __repr__(self) -> str:
        inner = ", ".join(f"{k}={v!r}" for k, v in self._values.items())
        return f"Values({inner})"


@dataclass(frozen=True)
class Constraint:
    """A limit that ties parameters together, stated once for the error message and the explorer's guide."""

    names: tuple[str, ...]            # the parameters it involves, as the message lists them
    rule: str                         # in the learner's words, e.g. "the cycle must fit in the horizon"
    holds: Callable[[Values], bool]   # True when the values respect the limit

    def check(self, values: Values, params: Mapping[str, Param]) -> None:
        """Raise a ValueError stating the rule and the values received if the limit is broken."""
        if not self.holds(values):
            got = ", ".join(f"{name} ({params[name].label}) = {params[name].show(values[name])}"
                            for name in self.names)
            raise ValueError(f"{self.rule}; got {got}")


class Parameters:
    """An ordered set of :class:`Param` declarations for one model, and the limits that tie them."""

    def __init__(self, *params: Param, constraints: tuple[Constraint, ...] | list[Constraint] = ()):
        names = [p.name for p in params]
        if len(set(names)) != len(names):
            raise ValueError(f"parameter names must be unique: {names}")
        self._params = {p.name: p for p in params}
        self.constraints: tuple[Constraint, ...] = tuple(constraints)
        for rule in self.constraints:
            unknown = [n for n in rule.names if n not in self._params]
            if unknown:
                raise ValueError(f"constraint {rule.rule!r} names unknown parameter(s) {unknown}")
        defaults = Values(self.defaults())
        for rule in self.constraints:
            rule.check(defaults, self._params)  # a declaration whose defaults break its own rule is a bug

    def __iter__(self) -> Iterator[Param]:
        return iter(self._params.values())

    def __getitem__(self, name: str) -> Param:
        return self._params[name]

    def __contains__(self, name: object) -> bool:
        return name in self._params

    def __len__(self) -> int:
        return len(self._params)

    @property
    def names(self) -> list[str]:
        return list(self._params)

    def defaults(self) -> dict[str, float | int]:
        """Every parameter at its declared default."""
        return {p.name: p.default for p in self}

    def validate(self, values: Mapping[str, Any] | None = None, **more: Any) -> Values:
        """Defaults overridden by ``values``; every value, then every constraint, checked."""
        if values is not None and not isinstance(values, Mapping):
            raise ValueError(
                f"parameters are given by name, e.g. {self.names[0]}=…, or as a mapping of name to value; "
                f"got {_short_repr(values)} of type {type(values).__name__}. This model takes: {', '.join(self.names)}"
            )
        given = {**(values or {}), **more}
        unknown = sorted(str(k) for k in set(given) - set(self._params))
        if unknown:
            raise ValueError(
                f"unknown parameter(s) {', '.join(unknown)}; this model takes: {', '.join(self.names)}"
            )
        merged = self.defaults() | given
        checked = Values({name: self._params[name].check(merged[name]) for name in self._params})
        for rule in self.constraints:
            rule.check(checked, self._params)
        return checked

    def describe_constraints(self) -> list[str]:
        """Each cross-parameter limit in the learner's words (for the explorer's guide)."""
        return [rule.rule for rule in self.constraints]


def model(parameters: Parameters) -> Callable[[Callable[[Values], R]], Callable[..., R]]:
    """Make ``fn(p)`` callable as ``fn(**values)`` or ``fn(mapping)``, validated by ``parameters``.

    The wrapped function keeps its economics in one place and receives a :class:`Values`;
    callers may pass a mapping, keyword arguments, or both (keywords win).
    """

    def wrap(fn: Callable[[Values], R]) -> Callable[..., R]:
        @functools.wraps(fn)
        def run(*values: Mapping[str, Any], **more: Any) -> R:
            if len(values) > 1:
                raise ValueError(f"{fn.__name__} takes one mapping of parameters or keywords "
                                 f"({', '.join(parameters.names)}); got {len(values)} positional values")
            return fn(parameters.validate(values[0] if values else None, **more))

        run.parameters = parameters  # type: ignore[attr-defined]
        return run

    return wrap
