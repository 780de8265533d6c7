"""Passive and impersonal requests (issue #9): "could the porch light be switched off", "the
pasta timer is to be cancelled", "has the garage door been shut". The readings of
`simulator.nlu.passive`, and what the router makes of them, on sentences written for these
tests.
"""

from __future__ import annotations

import pytest

from simulator.engine import Simulator
from simulator.nlu.passive import IRREGULAR_PARTICIPLES, active_readings, participles

_VERBS = {
    "switched": "switch",
    "turned": "turn",
    "cancelled": "cancel",
    "deleted": "delete",
    "locked": "lock",
    "added": "add",
    "played": "play",
    "reminded": "remind",
    "taken": "take",
    "made": "make",
    "set": "set",
    "forgotten": "forget",
    "known": "know",
}


def _w(text: str) -> list[str]:
    return text.split()


def _readings(text: str) -> list[list[str]]:
    return [r.words for r in active_readings(_w(text), _VERBS)]


@pytest.fixture(scope="module")
def speaker() -> Simulator:
    """The bundled skills."""
    return Simulator.create(seed=0)


def _intent(speaker: Simulator, text: str, focus: str | None = None) -> str | None:
    result = speaker.route(text, focus_skill=focus)
    return f"{result.skill}.{result.intent}" if result.intent else None


def test_participles_are_the_regular_ones_and_irregular_ones_of_known_verbs() -> None:
    verbs = participles({"take", "lock", "forget"}, {"locked": "lock"})
    assert verbs["locked"] == "lock"
    assert verbs["taken"] == "take"
    assert verbs["forgotten"] == "forget"
    assert "spoken" not in verbs  # "speak" is no verb of these skills
    assert IRREGULAR_PARTICIPLES["brought"] == "bring"


def test_a_modal_before_the_thing_asks_for_the_command() -> None:
    assert _readings("could the porch light be switched off") == [
        _w("switch the porch light off"),
        _w("switch off the porch light"),
    ]
    assert _readings("can the music please be played louder")[0] == _w("play the music louder")
    assert _readings("would the garage door be locked") == [_w("lock the garage door")]


def test_a_modal_after_the_thing_states_the_command() -> None:
    assert _readings("the pasta timer is to be cancelled")[0] == _w("cancel the pasta timer")
    assert _readings("my shopping list needs to be deleted")[0] == _w("delete my shopping list")
    assert _readings("all of the timers ought to be cancelled")[0] == _w("cancel all of the timers")
    # A floating quantifier goes back before the thing.
    assert _readings("the timers should all be cancelled")[0] == _w("cancel all the timers")
    # A subject pronoun is the object of the command.
    assert _readings("i must be reminded to water the plants")[0] == _w(
        "remind me to water the plants"
    )
    # A time adverb at the end colours the command: a reading without it follows.
    assert _readings("the heater should be turned off right now") == [
        _w("turn the heater off right now"),
        _w("turn off the heater right now"),
        _w("turn the heater off"),
        _w("turn off the heater"),
    ]


def test_a_thing_wanted_done_or_let_be_done_is_the_command() -> None:
    assert _readings("i would like the bathroom fan to be switched on")[0] == _w(
        "switch the bathroom fan on"
    )
    assert _readings("let the hall light be turned off")[0] == _w("turn the hall light off")
    assert _readings("have the hall light turned off")[0] == _w("turn the hall light off")
    assert _readings("let the playlist be known as road trip") == [
        _w("rename the playlist to road trip")
    ]


def test_a_passive_question_asks_the_state_or_what_was_done() -> None:
    assert _readings("has the garage door been locked") == [
        _w("is the garage door locked"),
        _w("have i locked the garage door"),
        _w("did i lock the garage door"),
    ]
    assert _readings("have the milk and eggs been added to my list")[0] == _w(
        "are the milk and eggs added to my list"
    )
    assert _readings("which doors have been left open")[0] == _w("which doors are open")
    assert _readings("what songs can be played") == [_w("what songs can you play")]
    assert _readings("where is the smoke alarm located") == [_w("where is the smoke alarm")]


def test_sentences_without_the_shape_have_no_reading() -> None:
    assert _readings("switch the porch light off") == []
    assert _readings("the porch light should not be switched off") == []  # negated
    assert _readings("could you be quiet") == []  # no participle, and "you" is the listener
    assert _readings("could you be switched off") == []
    assert _readings("i want to be famous") == []
    assert _readings("what can i do") == []
    assert _readings("have i got any alarms") == []


def test_the_router_reads_passive_requests_as_the_active_ones(speaker: Simulator) -> None:
    assert _intent(speaker, "could the desk lamp be switched off") == "smart_home.TurnOff"
    assert _intent(speaker, "the pasta timer is to be cancelled") == "timer.CancelTimer"
    assert _intent(speaker, "the timers should all be cancelled") == "timer.CancelAllTimers"
    assert _intent(speaker, "i must be reminded to water the plants at six") == (
        "alarms.SetReminder"
    )
    assert _intent(speaker, "has the front door been locked") == "smart_home.GetState"
    assert _intent(speaker, "which doors have been left unlocked") == "smart_home.QueryDevices"
    assert _intent(speaker, "could milk be taken off my shopping list") == "lists.RemoveItems"
    assert _intent(speaker, "i'd like my name to be forgotten now") == "hello.ForgetName"


def test_passive_requests_out_of_scope_still_fall_back(speaker: Simulator) -> None:
    assert _intent(speaker, "could a taxi be booked for me") is None
    assert _intent(speaker, "the car should be washed tomorrow") is None
    assert _intent(speaker, "could a table be reserved for four") is None
    assert _intent(speaker, "has my parcel been delivered") is None
    assert _intent(speaker, "it would be great if a cab could be booked") is None
