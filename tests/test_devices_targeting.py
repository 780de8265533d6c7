"""Targeting on the demo home: names, rooms, groups, pronouns, defaults and ambiguity."""

from __future__ import annotations

from datetime import datetime

import pytest

from simulator.devices import ErrorCode, Home, load_home


def w(text: str) -> list[str]:
    """Tokens of an utterance span, as the NLU would hand them over."""
    return text.split()


@pytest.fixture
def home() -> Home:
    return load_home(now=datetime(2024, 1, 1, 8, 0))


def ids(home: Home, words: str, default_room: str | None = None) -> list[str]:
    query = home.parse_target(w(words))
    assert query is not None, words
    resolution = home.resolve(query, default_room=default_room)
    assert resolution.ok, (words, resolution.error)
    return [d.id for d in resolution.devices]


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("the kitchen light", ["kitchen_light"]),
        ("kitchen light", ["kitchen_light"]),
        ("worktop light", ["kitchen_light"]),
        ("the ceiling light in the bedroom", ["bedroom_ceiling_light"]),
        ("the bedroom ceiling light", ["bedroom_ceiling_light"]),
        ("the ceiling light in the master bedroom", ["bedroom_ceiling_light"]),
        ("the study corner lamp", ["study_corner_lamp"]),
        ("the corner lamp in the den", ["den_corner_lamp"]),
        ("the bedroom lights", ["bedroom_ceiling_light", "bedroom_lamp"]),
        ("the lights in the bedroom", ["bedroom_ceiling_light", "bedroom_lamp"]),
        ("lights in the den", ["den_corner_lamp"]),
        ("the thermostat", ["hall_thermostat"]),
        ("the heating", ["hall_thermostat"]),
        ("my front door", ["front_door"]),
        ("the tv", ["living_room_tv"]),
        ("the living room lamp", ["living_room_lamp"]),
        ("the ceiling lights", ["living_room_ceiling_light", "bedroom_ceiling_light"]),
    ],
)
def test_names_rooms_and_groups(home: Home, words: str, expected: list[str]) -> None:
    assert ids(home, words) == expected


def test_room_alone_and_everything_in_room(home: Home) -> None:
    bedroom = [d.id for d in home.find(room="bedroom")]
    assert ids(home, "the bedroom") == bedroom
    assert ids(home, "everything in the bedroom") == bedroom
    assert ids(home, "all the devices in the kitchen") == [d.id for d in home.find(room="kitchen")]


def test_plural_group_means_speaker_room_but_all_means_home(home: Home) -> None:
    assert ids(home, "the lights") == ["living_room_ceiling_light", "living_room_lamp"]
    everywhere = [d.id for d in home.find(group="lights")]
    assert ids(home, "all the lights") == everywhere
    assert ids(home, "all lights") == everywhere
    assert ids(home, "every light") == everywhere
    # A room without lights of its own falls back to the whole home.
    assert ids(home, "the locks") == ["back_door", "front_door"]


def test_name_defaults_to_speaker_room(home: Home) -> None:
    assert ids(home, "the ceiling light") == ["living_room_ceiling_light"]
    assert ids(home, "the ceiling light", default_room="bedroom") == ["bedroom_ceiling_light"]


def test_ambiguous_name_and_answers(home: Home) -> None:
    query = home.parse_target(w("the corner lamp"))
    assert query is not None
    resolution = home.resolve(query)
    assert not resolution.devices
    assert [d.id for d in resolution.ambiguous] == ["study_corner_lamp", "den_corner_lamp"]
    assert resolution.error is not None
    assert resolution.error.code is ErrorCode.AMBIGUOUS_TARGET
    question = "Which corner lamp, the one in the study or the one in the den?"
    assert home.disambiguation_question(resolution.ambiguous) == question
    assert resolution.error.message == question
    choices = resolution.ambiguous
    pick = home.answer_ambiguity
    assert [d.id for d in pick(choices, w("the one in the den"))] == ["den_corner_lamp"]
    assert [d.id for d in pick(choices, ["study"])] == ["study_corner_lamp"]
    assert [d.id for d in pick(choices, w("the den"))] == ["den_corner_lamp"]
    assert [d.id for d in pick(choices, w("in the office"))] == ["study_corner_lamp"]
    assert [d.id for d in pick(choices, w("the first one"))] == ["study_corner_lamp"]
    assert [d.id for d in pick(choices, w("the last one"))] == ["den_corner_lamp"]
    assert len(pick(choices, ["both"])) == 2
    assert len(pick(choices, w("all of them"))) == 2
    assert pick(choices, w("the garage")) == []
    assert pick(choices, ["banana"]) == []


def test_ambiguity_between_different_names(home: Home) -> None:
    lamps = [home.devices["desk_lamp"], home.devices["study_corner_lamp"]]
    assert home.disambiguation_question(lamps) == "Which one, the desk lamp or the corner lamp?"
    assert home.answer_ambiguity(lamps, w("the desk lamp")) == [home.devices["desk_lamp"]]


def test_singular_group_noun_can_be_ambiguous(home: Home) -> None:
    query = home.parse_target(w("the light"))
    assert query is not None and query.kind == "group" and not query.plural
    resolution = home.resolve(query)
    assert [d.id for d in resolution.ambiguous] == ["living_room_ceiling_light", "living_room_lamp"]
    assert home.resolve(query, default_room="kitchen").devices == [home.devices["kitchen_light"]]


def test_pronouns_follow_last_targets(home: Home) -> None:
    empty = home.parse_target(["it"])
    assert empty is not None
    assert home.resolve(empty).error is not None
    assert ids(home, "the desk lamp") == ["desk_lamp"]
    assert ids(home, "it") == ["desk_lamp"]
    home.execute([home.devices["front_door"], home.devices["back_door"]], "lock")
    assert ids(home, "them") == ["front_door", "back_door"]
    assert ids(home, "all of them") == ["front_door", "back_door"]
    query = home.parse_target(["those"])
    assert query is not None and query.kind == "pronoun" and query.plural


def test_unknown_words_and_missing_devices(home: Home) -> None:
    garage_fan = home.parse_target(w("the garage fan"))
    assert garage_fan is not None
    missing = home.resolve(garage_fan).error
    assert missing is not None and missing.code is ErrorCode.DEVICE_NOT_FOUND
    assert missing.message == "I couldn't find a device called garage fan."
    assert home.parse_target(w("the banana")) is None
    assert home.parse_target([]) is None
    query = home.parse_target(w("the lights in the garage"))
    assert query is not None
    assert ids(home, "the lights in the garage") == ["garage_light"]
    query = home.parse_target(w("the fans in the kitchen"))
    assert query is not None
    resolution = home.resolve(query)
    assert resolution.error is not None
    assert resolution.error.code is ErrorCode.DEVICE_NOT_FOUND
    assert resolution.error.message == "I couldn't find any fans in the kitchen."


def test_parse_room_and_scene(home: Home) -> None:
    assert home.parse_room(w("in the living room")) == "living_room"
    assert home.parse_room(["lounge"]) == "living_room"
    assert home.parse_room(["attic"]) is None
    scene = home.parse_scene(w("the movie time scene"))
    assert scene is not None and scene.id == "movie_time"
    bedtime = home.parse_scene(["bedtime"])
    assert bedtime is not None and bedtime.id == "good_night"
    assert home.parse_scene(["party"]) is None
