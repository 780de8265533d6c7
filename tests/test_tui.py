"""Pilot tests of the terminal UI: typing utterances, the clock, errors, screens and modes."""

from __future__ import annotations

import asyncio
import shutil
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from pydantic import BaseModel

from simulator.engine import Simulator
from simulator.sdk import Response, Skill, SkillContext
from simulator.sdk.testing import run_conversation_file
from simulator.tui.app import SpeakerApp
from simulator.tui.widgets.conversation import Conversation
from simulator.tui.widgets.home import HomePane
from simulator.tui.widgets.inspector import Inspector
from simulator.tui.widgets.status import SpeakerStatus
from simulator.tui.widgets.utterance import UtteranceInput
from tests.tui_helpers import put_on_line, say, settle

NOW = datetime(2026, 6, 1, 20, 0)


def make_sim(**kwargs: object) -> Simulator:
    """An in-memory simulator on the demo home with a fixed time and seed, clock paused."""
    sim = Simulator.create(state_dir=None, now=NOW, seed=0, **kwargs)  # type: ignore[arg-type]
    sim.clock.paused = True
    return sim


@pytest.fixture
def sim() -> Iterator[Simulator]:
    """A fresh simulator, closed after the test."""
    simulator = make_sim()
    yield simulator
    simulator.close()


def make_app(sim: Simulator, **kwargs: object) -> SpeakerApp:
    """The app with replies shown at once (no word-by-word wait) unless asked otherwise."""
    options: dict[str, object] = {"words_per_second": 0}
    options.update(kwargs)
    return SpeakerApp(sim, **options)  # type: ignore[arg-type]


def conversation_text(app: SpeakerApp) -> str:
    return app.query_one(Conversation).plain_text()


# -- the first screen ------------------------------------------------------------------------


async def test_first_screen_says_illustrative(sim: Simulator) -> None:
    app = make_app(sim)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "illustrative" in str(app.query_one("#banner").render())
        assert "no vendor" in str(app.query_one("#banner").render())
        assert app.query_one(SpeakerStatus).state == "idle"
        assert app.focused is app.query_one(UtteranceInput)


async def test_usable_at_80x24(sim: Simulator) -> None:
    app = make_app(sim)
    async with app.run_test(size=(80, 24)) as pilot:
        turn = await say(pilot, "what time is it")
        assert turn.intent is not None
        for pane in ("#conversation", "#home", "#inspector", "#say"):
            region = app.query_one(pane).region
            assert region.width > 10 and region.height >= 1, pane


# -- turns -----------------------------------------------------------------------------------


async def test_elicitation_flow(sim: Simulator) -> None:
    app = make_app(sim)
    async with app.run_test(size=(100, 30)) as pilot:
        first = await say(pilot, "set a timer")
        assert first.speech == "For how long?"
        assert app.query_one(SpeakerStatus).state == "listening"
        assert "For how long?" in conversation_text(app)
        inspector = app.query_one(Inspector).plain_text()
        assert "open question: elicit for {duration}" in inspector
        second = await say(pilot, "5 minutes")
        assert second.speech == "Timer set for 5 minutes."
        assert second.slots["duration"].raw == "5 minutes"
        assert [t.label for t in sim.clock.pending(kind="timer")] == [None]
        assert app.query_one(SpeakerStatus).state == "idle"
        assert "duration = 5m  ← from '5 minutes'" in app.query_one(Inspector).plain_text()


async def test_timer_fires_after_clock_advance_key(sim: Simulator) -> None:
    app = make_app(sim)
    async with app.run_test(size=(100, 30)) as pilot:
        await say(pilot, "set a timer for 5 minutes")
        await pilot.press("f7")  # +10 min
        await settle(pilot)
        assert sim.clock.now() == datetime(2026, 6, 1, 20, 10)
        assert "Notification › (timer) Your timer is done." in conversation_text(app)
        assert app.query_one(Conversation).turns[-1].kind == "proactive"
        assert any(r.kind == "notification" for r in app.log_records)


async def test_clock_advance_from_palette(sim: Simulator) -> None:
    app = make_app(sim)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"advance clock 1 h", "enter")
        await settle(pilot)
        assert sim.clock.now() == datetime(2026, 6, 1, 21, 0)


