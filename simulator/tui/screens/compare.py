"""The compare screen: the templates, the learned stage and the large model side by side.

For the utterance of the selected turn it shows each stage's reading, confidence and time (see
`simulator.llm.compare`): the model's column only in large-model mode. Nothing is changed.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from simulator.llm.compare import STAGES

__all__ = ["CompareScreen", "compare_table"]


def _cell(reading: dict[str, Any] | None) -> Text:
    if reading is None:
        return Text("off (start with --llm-url)", style="dim")
    if "unavailable" in reading:
        return Text("not trained yet", style="dim")
    ms = float(reading.get("ms") or 0)
    timing = f"{ms:.1f} ms" if ms < 100 else f"{ms:.0f} ms"
    if reading.get("error"):
        return Text(f"{reading['error']['code']}\n{timing}", style="yellow")
    if reading.get("intent") is None:
        if reading.get("text"):
            return Text(f'answer: "{str(reading["text"])[:60]}"\n{timing}', style="magenta")
        return Text(f"no reading\n{timing}", style="dim")
    out = Text(f"{reading['skill']}.{reading['intent']}\n", style="bold")
    confidence = reading.get("confidence")
    if confidence is None:
        out.append("no confidence given", style="dim")
    else:
        accepted = reading.get("accepted", True)
        out.append(f"{confidence:.2f}", style="green" if accepted else "yellow")
        if not accepted:
            out.append(" below threshold", style="yellow")
    out.append(f"\n{timing}")
    slots = reading.get("slots") or {}
    if slots:
        out.append("\n" + ", ".join(f"{k}={v!r}" for k, v in slots.items()), style="dim")
    return out


def compare_table(row: dict[str, Any]) -> Table:
    """One utterance's readings as a three-column table."""
    table = Table(title=repr(row.get("text", "")), expand=True, show_lines=True)
    for stage in STAGES:
        table.add_column(stage)
    table.add_row(*(_cell(row.get(stage)) for stage in STAGES))
    return table


class CompareScreen(ModalScreen[None]):
    """Shows the readings of one utterance; escape closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss", "Close")]
    DEFAULT_CSS = """
    CompareScreen { align: center middle; }
    CompareScreen > Vertical {
        width: 90%; height: auto; max-height: 90%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    """

    def __init__(self, row: dict[str, Any]) -> None:
        """Show ``row`` (what `Comparer.compare` returned)."""
        super().__init__()
        self.row = row

    def compose(self) -> ComposeResult:
        """The table and a hint."""
        with Vertical():
            yield Static(compare_table(self.row))
            yield Static(Text("escape closes · nothing was changed", style="dim"))
