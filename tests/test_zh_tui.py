"""The terminal UI in Chinese: turns, the timer conversation, labels switched from the palette."""

from __future__ import annotations

from datetime import datetime

from rich.cells import cell_len

from simulator.engine import Simulator
from simulator.tui.app import SpeakerApp
from simulator.tui.widgets.conversation import Conversation


async def test_chinese_turns_and_labels() -> None:
    sim = Simulator.create(state_dir=None, now=datetime(2026, 6, 1, 20, 0), seed=0)
    sim.clock.paused = True
    app = SpeakerApp(sim, words_per_second=0)
    try:
        async with app.run_test(size=(100, 30)) as pilot:

            async def say(text: str) -> str:
                app.utterance_input.value = text
                await pilot.press("enter")
                for _ in range(3):
                    await app.workers.wait_for_complete()
                    await pilot.pause()
                return app.query_one(Conversation).turns[-1].speech or ""

            assert await say("打开客厅的灯") == "好的，已打开落地灯。"
            assert await say("把卧室的空调调到二十六度") == "好的，卧室空调已调到26度。"
            assert await say("定一个计时器") == "要定多长时间？"
            assert await say("五分钟") == "好的，5分钟的计时器开始了。"
            await pilot.press("f7")  # +10 min: the timer fires
            for _ in range(3):
                await app.workers.wait_for_complete()
                await pilot.pause()
            text = app.query_one(Conversation).plain_text()
            assert "你的计时器时间到了！" in text
            # Wide characters take two cells each; the pane's lines fit its width.
            pane = app.query_one(Conversation)
            assert all(cell_len(line.rstrip()) <= pane.size.width for line in text.splitlines())
            assert app.query_one("#conversation").border_title == "Conversation"
            app.action_toggle_language()
            await pilot.pause()
            assert app.query_one("#conversation").border_title == "对话"
            assert sim.language == "zh-CN"
    finally:
        sim.close()
