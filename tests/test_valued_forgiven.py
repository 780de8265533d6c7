"""Learned readings backed by the intent's own values (`Router._valued_forgiven`).

A plain request about one of a skill's own things names it by a value of the intent's kind (a
planet, a city, a room) and says what it wants with the intent's own words; a word no sample
says beside them counts half unknown, on a reading the model favours with the out-of-domain
label below a trace. A request about something else names a thing no value reads, a reading
with a neighbouring intent's word is not backed so, and a value mended from a typo or a bare
number is no evidence.
"""

from __future__ import annotations

import pytest

from simulator.engine import Simulator
from simulator.routing.router import SlotFill


@pytest.fixture(scope="module")
def speaker() -> Simulator:
    """The bundled skills with the learned stage trained (from the test cache)."""
    return Simulator.create(seed=0)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # "solar", "system": two unknown words beside the intent's value ("largest") and word.
        ("which planet is the largest in our solar system", "knowledge.PlanetExtreme"),
        # "few": a room and a direction, and the model favours the reading (p below 0.99).
        ("bedroom a few degrees cooler please", "smart_home.AdjustTemperature"),
    ],
)
def test_a_reading_backed_by_its_own_values_is_read(
    speaker: Simulator, text: str, want: str
) -> None:
    result = speaker.route(text)
    assert f"{result.skill}.{result.intent}" == want


@pytest.mark.parametrize(
    "text",
    [
        "what does the surface of mars smell like",  # a planet, but no word of an intent's own
        "how much is a hotel room in tokyo right now",  # a city, but a hotel is another topic
        "is the bedroom tv made by sony",
        "weather default city is toronto",  # "city" is a neighbouring intent's word
    ],
)
def test_a_request_about_something_else_still_falls_back(speaker: Simulator, text: str) -> None:
    assert speaker.route(text).intent is None


def test_only_named_values_said_as_typed_are_evidence(speaker: Simulator) -> None:
    router = speaker.router
    weather = router.intent("weather", "GetWeather")
    snooze = router.intent("alarms", "SnoozeAlarm")
    assert weather is not None and snooze is not None
    oslo = {"city": SlotFill("oslo", "oslo")}
    assert router._own_values(weather, oslo, set()) == 1
    # Mended from a typo ("olso"): only maybe the city.
    assert router._own_values(weather, oslo, {"oslo"}) == 0
    # A bare number names nothing the request is about.
    assert router._own_values(snooze, {"minutes": SlotFill(5, "5")}, set()) == 0


def test_forgiveness_needs_values_no_neighbour_and_a_favoured_reading(
    speaker: Simulator,
) -> None:
    router = speaker.router
    speaker.route("how vast is saturn")  # the learned stage loaded
    text = "which planet is the largest in our solar system"
    unknown = ["solar", "system"]
    assert router._valued_forgiven(unknown, 1, 1, False, 1.0, text) == 1.0
    assert router._valued_forgiven(unknown, 2, 0, False, 1.0, text) == 0.0  # no value
    assert router._valued_forgiven(unknown, 0, 1, False, 1.0, text) == 0.0  # one piece only
    assert router._valued_forgiven(unknown, 1, 1, True, 1.0, text) == 0.0  # a neighbour's word
    assert router._valued_forgiven(unknown, 1, 1, False, 0.4, text) == 0.0  # not favoured
    # A request the out-of-domain samples are near ("book a flight ...") is not forgiven.
    assert router._valued_forgiven(["flight"], 1, 1, False, 1.0, "book a flight to oslo") == 0.0
