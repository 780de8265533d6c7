"""Curtains, blinds and other covers: open, close, and move to a position.

Try: "open the curtains", "close the bedroom blinds", "open the blinds halfway", "set the
curtains to 30%", "close the windows in the kitchen", "open the lights" (lights can't open: the
reply says so, with the ``NOT_SUPPORTED`` code).
"""

from __future__ import annotations

from pydantic import BaseModel

from simulator.sdk import Percent, Response, SkillContext
from simulator.sdk.control import device_names, error_reply, floor_rooms
from simulator.sdk.home import CoverTarget, Device, DeviceError, ErrorCode, Home, RoomName

from .core import control, skill
from .slots import COVER_WORDS, CoverKind, Extreme, Floor, extreme_value

__all__ = [
    "CoverSlots",
    "PositionSlots",
    "close_cover",
    "covers_named",
    "open_cover",
    "set_position",
]


class CoverSlots(BaseModel):
    """What to open or close: a target, or a kind of cover ("the windows") in a room or floor."""

    target: CoverTarget | None = None
    cover: CoverKind | None = None
    room: RoomName | None = None
    floor: Floor | None = None


def covers_named(home: Home, kind: str, room: str | None, floor: str | None) -> list[Device]:
    """Covers whose name says what they are ("Kitchen window" for "the windows").

    Without a room or floor, those in the speaker's room come first, else the whole home.
    """
    words = set(kind.split())

    def says(device: Device) -> bool:
        for text in (device.name, *device.aliases):
            said = {w.rstrip("s") for w in text.lower().split()}
            if words <= said:
                return True
        return False

    covers = [d for d in home.find(group="covers") if says(d)]
    if room is not None:
        return [d for d in covers if d.room == room]
    if floor is not None:
        rooms = floor_rooms(home, floor)
        return [d for d in covers if d.room in rooms]
    return [d for d in covers if d.room == home.speaker_room] or covers


def _covers(ctx: SkillContext, slots: CoverSlots, command: str) -> list[Device] | Response:
    """The covers a request means (by target, or by kind of cover), or the reply instead."""
    home = ctx.home
    if home is not None and slots.cover is not None:
        found = covers_named(home, slots.cover, slots.room, slots.floor)
        if found:
            home.remember(found)
            return found
        plural = COVER_WORDS[slots.cover][-1]
        where = f" in {home.room_name(slots.room)}" if slots.room else ""
        where = f" on the {slots.floor} floor" if slots.floor else where
        return error_reply(
            DeviceError(ErrorCode.DEVICE_NOT_FOUND, f"I couldn't find any {plural}{where}.")
        )

    def covers_here(h: Home) -> list[Device]:
        return h.find(group="covers", room=h.speaker_room) or h.find(group="covers")

    return control.find(
        ctx,
        slots.target,
        command=command,
        room=slots.room,
        floor=slots.floor,
        default=covers_here if slots.target is None else None,
    )


def _where(verb: str) -> list[str]:
    """The word orders of "open"/"close" (``verb`` is a template alternative)."""
    return [
        f"{verb} [the] {{target}} [<here>|all the way]",
        f"{verb} [the] {{target}} <in> [<the>] {{room}}",
        f"{verb} [the] {{target}} {{floor}}",
        f"{verb} [the] {{floor}} {{target}}",
        f"{verb} [the] {{target}} <in> [<the>] {{room}}",
        f"{verb} [all] [the] {{cover}} [<here>]",
        f"{verb} [all] [the] {{cover}} <in> [<the>] {{room}}",
        f"{verb} [all] [<the>] {{room}} {{cover}}",
        f"{verb} [all] [the] {{cover}} {{floor}}",
        f"{verb} [all] [the] {{floor}} {{cover}}",
    ]


@skill.intent(
    "Open",
    # "Draw the curtains open" / "pull the blinds back": the particle after the device says
    # which way (plain "draw the curtains" closes them).
    samples=[*_where("<open>"), "(draw|pull) [the] {target} (open|back) [<here>]"],
)
def open_cover(ctx: SkillContext, slots: CoverSlots) -> Response:
    """Open curtains, blinds and other covers."""
    found = _covers(ctx, slots, "open")
    if isinstance(found, Response):
        return found
    home = ctx.home
    assert home is not None
    return control.run_on(
        ctx, found, "open", done=lambda ds: f"Okay, opening {device_names(ds, home)}."
    )


@skill.intent(
    "Close", samples=[*_where("<close>"), "(draw|pull) [the] {target} (shut|closed|to) [<here>]"]
)
def close_cover(ctx: SkillContext, slots: CoverSlots) -> Response:
    """Close curtains, blinds and other covers."""
    found = _covers(ctx, slots, "close")
    if isinstance(found, Response):
        return found
    home = ctx.home
    assert home is not None
    return control.run_on(
        ctx, found, "close", done=lambda ds: f"Okay, closing {device_names(ds, home)}."
    )


class PositionSlots(CoverSlots):
    """The slots of SetPosition: covers and how far open (percent, or "halfway")."""

    level: Percent | None = None
    extreme: Extreme | None = None


@skill.intent(
    "SetPosition",
    samples=[
        "<set> [the] {target} position to <amount>",
        "<set> [the] position of [the] {target} to <amount>",
        "<set> [the] {target} to <amount> <in> [<the>] {room}",
        "<set> [the] {cover} to <amount> [<in> [<the>] {room}]",
        # "Set the blinds to 30%" is SetLevel's (a bare level means what the device has).
        "(<open>|<close>) [the] {target} [position] [<here>] to <amount> [<in> [<the>] {room}]",
        "<set> [the] {target} position [<here>] to <amount> [<in> [<the>] {room}]",
        "(<open>|<close>) [the] {target} {extreme}",
        "(<set>|<open>|<close>) [all] [the] {cover} [position] [<here>] to <amount> [<in> [<the>] {room}]",
        "(<set>|<open>|<close>) [all] [the] {cover} [position] <in> [<the>] {room} to <amount>",
        "(<set>|<open>|<close>) [all] [<the>] {room} {cover} [position] to <amount>",
        "(<open>|<close>) [the] {cover} {extreme}",
    ],
)
def set_position(ctx: SkillContext, slots: PositionSlots) -> Response:
    """Move covers to a position: 0 is closed, 100 is open."""
    found = _covers(ctx, slots, "set_position")
    if isinstance(found, Response):
        return found
    home = ctx.home
    assert home is not None
    value = slots.level if slots.level is not None else extreme_value(slots.extreme or "half")

    def done(devices: list[Device]) -> str:
        return f"Okay, moving {device_names(devices, home)} to {value:g} percent open."

    return control.run_on(ctx, found, "set_position", value, done=done)
