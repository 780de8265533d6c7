"""One colour table (issue 7): the words a skill reads, the names a light takes and the hue it
shows come from `simulator.nlu.parsers.COLOURS`; HVAC modes and fan presets from the device model."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from simulator.devices import COLOR_NAMES, FAN_PRESETS, HVAC_MODES
from simulator.nlu.parsers import COLOURS, parse_colour
from simulator.sdk.home import FanPreset, HvacModeName, device_words
from simulator.sdk.slots import SlotEnv, SlotList
from simulator.sdk.testing import Conversation


def _list(annotated: object) -> SlotList:
    found = [m for m in getattr(annotated, "__metadata__", ()) if isinstance(m, SlotList)]
    assert found
    return found[0]


def test_the_device_model_and_the_parser_share_one_table() -> None:
    assert COLOR_NAMES is COLOURS
    for name, (hue, saturation) in COLOURS.items():
        parsed = parse_colour(name.split())
        assert parsed is not None and (parsed.name, parsed.hue, parsed.saturation) == (
            name,
            hue,
            saturation,
        )


def test_hvac_and_fan_slots_take_the_device_models_values() -> None:
    env = SlotEnv()
    assert set(_list(HvacModeName).examples(env)) >= {"heat", "cool", "fan only"}
    modes = {
        _list(HvacModeName).parse(["fan", "only"], env),
        _list(HvacModeName).parse(["heating"], env),
    }
    assert modes == {"fan_only", "heat"} and modes <= set(HVAC_MODES)
    assert _list(FanPreset).parse(["fast"], env) == "high" and "high" in FAN_PRESETS
    with pytest.raises(ValueError, match="turbo"):
        device_words("fan_speed", list(FAN_PRESETS), {"turbo": ["turbo"]})


@pytest.fixture(scope="module")
def conv() -> Iterator[Conversation]:
    talk = Conversation(home="demo", now=dt.datetime(2026, 6, 1, 20, 0))
    yield talk
    talk.close()


@pytest.mark.parametrize(
    ("said", "name"),
    [
        ("turn the kitchen light blue", "blue"),  # not "the kitchen" + "light blue"
        ("set the kitchen light to light blue", "light blue"),
        ("make the kitchen light gray", "grey"),  # an alias: the table's name
        ("turn the kitchen light turquoise", "turquoise"),
    ],
)
def test_a_light_takes_every_colour_of_the_table(conv: Conversation, said: str, name: str) -> None:
    turn = conv.say(said, expect_intent="SetColour")
    changes = {c.attribute: c.new for c in turn.device_changes if c.device_id == "kitchen_light"}
    assert changes.get("color") == name
    hue, saturation = COLOURS[name]
    assert changes.get("hue", hue) == hue and changes.get("saturation", saturation) == saturation
    assert turn.speech == f"Okay, the kitchen light is now {name}."
