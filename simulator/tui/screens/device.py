"""Device detail: every capability and attribute of one device; change one by hand.

A change made here is a "physical" interaction — someone pressing the device's own switch — so
the home records it with the cause ``manual``, and the event log shows it as such.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from simulator.tui.adapters import home_json, set_manual
from simulator.tui.format import describe_state, describe_value, parse_value

if TYPE_CHECKING:
    from simulator.engine.frontend import FrontEnd

__all__ = ["DeviceScreen"]


class DeviceScreen(ModalScreen[None]):
    """All of one device's state; pick an attribute, type a value, press enter."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f4", "dismiss", "Close"),
    ]

    def __init__(self, sim: FrontEnd, device_id: str) -> None:
        """Show ``device_id`` of ``sim``'s home."""
        super().__init__()
        self.sim = sim
        """The simulator whose home holds the device."""
        self.device_id = device_id
        """The device on show."""
        self._attribute: str | None = None

    def device(self) -> dict[str, Any] | None:
        """The device's current ``to_json()`` entry, or None if it is gone."""
        home = home_json(self.sim) or {}
        return next((d for d in home.get("devices", []) if d.get("id") == self.device_id), None)

    def compose(self) -> ComposeResult:
        """Title, summary, attribute list and the value input."""
        with Vertical(id="device-frame", classes="dialog"):
            yield Label("", id="device-title", classes="dialog-title", markup=False)
            yield Label("", id="device-summary", markup=False)
            yield OptionList(id="device-attributes")
            yield Label(
                "Select an attribute, then type a value and press enter.",
                id="device-hint",
                markup=False,
            )
            yield Input(placeholder="new value", id="device-value", disabled=True)

    def on_mount(self) -> None:
        """Fill in the device and keep it live while the screen is open."""
        self.refresh_device()
        self.query_one("#device-attributes", OptionList).focus()
        # The home keeps changing underneath (simulation, timers): redraw twice a second.
        self.set_interval(0.5, self.refresh_device)

    def refresh_device(self) -> None:
        """Redraw the device's state from the home."""
        device = self.device()
        title = self.query_one("#device-title", Label)
        if device is None:
            title.update(f"{self.device_id}: no such device")
            return
        title.update(f"{device.get('name')} ({device.get('type')}, room {device.get('room')})")
        caps = ", ".join(device.get("capabilities", []))
        aliases = ", ".join(device.get("aliases", [])) or "none"
        self.query_one("#device-summary", Label).update(
            f"Now: {describe_state(device.get('state', {}))}\n"
            f"Capabilities: {caps}\nAlso called: {aliases}"
        )
        attributes = self.query_one("#device-attributes", OptionList)
        state: dict[str, Any] = device.get("state", {})
        prompts = [
            Text.assemble((f"{name:<20}", "cyan"), describe_value(value))
            for name, value in state.items()
        ]
        if attributes.option_count != len(prompts):
            attributes.set_options(
                Option(prompt, id=name) for prompt, name in zip(prompts, state, strict=True)
            )
        else:
            for index, prompt in enumerate(prompts):
                attributes.replace_option_prompt_at_index(index, prompt)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Choose the attribute to change and move to the value input."""
        event.stop()
        self._attribute = event.option.id
        device = self.device() or {}
        current = device.get("state", {}).get(self._attribute)
        value = self.query_one("#device-value", Input)
        value.disabled = False
        value.placeholder = f"new value for {self._attribute}"
        value.value = (
            describe_value(current)
            if not isinstance(current, bool)
            else (
                "off" if current else "on"  # the likely change for a switch is the other state
            )
        )
        self.query_one("#device-hint", Label).update(
            f"Changing {self._attribute} by hand (manual). Enter applies, escape closes."
        )
        value.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Apply the typed value as a manual change."""
        event.stop()
        if self._attribute is None:
            return
        if not event.value.strip():
            self.notify("Type a value first (or 'none' to clear it).", markup=False)
            return
        device = self.device() or {}
        current = device.get("state", {}).get(self._attribute)
        self.apply(self._attribute, parse_value(event.value, current))

    @work(group="device", exclusive=True)
    async def apply(self, attribute: str, value: Any) -> None:
        """Change ``attribute`` to ``value`` by hand; a refusal is shown as a notification."""
        try:
            await set_manual(self.sim, self.device_id, attribute, value)
        except Exception as exc:  # a DeviceError or ValueError: tell the user why not
            self.notify(str(exc), title="Not changed", severity="error", markup=False)
            return
        self.notify(
            f"{attribute} set to {describe_value(value)} by hand",
            title="Manual change",
            markup=False,
        )
        self.refresh_device()
        self.query_one("#device-attributes", OptionList).focus()
