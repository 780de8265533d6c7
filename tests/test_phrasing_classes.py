"""Whole classes of everyday phrasing the bundled skills' templates spell out.

Each test names a class (quantifiers, particle verbs, British "put ... on", dropped
prepositions, intensifiers) and checks it across the skills that have it, with the session's
shared model (see conftest).
"""

from __future__ import annotations

import pytest

from simulator.engine import Simulator


@pytest.fixture(scope="module")
def speaker() -> Simulator:
    """The bundled skills."""
    return Simulator.create(seed=0)


def _intent(speaker: Simulator, text: str) -> str | None:
    result = speaker.route(text)
    return f"{result.skill}.{result.intent}" if result.intent else None


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("cancel every timer", "timer.CancelAllTimers"),
        ("get rid of each timer", "timer.CancelAllTimers"),
        ("cancel every single alarm", "alarms.CancelAllAlarms"),
        ("delete every reminder please", "alarms.CancelAllReminders"),
    ],
)
def test_every_and_each_mean_all(speaker: Simulator, text: str, intent: str) -> None:
    # Not one item labelled "every": the quantifier is no free-text name.
    assert _intent(speaker, text) == intent


def test_particle_verbs_move_things(speaker: Simulator) -> None:
    moved = speaker.route("can you push my alarm back to eight")
    assert (moved.intent, moved.slots["when"].raw) == ("ChangeAlarm", "eight")
    assert _intent(speaker, "bring my dentist appointment forward to monday") == (
        "calendar.MoveEvent"
    )
    assert _intent(speaker, "take lunch with ana out of my diary") == "calendar.DeleteEvent"


def test_british_put_on_switches_and_sets(speaker: Simulator) -> None:
    assert _intent(speaker, "put the hallway light on") == "smart_home.TurnOn"
    assert _intent(speaker, "put an alarm on for seven am") == "alarms.SetAlarm"
    assert _intent(speaker, "put a timer on for ten minutes") == "timer.StartTimer"


def test_telegraphic_timer_requests(speaker: Simulator) -> None:
    started = speaker.route("timer 3 minutes")
    assert (started.intent, started.slots["duration"].raw) == ("StartTimer", "3 minutes")
    assert _intent(speaker, "countdown 90 seconds") == "timer.StartTimer"
    for text in ("which timers are running", "show my timers", "are there any timers"):
        assert _intent(speaker, text) == "timer.ListTimers", text


def test_intensifiers_and_more_verbs(speaker: Simulator) -> None:
    assert _intent(speaker, "wipe my whole diary") == "calendar.ClearCalendar"
    assert _intent(speaker, "clear my entire calendar for friday") == "calendar.ClearCalendar"
    assert _intent(speaker, "get rid of the timer") == "timer.CancelTimer"
