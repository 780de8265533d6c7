"""The over-specified voice (issue #9): qualifiers of exactness and completeness, report
frames and naming nouns (`simulator.nlu.qualifiers`), and what the router makes of them, on
sentences written for these tests.
"""

from __future__ import annotations

import pytest

from simulator.engine import Simulator
from simulator.nlu.normalize import clause_breaks, normalize
from simulator.nlu.qualifiers import plain_readings, trimmed


@pytest.fixture(scope="module")
def speaker() -> Simulator:
    """The bundled skills."""
    return Simulator.create(seed=0)


def _trim(text: str) -> tuple[str, str]:
    words, aside = trimmed(normalize(text).split(), clause_breaks(text))
    return " ".join(words), " ".join(aside)


@pytest.mark.parametrize(
    ("text", "plain", "aside"),
    [
        ("what precisely is the date", "what is the date", "precisely"),
        ("remove every single reminder", "remove every reminder", "single"),
        ("when does the very first alarm go off", "when does the first alarm go off", "very"),
        ("end each active timer", "end each timer", "active"),
        ("shut the blinds, from top to bottom", "shut the blinds", "from top to bottom"),
        ("read my list, soonest first", "read my list", "soonest first"),
        ("the heating in degrees fahrenheit", "the heating", "in degrees fahrenheit"),
        ("use miles for all future journeys", "use miles", "for all future journeys"),
        (
            "skip the song completely, not only mute it",
            "skip the song",
            "completely not only mute it",
        ),
        ("set the fan to 3 out of 5", "set the fan to 3", "out of 5"),
        ("start the vacuum again where it left off", "start the vacuum again", "where it left off"),
        ("how many days from today until easter", "how many days until easter", "from today"),
        ("set the level of the hall fan to 2", "set the hall fan to 2", "the level of"),
    ],
)
def test_qualifiers_are_set_aside(text: str, plain: str, aside: str) -> None:
    got, gone = _trim(text)
    assert got == plain
    assert sorted(gone.split()) == sorted(aside.split())


@pytest.mark.parametrize(
    "text",
    [
        "set the oven to 200",  # nothing to set aside
        "is the timer running",  # "running" is what is asked
        "turn the heating on, in the hall",  # a place is no qualifier of a unit
        "add eggs, and bread",  # a second item
    ],
)
def test_what_is_asked_is_kept(text: str) -> None:
    got, gone = _trim(text)
    assert gone == ""
    assert got == normalize(text)


def _readings(text: str) -> list[str]:
    words = normalize(text).split()
    return [" ".join(p.words) for p in plain_readings(words, clause_breaks(text))]


@pytest.mark.parametrize(
    ("text", "reading"),
    [
        ("kindly state the present date", "what is the date"),
        ("confirm if the garage door is shut or not", "tell me if the garage door is shut"),
        ("describe all that you are able to do", "tell me what you can do"),
        ("name each list that is saved", "which lists are saved"),
        ("work out the number of weeks until my birthday", "how many weeks until my birthday"),
        ("tell me at which hour the shop opens", "which hour the shop opens"),
        ("rename the playlist titled gym mix", "rename the gym mix playlist"),
        ("check whether the entry eggs features on my list", "tell me whether eggs is on my list"),
        ("read me every entry in my packing list", "read my packing list"),
        ("note my given name, which is oskar", "my name is oskar"),
    ],
)
def test_a_plain_reading_is_offered(text: str, reading: str) -> None:
    assert reading in _readings(text)


@pytest.mark.parametrize("text", ["note that the milk is off", "tell me about your day"])
def test_no_plain_reading_of_a_plain_sentence(text: str) -> None:
    assert not any(r.startswith(("my ", "what is")) for r in _readings(text))


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("could you tell me the present time, in hours please", "clock.GetTime"),
        ("clear each single active timer", "timer.CancelAllTimers"),
        ("kindly confirm whether the front door is locked or unlocked", "smart_home.GetState"),
        ("state precisely who you are", "fun.WhoAreYou"),
        ("list every alarm that is currently scheduled", "alarms.ListAlarms"),
        ("please work out the exact number of days until christmas", "knowledge.DaysUntilHoliday"),
        ("tell me the total number of things on my party list", "lists.CountItems"),
        ("read out each item on the list named party", "lists.ReadList"),
        ("check whether the item bread appears on my shopping list", "lists.HasItem"),
        ("set the kitchen light to precisely 35 percent, not more", "smart_home.SetLevel"),
        ("confirm whether the entry shoe polish appears on my shopping list", "lists.HasItem"),
        ("tell me the name of the song currently on", "music.WhatsPlaying"),
    ],
)
def test_the_router_reads_the_plain_request(speaker: Simulator, text: str, intent: str) -> None:
    result = speaker.route(text)
    assert f"{result.skill}.{result.intent}" == intent, result.explanation


def test_a_qualifier_that_is_the_value_keeps_it(speaker: Simulator) -> None:
    result = speaker.route("set the kitchen light to exactly 35 percent, not more")
    assert result.intent == "SetLevel"
    assert "35" in str(result.slots)


@pytest.mark.parametrize(
    "text",
    [
        "please tell me a secret",
        "please describe the eiffel tower",
        "please confirm my flight booking",
        "please note that i am leaving",
        "kindly state the capital gains rules precisely",
        "name every river in europe",
    ],
)
def test_a_frame_around_something_no_skill_serves_falls_back(speaker: Simulator, text: str) -> None:
    assert speaker.route(text).intent is None
