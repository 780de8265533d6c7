"""Slot types shared by the smart-home intents.

Device targets, rooms and scenes come from the SDK (``simulator.sdk.home``): their words are the
live home's names; colours (``Colour``), HVAC modes and fan presets (``HvacModeName``,
``FanPreset``) come from the SDK too, made from the device model's own tables. The lists here are
the other words people use around them: levels such as "max" or "halfway", floors, kinds of window
covering, on/off states and colour-temperature words. Each is a `SlotList`, so its words count
as understood (typed) when the router scores a match.
"""

from __future__ import annotations

from typing import Annotated

from simulator.sdk import DynamicList, SlotList

__all__ = [
    "COVER_WORDS",
    "EXTREME_WORDS",
    "CoverKind",
    "Direction",
    "Extreme",
    "Floor",
    "LightWord",
    "MediaWord",
    "NamedWhite",
    "Scope",
    "StateWord",
    "WhiteShade",
    "extreme_value",
]

_EXTREMES: dict[str, list[str]] = {
    "max": ["max", "maximum", "highest", "full", "the max", "the maximum", "the highest"],
    "min": ["min", "minimum", "lowest", "the min", "the minimum", "the lowest"],
    "half": ["half", "halfway", "half way"],
}
Extreme = Annotated[str, SlotList("extreme", _EXTREMES)]
"""A level said as a word: "max", "the lowest", "halfway"."""

EXTREME_WORDS = frozenset(
    word for forms in _EXTREMES.values() for form in forms for word in form.split()
) - {"the", "way"}
"""The words of `Extreme` ("max", "highest", "halfway", ...): a span holding one says a level."""


def extreme_value(word: str, *, lowest: float = 0.0) -> float:
    """The percentage an extreme word means; ``lowest`` is the smallest useful level
    (1 for brightness: "lowest" should dim a light, not switch it off)."""
    return {"max": 100.0, "half": 50.0}.get(word, lowest)


Floor = Annotated[str, DynamicList("floor", max_tokens=5)]
"""A floor of the home: "the first floor", "on the ground floor", "upstairs". The value is the
floor's label in the home file; the handler matches it against the floors of the home's rooms
(and decides what "upstairs" means)."""

COVER_WORDS: dict[str, list[str]] = {
    "window": ["window", "windows"],
    "garage door": ["garage door", "garage doors"],
    "shutter": ["shutter", "shutters"],
    "awning": ["awning", "awnings"],
    "gate": ["gate", "gates"],
    "skylight": ["skylight", "skylights"],
}
CoverKind = Annotated[str, SlotList("cover", COVER_WORDS)]
"""Motorised things that open and close but are not a device type of their own: our model has
one cover type (``curtain``), so "the windows" means the covers whose name says window."""

StateWord = Annotated[
    str,
    SlotList(
        "state",
        {
            # Participles say the same: "which lights are switched on", "is the heater turned off".
            "on": ["on", "running", "lit", "switched on", "turned on", "left on"],
            "off": ["off", "out", "switched off", "turned off"],
            "open": ["open", "opened"],
            "closed": ["closed", "shut"],
            "locked": ["locked"],
            "unlocked": ["unlocked"],
            "playing": ["playing"],
            "paused": ["paused"],
            "docked": ["docked", "charging"],
            "cleaning": ["cleaning"],
            "motion": ["occupied", "detecting motion", "detected"],
        },
    ),
]
"""A state a question asks about: "is the front door *locked*", "which lights are *on*"."""


_WHITES: dict[str, list[str]] = {
    "1900": ["candle light", "candlelight"],
    "2700": ["warm white", "warm", "soft white"],
    "4000": ["neutral", "neutral white", "natural white", "cool white", "cold white"],
    "6500": ["daylight", "day light", "cold", "cool daylight"],
}

WhiteShade = Annotated[str, SlotList("white", _WHITES)]
"""Words for a colour temperature; the value is the kelvin they stand for. Bulbs with a
narrower range get the nearest they can do."""

# A bare "warm", "cold" or "neutral" is a white only after "colour temperature" or "white":
# "make the kitchen warm" asks for heat.
_BARE = {"warm", "cold", "neutral"}
NamedWhite = Annotated[
    str,
    SlotList(
        "named_white",
        {kelvin: [n for n in names if n not in _BARE] for kelvin, names in _WHITES.items()},
    ),
]
"""A white named as a white on its own ("warm white", "daylight"): said where a colour could
be ("set the lamp to warm white"), it is a colour temperature, not the colour table's white."""

Direction = Annotated[
    str,
    SlotList(
        "direction",
        {
            # A complaint names the way too: "the tv is too loud" asks for down.
            "up": ["up", "higher", "louder", "increase", "raise", "too quiet", "too soft"],
            "down": ["down", "lower", "quieter", "softer", "decrease", "reduce", "too loud"],
        },
    ),
]
"""Which way to turn something: "up", "louder", "quieter"."""

MediaWord = Annotated[
    str,
    SlotList(
        "media_word",
        {
            "media": [
                *("show", "shows", "tv show", "tv shows", "my show", "movie", "the movie"),
                *("video", "film", "podcast", "song", "music", "media", "media player"),
                "media players",
            ]
        },
    ),
]
"""What is playing, said without a device ("pause my show")."""

Scope = Annotated[
    str,
    SlotList(
        "scope",
        {
            "home": [
                "everywhere",
                "in the home",
                "in the house",
                "throughout the home",
                "throughout the house",
                "in every room",
                "in every area",
                "all over the house",
            ]
        },
    ),
]
"""Words that stretch a request to the whole home ("turn off the lights everywhere")."""

LightWord = Annotated[
    str,
    SlotList("light_word", {"lights": ["light", "lights", "lamp", "lamps", "lighting"]}),
]
""""Light(s)" after a name that doesn't end in it: "the play corner lights"."""
