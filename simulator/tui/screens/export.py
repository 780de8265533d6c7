"""Ask where to save the conversation: a folder, with a sensible default, before writing."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

__all__ = ["ExportScreen", "default_export_folder"]


def default_export_folder(skills_dir: Path | None) -> Path:
    """Where conversations go unless you say otherwise: beside your skills when you work on
    some (the pytest plugin then runs the file as a test once you rename it ``test_*.yaml``),
    else a ``speaker-sim`` folder in your documents."""
    if skills_dir is not None:
        return skills_dir
    import platformdirs

    return Path(platformdirs.user_documents_dir()) / "speaker-sim"


class ExportScreen(ModalScreen[Path | None]):
    """A one-line form: the folder to save into (enter saves, escape cancels)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, folder: Path) -> None:
        """Offer ``folder`` as the answer."""
        super().__init__()
        self.folder = folder

    def compose(self) -> ComposeResult:
        """Title, explanation and the folder input."""
        with Vertical(id="export-frame", classes="dialog"):
            yield Label("Export the conversation as a test (YAML)", classes="dialog-title")
            yield Label("Save into this folder (enter saves, escape cancels):")
            yield Input(str(self.folder), id="export-folder")

    def on_mount(self) -> None:
        """Put the cursor in the input."""
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Answer with the folder typed (``~`` expanded); an empty answer keeps the default."""
        event.stop()
        text = event.value.strip()
        self.dismiss(Path(text).expanduser() if text else self.folder)

    def action_cancel(self) -> None:
        """Close without saving."""
        self.dismiss(None)
