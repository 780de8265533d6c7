"""Sentences drawn from Home Assistant's English templates, run on any home file.

``speaker-sim eval ha-templates PATH --home FILE`` measures what ``eval ha-tests`` cannot: Home
Assistant's test sentences use the fixture names the templates were written against, whereas a
user speaks about *their* home. This module samples sentences from the templates of the intents
the smart-home and timer skills implement, fills the ``{name}``, ``{area}`` and ``{floor}`` lists
with the devices, rooms and floors of the given home, runs each sentence through a fresh turn,
and checks the *outcome*: the right devices changed to the right value (or, for a question, the
answer is right; for a timer, the clock holds the right timer).

The templates are parsed with hassil's own parser (``pip install 'speaker-sim[hassil]'``); their
expansion rules and shared lists come from the ``home-assistant-intents`` package, because the
source folder keeps them apart from the sentence files. Sentence templates, rules and lists are
Home Assistant's intents project (https://github.com/OHF-Voice/intents), CC BY 4.0; they are read
where they lie, never copied into this project.

A sentence is sampled by walking hassil's parse tree: one random branch of every alternative,
one random order of every permutation, one random value of every list (recorded as the slot the
sentence means). Colours and ranges are limited to what the home's devices can do, so a failure
is the skill's, not the device model's.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import yaml

from simulator.devices import Home, load_home
from simulator.devices.capabilities import COLOR_NAMES
from simulator.devices.device import Device
from simulator.engine import Simulator
from simulator.models import Turn

__all__ = [
    "INTENTS",
    "Sample",
    "TemplateSampler",
    "check_sample",
    "ha_domain",
    "run_ha_templates",
]

_NOW = datetime(2026, 3, 14, 19, 30)

INTENTS: dict[str, tuple[str, ...]] = {
    # HA intent -> sentence files to skip (people, scripts: no counterpart in the device model).
    "HassTurnOn": ("name_script",),
    "HassTurnOff": (),
    "HassLightSet": (),
    "HassClimateSetTemperature": (),
    "HassClimateGetTemperature": (),
    "HassSetPosition": (),
    "HassFanSetSpeed": (),
    "HassVacuumStart": (),
    "HassVacuumReturnToBase": (),
    "HassMediaPause": (),
    "HassMediaUnpause": (),
    "HassMediaNext": (),
    "HassMediaPrevious": (),
    "HassSetVolume": (),
    "HassSetVolumeRelative": (),
    "HassMediaPlayerMute": (),
    "HassMediaPlayerUnmute": (),
    "HassGetState": ("name_where", "name_zone", "name_only"),
    "HassStartTimer": (),
    "HassCancelTimer": (),
    "HassCancelAllTimers": (),
    "HassTimerStatus": (),
}
"""The Home Assistant intents the smart-home and timer skills implement, and the sentence files
of each that ask for something the simulator has no model of (skipped)."""

_DOMAINS: dict[str, str] = {
    "light": "light",
    "color_light": "light",
    "plug": "switch",
    "fan": "fan",
    "air_purifier": "fan",
    "curtain": "cover",
    "thermostat": "climate",
    "air_conditioner": "climate",
    "tv": "media_player",
    "speaker": "media_player",
    "vacuum": "vacuum",
    "lock": "lock",
    "climate_sensor": "sensor",
    "motion_sensor": "binary_sensor",
    "door_sensor": "binary_sensor",
}

# Cover device classes (Home Assistant's ``cover_classes`` list) by a word of the device name.
_COVER_CLASSES: dict[str, str] = {
    "awning": "awning",
    "blind": "blind",
    "curtain": "curtain",
    "garage": "garage",
    "gate": "gate",
    "shade": "shade",
    "shutter": "shutter",
    "window": "window",
    "door": "door",
}


def ha_domain(device: Device) -> str | None:
    """The Home Assistant domain our device type stands for (None: no counterpart)."""
    return _DOMAINS.get(device.type.id)


def _cover_class(device: Device) -> str:
    words = re.findall(r"[a-z]+", device.name.lower())
    for word in words:
        stem = word[:-1] if word.endswith("s") else word
        if stem in _COVER_CLASSES:
            return _COVER_CLASSES[stem]
    return "curtain"


def _device_class(device: Device) -> str | None:
    if device.type.id == "curtain":
        return _cover_class(device)
    if device.type.id == "tv":
        return "tv"
    if device.type.id == "speaker":
        return "speaker"
    return None


@dataclass
class Sample:
    """One sampled sentence and what it means."""

    intent: str
    file: str
    template: str
    text: str
    slots: dict[str, Any] = field(default_factory=dict)
    """Slot values, as Home Assistant would fill them (``name`` is a device id here)."""
    context_area: bool = False
    domains: frozenset[str] = frozenset()
    said_name: str | None = None
    """The device name as said (several devices may share it: "the corner lamp")."""


class _NoValues(Exception):
    """A list of the template has no value in this home (the template is skipped)."""


def _require_hassil() -> None:
    try:
        import hassil  # noqa: F401
        import home_assistant_intents  # noqa: F401
    except ImportError as exc:
        raise RuntimeError(
            "this needs hassil and home-assistant-intents: "
            "pip install 'speaker-sim[hassil]'" + f" ({exc.name} is missing)"
        ) from None


def _package_data() -> dict[str, Any]:
    """Expansion rules and lists of Home Assistant's English templates (package data)."""
    from home_assistant_intents import get_intents

    data = get_intents("en")
    if not isinstance(data, dict):
        raise RuntimeError("home-assistant-intents has no English data")
    return data


