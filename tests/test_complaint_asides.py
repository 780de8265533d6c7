"""Complaints and exclamations around a request (issue #9): the request decides, as an aside.

Sentences of our own, not taken from any paraphrase set: an exclamation at the edge, a remark
about what happened ("the kettle boiled over"), a state said with "'s" ("the hall's too dark")
and a complaint asked as a question ("why is the fan still on?") before the request.
"""

from __future__ import annotations

import pytest

from simulator.engine import Simulator
from simulator.nlu.fillers import is_remark, split_asides, strip_fillers
from simulator.nlu.wishes import WishVerbs, terse_readings, wish_readings


@pytest.fixture(scope="module")
def speaker() -> Simulator:
    """The bundled skills."""
    return Simulator.create(seed=0)


def _intent(speaker: Simulator, text: str) -> str | None:
    result = speaker.route(text)
    return f"{result.skill}.{result.intent}" if result.intent else None


@pytest.mark.parametrize(
    ("said", "inner"),
    [
        ("for goodness sake stop the timer", "stop the timer"),
        ("honestly what time is it", "what time is it"),
        ("pause the music for crying out loud", "pause the music"),
        ("blimey tell me a joke", "tell me a joke"),
    ],
)
def test_exclamations_at_the_edges_are_set_aside(said: str, inner: str) -> None:
    assert strip_fillers(said.split())[0] == inner.split()


@pytest.mark.parametrize(
    "remark",
    [
        "the kettle boiled over",
        "my brother broke the remote",
        "we forgot the milk",
        "the hall's too dark",
        "the dog's barking",
        "why is the fan still on",
        "who turned the heating off",
    ],
)
def test_remarks_about_what_happened_have_the_shape_of_a_clause(remark: str) -> None:
    assert is_remark(remark.split())


@pytest.mark.parametrize(
    "words",
    ["the kitchen light", "turn the heating off", "why", "who sings this song", "the news"],
)
def test_requests_and_questions_of_their_own_are_no_remark(words: str) -> None:
    assert not is_remark(words.split())


def test_a_past_remark_before_a_command_is_split_off() -> None:
    words = ["the", "kettle", "boiled", "over", "turn", "off", "the", "kitchen", "light"]
    assert (words[4:], words[:4]) in split_asides(words, frozenset({"turn"}))
    # After the request a past form is the request's own words more often than a remark.
    words = ["play", "the", "song", "we", "danced", "to"]
    assert all(aside[:1] != ["we"] for _, aside in split_asides(words))


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("for goodness sake, stop the timer", "timer.CancelTimer"),
        ("blimey, what's the weather in paris?", "weather.GetWeather"),
        ("the kettle boiled over, turn off the kitchen light", "smart_home.TurnOff"),
        ("my brother broke the remote, pause the tv", "smart_home.Pause"),
        ("the hall's too dark, turn on the hallway light", "smart_home.TurnOn"),
        ("why is the kitchen light still on? turn it off", "smart_home.TurnOff"),
        ("who turned the music off? resume the music", "smart_home.Resume"),
    ],
)
def test_the_request_beside_a_complaint_decides(speaker: Simulator, text: str, intent: str) -> None:
    assert _intent(speaker, text) == intent


@pytest.mark.parametrize(
    "text",
    [
        "the kettle boiled over",
        "for goodness sake",
        "why is the kitchen so cold",
        "ugh, my brother broke the remote",
    ],
)
def test_a_complaint_alone_is_no_request(speaker: Simulator, text: str) -> None:
    assert _intent(speaker, text) is None


# -- tentative questions -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("said", "command"),
    [
        ("would you mind watering the ferns", "water the ferns"),
        ("how about cancelling my dentist reminder", "cancel my dentist reminder"),
        ("do you mind shutting the blinds", "shut the blinds"),
        ("is there any way to set the oven to 200", "set the oven to 200"),
        ("any chance you could turn the fan off", "turn the fan off"),
    ],
)
def test_a_tentative_request_is_the_command_inside(said: str, command: str) -> None:
    verbs = WishVerbs.derive({"water", "cancel", "shut", "set", "turn"})
    assert wish_readings(said.split(), verbs)[0].words == command.split()


def test_an_ing_word_no_request_starts_with_is_no_tentative_command() -> None:
    verbs = WishVerbs.derive({"water", "cancel"})
    # "morning" is no form of a verb some request starts with; "mind" asks nothing here.
    assert wish_readings(["how", "about", "morning", "news"], verbs) == []
    assert wish_readings(["never", "mind", "watering", "it"], verbs) == []


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("would you mind switching off the kitchen light?", "smart_home.TurnOff"),
        ("how about pausing the music", "smart_home.Pause"),
        ("is there any way to delete my 7 am alarm?", "alarms.CancelAlarm"),
        ("how about a 10 minute timer?", "timer.StartTimer"),
    ],
)
def test_tentative_requests_reach_the_skills(speaker: Simulator, text: str, intent: str) -> None:
    assert _intent(speaker, text) == intent


# -- terse requests without a verb ---------------------------------------------------------------


def test_a_terse_request_reads_as_the_command_for_its_thing_and_state() -> None:
    verbs = WishVerbs(particle=("turn",), makers=("make",), setter=("set",))
    assert terse_readings(["oven", "200"], verbs)[0].words == ["set", "oven", "to", "200"]
    assert ["turn", "porch", "light", "on"] in [
        w.words for w in terse_readings(["porch", "light", "on"], verbs)
    ]
    assert terse_readings(["radio", "quieter"], verbs)[0].words == ["make", "radio", "quieter"]
    assert terse_readings(["fan"], verbs) == []


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("kitchen light 40", "smart_home.SetLevel"),
        ("living room tv quieter", "smart_home.AdjustVolume"),
        ("bedroom air conditioner heat mode", "smart_home.SetHvacMode"),
    ],
)
def test_terse_requests_reach_the_skills(speaker: Simulator, text: str, intent: str) -> None:
    assert _intent(speaker, text) == intent


@pytest.mark.parametrize("text", ["pizza 2", "holiday tomorrow", "my brother's car faster"])
def test_a_terse_phrase_no_template_reads_firmly_falls_back(speaker: Simulator, text: str) -> None:
    assert _intent(speaker, text) is None


def test_a_leading_aside_does_not_cut_a_command_from_its_object() -> None:
    # "read | it out": the aside would end with the command's verb and leave "it out".
    words = ["the", "guests", "want", "the", "menu", "read", "it", "out"]
    splits = split_asides(words, frozenset({"read", "it"}))
    assert (["it", "out"], words[:6]) not in splits
