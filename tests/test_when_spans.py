"""Spans of days as a `When` ("next week", "this weekend", "next month"), and the skills that
take one: a calendar or a forecast reads the whole span, an alarm or an event asks which day."""

from __future__ import annotations

import datetime as dt

import pytest

from simulator.nlu.matcher import NO_VALUE
from simulator.sdk.slots import SlotEnv
from simulator.sdk.testing import Conversation
from simulator.sdk.when import DaySpanSlot, parse_span, parse_when

WEDNESDAY = dt.date(2026, 6, 3)
NOW = dt.datetime(2026, 6, 3, 9, 0)  # a Wednesday


@pytest.mark.parametrize(
    ("words", "first", "last", "said"),
    [
        ("next week", dt.date(2026, 6, 8), dt.date(2026, 6, 14), "next week"),
        ("for next week", dt.date(2026, 6, 8), dt.date(2026, 6, 14), "next week"),
        ("this week", WEDNESDAY, dt.date(2026, 6, 7), "this week"),
        ("the rest of the week", WEDNESDAY, dt.date(2026, 6, 7), "this week"),
        ("later this week", WEDNESDAY, dt.date(2026, 6, 7), "this week"),
        ("this weekend", dt.date(2026, 6, 6), dt.date(2026, 6, 7), "this weekend"),
        ("over the weekend", dt.date(2026, 6, 6), dt.date(2026, 6, 7), "this weekend"),
        ("next weekend", dt.date(2026, 6, 13), dt.date(2026, 6, 14), "next weekend"),
        ("this month", WEDNESDAY, dt.date(2026, 6, 30), "this month"),
        ("next month", dt.date(2026, 7, 1), dt.date(2026, 7, 31), "next month"),
    ],
)
def test_a_span_is_its_first_and_last_day(
    words: str, first: dt.date, last: dt.date, said: str
) -> None:
    # The span alone for the slot; after "for", "over" or "later" too for a `When`.
    bare = words.split()[1:] if words.split()[0] in ("for", "over", "later") else words.split()
    assert parse_span(bare, WEDNESDAY) == (first, last, said)
    if bare != words.split():
        assert parse_span(words.split(), WEDNESDAY) is None
    when = parse_when(words.split(), WEDNESDAY)
    assert when is not None and when.is_span
    assert (when.date, when.until, when.span) == (first, last, said)


def test_spans_at_the_edges_of_weeks_months_and_years() -> None:
    sunday = dt.date(2026, 6, 7)
    assert parse_span(["this", "weekend"], sunday) == (sunday, sunday, "this weekend")
    december = dt.date(2026, 12, 30)
    assert parse_span(["next", "month"], december) == (
        dt.date(2027, 1, 1),
        dt.date(2027, 1, 31),
        "next month",
    )
    january = dt.date(2028, 1, 31)  # next month is a leap February
    assert parse_span(["next", "month"], january) == (
        dt.date(2028, 2, 1),
        dt.date(2028, 2, 29),
        "next month",
    )


def test_a_span_keeps_the_readings_that_were_there_before() -> None:
    # "on the weekend" still repeats; a day is still one day; "in a fortnight" is a day.
    weekend = parse_when(["on", "the", "weekend"], WEDNESDAY)
    assert weekend is not None and weekend.days == (5, 6) and not weekend.is_span
    friday = parse_when(["friday"], WEDNESDAY)
    assert friday is not None and friday.until is None
    fortnight = parse_when(["in", "a", "fortnight"], WEDNESDAY)
    assert fortnight is not None and fortnight.date == dt.date(2026, 6, 17)
    assert parse_span(["next", "friday"], WEDNESDAY) is None
    assert parse_when(["next", "week", "on", "friday"], WEDNESDAY) is None  # two different days


def test_the_span_slot_takes_spans_alone() -> None:
    env = SlotEnv(today=WEDNESDAY)
    assert DaySpanSlot().parse(["tomorrow"], env) is NO_VALUE
    value = DaySpanSlot().parse(["next", "month"], env)
    assert value is not NO_VALUE and getattr(value, "span", None) == "next month"


@pytest.mark.parametrize(
    ("said", "reply"),
    [
        ("what's on my calendar next month", "There's nothing on your calendar next month."),
        ("what have i got on next week", "There's nothing on your calendar next week."),
        ("set an alarm for next week", "Which day next week?"),
        ("remind me to water the plants this weekend", "Which day this weekend?"),
        ("add the school play next week", "Which day next week is the school play?"),
        (
            "what's the weather this weekend",
            "Simulated weather, not a real forecast. The weekend in",
        ),
        ("what's the weather next month", "I only have simulated weather for the next 7 days."),
        ("what's the weather next weekend", "I only have simulated weather for the next 7 days."),
    ],
)
def test_skills_read_a_span_or_ask_which_day(said: str, reply: str) -> None:
    conv = Conversation(now=NOW)
    try:
        speech = conv.say(said).speech
        assert speech is not None and speech.startswith(reply), speech
    finally:
        conv.close()


def test_the_days_of_a_span_in_a_forecast_and_a_calendar() -> None:
    conv = Conversation(now=NOW)
    try:
        conv.say("add the school play on friday at 6 pm")
        conv.say("add a haircut on june 20 at 10 am")
        this_week = conv.say("what's on my calendar this week").speech or ""
        assert "school play" in this_week and "haircut" not in this_week
        month = conv.say("what's on my calendar this month").speech or ""
        assert "school play" in month and "haircut" in month
        weather = conv.say("what's the weather this week").speech or ""
        for day in ("Wednesday", "Thursday", "Friday", "Saturday", "Sunday"):
            assert day in weather
        assert "Monday" not in weather
        rain = conv.say("will it rain this week").speech or ""
        assert "this week" in rain and "weekend" not in rain
    finally:
        conv.close()


def test_a_numbered_day_of_a_month_span_is_a_date() -> None:
    first = parse_when(["the", "first", "of", "next", "month"], WEDNESDAY)
    assert first is not None and first.date == dt.date(2026, 7, 1) and not first.is_span
    mid = parse_when(["on", "the", "20th", "of", "this", "month", "at", "9"], WEDNESDAY)
    assert mid is not None and mid.date == dt.date(2026, 6, 20) and mid.time is not None
    june = dt.date(2026, 5, 20)  # next month is June, which has 30 days
    missing = parse_when(["the", "31st", "of", "next", "month"], june)
    assert missing is not None and missing.problem == "June has no 31st"
    assert parse_when(["the", "first", "of", "next", "week"], WEDNESDAY) is None
