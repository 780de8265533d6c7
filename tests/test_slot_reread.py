"""Leftovers of issue 7: a bare "the den one" sets no level, and the Turn shows the slots a
handler acted on where it read the sentence otherwise than the router."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import pytest

from simulator.sdk.testing import Conversation

NOW = datetime(2026, 6, 1, 20, 0)


@pytest.fixture
def conv() -> Iterator[Conversation]:
    c = Conversation(home="demo", now=NOW)
    yield c
    c.close()


@pytest.mark.parametrize("text", ["the den one", "the den two", "kitchen light three"])
def test_a_bare_number_after_a_target_with_no_question_open_sets_nothing(
    conv: Conversation, text: str
) -> None:
    turn = conv.say(text)
    assert turn.intent != "SetLevel"
    assert turn.device_changes == []


@pytest.mark.parametrize(
    ("text", "device", "level"),
    [
        ("kitchen light 40 percent", "kitchen_light", 40),
        ("the kitchen light to 30", "kitchen_light", 30),
        ("the den 20%", "den_corner_lamp", 20),
    ],
)
def test_terse_levels_that_say_to_or_percent_still_set_it(
    conv: Conversation, text: str, device: str, level: int
) -> None:
    conv.say(text, expect_intent="SetLevel")
    assert conv.home.devices[device].get("brightness") == level


def test_the_turn_shows_the_colour_and_target_the_handler_used(conv: Conversation) -> None:
    # The router splits "the kitchen" + "light blue"; the skill acts on the kitchen light, blue.
    turn = conv.say("turn the kitchen light blue", expect_intent="SetColour")
    assert turn.speech == "Okay, the kitchen light is now blue."
    assert turn.slots["colour"].value["name"] == "blue"
    assert turn.slots["colour"].raw == "blue"
    assert turn.slots["target"].value["device_ids"] == ["kitchen_light"]
    assert [c.device_id for c in turn.device_changes] == ["kitchen_light"] * len(
        turn.device_changes
    )


def test_a_reading_the_handler_did_not_change_is_the_routers(conv: Conversation) -> None:
    turn = conv.say("set the kitchen light to red", expect_intent="SetColour")
    assert turn.slots["colour"].raw == "red"
    assert turn.slots["target"].raw == "kitchen light"
