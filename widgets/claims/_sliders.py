"""Where a learner can put a slider: the positions of one control between two values, on its step grid."""

from __future__ import annotations

import numpy as np

from . import Setting


def positions(setting: Setting, name: str, low: float | None = None, high: float | None = None) -> list[float]:
    """The values the control ``name`` takes from ``low`` to ``high`` (default: its whole range), step by step."""
    param = setting.model.PARAMETERS[name]
    low = param.min if low is None else low
    high = param.max if high is None else high
    count = int(round((high - low) / param.step))
    return [round(low + i * param.step, 10) for i in range(count + 1)]
