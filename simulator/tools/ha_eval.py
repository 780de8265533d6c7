"""Run Home Assistant's English intent test sentences against the smart-home skill.

The Home Assistant intents project (CC BY 4.0) ships test sentences per intent, each block with
the slots a correct reading must produce::

    tests/en/HassTurnOn/area_domain.yaml
        areas: [{name: Kitchen}]
        tests:
          - sentences: ["turn on Kitchen lights", "activate lights in the Kitchen"]
            slots: {domain: light, area: Kitchen}

For every covered intent this module builds a home from the shared fixtures
(``tests/en/_fixtures.yaml``) plus the file's own areas and entities, writes it as a temporary
home file (Home Assistant domains become our own illustrative device types), and sends each
sentence through a fresh simulator turn. A sentence passes when the smart-home skill picked an
intent that means the same thing and its slots name the same targets and values. Sentences whose
expected slots need something our model has no counterpart for (people, scripts, valves, lawn
mowers...) are counted as *not covered*, not as failures.

The comparison is structural (what the skill understood), not behavioural: the fixtures ask for
things that don't exist ("the fans in the kitchen" when the kitchen has none), and the right
reading of such a request is still "the fans in the kitchen".

Nothing is copied from the data folder; it is read where it lies.
"""

from __future__ import annotations

import contextlib
import json
import re
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml

from simulator.engine import Simulator
from simulator.models import Turn
from simulator.routing.learned import LearnedClassifier, LearnedStage
from simulator.sdk import Skill
from simulator.sdk.slots import SlotEnv
from simulator.yamlfile import YamlFileError, read_yaml

__all__ = ["COVERED_INTENTS", "HaHome", "build_home", "check_turn", "run_ha_tests"]

SKILL = "smart_home"
"""The skill under test."""

COVERED_INTENTS: dict[str, frozenset[str]] = {
    # Home Assistant has no lock intents: locking is "turn on", unlocking "turn off".
    "HassTurnOn": frozenset({"TurnOn", "Open", "Lock", "RunScene"}),
    "HassTurnOff": frozenset({"TurnOff", "Close", "Unlock"}),
    "HassLightSet": frozenset({"SetBrightness", "SetColour", "SetColourTemperature", "SetLevel"}),
    "HassClimateSetTemperature": frozenset({"SetTemperature"}),
    "HassClimateGetTemperature": frozenset({"GetTemperature"}),
    # "Set the curtains to 50%" is our generic SetLevel: a percentage means the device's level.
    "HassSetPosition": frozenset({"SetPosition", "SetLevel"}),
    "HassFanSetSpeed": frozenset({"SetFanSpeed", "SetLevel"}),
    "HassVacuumStart": frozenset({"StartVacuum"}),
    "HassVacuumReturnToBase": frozenset({"DockVacuum"}),
    "HassMediaPause": frozenset({"Pause"}),
    "HassMediaUnpause": frozenset({"Resume"}),
    "HassSetVolume": frozenset({"SetVolume"}),
    "HassGetState": frozenset({"GetState", "QueryDevices", "Describe"}),
}
"""Home Assistant intent -> the smart-home intents that mean the same."""

# Home Assistant domain -> our device type(s) a matching target may have.
_DOMAIN_TYPES: dict[str, frozenset[str]] = {
    "light": frozenset({"light", "color_light"}),
    "switch": frozenset({"plug"}),
    "fan": frozenset({"fan"}),
    "cover": frozenset({"curtain"}),
    "lock": frozenset({"lock"}),
    "climate": frozenset({"thermostat", "air_conditioner"}),
    "media_player": frozenset({"tv", "speaker"}),
    "vacuum": frozenset({"vacuum"}),
    "sensor": frozenset({"climate_sensor"}),
    "binary_sensor": frozenset({"door_sensor", "motion_sensor"}),
}

# When the user names no target, an intent still implies what it acts on.
_IMPLIED_DOMAIN: dict[str, str] = {
    "TurnOn": "light",
    "TurnOff": "light",
    "SetBrightness": "light",
    "SetColour": "light",
    "SetColourTemperature": "light",
    "SetLevel": "light",
    "Open": "cover",
    "Close": "cover",
    "SetPosition": "cover",
    "SetFanSpeed": "fan",
    "SetTemperature": "climate",
    "GetTemperature": "climate",
    "StartVacuum": "vacuum",
    "DockVacuum": "vacuum",
    "Pause": "media_player",
    "Resume": "media_player",
    "SetVolume": "media_player",
}

