"""A request framed for an audience, corrected as it is said, or typed with chat words (issue #9).

A teacher or a parent showing the speaker to others wraps the request in words for the room ("ok
kids, watch: speaker, ...", "let's ask it to ..."); a hesitant speaker corrects a value ("five, no,
ten minutes") or restarts ("the, the hallway light"). The request inside decides, the last value is
the one meant, and a frame around a request no skill serves still falls back. The sentences here
are written for these tests, not taken from any paraphrase set.
"""

from __future__ import annotations

import pytest

from simulator.engine import Simulator
from simulator.nlu.fillers import strip_fillers
from simulator.nlu.framing import cuts, questions, repairs, restarts, unframe
from simulator.nlu.normalize import normalize
from simulator.nlu.spelling import Speller


@pytest.fixture(scope="module")
def speaker() -> Simulator:
    """The bundled skills."""
    return Simulator.create(seed=0)


def _words(text: str) -> list[str]:
    return normalize(text).split()


def _intent(speaker: Simulator, text: str) -> str | None:
    result = speaker.route(text)
    return f"{result.skill}.{result.intent}" if result.intent else None


# -- the module's readings --------------------------------------------------------------------


def test_frames_for_the_room_are_set_aside_one_after_another() -> None:
    words, frame = unframe(_words("alright everyone look speaker dim the lamp"))
    assert words == ["dim", "the", "lamp"]
    assert frame == ["alright", "everyone", "look", "speaker"]
    assert unframe(_words("let's ask it to start the kettle"))[0] == ["start", "the", "kettle"]
    assert unframe(_words("now we'll water the plants, kids"))[0] == ["water", "the", "plants"]
    assert unframe(_words("let's see if she can sing a song"))[0] == ["sing", "a", "song"]


def test_a_frame_with_nothing_after_it_is_the_sentence_as_said() -> None:
    assert unframe(["watch"]) == (["watch"], [])
    assert unframe(["ok", "class"]) == (["ok", "class"], [])


def test_an_audience_word_the_request_governs_stays() -> None:
    # "for the class", "tell everyone": the words are the request's own, not a vocative.
    assert unframe(_words("buy cake for the class"))[0] == _words("buy cake for the class")
    assert unframe(_words("say hello to everyone"))[0] == _words("say hello to everyone")


def test_a_game_proposed_keeps_its_let_us() -> None:
    assert unframe(_words("let's play chess")) == (_words("let's play chess"), [])


def test_telling_the_room_a_question_is_telling_the_speaker() -> None:
    assert unframe(_words("tell the pupils how far the moon is"))[0] == _words(
        "tell me how far the moon is"
    )
    # A message for someone is not a question for the speaker.
    assert unframe(_words("tell my brother the taxi is here"))[0] == _words(
        "tell my brother the taxi is here"
    )


def test_a_request_starts_after_the_speaker_is_addressed_inside_the_sentence() -> None:
    assert cuts(_words("it is dark in here speaker lights on")) == [["lights", "on"]]
    # "the den speaker" is a device of the home, not an address.
    assert cuts(_words("turn up the den speaker volume"), frozenset({"den speaker"})) == []
    assert cuts(_words("turn up my speaker volume")) == []


def test_the_last_value_of_a_self_repair_is_the_one_meant() -> None:
    readings = [r for r, _ in repairs(_words("wake me at five no five fifteen"))]
    assert readings[0] == _words("wake me at five fifteen")
    # The repair lines up with a word said before the marker ("to").
    readings = [r for r, _ in repairs(_words("send it to anna i mean to ben"))]
    assert readings[0] == _words("send it to ben")
    # "no more" is the request's own.
    assert repairs(_words("no more music")) == []
    assert repairs(_words("play no more music")) == []


def test_words_said_twice_in_a_row_are_said_once() -> None:
    assert restarts(_words("where where is my phone")) == _words("where is my phone")
    assert restarts(_words("add the the milk")) == _words("add the milk")
    assert restarts(_words("i want to i want to sleep")) == _words("i want to sleep")


