"""A remote skill on the speaker: an ordinary SDK `Skill` whose handlers call a web service.

Routing, slot elicitation, confirmation, the inspector and the TUI treat it like any other skill;
only its handlers differ. Each builds a request envelope from the `SkillContext` (the session, the
skill's persistent attributes and pending scheduled items, the virtual time), sends it with a
`RemoteClient`, and turns the response back into a `Response`:

- session and persistent attributes are written back (the service keeps no state);
- ``schedule`` and ``cancel_scheduled`` directives go to the skill's clock, as
  ``ctx.clock.schedule`` would;
- a ``device_command`` directive is resolved and run through the home's API, exactly as an
  in-process smart-home skill does; if it fails, the speaker says why and the turn carries the
  device's error code;
- a failed call (down, slow, 500, garbage, connection closed) becomes an apology with a
  ``REMOTE_*`` error code, and the session goes on.

The request and response (signature redacted) go into the turn's trace under ``remote``.
"""

from __future__ import annotations

import datetime as dt
import time
import uuid
from collections.abc import Callable

from pydantic import BaseModel

from simulator.clock import ScheduledItem
from simulator.nlu.normalize import normalize
from simulator.remote.client import Exchange, RemoteClient
from simulator.remote.envelope import (
    CancelScheduledDirective,
    DeviceCommandDirective,
    DeviceInfo,
    EventRequest,
    HelpRequest,
    IntentInfo,
    IntentRequest,
    LaunchRequest,
    RequestContext,
    RequestEnvelope,
    RequestKind,
    ResponseEnvelope,
    ScheduleDirective,
    ScheduledItemInfo,
    SessionEndedRequest,
    SessionInfo,
    SlotInfo,
    UserInfo,
)
from simulator.sdk.context import SkillContext
from simulator.sdk.response import Response
from simulator.sdk.skill import Skill
from simulator.sdk.slots import value_to_json

__all__ = ["DEVICE_ID", "USER_ID", "RemoteCaller"]

USER_ID = "local-user"
"""The simulator has one user; this is its id in every envelope."""
DEVICE_ID = "speaker-sim"
"""The simulated speaker's id in every envelope."""


