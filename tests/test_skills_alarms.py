"""The alarms skill (alarms and reminders) and the SDK pieces it is built on: the `When` slot,
`choose` for "which one?", `Response.elicit` and proactive turns that keep listening."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from simulator.engine import Simulator
from simulator.sdk.choice import choose
from simulator.sdk.testing import Conversation, run_conversation_file
from simulator.sdk.when import When, parse_when, spoken_days

CONVERSATIONS = Path(__file__).parent.parent / "skills" / "alarms"
MONDAY = dt.datetime(2026, 6, 1, 6, 50)


@pytest.mark.parametrize(
    "name",
    ["test_alarms_set_list_cancel.yaml", "test_alarms_ringing.yaml", "test_reminders.yaml"],
)
def test_alarm_and_reminder_conversations(name: str) -> None:
    turns = run_conversation_file(CONVERSATIONS / name)
    assert any(t.text is None for t in turns)  # each file lets the clock fire something


# -- the When slot ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "moment"),
    [
        ("7", "2026-06-01 07:00"),
        ("at 7 pm", "2026-06-01 19:00"),
        ("tomorrow at 7", "2026-06-02 07:00"),
        ("at 6:30 on friday", "2026-06-05 18:30"),
        ("friday at 1", "2026-06-05 13:00"),
        ("tomorrow morning", "2026-06-02 09:00"),
        ("for tomorrow evening", "2026-06-02 18:00"),  # the day after its connector
        ("by wednesday afternoon", "2026-06-03 14:00"),
        ("tonight at 8", "2026-06-01 20:00"),
        ("at 8 tonight", "2026-06-01 20:00"),
        ("7 in the morning tomorrow", "2026-06-02 07:00"),
        ("in 10 minutes", "2026-06-01 07:00"),
        ("an hour from now", "2026-06-01 07:50"),
        ("every weekday at 7 am", "2026-06-01 07:00"),
        ("on mondays and wednesdays at 6 pm", "2026-06-01 18:00"),
        ("june 3rd at noon", "2026-06-03 12:00"),
        ("next friday at 9 am", "2026-06-12 09:00"),
    ],
)
def test_when_resolves_everyday_phrases(words: str, moment: str) -> None:
    when = parse_when(words.split(), MONDAY.date())
    assert when is not None and when.problem is None
    assert when.resolve(MONDAY) == dt.datetime.fromisoformat(moment)


def test_an_hour_without_am_pm_is_the_next_one_today_and_read_by_daytime_otherwise() -> None:
    at_eight = MONDAY.replace(hour=8)
    seven = parse_when(["7"], at_eight.date())
    assert seven is not None and seven.resolve(at_eight) == dt.datetime(2026, 6, 1, 19, 0)
    daily = parse_when(["daily", "at", "6"], MONDAY.date())
    assert daily is not None
    assert daily.resolve(MONDAY, daytime=(4, 16)) == dt.datetime(2026, 6, 2, 6, 0)
    assert daily.resolve(MONDAY) == dt.datetime(2026, 6, 1, 18, 0)


@pytest.mark.parametrize(
    ("words", "problem"),
    [
        ("25 o'clock", "there is no 25 o'clock"),
        ("at 25", "there is no 25 o'clock"),
        ("13 pm", "there is no 13 PM"),
        ("7:75", "minutes go up to 59"),
        ("february 30th", "February has no 30th"),
    ],
)
def test_when_explains_words_that_cannot_be_a_time(words: str, problem: str) -> None:
    when = parse_when(words.split(), MONDAY.date())
    assert when is not None and problem in (when.problem or "")
    assert when.resolve(MONDAY) is None


@pytest.mark.parametrize("words", ["milk", "call mum", "the gym one", "7 minutes", ""])
def test_when_rejects_words_that_are_not_a_time(words: str) -> None:
    assert parse_when(words.split(), MONDAY.date()) is None


def test_when_round_trips_through_json_and_says_repeats() -> None:
    when = parse_when(["every", "weekday", "at", "7"], MONDAY.date())
    assert when is not None and When.model_validate(when.model_dump(mode="json")) == when
    assert spoken_days(when.days) == "every weekday"
    assert spoken_days((0, 2)) == "every Monday and Wednesday"


# -- choose: the answer to "which one?" -------------------------------------------------------


def test_choose_understands_ordinals_names_all_and_none() -> None:
    options = ["7 AM today", "gym, 6 PM on Friday", "6:30 AM every weekday"]
    assert choose("the gym one", options) == [1]
    assert choose("second", options) == [1]
    assert choose("the last one", options) == [2]
    assert choose("all of them", options) == [0, 1, 2]
    assert choose("never mind", options) == []
    assert choose("purple", options) is None
    assert choose("am", options) is None  # fits two: not a choice


# -- alarms and reminders through the harness ------------------------------------------------


def test_a_repeating_alarm_books_its_next_ring_when_it_rings() -> None:
    conv = Conversation(now=MONDAY)
    try:
        conv.say("set an alarm for 7 every weekday")
        rang = conv.advance("10m")
        assert rang[0].speech is not None and "ringing" in rang[0].speech
        conv.say("stop", expect_speech="Alarm off.")
        conv.say("when is my next alarm", expect_speech="Your next alarm is tomorrow at 7 AM.")
        # Friday's ring is followed by Monday's, not Saturday's.
        conv.advance(dt.timedelta(days=4))
        conv.say("stop")
        conv.say("what alarms do i have", expect_speech="You have one alarm: 7 AM every weekday.")
        listing = conv.sim.clock.pending(kind="alarm")
        assert listing[0].due == dt.datetime(2026, 6, 8, 7, 0)
    finally:
        conv.close()


def test_alarms_and_reminders_survive_a_restart(tmp_path: Path) -> None:
    first = Simulator.create(use_home=False, state_dir=tmp_path, now=MONDAY)
    try:
        first.handle_sync("set an alarm for 7 am")
        first.handle_sync("remind me to call mum at 7:05")
    finally:
        first.close()
    second = Simulator.create(use_home=False, state_dir=tmp_path, now=MONDAY)
    try:
        fired = second.advance_sync(dt.timedelta(minutes=16))
        speech = [t.speech for t in fired]
        assert speech[0] == "Beep beep! It's 7 AM. Your alarm is ringing. Say stop, or snooze."
        assert "Reminder: call mum." in speech
        assert second.handle_sync("stop").speech == "Alarm off."
    finally:
        second.close()


@pytest.mark.parametrize(
    ("utterance", "intent"),
    [
        ("set an alarm for 7 am", "SetAlarm"),
        ("wake me up tomorrow at 6:30", "SetAlarm"),
        ("set a daily alarm for 6", "SetAlarm"),
        ("i need to get up at 5 am on saturday", "SetAlarm"),
        ("turn off my 7 am alarm", "CancelAlarm"),
        ("turn my alarm off", "CancelAlarm"),
        ("what alarms have i set", "ListAlarms"),
        ("give me 5 more minutes", "SnoozeAlarm"),
        ("remind me in an hour to take the pizza out", "SetReminder"),
        ("don't let me forget to buy milk tomorrow at 5 pm", "SetReminder"),
        ("what did i ask you to remind me about", "ListReminders"),
        ("set a timer for 7 minutes", "StartTimer"),
        ("cancel the timer", "CancelTimer"),
    ],
)
def test_everyday_alarm_phrasings_route(utterance: str, intent: str) -> None:
    conv = Conversation(now=MONDAY)
    try:
        assert conv.sim.route(utterance).intent == intent
    finally:
        conv.close()


def test_a_daily_alarm_said_as_a_name_repeats() -> None:
    conv = Conversation(now=MONDAY)
    try:
        conv.say(
            "set a daily alarm for 6",
            expect_speech="Alarm set for 6 AM every day. The first one rings tomorrow at 6 AM.",
        )
        conv.say(
            "set a repeating alarm for 6 am on weekdays",
            expect_speech="Alarm set for 6 AM every weekday. The first one rings tomorrow at 6 AM.",
        )
        turn = conv.say("set a recurring alarm for 5 am", expect_intent="SetAlarm")
        assert (turn.speech or "").startswith("Alarm set for 5 AM every day.")
        assert turn.slots["repeat"].value == "daily"
    finally:
        conv.close()


def test_a_reminder_without_a_task_asks_for_one() -> None:
    # "remind me (to|...) {task} {when}" reads "remind me to at 6" with the task "at".
    conv = Conversation(now=MONDAY)
    try:
        conv.say("remind me to at 6", expect_speech="What should I remind you about?")
    finally:
        conv.close()
