"""How people type and talk around a request: chat spellings, wordy politeness, hurried tails,
short typos. Each class is handled once, for every skill (issue #9), and checked here on
sentences of several skills with the session's shared model (see conftest).
"""

from __future__ import annotations

import pytest

from simulator.engine import Simulator
from simulator.nlu.fillers import plain_words, strip_fillers
from simulator.nlu.parsers import VALUE_WORDS
from simulator.nlu.spelling import Speller


@pytest.fixture(scope="module")
def speaker() -> Simulator:
    """The bundled skills."""
    return Simulator.create(seed=0)


def _intent(speaker: Simulator, text: str) -> str | None:
    result = speaker.route(text)
    return f"{result.skill}.{result.intent}" if result.intent else None


# -- chat spellings ---------------------------------------------------------------------------


def test_chat_spellings_read_as_the_words_they_stand_for() -> None:
    words, read = plain_words(["pls", "gimme", "the", "news", "rn"], frozenset({"the", "news"}))
    assert words == ["please", "give", "me", "the", "news", "right", "now"]
    assert read == {"pls": "please", "gimme": "give me", "rn": "right now"}


def test_stretched_letters_are_squeezed_only_into_a_known_word() -> None:
    known = frozenset({"so", "soon", "cool"})
    assert plain_words(["pleeeease"], known)[0] == ["please"]  # a filler is known too
    assert plain_words(["sooon"], known)[0] == ["soon"]  # two letters when one makes no word
    assert plain_words(["cool"], known) == (["cool"], {})  # a doubled letter is no stretch
    assert plain_words(["zzzz"], known) == (["zzzz"], {})


def test_a_chat_spelling_some_template_uses_is_left_alone() -> None:
    # A skill that spells out "u" (a letter game) keeps it.
    assert plain_words(["spell", "u"], frozenset({"spell", "u"})) == (["spell", "u"], {})


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("wat time is it rn", "clock.GetTime"),
        ("r u a robot", "fun.AreYouARobot"),
        ("set a timer for 10 minutes plz", "timer.StartTimer"),
        ("tell me a joke pleeease", "fun.TellJoke"),
    ],
)
def test_chat_spellings_reach_every_skill(speaker: Simulator, text: str, intent: str) -> None:
    assert _intent(speaker, text) == intent


# -- wordy politeness and hurried tails --------------------------------------------------------


@pytest.mark.parametrize(
    ("said", "inner"),
    [
        ("would you be so kind as to stop the music", "stop the music"),
        ("excuse me what time is it", "what time is it"),
        ("ok so add milk to the list quick", "add milk to the list"),
        ("i was wondering if you could dim the lights my dear", "dim the lights"),
    ],
)
def test_wordy_wrappers_are_set_aside(said: str, inner: str) -> None:
    assert " ".join(strip_fillers(said.split())[0]) == inner


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("would you be so kind as to tell me the weather", "weather.GetWeather"),
        ("ok so start a timer for five minutes, quick", "timer.StartTimer"),
        ("excuse me, could you roll a dice please", "fun.RollDie"),
    ],
)
def test_wordy_wrappers_reach_every_skill(speaker: Simulator, text: str, intent: str) -> None:
    assert _intent(speaker, text) == intent


# -- short typos ------------------------------------------------------------------------------


def test_short_words_are_mended_by_a_swap_or_a_dropped_letter_only() -> None:
    speller = Speller(["turn on the timer", "play", "door", "song"], not_targets=["the"])
    fixed, fixes = speller.correct(["tmer", "ply", "dor", "teh"])
    assert fixed == ["timer", "play", "door", "the"]
    assert fixes == {"tmer": "timer", "ply": "play", "dor": "door", "teh": "the"}
    # A changed letter is not a typo at three or four letters: "sing" is not "song", "dot" not
    # "door"; and two letters are left alone.
    assert speller.correct(["sing", "dot", "ot"]) == (["sing", "dot", "ot"], {})


def test_the_parsers_own_words_are_not_typos(speaker: Simulator) -> None:
    assert {"mins", "hrs", "tues", "degs"} <= VALUE_WORDS
    result = speaker.route("set a tmer for 15 mins")
    assert result.intent == "StartTimer"
    assert result.slots["duration"].raw == "15 mins"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("set an alrm for 7 am", "alarms.SetAlarm"),
        ("opn the blinds", "smart_home.Open"),
        ("turn on teh kitchen light", "smart_home.TurnOn"),
        ("ordr a milkshake", "ordering.OrderFood"),
    ],
)
def test_short_typos_reach_every_skill(speaker: Simulator, text: str, intent: str) -> None:
    assert _intent(speaker, text) == intent
