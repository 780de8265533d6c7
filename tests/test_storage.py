"""Tests for the SQLite store (`simulator.storage`): opening, round-trips, bad files, and kills.

The kill test runs a writer in a subprocess, SIGKILLs it mid-stream, and checks that the database
still passes ``PRAGMA integrity_check`` and holds every turn the writer reported as committed.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from simulator.clock import ScheduledItem
from simulator.storage import SCHEMA_VERSION, StorageError, Store, default_state_dir

NOW = datetime(2026, 6, 1, 9, 0, 0)


def _item(item_id: str, minutes: int, label: str | None = None) -> ScheduledItem:
    return ScheduledItem(
        id=item_id,
        due=NOW + timedelta(minutes=minutes),
        created=NOW,
        owner="timer",
        label=label,
        payload={"say": f"{item_id} done"},
    )


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store.open(tmp_path / "state")
    yield s
    s.close()


# -- opening ---------------------------------------------------------------------------


def test_open_creates_the_directory_and_state_db(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b"
    s = Store.open(target)
    try:
        assert (target / "state.db").is_file()
        assert s.path == target / "state.db"
        assert s.get_meta("schema_version") == SCHEMA_VERSION
    finally:
        s.close()


def test_open_uses_wal_journal_mode(store: Store, tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "state" / "state.db")
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal"
    finally:
        conn.close()


def test_reopening_an_existing_store_keeps_its_data(tmp_path: Path) -> None:
    s = Store.open(tmp_path)
    s.commit_turn(meta={"k": "v"})
    s.close()
    s = Store.open(tmp_path)
    try:
        assert s.get_meta("k") == "v"
    finally:
        s.close()


def test_close_is_idempotent(tmp_path: Path) -> None:
    s = Store.open(tmp_path)
    s.close()
    s.close()


def test_default_state_dir_honours_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SPEAKER_SIM_STATE", str(tmp_path / "env-state"))
    assert default_state_dir() == tmp_path / "env-state"


# -- round trips -----------------------------------------------------------------------


def test_meta_round_trips_json_values(store: Store) -> None:
    store.commit_turn(meta={"dialog": {"a": [1, 2, None]}, "offset": 12.5, "name": "Zoë 🎉"})
    assert store.get_meta("dialog") == {"a": [1, 2, None]}
    assert store.get_meta("offset") == 12.5
    assert store.get_meta("name") == "Zoë 🎉"
    assert store.get_meta("missing", "default") == "default"
    store.commit_turn(meta={"offset": 20})
    assert store.get_meta("offset") == 20


def test_skill_data_round_trips_and_updates_per_skill(store: Store) -> None:
    store.commit_turn(skill_data={"hello": {"name": "Ada"}, "timer": {"count": 3}})
    store.commit_turn(skill_data={"hello": {"name": "Grace"}})
    assert store.skill_data() == {"hello": {"name": "Grace"}, "timer": {"count": 3}}


def test_scheduled_replaces_the_whole_table_and_loads_in_due_order(store: Store) -> None:
    store.commit_turn(scheduled=[_item("b", 10, "pasta"), _item("a", 5)])
    assert [i.id for i in store.scheduled()] == ["a", "b"]
    assert store.scheduled()[1].label == "pasta"
    assert store.scheduled()[1].payload == {"say": "b done"}
    store.commit_turn(scheduled=[_item("c", 1)])
    assert [i.id for i in store.scheduled()] == ["c"]
    store.commit_turn(meta={"x": 1})  # scheduled=None leaves the table alone
    assert [i.id for i in store.scheduled()] == ["c"]
    store.commit_turn(scheduled=[])
    assert store.scheduled() == []


def test_device_state_is_kept_per_home(store: Store) -> None:
    store.commit_turn(home="demo", devices={"lamp": {"on": True}, "fan": {"speed": 2}})
    store.commit_turn(home="other", devices={"lamp": {"on": False}})
    store.commit_turn(home="demo", devices={"lamp": {"on": False}})
    assert store.device_state("demo") == {"lamp": {"on": False}, "fan": {"speed": 2}}
    assert store.device_state("other") == {"lamp": {"on": False}}
    assert store.device_state("nowhere") == {}


def test_replace_devices_drops_the_homes_other_rows_only(store: Store) -> None:
    store.commit_turn(home="demo", devices={"lamp": {"on": True}, "fan": {"speed": 2}})
    store.commit_turn(home="other", devices={"fan": {"speed": 1}})
    store.commit_turn(home="demo", devices={"lamp": {"on": False}}, replace_devices=True)
    assert store.device_state("demo") == {"lamp": {"on": False}}
    assert store.device_state("other") == {"fan": {"speed": 1}}


def test_devices_without_a_home_are_not_written(store: Store) -> None:
    store.commit_turn(devices={"lamp": {"on": True}})
    assert store.device_state("") == {}


def test_turns_log_keeps_order_and_columns(store: Store, tmp_path: Path) -> None:
    for n in range(5):
        store.commit_turn(
            turns=[
                {
                    "text": f"utterance {n}",
                    "intent": "SayHello",
                    "skill": "hello",
                    "speech": f"reply {n}",
                    "at": NOW.isoformat(),
                    "dialog": {"session_id": "s1"},
                }
            ]
        )
    assert store.turn_count() == 5
    assert [t["text"] for t in store.turns(limit=3)] == [
        "utterance 2",
        "utterance 3",
        "utterance 4",
    ]
    conn = sqlite3.connect(tmp_path / "state" / "state.db")
    try:
        row = conn.execute(
            "SELECT text, intent, skill, speech, session_id, at FROM turns ORDER BY id LIMIT 1"
        ).fetchone()
    finally:
        conn.close()
    assert row == ("utterance 0", "SayHello", "hello", "reply 0", "s1", NOW.isoformat())


def test_commit_turn_is_atomic_when_a_part_fails(store: Store) -> None:
    store.commit_turn(meta={"k": "before"}, skill_data={"hello": {"n": 1}})

    class Unsaveable(ScheduledItem):
        def model_dump_json(self, **kwargs: object) -> str:  # type: ignore[override]
            raise RuntimeError("cannot serialise")

    bad = Unsaveable(id="bad", due=NOW, created=NOW)
    with pytest.raises(RuntimeError):
        store.commit_turn(meta={"k": "after"}, skill_data={"hello": {"n": 2}}, scheduled=[bad])
    assert store.get_meta("k") == "before"
    assert store.skill_data() == {"hello": {"n": 1}}


def test_memory_store_round_trips_without_a_file() -> None:
    s = Store.memory()
    try:
        assert s.path is None
        s.commit_turn(meta={"k": 1}, turns=[{"text": "hi"}], scheduled=[_item("a", 1)])
        assert s.get_meta("k") == 1
        assert s.turn_count() == 1
        assert [i.id for i in s.scheduled()] == ["a"]
    finally:
        s.close()


# -- bad files and directories ---------------------------------------------------------


def test_a_corrupt_file_raises_storage_error_naming_the_file(tmp_path: Path) -> None:
    db = tmp_path / "state.db"
    db.write_bytes(b"this is not sqlite at all \x00\xff\xfe" * 200)
    with pytest.raises(StorageError) as info:
        Store.open(tmp_path)
    message = str(info.value)
    assert str(db) in message
    assert "not a usable speaker-sim database" in message


def test_a_truncated_sqlite_file_raises_storage_error(tmp_path: Path) -> None:
    s = Store.open(tmp_path)
    for n in range(50):
        s.commit_turn(turns=[{"text": "x" * 500, "n": n}])
    s.close()
    for suffix in ("-wal", "-shm"):
        (tmp_path / f"state.db{suffix}").unlink(missing_ok=True)
    db = tmp_path / "state.db"
    data = db.read_bytes()
    # Keep the valid header but scribble over the pages after it.
    db.write_bytes(data[:100] + b"\xde\xad\xbe\xef" * ((len(data) - 100) // 4))
    with pytest.raises(StorageError, match=r"state\.db"):
        Store.open(tmp_path)


def _can_make_read_only(path: Path) -> bool:
    path.chmod(0o555)
    return not os.access(path, os.W_OK)


def test_a_read_only_directory_raises_storage_error(tmp_path: Path) -> None:
    ro = tmp_path / "ro"
    ro.mkdir()
    try:
        if not _can_make_read_only(ro):
            pytest.skip("permissions are not enforced here (running as root?)")
        with pytest.raises(StorageError) as info:
            Store.open(ro)
        assert "read-only" in str(info.value)
        assert str(ro) in str(info.value)
    finally:
        ro.chmod(0o755)


def test_a_directory_reported_unwritable_raises_storage_error_even_as_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Root ignores permission bits, so simulate the check failing instead."""
    real_access = os.access

    def fake_access(path: object, mode: int, **kwargs: object) -> bool:
        if mode == os.W_OK and Path(str(path)) == tmp_path:
            return False
        return real_access(path, mode)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "access", fake_access)
    with pytest.raises(StorageError) as info:
        Store.open(tmp_path)
    assert "read-only" in str(info.value)
    assert "--state" in str(info.value)


