"""Keeping secrets out of records: a turn whose intent has a secret slot (a spoken PIN) is
rewritten so the words of that slot appear nowhere in it.

The engine calls :func:`redact_turn` on every turn before it is saved to the conversation log,
printed or shown, and :func:`redact_route` on ``route`` results. A slot is secret when its slot
type says so (``SlotType.secret``, e.g. `simulator.sdk.secret.PinCode`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from simulator.models import RouteResult, SlotValue, Turn
from simulator.nlu.normalize import normalize
from simulator.routing.router import Router
from simulator.sdk.secret import REDACTED

__all__ = ["redact_route", "redact_turn", "secret_slots"]


def secret_slots(router: Router, skill: str | None, intent: str | None) -> set[str]:
    """Names of the secret slots of ``skill.intent`` (empty when it has none)."""
    if not skill or not intent:
        return set()
    spec = router.intent(skill, intent)
    if spec is None:
        return set()
    return {name for name, slot in spec.slots.items() if getattr(slot.type, "secret", False)}


def _forms(slots: dict[str, SlotValue], names: Iterable[str]) -> list[str]:
    """Every way a secret's words may appear: as said, and as its digits run together."""
    forms: set[str] = set()
    for name in names:
        slot = slots.get(name)
        if slot is None:
            continue
        for text in (slot.raw, str(slot.value) if slot.value is not None else ""):
            text = text.strip()
            if text and text != REDACTED:
                forms.add(text)
                forms.add(text.replace(" ", ""))
    return sorted((f for f in forms if f), key=len, reverse=True)


def _scrub(value: Any, forms: list[str]) -> Any:
    if isinstance(value, str):
        for form in forms:
            value = value.replace(form, REDACTED)
        return value
    if isinstance(value, list):
        if value and all(isinstance(v, str) for v in value):
            joined = _scrub(" ".join(value), forms)
            if joined != " ".join(value):
                return joined.split(" ")  # token lists (the trace's "normalise" step)
        return [_scrub(v, forms) for v in value]
    if isinstance(value, dict):
        return {k: _scrub(v, forms) for k, v in value.items()}
    return value


def redact_turn(turn: Turn, router: Router) -> Turn:
    """``turn`` with its secret slots' words replaced by ``[redacted]`` everywhere."""
    names = secret_slots(router, turn.skill, turn.intent) & set(turn.slots)
    if not names:
        return turn
    forms = _forms(turn.slots, names)
    data = turn.model_dump(mode="json")
    for name in names:
        data["slots"][name] = {"value": REDACTED, "raw": REDACTED}
    if turn.text:
        # The display text keeps the user's own spelling ("1234."); its normalised words are
        # what the secret's raw form is made of, so the text is given in that form, redacted.
        data["text"] = _scrub(normalize(turn.text), forms)
        if any(form in data["text"] for form in forms):  # pragma: no cover - defensive
            data["text"] = REDACTED
    data = {k: (v if k in ("slots", "text") else _scrub(v, forms)) for k, v in data.items()}
    return Turn.model_validate(data)


def redact_route(result: RouteResult, router: Router) -> RouteResult:
    """A ``route`` result with its secret slots' words replaced by ``[redacted]``."""
    names = secret_slots(router, result.skill, result.intent) & set(result.slots)
    if not names:
        return result
    forms = _forms(result.slots, names)
    data = result.model_dump(mode="json")
    for name in names:
        data["slots"][name] = {"value": REDACTED, "raw": REDACTED}
    data = {k: (v if k == "slots" else _scrub(v, forms)) for k, v in data.items()}
    data["text"] = _scrub(normalize(result.text), forms)
    return RouteResult.model_validate(data)
