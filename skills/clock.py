"""Clock: the time and the date, read from the simulator's virtual clock.

Try: "what time is it", "what's the date", "what day is next friday".
"""

import datetime as dt

from pydantic import BaseModel

from simulator.sdk import Response, Skill, SkillContext

skill = Skill(
    "clock",
    description="Tells the time and the date",
    examples=("what time is it", "what's the date", "what day is next friday"),
)


def _spoken_time(when: dt.datetime) -> str:
    hour = when.hour % 12 or 12
    suffix = "AM" if when.hour < 12 else "PM"
    return f"{hour}:{when.minute:02d} {suffix}" if when.minute else f"{hour} {suffix}"


def _spoken_date(day: dt.date) -> str:
    return f"{day:%A}, {day:%B} {day.day}, {day.year}"


@skill.intent(
    "GetTime",
    samples=[
        "what time is it [now|right now]",
        "<what_is> the time [now|right now]",
        "tell me the time",
        "do you have the time",
        "time please",
    ],
)
def get_time(ctx: SkillContext) -> Response:
    """Say the current (virtual) time."""
    # ctx.now() is the virtual clock: it moves with ":advance 10m" and in tests.
    return Response.speak(f"It's {_spoken_time(ctx.now())}.")


@skill.intent(
    "GetDate",
    samples=[
        "<what_is> [the] date [today]",
        "<what_is> today's date",
        "what day is it [today]",
        "what is today",
    ],
)
def get_date(ctx: SkillContext) -> Response:
    """Say today's (virtual) date."""
    return Response.speak(f"Today is {_spoken_date(ctx.now().date())}.")


class DaySlots(BaseModel):
    """The slots of DayOfWeek."""

    day: dt.date


@skill.intent(
    "DayOfWeek",
    samples=[
        "what day (is|was|will be) {day}",
        "what day of the week (is|was|will be) {day}",
    ],
    prompts={"day": "Which date?"},
)
def day_of_week(ctx: SkillContext, slots: DaySlots) -> Response:
    """Say which weekday a date falls on."""
    today = ctx.now().date()
    verb = "is" if slots.day == today else ("was" if slots.day < today else "will be")
    return Response.speak(
        f"{slots.day:%B} {slots.day.day}, {slots.day.year} {verb} a {slots.day:%A}."
    )
