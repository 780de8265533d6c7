"""`SkillContext`: everything a handler can see and use during one turn.

A handler gets the context as its first argument. Through it a skill reads the clock, schedules
timers, keeps session and persistent attributes, and reaches the mock home. A skill never talks to
the UI: it returns a `Response`, and the engine and the UI take it from there.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from simulator.clock import Clock, ScheduledItem
from simulator.nlu.values import Duration

if TYPE_CHECKING:
    from simulator.devices import Home

__all__ = ["ContextExpired", "Session", "SkillClock", "SkillContext", "SkillInfo"]


class ContextExpired(RuntimeError):
    """Raised when a handler that was abandoned (it ran past its timeout) keeps using its context."""


@dataclass
class Session:
    """The conversation in progress: its id and attributes that live until it ends."""

    id: str
    new: bool = True
    """True on the first turn of the session."""
    attributes: dict[str, Any] = field(default_factory=dict)
    """Anything the skill wants to remember until the session ends."""


@dataclass(frozen=True)
class SkillInfo:
    """A loaded skill as other skills see it (the help skill lists these)."""

    name: str
    description: str
    invocation: str
    examples: tuple[str, ...] = ()
    abilities: tuple[str, ...] = ()
    """What its intents do, one short line each (their docstrings' first lines)."""


class SkillClock:
    """A skill's view of the virtual clock: it sees and cancels only its own scheduled items."""

    def __init__(self, clock: Clock, owner: str, ctx: SkillContext) -> None:
        """Wrap ``clock`` for the skill ``owner``."""
        self._clock = clock
        self._owner = owner
        self._ctx = ctx

    def now(self) -> datetime:
        """The current virtual time."""
        return self._clock.now()

    def schedule(
        self,
        when: Duration | timedelta | datetime,
        *,
        say: str | None = None,
        label: str | None = None,
        kind: str = "timer",
        payload: dict[str, Any] | None = None,
    ) -> ScheduledItem:
        """Schedule an item after a delay or at a time; ``say`` is spoken when it fires."""
        self._ctx.check_alive()
        delay: timedelta | datetime = when.timedelta if isinstance(when, Duration) else when
        data = dict(payload or {})
        if say is not None:
            data["say"] = say
        item = self._clock.schedule(delay, kind=kind, owner=self._owner, label=label, payload=data)
        return item

    def cancel(self, item: ScheduledItem | str) -> bool:
        """Cancel one of this skill's items; True if it was pending."""
        self._ctx.check_alive()
        item_id = item if isinstance(item, str) else item.id
        pending = {i.id for i in self.pending()}
        if item_id not in pending:
            return False
        self._clock.cancel(item_id)
        return True

    def pending(self, kind: str | None = None) -> list[ScheduledItem]:
        """This skill's pending items, soonest first."""
        return self._clock.pending(owner=self._owner, kind=kind)


@dataclass
class SkillContext:
    """What a handler receives: the turn, the session, storage, the clock and the home."""

    skill: str
    intent: str | None
    text: str
    session: Session
    persistent: dict[str, Any]
    """This skill's attributes that survive restarts (saved at the end of the turn)."""
    clock: SkillClock = field(init=False)
    raw_clock: Clock = field(repr=False)
    home: Home | None = None
    """The mock smart home (devices, rooms, scenes), if one is loaded."""
    catalog: tuple[SkillInfo, ...] = ()
    """Every loaded skill, for skills that describe what the speaker can do."""
    raw_slots: dict[str, str] = field(default_factory=dict)
    """The words each slot came from."""
    rng: random.Random = field(default_factory=random.Random)
    """Random numbers for the skill, seeded by ``--seed``."""
    notes: list[str] = field(default_factory=list)
    """Lines the skill logged with :meth:`log` (shown in the trace)."""
    trace_detail: dict[str, Any] = field(default_factory=dict)
    """Structured facts for this turn's ``skill`` trace step, shown in the inspector and
    ``--json`` (a remote skill puts the request and response envelopes here)."""
    expired: bool = False

    def __post_init__(self) -> None:
        """Build the skill's clock view."""
        self.clock = SkillClock(self.raw_clock, self.skill, self)

    def now(self) -> datetime:
        """The current virtual time."""
        return self.raw_clock.now()

    def log(self, message: str) -> None:
        """Add a line to this turn's trace (useful while writing a skill)."""
        self.notes.append(str(message))

    def check_alive(self) -> None:
        """Raise `ContextExpired` if the engine has given up on this handler."""
        if self.expired:
            raise ContextExpired("this turn timed out; the simulator has moved on")
