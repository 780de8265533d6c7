"""Issue 8 (skills that misbehave): what a handler returns, stores, raises or prints cannot break
the simulator, lose the rest of the input or reach the terminal and the database unchecked."""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import run_cli_in_process

from simulator import loader
from simulator.engine import Simulator
from simulator.engine.guards import MAX_SPEECH_CHARS
from simulator.loader import SkillLoadError, load_skills
from simulator.sdk import Response, Skill, SkillContext

NOW = dt.datetime(2026, 6, 1, 9, 0)
CHAT = ["chat", "--jsonl"]

bad = Skill("bad", description="Misbehaves on purpose", timeout=0.3)
UNSTORABLE: dict[str, Any] = {}


@bad.intent("Store", samples=["store the thing"])
def store(ctx: SkillContext) -> Response:
    ctx.persistent["kept"] = "no"
    ctx.persistent["thing"] = UNSTORABLE["value"]
    return Response.speak("stored")


@bad.intent("StoreSession", samples=["remember the thing"])
def store_session(ctx: SkillContext) -> Response:
    ctx.session.attributes["thing"] = UNSTORABLE["value"]
    return Response.speak("remembered")


@bad.intent("Count", samples=["count up"])
def count(ctx: SkillContext) -> Response:
    ctx.persistent["n"] = ctx.persistent.get("n", 0) + 1
    return Response.speak(f"count {ctx.persistent['n']}")


@bad.intent("Say", samples=["say the thing"])
def say(ctx: SkillContext) -> Response:
    return Response.speak(UNSTORABLE["speech"]).card("t\x1b]0;owned\x07itle", "body")


@bad.intent("Interrupt", samples=["press control c"])
def interrupt(ctx: SkillContext) -> Response:
    raise KeyboardInterrupt


@bad.intent("Exit", samples=["exit now"])
def leave(ctx: SkillContext) -> Response:
    sys.exit(3)


@bad.intent("HardExit", samples=["exit hard"])
def hard_exit(ctx: SkillContext) -> Response:
    os._exit(5)


@bad.intent("Spin", samples=["spin forever"])
def spin(ctx: SkillContext) -> Response:
    while True:
        pass


def _circular() -> dict[str, Any]:
    loop: dict[str, Any] = {}
    loop["self"] = loop
    return loop


UNSTORABLE_VALUES = {
    "circular": (_circular(), "circular"),
    "tuple-key": ({(1, 2): "x"}, "keys must be str"),
    "lock": (threading.Lock(), "lock"),
    "lambda": (lambda: 1, "function"),
    "5000-digit-int": (10**4999, "5,000 digits"),
    "set": ({1, 2}, "set"),
    "datetime": (dt.datetime(2026, 1, 1), "datetime"),
    "nan": (float("nan"), "nan"),
    "surrogate": ("\udc80", "surrogate"),
}


@pytest.fixture
def sim() -> Any:
    simulator = Simulator([bad], now=NOW)
    yield simulator
    simulator.close()


@pytest.mark.parametrize("name", sorted(UNSTORABLE_VALUES))
def test_unstorable_skill_data_fails_the_turn_naming_key_and_type(
    sim: Simulator, name: str
) -> None:
    value, words = UNSTORABLE_VALUES[name]
    UNSTORABLE["value"] = value
    assert sim.handle_sync("count up").speech == "count 1"
    turn = sim.handle_sync("store the thing")
    assert turn.error is not None and turn.error.code == "SKILL_ERROR"
    assert "'thing'" in turn.error.message and words in turn.error.message
    # Nothing of that turn is kept, and the next turns (and saves) work.
    assert sim.skill_data["bad"] == {"n": 1}
    assert sim.handle_sync("count up").speech == "count 2"
    turn = sim.handle_sync("remember the thing")
    assert turn.error is not None and "ctx.session.attributes['thing']" in turn.error.message
    assert sim.store.skill_data()["bad"] == {"n": 2}


def test_unstorable_data_in_chat_does_not_lose_the_rest_of_stdin(tmp_path: Path) -> None:
    folder = tmp_path / "skills"
    folder.mkdir()
    (folder / "setter.py").write_text(
        "from simulator.sdk import Response, Skill, SkillContext\n"
        "skill = Skill('setter')\n"
        "@skill.intent('Put', samples=['put a set'])\n"
        "def put(ctx: SkillContext) -> Response:\n"
        "    ctx.persistent['s'] = {1, 2}\n"
        "    return Response.speak('done')\n",
        encoding="utf-8",
    )
    proc = run_cli_in_process(
        [*CHAT, "--skills-dir", str(folder), "--state", str(tmp_path / "state")],
        stdin="put a set\nwhat time is it\n",
    )
    assert proc.returncode == 0 and "Traceback" not in proc.stderr
    turns = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [t["error"]["code"] if t["error"] else None for t in turns] == ["SKILL_ERROR", None]


