"""Events, subscribers, manual changes, questions, snapshot/restore/reset and the JSON listing."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from simulator.devices import DeviceError, ErrorCode, Home, StateChanged, load_home

T0 = datetime(2024, 1, 1, 8, 0)


@pytest.fixture
def home() -> Home:
    return load_home(now=T0)


def test_events_from_commands_reach_subscribers_in_order(home: Home) -> None:
    seen: list[tuple[str, str]] = []
    also: list[StateChanged] = []
    home.subscribe(lambda e: seen.append((e.device_id, e.attribute)))
    unsubscribe = home.subscribe(also.append)
    results = home.execute([home.devices["kitchen_light"]], "set_brightness", 30)
    assert seen == [("kitchen_light", "on"), ("kitchen_light", "brightness")]
    assert also == results[0].events
    event = results[0].events[1]
    assert (event.capability, event.old, event.new, event.cause, event.at) == (
        "brightness",
        80,
        30,
        "voice",
        T0,
    )
    unsubscribe()
    unsubscribe()  # harmless twice
    home.execute([home.devices["kitchen_light"]], "turn_off")
    assert len(also) == 2 and len(seen) == 3


def test_failing_subscriber_does_not_break_others(home: Home) -> None:
    seen: list[StateChanged] = []

    def broken(event: StateChanged) -> None:
        raise RuntimeError("boom")

    home.subscribe(broken)
    home.subscribe(seen.append)
    home.execute([home.devices["coffee_machine"]], "turn_on")
    assert len(seen) == 1


def test_set_manual_validates_and_emits(home: Home) -> None:
    events = home.set_manual("living_room_curtains", "position", 40)
    assert [e.attribute for e in events] == ["position", "target_position"]
    assert all(e.cause == "manual" for e in events)
    with pytest.raises(DeviceError) as info:
        home.set_manual("kitchen_light", "brightness", 101)
    assert info.value.code is ErrorCode.VALUE_OUT_OF_RANGE
    with pytest.raises(DeviceError):
        home.set_manual("kitchen_light", "volume", 3)
    with pytest.raises(DeviceError):
        home.set_manual("nowhere", "on", True)
    assert home.set_manual("bedroom_lamp", "on", True) == []  # no change, no event


def test_manual_temperature_is_shared_by_the_room(home: Home) -> None:
    home.set_manual("living_room_sensor", "temperature", 25.0)
    assert home.get("living_room_ac", "current_temperature") == 25.0


def test_describe_and_find(home: Home) -> None:
    assert home.describe("front_door") == "The front door is locked."
    assert (
        home.describe("bedroom_sensor") == "The bedroom is 19.5 degrees with 52 percent humidity."
    )
    assert home.describe("bedroom_lamp") == "The bedroom lamp is on at 40 percent."
    assert home.describe("living_room_curtains") == "The living room curtains are open."
    assert "heat mode" in home.describe("hall_thermostat")
    for device in home.devices.values():
        assert home.describe(device).endswith(".")
    on = home.find(group="lights", where=lambda d: bool(d.get("on")))
    assert [d.id for d in on] == ["living_room_ceiling_light", "bedroom_lamp", "desk_lamp"]
    assert [d.id for d in home.find(group="locks", room="hallway")] == ["front_door"]
    assert [d.id for d in home.find(group="fridge")] == ["fridge"]
    with pytest.raises(ValueError):
        home.find(group="spaceships")


def test_snapshot_restore_and_reset(home: Home) -> None:
    saved = home.snapshot()
    json.dumps(saved)  # JSON-able
    home.execute([home.devices["kitchen_light"]], "set_brightness", 10)
    home.set_manual("front_door", "online", False)
    events: list[StateChanged] = []
    home.subscribe(events.append)
    home.restore(saved)
    assert home.get("kitchen_light", "brightness") == 80
    assert home.get("front_door", "online") is True
    assert events and all(e.cause == "manual" for e in events)

    # Unknown ids and attributes are ignored; bad values are skipped, good ones applied.
    home.restore(
        {
            "ghost": {"on": True},
            "kitchen_light": {"brightness": 999, "on": True, "sparkle": 1},
        }
    )
    assert home.get("kitchen_light", "brightness") == 80
    assert home.get("kitchen_light", "on") is True

    home.execute([home.devices["robot_vacuum"]], "start_cleaning")
    home.reset()
    assert home.snapshot() == saved
    assert home.last_targets == []


def test_to_json(home: Home) -> None:
    data = home.to_json()
    json.dumps(data)
    assert data["name"] == "Demo home"
    assert data["speaker_room"] == "living_room"
    assert data["rooms"][0] == {
        "id": "living_room",
        "name": "Living room",
        "aliases": ["lounge", "sitting room", "客厅", "起居室"],
        "floor": "ground",
    }
    light = next(d for d in data["devices"] if d["id"] == "kitchen_light")
    assert light["type"] == "color_light"
    assert light["capabilities"] == ["power", "brightness", "color", "color_temperature"]
    assert light["state"]["online"] is True and light["state"]["brightness"] == 80
    vacuum = next(d for d in data["devices"] if d["id"] == "robot_vacuum")
    assert "cleaning_queue" not in vacuum["state"]  # bookkeeping stays out of the listing