class TemplateSampler:
    """Samples sentences from Home Assistant's templates, filled with one home's names."""

    def __init__(self, home: Home, rng: random.Random) -> None:
        """Prepare the package's rules and lists for ``home``."""
        _require_hassil()
        from hassil.intents import Intents

        self.home = home
        self.rng = rng
        data = _package_data()
        # hassil parses the rules and lists exactly as Home Assistant does.
        parsed = Intents.from_dict(
            {
                "language": "en",
                "intents": {},
                "expansion_rules": data.get("expansion_rules") or {},
                "lists": data.get("lists") or {},
            }
        )
        self.rules = parsed.expansion_rules
        self.lists = parsed.slot_lists
        self.floors = sorted({r.floor for r in home.rooms.values() if r.floor})

    # -- one sentence -------------------------------------------------------------------------

    def sample(
        self, intent: str, file: str, block: Mapping[str, Any], template: str
    ) -> Sample | None:
        """One sentence of ``template`` (None when the home has nothing it could be about)."""
        from hassil.parse_expression import parse_sentence

        domains = _block_domains(block)
        sample = Sample(intent=intent, file=file, template=template, text="", domains=domains)
        sample.context_area = "area" in (block.get("requires_context") or {})
        for key, value in (block.get("slots") or {}).items():
            sample.slots[key] = value
        if block.get("inferred_domain"):
            sample.slots.setdefault("domain", block["inferred_domain"])
        local_lists = {**self.lists}
        if block.get("lists"):
            local = Intents_from_lists(block["lists"])
            local_lists.update(local)
        expression = parse_sentence(template, keep_text=True).expression
        try:
            text = self._walk(expression, sample, local_lists)
        except _NoValues:
            return None
        # "{floor} [floor]" with a floor named "upper floor" says "floor" twice.
        sample.text = " ".join(text.split()).replace("floor floor", "floor")
        return sample

    def _walk(self, expr: Any, sample: Sample, lists: Mapping[str, Any]) -> str:
        from hassil.expression import (
            Alternative,
            ListReference,
            Permutation,
            RuleReference,
            Sequence,
            TextChunk,
        )

        if isinstance(expr, TextChunk):
            return str(expr.original_text if expr.original_text is not None else expr.text)
        if isinstance(expr, Alternative):
            return self._walk(self.rng.choice(expr.items), sample, lists)
        if isinstance(expr, Permutation):
            items = list(expr.items)
            self.rng.shuffle(items)
            return " ".join(self._walk(i, sample, lists) for i in items)
        if isinstance(expr, Sequence):
            return "".join(self._walk(i, sample, lists) for i in expr.items)
        if isinstance(expr, RuleReference):
            return self._walk(self.rules[expr.rule_name].expression, sample, lists)
        if isinstance(expr, ListReference):
            return self._list_value(expr.list_name, expr.slot_name, sample, lists)
        raise TypeError(f"unexpected hassil expression {expr!r}")

    def _list_value(
        self, list_name: str, slot: str, sample: Sample, lists: Mapping[str, Any]
    ) -> str:
        from hassil.intents import RangeSlotList, TextSlotList, WildcardSlotList

        rng = self.rng
        home = self.home
        if list_name == "name":
            # A name said with an area or floor is a device there ("the lamp in the study").
            devices = [
                d
                for d in self._named(sample)
                if sample.slots.get("area", d.room) == d.room
                and sample.slots.get("floor", home.rooms[d.room].floor) == home.rooms[d.room].floor
            ]
            if not devices:
                raise _NoValues
            device = rng.choice(devices)
            sample.slots["name"] = device.id
            sample.said_name = rng.choice([device.name, *device.aliases]).lower()
            return sample.said_name
        if list_name == "area":
            rooms = list(home.rooms.values())
            if "name" in sample.slots:
                rooms = [home.rooms[home.devices[sample.slots["name"]].room]]
            room = rng.choice(rooms)
            sample.slots["area"] = room.id
            return rng.choice([room.name, *room.aliases]).lower()
        if list_name == "floor":
            floors = self.floors
            if "name" in sample.slots:
                floors = [
                    f
                    for f in floors
                    if f == home.rooms[home.devices[sample.slots["name"]].room].floor
                ]
            if not floors:
                raise _NoValues
            floor = rng.choice(floors)
            sample.slots["floor"] = floor
            return floor if floor.endswith("floor") else f"{floor} floor"
        slot_list = lists.get(list_name)
        if isinstance(slot_list, TextSlotList):
            values = list(slot_list.values)
            if list_name == "color":
                values = [v for v in values if str(v.value_out) in COLOR_NAMES]
            if not values:
                raise _NoValues
            value = rng.choice(values)
            sample.slots[slot] = value.value_out
            return self._walk(value.text_in, sample, lists)
        if isinstance(slot_list, RangeSlotList):
            number = self._number(list_name, slot_list.start, slot_list.stop, slot_list.step)
            # "volume down by 10": the list says the value is -10.
            sample.slots[slot] = number * (slot_list.multiplier or 1)
            return str(number)
        if isinstance(slot_list, WildcardSlotList) or slot_list is None:
            word = rng.choice(["pizza", "pasta", "laundry", "tea"])
            sample.slots[slot] = word
            return word
        raise _NoValues

    def _number(self, list_name: str, start: int, stop: int, step: int) -> int:
        """A value of a range list that the devices of a home can take."""
        low, high = start, stop
        if list_name == "brightness":
            low = max(low, 1)  # 0 % is "off", which Home Assistant says otherwise
        elif list_name == "temperature":
            low, high = 16, 26  # room temperatures every thermostat accepts
        elif list_name == "color_temperature":
            low, high = 2200, 6500
        elif list_name in ("volume_step_up", "volume_step_down", "fan_speed", "volume_step"):
            low = max(low, 5)
        elif list_name == "timer_seconds":
            low, high = max(low, 5), min(high, 59)
        elif list_name == "timer_minutes":
            low, high = max(low, 1), min(high, 90)
        elif list_name == "timer_hours":
            low, high = max(low, 1), min(high, 5)
        return self.rng.randrange(low, high + 1, max(step, 1))

    def _named(self, sample: Sample) -> list[Device]:
        """Devices a ``{name}`` of this block may be: of the block's domains (any if none)
        and able to do what the intent asks."""
        out = []
        for device in self.home.devices.values():
            domain = ha_domain(device)
            if domain is None:
                continue
            if sample.domains and domain not in sample.domains:
                continue
            if not _able(device, sample):
                continue
            out.append(device)
        return out


