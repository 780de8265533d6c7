"""Verbs and wordings no template says (issue #9): a hearing frame that names nothing ("i'd like
to hear the dessert menu" is no song), and an opening verb read as a synonym the templates say
("display the forecast", "read out my diary"). The synonyms (`simulator.nlu.synonyms`) and what
the router makes of them, on sentences written for these tests.
"""

from __future__ import annotations

import pytest

from simulator.engine import Simulator
from simulator.nlu.synonyms import EVERYDAY, VerbSynonyms
from simulator.nlu.template import parse_template
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


def _synonyms(starts: frozenset[str] = frozenset()) -> VerbSynonyms:
    nodes = [
        parse_template("(show|read|tell me) my diary"),
        parse_template("(a|the|show) timer"),
        parse_template("{thing} please"),
    ]
    everyday = {("display",): (("show",),), ("read", "out"): (("read",),)}
    return VerbSynonyms.derive(nodes, starts, everyday)


def test_an_everyday_verb_leads_on_to_the_skills_groups() -> None:
    synonyms = _synonyms().synonyms
    assert synonyms[("display",)] == (("show",), ("read",), ("tell", "me"))
    assert synonyms[("read", "out")] == (("read",), ("show",), ("tell", "me"))
    assert ("show",) not in synonyms  # the skills' groups alone are no synonyms


def test_a_verb_some_template_starts_with_is_the_skills_own() -> None:
    assert ("display",) not in _synonyms(frozenset({"display"})).synonyms


def test_the_opening_verb_is_read_as_each_synonym() -> None:
    readings = _synonyms().readings(_words("display my diary"))
    assert [r[0] for r in readings] == [
        ["show", "my", "diary"],
        ["read", "my", "diary"],
        ["tell", "me", "my", "diary"],
    ]
    assert readings[0][1:] == (("display",), ("show",))
    assert _synonyms().readings(_words("display")) == []  # a verb alone is no request
    assert _synonyms().readings(_words("water the plants")) == []


def test_the_plain_verb_comes_from_the_everyday_table() -> None:
    synonyms = VerbSynonyms.derive([], (), EVERYDAY)
    assert synonyms.plain(_words("read out my diary")) == ["read", "my", "diary"]
    assert synonyms.plain(_words("read my diary")) is None


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
        ("please display temperatures in celsius", "weather.SetUnits"),
        ("display the weather for tomorrow", "weather.GetWeather"),
        ("pull up my calendar", "calendar.ReadCalendar"),
        ("read out my diary for monday", "calendar.ReadCalendar"),
        ("abort the timer", "timer.CancelTimer"),  # no typo of "about"
        ("scrap my alarm for tomorrow", "alarms.CancelAlarm"),
        ("lock up all the doors", "smart_home.Lock"),  # "lock up" is no "open"
    ],
)
def test_other_words_reach_the_skills(speaker: Simulator, text: str, intent: str) -> None:
    assert _intent(speaker, text) == intent


def test_the_explanation_names_the_verb_read(speaker: Simulator) -> None:
    result = speaker.route("abort the timer")
    assert 'after I read "abort" as "cancel"' in result.explanation


@pytest.mark.parametrize(
    "text",
    ["display some patience", "fetch me the newspaper from the porch", "launch the rocket"],
)
def test_synonyms_nobody_serves_fall_back(speaker: Simulator, text: str) -> None:
    assert _intent(speaker, text) is None
