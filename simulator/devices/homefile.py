"""Reading and validating home files, with errors that point at a line.

The YAML is *composed* first (PyYAML nodes keep their start marks), then constructed into plain
data and validated with the pydantic models of :mod:`.schema`. A pydantic error ``loc`` such as
``("devices", 2, "type")`` is walked back through the node tree to find the line, so every problem
is reported as ``cottage.yaml:14: devices[2].type: ...``. Whole-file checks (ids, references,
device state) are done here too, with the same precision.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from simulator.yamlfile import Loc, format_loc, read_yaml, validate_yaml

from .commands import COMMANDS
from .device import Device, DeviceSpecError
from .errors import DeviceError, HomeFileError
from .schema import HomeSpec
from .zh import name_collision

__all__ = ["BUNDLED_HOMES_DIR", "DEMO_HOME", "LoadedHome", "bundled_homes", "read_home_file"]

BUNDLED_HOMES_DIR = Path(__file__).with_name("homes")
"""Directory of the home files shipped with the package."""
DEMO_HOME = BUNDLED_HOMES_DIR / "demo.yaml"
"""The default home."""


def bundled_homes() -> dict[str, Path]:
    """Bundled home files by stem (``{"demo": ..., "cottage": ...}``)."""
    return {p.stem: p for p in sorted(BUNDLED_HOMES_DIR.glob("*.yaml"))}


@dataclass(frozen=True)
class LoadedHome:
    """A validated home file: the spec plus devices built from it."""

    path: Path
    """Where it was read from."""
    spec: HomeSpec
    """The validated file contents."""
    devices: tuple[Device, ...]
    """Devices in file order, with their initial state."""


def read_home_file(path: str | Path) -> LoadedHome:
    """Read and fully validate a home file; raises :class:`HomeFileError`."""
    doc = read_yaml(path, HomeFileError, what="home file")

    def fail(loc: Loc, message: str) -> HomeFileError:
        return HomeFileError(doc.path, doc.line(loc), format_loc(loc), message)

    spec = validate_yaml(doc, HomeSpec, HomeFileError)
    devices = _check_references(spec, fail)
    return LoadedHome(path=doc.path, spec=spec, devices=devices)


def _check_references(
    spec: HomeSpec, fail: Callable[[Loc, str], HomeFileError]
) -> tuple[Device, ...]:
    """Cross-section checks; *fail(loc, message)* builds the error to raise."""
    room_ids: set[str] = set()
    for i, room in enumerate(spec.rooms):
        if room.id in room_ids:
            raise fail(("rooms", i, "id"), f"duplicate room id {room.id!r}")
        room_ids.add(room.id)
    if spec.speaker_room not in room_ids:
        raise fail(("speaker_room",), f"unknown room {spec.speaker_room!r}")

    devices: dict[str, Device] = {}
    for i, entry in enumerate(spec.devices):
        if entry.id in devices:
            raise fail(("devices", i, "id"), f"duplicate device id {entry.id!r}")
        if entry.room not in room_ids:
            raise fail(("devices", i, "room"), f"unknown room {entry.room!r}")
        try:
            device = Device(
                id=entry.id,
                name=entry.name,
                type=entry.type,
                room=entry.room,
                aliases=entry.aliases,
                state=entry.state,
                config=entry.config,
            )
        except DeviceSpecError as exc:
            raise fail(("devices", i, *exc.loc), exc.message) from None
        for k, room_id in enumerate(device.config.clean_rooms):
            if room_id not in room_ids:
                raise fail(("devices", i, "config", "clean_rooms", k), f"unknown room {room_id!r}")
        if device.has("cleaning"):
            current = device.get("cleaning_room")
            if current is not None and current not in room_ids:
                raise fail(("devices", i, "state", "cleaning_room"), f"unknown room {current!r}")
        devices[entry.id] = device

    collision = name_collision(
        [(entry.room, entry.name, entry.aliases) for entry in spec.devices],
        [(room.id, (room.name, *room.aliases)) for room in spec.rooms],
    )
    if collision is not None:
        index, cause = collision
        raise fail(("devices", index, "aliases"), cause)

    scene_ids: set[str] = set()
    for i, scene in enumerate(spec.scenes):
        if scene.id in scene_ids:
            raise fail(("scenes", i, "id"), f"duplicate scene id {scene.id!r}")
        scene_ids.add(scene.id)
        for j, action in enumerate(scene.actions):
            here: Loc = ("scenes", i, "actions", j)
            target = action.target
            if target.device is not None and target.device not in devices:
                raise fail((*here, "target", "device"), f"unknown device {target.device!r}")
            if target.room is not None and target.room not in room_ids:
                raise fail((*here, "target", "room"), f"unknown room {target.room!r}")
            if action.command not in COMMANDS or action.command == "run_scene":
                raise fail((*here, "command"), f"unknown command {action.command!r}")

    for k, step in enumerate(spec.simulation.script):
        here = ("simulation", "script", k)
        if step.device not in devices:
            raise fail((*here, "device"), f"unknown device {step.device!r}")
        for attr, value in step.state.items():
            try:
                devices[step.device].validate(attr, value)
            except DeviceError as exc:
                raise fail((*here, "state", attr), exc.message) from None
    return tuple(devices.values())