def Intents_from_lists(raw: Mapping[str, Any]) -> dict[str, Any]:
    """A block's local lists, parsed by hassil."""
    from hassil.intents import Intents

    return dict(Intents.from_dict({"language": "en", "intents": {}, "lists": raw}).slot_lists)


def _block_domains(block: Mapping[str, Any]) -> frozenset[str]:
    out: set[str] = set()
    if block.get("inferred_domain"):
        out.add(str(block["inferred_domain"]))
    out.update(str(d) for d in block.get("name_domains") or ())
    for source in (block.get("slots") or {}, block.get("requires_context") or {}):
        domain = source.get("domain")
        if isinstance(domain, str):
            out.add(domain)
        elif isinstance(domain, list):
            out.update(str(d) for d in domain)
    return frozenset(out)


def load_blocks(path: Path) -> list[tuple[str, str, dict[str, Any]]]:
    """``(intent, file stem, data block)`` for the covered intents' English sentence files."""
    root = Path(path) / "sentences" / "en"
    if not root.is_dir():
        raise FileNotFoundError(f"{root}: no such folder (expected the intents data folder)")
    out: list[tuple[str, str, dict[str, Any]]] = []
    for intent, skipped in INTENTS.items():
        for file in sorted((root / intent).glob("*.yaml")):
            # Timers that run a command when they end have no counterpart in the timer skill.
            if file.stem in skipped or file.stem.startswith("command_"):
                continue
            data = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
            blocks = (data.get("intents") or {}).get(intent, {}).get("data") or data.get("data")
            for block in blocks or []:
                if isinstance(block, dict) and block.get("sentences"):
                    out.append((intent, file.stem, block))
    return out


