"""The record builder: a finished `TurnRun` (or a routing decision) as a `Turn` (or `RouteResult`).

Pure functions: they read the run, the dialog session and the router, and change nothing. The
pipeline does the bookkeeping (ending the session, timing the response stage) before calling them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from simulator.models import (
    Alternative,
    AsrHypothesis,
    Card,
    DeviceChange,
    DialogState,
    RouteResult,
    SlotValue,
    Turn,
    TurnError,
)
from simulator.routing.router import Candidate, RouteDecision, Router
from simulator.sdk.response import Response
from simulator.sdk.slots import value_to_json

if TYPE_CHECKING:
    from simulator.devices import StateChanged
    from simulator.dialog.state import DialogSession
    from simulator.engine.turn import TurnRun

__all__ = [
    "alternatives",
    "build_turn",
    "card_of",
    "device_changes",
    "fallback_reason",
    "route_result",
    "slot_values",
]

_BUILTIN_ACTIONS = ("launch", "help", "stop")


def build_turn(run: TurnRun, *, session: DialogSession | None, ended: bool) -> Turn:
    """The `Turn` record of a finished run; ``session`` is the dialog session after the turn."""
    decision, plan, response = run.decision, run.plan, run.response
    best = decision.best if decision else None
    error = run.error
    turn_error = (
        TurnError(code=error.code, message=error.message, detail=error.detail) if error else None
    )
    if turn_error is None and response is not None and response.error_code:
        turn_error = TurnError(
            code=response.error_code, message=response.error_message or response.error_code
        )
    slots: dict[str, SlotValue] = {}
    if plan is not None and plan.json_slots:
        slots = {
            name: SlotValue(value=v.get("value"), raw=str(v.get("raw", "")))
            for name, v in plan.json_slots.items()
        }
    elif best is not None:
        slots = slot_values(best)
    for name, (value, raw) in run.reread.items():
        # What the handler acted on, where it read a slot otherwise than the router did.
        slots[name] = SlotValue(value=value_to_json(value), raw=raw)
    intent = plan.intent if plan and plan.intent else (best.intent if best else None)
    if plan is not None and plan.action in _BUILTIN_ACTIONS:
        intent = best.intent if best else plan.action.capitalize()
    question = session.question if session else None
    explanation = ""
    why: dict[str, Any] = {}
    if best is not None:
        explanation = best.explanation
        why = dict(best.details)
    elif decision is not None:
        explanation = fallback_reason(decision) if decision.candidates or decision.details else ""
        why = dict(decision.details)
    if run.explanation is not None:
        explanation = run.explanation
    return Turn(
        text=run.text,
        intent=intent,
        skill=run.skill or (best.skill if best else None),
        confidence=best.confidence if best else 0.0,
        slots=slots,
        speech=response.speech if response else None,
        reprompt=response.reprompt_text if response and not ended else None,
        card=card_of(response) if response and response.card_title else None,
        session_ended=ended,
        device_changes=device_changes(run.events),
        error=turn_error,
        trace=run.watch.steps,
        source=run.source or (decision.source if decision else None),
        alternatives=alternatives(decision) if decision else [],
        explanation=explanation,
        why=why,
        template=best.template if best else None,
        dialog=DialogState(
            session_id=session.id if session else None,
            active_skill=session.skill if session else None,
            open_question=question.model_dump(mode="json") if question else None,
            session_attributes=dict(session.attributes) if session else {},
        ),
        at=run.now,
        kind=run.kind,
        heard=run.heard.heard if run.heard else None,
        n_best=[AsrHypothesis(text=h.text, confidence=h.confidence) for h in run.heard.n_best]
        if run.heard
        else [],
        asr_changes=list(run.heard.changes) if run.heard else [],
        profile=run.profile,
        language=run.language,
        outcome=(
            None
            if run.kind != "utterance"
            else "fallback"
            if intent is None
            else "declined"
            if best is not None and best.declines and best.intent == intent
            else "understood"
        ),
    )


def card_of(response: Response) -> Card:
    """The response's display card as a record (title, text and the rich parts)."""
    return Card(
        title=response.card_title or "",
        text=response.card_text,
        kind=response.card_kind,
        items=list(response.card_items),
        progress=response.card_progress,
        progress_label=response.card_progress_label,
        ends_at=response.card_ends_at,
        status=response.card_status,
        image=response.card_image,
    )


def route_result(text: str, decision: RouteDecision, router: Router) -> RouteResult:
    """What ``speaker-sim route`` prints for one utterance."""
    best = decision.best
    runners_up = alternatives(decision)
    if best is None:
        return RouteResult(
            text=text,
            intent=None,
            skill=None,
            confidence=0.0,
            source="fallback",
            alternatives=runners_up,
            explanation=fallback_reason(decision),
            why=dict(decision.details),
            outcome="fallback",
        )
    spec = router.intent(best.skill, best.intent)
    invalid: dict[str, str] = {}
    if spec is not None and spec.model is not None and best.slots:
        try:
            spec.model.model_validate({k: v.value for k, v in best.slots.items()})
        except Exception as exc:
            for err in getattr(exc, "errors", lambda: [])():
                if err["type"] != "missing" and err["loc"]:
                    invalid[str(err["loc"][0])] = str(err["msg"])
    return RouteResult(
        text=text,
        intent=best.intent,
        skill=best.skill,
        confidence=best.confidence,
        slots=slot_values(best),
        source=best.source,
        alternatives=runners_up,
        explanation=best.explanation,
        template=best.template,
        missing_slots=best.missing,
        invalid_slots=invalid,
        why=dict(best.details),
        outcome="declined" if best.declines else "understood",
    )


def fallback_reason(decision: RouteDecision) -> str:
    """Why nothing was understood: what was missing, and the closest reading."""
    parts: list[str] = []
    missing = decision.details.get("missing")
    if missing:
        parts.append(str(missing))
    top = decision.candidates[0] if decision.candidates else None
    if top is not None:
        parts.append("closest: " + top.explanation)
    elif not missing:
        parts.append("no template shares words with this")
    return "nothing cleared the threshold; " + "; ".join(parts)


def slot_values(candidate: Candidate) -> dict[str, SlotValue]:
    """A candidate's slots as ``{"value": <JSON>, "raw": <words>}`` (the storage/record boundary)."""
    return {
        name: SlotValue(value=value_to_json(fill.value), raw=fill.raw)
        for name, fill in candidate.slots.items()
    }


def alternatives(decision: RouteDecision, limit: int = 5) -> list[Alternative]:
    """The runners-up of a routing decision, best first."""
    return [
        Alternative(
            intent=c.intent,
            skill=c.skill,
            confidence=c.confidence,
            source=c.source,
            explanation=c.explanation,
        )
        for c in decision.candidates
        if c is not decision.best
    ][:limit]


def device_changes(events: Sequence[StateChanged]) -> list[DeviceChange]:
    """Device events as a turn's ``device_changes``."""
    return [
        DeviceChange(
            device_id=e.device_id,
            capability=e.capability,
            attribute=e.attribute,
            old=e.old,
            new=e.new,
            cause=e.cause,
        )
        for e in events
    ]
