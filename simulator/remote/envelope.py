"""The remote-skill envelope: the JSON a speaker sends a skill's web service, and the JSON it answers.

This is speaker-sim's own small envelope. It is inspired by how consumer voice platforms talk to
third-party skills, but it is **no vendor's format**: not Alexa's, not AliGenie's, not DuerOS's.

One request, one response, both JSON over HTTP POST::

    {"version": "1.0", "request_id": "...", "timestamp": "...", "locale": "en",
     "session": {"id": "...", "new": true, "attributes": {}},
     "context": {"user": {"id": "..."}, "device": {"id": "...", "room": "kitchen"},
                 "now": "2026-06-01T09:00:00", "scheduled": [], "persistent_attributes": {}},
     "request": {"type": "intent", "intent": {"name": "BrewTea",
                 "slots": {"tea": {"value": "green", "raw": "green"}}}, "text": "brew a green tea"}}

    {"version": "1.0", "request_id": "...", "speech": "Steeping green tea for 2 minutes.",
     "reprompt": null, "card": null, "end_session": null, "session_attributes": {"last_tea": "green"},
     "persistent_attributes": {"cups": 1}, "error": null, "notes": [],
     "directives": [{"type": "schedule", "after_seconds": 120, "say": "Your green tea is ready."}]}

The service is stateless: everything it needs to remember travels in the envelope (session
attributes until the session ends, persistent attributes that the speaker keeps for the skill,
and the skill's pending scheduled items). Any number of replicas can answer.

The contract is versioned ``MAJOR.MINOR``. A minor version only ever adds optional fields; a new
major version may change anything, so a request or response with a newer major version than this
code knows is refused with `UnsupportedVersion`. The JSON Schema files in ``docs/schema/`` are
generated from these models (``python -m simulator.remote.schema``) and a test checks they match.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

__all__ = [
    "ENVELOPE_VERSION",
    "CancelScheduledDirective",
    "Card",
    "DeviceCommandDirective",
    "DeviceInfo",
    "Directive",
    "ErrorBody",
    "ErrorInfo",
    "EventRequest",
    "HelpRequest",
    "IntentInfo",
    "IntentRequest",
    "LaunchRequest",
    "RequestContext",
    "RequestEnvelope",
    "RequestKind",
    "ResponseEnvelope",
    "ScheduleDirective",
    "ScheduledItemInfo",
    "SessionEndedRequest",
    "SessionInfo",
    "SlotInfo",
    "UnsupportedVersion",
    "UserInfo",
    "check_version",
]

ENVELOPE_VERSION = "1.0"
"""The envelope version this code speaks: ``MAJOR.MINOR``."""

_MAJOR = int(ENVELOPE_VERSION.split(".")[0])
_VERSION_PATTERN = r"^[0-9]+\.[0-9]+$"


class UnsupportedVersion(ValueError):
    """An envelope carries a major version newer than this code understands."""


def check_version(version: str) -> None:
    """Raise `UnsupportedVersion` if ``version``'s major number is not one this code speaks."""
    major = int(version.split(".")[0])
    if major != _MAJOR:
        raise UnsupportedVersion(
            f"envelope version {version} is not supported: this speaker speaks "
            f"{ENVELOPE_VERSION} (major version {_MAJOR})"
        )


class _Envelope(BaseModel):
    """Base of every envelope part: unknown fields are refused, types are strict.

    Strict types mean a service that sends ``"end_session": "yes"`` or ``"speech": 42`` gets a
    clear validation error rather than a guess.
    """

    model_config = ConfigDict(extra="forbid", strict=True, use_attribute_docstrings=True)


# -- request -------------------------------------------------------------------------------


class SlotInfo(_Envelope):
    """A filled slot: its typed value as JSON and the words it came from."""

    value: Any = None
    """Numbers and strings as they are; durations, times, temperatures and colours as objects;
    dates as ISO strings; null for an optional slot the user did not fill."""
    raw: str = ""
    """The words of the utterance the value was parsed from."""


