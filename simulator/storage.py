"""The SQLite store: skill data, scheduled items, device state, dialog state and the conversation log.

One file, ``state.db``, in the state directory. It runs in WAL mode and the engine writes everything a
turn changed in one transaction (:meth:`Store.commit_turn`), so a kill at any moment leaves a database
that opens with every committed turn intact: SQLite's journal rolls back a half-written transaction
on the next open. ``synchronous=NORMAL`` is durable against a killed process (it can only lose the
last transactions on a power cut), which is the failure a desktop simulator meets.
"""

from __future__ import annotations

import json
import logging
import math
import os
import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from simulator.clock import ScheduledItem

__all__ = ["SCHEMA_VERSION", "StateChanges", "StorageError", "Store", "default_state_dir"]

SCHEMA_VERSION = 1
"""Bumped when the tables change; an older file is migrated on open."""

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS skill_data (skill TEXT PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS scheduled (
    id TEXT PRIMARY KEY, due TEXT NOT NULL, item TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS device_state (
    home TEXT NOT NULL, device_id TEXT NOT NULL, state TEXT NOT NULL,
    PRIMARY KEY (home, device_id)
);
CREATE TABLE IF NOT EXISTS turns (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT, session_id TEXT, text TEXT, intent TEXT, skill TEXT, speech TEXT,
    turn TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS quarantine (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL, source TEXT NOT NULL, key TEXT, value TEXT, reason TEXT NOT NULL
);
"""

# The columns this version reads and writes, per table. A file from an older version may lack
# some (they are added); one from a newer version may have required columns this version
# cannot fill (it is refused rather than half-written).
_COLUMNS: dict[str, tuple[str, ...]] = {
    "meta": ("key", "value"),
    "skill_data": ("skill", "data"),
    "scheduled": ("id", "due", "item"),
    "device_state": ("home", "device_id", "state"),
    "turns": ("id", "at", "session_id", "text", "intent", "skill", "speech", "turn"),
    "quarantine": ("id", "at", "source", "key", "value", "reason"),
}

# Metadata values are JSON; these keys must also have the right type to be used.
_META_TYPES: dict[str, type | tuple[type, ...]] = {
    "schema_version": int,
    "clock_offset": (int, float),
    "dialog": dict,
}

_log = logging.getLogger(__name__)


@dataclass
class StateChanges:
    """What one turn changed, key by key, to merge into what is stored (see `Store.commit_turn`)."""

    skill_data: dict[str, tuple[dict[str, Any], list[str]]] = field(default_factory=dict)
    """Per skill: the top-level keys set (with their values) and the keys deleted."""
    scheduled_added: list[ScheduledItem] = field(default_factory=list)
    """Items scheduled (or changed) by the turn."""
    scheduled_removed: list[str] = field(default_factory=list)
    """Ids of items cancelled or fired by the turn."""
    home: str | None = None
    """The home the device changes belong to."""
    devices: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Per device: the attributes that changed, with their new values."""

    def __bool__(self) -> bool:
        """Whether there is anything to write."""
        return bool(
            self.skill_data or self.scheduled_added or self.scheduled_removed or self.devices
        )


class StorageError(Exception):
    """The state directory or database cannot be used; the message says why and what to do."""


def default_state_dir() -> Path:
    """Where ``state.db`` lives by default: ``$SPEAKER_SIM_STATE`` or the per-user data directory."""
    env = os.environ.get("SPEAKER_SIM_STATE")
    if env:
        return Path(env).expanduser()
    import platformdirs  # imported lazily: only needed when no directory was given

    return Path(platformdirs.user_data_dir("speaker-sim", appauthor=False))


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str, separators=(",", ":"))


class Store:
    """A connection to ``state.db``. Use :meth:`open` (it checks the file) or ``Store.memory()``."""

    def __init__(
        self, conn: sqlite3.Connection, path: Path | None, *, readonly: bool = False
    ) -> None:
        """Wrap an open connection; prefer :meth:`open` or :meth:`memory`."""
        self._conn = conn
        self.path = path
        """The database file, or None for an in-memory store."""
        self.readonly = readonly
        """Opened for reading only: writes are skipped (``devices``, ``route --context``)."""
        self.saving = True
        """False while saves fail (a full disk): turns are answered but not saved."""
        self._notices: list[str] = []

    # -- notices ---------------------------------------------------------------------------

    def _notice(self, message: str) -> None:
        self._notices.append(message)
        _log.info("%s", message)

    def take_notices(self) -> list[str]:
        """Messages for the user since the last call: damage found, saving stopped or resumed."""
        notices, self._notices = self._notices, []
        return notices

    @classmethod
    def open(cls, state_dir: Path, *, readonly: bool = False) -> Store:
        """Open (creating if needed) ``state_dir/state.db``, or raise :class:`StorageError`.

        With ``readonly`` nothing is created or written, so a read-only state directory
        works; a missing database reads as an empty one.
        """
        if str(state_dir) == "":
            raise StorageError("the state directory is empty ('')")
        if readonly:
            return cls._open_readonly(state_dir)
        try:
            state_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageError(
                f"cannot create the state directory {state_dir}: {exc.strerror or exc}"
            ) from exc
        path = state_dir / "state.db"
        if not os.access(state_dir, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
            raise StorageError(
                f"the state directory {state_dir} is read-only; "
                "choose another with --state DIR or $SPEAKER_SIM_STATE"
            )
        try:
            conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA busy_timeout=5000")
            row = conn.execute("PRAGMA quick_check").fetchone()
            if row is None or row[0] != "ok":
                raise sqlite3.DatabaseError(str(row[0] if row else "integrity check failed"))
            conn.executescript(_SCHEMA)
        except sqlite3.Error as exc:
            raise StorageError(
                f"{path} is not a usable speaker-sim database ({exc}); "
                "move it aside to start afresh, or choose another directory with --state"
            ) from exc
        store = cls(conn, path)
        store._migrate()
        return store

    @classmethod
    def _open_readonly(cls, state_dir: Path) -> Store:
        path = state_dir / "state.db"
        if not path.is_file():
            return cls.memory()
        last: sqlite3.Error | None = None
        # mode=ro first: it sees a concurrent writer's WAL. In a read-only directory SQLite may
        # be unable to create the WAL index; then the file is read as immutable.
        for flags in ("mode=ro", "mode=ro&immutable=1"):
            try:
                conn = sqlite3.connect(
                    f"{path.resolve().as_uri()}?{flags}",
                    uri=True,
                    isolation_level=None,
                    check_same_thread=False,
                )
                conn.execute("PRAGMA busy_timeout=5000")
                row = conn.execute("PRAGMA quick_check").fetchone()
                if row is None or row[0] != "ok":
                    raise StorageError(
                        f"{path} is not a usable speaker-sim database "
                        f"({row[0] if row else 'integrity check failed'}); "
                        "move it aside to start afresh, or choose another directory with --state"
                    )
            except sqlite3.Error as exc:
                last = exc
                continue
            store = cls(conn, path, readonly=True)
            store._migrate()
            return store
        raise StorageError(
            f"{path} is not a usable speaker-sim database ({last}); "
            "move it aside to start afresh, or choose another directory with --state"
        )

    @classmethod
    def memory(cls) -> Store:
        """An in-memory store, for tests and throwaway runs."""
        conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        conn.executescript(_SCHEMA)
        store = cls(conn, None)
        store._migrate()
        return store

    def close(self) -> None:
        """Close the connection (idempotent)."""
        with suppress(sqlite3.Error):
            self._conn.close()

    def _where(self) -> str:
        return str(self.path) if self.path is not None else "the in-memory store"

    def _migrate(self) -> None:
        """Refuse a newer format; bring an older one up to date; report damage."""
        try:
            row = self._conn.execute(
                "SELECT value FROM meta WHERE key = 'schema_version'"
            ).fetchone()
        except sqlite3.Error as exc:
            if self.readonly:
                raise StorageError(
                    f"{self._where()} cannot be read ({exc}); open it once without a "
                    "read-only directory so it can be brought up to date"
                ) from None
            raise
        current = 0
        if row is not None:
            try:
                parsed: Any = json.loads(row[0])
            except (ValueError, TypeError):
                parsed = None
            current = parsed if isinstance(parsed, int) and not isinstance(parsed, bool) else -1
            if current < 0:
                # Damaged metadata: the tables decide below whether the file is usable.
                self._quarantine("meta", "schema_version", row[0], "not a schema version")
                current = 0
        if current > SCHEMA_VERSION:
            raise StorageError(
                f"{self._where()} was written by a newer speaker-sim (schema version {current}; "
                f"this one reads up to {SCHEMA_VERSION}); upgrade speaker-sim, or choose "
                "another directory with --state"
            )
        self._check_columns()
        if current < SCHEMA_VERSION and not self.readonly:
            with self.transaction():
                self._set_meta("schema_version", SCHEMA_VERSION)

    def _check_columns(self) -> None:
        for table, wanted in _COLUMNS.items():
            info = self._conn.execute(f"PRAGMA table_info({table})").fetchall()
            if not info:
                if self.readonly:
                    continue  # an older file without this table: reads find nothing
                raise StorageError(f"{self._where()}: table {table} is missing")
            present = {row[1] for row in info}
            for _cid, name, _type, notnull, default, pk in info:
                if name not in wanted and notnull and default is None and not pk:
                    raise StorageError(
                        f"{self._where()}: table {table} has a required column {name!r} that "
                        "this speaker-sim does not know (the file was written by a newer "
                        "version?); upgrade speaker-sim, or choose another directory with --state"
                    )
            missing = [name for name in wanted if name not in present]
            if missing and self.readonly:
                raise StorageError(
                    f"{self._where()}: table {table} lacks column(s) {', '.join(missing)}; "
                    "open it once without a read-only directory so it can be migrated"
                )
            for name in missing:
                # Added nullable: old rows read NULL there and are quarantined as damaged
                # when they are needed, never trusted.
                self._conn.execute(f"ALTER TABLE {table} ADD COLUMN {name} TEXT")
                self._notice(f"{self._where()}: added the missing column {table}.{name}")

    def _quarantine(
        self, table: str, key: object, value: object, reason: str, rowid: int | None = None
    ) -> None:
        """Move an unreadable row aside (the ``quarantine`` table) and say so once."""
        self._notice(
            f"{self._where()}: {table} row {key!s} is unreadable ({reason}); "
            + ("ignored" if self.readonly else "moved to the quarantine table")
        )
        if self.readonly:
            return
        text = value if value is None or isinstance(value, str) else repr(value)
        column = "rowid" if rowid is not None else _KEY_COLUMNS[table]
        try:
            with self.transaction() as conn:
                conn.execute(
                    "INSERT INTO quarantine(at, source, key, value, reason) VALUES(?, ?, ?, ?, ?)",
                    (datetime.now().isoformat(), table, str(key), text, reason),
                )
                conn.execute(
                    f"DELETE FROM {table} WHERE {column} IS ?", (key if rowid is None else rowid,)
                )
        except sqlite3.Error as exc:
            self._notice(f"{self._where()}: could not quarantine the row ({exc})")

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic write: everything inside commits together or not at all."""
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield self._conn
            self._conn.execute("COMMIT")
        except BaseException:
            # Also when COMMIT itself failed (a full disk): the transaction is still open.
            if self._conn.in_transaction:
                with suppress(sqlite3.Error):
                    self._conn.execute("ROLLBACK")
            raise

    # -- meta ------------------------------------------------------------------------------

    def get_meta(self, key: str, default: Any = None) -> Any:
        """A value from the key-value table, or ``default`` (also when the row is damaged)."""
        row = self._conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        if row is None:
            return default
        try:
            value = _loads(row[0])
        except ValueError as exc:
            self._quarantine("meta", key, row[0], str(exc))
            return default
        expected = _META_TYPES.get(key)
        if expected is not None and (
            not isinstance(value, expected)
            or isinstance(value, bool)
            or (isinstance(value, float) and not math.isfinite(value))
        ):
            self._quarantine("meta", key, row[0], "a value of the wrong type")
            return default
        return value

    def _set_meta(self, key: str, value: Any) -> None:
        self._conn.execute(
            "INSERT INTO meta(key, value) VALUES(?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, _dumps(value)),
        )

    # -- loading ---------------------------------------------------------------------------

    def _objects(self, table: str, rows: list[Any]) -> dict[Any, dict[str, Any]]:
        """``{key: JSON object}`` from (rowid, key, text) rows; damaged rows are quarantined."""
        out: dict[Any, dict[str, Any]] = {}
        for rowid, key, text in rows:
            try:
                value = _loads(text)
            except ValueError as exc:
                self._quarantine(table, key, text, str(exc), rowid)
                continue
            if not isinstance(value, dict):
                kind = type(value).__name__
                self._quarantine(table, key, text, f"a JSON {kind}, not an object", rowid)
                continue
            out[key] = value
        return out

    def skill_data(self) -> dict[str, dict[str, Any]]:
        """Every skill's persistent attributes (damaged rows are quarantined and reported)."""
        rows = self._conn.execute("SELECT rowid, skill, data FROM skill_data").fetchall()
        return self._objects("skill_data", rows)

    def scheduled(self) -> list[ScheduledItem]:
        """Pending scheduled items, in due order (damaged rows are quarantined and reported)."""
        rows = self._conn.execute(
            "SELECT rowid, id, item FROM scheduled ORDER BY due, id"
        ).fetchall()
        items: list[ScheduledItem] = []
        for rowid, key, text in rows:
            try:
                items.append(ScheduledItem.model_validate_json(text))
            except (ValueError, TypeError) as exc:
                reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
                self._quarantine("scheduled", key, text, reason, rowid)
        return items

    def device_state(self, home: str) -> dict[str, dict[str, Any]]:
        """Saved device state for one home, by device id (damaged rows are quarantined)."""
        rows = self._conn.execute(
            "SELECT rowid, device_id, state FROM device_state WHERE home = ?", (home,)
        ).fetchall()
        return self._objects("device_state", rows)

    def turns(self, limit: int = 100) -> list[dict[str, Any]]:
        """The most recent logged turns (as saved JSON), oldest first; damaged ones skipped."""
        rows = self._conn.execute(
            "SELECT id, id, turn FROM turns ORDER BY id DESC LIMIT ?", (limit,)
        ).fetchall()
        return list(self._objects("turns", list(reversed(rows))).values())

    def turn_count(self) -> int:
        """How many turns the log holds."""
        row = self._conn.execute("SELECT COUNT(*) FROM turns").fetchone()
        return int(row[0]) if row else 0

    # -- other processes -------------------------------------------------------------------

    def data_version(self) -> int:
        """A number that changes whenever another connection commits (``PRAGMA data_version``)."""
        row = self._conn.execute("PRAGMA data_version").fetchone()
        return int(row[0]) if row else 0

    def claim_scheduled(self, item_id: str) -> bool:
        """Take a due item out of the table before firing it; False if another process already
        did (fired or cancelled it), so it fires once."""
        if self.readonly:
            return True
        try:
            with self.transaction() as conn:
                cursor = conn.execute("DELETE FROM scheduled WHERE id = ?", (item_id,))
                return cursor.rowcount > 0
        except sqlite3.Error:
            return True  # cannot tell (a full disk): fire it rather than lose it

    def _merge(self, conn: sqlite3.Connection, changes: StateChanges) -> None:
        """Apply key-level changes to the rows as they are now (inside the transaction)."""
        for skill, (updated, removed) in changes.skill_data.items():
            row = conn.execute("SELECT data FROM skill_data WHERE skill = ?", (skill,)).fetchone()
            current = _object_or_empty(row[0] if row else None)
            current.update(updated)
            for key in removed:
                current.pop(key, None)
            conn.execute(
                "INSERT INTO skill_data(skill, data) VALUES(?, ?) "
                "ON CONFLICT(skill) DO UPDATE SET data = excluded.data",
                (skill, _dumps(current)),
            )
        for item_id in changes.scheduled_removed:
            conn.execute("DELETE FROM scheduled WHERE id = ?", (item_id,))
        conn.executemany(
            "INSERT INTO scheduled(id, due, item) VALUES(?, ?, ?) "
            "ON CONFLICT(id) DO UPDATE SET due = excluded.due, item = excluded.item",
            [(i.id, i.due.isoformat(), i.model_dump_json()) for i in changes.scheduled_added],
        )
        if changes.home is None:
            return
        for device_id, attributes in changes.devices.items():
            row = conn.execute(
                "SELECT state FROM device_state WHERE home = ? AND device_id = ?",
                (changes.home, device_id),
            ).fetchone()
            state = _object_or_empty(row[0] if row else None)
            state.update(attributes)
            conn.execute(
                "INSERT INTO device_state(home, device_id, state) VALUES(?, ?, ?) "
                "ON CONFLICT(home, device_id) DO UPDATE SET state = excluded.state",
                (changes.home, device_id, _dumps(state)),
            )

    # -- the one write per turn -----------------------------------------------------------

    def commit_turn(
        self,
        *,
        turns: list[dict[str, Any]] | None = None,
        meta: Mapping[str, Any] | None = None,
        skill_data: Mapping[str, dict[str, Any]] | None = None,
        scheduled: list[ScheduledItem] | None = None,
        home: str | None = None,
        devices: Mapping[str, dict[str, Any]] | None = None,
        replace_devices: bool = False,
        changes: StateChanges | None = None,
    ) -> bool:
        """Write everything one turn changed, atomically.

        ``scheduled``, when given, replaces the whole table (it is small: the pending items).
        ``devices`` updates the given devices' rows; with ``replace_devices`` the home's other
        rows are deleted first (used by a reset).

        ``changes`` carries what the turn changed key by key (skill data keys, scheduled items
        added and removed, device attributes); it is merged into what is stored *now*, re-read
        inside the same immediate transaction, so another process's changes to other keys,
        items or attributes are kept (two processes on one ``--state``).

        Returns whether it was saved. A save that fails (a full disk, a database locked past the
        busy timeout) leaves the file as it was; it is reported once, and the next call tries
        again, reporting when saving works again.
        """
        if self.readonly:
            return False
        try:
            self._write_turn(
                turns, meta, skill_data, scheduled, home, devices, replace_devices, changes
            )
        except sqlite3.Error as exc:
            if self.saving:
                self.saving = False
                self._notice(
                    f"cannot save to {self._where()} ({exc}); the speaker keeps answering, "
                    "but nothing is saved until this is fixed"
                )
            return False
        if not self.saving:
            self.saving = True
            self._notice(f"saving to {self._where()} works again")
        return True

    def _write_turn(
        self,
        turns: list[dict[str, Any]] | None,
        meta: Mapping[str, Any] | None,
        skill_data: Mapping[str, dict[str, Any]] | None,
        scheduled: list[ScheduledItem] | None,
        home: str | None,
        devices: Mapping[str, dict[str, Any]] | None,
        replace_devices: bool,
        changes: StateChanges | None,
    ) -> None:
        with self.transaction() as conn:
            if changes is not None:
                self._merge(conn, changes)
            for key, value in (meta or {}).items():
                self._set_meta(key, value)
            for skill, data in (skill_data or {}).items():
                conn.execute(
                    "INSERT INTO skill_data(skill, data) VALUES(?, ?) "
                    "ON CONFLICT(skill) DO UPDATE SET data = excluded.data",
                    (skill, _dumps(data)),
                )
            if scheduled is not None:
                conn.execute("DELETE FROM scheduled")
                conn.executemany(
                    "INSERT INTO scheduled(id, due, item) VALUES(?, ?, ?)",
                    [(i.id, i.due.isoformat(), i.model_dump_json()) for i in scheduled],
                )
            if home is not None and devices is not None:
                if replace_devices:
                    conn.execute("DELETE FROM device_state WHERE home = ?", (home,))
                conn.executemany(
                    "INSERT INTO device_state(home, device_id, state) VALUES(?, ?, ?) "
                    "ON CONFLICT(home, device_id) DO UPDATE SET state = excluded.state",
                    [(home, device_id, _dumps(state)) for device_id, state in devices.items()],
                )
            for turn in turns or []:
                conn.execute(
                    "INSERT INTO turns(at, session_id, text, intent, skill, speech, turn) "
                    "VALUES(?, ?, ?, ?, ?, ?, ?)",
                    (
                        _iso(turn.get("at")),
                        (turn.get("dialog") or {}).get("session_id"),
                        turn.get("text"),
                        turn.get("intent"),
                        turn.get("skill"),
                        turn.get("speech"),
                        _dumps(turn),
                    ),
                )


_KEY_COLUMNS = {
    "meta": "key",
    "skill_data": "skill",
    "scheduled": "id",
    "device_state": "device_id",
    "turns": "id",
}


def _object_or_empty(text: object) -> dict[str, Any]:
    """A stored JSON object, or ``{}`` when the row is missing or damaged (it is rewritten)."""
    try:
        value = _loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _loads(text: object) -> Any:
    """Strict JSON: NaN and infinities are not JSON, and a NULL or a BLOB is not text."""
    if not isinstance(text, str):
        raise ValueError("missing" if text is None else f"not text ({type(text).__name__})")

    def refuse(constant: str) -> Any:
        raise ValueError(f"{constant} is not JSON")

    try:
        return json.loads(text, parse_constant=refuse)
    except json.JSONDecodeError as exc:
        raise ValueError(f"invalid JSON: {exc.msg} at character {exc.pos}") from None


def _iso(value: Any) -> str | None:
    if isinstance(value, datetime):
        return value.isoformat()
    return None if value is None else str(value)