# --- what should have happened ------------------------------------------------------------------


# The attribute a device needs for an intent to apply to it (a group command skips the rest).
_NEEDS: dict[str, str] = {
    "HassClimateSetTemperature": "target_temperature",
    "HassSetPosition": "position",
    "HassFanSetSpeed": "fan_percentage",
    "HassVacuumStart": "cleaning_state",
    "HassVacuumReturnToBase": "cleaning_state",
    "HassMediaPause": "playback",
    "HassMediaUnpause": "playback",
    "HassMediaNext": "track",
    "HassMediaPrevious": "track",
    "HassSetVolume": "volume",
    "HassSetVolumeRelative": "volume",
    "HassMediaPlayerMute": "muted",
    "HassMediaPlayerUnmute": "muted",
}


def _needs(sample: Sample) -> str | None:
    if sample.intent == "HassLightSet":
        for slot, attribute in (
            ("brightness", "brightness"),
            ("color", "color"),
            ("temperature", "color_temp"),
        ):
            if slot in sample.slots:
                return attribute
    return _NEEDS.get(sample.intent)


def _able(device: Device, sample: Sample) -> bool:
    """Whether the intent applies to the device at all."""
    if sample.intent in ("HassTurnOn", "HassTurnOff"):
        return any(device.has_attribute(a) for a in ("on", "position", "lock_state"))
    needs = _needs(sample)
    return needs is None or device.has_attribute(needs)


def _targets(home: Home, sample: Sample) -> list[Device]:
    """The devices a sample is about, as Home Assistant would pick them."""
    return [d for d in _addressed(home, sample) if _able(d, sample)]


# The domain an intent's handler in Home Assistant works on, whatever the sentence says: "set
# the kitchen fans to 50 %" (HassFanSetSpeed) is about fans, not the air conditioner's fan.
_INTENT_DOMAINS: dict[str, str] = {
    "HassFanSetSpeed": "fan",
    "HassClimateSetTemperature": "climate",
    "HassVacuumStart": "vacuum",
    "HassVacuumReturnToBase": "vacuum",
    "HassMediaPause": "media_player",
    "HassMediaUnpause": "media_player",
    "HassMediaNext": "media_player",
    "HassMediaPrevious": "media_player",
    "HassSetVolume": "media_player",
    "HassSetVolumeRelative": "media_player",
    "HassMediaPlayerMute": "media_player",
    "HassMediaPlayerUnmute": "media_player",
}


