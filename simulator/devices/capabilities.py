"""Capabilities: the typed building blocks that device types are assembled from.

A capability is a small pydantic model holding the attributes of one feature (``power`` holds
``on``; ``media`` holds ``playback``, ``volume``, ``muted``, ``source``, ``track``). Static limits are
pydantic field constraints; limits that vary per device (a thermostat's min/max, a TV's sources)
come from :class:`DeviceConfig` through :meth:`CapabilityState.ranges`, so the same range object
validates values *and* explains them in an error reply.

Attribute names are unique across capabilities, which lets a device expose one flat state dict.
This model is our own illustration; it mirrors no vendor's schema.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, Literal, Self, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from simulator.nlu.parsers import COLOURS, parse_colour

from .errors import ValueRange

__all__ = [
    "CAPABILITIES",
    "COLOR_NAMES",
    "FAN_PRESETS",
    "HVAC_MODES",
    "AirQuality",
    "Battery",
    "Brightness",
    "CapabilityState",
    "Cleaning",
    "CleaningState",
    "Color",
    "ColorTemperature",
    "Contact",
    "ContactSensor",
    "DeviceConfig",
    "FanPreset",
    "FanSpeed",
    "FilterLife",
    "HumiditySensor",
    "HvacAction",
    "HvacMode",
    "HvacModeControl",
    "Lock",
    "LockState",
    "Media",
    "MotionSensor",
    "Playback",
    "Position",
    "Power",
    "Repeat",
    "TargetTemperature",
    "TemperatureSensor",
    "canonical_color",
    "nearest_preset",
]

HvacMode = Literal["off", "heat", "cool", "auto", "fan_only", "dry"]
"""Operating modes a climate device may support."""
HVAC_MODES: tuple[str, ...] = get_args(HvacMode)
"""All HVAC modes, in a stable order."""
HvacAction = Literal["heating", "cooling", "idle"]
"""What a climate device is doing right now."""
FanPreset = Literal["off", "low", "medium", "high"]
"""Named fan speeds."""
FAN_PRESETS: dict[str, int] = {"off": 0, "low": 33, "medium": 66, "high": 100}
"""Fan preset → equivalent percentage."""
LockState = Literal["locked", "unlocked", "jammed"]
"""State of a lock."""
CleaningState = Literal["docked", "cleaning", "paused", "returning", "error"]
"""State of a robot vacuum."""
Playback = Literal["playing", "paused", "stopped"]
"""Media playback state."""
Repeat = Literal["off", "one", "all"]
"""Repeat mode of a media play queue."""
Contact = Literal["open", "closed"]
"""Door/window contact reading."""

COLOR_NAMES: Mapping[str, tuple[float, float]] = COLOURS
"""Colour names a colour light understands → (hue, saturation): the one colour table
(:data:`simulator.nlu.parsers.COLOURS`), so the words a skill's ``Colour`` slot reads, the
names a home file may set and the hue a light shows cannot disagree."""


def canonical_color(name: str) -> str:
    """The table's name for a colour said any way the parser reads ("gray" -> "grey",
    "红色" -> "red"); the name itself (lower-cased) when it is none of them."""
    parsed = parse_colour(name.strip().lower().split())
    return parsed.name if parsed is not None else name.strip().lower()


def nearest_preset(percentage: int) -> str:
    """The fan preset closest to *percentage* (0 is always ``off``)."""
    if percentage <= 0:
        return "off"
    return min(
        (p for p in FAN_PRESETS if p != "off"), key=lambda p: abs(FAN_PRESETS[p] - percentage)
    )


class DeviceConfig(BaseModel):
    """Per-device bounds and options, set by a device's ``config:`` in the home file.

    Only the keys belonging to the device's capabilities may be given (see
    :attr:`CapabilityState.config_keys`); each device type supplies its own defaults.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    min_temp: float = Field(10.0, ge=-30, le=60)
    """Lowest target temperature, °C."""
    max_temp: float = Field(30.0, ge=-30, le=60)
    """Highest target temperature, °C."""
    step: float = Field(0.5, gt=0, le=5)
    """Target temperature granularity, °C."""
    min_kelvin: int = Field(2000, ge=1000, le=10000)
    """Warmest colour temperature."""
    max_kelvin: int = Field(6500, ge=1000, le=10000)
    """Coolest colour temperature."""
    hvac_modes: tuple[HvacMode, ...] = ("off", "heat", "auto")
    """Modes this climate device supports, in preference order after ``off``."""
    sources: tuple[str, ...] = ()
    """Inputs a media device can switch between."""
    clean_rooms: tuple[str, ...] = ()
    """Room ids a vacuum cleans, in order; empty means every room of the home."""
    travel_seconds: float = Field(10.0, gt=0, le=600)
    """Seconds a cover takes to travel from fully closed to fully open."""

    @model_validator(mode="after")
    def _bounds_ordered(self) -> Self:
        # Checked here rather than per field because either bound may be the one overridden.
        if self.min_temp >= self.max_temp:
            raise ValueError(f"min_temp ({self.min_temp}) must be below max_temp ({self.max_temp})")
        if self.min_kelvin >= self.max_kelvin:
            raise ValueError(
                f"min_kelvin ({self.min_kelvin}) must be below max_kelvin ({self.max_kelvin})"
            )
        if not self.hvac_modes:
            raise ValueError("hvac_modes must not be empty")
        return self


