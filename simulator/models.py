"""The records that flow out of the engine: `Turn`, `RouteResult` and their parts.

These are the shapes of the CLI contract (see ``docs/architecture.md``): the CLI prints them as JSON,
the TUI draws them and tests assert on them. Keys are snake_case and only ever get extended.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "Alternative",
    "AsrHypothesis",
    "Card",
    "DeviceChange",
    "DialogState",
    "Outcome",
    "RouteResult",
    "RouteSource",
    "SlotValue",
    "TraceStep",
    "Turn",
    "TurnError",
]

RouteSource = Literal["template", "classifier", "context", "builtin", "llm", "fallback"]
"""Where a routing decision came from (``llm``: the large model, in large-model mode)."""

Outcome = Literal["understood", "declined", "fallback"]
"""How an utterance ended: routed to an intent that acts on it, to one that exists to say no
(an intent declared with ``declines=True``: "I can't look that up"), or not understood."""


class _Record(BaseModel):
    """Base for output records: forbids unknown fields so typos fail loudly."""

    model_config = ConfigDict(extra="forbid")


class SlotValue(_Record):
    """A filled slot: the typed value and the words it came from."""

    value: Any
    """The typed value, as JSON (numbers, strings, or an object for durations, times, ...)."""
    raw: str
    """The words of the utterance the value was parsed from."""


class Alternative(_Record):
    """A runner-up intent in a routing decision."""

    intent: str
    skill: str
    confidence: float = Field(ge=0, le=1)
    source: RouteSource = "template"
    explanation: str = ""


class RouteResult(_Record):
    """What the router decided for one utterance (printed by ``speaker-sim route``)."""

    text: str
    intent: str | None
    skill: str | None
    confidence: float = Field(ge=0, le=1)
    slots: dict[str, SlotValue] = Field(default_factory=dict)
    source: RouteSource
    alternatives: list[Alternative] = Field(default_factory=list)
    explanation: str = ""
    """The template that matched, or for a near miss where it diverged."""
    template: str | None = None
    """The sample template that matched, when the source is ``template``."""
    missing_slots: list[str] = Field(default_factory=list)
    """Required slots the utterance did not fill (the dialog will ask for them)."""
    invalid_slots: dict[str, str] = Field(default_factory=dict)
    """Slots whose value failed validation, with the reason."""
    why: dict[str, Any] = Field(default_factory=dict)
    """Evidence behind the decision: fillers set aside, typos mended; for the learned stage its
    probability, the words that weighed most, the nearest samples and where each slot came from;
    for a fallback the nearest intents and what was missing."""
    outcome: Outcome = "understood"
    """``fallback`` when nothing was understood; ``declined`` for an intent that exists to say
    no (see `Outcome`)."""


class TraceStep(_Record):
    """One stage of the pipeline: its name, how long it took and what it saw or decided."""

    stage: str
    ms: float
    detail: dict[str, Any] = Field(default_factory=dict)


class DeviceChange(_Record):
    """One attribute of one device that changed during a turn."""

    device_id: str
    capability: str
    attribute: str
    old: Any
    new: Any
    cause: str = "voice"


class TurnError(_Record):
    """Why a turn did not go as asked: a device error code, a skill failure, bad input."""

    code: str
    message: str
    detail: str | None = None
    """For a skill error: the traceback, so the skill's author can find the failing line."""


class Card(_Record):
    """A display card shown next to the speech, as on a speaker with a screen.

    Beyond a title and text a skill can send list items, a progress value, the end of a
    countdown, a status line and an image; the screen profile's pane draws them (the others only
    show the card in the inspector).
    """

    title: str
    text: str = ""
    kind: str | None = None
    """What the card shows (``timer``, ``now_playing``, ``weather``, ``list``, ``order`` ...), so a
    screen can lay it out; free-form."""
    items: list[str] = Field(default_factory=list)
    """Lines of a list: items, forecast days, the things in a cart (a screen shows them instead
    of ``text``)."""
    progress: float | None = Field(default=None, ge=0, le=1)
    """How far along (0-1): a song's position, an order's delivery."""
    progress_label: str | None = None
    """Words for the progress ("1:12 / 3:40")."""
    ends_at: datetime | None = None
    """For a countdown (a timer): the virtual time it ends; the screen counts down to it."""
    status: str | None = None
    """A status line ("Out for delivery")."""
    image: str | None = None
    """An image's path or URL, shown where the terminal can (its name otherwise)."""


class DialogState(_Record):
    """The dialog manager's state after a turn, for the inspector."""

    session_id: str | None = None
    active_skill: str | None = None
    open_question: dict[str, Any] | None = None
    """The question the speaker is waiting on: kind, intent, slot, prompt."""
    session_attributes: dict[str, Any] = Field(default_factory=dict)


class AsrHypothesis(_Record):
    """One hypothesis of the simulated speech recogniser."""

    text: str
    confidence: float = Field(ge=0, le=1)


class Turn(_Record):
    """Everything one turn saw and decided, from the text heard to the speech said."""

    text: str | None
    """What the user said (cleaned for display); null for a proactive turn such as a timer."""
    intent: str | None = None
    skill: str | None = None
    confidence: float = Field(default=0.0, ge=0, le=1)
    slots: dict[str, SlotValue] = Field(default_factory=dict)
    speech: str | None = None
    reprompt: str | None = None
    card: Card | None = None
    session_ended: bool = True
    device_changes: list[DeviceChange] = Field(default_factory=list)
    error: TurnError | None = None
    trace: list[TraceStep] = Field(default_factory=list)
    source: RouteSource | None = None
    alternatives: list[Alternative] = Field(default_factory=list)
    explanation: str = ""
    why: dict[str, Any] = Field(default_factory=dict)
    """As in `RouteResult`: the evidence behind the routing decision."""
    template: str | None = None
    dialog: DialogState = Field(default_factory=DialogState)
    at: datetime | None = None
    """The virtual time of the turn."""
    kind: Literal["utterance", "proactive", "silence"] = "utterance"
    heard: str | None = None
    """With ``--asr-noise``: what the simulated recogniser heard (and routing used)."""
    n_best: list[AsrHypothesis] = Field(default_factory=list)
    """With ``--asr-noise``: the recogniser's hypotheses, best first, with confidences."""
    asr_changes: list[str] = Field(default_factory=list)
    """With ``--asr-noise``: what the recogniser got wrong ("homophone: for → four")."""
    profile: str = "speaker"
    """The device profile the turn ran under (``speaker``, ``screen`` or ``kids``)."""
    outcome: Outcome | None = None
    """For an utterance: ``understood``, ``declined`` (an intent that exists to say no) or
    ``fallback`` (see `Outcome`); null for a proactive turn."""
    language: str = "en"
    """The language of the turn (``en``, ``zh-CN``): the utterance's, else the conversation's,
    else ``--lang``; the speech is in it when the skill speaks it."""
