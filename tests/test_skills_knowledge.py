"""The knowledge skill: sums, conversions, world time, dates, spelling and the fact table."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from simulator.sdk.testing import Conversation, run_conversation_file
from skills.knowledge import skill as knowledge
from skills.knowledge.maths import parse_calculation
from skills.knowledge.units import convert

NOW = datetime(2026, 6, 1, 9, 0, 0)  # a Monday
CONVERSATIONS = Path(__file__).parent.parent / "skills" / "knowledge"


@pytest.fixture(scope="module")
def conv() -> Iterator[Conversation]:
    # One simulator for the stateless questions: building one per case costs more than the test.
    c = Conversation(now=NOW)
    yield c
    c.close()


@pytest.mark.parametrize(
    ("utterance", "intent", "speech"),
    [
        ("what's fifteen times seven", "Calculate", "15 times 7 is 105."),
        ("what is 20 percent of 80", "Calculate", "20 percent of 80 is 16."),
        ("what is 20% of 80", "Calculate", "20 percent of 80 is 16."),
        ("how much is 2 plus 3 times 4", "Calculate", "2 plus 3 times 4 is 14."),
        ("calculate 100 minus 58", "Calculate", "100 minus 58 is 42."),
        ("what is the square root of 81", "Calculate", "The square root of 81 is 9."),
        ("what's 7 squared", "Calculate", "7 squared is 49."),
        ("what is two to the power of ten", "Calculate", "2 to the power of 10 is 1,024."),
        ("what is twenty five divided by two", "Calculate", "25 divided by 2 is 12.5."),
        ("what's 1 divided by 3", "Calculate", "1 divided by 3 is 0.3333."),
        ("how many feet are in a mile", "ConvertUnits", "1 mile is 5,280 feet."),
        (
            "convert 70 fahrenheit to celsius",
            "ConvertUnits",
            "70 degrees Fahrenheit is 21.11 degrees Celsius.",
        ),
        ("what is 5 kilograms in pounds", "ConvertUnits", "5 kilograms is 11.02 pounds."),
        ("how many cups are in a liter", "ConvertUnits", "1 liter is 4.23 cups."),
        (
            "100 kilometers per hour in miles per hour",
            "ConvertUnits",
            "100 kilometers per hour is 62.14 miles per hour.",
        ),
        ("what's 0 celsius in kelvin", "ConvertUnits", "0 degrees Celsius is 273.15 kelvins."),
        ("what time is it in tokyo", "TimeInCity", "In Tokyo it's 6 PM, 9 hours ahead of UTC."),
        (
            "what's the time in los angeles",
            "TimeInCity",
            "In Los Angeles it's 2 AM, 7 hours behind UTC.",
        ),
        ("time in auckland", "TimeInCity", "In Auckland it's 9 PM, 12 hours ahead of UTC."),
        # The SDK's city table (shared with the weather) has Cape Town; UTC has its own names.
        ("time in cape town", "TimeInCity", "In Cape Town it's 11 AM, 2 hours ahead of UTC."),
        ("what time is it in gmt", "TimeInCity", "In UTC it's 9 AM, where you are."),
        (
            "how many days until christmas",
            "DaysUntilHoliday",
            "There are 207 days, about 29 weeks until Christmas, Friday, December 25, 2026.",
        ),
        (
            "when is halloween",
            "DaysUntilHoliday",
            "There are 152 days, about 21 weeks until Halloween, Saturday, October 31, 2026.",
        ),
        ("how long until june 2nd", "DaysUntil", "There is 1 day until Tuesday, June 2, 2026."),
        ("how do you spell necessary", "Spell", "Necessary is spelled N, E, C, E, S, S, A, R, Y."),
        ("spell rhythm", "Spell", "Rhythm is spelled R, H, Y, T, H, M."),
        ("what is the capital of france", "Capital", "The capital of France is Paris."),
        ("what's the capital of the uk", "Capital", "The capital of United Kingdom is London."),
        (
            "what is the capital of narnia",
            "Capital",
            "I don't know the capital of Narnia: my fact table has 47 countries, such as Argentina, Japan and Vietnam.",
        ),
        (
            "how many moons does jupiter have",
            "PlanetMoons",
            "Jupiter has 95 known moons (the count as of 2023; more keep being found).",
        ),
        ("does venus have any moons", "PlanetMoons", "Venus has no moons."),
        (
            "how far is mars from the sun",
            "PlanetDistance",
            "Mars is on average about 228 million kilometers from the sun.",
        ),
        ("how big is earth", "PlanetSize", "Earth is 12,756 kilometers across."),
        (
            "what is the third planet from the sun",
            "PlanetByOrder",
            "Earth is planet number 3 from the sun.",
        ),
        (
            "what is the largest planet",
            "PlanetExtreme",
            "The largest planet is Jupiter, 142,984 kilometers across.",
        ),
        (
            "tell me about pluto",
            "PlanetFact",
            "Pluto has been a dwarf planet since 2006, and my table only has the eight planets. It's about 5.9 billion kilometers from the sun on average.",
        ),
    ],
)
def test_knowledge_answers(conv: Conversation, utterance: str, intent: str, speech: str) -> None:
    conv.say(utterance, expect_intent=intent, expect_speech=speech)


@pytest.mark.parametrize(
    ("utterance", "speech", "code"),
    [
        (
            "what's 1 divided by 0",
            "1 divided by 0 has no answer: you can't divide by zero.",
            "VALUE_OUT_OF_RANGE",
        ),
        (
            "what is the square root of minus 4",
            "A negative number has no real square root, so I can't answer that one.",
            "VALUE_OUT_OF_RANGE",
        ),
        (
            "what is 10 to the power of 5000",
            "That number is too big for me to work out.",
            "VALUE_OUT_OF_RANGE",
        ),
        (
            "convert 5 kilograms to miles",
            "I can't turn weight into length: 5 kilograms is a weight, and miles measure length.",
            "NOT_SUPPORTED",
        ),
        (
            "convert -500 celsius to fahrenheit",
            "-500 degrees Celsius is colder than absolute zero, so there's no such temperature.",
            "VALUE_OUT_OF_RANGE",
        ),
        (
            "what is the ninth planet",
            "There are only 8 planets, so there's no planet number 9.",
            "VALUE_OUT_OF_RANGE",
        ),
        (
            "who invented the telephone",
            "I can't look that up. I work offline, so I only know a small table of capitals and planets. I can also do sums, convert units, tell the time in other cities, count days to a date and spell words.",
            "NOT_FOUND",
        ),
    ],
)
def test_knowledge_gives_a_clear_answer_to_absurd_or_unknown_questions(
    conv: Conversation, utterance: str, speech: str, code: str
) -> None:
    turn = conv.say(utterance, expect_speech=speech)
    assert turn.skill == "knowledge"
    assert turn.error is not None and turn.error.code == code


def test_the_time_zone_is_remembered_and_used(tmp_path: Path) -> None:
    c = Conversation(now=NOW)
    try:
        c.say("set my time zone to berlin", expect_intent="SetTimeZone")
        c.say(
            "what time is it in new york",
            expect_speech="In New York it's 3 AM, 6 hours behind Berlin.",
        )
        c.say("what time is it in berlin", expect_speech="In Berlin it's 9 AM, where you are.")
        c.say(
            "what time is it in sydney",
            expect_speech="In Sydney it's 5 PM, 8 hours ahead of Berlin.",
        )
    finally:
        c.close()


def test_days_until_a_past_date_and_today() -> None:
    c = Conversation(now=datetime(2026, 12, 25, 8, 0))
    try:
        c.say("how many days until christmas", expect_speech="Christmas is today!")
        c.say(
            "how many days until 2026-12-01",
            expect_speech="Tuesday, December 1, 2026 was 24 days ago, so there's nothing left to wait for.",
        )
    finally:
        c.close()


def test_missing_slots_are_asked_for() -> None:
    c = Conversation(now=NOW)
    try:
        c.say("what is the capital of", expect_intent=None)
        c.say("convert 5 miles", expect_speech="Into which unit?")
        c.say("kilometers", expect_speech="5 miles is 8.05 kilometers.")
    finally:
        c.close()


@pytest.mark.parametrize(
    ("utterance", "skill"),
    [
        ("what time is it", "clock"),
        ("what's the time", "clock"),
        ("what is the date", "clock"),
        ("set a timer for 5 minutes", "timer"),
        ("how long is left on the timer", "timer"),
        ("help", "help"),
    ],
)
def test_knowledge_does_not_swallow_other_skills_utterances(
    conv: Conversation, utterance: str, skill: str
) -> None:
    assert conv.say(utterance).skill == skill


@pytest.mark.parametrize(
    "words",
    ["what is the weather", "play some jazz", "5", "add milk to my list", "the square root"],
)
def test_the_expression_slot_accepts_only_sums(words: str) -> None:
    assert parse_calculation(words.split()) is None


def test_powers_group_from_the_right_and_times_before_plus() -> None:
    calc = parse_calculation(
        ["2", "to", "the", "power", "of", "3", "to", "the", "power", "of", "2"]
    )
    assert calc is not None and calc.evaluate() == 512
    calc = parse_calculation(["10", "minus", "2", "minus", "3"])
    assert calc is not None and calc.evaluate() == 5


@pytest.mark.parametrize(
    ("value", "unit", "target", "expected"),
    [
        (1, "mile", "kilometer", 1.609344),
        (212, "fahrenheit", "celsius", 100),
        (0, "kelvin", "celsius", -273.15),
        (1, "gallon", "liter", 3.785411784),
        (1, "knot", "kilometer per hour", 1.852),
        (1, "stone", "pound", 14),
    ],
)
def test_conversion_table(value: float, unit: str, target: str, expected: float) -> None:
    assert convert(value, unit, target) == pytest.approx(expected, rel=1e-6)


def test_knowledge_conversation_file() -> None:
    turns = run_conversation_file(CONVERSATIONS / "test_knowledge.yaml")
    assert {t.intent for t in turns if t.skill == "knowledge"} >= set(knowledge.intents) - {
        "PlanetFact",
        "PlanetDistance",
        "PlanetSize",
        "PlanetByOrder",
    }
