"""A turn is a transaction: a handler's changes are kept only when it returns a response in time.

Each test here failed on the engine before transactions (issue 7, defects 1 and 2): the restore
of persistent data was shallow, session attributes were never rolled back, and an abandoned
handler thread could still write data, schedule items and turn devices on.
"""

from __future__ import annotations

import asyncio
import threading
import time
from datetime import datetime

import pytest

from simulator.sdk import ContextExpired, Response, Skill, SkillContext
from simulator.sdk.testing import Conversation, ConversationFailure

NOW = datetime(2026, 6, 1, 9, 0, 0)

txn = Skill("txn", description="Transaction test skill", timeout=0.2)
late_writes: dict[str, str] = {}
"""What each abandoned handler's late write did ("refused" or "written")."""
late_done = threading.Event()


@txn.intent("Nested", samples=["nested then fail"])
def nested(ctx: SkillContext) -> Response:
    """Append to nested persistent data and to the session, schedule, turn a light on, raise."""
    ctx.persistent.setdefault("items", []).append("milk")
    ctx.session.attributes.setdefault("seen", []).append("milk")
    ctx.clock.schedule(NOW.replace(hour=10), say="never")
    if ctx.home is not None:
        ctx.home.execute([ctx.home.device("kitchen_light")], "turn_on")
    raise RuntimeError("after the writes")


@txn.intent("Keep", samples=["keep milk"])
def keep(ctx: SkillContext) -> Response:
    """The same writes in a handler that succeeds: all kept."""
    ctx.persistent.setdefault("items", []).append("milk")
    ctx.session.attributes.setdefault("seen", []).append("milk")
    ctx.clock.schedule(NOW.replace(hour=10), say="kept")
    if ctx.home is not None:
        ctx.home.execute([ctx.home.device("kitchen_light")], "turn_on")
    return Response.ask("Kept.")


@txn.intent("Sleepy", samples=["sleep then write"])
def sleepy(ctx: SkillContext) -> Response:
    """Sleep past the timeout, ignore being told to stop, then try every kind of write."""
    try:
        time.sleep(0.5)
    except BaseException:  # the engine's stop signal (issue 8): this handler ignores it
        pass
    attempts = {
        "persistent": lambda: ctx.persistent.__setitem__("late", True),
        "nested": lambda: ctx.persistent["items"].append("late"),
        "session": lambda: ctx.session.attributes.update(late=True),
        "schedule": lambda: ctx.clock.schedule(NOW.replace(hour=11), say="late"),
        "device": lambda: (
            ctx.home.execute([ctx.home.device("kitchen_light")], "turn_on") if ctx.home else None
        ),
    }
    for name, attempt in attempts.items():
        try:
            attempt()
            late_writes[name] = "written"
        except ContextExpired:
            late_writes[name] = "refused"
    late_done.set()
    return Response.speak("too late")


@txn.on_fire
def fire(ctx: SkillContext, item: object) -> Response:
    """A fire handler that writes the session and data, then raises."""
    ctx.session.attributes.setdefault("seen", []).append("fired")
    ctx.persistent.setdefault("items", []).append("fired")
    raise RuntimeError("fire failed")


@txn.intent("SlowSchedule", samples=["slowly schedule"])
def slow_schedule(ctx: SkillContext) -> Response:
    """Take a moment, then schedule an item."""
    time.sleep(0.05)
    ctx.clock.schedule(NOW.replace(hour=12), say="noon")
    return Response.speak("Scheduled.")


@txn.intent("Count", samples=["count items"])
def count(ctx: SkillContext) -> Response:
    """Say how many items there are."""
    return Response.speak(f"{len(ctx.persistent.get('items', []))} items.")


@pytest.fixture
def conv() -> Conversation:
    """The test skill with the demo home."""
    return Conversation(skills=[txn], home="demo", now=NOW, bundled=False)


def test_a_failed_handler_leaves_nested_persistent_data_untouched(conv: Conversation) -> None:
    conv.say("keep milk")
    turn = conv.say("nested then fail")
    assert turn.error is not None and turn.error.code == "SKILL_ERROR"
    assert conv.say("count items").speech == "1 items."
    assert conv.sim.skill_data["txn"] == {"items": ["milk"]}


def test_a_failed_handler_leaves_clock_and_devices_untouched(conv: Conversation) -> None:
    heard: list[object] = []
    assert conv.sim.home is not None
    conv.sim.home.subscribe(heard.append)
    turn = conv.say("nested then fail")
    assert conv.sim.clock.pending() == []
    assert conv.sim.home.device("kitchen_light").get("on") is False
    assert turn.device_changes == [] and heard == []


