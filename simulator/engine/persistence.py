"""Persistence: what the simulator loads from the store at start and writes at the end of a turn.

Everything one turn changed (the turn log, dialog state, clock offset, skill data, scheduled items
and changed devices) is written in one storage transaction. Only what changed since the last save
is written: the skills whose data differs and the schedule if any item came or went.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from simulator.clock import Clock
from simulator.dialog.state import DialogContext
from simulator.models import Turn
from simulator.storage import StateChanges, Store

if TYPE_CHECKING:
    from simulator.devices import Home

__all__ = ["Persistence", "home_key"]

_MISSING = object()


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
        self._saved_devices: dict[str, dict[str, Any]] = {}
        self._data_version = store.data_version()
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
            self._saved_devices = copy.deepcopy(self.home.snapshot())

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
        fired: Sequence[Turn] = (),
    ) -> None:
        """Write everything this turn changed in one transaction; ``fired`` are the turns of
        clock items that fired meanwhile (logged with it).

        Only what changed is written, key by key (skill data keys, scheduled items, device
        attributes), and merged into the rows as they are at commit time: another process
        sharing the state keeps its own changes. ``devices_changed`` is accepted for callers
        that know; changed devices are found by comparing with the last save either way.
        """
        meta: dict[str, Any] = {"dialog": dialog.model_dump(mode="json")}
        if self._pinned is None:
            meta["clock_offset"] = (clock.now() - self._offset_base).total_seconds()
        changes = StateChanges(home=self.home_key if self.home is not None else None)
        for name, data in skill_data.items():
            before = self._saved_skill_data.get(name, {})
            if before != data:
                updated = {k: v for k, v in data.items() if k not in before or before[k] != v}
                changes.skill_data[name] = (updated, [k for k in before if k not in data])
        pending = {i.id: i for i in clock.pending()}
        saved_schedule = dict(self._saved_schedule)
        if not replace_devices:
            changes.scheduled_added = [
                i for i in pending.values() if saved_schedule.get(i.id) != i.due
            ]
            changes.scheduled_removed = [i for i in saved_schedule if i not in pending]
        snapshot = self.home.snapshot() if self.home is not None else {}
        if not replace_devices:
            for device_id, state in snapshot.items():
                before_state = self._saved_devices.get(device_id, {})
                diff = {a: v for a, v in state.items() if before_state.get(a, _MISSING) != v}
                if diff:
                    changes.devices[device_id] = diff
        saved = self.store.commit_turn(
            turns=[t.model_dump(mode="json") for t in (*fired, *([turn] if turn else []))],
            meta=meta,
            # A reset replaces the schedule and the home's devices outright.
            scheduled=list(pending.values()) if replace_devices else None,
            home=self.home_key if replace_devices and self.home is not None else None,
            devices=snapshot if replace_devices else None,
            replace_devices=replace_devices,
            changes=changes,
        )
        if saved:  # otherwise (a full disk) the changes are offered again with the next save
            for name in changes.skill_data:
                self._saved_skill_data[name] = copy.deepcopy(skill_data[name])
            self._saved_schedule = [(i.id, i.due) for i in pending.values()]
            self._saved_devices = copy.deepcopy(snapshot)

    # -- other processes ---------------------------------------------------------------------

    def refresh(self, clock: Clock, skill_data: dict[str, dict[str, Any]]) -> bool:
        """Take in what other processes saved since we last looked; True if anything came in.

        Cheap when nothing changed (one ``PRAGMA data_version``). Called at the start of every
        turn and clock advance, so a long-running TUI or ``chat`` sees timers, device changes
        and skill data that a ``say`` in another terminal saved.
        """
        version = self.store.data_version()
        if version == self._data_version:
            return False
        self._data_version = version
        for name, data in self.store.skill_data().items():
            if self._saved_skill_data.get(name) != data:
                target = skill_data.setdefault(name, {})
                target.clear()
                target.update(copy.deepcopy(data))
                self._saved_skill_data[name] = copy.deepcopy(data)
        stored = {i.id: i for i in self.store.scheduled()}
        saved_ids = {item_id for item_id, _ in self._saved_schedule}
        pending = {i.id for i in clock.pending()}
        for item_id, item in stored.items():
            if item_id not in pending:
                clock.add(item)
        for item_id in saved_ids - stored.keys():
            clock.cancel(item_id)  # fired or cancelled by the other process
        self._saved_schedule = [(i.id, i.due) for i in clock.pending()]
        if self.home is not None:
            saved_devices = self.store.device_state(self.home_key)
            changed = {
                device_id: {
                    a: v
                    for a, v in state.items()
                    if self._saved_devices.get(device_id, {}).get(a, _MISSING) != v
                }
                for device_id, state in saved_devices.items()
            }
            changed = {device_id: attrs for device_id, attrs in changed.items() if attrs}
            if changed:
                self.home.restore(changed)
            self._saved_devices = copy.deepcopy(self.home.snapshot())
        return True

    def claim(self, item_id: str) -> bool:
        """Whether this process may fire a due item (another may have fired it already)."""
        if item_id not in dict(self._saved_schedule):
            return True  # scheduled by this process and not saved yet: nobody else knows it
        return self.store.claim_scheduled(item_id)
