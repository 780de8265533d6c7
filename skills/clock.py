"""Clock: the time and the date, read from the simulator's virtual clock.

Try: "what time is it", "what's the date", "what day is next friday".
In Chinese (``clock.zh-CN.yaml``): "现在几点了", "今天几号", "下周五是星期几".
"""

import datetime as dt

from pydantic import BaseModel

from simulator.sdk import Response, Skill, SkillContext, TimeOfDay

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


def _time_words(ctx: SkillContext, when: dt.datetime) -> str:
    """The time as this turn's language says it ("11:09 PM", "晚上11点09分")."""
    if ctx.chinese:
        return ctx.spoken(TimeOfDay(hour=when.hour, minute=when.minute, meridiem_given=True))
    return _spoken_time(when)


def _date_words(ctx: SkillContext, day: dt.date) -> str:
    """The date with its year in this turn's language."""
    if ctx.chinese:
        return f"{day.year}年{ctx.spoken(day)}"  # 2026年6月1日星期一
    return _spoken_date(day)


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
    return Response.speak(ctx.t("It's {time}.", time=_time_words(ctx, ctx.now())))


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
    return Response.speak(ctx.t("Today is {date}.", date=_date_words(ctx, ctx.now().date())))


class DaySlots(BaseModel):
    """The slots of DayOfWeek."""

    day: dt.date


@skill.intent(
    "DayOfWeek",
    samples=[
        "what day (is|was|will be) {day}",
        "what day of the week (is|was|will be) {day}",
        "(what|which) weekday (is|was|will be) {day}",
    ],
    prompts={"day": "Which date?"},
)
def day_of_week(ctx: SkillContext, slots: DaySlots) -> Response:
    """Say which weekday a date falls on."""
    today = ctx.now().date()
    day = slots.day
    if day == today:
        sentence = "{date} is a {weekday}."
    else:
        sentence = "{date} was a {weekday}." if day < today else "{date} will be a {weekday}."
    if ctx.chinese:
        date, weekday = (
            f"{day.year}年{day.month}月{day.day}日",
            "星期" + "一二三四五六日"[day.weekday()],
        )
    else:
        date, weekday = f"{day:%B} {day.day}, {day.year}", f"{day:%A}"
    return Response.speak(ctx.t(sentence, date=date, weekday=weekday))
