"""Conversation tests for the smart-home skill on the demo home: every capability, every device
error code, "which one?" questions and their answers, pronouns, partial group success, unlock
confirmation, scenes, state questions, and a check that every example of every smart-home intent
routes back to its own intent."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from itertools import islice

import pytest

from simulator.engine import Simulator
from simulator.models import Turn
from simulator.nlu.expand import expand
from simulator.nlu.template import SlotRef
from simulator.sdk import SlotList
from simulator.sdk.testing import Conversation

NOW = datetime(2026, 6, 1, 20, 0)


@pytest.fixture
def conv() -> Iterator[Conversation]:
    c = Conversation(home="demo", now=NOW)
    yield c
    c.close()


def state(conv: Conversation, device: str, attribute: str) -> object:
    return conv.home.devices[device].get(attribute)


def error(turn: Turn) -> str | None:
    return turn.error.code if turn.error else None


# -- lights ------------------------------------------------------------------------------------


def test_turn_on_and_off_a_light(conv: Conversation) -> None:
    turn = conv.say("turn on the kitchen light", expect_intent="TurnOn")
    assert turn.speech == "Okay, turned on the kitchen light."
    assert state(conv, "kitchen_light", "on") is True
    conv.say("kitchen light off", expect_intent="TurnOff")
    assert state(conv, "kitchen_light", "on") is False


def test_brightness_set_and_relative(conv: Conversation) -> None:
    conv.say("set the desk lamp brightness to 40 percent", expect_intent="SetBrightness")
    assert state(conv, "desk_lamp", "brightness") == 40
    conv.say("make the desk lamp brighter", expect_intent="AdjustBrightness")
    assert state(conv, "desk_lamp", "brightness") == 60
    conv.say("dim the desk lamp", expect_intent="AdjustBrightness")
    assert state(conv, "desk_lamp", "brightness") == 40


def test_colour_and_colour_temperature(conv: Conversation) -> None:
    conv.say("turn the kitchen light blue", expect_intent="SetColour")
    assert state(conv, "kitchen_light", "color") == "blue"
    conv.say(
        "set the kitchen light colour temperature to 3000 kelvin",
        expect_intent="SetColourTemperature",
    )
    assert state(conv, "kitchen_light", "color_temp") == 3000
    conv.say(
        "set the kitchen light temperature to warm white", expect_intent="SetColourTemperature"
    )
    assert state(conv, "kitchen_light", "color_temp") == 2700


def test_a_white_named_on_its_own_is_a_colour_temperature(conv: Conversation) -> None:
    # The colour table has the whites too, but "warm white" said where a colour could be is
    # the white of a tunable bulb, in kelvin.
    conv.say("make the kitchen light soft white", expect_intent="SetColourTemperature")
    assert state(conv, "kitchen_light", "color_temp") == 2700
    conv.say("daylight for the kitchen light", expect_intent="SetColourTemperature")
    conv.say("turn the kitchen light green", expect_intent="SetColour")
    assert state(conv, "kitchen_light", "color") == "green"
    # A bare "warm" is a white only after "colour temperature": a warm room is heat.
    assert conv.sim.route("make the kitchen warm").intent != "SetColourTemperature"


def test_a_bare_percentage_means_the_level_the_device_has(conv: Conversation) -> None:
    conv.say("set the kitchen light to 30%", expect_intent="SetLevel")
    assert state(conv, "kitchen_light", "brightness") == 30
    conv.say("set the bedroom curtains to 30%", expect_intent="SetLevel")
    assert state(conv, "bedroom_curtains", "target_position") == 30


# -- climate and fans --------------------------------------------------------------------------


def test_set_raise_and_lower_the_temperature(conv: Conversation) -> None:
    conv.say("set the hall thermostat to 21 degrees", expect_intent="SetTemperature")
    assert state(conv, "hall_thermostat", "target_temperature") == 21.0
    conv.say("turn the hall thermostat temperature up", expect_intent="AdjustTemperature")
    assert state(conv, "hall_thermostat", "target_temperature") == 22.0
    conv.say("lower the temperature in the hallway by 2 degrees", expect_intent="AdjustTemperature")
    assert state(conv, "hall_thermostat", "target_temperature") == 20.0


def test_hvac_mode(conv: Conversation) -> None:
    conv.say("set the AC to cool", expect_intent="SetHvacMode")
    assert state(conv, "living_room_ac", "hvac_mode") == "cool"


def test_fan_speed_by_preset_and_percentage(conv: Conversation) -> None:
    conv.say("set the bedroom fan to high", expect_intent="SetFanSpeed")
    assert state(conv, "bedroom_fan", "fan_speed") == "high"
    conv.say("set the bedroom fan speed to 40 percent", expect_intent="SetFanSpeed")
    assert state(conv, "bedroom_fan", "fan_percentage") == 40


# -- covers ------------------------------------------------------------------------------------


def test_open_close_and_position(conv: Conversation) -> None:
    conv.say("open the bedroom curtains", expect_intent="Open")
    assert state(conv, "bedroom_curtains", "target_position") == 100
    conv.say("close the curtains", expect_intent="Close")  # the speaker's room: the lounge
    assert state(conv, "living_room_curtains", "target_position") == 0
    conv.say("open the blinds halfway", expect_intent="SetPosition")
    assert state(conv, "living_room_curtains", "target_position") == 50


# -- locks -------------------------------------------------------------------------------------


def test_lock_needs_no_confirmation(conv: Conversation) -> None:
    conv.say("unlock the back door")
    conv.say("yes")
    turn = conv.say("lock the back door", expect_intent="Lock")
    assert turn.speech == "Okay, locked the back door."
    assert state(conv, "back_door", "lock_state") == "locked"


def test_unlock_asks_first_and_yes_unlocks(conv: Conversation) -> None:
    turn = conv.say("unlock the front door", expect_intent="Unlock")
    assert turn.speech == "Unlock the front door?"
    assert turn.session_ended is False
    assert state(conv, "front_door", "lock_state") == "locked"
    conv.say("yes", expect_speech="Okay, unlocked the front door.")
    assert state(conv, "front_door", "lock_state") == "unlocked"


def test_unlock_no_leaves_the_door_locked(conv: Conversation) -> None:
    conv.say("unlock the front door")
    conv.say("no", expect_speech="Okay, I won't.")
    assert state(conv, "front_door", "lock_state") == "locked"


# -- vacuum ------------------------------------------------------------------------------------


def test_vacuum_start_pause_room_and_dock(conv: Conversation) -> None:
    conv.say("start the vacuum", expect_intent="StartVacuum")
    assert state(conv, "robot_vacuum", "cleaning_state") == "cleaning"
    conv.say("pause the vacuum", expect_intent="Pause")
    assert state(conv, "robot_vacuum", "cleaning_state") == "paused"
    turn = conv.say("vacuum the kitchen", expect_intent="StartVacuum")
    assert state(conv, "robot_vacuum", "cleaning_room") == "kitchen"
    assert "kitchen" in (turn.speech or "")
    conv.say("send the vacuum home", expect_intent="DockVacuum")
    assert state(conv, "robot_vacuum", "cleaning_state") == "returning"


# -- media -------------------------------------------------------------------------------------


def test_media_volume_mute_playback_tracks_and_source(conv: Conversation) -> None:
    conv.say("set the kitchen speaker volume to 50", expect_intent="SetVolume")
    assert state(conv, "kitchen_speaker", "volume") == 50
    conv.say("turn up the kitchen speaker", expect_intent="AdjustVolume")
    assert state(conv, "kitchen_speaker", "volume") == 60
    conv.say("turn the volume down on the kitchen speaker", expect_intent="AdjustVolume")
    assert state(conv, "kitchen_speaker", "volume") == 50
    conv.say("mute the kitchen speaker", expect_intent="Mute")
    assert state(conv, "kitchen_speaker", "muted") is True
    conv.say("unmute the kitchen speaker", expect_intent="Unmute")
    assert state(conv, "kitchen_speaker", "muted") is False
    conv.say("play the kitchen speaker", expect_intent="Resume")
    assert state(conv, "kitchen_speaker", "playback") == "playing"
    conv.say("next track on the kitchen speaker", expect_intent="NextTrack")
    conv.say("previous track on the kitchen speaker", expect_intent="PreviousTrack")
    conv.say("pause", expect_intent="Pause")  # what is playing
    assert state(conv, "kitchen_speaker", "playback") == "paused"
    conv.say("turn on the tv")
    conv.say("switch the tv to hdmi 1", expect_intent="SetSource")
    assert state(conv, "living_room_tv", "source") == "HDMI 1"


# -- questions ---------------------------------------------------------------------------------


def test_state_questions(conv: Conversation) -> None:
    conv.say("is the front door locked", expect_speech="Yes. The front door is locked.")
    conv.say("is the kitchen light on", expect_speech="No. The kitchen light is off.")
    turn = conv.say("which lights are on", expect_intent="QueryDevices")
    assert turn.speech == "The ceiling light, the bedroom lamp and the desk lamp are on."
    turn = conv.say("what's the temperature in the bedroom", expect_intent="GetTemperature")
    assert turn.speech == "It's 19.5 degrees in the bedroom."
    conv.say("how many doors are locked", expect_contains="2 of 2 are locked")
    # "are all ..." is QueryDevices' question (its closed list of questions outweighs GetState's
    # reading of "all the doors" as one target).
    conv.say("are all the doors locked", expect_intent="QueryDevices")
    conv.say("are all the lights on", expect_intent="QueryDevices")
    conv.say("are the doors locked", expect_intent="GetState")


# -- scenes ------------------------------------------------------------------------------------


def test_a_scene_runs_as_one_command(conv: Conversation) -> None:
    turn = conv.say("good night", expect_intent="RunScene")
    assert turn.speech == "Okay, good night."
    assert not conv.home.find(group="lights", where=lambda d: d.get("on"))
    assert state(conv, "hall_thermostat", "target_temperature") == 18.0
    conv.say("run movie time", expect_intent="RunScene")
    assert state(conv, "living_room_tv", "source") == "Streaming"


def test_good_morning_still_greets() -> None:
    conv = Conversation(home="demo", now=NOW)
    try:
        # The greeting (now the fun skill's) wins over the demo home's "good morning" scene.
        conv.say("good morning", expect_intent="Greeting")
    finally:
        conv.close()


# -- targets: rooms, groups, pronouns ----------------------------------------------------------


def test_groups_rooms_and_the_speakers_room(conv: Conversation) -> None:
    conv.say("turn off the lights")  # the living room's lights, where the speaker is
    assert state(conv, "living_room_ceiling_light", "on") is False
    assert state(conv, "bedroom_lamp", "on") is True
    conv.say("turn off everything in the bedroom")
    assert state(conv, "bedroom_lamp", "on") is False
    conv.say("turn on all the lights")
    assert state(conv, "bathroom_light", "on") is True


def test_pronouns_refer_to_the_last_devices(conv: Conversation) -> None:
    conv.say("turn on the kitchen light")
    conv.say("set it to 20 percent", expect_intent="SetLevel")
    assert state(conv, "kitchen_light", "brightness") == 20
    conv.say("turn it off")
    assert state(conv, "kitchen_light", "on") is False


# -- ambiguity ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "lamps"),
    [
        ("the one in the den", ["den_corner_lamp"]),
        ("den", ["den_corner_lamp"]),
        ("the study one", ["study_corner_lamp"]),
        ("the first one", ["study_corner_lamp"]),
        ("both", ["study_corner_lamp", "den_corner_lamp"]),
    ],
)
def test_ambiguity_is_asked_and_the_answer_taken(
    conv: Conversation, answer: str, lamps: list[str]
) -> None:
    turn = conv.say("turn on the corner lamp")
    assert turn.speech == "Which corner lamp, the one in the study or the one in the den?"
    assert error(turn) == "AMBIGUOUS_TARGET"
    assert turn.session_ended is False
    turn = conv.say(answer, expect_intent="TurnOn")  # the request that asked runs again
    assert turn.source == "context"
    assert sorted(c.device_id for c in turn.device_changes) == sorted(lamps)


@pytest.mark.parametrize(
    "answer", ["kitchen", "both", "the first one", "living room", "the one in the den"]
)
def test_an_answer_without_a_question_routes_nowhere(conv: Conversation, answer: str) -> None:
    # Issue 7, defect 6: these went to smart_home.ChooseDevice at confidence 1.00 with no
    # question open; answers are now read only against an open question's choices.
    turn = conv.say(answer)
    assert turn.intent is None and turn.source == "fallback"
    assert turn.device_changes == []
    assert conv.sim.route(answer).intent is None


def test_the_answer_to_which_one_is_routed_from_context(conv: Conversation) -> None:
    asked = conv.say("turn on the corner lamp")
    assert asked.error is not None and asked.error.code == "AMBIGUOUS_TARGET"
    assert asked.dialog.open_question is not None
    assert asked.dialog.open_question["kind"] == "disambiguate"
    turn = conv.say("the den one", expect_intent="TurnOn")
    assert turn.source == "context" and turn.device_changes
    # The question is answered: the same words now mean nothing again.
    assert conv.say("the den one").source != "context"


def test_ambiguity_for_a_question_too(conv: Conversation) -> None:
    conv.say("is the corner lamp on")
    conv.say("the den one", expect_speech="No. The corner lamp is off.")


# -- errors ------------------------------------------------------------------------------------


def test_unknown_device(conv: Conversation) -> None:
    turn = conv.say("turn on the toaster", expect_intent="UnknownDevice")
    assert turn.speech == "I couldn't find a device called toaster."
    assert error(turn) == "DEVICE_NOT_FOUND"
    turn = conv.say("turn on the garage fan")
    assert error(turn) == "DEVICE_NOT_FOUND"
    assert "garage" in (turn.speech or "")


def test_value_out_of_range_gives_the_range(conv: Conversation) -> None:
    turn = conv.say("set the kitchen light to 150 percent")
    assert error(turn) == "VALUE_OUT_OF_RANGE"
    assert "0 to 100 percent" in (turn.speech or "")
    turn = conv.say("set the hall thermostat to 40 degrees")
    assert error(turn) == "VALUE_OUT_OF_RANGE"
    assert "10 to 28" in (turn.speech or "")


def test_unsupported_action(conv: Conversation) -> None:
    turn = conv.say("open the lights", expect_intent="Open")
    assert error(turn) == "NOT_SUPPORTED"
    assert turn.speech == "The ceiling light and the floor lamp can't open."


def test_already_in_state(conv: Conversation) -> None:
    turn = conv.say("lock the front door")
    assert error(turn) == "ALREADY_IN_STATE"
    assert turn.speech == "The front door is already locked."


def test_offline_device_and_partial_group_success(conv: Conversation) -> None:
    conv.advance("21m")  # the garage light drops off the Wi-Fi after 20 minutes
    turn = conv.say("turn on the garage light")
    assert error(turn) == "DEVICE_OFFLINE"
    assert turn.speech == "The garage light is offline right now."
    turn = conv.say("turn on all the lights")
    assert error(turn) == "DEVICE_OFFLINE"
    assert (turn.speech or "").startswith("Okay, turned on")
    assert "But the garage light is offline right now." in (turn.speech or "")
    assert state(conv, "bathroom_light", "on") is True


def test_invalid_in_state(conv: Conversation) -> None:
    turn = conv.say("mute the tv")  # the TV is off
    assert error(turn) == "INVALID_IN_STATE"


@pytest.mark.parametrize(
    "text",
    [
        "turn on the banana",
        "set the light to 150 percent",
        "open the lights",
        "set the kitchen light to minus 5 percent",
        "set the temperature in the garage to 21 degrees",
        "turn on the lights on the tenth floor",
        "clean the attic",
        "what's the temperature in the garage",
        "switch the fridge to banana",
    ],
)
def test_bad_input_never_crashes(conv: Conversation, text: str) -> None:
    turn = conv.say(text)
    assert turn.speech
    assert error(turn) not in ("SKILL_ERROR", "SKILL_TIMEOUT")


def test_no_home_is_reported_not_crashed() -> None:
    conv = Conversation(now=NOW)
    try:
        turn = conv.say("turn on the kitchen light")
        assert error(turn) not in ("SKILL_ERROR", "SKILL_TIMEOUT")
    finally:
        conv.close()


# -- routing: every example of every intent routes to its own intent ---------------------------

# A fitting target for each intent (the example generator can't invent device phrases).
_TARGETS = {
    "SetTemperature": "the hall thermostat",
    "AdjustTemperature": "the hall thermostat",
    "SetHvacMode": "the air conditioner",
    "GetTemperature": "the bedroom",
    "SetFanSpeed": "the bedroom fan",
    "Open": "the bedroom curtains",
    "Close": "the bedroom curtains",
    "SetPosition": "the bedroom curtains",
    "Lock": "the front door",
    "Unlock": "the front door",
    "StartVacuum": "the robot vacuum",
    "DockVacuum": "the robot vacuum",
    "SetSource": "the living room tv",
    "GetState": "the front door",
    "Describe": "the front door",
}
_MEDIA = {"Pause", "Resume", "SetVolume", "AdjustVolume", "Mute", "Unmute"}
_MEDIA |= {"NextTrack", "PreviousTrack"}
# Two readings that give the same answer: "are all the lights off?" is a plural GetState.
# And a white said as a colour ("set the kitchen light warm white", the colour examples have
# the whites) is the colour temperature the skill's own list of whites names.
_SAME = {("QueryDevices", "GetState"), ("SetColour", "SetColourTemperature")}


def _examples(sim: Simulator) -> Iterator[tuple[str, str]]:
    env = sim.slot_env()
    skill = next(s for s in sim.skills if s.name == "smart_home")
    for spec in skill.intents.values():
        target = "the kitchen speaker" if spec.name in _MEDIA else "the kitchen light"
        target = _TARGETS.get(spec.name, target)
        for template in spec.templates:
            if template.language != "en":
                # Its slots would be filled with English values and targets here, which makes
                # no sentence in either language ("bath is some of the the kitchen light
                # closed"); Chinese requests are checked in test_zh_skills and the zh set.
                continue
            for n, pieces in enumerate(islice(expand(template.node), 24)):
                words: list[str] = []
                for piece in pieces:
                    if not isinstance(piece, SlotRef):
                        words.append(piece)
                    elif piece.name == "target":
                        words.append(target)
                    else:
                        slot_type = spec.slots[piece.name].type
                        options = [str(o) for o in slot_type.examples(env)]
                        if isinstance(slot_type, SlotList):
                            # A list's keys are words too, but not ones people say ("1900").
                            options = [o for o in options if not o.isdigit()] or options
                        words.append(options[n % len(options)])
                yield spec.name, " ".join(words)


@pytest.mark.heavy(seconds=13)
def test_every_smart_home_example_routes_to_its_own_intent() -> None:
    sim = Simulator.create(now=NOW, seed=0)
    try:
        failures: list[str] = []
        checked = 0
        for intent, text in _examples(sim):
            checked += 1
            result = sim.route(text)
            if result.skill == "smart_home" and (intent, result.intent) in _SAME:
                continue
            if (result.skill, result.intent) != ("smart_home", intent):
                failures.append(f"  {intent}: {text!r} -> {result.skill}.{result.intent}")
        assert checked > 1000
        assert not failures, f"{len(failures)} of {checked} misrouted:\n" + "\n".join(failures)
    finally:
        sim.close()
