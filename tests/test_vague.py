"""The approximator's voice (issue #9): vague values read as the value they are near
(`simulator.nlu.approximate`, in every slot parser) and hedges around a request set aside
(`simulator.nlu.hedges`), on sentences written for these tests.
"""

from __future__ import annotations

import datetime as dt

import pytest

from simulator.engine import Simulator
from simulator.nlu import parsers
from simulator.nlu.approximate import exact, ish_stem, vague_count
from simulator.nlu.hedges import unhedged
from simulator.nlu.normalize import normalize
from simulator.sdk.slots import SlotEnv, SlotList
from simulator.sdk.when import parse_when

TODAY = dt.date(2026, 3, 4)


def _words(text: str) -> list[str]:
    return normalize(text).split()


@pytest.fixture(scope="module")
def speaker() -> Simulator:
    """The bundled skills."""
    return Simulator.create(seed=0)


# --- the approximators --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("about 40", "40"),
        ("around nine", "nine"),
        ("roughly 3.5", "3.5"),
        ("approximately 12 degrees", "12 degrees"),
        ("something like 15", "15"),
        ("90 seconds or so", "90 seconds"),
        ("ten or thereabouts", "ten"),
        ("eight ish", "eight"),
        ("eightish", "eight"),
        ("11ish", "11"),
        ("fivish", "five"),
        ("around about 4ish", "4"),
        ("half past nineish", "half past nine"),
    ],
)
def test_an_approximator_is_set_aside(text: str, value: str) -> None:
    assert exact(_words(text)) == tuple(value.split())


@pytest.mark.parametrize("text", ["40", "about", "english", "finish", "twenty about five"])
def test_no_approximator_no_exact_value(text: str) -> None:
    assert exact(_words(text)) is None


def test_vague_counts() -> None:
    assert vague_count(["a", "couple", "of"]) == 2
    assert vague_count(["a", "few"]) == 3
    assert vague_count(["several"]) is None


def test_ish_adjectives_read_as_the_word_they_are_made_from() -> None:
    words = {"blue", "red", "purple", "low", "large"}
    assert ish_stem("bluish", words.__contains__) == "blue"
    assert ish_stem("reddish", words.__contains__) == "red"
    assert ish_stem("purplish", words.__contains__) == "purple"
    assert ish_stem("lowish", words.__contains__) == "low"
    assert ish_stem("largish", words.__contains__) == "large"
    assert ish_stem("polish", words.__contains__) is None
    assert ish_stem("blue", words.__contains__) is None


# --- every parser reads a vague value alike -------------------------------------------------------


def test_numbers_said_vaguely() -> None:
    assert parsers.parse_number(_words("about 30")) == 30
    assert parsers.parse_number(_words("sixteenish")) == 16
    assert parsers.parse_number(_words("a couple of")) == 2
    assert parsers.parse_number(_words("a few")) == 3
    assert parsers.parse_number(_words("about")) is None
    assert parsers.parse_number(_words("a couple of days")) is None


def test_percentages_said_vaguely() -> None:
    assert parsers.parse_percent(_words("roughly 70 percent")) == 70.0
    assert parsers.parse_percent(_words("about half")) == 50.0
    assert parsers.parse_percent(_words("half way")) == 50.0
    assert parsers.parse_percent(_words("a third")) == 33.0
    assert parsers.parse_percent(_words("two thirds")) == 67.0
    assert parsers.parse_percent(_words("around three quarters")) == 75.0
    assert parsers.parse_percent(_words("a third of a bit")) is None


def test_temperatures_and_durations_said_vaguely() -> None:
    assert parsers.parse_temperature(_words("a couple of degrees")) is None
    reading = parsers.parse_temperature(_words("about 19 degrees celsius"))
    assert reading is not None and (reading.value, reading.unit) == (19.0, "C")
    duration = parsers.parse_duration(_words("roughly 8 minutes"))
    assert duration is not None and duration.seconds == 480
    duration = parsers.parse_duration(_words("an hour or so"))
    assert duration is not None and duration.seconds == 3600
    duration = parsers.parse_duration(_words("a few seconds"))
    assert duration is not None and duration.seconds == 3


