"""Device commands the way every smart-home skill needs them: find → ask which → run → report.

A handler names what the user said and the command; the SDK does the rest::

    control = DeviceControl()

    @skill.intent("TurnOn", samples=["turn on [the] {target}"])
    def turn_on(ctx: SkillContext, slots: Target) -> Response:
        return control.run(ctx, slots.target, "turn_on", done=lambda ds: "Okay.")

1. **find the devices** a request means (:meth:`DeviceControl.find`): a spoken target resolved
   by the home, narrowed by a room or a floor, or a default ("pause" pauses what is playing);
2. **ask when it is unclear** (:meth:`DeviceControl.ask_which`): ``Response.ask_which`` asks,
   and when the user answers "the one in the den" the same intent runs again with the pick in
   ``ctx.chosen``, which :meth:`DeviceControl.find` returns;
3. **run the command and say what happened** (:meth:`DeviceControl.run_on`, :func:`report`):
   every device succeeds or fails on its own, so a group can half-work and the reply says which
   half.

Errors are never raised to the engine: each ends as a spoken reply plus the turn's ``error``
code. Replies are English; a skill that speaks another language gives a `Phrasing` for it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from typing import Protocol

from simulator.sdk.context import SkillContext
from simulator.sdk.home import (
    CommandResult,
    Device,
    DeviceError,
    ErrorCode,
    Home,
    TargetQuery,
    local_name,
    spoken_error,
)
from simulator.sdk.response import Response

__all__ = [
    "DeviceControl",
    "Done",
    "Nearby",
    "Phrasing",
    "device_names",
    "error_reply",
    "floor_rooms",
    "no_home",
    "report",
    "with_room",
]

Done = Callable[[list[Device]], str]
"""Builds the success sentence for the devices a command worked on."""


class Phrasing(Protocol):
    """How a skill words device replies in a language other than English (see `DeviceControl`)."""

    def which(self, ctx: SkillContext, home: Home, choices: Sequence[Device]) -> str:
        """The "which one?" question for ``choices``."""
        ...

    def failure(self, ctx: SkillContext, response: Response) -> Response:
        """A failed find (not found, nothing there) said in the language."""
        ...

    def command(self, home: Home, devices: Sequence[Device], command: str) -> str:
        """The command the language's verb means for these devices (打开 opens curtains)."""
        ...

    def report(
        self,
        ctx: SkillContext,
        home: Home,
        results: Sequence[CommandResult],
        command: str,
        value: object,
    ) -> Response:
        """One reply for a command's results."""
        ...


def error_reply(error: DeviceError, *, ask: bool = False) -> Response:
    """A device error as a spoken reply that also sets the turn's ``error``."""
    text = spoken_error(error)
    response = Response.ask(text) if ask else Response.speak(text)
    return response.with_error(error.code.value, error.message or text)


def _error(code: ErrorCode, message: str) -> Response:
    return error_reply(DeviceError(code, message))


def no_home() -> Response:
    """The reply when no home is loaded (``speaker-sim --no-home`` or a test without one)."""
    return _error(ErrorCode.DEVICE_NOT_FOUND, "There's no smart home connected to me.")


def device_names(devices: Sequence[Device], home: Home) -> str:
    """How to name a few devices in a reply: "the desk lamp and the ceiling light in the study".

    Names shared by several devices get their room, so the user hears which ones were meant.
    Long lists are counted instead of read out.
    """
    if len(devices) > 4:
        noun = "lights" if all(d.has("brightness") for d in devices) else "devices"
        return f"{len(devices)} {noun}"
    counts: dict[str, int] = {}
    for device in devices:
        counts[device.name.lower()] = counts.get(device.name.lower(), 0) + 1
    names = [
        f"{d.spoken} in {home.room_name(d.room)}" if counts[d.name.lower()] > 1 else d.spoken
        for d in devices
    ]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def with_room(query: TargetQuery | None, room: str | None) -> TargetQuery | None:
    """``query`` limited to ``room`` (for "turn the lights on in the kitchen")."""
    if query is None or room is None or query.kind == "pronoun":
        return query
    return dataclasses.replace(query, room=room)


