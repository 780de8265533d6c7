"""Tests for the virtual clock and its scheduler (`simulator.clock`)."""

from __future__ import annotations

from datetime import datetime, timedelta
from itertools import pairwise

import pytest
from pydantic import ValidationError

from simulator.clock import Clock, ScheduledItem
from simulator.storage import Store

START = datetime(2026, 6, 1, 9, 0, 0)


def test_now_starts_at_start_and_only_moves_forward() -> None:
    clock = Clock(START)
    assert clock.now() == START
    clock.set_now(START + timedelta(minutes=1))
    clock.set_now(START)  # backwards: ignored
    assert clock.now() == START + timedelta(minutes=1)


def test_due_items_fire_in_due_order_not_scheduling_order() -> None:
    clock = Clock(START)
    late = clock.schedule(timedelta(minutes=10), label="late")
    early = clock.schedule(timedelta(minutes=1), label="early")
    middle = clock.schedule(START + timedelta(minutes=5), label="middle")
    fired = clock.advance(timedelta(hours=1))
    assert [i.id for i in fired] == [early.id, middle.id, late.id]


def test_ties_fire_in_scheduling_order() -> None:
    clock = Clock(START)
    ids = [clock.schedule(timedelta(minutes=3), label=str(n)).id for n in range(10)]
    fired = clock.advance(timedelta(minutes=3))
    assert [i.id for i in fired] == ids


def test_items_exactly_at_the_target_fire_and_later_ones_wait() -> None:
    clock = Clock(START)
    on_time = clock.schedule(timedelta(minutes=5))
    later = clock.schedule(timedelta(minutes=5, seconds=1))
    assert [i.id for i in clock.advance(timedelta(minutes=5))] == [on_time.id]
    assert [i.id for i in clock.pending()] == [later.id]
    assert clock.now() == START + timedelta(minutes=5)


def test_cancel_removes_an_item_and_returns_it_once() -> None:
    clock = Clock(START)
    keep = clock.schedule(timedelta(minutes=1))
    drop = clock.schedule(timedelta(minutes=2))
    assert clock.cancel(drop.id) == drop
    assert clock.cancel(drop.id) is None
    assert clock.cancel("no-such-id") is None
    assert [i.id for i in clock.advance(timedelta(hours=1))] == [keep.id]


def test_cancelled_earliest_item_does_not_show_in_next_due() -> None:
    clock = Clock(START)
    first = clock.schedule(timedelta(minutes=1))
    clock.schedule(timedelta(minutes=7))
    clock.cancel(first.id)
    assert clock.next_due() == START + timedelta(minutes=7)


def test_re_adding_an_item_with_a_new_due_time_replaces_the_old_entry() -> None:
    clock = Clock(START)
    item = clock.schedule(timedelta(minutes=1), item_id="egg")
    clock.add(item.model_copy(update={"due": START + timedelta(minutes=20)}))
    assert clock.advance(timedelta(minutes=10)) == []
    fired = clock.advance(timedelta(minutes=10))
    assert [i.id for i in fired] == ["egg"]


def test_advance_over_many_items_fires_each_once_in_order() -> None:
    clock = Clock(START)
    # Scheduled in a scrambled order, many sharing due times.
    for n in range(500):
        clock.schedule(timedelta(seconds=(n * 37) % 200), item_id=f"i{n}")
    fired = clock.advance(timedelta(hours=1))
    assert len(fired) == 500
    assert len({i.id for i in fired}) == 500
    dues = [i.due for i in fired]
    assert dues == sorted(dues)
    # Ties keep scheduling order: within each due time, ids ascend by their number.
    for a, b in pairwise(fired):
        if a.due == b.due:
            assert int(a.id[1:]) < int(b.id[1:])
    assert clock.pending() == []
    assert clock.next_due() is None