_MOTION_CLASSES = frozenset({"motion", "occupancy", "presence"})
_CONTACT_CLASSES = frozenset({"door", "garage_door", "opening", "window"})
# The states a Home Assistant state word may come out as in our model.
_STATE_EQUIVALENTS: dict[str, frozenset[str]] = {
    "on": frozenset({"on", "open", "motion"}),
    "off": frozenset({"off", "closed"}),
}
_NOW = datetime(2026, 6, 1, 20, 0)
_NO_AREA = "unassigned"


def _slug(text: str) -> str:
    """An id from a name: "Living Room" -> ``living_room``; "客厅" -> ``u5ba2_u5385`` (ids are
    ASCII, so a Chinese character becomes its code point)."""
    spelled = "".join(c if c.isascii() else f" u{ord(c):x} " for c in text.lower())
    slug = re.sub(r"[^a-z0-9]+", "_", spelled).strip("_")
    return slug if slug and slug[0].isalpha() else f"x_{slug}"


def _norm(text: object) -> str:
    """Words for comparison: lower case, no punctuation, no "the"/"floor"; Chinese characters
    are kept (without the 的 that joins a name to its room)."""
    words = re.findall(r"[a-z0-9]+|[\u4e00-\u9fff]", str(text).lower())
    return " ".join(w for w in words if w not in ("the", "floor", "on", "的"))


@dataclass
class HaHome:
    """A home built from Home Assistant fixtures: our home file plus what maps back to HA."""

    data: dict[str, Any]
    """The home file's contents."""
    names: dict[str, list[str]] = field(default_factory=dict)
    """Normalised entity name -> our device ids."""
    skipped_names: set[str] = field(default_factory=set)
    """Normalised names of entities with no counterpart (people, scripts, valves...)."""
    scenes: dict[str, str] = field(default_factory=dict)
    """Normalised scene name -> our scene id."""
    areas: dict[str, str] = field(default_factory=dict)
    """Normalised area name -> our room id."""
    floors: set[str] = field(default_factory=set)
    """Normalised floor names."""


def _merge(base: list[Any], extra: list[Any]) -> list[Any]:
    """Fixture entries plus a file's own, the file's replacing those with the same name."""
    names = {_norm(e.get("name", "")) for e in extra if isinstance(e, dict)}
    kept = [e for e in base if isinstance(e, dict) and _norm(e.get("name", "")) not in names]
    return kept + [e for e in extra if isinstance(e, dict)]


def _device(entity: Mapping[str, Any]) -> tuple[str, dict[str, Any], dict[str, Any]] | None:
    """Our type, state and config for an entity; None when the model has no counterpart."""
    entity_id = str(entity.get("id", ""))
    domain = str(entity.get("domain") or entity_id.split(".")[0])
    attributes = entity.get("attributes") or {}
    device_class = str(attributes.get("device_class", "")) if isinstance(attributes, dict) else ""
    state = entity.get("state")
    raw = str(state.get("in", "")) if isinstance(state, dict) else str(state or "")
    if domain == "light":
        return "color_light", {"on": raw == "on"}, {}
    if domain == "switch":
        return "plug", {"on": raw == "on"}, {}
    if domain == "fan":
        return "fan", {"on": raw == "on"}, {}
    if domain == "cover":
        return "curtain", {"position": 100 if raw == "open" else 0}, {}
    if domain == "lock":
        return "lock", {"lock_state": "unlocked" if raw == "unlocked" else "locked"}, {}
    if domain == "climate":
        # Fixture set points run from 1 to 90 degrees; the widest range our model allows.
        return "thermostat", {}, {"min_temp": 0, "max_temp": 60}
    if domain == "media_player":
        name = str(entity.get("name", "")).lower()
        return ("tv" if "tv" in name.split() or "电视" in name else "speaker"), {}, {}
    if domain == "vacuum":
        return "vacuum", {}, {}
    if domain == "sensor":
        unit = (
            str(attributes.get("unit_of_measurement", "")) if isinstance(attributes, dict) else ""
        )
        if device_class == "temperature" or unit in ("°C", "°F"):
            return "climate_sensor", {}, {}
        return None
    if domain == "binary_sensor":
        if device_class in _MOTION_CLASSES:
            return "motion_sensor", {}, {}
        if device_class in _CONTACT_CLASSES or not device_class:
            return "door_sensor", {}, {}
        return None
    return None


