"""The mock smart home as skills see it: slot types for devices, rooms and scenes, and the home's API.

A smart-home skill declares its targets with these slot types::

    class Target(BaseModel):
        target: DeviceTarget          # "the kitchen light", "all the lights", "it"

    @skill.intent("TurnOn", samples=["turn on {target}"])
    def turn_on(ctx: SkillContext, slots: Target) -> Response:
        found = ctx.home.resolve(slots.target)
        ...

The words are matched against the live home while routing, so "turn on the banana" does not
match at all, and the handler gets a `TargetQuery` to resolve with ``ctx.home.resolve``.
"""

from typing import Annotated

from simulator.devices import (
    CommandResult,
    Device,
    DeviceError,
    ErrorCode,
    Home,
    Resolution,
    Scene,
    StateChanged,
    TargetQuery,
    ValueRange,
    spoken_error,
)
from simulator.sdk.slots import DynamicList

__all__ = [
    "CommandResult",
    "Device",
    "DeviceError",
    "DeviceTarget",
    "ErrorCode",
    "Home",
    "Resolution",
    "RoomName",
    "Scene",
    "SceneName",
    "StateChanged",
    "TargetQuery",
    "ValueRange",
    "spoken_error",
]

DeviceTarget = Annotated[TargetQuery, DynamicList("device_target", max_tokens=8)]
"""Words naming devices: a name or alias, a room, a type group ("the lights"), or "it"/"them"."""

RoomName = Annotated[str, DynamicList("room", max_tokens=4)]
"""A room of the home, by name or alias; the value is the room id."""

SceneName = Annotated[str, DynamicList("scene", max_tokens=5)]
"""A scene of the home ("good night"); the value is the scene id."""
