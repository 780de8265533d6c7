"""The runtime device: identity, configuration and the live capability states.

A :class:`Device` validates every value written to it (type and static limits through pydantic,
per-device bounds through :class:`ValueRange`) and reports problems as :class:`DeviceError` with a
sentence ready to speak. It knows nothing about events or other devices; the registry
(:mod:`.registry`) writes through :meth:`Device.validate` and :meth:`Device.write`.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import ValidationError

from .capabilities import CapabilityState, DeviceConfig
from .device_types import DEVICE_TYPES, DeviceType
from .errors import DeviceError, ErrorCode, ValueRange

__all__ = ["ONLINE", "Device", "DeviceSpecError", "spoken_name"]

ONLINE = "online"
"""The attribute every device has, outside any capability."""

_ATTRIBUTE_LABELS: dict[str, str] = {
    "on": "power",
    "target_temperature": "temperature",
    "current_temperature": "temperature",
    "color_temp": "colour temperature",
    "color": "colour",
    "hvac_mode": "mode",
    "fan_speed": "fan speed",
    "fan_percentage": "fan speed",
    "lock_state": "lock",
    "cleaning_state": "cleaning state",
    "cleaning_room": "room",
    "pm25": "PM2.5 level",
    "filter_life": "filter life",
}


def spoken_name(name: str) -> str:
    """A device or room name as used mid-sentence: ``"Kitchen light"`` → ``"kitchen light"``.

    Acronyms and words with digits keep their case ("Living room TV" → "living room TV").
    """
    words = name.split()
    return " ".join(
        w if (w.isupper() and len(w) > 1) or re.search(r"\d", w) else w.lower() for w in words
    )


class DeviceSpecError(ValueError):
    """A device's initial state or config in a home file is invalid.

    ``loc`` is relative to the device (``("state", "brightness")``); the loader prefixes it.
    """

    def __init__(self, loc: tuple[str | int, ...], message: str) -> None:
        super().__init__(message)
        self.loc = loc
        """Path of the bad field inside the device entry."""
        self.message = message
        """What is wrong."""


class Device:
    """One device in the home, with its live state.

    Attribute values are read with :meth:`get` or :attr:`state`; changes go through the registry so
    that events are emitted. Devices compare equal by id.
    """

    def __init__(
        self,
        *,
        id: str,
        name: str,
        type: str,
        room: str,
        aliases: tuple[str, ...] = (),
        state: dict[str, Any] | None = None,
        config: dict[str, Any] | None = None,
    ) -> None:
        """Build a device; raises :class:`DeviceSpecError` for a bad type, state or config."""
        if type not in DEVICE_TYPES:
            raise DeviceSpecError(
                ("type",), f"unknown device type {type!r} (known: {', '.join(DEVICE_TYPES)})"
            )
        self.id = id
        """Unique id within the home."""
        self.name = name
        """Display name ("Kitchen light")."""
        self.type: DeviceType = DEVICE_TYPES[type]
        """The device type."""
        self.room = room
        """Room id."""
        self.aliases = aliases
        """Other names people use for it."""
        self.config: DeviceConfig = self._build_config(config or {})
        """Per-device bounds and options."""
        self.online = True
        """Whether the device is reachable."""
        self._caps: dict[str, CapabilityState] = {}
        self._owner: dict[str, str] = {}
        self._build_state(state or {})

    # --- construction ------------------------------------------------------------------------

    def _build_config(self, given: dict[str, Any]) -> DeviceConfig:
        allowed = self.type.config_keys
        for key in given:
            if key not in allowed:
                known = ", ".join(sorted(allowed)) or "none"
                raise DeviceSpecError(
                    ("config", key),
                    f"config key {key!r} does not apply to a {self.type.label} (known: {known})",
                )
        try:
            return DeviceConfig.model_validate({**self.type.config_defaults, **given})
        except ValidationError as exc:
            err = exc.errors()[0]
            loc = ("config", *err["loc"]) if err["loc"] else ("config",)
            raise DeviceSpecError(loc, err["msg"]) from None

    def _build_state(self, given: dict[str, Any]) -> None:
        for cls in self.type.capabilities:
            for attr in cls.model_fields:
                self._owner[attr] = cls.capability
        given = dict(given)
        online = given.pop(ONLINE, True)
        if not isinstance(online, bool):
            raise DeviceSpecError(("state", ONLINE), "online must be true or false")
        self.online = online
        for key in given:
            if key not in self._owner:
                known = ", ".join([ONLINE, *self._public_attributes()])
                raise DeviceSpecError(
                    ("state", key),
                    f"unknown state attribute {key!r} for a {self.type.label} (known: {known})",
                )
        defaults = self.type.state_defaults
        for cls in self.type.capabilities:
            values = {a: defaults[a] for a in cls.model_fields if a in defaults}
            values.update({a: given[a] for a in cls.model_fields if a in given})
            try:
                cap = cls.model_validate(values)
            except ValidationError as exc:
                err = exc.errors()[0]
                raise DeviceSpecError(("state", *err["loc"]), err["msg"]) from None
            self._caps[cls.capability] = cap
            for attr, rng in cap.ranges(self.config).items():
                value = getattr(cap, attr)
                if value is not None and not rng.contains(value):
                    raise DeviceSpecError(
                        ("state", attr),
                        f"{value!r} is out of range for {attr} ({rng.describe()})",
                    )

    def _public_attributes(self) -> list[str]:
        return [
            a for cls in self.type.capabilities for a in cls.model_fields if a not in cls.internal
        ]

    # --- identity ----------------------------------------------------------------------------

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Device) and other.id == self.id

    def __hash__(self) -> int:
        return hash(self.id)

    def __repr__(self) -> str:
        return f"Device({self.id!r}, {self.type.id}, room={self.room!r})"

    @property
    def spoken(self) -> str:
        """How the device is named mid-sentence: ``"the kitchen light"``."""
        return f"the {spoken_name(self.name)}"

    @property
    def subject(self) -> str:
        """How the device is named at the start of a sentence: ``"The kitchen light"``."""
        text = self.spoken
        return text[0].upper() + text[1:]

    @property
    def plural_name(self) -> bool:
        """Whether the name reads as plural ("Living room curtains") for verb agreement."""
        last = self.name.split()[-1].lower() if self.name.split() else ""
        return last.endswith("s") and not last.endswith("ss")

    @property
    def be(self) -> str:
        """``"is"`` or ``"are"`` agreeing with the name."""
        return "are" if self.plural_name else "is"

    # --- capabilities and state --------------------------------------------------------------

    @property
    def capabilities(self) -> list[str]:
        """Capability names, in type order."""
        return list(self._caps)

    def has(self, capability: str) -> bool:
        """Whether the device has *capability*."""
        return capability in self._caps

    def attributes(self) -> list[str]:
        """Public attribute names including ``online``."""
        return [ONLINE, *self._public_attributes()]

    def has_attribute(self, attribute: str) -> bool:
        """Whether *attribute* exists on this device (internal ones included)."""
        return attribute == ONLINE or attribute in self._owner

    def capability_of(self, attribute: str) -> str:
        """The capability an attribute belongs to (``"online"`` for ``online``)."""
        if attribute == ONLINE:
            return ONLINE
        try:
            return self._owner[attribute]
        except KeyError:
            raise self.not_supported_attribute(attribute) from None

    def is_internal(self, attribute: str) -> bool:
        """Whether *attribute* is bookkeeping (kept in snapshots, never announced)."""
        cap = self._owner.get(attribute)
        return cap is not None and attribute in type(self._caps[cap]).internal

    def get(self, attribute: str) -> Any:
        """Current value of *attribute*; ``DeviceError(NOT_SUPPORTED)`` if the device lacks it."""
        if attribute == ONLINE:
            return self.online
        cap = self._caps[self.capability_of(attribute)]
        value = getattr(cap, attribute)
        # Lists are copied so callers can't mutate the state behind the registry's back.
        return list(value) if isinstance(value, list) else value

    @property
    def state(self) -> dict[str, Any]:
        """Flat public state, ``online`` first."""
        return {a: self.get(a) for a in self.attributes()}

    def full_state(self) -> dict[str, Any]:
        """Flat state including bookkeeping attributes (for snapshots)."""
        out: dict[str, Any] = {ONLINE: self.online}
        for cap in self._caps.values():
            out.update(cap.model_dump(mode="json"))
        return out

    def range_of(self, attribute: str) -> ValueRange | None:
        """The accepted values of *attribute* on this device, when it has a range."""
        cap = self._caps[self.capability_of(attribute)]
        return cap.ranges(self.config).get(attribute)

    def not_supported_attribute(self, attribute: str) -> DeviceError:
        """The error for asking about an attribute this device doesn't have."""
        label = _ATTRIBUTE_LABELS.get(attribute, attribute.replace("_", " "))
        return DeviceError(
            ErrorCode.NOT_SUPPORTED,
            f"{self.subject} doesn't have a {label}.",
            device_id=self.id,
        )

    def out_of_range(self, attribute: str, rng: ValueRange) -> DeviceError:
        """The error for a value outside *rng*, phrased for this device."""
        if rng.choices:
            message = f"{self.subject} can be set to {rng.describe()}."
            if attribute == "color":
                message = f"I know these colours: {rng.describe()}."
            elif attribute == "source":
                message = f"{self.subject} can switch to {rng.describe()}."
        elif attribute == "target_temperature":
            message = f"I can set {self.spoken} {rng.describe()}."
        else:
            message = f"I can set the {rng.label} {rng.describe()}."
        return DeviceError(ErrorCode.VALUE_OUT_OF_RANGE, message, self.id, rng)

    def validate(self, attribute: str, value: Any) -> Any:
        """Check *value* for *attribute* and return it coerced (``"80"`` → ``80``).

        Raises ``DeviceError`` — ``NOT_SUPPORTED`` for an unknown attribute, ``VALUE_OUT_OF_RANGE``
        for a wrong type or a value outside the device's range. Does not change anything.
        """
        if attribute == ONLINE:
            if not isinstance(value, bool):
                raise DeviceError(
                    ErrorCode.VALUE_OUT_OF_RANGE, "Online must be true or false.", self.id
                )
            return value
        cap = self._caps[self.capability_of(attribute)]
        rng = cap.ranges(self.config).get(attribute)
        if rng is not None and rng.choices and isinstance(value, str):
            # Choices are matched without case ("hdmi 1" → "HDMI 1").
            value = next((c for c in rng.choices if c.lower() == value.lower()), value)
        probe = cap.model_copy()
        try:
            setattr(probe, attribute, value)
        except ValidationError:
            if rng is not None:
                raise self.out_of_range(attribute, rng) from None
            label = _ATTRIBUTE_LABELS.get(attribute, attribute.replace("_", " "))
            raise DeviceError(
                ErrorCode.VALUE_OUT_OF_RANGE,
                f"{value!r} isn't a valid {label} for {self.spoken}.",
                self.id,
            ) from None
        coerced = getattr(probe, attribute)
        if rng is not None and coerced is not None and not rng.contains(coerced):
            raise self.out_of_range(attribute, rng)
        return coerced

    def write(self, attribute: str, value: Any) -> Any:
        """Store an already validated *value*; returns the previous value.

        Only the registry and the simulation call this; everyone else goes through
        ``Home.execute`` or ``Home.set_manual`` so that events are emitted.
        """
        old = self.get(attribute)
        if attribute == ONLINE:
            self.online = bool(value)
        else:
            setattr(self._caps[self._owner[attribute]], attribute, value)
        return old
