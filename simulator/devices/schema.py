"""Pydantic models of a home file (``rooms``, ``devices``, ``scenes``, ``simulation``).

These models check shapes and types. Checks that need the whole file (duplicate ids, references
between sections, device state against the device type) live in :mod:`.homefile`, which reports
them with the same file/line/field precision.
"""

from __future__ import annotations

import re
from typing import Any, Self

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .device_types import DEVICE_TYPES, TYPE_GROUPS

__all__ = [
    "DeviceSpec",
    "HomeSpec",
    "Room",
    "Scene",
    "SceneAction",
    "ScriptEntry",
    "SimulationSettings",
    "Target",
    "parse_duration",
]

_ID = r"^[a-z][a-z0-9_]*$"
_DURATION_RE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|sec|m|min|h|hr)?\s*$")
_UNIT_SECONDS = {None: 1.0, "s": 1.0, "sec": 1.0, "m": 60.0, "min": 60.0, "h": 3600.0, "hr": 3600.0}


def parse_duration(value: object) -> float:
    """Seconds from ``90``, ``"30s"``, ``"10m"`` or ``"1.5h"``; ValueError otherwise."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        if value < 0:
            raise ValueError("duration must not be negative")
        return float(value)
    if isinstance(value, str) and (m := _DURATION_RE.match(value)):
        return float(m.group(1)) * _UNIT_SECONDS[m.group(2)]
    raise ValueError(f"invalid duration {value!r} (use e.g. 30s, 10m, 1h)")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Room(_Strict):
    """A room of the home."""

    id: str = Field(pattern=_ID)
    """Room id (``living_room``)."""
    name: str = Field(min_length=1)
    """Display name ("Living room")."""
    aliases: tuple[str, ...] = ()
    """Other names ("lounge")."""
    floor: str | None = None
    """Optional floor label ("ground", "first")."""


class Target(_Strict):
    """What a scene action addresses: a device, or a group and/or room."""

    device: str | None = None
    """A device id."""
    group: str | None = None
    """A type group id (``lights``)."""
    room: str | None = None
    """A room id, alone (everything in it) or narrowing ``group``."""

    @field_validator("group")
    @classmethod
    def _known_group(cls, value: str | None) -> str | None:
        if value is not None and value not in TYPE_GROUPS:
            raise ValueError(f"unknown group {value!r} (known: {', '.join(TYPE_GROUPS)})")
        return value

    @model_validator(mode="after")
    def _something(self) -> Self:
        if self.device is None and self.group is None and self.room is None:
            raise ValueError("a target needs a device, a group or a room")
        if self.device is not None and (self.group is not None or self.room is not None):
            raise ValueError("a device target cannot also have a group or room")
        return self


class SceneAction(_Strict):
    """One step of a scene: a command sent to a target."""

    target: Target
    """Who receives the command."""
    command: str
    """Command name (``turn_off``)."""
    value: Any = None
    """Command argument, if any."""


class Scene(_Strict):
    """A named set of actions run together ("good night")."""

    id: str = Field(pattern=_ID)
    """Scene id."""
    name: str = Field(min_length=1)
    """Display name."""
    aliases: tuple[str, ...] = ()
    """Other names ("bedtime")."""
    actions: tuple[SceneAction, ...] = Field(min_length=1)
    """Steps, run in order."""


class ScriptEntry(_Strict):
    """A scripted simulation event: after some virtual time, change a device."""

    after: float
    """Seconds after the simulation starts (written ``10m``, ``30s``, ``1h`` or a number)."""
    device: str
    """Device id."""
    online: bool | None = None
    """Take the device offline (false) or back online (true)."""
    state: dict[str, Any] = {}
    """Attribute values to set (e.g. ``{lock_state: jammed}``)."""

    @field_validator("after", mode="before")
    @classmethod
    def _duration(cls, value: object) -> float:
        return parse_duration(value)

    @model_validator(mode="after")
    def _does_something(self) -> Self:
        if self.online is None and not self.state:
            raise ValueError("a script entry needs 'online' or 'state'")
        return self


class SimulationSettings(_Strict):
    """Optional knobs for the simulation."""

    offline_chance_per_hour: float = Field(0.002, ge=0, le=1)
    """Chance that an online device drops offline during an hour of virtual time."""
    script: tuple[ScriptEntry, ...] = ()
    """Scripted events."""


class DeviceSpec(_Strict):
    """A device entry as written in the home file."""

    id: str = Field(pattern=_ID)
    """Device id."""
    name: str = Field(min_length=1)
    """Display name."""
    type: str
    """Device type id."""
    room: str
    """Room id."""
    aliases: tuple[str, ...] = ()
    """Other names."""
    state: dict[str, Any] = {}
    """Initial values overriding the type's defaults."""
    config: dict[str, Any] = {}
    """Per-device bounds and options."""

    @field_validator("type")
    @classmethod
    def _known_type(cls, value: str) -> str:
        if value not in DEVICE_TYPES:
            raise ValueError(f"unknown device type {value!r} (known: {', '.join(DEVICE_TYPES)})")
        return value


class HomeSpec(_Strict):
    """A whole home file."""

    name: str = Field(min_length=1)
    """Home name."""
    speaker_room: str = ""
    """Room id where the smart speaker stands; the first room when not given."""
    rooms: tuple[Room, ...] = Field(min_length=1)
    """Rooms."""

    @model_validator(mode="after")
    def _default_speaker_room(self) -> HomeSpec:
        # A first home file should need as little as possible: the speaker is in the first room
        # unless the file says otherwise.
        if not self.speaker_room and self.rooms:
            object.__setattr__(self, "speaker_room", self.rooms[0].id)
        return self

    devices: tuple[DeviceSpec, ...] = ()
    """Devices."""
    scenes: tuple[Scene, ...] = ()
    """Scenes."""
    simulation: SimulationSettings = SimulationSettings()
    """Simulation settings."""
