"""Company presets: parameter values calibrated from the course datasets, with how they were set."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping


@dataclass(frozen=True)
class Preset:
    """A named starting point for an explorer, e.g. 'Spotify (2024)'.

    ``values`` overrides the model's defaults; ``calibration`` says, for the lesson and the
    next maintainer, which values come from which figures and which are illustrative.
    """

    name: str
    values: Mapping[str, Any]
    calibration: str
    currency: str = "$"
    sources: tuple[str, ...] = field(default_factory=tuple)
