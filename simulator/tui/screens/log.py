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

__all__ = ["LogRecord", "LogScreen"]


@dataclass(frozen=True)
class LogRecord:
    """One line of the event log."""

    at: datetime | None
    """Virtual time of the event."""
    kind: str
    """``turn``, ``notification``, ``device`` (with its cause) or ``app``."""
    text: str
    """What happened, in words."""


class LogScreen(ModalScreen[None]):
    """A table of the log, growing while it is open."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f3", "dismiss", "Close"),
    ]

    def __init__(self, records: list[LogRecord]) -> None:
        """Show ``records`` (the app's live list: new records appear as they are added)."""
        super().__init__()
        self.records = records
        """The app's log, shared, not copied."""
        self._shown = 0

    def compose(self) -> ComposeResult:
        """Title and table."""
        with Vertical(id="log-frame", classes="dialog"):
            yield Label(
                "Event log — turns and device events (escape closes)", classes="dialog-title"
            )
            table: DataTable[str] = DataTable(id="log-table", cursor_type="row", zebra_stripes=True)
            table.add_columns("time", "kind", "what")
            yield table

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
            at = f"{record.at:%H:%M:%S}" if record.at else ""
            table.add_row(at, record.kind, record.text)
        self._shown = len(self.records)
        table.move_cursor(row=table.row_count - 1)
