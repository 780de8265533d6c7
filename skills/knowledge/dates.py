"""Days until a date: "how many days until christmas", "how long until june 3rd"."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import BaseModel

from simulator.sdk import Duration, Response, SkillContext, SlotList, When
from simulator.sdk.when import WhenSlot, spoken_moment

from .core import skill

__all__ = ["HOLIDAYS"]

# Fixed-date occasions people count down to: name -> (month, day).
HOLIDAYS: dict[str, tuple[int, int]] = {
    "christmas": (12, 25),
    "christmas eve": (12, 24),
    "new years day": (1, 1),
    "new years eve": (12, 31),
    "halloween": (10, 31),
    "valentines day": (2, 14),
}
Holiday = Annotated[
    str,
    SlotList(
        "holiday",
        {
            "christmas": ["christmas day", "xmas"],
            "christmas eve": [],
            "new years day": ["new year", "new years", "new year's day"],
            "new years eve": ["new year's eve"],
            "halloween": [],
            "valentines day": ["valentine's day", "valentines"],
        },
    ),
]


def _next(today: dt.date, month: int, day: int) -> dt.date:
    this_year = dt.date(today.year, month, day)
    return this_year if this_year >= today else dt.date(today.year + 1, month, day)


def _count(ctx: SkillContext, when: dt.date, name: str | None) -> Response:
    today = ctx.now().date()
    days = (when - today).days
    on = f"{when:%A}, {when:%B} {when.day}, {when.year}"
    if days == 0:
        return Response.speak(f"{name or 'That'} is today!")
    if days < 0:
        ago = -days
        return Response.speak(
            f"{on} was {ago} day{'s' if ago != 1 else ''} ago, so there's nothing left to wait for."
        )
    weeks = f", about {days // 7} weeks" if days >= 14 else ""
    return Response.speak(
        f"There {'is' if days == 1 else 'are'} {days} day{'s' if days != 1 else ''}{weeks} "
        f"until {on if name is None else name + ', ' + on}."
    ).card("Countdown", f"{days} days until {name}")


# Declared before DaysUntil: an occasion is a date too ("christmas" parses as one), and of two
# readings as sure, the first declared wins; the occasion's own answer names it.
class HolidaySlots(BaseModel):
    """The slots of DaysUntilHoliday."""

    holiday: Holiday


@skill.intent(
    "DaysUntilHoliday",
    samples=[
        "how many (days|sleeps) (until|till|to|before) {holiday}",
        "how many days are (left|there) (until|till|before) {holiday}",
        "how long (is it|is left) (until|till) {holiday}",
        "how long (until|till) {holiday}",
        "when is {holiday}",
        "is it {holiday} yet",
    ],
    prompts={"holiday": "Which holiday?"},
)
def days_until_holiday(ctx: SkillContext, slots: HolidaySlots) -> Response:
    """Count the days to the next Christmas, Halloween, New Year ..."""
    month, day = HOLIDAYS[slots.holiday]
    names = {"new years day": "New Year's Day", "new years eve": "New Year's Eve"}
    name = names.get(slots.holiday, slots.holiday.title().replace("Valentines", "Valentine's"))
    return _count(ctx, _next(ctx.now().date(), month, day), name)


class DateSlots(BaseModel):
    """The slots of DaysUntil."""

    # A `When`, not a bare date: it also takes words that try to be a date and cannot
    # ("the 30th of february"), with the reason, instead of losing them to another reading.
    date: Annotated[
        When,
        WhenSlot(examples=("june 3rd", "friday", "the 25th of december", "next monday")),
    ]


@skill.intent(
    "DaysUntil",
    samples=[
        "how many days (until|till|to|before) {date}",
        "how many days are (left|there) (until|till|before) {date}",
        "how long (is it|is left) (until|till) {date}",
        "how long (until|till) {date}",
        "count the days (until|till|to) {date}",
        "how many days away is {date}",
    ],
    prompts={"date": "Until which date?"},
)
def days_until(ctx: SkillContext, slots: DateSlots) -> Response:
    """Count the days from today to a date."""
    when = slots.date
    if when.problem is not None:
        return Response.speak(
            f"{when.problem[0].upper()}{when.problem[1:]}, so there's no such date to count to."
        ).with_error("VALUE_OUT_OF_RANGE", when.problem)
    if when.date is not None:
        return _count(ctx, when.date, None)
    now = ctx.now()
    moment = when.resolve(now)
    if moment is None or when.recurring:
        return Response.elicit("date", "Until which date? Say a day, like June 3rd.")
    # A time without a day ("how long until 5 pm"): the wait in hours and minutes.
    minutes = max(1, round((moment - now).total_seconds() / 60))
    wait = Duration(seconds=minutes * 60).spoken()
    return Response.speak(f"It's {wait} until {spoken_moment(moment, now)}.")
