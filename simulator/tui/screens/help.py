"""The help screen: keys, what the panes mean, how to start."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

__all__ = ["HELP_TEXT", "HelpScreen"]

HELP_TEXT = """\
# speaker-sim help

speaker-sim is an **illustrative** smart-speaker simulator for learning how voice assistants
work. It runs offline and implements **no vendor's protocol**, cloud API or device format.

## How to start

Type what you would say to the speaker in the input line at the bottom and press **enter**,
e.g. `what time is it`, `set a timer` (it asks how long), `turn on the kitchen light`.
Press **right** to accept the greyed-out completion, **up/down** to walk your history.
Press **F2** to browse the skills and send one of their sample utterances.

## The panes

- **Conversation** (left): what you said (`You ›`), what the speaker said (`Speaker ›`), display
  cards (`Card ›`), notifications the speaker starts itself such as a timer going off
  (`Notification ›`) and errors (`Error ›`), e.g. a skill that crashed or took too long.
  Replies appear word by word; **escape** (or typing something new) skips to the end.
  Press **tab** to focus it, then **up/down** to select a turn for the inspector (**end**: latest).
- **Home** (top right): rooms, devices and their live state. Select a device (**enter** or click)
  to see all its capabilities and change one by hand, as if someone pressed its switch.
- **Inspector** (bottom right): how the selected turn went: pipeline stages with timings, the
  ranked intents with confidence bars, slots and the words they came from, the template that
  matched or where the closest one diverged, the dialog state and the device changes.
- **Status line** (top): the speaker's state — IDLE, LISTENING (a session is open and waits for
  you), THINKING (a turn is running), SPEAKING, MUTED — the virtual clock and the modes.

## Keys

| key | what it does |
|---|---|
| ctrl+p | command palette (every command below is there too) |
| F1 | this help |
| F2 | skills browser |
| F3 | event log (turns and device events) |
| F4 | detail of the highlighted device |
| F5 | reload skills (also automatic when a file in --skills-dir changes) |
| F6 / F7 / F8 | advance the virtual clock by 1 minute / 10 minutes / 1 hour |
| F9 | pause or resume the clock (it otherwise follows the wall clock) |
| F10 | mute or unmute the microphone |
| F11 | wake-word mode: only utterances starting with "hey speaker" are heard |
| F12 | speech recognition noise: off, 0.1, 0.2, 0.3 (what was heard is shown under what you typed) |
| ctrl+t | speech out with espeak-ng |
| ctrl+o | export the conversation as a conversation test (YAML) |
| escape | skip the reply being spoken; close a screen |
| ctrl+q | quit |

Resetting the home (ending the session and cancelling timers too) is in the command palette.
"""
"""The help text, in Markdown."""


class HelpScreen(ModalScreen[None]):
    """Keys, panes and first steps."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1,q", "dismiss", "Close"),
    ]

    def compose(self) -> ComposeResult:
        """The help text in a scrollable frame."""
        with VerticalScroll(id="help-frame", classes="dialog"):
            yield Markdown(HELP_TEXT)