def _addressed(home: Home, sample: Sample) -> list[Device]:
    slots = sample.slots
    if "name" in slots:
        device = home.devices[slots["name"]]
        return [device]
    domain = slots.get("domain") or _INTENT_DOMAINS.get(sample.intent)
    device_class = slots.get("device_class")
    pool = [
        d
        for d in home.devices.values()
        if (domain is None or ha_domain(d) == domain)
        and (device_class is None or _device_class(d) == device_class)
    ]
    if "area" in slots:
        return [d for d in pool if d.room == slots["area"]]
    if "floor" in slots:
        rooms = {r.id for r in home.rooms.values() if r.floor == slots["floor"]}
        return [d for d in pool if d.room in rooms]
    if sample.file == "domain_all":
        return pool  # "turn off all the lights in the house"
    # Nothing named: the devices of the room the speaker is in (Home Assistant's context
    # area). A sentence about a kind of device the room lacks is not sampled.
    return [d for d in pool if d.room == home.speaker_room]


def _prepare(sim: Simulator, sample: Sample, targets: list[Device]) -> None:
    """Put the targets in a state the command visibly changes."""
    home = sim.home
    assert home is not None
    intent = sample.intent
    for device in targets:

        def set_(attribute: str, value: object, device: Device = device) -> None:
            home.set_manual(device.id, attribute, value)

        if intent == "HassTurnOn":
            if device.has_attribute("on"):
                set_("on", False)
            elif device.has_attribute("position"):
                set_("position", 0)
            elif device.has_attribute("lock_state"):
                set_("lock_state", "unlocked")
        elif intent == "HassTurnOff":
            if device.has_attribute("on"):
                set_("on", True)
            elif device.has_attribute("position"):
                set_("position", 100)
            elif device.has_attribute("lock_state"):
                set_("lock_state", "locked")
        elif intent in ("HassMediaPause", "HassMediaNext", "HassMediaPrevious"):
            if device.has_attribute("playback"):
                if device.has_attribute("on"):
                    set_("on", True)
                set_("playback", "playing")
                set_("track", 5)
        elif intent == "HassMediaUnpause" and device.has_attribute("playback"):
            if device.has_attribute("on"):
                set_("on", True)
            set_("playback", "paused")
        elif intent == "HassMediaPlayerUnmute" and device.has_attribute("muted"):
            if device.has_attribute("on"):
                set_("on", True)
            set_("muted", True)
        elif intent in ("HassMediaPlayerMute", "HassSetVolume") and device.has_attribute("on"):
            # A TV that is off has no sound to mute or set.
            set_("on", True)
        elif intent == "HassVacuumReturnToBase" and device.has_attribute("cleaning_state"):
            set_("cleaning_state", "cleaning")
    if intent in ("HassCancelTimer", "HassTimerStatus", "HassCancelAllTimers"):
        # The timer the sentence is about: "cancel the 5 hour timer" means a timer that was
        # set for 5 hours, "cancel the pizza timer" one called pizza. When the sentence says
        # which, a second timer runs too, so a skill that cancels any timer is caught.
        label = sample.slots.get("name")
        length = _started(sample)
        meant = length or timedelta(minutes=7)
        sim.clock.schedule(meant, kind="timer", owner="timer", label=label)
        if intent == "HassCancelTimer" and (label is not None or length is not None):
            other = meant + timedelta(minutes=3)
            sim.clock.schedule(other, kind="timer", owner="timer", label="decoy")


def _started(sample: Sample) -> timedelta | None:
    """How long the timer a sentence names was set for ("the 5 minute timer"), if it says."""
    parts = {k: sample.slots.get(f"start_{k}") for k in ("hours", "minutes", "seconds")}
    if all(v is None for v in parts.values()):
        return None
    return timedelta(**{k: int(v) for k, v in parts.items() if v is not None})


Check = Callable[[Device], bool]