class IntentInfo(_Envelope):
    """The intent the speaker understood, with its slots."""

    name: str = Field(min_length=1, max_length=100)
    slots: dict[str, SlotInfo] = Field(default_factory=dict)


class LaunchRequest(_Envelope):
    """The user opened the skill by name ("open tea time")."""

    type: Literal["launch"] = "launch"


class IntentRequest(_Envelope):
    """The user said something the speaker routed to one of the skill's intents.

    Missing required slots were already asked for, and a ``confirm`` question already answered
    yes, by the speaker's dialog manager: the service gets a complete request.
    """

    type: Literal["intent"] = "intent"
    intent: IntentInfo
    text: str = ""
    """What the user said (cleaned for display)."""


class HelpRequest(_Envelope):
    """The user asked for help while the skill held the conversation."""

    type: Literal["help"] = "help"


class SessionEndedRequest(_Envelope):
    """The session is ending; the service may say goodbye but cannot keep it open."""

    type: Literal["session_ended"] = "session_ended"
    reason: Literal["user_stop"] = "user_stop"
    """Why: ``user_stop`` ("stop", "cancel")."""


class ScheduledItemInfo(_Envelope):
    """A timer, alarm or reminder the speaker keeps for the skill."""

    id: str
    kind: str = "timer"
    label: str | None = None
    due: dt.datetime
    """When it fires, in the speaker's virtual time."""
    payload: dict[str, Any] = Field(default_factory=dict)

    @field_validator("due", mode="before")
    @classmethod
    def _iso(cls, value: Any) -> Any:
        # Strict mode refuses ISO strings for datetimes in Python mode; the wire carries them.
        return dt.datetime.fromisoformat(value) if isinstance(value, str) else value


class EventRequest(_Envelope):
    """Something happened that the skill asked to hear about: one of its scheduled items fired."""

    type: Literal["event"] = "event"
    name: Literal["scheduled_item_fired"] = "scheduled_item_fired"
    item: ScheduledItemInfo


RequestKind = Annotated[
    LaunchRequest | IntentRequest | HelpRequest | SessionEndedRequest | EventRequest,
    Field(discriminator="type"),
]
"""The request proper, told apart by its ``type``."""


class SessionInfo(_Envelope):
    """The conversation in progress."""

    id: str
    new: bool = True
    """True when this is the first request to the skill in this session."""
    attributes: dict[str, Any] = Field(default_factory=dict)
    """What the skill asked the speaker to remember until the session ends."""


class UserInfo(_Envelope):
    """Who is speaking (the simulator has one user)."""

    id: str


class DeviceInfo(_Envelope):
    """The speaker the user is talking to."""

    id: str
    room: str | None = None
    """The room the speaker stands in, if the home says."""


class RequestContext(_Envelope):
    """The world as the speaker sees it, for a service that keeps no state of its own."""

    user: UserInfo
    device: DeviceInfo
    now: dt.datetime
    """The speaker's virtual time (use this, not the service's own clock)."""
    scheduled: list[ScheduledItemInfo] = Field(default_factory=list)
    """The skill's pending scheduled items, soonest first."""
    persistent_attributes: dict[str, Any] = Field(default_factory=dict)
    """The skill's data that survives sessions and restarts, kept by the speaker."""

    @field_validator("now", mode="before")
    @classmethod
    def _iso(cls, value: Any) -> Any:
        return dt.datetime.fromisoformat(value) if isinstance(value, str) else value


class RequestEnvelope(_Envelope):
    """What the speaker POSTs to a remote skill's service."""

    version: str = Field(default=ENVELOPE_VERSION, pattern=_VERSION_PATTERN)
    request_id: str = Field(min_length=1, max_length=100)
    timestamp: int
    """When the request was sent, in Unix seconds of the real clock. It is signed (see
    :mod:`simulator.remote.signing`) and must be within the service's replay window."""
    locale: str = "en"
    session: SessionInfo
    context: RequestContext
    request: RequestKind


# -- response ------------------------------------------------------------------------------


class Card(_Envelope):
    """A display card for speakers with a screen."""

    title: str = Field(min_length=1)
    text: str = ""


