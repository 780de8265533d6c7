"""Device types and the type groups people use to address several devices at once.

A device type is a fixed set of capabilities plus default state and config. A type group maps the
words people say ("the lights", "the heating", "the blinds") to the types they mean.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict

from .capabilities import (
    AirQuality,
    Battery,
    Brightness,
    CapabilityState,
    Cleaning,
    Color,
    ColorTemperature,
    ContactSensor,
    FanSpeed,
    FilterLife,
    HumiditySensor,
    HvacModeControl,
    Lock,
    Media,
    MotionSensor,
    Position,
    Power,
    TargetTemperature,
    TemperatureSensor,
)

__all__ = ["DEVICE_TYPES", "TYPE_GROUPS", "DeviceType", "TypeGroup", "group_words"]


class DeviceType(BaseModel):
    """A kind of device: which capabilities it has and how it starts out."""

    model_config = ConfigDict(frozen=True)

    id: str
    """Type id used in home files (``color_light``)."""
    label: str
    """Spoken kind ("colour light"), used in messages."""
    capabilities: tuple[type[CapabilityState], ...]
    """Capability models, in display order."""
    state_defaults: dict[str, Any] = {}
    """Initial attribute values that differ from the capability defaults."""
    config_defaults: dict[str, Any] = {}
    """Config values that differ from :class:`DeviceConfig` defaults."""
    own_climate: bool = False
    """True when the device measures its own temperature (a fridge), not its room's."""

    @property
    def config_keys(self) -> frozenset[str]:
        """Config keys a device of this type may set."""
        return frozenset().union(*(c.config_keys for c in self.capabilities))


def _t(
    type_id: str,
    label: str,
    *caps: type[CapabilityState],
    state: dict[str, Any] | None = None,
    config: dict[str, Any] | None = None,
    own_climate: bool = False,
) -> DeviceType:
    return DeviceType(
        id=type_id,
        label=label,
        capabilities=caps,
        state_defaults=state or {},
        config_defaults=config or {},
        own_climate=own_climate,
    )


DEVICE_TYPES: dict[str, DeviceType] = {
    t.id: t
    for t in (
        _t("light", "light", Power, Brightness),
        _t("color_light", "colour light", Power, Brightness, Color, ColorTemperature),
        _t("plug", "smart plug", Power),
        _t(
            "thermostat",
            "thermostat",
            TargetTemperature,
            HvacModeControl,
            config={"hvac_modes": ("off", "heat", "auto")},
        ),
        _t(
            "air_conditioner",
            "air conditioner",
            TargetTemperature,
            HvacModeControl,
            FanSpeed,
            state={"hvac_mode": "off", "target_temperature": 24.0, "fan_speed": "medium"},
            config={
                "min_temp": 16.0,
                "max_temp": 30.0,
                "step": 1.0,
                "hvac_modes": ("off", "cool", "heat", "auto", "fan_only", "dry"),
            },
        ),
        _t("curtain", "curtain", Position, config={"travel_seconds": 10.0}),
        _t("fan", "fan", Power, FanSpeed),
        _t("vacuum", "robot vacuum", Cleaning, Battery),
        _t("lock", "lock", Lock, Battery),
        _t(
            "tv",
            "TV",
            Power,
            Media,
            state={"source": "TV"},
            config={"sources": ("TV", "HDMI 1", "HDMI 2", "Streaming")},
        ),
        _t(
            "speaker",
            "speaker",
            Media,
            state={"source": "Radio", "volume": 30},
            config={"sources": ("Radio", "Podcasts", "Bluetooth")},
        ),
        _t("climate_sensor", "climate sensor", TemperatureSensor, HumiditySensor, Battery),
        _t("motion_sensor", "motion sensor", MotionSensor, Battery),
        _t("door_sensor", "door sensor", ContactSensor, Battery),
        _t(
            "fridge",
            "fridge",
            TargetTemperature,
            ContactSensor,
            state={"target_temperature": 4.0, "current_temperature": 4.0, "hvac_action": "idle"},
            config={"min_temp": 1.0, "max_temp": 8.0, "step": 1.0},
            own_climate=True,
        ),
        _t(
            "air_purifier",
            "air purifier",
            Power,
            FanSpeed,
            AirQuality,
            FilterLife,
            state={"fan_speed": "low"},
        ),
    )
}
"""Every device type by id."""