def build_home(fixtures: Mapping[str, Any], test_file: Mapping[str, Any]) -> HaHome:
    """The home for one test file: fixture floors, areas and entities plus the file's own."""
    floors = _merge(list(fixtures.get("floors") or []), list(test_file.get("floors") or []))
    # Ids from the fixtures too: a file that re-declares "First Floor" without its id still
    # has fixture areas on "first_floor_id".
    every_floor = [*(fixtures.get("floors") or []), *(test_file.get("floors") or [])]
    floor_names = {str(f.get("id", _slug(str(f["name"])))): str(f["name"]) for f in every_floor}
    floor_names.update({str(f["name"]): str(f["name"]) for f in every_floor})
    every_area = [*(fixtures.get("areas") or []), *(test_file.get("areas") or [])]
    areas = _merge(list(fixtures.get("areas") or []), list(test_file.get("areas") or []))
    home = HaHome(data={})
    rooms: list[dict[str, Any]] = []
    room_ids: dict[str, str] = {}
    for area in areas:
        room_id = _slug(str(area["name"]))
        if room_id in {r["id"] for r in rooms}:
            continue
        room: dict[str, Any] = {"id": room_id, "name": str(area["name"])}
        floor = area.get("floor")
        if floor is not None:
            room["floor"] = floor_names.get(str(floor), str(floor))
        rooms.append(room)
        room_ids[str(area.get("id", room_id))] = room_id
        room_ids[str(area["name"])] = room_id
        home.areas[_norm(area["name"])] = room_id
    # Entities refer to areas by id or by name, from the fixtures or the file: map them all.
    for area in every_area:
        if isinstance(area, dict) and "name" in area:
            room_ids.setdefault(str(area.get("id", area["name"])), _slug(str(area["name"])))
    home.floors = {_norm(f["name"]) for f in floors}
    # A floor the file names but no area is on (the zh-CN tests have no shared fixtures) still
    # exists: it gets an area of its own, so "打开一楼的灯" can name it.
    used_floors = {str(r.get("floor")) for r in rooms}
    for floor in floors:
        label = floor_names.get(str(floor["name"]), str(floor["name"]))
        if label not in used_floors and not fixtures.get("areas"):
            rooms.append({"id": _slug(label) + "_area", "name": f"{label} area", "floor": label})
    # Entities without an area live in a room of their own, which is also where the speaker is.
    rooms.append({"id": _NO_AREA, "name": "Unassigned"})
    devices: list[dict[str, Any]] = []
    scenes: list[dict[str, Any]] = []
    used: set[str] = set()
    entities = _merge(list(fixtures.get("entities") or []), list(test_file.get("entities") or []))
    for entity in entities:
        name = str(entity.get("name", "")).strip()
        if not name or "[" in name:
            continue
        domain = str(entity.get("domain") or str(entity.get("id", "")).split(".")[0])
        if domain == "scene":
            scene_id = _slug(name)
            scenes.append(
                {
                    "id": scene_id,
                    "name": name,
                    "actions": [{"target": {"group": "lights"}, "command": "turn_on"}],
                }
            )
            home.scenes[_norm(name)] = scene_id
            continue
        mapped = _device(entity)
        if mapped is None:
            home.skipped_names.add(_norm(name))
            continue
        kind, state, config = mapped
        device_id = _slug(name)
        while device_id in used:
            device_id += "_x"
        used.add(device_id)
        area = entity.get("area")
        room_id = room_ids.get(str(area), _NO_AREA) if area is not None else _NO_AREA
        device: dict[str, Any] = {"id": device_id, "name": name, "type": kind, "room": room_id}
        if state:
            device["state"] = state
        if config:
            device["config"] = config
        devices.append(device)
        home.names.setdefault(_norm(name), []).append(device_id)
    home.data = {
        "name": "Home Assistant fixtures",
        "speaker_room": _NO_AREA,
        "rooms": rooms,
        "devices": devices,
        "scenes": scenes,
        "simulation": {"offline_chance_per_hour": 0},
    }
    return home


