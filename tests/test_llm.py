"""Large-model mode against a fake OpenAI-compatible server on loopback (tests/fake_llm.py).

Covers: a tool call (with elicitation of a missing slot and confirmation of a sensitive intent), a
plain answer (cleaned, marked ``source: llm``), an invalid tool call, a timeout, a server error,
garbage and a server that is down (each the normal fallback, the session going on); that a
sentence a local skill understands never reaches the model (bundled, user and hot-reloaded
skills); that the model sees the recent local turns; ``--nlu llm``; ``route --compare``; and that
the engine loads no HTTP client unless the mode is on.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from simulator.cli import main
from simulator.dialog.manager import FALLBACK_SPEECH
from simulator.engine import Simulator
from simulator.llm import LLMConfig
from simulator.llm.stage import MAX_ANSWER_CHARS, clean_answer
from simulator.llm.tools import read_tool_call, tool_specs
from tests.fake_llm import FakeLLM, Reply, fake_llm

NOW = datetime(2026, 6, 1, 16, 0)
UNKNOWN = "what does my horoscope say"


@pytest.fixture
def server() -> Iterator[FakeLLM]:
    with fake_llm() as fake:
        yield fake


def make_sim(
    url: str | None, *, mode: str = "fallback", timeout: float = 3.0, **kwargs: object
) -> Simulator:
    sim = Simulator.create(now=NOW, seed=0, **kwargs)  # type: ignore[arg-type]
    sim.clock.paused = True
    if url is not None:
        sim.use_llm(LLMConfig(url=url, model="fake", mode=mode, timeout=timeout))  # type: ignore[arg-type]
    return sim


def step(turn_trace: list, stage: str) -> dict:  # type: ignore[type-arg]
    found = [s for s in turn_trace if s.stage == stage]
    assert found, f"no {stage} step in {[s.stage for s in turn_trace]}"
    return found[0].detail  # type: ignore[no-any-return]


def test_tool_call_with_a_missing_slot_is_elicited_then_handled_locally(server: FakeLLM) -> None:
    server.script = [Reply(tool="timer__StartTimer", arguments={"label": "tea"})]
    sim = make_sim(server.url)
    turn = sim.handle_sync("could you get a countdown going for my tea")
    assert turn.source == "llm"
    assert (turn.skill, turn.intent) == ("timer", "StartTimer")
    assert turn.dialog.open_question is not None
    assert turn.dialog.open_question["slot"] == "duration"
    assert turn.speech and "how long" in turn.speech.lower()
    assert step(turn.trace, "llm")["outcome"] == "tool_call"
    # The answer is routed locally (the open question), the model is not asked again.
    answer = sim.handle_sync("five minutes")
    assert answer.source == "context"
    assert answer.intent == "StartTimer" and "5 minutes" in (answer.speech or "")
    assert len(server.requests) == 1
    # The request offered the intents as tools, with schemas from the slots models.
    tools = {t["function"]["name"]: t["function"] for t in server.requests[0]["tools"]}
    start = tools["timer__StartTimer"]
    assert start["parameters"]["required"] == ["duration"]
    assert "duration" in start["parameters"]["properties"]["duration"]["description"]
    assert not any(name.startswith("builtin") for name in tools)


def test_sensitive_intent_from_the_model_is_still_confirmed(server: FakeLLM) -> None:
    server.script = [Reply(tool="smart_home__Unlock", arguments={"target": "front door"})]
    sim = make_sim(server.url)
    turn = sim.handle_sync("let my neighbour in through the front")
    assert turn.source == "llm" and turn.intent == "Unlock"
    assert turn.dialog.open_question and turn.dialog.open_question["kind"] == "confirm"
    assert turn.device_changes == []
    assert sim.home is not None
    assert sim.home.devices["front_door"].get("lock_state") == "locked"
    denied = sim.handle_sync("no")
    assert denied.device_changes == []


def test_plain_answer_is_cleaned_marked_and_timed(server: FakeLLM) -> None:
    server.script = [Reply(text="**Ulaanbaatar**\x1b[31m is the capital.\x07")]
    sim = make_sim(server.url)
    turn = sim.handle_sync(UNKNOWN)
    assert turn.source == "llm"
    assert turn.intent is None and turn.error is None
    assert turn.speech == "Ulaanbaatar is the capital."
    detail = step(turn.trace, "llm")
    assert detail["outcome"] == "text" and detail["ms"] >= 0 and detail["model"] == "fake"
    assert "model answered" in turn.explanation
    dumped = json.loads(turn.model_dump_json())
    assert dumped["source"] == "llm"


def test_long_answers_are_cut_at_a_sentence() -> None:
    text = "This is a sentence. " * 60
    cut = clean_answer(text)
    assert len(cut) <= MAX_ANSWER_CHARS and cut.endswith(".")


@pytest.mark.parametrize(
    ("reply", "code"),
    [
        (Reply(tool="device__factory_reset", arguments={}), "LLM_INVALID_TOOL_CALL"),
        (Reply(tool="timer__StartTimer", arguments="{not json"), "LLM_INVALID_TOOL_CALL"),
        (Reply(status=500), "LLM_HTTP_ERROR"),
        (Reply(raw=b"<html>oops</html>"), "LLM_BAD_RESPONSE"),
        (Reply(raw=b'{"choices": []}'), "LLM_BAD_RESPONSE"),
    ],
)
def test_failures_give_the_normal_fallback(server: FakeLLM, reply: Reply, code: str) -> None:
    server.script = [reply]
    sim = make_sim(server.url)
    turn = sim.handle_sync(UNKNOWN)
    assert turn.speech == FALLBACK_SPEECH
    assert turn.source == "fallback"
    assert step(turn.trace, "llm")["error"]["code"] == code
    assert turn.why["llm"]["error"]["code"] == code
    # The session goes on.
    assert sim.handle_sync("what time is it").intent == "GetTime"


def test_a_slow_server_gives_the_fallback_within_the_timeout(server: FakeLLM) -> None:
    server.script = [Reply(text="too late", delay=3.0)]
    sim = make_sim(server.url, timeout=0.4)
    turn = sim.handle_sync(UNKNOWN)
    assert turn.speech == FALLBACK_SPEECH
    detail = step(turn.trace, "llm")
    assert detail["error"]["code"] == "LLM_TIMEOUT"
    assert detail["ms"] < 2000  # gave up near 0.4 s, not after the server's 3 s


def test_a_server_that_is_down_gives_the_fallback() -> None:
    with fake_llm() as fake:
        url = fake.url
    sim = make_sim(url)
    turn = sim.handle_sync(UNKNOWN)
    assert turn.speech == FALLBACK_SPEECH
    assert step(turn.trace, "llm")["error"]["code"] == "LLM_UNREACHABLE"


def test_local_sentences_never_reach_the_model(server: FakeLLM, tmp_path: Path) -> None:
    skills = tmp_path / "skills"
    skills.mkdir()
    (skills / "parrot.py").write_text(
        "from simulator.sdk import Response, Skill, SkillContext\n"
        "skill = Skill('parrot', description='Repeats a word')\n"
        "@skill.intent('Squawk', samples=['squawk like a parrot'])\n"
        "def squawk(ctx: SkillContext) -> Response:\n"
        "    '''Squawk.'''\n"
        "    return Response.speak('Squawk!')\n"
    )
    # No learned stage (as in the other tests here): the parrot and the owl make skill sets of
    # their own, each a model to train (about 7 s of CPU), and what is checked is which
    # sentences the model gets, which the templates decide.
    sim = make_sim(server.url, skills_dir=skills, learned="off")
    for text in ("set a timer for 5 minutes", "squawk like a parrot", "what time is it"):
        assert sim.handle_sync(text).source != "llm"
    # A skill added while running (hot reload) is local too.
    (skills / "owl.py").write_text(
        "from simulator.sdk import Response, Skill, SkillContext\n"
        "skill = Skill('owl', description='Hoots')\n"
        "@skill.intent('Hoot', samples=['hoot like an owl'])\n"
        "def hoot(ctx: SkillContext) -> Response:\n"
        "    '''Hoot.'''\n"
        "    return Response.speak('Hoo!')\n"
    )
    assert sim.reload_skills() is None
    assert sim.handle_sync("hoot like an owl").speech == "Hoo!"
    assert server.requests == []
    # The model sees the recent local turns (bounded) when it is finally asked.
    sim.handle_sync(UNKNOWN)
    messages = server.requests[0]["messages"]
    said = [m["content"] for m in messages]
    assert "set a timer for 5 minutes" in said
    assert any("[timer.StartTimer" in s for s in said)
    assert said[-1] == UNKNOWN
    assert len(messages) <= 2 + 2 * 6


def test_nlu_llm_sends_every_turn_to_the_model(server: FakeLLM) -> None:
    server.script = [Reply(tool="timer__StartTimer", arguments={"duration": "ten minutes"})]
    sim = make_sim(server.url, mode="llm")
    turn = sim.handle_sync("set a timer for 5 minutes")
    assert turn.source == "llm"
    # The model's reading wins (10), the template's stays an alternative.
    assert turn.slots["duration"].raw == "ten minutes"
    assert any(a.source == "template" for a in turn.alternatives)
    # Built-ins stay local.
    assert sim.handle_sync("stop").source == "builtin"
    assert len(server.requests) == 1


def test_tool_arguments_go_through_the_slot_parsers() -> None:
    sim = Simulator.create(now=NOW, seed=0, learned="off")
    skills = {s.name: s for s in sim.skills}
    reading = read_tool_call(
        "timer__StartTimer",
        '{"duration": "a fortnight of bananas", "colour": "red"}',
        skills,
        sim.slot_env(),
    )
    assert "duration" not in reading.slots and "duration" in reading.rejected
    assert reading.rejected["colour"] == "no such slot"
    tools = tool_specs(sim.skills, sim.slot_env(), allowed=lambda s, i: s == "timer")
    assert tools and all(t["function"]["name"].startswith("timer__") for t in tools)


def test_cli_say_with_the_model_and_usage_errors(
    server: FakeLLM, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    server.script = [Reply(text="Ulaanbaatar.")]
    state = ["--state", str(tmp_path), "--now", "2026-06-01T16:00"]
    assert (
        main(["say", *state, "--llm-url", server.url, "--llm-model", "fake", "--json", UNKNOWN])
        == 0
    )
    turn = json.loads(capsys.readouterr().out)
    assert turn["source"] == "llm" and turn["speech"] == "Ulaanbaatar."
    assert server.requests[0]["model"] == "fake"
    assert main(["say", *state, "--nlu", "llm", "hello"]) == 2
    assert "--llm-url" in capsys.readouterr().err
    assert main(["say", *state, "--llm-url", "ftp://x", "hello"]) == 2
    assert "not an http" in capsys.readouterr().err


def test_the_key_comes_from_the_environment(
    server: FakeLLM, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SPEAKER_SIM_LLM_KEY", "sekrit")
    sim = Simulator.create(now=NOW, seed=0)
    sim.use_llm(LLMConfig.from_env(server.url, "fake"))
    turn = sim.handle_sync(UNKNOWN)
    assert server.headers[0]["authorization"] == "Bearer sekrit"
    assert "sekrit" not in turn.model_dump_json()


def test_route_compare_shows_three_stages(
    server: FakeLLM, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    server.default = Reply(tool="timer__StartTimer", arguments={"duration": "5 minutes"})
    monkeypatch.setattr(sys, "stdin", io.StringIO("set a timer for 5 minutes\n" + UNKNOWN + "\n"))
    assert main(["route", "--compare", "--jsonl", "--llm-url", server.url]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert rows[0]["templates"]["intent"] == "StartTimer"
    assert rows[0]["learned"]["intent"] == "StartTimer"
    assert rows[0]["model"]["intent"] == "StartTimer" and rows[0]["model"]["confidence"] is None
    assert rows[1]["templates"]["intent"] is None
    assert all(row[s]["ms"] >= 0 for row in rows for s in ("templates", "learned", "model"))


def test_route_without_a_model_compares_two_stages(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    monkeypatch.setattr(sys, "stdin", io.StringIO("turn on the kitchen light\n"))
    assert main(["route", "--compare"]) == 0
    header, row = capsys.readouterr().out.splitlines()
    assert header.split("\t") == ["utterance", "templates", "learned", "model"]
    assert "smart_home.TurnOn" in row and "--llm-url" in row


def test_the_engine_loads_no_http_client_unless_the_mode_is_on() -> None:
    probe = (
        "import sys\n"
        "from simulator.engine import Simulator\n"
        "import simulator.cli\n"
        "sim = Simulator.create(use_home=False, learned='off')\n"
        "sim.handle_sync('what time is it')\n"
        "print(sorted(m for m in sys.modules if m == 'httpx' or m.startswith('simulator.llm')))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True
    ).stdout
    assert out.strip().splitlines()[-1] == "[]"


async def test_the_tui_compare_view(server: FakeLLM) -> None:
    from simulator.tui.app import SpeakerApp
    from simulator.tui.screens.compare import CompareScreen
    from tests.tui_helpers import put_on_line

    server.default = Reply(tool="timer__StartTimer", arguments={"duration": "5 minutes"})
    sim = make_sim(server.url, learned="off")
    app = SpeakerApp(sim, words_per_second=0)
    async with app.run_test(size=(110, 34)) as pilot:
        await put_on_line(pilot, "set a timer for 5 minutes")
        await app.workers.wait_for_complete()
        app.action_compare()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        row = app.screen.row
        assert row["templates"]["intent"] == "StartTimer"
        assert "unavailable" in row["learned"]  # learned stage off in this simulator
        assert row["model"]["intent"] == "StartTimer"
