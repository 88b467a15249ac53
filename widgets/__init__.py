"""Business Model Patterns Lab: models, explorers and datasets behind the course notebooks.

Import what a lesson needs from its module, e.g.::

    from widgets.explorers.freemium import FreemiumExplorer
    from widgets import data

Importing ``widgets`` itself is cheap: modules load when first used.
"""

from __future__ import annotations

import importlib
import sys

# Plotly's notebook renderer imports nbformat, whose validator imports jsonschema, which imports
# the optional `rfc3987_syntax` package when it is installed (JupyterLab's server installs it).
# That package builds a parser at import time: 1-4 s of every lesson's first chart. Lessons never
# validate IRIs, so the kernel skips it (jsonschema treats it as absent). See docs/decisions.md.
sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]

# In a kernel, DataFrames scroll sideways inside a box the keyboard can reach (widgets/tables.py).
from . import tables as _tables  # noqa: E402

_tables.register()

__version__ = "0.1.0"
__all__ = ["data", "params", "theme", "models", "explorers", "presets"]


def __getattr__(name: str):
    if name in __all__:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module 'widgets' has no attribute {name!r}")
