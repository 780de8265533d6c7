"""Requests said through what not to do (issue #9): "don't pause, skip to the next song", "i
don't want the alarms any more, delete them all", "i don't know what the time is, tell me". The
readings of the negated clause and the request after it (`simulator.nlu.negation`) and what the
router makes of them, on sentences written for these tests.
"""

from __future__ import annotations

import pytest

from simulator.engine import Simulator
from simulator.nlu.negation import negated_command, negated_readings, negation_end

# Words requests start with, as the router takes them from the templates.
STARTS = frozenset(
    {"play", "put", "delete", "make", "tell", "turn", "unlock", "skip", "cancel", "list", "go"}
)
REMOVERS = (("cancel",), ("stop",), ("turn", "off"))


def _words(text: str) -> list[str]:
    return text.split()


@pytest.fixture(scope="module")
def speaker() -> Simulator:
    """The bundled skills."""
    return Simulator.create(seed=0)


@pytest.mark.parametrize(
    ("text", "end"),
    [
        ("do not skip this song", 3),
        ("never play jazz", 2),
        ("not friday put it on monday", 2),
        ("no more music please", 3),
        ("oh i do not want the fan", 5),
        ("it should not be this warm", 4),
        ("i have no idea what time it is", 4),
        ("we really do not need it", 5),
    ],
)
def test_where_the_negated_clause_may_end(text: str, end: int) -> None:
    assert negation_end(text.split()) == end


@pytest.mark.parametrize(
    "text",
    [
        "turn off the light",
        "not",
        "you are not a robot are you",  # about the speaker, not a clause before a request
        "if you would not mind",
        "what is not on my list",
        "no not you tell me the time",  # said to someone else
        "not you",
    ],
)
def test_no_negated_clause_first(text: str) -> None:
    assert negation_end(text.split()) is None
    assert negated_readings(text.split(), STARTS) == []


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("do not shuffle play the next song", "play the next song"),
        ("do not lock it unlock the back door", "unlock the back door"),
        # The thing the clause names, for the pronoun of the request.
        ("do not let me lose the receipt put it on my list", "put the receipt on my list"),
        ("i do not want any reminders left delete them all", "delete all the reminders"),
        ("i do not have a packing list make a new one", "make a new list"),
        ("i do not want to miss easter tell me when it is", "tell me when easter is"),
        ("i never ordered garlic bread delete it", "delete garlic bread"),
        # What is not known, asked to be told.
        ("i do not know what the weather is tell me", "tell me what the weather is"),
        ("i can not remember which lists i have list them", "tell me which lists i have"),
    ],
)
def test_the_request_after_a_negated_clause(text: str, wanted: str) -> None:
    readings = negated_readings(text.split(), STARTS)
    assert readings
    assert " ".join(readings[0].words) == wanted


def test_a_typed_break_ends_the_negated_clause() -> None:
    words = _words("do not play it in the kitchen play it in the den")
    readings = negated_readings(words, STARTS, breaks=(7,))
    assert " ".join(readings[0].words) == "play it in the den"
    assert " ".join(readings[0].lead) == "do not play it in the kitchen"


@pytest.mark.parametrize(
    "text",
    [
        "do not let me forget put it on the list",  # "forget" is inside the negated clause
        "i do not want to go",  # nothing after the clause
        "i do not know what should i go and get",  # a subject's verb is its clause's
    ],
)
def test_no_request_starts_inside_the_negated_clause(text: str) -> None:
    words = text.split()
    assert all(r.words[0] not in ("forget", "go") for r in negated_readings(words, STARTS))


def test_not_knowing_without_an_object_is_a_whole_reply() -> None:
    # "i don't know, tell me" gives up a riddle: no request is read into it.
    assert negated_readings(_words("i do not know tell me"), STARTS) == []


@pytest.mark.parametrize(
    ("text", "command"),
    [
        ("i do not need the egg timer any more", "cancel the egg timer"),
        ("i do not want any alarms", "cancel all the alarms"),
        ("no more music", "cancel the music"),
        ("i do not want the fan on now", "cancel the fan"),
        ("i do not want the soup after all", "cancel the soup"),
    ],
)
def test_what_is_no_longer_wanted_is_removed(text: str, command: str) -> None:
    readings = negated_readings(text.split(), STARTS, removers=REMOVERS)
    assert " ".join(readings[0].words) == command
    assert any(r.words[0] == "turn" and r.words[-1] == "off" for r in readings)


def test_a_thing_still_wanted_is_not_removed() -> None:
    # Neither "any more" nor "any": the speaker says what they lack, not what should go.
    assert negated_readings(_words("i do not need the lamp"), STARTS, removers=REMOVERS) == []


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("do not forget to feed the cat", "remind me to feed the cat"),
        ("do not remember my name", "forget my name"),
        ("do not let me sleep past eight", "wake me at eight"),
    ],
)
def test_a_negated_command_that_asks_for_its_opposite(text: str, meant: str) -> None:
    readings = negated_readings(text.split(), STARTS)
    assert " ".join(readings[-1].words) == meant


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("do not skip", True),
        ("please never play that again", True),
        ("i do not like it", False),
        ("skip this one", False),
    ],
)
def test_a_negated_command(text: str, negated: bool) -> None:
    assert negated_command(text.split()) is negated


@pytest.mark.parametrize(
    ("text", "intent", "focus"),
    [
        ("don't pause, skip to the next song", "music.NextTrack", "music"),
        ("don't skip this one, turn it up", "music.ChangeVolume", "music"),
        ("don't lock it, unlock the front door", "smart_home.Unlock", None),
        ("don't open the blinds, close them", "smart_home.Close", None),
        ("i don't want the alarms any more, delete them all", "alarms.CancelAllAlarms", None),
        ("don't let me lose the receipt, put it on the shopping list", "lists.AddItems", None),
        ("i don't know what the time is, tell me", "clock.GetTime", None),
        ("i don't remember which alarms i set, list them", "alarms.ListAlarms", None),
        ("no more music", "music.StopMusic", "music"),
        ("i don't need the kitchen timer any more", "timer.CancelTimer", None),
        ("I don't want this kitchen light on any more", "smart_home.TurnOff", None),
        ("don't let me sleep past seven", "alarms.SetAlarm", None),
    ],
)
def test_the_router_reads_the_request(
    speaker: Simulator, text: str, intent: str, focus: str | None
) -> None:
    result = speaker.route(text, focus_skill=focus)
    assert f"{result.skill}.{result.intent}" == intent


def test_the_explanation_names_the_clause_set_aside(speaker: Simulator) -> None:
    result = speaker.route("don't lock it, unlock the front door")
    assert 'set aside the negated clause "do not lock it"' in result.explanation


@pytest.mark.parametrize(
    ("text", "focus"),
    [
        ("don't skip", "music"),
        ("don't turn on the kitchen light", None),
        ("never switch on the kitchen light", None),
    ],
)
def test_a_negated_command_alone_is_not_the_command(
    speaker: Simulator, text: str, focus: str | None
) -> None:
    result = speaker.route(text, focus_skill=focus)
    assert result.intent is None
    assert "a negated command" in result.explanation


def test_i_dont_know_alone_still_gives_up_a_riddle(speaker: Simulator) -> None:
    assert speaker.route("i don't know").intent == "RevealAnswer"
