"""TVs and speakers: volume, mute, play and pause, tracks and sources.

Try: "set the volume to 20", "turn up the kitchen speaker", "mute the TV", "pause", "resume the
music in the den", "next track", "switch the TV to HDMI 1". "Pause the vacuum" works too: pausing
means whatever the device can pause.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Annotated

from pydantic import BaseModel

from simulator.sdk import FreeText, Number, Percent, Response, SkillContext
from simulator.sdk.control import device_names, no_home, report
from simulator.sdk.home import Device, Home, MediaTarget, RoomName
from simulator.sdk.slots import NO_VALUE, SlotEnv
from simulator.sdk.words import parse_number

from .core import control, skill
from .slots import EXTREME_WORDS, Direction, Extreme, Floor, MediaWord, extreme_value

__all__ = [
    "MediaSlots",
    "Nudge",
    "SourceSlots",
    "Volume",
    "adjust_volume",
    "media_here",
    "mute",
    "next_track",
    "pause",
    "previous_track",
    "resume",
    "set_source",
    "set_volume",
    "unmute",
]

_VOLUME_STEP = 10


def media_here(home: Home, *, prefer: Callable[[Device], bool] | None = None) -> list[Device]:
    """The TVs and speakers meant when none is named.

    Those for which ``prefer`` holds (e.g. "is playing") win, in this room first, then anywhere;
    otherwise the ones in the speaker's room, else all of them.
    """
    media = home.find(group="media")
    tests = [t for t in (prefer, _usable) if t is not None]
    # The speaker's room first (what "pause" means to someone standing in front of the TV):
    # what ``prefer`` picks there, then anything switched on there (a TV that is off can't
    # change volume); only then the same anywhere in the home.
    for in_room in (True, False):
        for test in tests:
            chosen = [
                d
                for d in media
                if d.online and _safe(test, d) and (not in_room or d.room == home.speaker_room)
            ]
            if chosen:
                return chosen
    return [d for d in media if d.room == home.speaker_room] or media


def _usable(device: Device) -> bool:
    return not device.has("power") or bool(device.get("on"))


def _safe(test: Callable[[Device], bool], device: Device) -> bool:
    try:
        return bool(test(device))
    except Exception:  # a device without the attribute simply isn't preferred
        return False


def _playing(device: Device) -> bool:
    return bool(device.get("playback") == "playing")


class MediaSlots(BaseModel):
    """A media target, or what is playing ("my show") in a room."""

    target: MediaTarget | None = None
    room: RoomName | None = None
    what: MediaWord | None = None


def _media_or_what(home: Home, slots: MediaSlots, prefer: Callable[[Device], bool]) -> list[Device]:
    """The media devices of the named room (or here), preferring those ``prefer`` picks."""
    if slots.room is None:
        return media_here(home, prefer=prefer)
    in_room = home.find(group="media", room=slots.room)
    return [d for d in in_room if _safe(prefer, d)] or in_room


def _playback(ctx: SkillContext, slots: MediaSlots, command: str, verb: str) -> Response:
    """Pause or resume: media play state, or a vacuum's cleaning."""
    home = ctx.home
    if home is None:
        return no_home()
    prefer = _playing if command == "pause" else (lambda d: d.get("playback") == "paused")
    found = control.find(
        ctx,
        slots.target,
        room=slots.room if slots.target is not None else None,
        default=lambda h: _media_or_what(h, slots, prefer),
    )
    if isinstance(found, Response):
        return found
    # "Pause the vacuum" / "resume the vacuum": a vacuum pauses and resumes its cleaning.
    cleaning = {"pause": "pause_cleaning", "play": "start_cleaning"}[command]
    if found and all(home.supports(d, cleaning) for d in found):
        command = cleaning

    def done(devices: list[Device]) -> str:
        return f"Okay, {verb} {device_names(devices, home)}."

    return control.run_on(ctx, found, command, done=done)


@skill.intent(
    "Pause",
    samples=[
        "pause [the] {target} [<here>]",
        "pause [the] {target} <in> [<the>] {room}",
        "{target} pause",
        "pause [the] {what} [<in> [<the>] {room}]",
        "pause [the] {what} [<the>] {room}",
        "pause [in] [<the>] {room}",
        "pause",
        "pause [the] (playback|music) [<here>]",
        "stop playing",
    ],
)
def pause(ctx: SkillContext, slots: MediaSlots) -> Response:
    """Pause what is playing (or a vacuum that is cleaning)."""
    return _playback(ctx, slots, "pause", "paused")


