"""The banner and the speaker status line (idle, listening, thinking, speaking, muted)."""

from __future__ import annotations

from typing import Literal

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

__all__ = ["BANNER", "Banner", "SpeakerState", "SpeakerStatus"]

SpeakerState = Literal["idle", "listening", "thinking", "speaking", "muted"]
"""What the simulated speaker is doing, as its light ring would show."""

BANNER = "speaker-sim · an illustrative simulator · implements no vendor's protocol"
"""The label on every screen: this is a teaching tool, not any vendor's assistant."""

# Each state has a text label *and* a symbol, so the state reads without colour.
_LOOK: dict[str, tuple[str, str]] = {
    "idle": ("○", "dim"),
    "listening": ("◉", "bold cyan"),
    "thinking": ("◌", "bold yellow"),
    "speaking": ("◍", "bold green"),
    "muted": ("⊘", "bold red"),
}


class Banner(Static):
    """One line saying what this is: an illustrative simulator, no vendor's protocol."""

    def __init__(self) -> None:
        """Create the banner with the fixed label."""
        super().__init__(BANNER, id="banner")


class SpeakerStatus(Static):
    """The speaker's state, the virtual clock and the modes, on one line."""

    state: reactive[SpeakerState] = reactive("idle")
    """What the speaker is doing now."""

    clock: reactive[str] = reactive("")
    """The virtual time, already formatted."""

    paused: reactive[bool] = reactive(False)
    """Whether the real-time clock is paused."""

    wake_word: reactive[str | None] = reactive(None)
    """The wake word required before an utterance, or None when wake-word mode is off."""

    speech_out: reactive[bool] = reactive(False)
    """Whether replies are also spoken aloud with espeak-ng."""

    def render(self) -> Text:
        """Draw the status line."""
        symbol, style = _LOOK[self.state]
        text = Text()
        text.append(f" {symbol} {self.state.upper()} ", style=style)
        text.append("│ ", style="dim")
        text.append(self.clock)
        text.append(" (paused)" if self.paused else " (running)", style="dim")
        text.append(" │ ", style="dim")
        text.append(f"wake word: {self.wake_word!r}" if self.wake_word else "wake word: off")
        text.append(" │ ", style="dim")
        text.append(f"speech out: {'on' if self.speech_out else 'off'}")
        return text