def _effect(sample: Sample) -> tuple[Check, str] | None:
    """What each target must look like afterwards, and how to say it."""
    s = sample.slots
    intent = sample.intent

    def near(a: Any, b: float, tol: float = 0.6) -> bool:
        return a is not None and abs(float(a) - b) <= tol

    if intent in ("HassTurnOn", "HassTurnOff"):
        on = intent == "HassTurnOn"

        def switched(d: Device) -> bool:
            if d.has_attribute("on"):
                return bool(d.get("on")) is on
            if d.has_attribute("position"):
                return int(d.get("target_position")) == (100 if on else 0)
            if d.has_attribute("lock_state"):
                return str(d.get("lock_state")) in (("locked",) if on else ("unlocked",))
            return False

        return switched, "on" if on else "off"
    if intent == "HassLightSet":
        if "brightness" in s:
            value = float(s["brightness"])
            return (lambda d: d.get("on") and near(d.get("brightness"), value)), f"{value:g} %"
        if "color" in s:
            colour = str(s["color"])
            return (lambda d: d.get("on") and d.get("color") == colour), colour
        if "temperature" in s:
            kelvin = float(s["temperature"])

            def white(d: Device) -> bool:
                rng = d.range_of("color_temp")
                lo = rng.minimum if rng and rng.minimum is not None else kelvin
                hi = rng.maximum if rng and rng.maximum is not None else kelvin
                return near(d.get("color_temp"), max(lo, min(hi, kelvin)), 1)

            return white, f"{kelvin:g} K"
        return None
    if intent == "HassClimateSetTemperature":
        temp = float(s["temperature"])
        return (lambda d: near(d.get("target_temperature"), temp)), f"{temp:g} degrees"
    if intent == "HassSetPosition":
        position = float(s["position"])
        return (lambda d: near(d.get("target_position"), position, 1)), f"position {position:g}"
    if intent == "HassFanSetSpeed":
        if "percentage" in s:
            pct = float(s["percentage"])
            return (lambda d: near(d.get("fan_percentage"), pct, 1)), f"{pct:g} %"
        return None
    if intent == "HassVacuumStart":
        return (lambda d: d.get("cleaning_state") == "cleaning"), "cleaning"
    if intent == "HassVacuumReturnToBase":
        return (lambda d: d.get("cleaning_state") in ("returning", "docked")), "returning"
    if intent == "HassMediaPause":
        return (lambda d: d.get("playback") == "paused"), "paused"
    if intent == "HassMediaUnpause":
        return (lambda d: d.get("playback") == "playing"), "playing"
    if intent == "HassMediaNext":
        return (lambda d: d.get("track") == 6), "next track"
    if intent == "HassMediaPrevious":
        return (lambda d: d.get("track") == 4), "previous track"
    if intent == "HassSetVolume":
        volume = float(s["volume_level"])
        return (lambda d: near(d.get("volume"), volume, 1)), f"volume {volume:g}"
    if intent == "HassMediaPlayerMute":
        return (lambda d: d.get("muted") is True), "muted"
    if intent == "HassMediaPlayerUnmute":
        return (lambda d: d.get("muted") is False), "unmuted"
    return None


_TEMPERATURE = re.compile(r"(-?\d+(?:\.\d+)?) ?degrees")


def check_sample(sim: Simulator, sample: Sample) -> str | None:
    """Run ``sample`` on a freshly reset ``sim``; why it went wrong, or None when it worked."""
    home = sim.home
    assert home is not None
    sim.reset()
    intent = sample.intent
    if intent in ("HassStartTimer", "HassCancelTimer", "HassCancelAllTimers", "HassTimerStatus"):
        return _check_timer(sim, sample)
    targets = _targets(home, sample)
    if not targets:
        return "skip"
    if intent in ("HassGetState", "HassClimateGetTemperature"):
        return _check_question(sim, sample, targets)
    if intent == "HassSetVolumeRelative":
        return _check_relative_volume(sim, sample, targets)
    _prepare(sim, sample, targets)
    before = {d.id: dict(d.state) for d in home.devices.values()}
    turn = sim.handle_sync(sample.text)
    if turn.intent is not None and turn.dialog.open_question and turn.reprompt:
        # "Which one?" is a fair answer when several devices fit and none was named.
        if len(targets) > 1 and "name" not in sample.slots:
            return None
        if sample.said_name is not None and _shared(home, sample.said_name):
            return None  # two devices are called that: asking is right
        return f"asked {turn.speech!r}"
    effect = _effect(sample)
    if effect is None:
        return "skip"
    check, what = effect
    wrong = [d.spoken for d in targets if not check(d)]
    if wrong:
        return _why(turn, f"{', '.join(wrong)} not {what}")
    ids = {d.id for d in targets}
    others = sorted(
        d.id
        for d in home.devices.values()
        if d.id not in ids and _changed(before[d.id], dict(d.state))
    )
    if others:
        return _why(turn, f"also changed {', '.join(others)}")
    return None


