"""Playing media on the home's speakers and TVs: a play queue handed to a device.

A music (or podcast, or radio) skill does not play sound itself. Like a real speaker platform, it
hands a *play queue* to a media device of the home, and the device plays through it on the
virtual clock: the position advances, the next item starts when one ends, repeat and shuffle
apply, and the home pane shows what is playing. The skill asks the device what is playing
whenever it needs to know, so ``:advance 10m`` needs no work from the skill::

    from simulator.sdk.media import MediaItem, Player

    player = Player(ctx)
    problem = player.play([MediaItem(title="Blue Hour", artist="Nina Vale", duration=214)])
    now = player.now_playing()          # NowPlaying(title="Blue Hour", position=..., ...)

While a skill's queue plays (or is paused), the skill has the *media focus*: "stop", and its
intents marked ``context_only`` (say "next" or "pause"), reach it even after its conversation
has ended. Without a home, or a home without a speaker or TV, :meth:`Player.device` is None and
every method says so in words the skill can speak.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, Field

if TYPE_CHECKING:
    from simulator.devices import Device, TargetQuery
    from simulator.sdk.context import SkillContext
    from simulator.sdk.home import Home

__all__ = ["MediaItem", "NowPlaying", "Player", "RepeatMode", "format_clock_time"]

RepeatMode = Literal["off", "one", "all"]
"""Repeat nothing, the current item, or the whole queue."""

_NO_DEVICE = "There's no speaker or TV in this home to play on."


class MediaItem(BaseModel):
    """One item of a play queue. ``extra`` comes back unchanged in `NowPlaying`."""

    title: str
    artist: str = ""
    album: str = ""
    duration: float = Field(gt=0)
    """Length in seconds."""
    extra: dict[str, Any] = Field(default_factory=dict)
    """Anything the skill wants to find again (an id, a genre)."""


@dataclass(frozen=True)
class NowPlaying:
    """What a device is playing from this skill's queue, read from the device."""

    device: Device
    item: MediaItem
    index: int
    """0-based position of the item in the queue."""
    queue_length: int
    position: float
    """Seconds into the item."""
    playback: str
    """``playing`` or ``paused``."""
    repeat: RepeatMode
    shuffle: bool
    volume: int

    @property
    def remaining(self) -> float:
        """Seconds left in the current item."""
        return max(self.item.duration - self.position, 0.0)

    def progress(self) -> str:
        """``"1:23 / 3:45"``."""
        return f"{format_clock_time(self.position)} / {format_clock_time(self.item.duration)}"

    def card_text(self) -> str:
        """The body of a "Now playing" card: title, artist and album, progress, device, modes."""
        lines = [self.item.title]
        by = " · ".join(p for p in (self.item.artist, self.item.album) if p)
        if by:
            lines.append(by)
        modes = [self.playback]
        if self.shuffle:
            modes.append("shuffle")
        if self.repeat != "off":
            modes.append(f"repeat {self.repeat}")
        lines.append(f"{self.progress()} · {', '.join(modes)}")
        lines.append(
            f"On {self.device.name} · item {self.index + 1} of {self.queue_length} · "
            f"volume {self.volume}"
        )
        return "\n".join(lines)