async def test_real_time_clock_and_pause(sim: Simulator) -> None:
    sim.clock.paused = False
    app = make_app(sim, tick_seconds=0.05)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.3)
        await settle(pilot)
        moved = sim.clock.now()
        assert moved > NOW
        await pilot.press("f9")
        assert sim.clock.paused
        await settle(pilot)
        frozen = sim.clock.now()
        await pilot.pause(0.2)
        await settle(pilot)
        assert sim.clock.now() == frozen
        assert app.query_one(SpeakerStatus).paused


def _crash(ctx: SkillContext) -> Response:
    raise ZeroDivisionError("the skill divided by zero")


def _hang(ctx: SkillContext) -> Response:
    time.sleep(10)  # well past the skill timeout below; the thread is abandoned
    return Response.speak("finally")


class _NoSlots(BaseModel):
    pass


def _bad_skills() -> list[Skill]:
    crashing = Skill("crasher", description="Always crashes")
    crashing.intent("Crash", samples=["crash the speaker"])(_crash)
    # Long enough that the app is still waiting when the test looks, even on a loaded machine
    # (at 0.3 s the turn could be over before the keypresses were processed).
    hanging = Skill("hanger", description="Never answers in time", timeout=3.0)
    hanging.intent("Hang", samples=["hang the speaker"])(_hang)
    return [crashing, hanging]


async def test_crashing_skill_shows_error_and_app_carries_on() -> None:
    sim = make_sim(extra_skills=_bad_skills())
    app = make_app(sim)
    async with app.run_test(size=(100, 30)) as pilot:
        turn = await say(pilot, "crash the speaker")
        assert turn.error is not None and turn.error.code == "SKILL_ERROR"
        text = conversation_text(app)
        # The conversation reads as people read it; the code is in the inspector.
        assert "Problem › the skill failed: ZeroDivisionError: the skill divided by zero" in text
        assert "SKILL_ERROR" not in text
        inspector = app.query_one(Inspector).plain_text()
        assert "SKILL_ERROR" in inspector
        # The traceback, with the file and line of the failing skill code (issue 7, defect 9).
        assert "in _crash" in inspector and "test_tui.py" in inspector
        after = await say(pilot, "what time is it")
        assert after.error is None and after.speech
    sim.close()


async def test_hanging_skill_does_not_block_the_app() -> None:
    sim = make_sim(extra_skills=_bad_skills())
    app = make_app(sim)
    async with app.run_test(size=(100, 30)) as pilot:
        # Fill the line at once (typing key by key can take seconds on a loaded machine).
        app.query_one(UtteranceInput).value = "hang the speaker"
        await pilot.press("enter")
        # While the skill hangs the UI still answers keys: the status says THINKING, help opens.
        # Poll rather than sleep a fixed time: on a loaded machine the turn starts late.
        for _ in range(100):
            if app.query_one(SpeakerStatus).state == "thinking":
                break
            await pilot.pause(0.05)
        assert app.query_one(SpeakerStatus).state == "thinking"
        await pilot.press("f1")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "HelpScreen"
        await pilot.press("escape")
        await settle(pilot)
        turn = app.query_one(Conversation).turns[-1]
        assert turn.error is not None and turn.error.code == "SKILL_TIMEOUT"
        assert "took too long" in conversation_text(app)
    sim.close()


# -- the home ------------------------------------------------------------------------------


async def test_turn_on_a_light_shows_in_home_pane(sim: Simulator) -> None:
    assert sim.home is not None
    app = make_app(sim)
    async with app.run_test(size=(100, 30)) as pilot:
        assert "Kitchen light off" in app.query_one(HomePane).plain_text()
        turn = await say(pilot, "turn on the kitchen light")
        assert any(c.device_id == "kitchen_light" for c in turn.device_changes), turn.speech
        assert sim.home.get("kitchen_light", "on") is True
        assert "Kitchen light on" in app.query_one(HomePane).plain_text()
        assert any(r.kind == "device/voice" for r in app.log_records)


async def test_manual_change_from_device_screen(sim: Simulator) -> None:
    assert sim.home is not None
    app = make_app(sim)
    async with app.run_test(size=(100, 40)) as pilot:
        home = app.query_one(HomePane)
        home.highlighted = home.get_option_index("dev:kitchen_light")
        await pilot.press("f4")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "DeviceScreen"
        attributes = app.screen.query_one("#device-attributes")
        attributes.highlighted = attributes.get_option_index("on")  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.pause()
        value = app.screen.query_one("#device-value")
        assert value.value == "on"  # type: ignore[attr-defined]
        await pilot.press("enter")
        await settle(pilot)
        assert sim.home.get("kitchen_light", "on") is True
        assert any(r.kind == "device/manual" for r in app.log_records)
        await pilot.press("escape")
        await pilot.press("f3")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "LogScreen"
        await pilot.press("escape")
        await settle(pilot)
        assert "Kitchen light on" in home.plain_text()


