"""The calendar skill: the conversation file, events that survive a restart and announce
themselves, and titles that leave other skills' requests alone."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from simulator.engine import Simulator
from simulator.sdk.testing import Conversation, run_conversation_file
from tests.conftest import RunCli

CONVERSATIONS = Path(__file__).parent.parent / "skills" / "calendar"
NOW = dt.datetime(2026, 6, 1, 6, 50)


def test_calendar_conversation() -> None:
    turns = run_conversation_file(CONVERSATIONS / "test_calendar.yaml")
    assert [t.speech for t in turns if t.text is None] == [
        "Coming up in 10 minutes: stand up.",
        "Coming up in 10 minutes: team meeting.",
    ]


def test_events_survive_a_restart_and_announce_themselves(tmp_path: Path) -> None:
    first = Simulator.create(use_home=False, state_dir=tmp_path, now=NOW)
    try:
        first.handle_sync("add dentist today at 8 am at the clinic")
    finally:
        first.close()
    second = Simulator.create(use_home=False, state_dir=tmp_path, now=NOW)
    try:
        fired = second.advance_sync(dt.timedelta(hours=1))
        assert [t.speech for t in fired] == ["Coming up in 10 minutes: dentist, at the clinic."]
        assert second.handle_sync("what's on my calendar today").speech == (
            "Today you have 1 event: dentist at 8 AM at the clinic."
        )
    finally:
        second.close()


def test_moving_an_event_moves_its_announcement() -> None:
    conv = Conversation(now=NOW)
    try:
        conv.say("add standup today at 8", expect_speech="Added standup today at 8 AM.")
        conv.say("move standup to 9 am", expect_speech="Moved: standup today at 9 AM.")
        fired = conv.advance("3h")
        assert [(t.at.time(), t.speech) for t in fired] == [
            (dt.time(8, 50), "Coming up in 10 minutes: standup.")
        ]
    finally:
        conv.close()


def test_other_skills_requests_are_not_event_titles() -> None:
    conv = Conversation(now=NOW)
    try:
        for text, skill in [
            ("move my alarm to 8", "alarms"),
            ("delete my shopping list", "lists"),
            ("cancel the reminder to call mum", "alarms"),
            ("add milk to my shopping list", "lists"),
            ("set an alarm for 7 tomorrow", "alarms"),
        ]:
            result = conv.sim.route(text)
            assert result.skill == skill, (text, result.skill, result.intent)
            assert all(a.skill != "calendar" or a.confidence < 0.5 for a in result.alternatives)
    finally:
        conv.close()


def test_the_time_an_event_moves_to_fills_when_not_the_day_it_is_on() -> None:
    # `on` (the day the event is on) and `when` (where it goes) both take a day and a time:
    # a learned reading gives a span said after "to" to the slot the templates put after "to".
    sim = Simulator.create(use_home=False, now=NOW)
    try:
        spec = sim.router.intent("calendar", "MoveEvent")
        assert spec is not None
        for text, slot, raw in [
            ("please push my meeting to friday at 4", "when", "friday at 4"),
            ("my meeting needs moving to 3 pm", "when", "3 pm"),
            # Said before "to", a time names the event, not where it goes.
            ("forward my 9 am meeting notes to the team", "on", "9 am"),
        ]:
            slots = sim.router._fill_slots(text.split(), spec, sim.slot_env(), {})[0]
            assert slots[slot].raw == raw, text
            assert {"on", "when"} & set(slots) == {slot}, text
    finally:
        sim.close()


def test_a_determiner_is_no_event_title(run_cli: RunCli) -> None:
    # "push my appointment to ..." once read the title "my" ("[my|the] {title} appointment").
    out = run_cli(["route", "--jsonl"], stdin="push my appointment to friday at 4\n")
    reading = json.loads(out.stdout.splitlines()[0])
    assert reading["intent"] == "MoveEvent"
    assert "title" not in reading["slots"]
