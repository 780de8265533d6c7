"""Tests for the ``speaker-sim`` command line (the CLI contract).

Most run ``main(argv)`` in this process (tests/conftest.py, `run_cli_in_process`); the tests that
pass ``command=`` or ``real=True`` start a real process (the console script, ``python -m``), which
is what a user or a program driving the CLI does. Every run gets ``--state`` in a tmp dir and
``SPEAKER_SIM_STATE`` pointing at another tmp dir, so nothing touches the user's real data.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from conftest import run_cli_in_process

NOW = "2026-06-01T09:00"
TURN_KEYS = {
    "text",
    "intent",
    "skill",
    "confidence",
    "slots",
    "speech",
    "reprompt",
    "session_ended",
    "device_changes",
    "error",
    "trace",
}
ROUTE_KEYS = {"text", "intent", "skill", "confidence", "slots", "source", "alternatives"}
SUBCOMMANDS = ["say", "chat", "route", "skills", "devices", "bench", "eval", "tui"]


def _console_script() -> list[str]:
    script = Path(sys.executable).parent / "speaker-sim"
    if script.exists():
        return [str(script)]
    found = shutil.which("speaker-sim")
    return [found] if found else [sys.executable, "-m", "simulator.cli"]


class CLI:
    """Runs the CLI with an isolated state directory, in-process unless asked otherwise."""

    def __init__(self, tmp_path: Path) -> None:
        self.state = tmp_path / "state"
        self.env_state = tmp_path / "env-state"
        self.env = {**os.environ, "SPEAKER_SIM_STATE": str(self.env_state)}
        self.env.pop("NO_COLOR", None)

    def run(
        self,
        *args: str,
        stdin: str | None = None,
        state: bool = True,
        command: list[str] | None = None,
        real: bool = False,
        timeout: float = 60,
    ) -> subprocess.CompletedProcess[str]:
        options = list(args)
        if state and args and not args[0].startswith("-"):
            options += ["--state", str(self.state)]
        if command is None and not real:
            return run_cli_in_process(
                options,
                stdin=stdin or "",
                env={"SPEAKER_SIM_STATE": str(self.env_state), "NO_COLOR": None},
            )
        argv = [*(command or _console_script()), *options]
        return subprocess.run(
            argv,
            input=stdin,
            capture_output=True,
            text=True,
            env=self.env,
            timeout=timeout,
            check=False,
        )

    def ok(self, *args: str, stdin: str | None = None, real: bool = False) -> str:
        proc = self.run(*args, stdin=stdin, real=real)
        assert proc.returncode == 0, f"exit {proc.returncode}\nstderr:\n{proc.stderr}"
        assert "Traceback" not in proc.stderr, proc.stderr
        return proc.stdout


@pytest.fixture
def cli(tmp_path: Path) -> CLI:
    return CLI(tmp_path)


def _jsonl(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


# -- say ------------------------------------------------------------------------------


def test_say_prints_the_speech(cli: CLI) -> None:
    import gc

    out = cli.ok("say", "what", "time", "is", "it", "--now", NOW)
    assert out.strip() == "It's 9 AM."
    # `say` pauses the collector for its turn and, as the program, freezes the objects before
    # it ends; called in process (the tests, a library user) it must freeze nothing.
    assert gc.get_freeze_count() == 0


def test_say_json_prints_a_turn_with_every_contract_key(cli: CLI) -> None:
    out = cli.ok("say", "--json", "--now", NOW, "set a pasta timer for 5 minutes")
    turns = _jsonl(out)
    assert len(turns) == 1
    turn = turns[0]
    assert set(turn) >= TURN_KEYS
    assert turn["text"] == "set a pasta timer for 5 minutes"
    assert turn["intent"] == "StartTimer"
    assert turn["skill"] == "timer"
    assert 0 <= turn["confidence"] <= 1
    assert turn["error"] is None
    assert isinstance(turn["device_changes"], list)
    assert turn["speech"] == "Pasta timer set for 5 minutes."
    for name, slot in turn["slots"].items():
        assert set(slot) == {"value", "raw"}, name
    assert turn["slots"]["label"]["raw"] == "pasta"
    assert turn["slots"]["duration"]["raw"] == "5 minutes"
    for step in turn["trace"]:
        assert {"stage", "ms", "detail"} <= set(step)


def test_say_keeps_the_conversation_across_runs(cli: CLI) -> None:
    assert cli.ok("say", "set a timer", "--now", NOW).strip() == "For how long?"
    assert cli.ok("say", "10 minutes", "--now", NOW).strip() == "Timer set for 10 minutes."


def test_say_uses_speaker_sim_state_when_no_state_option_is_given(cli: CLI) -> None:
    proc = cli.run("say", "my name is ada", state=False)
    assert proc.returncode == 0, proc.stderr
    assert (cli.env_state / "state.db").exists()
    assert not (cli.state / "state.db").exists()


def test_say_a_100000_character_utterance_exits_0_with_a_message(cli: CLI) -> None:
    proc = cli.run("say", "--json", "a" * 100_000)
    assert proc.returncode == 0, proc.stderr
    turn = _jsonl(proc.stdout)[-1]
    assert turn["error"]["code"] == "INPUT_TOO_LONG"
    assert turn["speech"]


def test_say_an_unknown_utterance_exits_0(cli: CLI) -> None:
    proc = cli.run("say", "purple monkey dishwasher")
    assert proc.returncode == 0
    assert proc.stdout.strip()


# -- chat -----------------------------------------------------------------------------

CHAT_SCRIPT = """\
set a timer
10 minutes
cancel all timers
no
set a timer for 2 minutes
:advance 10m
:foo
:reset
what time is it
"""


def test_chat_jsonl_runs_a_scripted_session(cli: CLI) -> None:
    # A real process reading a real pipe: the contract programs that drive `chat` rely on.
    proc = cli.run("chat", "--jsonl", "--now", NOW, stdin=CHAT_SCRIPT, real=True)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    turns = _jsonl(proc.stdout)
    for turn in turns:
        assert set(turn) >= TURN_KEYS
    said = [t for t in turns if t["text"] is not None]
    fired = [t for t in turns if t["text"] is None]
    speech = {t["text"]: t["speech"] for t in said}
    assert speech["set a timer"] == "For how long?"
    assert said[0]["session_ended"] is False
    assert speech["10 minutes"] == "Timer set for 10 minutes."
    assert speech["cancel all timers"] == "Cancel all your timers?"
    assert speech["no"] == "Okay, I won't."
    assert speech["set a timer for 2 minutes"] == "Timer set for 2 minutes."
    assert [t["speech"] for t in fired] == ["Your timer is done.", "Your timer is done."]
    assert all(t["skill"] == "timer" for t in fired)
    # :reset puts the clock back to the run's --now (the :advance 10m is undone).
    assert speech["what time is it"] == "It's 9 AM."
    assert ":foo" in proc.stderr
    assert "reset" in proc.stderr


def test_chat_advance_output_puts_null_text_in_the_json(cli: CLI) -> None:
    proc = cli.run(
        "chat", "--jsonl", "--now", NOW, stdin="set a timer for 1 minute\n:advance 90s\n"
    )
    assert proc.returncode == 0, proc.stderr
    lines = [line for line in proc.stdout.splitlines() if line.strip()]
    assert '"text": null' in lines[-1]


def test_chat_reset_cancels_timers(cli: CLI) -> None:
    script = "set a timer for 5 minutes\n:reset\n:advance 10m\nlist timers\n"
    turns = _jsonl(cli.ok("chat", "--jsonl", "--now", NOW, stdin=script))
    assert all(t["text"] is not None for t in turns)
    assert turns[-1]["speech"] == "You don't have any timers."


def test_chat_prints_plain_speech_without_jsonl(cli: CLI) -> None:
    out = cli.ok(
        "chat", "--now", NOW, stdin="what time is it\nset a timer for 1 minute\n:advance 1m\n"
    )
    lines = out.splitlines()
    assert lines[0] == "It's 9 AM."
    assert lines[-1] == "[timer] Your timer is done."


def test_chat_bad_advance_and_unknown_commands_do_not_crash(cli: CLI) -> None:
    proc = cli.run("chat", "--jsonl", stdin=":advance soon-ish\n:foo bar\n:help\nhello\n")
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert len(_jsonl(proc.stdout)) == 1


def test_chat_silence_and_odd_input_do_not_crash(cli: CLI) -> None:
    script = "set a timer\n\n\n\x1b[31mhello\x1b[0m\n😀\nمرحبا\n你好\n"
    proc = cli.run("chat", "--jsonl", stdin=script)
    assert proc.returncode == 0, proc.stderr
    assert len(_jsonl(proc.stdout)) == 7


# -- route ------------------------------------------------------------------------------


def test_route_jsonl_prints_the_contract_keys_for_each_line(cli: CLI) -> None:
    stdin = "set a timer for 5 minutes\nwhat time is it\ngibberish words\n\nhelp\n"
    results = _jsonl(cli.ok("route", "--jsonl", stdin=stdin))
    assert len(results) == 5
    for result in results:
        assert set(result) >= ROUTE_KEYS
        assert result["source"] in {"template", "classifier", "context", "builtin", "fallback"}
        for alt in result["alternatives"]:
            assert {"intent", "skill", "confidence"} <= set(alt)
    assert (results[0]["skill"], results[0]["intent"]) == ("timer", "StartTimer")
    assert results[0]["slots"]["duration"] == {
        "value": results[0]["slots"]["duration"]["value"],
        "raw": "5 minutes",
    }
    assert results[1]["intent"] == "GetTime"
    assert results[2]["intent"] is None and results[2]["source"] == "fallback"
    assert results[4]["source"] == "builtin"


def test_route_has_no_side_effects(cli: CLI) -> None:
    cli.ok("route", "--jsonl", stdin="set a timer for 5 minutes\nmy name is ada\n")
    assert not (cli.state / "state.db").exists()
    assert not (cli.env_state / "state.db").exists()


def test_route_plain_output_is_one_line_per_input(cli: CLI) -> None:
    out = cli.ok("route", stdin="what time is it\nxyzzy\n")
    lines = out.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("GetTime\tclock\t")


# -- skills and devices ----------------------------------------------------------------


def test_skills_json_lists_skills_intents_samples_and_examples(cli: CLI) -> None:
    listing = json.loads(cli.ok("skills", "--json"))
    assert isinstance(listing, list)
    names = {s["name"] for s in listing}
    assert {"clock", "hello", "help", "timer"} <= names
    for skill in listing:
        assert {"name", "description", "intents"} <= set(skill)
        for intent in skill["intents"]:
            assert {"name", "samples", "examples"} <= set(intent)
            assert intent["samples"]
            assert 1 <= len(intent["examples"]) <= 20
            assert all(isinstance(e, str) and e for e in intent["examples"])


def test_skills_plain_output_names_each_skill(cli: CLI) -> None:
    out = cli.ok("skills")
    for name in ("clock", "hello", "help", "timer"):
        assert f"{name}:" in out


def test_skills_listing_is_reproducible_with_a_seed(cli: CLI) -> None:
    assert cli.ok("skills", "--json", "--seed", "3") == cli.ok("skills", "--json", "--seed", "3")


def test_devices_json_lists_rooms_and_devices(cli: CLI) -> None:
    listing = json.loads(cli.ok("devices", "--json"))
    assert isinstance(listing, dict)
    assert isinstance(listing.get("rooms"), list)
    assert isinstance(listing.get("devices"), list)
    for device in listing["devices"]:
        assert {"id", "type", "room", "state"} <= set(device)


def test_devices_plain_output_works(cli: CLI) -> None:
    assert cli.ok("devices").strip()


# -- errors: exit 2 with a message naming the file and line -----------------------------


def test_a_syntax_error_in_skills_dir_exits_2_naming_the_file_and_line(
    cli: CLI, tmp_path: Path
) -> None:
    skills = tmp_path / "myskills"
    skills.mkdir()
    bad = skills / "broken.py"
    bad.write_text("from simulator.sdk import Skill\n\nskill = Skill('broken'\n", encoding="utf-8")
    proc = cli.run("say", "hello", "--skills-dir", str(skills))
    assert proc.returncode == 2
    assert f"{bad}:3:" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_two_skills_with_the_same_name_exit_2_naming_both(cli: CLI, tmp_path: Path) -> None:
    skills = tmp_path / "myskills"
    skills.mkdir()
    source = "from simulator.sdk import Skill\nskill = Skill('twin')\n"
    (skills / "one.py").write_text(source, encoding="utf-8")
    (skills / "two.py").write_text(source, encoding="utf-8")
    proc = cli.run("skills", "--skills-dir", str(skills))
    assert proc.returncode == 2
    assert str(skills / "one.py") in proc.stderr
    assert str(skills / "two.py") in proc.stderr
    assert "Traceback" not in proc.stderr


def test_a_user_skill_loads_from_skills_dir(cli: CLI, tmp_path: Path) -> None:
    skills = tmp_path / "myskills"
    skills.mkdir()
    (skills / "ping.py").write_text(
        textwrap.dedent(
            """\
            from simulator.sdk import Response, Skill, SkillContext

            skill = Skill("ping")


            @skill.intent("Ping", samples=["ping me"])
            def ping(ctx: SkillContext) -> Response:
                return Response.speak("Pong.")
            """
        ),
        encoding="utf-8",
    )
    assert cli.ok("say", "ping me", "--skills-dir", str(skills)).strip() == "Pong."


def test_a_corrupt_state_db_exits_2_naming_the_file(cli: CLI) -> None:
    cli.state.mkdir(parents=True)
    db = cli.state / "state.db"
    db.write_bytes(b"garbage, not a database \x00\x01\x02" * 100)
    proc = cli.run("say", "hello")
    assert proc.returncode == 2
    assert str(db) in proc.stderr
    assert "Traceback" not in proc.stderr


def test_a_missing_home_file_exits_2_naming_it(cli: CLI, tmp_path: Path) -> None:
    missing = tmp_path / "no-such-home.yaml"
    proc = cli.run("devices", "--home", str(missing))
    assert proc.returncode == 2
    assert str(missing) in proc.stderr or missing.name in proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["say"],
        ["no-such-command"],
        ["say", "hi", "--seed", "not-a-number"],
        ["say", "hi", "--now", "not-a-date"],
        ["route", "--bogus-option"],
    ],
    ids=["say-without-text", "unknown-command", "bad-seed", "bad-now", "unknown-option"],
)
def test_usage_errors_exit_2_with_a_message(cli: CLI, args: list[str]) -> None:
    proc = cli.run(*args)
    assert proc.returncode == 2
    assert proc.stderr.strip()
    assert "Traceback" not in proc.stderr


# -- help and entry points --------------------------------------------------------------


@pytest.mark.parametrize("sub", [None, *SUBCOMMANDS])
def test_help_works_for_every_subcommand(cli: CLI, sub: str | None) -> None:
    args = ["--help"] if sub is None else [sub, "--help"]
    proc = cli.run(*args, state=False)
    assert proc.returncode == 0, proc.stderr
    assert "usage:" in proc.stdout
    assert "illustrative" in proc.stdout


def test_python_dash_m_simulator_works(cli: CLI) -> None:
    proc = cli.run(
        "say", "what time is it", "--now", NOW, command=[sys.executable, "-m", "simulator"]
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "It's 9 AM."


def test_the_console_script_works(cli: CLI) -> None:
    script = Path(sys.executable).parent / "speaker-sim"
    if not script.exists():
        pytest.skip("the speaker-sim console script is not installed next to this Python")
    proc = cli.run("say", "what time is it", "--now", NOW, command=[str(script)])
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "It's 9 AM."


def test_version_prints_the_version(cli: CLI) -> None:
    proc = cli.run("--version", state=False)
    assert proc.returncode == 0
    assert proc.stdout.startswith("speaker-sim ")


def _at(out: str) -> datetime:
    return datetime.fromisoformat(_jsonl(out)[-1]["at"])


def test_now_applies_to_its_run_only(cli: CLI) -> None:
    # Issue 7, defect 3: after `say --now ...` the saved virtual clock stayed at that time.
    cli.ok("say", "--now", "2026-06-01T07:30", "what time is it")
    later = _at(cli.ok("say", "--json", "what time is it"))
    assert abs((later - datetime.now()).total_seconds()) < 120


def test_reset_puts_the_clock_back(cli: CLI) -> None:
    out = cli.ok("chat", "--jsonl", stdin=":advance 3h\n:reset\nwhat time is it\n")
    assert abs((_at(out) - datetime.now()).total_seconds()) < 120
    # devices --reset too, after an advance saved in an earlier run.
    cli.ok("chat", stdin=":advance 5h\n")
    cli.ok("devices", "--reset")
    after = _at(cli.ok("say", "--json", "what time is it"))
    assert abs((after - datetime.now()).total_seconds()) < 120


def test_a_crashing_skill_prints_its_traceback_on_stderr(cli: CLI, tmp_path: Path) -> None:
    # Issue 7, defect 9: `say` printed only the apology, with nothing on stderr.
    skills = tmp_path / "crashy"
    skills.mkdir()
    (skills / "crashy.py").write_text(
        "from simulator.sdk import Response, Skill\n"
        "skill = Skill('crashy')\n"
        "@skill.intent('Crash', samples=['crash now'])\n"
        "def crash(ctx):\n"
        "    return 1 / 0\n",
        encoding="utf-8",
    )
    for command in (["say", "crash now"], ["say", "--json", "crash now"]):
        proc = cli.run(*command, "--skills-dir", str(skills), "--now", NOW)
        assert proc.returncode == 0
        assert 'crashy.py", line 5, in crash' in proc.stderr
        assert "ZeroDivisionError" in proc.stderr
    turn = _jsonl(proc.stdout)[-1]
    assert "crashy.py" in turn["error"]["detail"]
    proc = cli.run("chat", "--skills-dir", str(skills), "--now", NOW, stdin="crash now\n")
    assert 'crashy.py", line 5, in crash' in proc.stderr
