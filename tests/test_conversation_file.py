"""The conversation-file format (simulator.sdk.conversation_file): what the TUI exports is what
the harness reads, and a mistake in a file is reported with its line."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from simulator.sdk.conversation_file import (
    ConversationFailure,
    conversation_from_turns,
    conversation_yaml,
    read_conversation_file,
)
from simulator.sdk.testing import Conversation, run_conversation_file
from simulator.tui.adapters import conversation_yaml as tui_export

NOW = datetime(2026, 6, 1, 9, 0)


def test_an_exported_conversation_reads_back_and_replays(tmp_path: Path) -> None:
    conv = Conversation(now=NOW)
    try:
        conv.say("set a tea timer for 2 minutes")
        conv.advance("3m")
        conv.say("what time is it")
        turns = list(conv.turns)
    finally:
        conv.close()
    text = tui_export(turns, seed=0, home=False, exported_at=NOW)
    assert text.startswith("# Conversation exported by speaker-sim")
    path = tmp_path / "exported.yaml"
    path.write_text(text, encoding="utf-8")
    data = read_conversation_file(path)
    assert data == conversation_from_turns(turns, seed=0, home=False)
    assert [s.say if s.say is not None else f"advance {s.advance}" for s in data.turns] == [
        "set a tea timer for 2 minutes",
        "advance 2m",
        "advance 1m",
        "what time is it",
    ]
    assert data.turns[1].expect.checks() == {"speech": "Your tea timer is done."}
    replayed = run_conversation_file(path)
    assert [t.speech for t in replayed] == [t.speech for t in turns]
    assert conversation_yaml(data) == text.split("\n", 3)[3]


@pytest.mark.parametrize(
    ("text", "where", "words"),
    [
        ("turns:\n  - say: hi\n    expect: {speach: Hello.}\n", ":3:", "unknown key 'speach'"),
        ("turns:\n  - say: hi\n  - expect: {speech: Hi.}\n", ":3:", "either 'say' or 'advance'"),
        ("seed: 0\nturns:\n  - say: hi\n    advance: 1m\n", ":3:", "either 'say' or 'advance'"),
        ("now: soon\nturns: []\n", ":1:", "now"),
        ("seed: [1]\nturns: []\n", ":1:", "seed"),
    ],
    ids=["typo-in-expect", "neither", "both", "bad-now", "bad-seed"],
)
def test_a_mistake_in_a_file_names_the_line(
    tmp_path: Path, text: str, where: str, words: str
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConversationFailure) as info:
        run_conversation_file(path)
    message = str(info.value)
    assert f"{path}{where}" in message and words in message


def test_null_error_means_no_error_and_words_may_be_numbers(tmp_path: Path) -> None:
    path = tmp_path / "numbers.yaml"
    path.write_text(
        "skills: [timer]\nnow: 2026-06-01T09:00\nturns:\n"
        "  - say: set a timer\n    expect: {speech: For how long?}\n"
        "  - say: 10 minutes\n    expect: {error: null, slots: {duration: 10 minutes}}\n",
        encoding="utf-8",
    )
    data = read_conversation_file(path)
    assert data.turns[1].expect.checks() == {"error": None, "slots": {"duration": "10 minutes"}}
    assert [t.speech for t in run_conversation_file(path)] == [
        "For how long?",
        "Timer set for 10 minutes.",
    ]
