"""Stage English, the speaker addressed by a title, and figurative verbs (issue #9): "recite my
list, herald!", "who art thou?", "banish the milk from my list". The readings of
`simulator.nlu.archaic` and the figurative verbs of `simulator.nlu.synonyms`, and what the
router makes of them, on sentences written for these tests.
"""

from __future__ import annotations

import pytest

from simulator.engine import Simulator
from simulator.nlu.archaic import addresses, modernise, simile
from simulator.nlu.jussive import gone_readings, jussive_readings
from simulator.nlu.normalize import clause_breaks, normalize


@pytest.fixture(scope="module")
def speaker() -> Simulator:
    """The bundled skills."""
    return Simulator.create(seed=0)


def _w(text: str) -> list[str]:
    return text.split()


def _intent(speaker: Simulator, text: str) -> str | None:
    result = speaker.route(text)
    return f"{result.skill}.{result.intent}" if result.intent else None


_KNOWN = frozenset({"set", "a", "timer", "for", "ten", "minutes", "lamp", "speaker", "my", "o"})
_HOME = frozenset({"den", "speaker", "lamp", "kitchen"})


def _addresses(text: str) -> tuple[list[str], list[list[str]]]:
    return addresses(
        normalize(text).split(),
        clause_breaks(text),
        _KNOWN.__contains__,
        _HOME.__contains__,
        frozenset({"set", "play", "turn"}),
    )


def test_archaic_function_words_are_read_as_modern_ones() -> None:
    words, read = modernise(_w("what hour hath the clock struck on the morrow"), _KNOWN)
    assert words == _w("what hour has the clock struck tomorrow")
    assert read == {"hath": "has", "on the morrow": "tomorrow"}
    assert modernise(_w("who art thou"), _KNOWN)[0] == _w("who are you")
    assert modernise(_w("hark what says thy clock"), _KNOWN)[0] == _w("what says your clock")
    assert modernise(_w("pray what day is it"), _KNOWN)[0] == _w("please what day is it")


def test_art_is_a_verb_only_beside_thou() -> None:
    words, read = modernise(_w("turn on the art lamp"), _KNOWN)
    assert words == _w("turn on the art lamp")
    assert read == {}


def test_a_word_some_template_uses_is_left_as_said() -> None:
    words, _ = modernise(_w("thy timer"), _KNOWN | {"thy"})
    assert words == ["thy", "timer"]


def test_a_title_set_off_by_marks_is_an_address() -> None:
    assert _addresses("set a timer for ten minutes, herald!") == (
        _w("set a timer for ten minutes"),
        [["herald"]],
    )
    assert _addresses("jester, set a timer")[1] == [["jester"]]
    assert _addresses("set a timer, oh keeper of the hours, for ten minutes")[1] == [
        _w("oh keeper of the hours")
    ]
    assert _addresses("set a timer, good speaker")[1] == [["good", "speaker"]]
    assert _addresses("set a timer, o wise one")[1] == [["o", "wise", "one"]]


@pytest.mark.parametrize(
    "text",
    [
        "set a timer, good morning",  # a greeting
        "set a timer, eggs",  # many things: a list's items, perhaps
        "set a timer, kitchen",  # a name of the home
        "set a timer, oh play jazz",  # a verb: a request
        "set a timer, 10 minutes",  # a number: a value
        "set a timer for ten minutes herald",  # no mark sets it off
        "herald!",  # all address: nothing left to ask
    ],
)
def test_what_is_no_address(text: str) -> None:
    assert _addresses(text)[1] == []


def test_a_simile_at_the_end_is_set_aside() -> None:
    assert simile(_w("shuffle the songs like a pack of cards")) == (
        _w("shuffle the songs"),
        _w("like a pack of cards"),
    )
    assert simile(_w("play something like the beatles"))[1] == []
    assert simile(_w("play like a"))[1] == []