@pytest.mark.parametrize(
    ("speech", "absent"),
    [
        ("bad \udc80 text", "\udc80"),
        ("clear \x1b[2J\x1b[H screen", "\x1b"),
        ("title \x1b]0;owned\x07 bell \x07 nul \x00", "\x07"),
    ],
    ids=["surrogate", "csi", "osc"],
)
def test_skill_speech_is_cleaned_before_it_is_printed_or_stored(
    tmp_path: Path, speech: str, absent: str
) -> None:
    UNSTORABLE["speech"] = speech
    simulator = Simulator([bad], now=NOW, store=None)
    try:
        turn = simulator.handle_sync("say the thing")
        assert turn.speech is not None and absent not in turn.speech
        assert turn.card is not None and "\x1b" not in turn.card.title
        json.dumps(turn.model_dump(mode="json"), ensure_ascii=False).encode("utf-8")
        assert simulator.store.turns()[-1]["speech"] == turn.speech
        speeches = [s.detail.get("speech") for s in turn.trace if s.stage == "response"]
        assert speeches == [turn.speech]
    finally:
        simulator.close()


def test_overlong_speech_is_cut_with_a_marker(sim: Simulator) -> None:
    UNSTORABLE["speech"] = "word " * 100_000
    turn = sim.handle_sync("say the thing")
    assert turn.speech is not None
    assert len(turn.speech) < MAX_SPEECH_CHARS + 100
    assert turn.speech.endswith("more characters cut]")


def test_a_yaml_response_cannot_blow_up(tmp_path: Path) -> None:
    (tmp_path / "big.yaml").write_text(
        "skill: big\nintents:\n  Big:\n    samples: ['make it {size}']\n"
        "    slots:\n      size: {type: text}\n"
        "    response: '{size:>100000000}" + " {size}" * 20000 + "'\n",
        encoding="utf-8",
    )
    loaded = load_skills(tmp_path, bundled=False, entry_point_skills=False)
    simulator = Simulator(loaded.skills, now=NOW)
    try:
        turn = simulator.handle_sync("make it large")
    finally:
        simulator.close()
    assert turn.error is None and turn.speech is not None
    assert turn.speech.startswith("large large")
    assert len(turn.speech) < MAX_SPEECH_CHARS + 100


@pytest.mark.parametrize(
    ("utterance", "raised"),
    [("press control c", "KeyboardInterrupt"), ("exit now", "SystemExit"), ("exit hard", "_exit")],
)
def test_interrupts_and_exits_in_a_handler_are_skill_errors(
    sim: Simulator, utterance: str, raised: str
) -> None:
    turn = sim.handle_sync(utterance)
    assert turn.error is not None and turn.error.code == "SKILL_ERROR"
    assert raised in turn.error.message
    assert sim.handle_sync("count up").speech == "count 1"


def test_a_busy_loop_is_stopped_after_its_timeout_and_the_next_turn_runs(sim: Simulator) -> None:
    turn = sim.handle_sync("spin forever")
    assert turn.error is not None and turn.error.code == "SKILL_TIMEOUT"
    assert sim.handle_sync("count up").speech == "count 1"
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(
        t.name == "skill-handler" and t.is_alive() for t in threading.enumerate()
    ):
        time.sleep(0.05)
    assert not any(t.name == "skill-handler" and t.is_alive() for t in threading.enumerate())


def _skill_dir(tmp_path: Path, source: str) -> Path:
    folder = tmp_path / "skills"
    folder.mkdir(exist_ok=True)
    (folder / "slow.py").write_text(source, encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("body", "line"),
    [("x = 0\nwhile True:\n    x += 1\n", (2, 3)), ("import time\n\ntime.sleep(60)\n", (3,))],
    ids=["loop", "sleep"],
)
def test_a_skill_that_hangs_at_import_is_cut_off_naming_file_and_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str, line: tuple[int, ...]
) -> None:
    monkeypatch.setattr(loader, "IMPORT_TIMEOUT", 0.5)
    folder = _skill_dir(tmp_path, body)
    with pytest.raises(SkillLoadError) as info:
        load_skills(folder, bundled=False, entry_point_skills=False)
    assert info.value.path.endswith("slow.py") and info.value.line in line
    assert "longer than 0.5 s" in info.value.cause


def test_os_exit_at_import_is_a_load_error(tmp_path: Path) -> None:
    folder = _skill_dir(tmp_path, "import os\n\nos._exit(5)\n")
    with pytest.raises(SkillLoadError) as info:
        load_skills(folder, bundled=False, entry_point_skills=False)
    assert info.value.line == 3 and "os._exit(5)" in info.value.cause