def _shared(home: Home, name: str) -> bool:
    """Whether several devices of the home answer to ``name``."""
    return (
        sum(1 for d in home.devices.values() if name in {n.lower() for n in (d.name, *d.aliases)})
        > 1
    )


def _changed(before: Mapping[str, Any], after: Mapping[str, Any]) -> bool:
    # Sensors and moving covers change on their own; only commanded attributes count.
    ignore = {"current_temperature", "temperature", "humidity", "hvac_action", "moving"}
    ignore |= {"position", "battery", "cleaning_room", "room_progress", "cleaning_queue"}
    return any(before.get(k) != v for k, v in after.items() if k not in ignore)


def _why(turn: Turn, problem: str) -> str:
    return f"{problem} (routed to {turn.skill}.{turn.intent}; said {turn.speech!r})"


def _check_relative_volume(sim: Simulator, sample: Sample, targets: list[Device]) -> str | None:
    home = sim.home
    assert home is not None
    for device in targets:
        if device.has_attribute("on"):
            home.set_manual(device.id, "on", True)
        home.set_manual(device.id, "volume", 50)
    turn = sim.handle_sync(sample.text)
    step = sample.slots.get("volume_step")
    up = step == "up" or (isinstance(step, int | float) and step > 0)
    wrong = [d.spoken for d in targets if (d.get("volume") > 50) is not up or d.get("volume") == 50]
    return _why(turn, f"{', '.join(wrong)} not {'louder' if up else 'quieter'}") if wrong else None


def _check_question(sim: Simulator, sample: Sample, targets: list[Device]) -> str | None:
    home = sim.home
    assert home is not None
    readings = [
        float(d.get(a))
        for d in targets
        for a in ("current_temperature", "temperature")
        if d.has_attribute(a)
    ]
    if sample.intent == "HassClimateGetTemperature" and not readings:
        return "skip"  # nothing in that room measures a temperature
    turn = sim.handle_sync(sample.text)
    speech = turn.speech or ""
    if turn.skill != "smart_home" or turn.error is not None:
        return _why(turn, "no answer")
    if sample.intent == "HassClimateGetTemperature":
        said = [float(x) for x in _TEMPERATURE.findall(speech)]
        if not any(abs(r - s) < 0.51 for r in readings for s in said):
            return _why(turn, f"expected a reading of {readings}")
        return None
    state = sample.slots.get("state")
    if turn.intent not in ("GetState", "QueryDevices", "Describe"):
        return _why(turn, "not a state question")
    if "name" in sample.slots and state is not None and sample.text.split()[0] in ("is", "are"):
        device = targets[0]
        truth = _in_state(device, str(state))
        if truth is None:
            return "skip"
        if not speech.lower().startswith("yes" if truth else "no"):
            return _why(turn, f"expected {'yes' if truth else 'no'}")
    return None


def _in_state(device: Device, state: str) -> bool | None:
    if state in ("on", "off") and device.has_attribute("on"):
        return bool(device.get("on")) is (state == "on")
    if state in ("open", "closed") and device.has_attribute("position"):
        return (int(device.get("position")) > 0) is (state == "open")
    if state in ("locked", "unlocked") and device.has_attribute("lock_state"):
        return str(device.get("lock_state")) == state
    return None