def floor_rooms(home: Home, floor: str) -> list[str]:
    """Room ids on the floor a user named ("first", "upstairs", "basement").

    Floors are free labels in a home file ("ground", "First floor", "Upstairs"), so both sides
    are compared without the word "floor". "Upstairs" and "downstairs" also match any floor
    above or at the ground when no floor carries that name.
    """

    def label(text: str) -> str:
        return " ".join(w for w in text.lower().replace("_", " ").split() if w != "floor")

    wanted = label(floor)
    rooms = [r.id for r in home.rooms.values() if r.floor and label(r.floor) == wanted]
    if rooms:
        return rooms
    ground = {"ground", "downstairs", "basement", "cellar", "lower", "main"}
    if wanted == "upstairs":
        return [r.id for r in home.rooms.values() if r.floor and label(r.floor) not in ground]
    if wanted == "downstairs":
        return [r.id for r in home.rooms.values() if r.floor and label(r.floor) in ground]
    return []


@dataclasses.dataclass(frozen=True)
class Nearby:
    """The devices of a group meant when none is named: those in the speaker's room (else
    anywhere), ones ``prefer`` picks first; on a named floor, every one on that floor.

    ``lights_here = Nearby("lights")`` is called like a function: ``lights_here(home)``.
    """

    group: str
    prefer: Callable[[Device], bool] | None = None

    def __call__(self, home: Home) -> list[Device]:
        """The group's devices here, else anywhere (those ``prefer`` picks, if any)."""
        found = home.find(group=self.group, room=home.speaker_room) or self.anywhere(home)
        if self.prefer is None:
            return found
        return [d for d in found if self.prefer(d)] or found

    def anywhere(self, home: Home) -> list[Device]:
        """Every device of the group in the home."""
        return home.find(group=self.group)


def _by_floor(home: Home, query: TargetQuery | None, rooms: list[str]) -> list[Device]:
    """What ``query`` means on a floor: the home's resolve knows rooms, not floors."""
    if query is None or query.kind == "room":
        pool = list(home.devices.values())
    elif query.kind == "device":
        pool = [home.devices[i] for i in query.device_ids if i in home.devices]
    elif query.kind == "group" and query.group is not None:
        pool = home.find(group=query.group)
    else:
        pool = home.last_targets
    return [d for d in pool if d.room in rooms]