# --- checking one turn --------------------------------------------------------------------------


def _slot(turn: Turn, name: str) -> Any:
    slot = turn.slots.get(name)
    return None if slot is None else slot.value


def _types_of(home: HaHome, device_ids: list[str]) -> set[str]:
    by_id = {d["id"]: d["type"] for d in home.data["devices"]}
    return {by_id[i] for i in device_ids if i in by_id}


def _level(turn: Turn, lowest: float) -> float | None:
    """The level the turn asked for: a number, or a word like "max" (100) or "halfway" (50)."""
    level = _slot(turn, "level")
    if isinstance(level, int | float):
        return float(level)
    extreme = _slot(turn, "extreme")
    if extreme is None:
        return None
    return {"max": 100.0, "half": 50.0}.get(str(extreme), lowest)


def _value_problem(intent: str, key: str, expected: Any, turn: Turn) -> str | None:
    """Why the turn's value for HA slot ``key`` differs from ``expected`` (None if it agrees)."""
    got: Any
    if key == "brightness":
        got = _level(turn, 1.0)
    elif key in ("position", "percentage", "volume_level"):
        got = _level(turn, 0.0)
    elif key == "color":
        colour = _slot(turn, "colour")
        got = colour.get("name") if isinstance(colour, dict) else colour
        return None if _norm(got) == _norm(expected) else f"colour {got!r}, expected {expected!r}"
    elif key == "temperature" and intent == "HassLightSet":
        kelvin, white = _slot(turn, "kelvin"), _slot(turn, "white")
        got = float(kelvin) if kelvin is not None else (float(white) if white else None)
    elif key == "temperature":
        temperature = _slot(turn, "temperature")
        got = temperature.get("value") if isinstance(temperature, dict) else None
    elif key == "state":
        state = _slot(turn, "state")
        wanted = _STATE_EQUIVALENTS.get(str(expected), frozenset({str(expected)}))
        return None if state in wanted else f"state {state!r}, expected {expected!r}"
    else:
        return None
    try:
        agrees = got is not None and abs(float(got) - float(expected)) < 0.01
    except (TypeError, ValueError):
        agrees = False
    return None if agrees else f"{key} {got!r}, expected {expected!r}"


def _target_problem(expected: Mapping[str, Any], turn: Turn, home: HaHome) -> str | None:
    """Why the turn's target differs from the expected name/area/floor/domain (None if not)."""
    query = _slot(turn, "target")
    query = query if isinstance(query, dict) else None
    room = _slot(turn, "room") or (query.get("room") if query else None)
    floor = _slot(turn, "floor")
    intent = turn.intent or ""
    if "name" in expected:
        name = _norm(expected["name"])
        if name in home.scenes:
            if _slot(turn, "scene") != home.scenes[name]:
                return f"scene {_slot(turn, 'scene')!r}, expected {expected['name']!r}"
        else:
            wanted = set(home.names.get(name, []))
            got = (
                set(query.get("device_ids") or []) if query and query["kind"] == "device" else set()
            )
            if not got or not got <= wanted:
                return (
                    f"target {query and ' '.join(query['words'])!r}, expected {expected['name']!r}"
                )
    area = home.areas.get(_norm(expected["area"])) if "area" in expected else None
    if room is None and query is not None and query["kind"] == "device" and area is not None:
        # A device named on its own ("the bedroom curtains") is in its room all the same.
        rooms = {d["room"] for d in home.data["devices"] if d["id"] in query["device_ids"]}
        room = area if rooms == {area} else None
    if room != area:
        return f"room {room!r}, expected {area!r}"
    wanted_floor = _norm(expected["floor"]) if "floor" in expected else None
    got_floor = _norm(floor) if floor is not None else None
    if got_floor != wanted_floor:
        return f"floor {floor!r}, expected {expected.get('floor')!r}"
    if "domain" in expected and "name" not in expected:
        allowed = _DOMAIN_TYPES.get(str(expected["domain"]), frozenset())
        if _slot(turn, "cover") is not None:
            got_types = {"curtain"}
        elif _slot(turn, "kind") is not None and query is not None and query["kind"] == "room":
            # "the kitchen" + "lights": the skill reads it as the kitchen's lights.
            got_types = set(_GROUP_TYPES["lights"])
        elif query is None:
            implied = _IMPLIED_DOMAIN.get(intent)
            got_types = set(_DOMAIN_TYPES.get(implied, frozenset())) if implied else set()
        elif query["kind"] == "group":
            got_types = set(_GROUP_TYPES.get(str(query.get("group")), ()))
        elif query["kind"] == "device":
            got_types = _types_of(home, list(query.get("device_ids") or []))
        else:
            got_types = set()
        if not got_types or not got_types <= allowed:
            return f"targets {sorted(got_types)}, expected domain {expected['domain']!r}"
    return None


