"""Switching things on and off, and the polite answer for a device that does not exist.

Try: "turn on the kitchen light", "kitchen lights off", "turn off all the lights", "switch the
fan on in the bedroom", "turn off the lights upstairs", "turn on the garage fan" (there is none).
"""

from __future__ import annotations

import dataclasses
from typing import Annotated

from pydantic import BaseModel

from simulator.sdk import FreeText, Response, SkillContext
from simulator.sdk.control import Nearby, device_names, error_reply
from simulator.sdk.home import (
    Device,
    DeviceError,
    ErrorCode,
    RoomName,
    SwitchTarget,
    TargetQuery,
)

from .core import control, skill
from .scenes import run_scene_named
from .slots import Floor, LightWord, Scope

__all__ = ["Switch", "UnknownName", "lights_here", "switch_off", "switch_on", "unknown_device"]


class Switch(BaseModel):
    """What to switch: a target, optionally narrowed to a room or floor or widened to the home."""

    target: SwitchTarget | None = None
    room: RoomName | None = None
    floor: Floor | None = None
    scope: Scope | None = None
    kind: LightWord | None = None


lights_here = Nearby("lights")
"""The lights in the speaker's room, or every light when that room has none (on a named floor,
that floor's lights)."""


def _widened(slots: Switch) -> TargetQuery | None:
    """The target as meant: "the kitchen" + "lights" is the kitchen's lights, and "everywhere"
    stretches it to the whole home."""
    target = slots.target
    if target is None or target.kind == "pronoun":
        return target
    if slots.kind is not None and target.kind == "room":
        target = dataclasses.replace(target, kind="group", group="lights", name="lights")
    if slots.scope is not None:
        target = dataclasses.replace(target, room=None, plural=True, whole_home=True)
    return target


# Word orders people use, shared by "on" and "off" ("{state}" is filled in below).
_SWITCH_ORDERS = [
    "<{verb}> {{target}} [<here>]",
    "<{verb}> {{target}} {{floor}}",
    "<{verb}> {{target}} {{scope}}",
    "<{verb}> [the] {{floor}} {{target}}",
    "<{verb}> [the] {{target}} <in> [<the>] {{room}}",
    "<turn> {{target}} {state} [<here>]",
    "<turn> {{target}} to {state} [<here>]",
    "<turn> {{target}} <here> {state}",
    "<turn> {{target}} {state} <in> [<the>] {{room}}",
    "<turn> {{target}} <in> [<the>] {{room}} {state}",
    "<turn> {{target}} {state} {{floor}}",
    "<turn> {{target}} {{floor}} {state}",
    "<turn> {{target}} {state} {{scope}}",
    "<turn> [the] {{floor}} {{target}} {state}",
    "{{target}} {state} [<here>]",
    "{{target}} {state} <in> [<the>] {{room}}",
    "{{target}} {state} {{floor}}",
    "{{floor}} {{target}} {state}",
    "<{alt}> {{target}} [<here>]",
    "<{alt}> {{target}} <in> [<the>] {{room}}",
    "<{alt}> {{target}} {{floor}}",
    "<{alt}> [the] {{floor}} {{target}}",
    "<{alt}> {{target}} {{scope}}",
]


def _orders(verb: str, state: str, alt: str) -> list[str]:
    plain = [t.format(verb=verb, state=state, alt=alt) for t in _SWITCH_ORDERS]
    # The same orders with "lights" after a name that lacks it ("the play corner lights" for a
    # light called "Play corner"). They come last: the router keeps an intent's first best
    # match, so these only win when the words don't already name a target on their own.
    suffixed = [t.replace("{target}", "{target} {kind}") for t in plain if "{target}" in t]
    return plain + suffixed


@skill.intent(
    "TurnOn",
    samples=[
        *_orders("turn_on", "on", "activate"),
        "(light up|illuminate) {target}",
        "(light up|illuminate) [<the>] {room}",
        "(light up|illuminate) {floor}",
        "light {target} up",
        "(light up|illuminate) {target} {kind}",
        "(light up|illuminate) {target} {kind} <in> [<the>] {room}",
        "(light up|illuminate) {target} {kind} {floor}",
        "light up [<here>]",
        # British English: "put the hallway light on", "put on the lamp".
        "put [the] {target} on [<here>]",
        "put on [the] {target}",
    ],
)
def switch_on(ctx: SkillContext, slots: Switch) -> Response:
    """Switch the target on (lights in this room when none is named: "light up")."""
    home = ctx.home

    def done(devices: list[Device]) -> str:
        assert home is not None
        return f"Okay, turned on {device_names(devices, home)}."

    target = _widened(slots)
    default = lights_here if target is None else None
    if target is None and slots.room is not None and home is not None:
        # "Light up the kitchen": the lights of that room.
        return control.run(
            ctx,
            None,
            "turn_on",
            done=done,
            default=lambda h: h.find(group="lights", room=slots.room),
        )
    return control.run(
        ctx, target, "turn_on", done=done, room=slots.room, floor=slots.floor, default=default
    )


@skill.intent(
    "TurnOff",
    samples=[
        *_orders("turn_off", "(off|out)", "deactivate"),
        "make sure {target} (is|are) off",
        "get {target} off",
        "(kill|cut) {target}",
    ],
)
def switch_off(ctx: SkillContext, slots: Switch) -> Response:
    """Switch the target off."""
    home = ctx.home

    def done(devices: list[Device]) -> str:
        assert home is not None
        return f"Okay, turned off {device_names(devices, home)}."

    target = _widened(slots)
    default = lights_here if target is None else None
    return control.run(
        ctx, target, "turn_off", done=done, room=slots.room, floor=slots.floor, default=default
    )


class UnknownName(BaseModel):
    """Words that name no device of the home (a free-text slot)."""

    name: Annotated[str, FreeText(max_tokens=4, examples=("toaster", "banana"))]


@skill.intent(
    "UnknownDevice",
    samples=[
        # Free text matches anything, so these lose to every typed template above: they only
        # win when the words name nothing in the home, and then the skill can say so instead
        # of the speaker's generic "I don't know that one".
        "<turn_on> [the] {name}",
        "<turn_off> [the] {name}",
        "(turn|switch) [the] {name} [to] (on|off)",
        "(open|close|lock|unlock|dim|brighten) [the] {name}",
        "<activate> [the] {name}",
        "<deactivate> [the] {name}",
        "is [the] {name} (on|off|open|closed|locked|unlocked)",
    ],
    # It says no device has that name ("lock the car", "open youtube on the tv"): a decline,
    # not a command carried out. (RunScene takes the same verbs, so a scene's name is not
    # declined; the scene branch below is only a safety net.)
    declines=True,
)
def unknown_device(ctx: SkillContext, slots: UnknownName) -> Response:
    """Say that no device has that name (or run the scene it names: "turn on party mode")."""
    name = slots.name.strip()
    home = ctx.home
    if home is not None and home.parse_scene(name.split()) is not None:
        return run_scene_named(ctx, name)

    return error_reply(
        DeviceError(ErrorCode.DEVICE_NOT_FOUND, f"I couldn't find a device called {name}.")
    )