@dataclasses.dataclass(frozen=True)
class DeviceControl:
    """The find → ask which → run → report sequence, with a skill's wording per language.

    ``phrasings`` maps a language (``zh-CN``, or a prefix such as ``zh``) to its `Phrasing`;
    English needs none (each command's ``done`` builds its success sentence).
    """

    phrasings: Mapping[str, Phrasing] = dataclasses.field(default_factory=dict)

    def phrasing(self, ctx: SkillContext) -> Phrasing | None:
        """The phrasing for this turn's language, if the skill has one."""
        language = ctx.language
        return self.phrasings.get(language) or self.phrasings.get(language.split("-")[0])

    def find(
        self,
        ctx: SkillContext,
        query: TargetQuery | None,
        *,
        command: str | None = None,
        room: str | None = None,
        floor: str | None = None,
        default: Callable[[Home], list[Device]] | None = None,
        one: bool = False,
    ) -> list[Device] | Response:
        """The devices a request is about, or the reply to give instead.

        ``query`` is the spoken target (None when the user named none: then ``default`` picks,
        e.g. the lights in the speaker's room). ``room`` and ``floor`` narrow it. With
        ``command``, a whole room ("turn off the bedroom") is narrowed to the devices that can
        do it. When a name fits several devices the reply asks which (so does a default that
        found several when ``one`` device is wanted); the answer runs the intent again, and
        this returns the devices the user picked (``ctx.chosen``).
        """
        found = self._find(
            ctx, query, command=command, room=room, floor=floor, default=default, one=one
        )
        phrasing = self.phrasing(ctx)
        if phrasing is not None and isinstance(found, Response) and not found.choices:
            return phrasing.failure(ctx, found)
        return found

    def _find(
        self,
        ctx: SkillContext,
        query: TargetQuery | None,
        *,
        command: str | None,
        room: str | None,
        floor: str | None,
        default: Callable[[Home], list[Device]] | None,
        one: bool,
    ) -> list[Device] | Response:
        home = ctx.home
        if home is None:
            return no_home()
        chosen = [home.devices[i] for i in ctx.chosen if i in home.devices]
        if chosen:
            home.remember(chosen)
            return chosen
        query = with_room(query, room)
        if floor is not None:
            rooms = floor_rooms(home, floor)
            if not rooms:
                return _error(
                    ErrorCode.DEVICE_NOT_FOUND, f"I couldn't find a floor called {floor}."
                )
            devices = _by_floor(home, query, rooms)
            if default is not None and query is None:
                # "Turn on the ground floor": the default's kind of device anywhere on that floor.
                pool = default.anywhere(home) if isinstance(default, Nearby) else default(home)
                devices = [d for d in pool if d.room in rooms] or [
                    d for d in home.devices.values() if d.room in rooms
                ]
            if command is not None:
                devices = [d for d in devices if home.supports(d, command)]
            if not devices:
                return _error(
                    ErrorCode.DEVICE_NOT_FOUND,
                    f"I couldn't find any of those on the {floor} floor.",
                )
            home.remember(devices)
            return devices
        if query is None:
            devices = default(home) if default is not None else []
            if room is not None:
                # "Next track in the den": the default narrowed to that room, or else whatever
                # there can do the command.
                devices = [d for d in devices if d.room == room] or [
                    d
                    for d in home.devices.values()
                    if d.room == room and (command is None or home.supports(d, command))
                ]
            if not devices:
                return _error(ErrorCode.DEVICE_NOT_FOUND, "I couldn't find a device for that here.")
            if len(devices) > 1 and one:
                return self.ask_which(ctx, devices)
            home.remember(devices)
            return devices
        resolution = home.resolve(query)
        if resolution.ambiguous:
            return self.ask_which(ctx, resolution.ambiguous)
        if resolution.error is not None:
            return error_reply(resolution.error)
        devices = resolution.devices
        if command is not None and query.kind == "room" and len(devices) > 1:
            # "Turn off the bedroom" means the things in the bedroom that can be turned off.
            able = [d for d in devices if home.supports(d, command)]
            if not able:
                where = f" in {home.room_name(query.room)}" if query.room else ""
                return _error(ErrorCode.NOT_SUPPORTED, f"There's nothing{where} that can do that.")
            devices = able
        return devices

    def ask_which(self, ctx: SkillContext, choices: Sequence[Device]) -> Response:
        """Ask which of ``choices`` was meant (the turn's ``error`` is ``AMBIGUOUS_TARGET``).

        Each device is offered with the words that name it (its names and its room's, in
        English and Chinese), so "the den one", "in the office" or "书房的" pick it; the intent
        then runs again and :meth:`find` returns the pick.
        """
        home = ctx.home
        assert home is not None
        phrasing = self.phrasing(ctx)
        if phrasing is not None:
            question = phrasing.which(ctx, home, choices)
        else:
            question = home.disambiguation_question(list(choices))
        words = {d.id: _naming_words(home, d) for d in choices}
        return Response.ask_which(question, words).with_error(
            ErrorCode.AMBIGUOUS_TARGET.value, question
        )

    def run(
        self,
        ctx: SkillContext,
        query: TargetQuery | None,
        command: str,
        value: object = None,
        *,
        done: Done,
        room: str | None = None,
        floor: str | None = None,
        default: Callable[[Home], list[Device]] | None = None,
        one: bool = False,
    ) -> Response:
        """Find the devices, run ``command`` on them and say how it went.

        ``one`` means the command wants a single device (set *the* thermostat): several
        defaults lead to a question rather than changing them all.
        """
        found = self.find(
            ctx, query, command=command, room=room, floor=floor, default=default, one=one
        )
        if isinstance(found, Response):
            return found
        return self.run_on(ctx, found, command, value, done=done)

    def run_on(
        self,
        ctx: SkillContext,
        devices: Sequence[Device],
        command: str,
        value: object = None,
        *,
        done: Done,
    ) -> Response:
        """Run ``command`` on known devices and report what worked and what didn't."""
        home = ctx.home
        if home is None:
            return no_home()
        phrasing = self.phrasing(ctx)
        if phrasing is not None:
            command = phrasing.command(home, devices, command)
        results = home.execute(devices, command, value)
        if phrasing is not None:
            # One place for every command's reply in the language.
            return phrasing.report(ctx, home, results, command, value)
        return report(home, results, done)