GOOD = """\
from simulator.sdk import Response, Skill, SkillContext

skill = Skill("slow")


@skill.intent("Ping", samples=["ping"])
def ping(ctx: SkillContext) -> Response:
    return Response.speak("pong {version}")
"""


def test_a_failed_reload_keeps_the_previous_version_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(loader, "IMPORT_TIMEOUT", 0.5)
    folder = _skill_dir(tmp_path, GOOD.replace("{version}", "one"))
    simulator = Simulator.create(skills_dir=folder, bundled=False, now=NOW)
    try:
        assert simulator.handle_sync("ping").speech == "pong one"
        (folder / "slow.py").write_text(
            GOOD.replace("{version}", "two") + "\nwhile True:\n    pass\n", encoding="utf-8"
        )
        error = simulator.reload_skills()
        assert error is not None and ("slow.py:9:" in error or "slow.py:10:" in error)
        assert simulator.handle_sync("ping").speech == "pong one"
    finally:
        simulator.close()


def test_skill_prints_and_thread_errors_stay_off_the_jsonl_stream(tmp_path: Path) -> None:
    folder = tmp_path / "skills"
    folder.mkdir()
    (folder / "noisy.py").write_text(
        "import threading\n"
        "from simulator.sdk import Response, Skill, SkillContext\n"
        "skill = Skill('noisy')\n"
        "def boom() -> None:\n"
        "    raise ValueError('in a thread')\n"
        "@skill.intent('Noise', samples=['make some noise'])\n"
        "def noise(ctx: SkillContext) -> Response:\n"
        '    print(\'{"text": "a fake turn"}\')\n'
        "    t = threading.Thread(target=boom)\n"
        "    t.start()\n"
        "    t.join()\n"
        "    return Response.speak('done')\n",
        encoding="utf-8",
    )
    proc = run_cli_in_process(
        [*CHAT, "--skills-dir", str(folder), "--state", str(tmp_path / "state")],
        stdin="make some noise\n",
    )
    turns = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [t["speech"] for t in turns] == ["done"]
    assert "a fake turn" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert "skill error in thread" in proc.stderr and "noisy.py:5" in proc.stderr


def test_fired_timer_turns_are_written_to_the_conversation_log(tmp_path: Path) -> None:
    simulator = Simulator.create(state_dir=tmp_path, now=NOW)
    try:
        simulator.handle_sync("set a timer for 1 minute")
        fired = simulator.advance_sync(dt.timedelta(minutes=2))
        assert [t.speech for t in fired] == ["Your timer is done."]
    finally:
        simulator.close()
    conn = sqlite3.connect(tmp_path / "state.db")
    rows = conn.execute("SELECT text, speech FROM turns ORDER BY id").fetchall()
    conn.close()
    assert rows == [
        ("set a timer for 1 minute", "Timer set for 1 minute."),
        (None, "Your timer is done."),
    ]


# -- 17: :advance ------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["99999999999d", "3651d", "9" * 400 + "s", "20y"])
def test_advance_out_of_range_is_refused(value: str) -> None:
    from simulator.cli import _UsageError, parse_advance

    with pytest.raises(_UsageError, match=r"at most 10 years|too long"):
        parse_advance(value)


def test_chat_refuses_a_huge_advance_and_carries_on(tmp_path: Path) -> None:
    proc = run_cli_in_process(
        ["chat", "--state", str(tmp_path), "--now", "9999-12-30T09:00"],
        stdin=":advance 99999999999d\n:advance 5d\nhello\n",
    )
    assert proc.returncode == 0 and "Traceback" not in proc.stderr
    assert "too long" in proc.stderr and "past the year 9999" in proc.stderr
    assert proc.stdout.strip()


def test_advancing_costs_events_not_virtual_time(monkeypatch: pytest.MonkeyPatch) -> None:
    from simulator.devices.simulation import Simulation

    slices = 0
    original = Simulation._slice

    def counting(self: Simulation, dt_: float, rng: Any) -> None:
        nonlocal slices
        slices += 1
        original(self, dt_, rng)

    monkeypatch.setattr(Simulation, "_slice", counting)
    simulator = Simulator.create(now=NOW, seed=1)
    try:
        assert simulator.home is not None
        simulator.handle_sync("set a timer for 30 hours")
        simulator.advance_sync(dt.timedelta(days=3))
        fired_at = simulator.clock.now()
        thermometer = next(
            d for d in simulator.home.devices.values() if d.name == "Living room thermometer"
        )
        # The quiet stretches were skipped, not simulated 5 s at a time (3 days = 51,840 slices);
        # rooms without heating drifted to ambient all the same.
        assert slices <= 4 * 3600 / 5 + 10
        assert abs(thermometer.get("temperature") - 17.0) < 0.5
        assert fired_at == NOW + dt.timedelta(days=3)
    finally:
        simulator.close()
