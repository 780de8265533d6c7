"""The everyday skills in the terminal UI: an alarm rings as a notification after the clock key,
"stop" turns it off, and a list and a calendar event work from the keyboard."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import pytest
from textual.pilot import Pilot

from simulator.engine import Simulator
from simulator.tui.app import SpeakerApp
from simulator.tui.widgets.conversation import Conversation
from tests.tui_helpers import say, settle

NOW = datetime(2026, 6, 1, 20, 0)


@pytest.fixture
def sim() -> Iterator[Simulator]:
    simulator = Simulator.create(state_dir=None, now=NOW, seed=0)
    simulator.clock.paused = True
    yield simulator
    simulator.close()


async def _say(pilot: Pilot[None], text: str) -> str:
    return str((await say(pilot, text)).speech)


async def test_an_alarm_rings_in_the_tui_until_stopped(sim: Simulator) -> None:
    app = SpeakerApp(sim, words_per_second=0)
    async with app.run_test(size=(100, 30)) as pilot:
        assert await _say(pilot, "set an alarm for 8:05 pm") == "Alarm set for 8:05 PM today."
        await pilot.press("f7")  # +10 min
        await settle(pilot)
        text = app.query_one(Conversation).plain_text()
        assert "Beep beep! It's 8:05 PM. Your alarm is ringing." in text
        assert "Your alarm is still ringing." in text
        assert await _say(pilot, "stop") == "Alarm off."
        assert sim.clock.pending(kind="ring") == []


async def test_lists_and_calendar_in_the_tui(sim: Simulator) -> None:
    app = SpeakerApp(sim, words_per_second=0)
    async with app.run_test(size=(100, 30)) as pilot:
        speech = await _say(pilot, "add milk, eggs and bread to my shopping list")
        assert speech == "Added milk, eggs and bread to your shopping list."
        speech = await _say(pilot, "add lunch with Ana tomorrow at 1 pm")
        assert speech == "Added lunch with Ana tomorrow at 1 PM."
        assert await _say(pilot, "what's on my calendar tomorrow") == (
            "Tomorrow you have 1 event: lunch with Ana at 1 PM."
        )
