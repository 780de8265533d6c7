"""The time in another city: "what time is it in Tokyo".

The virtual clock has no time zone of its own; the speaker's zone is UTC until the user says
where they are ("my time zone is Berlin"), which is saved. The cities are the SDK's table
(``simulator.sdk.places``, the one the weather uses too), plus UTC itself. Time zones come from
Python's ``zoneinfo`` (with the ``tzdata`` package where the system has no zone database).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Annotated

from pydantic import BaseModel

from simulator.sdk import Response, SkillContext
from simulator.sdk.places import CITIES, CitySlot, Place, find_city
from simulator.sdk.slots import SlotEnv

from .core import skill

__all__ = ["UTC", "CityOrUtc", "clock_time"]

UTC = Place(
    name="UTC", country="Coordinated Universal Time", lat=0, lon=0, tz="UTC", aliases=["gmt"]
)
"""Not a city, but a time people ask for by name ("what time is it in GMT")."""
_UTC_WORDS = {("utc",), ("gmt",), ("greenwich",)}


class _CityOrUtcSlot(CitySlot):
    """A city of the SDK's table, or UTC."""

    def parse(self, tokens: Sequence[str], env: SlotEnv) -> object:
        """UTC for "utc", "gmt" or "greenwich"; otherwise the city these words name."""
        return UTC if tuple(tokens) in _UTC_WORDS else super().parse(tokens, env)


CityOrUtc = Annotated[Place, _CityOrUtcSlot()]
"""A city (the handler gets its `Place`) or UTC."""


def clock_time(moment: datetime) -> str:
    """ "9 AM", "1:35 PM": how the speaker says a time."""
    hour = moment.hour % 12 or 12
    suffix = "AM" if moment.hour < 12 else "PM"
    return f"{hour} {suffix}" if moment.minute == 0 else f"{hour}:{moment.minute:02d} {suffix}"


def _here(ctx: SkillContext) -> Place:
    """The speaker's own zone: the city the user named, else UTC."""
    saved = str(ctx.persistent.get("home_city", "utc"))
    return UTC if (saved.lower(),) in _UTC_WORDS else find_city(saved) or UTC


class CitySlots(BaseModel):
    """The slots of intents about a city."""

    city: CityOrUtc


# Asked when the city is missing or is not one of the table ("the time in Atlantis"): naming
# some that are is more help than a bare "which city?". (No free-text "{elsewhere}" templates
# here: they would teach the learned stage that any "in <words>" is a time question.)
_WHICH_CITY = f"Which city? I know {len(CITIES)}, like Paris, Tokyo and New York, and UTC."


@skill.intent(
    "TimeInCity",
    samples=[
        "what time is it [right now] in {city}",
        "(what is|whats) the [current|local] time in {city}",
        "what time is it in {city} [right] now",
        "[the] [local] time in {city}",
        "(tell me|do you know) the time in {city}",
        "what is the time [right] now in {city}",
        "what time (is it|it is) over in {city}",
    ],
    prompts={"city": _WHICH_CITY},
)
def time_in_city(ctx: SkillContext, slots: CitySlots) -> Response:
    """Tell the local time in a city, and how far ahead or behind it is."""
    city = slots.city
    home = _here(ctx)
    here = ctx.now().replace(tzinfo=home.zone())
    there = here.astimezone(city.zone())
    # Aware datetimes from zoneinfo always have an offset; `or` only satisfies the type.
    shift = (there.utcoffset() or timedelta(0)) - (here.utcoffset() or timedelta(0))
    hours = shift.total_seconds() / 3600
    day = "" if there.date() == here.date() else f" on {there:%A}"
    if hours == 0:
        relation = "the same time as here" if home != city else "where you are"
    else:
        amount = f"{abs(hours):g} hour{'' if abs(hours) == 1 else 's'}"
        relation = f"{amount} {'ahead of' if hours > 0 else 'behind'} {home.name}"
    return Response.speak(f"In {city.name} it's {clock_time(there)}{day}, {relation}.").card(
        city.name, f"{there:%H:%M %A} ({city.tz})"
    )


@skill.intent(
    "SetTimeZone",
    samples=[
        # "timezone" is how many people write it; as said, both forms.
        "my (time zone|timezone) is {city}",
        "(set|change) my (time zone|timezone) to {city}",
        "my home (time zone|timezone) is {city}",
        "use {city} time",
    ],
    prompts={"city": _WHICH_CITY},
)
def set_time_zone(ctx: SkillContext, slots: CitySlots) -> Response:
    """Remember which city's time the speaker's clock is in."""
    city = slots.city
    ctx.persistent["home_city"] = city.name
    return Response.speak(f"Okay, I'll take the speaker's clock to be {city.name} time.")