@skill.intent(
    "Resume",
    samples=[
        "(resume|unpause|continue|carry on) [the] {target} [<here>]",
        "(resume|unpause|continue) [the] {target} <in> [<the>] {room}",
        # "the vacuum carry on cleaning": the verb after the device, and what it was doing.
        "{target} (resume|unpause|carry on [cleaning|playing])",
        "(resume|unpause|continue) [the] {what} [<in> [<the>] {room}]",
        "(resume|unpause|continue) [the] {what} [<the>] {room}",
        "(resume|unpause) [in] [<the>] {room}",
        "(resume|unpause)",
        "(resume|continue) (playing|playback|the music)",
        "play [the] {target}",
    ],
)
def resume(ctx: SkillContext, slots: MediaSlots) -> Response:
    """Resume playback (or a paused vacuum)."""
    return _playback(ctx, slots, "play", "resumed")


class Volume(BaseModel):
    """The slots of SetVolume."""

    target: MediaTarget | None = None
    room: RoomName | None = None
    level: Percent | None = None
    extreme: Extreme | None = None


@skill.intent(
    "SetVolume",
    samples=[
        "<set> [the] volume [<here>] to <amount> [<here>]",
        "<set> [the] {target} volume to <amount>",
        "<set> [the] volume (of|on|for|in) [the] {target} to <amount>",
        "<set> [the] volume to <amount> (on|in) [the] {target}",
        "turn [the] volume [(up|down)] to <amount> [(on|in) [the] {target}]",
        "turn [the] {target} volume [(up|down)] to <amount>",
        "turn (up|down) the volume to <amount> [(on|in) [the] {target}]",
        "(increase|decrease|raise|lower) [the] volume to <amount> [(on|in) [the] {target}]",
        "(on|in) [the] {target} (increase|decrease|raise|lower) the volume to <amount>",
        "(on|in) [the] {target} turn [the] volume [(up|down)] to <amount>",
        "(on|in) [the] {target} turn (up|down) [the] volume to <amount>",
        "volume [to] <amount>",
        # Telegraphic: "volume 40 on the tv", "kitchen speaker volume 30".
        "volume [to] <amount> (on|of|for) [the] {target}",
        "[the] {target} volume [to] <amount>",
        "[the] {target} <set> [the] volume to <amount>",
        "<set> [the] volume to <amount> [(on|in|for)] [the] {target}",
        "<set> [the] volume to <amount> <in> [<the>] {room}",
        "<set> [the] volume <in> [<the>] {room} to <amount>",
        "<set> [<the>] {room} volume to <amount>",
    ],
)
def set_volume(ctx: SkillContext, slots: Volume) -> Response:
    """Set the volume of a TV or speaker (0-100)."""
    home = ctx.home
    if home is None:
        return no_home()
    value = slots.level if slots.level is not None else extreme_value(slots.extreme or "max")

    def done(devices: list[Device]) -> str:
        return ctx.t(
            "Okay, I've set the volume of {names} to {value}.",
            names=device_names(devices, home),
            value=f"{value:g}",
        )

    return control.run(
        ctx,
        slots.target,
        "set_volume",
        value,
        done=done,
        room=slots.room,
        default=(lambda h: media_here(h, prefer=_playing)) if slots.target is None else None,
        one=True,
    )


class Nudge(BaseModel):
    """The slots of AdjustVolume: which way, by how much, and on what."""

    way: Direction
    target: MediaTarget | None = None
    room: RoomName | None = None
    floor: Floor | None = None
    by: Number | None = None


