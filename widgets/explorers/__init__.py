"""Interactive explorers: one per lesson, each built on :class:`widgets.explorers.base.Explorer`."""

from __future__ import annotations

import importlib
import inspect
import pkgutil


def all_explorers() -> dict[str, type]:
    """Every explorer class in this package, by class name (used by benchmarks and tests)."""
    from .base import Explorer

    found: dict[str, type] = {}
    for info in pkgutil.iter_modules(__path__):
        if info.name == "base":
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        for name, obj in inspect.getmembers(module, inspect.isclass):
            if issubclass(obj, Explorer) and obj is not Explorer and obj.__module__ == module.__name__:
                found[name] = obj
    return found
