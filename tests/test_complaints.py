"""Requests said as complaints or with other verbs: "the lamp is too dim", "move the blinds".

People often say what is wrong rather than what to do ("it's too cold in here"), and use verbs
the first templates did not ("move", "draw back", "pull ... shut"). The smart-home skill's
templates read these (issue #9); checked here on sentences of no paraphrase set.
"""

from __future__ import annotations

import pytest

from simulator.engine import Simulator
from simulator.sdk.testing import Conversation


@pytest.fixture(scope="module")
def speaker() -> Simulator:
    """The bundled skills and the demo home."""
    return Simulator.create(seed=0)


@pytest.mark.parametrize(
    ("text", "intent", "way"),
    [
        ("the desk lamp is too dim", "AdjustBrightness", "brighter"),
        ("make the desk lamp a little dimmer", "AdjustBrightness", "dimmer"),
        ("it's too cold in here", "AdjustTemperature", "warmer"),
        ("the bathroom is freezing", "AdjustTemperature", "warmer"),
        ("the living room tv is too quiet", "AdjustVolume", "up"),
    ],
)
def test_a_complaint_names_the_way(speaker: Simulator, text: str, intent: str, way: str) -> None:
    result = speaker.route(text)
    assert (result.skill, result.intent) == ("smart_home", intent)
    assert result.slots["way"].value == way


def test_the_target_ends_at_the_device_before_an_amount(speaker: Simulator) -> None:
    result = speaker.route("make the desk lamp a little dimmer")
    assert result.slots["target"].raw == "desk lamp"


def test_other_verbs_move_covers(speaker: Simulator) -> None:
    conv = Conversation(home="demo")
    try:
        turn = conv.say("move the bedroom blinds to 40 percent")
        assert turn.error is None, turn.speech
        assert conv.home.devices["bedroom_curtains"].get("target_position") == 40
    finally:
        conv.close()
    assert speaker.route("pull the kitchen blinds back").intent == "Open"
    assert speaker.route("pull the kitchen blinds shut").intent == "Close"
    assert speaker.route("draw the kitchen blinds").intent == "Close"  # plain "draw" closes


def test_telegraphic_volume_names_its_device(speaker: Simulator) -> None:
    result = speaker.route("volume 25 on the kitchen speaker")
    assert result.intent == "SetVolume"
    assert result.slots["target"].raw == "kitchen speaker"
