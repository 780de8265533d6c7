"""Errors raised or reported by the mock smart home.

Two families live here:

* :class:`HomeFileError` — a home file could not be loaded. It always names the file, the line (when
  one is known) and the field, so an author can jump straight to the problem.
* :class:`DeviceError` — a command or question about a device could not be carried out. It carries an
  :class:`ErrorCode` for programs and a ready-to-speak sentence for people; :func:`spoken_error`
  turns any device error into a reply.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from pydantic import BaseModel, ConfigDict

__all__ = [
    "DeviceError",
    "ErrorCode",
    "HomeFileError",
    "ValueRange",
    "format_number",
    "spoken_error",
    "spoken_list",
]


class ErrorCode(StrEnum):
    """Why a device command or query failed."""

    DEVICE_NOT_FOUND = "DEVICE_NOT_FOUND"
    """The words did not name any device of this home."""
    AMBIGUOUS_TARGET = "AMBIGUOUS_TARGET"
    """The words named several devices and nothing narrowed them down."""
    DEVICE_OFFLINE = "DEVICE_OFFLINE"
    """The device is not reachable right now."""
    NOT_SUPPORTED = "NOT_SUPPORTED"
    """The device has no capability for this command or attribute."""
    VALUE_OUT_OF_RANGE = "VALUE_OUT_OF_RANGE"
    """The value is outside what this device accepts; see ``valid_range``."""
    INVALID_IN_STATE = "INVALID_IN_STATE"
    """The command makes no sense in the device's current state (unlocking a jammed lock)."""
    ALREADY_IN_STATE = "ALREADY_IN_STATE"
    """Nothing to do: the device is already how the command would leave it."""
    DEVICE_FAULT = "DEVICE_FAULT"
    """The device reports a fault and needs a person to look at it."""


def format_number(value: float) -> str:
    """Format a number for speech: ``21.0`` → ``"21"``, ``21.5`` → ``"21.5"``."""
    rounded = round(float(value), 1)
    return str(int(rounded)) if rounded.is_integer() else f"{rounded:g}"


def spoken_list(items: list[str], conjunction: str = "and") -> str:
    """Join words the way people say them: ``a``, ``a and b``, ``a, b and c``."""
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


class ValueRange(BaseModel):
    """The values a device attribute accepts: a numeric interval or a list of choices."""

    model_config = ConfigDict(frozen=True)

    label: str
    """What is being set, as spoken ("brightness", "temperature")."""
    minimum: float | None = None
    """Smallest accepted number (numeric ranges only)."""
    maximum: float | None = None
    """Largest accepted number (numeric ranges only)."""
    step: float | None = None
    """Granularity; values are rounded to a multiple of it from ``minimum``."""
    unit: str = ""
    """Spoken unit after the maximum ("percent", "degrees", "kelvin")."""
    choices: tuple[str, ...] = ()
    """Accepted words, for enumerated attributes (modes, sources, colours)."""

    def contains(self, value: object) -> bool:
        """Whether *value* is accepted (case-insensitive for choices)."""
        if self.choices:
            return isinstance(value, str) and value.lower() in {c.lower() for c in self.choices}
        if isinstance(value, bool) or not isinstance(value, int | float):
            return False
        if self.minimum is not None and value < self.minimum:
            return False
        return not (self.maximum is not None and value > self.maximum)

    def describe(self) -> str:
        """The range as spoken: ``"from 0 to 100 percent"`` or ``"off, heat or auto"``."""
        if self.choices:
            return spoken_list(list(self.choices), "or")
        unit = f" {self.unit}" if self.unit else ""
        low = "" if self.minimum is None else format_number(self.minimum)
        high = "" if self.maximum is None else format_number(self.maximum)
        if low and high:
            return f"from {low} to {high}{unit}"
        return f"at least {low}{unit}" if low else f"at most {high}{unit}"


class DeviceError(Exception):
    """A device command or query that could not be carried out.

    ``message`` is a complete sentence that can be spoken as is. Device errors are both raised
    (by :meth:`Home.get`, :meth:`Home.set_manual`) and carried inside command results.
    """

    def __init__(
        self,
        code: ErrorCode,
        message: str,
        device_id: str | None = None,
        valid_range: ValueRange | None = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        """Machine-readable reason."""
        self.message = message
        """A natural sentence explaining the problem."""
        self.device_id = device_id
        """The device concerned, when there is one."""
        self.valid_range = valid_range
        """For ``VALUE_OUT_OF_RANGE``: what would have been accepted."""

    def __repr__(self) -> str:
        return f"DeviceError({self.code.value}, {self.message!r}, device_id={self.device_id!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, DeviceError):
            return NotImplemented
        return (self.code, self.message, self.device_id) == (
            other.code,
            other.message,
            other.device_id,
        )

    def __hash__(self) -> int:
        return hash((self.code, self.message, self.device_id))


# Fallback replies when an error was built without a sentence.
_GENERIC: dict[ErrorCode, str] = {
    ErrorCode.DEVICE_NOT_FOUND: "I couldn't find that device.",
    ErrorCode.AMBIGUOUS_TARGET: "Which one do you mean?",
    ErrorCode.DEVICE_OFFLINE: "That device is offline right now.",
    ErrorCode.NOT_SUPPORTED: "That device can't do that.",
    ErrorCode.VALUE_OUT_OF_RANGE: "That value is out of range.",
    ErrorCode.INVALID_IN_STATE: "I can't do that right now.",
    ErrorCode.ALREADY_IN_STATE: "It's already done.",
    ErrorCode.DEVICE_FAULT: "That device reported a fault.",
}


def spoken_error(error: DeviceError) -> str:
    """A natural spoken reply for *error*, e.g. "The hallway light is offline right now."."""
    if error.message:
        return error.message
    if error.code is ErrorCode.VALUE_OUT_OF_RANGE and error.valid_range is not None:
        rng = error.valid_range
        return f"I can set the {rng.label} {rng.describe()}."
    return _GENERIC[error.code]


class HomeFileError(ValueError):
    """A home file is missing, unreadable or invalid.

    ``str()`` gives ``"<file>:<line>: <field>: <message>"``, e.g.
    ``cottage.yaml:14: devices[2].type: unknown device type 'lamp' (known: light, ...)``.
    The line is 1-based; it and the field are left out when unknown.
    """

    def __init__(self, path: str | Path, line: int | None, field: str, message: str) -> None:
        self.path = Path(path)
        """The home file."""
        self.line = line
        """1-based line of the offending node, or None (file missing, empty...)."""
        self.field = field
        """Dotted path of the field, e.g. ``devices[2].type``; empty for whole-file problems."""
        self.message = message
        """What is wrong."""
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.path.name if self.line is None else f"{self.path.name}:{self.line}"
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {self.message}"