class CapabilityState(BaseModel):
    """Base class: the current values of one capability of one device.

    ``validate_assignment`` makes every write go through the field constraints, so a device's state
    can never hold a value of the wrong type or outside the static limits.
    """

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    capability: ClassVar[str] = ""
    """Capability name, as listed in ``Home.to_json()``."""
    config_keys: ClassVar[frozenset[str]] = frozenset()
    """:class:`DeviceConfig` keys that this capability reads."""
    internal: ClassVar[frozenset[str]] = frozenset()
    """Bookkeeping attributes: kept in snapshots but not shown as state nor announced as events."""

    def ranges(self, config: DeviceConfig) -> dict[str, ValueRange]:
        """Accepted values per attribute, for validation and error replies."""
        del config
        return {}


class Power(CapabilityState):
    """On/off."""

    capability: ClassVar[str] = "power"
    on: bool = False
    """Whether the device is switched on."""


class Brightness(CapabilityState):
    """Dimming, 0-100 %."""

    capability: ClassVar[str] = "brightness"
    brightness: int = Field(100, ge=0, le=100)
    """Brightness in percent."""

    def ranges(self, config: DeviceConfig) -> dict[str, ValueRange]:
        """Brightness is always 0-100 percent."""
        return {
            "brightness": ValueRange(label="brightness", minimum=0, maximum=100, unit="percent")
        }


class Color(CapabilityState):
    """Colour, either by name or as hue/saturation."""

    capability: ClassVar[str] = "color"
    color: str | None = "white"
    """Colour name from :data:`COLOR_NAMES`, or None when set by hue/saturation."""
    hue: float = Field(0.0, ge=0, le=360)
    """Hue in degrees."""
    saturation: float = Field(0.0, ge=0, le=100)
    """Saturation in percent."""

    @field_validator("color")
    @classmethod
    def _known_color(cls, value: str | None) -> str | None:
        if value is None:
            return None
        name = canonical_color(value)
        if name not in COLOR_NAMES:
            raise ValueError(f"unknown colour {value!r} (known: {', '.join(COLOR_NAMES)})")
        return name

    def ranges(self, config: DeviceConfig) -> dict[str, ValueRange]:
        """Colour names, hue and saturation limits."""
        return {
            "color": ValueRange(label="colour", choices=tuple(COLOR_NAMES)),
            "hue": ValueRange(label="hue", minimum=0, maximum=360, unit="degrees"),
            "saturation": ValueRange(label="saturation", minimum=0, maximum=100, unit="percent"),
        }


class ColorTemperature(CapabilityState):
    """White colour temperature in kelvin, within the device's own range."""

    capability: ClassVar[str] = "color_temperature"
    config_keys: ClassVar[frozenset[str]] = frozenset({"min_kelvin", "max_kelvin"})
    color_temp: int = Field(2700, ge=1000, le=10000)
    """Colour temperature, K."""

    def ranges(self, config: DeviceConfig) -> dict[str, ValueRange]:
        """The device's kelvin range."""
        return {
            "color_temp": ValueRange(
                label="colour temperature",
                minimum=config.min_kelvin,
                maximum=config.max_kelvin,
                unit="kelvin",
            )
        }


