"""Tests for the `Simulator` engine through the conversation harness, without a home.

A test skill exercises the engine's paths: handlers that raise or hang, sync and async handlers,
elicitation, validation re-asks, confirmation, built-ins, silence, session timeout, session and
persistent attributes, hostile input, traces, proactive turns and side-effect-free routing.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Literal

import pytest
from pydantic import BaseModel, Field

from simulator.engine import Simulator
from simulator.models import Turn
from simulator.nlu.normalize import MAX_UTTERANCE_CHARS
from simulator.sdk import Duration, Response, Skill, SkillContext
from simulator.sdk.testing import Conversation
from simulator.storage import Store

NOW = datetime(2026, 6, 1, 9, 0, 0)

demo = Skill("demo", description="An engine test skill", timeout=0.3)


class Count(BaseModel):
    """A constrained int slot."""

    count: int = Field(ge=1, le=10)


class Colour(BaseModel):
    """A Literal slot."""

    colour: Literal["red", "green", "blue"]


class Wait(BaseModel):
    """A duration slot."""

    duration: Duration


@demo.intent("Explode", samples=["explode now"])
def explode(ctx: SkillContext) -> Response:
    """Raise after touching persistent data (which must be rolled back)."""
    ctx.persistent["touched_by_explode"] = True
    raise RuntimeError("kaboom")


@demo.intent("HangSync", samples=["hang sync"])
def hang_sync(ctx: SkillContext) -> Response:
    """Block the worker thread far longer than the timeout."""
    time.sleep(30)
    return Response.speak("never")


@demo.intent("HangAsync", samples=["hang async"])
async def hang_async(ctx: SkillContext) -> Response:
    """Await far longer than the timeout."""
    await asyncio.sleep(30)
    return Response.speak("never")


@demo.intent("SyncHello", samples=["sync hello"])
def sync_hello(ctx: SkillContext) -> Response:
    """A plain sync handler."""
    return Response.speak("Hello from sync.")


@demo.intent("AsyncHello", samples=["async hello"])
async def async_hello(ctx: SkillContext) -> Response:
    """A plain async handler."""
    await asyncio.sleep(0)
    return Response.speak("Hello from async.")


@demo.intent("ReturnsString", samples=["give me a string"])
def returns_string(ctx: SkillContext) -> str:
    """Returns a bare string, which the engine speaks."""
    return "Just a string."


@demo.intent("ReturnsNumber", samples=["give me a number"])
def returns_number(ctx: SkillContext) -> Response:
    """Returns the wrong type."""
    return 42  # type: ignore[return-value]


@demo.intent(
    "PickNumber", samples=["pick {count}", "pick a number"], prompts={"count": "Which number?"}
)
def pick_number(ctx: SkillContext, slots: Count) -> Response:
    """Needs a number from 1 to 10."""
    return Response.speak(f"You picked {slots.count}.")


@demo.intent("PickColour", samples=["paint it {colour}", "paint it"])
def pick_colour(ctx: SkillContext, slots: Colour) -> Response:
    """Needs one of three colours."""
    return Response.speak(f"Painted {slots.colour}.")


@demo.intent("Erase", samples=["erase everything"], confirm="Really erase everything?")
def erase(ctx: SkillContext) -> Response:
    """Runs only after a yes."""
    ctx.persistent["erased"] = True
    return Response.speak("Erased.")


@demo.intent("CountUp", samples=["count up"])
def count_up(ctx: SkillContext) -> Response:
    """Counts in session attributes and in persistent attributes; keeps the session open."""
    ctx.session.attributes["n"] = ctx.session.attributes.get("n", 0) + 1
    ctx.persistent["total"] = ctx.persistent.get("total", 0) + 1
    n = ctx.session.attributes["n"]
    return Response.ask(f"Session count {n}, total {ctx.persistent['total']}.", "Say count up.")


@demo.intent("Remind", samples=["remind me in {duration}"])
def remind(ctx: SkillContext, slots: Wait) -> Response:
    """Schedules an item that speaks when it fires."""
    ctx.clock.schedule(slots.duration, say="Reminder!", kind="reminder")
    return Response.speak("Okay, I'll remind you.")


@demo.on_help
def demo_help(ctx: SkillContext) -> Response:
    """Help while the demo skill holds the conversation."""
    return Response.ask("Demo help: say count up.")


@demo.on_stop
def demo_stop(ctx: SkillContext) -> Response:
    """Goodbye from the demo skill."""
    return Response.speak("Demo says goodbye.").end_session()


@pytest.fixture
def conv() -> Iterator[Conversation]:
    c = Conversation([demo], now=NOW)
    yield c
    c.close()


def _error(turn: Turn) -> str | None:
    return turn.error.code if turn.error else None


# -- failing handlers ---------------------------------------------------------------------


def test_a_handler_that_raises_gives_an_apology_and_skill_error(conv: Conversation) -> None:
    turn = conv.say("explode now")
    assert turn.speech == "Sorry, something went wrong in demo."
    assert _error(turn) == "SKILL_ERROR"
    assert turn.error is not None and "kaboom" in turn.error.message
    assert turn.skill == "demo"


def test_the_turn_after_a_raise_works_and_persistent_changes_are_rolled_back(
    conv: Conversation,
) -> None:
    conv.say("explode now")
    turn = conv.say("sync hello")
    assert turn.speech == "Hello from sync."
    assert turn.error is None
    assert "touched_by_explode" not in conv.sim.store.skill_data().get("demo", {})


@pytest.mark.parametrize("utterance", ["hang sync", "hang async"])
def test_a_hanging_handler_times_out_and_the_simulator_goes_on(
    conv: Conversation, utterance: str
) -> None:
    turn = conv.say(utterance)
    assert _error(turn) == "SKILL_TIMEOUT"
    assert turn.speech == "Sorry, demo took too long to answer."
    skill_steps = [s for s in turn.trace if s.stage == "skill"]
    assert skill_steps and skill_steps[0].detail.get("timed_out") is True
    after = conv.say("async hello")
    assert after.speech == "Hello from async."
    assert after.error is None


def test_a_handler_returning_a_non_response_is_a_skill_error(conv: Conversation) -> None:
    turn = conv.say("give me a number")
    assert _error(turn) == "SKILL_ERROR"
    assert turn.error is not None and "not a Response" in turn.error.message


def test_a_handler_returning_a_string_is_spoken(conv: Conversation) -> None:
    assert conv.say("give me a string").speech == "Just a string."


@pytest.mark.parametrize(
    ("utterance", "speech"),
    [("sync hello", "Hello from sync."), ("async hello", "Hello from async.")],
)
def test_sync_and_async_handlers_both_run(conv: Conversation, utterance: str, speech: str) -> None:
    turn = conv.say(utterance)
    assert turn.speech == speech
    assert turn.session_ended is True


# -- elicitation, validation, confirmation ---------------------------------------------


def test_a_missing_slot_is_elicited_and_the_answer_reaches_the_handler(
    conv: Conversation,
) -> None:
    ask = conv.say("pick a number")
    assert ask.speech == "Which number?"
    assert ask.reprompt == "Which number?"
    assert ask.session_ended is False
    assert ask.dialog.open_question is not None
    assert ask.dialog.open_question["slot"] == "count"
    done = conv.say("seven")
    assert done.speech == "You picked 7."
    assert done.intent == "PickNumber"
    assert done.source == "context"
    assert done.slots["count"].value == 7
    assert done.slots["count"].raw == "seven"


def test_an_invalid_value_is_re_asked_with_the_reason_then_a_valid_one_works(
    conv: Conversation,
) -> None:
    turn = conv.say("pick 42")
    assert _error(turn) == "INVALID_SLOT"
    assert "42" in (turn.speech or "")
    assert "less than or equal to 10" in (turn.speech or "")
    assert (turn.speech or "").endswith("Which number?")
    assert turn.session_ended is False
    assert conv.say("3").speech == "You picked 3."


def test_an_invalid_answer_to_an_elicitation_is_re_asked(conv: Conversation) -> None:
    conv.say("pick a number")
    again = conv.say("eleven")
    assert _error(again) == "INVALID_SLOT"
    assert "Which number?" in (again.speech or "")
    assert conv.say("two").speech == "You picked 2."


def test_an_answer_that_does_not_parse_re_asks_with_a_hint(conv: Conversation) -> None:
    conv.say("pick a number")
    again = conv.say("banana smoothie")
    assert again.session_ended is False
    assert "Which number?" in (again.speech or "")
    assert conv.say("4").speech == "You picked 4."


def test_a_literal_slot_is_elicited_and_filled(conv: Conversation) -> None:
    assert conv.say("paint it").session_ended is False
    assert conv.say("green").speech == "Painted green."


def test_confirmation_yes_runs_the_handler(conv: Conversation) -> None:
    ask = conv.say("erase everything")
    assert ask.speech == "Really erase everything?"
    assert ask.session_ended is False
    done = conv.say("yes")
    assert done.speech == "Erased."
    assert conv.sim.store.skill_data()["demo"].get("erased") is True


def test_confirmation_no_does_not_run_the_handler(conv: Conversation) -> None:
    conv.say("erase everything")
    denied = conv.say("no")
    assert denied.speech == "Okay, I won't."
    assert "erased" not in conv.sim.store.skill_data().get("demo", {})


def test_something_other_than_yes_or_no_re_asks_the_confirmation(conv: Conversation) -> None:
    conv.say("erase everything")
    again = conv.say("purple elephants")
    assert "yes or no" in (again.speech or "").lower()
    assert conv.say("yes").speech == "Erased."


# -- built-ins ------------------------------------------------------------------------


def test_help_without_a_session_lists_the_skills(conv: Conversation) -> None:
    turn = conv.say("help")
    assert turn.intent == "Help"
    assert "demo" in (turn.speech or "")


def test_help_inside_a_skill_uses_its_help_handler(conv: Conversation) -> None:
    conv.say("count up")
    assert conv.say("help").speech == "Demo help: say count up."


def test_stop_inside_a_skill_uses_its_stop_handler_and_ends_the_session(
    conv: Conversation,
) -> None:
    conv.say("count up")
    turn = conv.say("stop")
    assert turn.speech == "Demo says goodbye."
    assert turn.session_ended is True
    assert conv.sim.dialog.session is None


def test_stop_with_nothing_open_says_okay(conv: Conversation) -> None:
    turn = conv.say("stop")
    assert turn.speech == "Okay."
    assert turn.session_ended is True


def test_cancel_drops_an_open_question(conv: Conversation) -> None:
    conv.say("pick a number")
    turn = conv.say("never mind")
    assert turn.intent == "Cancel"
    assert turn.session_ended is True
    # "five" is no longer an answer: nothing routes it.
    assert conv.say("five").intent is None


def test_repeat_says_the_last_speech_again(conv: Conversation) -> None:
    first = conv.say("sync hello")
    again = conv.say("repeat that")
    assert again.intent == "Repeat"
    assert again.speech == first.speech


def test_repeat_before_anything_was_said(conv: Conversation) -> None:
    assert conv.say("repeat").speech == "I haven't said anything yet."


# -- silence and session timeout --------------------------------------------------------


def test_silence_reprompts_once_then_ends_the_session(conv: Conversation) -> None:
    conv.say("pick a number")
    first = conv.say("")
    assert first.kind == "silence"
    assert first.speech == "Which number?"
    assert first.session_ended is False
    second = conv.say("")
    assert second.session_ended is True
    assert not second.speech
    assert conv.sim.dialog.session is None


def test_silence_without_a_session_says_nothing(conv: Conversation) -> None:
    turn = conv.say("")
    assert turn.kind == "silence"
    assert not turn.speech
    assert turn.error is None


def test_session_times_out_after_90_seconds_and_the_answer_is_not_taken(
    conv: Conversation,
) -> None:
    conv.say("pick a number")
    conv.advance(timedelta(seconds=91))
    turn = conv.say("5")
    assert turn.intent != "PickNumber"
    assert turn.source != "context"
    assert turn.speech != "You picked 5."


def test_an_answer_within_the_timeout_is_still_taken(conv: Conversation) -> None:
    conv.say("pick a number")
    conv.advance(timedelta(seconds=60))
    assert conv.say("5").speech == "You picked 5."


# -- attributes -----------------------------------------------------------------------


def test_session_attributes_last_until_the_session_ends(conv: Conversation) -> None:
    assert conv.say("count up").speech == "Session count 1, total 1."
    turn = conv.say("count up")
    assert turn.speech == "Session count 2, total 2."
    assert turn.dialog.session_attributes == {"n": 2}
    conv.say("stop")
    assert conv.say("count up").speech == "Session count 1, total 3."


def test_persistent_attributes_survive_a_new_simulator_on_the_same_store(tmp_path: Path) -> None:
    sim = Simulator([demo], store=Store.open(tmp_path), now=NOW)
    try:
        sim.handle_sync("count up")
        sim.handle_sync("count up")
    finally:
        sim.close()
    again = Simulator([demo], store=Store.open(tmp_path), now=NOW)
    try:
        assert again.handle_sync("stop").speech  # whatever the saved session, end it
        turn = again.handle_sync("count up")
        assert turn.speech == "Session count 1, total 3."
        assert again.store.turn_count() == 4
    finally:
        again.close()


def test_scheduled_items_survive_a_new_simulator_and_fire(tmp_path: Path) -> None:
    sim = Simulator([demo], store=Store.open(tmp_path), now=NOW)
    try:
        assert sim.handle_sync("remind me in 5 minutes").speech == "Okay, I'll remind you."
    finally:
        sim.close()
    again = Simulator([demo], store=Store.open(tmp_path), now=NOW)
    try:
        fired = again.advance_sync(timedelta(minutes=6))
        assert [t.speech for t in fired] == ["Reminder!"]
    finally:
        again.close()


# -- hostile input --------------------------------------------------------------------

BAD_INPUTS = {
    "empty": "",
    "whitespace": "   \t  \n ",
    "control_chars": "pick\x00 \x07 3\x1b",
    "ansi": "\x1b[31mpick\x1b[0m 3 \x1b[2J",
    "emoji": "😀 sync hello 🎉👍🏽",
    "arabic": "مرحبا كيف حالك",
    "hebrew": "שלום מה שלומך",
    "rtl_marks": "\u202epick 3\u202c \u200f",
    "cjk": "你好世界 こんにちは 안녕하세요",
    "zero_width": "sync\u200b hello\ufeff",
    "combining": "pi\u0301ck 3",
    "lone_surrogate_like": "sync hello \ufffd",
}


@pytest.mark.parametrize("text", list(BAD_INPUTS.values()), ids=list(BAD_INPUTS))
def test_odd_input_never_raises_and_returns_a_turn(conv: Conversation, text: str) -> None:
    turn = conv.say(text)
    assert isinstance(turn, Turn)
    assert turn.trace
    assert "\x1b" not in (turn.text or "")
    assert "\x00" not in (turn.text or "")
    # The simulator still works afterwards.
    assert conv.say("sync hello").speech == "Hello from sync."


def test_ansi_escapes_are_stripped_before_routing(conv: Conversation) -> None:
    turn = conv.say("\x1b[31mpick\x1b[0m 3")
    assert turn.speech == "You picked 3."


def test_a_100000_character_utterance_is_rejected_with_input_too_long(
    conv: Conversation,
) -> None:
    turn = conv.say("a" * 100_000)
    assert _error(turn) == "INPUT_TOO_LONG"
    assert turn.speech
    assert len(turn.text or "") < 1000
    assert conv.say("sync hello").speech == "Hello from sync."


def test_input_too_long_reports_the_real_length(conv: Conversation) -> None:
    turn = conv.say("a" * 100_000)
    assert turn.error is not None
    assert "100000" in turn.error.message


def test_an_utterance_just_over_the_limit_is_rejected(conv: Conversation) -> None:
    turn = conv.say("sync hello " + "x" * MAX_UTTERANCE_CHARS)
    assert _error(turn) == "INPUT_TOO_LONG"


def test_route_of_a_100000_character_utterance_does_not_raise(conv: Conversation) -> None:
    result = conv.sim.route("a" * 100_000)
    assert result.intent is None
    assert result.source == "fallback"


# -- traces, proactive turns, routing -----------------------------------------------


def test_every_turn_has_a_trace_with_stages_and_times(conv: Conversation) -> None:
    turns = []
    for text in ("sync hello", "pick a number", "", "explode now", "a" * 5000, "gibberish"):
        started = time.perf_counter()
        turns.append(conv.say(text))
        elapsed_ms = (time.perf_counter() - started) * 1000
        # The stages' times are real: none negative, and together no longer than the turn took
        # as measured from outside (issue 7, defect 11: `ms >= 0` alone could not fail).
        assert all(step.ms >= 0 for step in turns[-1].trace)
        assert sum(step.ms for step in turns[-1].trace) <= elapsed_ms + 0.01
    skill_step = next(s for s in turns[0].trace if s.stage == "skill")
    assert skill_step.ms > 0  # running a handler in a worker thread takes measurable time
    for turn in turns:
        assert turn.trace, turn.text
        for step in turn.trace:
            assert step.stage
        assert turn.trace[0].stage == "input"
        assert turn.trace[-1].stage == "response"
    stages = [s.stage for s in turns[0].trace]
    assert stages == ["input", "normalise", "route", "dialog", "skill", "response"]


def test_a_fired_reminder_is_a_proactive_turn_with_null_text(conv: Conversation) -> None:
    conv.say("remind me in 2 minutes")
    assert conv.advance(timedelta(minutes=1)) == []
    fired = conv.advance(timedelta(minutes=1))
    assert len(fired) == 1
    turn = fired[0]
    assert turn.text is None
    assert turn.kind == "proactive"
    assert turn.speech == "Reminder!"
    assert turn.skill == "demo"
    assert turn.trace and turn.trace[0].stage == "clock"


def test_items_fire_in_order_during_one_long_advance(conv: Conversation) -> None:
    conv.say("remind me in 10 minutes")
    conv.say("remind me in 1 minute")
    fired = conv.advance("1h")
    assert len(fired) == 2
    assert fired[0].at is not None and fired[1].at is not None
    assert fired[0].at < fired[1].at
    assert fired[0].at == NOW + timedelta(minutes=1)


def test_route_has_no_side_effects(conv: Conversation) -> None:
    conv.say("pick a number")
    before_turns = conv.sim.store.turn_count()
    before_dialog = conv.sim.dialog.context.model_dump()
    for text in ["sync hello", "5", "stop", "yes", "erase everything", "", "count up"]:
        conv.sim.route(text)
        conv.sim.route(text, use_context=True)
    assert conv.sim.store.turn_count() == before_turns
    assert conv.sim.dialog.context.model_dump() == before_dialog
    assert conv.say("5").speech == "You picked 5."


def test_route_without_a_session_opens_none(conv: Conversation) -> None:
    result = conv.sim.route("count up")
    assert (result.skill, result.intent) == ("demo", "CountUp")
    assert conv.sim.dialog.session is None
    assert conv.sim.store.turn_count() == 0


def test_route_with_context_takes_the_answer_to_the_open_question(conv: Conversation) -> None:
    conv.say("pick a number")
    assert conv.sim.route("5", use_context=True).source == "context"
    assert conv.sim.route("5").intent is None


def test_listeners_hear_every_turn_and_a_broken_one_is_ignored(conv: Conversation) -> None:
    heard: list[Turn] = []

    def broken(turn: Turn) -> None:
        raise RuntimeError("UI bug")

    conv.sim.subscribe(broken)
    unsubscribe = conv.sim.subscribe(heard.append)
    conv.say("sync hello")
    conv.say("remind me in 1 minute")
    conv.advance("2m")
    assert [t.text for t in heard] == ["sync hello", "remind me in 1 minute", None]
    unsubscribe()
    conv.say("sync hello")
    assert len(heard) == 3


def test_wake_word_mode_hears_only_wake_word_or_follow_ups() -> None:
    conv = Conversation()
    conv.sim.wake_word = "hey speaker"
    ignored = conv.say("what time is it")
    assert ignored.kind == "silence" and ignored.speech is None
    assert conv.say("hey speaker what time is it").intent == "GetTime"
    listening = conv.say("hey speaker")
    assert listening.kind == "silence" and not listening.session_ended
    assert conv.say("what time is it").intent == "GetTime"
    # An open question is answered without the wake word.
    conv.say("hey speaker set a timer", expect_speech="For how long?")
    conv.say("5 minutes", expect_speech="Timer set for 5 minutes.")


def test_set_device_is_manual_and_saved_at_once(tmp_path: Path) -> None:
    from simulator.storage import Store

    sim = Simulator.create(state_dir=tmp_path, now=datetime(2026, 6, 1, 20, 0), seed=0)
    key = sim.home_key
    try:
        events = asyncio.run(sim.set_device("kitchen_light", "on", True))
        assert events and all(e.cause == "manual" for e in events)
    finally:
        sim.close()
    store = Store.open(tmp_path)
    try:
        assert store.device_state(key)["kitchen_light"]["on"] is True
    finally:
        store.close()


def test_advance_emits_each_fired_item_in_order() -> None:
    conv = Conversation()
    heard: list[str | None] = []
    conv.sim.subscribe(lambda turn: heard.append(turn.speech))
    conv.say("set a tea timer for 1 minute")
    conv.say("set a pasta timer for 2 minutes")
    heard.clear()
    conv.advance("5m")
    assert heard == ["Your tea timer is done.", "Your pasta timer is done."]


def test_only_changed_skill_data_and_schedule_are_rewritten(tmp_path: Path) -> None:
    from simulator.storage import Store

    sim = Simulator.create(use_home=False, state_dir=tmp_path, now=datetime(2026, 6, 1, 9, 0))
    writes: list[dict[str, object]] = []
    original = sim.store.commit_turn

    def spy(**kwargs: object) -> bool:
        writes.append(kwargs)
        return original(**kwargs)  # type: ignore[arg-type]

    sim.store.commit_turn = spy  # type: ignore[method-assign]
    try:
        sim.handle_sync("my name is ada")
        sim.handle_sync("what time is it")
        sim.handle_sync("set a timer for 5 minutes")
    finally:
        sim.close()
    # Key by key: what changed is merged into the stored rows (another process keeps its own).
    changes = [w["changes"] for w in writes]
    assert changes[0].skill_data == {"hello": ({"name": "Ada"}, [])}  # type: ignore[attr-defined]
    assert not changes[1]
    assert len(changes[2].scheduled_added) == 1  # type: ignore[attr-defined]
    assert writes[2]["scheduled"] is None  # the schedule is no longer replaced wholesale
    store = Store.open(tmp_path)
    try:
        assert store.skill_data()["hello"] == {"name": "Ada"}
        assert len(store.scheduled()) == 1
    finally:
        store.close()


def test_a_handler_returning_a_non_response_keeps_persistent_data_unchanged() -> None:
    skill = Skill("scribbler")

    @skill.intent("Scribble", samples=["scribble"])
    def scribble(ctx: SkillContext) -> Response:
        ctx.persistent["half"] = "written"
        return 42  # type: ignore[return-value]

    conv = Conversation(skills=[skill])
    turn = conv.say("scribble")
    assert turn.error is not None and turn.error.code == "SKILL_ERROR"
    assert conv.sim.skill_data.get("scribbler", {}) == {}


order = Skill("order", description="Orders cheese")


class Cheese(BaseModel):
    """A count the user may leave out, and a kind."""

    kind: Literal["big_cheese", "small_cheese"]
    count: int | None = None


@order.intent(
    "OrderCheese",
    samples=["order [{count}] {kind}"],
    confirm="So that's {count} {kind}?",
)
def order_cheese(ctx: SkillContext, slots: Cheese) -> Response:
    """Order after the confirmation."""
    return Response.speak(f"Ordered {slots.kind}.")


def test_a_confirmation_names_canonical_values_and_no_missing_slot() -> None:
    # Issue 7, defect 10: "So that's count big cheese." named a slot the user did not fill.
    conv = Conversation(skills=[order], now=NOW, bundled=False)
    assert conv.say("order big cheese").speech == "So that's big cheese?"
    assert conv.say("order 3 big cheese").speech == "So that's 3 big cheese?"