def _decoy_kept(sample: Sample, timers: list[Any]) -> bool:
    """Whether the second timer survived a cancel that named the first."""
    named = sample.slots.get("name") is not None or _started(sample) is not None
    return not named or any(t.label == "decoy" for t in timers)


def _check_timer(sim: Simulator, sample: Sample) -> str | None:
    _prepare(sim, sample, [])
    turn = sim.handle_sync(sample.text)
    if sample.intent == "HassCancelAllTimers" and turn.dialog.open_question:
        turn = sim.handle_sync("yes")
    timers = sim.clock.pending(kind="timer")
    s = sample.slots
    if sample.intent == "HassStartTimer":
        seconds = (
            int(s.get("hours", 0)) * 3600 + int(s.get("minutes", 0)) * 60 + int(s.get("seconds", 0))
        )
        if not timers:
            return _why(turn, "no timer started")
        got = (timers[0].due - sim.clock.now()).total_seconds()
        if abs(got - seconds) > 1:
            return _why(turn, f"timer for {got:g} s, expected {seconds} s")
        return None
    if sample.intent == "HassCancelTimer":
        # Only the decoy (if any) may be left.
        left = [t for t in timers if t.label != "decoy"]
        if left:
            return _why(turn, "timer still running")
        if not _decoy_kept(sample, timers):
            return _why(turn, "cancelled the other timer")
        return None
    if sample.intent == "HassCancelAllTimers":
        return _why(turn, "timer still running") if timers else None
    if turn.skill != "timer" or turn.intent not in ("TimeLeft", "ListTimers"):
        return _why(turn, "not a timer status")
    return None


# --- the run -----------------------------------------------------------------------------------


def sample_all(path: Path, home: Home, *, per_intent: int, seed: int) -> list[Sample]:
    """``per_intent`` sentences for each covered intent, templates chosen uniformly."""
    rng = random.Random(seed)
    sampler = TemplateSampler(home, rng)
    by_intent: dict[str, list[tuple[str, dict[str, Any], str]]] = {}
    for intent, file, block in load_blocks(path):
        for template in block["sentences"]:
            by_intent.setdefault(intent, []).append((file, block, str(template)))
    out: list[Sample] = []
    for intent, templates in by_intent.items():
        got = 0
        tries = 0
        while got < per_intent and tries < per_intent * 20:
            tries += 1
            file, block, template = rng.choice(templates)
            sample = sampler.sample(intent, file, block, template)
            if sample is not None:
                out.append(sample)
                got += 1
    return out


def run_ha_templates(
    path: Path, home_file: Path | None, *, per_intent: int = 40, seed: int = 0
) -> dict[str, Any]:
    """Sample, run and check; a summary with ``total``, ``passed``, ``percent``, ``by_intent``
    and ``failures`` (``{intent, sentence, template, reason}``)."""
    home = load_home(home_file, now=_NOW)
    samples = sample_all(path, home, per_intent=per_intent, seed=seed)
    sim = Simulator.create(home_file=home_file, state_dir=None, now=_NOW, seed=seed)
    by_intent: dict[str, dict[str, int]] = {}
    failures: list[dict[str, str]] = []
    try:
        for sample in samples:
            row = by_intent.setdefault(sample.intent, {"total": 0, "passed": 0})
            reason = check_sample(sim, sample)
            if reason == "skip":
                continue
            row["total"] += 1
            if reason is None:
                row["passed"] += 1
            else:
                failures.append(
                    {
                        "intent": sample.intent,
                        "sentence": sample.text,
                        "template": f"{sample.file}: {sample.template}",
                        "reason": reason,
                    }
                )
    finally:
        sim.close()
    total = sum(r["total"] for r in by_intent.values())
    passed = sum(r["passed"] for r in by_intent.values())
    return {
        "dataset": "ha-templates",
        "home": home.name,
        "n": total,
        "total": total,
        "passed": passed,
        "accuracy": passed / total if total else 0.0,
        "percent": 100.0 * passed / total if total else 0.0,
        "by_intent": by_intent,
        "failures": failures,
    }