class RemoteCaller:
    """Builds a remote skill's handlers: each sends one envelope through ``client``."""

    def __init__(self, skill_name: str, client: RemoteClient, *, locale: str = "en") -> None:
        """Handlers for the skill ``skill_name`` served at ``client.url``."""
        self.skill_name = skill_name
        self.client = client
        self.locale = locale

    # -- handlers for the SDK ------------------------------------------------------------

    def intent_handler(self, intent: str, model: type[BaseModel]) -> Callable[..., Response]:
        """The handler of ``intent``: sends its slots (typed values and words) to the service."""

        def handler(ctx: SkillContext, slots: BaseModel) -> Response:
            filled = {
                name: SlotInfo(
                    value=value_to_json(getattr(slots, name)), raw=ctx.raw_slots.get(name, "")
                )
                for name in type(slots).model_fields
            }
            request = IntentRequest(intent=IntentInfo(name=intent, slots=filled), text=ctx.text)
            return self.call(ctx, request)

        handler.__name__ = f"remote_{intent}"
        handler.__doc__ = f"{intent}, answered by the service at {self.client.url}."
        # The SDK reads the slots model from the handler's annotations.
        handler.__annotations__ = {"ctx": SkillContext, "slots": model, "return": Response}
        return handler

    def attach(self, skill: Skill, requests: set[str]) -> None:
        """Forward ``launch``, ``help``, ``stop`` and ``events`` (fired items) as listed."""

        def launch(ctx: SkillContext) -> Response:
            """Opening the skill, answered by the service."""
            return self.call(ctx, LaunchRequest())

        def help_(ctx: SkillContext) -> Response:
            """Help, answered by the service."""
            return self.call(ctx, HelpRequest())

        def stop(ctx: SkillContext) -> Response:
            """Stop, told to the service (it may say goodbye)."""
            return self.call(ctx, SessionEndedRequest()).end_session()

        def fire(ctx: SkillContext, item: ScheduledItem) -> Response:
            """A scheduled item fired: the service says what to say."""
            return self.call(ctx, EventRequest(item=_item_info(item)))

        if "launch" in requests:
            skill.on_launch(launch)
        if "help" in requests:
            skill.on_help(help_)
        if "stop" in requests:
            skill.on_stop(stop)
        if "events" in requests:
            skill.on_fire(fire)

    # -- one call ------------------------------------------------------------------------

    def envelope(self, ctx: SkillContext, request: RequestKind) -> RequestEnvelope:
        """The request envelope for ``request`` in the situation ``ctx`` describes."""
        room = getattr(ctx.home, "speaker_room", None) if ctx.home is not None else None
        return RequestEnvelope(
            request_id=uuid.uuid4().hex,
            timestamp=int(time.time()),
            locale=self.locale,
            session=SessionInfo(
                id=ctx.session.id, new=ctx.session.new, attributes=dict(ctx.session.attributes)
            ),
            context=RequestContext(
                user=UserInfo(id=USER_ID),
                device=DeviceInfo(id=DEVICE_ID, room=room),
                now=ctx.now(),
                scheduled=[_item_info(item) for item in ctx.clock.pending()],
                persistent_attributes=dict(ctx.persistent),
            ),
            request=request,
        )

    def call(self, ctx: SkillContext, request: RequestKind) -> Response:
        """Send ``request``, apply the answer to ``ctx`` and return what to say."""
        exchange = self.client.call(self.envelope(ctx, request))
        response = self._apply(ctx, exchange, request)
        ctx.trace_detail["remote"] = exchange.trace()
        return response

    def _apply(self, ctx: SkillContext, exchange: Exchange, request: RequestKind) -> Response:
        spoken = self.skill_name.replace("_", " ")
        answer = exchange.response
        if exchange.error is not None or answer is None:
            code, message = exchange.error or ("REMOTE_BAD_RESPONSE", "no response")
            speech = {
                "REMOTE_TIMEOUT": f"Sorry, {spoken} took too long to answer.",
                "REMOTE_UNREACHABLE": f"Sorry, {spoken} isn't answering right now.",
            }.get(code, f"Sorry, something went wrong in {spoken}.")
            return Response.speak(speech).with_error(code, message)
        if not isinstance(request, SessionEndedRequest):
            ctx.session.attributes.clear()
            ctx.session.attributes.update(answer.session_attributes)
        if answer.persistent_attributes is not None:
            ctx.persistent.clear()
            ctx.persistent.update(answer.persistent_attributes)
        for note in answer.notes:
            ctx.log(note)
        response = _response(answer)
        for directive in answer.directives:
            if isinstance(directive, ScheduleDirective):
                when: dt.datetime | dt.timedelta = (
                    directive.at
                    if directive.at is not None
                    else dt.timedelta(seconds=directive.after_seconds or 0)
                )
                item = ctx.clock.schedule(
                    when,
                    say=directive.say,
                    label=directive.label,
                    kind=directive.kind,
                    payload=directive.payload,
                )
                ctx.log(f"scheduled {item.kind} {item.id} for {item.due:%H:%M:%S}")
            elif isinstance(directive, CancelScheduledDirective):
                if not ctx.clock.cancel(directive.id):
                    ctx.log(f"cancel_scheduled: no pending item {directive.id!r}")
            elif isinstance(directive, DeviceCommandDirective):
                failed = _device_command(ctx, directive)
                if failed is not None:
                    code, message, speech = failed
                    response = response.model_copy(update={"speech": speech}).with_error(
                        code, message
                    )
        return response


def _response(answer: ResponseEnvelope) -> Response:
    response = Response(
        speech=answer.speech,
        reprompt_text=answer.reprompt,
        should_end_session=answer.end_session,
    )
    if answer.card is not None:
        response = response.card(answer.card.title, answer.card.text)
    if answer.error is not None:
        response = response.with_error(answer.error.code, answer.error.message or None)
    return response


def _item_info(item: ScheduledItem) -> ScheduledItemInfo:
    return ScheduledItemInfo(
        id=item.id, kind=item.kind, label=item.label, due=item.due, payload=dict(item.payload)
    )


def _device_command(
    ctx: SkillContext, directive: DeviceCommandDirective
) -> tuple[str, str, str] | None:
    """Run a device command through the home's API; ``(code, message, speech)`` if it failed."""
    from simulator.devices import spoken_error

    home = ctx.home
    if home is None:
        return ("NO_HOME", "a device_command needs a home", "There's no home to control.")
    if directive.target in home.devices:
        devices = [home.devices[directive.target]]
    else:
        query = home.parse_target(normalize(directive.target).split())
        if query is None:
            message = f"I couldn't find {directive.target}."
            return ("DEVICE_NOT_FOUND", f"no device answers to {directive.target!r}", message)
        found = home.resolve(query, default_room=getattr(home, "speaker_room", None))
        if found.error is not None:
            return (found.error.code.value, str(found.error), spoken_error(found.error))
        devices = found.devices
    try:
        results = home.execute(devices, directive.command, directive.value)
    except ValueError as exc:
        return ("REMOTE_BAD_RESPONSE", f"device_command: {exc}", "Sorry, I can't do that.")
    ctx.log(
        f"device_command {directive.command} on {', '.join(d.id for d in devices)}: "
        + ", ".join("ok" if r.ok else (r.error.code.value if r.error else "?") for r in results)
    )
    for result in results:
        if result.failed and result.error is not None:
            return (result.error.code.value, str(result.error), spoken_error(result.error))
    return None
