"""Small adapters between the app and the engine: the home, conversation export, speech out.

The app talks to the engine only through `simulator.engine.frontend.FrontEnd` (which
`Simulator` implements); the few places where it needs something the engine does not offer as
one call (device events as the UI's own type, a conversation exported as a test file) live here,
so the widgets stay pure views.
"""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from simulator.models import Turn
from simulator.sdk.conversation_file import conversation_from_turns
from simulator.sdk.conversation_file import conversation_yaml as render_conversation

if TYPE_CHECKING:
    from simulator.engine.frontend import FrontEnd

__all__ = [
    "ESPEAK_HINT",
    "DeviceEvent",
    "SpeechOut",
    "conversation_yaml",
    "export_conversation",
    "home_json",
    "set_manual",
    "subscribe_home",
]

ESPEAK_HINT = (
    "Speech out needs espeak-ng, which is not installed. "
    "Install it with: sudo apt-get install espeak-ng (Debian/Ubuntu), "
    "brew install espeak-ng (macOS), then toggle speech out again."
)
"""What to tell the user when speech out is asked for without espeak-ng."""


@dataclass(frozen=True)
class DeviceEvent:
    """A device state change as the UI sees it (a copy of the home's ``StateChanged``)."""

    device_id: str
    capability: str
    attribute: str
    old: Any
    new: Any
    cause: str
    at: datetime | None


def home_json(sim: FrontEnd) -> dict[str, Any] | None:
    """The home as ``{name, speaker_room, rooms, devices}``, or None when there is no home."""
    return sim.home_json()


def subscribe_home(
    sim: FrontEnd, callback: Callable[[DeviceEvent], None]
) -> Callable[[], None] | None:
    """Call ``callback`` for every state change of the home; returns the unsubscribe function.

    The home may publish from a skill's worker thread, so ``callback`` must be thread-safe
    (the app's callback only posts a Textual message, which is).
    """

    def relay(event: Any) -> None:
        callback(
            DeviceEvent(
                device_id=str(event.device_id),
                capability=str(event.capability),
                attribute=str(event.attribute),
                old=event.old,
                new=event.new,
                cause=str(event.cause),
                at=getattr(event, "at", None),
            )
        )

    return sim.subscribe_home(relay)


async def set_manual(sim: FrontEnd, device_id: str, attribute: str, value: Any) -> None:
    """Change a device by hand (a "physical" interaction); the engine saves it at once.

    Raises the home's ``DeviceError`` (or ``ValueError``) when the value does not apply.
    """
    await sim.set_device(device_id, attribute, value)


def conversation_yaml(
    turns: Sequence[Turn], *, seed: int | None, home: bool, exported_at: datetime
) -> str:
    """The conversation as a YAML conversation file (`simulator.sdk.conversation_file`, the
    format the test harness replays), with a comment header saying when it was exported."""
    header = (
        f"# Conversation exported by speaker-sim (an illustrative simulator) on "
        f"{exported_at:%Y-%m-%d %H:%M:%S}.\n"
        "# Replay it with simulator.sdk.testing.run_conversation_file(path).\n"
        "# Skills from --skills-dir and a custom --home are not recorded here.\n"
    )
    conversation = conversation_from_turns(turns, seed=seed, home=home)
    return render_conversation(conversation, header=header)


def export_conversation(
    turns: Sequence[Turn],
    *,
    seed: int | None,
    home: bool,
    directory: Path | None = None,
    now: datetime | None = None,
) -> Path:
    """Write the conversation to ``speaker-sim-conversation-YYYYmmdd-HHMMSS.yaml``; returns the path.

    The name carries the wall-clock time of the export; a number is added if it exists.
    """
    stamp = now or datetime.now()
    folder = directory or Path.cwd()
    path = folder / f"speaker-sim-conversation-{stamp:%Y%m%d-%H%M%S}.yaml"
    counter = 1
    while path.exists():
        counter += 1
        path = folder / f"speaker-sim-conversation-{stamp:%Y%m%d-%H%M%S}-{counter}.yaml"
    path.write_text(conversation_yaml(turns, seed=seed, home=home, exported_at=stamp), "utf-8")
    return path


class SpeechOut:
    """Speaks text aloud with espeak-ng in a subprocess, one utterance at a time."""

    def __init__(self, program: str | None = None) -> None:
        """Use ``program`` (default: ``espeak-ng`` found on PATH, or None if missing)."""
        self.program = program or shutil.which("espeak-ng")
        """Path of espeak-ng, or None when it is not installed."""
        self._process: asyncio.subprocess.Process | None = None
        self._voices: frozenset[str] | None = None

    @property
    def available(self) -> bool:
        """Whether espeak-ng was found."""
        return self.program is not None

    async def voices(self) -> frozenset[str]:
        """The language codes espeak-ng has voices for (asked once): ``{"en", "cmn", ...}``."""
        if self._voices is None:
            found: set[str] = set()
            if self.program is not None:
                try:
                    process = await asyncio.create_subprocess_exec(
                        self.program,
                        "--voices",
                        stdin=asyncio.subprocess.DEVNULL,
                        stdout=asyncio.subprocess.PIPE,
                        stderr=asyncio.subprocess.DEVNULL,
                    )
                    out, _ = await process.communicate()
                except OSError:
                    out = b""
                # Lines look like " 5  cmn  M  chinese_mandarin  sit/cmn  (zh-cmn 5)(zh 5)".
                for line in out.decode("utf-8", "replace").splitlines()[1:]:
                    fields = line.split()
                    if len(fields) > 1:
                        found.add(fields[1])
            self._voices = frozenset(found)
        return self._voices

    async def voice_for(self, language: str) -> str | None:
        """The espeak-ng voice for ``language`` when installed: ``cmn`` (Mandarin) for Chinese;
        None means espeak-ng's default voice."""
        if language.startswith("zh"):
            voices = await self.voices()
            return next((v for v in ("cmn", "cmn-latn-pinyin", "zh") if v in voices), None)
        return None

    async def say(self, text: str, *, language: str = "en") -> None:
        """Speak ``text``, interrupting whatever was being said; returns when done. Chinese is
        spoken with the Mandarin voice when espeak-ng has it."""
        self.stop()
        if self.program is None or not text.strip():
            return
        voice = await self.voice_for(language)
        self._process = await asyncio.create_subprocess_exec(
            self.program,
            *(("-v", voice) if voice else ()),
            "--",
            text,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.DEVNULL,
        )
        try:
            await self._process.wait()
        finally:
            self.stop()

    def stop(self) -> None:
        """Interrupt the current utterance, if any."""
        process, self._process = self._process, None
        if process is not None and process.returncode is None:
            try:
                process.kill()
            except ProcessLookupError:
                pass  # it finished between the check and the kill