def test_chat_reactions_are_fillers_at_the_edges() -> None:
    assert strip_fillers(["lmao", "what", "time", "is", "it", "haha"])[0] == [
        "what",
        "time",
        "is",
        "it",
    ]


def test_a_digit_texted_for_a_word_is_read_so_only_between_its_neighbours() -> None:
    speller = Speller(["set the fan to high", "order 2 burgers", "a timer for ten minutes"])
    assert speller.correct(["set", "the", "fan", "2", "high"]) == (
        ["set", "the", "fan", "to", "high"],
        {"2": "to"},
    )
    assert speller.correct(["order", "2", "burgers"]) == (["order", "2", "burgers"], {})
    assert speller.correct(["a", "timer", "4", "ten", "minutes"])[0] == [
        "a",
        "timer",
        "for",
        "ten",
        "minutes",
    ]


def test_the_question_inside_a_request_to_be_told_is_said_as_a_question() -> None:
    assert _words("what day is it today") in questions(_words("tell me what day it is today"))
    assert questions(_words("i wonder whether the shop is open")) == [_words("is the shop open")]
    assert _words("what songs do you know") in questions(_words("tell us what songs you know"))
    assert questions(_words("know if we need milk")) == [_words("do we need milk")]
    # A question said as a question, or no question at all, has nothing to read.
    assert questions(_words("what time is it")) == []
    assert questions(_words("tell me a story")) == []


# -- routed -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("alright everyone, look: speaker, turn on the hallway light", "smart_home.TurnOn"),
        ("let's ask it to set a timer for ten minutes", "timer.StartTimer"),
        ("now we'll add apples to the shopping list, kids", "lists.AddItems"),
        ("let's see if it can tell us a joke", "fun.TellJoke"),
        ("ok kids, watch how it starts the robot vacuum", "smart_home.StartVacuum"),
        ("everyone listen: speaker, what is the capital of spain", "knowledge.Capital"),
        ("tell the children what the weather is like tomorrow", "weather.GetWeather"),
        ("what is the, the time in tokyo", "knowledge.TimeInCity"),
        ("play some jazz haha", "music.PlayMusic"),
        ("whats the weather 2nite", "weather.GetWeather"),
        ("could you tell my daughter what time it is in tokyo", "knowledge.TimeInCity"),
        ("i would like to know whether the garage door is open", "smart_home.GetState"),
        ("tell me whether you are a human", "fun.AreYouARobot"),
    ],
)
def test_the_request_inside_decides(speaker: Simulator, text: str, intent: str) -> None:
    assert _intent(speaker, text) == intent


@pytest.mark.parametrize(
    "text",
    [
        "let's ask it to book a flight to paris",
        "ok class, let's ask it to call me a taxi",
        "tell my daughter dinner is ready",
        "let's play snap",
        "tell me if the moon is made of cheese",
    ],
)
def test_a_frame_around_a_request_no_skill_serves_falls_back(speaker: Simulator, text: str) -> None:
    assert _intent(speaker, text) is None


@pytest.mark.parametrize(
    ("text", "intent", "slot", "raw"),
    [
        ("set a timer for five, no, ten minutes", "StartTimer", "duration", "ten minutes"),
        ("turn on the bedroom, i mean the kitchen light", "TurnOn", "target", "the kitchen light"),
        (
            "set the heating to, uh, twenty, sorry, twenty one degrees",
            "SetTemperature",
            "temperature",
            "twenty one degrees",
        ),
        ("turn off the, um, the hallway light", "TurnOff", "target", "the hallway light"),
    ],
)
def test_a_self_repair_fills_the_slot_with_the_last_value(
    speaker: Simulator, text: str, intent: str, slot: str, raw: str
) -> None:
    result = speaker.route(text)
    assert result.intent == intent
    assert result.slots[slot].raw == raw
