"""What a front end (the terminal UI, or any other) may use of the engine: `FrontEnd`.

A front end shows the conversation, the home and the clock, and sends what the user types or
clicks. It needs a handful of calls, not the engine's parts: the dialog manager, the router, the
clock and the store are the engine's business and may change shape. `Simulator` implements this
protocol; the terminal UI is typed against it, so ``mypy`` refuses a UI change that reaches for
anything else (``sim.dialog``, ``sim.router``, ``sim.clock``...).

Threads: `subscribe` and `subscribe_home` listeners may be called from a skill's worker thread
(a handler that turns a light on) and must only hand the event over (post a message). Every
other call is made from the front end's event loop; the coroutines take the engine's turn lock,
so a reset or a device change never lands in the middle of a turn.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Protocol

from simulator.devices.events import StateChanged
from simulator.models import Turn
from simulator.nlu.asr import SimulatedRecogniser
from simulator.profiles import Profile
from simulator.sdk import Skill

__all__ = ["FrontEnd"]


class FrontEnd(Protocol):
    """The engine as a front end sees it (implemented by `simulator.engine.Simulator`)."""

    wake_word: str | None
    """The wake word the speaker waits for (normalised), or None: every utterance is heard."""
    language: str
    """The default language (``en``, ``zh-CN``): of prompts, and of the TUI's labels."""
    asr: SimulatedRecogniser | None
    """The simulated speech recogniser every utterance is first "heard" through (the TUI's F12
    sets it), or None: the speaker hears exactly what is typed."""
    skills_dir: Path | None
    """The ``--skills-dir`` folder, or None (the TUI's export dialog offers it as the place
    for conversation files, beside the skills they test)."""

    @property
    def seed(self) -> int | None:
        """The seed everything random was started from (written into exported conversations)."""
        ...

    @property
    def skills(self) -> Sequence[Skill]:
        """The loaded skills."""
        ...

    @property
    def watches_skills(self) -> bool:
        """Whether there is a ``--skills-dir`` to watch for changes."""
        ...

    @property
    def has_home(self) -> bool:
        """Whether a home is loaded."""
        ...

    # -- the conversation ---------------------------------------------------------------------

    async def handle(self, text: str) -> Turn:
        """Run one turn for what the user said (or typed); the finished `Turn`."""
        ...

    def subscribe(self, listener: Callable[[Turn], None]) -> Callable[[], None]:
        """Call ``listener`` with every finished turn (also proactive ones); returns the
        unsubscribe function."""
        ...

    def listening(self) -> bool:
        """Whether a session is open and waiting for an answer (the speaker's light is on)."""
        ...

    # -- the clock ----------------------------------------------------------------------------

    def now(self) -> datetime:
        """The virtual clock's time."""
        ...

    @property
    def paused(self) -> bool:
        """Whether the virtual clock stands still between explicit advances."""
        ...

    @paused.setter
    def paused(self, value: bool) -> None: ...

    async def advance(self, delta: timedelta) -> list[Turn]:
        """Move virtual time on; the turns of what fired (timers, alarms, reminders)."""
        ...

    # -- the device profile ---------------------------------------------------------------------

    @property
    def profile(self) -> Profile:
        """The device profile (``speaker``, ``screen``, ``kids``): whether there is a screen
        pane, and what kids may ask."""
        ...

    def set_profile(self, name: str) -> Profile:
        """Switch to the profile ``name`` with the same rules; the new profile (ValueError for
        an unknown name)."""
        ...

    # -- comparing the stages -----------------------------------------------------------------

    async def compare(self, text: str) -> dict[str, Any]:
        """How the templates, the learned stage and the model each read ``text``:
        ``{"text", "templates", "learned", "model"}`` (see `simulator.llm.compare`); no handler
        runs and nothing is saved."""
        ...

    # -- the home -----------------------------------------------------------------------------

    def home_json(self) -> dict[str, Any] | None:
        """The home as ``{name, speaker_room, rooms, devices}``, or None without a home."""
        ...

    def subscribe_home(self, listener: Callable[[StateChanged], None]) -> Callable[[], None] | None:
        """Call ``listener`` with every device state change; None without a home."""
        ...

    async def set_device(self, device_id: str, attribute: str, value: Any) -> list[StateChanged]:
        """Change one device attribute by hand (saved like a turn's change)."""
        ...

    async def reset_async(self) -> None:
        """End the session, cancel timers, put the home and the clock back."""
        ...

    # -- skills -------------------------------------------------------------------------------

    def skill_listing(self, examples: int = 20) -> list[dict[str, Any]]:
        """Skills, intents, templates and ``examples`` example utterances each."""
        ...

    def skills_changed(self) -> bool:
        """Whether a file in ``--skills-dir`` changed since the skills were loaded."""
        ...

    async def reload_skills_async(self) -> str | None:
        """Reload the skills; None when it worked, else why the previous ones stay loaded."""
        ...

    # -- housekeeping -------------------------------------------------------------------------

    def warm(self) -> None:
        """Prepare everything routing needs now (call off the event loop), so the first turn
        is as quick as the rest."""
        ...

    def wait_for_learned_stage(self, timeout: float | None = None) -> dict[str, Any] | None:
        """Wait for the learned stage's background training (call off the event loop); its
        status (``state``: ready, unavailable, failed, off...), or None if still training."""
        ...

    def take_notices(self) -> list[str]:
        """What the store found or could not do since the last call (damaged rows, a full
        disk), each once."""
        ...
