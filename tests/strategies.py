"""Shared hypothesis strategies built from the parameter declarations of every model.

``MODELS`` is found by scanning ``widgets/models`` for functions decorated with
:func:`widgets.params.model`, so a new lesson's model is fuzzed and checked without editing a test.
"""

from __future__ import annotations

import importlib
import math
import pkgutil
from typing import Any, Callable

from hypothesis import strategies as st

import widgets.models
from widgets.params import Param, Parameters


def _find_models() -> dict[str, Callable[..., Any]]:
    """'freemium.simulate' -> the model function, for every @model function in widgets/models."""
    found: dict[str, Callable[..., Any]] = {}
    for info in pkgutil.iter_modules(widgets.models.__path__):
        module = importlib.import_module(f"widgets.models.{info.name}")
        for attr, obj in vars(module).items():
            if (callable(obj) and isinstance(getattr(obj, "parameters", None), Parameters)
                    and getattr(obj, "__module__", None) == module.__name__):
                found[f"{info.name}.{attr}"] = obj
    return found


MODELS: dict[str, Callable[..., Any]] = _find_models()


def param_values(p: Param) -> st.SearchStrategy[float | int]:
    """Any value a learner or a caller may give within the declared range: grid points, edges and arbitrary floats."""
    if p.integer:
        return st.integers(int(p.min), int(p.max))
    steps = int((p.max - p.min) / p.step)
    on_grid = st.integers(0, steps).map(lambda k: min(p.min + k * p.step, p.max))
    edges = [p.min, p.max, p.default, math.nextafter(p.min, math.inf), math.nextafter(p.max, -math.inf)]
    if p.min <= 0 <= p.max:  # next to zero: subnormal and tiny values divide models by almost nothing
        edges += [5e-324, 2.2e-308, 1e-300, 1e-12]
    return st.one_of(on_grid, st.sampled_from([e for e in edges if p.min <= e <= p.max]),
                     st.floats(p.min, p.max, allow_nan=False, allow_infinity=False))


def values_for(parameters: Parameters) -> st.SearchStrategy[dict[str, float | int]]:
    """A full set of values for one model, each within its declared range."""
    return st.fixed_dictionaries({p.name: param_values(p) for p in parameters})
