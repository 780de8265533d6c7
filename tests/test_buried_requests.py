"""A request buried in a run-on line or said again in fragments (issue #9): the line is cut into
clauses at typed marks and at the words that join clauses (`nlu.clauses`), and the one clause
that is a request is read on its own when the others are narration, reasons, afterthoughts,
fragments or repeats (`Router._buried_reading`). Sentences of our own, not from any set.
"""

from __future__ import annotations

import pytest

from simulator.engine import Simulator
from simulator.nlu.clauses import is_afterthought, is_narration, pieces
from simulator.nlu.normalize import clause_breaks, normalize


@pytest.fixture(scope="module")
def speaker() -> Simulator:
    """The bundled skills."""
    return Simulator.create(seed=0)


def _intent(speaker: Simulator, text: str) -> str | None:
    result = speaker.route(text)
    return f"{result.skill}.{result.intent}" if result.intent else None


def _pieces(text: str) -> list[str]:
    words = normalize(text).split()
    return [" ".join(p.words) for p in pieces(words, clause_breaks(text))]


# -- cutting a line into clauses ------------------------------------------------------------


def test_a_line_is_cut_at_marks_and_at_words_that_join_clauses() -> None:
    assert _pieces("the boiler's broken again so can you call someone, because it's cold") == [
        "the boiler's broken again",
        "can you call someone",
        "because it is cold",
    ]


def test_and_joins_clauses_only_before_a_subject() -> None:
    assert _pieces("the guests are late and we are starving") == [
        "the guests are late",
        "we are starving",
    ]
    assert _pieces("put bread and butter on the list") == ["put bread and butter on the list"]


def test_a_joiner_needs_words_on_both_sides() -> None:
    assert _pieces("i am so tired") == ["i am so tired"]
    assert _pieces("so what is the time") == ["what is the time"]


def test_a_coordinator_closing_a_typed_clause_is_dropped() -> None:
    assert _pieces("we're off out so, lock up") == ["we are off out", "lock up"]


def test_a_mark_after_a_determiner_is_a_hesitation_not_a_clause_end() -> None:
    assert _pieces("open the, um, the garage") == ["open the um the garage"]


def test_afterthoughts_comment_on_the_request() -> None:
    assert is_afterthought(["that", "will", "be", "perfect"])
    assert is_afterthought(["that'll", "help"])
    assert is_afterthought(["to", "be", "sure"])
    assert not is_afterthought(["turn", "it", "off"])
    assert not is_afterthought(["that"])


def test_narration_tells_of_things_and_people() -> None:
    assert is_narration(["the", "dog's", "outside"])
    assert is_narration(["my", "laptop", "keeps", "crashing"])
    assert is_narration(["the", "party", "is", "next", "weekend"])
    assert is_narration(["it", "keeps", "beeping"])
    assert is_narration(["the", "film", "starts", "soon"])
    assert not is_narration(["the", "kitchen", "lights"])
    assert is_narration(["me", "and", "my", "sister", "can", "not", "decide"])
    assert not is_narration(["turn", "off", "the", "lights"])
    assert not is_narration(["is", "the", "oven", "on"])


# -- routing ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        (
            "the baby's finally asleep and it's getting late, could you turn off the kitchen"
            " light, thanks a lot",
            "smart_home.TurnOff",
        ),
        (
            "the match starts soon and my team's playing, what's the weather in leeds today,"
            " it might rain",
            "weather.GetWeather",
        ),
        (
            "we're heading out now so lock the front door please, that'll keep the dog in",
            "smart_home.Lock",
        ),
        ("is the front door locked?! is it?!", "smart_home.GetState"),
        ("the fridge! turn the fridge on!", "smart_home.TurnOn"),
        # Fragments only: read together, the thing named first.
        ("quieter! the tv! quieter!", "smart_home.AdjustVolume"),
        ("warmer! the heating! warmer!", "smart_home.AdjustTemperature"),
    ],
)
def test_the_request_among_narration_afterthoughts_and_repeats(
    speaker: Simulator, text: str, intent: str
) -> None:
    assert _intent(speaker, text) == intent


def test_the_explanation_names_the_clauses_set_aside(speaker: Simulator) -> None:
    result = speaker.route(
        "the guests are late and the food is cold, turn on the kitchen light, that should help"
    )
    assert result.intent == "TurnOn"
    assert (
        'set aside the clauses "the guests are late", "the food is cold", "that should help"'
        in result.explanation
    )


@pytest.mark.parametrize(
    "text",
    [
        # Narration alone.
        "the kids were off school today and we missed the bus",
        # A request no skill serves, among narration and afterthoughts.
        "it's been a long week and i'm exhausted, can you get me a plane ticket to rome, that"
        " would be lovely",
        # A request no skill serves, said again: the learned stage's guess at a catch-all
        # is no answer.
        "a limo! get me a limo! now!",
        # A request no skill serves before a remark the learned stage reads as one: the
        # remark is narration, no request.
        "my bike got a flat tyre this morning so can you order me a cab to the office, i'm late",
        # Fragments that no template reads together.
        "faster! the car! faster!",
        # A hesitation before the thing, not a clause: no request is left.
        "wash the, uh, the dishes",
    ],
)
def test_no_request_falls_back(speaker: Simulator, text: str) -> None:
    assert _intent(speaker, text) is None