def test_advance_in_small_steps_fires_the_same_as_one_big_step() -> None:
    big, small = Clock(START), Clock(START)
    for clock in (big, small):
        for n in range(50):
            clock.schedule(timedelta(seconds=n * 13 % 301), item_id=f"t{n}")
    in_one = [i.id for i in big.advance(timedelta(minutes=6))]
    in_steps: list[str] = []
    for _ in range(36):
        in_steps.extend(i.id for i in small.advance(timedelta(seconds=10)))
    assert in_one == in_steps


def test_pop_due_hands_out_one_item_at_a_time_and_moves_now_to_its_due_time() -> None:
    clock = Clock(START)
    a = clock.schedule(timedelta(minutes=2))
    b = clock.schedule(timedelta(minutes=4))
    until = START + timedelta(minutes=10)
    assert clock.next_due() == a.due
    assert clock.pop_due(until) == a
    assert clock.now() == a.due
    assert clock.next_due() == b.due
    assert clock.pop_due(until) == b
    assert clock.now() == b.due
    assert clock.pop_due(until) is None
    assert clock.next_due() is None


def test_pop_due_returns_none_for_items_after_until() -> None:
    clock = Clock(START)
    clock.schedule(timedelta(minutes=5))
    assert clock.pop_due(START + timedelta(minutes=4)) is None
    assert clock.now() == START


def test_pending_filters_by_owner_and_kind_in_due_order() -> None:
    clock = Clock(START)
    clock.schedule(timedelta(minutes=3), owner="timer", kind="timer", item_id="t2")
    clock.schedule(timedelta(minutes=1), owner="timer", kind="timer", item_id="t1")
    clock.schedule(timedelta(minutes=2), owner="alarm", kind="alarm", item_id="a1")
    assert [i.id for i in clock.pending()] == ["t1", "a1", "t2"]
    assert [i.id for i in clock.pending(owner="timer")] == ["t1", "t2"]
    assert [i.id for i in clock.pending(kind="alarm")] == ["a1"]


def test_new_ids_are_unique_and_skip_ids_in_use() -> None:
    clock = Clock(START)
    clock.schedule(timedelta(minutes=1), item_id="timer-1")
    ids = {clock.schedule(timedelta(minutes=1)).id for _ in range(20)}
    assert len(ids) == 20
    assert "timer-1" not in ids


def test_clear_cancels_everything() -> None:
    clock = Clock(START)
    for _ in range(5):
        clock.schedule(timedelta(minutes=1))
    clock.clear()
    assert clock.pending() == []
    assert clock.advance(timedelta(hours=1)) == []


def test_remaining_counts_down_to_zero() -> None:
    clock = Clock(START)
    item = clock.schedule(timedelta(minutes=5))
    assert item.remaining(START) == timedelta(minutes=5)
    assert item.remaining(START + timedelta(minutes=4)) == timedelta(minutes=1)
    assert item.remaining(START + timedelta(hours=1)) == timedelta(0)


def test_negative_advance_does_not_move_the_clock_back() -> None:
    clock = Clock(START)
    assert clock.advance(timedelta(minutes=-5)) == []
    assert clock.now() == START


def test_scheduled_items_round_trip_through_storage_in_due_order() -> None:
    clock = Clock(START)
    clock.schedule(
        timedelta(minutes=10),
        kind="timer",
        owner="timer",
        label="pasta",
        payload={"say": "Your pasta timer is done.", "nested": {"n": [1, 2]}},
    )
    clock.schedule(timedelta(minutes=2), kind="alarm", owner="alarm", label=None)
    store = Store.memory()
    try:
        store.commit_turn(scheduled=clock.pending())
        loaded = store.scheduled()
    finally:
        store.close()
    assert loaded == clock.pending()
    assert all(isinstance(i, ScheduledItem) for i in loaded)
    restored = Clock(START)
    for item in loaded:
        restored.add(item)
    assert [i.label for i in restored.advance(timedelta(hours=1))] == [None, "pasta"]


def test_scheduled_item_is_frozen() -> None:
    item = ScheduledItem(id="x", due=START, created=START)
    with pytest.raises(ValidationError):
        item.label = "changed"  # type: ignore[misc]
