"""Questions about the home: "is the front door locked?", "which lights are on?", "how many
windows are open?", "what's the status of the vacuum?".

The answers are read from the live device state, so they change as commands and the simulation
change the home.
"""

from __future__ import annotations

import dataclasses
from typing import Annotated

from pydantic import BaseModel

from simulator.sdk import Response, SkillContext, SlotList
from simulator.sdk.control import device_names, no_home
from simulator.sdk.home import Device, DeviceTarget, Home, RoomName

from .chinese import STATE_ZH, chinese_describe, chinese_names
from .core import control, skill
from .covers import covers_named
from .slots import CoverKind, Floor, StateWord

__all__ = [
    "Describe",
    "Quantified",
    "StateQuestion",
    "answer_state",
    "describe",
    "get_state",
    "is_in_state",
    "query_devices",
]


def is_in_state(device: Device, state: str) -> bool | None:
    """Whether ``device`` is in ``state`` ("on", "locked", "open"...); None when the word does
    not apply to it (a lock is neither on nor off)."""

    def has(attribute: str) -> bool:
        return device.has_attribute(attribute)

    if state in ("on", "off"):
        if has("on"):
            value = bool(device.get("on"))
        elif has("hvac_mode"):
            value = device.get("hvac_mode") != "off"
        elif has("playback"):
            value = device.get("playback") == "playing"
        elif has("cleaning_state"):
            value = device.get("cleaning_state") == "cleaning"
        else:
            return None
        return value if state == "on" else not value
    if state in ("open", "closed"):
        if not (has("position") or has("contact") or has("lock_state")):
            # 开着 / 关着 are said of lights too: "客厅的灯开着吗" asks whether it is on.
            return is_in_state(device, "on" if state == "open" else "off")
        if has("position"):
            value = int(device.get("position")) > 0
        elif has("contact"):
            value = device.get("contact") == "open"
        elif has("lock_state"):
            value = device.get("lock_state") == "unlocked"
        else:
            return None
        return value if state == "open" else not value
    if state in ("locked", "unlocked"):
        return device.get("lock_state") == state if has("lock_state") else None
    if state in ("playing", "paused"):
        return device.get("playback") == state if has("playback") else None
    if state in ("docked", "cleaning"):
        return device.get("cleaning_state") == state if has("cleaning_state") else None
    if state == "motion":
        return bool(device.get("motion")) if has("motion") else None
    return None


def _said(state: str) -> str:
    return "detecting motion" if state == "motion" else state


class StateQuestion(BaseModel):
    """The slots of GetState: one device (or a few) and the state asked about."""

    target: DeviceTarget
    state: StateWord
    room: RoomName | None = None
    floor: Floor | None = None


@skill.intent(
    "GetState",
    samples=[
        "(is|are) [the] {target} [still] {state} [<here>]",
        "(did|have) i (leave|left) [the] {target} {state} [<here>]",
        "(is|are) [the] {target} [still] {state} <in> [<the>] {room}",
        "(is|are) [the] {target} [still] {state} {floor}",
    ],
)
def get_state(ctx: SkillContext, slots: StateQuestion) -> Response:
    """Answer "is the front door locked?" with yes or no and the actual state."""
    found = control.find(
        ctx,
        slots.target,
        room=slots.room,
        floor=slots.floor,
    )
    if isinstance(found, Response):
        return found
    return answer_state(ctx, found, slots.state)


def answer_state(ctx: SkillContext, devices: list[Device], state: str) -> Response:
    """Yes or no, and how things really are (shared with the "which one?" follow-up)."""
    home = ctx.home
    assert home is not None
    if len(devices) == 1:
        device = devices[0]
        said = chinese_describe(device, home) if ctx.chinese else home.describe(device)
        if not device.online:
            return Response.speak(said)
        verdict = is_in_state(device, state)
        if ctx.chinese:
            lead = "说不好。" if verdict is None else "是的，" if verdict else "不是，"
            return Response.speak(lead + said)
        if verdict is None:
            return Response.speak(f"I can't tell that. {said}")
        return Response.speak(f"{'Yes' if verdict else 'No'}. {said}")
    if ctx.chinese:
        return _quantified_zh(home, devices, state, "all")
    return _quantified(home, devices, state, "all")


