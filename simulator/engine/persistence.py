"""Persistence: what the simulator loads from the store at start and writes at the end of a turn.

Everything one turn changed (the turn log, dialog state, clock offset, skill data, scheduled items
and changed devices) is written in one storage transaction. Only what changed since the last save
is written: the skills whose data differs and the schedule if any item came or went.
"""

from __future__ import annotations

import copy
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from simulator.clock import Clock
from simulator.dialog.state import DialogContext
from simulator.models import Turn
from simulator.storage import Store

if TYPE_CHECKING:
    from simulator.devices import Home

__all__ = ["Persistence", "home_key"]


def home_key(home: Home | None) -> str:
    """The key under which a home's device state is stored (its file, or its name)."""
    if home is None:
        return ""
    path = getattr(home, "path", None)
    return str(Path(path).resolve()) if path else f"name:{home.name}"


class Persistence:
    """Loads the saved world and writes each turn's changes to a `Store`."""

    def __init__(self, store: Store, home: Home | None) -> None:
        """Wrap ``store`` for this ``home`` (device rows are keyed by the home)."""
        self.store = store
        self.home = home
        self.home_key = home_key(home)
        self._saved_skill_data: dict[str, dict[str, Any]] = {}
        self._saved_schedule: list[tuple[str, datetime]] = []
        self._offset_base = datetime.now().replace(microsecond=0)
        self._pinned: datetime | None = None

    # -- loading ---------------------------------------------------------------------------

    def load_skill_data(self) -> dict[str, dict[str, Any]]:
        """Every skill's persistent attributes (a copy is kept to find what a turn changed)."""
        data = self.store.skill_data()
        self._saved_skill_data = copy.deepcopy(data)
        return data

    def clock_start(self, now: datetime | None) -> datetime:
        """Where the virtual clock starts.

        Virtual time is the wall clock plus a saved offset (what ``:advance`` added), so the clock
        carries on across runs. ``now`` (``--now``) pins the start for this run only: the saved
        offset is neither used nor changed by a pinned run.
        """
        if now is not None:
            self._pinned = now
            return now
        saved_offset = float(self.store.get_meta("clock_offset", 0.0) or 0.0)
        return self._offset_base + timedelta(seconds=saved_offset)

    def load_schedule(self, clock: Clock) -> None:
        """Put the saved scheduled items back on ``clock``."""
        for item in self.store.scheduled():
            clock.add(item)
        self._saved_schedule = [(i.id, i.due) for i in clock.pending()]

    def load_dialog(self) -> DialogContext | None:
        """The saved dialog state, or None when there is none or it cannot be read."""
        saved = self.store.get_meta("dialog")
        if isinstance(saved, dict):
            try:
                return DialogContext.model_validate(saved)
            except ValueError:
                pass  # an unreadable saved dialog is not worth failing over: start afresh
        return None

    def load_devices(self) -> None:
        """Restore the home's saved device state."""
        if self.home is not None:
            saved = self.store.device_state(self.home_key)
            if saved:
                self.home.restore(saved)

    def reset_clock(self) -> datetime:
        """Where a reset puts the clock: the run's ``--now``, or the wall clock (offset 0)."""
        if self._pinned is not None:
            return self._pinned
        self._offset_base = datetime.now().replace(microsecond=0)
        return self._offset_base

    # -- saving ----------------------------------------------------------------------------

    def save(
        self,
        turn: Turn | None,
        *,
        dialog: DialogContext,
        clock: Clock,
        skill_data: dict[str, dict[str, Any]],
        devices_changed: bool = False,
        replace_devices: bool = False,
    ) -> None:
        """Write everything this turn changed in one transaction."""
        devices = None
        if self.home is not None and (
            devices_changed or replace_devices or (turn and turn.device_changes)
        ):
            devices = self.home.snapshot()
        meta: dict[str, Any] = {"dialog": dialog.model_dump(mode="json")}
        if self._pinned is None:
            meta["clock_offset"] = (clock.now() - self._offset_base).total_seconds()
        changed_data = {
            name: data
            for name, data in skill_data.items()
            if self._saved_skill_data.get(name, {}) != data
        }
        pending = clock.pending()
        schedule = [(i.id, i.due) for i in pending]
        self.store.commit_turn(
            turns=[turn.model_dump(mode="json")] if turn is not None else None,
            meta=meta,
            skill_data=changed_data,
            scheduled=pending if schedule != self._saved_schedule else None,
            home=self.home_key if devices is not None else None,
            devices=devices,
            replace_devices=replace_devices,
        )
        self._saved_skill_data.update(copy.deepcopy(changed_data))
        self._saved_schedule = schedule
