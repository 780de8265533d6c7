"""Simulation over virtual time: climate, covers, vacuum, people, connectivity, determinism."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from simulator.devices import Home, StateChanged, load_home

T0 = datetime(2024, 1, 1, 8, 0)


@pytest.fixture
def home() -> Home:
    return load_home(now=T0)


def run(home: Home, seconds: float, seed: int = 7, step: float = 5.0) -> list[StateChanged]:
    rng = random.Random(seed)
    events: list[StateChanged] = []
    done = 0.0
    while done < seconds:
        dt = min(step, seconds - done)
        events += home.simulate(T0 + timedelta(seconds=done), dt, rng)
        done += dt
    return events


def test_heating_converges_and_reports_action(home: Home) -> None:
    home.execute([home.devices["hall_thermostat"]], "set_temperature", 23)
    events = run(home, 3600)
    current = home.get("hall_thermostat", "current_temperature")
    assert abs(current - 23) <= 0.5
    actions = [
        e.new for e in events if e.device_id == "hall_thermostat" and e.attribute == "hvac_action"
    ]
    assert actions[0] == "heating" and "idle" in actions


def test_cooling_is_shared_with_the_room_sensor(home: Home) -> None:
    home.execute([home.devices["living_room_ac"]], "set_hvac_mode", "cool")
    home.execute([home.devices["living_room_ac"]], "set_temperature", 18)
    run(home, 1800)
    assert abs(home.get("living_room_ac", "current_temperature") - 18) <= 0.5
    assert home.get("living_room_sensor", "temperature") == home.get(
        "living_room_ac", "current_temperature"
    )


def test_curtain_moves_over_several_steps(home: Home) -> None:
    home.execute([home.devices["living_room_curtains"]], "close")  # 12 s full travel
    run(home, 5)
    position = home.get("living_room_curtains", "position")
    assert 0 < position < 100
    assert home.get("living_room_curtains", "moving") is True
    run(home, 5)
    assert home.get("living_room_curtains", "position") < position
    run(home, 5)
    assert home.get("living_room_curtains", "position") == 0
    assert home.get("living_room_curtains", "moving") is False


def test_curtain_moves_correctly_in_small_steps(home: Home) -> None:
    home.execute([home.devices["living_room_curtains"]], "close")
    run(home, 6, step=0.5)
    assert home.get("living_room_curtains", "position") == 50


def test_vacuum_cleans_room_by_room_and_docks(home: Home) -> None:
    home.execute([home.devices["robot_vacuum"]], "start_cleaning")
    events = run(home, 20 * 60)
    rooms = [
        e.new for e in events if e.device_id == "robot_vacuum" and e.attribute == "cleaning_room"
    ]
    assert rooms == ["kitchen", "hallway", None]
    states = [
        e.new for e in events if e.device_id == "robot_vacuum" and e.attribute == "cleaning_state"
    ]
    assert states == ["returning", "docked"]
    battery = [e.new for e in events if e.device_id == "robot_vacuum" and e.attribute == "battery"]
    assert min(battery) < 90 and battery[-1] > min(battery)  # drained, then recharging


def test_vacuum_goes_home_when_battery_low(home: Home) -> None:
    home.set_manual("robot_vacuum", "battery", 18)
    home.execute([home.devices["robot_vacuum"]], "start_cleaning")
    run(home, 150)
    assert home.get("robot_vacuum", "cleaning_state") in ("returning", "docked")
    assert home.get("robot_vacuum", "cleaning_room") in ("living_room", None)


def test_sensors_drift_within_bounds_and_purifier_cleans(home: Home) -> None:
    events = run(home, 3 * 3600)
    for device in home.find(group="climate_sensors"):
        assert 30 <= device.get("humidity") <= 70
    assert home.get("air_purifier", "pm25") < 18
    assert home.get("air_purifier", "filter_life") < 73
    assert all(e.cause == "simulation" for e in events)
    assert [e.at for e in events] == sorted(e.at for e in events)


def test_simulated_person_opens_and_closes_doors(home: Home) -> None:
    events = run(home, 3 * 3600)
    contact = [e.new for e in events if e.device_id == "front_door_sensor"]
    assert "open" in contact and "closed" in contact
    assert any(e.attribute == "motion" and e.new is True for e in events)
    assert any(e.attribute == "motion" and e.new is False for e in events)


def test_fridge_warms_with_door_open(home: Home) -> None:
    home.set_manual("fridge", "contact", "open")
    before = home.get("fridge", "current_temperature")
    run(home, 60)
    assert home.get("fridge", "current_temperature") > before
    assert home.get("fridge", "hvac_action") == "cooling"


def test_script_takes_devices_offline_and_back(home: Home) -> None:
    events = run(home, 30 * 60)
    online = [
        (e.at - T0, e.new)
        for e in events
        if e.device_id == "garage_light" and e.attribute == "online"
    ]
    assert online == [(timedelta(minutes=20), False), (timedelta(minutes=25), True)]


def test_random_offline_by_chance(tmp_path: Path) -> None:
    text = (load_home().path or Path()).read_text(encoding="utf-8")
    text = text.replace("offline_chance_per_hour: 0.002", "offline_chance_per_hour: 1.0")
    path = tmp_path / "flaky.yaml"
    path.write_text(text, encoding="utf-8")
    flaky = load_home(path, now=T0)
    events = run(flaky, 2 * 3600)
    changes = [e for e in events if e.attribute == "online"]
    assert any(e.new is False for e in changes) and any(e.new is True for e in changes)


def test_same_seed_same_events_whatever_the_step() -> None:
    a, b, c = load_home(now=T0), load_home(now=T0), load_home(now=T0)
    for h in (a, b, c):
        h.execute([h.devices["robot_vacuum"]], "start_cleaning")
    events_a = run(a, 3600, seed=42)
    events_b = run(b, 3600, seed=42)
    assert events_a == events_b
    assert a.snapshot() == b.snapshot()
    one_call = c.simulate(T0, 3600, random.Random(42))
    assert one_call == events_a


def test_simulation_adopts_outside_changes(home: Home) -> None:
    run(home, 60)
    home.set_manual("bedroom_sensor", "temperature", 25.0)
    run(home, 5)
    assert abs(home.get("bedroom_sensor", "temperature") - 25.0) <= 0.1


def test_reset_restarts_script(home: Home) -> None:
    run(home, 21 * 60)
    assert home.get("garage_light", "online") is False
    home.reset()
    assert home.get("garage_light", "online") is True
    events = run(home, 21 * 60)
    assert any(e.device_id == "garage_light" and e.new is False for e in events)
