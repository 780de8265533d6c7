"""`TurnRun`: one turn in progress, the object every pipeline stage reads and fills in.

A turn used to be threaded through helpers as eight or ten loose parameters; now each stage gets
the `TurnRun` and records what it learned (the routing decision, the plan, the response, the skill
that answered, an error, the skill's notes). The record builder (`simulator.engine.record`) turns
a finished run into a `Turn` without side effects.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal

from simulator.engine.guards import clean_response
from simulator.models import TraceStep
from simulator.nlu.asr import Recognition
from simulator.sdk.response import Response

if TYPE_CHECKING:
    from simulator.devices import StateChanged
    from simulator.dialog.manager import Plan
    from simulator.models import RouteSource
    from simulator.routing.router import RouteDecision

__all__ = ["Failure", "Stopwatch", "TurnKind", "TurnRun"]

TurnKind = Literal["utterance", "proactive", "silence"]
"""What started a turn: something said, something that fired on the clock, or nothing heard."""


@dataclass(frozen=True)
class Failure:
    """Why a turn did not go as asked: an error code, a message and, for skill errors, detail."""

    code: str
    message: str
    detail: str | None = None
    """The traceback of a skill error, for the author (stderr, ``--json``, the inspector)."""


class Stopwatch:
    """Times the pipeline's stages: each :meth:`lap` adds a ``{stage, ms, detail}`` trace step."""

    def __init__(self) -> None:
        """Start timing now."""
        self.steps: list[TraceStep] = []
        self._t = time.perf_counter()

    def lap(self, stage: str, **detail: Any) -> None:
        """Close the current stage under ``stage`` with what it saw or decided."""
        now = time.perf_counter()
        self.steps.append(
            TraceStep(stage=stage, ms=round((now - self._t) * 1000, 3), detail=detail)
        )
        self._t = now


@dataclass
class TurnRun:
    """One turn in progress: filled in stage by stage, then built into a `Turn`."""

    text: str | None
    """What was said, cleaned for display (None for a proactive turn)."""
    now: datetime
    """The virtual time the turn started at."""
    kind: TurnKind = "utterance"
    watch: Stopwatch = field(default_factory=Stopwatch)
    decision: RouteDecision | None = None
    plan: Plan | None = None
    response: Response | None = None
    skill: str | None = None
    """The skill that answered (it may differ from the routed one: help, launch, stop)."""
    error: Failure | None = None
    notes: list[str] = field(default_factory=list)
    """Lines the skill logged with ``ctx.log``."""
    note: str | None = None
    """A line for the response step of the trace ("no wake word: ignored")."""
    events: list[StateChanged] = field(default_factory=list)
    """Device changes made during this turn, in order."""
    heard: Recognition | None = None
    """What the simulated recogniser heard (``--asr-noise``), or None."""
    profile: str = "speaker"
    """The device profile the turn runs under."""
    source: RouteSource | None = None
    """Where the answer came from when not from the routing decision (``llm``: the model
    answered in words)."""
    explanation: str | None = None
    """Why, when it is not the routing decision's explanation."""
    language: str = "en"
    """The language of the turn (see `Turn.language`)."""
    reread: dict[str, tuple[object, str]] = field(default_factory=dict)
    """Slots the handler used otherwise than routed (``ctx.read_slot_as``): the Turn shows
    these readings."""

    def answer(
        self,
        response: Response | None,
        *,
        skill: str | None = None,
        error: Failure | None = None,
        kind: TurnKind | None = None,
        note: str | None = None,
    ) -> TurnRun:
        """Record the outcome of the turn; returns the run so a stage can ``return run.answer()``."""
        # Skill text reaches terminals, JSON streams and SQLite: clean and cap it here, the one
        # place every answer passes.
        self.response = clean_response(response) if response is not None else None
        if skill is not None:
            self.skill = skill
        if error is not None:
            self.error = error
        if kind is not None:
            self.kind = kind
        if note is not None:
            self.note = note
        return self
