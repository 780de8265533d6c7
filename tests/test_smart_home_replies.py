"""Smart-home replies read as people speak (issue 11), and phrasings of Home Assistant's
templates that used to pick the wrong device (issue 9), on the demo home."""

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


def test_dimming_two_lights_names_them_in_a_sentence(conv: Conversation) -> None:
    conv.say("turn on the ceiling light")
    conv.say("turn on the floor lamp")
    conv.say("set the lights to 60 percent")
    turn = conv.say("dim the lights")
    assert turn.speech == "Okay, I've dimmed the ceiling light and the floor lamp to 40 percent."


def test_a_set_point_reply_has_a_verb(conv: Conversation) -> None:
    turn = conv.say("set the air conditioner to 22 degrees")
    assert turn.speech == "Okay, I've set the air conditioner to 22 degrees."


def test_dimming_lights_that_are_off_says_they_are_off(conv: Conversation) -> None:
    conv.say("turn off the lights")
    turn = conv.say("dim the lights")
    assert turn.speech == "The ceiling light and the floor lamp are already off."
    assert turn.error is not None and turn.error.code == "ALREADY_IN_STATE"


def test_warmer_on_an_air_conditioner_that_is_off_says_so(conv: Conversation) -> None:
    assert conv.home.devices["living_room_ac"].get("hvac_mode") == "off"
    turn = conv.say("make it warmer")
    assert turn.speech is not None
    assert turn.speech.startswith("Okay, I've turned the air conditioner up to")
    assert 'switched off, though: say "turn on the air conditioner"' in turn.speech


def test_warmer_prefers_a_device_that_is_running(conv: Conversation) -> None:
    conv.say("set the air conditioner to heat mode")
    before = conv.home.devices["living_room_ac"].get("target_temperature")
    turn = conv.say("make it warmer")
    assert conv.home.devices["living_room_ac"].get("target_temperature") == before + 1
    assert "switched off" not in (turn.speech or "")


def test_next_track_in_a_named_room_skips_there(conv: Conversation) -> None:
    for device in ("kitchen_speaker", "den_speaker"):
        conv.home.set_manual(device, "playback", "playing")
        conv.home.set_manual(device, "track", 3)
    conv.say("next track in the den")
    assert conv.home.devices["den_speaker"].get("track") == 4
    assert conv.home.devices["kitchen_speaker"].get("track") == 3


def test_mute_music_on_a_named_speaker_mutes_only_it(conv: Conversation) -> None:
    turn = conv.say("mute the music on the den speaker")
    assert turn.intent == "Mute"
    assert conv.home.devices["den_speaker"].get("muted") is True
    assert conv.home.devices["kitchen_speaker"].get("muted") is False


def test_volume_in_a_room_without_a_device_name(conv: Conversation) -> None:
    turn = conv.say("volume down in the den by 10")
    assert turn.intent == "AdjustVolume"
    assert [c.device_id for c in turn.device_changes] == ["den_speaker"]


def test_turn_a_light_to_off_switches_it_off(conv: Conversation) -> None:
    # "off" is also a climate mode; a light has none, so it means switching off.
    conv.say("turn on the kitchen light")
    turn = conv.say("turn the kitchen light to off")
    assert conv.home.devices["kitchen_light"].get("on") is False
    assert turn.speech == "Okay, turned off the kitchen light."
    turn = conv.say("turn the air conditioner to cool")
    assert turn.speech == "Okay, I've switched the air conditioner to cool mode."
    turn = conv.say("turn the air conditioner to off")
    assert turn.speech == "Okay, I've switched off the air conditioner."


def test_dim_a_bit(conv: Conversation) -> None:
    conv.say("turn on the ceiling light")
    turn = conv.say("dim the living room lights a bit")
    assert turn.intent == "AdjustBrightness"
    assert turn.speech is not None and turn.speech.startswith("Okay, I've dimmed the ceiling light")
