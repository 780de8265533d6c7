"""Dialog state: the session and the question the speaker is waiting on.

Both are pydantic models so the whole dialog state can be saved between runs (``speaker-sim say``
in one process can answer a question asked by the previous one) and shown in the inspector.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, Literal

from pydantic import BaseModel, Field, field_serializer

from simulator.sdk.slots import value_to_json

__all__ = ["DialogContext", "DialogSession", "Question", "filled_to_json"]


def filled_to_json(filled: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Slots collected so far as JSON: each typed value by `value_to_json`, with its words."""
    return {
        name: {"value": value_to_json(v.get("value")), "raw": str(v.get("raw", ""))}
        for name, v in filled.items()
    }


class Question(BaseModel):
    """An open question: a slot to fill, a yes/no confirmation, or which device was meant."""

    kind: Literal["elicit", "confirm", "disambiguate"]
    skill: str
    intent: str
    slot: str | None = None
    """For ``elicit``: the slot being asked for."""
    prompt: str
    filled: dict[str, dict[str, Any]] = Field(default_factory=dict)
    """Slots collected so far: name -> {"value": <value>, "raw": words}. In memory the values
    are typed, as the router read them; saved (and in the Turn) they are JSON, and after a
    restart the intent's model validates them back from JSON."""
    attempts: int = 0
    """How many answers failed; the question is dropped after a few."""
    data: dict[str, Any] = Field(default_factory=dict)
    """Extra state, e.g. the choices of a disambiguation question."""

    @field_serializer("filled")
    def _filled_as_json(self, filled: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
        # The storage boundary: whatever is saved or shown is JSON.
        return filled_to_json(filled)


class DialogSession(BaseModel):
    """A conversation in progress with the speaker."""

    id: str
    started: datetime
    last_active: datetime
    skill: str | None = None
    """The skill holding the conversation; it gets priority when routing."""
    attributes: dict[str, Any] = Field(default_factory=dict)
    question: Question | None = None
    reprompt: str | None = None
    silences: int = 0
    """Consecutive empty inputs; the session ends after the second."""

    def expired(self, now: datetime, timeout: float) -> bool:
        """Whether the session has been idle longer than ``timeout`` seconds."""
        return now - self.last_active > timedelta(seconds=timeout)


class DialogContext(BaseModel):
    """What carries over between turns, across sessions: the last speech and the session."""

    session: DialogSession | None = None
    last_speech: str | None = None
    last_reprompt: str | None = None
    session_count: int = 0