class Quantified(BaseModel):
    """The slots of QueryDevices: which question, about which devices, in which state."""

    ask: Annotated[
        str,
        SlotList(
            "question",
            {
                # Keys are never said themselves (a list value is also one of its own words).
                # With Home Assistant's English forms ("are some of our lights on?").
                "q_any": [
                    *("are any", "are there any", "is any", "is anything", "are any of"),
                    *(
                        f"{a} {b} of {c}"
                        for a in ("are", "is")
                        for b in ("any", "some")
                        for c in ("the", "my", "our")
                    ),
                    *(f"any of {c}" for c in ("the", "my", "our")),
                    *("are some", "is some", "are there some"),
                ],
                # "Are all the lights off?" also reads as GetState with the target "all the
                # lights"; both give the same answer.
                "q_all": ["are all", "are all of", "is every", "is everything"],
                "q_which": ["which", "what", *(f"which of {c}" for c in ("the", "my", "our"))],
                "q_count": ["how many", *(f"how many of {c}" for c in ("the", "my", "our"))],
            },
        ),
    ]
    target: DeviceTarget | None = None
    cover: CoverKind | None = None
    state: StateWord
    room: RoomName | None = None
    floor: Floor | None = None


@skill.intent(
    "QueryDevices",
    samples=[
        "please {ask} [the] {target} (are|is) {state} [<here>]",
        "please {ask} [the] {target} {state} [<here>]",
        "{ask} [the] {target} (are|is) [there|the|my|our] {state} [<here>]",
        "{ask} [the] {target} (are|is) [there|the|my|our] {state} <in> [<the>] {room}",
        "{ask} [the] {target} (are|is) [there|the|my|our] {state} {floor}",
        "{ask} [the] {floor} {target} (are|is) [there|the|my|our] {state}",
        "{ask} [the] {target} {state} [<here>]",
        "{ask} [the] {target} [(are|is)] still {state} [<here>]",
        "{ask} [the] {target} (have i|did i) (left|leave) {state} [<here>]",
        "{ask} [the] {target} {state} <in> [<the>] {room}",
        "{ask} [the] {target} {state} {floor}",
        "{ask} [the] {floor} {target} {state}",
        "{ask} [the] {cover} (are|is) {state} [<in> [<the>] {room}]",
        "{ask} [<the>] {room} {cover} (are|is) {state}",
        "{ask} [the] {cover} (are|is) {state} {floor}",
        "{ask} [the] {floor} {cover} (are|is) {state}",
        "{ask} [the] {cover} {state} [<in> [<the>] {room}]",
        "{ask} [<the>] {room} {cover} {state}",
        "{ask} [the] {cover} {state} {floor}",
        "{ask} [the] {floor} {cover} {state}",
    ],
)
def query_devices(ctx: SkillContext, slots: Quantified) -> Response:
    """Answer "which lights are on?", "how many doors are locked?", "are all the blinds closed?"."""
    home = ctx.home
    if home is None:
        return no_home()
    if slots.cover is not None:
        devices = covers_named(home, slots.cover, slots.room, slots.floor)
        if not devices:
            return Response.speak(f"I couldn't find any {slots.cover}s.")
    else:
        query = slots.target
        if (
            query is not None
            and query.kind == "group"
            and query.room is None
            and slots.room is None
        ):
            # A question about "the lights" means the whole home, not just this room.
            query = dataclasses.replace(query, whole_home=True, plural=True)
        found = control.find(ctx, query, room=slots.room, floor=slots.floor)
        if isinstance(found, Response):
            return found
        devices = found
    if ctx.chinese:
        return _quantified_zh(home, devices, slots.state, slots.ask.removeprefix("q_"))
    return _quantified(home, devices, slots.state, slots.ask.removeprefix("q_"))


