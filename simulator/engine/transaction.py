"""A turn is a transaction: what a skill handler may change, staged until it returns in time.

`begin` gives the handler deep copies of its persistent data and the session attributes (which
refuse changes once the turn is over: `simulator.sdk.context.GuardedDict`), a clock
view that stages scheduling and cancelling, and a home view whose commands are held back (the
home's events wait; a rollback puts the devices back). `Transaction.commit` keeps it all;
`Transaction.rollback` drops it. Either way the turn's gate closes first, so an abandoned handler
thread can write nothing afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from simulator.clock import Clock
from simulator.dialog.state import DialogSession
from simulator.sdk.context import SkillClock, TurnGate, guarded_copy, plain_copy

if TYPE_CHECKING:
    from simulator.devices import Home
    from simulator.devices.registry import HomeTransaction
    from simulator.sdk.home import Home as HomeView

__all__ = ["Transaction", "begin"]


@dataclass
class Transaction:
    """One handler's staged changes."""

    skill: str
    gate: TurnGate
    persistent: dict[str, Any]
    attributes: dict[str, Any]
    clock: SkillClock
    home: HomeView | None
    _skill_data: dict[str, dict[str, Any]]
    _session: DialogSession
    _home_txn: HomeTransaction | None

    def commit(self) -> None:
        """Keep the handler's changes."""
        self.gate.close()
        # Kept as plain dicts and lists: the guarded copies belong to this turn only.
        self._skill_data[self.skill] = plain_copy(self.persistent)
        self._session.attributes = plain_copy(self.attributes)
        self.clock.commit()
        if self._home_txn is not None:
            self._home_txn.commit()

    def rollback(self) -> None:
        """Drop the handler's changes: data, session attributes, clock items and devices."""
        self.gate.close()
        if self._home_txn is not None:
            self._home_txn.rollback()


def begin(
    skill: str,
    *,
    skill_data: dict[str, dict[str, Any]],
    session: DialogSession,
    clock: Clock,
    home: Home | None,
) -> Transaction:
    """Stage a handler of ``skill``: copies of its data, a staged clock and home view."""
    gate = TurnGate()
    home_view = None
    home_txn = None
    if home is not None:
        from simulator.sdk.home import Home as HomeView  # the SDK view imports the devices

        home_view = HomeView(home, gate)
        home_txn = home.begin()
    return Transaction(
        skill=skill,
        gate=gate,
        persistent=guarded_copy(skill_data.get(skill, {}), gate),
        attributes=guarded_copy(session.attributes, gate),
        clock=SkillClock(clock, skill, gate),
        home=home_view,
        _skill_data=skill_data,
        _session=session,
        _home_txn=home_txn,
    )