def _group_types() -> dict[str, tuple[str, ...]]:
    from simulator.devices import TYPE_GROUPS

    return {gid: group.types for gid, group in TYPE_GROUPS.items()}


_GROUP_TYPES = _group_types()


def check_turn(ha_intent: str, expected: Mapping[str, Any], turn: Turn, home: HaHome) -> str | None:
    """Why ``turn`` is not a correct reading of an HA test sentence; None when it is."""
    allowed = COVERED_INTENTS[ha_intent]
    if turn.skill != SKILL or turn.intent not in allowed:
        return f"routed to {turn.skill}.{turn.intent}, expected one of {sorted(allowed)}"
    problem = _target_problem(expected, turn, home)
    if problem:
        return problem
    for key, value in expected.items():
        problem = _value_problem(ha_intent, key, value, turn)
        if problem:
            return problem
    return None


def _covered(expected: Mapping[str, Any], home: HaHome) -> bool:
    """Whether our model can express what the sentence expects."""
    if "name" in expected:
        name = _norm(expected["name"])
        if name in home.skipped_names or (name not in home.names and name not in home.scenes):
            return False
    if str(expected.get("state", "")) in ("home", "not_home", "away"):
        return False
    if "domain" in expected and str(expected["domain"]) not in _DOMAIN_TYPES:
        return False
    known = {"name", "area", "floor", "domain", "device_class", "brightness", "color"}
    known |= {"temperature", "position", "percentage", "volume_level", "state"}
    return set(expected) <= known


def _blocks(data: Mapping[str, Any]) -> Iterator[tuple[list[str], dict[str, Any]]]:
    for block in data.get("tests") or []:
        if isinstance(block, dict):
            sentences = [str(s) for s in block.get("sentences") or []]
            yield sentences, dict(block.get("slots") or {})


def _read_mapping(file: Path) -> dict[str, Any]:
    """A test file's contents; a broken or wrongly shaped file raises `YamlFileError`."""
    doc = read_yaml(file, YamlFileError, what="test file")
    if not isinstance(doc.data, dict):
        raise YamlFileError(file, doc.line(()), "", "expected a mapping at the top level")
    blocks = doc.data.get("tests") or []
    if not isinstance(blocks, list):
        raise YamlFileError(file, doc.line(("tests",)), "tests", "expected a list")
    for index, block in enumerate(blocks):
        sentences = block.get("sentences") if isinstance(block, dict) else None
        if not isinstance(sentences, list) or not isinstance(block.get("slots") or {}, dict):
            raise YamlFileError(
                file,
                doc.line(("tests", index)),
                f"tests[{index}]",
                "expected a mapping with a 'sentences' list (and optional 'slots' mapping)",
            )
    return doc.data


class _SharedModel(LearnedStage):
    """A learned stage that gives every router one model, trained once, and never retrains.

    Every test file has its own home, and the learned stage's model depends on the home's
    device names: a model per file would train about thirty times (minutes). One model is
    trained for the union of the files' homes instead, which knows every name the files use.
    """

    def __init__(self, model: LearnedClassifier | None) -> None:
        """Use ``model`` (None: templates only)."""
        super().__init__("off" if model is None else "sync")
        self.model = model
        if model is not None:
            self.status = {"state": "ready", "origin": "shared", "intents": len(model.labels)}

    def attach(self, router: Any, skills: Sequence[Skill], env: SlotEnv) -> None:
        """Give ``router`` the shared model."""
        if self.model is not None:
            router.classifier = self.model


def _yaml_text(data: Mapping[str, Any]) -> str:
    """``data`` as a home file, written by libyaml where PyYAML has it (the pure-Python
    emitter took about a tenth of a run for files only the simulator reads back)."""
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(dict(data), Dumper=dumper, sort_keys=False, allow_unicode=True)


