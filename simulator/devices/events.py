"""State-change events and the in-order publish/subscribe bus that delivers them."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

__all__ = ["Cause", "EventBus", "StateChanged", "Subscriber"]

_log = logging.getLogger(__name__)

Cause = Literal["voice", "simulation", "manual"]
"""Who changed the state: a spoken command, the simulation, or a person at the device/UI."""


class StateChanged(BaseModel):
    """One attribute of one device changed."""

    model_config = ConfigDict(frozen=True)

    device_id: str
    """The device."""
    capability: str
    """Capability the attribute belongs to (``"online"`` for the online flag)."""
    attribute: str
    """Attribute name (``"brightness"``)."""
    old: Any
    """Value before."""
    new: Any
    """Value after."""
    cause: Cause
    """Who made the change."""
    at: datetime
    """Virtual time of the change."""


Subscriber = Callable[[StateChanged], None]
"""A callback receiving each event."""


class EventBus:
    """Delivers events to subscribers synchronously, in emission order."""

    def __init__(self) -> None:
        """Create a bus with no subscribers."""
        self._subscribers: list[Subscriber] = []
        self._held: list[StateChanged] | None = None

    def subscribe(self, callback: Subscriber) -> Callable[[], None]:
        """Register *callback*; returns a function that unsubscribes it (safe to call twice)."""
        self._subscribers.append(callback)

        def unsubscribe() -> None:
            if callback in self._subscribers:
                self._subscribers.remove(callback)

        return unsubscribe

    def publish(self, event: StateChanged) -> None:
        """Send *event* to every subscriber, in subscription order.

        A failing subscriber is logged and skipped: one broken UI widget must not stop the home
        (or the other subscribers) from working.
        """
        if self._held is not None:
            self._held.append(event)
            return
        # Copy so that a callback may unsubscribe itself while we iterate.
        for callback in list(self._subscribers):
            try:
                callback(event)
            except Exception:
                _log.exception("state-change subscriber %r failed", callback)

    def hold(self) -> None:
        """Keep events back until :meth:`release` or :meth:`discard` (a turn's staged changes)."""
        self._held = []

    def release(self) -> None:
        """Deliver the held events, in order, and stop holding."""
        held, self._held = self._held or [], None
        for event in held:
            self.publish(event)

    def discard(self) -> None:
        """Drop the held events (the changes were rolled back) and stop holding."""
        self._held = None
