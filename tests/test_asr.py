"""The simulated speech recogniser: seeded, plausible mistakes, and the Turn shows what was heard."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from simulator.cli import main
from simulator.nlu.asr import SimulatedRecogniser
from simulator.sdk.testing import Conversation
from skills.timer import skill as timer


def test_no_noise_hears_exactly_what_was_typed() -> None:
    result = SimulatedRecogniser(0.0).recognise("set a timer for 5 minutes")
    assert result.heard == "set a timer for 5 minutes"
    assert [(h.text, h.confidence) for h in result.n_best] == [("set a timer for 5 minutes", 1.0)]
    assert result.changes == []


def test_the_same_seed_hears_the_same_and_another_seed_differs() -> None:
    text = "set a timer for fifteen minutes in the kitchen please"
    one = [SimulatedRecogniser(0.4, seed=1).recognise_at(text, n).heard for n in range(8)]
    again = [SimulatedRecogniser(0.4, seed=1).recognise_at(text, n).heard for n in range(8)]
    other = [SimulatedRecogniser(0.4, seed=2).recognise_at(text, n).heard for n in range(8)]
    assert one == again
    assert one != other
    assert any(h != text for h in one)


def test_the_kinds_of_mistakes() -> None:
    kinds: set[str] = set()
    recogniser = SimulatedRecogniser(0.6, seed=0)
    for n in range(40):
        result = recogniser.recognise_at(
            "turn on the kitchen lamp for fifteen minutes", n, names=["kitchen lamp"]
        )
        kinds.update(change.split(":")[0] for change in result.changes)
        confidences = [h.confidence for h in result.n_best]
        assert result.n_best[0].text == result.heard
        assert all(0 < c < 1 for c in confidences) and confidences == sorted(
            confidences, reverse=True
        )
    assert {"homophone", "dropped", "number", "misheard name"} <= kinds


def test_a_name_of_the_home_is_misheard_as_a_sound_alike() -> None:
    result = SimulatedRecogniser(1.0, seed=0).recognise("porch", names=["porch"])
    assert result.heard in ("torch", "perch")
    assert result.changes == [f"misheard name: porch → {result.heard}"]


def test_a_turn_shows_what_was_heard_and_routes_it() -> None:
    conv = Conversation(skills=[timer])
    try:
        conv.sim.asr = SimulatedRecogniser(0.5, seed=4)
        said = "set a timer for fifteen minutes"
        turn = conv.say(said)
        expected = SimulatedRecogniser(0.5, seed=4).recognise_at(said, 1)
        assert turn.text == said
        assert turn.heard == expected.heard != said
        assert [h.text for h in turn.n_best] == [h.text for h in expected.n_best]
        assert turn.asr_changes == expected.changes
        assert [s.stage for s in turn.trace][:2] == ["input", "asr"]
        assert turn.intent == conv.sim.route(expected.heard).intent
    finally:
        conv.close()


def test_the_command_line_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    state = ["--state", str(tmp_path), "--seed", "3"]
    assert main(["say", "--json", "--asr-noise", "0.3", *state, "what time is it"]) == 0
    turn = json.loads(capsys.readouterr().out)
    assert turn["heard"] is not None and turn["n_best"][0]["text"] == turn["heard"]
    with pytest.raises(SystemExit) as exit_info:
        main(["say", "--asr-noise", "2", *state, "hello"])
    assert exit_info.value.code == 2
    assert "not between 0 and 1" in capsys.readouterr().err


def test_bench_reports_accuracy_by_noise_level() -> None:
    from simulator.tools.bench import run_asr_bench

    report = run_asr_bench((0.0, 0.3), per_intent=2)
    clean, noisy = report["levels"]
    assert report["examples"] > 100
    assert clean["accuracy"] >= 0.95
    assert noisy["accuracy"] < clean["accuracy"]
    assert report["misheard"] and all(m["said"] != m["heard"] for m in report["misheard"])
