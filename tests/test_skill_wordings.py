"""The bundled skills' own wordings for what their intents' descriptions promise (issue #9):
asking what the speaker is or can do in other words, forgetting a name, a riddle to solve, an
off-menu dish asked of the restaurant by name, and the weather on another world (no skill's).

Sentences of our own, not of the paraphrase sets.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from simulator.engine import Simulator


@pytest.fixture(scope="module")
def sim() -> Iterator[Simulator]:
    s = Simulator.create(seed=0)
    yield s
    s.close()


def _label(sim: Simulator, text: str) -> str:
    result = sim.route(text)
    return f"{result.skill}.{result.intent}" if result.intent else "fallback"


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("who exactly are you", "fun.WhoAreYou"),
        ("what are you really", "fun.WhoAreYou"),
        ("what type of gadget are you", "fun.WhoAreYou"),
        ("what kind of things can you help me with", "help.WhatCanYouDo"),
        ("what requests can you handle", "help.WhatCanYouDo"),
        ("how could you help", "help.WhatCanYouDo"),
        ("tell me what you are able to do", "help.WhatCanYouDo"),
        ("forget what my name is", "hello.ForgetName"),
        ("remove my name from your memory", "hello.ForgetName"),
        ("give me a riddle to crack", "fun.TellRiddle"),
        ("could i have a pizza from byte burger please", "ordering.OrderUnknown"),
        # A dish on the menu, asked the same way, is still an order.
        ("could i have a cheeseburger from byte burger please", "ordering.OrderFood"),
    ],
)
def test_a_skill_hears_its_own_request_in_other_words(
    sim: Simulator, text: str, label: str
) -> None:
    assert _label(sim, text) == label


@pytest.mark.parametrize(
    "text", ["what's the weather like on venus tonight", "what is the weather like on neptune now"]
)
def test_the_weather_on_another_world_is_no_skills(sim: Simulator, text: str) -> None:
    assert _label(sim, text) == "fallback"


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("what's the weather like in paris", "weather.GetWeather"),
        ("what's the weather like on saturday", "weather.GetWeather"),
        ("tell me about mars", "knowledge.PlanetFact"),
        # Occasions are dates now, and the countdown to one still names it.
        ("what day of the week is christmas eve", "clock.DayOfWeek"),
        ("how many days are left until halloween", "knowledge.DaysUntilHoliday"),
        ("how many moons does jupiter have", "knowledge.PlanetMoons"),
    ],
)
def test_the_weather_on_earth_and_the_planets_facts_still_answer(
    sim: Simulator, text: str, label: str
) -> None:
    assert _label(sim, text) == label