def test_a_failed_fire_handler_leaves_session_attributes_untouched(conv: Conversation) -> None:
    conv.say("keep milk")  # asks, so the session stays open with seen == ["milk"]
    fired = conv.advance("1h")
    assert [t.error.code if t.error else None for t in fired] == ["SKILL_ERROR"]
    session = conv.sim.dialog.session
    assert session is not None and session.attributes == {"seen": ["milk"]}
    assert conv.sim.skill_data["txn"] == {"items": ["milk"]}


def test_a_successful_handler_keeps_all_its_changes(conv: Conversation) -> None:
    turn = conv.say("keep milk")
    assert conv.sim.skill_data["txn"] == {"items": ["milk"]}
    assert [i.payload.get("say") for i in conv.sim.clock.pending()] == ["kept"]
    assert conv.sim.home is not None and conv.sim.home.device("kitchen_light").get("on") is True
    assert [(c.device_id, c.attribute, c.new) for c in turn.device_changes] == [
        ("kitchen_light", "on", True)
    ]


def test_a_handler_that_sleeps_past_its_timeout_then_writes_changes_nothing(
    conv: Conversation,
) -> None:
    late_writes.clear()
    late_done.clear()
    conv.sim.skill_data["txn"] = {"items": ["milk"]}  # stored data the late writes aim at
    heard: list[object] = []
    assert conv.sim.home is not None
    conv.sim.home.subscribe(heard.append)
    turn = conv.say("sleep then write")
    assert turn.error is not None and turn.error.code == "SKILL_TIMEOUT"
    assert late_done.wait(5), "the abandoned handler never finished"
    # Every write is refused, data and session too (issue 7: an expired context refuses every
    # write; the data writes used to land silently in a copy that was thrown away).
    assert set(late_writes.values()) == {"refused"}, late_writes
    assert set(late_writes) == {"persistent", "nested", "session", "schedule", "device"}
    assert conv.sim.skill_data["txn"] == {"items": ["milk"]}
    assert conv.sim.clock.pending() == []
    assert conv.sim.home.device("kitchen_light").get("on") is False
    assert heard == []
    # The next turns are unaffected.
    after = conv.say("keep milk")
    assert after.speech == "Kept." and conv.sim.skill_data["txn"] == {"items": ["milk", "milk"]}
    assert [(c.device_id, c.new) for c in after.device_changes] == [("kitchen_light", True)]


async def test_reset_waits_for_the_running_turn() -> None:
    # Issue 7: reset did not take the turn lock, so it could land in the middle of a turn.
    sim = Conversation(skills=[txn], now=NOW, bundled=False).sim
    turn = asyncio.create_task(sim.handle("slowly schedule"))
    await asyncio.sleep(0.01)  # the handler is running now
    await sim.reset_async()
    assert (await turn).speech == "Scheduled."
    assert sim.clock.pending() == []  # the reset came after the turn and cancelled its item


def test_a_skill_error_carries_its_traceback(conv: Conversation) -> None:
    # Issue 7, defect 9: the author got only "Sorry, something went wrong".
    turn = conv.say("nested then fail")
    assert turn.error is not None and turn.error.detail is not None
    assert "test_transactions.py" in turn.error.detail and ", in nested" in turn.error.detail
    assert "RuntimeError: after the writes" in turn.error.detail
    assert "isolation.py" not in turn.error.detail  # only the skill's frames
    with pytest.raises(ConversationFailure) as failure:
        conv.say("nested then fail", expect_speech="Done.")
    assert "RuntimeError: after the writes" in str(failure.value)
    assert ", in nested" in str(failure.value)


def test_guarded_data_is_plain_once_kept_and_in_copies() -> None:
    import copy
    import pickle

    from simulator.sdk.context import GuardedDict, TurnGate, guarded_copy, plain_copy

    gate = TurnGate()
    data = guarded_copy({"items": ["a"], "n": 1, "deep": {"x": [1, {"y": 2}]}}, gate)
    assert isinstance(data, GuardedDict) and data == {
        "items": ["a"],
        "n": 1,
        "deep": {"x": [1, {"y": 2}]},
    }
    data["items"].append("b")
    data["deep"]["x"][1]["z"] = 3
    for copied in (copy.deepcopy(data), plain_copy(data), pickle.loads(pickle.dumps(data))):
        assert type(copied) is dict and type(copied["items"]) is list
        assert type(copied["deep"]["x"][1]) is dict
        assert copied == {"items": ["a", "b"], "n": 1, "deep": {"x": [1, {"y": 2, "z": 3}]}}
    gate.close()
    for write in (
        lambda: data.__setitem__("n", 2),
        lambda: data.pop("n"),
        lambda: data["items"].extend(["c"]),
        lambda: data["deep"]["x"][1].setdefault("w", 0),
        lambda: data.clear(),
    ):
        with pytest.raises(ContextExpired):
            write()
    assert data["n"] == 1 and data["items"] == ["a", "b"]
