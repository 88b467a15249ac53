"""Business Model Patterns Lab: models, explorers and datasets behind the course notebooks.

Import what a lesson needs from its module, e.g.::

    from widgets.explorers.freemium import FreemiumExplorer
    from widgets import data

Importing ``widgets`` itself is cheap: modules load when first used.
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"
__all__ = ["data", "params", "theme", "models", "explorers", "presets"]


def __getattr__(name: str):
    if name in __all__:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module 'widgets' has no attribute {name!r}")