def format_clock_time(seconds: float) -> str:
    """``83`` → ``"1:23"``; an hour or more as ``"1:02:03"``."""
    total = max(int(seconds), 0)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class Player:
    """The home's media player as one skill sees it: play a queue, control it, ask about it.

    Control methods return None when done, or a sentence saying why not ("Nothing is
    playing.") that the skill can speak as it is.
    """

    def __init__(self, ctx: SkillContext) -> None:
        """The player for the skill of ``ctx``."""
        self._ctx = ctx
        self._home: Home | None = ctx.home
        self._app = ctx.skill

    # -- which device ------------------------------------------------------------------------

    def device(self, where: TargetQuery | None = None) -> Device | None:
        """The device to play on.

        With ``where`` (a `MediaTarget` slot: "the kitchen speaker", "the TV", "the kitchen"),
        the first media device it names. Otherwise the device already holding this skill's queue,
        else a speaker in the speaker's room, any speaker, a TV in the speaker's room, any TV.
        Online devices are preferred; None when the home has no media device at all.
        """
        home = self._home
        if home is None:
            return None
        media = [d for d in home.devices.values() if d.has("media")]
        if where is not None:
            found = home.resolve(where)
            named = [d for d in (found.devices or found.ambiguous) if d.has("media")]
            return next((d for d in named if d.online), named[0] if named else None)
        mine = self._mine(media)
        if mine is not None:
            return mine
        here = home.speaker_room

        def order(device: Device) -> tuple[bool, bool, bool]:
            return (not device.online, device.type.id != "speaker", device.room != here)

        ranked = sorted(media, key=order)
        return ranked[0] if ranked else None

    def _mine(self, media: Sequence[Device]) -> Device | None:
        """The device playing (or holding paused) this skill's queue, playing ones first."""
        held = [
            d
            for d in media
            if d.get("media_app") == self._app and d.get("playback") != "stopped" and d.online
        ]
        held.sort(key=lambda d: d.get("playback") != "playing")
        return held[0] if held else None

    # -- playing -----------------------------------------------------------------------------

    def play(
        self,
        items: Sequence[MediaItem],
        *,
        start: int = 0,
        shuffle: bool = False,
        repeat: RepeatMode = "off",
        where: TargetQuery | None = None,
    ) -> str | None:
        """Hand ``items`` to the device and start playing item ``start``.

        ``shuffle`` shuffles the queue with the skill's seeded random numbers (``--seed``) and
        starts from its first item. Another skill's queue on that device is replaced.
        """
        device = self.device(where)
        if device is None:
            return _NO_DEVICE if where is None else "I can't play music on that."
        queue = list(items)
        if not queue:
            return "There's nothing to play."
        if shuffle:
            self._ctx.rng.shuffle(queue)
            start = 0
        value = {
            "items": [self._queue_entry(item) for item in queue],
            "start": start,
            "app": self._app,
            "shuffle": shuffle,
            "repeat": repeat,
        }
        return self._run(device, "play_media", value)

    @staticmethod
    def _queue_entry(item: MediaItem) -> dict[str, Any]:
        return {
            "title": item.title,
            "artist": item.artist,
            "album": item.album,
            "duration": item.duration,
            "extra": dict(item.extra),
        }

    def now_playing(self) -> NowPlaying | None:
        """What this skill's queue is playing (or paused on), or None."""
        home = self._home
        if home is None:
            return None
        device = self._mine([d for d in home.devices.values() if d.has("media")])
        if device is None:
            return None
        queue = device.get("queue") or []
        index = int(device.get("track")) - 1
        if not 0 <= index < len(queue):
            return None
        entry = dict(queue[index])
        item = MediaItem.model_validate({**entry, "extra": entry.get("extra") or {}})
        return NowPlaying(
            device=device,
            item=item,
            index=index,
            queue_length=len(queue),
            position=float(device.get("media_position")),
            playback=str(device.get("playback")),
            repeat=device.get("repeat"),
            shuffle=bool(device.get("shuffle")),
            volume=int(device.get("volume")),
        )

    def queue(self) -> list[MediaItem]:
        """This skill's current queue (empty when nothing of it is playing or paused)."""
        now = self.now_playing()
        if now is None:
            return []
        return [
            MediaItem.model_validate({**entry, "extra": entry.get("extra") or {}})
            for entry in now.device.get("queue")
        ]

    # -- control -----------------------------------------------------------------------------

    def pause(self) -> str | None:
        """Pause this skill's queue."""
        return self._control("pause")

    def resume(self) -> str | None:
        """Resume this skill's paused queue."""
        return self._control("play")

    def stop(self) -> str | None:
        """Stop this skill's queue (the media focus goes with it)."""
        return self._control("stop_playback")

    def next(self) -> str | None:
        """Skip to the next item."""
        return self._control("next")

    def previous(self) -> str | None:
        """Go back an item (from the first one: start it again)."""
        return self._control("previous")

    def set_repeat(self, mode: RepeatMode) -> str | None:
        """Repeat nothing, the current item or the whole queue."""
        return self._control("set_repeat", mode)

    def set_shuffle(self, on: bool) -> str | None:
        """Shuffle what is left of the queue (or mark it unshuffled).

        Shuffling keeps the current item playing and reorders the rest with the skill's seeded
        random numbers.
        """
        now = self.now_playing()
        if now is None:
            return "Nothing is playing."
        if not on:
            return self._run(now.device, "set_shuffle", False)
        queue = list(now.device.get("queue"))
        current = queue.pop(now.index)
        self._ctx.rng.shuffle(queue)
        value = {
            "items": [current, *queue],
            "start": 0,
            "app": self._app,
            "shuffle": True,
            "repeat": now.repeat,
            "position": now.position,  # the current item plays on where it was
        }
        problem = self._run(now.device, "play_media", value)
        if problem is None and now.playback == "paused":
            self._run(now.device, "pause")
        return problem

    def change_volume(self, delta: int) -> str | None:
        """Turn this skill's device up (positive) or down by ``delta`` percent."""
        device = self.device()
        if device is None:
            return _NO_DEVICE
        return self._run(device, "adjust_volume", delta)

    def _control(self, command: str, value: object | None = None) -> str | None:
        now = self.now_playing()
        if now is None:
            return "Nothing is playing."
        return self._run(now.device, command, value)

    def _run(self, device: Device, command: str, value: object | None = None) -> str | None:
        home = self._home
        if home is None:
            return _NO_DEVICE
        from simulator.devices import ErrorCode, spoken_error

        result = home.execute([device], command, value)[0]
        if result.error is None or result.error.code is ErrorCode.ALREADY_IN_STATE:
            return None
        return spoken_error(result.error)
