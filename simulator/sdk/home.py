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

``ctx.home`` is a `Home`: a view of the mock home that can find, describe and command devices.
It cannot reset, restore or simulate the home; those belong to the simulator. Commands go through
the turn's gate, so a handler the engine gave up on cannot change a device.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime
from types import MappingProxyType
from typing import TYPE_CHECKING, Annotated, Any

from simulator.devices import (
    COLOR_NAMES,
    FAN_PRESETS,
    HVAC_MODES,
    CommandResult,
    Device,
    DeviceError,
    ErrorCode,
    Resolution,
    Room,
    Scene,
    StateChanged,
    TargetQuery,
    ValueRange,
    spoken_error,
)
from simulator.sdk.context import TurnGate
from simulator.sdk.slots import DynamicList, SlotList

if TYPE_CHECKING:
    from simulator.devices import Home as _Home

__all__ = [
    "COLOR_NAMES",
    "ClimateTarget",
    "ColourTarget",
    "CommandResult",
    "CoverTarget",
    "Device",
    "DeviceError",
    "DeviceTarget",
    "ErrorCode",
    "FanPreset",
    "FanTarget",
    "Home",
    "HvacModeName",
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
    "local_name",
    "spoken_error",
]


def local_name(thing: Device | Room, language: str) -> str:
    """What a device or room is called in ``language``: in Chinese its Chinese name (the name,
    or the first alias written in Chinese: ``aliases: [客厅灯]``), else its spoken name."""
    if language.startswith("zh"):
        from simulator.devices.zh import chinese_name

        name = chinese_name(thing.name, thing.aliases)
        if name:
            return name
    return thing.spoken if isinstance(thing, Device) else thing.name.lower()


class Home:
    """The mock home as a skill sees it: find, describe and command devices.

    Built by the engine for each turn around the live home; skills never construct one.
    """

    def __init__(self, home: _Home, gate: TurnGate | None = None) -> None:
        """Wrap the live ``home``; commands go through ``gate``."""
        self._home = home
        self._gate = gate or TurnGate()

    # -- what is there --------------------------------------------------------------------

    @property
    def name(self) -> str:
        """The home's name."""
        return self._home.name

    @property
    def speaker_room(self) -> str | None:
        """The room id the speaker stands in (the default for "turn on the light")."""
        return self._home.speaker_room

    @property
    def rooms(self) -> Mapping[str, Room]:
        """Rooms by id, in file order (read-only)."""
        return MappingProxyType(self._home.rooms)

    @property
    def devices(self) -> Mapping[str, Device]:
        """Devices by id, in file order (read-only)."""
        return MappingProxyType(self._home.devices)

    @property
    def scenes(self) -> Mapping[str, Scene]:
        """Scenes by id (read-only)."""
        return MappingProxyType(self._home.scenes)

    @property
    def now(self) -> datetime:
        """The home's virtual time."""
        return self._home.clock

    def device(self, device_id: str) -> Device:
        """A device by id; ``DeviceError`` (``DEVICE_NOT_FOUND``) if there is none."""
        return self._home.device(device_id)

    def room_name(self, room_id: str) -> str:
        """A room's spoken name."""
        return self._home.room_name(room_id)

    def find(
        self,
        group: str | None = None,
        room: str | None = None,
        where: Callable[[Device], bool] | None = None,
    ) -> list[Device]:
        """Devices in home order, filtered by type group (or type id), room and a predicate.

        ``find(group="lights", where=lambda d: d.get("on"))`` answers "which lights are on?".
        """
        return self._home.find(group, room, where)

    def supports(self, device: Device, command: str) -> bool:
        """Whether ``device`` can carry out ``command``."""
        return self._home.supports(device, command)

    def describe(self, device: Device | str) -> str:
        """A spoken summary of a device ("The front door is locked.")."""
        return self._home.describe(device)

    def get(self, device: Device | str, attribute: str) -> Any:
        """The current value of one attribute of a device."""
        return self._home.get(device, attribute)

    # -- words to devices -----------------------------------------------------------------

    @property
    def last_targets(self) -> list[Device]:
        """The devices "it" and "them" refer to."""
        return self._home.last_targets

    def parse_target(self, tokens: Sequence[str]) -> TargetQuery | None:
        """Read a target from normalised words; None if they name nothing here."""
        return self._home.parse_target(tokens)

    def parse_scene(self, tokens: Sequence[str]) -> Scene | None:
        """A scene named by normalised words, if any."""
        return self._home.parse_scene(tokens)

    def resolve(self, query: TargetQuery, *, default_room: str | None = None) -> Resolution:
        """The devices a `TargetQuery` means here (or why there are none, or which are in doubt)."""
        return self._home.resolve(query, default_room=default_room)

    def answer_ambiguity(self, choices: list[Device], tokens: Sequence[str]) -> list[Device]:
        """Which of ``choices`` an answer to "which one?" picks ("the den one", "both")."""
        return self._home.answer_ambiguity(choices, tokens)

    def disambiguation_question(self, choices: Sequence[Device]) -> str:
        """The "which one?" question for ``choices``."""
        return self._home.disambiguation_question(choices)

    # -- changing things (through the turn's gate) ------------------------------------------

    def remember(self, devices: Iterable[Device]) -> None:
        """Make ``devices`` what "it"/"them" refer to."""
        with self._gate.write():
            self._home.remember(devices)

    def execute(
        self, devices: Iterable[Device], command: str, value: object | None = None
    ) -> list[CommandResult]:
        """Run ``command`` on each device (cause "voice"); one result per device, in order."""
        with self._gate.write():
            return self._home.execute(devices, command, value)

    def run_scene(self, scene: Scene | str | object) -> list[CommandResult]:
        """Run every action of a scene (a `Scene`, id or name)."""
        with self._gate.write():
            return self._home.run_scene(scene)


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


def device_words(name: str, values: Sequence[str], words: Mapping[str, Sequence[str]]) -> SlotList:
    """A slot list whose values are exactly the device model's ``values`` (an HVAC mode, a fan
    preset), each said as itself or as one of its ``words``.

    Words for a value the device model does not have are a mistake, reported when the module
    loads: the slot and the devices cannot disagree.
    """
    unknown = sorted(set(words) - set(values))
    if unknown:
        raise ValueError(f"slot list {name!r}: not values of the device model: {unknown}")
    return SlotList(name, {value: list(words.get(value, ())) for value in values})


HvacModeName = Annotated[
    str,
    device_words(
        "hvac_mode",
        HVAC_MODES,
        {
            "heat": ["heat", "heating", "heat mode", "heating mode"],
            "cool": ["cool", "cooling", "cool mode", "cooling mode"],
            "auto": ["auto", "automatic", "auto mode"],
            "fan_only": ["fan", "fan only", "fan mode", "fan only mode"],
            "dry": ["dry", "dry mode", "dehumidify"],
            "off": ["off"],
        },
    ),
]
"""A climate mode of the device model ("cool", "heating", "fan only"); the value is the
mode's id (``fan_only``)."""

FanPreset = Annotated[
    str,
    device_words(
        "fan_speed",
        # "Off" is said by turning the fan off, not as a speed.
        [p for p in FAN_PRESETS if p != "off"],
        {"low": ["low", "slow"], "medium": ["medium", "mid"], "high": ["high", "fast"]},
    ),
]
"""A named fan speed of the device model: "low", "medium", "high" ("slow", "fast")."""