def test_times_said_vaguely() -> None:
    time = parsers.parse_time_of_day(_words("nine-ish"))
    assert time is not None and (time.hour, time.minute) == (9, 0)
    time = parsers.parse_time_of_day(_words("about twenty to eight"))
    assert time is not None and (time.hour, time.minute) == (7, 40)
    when = parse_when(_words("sometime around lunchtime on friday"), TODAY)
    assert when is not None and when.time is not None and when.time.hour == 12
    assert when.date == dt.date(2026, 3, 6)
    when = parse_when(_words("at breakfast"), TODAY)
    assert when is not None and when.time is not None and when.time.hour == 8
    when = parse_when(_words("tomorrow at roughly 10"), TODAY)
    assert when is not None and when.date == dt.date(2026, 3, 5) and when.time is not None
    # A meal alone is a calendar event's title, not a time.
    assert parse_when(["lunch"], TODAY) is None


def test_colours_and_list_words_said_vaguely() -> None:
    colour = parsers.parse_colour(["greenish"])
    assert colour is not None and colour.name == "green"
    colour = parsers.parse_colour(["pinkish"])
    assert colour is not None and colour.name == "pink"
    assert parsers.parse_colour(["radish"]) is None
    sizes = SlotList("size", {"small": ["little"], "large": ["big"]})
    env = SlotEnv()
    assert sizes.parse(["smallish"], env) == "small"
    assert sizes.parse(["largish"], env) == "large"
    assert sizes.parse(["bigish"], env) == "large"


# --- hedges around a request --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "plain", "hedges"),
    [
        ("roughly when does the bakery open", "when does the bakery open", "roughly"),
        ("is it basically raining", "is it raining", "basically"),
        ("dim the lamp for the time being", "dim the lamp", "for the time being"),
        ("you are sort of clever", "you are clever", "sort of"),
        ("who are you these days", "who are you", "these days"),
        ("what is the news around now", "what is the news now", "around"),
        ("turn it up quite a lot", "turn it up", "quite a lot"),
        ("stop the fan, more or less, for a while", "stop the fan", "more or less for a while"),
    ],
)
def test_hedges_are_set_aside(text: str, plain: str, hedges: str) -> None:
    words, gone = unhedged(_words(text))
    assert (" ".join(words), " ".join(gone)) == (plain, hedges)


@pytest.mark.parametrize(
    "text",
    [
        "what kind of films are on",
        "play that sort of music",
        "set the lamp to roughly 20",
        "roughly a third",
        "tell me about now",
        "more or less",
    ],
)
def test_what_is_asked_keeps_its_words(text: str) -> None:
    words, gone = unhedged(_words(text))
    assert words == _words(text) and not gone


# --- what the router makes of them --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("set a timer for roughly 12 minutes", "timer.StartTimer"),
        ("start a timer for 40 minutes or so", "timer.StartTimer"),
        ("wake me up at around eightish tomorrow", "alarms.SetAlarm"),
        ("remind me around dinner time to feed the cat", "alarms.SetReminder"),
        ("dim the hall lamp to roughly 30 percent", "smart_home.SetBrightness"),
        ("make the bedroom lamp kind of reddish", "smart_home.SetColour"),
        ("roughly what's the temperature outside", "weather.GetTemperature"),
        ("more or less what time is it", "clock.GetTime"),
        ("tell me a joke, sort of quickly", "fun.TellJoke"),
        ("what kind of things can you do", "help.WhatCanYouDo"),
    ],
)
def test_the_router_reads_the_request_inside(speaker: Simulator, text: str, intent: str) -> None:
    result = speaker.route(text)
    assert f"{result.skill}.{result.intent}" == intent, result.explanation


def test_a_vague_value_fills_the_slot(speaker: Simulator) -> None:
    result = speaker.route("set a timer for about 25 minutes")
    assert result.intent == "StartTimer"
    assert "1500" in str(result.slots)
    result = speaker.route("remind me sometime around lunch to water the plants")
    assert result.intent == "SetReminder"
    assert "'hour': 12" in str(result.slots)


@pytest.mark.parametrize(
    "text",
    [
        "roughly how much is a plane ticket to paris",
        "approximately how tall is the eiffel tower",
        "sort of book a flight for now",
    ],
)
def test_a_hedged_request_no_skill_serves_falls_back(speaker: Simulator, text: str) -> None:
    assert speaker.route(text).intent is None
