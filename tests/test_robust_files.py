"""Issue 8 (files, databases, command line): odd files, damaged databases, a full disk, a
read-only state directory, a hostile skills folder and a program talking to the CLI line by line.

Each test reproduces one audit finding; none of them may give a traceback.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from simulator.cli import main
from simulator.devices import HomeFileError, load_home
from simulator.engine import Simulator
from simulator.loader import SkillLoadError, load_skills
from simulator.storage import SCHEMA_VERSION, StorageError, Store
from simulator.yamlfile import MAX_FILE_BYTES

NOW = "2026-06-01T09:00"

HOME = """\
name: Small
rooms:
  - id: lounge
    name: Lounge
devices:
  - id: lamp
    name: Lamp
    type: light
    room: lounge
"""


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


# -- 10: home files ------------------------------------------------------------------------


def _home_error(path: Path) -> HomeFileError:
    with pytest.raises(HomeFileError) as info:
        load_home(path)
    return info.value


@pytest.mark.parametrize(
    ("text", "line", "cause"),
    [
        ('name: "a\x00b"\nrooms: []\n', 1, "U+0000"),
        ("name: x\nspeaker_room: " + "9" * 5000 + "\n", 2, "number too long"),
        ("name: x\nrooms: " + "[" * 1000 + "]" * 1000 + "\n", 2, "nested more than"),
    ],
    ids=["nul", "5000-digit-number", "1000-levels"],
)
def test_odd_home_files_are_refused_with_file_line_and_cause(
    tmp_path: Path, text: str, line: int, cause: str
) -> None:
    path = tmp_path / "odd.yaml"
    path.write_text(text, encoding="utf-8")
    error = _home_error(path)
    assert error.line == line
    assert cause in error.message
    assert "odd.yaml" in str(error)


def test_a_yaml_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert path.stat().st_size < 2000
    error = _home_error(path)
    assert "aliases expand" in error.message
    assert error.line is not None


def test_a_file_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_text(HOME + "#" * MAX_FILE_BYTES, encoding="utf-8")
    assert "too large" in _home_error(path).message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_or_device_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "home.yaml"
    os.mkfifo(fifo)
    assert "not a regular file" in _home_error(fifo).message
    if Path("/dev/zero").exists():
        assert "not a regular file" in _home_error(Path("/dev/zero")).message


def test_an_odd_home_file_exits_2_from_the_cli(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text("name: x\nrooms: " + "[" * 500 + "]" * 500 + "\n", encoding="utf-8")
    code, _, err = run(["devices", "--home", str(path), "--state", str(tmp_path / "s")], capsys)
    assert code == 2
    assert "deep.yaml:2:" in err


# -- 11: HassIL sentence files of the wrong shape -----------------------------------------------

HASSIL_SHAPES = {
    "intents-list": ("language: en\nintents: [a, b]\n", 2, "intents"),
    "intent-string": ('language: en\nintents:\n  X: "hello"\n', 3, "intents.X"),
    "data-mapping": (
        "language: en\nintents:\n  X:\n    data: {sentences: [hi]}\n",
        4,
        "intents.X.data",
    ),
    "block-string": (
        'language: en\nintents:\n  X:\n    data: ["hello there"]\n',
        4,
        "intents.X.data[0]",
    ),
    "lists-list": (
        'language: en\nintents:\n  X:\n    data: [{sentences: ["hi"]}]\nlists: [a]\n',
        5,
        "lists",
    ),
    "rules-list": (
        'language: en\nintents:\n  X:\n    data: [{sentences: ["hi"]}]\nexpansion_rules: [a]\n',
        5,
        "expansion_rules",
    ),
    "values-mapping": (
        'language: en\nintents:\n  X:\n    data: [{sentences: ["hi {x}"]}]\n'
        "lists:\n  x:\n    values: {a: b}\n",
        7,
        "lists.x.values",
    ),
    "data-of-numbers": ("language: en\ndata: [5]\n", 2, "data[0]"),
}


@pytest.mark.parametrize("name", sorted(HASSIL_SHAPES))
def test_hassil_files_of_the_wrong_shape_name_file_line_and_field(
    tmp_path: Path, name: str
) -> None:
    text, line, field = HASSIL_SHAPES[name]
    folder = tmp_path / "skills"
    folder.mkdir()
    (folder / "sentences.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(SkillLoadError) as info:
        load_skills(folder, bundled=False, entry_point_skills=False)
    assert info.value.line == line
    assert info.value.path.endswith("sentences.yaml")
    assert info.value.cause.startswith(field + ":")


# -- 12: damaged and future-format databases ------------------------------------------------


def _state_with_a_timer(tmp_path: Path) -> Path:
    state = tmp_path / "state"
    sim = Simulator.create(state_dir=state, now=None)
    try:
        sim.handle_sync("set a timer for 5 minutes")
        sim.handle_sync("turn on the hallway light")
    finally:
        sim.close()
    return state


def _sql(state: Path, *statements: str) -> None:
    conn = sqlite3.connect(state / "state.db")
    try:
        for statement in statements:
            conn.execute(statement)
        conn.commit()
    finally:
        conn.close()


def test_a_newer_schema_is_refused_and_left_alone(tmp_path: Path) -> None:
    state = _state_with_a_timer(tmp_path)
    _sql(state, f"UPDATE meta SET value='{SCHEMA_VERSION + 1}' WHERE key='schema_version'")
    with pytest.raises(StorageError, match="newer speaker-sim"):
        Store.open(state)
    conn = sqlite3.connect(state / "state.db")
    row = conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
    conn.close()
    assert row == (str(SCHEMA_VERSION + 1),)


def test_a_new_required_column_is_refused(tmp_path: Path) -> None:
    state = _state_with_a_timer(tmp_path)
    _sql(
        state,
        "DROP TABLE skill_data",
        "CREATE TABLE skill_data (skill TEXT PRIMARY KEY, data TEXT NOT NULL, v INTEGER NOT NULL)",
    )
    with pytest.raises(StorageError, match="required column 'v'"):
        Store.open(state)


def test_an_older_file_with_a_missing_column_is_migrated(tmp_path: Path) -> None:
    state = _state_with_a_timer(tmp_path)
    _sql(state, "ALTER TABLE turns DROP COLUMN speech", "DELETE FROM meta")
    store = Store.open(state)
    try:
        assert store.get_meta("schema_version") == SCHEMA_VERSION
        assert store.turn_count() == 2
        store.commit_turn(turns=[{"text": "x", "speech": "y"}])
        assert store.turn_count() == 3
        assert [i.label for i in store.scheduled()] == [None]
    finally:
        store.close()


@pytest.mark.parametrize(
    ("statement", "table"),
    [
        ("UPDATE scheduled SET item='{bad'", "scheduled"),
        ("UPDATE meta SET value='nope' WHERE key='clock_offset'", "meta"),
        ("UPDATE meta SET value='\"x\"' WHERE key='clock_offset'", "meta"),
        ("UPDATE meta SET value='NaN' WHERE key='clock_offset'", "meta"),
        ("INSERT INTO skill_data VALUES('broken', '[1,2')", "skill_data"),
        ("INSERT INTO skill_data VALUES('listy', '[1,2]')", "skill_data"),
        ("UPDATE device_state SET state='[1]' WHERE rowid=1", "device_state"),
    ],
)
def test_damaged_rows_are_reported_and_quarantined_not_fatal(
    tmp_path: Path, statement: str, table: str, capsys: pytest.CaptureFixture[str]
) -> None:
    state = _state_with_a_timer(tmp_path)
    _sql(state, statement)
    code, out, err = run(["say", "hello", "--state", str(state)], capsys)
    assert code == 0
    assert out.strip()
    assert "warning" in err and table in err and "quarantine" in err
    conn = sqlite3.connect(state / "state.db")
    rows = conn.execute("SELECT source FROM quarantine").fetchall()
    conn.close()
    assert (table,) in rows
    # Reported once: the damaged row is gone from its table.
    _, _, err = run(["say", "hello", "--state", str(state)], capsys)
    assert "quarantine" not in err


# -- 13: a full disk ------------------------------------------------------------------------


def test_a_full_disk_is_reported_once_and_the_speaker_keeps_answering(tmp_path: Path) -> None:
    sim = Simulator.create(state_dir=tmp_path / "state", now=None)
    try:
        sim.handle_sync("hello")
        conn = sim.store._conn
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count={pages}")  # the real SQLITE_FULL error
        speeches = [sim.handle_sync("what time is it").speech for _ in range(40)]
        assert all(speeches)
        notices = sim.store.take_notices()
        assert len(notices) == 1
        assert "full" in notices[0] and "nothing is saved" in notices[0]
        conn.execute("PRAGMA max_page_count=1073741823")
        sim.handle_sync("set a timer for 5 minutes")
        assert sim.store.take_notices() == [f"saving to {sim.store.path} works again"]
    finally:
        sim.close()
    store = Store.open(tmp_path / "state")
    try:
        assert [i.kind for i in store.scheduled()] == ["timer"]
    finally:
        store.close()


# -- 14: read-only state directories --------------------------------------------------------


def test_read_only_commands_work_on_a_read_only_state_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    state = _state_with_a_timer(tmp_path)
    real_access = os.access

    def no_writes(path: object, mode: int, **kwargs: object) -> bool:
        # Root ignores permission bits: make every write check fail instead.
        return False if mode & os.W_OK else real_access(path, mode)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "access", no_writes)
    before = (state / "state.db").stat().st_mtime_ns
    for argv in (["devices", "--json"], ["skills"]):
        code, out, _ = run([*argv, "--state", str(state)], capsys)
        assert code == 0 and out
    monkeypatch.setattr(sys, "stdin", _Lines("turn on the lamp\n"))
    code, out, _ = run(["route", "--context", "--jsonl", "--state", str(state)], capsys)
    assert code == 0 and json.loads(out)["text"] == "turn on the lamp"
    assert (state / "state.db").stat().st_mtime_ns == before


class _Lines:
    """A stdin stand-in for in-process runs."""

    def __init__(self, text: str) -> None:
        self._lines = text.splitlines(keepends=True)

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        if not self._lines:
            raise StopIteration
        return self._lines.pop(0)

    def readline(self) -> str:
        return self._lines.pop(0) if self._lines else ""

    def isatty(self) -> bool:
        return False


@pytest.mark.parametrize("option", ["--state", "--home", "--skills-dir"])
def test_an_empty_path_option_is_a_usage_error(
    option: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as info:
        main(["devices", option, ""])
    assert info.value.code == 2
    assert "empty path" in capsys.readouterr().err
    assert not (tmp_path / "state.db").exists()


# -- 15: what --skills-dir loads --------------------------------------------------------------

SKILL = """\
from simulator.sdk import Response, Skill, SkillContext

