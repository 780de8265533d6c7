"""Command palette entries (ctrl+p) for the simulator's commands.

The app lists its commands once (:class:`PaletteCommand`); this provider offers them in the
palette, so every key binding has a searchable, documented twin.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple, Protocol, runtime_checkable

from textual.command import DiscoveryHit, Hit, Hits, Provider

__all__ = ["PaletteCommand", "SimulatorCommands", "SupportsPaletteCommands"]


class PaletteCommand(NamedTuple):
    """One command of the simulator, as the palette shows it."""

    title: str
    """What the command is called (searched)."""
    help: str
    """One line saying what it does."""
    callback: Callable[[], object]
    """What selecting it does."""


@runtime_checkable
class SupportsPaletteCommands(Protocol):
    """An app that lists simulator commands for the palette."""

    def palette_commands(self) -> Sequence[PaletteCommand]:
        """The commands to offer."""
        ...


class SimulatorCommands(Provider):
    """Offers the app's simulator commands: clock, skills, home, modes, export."""

    def _commands(self) -> Sequence[PaletteCommand]:
        app = self.app
        if isinstance(app, SupportsPaletteCommands):
            return app.palette_commands()
        return ()

    async def discover(self) -> Hits:
        """Every command, when nothing has been typed yet."""
        for command in self._commands():
            yield DiscoveryHit(command.title, command.callback, help=command.help)

    async def search(self, query: str) -> Hits:
        """Commands whose title fuzzily matches ``query``, best first."""
        matcher = self.matcher(query)
        for command in self._commands():
            score = matcher.match(command.title)
            if score > 0:
                yield Hit(
                    score, matcher.highlight(command.title), command.callback, help=command.help
                )
