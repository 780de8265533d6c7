"""The live home: devices, targeting, commands, questions, events and persistence hooks.

:class:`Home` is the one object the rest of the simulator talks to. Every state change —
spoken command, simulation, manual change in the UI, restore — goes through :meth:`Home._apply`,
which validates first, writes second and then publishes one :class:`StateChanged` per changed
attribute, so subscribers always see a consistent, ordered history.
"""

from __future__ import annotations

import contextlib
import logging
import random
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from .capabilities import COLOR_NAMES, FAN_PRESETS, canonical_color
from .commands import COMMANDS, Changes, CommandContext, not_supported, offline
from .device import Device, spoken_name
from .device_types import DEVICE_TYPES, TYPE_GROUPS
from .errors import DeviceError, ErrorCode
from .events import Cause, EventBus, StateChanged, Subscriber
from .homefile import DEMO_HOME, read_home_file
from .schema import HomeSpec, Room, Scene, SimulationSettings, Target
from .simulation import Simulation
from .speech import describe_device
from .targeting import TargetIndex, TargetQuery, disambiguation_question, tokens_of

__all__ = ["CommandResult", "Home", "HomeTransaction", "Resolution", "load_home"]

_log = logging.getLogger(__name__)

# Words around a scene name that don't belong to it ("the movie time scene").
_SCENE_FILLERS = frozenset({"the", "my", "scene", "mode", "routine", "run", "start", "activate"})


@dataclass
class Resolution:
    """The devices a target query refers to, or why it can't be answered yet.

    Exactly one outcome holds: ``devices`` is non-empty; or ``ambiguous`` lists the candidates
    (``error`` is then ``AMBIGUOUS_TARGET`` with the question to ask); or ``error`` says why
    nothing matched.
    """

    devices: list[Device] = field(default_factory=list)
    """The devices meant."""
    ambiguous: list[Device] = field(default_factory=list)
    """Candidates when a singular name fits several devices."""
    error: DeviceError | None = None
    """Why the query could not be resolved to devices."""

    @property
    def ok(self) -> bool:
        """True when ``devices`` can be acted on."""
        return self.error is None and bool(self.devices)


@dataclass
class CommandResult:
    """What a command did to one device."""

    device_id: str | None
    """The device (None for a scene that could not be found)."""
    command: str
    """The command name."""
    error: DeviceError | None = None
    """Why it failed, if it did."""
    events: list[StateChanged] = field(default_factory=list)
    """State changes it caused (empty when it failed)."""
    skipped: bool = False
    """True for a device that doesn't support the command but was only addressed as part of a
    group whose other members do ("turn off everything in the kitchen" and the fridge)."""

    @property
    def ok(self) -> bool:
        """The command succeeded on this device."""
        return self.error is None

    @property
    def failed(self) -> bool:
        """Worth reporting: an error that is neither "already so" nor a skipped group member."""
        return (
            self.error is not None
            and not self.skipped
            and self.error.code is not ErrorCode.ALREADY_IN_STATE
        )


def _spoken_words(words: Sequence[str]) -> str:
    """The words of a target as said, minus a leading article: "garage fan"."""
    out = list(words)
    while out and out[0] in ("the", "my", "a", "an", "all", "every"):
        out.pop(0)
    return " ".join(out)


@dataclass
class HomeTransaction:
    """Changes to a `Home` since :meth:`Home.begin`: :meth:`commit` or :meth:`rollback` them."""

    home: Home
    states: dict[str, dict[str, Any]]
    last: list[str]

    def commit(self) -> None:
        """Keep the changes and deliver their events."""
        self.home._bus.release()

    def rollback(self) -> None:
        """Undo the changes, silently: nobody heard of them, so nobody hears of the undo."""
        home = self.home
        home._bus.discard()
        for device_id, state in self.states.items():
            device = home.devices[device_id]
            if device.full_state() == state:
                continue
            for attr, value in state.items():
                if not device.has_attribute(attr):
                    continue
                with contextlib.suppress(DeviceError):
                    value = device.validate(attr, value)
                device.write(attr, value)
        home._last = list(self.last)