def test_a_directory_that_cannot_be_created_raises_storage_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    with pytest.raises(StorageError, match="cannot create the state directory"):
        Store.open(blocker / "state")


# -- kill -9 ---------------------------------------------------------------------------

_WRITER = """
import sys
from pathlib import Path
from simulator.storage import Store
store = Store.open(Path(sys.argv[1]))
n = 0
while True:
    n += 1
    store.commit_turn(
        turns=[{"text": f"turn {n}", "n": n, "padding": "x" * 2000}],
        meta={"last": n},
        skill_data={"writer": {"n": n}},
    )
    sys.stdout.write(f"{n}\\n")
    sys.stdout.flush()
"""


def _committed_ids(state: Path) -> tuple[str, set[int], int | None]:
    conn = sqlite3.connect(state / "state.db")
    try:
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        ids = {
            int(row[0])
            for row in conn.execute("SELECT json_extract(turn, '$.n') FROM turns").fetchall()
        }
        last = conn.execute("SELECT value FROM meta WHERE key = 'last'").fetchone()
    finally:
        conn.close()
    return integrity, ids, int(last[0]) if last else None


@pytest.mark.parametrize("wanted", [1, 7, 40, 150])
def test_kill_9_mid_write_loses_no_committed_turn(tmp_path: Path, wanted: int) -> None:
    """SIGKILL the writer after ``wanted`` reported commits; every reported turn survives."""
    state = tmp_path / "state"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(state)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    printed: list[int] = []
    try:
        assert proc.stdout is not None
        deadline = time.monotonic() + 30
        while len(printed) < wanted and time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            printed.append(int(line))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        # The pipe may hold lines printed after the last one we read: they count too.
        rest, err = proc.communicate(timeout=10)
        printed.extend(int(x) for x in rest.split() if x.strip().isdigit())
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL
    assert len(printed) >= wanted, f"writer stopped early: {err}"
    integrity, ids, last = _committed_ids(state)
    assert integrity == "ok"
    missing = set(printed) - ids
    assert not missing, f"committed turns lost after kill -9: {sorted(missing)[:10]}"
    assert last is not None and last >= max(printed)
    # The store opens cleanly afterwards and can go on writing.
    s = Store.open(state)
    try:
        assert s.turn_count() == len(ids)
        s.commit_turn(turns=[{"text": "after the kill"}])
        assert s.turns(limit=1)[0]["text"] == "after the kill"
    finally:
        s.close()
