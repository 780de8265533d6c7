"""Table-driven tests for the slot-value parsers, number words and value models."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from pydantic import ValidationError

from simulator.nlu.numbers import NUMBER_WORDS, number_to_words, parse_number_words
from simulator.nlu.parsers import (
    COLOUR_ALIASES,
    COLOUR_NAMES,
    EXAMPLES,
    parse_colour,
    parse_date,
    parse_duration,
    parse_number,
    parse_ordinal,
    parse_percent,
    parse_temperature,
    parse_time_of_day,
)
from simulator.nlu.values import Colour, Duration, Temperature, TimeOfDay, format_quantity

# A Wednesday, so that "this/next/last <weekday>" have interesting answers.
TODAY = dt.date(2026, 6, 10)
assert TODAY.weekday() == 2


def toks(text: str) -> list[str]:
    """Split like the normaliser would have (our inputs are already normalised)."""
    return text.split()


# --------------------------------------------------------------------------------------------
# Numbers
# --------------------------------------------------------------------------------------------

NUMBER_CASES: list[tuple[str, float]] = [
    ("0", 0),
    ("25", 25),
    ("7.5", 7.5),
    ("-3", -3),
    ("1,000", 1000),
    ("1000", 1000),
    ("2.0", 2),
    ("zero", 0),
    ("nought", 0),
    ("five", 5),
    ("thirteen", 13),
    ("twenty", 20),
    ("twenty five", 25),
    ("ninety nine", 99),
    ("hundred", 100),
    ("a hundred", 100),
    ("one hundred", 100),
    ("one hundred and five", 105),
    ("one hundred five", 105),
    ("two hundred and thirty four", 234),
    ("nineteen hundred", 1900),
    ("5 hundred", 500),
    ("a thousand", 1000),
    ("one thousand and five", 1005),
    ("two thousand and twenty seven", 2027),
    ("three thousand four hundred and fifty six", 3456),
    ("a million", 1_000_000),
    ("two million three hundred thousand", 2_300_000),
    ("250 thousand", 250_000),
    ("two point five", 2.5),
    ("point five", 0.5),
    ("three point one four", 3.14),
    ("one point oh five", 1.05),
    ("half", 0.5),
    ("a half", 0.5),
    ("a quarter", 0.25),
    ("three quarters", 0.75),
    ("one and a half", 1.5),
    ("two and a half", 2.5),
    ("2 and a half", 2.5),
    ("ten and a quarter", 10.25),
    ("one and three quarters", 1.75),
    ("a dozen", 12),
    ("two dozen", 24),
    ("half a dozen", 6),
    ("minus five", -5),
    ("negative twenty", -20),
    ("minus 3", -3),
    ("minus two point five", -2.5),
]

NUMBER_REJECTS: list[str] = [
    "",
    "five minutes",
    "the five",
    "five five",
    "twenty thirty",
    "twenty zero",
    "thousand thousand",
    "two thousand two million",
    "minus",
    "minus -3",
    "point",
    "two point",
    "two point twelve",
    "and",
    "a",
    "five and",
    "one hundred and",
    "zero thousand",
    "1.2.3",
    "1,00",
    "fifty percent",
    "hello",
    "one two three",
]


@pytest.mark.parametrize(("text", "expected"), NUMBER_CASES)
def test_parse_number(text: str, expected: float) -> None:
    value = parse_number(toks(text))
    assert value == expected
    assert parse_number_words(toks(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected_type"),
    [
        ("25", int),
        ("2.0", int),
        ("two point five", float),
        ("half", float),
        ("one and a half", float),
    ],
)
def test_parse_number_returns_int_when_integral(text: str, expected_type: type) -> None:
    assert type(parse_number(toks(text))) is expected_type


@pytest.mark.parametrize("text", NUMBER_REJECTS)
def test_parse_number_rejects(text: str) -> None:
    assert parse_number(toks(text)) is None


@pytest.mark.parametrize(
    "n", [*range(0, 130), 999, 1000, 1001, 1010, 1100, 2027, 12_345, 100_000, 1_000_005, -7, -1234]
)
def test_number_to_words_round_trips(n: int) -> None:
    words = number_to_words(n)
    assert "-" not in words.replace("minus", "")
    assert parse_number_words(words.split()) == n


@pytest.mark.parametrize(
    ("n", "words"),
    [(0, "zero"), (21, "twenty one"), (105, "one hundred and five"), (-5, "minus five")],
)
def test_number_to_words_examples(n: int, words: str) -> None:
    assert number_to_words(n) == words


def test_number_words_vocabulary() -> None:
    for word in ("twenty", "hundred", "thousand", "half", "point", "minus", "and", "a"):
        assert word in NUMBER_WORDS
    assert "5" not in NUMBER_WORDS
    assert "minutes" not in NUMBER_WORDS


# --------------------------------------------------------------------------------------------
# Ordinals
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("first", 1),
        ("second", 2),
        ("third", 3),
        ("fifth", 5),
        ("twelfth", 12),
        ("twentieth", 20),
        ("twenty first", 21),
        ("thirty second", 32),
        ("ninety ninth", 99),
        ("one hundredth", 100),
        ("hundredth", 100),
        ("one hundred and first", 101),
        ("1st", 1),
        ("2nd", 2),
        ("3rd", 3),
        ("4th", 4),
        ("11th", 11),
        ("12th", 12),
        ("13th", 13),
        ("21st", 21),
        ("22nd", 22),
        ("23rd", 23),
        ("111th", 111),
        ("23 rd", 23),
    ],
)
def test_parse_ordinal(text: str, expected: int) -> None:
    assert parse_ordinal(toks(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "last",
        "next",
        "one",
        "21",
        "0th",
        "1th",
        "2st",
        "11st",
        "the first",
        "first one",
        "twenty",
        "a hundredth",
        "minus first",
        "one first",
        "twenty twenty first",
        "first second",
        "5 first",
    ],
)
def test_parse_ordinal_rejects(text: str) -> None:
    assert parse_ordinal(toks(text)) is None


# --------------------------------------------------------------------------------------------
# Percent
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("50 %", 50.0),
        ("50%", 50.0),
        ("50 percent", 50.0),
        ("50 per cent", 50.0),
        ("fifty percent", 50.0),
        ("one hundred percent", 100.0),
        ("hundred percent", 100.0),
        ("7.5 %", 7.5),
        ("50", 50.0),
        ("twenty", 20.0),
        ("half", 50.0),
        ("halfway", 50.0),
        ("a quarter", 25.0),
        ("three quarters", 75.0),
        ("full", 100.0),
        ("max", 100.0),
        ("maximum", 100.0),
        ("min", 0.0),
        ("minimum", 0.0),
        ("zero", 0.0),
        ("half percent", 0.5),
        ("150 percent", 150.0),
        ("minus 5 percent", -5.0),
    ],
)
def test_parse_percent(text: str, expected: float) -> None:
    value = parse_percent(toks(text))
    assert value == expected
    assert isinstance(value, float)


@pytest.mark.parametrize(
    "text", ["", "percent", "%", "fifty percent please", "to 50 percent", "50 % %", "full blast"]
)
def test_parse_percent_rejects(text: str) -> None:
    assert parse_percent(toks(text)) is None


# --------------------------------------------------------------------------------------------
# Temperature
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("21", 21.0, None),
        ("21 degrees", 21.0, None),
        ("1 degree", 1.0, None),
        ("21 °", 21.0, None),
        ("21 ° c", 21.0, "C"),
        ("21 °c", 21.0, "C"),
        ("21 c", 21.0, "C"),
        ("21c", 21.0, "C"),
        ("70f", 70.0, "F"),
        ("21 degrees celsius", 21.0, "C"),
        ("21 centigrade", 21.0, "C"),
        ("70 fahrenheit", 70.0, "F"),
        ("70 degrees f", 70.0, "F"),
        ("twenty one degrees celsius", 21.0, "C"),
        ("seventy degrees fahrenheit", 70.0, "F"),
        ("21.5 degrees", 21.5, None),
        ("twenty one and a half degrees", 21.5, None),
        ("minus 3 degrees", -3.0, None),
        ("-3 °", -3.0, None),
    ],
)
def test_parse_temperature(text: str, value: float, unit: str | None) -> None:
    assert parse_temperature(toks(text)) == Temperature(value=value, unit=unit)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "degrees",
        "celsius",
        "° c",
        "21 degrees please",
        "21 celsius degrees",
        "warm",
        "21 degrees degrees",
        "to 21",
    ],
)
def test_parse_temperature_rejects(text: str) -> None:
    assert parse_temperature(toks(text)) is None


# --------------------------------------------------------------------------------------------
# Duration
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("90 seconds", 90),
        ("1 second", 1),
        ("a second", 1),
        ("5 minutes", 300),
        ("5 mins", 300),
        ("10 min", 600),
        ("10min", 600),
        ("5mins", 300),
        ("1hr 30mins", 5400),
        ("five minutes", 300),
        ("an hour", 3600),
        ("one hour", 3600),
        ("2 hrs", 7200),
        ("an hour and a half", 5400),
        ("half an hour", 1800),
        ("a half hour", 1800),
        ("half hour", 1800),
        ("1 hour 30 minutes", 5400),
        ("1 hour and 30 minutes", 5400),
        ("one hour and fifteen minutes", 4500),
        ("a minute and a half", 90),
        ("two and a half hours", 9000),
        ("quarter of an hour", 900),
        ("a quarter of an hour", 900),
        ("three quarters of an hour", 2700),
        ("1.5 hours", 5400),
        ("a day", 86400),
        ("2 days", 172800),
        ("a week", 604800),
        ("a couple of minutes", 120),
        ("1 hour 2 minutes 3 seconds", 3723),
        ("an hour thirty", 5400),
        ("a minute 10", 70),
        ("twenty five minutes", 1500),
        ("an hour and a quarter", 4500),
        ("0 hours 30 minutes", 1800),
    ],
)
def test_parse_duration(text: str, seconds: float) -> None:
    assert parse_duration(toks(text)) == Duration(seconds=seconds)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "90",
        "five",
        "minutes",
        "hour",
        "0 minutes",
        "zero seconds",
        "minus 5 minutes",
        "five minutes please",
        "for five minutes",
        "5 minutes 5 minutes",
        "30 minutes 1 hour",
        "an hour and",
        "an hour 75",
        "a day 10",
        "5 minutes and",
        "the hour",
        "five minute timer",
    ],
)
def test_parse_duration_rejects(text: str) -> None:
    assert parse_duration(toks(text)) is None


# --------------------------------------------------------------------------------------------
# Time of day
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "hour", "minute", "given"),
    [
        ("7", 7, 0, False),
        ("seven", 7, 0, False),
        ("12", 12, 0, False),
        ("7 am", 7, 0, True),
        ("7 a m", 7, 0, True),
        ("7 a.m.", 7, 0, True),
        ("7 pm", 19, 0, True),
        ("7 p m", 19, 0, True),
        ("12 am", 0, 0, True),
        ("12 pm", 12, 0, True),
        ("7:30", 7, 30, False),
        ("7.30", 7, 30, False),
        ("7:30 pm", 19, 30, True),
        ("7 30 pm", 19, 30, True),
        ("seven thirty", 7, 30, False),
        ("seven thirty am", 7, 30, True),
        ("seven oh five", 7, 5, False),
        ("7 05", 7, 5, False),
        ("nineteen forty five", 19, 45, False),
        ("half past six", 6, 30, False),
        ("half six", 6, 30, False),  # British and Irish: half past six
        ("quarter past 7", 7, 15, False),
        ("a quarter past seven", 7, 15, False),
        ("quarter to eight", 7, 45, False),
        ("quarter to one", 12, 45, False),
        ("ten past nine", 9, 10, False),
        ("ten after nine", 9, 10, False),
        ("twenty five minutes to ten", 9, 35, False),
        ("noon", 12, 0, True),
        ("midday", 12, 0, True),
        ("12 noon", 12, 0, True),
        ("midnight", 0, 0, True),
        ("6 o'clock", 6, 0, False),
        ("6 o clock", 6, 0, False),
        ("six oclock", 6, 0, False),
        ("6 o'clock pm", 18, 0, True),
        ("19:00", 19, 0, False),
        ("00:15", 0, 15, False),
        ("7 in the morning", 7, 0, True),
        ("7pm", 19, 0, True),
        ("6:30pm", 18, 30, True),
        ("11am", 11, 0, True),
        ("7 in the evening", 19, 0, True),
        ("3 in the afternoon", 15, 0, True),
        ("half past six in the evening", 18, 30, True),
        ("eleven at night", 23, 0, True),
        ("two at night", 2, 0, True),
        ("twelve at night", 0, 0, True),
    ],
)
def test_parse_time_of_day(text: str, hour: int, minute: int, given: bool) -> None:
    assert parse_time_of_day(toks(text)) == TimeOfDay(
        hour=hour, minute=minute, meridiem_given=given
    )


@pytest.mark.parametrize(
    "text",
    [
        "",
        "am",
        "pm",
        "24",
        "25:00",
        "7:60",
        "19 pm",
        "19:00 pm",
        "0 am",
        "13 am",
        "7 5",
        "seven five",
        "seven sixty",
        "half to seven",
        "tonight at 8",
        "at 7",
        "7 pm please",
        "in 5 minutes",
        "7 o'clock o'clock",
        "thirty past seven",
        "7 am pm",
        "7xm",
        "7pmpm",
        "five to midnight",  # not supported: "midnight" is not an hour word
    ],
)
def test_parse_time_of_day_rejects(text: str) -> None:
    assert parse_time_of_day(toks(text)) is None


# --------------------------------------------------------------------------------------------
# Date
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", TODAY),
        ("tomorrow", dt.date(2026, 6, 11)),
        ("yesterday", dt.date(2026, 6, 9)),
        ("the day after tomorrow", dt.date(2026, 6, 12)),
        ("day after tomorrow", dt.date(2026, 6, 12)),
        ("the day before yesterday", dt.date(2026, 6, 8)),
        # Weekdays, today being Wednesday 10 June 2026.
        ("wednesday", TODAY),
        ("this wednesday", TODAY),
        ("friday", dt.date(2026, 6, 12)),
        ("this friday", dt.date(2026, 6, 12)),
        ("monday", dt.date(2026, 6, 15)),
        ("next friday", dt.date(2026, 6, 19)),
        ("next monday", dt.date(2026, 6, 15)),
        ("next wednesday", dt.date(2026, 6, 17)),
        ("last friday", dt.date(2026, 6, 5)),
        ("last wednesday", dt.date(2026, 6, 3)),
        ("last tuesday", dt.date(2026, 6, 9)),
        ("fri", dt.date(2026, 6, 12)),
        # Month and day.
        ("june 10th", TODAY),
        ("june 12th", dt.date(2026, 6, 12)),
        ("june 3rd", dt.date(2027, 6, 3)),
        ("june 3", dt.date(2027, 6, 3)),
        ("june third", dt.date(2027, 6, 3)),
        ("june the third", dt.date(2027, 6, 3)),
        ("december twenty fifth", dt.date(2026, 12, 25)),
        ("3rd of june", dt.date(2027, 6, 3)),
        ("the 3rd of june", dt.date(2027, 6, 3)),
        ("the third of june", dt.date(2027, 6, 3)),
        ("3 june", dt.date(2027, 6, 3)),
        ("3 june 2027", dt.date(2027, 6, 3)),
        ("june 3rd 2030", dt.date(2030, 6, 3)),
        ("june 3 2025", dt.date(2025, 6, 3)),
        ("the first of march twenty twenty eight", dt.date(2028, 3, 1)),
        ("july fourth two thousand and twenty six", dt.date(2026, 7, 4)),
        ("sept 1st", dt.date(2026, 9, 1)),
        ("february 29th", dt.date(2028, 2, 29)),
        ("29 february 2028", dt.date(2028, 2, 29)),
        # ISO.
        ("2027-06-03", dt.date(2027, 6, 3)),
        ("2027 06 03", dt.date(2027, 6, 3)),
        ("2027 6 3", dt.date(2027, 6, 3)),
        # Day of this (or next) month.
        ("the 3rd", dt.date(2026, 7, 3)),
        ("the third", dt.date(2026, 7, 3)),
        ("the 20th", dt.date(2026, 6, 20)),
        ("20th", dt.date(2026, 6, 20)),
        ("the 31st", dt.date(2026, 7, 31)),
        ("the tenth", TODAY),
        # Offsets.
        ("in 3 days", dt.date(2026, 6, 13)),
        ("in three days", dt.date(2026, 6, 13)),
        ("in a day", dt.date(2026, 6, 11)),
        ("in two weeks", dt.date(2026, 6, 24)),
        ("in a week", dt.date(2026, 6, 17)),
        ("in a fortnight", dt.date(2026, 6, 24)),
        ("in a month", dt.date(2026, 7, 10)),
        ("in 2 years", dt.date(2028, 6, 10)),
        ("in 3 days time", dt.date(2026, 6, 13)),
        ("3 days from now", dt.date(2026, 6, 13)),
        ("a week from today", dt.date(2026, 6, 17)),
        ("a week from tomorrow", dt.date(2026, 6, 18)),
        ("a week today", dt.date(2026, 6, 17)),
    ],
)
def test_parse_date(text: str, expected: dt.date) -> None:
    assert parse_date(toks(text), TODAY) == expected


@pytest.mark.parametrize(
    ("text", "today", "expected"),
    [
        ("the 31st", dt.date(2026, 1, 31), dt.date(2026, 1, 31)),
        ("the 30th", dt.date(2026, 1, 31), dt.date(2026, 3, 30)),
        ("in a month", dt.date(2026, 1, 31), dt.date(2026, 2, 28)),
        ("january 5th", dt.date(2026, 12, 31), dt.date(2027, 1, 5)),
        ("next sunday", dt.date(2026, 6, 14), dt.date(2026, 6, 21)),
        ("sunday", dt.date(2026, 6, 14), dt.date(2026, 6, 14)),
        ("tomorrow", dt.date(2026, 12, 31), dt.date(2027, 1, 1)),
    ],
)
def test_parse_date_edges(text: str, today: dt.date, expected: dt.date) -> None:
    assert parse_date(toks(text), today) == expected


@pytest.mark.parametrize(
    ("text", "today", "expected"),
    [
        # Fixed-date occasions: the next one on or after today, or in the year said.
        ("christmas", dt.date(2026, 6, 10), dt.date(2026, 12, 25)),
        ("christmas day", dt.date(2026, 12, 26), dt.date(2027, 12, 25)),
        ("xmas eve", dt.date(2026, 12, 24), dt.date(2026, 12, 24)),
        ("new year's day", dt.date(2026, 6, 10), dt.date(2027, 1, 1)),
        ("new years eve next year", dt.date(2026, 6, 10), dt.date(2027, 12, 31)),
        ("halloween last year", dt.date(2026, 6, 10), dt.date(2025, 10, 31)),
        ("valentine's day 2028", dt.date(2026, 6, 10), dt.date(2028, 2, 14)),
        ("the christmas this year", dt.date(2026, 12, 26), dt.date(2026, 12, 25)),
    ],
)
def test_parse_date_reads_fixed_date_occasions(
    text: str, today: dt.date, expected: dt.date
) -> None:
    assert parse_date(toks(text), today) == expected


@pytest.mark.parametrize(
    "text", ["christmas morning", "halloween party", "easter", "christmas 27", "new day"]
)
def test_parse_date_reads_no_other_occasion_words(text: str) -> None:
    assert parse_date(toks(text), TODAY) is None


def test_parse_date_accepts_datetime_as_today() -> None:
    assert parse_date(["tomorrow"], dt.datetime(2026, 6, 10, 23, 59)) == dt.date(2026, 6, 11)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "june",
        "friday friday",
        "on friday",
        "next",
        "february 30th",
        "february 30 2026",
        "30th of february",
        "february 29 2026",
        "2027-02-30",
        "2027 13 01",
        "june 32nd",
        "the 32nd",
        "the 3",
        "3",
        "june 3rd please",
        "tomorrow morning",
        "in days",
        "in minus 3 days",
        "in 3",
        "in 3 hours",
        "3 days",
        "june 3rd 27",
        "june twenty twenty seven",
        "next week",
        "the day after",
    ],
)
def test_parse_date_rejects(text: str) -> None:
    assert parse_date(toks(text), TODAY) is None


def test_parse_date_overflow_is_none() -> None:
    assert parse_date(toks("in 99999999 years"), TODAY) is None
    assert parse_date(toks("tomorrow"), dt.date.max) is None


# --------------------------------------------------------------------------------------------
# Colour
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("red", "red"),
        ("blue", "blue"),
        ("warm white", "warm white"),
        ("cool white", "cool white"),
        ("grey", "grey"),
        ("gray", "grey"),
        ("light green", "light green"),
        ("navy blue", "navy"),
        ("aqua", "cyan"),
        ("turquoise", "turquoise"),
        ("lavender", "lavender"),
    ],
)
def test_parse_colour(text: str, name: str) -> None:
    colour = parse_colour(toks(text))
    assert colour is not None
    assert colour.name == name
    assert colour.spoken() == name


@pytest.mark.parametrize("text", ["", "warm", "white warm", "red please", "the red", "radish", "5"])
def test_parse_colour_rejects(text: str) -> None:
    assert parse_colour(toks(text)) is None


def test_colour_table() -> None:
    assert len(COLOUR_NAMES) >= 30
    for name in (
        "red",
        "orange",
        "yellow",
        "green",
        "blue",
        "purple",
        "pink",
        "white",
        "warm white",
        "cool white",
        "cyan",
        "magenta",
        "teal",
        "turquoise",
        "lavender",
        "violet",
        "indigo",
        "gold",
        "amber",
        "lime",
        "navy",
        "crimson",
        "coral",
        "salmon",
    ):
        assert name in COLOUR_NAMES
    for name in COLOUR_NAMES:
        colour = parse_colour(name.split())
        assert colour is not None and colour.name == name
    for alias, name in COLOUR_ALIASES.items():
        assert name in COLOUR_NAMES
        colour = parse_colour(alias.split())
        assert colour is not None and colour.name == name


# --------------------------------------------------------------------------------------------
# Robustness and examples
# --------------------------------------------------------------------------------------------

ALL_PARSERS: list[Any] = [
    parse_number,
    parse_ordinal,
    parse_percent,
    parse_temperature,
    parse_duration,
    parse_time_of_day,
    parse_colour,
    lambda t: parse_date(t, TODAY),
    parse_number_words,
]

WEIRD_INPUTS: list[Any] = [
    [],
    [""],
    [" "],
    ["-"],
    ["."],
    [":"],
    ["%"],
    ["°"],
    ["1" * 5000],
    ["9" * 30 + ".5"],
    ["1e400"],
    ["nan"],
    ["inf"],
    ["99:99"],
    ["and"] * 50,
    ["a"],
    ["the"],
    [None],
    [5],
    "five",
    ["twenty", "twenty", "twenty"],
    ["point", "point"],
    ["minus", "minus", "five"],
    ["2027-99-99"],
    ["99999-01-01"],
]


@pytest.mark.parametrize("parser", ALL_PARSERS)
@pytest.mark.parametrize("tokens", WEIRD_INPUTS)
def test_parsers_never_raise(parser: Any, tokens: Any) -> None:
    parser(tokens)  # must simply return (a value or None)


def test_parsers_accept_tuples_and_lists_alike() -> None:
    assert parse_duration(("5", "minutes")) == parse_duration(["5", "minutes"])


EXAMPLE_PARSERS: dict[str, Any] = {
    "number": parse_number,
    "ordinal": parse_ordinal,
    "percent": parse_percent,
    "temperature": parse_temperature,
    "duration": parse_duration,
    "time": parse_time_of_day,
    "date": lambda t: parse_date(t, TODAY),
    "colour": parse_colour,
}


def test_examples_cover_every_kind() -> None:
    assert set(EXAMPLES) == set(EXAMPLE_PARSERS)
    assert all(len(examples) >= 3 for examples in EXAMPLES.values())


@pytest.mark.parametrize(
    ("kind", "example"), [(kind, ex) for kind, examples in EXAMPLES.items() for ex in examples]
)
def test_every_example_parses(kind: str, example: str) -> None:
    assert EXAMPLE_PARSERS[kind](example.split()) is not None


# --------------------------------------------------------------------------------------------
# Value models
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("seconds", "spoken"),
    [
        (0, "0 seconds"),
        (1, "1 second"),
        (0.5, "0.5 seconds"),
        (45, "45 seconds"),
        (90, "1 minute and 30 seconds"),
        (300, "5 minutes"),
        (3600, "1 hour"),
        (5400, "1 hour and 30 minutes"),
        (3723, "1 hour, 2 minutes and 3 seconds"),
        (86400 + 7200, "1 day and 2 hours"),
        (60.4, "1 minute"),
    ],
)
def test_duration_spoken(seconds: float, spoken: str) -> None:
    assert Duration(seconds=seconds).spoken() == spoken


def test_duration_spoken_from_parser() -> None:
    parsed = parse_duration(toks("an hour and a half"))
    assert parsed is not None and parsed.spoken() == "1 hour and 30 minutes"


def test_duration_timedelta_round_trip() -> None:
    duration = Duration(seconds=5400)
    assert duration.timedelta == dt.timedelta(hours=1, minutes=30)
    assert Duration.from_timedelta(dt.timedelta(minutes=5)) == Duration(seconds=300)


def test_duration_validation() -> None:
    with pytest.raises(ValidationError):
        Duration(seconds=-1)
    with pytest.raises(ValidationError):
        Duration(seconds=float("inf"))
    with pytest.raises(ValidationError):
        Duration(seconds=5).seconds = 6  # type: ignore[misc]


@pytest.mark.parametrize(
    ("time", "spoken"),
    [
        (TimeOfDay(hour=7, minute=0, meridiem_given=True), "7 AM"),
        (TimeOfDay(hour=18, minute=30, meridiem_given=True), "6:30 PM"),
        (TimeOfDay(hour=12, minute=0, meridiem_given=True), "noon"),
        (TimeOfDay(hour=0, minute=0, meridiem_given=True), "midnight"),
        (TimeOfDay(hour=0, minute=30, meridiem_given=True), "12:30 AM"),
        (TimeOfDay(hour=19, minute=5, meridiem_given=False), "7:05 PM"),
        (TimeOfDay(hour=7, minute=0, meridiem_given=False), "7 o'clock"),
        (TimeOfDay(hour=7, minute=30, meridiem_given=False), "7:30"),
    ],
)
def test_time_of_day_spoken(time: TimeOfDay, spoken: str) -> None:
    assert time.spoken() == spoken


@pytest.mark.parametrize(
    ("text", "now", "expected"),
    [
        ("7", dt.datetime(2026, 6, 10, 8, 0), dt.datetime(2026, 6, 10, 19, 0)),
        ("7", dt.datetime(2026, 6, 10, 6, 0), dt.datetime(2026, 6, 10, 7, 0)),
        ("7", dt.datetime(2026, 6, 10, 20, 0), dt.datetime(2026, 6, 11, 7, 0)),
        ("7", dt.datetime(2026, 6, 10, 7, 0), dt.datetime(2026, 6, 10, 19, 0)),
        ("7 am", dt.datetime(2026, 6, 10, 8, 0), dt.datetime(2026, 6, 11, 7, 0)),
        ("7 pm", dt.datetime(2026, 6, 10, 8, 0), dt.datetime(2026, 6, 10, 19, 0)),
        ("12", dt.datetime(2026, 6, 10, 13, 0), dt.datetime(2026, 6, 11, 0, 0)),
        ("12", dt.datetime(2026, 6, 10, 9, 0), dt.datetime(2026, 6, 10, 12, 0)),
        ("19:00", dt.datetime(2026, 6, 10, 20, 0), dt.datetime(2026, 6, 11, 19, 0)),
        ("midnight", dt.datetime(2026, 6, 10, 20, 0), dt.datetime(2026, 6, 11, 0, 0)),
        ("half past six", dt.datetime(2026, 6, 10, 12, 0), dt.datetime(2026, 6, 10, 18, 30)),
    ],
)
def test_time_of_day_next_after(text: str, now: dt.datetime, expected: dt.datetime) -> None:
    parsed = parse_time_of_day(toks(text))
    assert parsed is not None
    assert parsed.next_after(now) == expected


def test_time_of_day_next_after_keeps_timezone() -> None:
    now = dt.datetime(2026, 6, 10, 8, 0, tzinfo=dt.UTC)
    result = TimeOfDay(hour=9, minute=0, meridiem_given=True).next_after(now)
    assert result == dt.datetime(2026, 6, 10, 9, 0, tzinfo=dt.UTC)


def test_time_of_day_to_time_and_validation() -> None:
    assert TimeOfDay(hour=6, minute=30, meridiem_given=True).to_time() == dt.time(6, 30)
    with pytest.raises(ValidationError):
        TimeOfDay(hour=24, minute=0, meridiem_given=False)
    with pytest.raises(ValidationError):
        TimeOfDay(hour=1, minute=60, meridiem_given=False)


@pytest.mark.parametrize(
    ("temperature", "spoken"),
    [
        (Temperature(value=21, unit=None), "21 degrees"),
        (Temperature(value=70, unit="F"), "70 degrees Fahrenheit"),
        (Temperature(value=21.5, unit="C"), "21.5 degrees Celsius"),
        (Temperature(value=1, unit=None), "1 degree"),
        (Temperature(value=-3, unit=None), "minus 3 degrees"),
    ],
)
def test_temperature_spoken(temperature: Temperature, spoken: str) -> None:
    assert temperature.spoken() == spoken


def test_temperature_conversion() -> None:
    assert Temperature(value=212, unit="F").to_celsius() == pytest.approx(100)
    assert Temperature(value=21, unit="C").to_celsius() == 21
    assert Temperature(value=68, unit=None).to_celsius(default_unit="F") == pytest.approx(20)
    assert Temperature(value=68, unit=None).to_celsius() == 68
    assert Temperature(value=100, unit="C").to_fahrenheit() == pytest.approx(212)


def test_colour_validation() -> None:
    assert Colour(name="red", hue=0, saturation=100).spoken() == "red"
    with pytest.raises(ValidationError):
        Colour(name="red", hue=400, saturation=100)
    with pytest.raises(ValidationError):
        Colour(name="red", hue=0, saturation=101)


@pytest.mark.parametrize(
    ("value", "text"), [(5.0, "5"), (21.5, "21.5"), (-3, "minus 3"), (0.125, "0.12"), (-0.001, "0")]
)
def test_format_quantity(value: float, text: str) -> None:
    assert format_quantity(value) == text
