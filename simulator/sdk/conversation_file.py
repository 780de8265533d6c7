"""The conversation-file format: one YAML file per conversation, replayed as a test.

The terminal UI exports a conversation in this format (``ctrl+e``) and the test harness replays
it (`simulator.sdk.testing.run_conversation_file`); both go through this module, so what one
writes the other reads::

    skills: [timer, clock]        # optional: only these skills, by name (default: all)
    skills_dir: .                 # optional: a folder of your skills, relative to this file
    now: 2026-06-01T09:00         # optional: the virtual clock's start
    seed: 0                       # optional
    home: demo                    # optional: the bundled demo home (default: no home)
    turns:
      - say: set a timer for 3 minutes
        expect: {intent: StartTimer, speech: Timer set for 3 minutes.}
      - advance: 3m               # move the clock on; ``expect`` checks the last item that fired
        expect: {speech: Your timer is done.}

``expect`` keys: ``speech`` (exact), ``speech_contains``, ``intent``, ``skill``, ``error`` (a code,
or null for none), ``session_ended``, ``slots`` (name: the words the slot came from). A mistake in
a file (an unknown key, a turn with neither ``say`` nor ``advance``) is reported with its line.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, field_validator, model_validator

from simulator.models import Turn
from simulator.yamlfile import read_yaml, validate_yaml

__all__ = [
    "ConversationFailure",
    "ConversationFile",
    "Expect",
    "Step",
    "conversation_from_turns",
    "conversation_yaml",
    "read_conversation_file",
]


class ConversationFailure(AssertionError):
    """A conversation did not go as expected, or its file is not a conversation file.

    Besides the message it carries what a report needs to show the difference: the ``turn``
    that failed, what was ``expected`` of it, the ``step`` number in a conversation file, and
    the ``transcript`` of every turn up to the failure.
    """

    def __init__(
        self,
        message: str,
        *,
        turn: Turn | None = None,
        expected: dict[str, Any] | None = None,
    ) -> None:
        """Keep the message and, when known, the failed turn and its expectations."""
        super().__init__(message)
        self.turn = turn
        self.expected: dict[str, Any] = dict(expected or {})
        self.step: int | None = None
        self.transcript: list[Turn] = []


def _text(value: Any) -> Any:
    """YAML reads ``say: 5`` as a number and ``say: yes`` as a boolean; both are words here."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return str(value)
    return value


