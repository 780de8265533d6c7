"""Reading and validating home files, with errors that point at a line.

The YAML is *composed* first (PyYAML nodes keep their start marks), then constructed into plain
data and validated with the pydantic models of :mod:`.schema`. A pydantic error ``loc`` such as
``("devices", 2, "type")`` is walked back through the node tree to find the line, so every problem
is reported as ``cottage.yaml:14: devices[2].type: ...``. Whole-file checks (ids, references,
device state) are done here too, with the same precision.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError
from pydantic_core import ErrorDetails

from .commands import COMMANDS
from .device import Device, DeviceSpecError
from .errors import DeviceError, HomeFileError
from .schema import HomeSpec

__all__ = ["BUNDLED_HOMES_DIR", "DEMO_HOME", "LoadedHome", "bundled_homes", "read_home_file"]

BUNDLED_HOMES_DIR = Path(__file__).with_name("homes")
"""Directory of the home files shipped with the package."""
DEMO_HOME = BUNDLED_HOMES_DIR / "demo.yaml"
"""The default home."""

Loc = tuple[str | int, ...]


def bundled_homes() -> dict[str, Path]:
    """Bundled home files by stem (``{"demo": ..., "cottage": ...}``)."""
    return {p.stem: p for p in sorted(BUNDLED_HOMES_DIR.glob("*.yaml"))}


class _Loader(yaml.SafeLoader):
    """Safe loader where only ``true``/``false`` are booleans.

    YAML 1.1 also reads ``on``/``off``/``yes``/``no`` as booleans, which would silently turn the
    ``on:`` state key into ``True``. Home files are written by people; YAML 1.2 behaviour is what
    they expect.
    """


_BOOL_TAG = "tag:yaml.org,2002:bool"
_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != _BOOL_TAG]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    _BOOL_TAG, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


@dataclass(frozen=True)
class LoadedHome:
    """A validated home file: the spec plus devices built from it."""

    path: Path
    """Where it was read from."""
    spec: HomeSpec
    """The validated file contents."""
    devices: tuple[Device, ...]
    """Devices in file order, with their initial state."""


def format_loc(loc: Loc) -> str:
    """``("devices", 2, "type")`` → ``"devices[2].type"``."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


class _Lines:
    """Maps a field path to the line of its YAML node."""

    def __init__(self, root: yaml.Node) -> None:
        self.root = root

    def line(self, loc: Loc) -> int:
        node: yaml.Node = self.root
        line = node.start_mark.line
        for part in loc:
            if isinstance(node, yaml.MappingNode):
                for key, value in node.value:
                    if isinstance(key, yaml.ScalarNode) and key.value == str(part):
                        # Point at the key: that is where an author looks for "type: lamp".
                        line, node = key.start_mark.line, value
                        break
                else:
                    break
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
                if not 0 <= part < len(node.value):
                    break
                node = node.value[part]
                line = node.start_mark.line
            else:
                break
        return line + 1

    def duplicate_keys(self) -> tuple[Loc, int, str] | None:
        """The first mapping key that appears twice (PyYAML would silently keep the last)."""
        stack: list[tuple[yaml.Node, Loc]] = [(self.root, ())]
        while stack:
            node, loc = stack.pop(0)
            if isinstance(node, yaml.MappingNode):
                seen: set[str] = set()
                for key, value in node.value:
                    name = str(key.value)
                    if name in seen:
                        return (*loc, name), key.start_mark.line + 1, f"duplicate key {name!r}"
                    seen.add(name)
                    stack.append((value, (*loc, name)))
            elif isinstance(node, yaml.SequenceNode):
                stack.extend((item, (*loc, i)) for i, item in enumerate(node.value))
        return None


def _message(err: ErrorDetails) -> str:
    kind = err["type"]
    if kind == "extra_forbidden":
        return f"unknown key {err['loc'][-1]!r}" if err["loc"] else "unknown key"
    if kind == "missing":
        return "field required"
    msg = err["msg"]
    return msg.removeprefix("Value error, ")


def _clean_loc(loc: tuple[str | int, ...]) -> Loc:
    # pydantic inserts validator names ("function-after[...]") into some locs; they aren't fields.
    return tuple(p for p in loc if not (isinstance(p, str) and ("[" in p or "-" in p)))


def read_home_file(path: str | Path) -> LoadedHome:
    """Read and fully validate a home file; raises :class:`HomeFileError`."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise HomeFileError(path, None, "", "file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise HomeFileError(path, None, "", f"cannot read file: {exc}") from None

    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data: Any = None if node is None else loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = None if mark is None else mark.line + 1
        problem = exc.problem or exc.context or "syntax error"
        raise HomeFileError(path, line, "", f"invalid YAML: {problem}") from None
    except yaml.YAMLError as exc:
        raise HomeFileError(path, None, "", f"invalid YAML: {exc}") from None
    finally:
        loader.dispose()
    if node is None or data is None:
        raise HomeFileError(path, 1, "", "home file is empty")
    lines = _Lines(node)

    def fail(loc: Loc, message: str) -> HomeFileError:
        return HomeFileError(path, lines.line(loc), format_loc(loc), message)

    if dup := lines.duplicate_keys():
        loc, line, message = dup
        raise HomeFileError(path, line, format_loc(loc), message)
    try:
        spec = HomeSpec.model_validate(data)
    except ValidationError as exc:
        # Report the error nearest the top of the file: that is the one to fix first.
        errors = [(_clean_loc(e["loc"]), e) for e in exc.errors()]
        # An error on a container that also has an error inside it is only a consequence
        # (a list left "too short" because its one item failed): report the inner one.
        inner = [
            (loc, e)
            for loc, e in errors
            if not any(len(other) > len(loc) and other[: len(loc)] == loc for other, _ in errors)
        ]
        loc, err = min(inner or errors, key=lambda pair: lines.line(pair[0]))
        raise fail(loc, _message(err)) from None
    devices = _check_references(spec, fail)
    return LoadedHome(path=path, spec=spec, devices=devices)


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
