"""The conversation pane: what you said, what the speaker said, cards, notifications, errors.

Replies are revealed word by word at a readable pace (the speaker "speaking"); the reveal can be
skipped. Entries can be selected (click, or up/down when the pane has focus) to show their turn
in the inspector.
"""

from __future__ import annotations

import re
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.reactive import reactive
from textual.timer import Timer
from textual.widgets import Static

from simulator.models import Turn
from simulator.sdk.secret import REDACTED

__all__ = ["Conversation", "TurnEntry", "readable_error"]


_READABLE_ERRORS = {
    "DEVICE_NOT_FOUND": "no such device",
    "AMBIGUOUS_TARGET": "more than one device matches",
    "DEVICE_OFFLINE": "the device is offline",
    "NOT_SUPPORTED": "the device can't do that",
    "VALUE_OUT_OF_RANGE": "the value is out of range",
    "INVALID_IN_STATE": "not possible in its current state",
    "ALREADY_IN_STATE": "it was already like that",
    "DEVICE_FAULT": "the device reported a fault",
    "SKILL_ERROR": "the skill failed",
    "SKILL_TIMEOUT": "the skill took too long",
    "INPUT_TOO_LONG": "too long to take in",
    "NO_WORDS": "no words heard",
    "INVALID_SLOT": "a value it could not use",
    "REMOTE_UNREACHABLE": "the skill's service is not answering",
    "REMOTE_TIMEOUT": "the skill's service took too long",
    "REMOTE_HTTP_ERROR": "the skill's service failed",
    "REMOTE_BAD_RESPONSE": "the skill's service answered nonsense",
}


def readable_error(code: str) -> str:
    """An error code as people read it ("ALREADY_IN_STATE" → "it was already like that")."""
    return _READABLE_ERRORS.get(code) or code.replace("_", " ").lower()


# Wide (East Asian) characters and their punctuation: revealed one at a time.
_WIDE_RE = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")
_CHUNK_RE = re.compile(
    r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]"
    r"|[^\s\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]+\s*"
)