def _naming_words(home: Home, device: Device) -> str:
    """Every word that names ``device`` or its room, to read an answer to "which one?"."""
    names = [device.name, *device.aliases, local_name(device, "zh-CN")]
    room = home.rooms.get(device.room)
    if room is not None:
        names += [room.name, *room.aliases, local_name(room, "zh-CN")]
    return " ".join(names)


def report(home: Home, results: Sequence[CommandResult], done: Done) -> Response:
    """One reply for a command's results: successes first, then each real failure.

    "Already on" is not a failure worth shouting about, but when nothing else happened it is
    the answer (and the turn's error is ``ALREADY_IN_STATE``).
    """
    worked = [d for r in results if r.ok and (d := home.devices.get(r.device_id or ""))]
    failed = [r for r in results if r.failed]
    already = [
        r for r in results if r.error is not None and r.error.code is ErrorCode.ALREADY_IN_STATE
    ]
    problems = _problems(home, failed)
    if worked:
        text = done(worked)
        if not failed:
            return Response.speak(text)
        first = failed[0].error
        assert first is not None
        return Response.speak(f"{text} But {_lower_first(' '.join(problems))}").with_error(
            first.code.value,
            f"{len(failed)} of {len(results)} devices failed: " + " ".join(problems),
        )
    if failed:
        first = failed[0].error
        assert first is not None
        return Response.speak(" ".join(problems)).with_error(first.code.value, " ".join(problems))
    if already:
        error = already[0].error
        assert error is not None
        text = _already_text(home, already)
        return Response.speak(text).with_error(error.code.value, text)
    # Only skipped devices: nothing in the group could do it at all.
    error = next((r.error for r in results if r.error is not None), None)
    if error is not None:
        return error_reply(error)
    return Response.speak("There was nothing to do.")


def _already_text(home: Home, already: Sequence[CommandResult]) -> str:
    """ "The ceiling light and the floor lamp are already off.": one sentence for devices that
    are all already as asked, each sentence when they differ."""
    texts = [spoken_error(r.error) for r in already if r.error is not None]
    if len(texts) == 1:
        return texts[0]
    devices = [d for r in already if (d := home.devices.get(r.device_id or ""))]
    tails = set()
    for device, text in zip(devices, texts, strict=False):
        head = f"{device.subject} {device.be} "
        tails.add(text[len(head) :] if text.startswith(head) else None)
    if len(devices) == len(texts) and len(tails) == 1 and None not in tails:
        names = device_names(devices, home)
        return f"{names[:1].upper()}{names[1:]} are {tails.pop()}"
    return " ".join(texts) if len(texts) <= 3 else "They're all already like that."


def _problems(home: Home, failed: Sequence[CommandResult]) -> list[str]:
    """What went wrong, one sentence per device; devices that can't do the command at all
    share one sentence ("The ceiling light and the floor lamp can't open.")."""
    unable = [r for r in failed if r.error is not None and r.error.code is ErrorCode.NOT_SUPPORTED]
    others = [spoken_error(r.error) for r in failed if r.error is not None and r not in unable]
    if len(unable) < 2:
        return [spoken_error(r.error) for r in failed if r.error is not None]
    first = spoken_error(unable[0].error) if unable[0].error is not None else ""
    _, _, phrase = first.partition(" can't ")
    devices = [d for r in unable if (d := home.devices.get(r.device_id or ""))]
    names = device_names(devices, home)
    return [f"{names[:1].upper()}{names[1:]} can't {phrase or 'do that.'}", *others]


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text