class Home:
    """A loaded home with live device state. Create with :func:`load_home`."""

    def __init__(
        self,
        spec: HomeSpec,
        devices: Sequence[Device],
        *,
        path: Path | None = None,
        now: datetime | None = None,
    ) -> None:
        """Wrap validated file contents; *devices* must be freshly built from *spec*."""
        self.name = spec.name
        """Home name."""
        self.path = path
        """Home file it came from, if any."""
        self.speaker_room = spec.speaker_room
        """Room id of the smart speaker itself."""
        self.rooms: dict[str, Room] = {r.id: r for r in spec.rooms}
        """Rooms by id, in file order."""
        self.devices: dict[str, Device] = {d.id: d for d in devices}
        """Devices by id, in file order."""
        self.scenes: dict[str, Scene] = {s.id: s for s in spec.scenes}
        """Scenes by id."""
        self.settings: SimulationSettings = spec.simulation
        """Simulation settings from the file."""
        self.clock: datetime = now or datetime.now().replace(microsecond=0)
        """Virtual time used for events; advanced by :meth:`simulate`."""
        self._bus = EventBus()
        self._last: list[str] = []
        self._names = self._names_now()
        self._revision = 0
        self._index = TargetIndex(list(self.rooms.values()), list(self.devices.values()))
        self._context = CommandContext(rooms=self.rooms)
        self._initial = self.snapshot()
        self._simulation = Simulation(self)

    def __repr__(self) -> str:
        return f"Home({self.name!r}, {len(self.rooms)} rooms, {len(self.devices)} devices)"

    # --- lookup ------------------------------------------------------------------------------

    def device(self, device_id: str) -> Device:
        """The device with *device_id*; ``DeviceError(DEVICE_NOT_FOUND)`` if there is none."""
        try:
            return self.devices[device_id]
        except KeyError:
            raise DeviceError(
                ErrorCode.DEVICE_NOT_FOUND,
                f"I couldn't find a device called {device_id.replace('_', ' ')}.",
                device_id,
            ) from None

    def room_name(self, room_id: str) -> str:
        """Spoken room name with article: ``"the living room"``."""
        room = self.rooms.get(room_id)
        return f"the {spoken_name(room.name)}" if room else room_id.replace("_", " ")

    def find(
        self,
        group: str | None = None,
        room: str | None = None,
        where: Callable[[Device], bool] | None = None,
    ) -> list[Device]:
        """Devices in home order, filtered by type group (or type id), room and a predicate.

        ``find(group="lights", where=lambda d: d.get("on"))`` answers "which lights are on?".
        """
        types: tuple[str, ...] | None = None
        if group is not None:
            if group in TYPE_GROUPS:
                types = TYPE_GROUPS[group].types
            elif group in DEVICE_TYPES:
                types = (group,)
            else:
                raise ValueError(f"unknown group or type {group!r}")
        return [
            d
            for d in self.devices.values()
            if (types is None or d.type.id in types)
            and (room is None or d.room == room)
            and (where is None or where(d))
        ]

    # --- targeting ---------------------------------------------------------------------------

    @property
    def last_targets(self) -> list[Device]:
        """Devices last acted on or resolved — what "it" and "them" refer to."""
        return [self.devices[i] for i in self._last if i in self.devices]

    def remember(self, devices: Iterable[Device]) -> None:
        """Make *devices* what "it"/"them" refer to (done by :meth:`execute` and :meth:`resolve`)."""
        ids = [d.id for d in devices]
        if ids:
            self._last = ids

    @property
    def revision(self) -> int:
        """A number that changes whenever the names the home answers to change: a room or device
        added, removed, renamed or given other aliases (by a program editing :attr:`rooms` or
        :attr:`devices`). Caches of parsed targets key on it; device state does not count."""
        return self.target_index()[0]

    def target_index(self) -> tuple[int, TargetIndex]:
        """The current :attr:`revision` and the phrase index targets are parsed with for it,
        with one look at the names (for a caller that parses many spans at once)."""
        self._current_index()
        return self._revision, self._index

    def _names_now(self) -> tuple[object, ...]:
        # Everything `TargetIndex` reads its phrases from (about 10 µs for the demo home).
        return (
            tuple((r.id, r.name, tuple(r.aliases)) for r in self.rooms.values()),
            tuple((d.id, d.name, tuple(d.aliases)) for d in self.devices.values()),
        )

    def _current_index(self) -> TargetIndex:
        names = self._names_now()
        if names != self._names:
            self._index = TargetIndex(list(self.rooms.values()), list(self.devices.values()))
            self._names = names
            self._revision += 1
        return self._index

    def parse_target(self, tokens: Sequence[str]) -> TargetQuery | None:
        """Read a target from normalised tokens ("the", "study", "ceiling", "light"); None if the
        words name nothing in this home. See :meth:`resolve` for what the query means."""
        return self._current_index().parse(tokens)

    def parse_room(self, tokens: Sequence[str]) -> str | None:
        """Room id named by *tokens* ("in the living room", "lounge"), or None."""
        return self._current_index().room(tuple(t for tok in tokens for t in tokens_of(tok)))

    def parse_scene(self, tokens: Sequence[str]) -> Scene | None:
        """The scene named by *tokens* ("movie time", "the bedtime scene"), or None."""
        words = tuple(t for tok in tokens for t in tokens_of(tok) if t not in _SCENE_FILLERS)
        for scene in self.scenes.values():
            for text in (scene.name, scene.id.replace("_", " "), *scene.aliases):
                if tuple(t for t in tokens_of(text) if t not in _SCENE_FILLERS) == words:
                    return scene
        return None

    def resolve(self, query: TargetQuery, *, default_room: str | None = None) -> Resolution:
        """Decide which devices *query* means.

        Rules (``default_room`` defaults to the speaker's room):

        * A room in the words always limits the choice to that room.
        * A device name without a room: if it fits one device, that one; if it fits several, the
          one in the default room; otherwise the answer is ambiguous.
        * A plural group ("the lights") without a room means those in the default room, or in
          the whole home when the default room has none; with a quantifier ("all the lights",
          "every light") it means the whole home.
        * A singular group noun ("the lamp") behaves like a device name.
        * "it"/"them" are the devices last acted on or resolved (:attr:`last_targets`).
        * A room alone, or "everything in ...", means every device there.

        A successful resolution updates :attr:`last_targets`.
        """
        here = default_room or self.speaker_room
        resolution = self._resolve(query, here)
        if resolution.ok:
            self.remember(resolution.devices)
        return resolution

    def _resolve(self, query: TargetQuery, here: str) -> Resolution:
        where = f" in {self.room_name(query.room)}" if query.room else ""
        if query.kind == "pronoun":
            last = self.last_targets
            if not last:
                return self._not_found("I'm not sure which device you mean.")
            return Resolution(devices=last)
        if query.kind == "room":
            found = self.find(room=query.room)
            if not found:
                return self._not_found(f"There are no devices{where}.")
            return Resolution(devices=found)
        if query.kind == "device":
            candidates = [self.devices[i] for i in query.device_ids if i in self.devices]
            missing = f"I couldn't find a device called {query.name}{where}."
        else:
            assert query.group is not None
            candidates = self.find(group=query.group)
            if query.plural:
                missing = f"I couldn't find any {query.name}{where}."
            else:
                missing = f"I couldn't find a device called {_spoken_words(query.words)}."
        if query.room:
            candidates = [d for d in candidates if d.room == query.room]
        if not candidates:
            return self._not_found(missing)
        if query.plural:
            if query.kind == "group" and not query.room and not query.whole_home:
                local = [d for d in candidates if d.room == here]
                candidates = local or candidates
            return Resolution(devices=candidates)
        if len(candidates) == 1:
            return Resolution(devices=candidates)
        local = [d for d in candidates if d.room == here] if not query.room else []
        if len(local) == 1:
            return Resolution(devices=local)
        choices = local or candidates
        return Resolution(
            ambiguous=choices,
            error=DeviceError(ErrorCode.AMBIGUOUS_TARGET, self.disambiguation_question(choices)),
        )

    @staticmethod
    def _not_found(message: str) -> Resolution:
        return Resolution(error=DeviceError(ErrorCode.DEVICE_NOT_FOUND, message))

    def answer_ambiguity(self, choices: list[Device], tokens: Sequence[str]) -> list[Device]:
        """Pick from *choices* with a follow-up answer ("the one in the den", "both", "the first
        one"); ``[]`` when the answer picks none. A pick updates :attr:`last_targets`."""
        picked = self._current_index().answer(choices, tokens)
        self.remember(picked)
        return picked

    def disambiguation_question(self, choices: Sequence[Device]) -> str:
        """ "Which corner lamp, the one in the study or the one in the den?"."""
        return disambiguation_question(choices, self.rooms)

    # --- commands ----------------------------------------------------------------------------

    def supports(self, device: Device, command: str) -> bool:
        """Whether *device* has a capability that can carry out *command*."""
        spec = COMMANDS.get(command)
        return spec is not None and any(device.has(c) for c in spec.requires)

    def execute(
        self,
        devices: Iterable[Device],
        command: str,
        value: object | None = None,
        *,
        cause: Cause = "voice",
        at: datetime | None = None,
    ) -> list[CommandResult]:
        """Run *command* on each device; one result per device, in order.

        Each device succeeds or fails on its own (a group may succeed in part). When several
        devices are addressed and some can't do the command at all, those get a ``NOT_SUPPORTED``
        result marked ``skipped``. ``run_scene`` takes the scene (id, name or :class:`Scene`) as
        *value* and ignores *devices*. Raises ``ValueError`` for an unknown command name.
        """
        spec = COMMANDS.get(command)
        if spec is None:
            raise ValueError(f"unknown command {command!r} (known: {', '.join(COMMANDS)})")
        if spec.handler is None:
            return self.run_scene(value, cause=cause, at=at)
        targets = list(devices)
        self.remember(targets)
        able = [d for d in targets if self.supports(d, command)]
        results: list[CommandResult] = []
        for device in targets:
            result = CommandResult(device.id, command)
            if device not in able:
                result.error = not_supported(device, command)
                result.skipped = len(targets) > 1 and bool(able)
            elif not device.online:
                result.error = offline(device)
            else:
                try:
                    changes = spec.handler(device, value, self._context)
                    result.events = self._apply(device, changes, cause, at)
                except DeviceError as exc:
                    result.error = exc
            results.append(result)
        return results

    def run_scene(
        self, scene: Scene | str | object, *, cause: Cause = "voice", at: datetime | None = None
    ) -> list[CommandResult]:
        """Run every action of *scene* (a :class:`Scene`, id or name); results of all actions.

        Devices that are already in the wanted state give ``ALREADY_IN_STATE`` results, which
        :attr:`CommandResult.failed` does not count as failures. "It" keeps its meaning across a
        scene.
        """
        found = scene if isinstance(scene, Scene) else self._scene(scene)
        if found is None:
            name = str(scene).replace("_", " ")
            error = DeviceError(
                ErrorCode.DEVICE_NOT_FOUND, f"I couldn't find a scene called {name}."
            )
            return [CommandResult(None, "run_scene", error=error)]
        remembered = list(self._last)
        results: list[CommandResult] = []
        for action in found.actions:
            targets = self._scene_targets(action.target)
            results.extend(self.execute(targets, action.command, action.value, cause=cause, at=at))
        self._last = remembered
        return results

    def _scene(self, key: object) -> Scene | None:
        if not isinstance(key, str):
            return None
        if key in self.scenes:
            return self.scenes[key]
        return self.parse_scene(key.split())

    def _scene_targets(self, target: Target) -> list[Device]:
        if target.device is not None:
            return [self.devices[target.device]] if target.device in self.devices else []
        return self.find(group=target.group, room=target.room)

    # --- state changes -----------------------------------------------------------------------

    def subscribe(self, callback: Subscriber) -> Callable[[], None]:
        """Receive every :class:`StateChanged`, in order; returns the unsubscribe function."""
        return self._bus.subscribe(callback)

    def _apply(
        self, device: Device, changes: Changes, cause: Cause, at: datetime | None = None
    ) -> list[StateChanged]:
        """Validate all *changes*, then write them and publish events for those that differ.

        Validation comes first so that a bad value leaves the device untouched: a command either
        happens completely or not at all.
        """
        checked = [(attr, device.validate(attr, value)) for attr, value in changes.items()]
        when = at or self.clock
        events: list[StateChanged] = []
        for attr, value in checked:
            old = device.write(attr, value)
            if old == value or device.is_internal(attr):
                continue
            events.append(
                StateChanged(
                    device_id=device.id,
                    capability=device.capability_of(attr),
                    attribute=attr,
                    old=old,
                    new=value,
                    cause=cause,
                    at=when,
                )
            )
        for event in events:
            self._bus.publish(event)
        return events

    def set_manual(
        self, device_id: str, attribute: str, value: object, *, at: datetime | None = None
    ) -> list[StateChanged]:
        """A person changes a device by hand (UI, physical switch): validated like a command.

        Raises ``DeviceError`` for an unknown device or attribute or an invalid value. Related
        attributes follow (moving a curtain by hand also sets its target; a room temperature is
        shared by the room's thermometers and thermostats).
        """
        device = self.device(device_id)
        if attribute == "color" and isinstance(value, str):
            value = canonical_color(value)
        value = device.validate(attribute, value)
        changes: Changes = {attribute: value}
        if attribute == "position":
            changes.update(target_position=value, moving=False)
        elif attribute == "fan_speed":
            changes["fan_percentage"] = FAN_PRESETS[str(value)]
        elif attribute == "color" and value is not None:
            hue, saturation = COLOR_NAMES[str(value)]
            changes.update(hue=float(hue), saturation=float(saturation))
        events = self._apply(device, changes, "manual", at)
        if attribute in ("temperature", "current_temperature") and not device.type.own_climate:
            for other in self.find(room=device.room):
                if other is device or other.type.own_climate:
                    continue
                for attr in ("temperature", "current_temperature"):
                    if other.has_attribute(attr):
                        events += self._apply(other, {attr: value}, "manual", at)
        return events

    # --- questions ---------------------------------------------------------------------------

    def describe(self, device: Device | str) -> str:
        """A spoken summary: "The front door is locked.", "The bedroom is 21.5 degrees..."."""
        target = device if isinstance(device, Device) else self.device(device)
        return describe_device(target, self.rooms)

    def get(self, device: Device | str, attribute: str) -> Any:
        """Current value of *attribute*; ``DeviceError`` (``NOT_SUPPORTED``) if it has none."""
        target = device if isinstance(device, Device) else self.device(device)
        return target.get(attribute)

    # --- transactions ------------------------------------------------------------------------

    def begin(self) -> HomeTransaction:
        """Stage the changes that follow: events are held back until the transaction commits,
        and a rollback puts every device (and what "it" means) back as it was.

        The engine wraps each skill handler in one, so a handler that fails or runs out of time
        leaves the home untouched and no event of it reaches a subscriber.
        """
        self._bus.hold()
        return HomeTransaction(self, self.snapshot(), list(self._last))

    # --- persistence -------------------------------------------------------------------------

    def snapshot(self) -> dict[str, dict[str, Any]]:
        """Device id → JSON-able state (bookkeeping included), for saving."""
        return {d.id: d.full_state() for d in self.devices.values()}

    def restore(
        self, snapshot: Mapping[str, Mapping[str, Any]], *, at: datetime | None = None
    ) -> list[StateChanged]:
        """Put devices back into a saved state; returns the resulting events (cause "manual").

        Unknown device ids and attributes are ignored; invalid values are logged and skipped (the
        device keeps its current value) so an old save file can't stop the home from loading.
        """
        events: list[StateChanged] = []
        for device_id, state in snapshot.items():
            device = self.devices.get(device_id)
            if device is None or not isinstance(state, Mapping):
                continue
            changes: Changes = {}
            for attr, value in state.items():
                if not device.has_attribute(attr):
                    continue
                current = device.get(attr)
                if type(current) is type(value) and current == value:
                    # Already so: nothing to validate or write, and no event. Most of a reset
                    # (before every sentence of `eval ha-tests`) or a rollback is such values;
                    # checking each one cost about a tenth of that evaluation's CPU time.
                    continue
                try:
                    changes[attr] = device.validate(attr, value)
                except DeviceError as exc:
                    _log.warning("restore: skipping %s.%s: %s", device_id, attr, exc.message)
            events += self._apply(device, changes, "manual", at)
        self._simulation.forget_timers()
        return events

    def reset(self, *, at: datetime | None = None) -> list[StateChanged]:
        """Back to the home file's initial state (also forgets "it" and restarts the script)."""
        events = self.restore(self._initial, at=at)
        self._last = []
        self._simulation.restart()
        return events

    def to_json(self) -> dict[str, Any]:
        """The home as plain data: name, speaker room, rooms and devices with flat state."""
        return {
            "name": self.name,
            "speaker_room": self.speaker_room,
            "rooms": [
                {"id": r.id, "name": r.name, "aliases": list(r.aliases), "floor": r.floor}
                for r in self.rooms.values()
            ],
            "devices": [
                {
                    "id": d.id,
                    "name": d.name,
                    "type": d.type.id,
                    "room": d.room,
                    "aliases": list(d.aliases),
                    "capabilities": d.capabilities,
                    "state": d.state,
                }
                for d in self.devices.values()
            ],
        }

    # --- simulation --------------------------------------------------------------------------

    def simulate(self, now: datetime, seconds: float, rng: random.Random) -> list[StateChanged]:
        """Advance the home by *seconds* of virtual time starting at *now*.

        Any step size works (long steps are cut into slices of at most 5 s); all changes have
        cause ``"simulation"``; the same seed and calls give the same events.
        """
        events = self._simulation.advance(now, seconds, rng)
        self.clock = max(self.clock, now) if seconds <= 0 else self._simulation.clock
        return events

    def skip(self, now: datetime, seconds: float) -> list[StateChanged]:
        """Jump over *seconds* of quiet time from *now* in one step (see `Simulation.skip`)."""
        events = self._simulation.skip(now, seconds)
        self.clock = self._simulation.clock
        return events

    # Used by the simulation, which must write through the same path as everything else.
    def _sim_apply(self, device: Device, changes: Changes, at: datetime) -> list[StateChanged]:
        return self._apply(device, changes, "simulation", at)


def load_home(path: str | Path | None = None, *, now: datetime | None = None) -> Home:
    """Load a home file (None → the bundled demo home); raises :class:`HomeFileError`.

    *now* sets the home's virtual clock (default: the wall clock at load time).
    """
    loaded = read_home_file(DEMO_HOME if path is None else path)
    return Home(loaded.spec, loaded.devices, path=loaded.path, now=now)
