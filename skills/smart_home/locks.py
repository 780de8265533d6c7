"""Locks: lock at once, unlock only after a spoken "yes".

Try: "lock the front door", "lock all the doors", "unlock the back door" (it asks "Unlock the
back door?" and waits for yes or no).
"""

from __future__ import annotations

from pydantic import BaseModel

from simulator.sdk import Response, SkillContext
from simulator.sdk.control import device_names
from simulator.sdk.home import Device, Home, LockTarget, RoomName

from .core import control, skill
from .slots import Floor

__all__ = ["LockSlots", "UnlockSlots", "lock", "unlock"]


class LockSlots(BaseModel):
    """The slots of Lock: which locks (all of them in this room when not said)."""

    target: LockTarget | None = None
    room: RoomName | None = None
    floor: Floor | None = None


def _locks_here(home: Home) -> list[Device]:
    return home.find(group="locks", room=home.speaker_room) or home.find(group="locks")


@skill.intent(
    "Lock",
    samples=[
        "lock [the] {target} [<here>]",
        "lock [the] {target} <in> [<the>] {room}",
        "lock [the] {target} {floor}",
        "lock [the] {floor} {target}",
        "lock [all] [the] doors",
        "lock [the] door",
    ],
)
def lock(ctx: SkillContext, slots: LockSlots) -> Response:
    """Lock doors; locking is safe, so it needs no confirmation."""
    home = ctx.home

    def done(devices: list[Device]) -> str:
        assert home is not None
        return f"Okay, locked {device_names(devices, home)}."

    return control.run(
        ctx,
        slots.target,
        "lock",
        done=done,
        room=slots.room,
        floor=slots.floor,
        default=_locks_here if slots.target is None else None,
    )


class UnlockSlots(BaseModel):
    """The slots of Unlock: the door must be named, so the confirmation can name it too."""

    target: LockTarget
    room: RoomName | None = None


@skill.intent(
    "Unlock",
    samples=[
        "unlock {target} [<here>]",
        "unlock {target} <in> [<the>] {room}",
        "open the lock (of|on) [the] {target}",
    ],
    prompts={"target": "Which door?"},
    # Unlocking a door is a security decision: the dialog asks this yes/no question first and
    # runs the handler only after a "yes" ("no" leaves the door locked).
    confirm="Unlock {target}?",
)
def unlock(ctx: SkillContext, slots: UnlockSlots) -> Response:
    """Unlock a door (only reached after the user confirmed)."""
    home = ctx.home

    def done(devices: list[Device]) -> str:
        assert home is not None
        return f"Okay, unlocked {device_names(devices, home)}."

    return control.run(ctx, slots.target, "unlock", done=done, room=slots.room)
