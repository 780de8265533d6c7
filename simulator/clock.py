"""The virtual clock and its scheduler.

Time in the simulator is virtual: it moves only when something advances it. The CLI advances it with
``:advance 10m``; the terminal UI advances it in step with the wall clock (and can pause it). Timers,
alarms and other scheduled items fire strictly in order of their due time, whatever the size of the
step, so "advance one hour" behaves like sixty one-minute steps.

The clock knows nothing about devices or skills: the engine drives device simulation between due
items and decides what a fired item means.
"""

from __future__ import annotations

import heapq
import itertools
import re
import secrets
from datetime import datetime, timedelta
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["Clock", "ScheduledItem", "parse_delay"]


class ScheduledItem(BaseModel):
    """Something due at a virtual time: a timer, an alarm, a reminder."""

    model_config = ConfigDict(frozen=True)

    id: str
    """Unique id, stable across restarts (it is the storage key)."""
    due: datetime
    kind: str = "timer"
    """What it is, e.g. ``timer`` or ``alarm``; the owner decides what that means."""
    owner: str = ""
    """The skill that scheduled it (its name), or ``""`` for the engine."""
    label: str | None = None
    """A name the user gave it ("pasta"), used to find it again."""
    created: datetime
    payload: dict[str, Any] = Field(default_factory=dict)
    """Anything the owner wants back when it fires (e.g. the words to say)."""

    def remaining(self, now: datetime) -> timedelta:
        """Time left until the item is due (zero once it is due)."""
        return max(self.due - now, timedelta(0))


class Clock:
    """A virtual clock with a scheduler of due items.

    ``now`` only moves forward. :meth:`pop_due` hands out due items one at a time in due order
    (ties in the order they were scheduled), which lets the engine interleave device simulation
    and item firing correctly.
    """

    def __init__(self, start: datetime) -> None:
        """Create a clock reading ``start`` with nothing scheduled."""
        self._now = start
        # (due, sequence, id): the sequence keeps ties in scheduling order and makes entries
        # comparable without comparing items; cancelled ids are skipped lazily on pop.
        self._heap: list[tuple[datetime, int, str]] = []
        self._items: dict[str, ScheduledItem] = {}
        self._seq = itertools.count()
        self._ids = itertools.count(1)
        self.paused = False
        """When true, the real-time driver (the TUI) stops advancing the clock."""

    def now(self) -> datetime:
        """The current virtual time."""
        return self._now

    def set_now(self, when: datetime) -> None:
        """Move the clock forward to ``when`` without firing anything (the engine fires items)."""
        if when > self._now:
            self._now = when

    def rewind(self, when: datetime) -> None:
        """Set the time to ``when``, even backwards (a reset; nothing fires)."""
        self._now = when

    def new_id(self, prefix: str = "item") -> str:
        """A fresh id that no pending item uses, here or in another process.

        Ids are storage keys, and two processes may share one state (the TUI and a ``say``):
        a counter alone would give both ``timer-1``. The random part keeps them apart.
        """
        while True:
            candidate = f"{prefix}-{next(self._ids)}-{secrets.token_hex(3)}"
            if candidate not in self._items:
                return candidate

    def schedule(
        self,
        when: datetime | timedelta,
        *,
        kind: str = "timer",
        owner: str = "",
        label: str | None = None,
        payload: dict[str, Any] | None = None,
        item_id: str | None = None,
    ) -> ScheduledItem:
        """Schedule an item at an absolute time or after a delay; returns the item."""
        due = self._now + when if isinstance(when, timedelta) else when
        item = ScheduledItem(
            id=item_id or self.new_id(kind),
            due=due,
            kind=kind,
            owner=owner,
            label=label,
            created=self._now,
            payload=dict(payload or {}),
        )
        self.add(item)
        return item

    def add(self, item: ScheduledItem) -> None:
        """Add an existing item (e.g. one loaded from storage), replacing one with the same id."""
        self._items[item.id] = item
        heapq.heappush(self._heap, (item.due, next(self._seq), item.id))

    def cancel(self, item_id: str) -> ScheduledItem | None:
        """Cancel a pending item; returns it, or None if there was no such item."""
        return self._items.pop(item_id, None)

    def clear(self) -> None:
        """Cancel everything."""
        self._items.clear()
        self._heap.clear()

    def pending(self, *, owner: str | None = None, kind: str | None = None) -> list[ScheduledItem]:
        """Pending items in due order, optionally only one owner's or one kind's."""
        items = [
            item
            for item in self._items.values()
            if (owner is None or item.owner == owner) and (kind is None or item.kind == kind)
        ]
        return sorted(items, key=lambda item: (item.due, item.id))

    def next_due(self) -> datetime | None:
        """When the earliest pending item is due, or None."""
        self._drop_stale()
        return self._heap[0][0] if self._heap else None

    def pop_due(self, until: datetime) -> ScheduledItem | None:
        """Remove and return the earliest item due at or before ``until``, or None.

        The clock moves to the item's due time (never backwards), so whoever fires it sees the
        time at which it was due.
        """
        self._drop_stale()
        if not self._heap or self._heap[0][0] > until:
            return None
        _, _, item_id = heapq.heappop(self._heap)
        item = self._items.pop(item_id)
        self.set_now(item.due)
        return item

    def advance(self, delta: timedelta) -> list[ScheduledItem]:
        """Move the clock on by ``delta`` and return the items that fell due, in order.

        This is the simple form for callers with nothing to simulate between items; the engine
        uses :meth:`pop_due` and :meth:`set_now` to run device simulation in between.
        """
        target = self._now + max(delta, timedelta(0))
        fired: list[ScheduledItem] = []
        while (item := self.pop_due(target)) is not None:
            fired.append(item)
        self.set_now(target)
        return fired

    def _drop_stale(self) -> None:
        # Entries whose item was cancelled or replaced (different due time) are dropped here
        # rather than searched for on cancel, which keeps cancel O(1).
        while self._heap:
            due, _, item_id = self._heap[0]
            item = self._items.get(item_id)
            if item is not None and item.due == due:
                return
            heapq.heappop(self._heap)


def parse_delay(text: str) -> timedelta:
    """Parse ``10m``, ``1h30m``, ``90s``, ``2d`` or words ("ten minutes") into a timedelta.

    Raises ``ValueError`` with a message for anything else. Used by ``:advance`` in ``chat``
    and by the test harness's ``advance("10m")``.
    """
    compact = text.strip().lower().replace(" ", "")
    units = {"y": 365 * 86400, "w": 7 * 86400, "d": 86400, "h": 3600, "m": 60, "s": 1}
    if compact and re.fullmatch(r"(\d+(\.\d+)?[ywdhms])+", compact):
        total = sum(
            float(n) * units[u] for n, _, u in re.findall(r"(\d+(\.\d+)?)([ywdhms])", compact)
        )
        if not total < 10**9 * 86400:  # timedelta's range (and NaN, inf)
            raise ValueError(f"{text.strip()!r} is too long")
        return timedelta(seconds=total)
    from simulator.nlu.normalize import tokenize  # words are the rare case: load the NLU then
    from simulator.nlu.parsers import parse_duration

    duration = parse_duration(tokenize(text))
    if duration is None:
        raise ValueError(f"cannot read {text!r} as a duration; try 10m, 1h30m or 90s")
    return duration.timedelta
