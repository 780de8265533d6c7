"""A small harness for testing skills with conversations, usable from any test runner.

::

    from simulator.sdk.testing import Conversation
    from skills.timer import skill

    def test_timer_fires():
        conv = Conversation(skills=[skill])
        conv.say("set a timer for 5 minutes", expect_speech="Timer set for 5 minutes.")
        fired = conv.advance("5m")
        assert fired[0].speech == "Your timer is done."

Conversations can also be written as YAML files (the TUI exports them) and replayed with
:func:`run_conversation_file` (the format is `simulator.sdk.conversation_file`); pytest
collects files named ``test_*.yaml`` by itself (the ``speaker_sim`` plugin,
:mod:`simulator.sdk.pytest_plugin`)::

    skills: [timer]            # optional: the skills to load by name (default: all)
    skills_dir: .              # optional: a folder of your skills, relative to this file
    now: 2026-06-01T09:00      # optional: the virtual clock's start
    turns:
      - say: set a timer
        expect: {intent: StartTimer, speech: For how long?}
      - say: 10 minutes
        expect: {speech_contains: 10 minutes}
      - advance: 10m
        expect: {speech: Your timer is done.}
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from simulator.clock import parse_delay
from simulator.models import Turn
from simulator.sdk.conversation_file import ConversationFailure, read_conversation_file
from simulator.sdk.skill import Skill

__all__ = ["Conversation", "ConversationFailure", "run_conversation_file"]

_DEFAULT_NOW = dt.datetime(2026, 6, 1, 9, 0, 0)


class Conversation:
    """A simulator for one test: say things, advance the clock, check the turns.

    ``skills`` are the skills under test (default: the bundled ones). ``home`` is a home file
    path, ``"demo"`` for the bundled demo home, or None for no home. Storage is in memory.
    """

    def __init__(
        self,
        skills: Sequence[Skill] | None = None,
        *,
        now: dt.datetime = _DEFAULT_NOW,
        home: str | Path | None = None,
        seed: int = 0,
        bundled: bool | None = None,
        skills_dir: str | Path | None = None,
    ) -> None:
        """Build a fresh, in-memory simulator.

        ``skills_dir`` also loads the skills of a folder, as ``--skills-dir`` does.
        """
        from simulator.engine import Simulator  # the engine is loaded only when a test runs

        use_home = home is not None
        home_file = None if home in (None, "demo") else Path(str(home))
        self.sim = Simulator.create(
            home_file=home_file,
            use_home=use_home,
            seed=seed,
            now=now,
            extra_skills=list(skills or []),
            bundled=bundled if bundled is not None else skills is None,
            skills_dir=Path(skills_dir) if skills_dir is not None else None,
        )
        self.turns: list[Turn] = []

    @property
    def home(self) -> Any:
        """The mock home, or None."""
        return self.sim.home

    def say(
        self,
        text: str,
        *,
        expect_speech: str | None = None,
        expect_intent: str | None = None,
        expect_contains: str | None = None,
    ) -> Turn:
        """Say ``text``; optionally check the speech and intent. Returns the turn."""
        turn = self.sim.handle_sync(text)
        self.turns.append(turn)
        check_turn(
            turn,
            {"speech": expect_speech, "intent": expect_intent, "speech_contains": expect_contains},
        )
        return turn

    def advance(self, duration: str | dt.timedelta) -> list[Turn]:
        """Move the virtual clock on (``"10m"``, ``"1h30m"`` or a timedelta); returns fired turns."""
        if isinstance(duration, str):
            duration = parse_delay(duration)
        fired = self.sim.advance_sync(duration)
        self.turns.extend(fired)
        return fired

    def close(self) -> None:
        """Release the simulator."""
        self.sim.close()


def check_turn(turn: Turn, expect: dict[str, Any]) -> None:
    """Raise `ConversationFailure` if ``turn`` does not meet ``expect``.

    Keys: ``speech`` (exact), ``speech_contains``, ``intent``, ``skill``, ``error`` (a code or
    None), ``session_ended``, ``slots`` (name -> raw words).
    """
    problems: list[str] = []
    speech = turn.speech or ""
    if expect.get("speech") is not None and speech != expect["speech"]:
        problems.append(f"speech was {speech!r}, expected {expect['speech']!r}")
    if expect.get("speech_contains") is not None and str(expect["speech_contains"]) not in speech:
        problems.append(f"speech {speech!r} does not contain {expect['speech_contains']!r}")
    for key in ("intent", "skill", "session_ended"):
        if expect.get(key) is not None and getattr(turn, key) != expect[key]:
            problems.append(f"{key} was {getattr(turn, key)!r}, expected {expect[key]!r}")
    if "error" in expect:
        code = turn.error.code if turn.error else None
        if code != expect["error"]:
            problems.append(f"error was {code!r}, expected {expect['error']!r}")
    for name, raw in (expect.get("slots") or {}).items():
        got = turn.slots.get(name)
        if got is None or got.raw != str(raw):
            problems.append(f"slot {name} was {got.raw if got else None!r}, expected {raw!r}")
    if problems:
        said = "(clock)" if turn.text is None else repr(turn.text)
        message = f"turn {said}: " + "; ".join(problems)
        if turn.error is not None and turn.error.detail:
            message += f"\nthe skill failed with:\n{turn.error.detail.rstrip()}"
        raise ConversationFailure(message, turn=turn, expected=expect)


def run_conversation_file(path: str | Path, *, skills_dir: str | Path | None = None) -> list[Turn]:
    """Replay a YAML conversation file and check every expectation; returns the turns.

    ``skills_dir`` loads a folder of skills besides the bundled ones (the file's own
    ``skills_dir:`` key, relative to the file, takes precedence). A failure is a
    `ConversationFailure` naming the file and the turn (or the line of a mistake in the file),
    with the step number and the transcript so far.
    """
    path = Path(path)
    data = read_conversation_file(path)
    if data.skills_dir is not None:
        skills_dir = path.parent / data.skills_dir
    skills: list[Skill] | None = None
    if data.skills:
        from simulator.loader import load_skills

        every = load_skills(
            Path(skills_dir) if skills_dir is not None else None, entry_point_skills=False
        ).skills
        names = set(data.skills)
        skills = [s for s in every if s.name in names]
        unknown = names - {s.name for s in skills}
        if unknown:
            raise ConversationFailure(
                f"{path}: skills: no skill named {', '.join(sorted(unknown))} "
                f"(loaded: {', '.join(s.name for s in every)})"
            )
        skills_dir = None  # already loaded, and only the ones named
    conv = Conversation(
        skills, now=data.now or _DEFAULT_NOW, home=data.home, seed=data.seed, skills_dir=skills_dir
    )
    try:
        for number, step in enumerate(data.turns, start=1):
            expect = step.expect.checks()
            try:
                if step.advance is not None:
                    fired = conv.advance(step.advance)
                    if expect:
                        if not fired:
                            raise ConversationFailure("nothing fired", expected=expect)
                        check_turn(fired[-1], expect)
                else:
                    check_turn(conv.say(step.say or ""), expect)
            except ConversationFailure as exc:
                failure = ConversationFailure(
                    f"{path}: turn {number}: {exc}", turn=exc.turn, expected=exc.expected
                )
                failure.step = number
                failure.transcript = list(conv.turns)
                raise failure from None
        return conv.turns
    finally:
        conv.close()
