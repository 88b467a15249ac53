"""Company presets: parameter values calibrated from the course datasets, with how they were set."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping, SupportsIndex, overload


@dataclass(frozen=True)
class Preset:
    """A named starting point for an explorer, e.g. 'Spotify (2024)'.

    ``values`` overrides the model's defaults; ``calibration`` says, for the lesson and the
    next maintainer, which values come from which figures and which are illustrative.
    ``currency`` replaces the ``¤`` in every label of the explorer while the preset is selected.
    """

    name: str
    values: Mapping[str, Any]
    calibration: str
    currency: str = "$"
    sources: tuple[str, ...] = field(default_factory=tuple)


class Presets(tuple):
    """A lesson's presets in order (the first is the explorer's default), also found by name.

    ``PRESETS[0]`` and ``for preset in PRESETS`` work as on any tuple;
    ``PRESETS["Spotify (2024)"]`` looks a preset up by its name.
    """

    def __new__(cls, *presets: Preset) -> "Presets":
        names = [p.name for p in presets]
        if not presets or len(set(names)) != len(names):
            raise ValueError(f"presets need at least one preset and unique names; got {names}")
        return super().__new__(cls, presets)

    @overload
    def __getitem__(self, key: SupportsIndex) -> Preset: ...
    @overload
    def __getitem__(self, key: slice) -> tuple[Preset, ...]: ...
    @overload
    def __getitem__(self, key: str) -> Preset: ...

    def __getitem__(self, key):  # type: ignore[override]
        if isinstance(key, str):
            for preset in self:
                if preset.name == key:
                    return preset
            raise KeyError(f"no preset named {key!r}; the presets are: {', '.join(self.names)}")
        return super().__getitem__(key)

    @property
    def names(self) -> list[str]:
        """The presets' names, in order."""
        return [p.name for p in self]
