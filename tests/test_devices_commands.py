"""Commands on the demo home: every command's success, each error code, groups and scenes."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from simulator.devices import (
    COMMANDS,
    CommandResult,
    DeviceError,
    ErrorCode,
    Home,
    load_home,
    spoken_error,
)


@pytest.fixture
def home() -> Home:
    return load_home(now=datetime(2024, 1, 1, 8, 0))


def run(home: Home, device_id: str, command: str, value: Any = None) -> CommandResult:
    (result,) = home.execute([home.devices[device_id]], command, value)
    return result


def ok(home: Home, device_id: str, command: str, value: Any = None) -> CommandResult:
    result = run(home, device_id, command, value)
    assert result.error is None, result.error
    assert result.events, "a successful command changes something"
    return result


def fails(
    home: Home, device_id: str, command: str, code: ErrorCode, value: Any = None
) -> DeviceError:
    result = run(home, device_id, command, value)
    assert result.error is not None and result.error.code is code, result.error
    assert not result.events
    return result.error


# --- success of every command --------------------------------------------------------------------


def test_power_commands(home: Home) -> None:
    ok(home, "kitchen_light", "turn_on")
    assert home.get("kitchen_light", "on") is True
    ok(home, "kitchen_light", "turn_off")
    ok(home, "kitchen_light", "toggle")
    assert home.get("kitchen_light", "on") is True
    # A thermostat has no switch: off is a mode, and on restores the first real mode.
    ok(home, "hall_thermostat", "turn_off")
    assert home.get("hall_thermostat", "hvac_mode") == "off"
    ok(home, "hall_thermostat", "turn_on")
    assert home.get("hall_thermostat", "hvac_mode") == "heat"


def test_light_commands(home: Home) -> None:
    ok(home, "kitchen_light", "set_brightness", 30)
    assert home.get("kitchen_light", "on") is True
    assert home.get("kitchen_light", "brightness") == 30
    ok(home, "kitchen_light", "adjust_brightness", 25)
    assert home.get("kitchen_light", "brightness") == 55
    ok(home, "kitchen_light", "adjust_brightness", 100)
    assert home.get("kitchen_light", "brightness") == 100
    ok(home, "kitchen_light", "set_color", "Blue")
    assert (home.get("kitchen_light", "color"), home.get("kitchen_light", "hue")) == ("blue", 240)
    ok(home, "kitchen_light", "set_color", {"hue": 10, "saturation": 50})
    assert home.get("kitchen_light", "color") is None
    ok(home, "kitchen_light", "set_color_temp", 4000)
    assert home.get("kitchen_light", "color_temp") == 4000
    ok(home, "kitchen_light", "set_color_temp", "warm")
    assert home.get("kitchen_light", "color_temp") == 2700
    ok(home, "kitchen_light", "set_brightness", 0)
    assert home.get("kitchen_light", "on") is False


def test_climate_commands(home: Home) -> None:
    ok(home, "hall_thermostat", "set_temperature", 22)
    assert home.get("hall_thermostat", "target_temperature") == 22
    ok(home, "hall_thermostat", "set_temperature", 21.3)  # snapped to the 0.5 step
    assert home.get("hall_thermostat", "target_temperature") == 21.5
    ok(home, "hall_thermostat", "adjust_temperature", 1)
    assert home.get("hall_thermostat", "target_temperature") == 22.5
    ok(home, "hall_thermostat", "adjust_temperature", -0.2)  # less than a step: one step
    assert home.get("hall_thermostat", "target_temperature") == 22.0
    ok(home, "hall_thermostat", "set_hvac_mode", "auto")
    ok(home, "living_room_ac", "set_hvac_mode", "fan only")
    assert home.get("living_room_ac", "hvac_mode") == "fan_only"
    ok(home, "living_room_ac", "set_fan_speed", "high")
    assert home.get("living_room_ac", "fan_percentage") == 100


def test_cover_commands(home: Home) -> None:
    ok(home, "living_room_curtains", "close")
    assert home.get("living_room_curtains", "moving") is True
    assert home.get("living_room_curtains", "target_position") == 0
    ok(home, "living_room_curtains", "stop")
    assert home.get("living_room_curtains", "moving") is False
    ok(home, "living_room_curtains", "set_position", 40)
    ok(home, "bedroom_curtains", "open")
    assert home.get("bedroom_curtains", "target_position") == 100


def test_fan_commands(home: Home) -> None:
    ok(home, "bedroom_fan", "set_fan_speed", "medium")
    assert home.get("bedroom_fan", "on") is True
    ok(home, "bedroom_fan", "set_fan_speed", 90)
    assert home.get("bedroom_fan", "fan_speed") == "high"
    ok(home, "bedroom_fan", "set_fan_speed", "off")
    assert home.get("bedroom_fan", "on") is False


def test_lock_commands(home: Home) -> None:
    ok(home, "front_door", "unlock")
    assert home.get("front_door", "lock_state") == "unlocked"
    ok(home, "front_door", "lock")


def test_vacuum_commands(home: Home) -> None:
    ok(home, "robot_vacuum", "start_cleaning")
    assert home.get("robot_vacuum", "cleaning_room") == "living_room"
    ok(home, "robot_vacuum", "pause_cleaning")
    ok(home, "robot_vacuum", "start_cleaning")  # resumes
    assert home.get("robot_vacuum", "cleaning_state") == "cleaning"
    ok(home, "robot_vacuum", "start_cleaning", "Kitchen")
    assert home.get("robot_vacuum", "cleaning_room") == "kitchen"
    ok(home, "robot_vacuum", "return_to_dock")
    assert home.get("robot_vacuum", "cleaning_state") == "returning"


def test_media_commands(home: Home) -> None:
    ok(home, "living_room_tv", "turn_on")
    ok(home, "living_room_tv", "set_volume", 30)
    ok(home, "living_room_tv", "adjust_volume", -10)
    assert home.get("living_room_tv", "volume") == 20
    ok(home, "living_room_tv", "mute")
    ok(home, "living_room_tv", "unmute")
    ok(home, "living_room_tv", "set_source", "hdmi 1")
    assert home.get("living_room_tv", "source") == "HDMI 1"
    ok(home, "kitchen_speaker", "play")
    ok(home, "kitchen_speaker", "next")
    assert home.get("kitchen_speaker", "track") == 2
    ok(home, "kitchen_speaker", "previous")
    ok(home, "kitchen_speaker", "pause")
    ok(home, "kitchen_speaker", "stop_playback")
    assert home.get("kitchen_speaker", "playback") == "stopped"


def test_play_queue_commands(home: Home) -> None:
    queue = [
        {"title": "One", "artist": "A", "duration": 100},
        {"title": "Two", "artist": "B", "duration": 50},
    ]
    result = ok(home, "living_room_tv", "play_media", {"items": queue, "app": "music"})
    # A TV that is off is switched on to play.
    assert {e.attribute for e in result.events} >= {"on", "playback", "media_title"}
    assert home.get("living_room_tv", "media_title") == "One"
    ok(home, "living_room_tv", "next")
    assert home.get("living_room_tv", "media_artist") == "B"
    fails(home, "living_room_tv", "next", ErrorCode.INVALID_IN_STATE)  # the end of the queue
    ok(home, "living_room_tv", "set_repeat", "all")
    ok(home, "living_room_tv", "next")  # wraps round on repeat all
    assert home.get("living_room_tv", "media_title") == "One"
    ok(home, "living_room_tv", "set_shuffle", True)
    fails(home, "living_room_tv", "set_repeat", ErrorCode.VALUE_OUT_OF_RANGE, "sometimes")
    fails(home, "living_room_tv", "play_media", ErrorCode.VALUE_OUT_OF_RANGE, {"items": []})
    bad = {"items": [{"title": "X", "duration": 0}]}
    fails(home, "living_room_tv", "play_media", ErrorCode.VALUE_OUT_OF_RANGE, bad)


def test_the_simulation_plays_through_a_queue(home: Home) -> None:
    import random

    queue = [
        {"title": "One", "artist": "A", "duration": 100},
        {"title": "Two", "artist": "B", "duration": 50},
    ]
    ok(home, "kitchen_speaker", "play_media", {"items": queue, "app": "music"})
    start = datetime(2024, 1, 1, 8, 0)
    events = home.simulate(start, 120, random.Random(0))
    assert [(e.attribute, e.new) for e in events if e.device_id == "kitchen_speaker"] == [
        ("track", 2),
        ("media_title", "Two"),
        ("media_artist", "B"),
    ]
    assert home.devices["kitchen_speaker"].full_state()["media_position"] == 20.0
    home.simulate(start, 60, random.Random(0))
    assert home.get("kitchen_speaker", "playback") == "stopped"


def test_every_command_is_exercised() -> None:
    exercised = {
        "turn_on", "turn_off", "toggle", "set_brightness", "adjust_brightness", "set_color",
        "set_color_temp", "set_temperature", "adjust_temperature", "set_hvac_mode", "open",
        "close", "set_position", "stop", "set_fan_speed", "lock", "unlock", "start_cleaning",
        "pause_cleaning", "return_to_dock", "set_volume", "adjust_volume", "mute", "unmute",
        "play", "pause", "stop_playback", "next", "previous", "set_source", "run_scene",
        "play_media", "set_repeat", "set_shuffle",
    }  # fmt: skip
    assert exercised == set(COMMANDS)


def test_unknown_command_is_a_programming_error(home: Home) -> None:
    with pytest.raises(ValueError, match="unknown command"):
        home.execute([home.devices["kitchen_light"]], "explode")


# --- error codes ---------------------------------------------------------------------------------


def test_not_supported(home: Home) -> None:
    err = fails(home, "kitchen_light", "open", ErrorCode.NOT_SUPPORTED)
    assert spoken_error(err) == "The kitchen light can't open."
    with pytest.raises(DeviceError) as info:
        home.get("kitchen_light", "volume")
    assert info.value.code is ErrorCode.NOT_SUPPORTED


def test_offline(home: Home) -> None:
    home.set_manual("hallway_light", "online", False)
    err = fails(home, "hallway_light", "turn_on", ErrorCode.DEVICE_OFFLINE)
    assert spoken_error(err) == "The hallway light is offline right now."
    assert home.describe("hallway_light") == "The hallway light is offline right now."


def test_value_out_of_range_carries_range(home: Home) -> None:
    err = fails(home, "kitchen_light", "set_brightness", ErrorCode.VALUE_OUT_OF_RANGE, 150)
    assert spoken_error(err) == "I can set the brightness from 0 to 100 percent."
    assert err.valid_range is not None
    assert (err.valid_range.minimum, err.valid_range.maximum) == (0, 100)
    err = fails(home, "hall_thermostat", "set_temperature", ErrorCode.VALUE_OUT_OF_RANGE, 35)
    assert spoken_error(err) == "I can set the hall thermostat from 10 to 28 degrees."
    err = fails(home, "kitchen_light", "set_color_temp", ErrorCode.VALUE_OUT_OF_RANGE, 2000)
    assert err.valid_range is not None and err.valid_range.minimum == 2700
    ok(home, "living_room_tv", "turn_on")
    err = fails(home, "living_room_tv", "set_source", ErrorCode.VALUE_OUT_OF_RANGE, "VHS")
    assert err.valid_range is not None and "HDMI 1" in err.valid_range.choices
    fails(home, "hall_thermostat", "set_hvac_mode", ErrorCode.VALUE_OUT_OF_RANGE, "cool")
    fails(home, "kitchen_light", "set_color", ErrorCode.VALUE_OUT_OF_RANGE, "plaid")
    fails(home, "kitchen_light", "set_brightness", ErrorCode.VALUE_OUT_OF_RANGE, "bright")
    fails(home, "robot_vacuum", "start_cleaning", ErrorCode.VALUE_OUT_OF_RANGE, "attic")


def test_invalid_in_state(home: Home) -> None:
    home.set_manual("front_door", "lock_state", "jammed")
    err = fails(home, "front_door", "unlock", ErrorCode.INVALID_IN_STATE)
    assert spoken_error(err) == "The front door is jammed, so I can't unlock it."
    fails(home, "robot_vacuum", "pause_cleaning", ErrorCode.INVALID_IN_STATE)
    fails(home, "living_room_curtains", "stop", ErrorCode.INVALID_IN_STATE)
    fails(home, "living_room_tv", "set_volume", ErrorCode.INVALID_IN_STATE, 10)  # TV is off
    fails(home, "kitchen_speaker", "pause", ErrorCode.INVALID_IN_STATE)  # nothing playing
    home.set_manual("robot_vacuum", "battery", 5)
    fails(home, "robot_vacuum", "start_cleaning", ErrorCode.INVALID_IN_STATE)


def test_already_in_state(home: Home) -> None:
    err = fails(home, "bedroom_lamp", "turn_on", ErrorCode.ALREADY_IN_STATE)
    assert spoken_error(err) == "The bedroom lamp is already on."
    fails(home, "front_door", "lock", ErrorCode.ALREADY_IN_STATE)
    fails(home, "living_room_curtains", "open", ErrorCode.ALREADY_IN_STATE)
    err = fails(home, "hall_thermostat", "set_temperature", ErrorCode.ALREADY_IN_STATE, 20.5)
    assert spoken_error(err) == "The hall thermostat is already set to 20.5 degrees."
    home.execute([home.devices["hall_thermostat"]], "set_temperature", 28)
    fails(home, "hall_thermostat", "adjust_temperature", ErrorCode.ALREADY_IN_STATE, 1)
    fails(home, "robot_vacuum", "return_to_dock", ErrorCode.ALREADY_IN_STATE)


def test_device_fault(home: Home) -> None:
    home.set_manual("robot_vacuum", "cleaning_state", "error")
    err = fails(home, "robot_vacuum", "start_cleaning", ErrorCode.DEVICE_FAULT)
    assert "stuck" in spoken_error(err)


def test_not_found_and_unknown_device(home: Home) -> None:
    with pytest.raises(DeviceError) as info:
        home.device("garage_fan")
    assert info.value.code is ErrorCode.DEVICE_NOT_FOUND
    assert spoken_error(info.value) == "I couldn't find a device called garage fan."


# --- groups and scenes ---------------------------------------------------------------------------


def test_group_partial_success(home: Home) -> None:
    home.set_manual("garage_light", "online", False)
    lights = [home.devices[i] for i in ("kitchen_light", "garage_light", "bedroom_lamp")]
    results = home.execute(lights, "turn_on")
    codes = [r.error.code if r.error else None for r in results]
    assert codes == [None, ErrorCode.DEVICE_OFFLINE, ErrorCode.ALREADY_IN_STATE]
    assert [r.failed for r in results] == [False, True, False]


def test_unsupported_group_members_are_skipped(home: Home) -> None:
    results = home.execute(home.find(room="kitchen"), "turn_off")
    by_id = {r.device_id: r for r in results}
    assert by_id["fridge"].skipped and by_id["back_door"].skipped
    assert not any(r.failed for r in results)
    alone = run(home, "fridge", "turn_off")
    assert not alone.skipped and alone.failed


def test_scene_runs_every_action(home: Home) -> None:
    results = home.execute([], "run_scene", "good night")
    assert not any(r.failed for r in results)
    assert all(not d.get("on") for d in home.find(group="lights"))
    assert home.get("hall_thermostat", "target_temperature") == 18
    assert home.get("living_room_curtains", "target_position") == 0
    assert all(r.events[0].cause == "voice" for r in results if r.events)
    movie = home.run_scene("movie_time")
    assert not any(r.failed for r in movie)
    assert home.get("living_room_tv", "source") == "Streaming"
    assert home.get("living_room_ceiling_light", "brightness") == 20


def test_scene_keeps_pronoun_and_reports_unknown(home: Home) -> None:
    home.execute([home.devices["desk_lamp"]], "turn_off")
    home.run_scene("good_morning")
    assert home.last_targets == [home.devices["desk_lamp"]]
    (missing,) = home.run_scene("party")
    assert missing.error is not None and missing.error.code is ErrorCode.DEVICE_NOT_FOUND
    assert spoken_error(missing.error) == "I couldn't find a scene called party."
