"""The service side: answer a request envelope by running an SDK skill's handler.

`SkillService` is what ``speaker-sim serve`` puts behind HTTP. It keeps no state between
requests: each request brings the session attributes, the skill's persistent attributes and its
pending scheduled items, and the handler sees them through an ordinary `SkillContext`. What the
handler changed goes back in the response: attributes as they now are, and scheduled items it
added or cancelled as ``schedule`` / ``cancel_scheduled`` directives. So a skill written with the
SDK runs unchanged in-process or as a service (except that a service has no ``ctx.home``: it
commands devices with a ``device_command`` directive instead).
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import queue
import random
import threading
from collections.abc import Callable, Sequence
from typing import Any

from pydantic import TypeAdapter, ValidationError

from simulator.clock import Clock, ScheduledItem
from simulator.remote.envelope import (
    CancelScheduledDirective,
    Card,
    Directive,
    ErrorInfo,
    EventRequest,
    HelpRequest,
    IntentRequest,
    LaunchRequest,
    RequestEnvelope,
    ResponseEnvelope,
    ScheduleDirective,
    ScheduledItemInfo,
    SessionEndedRequest,
)
from simulator.sdk.context import Session, SkillClock, SkillContext
from simulator.sdk.response import Response
from simulator.sdk.skill import Handler, Skill

__all__ = ["ServiceError", "SkillService", "first_error"]

_DIRECTIVE = TypeAdapter(Directive)


class ServiceError(Exception):
    """A request the service cannot answer: an HTTP status, a code and a sentence."""

    def __init__(self, status: int, code: str, message: str) -> None:
        """``status`` is the HTTP status the server answers with."""
        self.status = status
        self.code = code
        self.message = message
        super().__init__(f"{code}: {message}")


def first_error(exc: ValidationError) -> str:
    """The first problem of a validation error as ``where: what`` (one line, for a client)."""
    err = exc.errors()[0]
    where = ".".join(str(p) for p in err["loc"]) or "body"
    kind = err["type"]
    if kind == "extra_forbidden":
        return f"{where}: unknown field"
    if kind == "missing":
        return f"{where}: field required"
    return f"{where}: {err['msg']}"


class _DaemonPool:
    """A fixed set of daemon threads that run handlers.

    Starting a thread per request costs more than most handlers (about 1 ms); a standard
    ``ThreadPoolExecutor`` would be cheap but its threads are joined at exit, so one handler
    that never returns would keep the server from shutting down. Daemon threads are abandoned
    instead. If every thread is stuck, new requests wait in the queue and time out.
    """

    def __init__(self, size: int) -> None:
        self.size = size
        self._jobs: queue.SimpleQueue[tuple[Callable[[], Any], Callable[..., None]]] = (
            queue.SimpleQueue()
        )
        self._started = False
        self._lock = threading.Lock()

    def _work(self) -> None:
        while True:
            fn, done = self._jobs.get()
            try:
                result = fn()
            except BaseException as exc:
                done(None, exc)
            else:
                done(result, None)

    def submit(self, fn: Callable[[], Any]) -> asyncio.Future[Any]:
        """Run ``fn`` on a pool thread; the future resolves with its result or exception."""
        with self._lock:
            if not self._started:
                for number in range(self.size):
                    threading.Thread(
                        target=self._work, name=f"served-skill-{number}", daemon=True
                    ).start()
                self._started = True
        loop = asyncio.get_running_loop()
        future: asyncio.Future[Any] = loop.create_future()

        def settle(result: Any, error: BaseException | None) -> None:
            if future.done():
                return  # timed out meanwhile: nobody is waiting
            if error is not None:
                future.set_exception(error)
            else:
                future.set_result(result)

        def done(result: Any, error: BaseException | None) -> None:
            with contextlib.suppress(RuntimeError):  # the loop is gone
                loop.call_soon_threadsafe(settle, result, error)

        self._jobs.put((fn, done))
        return future


def _call(handler: Handler, args: Sequence[Any]) -> Any:
    result = handler(*args)
    if inspect.isawaitable(result):

        async def await_it() -> Any:
            return await result

        return asyncio.run(await_it())
    return result


def _item(info: ScheduledItemInfo, owner: str, now: Any) -> ScheduledItem:
    return ScheduledItem(
        id=info.id,
        due=info.due,
        kind=info.kind,
        owner=owner,
        label=info.label,
        created=now,
        payload=dict(info.payload),
    )


class SkillService:
    """Answers request envelopes with one SDK skill. Stateless; safe to call concurrently.

    ``timeout`` bounds each handler (seconds; default: the skill's own timeout); ``threads`` is
    how many handlers can run at once.
    """

    def __init__(self, skill: Skill, *, timeout: float | None = None, threads: int = 16) -> None:
        """Serve ``skill``."""
        self.skill = skill
        self.timeout = timeout if timeout is not None else skill.timeout
        self._pool = _DaemonPool(threads)

    async def handle(self, envelope: RequestEnvelope) -> ResponseEnvelope:
        """Run the right handler for ``envelope``; raises `ServiceError` when it cannot."""
        skill = self.skill
        request = envelope.request
        now = envelope.context.now
        clock = Clock(now)
        for info in envelope.context.scheduled:
            clock.add(_item(info, skill.name, now))
        before = {item.id for item in clock.pending()}
        intent_name: str | None = None
        text = ""
        raw_slots: dict[str, str] = {}
        args: list[Any] = []
        handler: Handler | None
        if isinstance(request, IntentRequest):
            intent_name, text = request.intent.name, request.text
            spec = skill.intents.get(intent_name)
            if spec is None:
                known = ", ".join(skill.intents) or "none"
                raise ServiceError(
                    400, "UNKNOWN_INTENT", f"{skill.name} has no intent {intent_name!r} ({known})"
                )
            raw_slots = {name: slot.raw for name, slot in request.intent.slots.items()}
            handler = spec.handler
            if spec.model is not None:
                values = {
                    name: slot.value
                    for name, slot in request.intent.slots.items()
                    if slot.value is not None
                }
                try:
                    args.append(spec.model.model_validate(values))
                except ValidationError as exc:
                    raise ServiceError(400, "INVALID_SLOTS", first_error(exc)) from None
        elif isinstance(request, LaunchRequest):
            handler = skill.launch_handler
            if handler is None:
                return self._envelope(envelope, _default_launch(skill), None, clock, before)
        elif isinstance(request, HelpRequest):
            handler = skill.help_handler
            if handler is None:
                described = skill.description or "I don't have more help for this skill"
                speech = f"{(skill.invocation or skill.name).capitalize()}: {described}."
                return self._envelope(envelope, Response.speak(speech), None, clock, before)
        elif isinstance(request, SessionEndedRequest):
            handler = skill.stop_handler
            if handler is None:
                return self._envelope(
                    envelope, Response.speak("Okay.").end_session(), None, clock, before
                )
        else:
            assert isinstance(request, EventRequest)
            item = _item(request.item, skill.name, now)
            handler = skill.fire_handler
            if handler is None:
                say = item.payload.get("say")
                label = f"{item.label} " if item.label else ""
                speech = str(say) if say else f"Your {label}{item.kind} is done."
                return self._envelope(envelope, Response.speak(speech), None, clock, before)
            args.append(item)
        session = Session(
            id=envelope.session.id,
            new=envelope.session.new,
            attributes=dict(envelope.session.attributes),
        )
        ctx = SkillContext(
            skill=skill.name,
            intent=intent_name,
            text=text,
            session=session,
            persistent=dict(envelope.context.persistent_attributes),
            clock=SkillClock(clock, skill.name),
            raw_slots=raw_slots,
            # Seeded by the request, so the same request gives the same answer on any replica.
            rng=random.Random(envelope.request_id),
        )
        if not args and intent_name is not None and _arity(handler) == 2:
            args.append(None)
        call_args = [ctx, *args]
        try:
            result = await asyncio.wait_for(
                self._pool.submit(lambda: _call(handler, call_args)), timeout=self.timeout
            )
        except TimeoutError:
            ctx.gate.close()  # an abandoned handler can no longer schedule anything
            raise ServiceError(
                500, "SKILL_TIMEOUT", f"the handler ran past the {self.timeout:g} s timeout"
            ) from None
        except Exception as exc:
            raise ServiceError(500, "SKILL_ERROR", f"{type(exc).__name__}: {exc}") from None
        if isinstance(result, str):
            result = Response.speak(result)
        if not isinstance(result, Response):
            raise ServiceError(
                500, "SKILL_ERROR", f"the handler returned {type(result).__name__}, not a Response"
            )
        ctx.gate.close()
        ctx.clock.commit()  # the handler's staged scheduling, for the directives below
        return self._envelope(envelope, result, ctx, clock, before)

    def _envelope(
        self,
        envelope: RequestEnvelope,
        response: Response,
        ctx: SkillContext | None,
        clock: Clock,
        before: set[str],
    ) -> ResponseEnvelope:
        """The response envelope for a handler's `Response` and what it did to the clock."""
        directives: list[Any] = []
        for number, raw in enumerate(response.directives):
            try:
                directives.append(_DIRECTIVE.validate_python(dict(raw)))
            except ValidationError as exc:
                raise ServiceError(
                    500, "SKILL_ERROR", f"directive {number}: {first_error(exc)}"
                ) from None
        pending = {item.id: item for item in clock.pending()}
        for item in pending.values():
            if item.id not in before:
                payload = dict(item.payload)
                say = payload.pop("say", None)
                directives.append(
                    ScheduleDirective(
                        at=item.due,
                        kind=item.kind,
                        label=item.label,
                        say=None if say is None else str(say),
                        payload=payload,
                    )
                )
        directives.extend(
            CancelScheduledDirective(id=item_id) for item_id in sorted(before - set(pending))
        )
        session_attributes = (
            dict(ctx.session.attributes) if ctx is not None else dict(envelope.session.attributes)
        )
        try:
            return self._build(envelope, response, ctx, directives, session_attributes)
        except ValidationError as exc:
            raise ServiceError(500, "SKILL_ERROR", f"the response: {first_error(exc)}") from None

    @staticmethod
    def _build(
        envelope: RequestEnvelope,
        response: Response,
        ctx: SkillContext | None,
        directives: list[Any],
        session_attributes: dict[str, Any],
    ) -> ResponseEnvelope:
        return ResponseEnvelope(
            request_id=envelope.request_id,
            speech=response.speech,
            reprompt=response.reprompt_text,
            card=Card(title=response.card_title, text=response.card_text)
            if response.card_title
            else None,
            end_session=response.should_end_session,
            session_attributes=session_attributes,
            persistent_attributes=dict(ctx.persistent) if ctx is not None else None,
            error=ErrorInfo(code=response.error_code, message=response.error_message or "")
            if response.error_code
            else None,
            directives=directives,
            notes=list(ctx.notes) if ctx is not None else [],
        )


def _default_launch(skill: Skill) -> Response:
    # The same words the speaker says for an in-process skill without a launch handler.
    speech = f"{(skill.invocation or skill.name).capitalize()} is ready."
    if skill.description:
        speech += f" {skill.description}."
    return Response.ask(speech + " What would you like?")


def _arity(handler: Handler) -> int:
    try:
        return len(inspect.signature(handler).parameters)
    except (TypeError, ValueError):
        return 1