@skill.intent(
    "AdjustVolume",
    samples=[
        "turn {way} [the] (volume|sound) [(on|of) [the] {target}] [by {by}]",
        "turn [the] (volume|sound) {way} [(on|of) [the] {target}] [by {by}]",
        "turn [the] {target} [volume] {way} [by {by}]",
        "turn {way} [the] {target}",
        "(volume|sound) {way}",
        "make it {way}",
        "make [the] {target} {way}",
        # A complaint: "the kitchen speaker is too loud".
        "[the] {target} (is|are) {way}",
        "[turn] {way} [the] {target} (volume|sound) [[by] {by} [<pct>]]",
        "[turn] {way} [the] (volume|sound) (on|of|for) [the] {target} [[by] {by} [<pct>]]",
        "[turn] {way} [the] (volume|sound) [[by] {by} [<pct>]] [(on|of|for) [the] {target}]",
        "[turn] {way} [the] (volume|sound) <in> [<the>] {room} [[by] {by} [<pct>]]",
        "[turn] {way} [the] (volume|sound) {floor} [[by] {by} [<pct>]]",
        # The amount before the place: "decrease the volume 11 in my upper floor".
        "[turn] {way} [the] (volume|sound) [by] {by} [<pct>] {floor}",
        "[turn] {way} [<the>] {room} (volume|sound) [[by] {by} [<pct>]]",
        "[turn] {way} [the] {floor} (volume|sound) [[by] {by} [<pct>]]",
        "[turn [the]] (volume|sound) {way} [[by] {by} [<pct>]] [<here>]",
        "[turn [the]] (volume|sound) {way} <in> [<the>] {room} [[by] {by} [<pct>]]",
        "[turn [the]] (volume|sound) {way} {floor} [[by] {by} [<pct>]]",
        "[the] {target} (volume|sound) {way} [[by] {by} [<pct>]]",
        "[<the>] {room} (volume|sound) {way} [[by] {by} [<pct>]]",
        "(volume|sound) {way} [<the>] {room} [[by] {by} [<pct>]]",
        "[turn [the]] (volume|sound) {way} [by] {by} [<pct>] [<in>] [<the>] {room}",
        "[turn [the]] (volume|sound) {way} [by] {by} [<pct>] [on|for] [<the>] {target}",
        "(volume|sound) {way} [on|for] [<the>] {target} [[by] {by} [<pct>]]",
        "[the] {floor} (volume|sound) {way} [[by] {by} [<pct>]]",
    ],
)
def adjust_volume(ctx: SkillContext, slots: Nudge) -> Response:
    """Turn the volume up or down (or, for "turn the heating up", whatever the device has)."""
    home = ctx.home
    if home is None:
        return no_home()
    room, floor = slots.room, slots.floor

    def media(h: Home) -> list[Device]:
        if room is not None:
            return h.find(group="media", room=room)
        if floor is not None:  # narrowed to the floor's rooms by control.find
            return h.find(group="media")
        return media_here(h, prefer=_playing)

    found = control.find(
        ctx,
        slots.target,
        floor=floor,
        default=media,
    )
    if isinstance(found, Response):
        return found
    up = slots.way == "up"
    # "Turn the lights up" and "turn the heating down" use the same words as the volume.
    for command, step, what in (
        ("adjust_volume", float(slots.by or _VOLUME_STEP), "volume"),
        ("adjust_brightness", float(slots.by or 20), "brightness"),
        ("adjust_temperature", float(slots.by or 1), "temperature"),
    ):
        able = [d for d in found if home.supports(d, command)]
        if able:
            results = home.execute(able, command, step if up else -step)

            def done(devices: list[Device], what: str = what) -> str:
                return f"Okay, turned the {what} of {device_names(devices, home)} {'up' if up else 'down'}."

            return report(home, results, done)
    return control.run_on(ctx, found, "adjust_volume", _VOLUME_STEP, done=lambda d: "")


def _simple(command: str, verb: str) -> Callable[[SkillContext, MediaSlots], Response]:
    """A handler that runs one media command on the target (or the media here)."""

    def handler(ctx: SkillContext, slots: MediaSlots) -> Response:
        home = ctx.home
        if home is None:
            return no_home()

        def done(devices: list[Device]) -> str:
            return f"Okay, {verb} {device_names(devices, home)}."

        target = slots.target
        if target is not None and target.kind == "pronoun" and not home.last_targets:
            # "Skip this" with nothing said before: "this" is what is playing.
            target = None
        return control.run(
            ctx,
            target,
            command,
            done=done,
            room=slots.room,
            # Nothing named: what plays here, or in the room the user named ("next in the den").
            default=(lambda h: _media_or_what(h, slots, _playing)) if target is None else None,
        )

    handler.__doc__ = f"{verb.capitalize()} the target (or what plays here)."
    return handler


mute = skill.intent(
    "Mute",
    samples=[
        "mute [the] {target}",
        "mute [<here>]",
        "(turn|switch) [the] sound off",
        "mute [the] (volume|sound|music|media) [<here>]",
        "mute [the] (volume|sound) (on|of) [the] {target}",
        "mute [<the>] {what} (on|of|in) [<the>] {target}",
        "mute [<the>] {what} [<here>]",
        "mute [<the>] {what} <in> [<the>] {room}",
        "mute [the] {target} (volume|sound)",
        "mute [the] (volume|sound|music|media) <in> [<the>] {room}",
        # "Silence" a device is to mute it; "silence the alarm" is the alarm's own stop.
        "silence [the] {target}",
        "silence [the] (volume|sound|music|media) (on|of|in) [the] {target}",
    ],
)(_simple("mute", "muted"))
"""Mute a TV or speaker."""

