"""The robot vacuum: start it, clean one room, send it home. (Pausing is shared with media:
"pause the vacuum" lives in :mod:`.media`.)

Try: "start the vacuum", "vacuum the kitchen", "send the vacuum home", "clean the first floor".
"""

from __future__ import annotations

from pydantic import BaseModel

from simulator.sdk import Response, SkillContext
from simulator.sdk.control import device_names, floor_rooms
from simulator.sdk.home import Device, Home, RoomName, VacuumTarget

from .core import control, skill
from .slots import Floor

__all__ = ["CleanSlots", "DockSlots", "dock_vacuum", "start_vacuum", "vacuums"]


def vacuums(home: Home) -> list[Device]:
    """Every robot vacuum in the home (most homes have one)."""
    return home.find(group="vacuums")


class CleanSlots(BaseModel):
    """The slots of StartVacuum: which vacuum, and optionally a room or floor to clean."""

    target: VacuumTarget | None = None
    room: RoomName | None = None
    floor: Floor | None = None


@skill.intent(
    "StartVacuum",
    samples=[
        "(start|run) [the] {target}",
        "(start|run) [the] {target} in [<the>] {room}",
        "(start|begin) (cleaning|vacuuming|hoovering) [the] [{room}]",
        "(clean|vacuum|hoover) [<the>] {room}",
        "(clean|vacuum|hoover) {floor}",
        "(clean|vacuum|hoover) [the] {floor} [floor]",
        "(clean|vacuum|hoover) [the] (house|home|floors)",
        "(send|tell|ask) [the] {target} to (clean|vacuum) [<the>] {room}",
        "have [the] {target} (clean|vacuum) [<the>] {room}",
        "(resume|continue) (cleaning|vacuuming)",
    ],
)
def start_vacuum(ctx: SkillContext, slots: CleanSlots) -> Response:
    """Start cleaning: everywhere it knows, or one room ("vacuum the kitchen")."""
    home = ctx.home
    room = slots.room
    if home is not None and slots.floor is not None and room is None:
        # The vacuum cleans one room at a time: a floor starts with its first room.
        rooms = floor_rooms(home, slots.floor)
        room = rooms[0] if rooms else None
    where = f" in {home.room_name(room)}" if home is not None and room else ""

    def done(devices: list[Device]) -> str:
        assert home is not None
        return f"Okay, {device_names(devices, home)} is cleaning{where}."

    found = control.find(
        ctx,
        slots.target,
        command="start_cleaning",
        default=vacuums if slots.target is None else None,
        one=True,
    )
    if isinstance(found, Response):
        return found
    return control.run_on(ctx, found, "start_cleaning", room, done=done)


class DockSlots(BaseModel):
    """The slots of DockVacuum."""

    target: VacuumTarget | None = None


@skill.intent(
    "DockVacuum",
    samples=[
        "(send|return) [the] {target} [(home|back|to [the] (dock|base|charger))]",
        "(send|return) [the] {target} back to [the] (dock|base|charger)",
        "(dock|park) [the] {target}",
        "[the] {target} go home",
        "(go|return) (home|to [the] (dock|base))",
    ],
)
def dock_vacuum(ctx: SkillContext, slots: DockSlots) -> Response:
    """Send the vacuum back to its dock."""
    home = ctx.home

    def done(devices: list[Device]) -> str:
        assert home is not None
        return f"Okay, sending {device_names(devices, home)} back to its dock."

    return control.run(
        ctx,
        slots.target,
        "return_to_dock",
        done=done,
        default=vacuums if slots.target is None else None,
        one=True,
    )
