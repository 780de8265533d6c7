"""Answering "which one?": the user's reply to a disambiguation question.

When a name fits several devices ("turn on the corner lamp" with one in the study and one in the
den), the intent that heard it keeps the request in ``ctx.session.attributes`` and asks with
``Response.ask_which`` (see :func:`.core.ask_which`). ``ChooseDevice`` is a follow-up intent: it is
routed only while that question is open, so the answer ("the one in the den", "den", "the study
one", "the first one", "both") lands here with the choices in ``ctx.choices``, and the same words
said out of the blue mean nothing.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from simulator.sdk import Ordinal, Response, SkillContext
from simulator.sdk.home import Device, DeviceTarget, RoomName

from .core import PENDING, device_names, home_of, run_on, skill
from .lights import set_level_on
from .questions import answer_state

__all__ = ["Choice", "choose"]

# Success sentences for commands finished after a follow-up ("{names}" are the chosen devices).
_DONE = {
    "turn_on": "Okay, turned on {names}.",
    "turn_off": "Okay, turned off {names}.",
    "open": "Okay, opening {names}.",
    "close": "Okay, closing {names}.",
    "lock": "Okay, locked {names}.",
    "unlock": "Okay, unlocked {names}.",
    "set_brightness": "Okay, I've set {names} to {value} percent.",
    "set_temperature": "Okay, I've set {names} to {value} degrees.",
    "adjust_temperature": "Okay, turned {names} {way}.",
    "adjust_brightness": "Okay, I've made {names} {way}.",
    "adjust_volume": "Okay, turned {names} {way}.",
    "set_volume": "Okay, I've set the volume of {names} to {value}.",
    "set_hvac_mode": "Okay, I've switched {names} to {value} mode.",
    "set_fan_speed": "Okay, I've set {names} to {value}.",
    "set_color": "Okay, I've set {names} to {value}.",
    "set_position": "Okay, moving {names} to {value} percent open.",
    "start_cleaning": "Okay, {names} is cleaning.",
    "return_to_dock": "Okay, sending {names} back to its dock.",
    "pause": "Okay, paused {names}.",
    "play": "Okay, resumed {names}.",
}
_MAX_TRIES = 2


class Choice(BaseModel):
    """An answer to "which one?" (the words themselves are read from ``ctx.text``)."""

    room: RoomName | None = None
    ordinal: Ordinal | None = None
    target: DeviceTarget | None = None


@skill.intent(
    "ChooseDevice",
    samples=[
        "[the] one (in|from|on) [the] {room}",
        "[the] {room} one",
        "[in|from] [the] {room} [please]",
        "the {ordinal} [one]",
        "[the] last one",
        "(both|all|both of them|all of them|them all|each of them|the lot) [please]",
        "i mean [the] {target}",
        "[the] {target} one",
    ],
    follow_up=True,
)
def choose(ctx: SkillContext, slots: Choice) -> Response:
    """Finish the request that was waiting for the user to pick a device."""
    home = home_of(ctx)
    pending: dict[str, Any] | None = ctx.session.attributes.get(PENDING)
    if home is None or not pending:
        return Response.speak(
            "Sorry, I wasn't asking which device. Say the whole request, like: "
            "turn on the kitchen light."
        )
    choices = [home.devices[i] for i in ctx.choices if i in home.devices]
    picked = home.answer_ambiguity(choices, ctx.text.split())
    if not picked:
        tries = int(pending.get("tries", 0)) + 1
        if tries >= _MAX_TRIES:
            ctx.session.attributes.pop(PENDING, None)
            return Response.speak("Sorry, I still couldn't tell which one. Let's leave it.")
        ctx.session.attributes[PENDING] = {**pending, "tries": tries}
        question = home.disambiguation_question(choices)
        return Response.ask_which(f"Sorry, I didn't catch which. {question}", ctx.choices, question)
    ctx.session.attributes.pop(PENDING, None)
    return _finish(ctx, pending, picked)


def _finish(ctx: SkillContext, pending: dict[str, Any], devices: list[Device]) -> Response:
    """Carry out the waiting request on the devices the user picked."""
    home = home_of(ctx)
    assert home is not None
    kind = pending.get("kind")
    if kind == "state":
        return answer_state(ctx, devices, str(pending.get("state")))
    if kind == "level":
        return set_level_on(ctx, devices, pending.get("level"), pending.get("extreme"))
    if kind == "describe":
        return Response.speak(" ".join(home.describe(d) for d in devices))
    command = str(pending.get("command") or "turn_on")
    template = _DONE.get(command, "Okay, done: {names}.")
    value = pending.get("value")
    spoken = f"{value:g}" if isinstance(value, float) else str(value).replace("_", " ")
    more = isinstance(value, int | float) and value > 0
    way = (
        ("brighter" if more else "dimmer")
        if command == "adjust_brightness"
        else ("up" if more else "down")
    )
    return run_on(
        ctx,
        devices,
        command,
        value,
        done=lambda ds: ctx.t(template, names=device_names(ds, home), value=spoken, way=way),
    )