class TargetTemperature(CapabilityState):
    """A set point with the measured temperature and what the device is doing about it."""

    capability: ClassVar[str] = "target_temperature"
    config_keys: ClassVar[frozenset[str]] = frozenset({"min_temp", "max_temp", "step"})
    target_temperature: float = Field(21.0, ge=-30, le=60)
    """Set point, °C."""
    current_temperature: float = Field(20.0, ge=-30, le=60)
    """Measured temperature, °C (the room's, or the device's own for a fridge)."""
    hvac_action: HvacAction = "idle"
    """Heating, cooling or idle."""

    def ranges(self, config: DeviceConfig) -> dict[str, ValueRange]:
        """The device's set point range and step."""
        return {
            "target_temperature": ValueRange(
                label="temperature",
                minimum=config.min_temp,
                maximum=config.max_temp,
                step=config.step,
                unit="degrees",
            )
        }


class HvacModeControl(CapabilityState):
    """Operating mode of a climate device; ``off`` doubles as its power switch."""

    capability: ClassVar[str] = "hvac_mode"
    config_keys: ClassVar[frozenset[str]] = frozenset({"hvac_modes"})
    hvac_mode: HvacMode = "heat"
    """Current mode."""

    def ranges(self, config: DeviceConfig) -> dict[str, ValueRange]:
        """The modes this device supports."""
        return {"hvac_mode": ValueRange(label="mode", choices=config.hvac_modes)}


class Position(CapabilityState):
    """Cover position: 0 = closed, 100 = fully open; moves over time towards the target."""

    capability: ClassVar[str] = "position"
    config_keys: ClassVar[frozenset[str]] = frozenset({"travel_seconds"})
    position: int = Field(0, ge=0, le=100)
    """Current position, percent open."""
    target_position: int = Field(0, ge=0, le=100)
    """Where the cover is heading."""
    moving: bool = False
    """True while travelling towards ``target_position``."""

    @model_validator(mode="before")
    @classmethod
    def _target_defaults_to_position(cls, data: Any) -> Any:
        # A home file usually gives only ``position``; a cover at rest has its target there.
        if isinstance(data, dict) and "position" in data and "target_position" not in data:
            data = {**data, "target_position": data["position"]}
        return data

    def ranges(self, config: DeviceConfig) -> dict[str, ValueRange]:
        """Positions are percentages."""
        rng = ValueRange(label="position", minimum=0, maximum=100, unit="percent")
        return {"position": rng, "target_position": rng}


class FanSpeed(CapabilityState):
    """Fan speed as a preset and the equivalent percentage."""

    capability: ClassVar[str] = "fan_speed"
    fan_speed: FanPreset = "medium"
    """Named speed."""
    fan_percentage: int = Field(66, ge=0, le=100)
    """Speed in percent."""

    @model_validator(mode="before")
    @classmethod
    def _keep_in_step(cls, data: Any) -> Any:
        # Either attribute may be given alone; derive the other so they never disagree.
        if isinstance(data, dict):
            if "fan_speed" in data and "fan_percentage" not in data:
                pct = FAN_PRESETS.get(str(data["fan_speed"]))
                if pct is not None:
                    data = {**data, "fan_percentage": pct}
            elif "fan_percentage" in data and "fan_speed" not in data:
                pct_value = data["fan_percentage"]
                if isinstance(pct_value, int) and not isinstance(pct_value, bool):
                    data = {**data, "fan_speed": nearest_preset(pct_value)}
        return data

    def ranges(self, config: DeviceConfig) -> dict[str, ValueRange]:
        """Presets and percentage."""
        return {
            "fan_speed": ValueRange(label="fan speed", choices=tuple(FAN_PRESETS)),
            "fan_percentage": ValueRange(label="fan speed", minimum=0, maximum=100, unit="percent"),
        }


class Lock(CapabilityState):
    """A door lock."""

    capability: ClassVar[str] = "lock"
    lock_state: LockState = "locked"
    """Locked, unlocked or jammed."""


