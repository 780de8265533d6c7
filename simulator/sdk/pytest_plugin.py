"""The pytest plugin: conversation files next to a skill are tests, and fixtures for skill tests.

Installed with speaker-sim (entry point ``pytest11``), so nothing needs configuring:

* every ``test_*.yaml`` (or ``.yml``) file with a ``turns:`` list is a test that replays the
  conversation (the format of :func:`simulator.sdk.testing.run_conversation_file`). A file
  outside the bundled ``skills`` package loads the skills of its own folder, as
  ``--skills-dir`` would, unless it says ``skills_dir:``. On failure the report shows the
  transcript up to the failed turn and a diff of the expected and the actual speech;
* fixtures: ``conversation`` (a fresh :class:`~simulator.sdk.testing.Conversation` over the
  skills in the test file's folder and the bundled ones), ``speaker_sim_state`` (a fresh
  state folder, also set as ``$SPEAKER_SIM_STATE`` so command-line calls never touch yours),
  ``speaker_sim_now`` (the fixed start of the virtual clock) and ``speaker_sim_seed``.

Extra file patterns: ``speaker_sim_conversations = *.conv.yaml`` in the pytest ini options.
"""

from __future__ import annotations

import datetime as dt
import difflib
import fnmatch
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from simulator.sdk.testing import Conversation, ConversationFailure, run_conversation_file

__all__ = [
    "DEFAULT_NOW",
    "DEFAULT_SEED",
    "ConversationFile",
    "ConversationItem",
    "conversation",
    "pytest_addoption",
    "pytest_collect_file",
    "speaker_sim_now",
    "speaker_sim_seed",
    "speaker_sim_state",
]

DEFAULT_NOW = dt.datetime(2026, 6, 1, 9, 0, 0)
"""Where the virtual clock starts in tests: a Monday at 9 AM, so "today" never depends on the
day the tests run."""

DEFAULT_SEED = 0
"""The seed for everything random in tests (the home's simulation, example sentences)."""

_PATTERNS = ("test_*.yaml", "test_*.yml")


def pytest_addoption(parser: pytest.Parser) -> None:
    """Register the ini option for extra conversation-file patterns."""
    parser.addini(
        "speaker_sim_conversations",
        type="args",
        default=[],
        help="extra file-name patterns of speaker-sim conversation files "
        "(test_*.yaml and test_*.yml are always collected)",
    )


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> ConversationFile | None:
    """Collect a YAML file whose name matches and whose content is a conversation."""
    patterns = [*_PATTERNS, *parent.config.getini("speaker_sim_conversations")]
    if not any(fnmatch.fnmatch(file_path.name, pattern) for pattern in patterns):
        return None
    if not _looks_like_conversation(file_path):
        return None  # some other test data that happens to be named test_*.yaml
    file: ConversationFile = ConversationFile.from_parent(parent, path=file_path)
    return file


def _looks_like_conversation(path: Path) -> bool:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        # A broken file that is named like a conversation is reported by the test itself.
        return True
    return isinstance(data, dict) and "turns" in data


def _bundled_skills_folder() -> Path | None:
    try:
        import skills
    except ImportError:  # pragma: no cover - the bundled package ships with speaker-sim
        return None
    return Path(skills.__file__).resolve().parent if skills.__file__ else None


def _skills_dir_for(path: Path) -> Path | None:
    """The folder whose skills a test next to them needs: its own, unless it is bundled."""
    bundled = _bundled_skills_folder()
    folder = path.resolve().parent
    if bundled is not None and folder.is_relative_to(bundled):
        return None
    return folder


class ConversationFile(pytest.File):
    """A conversation file: one test item that replays it."""

    def collect(self) -> Iterator[ConversationItem]:
        """One item per file: the turns depend on each other, so they are one test."""
        yield ConversationItem.from_parent(self, name=self.path.stem)


class ConversationItem(pytest.Item):
    """Replays one conversation file and checks every turn's expectations."""

    def runtest(self) -> None:
        """Replay the file; a mismatch raises `ConversationFailure`."""
        run_conversation_file(self.path, skills_dir=_skills_dir_for(self.path))

    def repr_failure(
        self,
        excinfo: pytest.ExceptionInfo[BaseException],
        style: Any = None,
    ) -> str:
        """A failed turn as a transcript and a diff; anything else as pytest shows it."""
        if isinstance(excinfo.value, ConversationFailure):
            return format_failure(excinfo.value)
        return str(super().repr_failure(excinfo, style=style))

    def reportinfo(self) -> tuple[Path, int | None, str]:
        """Where the test is, for pytest's report header."""
        return self.path, 0, f"conversation {self.path.name}"


def format_failure(failure: ConversationFailure) -> str:
    """The transcript up to the failed turn, the failure, and a diff of the speech."""
    lines: list[str] = []
    if failure.transcript:
        lines.append("conversation so far:")
        for turn in failure.transcript:
            said = "(the clock moves on)" if turn.text is None else turn.text
            lines.append(f"  you> {said}")
            lines.append(f"  speaker> {turn.speech or '(no reply)'}")
        lines.append("")
    lines.append(str(failure))
    expected = failure.expected.get("speech")
    if expected is not None and failure.turn is not None:
        actual = failure.turn.speech or ""
        lines += ["", "speech (- expected, + actual):"]
        lines += [
            f"  {line.rstrip()}"
            for line in difflib.ndiff([str(expected)], [actual])
            if not line.startswith("  ")
        ]
    if failure.turn is not None:
        turn = failure.turn
        lines.append("")
        lines.append(
            f"routed to: {turn.skill or '-'}.{turn.intent or '-'} "
            f"(source {turn.source}, confidence {turn.confidence:.2f})"
        )
    return "\n".join(lines)


# -- fixtures ------------------------------------------------------------------------------


@pytest.fixture
def speaker_sim_now() -> dt.datetime:
    """The virtual clock's start for the test (override the fixture to change it)."""
    return DEFAULT_NOW


@pytest.fixture
def speaker_sim_seed() -> int:
    """The seed for everything random in the test (override the fixture to change it)."""
    return DEFAULT_SEED


@pytest.fixture
def speaker_sim_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh, empty state folder, also set as ``$SPEAKER_SIM_STATE`` for the test."""
    state = tmp_path / "speaker-sim-state"
    state.mkdir()
    monkeypatch.setenv("SPEAKER_SIM_STATE", str(state))
    return state


@pytest.fixture
def conversation(
    request: pytest.FixtureRequest, speaker_sim_now: dt.datetime, speaker_sim_seed: int
) -> Iterator[Conversation]:
    """A fresh conversation with the skills in the test file's folder and the bundled ones.

    Storage is in memory and there is no home; build a `Conversation` yourself for a home
    (``home="demo"``) or another set of skills.
    """
    test_file = Path(str(request.node.path))
    conv = Conversation(
        None, now=speaker_sim_now, seed=speaker_sim_seed, skills_dir=_skills_dir_for(test_file)
    )
    try:
        yield conv
    finally:
        conv.close()
