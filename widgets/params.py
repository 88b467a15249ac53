"""Parameter declarations: one declaration validates a model's input and builds its control.

A model declares its parameters once, as a :class:`Parameters` collection of :class:`Param`.
The same declaration

* validates every call of the model (out of range or wrong type -> ``ValueError`` naming the
  parameter, the allowed range and the value received), and
* builds the explorer's slider (label, unit, range, step, help text).

Nothing about a parameter is written twice.
"""

from __future__ import annotations

import functools
import math
import numbers
from dataclasses import dataclass
from typing import Any, Callable, Iterator, Mapping, TypeVar

R = TypeVar("R")


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
                f"got {value!r} of type {type(value).__name__}"
            )
        number = float(value)
        if math.isnan(number) or not self.min <= number <= self.max:
            shown = f"{_fmt(number * 100)} %" if self.percent and not math.isnan(number) else repr(value)
            raise ValueError(
                f"{self.name} ({self.label}) must be from {self.describe_range()}; got {shown}"
            )
        if self.integer:
            if number != int(number):
                raise ValueError(
                    f"{self.name} ({self.label}) must be a whole number from "
                    f"{self.describe_range()}; got {value!r}"
                )
            return int(number)
        return number


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


class Parameters:
    """An ordered set of :class:`Param` declarations for one model."""

    def __init__(self, *params: Param):
        names = [p.name for p in params]
        if len(set(names)) != len(names):
            raise ValueError(f"parameter names must be unique: {names}")
        self._params = {p.name: p for p in params}

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
        """Defaults overridden by ``values``; every value checked against its declaration."""
        given = {**(values or {}), **more}
        unknown = sorted(set(given) - set(self._params))
        if unknown:
            raise ValueError(
                f"unknown parameter(s) {', '.join(unknown)}; this model takes: {', '.join(self.names)}"
            )
        merged = self.defaults() | given
        return Values({name: self._params[name].check(merged[name]) for name in self._params})


def model(parameters: Parameters) -> Callable[[Callable[[Values], R]], Callable[..., R]]:
    """Make ``fn(p)`` callable as ``fn(**values)`` or ``fn(mapping)``, validated by ``parameters``.

    The wrapped function keeps its economics in one place and receives a :class:`Values`;
    callers may pass a mapping, keyword arguments, or both (keywords win).
    """

    def wrap(fn: Callable[[Values], R]) -> Callable[..., R]:
        @functools.wraps(fn)
        def run(values: Mapping[str, Any] | None = None, /, **more: Any) -> R:
            return fn(parameters.validate(values, **more))

        run.parameters = parameters  # type: ignore[attr-defined]
        return run

    return wrap