class Cleaning(CapabilityState):
    """A robot vacuum's cleaning run."""

    capability: ClassVar[str] = "cleaning"
    config_keys: ClassVar[frozenset[str]] = frozenset({"clean_rooms"})
    internal: ClassVar[frozenset[str]] = frozenset({"cleaning_queue", "room_progress"})
    cleaning_state: CleaningState = "docked"
    """What the vacuum is doing."""
    cleaning_room: str | None = None
    """Room id being cleaned (or paused in), None when docked."""
    cleaning_queue: list[str] = Field(default_factory=list)
    """Rooms still to clean after the current one (bookkeeping)."""
    room_progress: float = Field(0.0, ge=0)
    """Seconds spent cleaning the current room (bookkeeping)."""


class Battery(CapabilityState):
    """Battery charge."""

    capability: ClassVar[str] = "battery"
    battery: int = Field(100, ge=0, le=100)
    """Charge in percent."""


class Media(CapabilityState):
    """Media playback."""

    capability: ClassVar[str] = "media"
    config_keys: ClassVar[frozenset[str]] = frozenset({"sources"})
    internal: ClassVar[frozenset[str]] = frozenset({"queue", "media_position", "media_app"})
    playback: Playback = "stopped"
    """Playing, paused or stopped."""
    volume: int = Field(20, ge=0, le=100)
    """Volume in percent."""
    muted: bool = False
    """Whether sound is muted."""
    source: str | None = None
    """Selected input, one of the device's ``sources``."""
    track: int = Field(1, ge=1, le=9999)
    """Position in the current play queue (changed by next/previous)."""
    media_title: str | None = None
    """Title of the item playing from a play queue (None without one)."""
    media_artist: str | None = None
    """Its artist."""
    repeat: Repeat = "off"
    """Repeat mode of the play queue: ``off``, ``one`` (the current item) or ``all``."""
    shuffle: bool = False
    """Whether the play queue was shuffled."""
    queue: list[dict[str, Any]] = Field(default_factory=list)
    """The play queue a skill handed over: items with ``title``, ``artist``, ``album`` and
    ``duration`` (seconds) and anything else the skill wants back (bookkeeping)."""
    media_position: float = Field(0.0, ge=0)
    """Seconds into the current item (bookkeeping: it moves every few seconds)."""
    media_app: str | None = None
    """The skill whose queue is playing (bookkeeping: it gets "stop" and "next")."""

    def ranges(self, config: DeviceConfig) -> dict[str, ValueRange]:
        """Volume limits and the device's sources."""
        out = {"volume": ValueRange(label="volume", minimum=0, maximum=100, unit="percent")}
        if config.sources:
            out["source"] = ValueRange(label="source", choices=config.sources)
        return out


class TemperatureSensor(CapabilityState):
    """A thermometer."""

    capability: ClassVar[str] = "temperature_sensor"
    temperature: float = Field(20.0, ge=-30, le=60)
    """Measured temperature, °C."""


class HumiditySensor(CapabilityState):
    """A hygrometer."""

    capability: ClassVar[str] = "humidity_sensor"
    humidity: int = Field(45, ge=0, le=100)
    """Relative humidity, percent."""


class MotionSensor(CapabilityState):
    """A presence/motion detector."""

    capability: ClassVar[str] = "motion_sensor"
    motion: bool = False
    """Whether motion is detected now."""


class ContactSensor(CapabilityState):
    """A door or window contact."""

    capability: ClassVar[str] = "contact_sensor"
    contact: Contact = "closed"
    """Open or closed."""


class AirQuality(CapabilityState):
    """Particulate matter reading."""

    capability: ClassVar[str] = "air_quality"
    pm25: int = Field(10, ge=0, le=1000)
    """PM2.5 in µg/m³."""


class FilterLife(CapabilityState):
    """Remaining life of a replaceable filter."""

    capability: ClassVar[str] = "filter"
    filter_life: int = Field(100, ge=0, le=100)
    """Percent of filter life left."""


CAPABILITIES: dict[str, type[CapabilityState]] = {
    cls.capability: cls
    for cls in (
        Power,
        Brightness,
        Color,
        ColorTemperature,
        TargetTemperature,
        HvacModeControl,
        Position,
        FanSpeed,
        Lock,
        Cleaning,
        Battery,
        Media,
        TemperatureSensor,
        HumiditySensor,
        MotionSensor,
        ContactSensor,
        AirQuality,
        FilterLife,
    )
}
"""Every capability by name."""
