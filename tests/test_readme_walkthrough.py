"""The README's first-skill walk-through works as written: its skill, its chat and its tests."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from simulator.cli import main

pytest_plugins = ["pytester"]

README = Path(__file__).resolve().parent.parent / "README.md"


def _blocks(language: str) -> list[str]:
    text = README.read_text(encoding="utf-8")
    return re.findall(rf"```{language}\n(.*?)```", text, flags=re.DOTALL)


def _block(language: str, marker: str) -> str:
    found = [b for b in _blocks(language) if marker in b]
    assert len(found) == 1, f"README: expected one {language} block with {marker!r}"
    return found[0]


def test_the_first_skill_chats_and_its_tests_pass(
    pytester: pytest.Pytester,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    folder = pytester.path / "my_skills"
    folder.mkdir()
    (folder / "coffee.py").write_text(_block("python", 'Skill("coffee"'), encoding="utf-8")
    (folder / "test_coffee.yaml").write_text(_block("yaml", "skills: [coffee]"), encoding="utf-8")
    (folder / "test_coffee_more.py").write_text(
        _block("python", "def test_order_asks_for_size(conversation)"), encoding="utf-8"
    )

    # Step 2's transcript: what "you>" says goes in, the other lines come out.
    transcript = _block("sh", "chat --skills-dir my_skills\nyou>").splitlines()[1:]
    said = [line.removeprefix("you> ") for line in transcript if line.startswith("you> ")]
    replies = [line for line in transcript if not line.startswith("you> ")]
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(said) + "\n"))
    assert main(["chat", "--skills-dir", str(folder), "--state", str(tmp_path)]) == 0
    assert capsys.readouterr().out.splitlines() == replies

    monkeypatch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")
    result = pytester.runpytest_inprocess(
        "-p", "simulator.sdk.pytest_plugin", "-p", "no:cacheprovider", str(folder)
    )
    result.assert_outcomes(passed=2)


def test_every_speaker_sim_command_line_names_a_real_command() -> None:
    """The command lines in the README parse (a typo in an option would exit 2)."""
    from simulator.cli import build_parser

    parser = build_parser()
    commands = set(parser._subparsers._group_actions[0].choices)  # type: ignore[union-attr]
    for block in _blocks("sh"):
        for line in block.splitlines():
            line = line.split("#")[0].strip()
            match = re.match(r"^(?:\.venv/bin/)?speaker-sim\s+(\S+)", line)
            if match and not match.group(1).startswith("-"):
                assert match.group(1) in commands, line
