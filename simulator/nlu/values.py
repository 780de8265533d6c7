"""Typed slot values produced by the NLU parsers.

Each value is a small frozen pydantic model so it can be hashed, compared, cached and
serialised into transcripts, and each has a :meth:`spoken` method returning the natural
English phrase a speaker would use when confirming it ("Timer set for 1 hour and 30
minutes."). Dates are plain :class:`datetime.date`, percentages plain floats (0..100 when
valid) and ordinals plain ints, so they need no model here.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "Colour",
    "Duration",
    "Temperature",
    "TemperatureUnit",
    "TimeOfDay",
    "format_quantity",
]

TemperatureUnit = Literal["C", "F"]
"""A temperature scale: ``"C"`` (Celsius) or ``"F"`` (Fahrenheit)."""


def format_quantity(value: float) -> str:
    """Format a number for speech: ``5.0`` → ``"5"``, ``21.5`` → ``"21.5"``, ``-3`` → ``"minus 3"``.

    At most two decimal places are kept; "minus" is spelled out because text-to-speech
    engines read a leading hyphen inconsistently.
    """
    text = f"{abs(value):.2f}".rstrip("0").rstrip(".")
    if text in ("", "0"):
        return "0"
    return f"minus {text}" if value < 0 else text


def _plural(count: int, unit: str) -> str:
    """``"1 minute"``, ``"2 minutes"``."""
    return f"{count} {unit}" if count == 1 else f"{count} {unit}s"


def _join_spoken(parts: list[str]) -> str:
    """Join phrases the way people list them: "a", "a and b", "a, b and c"."""
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


class _Value(BaseModel):
    """Common configuration: immutable, hashable and strict about unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Duration(_Value):
    """A length of time, e.g. the slot of "set a timer for five minutes"."""

    seconds: float = Field(ge=0, allow_inf_nan=False, description="Length in seconds.")

    @property
    def timedelta(self) -> dt.timedelta:
        """The duration as a :class:`datetime.timedelta`."""
        return dt.timedelta(seconds=self.seconds)

    @classmethod
    def from_timedelta(cls, delta: dt.timedelta) -> Duration:
        """Build a duration from a non-negative :class:`datetime.timedelta`."""
        return cls(seconds=delta.total_seconds())

    def spoken(self) -> str:
        """Natural phrase: ``"5 minutes"``, ``"1 hour and 30 minutes"``, ``"2 days and 3 hours"``.

        Whole seconds are spoken; sub-second precision is only kept for durations under a
        minute ("0.5 seconds") because "1 hour and 0.25 seconds" is never what anyone wants.
        Weeks are spoken as days ("14 days") to keep the phrase unambiguous.
        """
        if self.seconds < 60 and not float(self.seconds).is_integer():
            return f"{format_quantity(self.seconds)} seconds"
        remaining = round(self.seconds)
        if remaining == 0:
            return "0 seconds"
        days, remaining = divmod(remaining, 86_400)
        hours, remaining = divmod(remaining, 3_600)
        minutes, seconds = divmod(remaining, 60)
        parts = [
            _plural(count, unit)
            for count, unit in (
                (days, "day"),
                (hours, "hour"),
                (minutes, "minute"),
                (seconds, "second"),
            )
            if count
        ]
        return _join_spoken(parts)


class TimeOfDay(_Value):
    """A wall-clock time such as "7 AM" or "half past six".

    ``hour`` is on the 24-hour clock. When the user gave no AM/PM (``meridiem_given`` is
    false) and said an hour from 1 to 12, ``hour`` holds the number as spoken (``7`` for
    "seven") and the time is *ambiguous*: :meth:`next_after` resolves it to whichever of the
    two candidate times comes first. ``meridiem_given`` is true for explicit AM/PM, "in the
    evening" and friends, and for "noon"/"midnight".
    """

    hour: int = Field(ge=0, le=23)
    minute: int = Field(default=0, ge=0, le=59)
    meridiem_given: bool = False

    @property
    def is_ambiguous(self) -> bool:
        """True when the time could be AM or PM (no meridiem given, hour 1..12)."""
        return not self.meridiem_given and 1 <= self.hour <= 12

    def to_time(self) -> dt.time:
        """The time as a :class:`datetime.time` (ambiguous hours are taken literally)."""
        return dt.time(self.hour, self.minute)

    def next_after(self, now: dt.datetime) -> dt.datetime:
        """The first occurrence of this time strictly after ``now``.

        For an ambiguous time both the AM and the PM reading are considered and the earlier
        one wins, so "seven" at 08:00 means 19:00 today and at 20:00 means 07:00 tomorrow.
        The result keeps ``now``'s ``tzinfo`` (naive in, naive out).
        """
        hours = [self.hour % 12, self.hour % 12 + 12] if self.is_ambiguous else [self.hour]
        candidates = []
        for hour in hours:
            candidate = now.replace(hour=hour, minute=self.minute, second=0, microsecond=0)
            if candidate <= now:
                candidate += dt.timedelta(days=1)
            candidates.append(candidate)
        return min(candidates)

    def spoken(self) -> str:
        """Natural phrase: ``"7 AM"``, ``"6:30 PM"``, ``"noon"``, ``"midnight"``.

        Ambiguous times are spoken without AM/PM ("7 o'clock", "7:30") so a confirmation
        never claims more than the user said; resolve with :meth:`next_after` first if a
        definite phrase is wanted.
        """
        if self.minute == 0 and self.hour == 12 and self.meridiem_given:
            return "noon"
        if self.minute == 0 and self.hour == 0:
            return "midnight"
        if self.is_ambiguous:
            if self.minute == 0:
                return f"{self.hour} o'clock"
            return f"{self.hour}:{self.minute:02d}"
        suffix = "AM" if self.hour < 12 else "PM"
        hour12 = self.hour % 12 or 12
        if self.minute == 0:
            return f"{hour12} {suffix}"
        return f"{hour12}:{self.minute:02d} {suffix}"


class Temperature(_Value):
    """A temperature as spoken; ``unit`` is ``None`` when the user gave no scale."""

    value: float = Field(allow_inf_nan=False)
    unit: TemperatureUnit | None = None

    def to_celsius(self, default_unit: TemperatureUnit = "C") -> float:
        """The value in degrees Celsius, reading a unit-less value as ``default_unit``."""
        unit = self.unit or default_unit
        return (self.value - 32.0) * 5.0 / 9.0 if unit == "F" else self.value

    def to_fahrenheit(self, default_unit: TemperatureUnit = "C") -> float:
        """The value in degrees Fahrenheit, reading a unit-less value as ``default_unit``."""
        unit = self.unit or default_unit
        return self.value * 9.0 / 5.0 + 32.0 if unit == "C" else self.value

    def spoken(self) -> str:
        """Natural phrase: ``"21 degrees"``, ``"70 degrees Fahrenheit"``, ``"1 degree Celsius"``."""
        number = format_quantity(self.value)
        noun = "degree" if number == "1" else "degrees"
        scale = {"C": " Celsius", "F": " Fahrenheit", None: ""}[self.unit]
        return f"{number} {noun}{scale}"


class Colour(_Value):
    """A named light colour with its hue (degrees) and saturation (percent)."""

    name: str = Field(min_length=1)
    hue: float = Field(ge=0, le=360, allow_inf_nan=False)
    saturation: float = Field(ge=0, le=100, allow_inf_nan=False)

    def spoken(self) -> str:
        """The colour's name, e.g. ``"warm white"``."""
        return self.name
