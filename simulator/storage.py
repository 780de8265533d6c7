"""The SQLite store: skill data, scheduled items, device state, dialog state and the conversation log.

One file, ``state.db``, in the state directory. It runs in WAL mode and the engine writes everything a
turn changed in one transaction (:meth:`Store.commit_turn`), so a kill at any moment leaves a database
that opens with every committed turn intact: SQLite's journal rolls back a half-written transaction
on the next open. ``synchronous=NORMAL`` is durable against a killed process (it can only lose the
last transactions on a power cut), which is the failure a desktop simulator meets.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from datetime import datetime
from pathlib import Path
from typing import Any

from simulator.clock import ScheduledItem

__all__ = ["SCHEMA_VERSION", "StorageError", "Store", "default_state_dir"]

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
"""


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

    def __init__(self, conn: sqlite3.Connection, path: Path | None) -> None:
        """Wrap an open connection; prefer :meth:`open` or :meth:`memory`."""
        self._conn = conn
        self.path = path
        """The database file, or None for an in-memory store."""

    @classmethod
    def open(cls, state_dir: Path) -> Store:
        """Open (creating if needed) ``state_dir/state.db``, or raise :class:`StorageError`."""
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

    def _migrate(self) -> None:
        current = self.get_meta("schema_version", 0)
        if current != SCHEMA_VERSION:
            with self.transaction():
                self._set_meta("schema_version", SCHEMA_VERSION)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic write: everything inside commits together or not at all."""
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield self._conn
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        else:
            self._conn.execute("COMMIT")

    # -- meta ------------------------------------------------------------------------------

    def get_meta(self, key: str, default: Any = None) -> Any:
        """A value from the key-value table, or ``default``."""
        row = self._conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return default if row is None else json.loads(row[0])

    def _set_meta(self, key: str, value: Any) -> None:
        self._conn.execute(
            "INSERT INTO meta(key, value) VALUES(?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, _dumps(value)),
        )

    # -- loading ---------------------------------------------------------------------------

    def skill_data(self) -> dict[str, dict[str, Any]]:
        """Every skill's persistent attributes."""
        rows = self._conn.execute("SELECT skill, data FROM skill_data").fetchall()
        return {skill: json.loads(data) for skill, data in rows}

    def scheduled(self) -> list[ScheduledItem]:
        """Pending scheduled items, in due order."""
        rows = self._conn.execute("SELECT item FROM scheduled ORDER BY due, id").fetchall()
        return [ScheduledItem.model_validate_json(row[0]) for row in rows]

    def device_state(self, home: str) -> dict[str, dict[str, Any]]:
        """Saved device state for one home, by device id."""
        rows = self._conn.execute(
            "SELECT device_id, state FROM device_state WHERE home = ?", (home,)
        ).fetchall()
        return {device_id: json.loads(state) for device_id, state in rows}

    def turns(self, limit: int = 100) -> list[dict[str, Any]]:
        """The most recent logged turns (as saved JSON), oldest first."""
        rows = self._conn.execute(
            "SELECT turn FROM turns ORDER BY id DESC LIMIT ?", (limit,)
        ).fetchall()
        return [json.loads(row[0]) for row in reversed(rows)]

    def turn_count(self) -> int:
        """How many turns the log holds."""
        row = self._conn.execute("SELECT COUNT(*) FROM turns").fetchone()
        return int(row[0]) if row else 0

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
    ) -> None:
        """Write everything one turn changed, atomically.

        ``scheduled``, when given, replaces the whole table (it is small: the pending items).
        ``devices`` updates the given devices' rows; with ``replace_devices`` the home's other
        rows are deleted first (used by a reset).
        """
        with self.transaction() as conn:
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


def _iso(value: Any) -> str | None:
    if isinstance(value, datetime):
        return value.isoformat()
    return None if value is None else str(value)