def _shared_learned_stage(
    fixtures: Mapping[str, Any], files: list[Mapping[str, Any]], tmp: Path
) -> _SharedModel:
    """The learned stage for every file's simulator: one model for the union of their homes."""
    union: dict[str, list[Any]] = {"floors": [], "areas": [], "entities": []}
    for data in files:
        for key, entries in union.items():
            union[key] = _merge(entries, list(data.get(key) or []))
    home_file = tmp / "union.yaml"
    home = build_home(fixtures or {}, union)
    home_file.write_text(_yaml_text(home.data), encoding="utf-8")
    # Trained (or loaded) now: its model is what every file's simulator shares.
    sim = Simulator.create(home_file=home_file, state_dir=None, now=_NOW, seed=0, learned="sync")
    try:
        return _SharedModel(sim.learned.model)
    finally:
        sim.close()


def run_ha_tests(path: Path, language: str = "en") -> dict[str, Any]:
    """Run the covered intents' test sentences in ``language`` (``en`` or ``zh-CN``); a summary
    with failures and reasons.

    ``path`` is the data folder (it holds ``tests/en``, ``tests/zh-CN``). The result has ``total`` and
    ``passed`` (covered sentences only), ``percent``, ``not_covered``, ``by_intent``
    (``{intent: {total, passed, not_covered}}``) and ``failures`` (``{intent, sentence,
    reason}``).
    """
    tests = Path(path) / "tests" / language
    if not tests.is_dir():
        raise YamlFileError(
            Path(path),
            None,
            "",
            f"no tests/{language} folder here; give the home-assistant-intents data folder",
        )
    fixtures_file = tests / "_fixtures.yaml"
    fixtures = _read_mapping(fixtures_file) if fixtures_file.exists() else {}
    by_intent: dict[str, dict[str, int]] = {}
    failures: list[dict[str, str]] = []
    files = [
        (ha_intent, file, _read_mapping(file))
        for ha_intent in sorted(COVERED_INTENTS)
        if (tests / ha_intent).is_dir()
        for file in sorted((tests / ha_intent).glob("*.yaml"))
    ]
    with tempfile.TemporaryDirectory(prefix="ha-eval-") as tmp, contextlib.ExitStack() as opened:
        learned = _shared_learned_stage(fixtures, [data for _, _, data in files], Path(tmp))
        for ha_intent in sorted(COVERED_INTENTS):
            by_intent[ha_intent] = {"total": 0, "passed": 0, "not_covered": 0}
        # One simulator per home, shared by the test files whose homes are the same (71 files,
        # 28 homes in the English suite): every sentence starts from `Simulator.reset`, so a
        # file never sees what another did, and building a simulator (its router over the
        # home's names) was a third of the run.
        sims: dict[str, Simulator] = {}
        for ha_intent, file, data in files:
            home = build_home(fixtures or {}, data)
            key = json.dumps(home.data, sort_keys=True, default=str)
            sim = sims.get(key)
            if sim is None:
                home_file = Path(tmp) / f"{ha_intent}_{file.stem}.yaml"
                home_file.write_text(_yaml_text(home.data), encoding="utf-8")
                sim = sims[key] = Simulator.create(
                    home_file=home_file, state_dir=None, now=_NOW, seed=0, learned=learned
                )
                opened.callback(sim.close)
            row = by_intent[ha_intent]
            for sentences, expected in _blocks(data):
                for sentence in sentences:
                    if not _covered(expected, home):
                        row["not_covered"] += 1
                        continue
                    row["total"] += 1
                    sim.reset()
                    turn = sim.handle_sync(sentence)
                    reason = check_turn(ha_intent, expected, turn, home)
                    if reason is None:
                        row["passed"] += 1
                    else:
                        failures.append(
                            {"intent": ha_intent, "sentence": sentence, "reason": reason}
                        )
    total = sum(r["total"] for r in by_intent.values())
    passed = sum(r["passed"] for r in by_intent.values())
    return {
        "total": total,
        "passed": passed,
        "percent": 100.0 * passed / total if total else 0.0,
        "not_covered": sum(r["not_covered"] for r in by_intent.values()),
        "by_intent": by_intent,
        "failures": failures,
    }
