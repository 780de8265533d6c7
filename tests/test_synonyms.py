"""Verbs and wordings no template says (issue #9): a hearing frame that names nothing ("i'd like
to hear the dessert menu" is no song). What the router makes of it, on sentences written for
these tests.
"""

from __future__ import annotations

import pytest

from simulator.engine import Simulator
from simulator.nlu.wishes import hear_frame


@pytest.fixture(scope="module")
def speaker() -> Simulator:
    """The bundled skills."""
    return Simulator.create(seed=0)


def _words(text: str) -> list[str]:
    return text.split()


def _intent(speaker: Simulator, text: str) -> str | None:
    result = speaker.route(text)
    return f"{result.skill}.{result.intent}" if result.intent else None


def test_a_hearing_frame_is_found_at_the_start_only() -> None:
    assert hear_frame(_words("i would like to hear the news")) == 5
    assert hear_frame(_words("let me hear it")) == 3
    assert hear_frame(_words("i would like to know the time")) == 0  # knowing names no song
    assert hear_frame(_words("play what i would like to hear")) == 0


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("I'd like to hear the menu at byte burger", "ordering.ReadMenu"),
        ("i would love to hear what my name is", "hello.WhatsMyName"),
        ("i'd like to hear how long is left on my timer", "timer.TimeLeft"),
        ("let me hear the song called purple rain", "music.PlayMusic"),  # "song" names it
        ("i would like to hear bohemian rhapsody", "music.PlayMusic"),
        ("i want to hear the tune from the advert", "music.PlayMusic"),
    ],
)
def test_other_words_reach_the_skills(speaker: Simulator, text: str, intent: str) -> None:
    assert _intent(speaker, text) == intent