class Expect(BaseModel):
    """What a turn must have done; only the keys given are checked."""

    model_config = ConfigDict(extra="forbid")

    speech: str | None = None
    """The exact speech."""
    speech_contains: str | None = None
    """Words the speech contains."""
    intent: str | None = None
    """The intent that was routed to."""
    skill: str | None = None
    """The skill that answered."""
    error: str | None = None
    """The error code; ``null`` (given) means no error."""
    session_ended: bool | None = None
    """Whether the session ended."""
    slots: dict[str, str] | None = None
    """Slot name -> the words it came from."""

    @field_validator("speech", "speech_contains", "intent", "skill", "error", mode="before")
    @classmethod
    def _words(cls, value: Any) -> Any:
        return _text(value)

    @field_validator("slots", mode="before")
    @classmethod
    def _slot_words(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return {k: _text(v) for k, v in value.items()}
        return value

    def checks(self) -> dict[str, Any]:
        """The expectations given in the file (``error: null`` included), as a dict."""
        return self.model_dump(include=set(self.model_fields_set))


class Step(BaseModel):
    """One step: say something, or move the clock on."""

    model_config = ConfigDict(extra="forbid")

    say: str | None = None
    """What the user says ('' is silence)."""
    advance: str | None = None
    """How far to move the virtual clock (``10m``, ``1h30m``, ``90s``)."""
    expect: Expect = Expect()
    """What the turn (for ``advance``: the last item that fired) must have done."""

    @field_validator("say", "advance", mode="before")
    @classmethod
    def _words(cls, value: Any) -> Any:
        return _text(value)

    @model_validator(mode="after")
    def _one_kind(self) -> Step:
        if (self.say is None) == (self.advance is None):
            raise ValueError("a turn has either 'say' or 'advance'")
        return self


class ConversationFile(BaseModel):
    """A whole conversation file."""

    model_config = ConfigDict(extra="forbid")

    skills: list[str] | None = None
    """Only these skills are loaded, by name (default: every skill)."""
    skills_dir: str | None = None
    """A folder of your skills, relative to the file, loaded besides the bundled ones."""
    now: datetime | None = None
    """Where the virtual clock starts (default: the harness's fixed date)."""
    seed: int = 0
    """The seed for everything random."""
    home: str | None = None
    """``demo`` for the bundled demo home, or a home file's path; default: no home."""
    turns: list[Step]
    """The steps, in order."""


def _failure(path: Path, line: int | None, field: str, message: str) -> ConversationFailure:
    where = f"{path}:{line}" if line else str(path)
    return ConversationFailure(f"{where}: {field + ': ' if field else ''}{message}")


def read_conversation_file(path: str | Path) -> ConversationFile:
    """Read and check a conversation file; raises `ConversationFailure` naming the file and
    line of the first mistake."""
    path = Path(path)
    doc = read_yaml(path, _failure, what="conversation file")
    if not isinstance(doc.data, dict) or not isinstance(doc.data.get("turns"), list):
        raise _failure(path, doc.line(()), "", "expected a mapping with a 'turns' list")
    return validate_yaml(doc, ConversationFile, _failure)


def _duration(delta: timedelta) -> str:
    """``delta`` rounded up to whole seconds in the ``1h30m5s`` syntax: a replayed clock never
    falls short of a timer's due time."""
    seconds = max(0, math.ceil(delta.total_seconds()))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    text = (f"{hours}h" if hours else "") + (f"{minutes}m" if minutes else "")
    return text + (f"{secs}s" if secs or not text else "")


def conversation_from_turns(
    turns: Sequence[Turn], *, seed: int | None, home: bool
) -> ConversationFile:
    """The conversation file that replays ``turns``.

    Utterances become ``say`` steps expecting the same intent and speech; proactive turns become
    ``advance`` steps covering the virtual time that passed; time that passed between two
    utterances is replayed as an ``advance`` without expectations, so timers line up. Turns that
    were not heard (no wake word) are left out: replay has no wake-word mode.
    """
    heard = [t for t in turns if t.kind != "silence" or t.speech]
    steps: list[Step] = []
    start = next((t.at for t in heard if t.at is not None), None)
    last = start
    # Virtual time that passed but has not been replayed yet.
    pending = timedelta(0)
    for turn in heard:
        if turn.at is not None and last is not None:
            pending += turn.at - last
            last = turn.at
        if turn.kind == "proactive":
            same_moment = pending <= timedelta(0) and bool(steps) and steps[-1].advance is not None
            if not same_moment:
                steps.append(Step(advance=_duration(pending)))
            # Items due at the same moment fire in one advance: the step checks the last one.
            if turn.speech:
                steps[-1].expect = Expect(speech=turn.speech)
            pending = timedelta(0)
            continue
        if pending >= timedelta(seconds=1):
            steps.append(Step(advance=_duration(pending)))
            pending = timedelta(0)
        expect: dict[str, Any] = {}
        if turn.intent:
            expect["intent"] = turn.intent
        if turn.speech is not None:
            expect["speech"] = turn.speech
        if turn.error is not None:
            expect["error"] = turn.error.code
        steps.append(Step(say=turn.text or "", expect=Expect(**expect)))
    return ConversationFile(
        now=start, seed=seed if seed is not None else 0, home="demo" if home else None, turns=steps
    )


def conversation_yaml(conversation: ConversationFile, *, header: str = "") -> str:
    """The file's text: ``header`` (comment lines) and the YAML, keys in the documented order."""
    data: dict[str, Any] = {}
    if conversation.skills is not None:
        data["skills"] = list(conversation.skills)
    if conversation.now is not None:
        data["now"] = conversation.now.isoformat()
    data["seed"] = conversation.seed
    if conversation.home is not None:
        data["home"] = conversation.home
    data["turns"] = [
        {
            **({"say": step.say} if step.say is not None else {"advance": step.advance}),
            **({"expect": step.expect.checks()} if step.expect.model_fields_set else {}),
        }
        for step in conversation.turns
    ]
    body: str = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    return header + body
