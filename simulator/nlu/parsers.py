"""Slot-value parsers: turn a span of normalised tokens into a typed value.

Every parser takes the *whole* span and returns either a value or ``None``; it never
accepts a prefix and never raises. The template matcher relies on both properties: it
tries spans of several lengths for each ``{slot}`` and keeps the ones whose parser says
yes, so a parser that accepted ``["five", "minutes", "please"]`` would steal words from the
rest of the template, and one that raised would crash the whole utterance.

Tokens arrive already normalised (lower-case, hyphens turned into spaces, ``%`` and ``°``
split into their own tokens, decimals and ``6:30`` kept whole, contractions expanded).

Design choices worth knowing about (see each parser for the full list of forms):

* Percent: "half" is 50, "full"/"max"/"maximum" 100 and "min"/"minimum" 0; a bare number
  is accepted and out-of-range values are returned as-is for the skill to reject.
* Duration: a bare number without a unit is *not* a duration; zero/negative totals are
  rejected; units must go from larger to smaller ("1 hour 30 minutes").
* Time of day: a time without AM/PM keeps the hour as spoken and is marked ambiguous
  (see :class:`~simulator.nlu.values.TimeOfDay`).
* Date: a bare weekday ("friday") or "this friday" is the next such day *on or after*
  today (so today if today is Friday); "next friday" is the Friday of next calendar week
  (weeks start on Monday); "last friday" is the most recent one strictly before today.
  A month and day without a year ("june 3rd") is the next such date on or after today; "the
  3rd" is this month's if not yet past, else the next month that has that day.

Lookup tables are built once at import time and results are memoised on the token tuple,
because the matcher calls these functions many times per utterance.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from collections.abc import Callable, Mapping, Sequence
from types import MappingProxyType
from typing import ParamSpec, TypeVar

from simulator.nlu.approximate import exact, ish_stem, vague_count
from simulator.nlu.numbers import number_to_words, parse_number_words
from simulator.nlu.values import Colour, Duration, Temperature, TemperatureUnit, TimeOfDay
from simulator.nlu.zh_values import (
    is_zh_span,
    parse_colour_name_zh,
    parse_date_zh,
    parse_duration_zh,
    parse_number_zh,
    parse_ordinal_zh,
    parse_percent_zh,
    parse_temperature_zh,
    parse_time_zh,
)

__all__ = [
    "COLOURS",
    "COLOUR_ALIASES",
    "COLOUR_NAMES",
    "EXAMPLES",
    "VALUE_WORDS",
    "parse_colour",
    "parse_date",
    "parse_duration",
    "parse_number",
    "parse_ordinal",
    "parse_percent",
    "parse_temperature",
    "parse_time_of_day",
]

_P = ParamSpec("_P")
_T = TypeVar("_T")

Tokens = tuple[str, ...]

#: No slot value we parse is anywhere near this long; rejecting long spans up front keeps
#: the matcher's exploratory probes cheap.
_MAX_TOKENS = 12
_CACHE_SIZE = 4096


def _never_raises(func: Callable[_P, _T | None]) -> Callable[_P, _T | None]:
    """Turn any exception into ``None`` ("no match").

    The parsers are written not to raise, but they run on arbitrary user text inside the
    matcher's inner loop; an unforeseen bug (or a date overflow such as "in 9999999 years")
    must degrade to "this span is not a value" rather than abort the whole utterance.
    """

    @functools.wraps(func)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _T | None:
        try:
            return func(*args, **kwargs)
        except Exception:
            return None

    return wrapper


def _tokens(tokens: Sequence[str]) -> Tokens | None:
    """Freeze ``tokens`` into a hashable tuple, or ``None`` if unusable or too long."""
    toks = tuple(tokens)
    if not toks or len(toks) > _MAX_TOKENS or not all(isinstance(t, str) for t in toks):
        return None
    return toks


# The normaliser keeps "7pm", "6:30pm", "5mins" and "21c" as single tokens (letters and
# digits are both word characters), so parsers that expect a unit split them first.
_ATTACHED_RE = re.compile(r"^(-?\d+(?:[.:]\d+)?)([a-z]+)$")


def _split_attached(toks: Tokens, suffixes: frozenset[str]) -> Tokens:
    """Split tokens such as ``"7pm"`` into ``("7", "pm")`` when the suffix is in ``suffixes``."""
    if not any(t[:1].isdigit() or t[:1] == "-" for t in toks):
        return toks  # fast path: nothing that could be a number with a suffix
    out: list[str] = []
    for tok in toks:
        match = _ATTACHED_RE.match(tok)
        if match and match.group(2) in suffixes:
            out.extend(match.groups())
        else:
            out.append(tok)
    return tuple(out)


def _int_value(toks: Tokens) -> int | None:
    """Parse ``toks`` as a number that must be a whole number."""
    value = parse_number_words(toks)
    return value if isinstance(value, int) else None


# ============================================================================================
# Numbers and ordinals
# ============================================================================================


@_never_raises
def parse_number(tokens: Sequence[str]) -> int | float | None:
    """Parse a whole span as a number ("25", "7.5", "twenty five", "two and a half").

    Returns ``int`` when integral. See :func:`simulator.nlu.numbers.parse_number_words`.
    """
    toks = _tokens(tokens)
    if toks is not None and is_zh_span(toks):
        return parse_number_zh(toks)  # Chinese: simulator.nlu.zh_values
    return None if toks is None else _approximately(_number, toks)


@functools.lru_cache(maxsize=_CACHE_SIZE)
def _number(toks: Tokens) -> int | float | None:
    """Memoised core of :func:`parse_number`: a number, or a count said vaguely ("a couple of",
    "a few")."""
    value = parse_number_words(toks)
    return vague_count(toks) if value is None else value


def _approximately(core: Callable[[Tokens], _T | None], toks: Tokens) -> _T | None:
    """``core``'s value of ``toks``, or of the value inside an approximation ("about 25
    minutes", "six ish", "sevenish": `approximate.exact`): a speaker acts on one value, the
    one it is near."""
    value = core(toks)
    if value is not None:
        return value
    plain = exact(toks)
    return None if plain is None else core(plain)


_ORDINAL_TO_CARDINAL: dict[str, str] = {
    "first": "one",
    "second": "two",
    "third": "three",
    "fourth": "four",
    "fifth": "five",
    "sixth": "six",
    "seventh": "seven",
    "eighth": "eight",
    "ninth": "nine",
    "tenth": "ten",
    "eleventh": "eleven",
    "twelfth": "twelve",
    "thirteenth": "thirteen",
    "fourteenth": "fourteen",
    "fifteenth": "fifteen",
    "sixteenth": "sixteen",
    "seventeenth": "seventeen",
    "eighteenth": "eighteen",
    "nineteenth": "nineteen",
    "twentieth": "twenty",
    "thirtieth": "thirty",
    "fortieth": "forty",
    "fiftieth": "fifty",
    "sixtieth": "sixty",
    "seventieth": "seventy",
    "eightieth": "eighty",
    "ninetieth": "ninety",
    "hundredth": "hundred",
    "thousandth": "thousand",
    "millionth": "million",
}
#: Words that may precede the final ordinal word ("twenty first", "one hundred and first").
#: Deliberately excludes "a", "point", "half", signs and digits: "a hundredth" and "minus
#: first" are not positive ordinals.
_ORDINAL_PREFIX_WORDS: frozenset[str] = frozenset(
    {number_to_words(n) for n in range(1, 20)}
    | {number_to_words(n) for n in range(20, 100, 10)}
    | {"hundred", "thousand", "million", "and"}
)
_ORDINAL_DIGITS_RE = re.compile(r"^(\d{1,9})(st|nd|rd|th)$")
_ORDINAL_SUFFIXES = frozenset({"st", "nd", "rd", "th"})


def _ordinal_suffix(n: int) -> str:
    """The correct English suffix for ``n``: 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st."""
    if 11 <= n % 100 <= 13:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


@functools.lru_cache(maxsize=_CACHE_SIZE)
def _ordinal(toks: Tokens) -> int | None:
    """Memoised core of :func:`parse_ordinal`."""
    if len(toks) == 2 and toks[1] in _ORDINAL_SUFFIXES:
        toks = (toks[0] + toks[1],)  # the normaliser may split "23rd" into "23 rd"
    if len(toks) == 1:
        match = _ORDINAL_DIGITS_RE.match(toks[0])
        if match:
            n = int(match.group(1))
            # Insist on the right suffix so "1th"/"2st" (usually ASR noise) are not values.
            return n if n > 0 and match.group(2) == _ordinal_suffix(n) else None
    last = _ORDINAL_TO_CARDINAL.get(toks[-1])
    if last is None or any(t not in _ORDINAL_PREFIX_WORDS for t in toks[:-1]):
        return None
    # "twenty first" is an ordinal exactly when "twenty one" is a cardinal, so reuse the
    # number grammar instead of writing a second one.
    value = _int_value((*toks[:-1], last))
    return value if value is not None and value > 0 else None


@_never_raises
def parse_ordinal(tokens: Sequence[str]) -> int | None:
    """Parse a positive ordinal: "first", "twenty first", "one hundredth", "1st", "23rd".

    Only positive ordinals; relative words such as "last" or "next" are not ordinals here.
    Digit forms must carry the correct suffix ("21st", not "21th").
    """
    toks = _tokens(tokens)
    if toks is not None and is_zh_span(toks):
        return parse_ordinal_zh(toks)
    return None if toks is None else _ordinal(toks)


# ============================================================================================
# Percent
# ============================================================================================

_PERCENT_SUFFIXES: tuple[Tokens, ...] = (("per", "cent"), ("percent",), ("%",), ("pc",))
#: Words that name a level without a number. Choices: "min"/"minimum" is 0 (the skill may
#: clamp it to its own minimum), fractions of a whole are scaled to percent.
_PERCENT_WORDS: dict[Tokens, float] = {
    ("half",): 50.0,
    ("halfway",): 50.0,
    ("a", "half"): 50.0,
    ("quarter",): 25.0,
    ("a", "quarter"): 25.0,
    ("three", "quarters"): 75.0,
    ("one", "quarter"): 25.0,
    # Thirds in whole percent, as a level is set: "a third open" is 33 %.
    ("a", "third"): 33.0,
    ("one", "third"): 33.0,
    ("two", "thirds"): 67.0,
    ("half", "way"): 50.0,
    ("full",): 100.0,
    ("max",): 100.0,
    ("maximum",): 100.0,
    ("min",): 0.0,
    ("minimum",): 0.0,
}
_PERCENT_TOKEN_RE = re.compile(r"^(-?\d+(?:\.\d+)?)%$")


@functools.lru_cache(maxsize=_CACHE_SIZE)
def _percent(toks: Tokens) -> float | None:
    """Memoised core of :func:`parse_percent`."""
    if len(toks) == 1:
        match = _PERCENT_TOKEN_RE.match(toks[0])  # in case "50%" arrives unsplit
        if match:
            return float(match.group(1))
    for suffix in _PERCENT_SUFFIXES:
        if len(toks) > len(suffix) and toks[-len(suffix) :] == suffix:
            # With an explicit "percent" the number is literal: "half a percent" is 0.5.
            value = parse_number_words(toks[: -len(suffix)])
            return None if value is None else float(value)
    named = _PERCENT_WORDS.get(toks)
    if named is not None:
        return named
    value = parse_number_words(toks)
    return None if value is None else float(value)


@_never_raises
def parse_percent(tokens: Sequence[str]) -> float | None:
    """Parse a percentage: "50 %", "50 percent", "fifty per cent", "50", "half", "max".

    "half"/"halfway" → 50, "a quarter" → 25, "three quarters" → 75, "full"/"max"/"maximum"
    → 100, "min"/"minimum" → 0. A bare number is accepted because templates often say "to
    {brightness} percent". Values outside 0..100 are returned unchanged: the skill, not the
    parser, tells the user the value is out of range.
    """
    toks = _tokens(tokens)
    if toks is not None and is_zh_span(toks):
        return parse_percent_zh(toks)
    return None if toks is None else _approximately(_percent, toks)


# ============================================================================================
# Temperature
# ============================================================================================

_TEMPERATURE_UNITS: dict[str, TemperatureUnit] = {
    "c": "C",
    "celsius": "C",
    "centigrade": "C",
    "°c": "C",
    "f": "F",
    "fahrenheit": "F",
    "°f": "F",
}
_DEGREE_WORDS = frozenset({"degrees", "degree", "°", "deg", "degs"})
_TEMPERATURE_SUFFIXES = frozenset({"c", "f", "degrees", "deg"})


@functools.lru_cache(maxsize=_CACHE_SIZE)
def _temperature(toks: Tokens) -> Temperature | None:
    """Memoised core of :func:`parse_temperature`."""
    toks = _split_attached(toks, _TEMPERATURE_SUFFIXES)
    unit: TemperatureUnit | None = None
    if toks and toks[-1] in _TEMPERATURE_UNITS:
        unit, toks = _TEMPERATURE_UNITS[toks[-1]], toks[:-1]
    if toks and toks[-1] in _DEGREE_WORDS:
        toks = toks[:-1]
    # Not a vague count: "a couple of degrees" is an amount to change by (a number slot before
    # "degrees"), never a temperature to set.
    value = parse_number_words(toks) if toks else None
    return None if value is None else Temperature(value=float(value), unit=unit)


@_never_raises
def parse_temperature(tokens: Sequence[str]) -> Temperature | None:
    """Parse a temperature: "21", "21 degrees", "21 ° c", "70 fahrenheit", "minus 3 degrees".

    The shape is ``number [degree|degrees|°] [c|celsius|centigrade|f|fahrenheit]``; the unit
    is ``None`` when not said. No range check is made here.
    """
    toks = _tokens(tokens)
    if toks is not None and is_zh_span(toks):
        return parse_temperature_zh(toks)
    return None if toks is None else _approximately(_temperature, toks)


# ============================================================================================
# Duration
# ============================================================================================

_DURATION_UNITS: dict[str, int] = {
    "second": 1,
    "seconds": 1,
    "sec": 1,
    "secs": 1,
    "minute": 60,
    "minutes": 60,
    "min": 60,
    "mins": 60,
    "hour": 3_600,
    "hours": 3_600,
    "hr": 3_600,
    "hrs": 3_600,
    "day": 86_400,
    "days": 86_400,
    "week": 604_800,
    "weeks": 604_800,
}
_DURATION_UNIT_WORDS = frozenset(_DURATION_UNITS)
#: Quantities that only make sense in front of a unit ("half an hour", "a quarter of an hour").
_DURATION_QUANTITIES: dict[Tokens, float] = {
    ("a",): 1,
    ("an",): 1,
    ("half", "a"): 0.5,
    ("half", "an"): 0.5,
    ("quarter", "of", "a"): 0.25,
    ("quarter", "of", "an"): 0.25,
    ("a", "quarter", "of", "a"): 0.25,
    ("a", "quarter", "of", "an"): 0.25,
    ("three", "quarters", "of", "a"): 0.75,
    ("three", "quarters", "of", "an"): 0.75,
    ("couple", "of"): 2,
    ("a", "couple", "of"): 2,
    ("a", "few"): 3,
}
#: "an hour and a half": a fraction of the last unit said.
_DURATION_FRACTION_TAILS: dict[Tokens, float] = {
    ("and", "a", "half"): 0.5,
    ("and", "a", "quarter"): 0.25,
    ("and", "three", "quarters"): 0.75,
}
#: "an hour thirty" / "a minute ten": a bare trailing number counts in the next smaller unit.
_NEXT_SMALLER_UNIT: dict[int, int] = {3_600: 60, 60: 1}


def _duration_quantity(toks: Tokens) -> float | None:
    """The amount in front of a duration unit ("an", "half an", "two and a half", "90")."""
    if not toks:
        return None
    special = _DURATION_QUANTITIES.get(toks)
    if special is not None:
        return special
    value = parse_number_words(toks)
    return None if value is None else float(value)


@functools.lru_cache(maxsize=_CACHE_SIZE)
def _duration(toks: Tokens) -> Duration | None:
    """Memoised core of :func:`parse_duration`."""
    toks = _split_attached(toks, _DURATION_UNIT_WORDS)
    total = 0.0
    start = 0
    last_scale = 0
    for index, tok in enumerate(toks):
        scale = _DURATION_UNITS.get(tok)
        if scale is None:
            continue
        segment = toks[start:index]
        if start and segment[:1] == ("and",):  # "one hour and fifteen minutes"
            segment = segment[1:]
        quantity = _duration_quantity(segment)
        # Units must strictly decrease so "5 minutes 5 minutes" or "30 minutes 1 hour" are
        # not silently summed.
        if quantity is None or quantity < 0 or (last_scale and scale >= last_scale):
            return None
        total += quantity * scale
        last_scale, start = scale, index + 1
    if not last_scale:
        return None  # no unit at all: "90" is not a duration
    tail = toks[start:]
    if tail:
        fraction = _DURATION_FRACTION_TAILS.get(tail)
        if fraction is not None:
            total += fraction * last_scale
        else:
            smaller = _NEXT_SMALLER_UNIT.get(last_scale)
            if tail[:1] == ("and",):
                tail = tail[1:]
            extra = _int_value(tail) if smaller and tail else None
            if extra is None or smaller is None or not 1 <= extra <= 59:
                return None
            total += extra * smaller
    if total <= 0:
        return None
    return Duration(seconds=total)


@_never_raises
def parse_duration(tokens: Sequence[str]) -> Duration | None:
    """Parse a length of time.

    Accepts one or more ``quantity unit`` parts from larger to smaller unit, optionally
    joined by "and": "90 seconds", "5 mins", "an hour", "1 hour 30 minutes", "one hour and
    fifteen minutes", "1.5 hours", "two and a half hours", "a day", "2 weeks". Also "half an
    hour", "a quarter of an hour", "three quarters of an hour", "a couple of minutes", a
    trailing "and a half"/"and a quarter" ("a minute and a half") and a trailing bare number
    in the next smaller unit ("an hour thirty"). Units: seconds/secs, minutes/mins, hours/hrs,
    days, weeks. A number without a unit, and zero or negative totals, give ``None``.
    """
    toks = _tokens(tokens)
    if toks is not None and is_zh_span(toks):
        return parse_duration_zh(toks)
    return None if toks is None else _approximately(_duration, toks)


# ============================================================================================
# Time of day
# ============================================================================================


def _build_hour_table() -> dict[Tokens, int]:
    """Spoken or written hours: "7", "07", "19", "seven", "twenty three"."""
    table: dict[Tokens, int] = {}
    for hour in range(24):
        table[(str(hour),)] = hour
        table[(f"{hour:02d}",)] = hour
        if hour:  # "zero" is not how anyone says midnight
            table[tuple(number_to_words(hour).split())] = hour
    return table


def _build_minute_table() -> dict[Tokens, int]:
    """Minutes after an hour: "30", "05", "thirty", "forty five", "oh five"."""
    table: dict[Tokens, int] = {(f"{m:02d}",): m for m in range(60)}
    for minute in range(10, 60):
        table[tuple(number_to_words(minute).split())] = minute
    for minute in range(1, 10):
        for zero in ("oh", "o", "zero", "0"):
            table[(zero, number_to_words(minute))] = minute
            table[(zero, str(minute))] = minute
    return table


def _build_relative_minute_table() -> dict[Tokens, int]:
    """Minutes before "past"/"to": "ten", "twenty five minutes", "a quarter", "half"."""
    table: dict[Tokens, int] = {("quarter",): 15, ("a", "quarter"): 15, ("half",): 30}
    for minute in range(1, 30):
        for form in (tuple(number_to_words(minute).split()), (str(minute),)):
            table[form] = minute
            table[(*form, "minute" if minute == 1 else "minutes")] = minute
            table[(*form, "min" if minute == 1 else "mins")] = minute
    return table


_HOURS = _build_hour_table()
_MINUTES = _build_minute_table()
_RELATIVE_MINUTES = _build_relative_minute_table()
_SPECIAL_TIMES: dict[Tokens, tuple[int, int]] = {
    ("noon",): (12, 0),
    ("midday",): (12, 0),
    ("12", "noon"): (12, 0),
    ("twelve", "noon"): (12, 0),
    ("midnight",): (0, 0),
    ("12", "midnight"): (0, 0),
    ("twelve", "midnight"): (0, 0),
}
#: Longest first so "in the morning" is tried before shorter suffixes.
_MERIDIEM_SUFFIXES: tuple[tuple[Tokens, str], ...] = (
    (("in", "the", "morning"), "am"),
    (("in", "the", "afternoon"), "pm"),
    (("in", "the", "evening"), "pm"),
    (("at", "night"), "night"),
    (("a", "m"), "am"),
    (("p", "m"), "pm"),
    (("am",), "am"),
    (("a.m.",), "am"),
    (("a.m",), "am"),
    (("pm",), "pm"),
    (("p.m.",), "pm"),
    (("p.m",), "pm"),
)
_MERIDIEM_WORDS = frozenset({"am", "pm"})
_OCLOCK_SUFFIXES: tuple[Tokens, ...] = (("o", "clock"), ("o'clock",), ("o’clock",), ("oclock",))
# "19:00", "6:30"; also the British "6.30" when it is clearly a clock time (two-digit minutes).
_CLOCK_RE = re.compile(r"^(\d{1,2})[:.](\d{2})$")


def _clock(toks: Tokens) -> tuple[int, int] | None:
    """Parse the clock part of a time (no AM/PM) into ``(hour, minute)``."""
    for suffix in _OCLOCK_SUFFIXES:
        if toks[-len(suffix) :] == suffix:
            hour = _HOURS.get(toks[: -len(suffix)])
            return None if hour is None else (hour, 0)
    if len(toks) == 1:
        match = _CLOCK_RE.match(toks[0])
        if match:
            clock_hour, clock_minute = int(match.group(1)), int(match.group(2))
            return (clock_hour, clock_minute) if clock_hour <= 23 and clock_minute <= 59 else None
    hour = _HOURS.get(toks)
    if hour is not None:
        return hour, 0
    for word in ("past", "after", "to", "before"):
        if word in toks:
            k = toks.index(word)
            minutes = _RELATIVE_MINUTES.get(toks[:k])
            hour = _HOURS.get(toks[k + 1 :])
            if minutes is None or hour is None:
                return None
            if word in ("past", "after"):
                return hour, minutes
            if minutes == 30:  # "half to seven" is not English
                return None
            # Keep the 12-hour reading when the hour was spoken that way: "quarter to one"
            # is 12:45 (ambiguous), not 00:45.
            previous = 12 if hour == 1 else (hour - 1) % 24
            return previous, 60 - minutes
    # British and Irish "half six" is half past six (6:30), not half to it.
    if len(toks) >= 2 and toks[0] == "half":
        hour = _HOURS.get(toks[1:])
        if hour is not None:
            return hour, 30
    # "seven thirty", "7 30", "nineteen forty five", "seven oh five"
    for split in range(1, len(toks)):
        hour = _HOURS.get(toks[:split])
        minute = _MINUTES.get(toks[split:])
        if hour is not None and minute is not None:
            return hour, minute
    return None


@functools.lru_cache(maxsize=_CACHE_SIZE)
def _time_of_day(toks: Tokens) -> TimeOfDay | None:
    """Memoised core of :func:`parse_time_of_day`."""
    toks = _split_attached(toks, _MERIDIEM_WORDS)
    special = _SPECIAL_TIMES.get(toks)
    if special is not None:
        return TimeOfDay(hour=special[0], minute=special[1], meridiem_given=True)
    meridiem: str | None = None
    for suffix, which in _MERIDIEM_SUFFIXES:
        if len(toks) > len(suffix) and toks[-len(suffix) :] == suffix:
            meridiem, toks = which, toks[: -len(suffix)]
            break
    clock = _clock(toks)
    if clock is None:
        return None
    hour, minute = clock
    if meridiem is None:
        return TimeOfDay(hour=hour, minute=minute, meridiem_given=False)
    if not 1 <= hour <= 12:
        return None  # "19:00 pm", "0 am"
    if meridiem == "night":
        # "eleven at night" is 23:00, "twelve at night" midnight, "two at night" 02:00.
        meridiem = "pm" if 6 <= hour <= 11 else "am"
    hour = hour % 12 + (12 if meridiem == "pm" else 0)
    return TimeOfDay(hour=hour, minute=minute, meridiem_given=True)


@_never_raises
def parse_time_of_day(tokens: Sequence[str]) -> TimeOfDay | None:
    """Parse a clock time.

    Forms: "7", "19", "7:30", "19:00", "7 30", "seven thirty", "seven oh five", "6 o'clock"
    (also "o clock"/"oclock"), "half past six", "quarter past 7", "quarter to eight", "ten
    past nine", "twenty five minutes to ten", "noon", "midday", "midnight"; each optionally
    followed by "am"/"a m"/"a.m."/"pm"/"p m", "in the morning/afternoon/evening" or "at
    night". Without a meridiem the result is ambiguous for hours 1..12 (see
    :class:`~simulator.nlu.values.TimeOfDay`); an hour outside 1..12 with a meridiem is
    rejected. Relative phrases ("tonight at 8", "in 5 minutes") are not times of day.
    """
    toks = _tokens(tokens)
    if toks is not None and is_zh_span(toks):
        return parse_time_zh(toks)
    return None if toks is None else _approximately(_time_of_day, toks)


# ============================================================================================
# Date
# ============================================================================================

_WEEKDAYS: dict[str, int] = {}
for _index, _names in enumerate(
    (
        ("monday", "mon"),
        ("tuesday", "tue", "tues"),
        ("wednesday", "wed", "weds"),
        ("thursday", "thu", "thur", "thurs"),
        ("friday", "fri"),
        ("saturday", "sat"),
        ("sunday", "sun"),
    )
):
    for _name in _names:
        _WEEKDAYS[_name] = _index

_MONTHS: dict[str, int] = {}
for _index, _names in enumerate(
    (
        ("january", "jan"),
        ("february", "feb"),
        ("march", "mar"),
        ("april", "apr"),
        ("may",),
        ("june", "jun"),
        ("july", "jul"),
        ("august", "aug"),
        ("september", "sep", "sept"),
        ("october", "oct"),
        ("november", "nov"),
        ("december", "dec"),
    ),
    start=1,
):
    for _name in _names:
        _MONTHS[_name] = _index

_RELATIVE_DAYS: dict[Tokens, int] = {
    ("today",): 0,
    ("tonight",): 0,
    ("tomorrow",): 1,
    ("yesterday",): -1,
    ("the", "day", "after", "tomorrow"): 2,
    ("day", "after", "tomorrow"): 2,
    ("the", "day", "before", "yesterday"): -2,
    ("day", "before", "yesterday"): -2,
}
#: Fixed-date occasions said as a date ("what day is christmas", "on new year's eve"): their
#: spoken forms -> (month, day). Only dates every year keeps; movable feasts need a calendar.
_OCCASIONS: dict[Tokens, tuple[int, int]] = {
    **dict.fromkeys([("christmas",), ("christmas", "day"), ("xmas",), ("xmas", "day")], (12, 25)),
    **dict.fromkeys([("christmas", "eve"), ("xmas", "eve")], (12, 24)),
    **dict.fromkeys(
        [("new", "years", "day"), ("new", "year's", "day"), ("new", "year", "day")], (1, 1)
    ),
    **dict.fromkeys(
        [("new", "years", "eve"), ("new", "year's", "eve"), ("new", "year", "eve")], (12, 31)
    ),
    ("halloween",): (10, 31),
    **dict.fromkeys([("valentines", "day"), ("valentine's", "day")], (2, 14)),
}
#: A year said after an occasion: how many years from this one ("christmas next year").
_OCCASION_YEARS: dict[Tokens, int] = {
    ("this", "year"): 0,
    ("next", "year"): 1,
    ("last", "year"): -1,
}
#: Units for "in 3 days" / "2 weeks from now": (kind, multiplier).
_DATE_OFFSET_UNITS: dict[str, tuple[str, int]] = {
    "day": ("days", 1),
    "days": ("days", 1),
    "week": ("days", 7),
    "weeks": ("days", 7),
    "fortnight": ("days", 14),
    "fortnights": ("days", 14),
    "month": ("months", 1),
    "months": ("months", 1),
    "year": ("months", 12),
    "years": ("months", 12),
}
_FROM_NOW: tuple[Tokens, ...] = (("from", "now"), ("from", "today"), ("from", "tomorrow"))
_ISO_RE = re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$")
_YEAR_RE = re.compile(r"^\d{4}$")
_SHORT_DIGITS_RE = re.compile(r"^\d{1,2}$")


def _build_two_digit_words() -> dict[Tokens, int]:
    """Spoken two-digit halves of a year: "twenty" ... "ninety nine", plus "oh five"."""
    table: dict[Tokens, int] = {tuple(number_to_words(n).split()): n for n in range(10, 100)}
    for n in range(1, 10):
        table[("oh", number_to_words(n))] = n
        table[("o", number_to_words(n))] = n
    return table


_TWO_DIGIT_WORDS = _build_two_digit_words()


def _year(toks: Tokens) -> int | None:
    """A year, e.g. "2027", "two thousand and twenty seven", "twenty twenty seven"."""
    if len(toks) == 1 and _YEAR_RE.match(toks[0]):
        return int(toks[0])
    value = _int_value(toks)
    if value is not None:
        return value if 1000 <= value <= 9999 else None
    # Years are usually said as two two-digit numbers; try each split point.
    for split in range(1, len(toks)):
        high = _TWO_DIGIT_WORDS.get(toks[:split])
        low = _TWO_DIGIT_WORDS.get(toks[split:])
        if low is None and toks[split:] == ("hundred",):
            low = 0  # "nineteen hundred"
        if high is not None and low is not None and high >= 10:
            return high * 100 + low
    return None


def _day_of_month(toks: Tokens, *, ordinal_only: bool = False) -> int | None:
    """A day number 1..31 as an ordinal ("3rd", "third") or, unless ``ordinal_only``, a cardinal."""
    if not toks:
        return None
    day = _ordinal(toks)
    if day is None and not ordinal_only:
        day = _int_value(toks)
    return day if day is not None and 1 <= day <= 31 else None


def _add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus ``months`` calendar months, clamping to the target month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    """``date(year, month, day)`` or ``None`` when it does not exist (Feb 30)."""
    if not (dt.MINYEAR <= year <= dt.MAXYEAR and 1 <= month <= 12):
        return None
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return dt.date(year, month, day)


def _month_day(month: int, day: int, year: int | None, today: dt.date) -> dt.date | None:
    """Resolve a month and day; without a year, the next such date on or after today."""
    if year is not None:
        return _safe_date(year, month, day)
    # Feb 29 may be up to 8 years away (1900-style century gaps); anything else is 0-1 years.
    for candidate_year in range(today.year, today.year + 9):
        candidate = _safe_date(candidate_year, month, day)
        if candidate is not None and candidate >= today:
            return candidate
    return None


def _weekday(toks: Tokens, today: dt.date) -> dt.date | None:
    """ "friday", "this friday", "next friday", "last friday" (see the module docstring)."""
    if len(toks) == 1:
        qualifier, name = "this", toks[0]
    elif len(toks) == 2:
        qualifier, name = toks
    else:
        return None
    weekday = _WEEKDAYS.get(name)
    if weekday is None:
        return None
    ahead = (weekday - today.weekday()) % 7
    if qualifier == "this":
        return today + dt.timedelta(days=ahead)
    if qualifier == "next":
        monday_next_week = today + dt.timedelta(days=7 - today.weekday())
        return monday_next_week + dt.timedelta(days=weekday)
    if qualifier == "last":
        return today - dt.timedelta(days=(today.weekday() - weekday) % 7 or 7)
    return None


def _offset(toks: Tokens, today: dt.date) -> dt.date | None:
    """ "in 3 days", "in two weeks", "in a month", "3 days from now", "a week today"."""
    if toks[:1] == ("in",):
        body, base = toks[1:], today
        if body[-1:] == ("time",):  # "in 3 days time" (the apostrophe is long gone)
            body = body[:-1]
    else:
        body, base = (), today
        for tail in _FROM_NOW:
            if len(toks) > len(tail) and toks[-len(tail) :] == tail:
                body = toks[: -len(tail)]
                base = today + dt.timedelta(days=1) if tail[-1] == "tomorrow" else today
                break
        if not body and toks[-1:] == ("today",) and len(toks) >= 3:
            body = toks[:-1]  # "a week today" (British)
    if len(body) < 2 or body[-1] not in _DATE_OFFSET_UNITS:
        return None
    amount = 1 if body[:-1] in (("a",), ("an",)) else _int_value(body[:-1])
    if amount is None or amount < 0:
        return None
    kind, multiplier = _DATE_OFFSET_UNITS[body[-1]]
    if kind == "days":
        return base + dt.timedelta(days=amount * multiplier)
    return _add_months(base, amount * multiplier)


def _calendar_date(toks: Tokens, today: dt.date) -> dt.date | None:
    """Month-and-day forms, ISO dates and "the 3rd"."""
    if len(toks) == 1:
        match = _ISO_RE.match(toks[0])
        if match:
            return _safe_date(*(int(g) for g in match.groups()))
    if (
        len(toks) == 3
        and _YEAR_RE.match(toks[0])
        and _SHORT_DIGITS_RE.match(toks[1])
        and _SHORT_DIGITS_RE.match(toks[2])
    ):
        return _safe_date(int(toks[0]), int(toks[1]), int(toks[2]))  # "2027 06 03"

    # MONTH [the] DAY [YEAR]: "june 3rd", "june the third", "june 3 2027"
    month = _MONTHS.get(toks[0])
    if month is not None:
        rest = toks[1:]
        if rest[:1] == ("the",):
            rest = rest[1:]
        for split in range(1, len(rest) + 1):
            day = _day_of_month(rest[:split])
            if day is None:
                continue
            year_toks = rest[split:]
            year = _year(year_toks) if year_toks else None
            if year_toks and year is None:
                continue
            return _month_day(month, day, year, today)
        return None

    # [the] DAY [of] MONTH [YEAR]: "3rd of june", "the third of june 2027", "3 june"
    body = toks[1:] if toks[:1] == ("the",) else toks
    for k, tok in enumerate(body):
        month = _MONTHS.get(tok)
        if month is None or k == 0:
            continue
        day_toks = body[:k]
        if day_toks[-1:] == ("of",):
            day_toks = day_toks[:-1]
        day = _day_of_month(day_toks)
        year_toks = body[k + 1 :]
        year = _year(year_toks) if year_toks else None
        if day is None or (year_toks and year is None):
            return None
        return _month_day(month, day, year, today)

    # "the 3rd" / "the third" / "3rd": this month if not past, else the next month having it.
    day = _day_of_month(body, ordinal_only=True)
    if day is None:
        return None
    first_of_month = today.replace(day=1)
    for months_ahead in range(13):
        start = _add_months(first_of_month, months_ahead)
        candidate = _safe_date(start.year, start.month, day)
        if candidate is not None and candidate >= today:
            return candidate
    return None


def _occasion(toks: Tokens, today: dt.date) -> dt.date | None:
    """ "christmas", "christmas day", "new year's eve", "halloween this year", "christmas 2027":
    without a year the next one on or after today."""
    body = toks[1:] if toks[:1] == ("the",) else toks
    for split in range(len(body), 0, -1):
        when = _OCCASIONS.get(body[:split])
        if when is None:
            continue
        rest = body[split:]
        if not rest:
            return _month_day(*when, None, today)
        offset = _OCCASION_YEARS.get(rest)
        year = today.year + offset if offset is not None else _year(rest)
        return None if year is None else _safe_date(year, *when)
    return None


@functools.lru_cache(maxsize=_CACHE_SIZE)
def _date(toks: Tokens, today: dt.date) -> dt.date | None:
    """Memoised core of :func:`parse_date` (``today`` is part of the cache key)."""
    relative = _RELATIVE_DAYS.get(toks)
    if relative is not None:
        return today + dt.timedelta(days=relative)
    return (
        _weekday(toks, today)
        or _offset(toks, today)
        or _calendar_date(toks, today)
        or _occasion(toks, today)
    )


@_never_raises
def parse_date(tokens: Sequence[str], today: dt.date) -> dt.date | None:
    """Parse a calendar date relative to ``today``.

    Forms: "today", "tonight", "tomorrow", "yesterday", "the day after tomorrow", "the day
    before yesterday"; weekdays "friday"/"this friday" (next on or after today), "next
    friday" (the Friday of next Monday-to-Sunday week), "last friday" (most recent before
    today); "june 3rd", "june the third", "june 3", "3rd of june", "the third of june", "3
    june 2027", "june 3rd 2027" (years also as "twenty twenty seven"); ISO "2027-06-03" or
    "2027 06 03"; "the 3rd"/"3rd" (this month, or the next month with that day if past);
    "in 3 days", "in two weeks", "in a month", "3 days from now", "a week today"; fixed-date
    occasions "christmas [day]", "christmas eve", "new year's day", "new year's eve",
    "halloween", "valentine's day", optionally followed by "this year", "next year", "last
    year" or a year (without one, the next on or after today). Month and
    day without a year means the next such date on or after today. Non-existent dates (Feb
    30) give ``None``.
    """
    toks = _tokens(tokens)
    if toks is None or not isinstance(today, dt.date):
        return None
    if isinstance(today, dt.datetime):  # a datetime is a date subclass; use its date part
        today = today.date()
    if is_zh_span(toks):
        return parse_date_zh(toks, today)
    return _date(toks, today)


# ============================================================================================
# Colour
# ============================================================================================

#: Canonical colour name → (hue in degrees, saturation in percent). Whites are given a small
#: saturation towards orange (warm) or blue (cool) so a colour bulb can tell them apart.
_COLOURS: dict[str, tuple[float, float]] = {
    "red": (0, 100),
    "crimson": (348, 91),
    "scarlet": (8, 100),
    "coral": (16, 69),
    "salmon": (6, 54),
    "orange": (30, 100),
    "amber": (45, 100),
    "gold": (51, 100),
    "yellow": (60, 100),
    "lime": (90, 100),
    "green": (120, 100),
    "light green": (120, 50),
    "dark green": (120, 100),
    "forest green": (120, 76),
    "mint": (150, 40),
    "teal": (180, 100),
    "turquoise": (174, 72),
    "cyan": (180, 100),
    "sky blue": (197, 43),
    "light blue": (195, 25),
    "blue": (240, 100),
    "royal blue": (225, 71),
    "navy": (240, 100),
    "indigo": (275, 100),
    "violet": (300, 45),
    "purple": (285, 100),
    "lavender": (240, 8),
    "magenta": (300, 100),
    "pink": (350, 25),
    "hot pink": (330, 59),
    "white": (0, 0),
    "warm white": (35, 25),
    "cool white": (210, 10),
    "daylight": (210, 5),
    "grey": (0, 0),
}
#: Alternative spellings and names → canonical name.
COLOUR_ALIASES: dict[str, str] = {
    "gray": "grey",
    "aqua": "cyan",
    "fuchsia": "magenta",
    "navy blue": "navy",
    "lime green": "lime",
    "soft white": "warm white",
    "cold white": "cool white",
    "sky": "sky blue",
}
"""Accepted alternative names (US spellings, synonyms), mapped to their canonical name."""

COLOUR_NAMES: tuple[str, ...] = tuple(_COLOURS)
"""Canonical colour names understood by :func:`parse_colour` (aliases in ``COLOUR_ALIASES``)."""
COLOURS: Mapping[str, tuple[float, float]] = MappingProxyType(_COLOURS)
"""The one colour table: canonical name -> (hue in degrees, saturation in percent). The device
model's colour lights take these names (:data:`simulator.devices.COLOR_NAMES` is this table),
and :func:`parse_colour` reads them, their aliases and their Chinese names."""

_COLOUR_VALUES: dict[Tokens, Colour] = {
    tuple(name.split()): Colour(name=name, hue=hue, saturation=sat)
    for name, (hue, sat) in _COLOURS.items()
}
_COLOUR_VALUES.update(
    {
        tuple(alias.split()): _COLOUR_VALUES[tuple(name.split())]
        for alias, name in COLOUR_ALIASES.items()
    }
)


@_never_raises
def parse_colour(tokens: Sequence[str]) -> Colour | None:
    """Parse a colour name ("red", "warm white", "gray") into a :class:`Colour`.

    The whole span must be one name from :data:`COLOUR_NAMES` or :data:`COLOUR_ALIASES`;
    the returned colour always carries the canonical (British) name.
    """
    toks = _tokens(tokens)
    if toks is not None and is_zh_span(toks):
        name = parse_colour_name_zh(toks)  # the Chinese name of a canonical colour
        return _COLOUR_VALUES.get(tuple(name.split())) if name else None
    if toks is None:
        return None
    found = _COLOUR_VALUES.get(toks)
    if found is None and len(toks) == 1:
        # "bluish", "reddish", "greenish": the colour the light is near.
        stem = ish_stem(toks[0], lambda word: (word,) in _COLOUR_VALUES)
        found = None if stem is None else _COLOUR_VALUES.get((stem,))
    return found


# ============================================================================================
# Examples
# ============================================================================================

EXAMPLES: dict[str, tuple[str, ...]] = {
    "number": ("five", "twenty five", "7.5", "one hundred and five", "two and a half"),
    "ordinal": ("first", "second", "third", "twenty first", "2nd"),
    "percent": ("50 percent", "fifty percent", "20 %", "half", "maximum"),
    "temperature": ("21 degrees", "twenty one", "70 degrees fahrenheit", "19.5 degrees celsius"),
    "duration": (
        "5 minutes",
        "ten seconds",
        "an hour and a half",
        "half an hour",
        "1 hour 30 minutes",
    ),
    "time": (
        "7 am",
        "6:30 pm",
        "half past six",
        "quarter to eight",
        "noon",
        "seven in the morning",
    ),
    "date": ("tomorrow", "friday", "next monday", "june 3rd", "the third of june", "in 3 days"),
    "colour": ("red", "warm white", "blue", "purple", "light green", "turquoise"),
}
"""Natural spoken examples per slot kind, for building sample utterances.

Every example parses with the matching parser after ``str.split()``.
"""


VALUE_WORDS: frozenset[str] = frozenset(
    {
        *_DURATION_UNITS,
        *_DEGREE_WORDS,
        *_TEMPERATURE_UNITS,
        *(w for suffix in _PERCENT_SUFFIXES for w in suffix),
        *_WEEKDAYS,
        *_MONTHS,
        *(w for days in _RELATIVE_DAYS for w in days),
        *(w for occasion in _OCCASIONS for w in occasion),
        *_DATE_OFFSET_UNITS,
        *_MERIDIEM_WORDS,
        *_ORDINAL_TO_CARDINAL,
        *(w for number in _TWO_DIGIT_WORDS for w in number),
        *(w for name in COLOURS for w in name.split()),
    }
)
"""Words the parsers read as (part of) a value: units ("mins", "hrs", "degs"), day and month
names and their short forms, ordinals, number words, colours. A typo mender must not take one of
these for a misspelling of a template word ("mins" is not "minus")."""
