"""Home file loading: bundled homes and every kind of validation error, with line and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.devices import (
    DEVICE_TYPES,
    TYPE_GROUPS,
    HomeFileError,
    bundled_homes,
    load_home,
)

VALID = """\
name: Test home
speaker_room: lounge
rooms:
  - id: lounge
    name: Lounge
  - id: kitchen
    name: Kitchen
    aliases: [cooking area]
devices:
  - id: lamp
    name: Lamp
    type: light
    room: lounge
    state: {on: false, brightness: 80}
  - id: stat
    name: Thermostat
    type: thermostat
    room: kitchen
    config: {min_temp: 12, max_temp: 26}
scenes:
  - id: night
    name: Night
    actions:
      - {target: {device: lamp}, command: turn_off}
"""


def write(tmp_path: Path, text: str, name: str = "cottage.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def load_error(tmp_path: Path, text: str) -> HomeFileError:
    with pytest.raises(HomeFileError) as info:
        load_home(write(tmp_path, text))
    return info.value


def test_demo_home_loads_with_every_type() -> None:
    home = load_home()
    assert len(home.rooms) >= 6
    assert {d.type.id for d in home.devices.values()} == set(DEVICE_TYPES)
    names = [d.name for d in home.devices.values()]
    assert names.count("Ceiling light") == 2
    assert names.count("Corner lamp") == 2
    assert {"good_night", "movie_time", "good_morning"} <= set(home.scenes)


def test_cottage_loads_with_other_names() -> None:
    home = load_home(bundled_homes()["cottage"])
    demo = load_home()
    assert not set(home.rooms) & set(demo.rooms)
    assert len({d.type.id for d in home.devices.values()}) >= 8
    assert home.scenes


def test_valid_file_and_yaml_on_key_stays_a_string(tmp_path: Path) -> None:
    home = load_home(write(tmp_path, VALID))
    assert home.get("lamp", "on") is False
    assert home.get("lamp", "brightness") == 80
    assert home.devices["stat"].config.max_temp == 26


def test_error_format_names_file_line_and_field(tmp_path: Path) -> None:
    err = load_error(tmp_path, VALID.replace("type: light", "type: lamp"))
    assert (err.line, err.field) == (12, "devices[0].type")
    assert str(err).startswith("cottage.yaml:12: devices[0].type: unknown device type 'lamp'")
    assert "(known: light, color_light" in str(err)
    assert isinstance(err, ValueError)
    assert err.path.name == "cottage.yaml"


def test_invalid_yaml_uses_yaml_line(tmp_path: Path) -> None:
    err = load_error(tmp_path, VALID.replace("    name: Kitchen\n", "    name: [Kitchen\n"))
    assert err.line is not None and err.line >= 7
    assert "invalid YAML" in err.message


def test_duplicate_device_id(tmp_path: Path) -> None:
    err = load_error(tmp_path, VALID.replace("id: stat", "id: lamp"))
    assert (err.line, err.field) == (15, "devices[1].id")
    assert "duplicate device id 'lamp'" in err.message


def test_duplicate_room_id(tmp_path: Path) -> None:
    err = load_error(tmp_path, VALID.replace("id: kitchen", "id: lounge"))
    assert (err.line, err.field) == (6, "rooms[1].id")


def test_unknown_room(tmp_path: Path) -> None:
    err = load_error(tmp_path, VALID.replace("room: kitchen", "room: cellar"))
    assert (err.line, err.field) == (18, "devices[1].room")
    assert "unknown room 'cellar'" in err.message


def test_unknown_speaker_room(tmp_path: Path) -> None:
    err = load_error(tmp_path, VALID.replace("speaker_room: lounge", "speaker_room: attic"))
    assert (err.line, err.field) == (2, "speaker_room")


def test_out_of_range_state(tmp_path: Path) -> None:
    err = load_error(tmp_path, VALID.replace("brightness: 80", "brightness: 180"))
    assert (err.line, err.field) == (14, "devices[0].state.brightness")


def test_state_outside_per_device_bounds(tmp_path: Path) -> None:
    text = VALID.replace(
        "    config: {min_temp: 12, max_temp: 26}",
        "    state: {target_temperature: 27}\n    config: {min_temp: 12, max_temp: 26}",
    )
    err = load_error(tmp_path, text)
    assert (err.line, err.field) == (19, "devices[1].state.target_temperature")
    assert "from 12 to 26" in err.message


def test_unknown_state_attribute(tmp_path: Path) -> None:
    err = load_error(tmp_path, VALID.replace("brightness: 80", "colour: red"))
    assert (err.line, err.field) == (14, "devices[0].state.colour")


def test_bad_config(tmp_path: Path) -> None:
    err = load_error(tmp_path, VALID.replace("max_temp: 26", "max_temp: 10"))
    assert (err.line, err.field) == (19, "devices[1].config")
    err = load_error(tmp_path, VALID.replace("min_temp: 12", "sources: [TV]"))
    assert err.field == "devices[1].config.sources"


def test_scene_action_unknown_device(tmp_path: Path) -> None:
    err = load_error(tmp_path, VALID.replace("{device: lamp}", "{device: lampp}"))
    assert (err.line, err.field) == (24, "scenes[0].actions[0].target.device")


def test_scene_unknown_command_and_group(tmp_path: Path) -> None:
    err = load_error(tmp_path, VALID.replace("command: turn_off", "command: explode"))
    assert err.field == "scenes[0].actions[0].command"
    err = load_error(tmp_path, VALID.replace("{device: lamp}", "{group: lamps}"))
    assert err.field == "scenes[0].actions[0].target.group"
    assert err.line == 24


def test_wrong_field_type(tmp_path: Path) -> None:
    err = load_error(tmp_path, VALID.replace("    aliases: [cooking area]", "    aliases: 5"))
    assert (err.line, err.field) == (8, "rooms[1].aliases")


def test_unknown_top_level_key(tmp_path: Path) -> None:
    err = load_error(tmp_path, VALID + "garden: true\n")
    assert (err.line, err.field) == (25, "garden")
    assert "unknown key 'garden'" in err.message


def test_missing_field_points_at_its_parent(tmp_path: Path) -> None:
    err = load_error(tmp_path, VALID.replace("    name: Thermostat\n", ""))
    assert (err.line, err.field) == (15, "devices[1].name")
    assert err.message == "field required"


def test_duplicate_yaml_key(tmp_path: Path) -> None:
    err = load_error(
        tmp_path, VALID.replace("    room: lounge\n", "    room: lounge\n    room: x\n")
    )
    assert (err.line, err.field) == (14, "devices[0].room")


def test_empty_file(tmp_path: Path) -> None:
    err = load_error(tmp_path, "# nothing here\n")
    assert err.message == "home file is empty"


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(HomeFileError) as info:
        load_home(tmp_path / "nope.yaml")
    assert info.value.line is None
    assert str(info.value) == "nope.yaml: file not found"


def test_script_validation(tmp_path: Path) -> None:
    text = VALID + "simulation:\n  script:\n    - {after: 10m, device: ghost, online: false}\n"
    err = load_error(tmp_path, text)
    assert (err.line, err.field) == (27, "simulation.script[0].device")
    text = VALID + "simulation:\n  script:\n    - {after: soon, device: lamp, online: false}\n"
    assert load_error(tmp_path, text).field == "simulation.script[0].after"
    text = (
        VALID
        + "simulation:\n  script:\n    - {after: 5m, device: lamp, state: {brightness: 900}}\n"
    )
    assert load_error(tmp_path, text).field == "simulation.script[0].state.brightness"


def test_groups_cover_real_types() -> None:
    for group in TYPE_GROUPS.values():
        assert set(group.types) <= set(DEVICE_TYPES)


def test_speaker_room_defaults_to_the_first_room(tmp_path: Path) -> None:
    text = (
        "name: Tiny\nrooms:\n  - {id: hall, name: Hall}\n  - {id: den, name: Den}\n"
        "devices:\n  - {id: lamp, name: Lamp, type: light, room: den}\n"
    )
    assert load_home(write(tmp_path, text)).speaker_room == "hall"
