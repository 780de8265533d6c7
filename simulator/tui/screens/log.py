"""The event log: every turn and every device event, in order, with its virtual time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label

__all__ = ["CAUSES", "HIDDEN_BY_DEFAULT", "LogRecord", "LogScreen"]


@dataclass(frozen=True)
class LogRecord:
    """One line of the event log."""

    at: datetime | None
    """Virtual time of the event."""
    kind: str
    """``turn``, ``notification``, ``device`` (with its cause) or ``app``."""
    text: str
    """What happened, in words."""


CAUSES: tuple[tuple[str, str, str], ...] = (
    # (key, kind prefix, what it is): the kinds a learner can show or hide.
    ("t", "turn", "turns"),
    ("v", "device/voice", "voice changes"),
    ("n", "notification", "notifications"),
    ("m", "device/manual", "by hand"),
    ("s", "device/simulation", "simulated (sensors)"),
    ("a", "app", "app"),
)
"""The log's filters by cause; simulated changes (sensor noise, several a second) start hidden."""

HIDDEN_BY_DEFAULT = frozenset({"device/simulation"})


class LogScreen(ModalScreen[None]):
    """A table of the log, growing while it is open, filtered by cause."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f3", "dismiss", "Close"),
        *(Binding(key, f"toggle_kind({kind!r})", what, show=False) for key, kind, what in CAUSES),
    ]

    def __init__(self, records: list[LogRecord]) -> None:
        """Show ``records`` (the app's live list: new records appear as they are added)."""
        super().__init__()
        self.records = records
        """The app's log, shared, not copied."""
        self._shown = 0
        self.hidden: set[str] = set(HIDDEN_BY_DEFAULT)
        """Kinds of record not shown (``device/simulation`` at first)."""

    def compose(self) -> ComposeResult:
        """Title, filters and table."""
        with Vertical(id="log-frame", classes="dialog"):
            yield Label(
                "Event log — turns and device events (escape closes)", classes="dialog-title"
            )
            yield Label(self._filter_text(), id="log-filter")
            table: DataTable[str] = DataTable(id="log-table", cursor_type="row", zebra_stripes=True)
            table.add_columns("time", "kind", "what")
            yield table

    def _filter_text(self) -> str:
        shown = [f"{key}: {what}" for key, kind, what in CAUSES if kind not in self.hidden]
        hidden = [f"{key}: {what}" for key, kind, what in CAUSES if kind in self.hidden]
        text = "Shown: " + ", ".join(shown)
        if hidden:
            text += "\nHidden: " + ", ".join(hidden)
        return text + " (press a key to show or hide)"

    def shows(self, record: LogRecord) -> bool:
        """Whether the filters let ``record`` through."""
        return not any(record.kind.startswith(kind) for kind in self.hidden)

    def action_toggle_kind(self, kind: str) -> None:
        """Show or hide one kind of record, and redraw the table."""
        self.hidden ^= {kind}
        self.query_one("#log-filter", Label).update(self._filter_text())
        table: DataTable[str] = self.query_one(DataTable)
        table.clear()
        self._shown = 0
        self.catch_up()

    def on_mount(self) -> None:
        """Fill the table and follow the log while open."""
        self.catch_up()
        self.query_one(DataTable).focus()
        self.set_interval(0.5, self.catch_up)

    def catch_up(self) -> None:
        """Add the records logged since the last look."""
        table: DataTable[str] = self.query_one(DataTable)
        new = self.records[self._shown :]
        if not new:
            return
        for record in new:
            if not self.shows(record):
                continue
            at = f"{record.at:%H:%M:%S}" if record.at else ""
            table.add_row(at, record.kind, record.text)
        self._shown = len(self.records)
        if table.row_count:
            table.move_cursor(row=table.row_count - 1)
