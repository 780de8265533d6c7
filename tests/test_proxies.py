"""Requests made for someone else (issue #9): "my brother needs a timer for his pizza", "the
twins want to know ...", "our lodger is asking whether ...". The speaker's own wording
(`simulator.nlu.proxies`) and what the router makes of it, on sentences written for these tests.
"""

from __future__ import annotations

import pytest

from simulator.engine import Simulator
from simulator.nlu.proxies import for_self, to_self


@pytest.fixture(scope="module")
def speaker() -> Simulator:
    """The bundled skills."""
    return Simulator.create(seed=0)


@pytest.mark.parametrize(
    ("text", "own", "said"),
    [
        ("my brother needs a timer for his pizza", "i need a timer", "my brother needs"),
        ("my little sister wants some jazz", "i want some jazz", "my little sister wants"),
        ("the twins want to know the time", "i want to know the time", "the twins want"),
        ("sam's asking what day it is", "i want to know what day it is", "sam's asking"),
        ("our lodger is asking whether it rains", "i want to know whether it rains", None),
        ("she would like her lamp on", "i would like my lamp on", "she would like"),
        ("my mum wants you to lock the door", "lock the door", "my mum wants you to"),
        ("my nephew is after a riddle for him", "i am after a riddle", "my nephew is after"),
        ("grandpa wants lasagne, order her one", "i want lasagne order me one", None),
    ],
)
def test_a_request_for_someone_else_is_said_by_the_speaker(
    text: str, own: str, said: str | None
) -> None:
    found = for_self(text.replace(",", "").split())
    assert found is not None
    assert " ".join(found[0]) == own
    if said is not None:
        assert " ".join(found[1]) == said


@pytest.mark.parametrize(
    "text",
    [
        "i want the lamp on",  # the speaker's own wish: `wishes` reads it
        "it needs a clean",
        "my son's doing a project",  # no want, no need, no question passed on
        "my friends want to know",  # what they want is said in another clause
        "what does my wife want",
        "my wife",
    ],
)
def test_no_request_for_someone_else(text: str) -> None:
    assert for_self(text.split()) is None


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("my brother needs a timer for his pizza, 12 minutes", "timer.StartTimer"),
        ("the twins want to know what the weather is like in paris", "weather.GetWeather"),
        ("she wants the kitchen light switched off", "smart_home.TurnOff"),
        ("our lodger is asking whether the back door is locked", "smart_home.GetState"),
        ("my niece wants a joke", "fun.TellJoke"),
        ("sam's asking what day it is", "clock.GetDate"),
        ("my flatmate wants eggs on the shopping list", "lists.AddItems"),
        ("my mum wants you to lock the front door", "smart_home.Lock"),
    ],
)
def test_the_router_reads_it_as_the_speakers_own(
    speaker: Simulator, text: str, intent: str
) -> None:
    result = speaker.route(text)
    assert f"{result.skill}.{result.intent}" == intent
    assert "as the speaker's own request" in result.explanation


@pytest.mark.parametrize("text", ["my boss wants a pay rise", "my brother wants a new car"])
def test_what_no_skill_serves_stays_unserved(speaker: Simulator, text: str) -> None:
    assert speaker.route(text).intent is None


@pytest.mark.parametrize(
    ("text", "own"),
    [
        ("tell her what time it is", "tell me what time it is"),
        ("give him a riddle", "give me a riddle"),
        ("read her the news", "read me the news"),
        ("switch on the kitchen light for him", "switch on the kitchen light"),
    ],
)
def test_a_command_for_someone_else_is_said_for_the_speaker(text: str, own: str) -> None:
    found = to_self(text.split())
    assert found is not None
    assert " ".join(found) == own


@pytest.mark.parametrize(
    "text", ["tell me a joke", "read her list", "turn off the lamp", "add milk for her party"]
)
def test_no_command_for_someone_else(text: str) -> None:
    assert to_self(text.split()) is None


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("my nephew is reading, switch on the kitchen light for him", "smart_home.TurnOn"),
        ("my aunt is sewing, switch on the desk lamp for her", "smart_home.TurnOn"),
    ],
)
def test_the_router_reads_a_command_for_someone_else(
    speaker: Simulator, text: str, intent: str
) -> None:
    result = speaker.route(text)
    assert f"{result.skill}.{result.intent}" == intent