skill = Skill("{name}")


@skill.intent("Ping{name}", samples=["ping {name}"])
def ping(ctx: SkillContext) -> Response:
    return Response.speak("pong")
"""


def test_a_symlink_out_of_the_skills_folder_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside.py"
    outside.write_text(SKILL.replace("{name}", "outside"), encoding="utf-8")
    folder = tmp_path / "skills"
    folder.mkdir()
    (folder / "linked.py").symlink_to(outside)
    with pytest.raises(SkillLoadError, match="outside the skills folder"):
        load_skills(folder, bundled=False, entry_point_skills=False)


def test_a_symlink_inside_the_folder_is_fine(tmp_path: Path) -> None:
    folder = tmp_path / "skills"
    (folder / "real").mkdir(parents=True)
    (folder / "real" / "x.py").write_text(SKILL.replace("{name}", "inner"), encoding="utf-8")
    (folder / "inner.py").symlink_to(folder / "real" / "x.py")
    loaded = load_skills(folder, bundled=False, entry_point_skills=False)
    assert [s.name for s in loaded.skills] == ["inner"]


def test_test_files_and_tests_packages_are_not_loaded_and_nothing_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As in a plain interpreter (CI may set PYTHONDONTWRITEBYTECODE): Python would write
    # __pycache__ beside every imported file.
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    folder = tmp_path / "skills"
    (folder / "tests").mkdir(parents=True)
    boom = "raise RuntimeError('a test file was imported')\n"
    (folder / "tests" / "__init__.py").write_text(boom, encoding="utf-8")
    (folder / "ping_test.py").write_text(boom, encoding="utf-8")
    (folder / "test_ping.py").write_text(boom, encoding="utf-8")
    (folder / "pkg").mkdir()
    (folder / "pkg" / "__init__.py").write_text(
        SKILL.replace("{name}", "pkg").replace(
            "from simulator.sdk", "from .helper import WORD\nfrom simulator.sdk"
        ),
        encoding="utf-8",
    )
    (folder / "pkg" / "helper.py").write_text("WORD = 'x'\n", encoding="utf-8")
    (folder / "plain.py").write_text(SKILL.replace("{name}", "plain"), encoding="utf-8")
    before = sorted(p.relative_to(folder) for p in folder.rglob("*"))
    loaded = load_skills(folder, bundled=False, entry_point_skills=False)
    assert sorted(s.name for s in loaded.skills) == ["pkg", "plain"]
    assert sorted(p.relative_to(folder) for p in folder.rglob("*")) == before


def test_common_yaml_above_the_skills_folder_is_not_read(tmp_path: Path) -> None:
    # Broken on purpose: reading it at all would fail the load.
    (tmp_path / "_common.yaml").write_text("lists: [\n", encoding="utf-8")
    folder = tmp_path / "skills"
    folder.mkdir()
    (folder / "paint.yaml").write_text(
        'language: en\nintents:\n  Paint:\n    data: [{sentences: ["paint it {colour}"]}]\n',
        encoding="utf-8",
    )
    loaded = load_skills(folder, bundled=False, entry_point_skills=False)
    assert [s.name for s in loaded.skills] == ["paint"]


# -- 16: replies are flushed line by line ------------------------------------------------------


def _console() -> list[str]:
    script = Path(sys.executable).parent / "speaker-sim"
    return [str(script)] if script.exists() else [sys.executable, "-m", "simulator"]


@pytest.mark.parametrize(
    "args", [["chat", "--jsonl"], ["route", "--jsonl"], ["route"]], ids=" ".join
)
def test_a_reply_arrives_before_stdin_closes(tmp_path: Path, args: list[str]) -> None:
    # Unbuffered output would hide the bug: the CLI itself must flush each reply.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    proc = subprocess.Popen(
        [*_console(), *args, "--state", str(tmp_path / "state"), "--now", NOW],
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdin is not None and proc.stdout is not None
    answers: list[str] = []
    reader = threading.Thread(target=lambda: answers.append(proc.stdout.readline()), daemon=True)
    try:
        proc.stdin.write("what time is it\n")
        proc.stdin.flush()
        reader.start()
        reader.join(timeout=60)
        got = list(answers)
    finally:
        proc.stdin.close()
        proc.wait(timeout=60)
    assert got and got[0].strip(), "no reply while stdin was still open"
    if "--jsonl" in args:
        assert json.loads(got[0])["text"] == "what time is it"


# -- 18, 19, 21, 22: the command line ---------------------------------------------------------


@pytest.mark.parametrize("value", ["2026-06-01T07:30+02:00", "2026-06-01T07:30Z"])
def test_now_with_a_timezone_offset_is_a_usage_error(
    value: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(["say", "hi", "--now", value, "--state", str(tmp_path)], capsys)
    assert code == 2
    assert "timezone offset" in err


def test_eval_ha_tests_on_a_missing_path_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(["eval", "ha-tests", str(tmp_path / "nope")], capsys)
    assert code == 2
    assert "nope" in err and "tests/en" in err
    assert "passed" not in out


@pytest.mark.parametrize(
    ("text", "line"),
    [("language: en\ntests:\n  - sentences: [a\n", 4), ('language: en\ntests:\n  - "x"\n', 3)],
    ids=["syntax", "shape"],
)
def test_eval_ha_tests_on_a_broken_file_names_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, line: int
) -> None:
    folder = tmp_path / "tests" / "en" / "HassTurnOn"
    folder.mkdir(parents=True)
    (folder / "bad.yaml").write_text(text, encoding="utf-8")
    code, _, err = run(["eval", "ha-tests", str(tmp_path)], capsys)
    assert code == 2
    assert f"bad.yaml:{line}:" in err


@pytest.mark.parametrize(
    "utterance", ["set a timer for 99999999 days", "set a timer for 99999999999 minutes"]
)
def test_the_timer_skill_answers_huge_durations_with_its_range(utterance: str) -> None:
    sim = Simulator.create(now=None)
    try:
        turn = sim.handle_sync(utterance)
    finally:
        sim.close()
    assert turn.error is None
    assert turn.speech is not None and "1 second to 24 hours" in turn.speech
    assert sim.clock.pending() == []


@pytest.mark.parametrize(
    ("source", "line"),
    [
        ("from simulator.sdk import Skill\nx = 1\nraise KeyboardInterrupt\n", 3),
        ("import sys\n\nsys.exit(3)\n", 3),
        ('from simulator.sdk import Skill\n\nskill = Skill("timer")\n', 3),
    ],
    ids=["keyboard-interrupt", "sys-exit", "duplicate-name"],
)
def test_skill_load_errors_name_file_and_line(
    tmp_path: Path, source: str, line: int, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "skills"
    folder.mkdir()
    (folder / "bad.py").write_text(source, encoding="utf-8")
    code, _, err = run(["skills", "--skills-dir", str(folder)], capsys)
    assert code == 2
    assert f"bad.py:{line}:" in err
