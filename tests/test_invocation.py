"""A skill invoked by name (issue #9): "tell calendar to ...", "open alarms and ...", "ask weather
if ...", "... using music", and a greeting said to the speaker by name ("hi computer"). The
request is routed within the named skill; a name said alone still opens the skill (Launch).
On sentences written for these tests.
"""

from __future__ import annotations

import pytest

from simulator.engine import Simulator
from simulator.models import RouteResult
from simulator.nlu.invocation import address_end, greeting, invocations
from simulator.nlu.normalize import clause_breaks, normalize
from simulator.sdk import Response, Skill, SkillContext

_NAMES = {
    "alarms": ["alarms"],
    "smart_home": ["smart home"],
    "garden": ["garden helper"],
    "weather": ["weather"],
}


def _invoked(text: str) -> list[tuple[str, str, list[str]]]:
    return [
        (i.skill, " ".join(i.request), [" ".join(r) for r in i.readings])
        for i in invocations(normalize(text).split(), _NAMES)
    ]


# -- the shapes -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "skill", "asked"),
    [
        ("tell garden helper to water the roses", "garden", "water the roses"),
        ("please ask the smart home app to dim the hall lamp", "smart_home", "dim the hall lamp"),
        ("open alarms and clear every one", "alarms", "clear every one"),
        ("have garden helper check the soil", "garden", "check the soil"),
        ("can you get weather to check for frost", "weather", "check for frost"),
        ("dim the hall lamp using smart home", "smart_home", "dim the hall lamp"),
        ("check the soil in the garden helper app", "garden", "check the soil"),
    ],
)
def test_a_name_in_an_invoking_position_names_the_skill(text: str, skill: str, asked: str) -> None:
    found = _invoked(text)
    assert found and found[0][:2] == (skill, asked)


def test_a_question_put_to_a_skill_is_also_asked_directly() -> None:
    [(skill, request, readings)] = _invoked("ask weather whether it is snowing in oslo")
    assert (skill, request) == ("weather", "it is snowing in oslo")
    assert readings[0] == "is it snowing in oslo"
    [(_, _, readings)] = _invoked("ask weather when the sun sets")
    assert "when the sun sets" in readings


def test_a_question_asked_directly_is_tried_as_said_first() -> None:
    [(_, _, readings)] = _invoked("ask weather what is the wind doing in oslo")
    assert readings[0] == "what is the wind doing in oslo"


def test_a_typed_break_joins_the_request_to_the_name() -> None:
    text = "open garden helper, check the soil"
    found = invocations(normalize(text).split(), _NAMES, clause_breaks(text))
    assert [(i.skill, " ".join(i.request)) for i in found] == [("garden", "check the soil")]
    text = "garden helper: check the soil"
    found = invocations(normalize(text).split(), _NAMES, clause_breaks(text))
    assert [(i.skill, " ".join(i.request)) for i in found] == [("garden", "check the soil")]
    # Without the break the name is no invocation: "garden helper check the soil" may be a
    # request of its own.
    assert invocations(normalize("open garden helper check the soil").split(), _NAMES) == []


def test_one_stands_for_what_the_skill_is_named_after() -> None:
    [(_, _, readings)] = _invoked("open alarms and make one for half past five")
    assert readings[0] == "make an alarm for half past five"
    [(_, _, readings)] = _invoked("open alarms and delete the next one")
    assert readings[0] == "delete the next alarm"


@pytest.mark.parametrize(
    "text",
    [
        "tell me a joke",
        "open the front door",
        "tell my sister to ring me back",
        "open alarms",  # no request: Launch
        "talk to the smart home skill",
        "use the porch light",
        "what is new in weather",  # "in" names a skill only with "skill" or "app"
        "ask weather",
        "tell the gardener to water the roses",
    ],
)
def test_no_invocation_without_a_name_in_place_and_a_request(text: str) -> None:
    assert _invoked(text) == []


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("computer, what is the time", 1),
        ("okay assistant what is the time", 2),
        ("hey box, what is the time", 2),
        ("yo mister robot, what is the time", 3),
        ("hey mum, what is the time", 0),  # said to someone in the room
        ("hey box what is the time", 0),  # no typed break: "box" may be the request's
        ("hello, what is the time", 0),
        ("computer", 0),  # never every word
    ],
)
def test_the_speaker_addressed_first(text: str, words: int) -> None:
    assert address_end(normalize(text).split(), clause_breaks(text)) == words