class TurnEntry(Static):
    """One exchange: an utterance and its reply, or a proactive notification, or a note."""

    revealed: reactive[int | None] = reactive(None)
    """How many words of the speech are shown; None shows all of it."""

    class Chosen(Message):
        """The entry was clicked."""

        def __init__(self, entry: TurnEntry) -> None:
            """Carry the clicked ``entry``."""
            super().__init__()
            self.entry = entry
            """The entry that was clicked."""

    def __init__(
        self, number: int, text: str | None, *, turn: Turn | None = None, note: str = ""
    ) -> None:
        """An entry numbered ``number`` for the utterance ``text`` (None for a proactive turn)."""
        super().__init__(classes="entry")
        self.number = number
        """Position in the conversation, from 1."""
        self.text = text
        """What the user typed, or None for a proactive turn or a note."""
        self.turn = turn
        """The finished turn, or None while it is running (or for a note)."""
        self.note = note
        """A message of the app itself (e.g. a failed reload), shown instead of a turn."""
        self.failure: str | None = None
        """Set when the turn could not run at all (an engine bug), so the pane says so."""

    @property
    def words(self) -> list[str]:
        """The words of the reply, for the word-by-word reveal. Chinese has no spaces, so it is
        revealed a character at a time (a Latin word in it keeps its trailing space)."""
        speech = (self.turn.speech or "") if self.turn else ""
        if not _WIDE_RE.search(speech):
            return speech.split()
        return _CHUNK_RE.findall(speech)

    def shown_speech(self, words: list[str]) -> str:
        """The revealed words as one line (joined as the language writes them)."""
        if any(_WIDE_RE.search(w) for w in words):
            return "".join(words).strip()
        return " ".join(words)

    def finish(self, turn: Turn) -> None:
        """Attach the finished turn and redraw."""
        self.turn = turn
        if turn.text and REDACTED in turn.text:
            self.text = turn.text  # a spoken PIN is not left on screen as typed
        self.set_class(turn.error is not None, "-error")
        self.refresh(layout=True)

    def fail(self, message: str) -> None:
        """Show that the turn failed to run."""
        self.failure = message
        self.add_class("-error")
        self.refresh(layout=True)

    def watch_revealed(self) -> None:
        """Redraw as more words are revealed."""
        self.refresh(layout=True)

    def on_click(self, event: events.Click) -> None:
        """Select this entry."""
        event.stop()
        self.post_message(self.Chosen(self))

    def lines(self) -> list[tuple[str, str, Text]]:
        """The exchange as ``(label, label style, text)`` rows: labels, not only colours."""
        rows: list[tuple[str, str, Text]] = []
        if self.note:
            return [("Note ›", "bold magenta", Text(self.note))]
        turn = self.turn
        if self.text is not None:
            rows.append((f"#{self.number} You ›", "bold", Text(self.text)))
            if turn is not None and turn.heard is not None and turn.heard != self.text:
                # Simulated speech recognition: what the speaker understood from was this.
                rows.append(("Heard ›", "bold yellow", Text(turn.heard, style="italic")))
            if turn is not None and turn.kind == "silence" and not turn.speech:
                heard = "no wake word: not heard" if self.text else "silence"
                rows.append(("", "", Text(f"({heard})", style="dim italic")))
                return rows
        if self.failure is not None:
            return [*rows, ("Error ›", "bold red", Text(self.failure))]
        if turn is None:
            return [*rows, ("Speaker ›", "dim", Text("…", style="dim"))]
        label = "Speaker ›" if self.text is not None else f"#{self.number} Notification ›"
        if turn.speech:
            words = self.words
            shown = words if self.revealed is None else words[: self.revealed]
            speech = Text(self.shown_speech(shown))
            if self.revealed is not None and self.revealed < len(words):
                speech.append(" ▌", style="green")
            if self.text is None:
                speech = Text.assemble(f"({turn.skill or 'clock'}) ", speech)
            rows.append((label, "bold green", speech))
        else:
            rows.append((label, "dim", Text("(no reply)", style="dim")))
        if turn.source == "llm":
            # Generated words look like any other reply: say where they came from, and how
            # long the model took (a slow fallback is the first thing people notice).
            ms = next((s.ms for s in turn.trace if s.stage == "llm"), 0.0)
            what = "generated by the model" if turn.intent is None else "the model chose this"
            rows.append(("", "", Text(f"({what}, {ms / 1000:.1f} s)", style="magenta italic")))
        if turn.card is not None:
            card = turn.card.title + (f": {turn.card.text}" if turn.card.text else "")
            rows.append(("Card ›", "bold blue", Text(card)))
        if turn.error is not None:
            # When the speaker already said the message (a device error, a "which one?"),
            # the code alone says what kind of answer it was without repeating it.
            # People read words, not codes: the code stays in the inspector.
            same = turn.error.message.strip() == (turn.speech or "").strip()
            readable = readable_error(turn.error.code)
            error = readable if same else f"{readable}: {turn.error.message}"
            rows.append(("Problem ›", "bold red", Text(error)))
        if turn.reprompt and not turn.session_ended:
            rows.append(("", "", Text(f"(listening… reprompt: {turn.reprompt})", style="dim")))
        return rows

    def plain(self) -> str:
        """The exchange as plain text, one row per line."""
        return "\n".join(f"{label} {text.plain}".strip() for label, _, text in self.lines())

    def render(self) -> Table:
        """Draw the rows as a two-column grid, so wrapped text stays beside its label."""
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True, justify="right", min_width=11)
        grid.add_column(ratio=1)
        for label, style, text in self.lines():
            grid.add_row(Text(label, style=style), text)
        return grid


