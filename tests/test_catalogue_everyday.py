"""The everyday speaker as a user tries it (issue #10): requests that went to the wrong skill or
got a wrong answer, each said end to end through one simulator with the bundled skills.

Routing: "play songs about rain" is music (not weather), "remove unicorns from my shopping list"
removes an item (and says it wasn't there), "add 3 burgers to my list" is a list request (it
names a list), "cancel my lunch with Ana" deletes the event, "put dentist on my calendar
tomorrow at 10" adds one, and the list intents that share their item words ("is milk on my list",
"add milk to my list", "take milk off my list") each keep their own sentences.

Answers: "the 30th of february" does not exist; sums on whole numbers are exact, and a result
too long to say is described instead of read out.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from fractions import Fraction

import pytest

from simulator.engine import Simulator
from simulator.sdk.words import parse_exact_number, spoken_number

NOW = datetime(2026, 11, 30, 9, 0)  # a Monday


@pytest.fixture(scope="module")
def sim() -> Iterator[Simulator]:
    s = Simulator.create(now=NOW, seed=0)
    s.clock.paused = True
    yield s
    s.close()


def _say(sim: Simulator, text: str) -> tuple[str, str]:
    """Say ``text`` as a fresh request; returns ("skill.Intent", speech)."""
    turn = sim.handle_sync(text)
    sim.advance_sync(timedelta(minutes=2))  # past the session timeout: nothing left open
    return f"{turn.skill}.{turn.intent}", turn.speech or ""


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("are there tunes about rain", "music.PlayMusic"),
        ("play songs about rain", "music.PlayMusic"),
        ("put dentist on my calendar tomorrow at 10", "calendar.AddEvent"),
        ("cancel my lunch with Ana", "calendar.DeleteEvent"),
        ("call off the team meeting", "calendar.DeleteEvent"),
        # "cancel my X" stays with the skills that own X
        ("cancel my alarm", "alarms.CancelAlarm"),
        ("cancel my reminder to call mum", "alarms.CancelReminder"),
        ("cancel my egg timer", "timer.CancelTimer"),
        # list intents share their item words; the sentence around them decides
        ("add 3 burgers to my list", "lists.AddItems"),
        ("put eggs and bread on the shopping list", "lists.AddItems"),
        ("add batteries to my to dos", "lists.AddItems"),
        ("are batteries on my to-do", "lists.HasItem"),
        ("are eggs and bread in the to do list", "lists.HasItem"),
        ("are batteries in our list", "lists.HasItem"),
        ("do we need milk", "lists.HasItem"),
        ("does the shopping list have milk", "lists.HasItem"),
        ("remove unicorns from my shopping list", "lists.RemoveItems"),
        ("delete batteries off our things to do", "lists.RemoveItems"),
        ("cross off bread", "lists.RemoveItems"),
        ("how many days until the 30th of february", "knowledge.DaysUntil"),
    ],
)
def test_everyday_request_goes_to_its_own_intent(sim: Simulator, text: str, label: str) -> None:
    result = sim.route(text)
    assert f"{result.skill}.{result.intent}" == label, result.explanation


def test_removing_an_item_that_is_not_there_says_so(sim: Simulator) -> None:
    label, speech = _say(sim, "remove unicorns from my shopping list")
    assert label == "lists.RemoveItems"
    assert "Unicorns isn't on your shopping list" in speech


def test_adding_to_my_list_is_a_list_request_not_an_order(sim: Simulator) -> None:
    label, speech = _say(sim, "add 3 burgers to my list")
    assert (label, speech) == ("lists.AddItems", "Added 3 burgers to your shopping list.")
    _say(sim, "clear my shopping list")
    _say(sim, "yes")


def test_cancel_my_lunch_deletes_the_event_after_asking(sim: Simulator) -> None:
    assert _say(sim, "add lunch with Ana on Friday at 1 pm")[1] == (
        "Added lunch with Ana on Friday at 1 PM."
    )
    turn = sim.handle_sync("cancel my lunch with Ana")
    assert (turn.intent, turn.speech) == ("DeleteEvent", "Delete lunch with Ana on Friday at 1 PM?")
    assert sim.handle_sync("yes").speech == "Deleted lunch with Ana on Friday at 1 PM."


@pytest.mark.parametrize(
    ("text", "speech"),
    [
        (
            "how many days until the 30th of february",
            "February has no 30th, so there's no such date to count to.",
        ),
        (
            "how many days until april 31st",
            "April has no 31st, so there's no such date to count to.",
        ),
        # a real date still counts (the next February 29th is in 2028)
        (
            "how many days until february 29th",
            "There are 456 days, about 65 weeks until Tuesday, February 29, 2028.",
        ),
    ],
)
def test_days_until_a_date_that_does_not_exist(sim: Simulator, text: str, speech: str) -> None:
    assert _say(sim, text) == ("knowledge.DaysUntil", speech)


def test_how_long_until_a_time_of_day_gives_the_wait() -> None:
    s = Simulator.create(now=NOW, seed=0, use_home=False)
    try:
        assert s.handle_sync("how long until 5 pm").speech == "It's 8 hours until today at 5 PM."
    finally:
        s.close()


@pytest.mark.parametrize(
    ("text", "speech"),
    [
        # held as a float, this was 300,000,000,000,000,000,000
        (
            "what is 99999999999 times 3",
            "99,999,999,999 times 3 is 299,999,999,997.",
        ),
        ("what is 0.1 plus 0.2", "0.1 plus 0.2 is 0.3."),
        ("what is 1 divided by 3 times 3", "1 divided by 3 times 3 is 1."),
        ("what is the square root of 81", "The square root of 81 is 9."),
        ("what is minus 7 mod 3", "-7 modulo 3 is -1."),
        (
            "what is 99999999999999999999 times 3",
            "That comes to a 21-digit number, too long to read out: about 3 times 10 to the "
            "power of 20.",
        ),
        (
            "what is 2 to the power of 100",
            "2 to the power of 100 comes to a 31-digit number, too long to read out: about "
            "1.268 times 10 to the power of 30.",
        ),
        (
            "what is minus 8 to the power of 0.5",
            "A negative number to a fractional power has no real answer, so I can't answer "
            "that one.",
        ),
    ],
)
def test_sums_are_exact_and_long_results_are_described(
    sim: Simulator, text: str, speech: str
) -> None:
    assert _say(sim, text) == ("knowledge.Calculate", speech)


def test_a_long_result_keeps_every_digit_on_the_card(sim: Simulator) -> None:
    turn = sim.handle_sync("what is 99999999999999999999 times 3")
    card = turn.card
    assert card is not None and "299,999,999,999,999,999,997" in str(card.text)


def test_parse_exact_number_keeps_every_digit() -> None:
    assert parse_exact_number(["123456789012345678901234567890"]) == 123456789012345678901234567890
    assert parse_exact_number(["0.1"]) == Fraction(1, 10)
    assert parse_exact_number(["two", "point", "five"]) == Fraction(5, 2)
    assert parse_exact_number(["1,000"]) == 1000
    assert parse_exact_number(["a"]) is None
    assert parse_exact_number(["9" * 401]) is None
    assert spoken_number(10**20) == "100,000,000,000,000,000,000"
    assert spoken_number(Fraction(1, 3)) == "0.33"
