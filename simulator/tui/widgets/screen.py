"""The screen pane: what a speaker with a display shows (the ``screen`` profile).

It draws the last card a turn sent: the title, the text, list items (a shopping list, forecast
days, an order's cart), a progress bar (a song's position, an order on its way), a status line,
and for a countdown (a timer: ``ends_at``) the time left, counted down on the virtual clock.
A terminal cannot show a picture here, so an image is named, not drawn.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from rich.console import Group
from rich.text import Text
from textual.widgets import Static

from simulator.models import Card

__all__ = ["ScreenPane", "progress_bar", "render_card"]

_BAR = 24


def progress_bar(fraction: float, width: int = _BAR) -> str:
    """A bar of ``width`` cells for a fraction from 0 to 1, filled in eighths."""
    eighths = round(max(0.0, min(1.0, fraction)) * width * 8)
    full, rest = divmod(eighths, 8)
    partial = " ▏▎▍▌▋▊▉"[rest] if rest else ""
    return ("█" * full + partial).ljust(width, "░")


def _clock(delta: timedelta) -> str:
    seconds = max(0, int(delta.total_seconds()))
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02}:{seconds:02}" if hours else f"{minutes:02}:{seconds:02}"


def render_card(
    card: Card | None, now: datetime | None = None, shown_at: datetime | None = None
) -> Group:
    """The screen's content for ``card`` at virtual time ``now`` (the card arrived at
    ``shown_at``, which a countdown's bar starts from)."""
    if card is None:
        return Group(
            Text("(the screen is idle)", style="dim italic"),
            Text("Cards appear here: timers, music, weather, lists, orders.", style="dim"),
        )
    lines: list[Text] = [Text(card.title, style="bold reverse")]
    if card.ends_at is not None and now is not None:
        left = card.ends_at - now
        if left.total_seconds() > 0:
            lines.append(Text(f"⏱  {_clock(left)} left", style="bold green"))
            if shown_at is not None and card.ends_at > shown_at:
                total = (card.ends_at - shown_at).total_seconds()
                done = (now - shown_at).total_seconds() / total
                lines.append(Text(progress_bar(1 - done), style="green"))
        else:
            lines.append(Text("⏱  done", style="bold yellow"))
    if card.text and not card.items:
        # With list items the screen lays them out instead of the text (the spoken-style body
        # a voice-only speaker's inspector shows).
        lines.extend(Text(line) for line in card.text.splitlines())
    for item in card.items:
        lines.append(Text(f" • {item}"))
    if card.progress is not None:
        bar = Text(progress_bar(card.progress), style="cyan")
        if card.progress_label:
            bar.append(f" {card.progress_label}", style="")
        lines.append(bar)
    if card.status:
        lines.append(Text(f"Status: {card.status}", style="bold"))
    if card.image:
        lines.append(Text(f"[image: {card.image}]", style="dim"))
    return Group(*lines)


class ScreenPane(Static):
    """The display of a speaker with a screen: the last card, live (countdowns tick)."""

    def __init__(self, *, id: str | None = None) -> None:
        """An idle screen."""
        super().__init__(render_card(None), id=id)
        self.card: Card | None = None
        """The card on show."""
        self.shown_at: datetime | None = None
        self._now: datetime | None = None

    def show(self, card: Card | None, at: datetime | None, now: datetime | None = None) -> None:
        """Show ``card`` (sent at virtual time ``at``); None keeps the current one."""
        if card is None:
            return
        self.card = card
        self.shown_at = at
        self.tick(now or at)

    def tick(self, now: datetime | None) -> None:
        """Redraw at virtual time ``now`` (a countdown moves on)."""
        self._now = now
        self.update(render_card(self.card, now, self.shown_at))

    def text(self) -> str:
        """What the screen shows, as plain text (for tests)."""
        group = render_card(self.card, self._now, self.shown_at)
        return "\n".join(t.plain for t in group.renderables if isinstance(t, Text))
