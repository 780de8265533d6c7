"""Uncommon but literal words of the skills' senses (issue #9): "annul", "luminosity",
"precipitation", "ajar" read as the plain words the templates use, wherever they stand. The
lexicon (`simulator.nlu.lexicon`) and what the router makes of it, on sentences written for
these tests.
"""

from __future__ import annotations

import pytest

from simulator.engine import Simulator
from simulator.nlu.lexicon import SENSES, Lexicon, Sense


@pytest.fixture(scope="module")
def speaker() -> Simulator:
    """The bundled skills."""
    return Simulator.create(seed=0)


def _intent(speaker: Simulator, text: str) -> str | None:
    result = speaker.route(text)
    return f"{result.skill}.{result.intent}" if result.intent else None


def _lexicon(own: frozenset[str] = frozenset(), spelled: frozenset[str] = frozenset()) -> Lexicon:
    senses = {
        "cancel": Sense("verb", ("cancel", "delete"), ("annul", "call off")),
        "brightness": Sense("noun", ("brightness",), ("luminosity",)),
        "item": Sense("noun", ("item",), ("entry",)),
        "close": Sense("verb", ("close",), ("draw ... together",)),
        "on": Sense("word", ("on",), ("switched on", "lit")),
    }
    return Lexicon.derive(own, spelled, senses)


def _read(lexicon: Lexicon, text: str) -> list[str]:
    return [" ".join(r.words) for r in lexicon.readings(text.split())]


def test_a_word_is_read_as_its_plain_words_wherever_it_stands() -> None:
    lexicon = _lexicon()
    assert _read(lexicon, "please annul the nine o'clock") == [
        "please cancel the nine o'clock",
        "please delete the nine o'clock",
    ]
    assert _read(lexicon, "dim the luminosity a bit") == ["dim the brightness a bit"]


def test_a_noun_is_read_in_the_plural_too() -> None:
    assert _read(_lexicon(), "three entries left") == ["three items left"]


def test_every_combination_is_offered_the_first_plain_words_first() -> None:
    readings = _read(_lexicon(), "annul the luminosity")
    assert readings == ["cancel the brightness", "delete the brightness"]


def test_a_phrasal_verb_holds_its_object_between_its_parts() -> None:
    lexicon = _lexicon()
    assert _read(lexicon, "draw the bay window blinds together") == ["close the bay window blinds"]
    # The particle must end the request, and something must stand between the parts.
    assert _read(lexicon, "draw together") == []
    assert _read(lexicon, "draw the blinds together now") == []


def test_the_skills_own_words_are_never_read_as_another() -> None:
    # A one-word synonym a skill uses keeps its meaning there.
    assert _read(_lexicon(own=frozenset({"lit"})), "is the porch lit") == []
    # A phrase made only of words the templates spell out is the templates' own.
    assert _read(_lexicon(spelled=frozenset({"switched", "on"})), "is it switched on") == []
    # A phrase with a word no template spells out is read whole.
    assert _read(_lexicon(spelled=frozenset({"call"})), "call off the walk") == [
        "cancel the walk",
        "delete the walk",
    ]
    # The home's names (a device called "lit lamp") are kept as said.
    assert _read(_lexicon(), "is the lit lamp dim") == ["is the on lamp dim"]
    assert _lexicon().readings(["is", "the", "lit", "lamp", "dim"], keep=frozenset({"lit"})) == []


def test_plain_is_the_first_reading_and_names_what_was_read() -> None:
    reading = _lexicon().plain(["annul", "the", "luminosity"])
    assert reading is not None
    assert reading.words == ["cancel", "the", "brightness"]
    assert reading.read == {"annul": "cancel", "luminosity": "brightness"}
    assert _lexicon().plain(["turn", "on", "the", "lamp"]) is None


def test_the_table_is_organised_by_sense_with_plain_words_first() -> None:
    for name, sense in SENSES.items():
        assert sense.plain, name
        assert sense.words, name
        assert not set(sense.plain) & set(sense.words), name


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("kindly nullify tomorrow's seven thirty alarm", "alarms.CancelAlarm"),
        ("what's the present hour please", "clock.GetTime"),
        ("what is the seat of government of peru", "knowledge.Capital"),
        ("how distant is mars from the sun", "knowledge.PlanetDistance"),
        ("is rainfall expected on sunday", "weather.WillItRain"),
        ("is the back door ajar", "smart_home.GetState"),
        ("draw the bedroom curtains together", "smart_home.Close"),
        ("set the luminosity of the floor lamp to 40 percent", "smart_home.SetBrightness"),
        ("change the hue of the ceiling light to blue", "smart_home.SetColour"),
        ("decrease the loudness of the kitchen speaker", "smart_home.AdjustVolume"),
        ("how many articles are on my packing list", "lists.CountItems"),
        ("restore the sound on the den speaker", "smart_home.Unmute"),
    ],
)
def test_uncommon_words_are_understood(speaker: Simulator, text: str, intent: str) -> None:
    assert _intent(speaker, text) == intent


@pytest.mark.parametrize(
    "text",
    [
        "establish a charity",
        "discard the receipts",
        "advance me fifty pounds",
        "what's the charge for a speeding ticket",
        "annul my marriage",
        "what's the fare to edinburgh",
    ],
)
def test_out_of_scope_requests_still_fall_back(speaker: Simulator, text: str) -> None:
    assert _intent(speaker, text) is None


def test_a_reading_puts_its_words_back_as_said() -> None:
    reading = _lexicon().plain(["annul", "the", "luminosity"])
    assert reading is not None
    assert reading.as_said(["the", "brightness", "please"]) == ["the", "luminosity", "please"]
    assert reading.as_said(["nothing", "read"]) == ["nothing", "read"]


def test_a_free_text_value_keeps_its_words_as_said(speaker: Simulator) -> None:
    result = speaker.route("prompt me to purchase stamps tomorrow at noon")
    assert f"{result.skill}.{result.intent}" == "alarms.SetReminder"
    assert "purchase stamps" in result.slots["task"].raw