class Conversation(VerticalScroll, can_focus=True):
    """The list of exchanges, newest at the bottom, with a selection for the inspector."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "select(-1)", "Previous turn", show=False),
        Binding("down", "select(1)", "Next turn", show=False),
        Binding("end", "select_latest", "Latest turn", show=False),
    ]

    selected: reactive[int | None] = reactive(None, init=False)
    """Index of the selected entry; None follows the latest turn."""

    speaking: reactive[bool] = reactive(False, init=False)
    """Whether a reply is being revealed word by word right now."""

    class TurnSelected(Message):
        """A turn was selected (or the latest one changed while following it)."""

        def __init__(self, turn: Turn | None, number: int) -> None:
            """Carry the selected ``turn`` and its entry ``number``."""
            super().__init__()
            self.turn = turn
            """The selected turn (None while it is still running)."""
            self.number = number
            """Its entry number in the conversation."""

    class SpeakingChanged(Message):
        """The speaker started or stopped revealing a reply."""

        def __init__(self, speaking: bool) -> None:
            """Carry whether a reply is being spoken."""
            super().__init__()
            self.speaking = speaking
            """True while a reply is being revealed."""

    def __init__(self, *, words_per_second: float = 20.0, id: str | None = None) -> None:
        """Create the pane; replies appear at ``words_per_second`` (0 shows them at once)."""
        super().__init__(id=id)
        self.words_per_second = words_per_second
        """The pace of the word-by-word reveal; 0 turns the reveal off."""
        self._count = 0
        self._speaking: TurnEntry | None = None
        self._timer: Timer | None = None

    @property
    def entries(self) -> list[TurnEntry]:
        """The entries, oldest first."""
        return list(self.query(TurnEntry))

    @property
    def turns(self) -> list[Turn]:
        """The finished turns shown, oldest first."""
        return [e.turn for e in self.entries if e.turn is not None]

    def plain_text(self) -> str:
        """Everything the pane says, as plain text (for tests and the log)."""
        return "\n".join(e.plain() for e in self.entries)

    # -- adding entries ------------------------------------------------------------------

    def _mount_entry(self, entry: TurnEntry) -> TurnEntry:
        self.mount(entry)
        if self.selected is None:
            self.call_after_refresh(self.scroll_end, animate=False)
            self._announce()
        return entry

    def add_utterance(self, text: str) -> TurnEntry:
        """Show what the user said, with the reply pending; returns the entry to finish."""
        self._count += 1
        return self._mount_entry(TurnEntry(self._count, text))

    def add_proactive(self, turn: Turn) -> TurnEntry:
        """Show a turn the speaker started itself (a timer going off)."""
        self._count += 1
        entry = self._mount_entry(TurnEntry(self._count, None, turn=turn))
        entry.set_class(turn.error is not None, "-error")
        entry.add_class("-proactive")
        self._speak(entry)
        return entry

    def add_note(self, note: str, *, error: bool = False) -> TurnEntry:
        """Show a message of the app itself, e.g. a skill reload that failed."""
        entry = TurnEntry(0, None, note=note)
        entry.set_class(error, "-error")
        return self._mount_entry(entry)

    def finish(self, entry: TurnEntry, turn: Turn) -> None:
        """Attach the finished ``turn`` to ``entry`` and start speaking the reply."""
        entry.finish(turn)
        self._speak(entry)
        self._announce()
        if self.selected is None:
            self.call_after_refresh(self.scroll_end, animate=False)

    def clear_entries(self) -> None:
        """Remove every entry (the conversation starts afresh)."""
        self.skip_speech()
        self.selected = None
        self.remove_children()

    # -- speaking --------------------------------------------------------------------------

    def _speak(self, entry: TurnEntry) -> None:
        self.skip_speech()
        if self.words_per_second <= 0 or not entry.words:
            return
        entry.revealed = 1  # the first word at once: the reply starts when it is ready
        self._speaking = entry
        self.speaking = True
        self._timer = self.set_interval(1 / self.words_per_second, self._reveal_word)

    def _reveal_word(self) -> None:
        entry = self._speaking
        if entry is None:
            return
        if (entry.revealed or 0) >= len(entry.words):
            self.skip_speech()
            return
        entry.revealed = (entry.revealed or 0) + 1

    def skip_speech(self) -> None:
        """Show the rest of the reply being spoken at once."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self._speaking is not None:
            self._speaking.revealed = None
            self._speaking = None
        self.speaking = False

    def watch_speaking(self, speaking: bool) -> None:
        """Tell the app, which shows it in the status line."""
        self.post_message(self.SpeakingChanged(speaking))

    # -- selection -----------------------------------------------------------------------

    def _turn_entries(self) -> list[TurnEntry]:
        return [e for e in self.entries if not e.note]

    def _announce(self) -> None:
        entries = self._turn_entries()
        if not entries:
            return
        index = self.selected if self.selected is not None else len(entries) - 1
        index = max(0, min(index, len(entries) - 1))
        entry = entries[index]
        self.post_message(self.TurnSelected(entry.turn, entry.number))

    def watch_selected(self, selected: int | None) -> None:
        """Mark the selected entry and show its turn in the inspector."""
        entries = self._turn_entries()
        for index, entry in enumerate(entries):
            entry.set_class(index == selected, "-selected")
        if selected is not None and 0 <= selected < len(entries):
            self.scroll_to_widget(entries[selected], animate=False)
        self._announce()

    def action_select(self, step: int) -> None:
        """Move the selection up or down by ``step`` entries."""
        entries = self._turn_entries()
        if not entries:
            return
        current = self.selected if self.selected is not None else len(entries)
        target = max(0, min(current + step, len(entries) - 1))
        # Moving past the newest entry goes back to following the latest turn.
        self.selected = None if current + step >= len(entries) else target

    def action_select_latest(self) -> None:
        """Follow the latest turn again."""
        self.selected = None

    def on_turn_entry_chosen(self, message: TurnEntry.Chosen) -> None:
        """Select the clicked entry."""
        entries = self._turn_entries()
        if message.entry in entries:
            self.selected = entries.index(message.entry)