async def test_reset_home(sim: Simulator) -> None:
    app = make_app(sim)
    async with app.run_test(size=(100, 30)) as pilot:
        await say(pilot, "set a timer for 5 minutes")
        assert sim.clock.pending()
        app.action_reset_home()
        await settle(pilot)
        assert not sim.clock.pending()
        assert "Reset:" in conversation_text(app)


# -- input line ------------------------------------------------------------------------------


async def test_history_and_completion(sim: Simulator) -> None:
    app = make_app(sim)
    async with app.run_test(size=(100, 30)) as pilot:
        await say(pilot, "what time is it")
        await say(pilot, "hello")
        line = app.query_one(UtteranceInput)
        await pilot.press("up")
        assert line.value == "hello"
        await pilot.press("up")
        assert line.value == "what time is it"
        await pilot.press("down", "down")
        assert line.value == ""
        await pilot.press(*"set a ti")
        await pilot.pause(0.1)
        assert line._suggestion.startswith("set a ti")
        await pilot.press("right")  # accepts the completion at the end of the line
        assert line.value.startswith("set a timer")


# -- speaking, muting, wake word ----------------------------------------------------------------


async def test_speech_is_revealed_word_by_word_and_can_be_skipped(sim: Simulator) -> None:
    # Slow enough that the reveal is still running on a loaded machine when we look.
    app = make_app(sim, words_per_second=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await put_on_line(pilot, "set a timer for 5 minutes")
        await app.workers.wait_for_complete()
        await pilot.pause()
        entry = app.query_one(Conversation).entries[-1]
        assert entry.revealed is not None and entry.revealed < len(entry.words)
        assert app.query_one(SpeakerStatus).state == "speaking"
        await pilot.press("escape")
        await pilot.pause()
        assert entry.revealed is None
        assert "Timer set for 5 minutes." in conversation_text(app)
        assert app.query_one(SpeakerStatus).state == "idle"


async def test_mute_and_wake_word(sim: Simulator) -> None:
    app = make_app(sim)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f10")
        assert app.query_one(SpeakerStatus).state == "muted"
        await put_on_line(pilot, "hello")
        await settle(pilot)
        assert app.query_one(Conversation).turns == []
        await pilot.press("f10", "f11")
        assert sim.wake_word == "hey speaker"
        ignored = await say(pilot, "what time is it")
        assert ignored.kind == "silence"
        assert "not heard" in conversation_text(app)
        heard = await say(pilot, "hey speaker what time is it")
        assert heard.intent is not None
        await pilot.press("f11")
        assert sim.wake_word is None


async def test_speech_out_without_espeak_explains_install(
    sim: Simulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    app = make_app(sim)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert not app.speech_out
        messages = [n.message for n in app._notifications]
        assert any("sudo apt-get install espeak-ng" in m for m in messages)


# -- screens ---------------------------------------------------------------------------------


async def test_skills_browser_sends_an_example(sim: Simulator) -> None:
    app = make_app(sim)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "SkillsScreen"
        from textual.widgets import Tree

        tree: Tree[str | None] = app.screen.query_one(Tree)
        leaf = next(
            node
            for skill in tree.root.children
            for intent in skill.children
            for node in intent.children
            if node.data == "set a timer for 10 minutes" or (node.data and "timer" in node.data)
        )
        tree.select_node(leaf)
        await settle(pilot)
        assert app.screen.__class__.__name__ != "SkillsScreen"
        turns = app.query_one(Conversation).turns
        assert turns and turns[-1].text == leaf.data


async def test_help_screen(sim: Simulator) -> None:
    app = make_app(sim)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "HelpScreen"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.__class__.__name__ != "HelpScreen"


async def test_selecting_a_turn_shows_it_in_the_inspector(sim: Simulator) -> None:
    app = make_app(sim)
    async with app.run_test(size=(100, 30)) as pilot:
        await say(pilot, "set a timer")
        await say(pilot, "5 minutes")
        assert "Turn #2" in app.query_one(Inspector).plain_text()
        conversation = app.query_one(Conversation)
        await pilot.click(conversation.entries[0])
        await pilot.pause()
        assert "Turn #1" in app.query_one(Inspector).plain_text()
        assert "'set a timer'" in app.query_one(Inspector).plain_text()
        conversation.focus()
        await pilot.press("down")
        await pilot.pause()
        assert "Turn #2" in app.query_one(Inspector).plain_text()


# -- export, reload ------------------------------------------------------------------------


async def test_export_conversation_replays(
    sim: Simulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app = make_app(sim)
    async with app.run_test(size=(100, 30)) as pilot:
        await say(pilot, "set a timer")
        await say(pilot, "5 minutes")
        await pilot.press("f7")
        await settle(pilot)
        await pilot.press("ctrl+o")
        await pilot.pause()
        # It asks where, offering a folder in your documents (not wherever you started it).
        from textual.widgets import Input

        from simulator.tui.screens.export import ExportScreen, default_export_folder

        assert isinstance(app.screen, ExportScreen)
        folder = app.screen.query_one(Input)
        assert folder.value == str(default_export_folder(None))
        assert folder.value.endswith("speaker-sim") and folder.value != str(tmp_path)
        folder.value = str(tmp_path / "exports")
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ExportScreen)
    files = list((tmp_path / "exports").glob("speaker-sim-conversation-*.yaml"))
    assert len(files) == 1
    text = files[0].read_text()
    # The timer fired 5 minutes in: the replay advances exactly that far and expects it.
    assert "say: set a timer" in text and "advance: 5m" in text
    # The replay runs its own event loop (the sync harness), so off this test's loop.
    turns = await asyncio.to_thread(run_conversation_file, files[0])
    assert turns[-1].speech == "Your timer is done."


_SKILL_V1 = """
from simulator.sdk import Response, Skill

skill = Skill("parrot", description="Says a word")


@skill.intent("Squawk", samples=["squawk"])
def squawk(ctx):
    return Response.speak("Polly one.")
"""


async def test_skills_reload_when_a_file_changes(tmp_path: Path) -> None:
    (tmp_path / "parrot.py").write_text(_SKILL_V1)
    sim = make_sim(skills_dir=tmp_path)
    app = make_app(sim, skills_poll_seconds=0.05)
    async with app.run_test(size=(100, 30)) as pilot:
        first = await say(pilot, "squawk")
        await say(pilot, "set a timer")  # leaves a question open: the session must survive
        assert first.speech == "Polly one."
        time.sleep(0.02)  # a new mtime
        (tmp_path / "parrot.py").write_text(_SKILL_V1.replace("Polly one.", "Polly two."))
        for _ in range(40):
            await pilot.pause(0.05)
            if any("skills reloaded" in r.text for r in app.log_records):
                break
        await settle(pilot)
        assert any("skills reloaded" in r.text for r in app.log_records)
        answer = await say(pilot, "5 minutes")
        assert answer.speech == "Timer set for 5 minutes."
        again = await say(pilot, "squawk")
        assert again.speech == "Polly two."
        (tmp_path / "parrot.py").write_text("this is not python(")
        for _ in range(40):
            await pilot.pause(0.05)
            if "Skills not reloaded" in conversation_text(app):
                break
        assert "Skills not reloaded" in conversation_text(app)
    sim.close()


async def test_typing_in_another_pane_goes_to_the_input_line(sim: Simulator) -> None:
    app = make_app(sim)
    async with app.run_test(size=(100, 30)) as pilot:
        app.query_one(HomePane).focus()
        await pilot.press(*"hello")
        assert app.focused is app.query_one(UtteranceInput)
        assert app.query_one(UtteranceInput).value == "hello"


async def test_timer_fires_while_a_dialog_is_open(sim: Simulator) -> None:
    app = make_app(sim)
    async with app.run_test(size=(100, 30)) as pilot:
        await say(pilot, "set a timer for 1 minute")
        await pilot.press("f1")
        await pilot.press("f6")  # the clock keys work on top of the help screen too
        await settle(pilot)
        assert app.screen.__class__.__name__ == "HelpScreen"
        assert "Your timer is done." in conversation_text(app)


# -- simulated speech recognition (F12) ------------------------------------------------------


async def test_f12_cycles_recognition_noise_and_shows_what_was_heard(sim: Simulator) -> None:
    app = make_app(sim)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("f12")
        assert sim.asr is not None and sim.asr.level == 0.1
        await pilot.press("f12", "f12")
        assert sim.asr is not None and sim.asr.level == 0.3
        said = "set a timer for fifteen minutes in the kitchen please"
        turn = await say(pilot, said)
        assert turn.heard is not None
        text = conversation_text(app)
        if turn.heard != said:
            assert f"Heard › {turn.heard}" in text
        inspector = app.query_one(Inspector).plain_text()
        assert "Speech recognition (simulated)" in inspector
        assert f"heard  {turn.heard!r}" in inspector
        await pilot.press("f12")
        assert sim.asr is None


async def test_event_log_hides_simulated_changes_until_asked(sim: Simulator) -> None:
    from textual.widgets import DataTable

    from simulator.tui.screens.log import LogRecord, LogScreen

    app = make_app(sim)
    async with app.run_test(size=(100, 30)) as pilot:
        await say(pilot, "turn on the kitchen light")
        # Sensor noise, as the simulation logs it several times a second.
        app.log_records.extend(
            LogRecord(NOW, "device/simulation", f"Air purifier pm25: {n} → {n - 1}")
            for n in range(16, 10, -1)
        )
        await pilot.press("f3")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LogScreen)
        table: DataTable[str] = screen.query_one(DataTable)

        def kinds() -> list[str]:
            return [str(table.get_row_at(i)[1]) for i in range(table.row_count)]

        assert "turn" in kinds() and "device/voice" in kinds()
        assert "device/simulation" not in kinds()
        await pilot.press("s")
        await pilot.pause()
        assert kinds().count("device/simulation") >= 6
        await pilot.press("t")
        await pilot.pause()
        assert "turn" not in kinds()


def test_reply_speed_is_fast_by_default_and_configurable(monkeypatch: pytest.MonkeyPatch) -> None:
    from simulator.tui.app import DEFAULT_REPLY_SPEED, reply_speed

    monkeypatch.delenv("SPEAKER_SIM_REPLY_SPEED", raising=False)
    assert reply_speed() == DEFAULT_REPLY_SPEED >= 20
    monkeypatch.setenv("SPEAKER_SIM_REPLY_SPEED", "0")
    assert reply_speed() == 0
    monkeypatch.setenv("SPEAKER_SIM_REPLY_SPEED", "fast")
    assert reply_speed() == DEFAULT_REPLY_SPEED


async def test_at_80x24_the_home_pane_scrolls_to_what_you_changed(sim: Simulator) -> None:
    app = make_app(sim)
    async with app.run_test(size=(80, 24)) as pilot:
        home = app.query_one(HomePane)
        await pilot.pause()
        first = home.scroll_offset.y
        await say(pilot, "turn on the kitchen light")
        await settle(pilot)
        assert home.marked == "kitchen_light"
        index = home.get_option_index("dev:kitchen_light")
        assert home.highlighted == index
        assert "● Kitchen light on" in home.plain_text()
        # It is on the screen: the pane scrolled down to it.
        assert home.scroll_offset.y > first
        assert "● Kitchen light on" in _screen_text(app)
        # The next thing you change takes the mark.
        await say(pilot, "turn on the hallway light")
        await settle(pilot)
        assert home.marked == "hallway_light"
        assert "● Kitchen light" not in home.plain_text()


def _screen_text(app: SpeakerApp) -> str:
    """The characters on the screen (from a screenshot), spaces as spaces."""
    import html
    import re

    svg = app.export_screenshot()
    rows: dict[str, str] = {}
    for y, text in re.findall(r'<text[^>]*y="([\d.]+)"[^>]*>(.*?)</text>', svg):
        rows[y] = rows.get(y, "") + html.unescape(text).replace("\xa0", " ")
    return "\n".join(rows.values())


async def test_a_spoken_pin_is_not_left_on_screen_or_in_the_history() -> None:
    sim = make_sim(use_home=False)
    try:
        app = make_app(sim)
        async with app.run_test(size=(100, 30)) as pilot:
            await say(pilot, "set up my voice pin")
            turn = await say(pilot, "4 8 1 5")
            assert turn.text == "[redacted]"
            confirm = await say(pilot, "4 8 1 5")
            assert confirm.intent == "ConfirmPin"
            await say(pilot, "order a coffee")
            shown = conversation_text(app) + app.query_one(Inspector).plain_text()
            assert "4 8 1 5" not in shown and "4815" not in shown
            assert "[redacted]" in conversation_text(app)
            history = app.query_one(UtteranceInput).history
            assert "4 8 1 5" not in history and "[redacted]" in history
    finally:
        sim.close()