class TypeGroup(BaseModel):
    """Words that address all devices of some types ("the lights", "the heating")."""

    model_config = ConfigDict(frozen=True)

    id: str
    """Group id used in scene targets (``lights``)."""
    types: tuple[str, ...]
    """Device type ids in the group."""
    singular: tuple[str, ...]
    """Singular nouns ("light", "lamp") — these may address one device."""
    plural: tuple[str, ...]
    """Plural or mass nouns ("lights", "lighting", "heating") — these address all of them."""


def _g(group_id: str, types: tuple[str, ...], singular: str, plural: str) -> TypeGroup:
    return TypeGroup(
        id=group_id,
        types=types,
        singular=tuple(w for w in singular.split(",") if w),
        plural=tuple(w for w in plural.split(",") if w),
    )


TYPE_GROUPS: dict[str, TypeGroup] = {
    g.id: g
    for g in (
        _g("lights", ("light", "color_light"), "light,lamp,bulb", "lights,lamps,bulbs,lighting"),
        _g("plugs", ("plug",), "plug,switch,socket,outlet", "plugs,switches,sockets,outlets"),
        _g("thermostats", ("thermostat",), "thermostat,heater", "thermostats,heaters,heating"),
        _g(
            "air_conditioners",
            ("air_conditioner",),
            "ac,air conditioner,air con,aircon",
            "acs,air conditioners,air conditioning",
        ),
        _g("climate", ("thermostat", "air_conditioner"), "", "climate,climate control"),
        _g("covers", ("curtain",), "curtain,blind,shade,cover", "curtains,blinds,shades,covers"),
        _g("fans", ("fan",), "fan", "fans"),
        _g(
            "vacuums",
            ("vacuum",),
            "vacuum,robot vacuum,vacuum cleaner,hoover,robot",
            "vacuums,robot vacuums,hoovers,robots",
        ),
        _g("locks", ("lock",), "lock,door lock", "locks,door locks,doors"),
        _g("tvs", ("tv",), "tv,television,telly", "tvs,televisions"),
        _g("speakers", ("speaker",), "speaker", "speakers"),
        _g("media", ("tv", "speaker"), "media player", "media players,media,music"),
        _g(
            "climate_sensors",
            ("climate_sensor",),
            "temperature sensor,thermometer,climate sensor,humidity sensor",
            "temperature sensors,thermometers,climate sensors,humidity sensors",
        ),
        _g("motion_sensors", ("motion_sensor",), "motion sensor", "motion sensors"),
        _g(
            "door_sensors",
            ("door_sensor",),
            "door sensor,contact sensor",
            "door sensors,contact sensors",
        ),
        _g(
            "sensors",
            ("climate_sensor", "motion_sensor", "door_sensor"),
            "sensor",
            "sensors",
        ),
        _g("fridges", ("fridge",), "fridge,refrigerator", "fridges,refrigerators"),
        _g(
            "air_purifiers",
            ("air_purifier",),
            "air purifier,purifier,air cleaner",
            "air purifiers,purifiers",
        ),
        _g("everything", tuple(DEVICE_TYPES), "device", "devices,everything,things"),
    )
}
"""Every type group by id. ``everything`` covers all types."""


def group_words() -> dict[tuple[str, ...], tuple[str, bool]]:
    """Tokenised group nouns → (group id, plural?). Earlier groups win on shared words."""
    out: dict[tuple[str, ...], tuple[str, bool]] = {}
    for group in TYPE_GROUPS.values():
        for words, plural in ((group.singular, False), (group.plural, True)):
            for word in words:
                out.setdefault(tuple(word.split()), (group.id, plural))
    return out
