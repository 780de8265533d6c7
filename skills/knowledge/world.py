"""The time in another city: "what time is it in Tokyo".

The virtual clock has no time zone of its own; the speaker's zone is UTC until the user says
where they are ("my time zone is Berlin"), which is saved. Time zones come from Python's
``zoneinfo`` (with the ``tzdata`` package where the system has no zone database).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Annotated
from zoneinfo import ZoneInfo

from pydantic import BaseModel

from simulator.sdk import Response, SkillContext, SlotList

from .core import CITIES, skill

__all__ = ["CityName", "clock_time"]

CityName = Annotated[
    str, SlotList("city", {name: [name, *city.aliases] for name, city in CITIES.items()})
]


def clock_time(moment: datetime) -> str:
    """ "9 AM", "1:35 PM": how the speaker says a time."""
    hour = moment.hour % 12 or 12
    suffix = "AM" if moment.hour < 12 else "PM"
    return f"{hour} {suffix}" if moment.minute == 0 else f"{hour}:{moment.minute:02d} {suffix}"


def _title(name: str) -> str:
    return "UTC" if name == "utc" else name.title()


def _here(ctx: SkillContext) -> tuple[str, ZoneInfo]:
    home = str(ctx.persistent.get("home_city", "utc"))
    city = CITIES.get(home, CITIES["utc"])
    return home, ZoneInfo(city.tz)


class CitySlots(BaseModel):
    """The slots of intents about a city."""

    city: CityName


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
    prompts={"city": "Which city?"},
)
def time_in_city(ctx: SkillContext, slots: CitySlots) -> Response:
    """Tell the local time in a city, and how far ahead or behind it is."""
    home, zone = _here(ctx)
    here = ctx.now().replace(tzinfo=zone)
    there = here.astimezone(ZoneInfo(CITIES[slots.city].tz))
    # Aware datetimes from zoneinfo always have an offset; `or` only satisfies the type.
    shift = (there.utcoffset() or timedelta(0)) - (here.utcoffset() or timedelta(0))
    hours = shift.total_seconds() / 3600
    day = "" if there.date() == here.date() else f" on {there:%A}"
    if hours == 0:
        relation = "the same time as here" if home != slots.city else "where you are"
    else:
        amount = f"{abs(hours):g} hour{'' if abs(hours) == 1 else 's'}"
        relation = f"{amount} {'ahead of' if hours > 0 else 'behind'} {_title(home)}"
    return Response.speak(
        f"In {_title(slots.city)} it's {clock_time(there)}{day}, {relation}."
    ).card(_title(slots.city), f"{there:%H:%M %A} ({CITIES[slots.city].tz})")


@skill.intent(
    "SetTimeZone",
    samples=[
        "my time zone is {city}",
        "(set|change) my time zone to {city}",
        "my home time zone is {city}",
        "use {city} time",
    ],
    prompts={"city": "Which city's time zone?"},
)
def set_time_zone(ctx: SkillContext, slots: CitySlots) -> Response:
    """Remember which city's time the speaker's clock is in."""
    ctx.persistent["home_city"] = slots.city
    return Response.speak(f"Okay, I'll take the speaker's clock to be {_title(slots.city)} time.")
