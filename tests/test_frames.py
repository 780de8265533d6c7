"""Frames around a request (issue #9): a topic set apart first ("the hall light - switch it
off"), a question tag ("the hall light is on, isn't it"), a condition or a reason said first ("if
the porch light is on, switch it off"). On sentences written for these tests.
"""

from __future__ import annotations

import pytest

from simulator.engine import Simulator
from simulator.nlu.conditions import condition_readings
from simulator.nlu.normalize import clause_breaks, normalize
from simulator.nlu.tags import tag_readings, untagged
from simulator.nlu.topic import topic_readings

_STARTS = frozenset({"turn", "switch", "cancel", "delete", "take", "read", "what", "is", "play"})


@pytest.fixture(scope="module")
def speaker() -> Simulator:
    """The bundled skills."""
    return Simulator.create(seed=0)


def _words(text: str) -> list[str]:
    return normalize(text).split()


# -- the shapes -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("the hall light - switch it off", "switch the hall light off"),
        ("the kitchen lamp: is it on?", "is the kitchen lamp on"),
        ("my grocery list - add eggs to it", "add eggs to my grocery list"),
        ("the windows - how many are open?", "how many windows are open"),
        ("the study lamp: 40 percent", "the study lamp 40 percent"),
        ("my name - it's sam", "my name is sam"),
        ("20 miles: what's that in kilometres", "what is 20 miles in kilometres"),
        ("the six am alarm, move it to seven", "move the six am alarm to seven"),
    ],
)
def test_a_topic_is_put_where_the_request_needs_it(text: str, first: str) -> None:
    readings = topic_readings(_words(text), clause_breaks(text))
    assert readings and " ".join(readings[0].words) == first


@pytest.mark.parametrize(
    "text",
    [
        "turn off the fan, it's cold",  # a request first, a remark after it
        "if it rains, shut the window",  # a condition, no topic
        "the fan is on - turn it off",  # a clause, not a thing named
        "the hall light switch it off",  # no mark sets the topic apart
    ],
)
def test_no_topic_without_a_noun_phrase_set_apart(text: str) -> None:
    assert topic_readings(_words(text), clause_breaks(text), frozenset({"turn"})) == []


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("the hall light is on, isn't it", "is the hall light on"),
        ("the back door's locked, isn't it", "is the back door locked"),
        ("i have a dentist appointment friday, don't i", "do i have a dentist appointment friday"),
        ("the timers are all running, aren't they", "are the timers all running"),
        ("lock the back door, could you", "lock the back door"),
        ("dim the lamp, if you would", "dim the lamp"),
        ("the door is locked, right?", "is the door locked"),
    ],
)
def test_a_tag_makes_the_question_or_the_order(text: str, first: str) -> None:
    readings = tag_readings(_words(text), clause_breaks(text))
    assert readings and " ".join(readings[0][0]) == first


def test_a_number_checked_is_asked_as_its_value() -> None:
    readings = tag_readings(_words("nine times six is fifty-four, isn't it"))
    assert readings and " ".join(readings[-1][0]) == "what is nine times six"


@pytest.mark.parametrize(
    "text",
    [
        "what time is it",  # a question, no tag
        "where is it",
        "turn right",  # a word tag only after a mark
        "you'll remember it, won't you",  # asks the listener, checks no fact
        "is the hall light on",
    ],
)
def test_no_tag_reading_of_a_plain_question(text: str) -> None:
    assert tag_readings(_words(text), clause_breaks(text)) == []


def test_untagged_keeps_a_sentence_without_a_tag() -> None:
    assert untagged(_words("play some jazz")) == (["play", "some", "jazz"], [])


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("if the porch light is on, switch it off", "switch the porch light off"),
        ("if eggs are on the grocery list, take them off", "take eggs off the grocery list"),
        ("if any alarms are set, delete the lot", "delete all of the alarms"),
        ("if there are any timers left, cancel them all", "cancel all of the timers"),
        ("if i've got reminders for today, cancel all of them", "cancel all of the reminders"),
        ("since it's late, dim the hall light", "dim the hall light"),
        ("in case it rains, what's the weather tomorrow", "what is the weather tomorrow"),
        ("if that's the timer beeping, stop it", "stop the timer"),
    ],
)
def test_a_condition_is_set_aside_its_thing_kept(text: str, first: str) -> None:
    readings = condition_readings(_words(text), clause_breaks(text), _STARTS)
    assert readings and " ".join(readings[0].request) == first


def test_an_untyped_condition_ends_where_a_request_starts() -> None:
    readings = condition_readings(_words("if any timers are left cancel them all"), (), _STARTS)
    assert readings and " ".join(readings[0].request) == "cancel all of the timers"


@pytest.mark.parametrize(
    "text",
    [
        "when is my next alarm",  # a question
        "as of today, cancel my alarms",  # a phrase, no condition
        "so can you play some jazz",
        "play some jazz if you can",  # the condition after the request
    ],
)
def test_no_condition_reading_of_a_question_or_a_phrase(text: str) -> None:
    assert condition_readings(_words(text), clause_breaks(text), _STARTS) == []


# -- routed -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("the hall light - switch it off", "smart_home.TurnOff"),
        ("the kitchen lamp: is it on?", "smart_home.GetState"),
        ("the windows - how many are open?", "smart_home.QueryDevices"),
        ("my grocery list - add eggs to it", "lists.AddItems"),
        ("the back door. lock it", "smart_home.Lock"),
        ("the hall light is on, isn't it", "smart_home.GetState"),
        ("the back door's locked, isn't it", "smart_home.GetState"),
        ("nine times six is fifty-four, isn't it", "knowledge.Calculate"),
        ("lock the back door, could you", "smart_home.Lock"),
        ("if eggs are on the grocery list, take them off", "lists.RemoveItems"),
        ("if any alarms are set, delete the lot", "alarms.CancelAllAlarms"),
        ("if there are any timers left, cancel them all", "timer.CancelAllTimers"),
        ("since it's late, dim the hall light", "smart_home.AdjustBrightness"),
        ("in case it rains, what's the weather tomorrow", "weather.GetWeather"),
    ],
)
def test_framed_requests_route_to_the_request(speaker: Simulator, text: str, intent: str) -> None:
    result = speaker.route(text)
    assert f"{result.skill}.{result.intent}" == intent, result.explanation


@pytest.mark.parametrize(
    "text",
    [
        "if my sister texts, read it to me",
        "if i get any new voicemails, play them to me",
    ],
)
def test_a_request_pointing_back_to_a_thing_no_skill_serves_falls_back(
    speaker: Simulator, text: str
) -> None:
    result = speaker.route(text)
    assert result.intent is None, result.explanation