def test_a_let_request_is_read_as_its_command() -> None:
    starts = frozenset({"repeat", "set", "stop"})
    readings = [r.words for r in jussive_readings(_w("let the song repeat"), starts)]
    assert _w("repeat the song") in readings
    readings = [r.words for r in jussive_readings(_w("let all the lamps be dimmed"), starts)]
    assert _w("i want all the lamps dimmed") in readings
    readings = [r.words for r in jussive_readings(_w("let the fan spin at full speed"), starts)]
    assert _w("set the fan to full speed") in readings
    readings = [r.words for r in jussive_readings(_w("let the radio go quiet now"), starts)]
    assert readings[0] == _w("stop the radio")
    readings = [r.words for r in jussive_readings(_w("let my list be called chores"), starts)]
    assert _w("rename my list to chores") in readings
    assert jussive_readings(_w("let me know the time"), starts) == []  # the speaker's own frame
    assert jussive_readings(_w("let us play"), starts) == []


def test_a_thing_sent_to_be_gone_is_removed() -> None:
    readings = [r.words for r in gone_readings(_w("toss the old list into the abyss"))]
    assert readings[0] == _w("delete the old list")
    assert _w("cancel the old list") in readings
    readings = [r.words for r in gone_readings(_w("let the timers be sent into oblivion"))]
    assert readings[0] == _w("delete the timers")
    readings = [r.words for r in gone_readings(_w("scrub my todo list clean"))]
    assert readings[0] == _w("clear my todo list")
    assert gone_readings(_w("send the photo to my mum")) == []  # no place of being gone
    assert gone_readings(_w("throw the ball into the garden")) == []


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("what time is it, good speaker?", "clock.GetTime"),
        ("set a timer for twenty minutes, o wise one", "timer.StartTimer"),
        ("what is the weather on the morrow in paris", "weather.GetWeather"),
        ("extinguish the kitchen light, gentle machine", "smart_home.TurnOff"),
        ("recite my todo list, herald", "lists.ReadList"),
        ("transmute five miles into kilometres", "knowledge.ConvertUnits"),
        ("speak to me of mars", "knowledge.PlanetFact"),
        ("banish the eggs from my shopping list, they have gone off", "lists.RemoveItems"),
        ("part the bedroom curtains", "smart_home.Open"),
        ("hush the den speaker a little", "smart_home.AdjustVolume"),
        ("let the hallway light be switched on", "smart_home.TurnOn"),
        ("let all of my timers be cancelled", "timer.CancelAllTimers"),
        ("let the den speaker play at volume four", "smart_home.SetVolume"),
        ("let the den speaker play again", "smart_home.Resume"),
        ("append bananas to my shopping list", "lists.AddItems"),
        ("randomize my songs", "music.Shuffle"),
        ("fire up the bedroom lamp", "smart_home.TurnOn"),
        ("secure the back door", "smart_home.Lock"),
        ("retitle my dentist appointment as checkup", "calendar.RenameEvent"),
        ("hurl my todo list into the abyss", "lists.DeleteList"),
        ("scour my todo list clean", "lists.ClearList"),
    ],
)
def test_stage_english_reaches_the_skills(speaker: Simulator, text: str, intent: str) -> None:
    assert _intent(speaker, text) == intent


def test_the_explanation_names_what_was_read(speaker: Simulator) -> None:
    result = speaker.route("what time is it, noble device")
    assert 'set aside "noble device"' in result.explanation
    result = speaker.route("recite my todo list")
    assert 'read "recite" as "read"' in result.explanation


@pytest.mark.parametrize(
    "text",
    [
        "summon a taxi, good sir",
        "banish my debts, o speaker",
        "recite the gettysburg address, herald",
        "vanquish my enemies",
        "banish the clouds from the sky",
        "extinguish the fire in the forest",
        "transport me to paris, noble steed",
        "hush the crying baby",
        "let the games begin",
        "let my enemies be vanquished",
        "let the world burn",
        "build a house",
        "purchase shares in apple",
        "secure a loan",
        "transfer money to my savings",
        "freeze the bank account",
        "cast my worries into the void",
        "send my debts into oblivion",
    ],
)
def test_stage_english_nobody_serves_falls_back(speaker: Simulator, text: str) -> None:
    assert _intent(speaker, text) is None