def _quantified_zh(home: Home, devices: list[Device], state: str, ask: str) -> Response:
    """`_quantified` in Chinese: "客厅灯和台灯开着。", "没有，都没锁。", "3个里有2个开着：…"."""
    relevant = [d for d in devices if is_in_state(d, state) is not None]
    matching = [d for d in relevant if is_in_state(d, state)]
    holds, lacks = STATE_ZH.get(state, (state, "不是" + state))
    if not relevant:
        return Response.speak(f"这些设备说不上{holds}不{holds}。")
    listed = chinese_names(matching, home) if matching else ""
    if ask == "count":
        if not matching:
            return Response.speak(f"一个都{lacks}。")
        return Response.speak(f"{len(relevant)}个里有{len(matching)}个{holds}：{listed}。")
    if ask == "which":
        return Response.speak(f"{listed}{holds}。" if matching else f"都{lacks}。")
    if ask == "any":
        return Response.speak(f"有，{listed}{holds}。" if matching else f"没有，都{lacks}。")
    others = [d for d in relevant if d not in matching]
    if not others:
        return Response.speak(f"是的，都{holds}。")
    return Response.speak(f"不是，{chinese_names(others[:3], home)}{lacks}。")


def _quantified(home: Home, devices: list[Device], state: str, ask: str) -> Response:
    """An answer about several devices: which, how many, any or all of them are in ``state``."""
    relevant = [d for d in devices if is_in_state(d, state) is not None]
    matching = [d for d in relevant if is_in_state(d, state)]
    listed = device_names(matching, home) if matching else ""
    verb = "is" if len(matching) == 1 else "are"
    said = _said(state)
    if not relevant:
        return Response.speak(f"None of those can be {said}.")
    if ask == "count":
        if not matching:
            return Response.speak(f"None of them are {said}.")
        return Response.speak(f"{len(matching)} of {len(relevant)} {verb} {said}: {listed}.")
    if ask == "which":
        if not matching:
            return Response.speak(f"None of them are {said}.")
        return Response.speak(f"{listed[:1].upper()}{listed[1:]} {verb} {said}.")
    if ask == "any":
        if not matching:
            return Response.speak(f"No, none of them are {said}.")
        return Response.speak(f"Yes, {listed} {verb} {said}.")
    others = [d.spoken for d in relevant if d not in matching]
    if not others:
        return Response.speak(f"Yes, all of them are {said}.")
    verb = "is" if len(others) == 1 else "are"
    return Response.speak(f"No, {' and '.join(others[:3])} {verb} not {said}.")


class Describe(BaseModel):
    """The slots of Describe: the device asked about."""

    target: DeviceTarget


@skill.intent(
    "Describe",
    samples=[
        "<what_is> [the] (status|state) of [the] {target}",
        "<what_is> [the] [current] value of [the] {target}",
        # "what" may be left out: "robot vacuum status".
        "[<what_is>] [the] {target} (doing|status|state)",
        "(tell me|please tell me|give me) [the] {target}",
        "how is [the] {target} [doing]",
        # "What is the robot vacuum up to?": the idiom asks what it is doing.
        "<what_is> [the] {target} up to",
        "<what_is> [the] {target}",
        "check [the] {target}",
    ],
)
def describe(ctx: SkillContext, slots: Describe) -> Response:
    """Say what a device (or everything in a room) is doing."""
    home = ctx.home
    if home is None:
        return no_home()
    found = control.find(ctx, slots.target)
    if isinstance(found, Response):
        return found
    if ctx.chinese:
        return Response.speak("".join(chinese_describe(d, home) for d in found[:4]))
    return Response.speak(" ".join(home.describe(d) for d in found[:4]))