class ErrorInfo(_Envelope):
    """Why the skill could not do what was asked; becomes the turn's ``error``."""

    code: str = Field(min_length=1, max_length=64, pattern=r"^[A-Z][A-Z0-9_]*$")
    message: str = ""


class DeviceCommandDirective(_Envelope):
    """Ask the speaker to command devices of the home, as a smart-home skill would.

    The speaker resolves ``target`` (words such as "the kitchen light", "the lights in the den",
    or a device id) against its home, runs ``command`` (one of the home's commands:
    ``turn_on``, ``set_brightness``, ``lock``, ...) with ``value``, and reports the outcome. When
    it fails (``DEVICE_NOT_FOUND``, ``DEVICE_OFFLINE``, ...), the speaker says why instead of the
    service's speech and the turn carries the device error.
    """

    type: Literal["device_command"] = "device_command"
    target: str = Field(min_length=1, max_length=200)
    command: str = Field(min_length=1, max_length=64)
    value: Any = None


class ScheduleDirective(_Envelope):
    """Ask the speaker to keep a timer, alarm or reminder for the skill.

    When it fires, the speaker says ``say`` (or, if the skill's manifest lists ``events``, sends
    the service an ``event`` request and says what it answers).
    """

    type: Literal["schedule"] = "schedule"
    after_seconds: float | None = Field(default=None, gt=0, le=366 * 24 * 3600)
    at: dt.datetime | None = None
    """Either ``after_seconds`` from now, or an absolute virtual time ``at``."""
    kind: str = Field(default="timer", min_length=1, max_length=32)
    label: str | None = None
    say: str | None = None
    payload: dict[str, Any] = Field(default_factory=dict)

    @field_validator("after_seconds", mode="before")
    @classmethod
    def _number(cls, value: Any) -> Any:
        # JSON has one number type: 120 and 120.0 both mean seconds.
        return float(value) if isinstance(value, int) and not isinstance(value, bool) else value

    @field_validator("at", mode="before")
    @classmethod
    def _iso(cls, value: Any) -> Any:
        return dt.datetime.fromisoformat(value) if isinstance(value, str) else value

    @model_validator(mode="after")
    def _one_time(self) -> ScheduleDirective:
        """Exactly one of ``after_seconds`` and ``at``."""
        if (self.after_seconds is None) == (self.at is None):
            raise ValueError("a schedule directive needs exactly one of after_seconds and at")
        return self


class CancelScheduledDirective(_Envelope):
    """Ask the speaker to cancel one of the skill's pending scheduled items."""

    type: Literal["cancel_scheduled"] = "cancel_scheduled"
    id: str = Field(min_length=1)


Directive = Annotated[
    DeviceCommandDirective | ScheduleDirective | CancelScheduledDirective,
    Field(discriminator="type"),
]
"""Something the service asks the speaker to do besides speaking."""


class ResponseEnvelope(_Envelope):
    """What a remote skill's service answers (HTTP 200, signed like the request)."""

    version: str = Field(default=ENVELOPE_VERSION, pattern=_VERSION_PATTERN)
    request_id: str = Field(min_length=1, max_length=100)
    """The ``request_id`` of the request this answers."""
    speech: str | None = Field(default=None, max_length=8000)
    reprompt: str | None = Field(default=None, max_length=8000)
    """Said again if the user says nothing; its presence keeps the session open."""
    card: Card | None = None
    end_session: bool | None = None
    """True or false to force; null to decide from the reprompt."""
    session_attributes: dict[str, Any] = Field(default_factory=dict)
    """The session's attributes from now on (replacing those sent)."""
    persistent_attributes: dict[str, Any] | None = None
    """The skill's persistent attributes from now on; null leaves them as they were."""
    error: ErrorInfo | None = None
    directives: list[Directive] = Field(default_factory=list, max_length=50)
    notes: list[str] = Field(default_factory=list, max_length=100)
    """Lines the skill logged (shown in the speaker's trace)."""


class ErrorBody(_Envelope):
    """The body of a service's non-200 answer: ``{"error": {"code": ..., "message": ...}}``."""

    error: ErrorInfo
