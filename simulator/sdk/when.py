"""Points in time as people say them: the `When` slot for alarms, reminders and calendars.

A `When` field takes the words people use for "when" in one slot, so a template stays short::

    class SetReminder(BaseModel):
        task: str
        when: When

    @skill.intent("SetReminder", samples=["remind me to {task} {when}"])

What the user can say (each part optional, in any of the usual orders):

================================  =====================================================
words                              value
================================  =====================================================
"at 7", "7 am", "half past six"    ``time``
"tomorrow", "on friday", "june 3"  ``date``
"tomorrow morning", "tonight"      ``date`` and ``part`` (morning/afternoon/evening/night)
"in 10 minutes", "an hour from now"  ``delay``
"every weekday", "on mondays",     ``days`` (a repeating time: weekday numbers, Monday = 0)
"daily", "every day at 7"
"next week", "this weekend",       ``date`` (the first day) and ``until`` (the last), with
"next month", "the rest of the     ``span`` saying which ("next week")
week"
================================  =====================================================

so "tomorrow at 7", "at 6:30 on friday", "every weekday at 7 am" and "this evening" all fill
one slot. Words that clearly try to be a time but cannot be one ("25 o'clock", "13 pm",
"february 30th") still fill the slot, with ``problem`` saying why, so a skill can answer
"There's no 25 o'clock" instead of "Sorry, I don't know that one".

A span of days ("what's on next week") is read as its first and last day: a skill that lists
or counts can use the whole span, one that needs a single day asks which ("Which day next
week?"); `DaySpan` is a slot that takes spans alone ("what's on my calendar {period}").

A `When` is a description, not a moment: :meth:`When.resolve` turns it into a datetime
relative to the virtual clock, reading an hour said without AM/PM sensibly ("lunch at 1" is
1 PM; "set an alarm for 7" at 06:50 is 7 AM today). :func:`spoken_moment` and
:func:`spoken_days` say a moment and a repeat pattern back the way a speaker would.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict

from simulator.nlu import parsers
from simulator.nlu.approximate import exact
from simulator.nlu.matcher import NO_VALUE
from simulator.nlu.values import Duration, TimeOfDay
from simulator.nlu.zh_values import is_zh_span
from simulator.nlu.zh_values import spoken_zh as _spoken_zh
from simulator.nlu.zh_when import (
    parse_when_zh,
    spoken_day_zh,
    spoken_days_zh,
    spoken_moment_zh,
    spoken_time_zh,
)
from simulator.sdk.slots import SlotEnv, SlotType, register_slot_type

__all__ = [
    "PART_HOURS",
    "DaySpan",
    "DaySpanSlot",
    "PartOfDay",
    "When",
    "WhenSlot",
    "next_on_days",
    "parse_span",
    "parse_when",
    "spoken_day",
    "spoken_days",
    "spoken_in_zh",
    "spoken_moment",
    "spoken_time",
]

PartOfDay = Literal["morning", "afternoon", "evening", "night"]
"""A part of the day, as in "tomorrow morning" or "this evening"."""

PART_HOURS: dict[str, tuple[int, int, int]] = {
    # part: (first hour, last hour + 1, default hour when no time is said)
    "morning": (5, 12, 9),
    "afternoon": (12, 18, 14),
    "evening": (17, 23, 18),
    "night": (18, 24, 20),
}
"""Hours each part of the day covers, and the hour used when only the part is said."""

_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAY_WORDS: dict[str, int] = {}
for _i, _name in enumerate(_WEEKDAY_NAMES):
    _WEEKDAY_WORDS[_name.lower()] = _i
    _WEEKDAY_WORDS[_name.lower() + "s"] = _i  # "on mondays"
_EVERY_DAY = (0, 1, 2, 3, 4, 5, 6)
_WEEKDAYS = (0, 1, 2, 3, 4)
_WEEKEND = (5, 6)
_REPEAT_WORDS: dict[tuple[str, ...], tuple[int, ...]] = {
    ("daily",): _EVERY_DAY,
    ("every", "day"): _EVERY_DAY,
    ("each", "day"): _EVERY_DAY,
    ("every", "single", "day"): _EVERY_DAY,
    ("every", "weekday"): _WEEKDAYS,
    ("every", "week", "day"): _WEEKDAYS,
    ("on", "weekdays"): _WEEKDAYS,
    ("weekdays",): _WEEKDAYS,
    ("on", "week", "days"): _WEEKDAYS,
    ("every", "workday"): _WEEKDAYS,
    ("every", "work", "day"): _WEEKDAYS,
    ("on", "workdays"): _WEEKDAYS,
    ("every", "weekend"): _WEEKEND,
    ("on", "weekends"): _WEEKEND,
    ("at", "weekends"): _WEEKEND,
    ("weekends",): _WEEKEND,
    ("on", "the", "weekend"): _WEEKEND,
    ("every", "saturday", "and", "sunday"): _WEEKEND,
}
_PARTS: dict[str, PartOfDay] = {
    "morning": "morning",
    "afternoon": "afternoon",
    "evening": "evening",
    "night": "night",
    "tonight": "night",
}
_CONNECTORS = frozenset({"at", "on", "for", "by", "around", "about"})
_MEAL_TIMES: dict[tuple[str, ...], TimeOfDay] = {
    words: TimeOfDay(hour=hour, minute=0, meridiem_given=True)
    for hour, names in (
        (8, ("breakfast", "breakfast time", "breakfasttime")),
        (12, ("lunch", "lunchtime", "lunch time")),
        (18, ("dinner", "dinnertime", "dinner time", "supper", "suppertime", "supper time")),
    )
    for words in (tuple(name.split()) for name in names)
}
"""Meals said as a time after a connector ("at lunch", "around dinner time"): their usual hour."""
_MONTH_WORDS = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ]
)


class When(BaseModel):
    """When something should happen, as the user said it (see the module docstring)."""

    model_config = ConfigDict(frozen=True)

    date: dt.date | None = None
    """The day, if one was said ("tomorrow" is already resolved against the virtual today)."""
    time: TimeOfDay | None = None
    """The clock time, if one was said; it may be ambiguous (no AM/PM)."""
    part: PartOfDay | None = None
    """A part of the day ("tomorrow morning", "tonight"), which also settles AM/PM."""
    delay: Duration | None = None
    """A delay from now ("in 10 minutes"); when set, nothing else is."""
    days: tuple[int, ...] = ()
    """For a repeating time: the weekdays it repeats on (Monday = 0); empty means once."""
    problem: str | None = None
    """Why the words cannot be a time ("there is no 25 o'clock"), or None when they can."""
    until: dt.date | None = None
    """For a span of days ("next week"): its last day (``date`` is its first); else None."""
    span: str | None = None
    """For a span of days: which, in a few words ("next week", "this weekend")."""

    @property
    def recurring(self) -> bool:
        """Whether this repeats ("every weekday at 7")."""
        return bool(self.days)

    @property
    def is_span(self) -> bool:
        """Whether this is a span of days ("next week"), not one day: ask which day if one is
        needed."""
        return self.until is not None

    @property
    def has_time(self) -> bool:
        """Whether a moment of the day was given: a time, a part of the day or a delay."""
        return self.time is not None or self.part is not None or self.delay is not None

    def clock_time(self, *, daytime: tuple[int, int] = (7, 19)) -> dt.time | None:
        """The time of day on the 24-hour clock, without a date (None if none was said).

        An hour said without AM/PM is read with the part of the day if one was said ("7
        tonight" is 19:00), else as the reading that falls within ``daytime`` (first hour,
        last hour + 1): with the default, 7 to 11 are mornings and 1 to 6 afternoons.
        """
        if self.time is None:
            if self.part is None:
                return None
            return dt.time(PART_HOURS[self.part][2], 0)
        hour = _pick_hour(self.time, self.part, daytime)
        return dt.time(hour, self.time.minute)

    def resolve(
        self, now: dt.datetime, *, daytime: tuple[int, int] = (7, 19)
    ) -> dt.datetime | None:
        """The first moment this means, seen from ``now`` (None when no time of day was said).

        A delay counts from ``now``. A time with no day is the next such time (an ambiguous
        hour takes whichever reading comes first: "7" at 06:50 is 07:00, at 08:00 it is
        19:00). A repeating time is its next occurrence. A day in the past gives a moment in
        the past: check ``result < now`` and say so.
        """
        if self.problem is not None:
            return None
        if self.delay is not None:
            return now + self.delay.timedelta
        if self.days:
            clock = self.clock_time(daytime=daytime)
            return None if clock is None else next_on_days(self.days, clock, now)
        ambiguous = self.time is not None and self.time.is_ambiguous and self.part is None
        if ambiguous and self.time is not None and self.date in (None, now.date()):
            moment = self.time.next_after(now)
            if self.date is None or moment.date() == self.date:
                return moment
        clock = self.clock_time(daytime=daytime)
        if clock is None:
            return None
        day = self.date
        if day is None:
            moment = dt.datetime.combine(now.date(), clock)
            return moment if moment > now else moment + dt.timedelta(days=1)
        return dt.datetime.combine(day, clock)

    def spoken(self) -> str:
        """The words for this, without reference to today ("June 2 at 7 AM")."""
        if self.problem is not None:
            return "that time"
        if self.delay is not None:
            return f"in {self.delay.spoken()}"
        parts: list[str] = []
        if self.days:
            parts.append(spoken_days(self.days))
        elif self.date is not None and self.until is not None:
            first, last = self.date, self.until
            parts.append(
                f"from {first:%A}, {first:%B} {first.day} to {last:%A}, {last:%B} {last.day}"
            )
        elif self.date is not None:
            parts.append(f"{self.date:%A}, {self.date:%B} {self.date.day}")
        if self.time is not None:
            parts.append(f"at {self.time.spoken()}")
        if self.part is not None:
            parts.append(f"in the {self.part}" if self.part != "night" else "at night")
        return " ".join(parts)

    def spoken_zh(self) -> str:
        """The words for this in Chinese ("6月2日周二早上7点", "每个工作日早上6点半", "10分钟后")."""
        if self.problem is not None:
            return "那个时间"
        if self.delay is not None:
            return f"{spoken_in_zh(self.delay)}后"
        parts: list[str] = []
        if self.days:
            parts.append(spoken_days_zh(self.days))
        elif self.date is not None:
            parts.append(spoken_in_zh(self.date))
        if self.time is not None and self.time.is_ambiguous and self.part is not None:
            parts.append(_PART_ZH[self.part] + spoken_in_zh(self.time))  # 明早七点: 早上7点
        elif self.time is not None:
            parts.append(spoken_in_zh(self.time))
        elif self.part is not None:
            parts.append(_PART_ZH[self.part])
        return "".join(parts)

    def to_json(self) -> dict[str, object]:
        """The value as JSON for the Turn."""
        return self.model_dump(mode="json", exclude_defaults=True)


_PART_ZH: dict[str, str] = {
    "morning": "早上",
    "afternoon": "下午",
    "evening": "晚上",
    "night": "夜里",
}


def spoken_in_zh(value: object) -> str:
    """A date, time or duration in Chinese (the NLU's `spoken_zh`), else as text."""
    said = _spoken_zh(value)
    return said if said is not None else str(value)


def _pick_hour(time: TimeOfDay, part: PartOfDay | None, daytime: tuple[int, int]) -> int:
    """The 24-hour hour of ``time``, settling AM/PM with the part of the day or ``daytime``."""
    if not time.is_ambiguous:
        return time.hour
    readings = (time.hour % 12, time.hour % 12 + 12)
    if part is not None:
        first, last, _ = PART_HOURS[part]
        for hour in readings:
            if first <= hour < last:
                return hour
        return readings[1] if part != "morning" else readings[0]
    start, end = daytime
    for hour in readings:
        if start <= hour < end:
            return hour
    return readings[0]


def next_on_days(days: Sequence[int], clock: dt.time, after: dt.datetime) -> dt.datetime:
    """The first moment strictly after ``after`` at ``clock`` on one of the weekdays ``days``.

    This is how a repeating alarm finds its next ring: call it again with the last ring.
    """
    wanted = set(days) or set(_EVERY_DAY)
    for ahead in range(8):
        day = after.date() + dt.timedelta(days=ahead)
        moment = dt.datetime.combine(day, clock)
        if day.weekday() in wanted and moment > after:
            return moment
    raise ValueError("no weekday to repeat on")  # unreachable: 8 days cover every weekday


def spoken_days(days: Sequence[int], language: str = "en") -> str:
    """ "every day", "every weekday", "every weekend", "every Monday and Wednesday" (in Chinese
    "每天", "每个工作日", "每个周末", "每周一和周三")."""
    if language.startswith("zh"):
        return spoken_days_zh(days)
    chosen = tuple(sorted(set(days)))
    if chosen == _EVERY_DAY:
        return "every day"
    if chosen == _WEEKDAYS:
        return "every weekday"
    if chosen == _WEEKEND:
        return "every weekend"
    names = [_WEEKDAY_NAMES[d] for d in chosen]
    return "every " + (", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else names[0])


def spoken_time(moment: dt.datetime | dt.time, language: str = "en") -> str:
    """ "7 AM", "6:30 PM", "noon", "midnight" (in Chinese "早上7点", "晚上6点半")."""
    if language.startswith("zh"):
        return spoken_time_zh(moment)
    if moment.hour == 12 and moment.minute == 0:
        return "noon"
    if moment.hour == 0 and moment.minute == 0:
        return "midnight"
    hour = moment.hour % 12 or 12
    suffix = "AM" if moment.hour < 12 else "PM"
    return f"{hour}:{moment.minute:02d} {suffix}" if moment.minute else f"{hour} {suffix}"


def spoken_day(day: dt.date, today: dt.date, language: str = "en") -> str:
    """ "today", "tomorrow", "on Friday" (within a week), else "on Friday, June 12" (in Chinese
    "今天", "明天", "周五", "6月12日周五")."""
    if language.startswith("zh"):
        return spoken_day_zh(day, today)
    ahead = (day - today).days
    if ahead == 0:
        return "today"
    if ahead == 1:
        return "tomorrow"
    if ahead == -1:
        return "yesterday"
    if 1 < ahead < 7:
        return f"on {day:%A}"
    return f"on {day:%A}, {day:%B} {day.day}"


def spoken_moment(moment: dt.datetime, now: dt.datetime, language: str = "en") -> str:
    """A moment said relative to ``now``: "today at 7 AM", "tomorrow at noon", "on Friday at 1 PM"
    (in Chinese "今天早上7点", "明天中午12点", "周五下午1点")."""
    if language.startswith("zh"):
        return spoken_moment_zh(moment, now)
    return f"{spoken_day(moment.date(), now.date())} at {spoken_time(moment)}"


# -- parsing --------------------------------------------------------------------------------

_Piece = tuple[str, object]


def _number(toks: Sequence[str]) -> int | None:
    value = parsers.parse_number(list(toks))
    if value is None or float(value) != int(value):
        return None
    return int(value)


def _bad_time(toks: tuple[str, ...]) -> str | None:
    """Why words shaped like a time are not one ("25 o'clock"), or None if they aren't time-shaped."""
    if not toks:
        return None
    tail = toks[-1]
    body = toks[:-1]
    if tail in ("o'clock", "oclock") or toks[-2:] == ("o", "clock"):
        body = toks[:-2] if toks[-2:] == ("o", "clock") else body
        hour = _number(body)
        if hour is not None and not 0 <= hour <= 12 and hour < 1000:
            return (
                f"there is no {hour} o'clock: hours go from 1 to 12, or 0 to 23 on a 24-hour clock"
            )
        return None
    if tail in ("am", "pm", "a.m.", "p.m.") or toks[-2:] in (("a", "m"), ("p", "m")):
        body = toks[:-2] if toks[-2:] in (("a", "m"), ("p", "m")) else body
        if len(body) == 1 and ":" in body[0]:
            hour_text, _, minute_text = body[0].partition(":")
            if hour_text.isdigit() and minute_text.isdigit():
                if int(minute_text) > 59:
                    return f"{body[0]} is not a time: minutes go up to 59"
                if not 1 <= int(hour_text) <= 12:
                    return f"there is no {hour_text} {tail.upper()}: with AM or PM, hours go from 1 to 12"
            return None
        hour = _number(body)
        if hour is not None and not 1 <= hour <= 12 and hour < 1000:
            return f"there is no {hour} {tail.upper()}: with AM or PM, hours go from 1 to 12"
        return None
    if len(toks) == 1 and ":" in tail:
        hour_text, _, minute_text = tail.partition(":")
        if hour_text.isdigit() and minute_text.isdigit():
            if int(hour_text) > 23:
                return f"{tail} is not a time: hours go up to 23"
            if int(minute_text) > 59:
                return f"{tail} is not a time: minutes go up to 59"
    return None


def _bad_date(toks: tuple[str, ...]) -> str | None:
    """Why a month and day are not a date ("february 30th", "the 31st of april"), or None.

    Only called for words the date parser turned down, so the words are checked for the
    one mistake named here: a day past the end of its month (February is allowed its 29th,
    since the year is not known here).
    """
    months = [i for i, t in enumerate(toks) if t in _MONTH_WORDS]
    if len(months) != 1:
        return None
    at = months[0]
    if at == 0:  # "february 30th", "february the 30th"
        rest = toks[1:]
    elif at == len(toks) - 1:  # "30th february", "the 30th of february"
        rest = toks[:at]
        if rest[-1:] == ("of",):
            rest = rest[:-1]
    else:
        return None
    if rest[:1] == ("the",):
        rest = rest[1:]
    if not rest:
        return None
    day = parsers.parse_ordinal(list(rest)) or _number(rest)
    month = toks[at]
    if day is None or day < 1 or day > 99 or day <= _MONTH_LENGTHS[month]:
        return None
    return f"{month.capitalize()} has no {day}{_suffix(day)}"


# The longest each month can be (February in a leap year).
_MONTH_LENGTHS = {
    name: calendar.monthrange(2024, number)[1]
    for number, name in enumerate(calendar.month_name[1:], start=1)
    for name in [name.lower()]
}


def _suffix(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def _repeat(toks: tuple[str, ...]) -> tuple[int, ...] | None:
    """ "every weekday", "daily", "on mondays and wednesdays", "every tuesday"."""
    known = _REPEAT_WORDS.get(toks)
    if known is not None:
        return known
    words = list(toks)
    every = False
    if words[:1] in (["every"], ["each"], ["on"]):
        every = words[0] != "on"
        words = words[1:]
    days: list[int] = []
    expect_day = True
    for word in words:
        if expect_day:
            day = _WEEKDAY_WORDS.get(word)
            if day is None:
                return None
            # "every monday" or plural "mondays": a bare "monday" is a date, not a repeat.
            if not every and not word.endswith("s"):
                return None
            days.append(day)
            expect_day = False
        elif word in ("and", "or"):
            expect_day = True
        else:
            return None
    if not days or expect_day:
        return None
    return tuple(sorted(set(days)))


def _piece(toks: tuple[str, ...], today: dt.date) -> list[_Piece]:
    """Every reading of ``toks`` as one piece of a `When`."""
    out: list[_Piece] = []
    body = toks[1:] if toks[0] in _CONNECTORS and len(toks) > 1 else toks
    time = parsers.parse_time_of_day(list(body))
    if time is None and body != toks:
        # "at lunch", "around lunchtime": a meal's usual hour, only after a connector ("lunch"
        # alone is a calendar event's title).
        time = _MEAL_TIMES.get(body)
    if time is not None:
        out.append(("time", time))
    elif (problem := _bad_time(body)) is not None:
        out.append(("problem", problem))
    elif toks[0] == "at" and (hour := _number(body)) is not None and 24 <= hour < 1000:
        out.append(("problem", f"there is no {hour} o'clock: hours go up to 23"))
    # "at friday" is not English (dates take "on"); "tonight" is a day and a part of it.
    if not (body != toks and toks[0] == "at") and body != ("tonight",):
        date = parsers.parse_date(list(body), today)
        if date is not None:
            out.append(("date", date))
        elif (problem := _bad_date(body)) is not None:
            out.append(("problem", problem))
    repeat = _repeat(toks)
    if repeat is not None:
        out.append(("days", repeat))
    if toks[0] == "for" and len(toks) > 1 and (delay := parsers.parse_duration(list(toks[1:]))):
        out.append(("delay", delay))  # "an alarm for 10 minutes" (from now)
    if toks[0] == "in" and len(toks) > 1:
        if toks[1:] in (("the", "morning"), ("the", "afternoon"), ("the", "evening")):
            out.append(("part", _PARTS[toks[2]]))
        else:
            duration = parsers.parse_duration(list(toks[1:]))
            if duration is not None:
                out.append(("delay", duration))
    if len(toks) > 2 and toks[-2:] == ("from", "now"):
        duration = parsers.parse_duration(list(toks[:-2]))
        if duration is not None:
            out.append(("delay", duration))
    # "this morning", "tomorrow evening", "friday night", "at night", "tonight"
    if len(toks) >= 2 and toks[-1] in _PARTS and toks[-1] != "tonight":
        part = _PARTS[toks[-1]]
        lead = toks[:-1]
        if lead in (("this",), ("at",), ("in", "the")):
            out.append(("part", part))
        else:
            # "on friday night", "for tomorrow morning", "by tomorrow evening": the day after
            # its connector.
            day = lead[1:] if lead[0] in ("on", "for", "by") and len(lead) > 1 else lead
            date = parsers.parse_date(list(day), today)
            if date is not None:
                out.append(("date+part", (date, part)))
    if toks in (("tonight",), ("later", "tonight"), ("for", "tonight"), ("by", "tonight")):
        out.append(("date+part", (today, "night")))
    if toks[-1] in ("morning", "evening", "night") and toks[:-1] in (("every",), ("each",)):
        out.append(("days+part", (_EVERY_DAY, _PARTS[toks[-1]])))
    # "next week", and "for next week", "over the weekend", "later this week".
    led = len(toks) > 1 and toks[0] in _SPAN_LEADS
    span = parse_span(toks[1:] if led else toks, today)
    if span is not None:
        out.append(("span", span))
    elif (numbered := _day_of_span(body, today)) is not None:
        out.append(numbered)
    return out


def _day_of_span(toks: tuple[str, ...], today: dt.date) -> _Piece | None:
    """A numbered day of a month span: "the first of next month", "the 15th of this month"
    (a date; a day the month does not have is a problem)."""
    if "of" not in toks:
        return None
    at = toks.index("of")
    span = parse_span(toks[at + 1 :], today)
    number = toks[1:at] if toks[:1] == ("the",) else toks[:at]
    if span is None or not span[2].endswith("month") or not number:
        return None
    nth = parsers.parse_ordinal(list(number))
    if nth is None:
        return None
    first = span[0].replace(day=1)
    if nth > _month_end(first).day:
        return ("problem", f"{first:%B} has no {nth}{_suffix(nth)}")
    return ("date", first.replace(day=nth))


# -- spans of days ----------------------------------------------------------------------------

_SPAN_LEADS = frozenset({"for", "on", "at", "over", "during", "in", "by", "sometime", "later"})
"""Words that may come before a span and change nothing: "for next week", "over the weekend",
"later this week"."""
_WEEKEND_WORDS = (("weekend",), ("the", "weekend"), ("this", "weekend"))
_WEEK_WORDS = (("this", "week"), ("the", "week"), ("the", "rest", "of", "the", "week"))
_MONTH_SPAN_WORDS = (("this", "month"), ("the", "rest", "of", "the", "month"))


def parse_span(tokens: Sequence[str], today: dt.date) -> tuple[dt.date, dt.date, str] | None:
    """A span of days ("next week", "this weekend", "next month") as its first and last day
    (from ``today`` on) and how to say it, or None. The words are the span alone: a `When`
    also takes it after "for", "over", "later" ("over the weekend").

    A week runs Monday to Sunday; "this week" is what is left of it, "the weekend" the coming
    (or current) Saturday and Sunday, "next weekend" the one after the next Monday.
    """
    toks = tuple(tokens)
    monday = today - dt.timedelta(days=today.weekday())
    if toks in _WEEK_WORDS:
        return today, monday + dt.timedelta(days=6), "this week"
    if toks == ("next", "week"):
        return monday + dt.timedelta(days=7), monday + dt.timedelta(days=13), "next week"
    if toks in _WEEKEND_WORDS:
        saturday = monday + dt.timedelta(days=5)
        return max(saturday, today), saturday + dt.timedelta(days=1), "this weekend"
    if toks == ("next", "weekend"):
        return monday + dt.timedelta(days=12), monday + dt.timedelta(days=13), "next weekend"
    first_of_month = today.replace(day=1)
    if toks in _MONTH_SPAN_WORDS:
        return today, _month_end(first_of_month), "this month"
    if toks == ("next", "month"):
        first = _month_end(first_of_month) + dt.timedelta(days=1)
        return first, _month_end(first), "next month"
    return None


def _month_end(first: dt.date) -> dt.date:
    """The last day of the month that ``first`` is in."""
    return first.replace(day=calendar.monthrange(first.year, first.month)[1])


def _combine(pieces: list[_Piece]) -> When | None:
    """One `When` from pieces that each say a different thing, or None if they clash."""
    fields: dict[str, object] = {}
    for kind, value in pieces:
        items: list[tuple[str, object]]
        if kind in ("date+part", "days+part") and isinstance(value, tuple):
            # A piece that says two things: a day (or a repeat) and a part of the day.
            items = [("date" if kind == "date+part" else "days", value[0]), ("part", value[1])]
        elif kind == "span" and isinstance(value, tuple):
            # A span says its first day, its last and its name.
            items = [("date", value[0]), ("until", value[1]), ("span", value[2])]
        else:
            items = [(kind, value)]
        for name, item in items:
            if name in fields:
                return None
            fields[name] = item
    if "delay" in fields and len(fields) > 1:
        return None  # "in 10 minutes on friday" says two different things
    if "days" in fields and "date" in fields:
        return None
    if "problem" in fields:
        return When(problem=str(fields["problem"]))
    if not fields:
        return None
    return When.model_validate(fields)


_MAX_ENGLISH_TOKENS = 9
"""The longest English "when" (the slot takes longer Chinese spans, counted in characters)."""


def parse_when(tokens: Sequence[str], today: dt.date) -> When | None:
    """Parse normalised words into a `When`, or None if they are not a "when".

    A "when" said approximately ("sometime around lunch", "about 7 tomorrow", "six-ish") is
    the one it is near (`approximate.exact`): a speaker sets one time.
    """
    toks = tuple(tokens)
    if not toks or len(toks) > _MAX_ENGLISH_TOKENS:
        return None
    found = _parse_when(toks, today)
    if found is None and (plain := exact(toks)) is not None:
        # Read as "about ...": the approximator a connector, so "around lunch" keeps the
        # connector a meal's time needs.
        found = _parse_when(("about", *plain), today)
    return found


def _parse_when(toks: tuple[str, ...], today: dt.date) -> When | None:
    """`parse_when` of the words as said."""
    # Split the words into at most three pieces (e.g. "every weekday" "at 7" "in the morning"),
    # each a time, a day, a part of the day, a repeat or a delay.
    best: When | None = None
    n = len(toks)
    for first in range(1, n + 1):
        for a in _piece(toks[:first], today):
            if first == n:
                candidate = _combine([a])
                if candidate is not None and (best is None or best.problem):
                    best = candidate
                continue
            rest = toks[first:]
            for second in range(1, len(rest) + 1):
                for b in _piece(rest[:second], today):
                    if second == len(rest):
                        candidate = _combine([a, b])
                        if candidate is not None and (best is None or best.problem):
                            best = candidate
                        continue
                    tail = rest[second:]
                    for c in _piece(tail, today):
                        candidate = _combine([a, b, c])
                        if candidate is not None and (best is None or best.problem):
                            best = candidate
            if best is not None and best.problem is None:
                return best
    return best


class WhenSlot(SlotType):
    """The parser behind `When`: a time, a day, both, a delay or a repeat (see the module).

    ``examples`` replaces the English example values, for a field where only some kinds of
    "when" make sense in sample sentences: a day to count to, say
    (``Annotated[When, WhenSlot(examples=("june 3rd", "friday"))]``); it parses the same.
    """

    kind = "when"
    # Chinese spans count characters: "每个工作日早上六点半" is ten.
    max_tokens = 14
    hint = "a time or a day, like 7 am tomorrow"

    def __init__(self, examples: Sequence[str] = ()) -> None:
        """Optionally give the example values sample sentences use (English)."""
        self._examples = tuple(examples)

    def parse(self, tokens: Sequence[str], env: SlotEnv) -> object:
        """Parse relative to the virtual today (Chinese words too: "明天早上七点")."""
        if is_zh_span(tokens):
            fields = parse_when_zh(tokens, env.today)
            return NO_VALUE if fields is None else When.model_validate(fields)
        value = parse_when(tokens, env.today)
        return NO_VALUE if value is None else value

    def examples(self, env: SlotEnv) -> Sequence[str]:
        """Spoken examples for sample utterances."""
        if env.language.startswith("zh"):
            return (
                "明天早上七点",
                "七点",
                "下午三点半",
                "每个工作日早上六点半",
                "今晚八点",
                "十分钟后",
            )
        if self._examples:
            return self._examples
        # Each reads well straight after a verb phrase ("set an alarm ...", "remind me ...").
        return (
            "at 7 am",
            "tomorrow at 7",
            "at 6:30 on friday",
            "every weekday at 7 am",
            "tonight at 8",
            "in 10 minutes",
        )


register_slot_type(When, WhenSlot())


class DaySpanSlot(SlotType):
    """The parser behind `DaySpan`: a span of days alone ("next week", "the weekend")."""

    kind = "span"
    max_tokens = 6
    hint = "a span of days, like next week"

    def __init__(self, examples: Sequence[str] = ()) -> None:
        """Optionally give the example values sample sentences use."""
        self._examples = tuple(examples)

    def parse(self, tokens: Sequence[str], env: SlotEnv) -> object:
        """A `When` with ``date``, ``until`` and ``span`` set, or ``NO_VALUE``."""
        found = parse_span(tokens, env.today)
        if found is None:
            return NO_VALUE
        first, last, said = found
        return When(date=first, until=last, span=said)

    def examples(self, env: SlotEnv) -> Sequence[str]:
        """Spoken examples for sample utterances."""
        return self._examples or ("this week", "next week", "the weekend", "next month")


DaySpan = Annotated[When, DaySpanSlot()]
"""A slot for a span of days alone: "what's on my calendar {period}" takes "next week", "the
weekend" or "next month" (a `When` whose ``date`` and ``until`` are the first and last day)."""
