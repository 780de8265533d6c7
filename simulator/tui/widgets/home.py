"""The home pane: rooms with their devices and live state, as text labels.

Each device reads as one line, e.g. ``"Desk lamp on 40%"``, so a plain capture of the screen says
what the colours say. The pane redraws whenever the home publishes a state change; changes are
coalesced so a burst of simulation events costs one redraw.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.padding import Padding
from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from simulator.tui.format import describe_state

__all__ = ["HomePane", "home_lines"]

_HomeSource = Callable[[], dict[str, Any] | None]


def home_lines(home: dict[str, Any] | None) -> list[tuple[str | None, str]]:
    """The pane's lines as ``(device_id or None for a heading, text)``, rooms in file order."""
    if home is None:
        return [(None, "No home loaded (start with --home FILE for one).")]
    rooms: list[dict[str, Any]] = list(home.get("rooms", []))
    devices: list[dict[str, Any]] = list(home.get("devices", []))
    known = {room["id"] for room in rooms}
    lines: list[tuple[str | None, str]] = []
    groups = [(room["id"], str(room.get("name", room["id"]))) for room in rooms]
    if any(d.get("room") not in known for d in devices):
        groups.append(("", "Elsewhere"))
    for room_id, room_name in groups:
        members = [
            d
            for d in devices
            if (d.get("room") or "") == room_id or (room_id == "" and d.get("room") not in known)
        ]
        if not members:
            continue
        here = " (speaker here)" if room_id and room_id == home.get("speaker_room") else ""
        lines.append((None, f"{room_name}{here}"))
        for device in members:
            state = describe_state(device.get("state", {}))
            lines.append((str(device["id"]), f"{device.get('name', device['id'])} {state}"))
    return lines


class HomePane(OptionList):
    """Rooms and devices with their live state; select a device to open its detail screen."""

    class DeviceChosen(Message):
        """A device was selected (enter or click) to open its detail screen."""

        def __init__(self, device_id: str) -> None:
            """Carry the chosen ``device_id``."""
            super().__init__()
            self.device_id = device_id
            """The device's id."""

    def __init__(self, source: _HomeSource, *, id: str | None = None) -> None:
        """Show the home returned by ``source`` (``Home.to_json()`` or None)."""
        super().__init__(id=id)
        self._source = source
        self._pending = False
        self._last: list[tuple[str | None, str]] = []
        self._reveal: str | None = None
        self.marked: str | None = None
        """The device that changed last at your request: scrolled to and marked with "●"."""

    def on_mount(self) -> None:
        """Draw the home for the first time."""
        self.rebuild()

    def plain_text(self) -> str:
        """What the pane shows, one line per room or device (for tests)."""
        return "\n".join(text for _, text in self._last)

    def changed(self, device_id: str | None = None) -> None:
        """Note that the home changed; the pane redraws once the current burst is over.

        ``device_id`` is a device changed by a request (voice or by hand): after the redraw
        the pane scrolls to it and marks it.
        """
        if device_id is not None and self._reveal is None:
            self._reveal = device_id  # the first device a request changed is the one shown
        if not self._pending:
            self._pending = True
            self.call_later(self.rebuild)

    def rebuild(self) -> None:
        """Redraw every line from the home's current state, keeping the highlighted device."""
        self._pending = False
        lines = home_lines(self._source())
        reveal, self._reveal = self._reveal, None
        if reveal is not None and reveal != self.marked:
            self.marked = reveal
            self._last = []  # the mark moves: redraw every line
        lines = [
            (key, f"● {text}" if key is not None and key == self.marked else text)
            for key, text in lines
        ]
        if lines == self._last:
            self._show(reveal)
            return
        highlighted = self.highlighted_option.id if self.highlighted_option else None
        if [k for k, _ in lines] == [k for k, _ in self._last]:
            # Same devices: swap the prompts in place, which keeps scroll and highlight still.
            for index, ((key, text), (_, old)) in enumerate(zip(lines, self._last, strict=True)):
                if text != old:
                    self.replace_option_prompt_at_index(index, self._prompt(key, text))
        else:
            self.set_options(
                Option(
                    self._prompt(key, text), id=f"dev:{key}" if key else None, disabled=key is None
                )
                for key, text in lines
            )
            if highlighted is not None:
                try:
                    self.highlighted = self.get_option_index(highlighted)
                except Exception:
                    self.highlighted = None
        self._last = lines
        self._show(reveal)

    def _show(self, device_id: str | None) -> None:
        """Highlight ``device_id`` (which scrolls it into view), if it is shown."""
        if device_id is None:
            return
        try:
            self.highlighted = self.get_option_index(f"dev:{device_id}")
        except Exception:
            return  # not in the pane (removed by a reload)

    @staticmethod
    def _prompt(key: str | None, text: str) -> Text | Padding:
        if key is None:
            return Text(text, style="bold underline")
        # Padding (rather than leading spaces) keeps a wrapped state line indented too.
        return Padding(Text(text), (0, 0, 0, 2))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Open the chosen device's detail screen."""
        event.stop()
        if event.option.id and event.option.id.startswith("dev:"):
            self.post_message(self.DeviceChosen(event.option.id[4:]))
