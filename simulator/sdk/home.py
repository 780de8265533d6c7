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
    "ClimateTarget",
    "ColourTarget",
    "CommandResult",
    "CoverTarget",
    "Device",
    "DeviceError",
    "DeviceTarget",
    "ErrorCode",
    "FanTarget",
    "Home",
    "LightTarget",
    "LockTarget",
    "MediaTarget",
    "Resolution",
    "RoomName",
    "Scene",
    "SceneName",
    "StateChanged",
    "SwitchTarget",
    "TargetQuery",
    "VacuumTarget",
    "ValueRange",
    "spoken_error",
]

DeviceTarget = Annotated[TargetQuery, DynamicList("device_target", max_tokens=8)]
"""Words naming devices: a name or alias, a room, a type group ("the lights"), or "it"/"them"."""


def _target(capability: str) -> DynamicList:
    # Routing is the same for every target (any device the home knows); only the examples are
    # drawn from the devices that have the capability, so "lock the front door" is offered as an
    # example rather than "lock the fridge".
    return DynamicList("device_target", max_tokens=8, examples_from=f"device_target:{capability}")


SwitchTarget = Annotated[TargetQuery, _target("power")]
"""A `DeviceTarget` whose examples are devices that switch on and off."""
LightTarget = Annotated[TargetQuery, _target("brightness")]
"""A `DeviceTarget` whose examples are dimmable lights."""
ColourTarget = Annotated[TargetQuery, _target("color")]
"""A `DeviceTarget` whose examples are colour lights."""
ClimateTarget = Annotated[TargetQuery, _target("target_temperature")]
"""A `DeviceTarget` whose examples are thermostats and air conditioners."""
FanTarget = Annotated[TargetQuery, _target("fan_speed")]
"""A `DeviceTarget` whose examples are fans."""
CoverTarget = Annotated[TargetQuery, _target("position")]
"""A `DeviceTarget` whose examples are curtains and blinds."""
LockTarget = Annotated[TargetQuery, _target("lock")]
"""A `DeviceTarget` whose examples are locks."""
MediaTarget = Annotated[TargetQuery, _target("media")]
"""A `DeviceTarget` whose examples are TVs and speakers."""
VacuumTarget = Annotated[TargetQuery, _target("cleaning")]
"""A `DeviceTarget` whose examples are robot vacuums."""

RoomName = Annotated[str, DynamicList("room", max_tokens=4)]
"""A room of the home, by name or alias; the value is the room id."""

SceneName = Annotated[str, DynamicList("scene", max_tokens=5)]
"""A scene of the home ("good night"); the value is the scene id."""
