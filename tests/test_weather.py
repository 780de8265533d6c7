"""The weather skill: every intent, plausible seasons in both hemispheres, determinism, units,
unknown cities and days out of range, and that every answer says it is simulated."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime

import pytest

from simulator.sdk.places import CITIES, find_city
from simulator.sdk.testing import Conversation
from skills.weather import skill
from skills.weather.model import day_weather

NOW = datetime(2026, 6, 1, 9, 0)  # a Monday in June


@pytest.fixture
def conv() -> Iterator[Conversation]:
    c = Conversation(skills=[skill], now=NOW, seed=1)
    yield c
    c.close()


def test_there_are_at_least_50_real_cities() -> None:
    assert len(CITIES) >= 50
    assert find_city("nyc") == find_city("new york")


def test_the_same_city_and_day_give_the_same_weather_and_seeds_differ() -> None:
    paris = find_city("paris")
    assert paris is not None
    assert day_weather(paris, date(2026, 6, 1), 1) == day_weather(paris, date(2026, 6, 1), 1)
    days = [date(2026, 6, d) for d in range(1, 29)]
    assert [day_weather(paris, d, 1) for d in days] != [day_weather(paris, d, 2) for d in days]


def _mean_high(city: str, month: int) -> float:
    place = find_city(city)
    assert place is not None
    highs = [day_weather(place, date(2026, month, d), 0).high for d in range(1, 29)]
    return sum(highs) / len(highs)


def test_seasons_are_mirrored_in_the_southern_hemisphere() -> None:
    assert _mean_high("helsinki", 7) > _mean_high("helsinki", 1) + 8
    assert _mean_high("melbourne", 1) > _mean_high("melbourne", 7) + 4
    assert _mean_high("singapore", 1) > _mean_high("oslo", 1) + 15


@pytest.mark.parametrize(
    ("utterance", "intent", "start"),
    [
        (
            "what's the weather",
            "GetWeather",
            "Simulated weather, not a real forecast. Right now in London",
        ),
        (
            "what's the weather in tokyo",
            "GetWeather",
            "Simulated weather, not a real forecast. Right now in Tokyo",
        ),
        (
            "what's the weather like tomorrow",
            "GetWeather",
            "Simulated weather, not a real forecast. Tomorrow in London",
        ),
        (
            "weather in sydney on saturday",
            "GetWeather",
            "Simulated weather, not a real forecast. Saturday in Sydney",
        ),
        (
            "what's the forecast for the weekend",
            "GetWeather",
            "Simulated weather, not a real forecast. The weekend in London",
        ),
        ("will it rain tomorrow", "WillItRain", "Simulated weather, not a real forecast. "),
        (
            "do i need an umbrella in paris",
            "WillItRain",
            "Simulated weather, not a real forecast. ",
        ),
        ("do i need a coat tomorrow", "NeedCoat", "Simulated weather, not a real forecast. "),
        (
            "what's the high today in cairo",
            "GetTemperature",
            "Simulated weather, not a real forecast. The high today in Cairo is",
        ),
        (
            "what's the low tomorrow",
            "GetTemperature",
            "Simulated weather, not a real forecast. The low tomorrow in London is",
        ),
        (
            "how cold is it outside",
            "GetTemperature",
            "Simulated weather, not a real forecast. It's",
        ),
        (
            "what are the highs and lows tomorrow",
            "GetTemperature",
            "Simulated weather, not a real forecast. Tomorrow in London: a high of",
        ),
    ],
)
def test_every_question_is_answered_and_says_simulated(
    conv: Conversation, utterance: str, intent: str, start: str
) -> None:
    turn = conv.say(utterance, expect_intent=intent)
    assert (turn.speech or "").startswith(start), turn.speech
    assert turn.card is not None and turn.card.title.startswith("Simulated weather:")
    assert "simulated, not a real forecast" in turn.card.text


def test_fahrenheit_on_request_and_as_a_setting(conv: Conversation) -> None:
    place = find_city("new york")
    assert place is not None
    high = day_weather(place, NOW.date(), 1).high
    turn = conv.say("what's the high in new york in fahrenheit")
    assert f"is {round(high * 9 / 5 + 32)} degrees" in (turn.speech or "")
    conv.say(
        "use fahrenheit",
        expect_intent="SetUnits",
        expect_speech="Okay, I'll give temperatures in Fahrenheit.",
    )
    assert "°F" in (conv.say("what's the weather in new york").card.text)  # type: ignore[union-attr]


def test_my_city_changes_the_default(conv: Conversation) -> None:
    conv.say(
        "i live in lisbon",
        expect_intent="SetCity",
        expect_speech="Okay, your city is Lisbon, Portugal.",
    )
    assert "in Lisbon" in (conv.say("what's the weather").speech or "")
    assert "Your city is Lisbon" in (conv.say("what cities do you know").speech or "")


def test_unknown_city_names_some_known_ones(conv: Conversation) -> None:
    turn = conv.say("what's the weather in atlantis", expect_intent="GetWeather")
    assert (turn.speech or "").startswith(
        "I don't have weather for atlantis. I know 73 cities, like "
    )
    assert turn.error is not None and turn.error.code == "NOT_FOUND"


def test_days_out_of_range_get_a_clear_answer(conv: Conversation) -> None:
    conv.say(
        "what's the weather on june 30th",
        expect_speech="I only have simulated weather for the next 7 days.",
    )
    conv.say("what was the weather yesterday")  # no template for the past: must not crash
    turn = conv.say("weather yesterday")
    assert turn.speech == "I only have simulated weather from today on, not for days gone by."


def test_the_local_time_of_another_city_is_used() -> None:
    # 9 AM in London is 5 PM in Tokyo: the temperature is an afternoon one, near the high.
    c = Conversation(skills=[skill], now=NOW, seed=1)
    try:
        tokyo = find_city("tokyo")
        assert tokyo is not None
        w = day_weather(tokyo, NOW.date(), 1)
        speech = c.say("how warm is it in tokyo").speech or ""
        now = int(speech.split("It's ")[1].split(" degrees")[0])
        assert now >= round((w.high + w.low) / 2)
    finally:
        c.close()
