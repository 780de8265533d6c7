"""Leads said before the request (issue #9): a time, a purpose or an occasion said first ("for
the party, turn the kitchen light on", "tomorrow morning, remind me ..."), an apology ("sorry to
be a pain, but ..."), words said to someone else in the room ("hold on, ben - speaker, ...").
On sentences written for these tests.
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from simulator.engine import Simulator
from simulator.nlu.leads import leads
from simulator.nlu.normalize import clause_breaks, normalize


@pytest.fixture(scope="module")
def speaker() -> Simulator:
    """The bundled skills."""
    return Simulator.create(seed=0)


def _is_time(words: Sequence[str]) -> bool:
    return list(words) in (["tomorrow"], ["saturday"], ["tonight", "at", "nine"])


def _leads(text: str) -> list[tuple[str, str, str]]:
    words = normalize(text).split()
    return [
        (" ".join(lead.request), " ".join(lead.said), lead.kind)
        for lead in leads(words, clause_breaks(text), _is_time)
    ]


# -- the shapes -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "wanted", "lead"),
    [
        ("for the party, turn the lamp on", "turn the lamp on", "for the party"),
        ("after lunch, start the vacuum", "start the vacuum", "after lunch"),
        ("while the baby sleeps, lock the door", "lock the door", "while the baby sleeps"),
        ("now that it's dark, close the blinds", "close the blinds", "now that it is dark"),
    ],
)
def test_a_purpose_or_occasion_said_first_is_set_aside(text: str, wanted: str, lead: str) -> None:
    assert _leads(text)[0] == (wanted, lead, "occasion")


def test_a_time_said_first_moves_to_the_end() -> None:
    assert _leads("tomorrow, wake me at six")[0] == ("wake me at six tomorrow", "tomorrow", "moved")
    assert _leads("on saturday, what's the weather")[0] == (
        "what is the weather on saturday",
        "on saturday",
        "moved",
    )


def test_a_place_said_first_moves_to_the_end_before_it_is_set_aside() -> None:
    assert [kind for _, _, kind in _leads("in the den, turn the lamp on")] == ["moved", "occasion"]
    assert _leads("in the den, turn the lamp on")[0][0] == "turn the lamp on in the den"


def test_a_question_said_first_is_no_lead() -> None:
    # "when" with an auxiliary asks; it opens no clause of time.
    assert _leads("when does it finish, the one on the tv") == []


def test_a_condition_is_no_lead() -> None:
    # The request depends on it: setting it aside would act on what was not asked.
    assert _leads("if it rains, close the blinds") == []
    assert _leads("unless i say so, keep the heating off") == []


def test_a_long_first_clause_is_no_lead() -> None:
    assert _leads("for the people who are coming round to dinner tonight, dim the lights") == []


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("sorry to be a pain, but what time is it", "what time is it"),
        ("sorry to be a pain but what time is it", "what time is it"),
        ("sorry for the bother, could you dim the lamp", "could you dim the lamp"),
        ("sorry if i'm interrupting could you dim the lamp", "could you dim the lamp"),
        ("sorry, how warm is it", "how warm is it"),
    ],
)
def test_an_apology_ends_at_but_a_mark_or_an_asking_frame(text: str, wanted: str) -> None:
    assert _leads(text)[0][0] == wanted
    assert _leads(text)[0][2] == "apology"


def test_an_apology_without_an_end_is_no_lead() -> None:
    assert _leads("sorry to keep you waiting so long all this time today") == []


def test_the_remark_after_an_apology_may_be_set_aside_too() -> None:
    readings = [request for request, _, _ in _leads("sorry, silly me, what day is it")]
    assert readings == ["silly me what day is it", "what day is it"]


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("hold on, ben - speaker, lock the front door", "lock the front door"),
        ("is it done, amy? speaker, what time is it", "what time is it"),
        ("no, not you. what's the weather", "what is the weather"),
        ("no, tim, i'm talking to the speaker - what's the weather", "what is the weather"),
        ("look, jo, told you - thanks, speaker", "thanks speaker"),
    ],
)
def test_words_to_someone_else_end_where_the_speaker_is_addressed(text: str, wanted: str) -> None:
    assert _leads(text)[0][0] == wanted
    assert _leads(text)[0][2] == "others"


def test_a_tag_question_is_not_said_to_someone_else() -> None:
    # "haven't you" asks the speaker; it is no "not you".
    assert _leads("you set it, haven't you? turn the lamp off") == []


def test_talking_to_the_speaker_gladly_is_no_turn_away() -> None:
    assert _leads("i liked talking to you, bye") == []


def test_the_speaker_named_last_needs_someone_named_before() -> None:
    # Without a name said to someone else, "..., thanks, speaker" is the speaker's sentence.
    assert _leads("that worked, thanks, speaker") == []


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("the kids left loads of lamps on, turn them off", "turn the lamps off"),
        ("we have too many lists, delete them", "delete the lists"),
        ("my haircut is on monday now, move it to monday at 4", "move my haircut to monday at 4"),
    ],
)
def test_a_remark_said_first_names_what_the_request_points_back_to(text: str, wanted: str) -> None:
    readings = [(request, kind) for request, _, kind in _leads(text)]
    assert (wanted, "remark") in readings


def test_who_did_something_is_not_what_is_pointed_back_to() -> None:
    # "the kids" did the setting: "them" are the timers, never the kids.
    readings = [request for request, _, _ in _leads("the kids set two timers, stop them")]
    assert readings == ["stop the two timers"]


def test_how_something_is_is_no_thing_pointed_back_to() -> None:
    # After "is", "too loud" says how the subject is; only the subject may be pointed to.
    readings = [request for request, _, _ in _leads("the radio is too loud, turn it down")]
    assert readings == ["turn the radio down"]


def test_a_pronoun_asked_about_is_not_replaced() -> None:
    # "is it" asks; nothing points back to the remark.
    assert _leads("the forecast was wrong, is it raining") == []


# -- routing ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "intent", "lead"),
    [
        ("for the party, turn the kitchen light on", "smart_home.TurnOn", "for the party"),
        ("after lunch, start the robot vacuum", "smart_home.StartVacuum", "after lunch"),
        ("while the baby sleeps, lock the back door", "smart_home.Lock", "while the baby sleeps"),
        ("sorry to be a pain, but what time is it", "clock.GetTime", "sorry to be a pain but"),
        (
            "sorry if I'm interrupting, how many days until christmas",
            "knowledge.DaysUntilHoliday",
            "sorry if i am interrupting",
        ),
        ("hold on, Ben - speaker, lock the front door", "smart_home.Lock", "hold on ben speaker"),
        ("no, not you. what's the weather like in paris", "weather.GetWeather", "no not you"),
        ("look, Jo, told you - thanks, speaker", "fun.ThankYou", "look jo told you"),
    ],
)
def test_the_request_after_a_lead_is_understood(
    speaker: Simulator, text: str, intent: str, lead: str
) -> None:
    result = speaker.route(text)
    assert f"{result.skill}.{result.intent}" == intent
    assert f'after I set aside "{lead}"' in result.explanation


def test_the_request_points_back_to_what_a_remark_named(speaker: Simulator) -> None:
    result = speaker.route("the grandkids left loads of lights on, switch them all off")
    assert f"{result.skill}.{result.intent}" == "smart_home.TurnOff"
    assert 'read "them" as "the lights"' in result.explanation
    result = speaker.route("my book club is on thursday now, move it to thursday at 7")
    assert f"{result.skill}.{result.intent}" == "calendar.MoveEvent"
    assert 'read "it" as "my book club"' in result.explanation


def test_a_time_said_first_fills_the_requests_time(speaker: Simulator) -> None:
    result = speaker.route("tomorrow morning, remind me to call the plumber")
    assert f"{result.skill}.{result.intent}" == "alarms.SetReminder"
    assert result.slots["when"].raw == "tomorrow morning"
    assert 'after I moved "tomorrow morning" to the end' in result.explanation


@pytest.mark.parametrize(
    "text",
    ["for my holiday, book a hotel in rome", "hang on, Ben - speaker, call the plumber"],
)
def test_a_request_no_skill_serves_still_falls_back(speaker: Simulator, text: str) -> None:
    assert speaker.route(text).intent is None


@pytest.mark.parametrize(
    "line",
    [
        "not you. " * 12 + "stop",
        "sorry, for the match, wait, sara - speaker, " * 8 + "stop",
    ],
)
def test_a_line_of_many_leads_routes_a_bounded_number_of_parts(
    speaker: Simulator, line: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Each request after a lead is routed on its own and looks for leads of its own: unbounded,
    # such a line routed thousands of parts (12 "not you." took 6.8 s). Counted, not timed.
    from simulator.routing.router import Router

    calls = 0
    route = Router._route

    def counted(self: Router, *args: object, **kwargs: object) -> object:
        nonlocal calls
        calls += 1
        return route(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Router, "_route", counted)
    result = speaker.route(line)
    assert calls <= 200
    assert result.intent in (None, "Stop", "StopMusic")
