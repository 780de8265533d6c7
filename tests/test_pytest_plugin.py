"""The pytest plugin: conversation files next to a skill run as tests, with a readable diff."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

ROOT = Path(__file__).resolve().parent.parent

GREETER = '''\
from simulator.sdk import Response, Skill, SkillContext

skill = Skill("greeter", description="Greets")


@skill.intent("Greet", samples=["greet me", "say hi to me"])
def greet(ctx: SkillContext) -> Response:
    """Greet."""
    return Response.speak("Hi there!")
'''


@pytest.fixture
def run(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> pytest.Pytester:
    # Only this plugin, loaded by name: the run does not depend on what else is installed.
    monkeypatch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")
    return pytester


def _pytest(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    return pytester.runpytest_inprocess(
        "-p", "simulator.sdk.pytest_plugin", "-p", "no:cacheprovider", *args
    )


def test_a_passing_and_a_failing_conversation_next_to_a_skill(run: pytest.Pytester) -> None:
    run.makefile(".py", greeter=GREETER)
    run.makefile(
        ".yaml",
        test_good="skills: [greeter]\nturns:\n  - say: greet me\n    expect: {speech: Hi there!}\n",
        test_bad=(
            "skills: [greeter]\nturns:\n  - say: greet me\n    expect: {speech: Hi there!}\n"
            "  - say: say hi to me\n    expect: {speech: Hello there!}\n"
        ),
        # named like a test but not a conversation: left alone
        test_data="colours: [red, green]\n",
    )
    result = _pytest(run)
    result.assert_outcomes(passed=1, failed=1)
    out = result.stdout.str()
    assert "you> say hi to me" in out and "speaker> Hi there!" in out  # the transcript
    assert "turn 2" in out
    assert "- Hello there!" in out and "+ Hi there!" in out  # the diff of the speech
    assert "routed to: greeter.Greet" in out


def test_fixtures_give_a_conversation_with_the_folders_skills(run: pytest.Pytester) -> None:
    run.makefile(".py", greeter=GREETER)
    run.makepyfile(
        test_fixtures="""
import os

def test_conversation(conversation, speaker_sim_now, speaker_sim_seed, speaker_sim_state):
    conversation.say("greet me", expect_speech="Hi there!")
    assert (speaker_sim_now.isoformat(), speaker_sim_seed) == ("2026-06-01T09:00:00", 0)
    assert os.environ["SPEAKER_SIM_STATE"] == str(speaker_sim_state)
    assert not any(speaker_sim_state.iterdir())
"""
    )
    _pytest(run).assert_outcomes(passed=1)


def test_the_bundled_skills_conversation_files_are_collected(run: pytest.Pytester) -> None:
    files = sorted(p.name for p in (ROOT / "skills").rglob("test_*.yaml"))
    assert len(files) >= 8 and "test_timer.yaml" in files
    result = _pytest(run, "--collect-only", "-q", str(ROOT / "skills"))
    out = result.stdout.str()
    assert all(f"{name}: 1" in out for name in files), out