unmute = skill.intent(
    "Unmute",
    samples=[
        "unmute [the] {target}",
        "unmute [<here>]",
        "(turn|switch) [the] sound [back] on",
        "unmute [the] (volume|sound|music|media) [<here>]",
        "unmute [the] (volume|sound) (on|of) [the] {target}",
        "unmute [<the>] {what} (on|of|in) [<the>] {target}",
        "unmute [<the>] {what} [<here>]",
        "unmute [<the>] {what} <in> [<the>] {room}",
        "unmute [the] {target} (volume|sound)",
        "unmute [the] (volume|sound|music|media) <in> [<the>] {room}",
    ],
)(_simple("unmute", "unmuted"))
"""Unmute a TV or speaker."""

next_track = skill.intent(
    "NextTrack",
    samples=[
        "(next|skip) [<track>] [(on|for) [the] {target}]",
        "(next|skip) [<track>] [on|for] [<the>] {target}",
        "(play|skip to) the next <track> [(on|for) [the] {target}]",
        "skip [this] <track>",
        "skip to [the] next [<track>] [(on|for) [the] {target}]",
        "(skip [to [the] next] [<track>]|next [<track>]) <in> [<the>] {room}",
        "(on|for) [the] {target} (skip [to [the] next] [<track>]|next [<track>])",
        "[the] {target} (skip [to [the] next] [<track>]|next [<track>])",
    ],
)(_simple("next", "skipped ahead on"))
"""Skip to the next track."""

previous_track = skill.intent(
    "PreviousTrack",
    samples=[
        "previous [<track>] [(on|for) [the] {target}]",
        "previous [<track>] [on|for] [<the>] {target}",
        "(play|go to) the (previous|last) <track> [on [the] {target}]",
        "go back a <track>",
        "<back> [(on|for) [the] {target}]",
        "<back> <in> [<the>] {room}",
        "previous [<track>] <in> [<the>] {room}",
        "(on|for) [the] {target} (<back>|previous [<track>])",
        "[the] {target} (<back>|previous [<track>])",
    ],
)(_simple("previous", "went back a track on"))
"""Go back a track."""


_AMOUNT_WORDS = frozenset({"percent", "%", "degrees", "degree", "speed", "volume", "level"})
"""Words that measure a setting rather than name an input: "30 percent", "its highest speed"."""

_HEDGES = frozenset({"about", "around", "roughly", "approximately", "nearly", "almost"})
"""Words that open a vague amount ("around 60 percent"), never an input's name."""


class _SourceName(FreeText):
    """An input's name ("hdmi 1", "bluetooth", "the radio"), never an amount.

    "set the den speaker to 30" is a level and "set the fan to its highest speed" a speed: an
    input is named by a word (its number, if any, comes after it: "hdmi 2"), so a span that
    opens with a number or a hedge ("around 60 percent", "30 already"), or holds a word that
    measures (a level word such as "highest", "percent", "speed"), is no source, and the
    intents that set an amount may take the sentence.
    """

    def parse(self, tokens: Sequence[str], env: SlotEnv) -> object:
        """Free text, unless the words open with a number or a hedge or hold a measure word."""
        if tokens and (
            parse_number(tokens[:1]) is not None
            or tokens[0] in _HEDGES
            or not _AMOUNT_WORDS.isdisjoint(tokens)
            or not EXTREME_WORDS.isdisjoint(tokens)
        ):
            return NO_VALUE
        return super().parse(tokens, env)


class SourceSlots(BaseModel):
    """The slots of SetSource: the device and the input's name ("HDMI 1")."""

    target: MediaTarget
    source: Annotated[str, _SourceName(max_tokens=3, examples=("hdmi 1", "streaming", "radio"))]


@skill.intent(
    "SetSource",
    samples=[
        "(switch|change|set) [the] {target} (to|over to) {source}",
        "(switch|change|set) [the] (input|source) (of|on) [the] {target} to {source}",
        "(switch|change|set) [the] {target} (input|source) to {source}",
    ],
)
def set_source(ctx: SkillContext, slots: SourceSlots) -> Response:
    """Switch a TV or speaker to another input, matched to its own list of sources."""
    home = ctx.home
    if home is None:
        return no_home()
    found = control.find(ctx, slots.target, command="set_source")
    if isinstance(found, Response):
        return found
    said = slots.source.strip()
    results = []
    for device in found:
        # Sources are named by the device ("HDMI 1"); people say them in any case.
        rng = device.range_of("source") if device.has_attribute("source") else None
        choices = rng.choices if rng is not None else ()
        value = next((c for c in choices if c.lower() == said.lower()), said)
        results += home.execute([device], "set_source", value)

    def done(devices: list[Device]) -> str:
        return ctx.t(
            "Okay, I've switched {names} to {source}.",
            names=device_names(devices, home),
            source=said,
        )

    return report(home, results, done)
