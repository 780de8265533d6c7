"""What the terminal-UI pilot tests share: settling the app, and saying an utterance.

An utterance is put on the input line, not typed key by key. Each key press is a round of the
app's event loop, a repaint, and a run of the completion suggester: typing "set a pasta timer
for 5 minutes" cost about a second of CPU, for nothing a screenshot or an assertion looks at
(the line is empty again once Enter is pressed). Typing itself is what
`tests/test_tui.py::test_history_and_completion` and
`test_typing_in_another_pane_goes_to_the_input_line` check. Enter is still a key press, so a
turn starts as it does for a person.
"""

from __future__ import annotations

from textual.pilot import Pilot

from simulator.models import Turn
from simulator.tui.widgets.conversation import Conversation
from simulator.tui.widgets.utterance import UtteranceInput

__all__ = ["put_on_line", "say", "settle"]


async def settle(pilot: Pilot[None]) -> None:
    """Wait until every worker is done and the screen has caught up (three rounds: a worker's
    result can start another, such as a turn's reply starting the clock's)."""
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def put_on_line(pilot: Pilot[None], text: str) -> None:
    """Put ``text`` on the input line and press Enter (the reply is not waited for)."""
    app = pilot.app
    line = app.query_one(UtteranceInput)
    if app.focused is not line:
        # Right after start-up (a snapshot's `run_before`) the app's own call that focuses the
        # line may not have run yet.
        await pilot.pause()
    # Where a person's keys would go: the input line must have the focus.
    assert app.focused is line, f"the input line has no focus: {app.focused!r}"
    line.value = text
    line.cursor_position = len(text)
    await pilot.press("enter")


async def say(pilot: Pilot[None], text: str) -> Turn:
    """Say ``text`` (`put_on_line`), wait for the reply (`settle`); returns the turn."""
    await put_on_line(pilot, text)
    await settle(pilot)
    turns = pilot.app.query_one(Conversation).turns
    assert turns, f"no turn for {text!r}"
    return turns[-1]