def test_a_greeting_said_to_the_speaker_is_the_greeting() -> None:
    assert greeting(normalize("hello there assistant").split()) == ["hello", "there"]
    assert greeting(normalize("good morning computer").split()) == ["good", "morning"]
    assert greeting(normalize("are you a computer").split()) is None
    assert greeting(normalize("turn off the speaker").split()) is None
    assert greeting(normalize("hello").split()) is None


# -- routing ----------------------------------------------------------------------------------


def _garden() -> Skill:
    skill = Skill("garden", description="Looks after the garden", invocation="garden helper")

    @skill.intent("WaterPlants", samples=["water the (roses|lawn|tomatoes)"])
    def water(ctx: SkillContext) -> Response:
        return Response.speak("Watering.")

    return skill


@pytest.fixture(scope="module")
def speaker() -> Simulator:
    """The bundled skills and a user skill with an invocation name of two words."""
    return Simulator.create(seed=0, extra_skills=[_garden()])


def _route(speaker: Simulator, text: str) -> RouteResult:
    return speaker.route(text)


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("tell lists to put oat milk on my shopping list", "lists.AddItems"),
        ("could you ask calendar to cancel the board meeting", "calendar.DeleteEvent"),
        ("open timer and start one for twelve minutes", "timer.StartTimer"),
        ("ask weather whether it is going to rain on saturday", "weather.WillItRain"),
        ("speaker, tell alarms to wake me at half six", "alarms.SetAlarm"),
        ("ask garden helper to water the tomatoes", "garden.WaterPlants"),
        ("put on some blues using music", "music.PlayMusic"),
        ("open calendar, put a dentist appointment on thursday at 3", "calendar.AddEvent"),
    ],
)
def test_the_request_is_routed_within_the_named_skill(
    speaker: Simulator, text: str, wanted: str
) -> None:
    result = _route(speaker, text)
    assert f"{result.skill}.{result.intent}" == wanted
    skill = wanted.partition(".")[0]
    assert result.why["invocation"]["skill"] == skill
    assert f"invoked {skill} by name; routed" in result.explanation


def test_a_context_only_intent_of_the_named_skill_is_its_own(speaker: Simulator) -> None:
    # "skip this song" needs music playing; naming the skill puts it in the conversation.
    result = _route(speaker, "tell music to skip this song")
    assert (result.skill, result.intent) == ("music", "NextTrack")


def test_a_request_the_named_skill_cannot_read_is_not_forced_on_it(speaker: Simulator) -> None:
    result = _route(speaker, "tell garden helper to set an alarm for seven")
    assert "invocation" not in result.why
    assert result.skill != "garden"


@pytest.mark.parametrize(
    "text", ["open the timer", "talk to the weather skill", "ask the lists app", "ask music"]
)
def test_a_name_said_alone_opens_the_skill(speaker: Simulator, text: str) -> None:
    result = _route(speaker, text)
    assert (result.skill, result.intent) == ("builtin", "Launch")


@pytest.mark.parametrize(
    "text", ["tell my brother to call me", "tell me a riddle", "run the vacuum"]
)
def test_no_skill_is_invoked_by_other_words_in_its_place(speaker: Simulator, text: str) -> None:
    assert "invocation" not in _route(speaker, text).why


def test_a_made_up_wake_word_before_an_invocation(speaker: Simulator) -> None:
    result = _route(speaker, "ok robot, tell timer to start one for four minutes")
    assert (result.skill, result.intent) == ("timer", "StartTimer")
    assert result.why["invocation"]["skill"] == "timer"


def test_hi_computer_is_a_greeting(speaker: Simulator) -> None:
    result = _route(speaker, "hey there computer")
    assert (result.skill, result.intent) == ("hello", "SayHello")
    assert result.why["address"] == ["computer"]
