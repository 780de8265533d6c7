"""The speaker-sim terminal app: a thin Textual view over one `Simulator`.

Layout: a banner and a status line; the conversation on the left; the home and the inspector on
the right; the input line and the footer at the bottom. Every piece of work that awaits the
engine — a turn, a clock advance, a skill reload, a manual device change — runs in a named worker
group (``turns``, ``clock``, ``reload``, ``device``, ``speech``), so the event loop never waits
on a skill; a skill that hangs is abandoned by the engine after its timeout and shows up as an
error in the conversation.
"""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, TypeVar

from textual import events, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Footer, Input, Label
from textual.worker import WorkerState

from simulator.engine import DEFAULT_WAKE_WORD
from simulator.models import Turn
from simulator.profiles import PROFILES
from simulator.sdk.secret import REDACTED
from simulator.tui.adapters import (
    ESPEAK_HINT,
    DeviceEvent,
    SpeechOut,
    export_conversation,
    home_json,
    subscribe_home,
)
from simulator.tui.commands import PaletteCommand, SimulatorCommands
from simulator.tui.format import describe_change, format_clock, format_duration
from simulator.tui.labels import label
from simulator.tui.screens.compare import CompareScreen
from simulator.tui.screens.device import DeviceScreen
from simulator.tui.screens.export import ExportScreen, default_export_folder
from simulator.tui.screens.help import HelpScreen
from simulator.tui.screens.log import LogRecord, LogScreen
from simulator.tui.screens.skills import SkillsScreen
from simulator.tui.widgets.conversation import Conversation, TurnEntry
from simulator.tui.widgets.home import HomePane
from simulator.tui.widgets.inspector import Inspector
from simulator.tui.widgets.screen import ScreenPane
from simulator.tui.widgets.status import Banner, SpeakerState, SpeakerStatus
from simulator.tui.widgets.utterance import SampleSuggester, UtteranceInput, sample_utterances

if TYPE_CHECKING:
    from simulator.engine.frontend import FrontEnd

__all__ = ["DEFAULT_REPLY_SPEED", "SpeakerApp", "reply_speed", "run_app"]

_WidgetT = TypeVar("_WidgetT", bound=Widget)

_PROFILE_HELP = {
    "speaker": "Voice only; cards show in the inspector",
    "screen": "A speaker with a display: the screen pane draws the cards",
    "kids": "Allowed skills only, gentler words, and a bedtime",
}

# How many example utterances per intent feed the input line's completion.
_SUGGESTION_EXAMPLES = 20


class SpeakerApp(App[None]):
    """The simulator's terminal UI. Give it a ready `Simulator`; it uses only the `FrontEnd`
    interface (simulator/engine/frontend.py)."""

    CSS_PATH = "app.tcss"
    TITLE = "speaker-sim"
    SUB_TITLE = "illustrative simulator — implements no vendor's protocol"
    COMMANDS = App.COMMANDS | {SimulatorCommands}

    # The clock and mode keys (F5-F11) are priority bindings so that they also work while a
    # dialog screen (help, log, device) is open: time keeps moving under a modal screen.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", priority=True),
        Binding("f1", "help", "Help"),
        Binding("f2", "skills", "Skills"),
        Binding("f3", "log", "Log"),
        Binding("f4", "device", "Device", show=False),
        Binding("f5", "reload_skills", "Reload", show=False, priority=True),
        Binding("f6", "advance(60)", "+1 min", show=False, priority=True),
        Binding("f7", "advance(600)", "+10 min", priority=True),
        Binding("f8", "advance(3600)", "+1 h", show=False, priority=True),
        Binding("f9", "toggle_pause", "Pause clock", priority=True),
        Binding("f10", "toggle_mute", "Mute", show=False, priority=True),
        Binding("f11", "toggle_wake_word", "Wake word", show=False, priority=True),
        Binding("ctrl+t", "toggle_speech_out", "Speech out", show=False),
        Binding("f12", "cycle_asr_noise", "Recognition noise", show=False, priority=True),
        Binding("ctrl+o", "export", "Export", show=False),
        Binding("escape", "skip_speech", "Skip speech", show=False),
    ]

    muted: reactive[bool] = reactive(False, init=False)
    """Whether the microphone is muted: nothing typed reaches the speaker."""

    speech_out: reactive[bool] = reactive(False, init=False)
    """Whether replies are also spoken aloud with espeak-ng."""

    thinking: reactive[int] = reactive(0, init=False)
    """How many turns are running (or queued behind one that is)."""

    class TurnFinished(Message):
        """The engine finished a turn (any kind; posted from the simulator's listener)."""

        def __init__(self, turn: Turn) -> None:
            """Carry the finished ``turn``."""
            super().__init__()
            self.turn = turn
            """The finished turn."""

    class HomeChanged(Message):
        """A device's state changed (posted from the home's subscriber, maybe off-thread)."""

        def __init__(self, event: DeviceEvent) -> None:
            """Carry the state-change ``event``."""
            super().__init__()
            self.event = event
            """What changed."""

    def __init__(
        self,
        sim: FrontEnd,
        *,
        words_per_second: float | None = None,
        tick_seconds: float = 0.5,
        skills_poll_seconds: float = 1.0,
        speech: SpeechOut | None = None,
    ) -> None:
        """View and drive ``sim``.

        ``words_per_second`` is the pace of replies (0: at once; default
        :func:`reply_speed`, from ``$SPEAKER_SIM_REPLY_SPEED``); the virtual clock follows the
        wall clock every ``tick_seconds`` unless ``sim.paused``; ``--skills-dir`` is
        checked for changes every ``skills_poll_seconds``.
        """
        super().__init__()
        self.sim = sim
        """The simulator on show; the app touches no other engine state."""
        self.speech = speech or SpeechOut()
        """Speech out (espeak-ng), used when `speech_out` is on."""
        self.log_records: list[LogRecord] = []
        """Every turn and device event, for the event log screen."""
        self._words_per_second = reply_speed() if words_per_second is None else words_per_second
        self._tick_seconds = tick_seconds
        self._skills_poll_seconds = skills_poll_seconds
        self._suggester = SampleSuggester()
        self._wake_word = sim.wake_word or DEFAULT_WAKE_WORD
        self._last_tick = time.monotonic()
        self._owed = 0.0
        self._unsubscribe: list[object] = []
        self._device_names: dict[str, str] = {}

    # -- layout ------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        """Banner, status, the three panes, the input line and the footer."""
        yield Banner()
        yield SpeakerStatus(id="status")
        with Horizontal(id="main"):
            yield Conversation(words_per_second=self._words_per_second, id="conversation")
            with Vertical(id="side"):
                # The screen profile's display; hidden under the other profiles.
                screen = ScreenPane(id="screen")
                screen.display = self.sim.profile.has_screen
                yield screen
                yield HomePane(lambda: home_json(self.sim), id="home")
                yield Inspector(id="inspector")
        with Horizontal(id="input-row"):
            yield Label(label("say", self.sim.language), id="say-label")
            yield UtteranceInput(
                self._suggester,
                placeholder=label("placeholder", self.sim.language),
                id="say",
                compact=True,
                select_on_focus=False,  # typing elsewhere moves here: keep what is typed
            )
        yield Footer()

    def on_mount(self) -> None:
        """Subscribe to the engine and the home, start the clock and the skills watcher."""
        self._apply_labels()
        self._refresh_samples()
        self._device_names = {
            str(d["id"]): str(d.get("name", d["id"]))
            for d in (home_json(self.sim) or {}).get("devices", [])
        }
        self._unsubscribe.append(self.sim.subscribe(self._on_sim_turn))
        unsubscribe_home = subscribe_home(self.sim, self._on_home_event)
        if unsubscribe_home is not None:
            self._unsubscribe.append(unsubscribe_home)
        self._last_tick = time.monotonic()
        self.set_interval(self._tick_seconds, self._tick)
        if self.sim.watches_skills:
            self.set_interval(self._skills_poll_seconds, self._poll_skills)
        self.query_one("#say", UtteranceInput).focus()
        self.update_status()
        self.warm_up()
        self.follow_learning()

    @work(group="warmup", thread=True, exit_on_error=False)
    def warm_up(self) -> None:
        """Compile every template in the background, so the first turn is as quick as the rest."""
        self.sim.warm()

    @work(group="learned-stage", name="learned-stage", thread=True, exit_on_error=False)
    def follow_learning(self) -> None:
        """Wait (off the event loop) for the learned stage's background training; report it.

        The speaker answers from its templates meanwhile, so the screen never waits on this.
        """
        status = self.sim.wait_for_learned_stage()
        if status is None:
            return
        if status.get("state") == "ready":
            text = (
                f"learned stage ready: {status.get('intents')} intents "
                f"({status.get('origin')}, {status.get('seconds')} s)"
            )
        elif status.get("state") in ("unavailable", "failed"):
            text = f"learned stage off: {status.get('message')}"
        else:
            return
        self.call_from_thread(self.log_records.append, LogRecord(self.sim.now(), "app", text))

    def on_unmount(self) -> None:
        """Stop listening to the engine (the simulator outlives the app)."""
        for unsubscribe in self._unsubscribe:
            if callable(unsubscribe):
                unsubscribe()
        self._unsubscribe.clear()
        self.speech.stop()

    # -- widgets of the main screen (found there even while a dialog screen is on top) -------

    def _main(self, kind: type[_WidgetT]) -> _WidgetT:
        return self.screen_stack[0].query_one(kind)

    @property
    def conversation(self) -> Conversation:
        """The conversation pane."""
        return self._main(Conversation)

    @property
    def screen_pane(self) -> ScreenPane:
        """The screen pane (shown under the screen profile)."""
        return self._main(ScreenPane)

    @property
    def home_pane(self) -> HomePane:
        """The home pane."""
        return self._main(HomePane)

    @property
    def inspector(self) -> Inspector:
        """The inspector pane."""
        return self._main(Inspector)

    @property
    def utterance_input(self) -> UtteranceInput:
        """The input line."""
        return self._main(UtteranceInput)

    # -- engine callbacks (may run off the event loop's thread: they only post) --------------

    def _on_sim_turn(self, turn: Turn) -> None:
        self.post_message(self.TurnFinished(turn))

    def _on_home_event(self, event: DeviceEvent) -> None:
        self.post_message(self.HomeChanged(event))

    def _report_store_notices(self) -> None:
        """Show what the store found or could not do (damaged rows, a full disk), once each."""
        for notice in self.sim.take_notices():
            self.log_records.append(LogRecord(self.sim.now(), "app", notice))
            self.notify(notice, title="Storage", severity="warning", timeout=8, markup=False)

    def on_speaker_app_turn_finished(self, message: TurnFinished) -> None:
        """Log every turn; show proactive ones (a timer going off) in the conversation."""
        self._report_store_notices()
        turn = message.turn
        if turn.card is not None:
            self.screen_pane.show(turn.card, turn.at, self.sim.now())
        if turn.kind == "proactive":
            self.log_records.append(
                LogRecord(turn.at, "notification", f"{turn.skill or 'clock'}: {turn.speech}")
            )
            self.conversation.add_proactive(turn)
            self._say_aloud(turn.speech, turn.language)
        else:
            what = f"{turn.text!r} → {turn.intent or 'no intent'}"
            if turn.skill:
                what += f" ({turn.skill})"
            if turn.speech:
                what += f": {turn.speech!r}"
            if turn.error is not None:
                what += f" [{turn.error.code}]"
            self.log_records.append(LogRecord(turn.at, "turn", what))
        self.update_status()

    def on_speaker_app_home_changed(self, message: HomeChanged) -> None:
        """Log the device event and redraw the home pane."""
        event = message.event
        name = self._device_names.get(event.device_id, event.device_id)
        text = describe_change(name, event.attribute, event.old, event.new, event.cause)
        self.log_records.append(LogRecord(event.at, f"device/{event.cause}", text))
        # What you asked for is scrolled to and marked; simulated drift is only redrawn.
        self.home_pane.changed(event.device_id if event.cause != "simulation" else None)

    def on_resize(self, event: events.Resize) -> None:
        """Share the side column by size: on a short screen the home pane gets as many rows
        as the inspector, so the device that just changed can be seen."""
        try:
            home = self._main(HomePane)
            inspector = self._main(Inspector)
        except Exception:
            return  # a modal screen is on top, or the panes are not mounted yet
        small = event.size.height < 32
        home.styles.height = "1fr" if small else "2fr"
        inspector.styles.height = "1fr" if small else "3fr"

    # -- saying things -----------------------------------------------------------------------

    def on_key(self, event: events.Key) -> None:
        """Typing while another pane has focus goes to the input line (you talk, it listens)."""
        if (
            event.is_printable
            and event.character
            and self.screen is self.screen_stack[0]
            and not isinstance(self.focused, Input)
        ):
            line = self.utterance_input
            line.focus()
            line.insert_text_at_cursor(event.character)
            event.stop()

    def on_input_submitted(self, event: UtteranceInput.Submitted) -> None:
        """Send what was typed to the speaker."""
        if event.input.id != "say":
            return
        event.stop()
        text = event.value.strip()
        event.input.value = ""
        self.say(text)

    def say(self, text: str) -> None:
        """Say ``text`` to the speaker (as if typed in the input line)."""
        self.action_skip_speech()  # new input interrupts the reply being spoken
        if not text:
            return
        self.utterance_input.remember(text)
        if self.muted:
            self.notify(
                "The microphone is muted: press F10 to unmute.", severity="warning", markup=False
            )
            return
        entry = self.conversation.add_utterance(text)
        self.run_turn(text, entry)

    @work(group="turns", exit_on_error=False)
    async def run_turn(self, text: str, entry: TurnEntry) -> None:
        """Run one utterance through the engine and show its reply."""
        conversation = self.conversation
        self.thinking += 1
        try:
            turn = await self.sim.handle(text)
        except Exception as exc:  # an engine bug: say so, keep the app alive
            entry.fail(f"the turn failed: {type(exc).__name__}: {exc}")
            self.log_records.append(LogRecord(None, "app", f"turn {text!r} failed: {exc}"))
        else:
            if turn.text is not None and turn.text != text and REDACTED in turn.text:
                self.utterance_input.redact(text, turn.text)  # up-arrow must not bring a PIN back
            conversation.finish(entry, turn)
            self._say_aloud(turn.speech, turn.language)
        finally:
            self.thinking -= 1

    def _say_aloud(self, text: str | None, language: str = "en") -> None:
        if self.speech_out and text:
            self.speak_aloud(text, language)

    @work(group="speech", exclusive=True, exit_on_error=False)
    async def speak_aloud(self, text: str, language: str = "en") -> None:
        """Speak ``text`` with espeak-ng (its Mandarin voice for Chinese, when installed); a
        newer reply cancels this one."""
        await self.speech.say(text, language=language)

    # -- status --------------------------------------------------------------------------------

    def speaker_state(self) -> SpeakerState:
        """What the speaker is doing: muted, thinking, speaking, listening or idle."""
        if self.muted:
            return "muted"
        if self.thinking:
            return "thinking"
        if self.screen_stack and any(c.speaking for c in self.screen_stack[0].query(Conversation)):
            return "speaking"
        if self.sim.listening():
            return "listening"
        return "idle"

    def update_status(self) -> None:
        """Redraw the status line from the engine and the app's modes."""
        if not self.screen_stack or not self.is_running:
            return  # shutting down: a late worker has nothing left to update
        status = self._main(SpeakerStatus)
        status.state = self.speaker_state()
        status.clock = format_clock(self.sim.now())
        status.paused = self.sim.paused
        status.wake_word = self.sim.wake_word
        status.speech_out = self.speech_out

    def watch_thinking(self) -> None:
        """Show THINKING while a turn runs."""
        self.update_status()

    def watch_muted(self) -> None:
        """Show MUTED."""
        self.update_status()

    def watch_speech_out(self) -> None:
        """Show the speech-out mode."""
        self.update_status()

    def on_conversation_speaking_changed(self, message: Conversation.SpeakingChanged) -> None:
        """Show SPEAKING while a reply is revealed."""
        self.update_status()

    def on_conversation_turn_selected(self, message: Conversation.TurnSelected) -> None:
        """Show the selected (or latest) turn in the inspector."""
        self.inspector.show(message.turn, message.number)

    def on_home_pane_device_chosen(self, message: HomePane.DeviceChosen) -> None:
        """Open the chosen device's detail screen."""
        self.push_screen(DeviceScreen(self.sim, message.device_id))

    # -- the clock -----------------------------------------------------------------------------

    def _clock_busy(self) -> bool:
        return any(
            w.group == "clock" and w.state in (WorkerState.PENDING, WorkerState.RUNNING)
            for w in self.workers
        )

    def _tick(self) -> None:
        """Advance the virtual clock by the wall-clock time since the last tick."""
        now = time.monotonic()
        elapsed, self._last_tick = now - self._last_tick, now
        if self.sim.paused:
            self._owed = 0.0
        else:
            self._owed += elapsed
            # One advance at a time: while a turn holds the engine, time owed accumulates.
            if not self._clock_busy():
                owed, self._owed = self._owed, 0.0
                self.advance_clock(timedelta(seconds=owed))
        if self.sim.profile.has_screen:
            self.screen_pane.tick(self.sim.now())
        self.update_status()

    @work(group="clock", exit_on_error=False)
    async def advance_clock(self, delta: timedelta, announce: bool = False) -> None:
        """Move the virtual clock on by ``delta``; what fires shows up via the listener."""
        try:
            await self.sim.advance(delta)
        except Exception as exc:  # an engine bug: report it, the app carries on
            self.notify(f"The clock could not advance: {exc}", severity="error", markup=False)
            return
        self._report_store_notices()
        if announce:
            self.notify(
                f"Advanced {format_duration(delta)}; now {format_clock(self.sim.now())}",
                title="Clock",
            )
        self.update_status()
        if self.sim.profile.has_screen:
            self.screen_pane.tick(self.sim.now())

    def action_advance(self, seconds: int) -> None:
        """Advance the virtual clock by ``seconds`` at once."""
        self.advance_clock(timedelta(seconds=seconds), announce=True)

    def action_toggle_pause(self) -> None:
        """Pause or resume the real-time clock."""
        self.sim.paused = not self.sim.paused
        self._last_tick = time.monotonic()
        self._owed = 0.0
        self.notify(
            "Clock paused" if self.sim.paused else "Clock running",
            title="Clock",
            markup=False,
        )
        self.update_status()

    # -- skills ----------------------------------------------------------------------------------

    def _refresh_samples(self) -> None:
        # Made when the first completion is wanted, not here: at mount it held up the first
        # frame by about 0.1 s of CPU, for a person who may never type.
        sim = self.sim
        self._suggester.set_source(
            lambda: sample_utterances(sim.skill_listing(examples=_SUGGESTION_EXAMPLES))
        )

    def _poll_skills(self) -> None:
        busy = any(
            w.group == "reload" and w.state in (WorkerState.PENDING, WorkerState.RUNNING)
            for w in self.workers
        )
        if not busy and self.sim.skills_changed():
            self.reload_skills(automatic=True)

    @work(group="reload", exclusive=True, exit_on_error=False)
    async def reload_skills(self, automatic: bool = False) -> None:
        """Reload the skills in a thread, keeping the session; report how it went."""
        error = await self.sim.reload_skills_async()
        why = "a file in --skills-dir changed" if automatic else "as asked"
        if error is not None:
            self.conversation.add_note(
                f"Skills not reloaded ({why}); the old ones stay loaded: {error}", error=True
            )
            self.notify(
                error, title="Skills not reloaded", severity="error", timeout=8, markup=False
            )
            return
        self._refresh_samples()
        self.log_records.append(LogRecord(self.sim.now(), "app", f"skills reloaded ({why})"))
        self.follow_learning()  # the learned stage retrains in the background
        self.notify(
            f"{len(self.sim.skills)} skills loaded ({why})", title="Skills reloaded", markup=False
        )

    def action_reload_skills(self) -> None:
        """Reload the skills now."""
        self.reload_skills()

    # -- screens -------------------------------------------------------------------------------

    def action_help(self) -> None:
        """Show the help screen."""
        self.push_screen(HelpScreen())

    def action_skills(self) -> None:
        """Open the skills browser; a chosen utterance is said."""

        def chosen(text: str | None) -> None:
            if text:
                self.say(text)

        self.push_screen(SkillsScreen(self.sim.skill_listing(examples=5)), chosen)

    def action_compare(self) -> None:
        """Compare the templates, the learned stage and the model on the selected utterance."""
        turn = self.inspector.turn
        if turn is None or not turn.text:
            self.notify("Say something first, then compare how each stage reads it.", markup=False)
            return
        self.compare_stages(turn.text)

    @work(group="compare", exclusive=True, exit_on_error=False)
    async def compare_stages(self, text: str) -> None:
        """Read ``text`` with each stage (off the event loop's critical path) and show it."""
        try:
            row = await self.sim.compare(text)
        except Exception as exc:  # a bug must not take the app down
            self.notify(f"Could not compare: {exc}", severity="error", markup=False)
            return
        self.push_screen(CompareScreen(row))

    def action_log(self) -> None:
        """Open the event log."""
        self.push_screen(LogScreen(self.log_records))

    def action_device(self) -> None:
        """Open the highlighted device of the home pane."""
        home = self.home_pane
        option = home.highlighted_option
        if option is None or not option.id:
            self.notify(
                "Highlight a device in the home pane first (tab, then up/down).", markup=False
            )
            return
        self.push_screen(DeviceScreen(self.sim, option.id.removeprefix("dev:")))

    # -- modes and world -----------------------------------------------------------------------

    def action_skip_speech(self) -> None:
        """Show the rest of the reply at once and stop speaking aloud."""
        self.conversation.skip_speech()
        self.speech.stop()

    def action_toggle_mute(self) -> None:
        """Mute or unmute the microphone."""
        self.muted = not self.muted
        self.notify(
            "Microphone muted" if self.muted else "Microphone on", title="Microphone", markup=False
        )

    def action_toggle_wake_word(self) -> None:
        """Turn wake-word mode on or off (sets ``sim.wake_word``)."""
        if self.sim.wake_word:
            self._wake_word = self.sim.wake_word
            self.sim.wake_word = None
            self.notify(
                "Wake-word mode off: everything you type is heard.", title="Wake word", markup=False
            )
        else:
            self.sim.wake_word = self._wake_word
            self.notify(
                f"Wake-word mode on: start with {self._wake_word!r}, "
                f"e.g. '{self._wake_word} what time is it'.",
                title="Wake word",
                markup=False,
            )
        self.update_status()

    def action_cycle_asr_noise(self) -> None:
        """Simulated speech recognition: off → noise 0.1 → 0.2 → 0.3 → off (sets ``sim.asr``)."""
        from simulator.nlu.asr import SimulatedRecogniser

        levels = (0.0, 0.1, 0.2, 0.3)
        current = self.sim.asr.level if self.sim.asr is not None else 0.0
        following = levels[(levels.index(current) + 1) % len(levels)] if current in levels else 0.0
        self.sim.asr = (
            SimulatedRecogniser(following, seed=self.sim.seed or 0) if following else None
        )
        self.notify(
            f"Speech recognition noise {following}: what you type is first 'heard' by a "
            "simulated recogniser; the conversation shows what was heard (F12 for more)."
            if following
            else "Speech recognition off: the speaker hears exactly what you type.",
            title="Speech recognition",
            markup=False,
        )

    def _apply_labels(self) -> None:
        """Pane titles and the input line in the UI's language (the speaker's default)."""
        language = self.sim.language
        for pane in ("conversation", "home", "inspector", "screen"):
            self.query_one(f"#{pane}").border_title = label(pane, language)
        self.query_one("#say-label", Label).update(label("say", language))
        self.utterance_input.placeholder = label("placeholder", language)

    def action_toggle_language(self) -> None:
        """Switch the labels and the speaker's default language between English and Chinese
        (a turn is still answered in the language it is spoken in)."""
        self.sim.language = "en" if self.sim.language.startswith("zh") else "zh-CN"
        self._apply_labels()
        self.notify(label("switched", self.sim.language), markup=False)

    def action_toggle_speech_out(self) -> None:
        """Turn speech out on or off; explains how to install espeak-ng if it is missing."""
        if not self.speech_out and not self.speech.available:
            self.notify(
                ESPEAK_HINT,
                title="espeak-ng not installed",
                severity="warning",
                timeout=12,
                markup=False,
            )
            return
        self.speech_out = not self.speech_out
        if not self.speech_out:
            self.speech.stop()
        self.notify(
            f"Speech out {'on' if self.speech_out else 'off'}", title="Speech out", markup=False
        )

    def action_reset_home(self) -> None:
        """Restore the world: end the session, cancel timers, reset the home's devices."""
        self.reset_world()

    @work(group="turns", exit_on_error=False)
    async def reset_world(self) -> None:
        """Reset once the running turn (if any) is over: the engine's reset takes the turn lock."""
        await self.sim.reset_async()
        self.conversation.add_note(
            "Reset: the session ended, timers were cancelled and the home is as at the start."
        )
        self.home_pane.rebuild()
        self.log_records.append(LogRecord(self.sim.now(), "app", "reset"))
        self.update_status()

    def action_export(self) -> None:
        """Ask where, then save the conversation as a conversation test (YAML)."""
        turns = list(self.conversation.turns)
        if not turns:
            self.notify("Nothing to export yet: say something first.", title="Export", markup=False)
            return

        def save(folder: Path | None) -> None:
            if folder is None:
                return
            try:
                folder.mkdir(parents=True, exist_ok=True)
                path = export_conversation(
                    turns, seed=self.sim.seed, home=self.sim.has_home, directory=folder
                )
            except OSError as exc:
                self.notify(
                    f"Could not write into {folder}: {exc.strerror or exc}",
                    title="Export",
                    severity="error",
                    markup=False,
                )
                return
            # Shown once the question is closed, so it never sits on top of another screen.
            self.notify(f"Saved {path}", title="Conversation exported", timeout=10, markup=False)

        self.push_screen(ExportScreen(default_export_folder(self.sim.skills_dir)), save)

    # -- command palette -----------------------------------------------------------------------

    def palette_commands(self) -> Sequence[PaletteCommand]:
        """The simulator's commands for the command palette."""
        paused = self.sim.paused
        return [
            PaletteCommand(
                "Speech recognition noise",
                "Off, 0.1, 0.2, 0.3: pass what you type through a simulated recogniser (F12)",
                self.action_cycle_asr_noise,
            ),
            PaletteCommand(
                "Advance clock 1 min",
                "Move virtual time on by one minute (F6)",
                lambda: self.action_advance(60),
            ),
            PaletteCommand(
                "Advance clock 10 min",
                "Move virtual time on by ten minutes (F7)",
                lambda: self.action_advance(600),
            ),
            PaletteCommand(
                "Advance clock 1 h",
                "Move virtual time on by one hour (F8)",
                lambda: self.action_advance(3600),
            ),
            PaletteCommand(
                "Resume clock" if paused else "Pause clock",
                "The virtual clock follows the wall clock unless paused (F9)",
                self.action_toggle_pause,
            ),
            PaletteCommand(
                "Reload skills",
                "Reload every skill, keeping the session (F5)",
                self.action_reload_skills,
            ),
            PaletteCommand(
                "Reset home",
                "End the session, cancel timers, reset the devices",
                self.action_reset_home,
            ),
            PaletteCommand(
                "Toggle wake word",
                "Only hear utterances starting with the wake word (F11)",
                self.action_toggle_wake_word,
            ),
            PaletteCommand(
                "Toggle mute", "Mute or unmute the microphone (F10)", self.action_toggle_mute
            ),
            PaletteCommand(
                "Toggle speech out",
                "Speak replies with espeak-ng (ctrl+t)",
                self.action_toggle_speech_out,
            ),
            PaletteCommand(
                "Export conversation test",
                "Save the conversation as a YAML test file in the current directory (ctrl+o)",
                self.action_export,
            ),
            PaletteCommand(
                "Skills browser", "Skills, intents and sample utterances (F2)", self.action_skills
            ),
            PaletteCommand("Event log", "Turns and device events (F3)", self.action_log),
            PaletteCommand(
                "Compare stages",
                "The selected utterance read by the templates, the learned stage and the model",
                self.action_compare,
            ),
            PaletteCommand(
                "Device detail", "The highlighted device's capabilities (F4)", self.action_device
            ),
            PaletteCommand("Help", "Keys, panes and how to start (F1)", self.action_help),
            PaletteCommand(
                label("language", self.sim.language),
                label("language_help", self.sim.language),
                self.action_toggle_language,
            ),
            *(
                PaletteCommand(
                    f"Profile: {name}",
                    _PROFILE_HELP[name] + (" (now)" if name == self.sim.profile.name else ""),
                    lambda name=name: self.set_profile(name),  # type: ignore[misc]
                )
                for name in PROFILES
            ),
        ]

    def set_profile(self, name: str) -> None:
        """Switch the device profile (speaker, screen, kids); the screen pane follows."""
        self.sim.set_profile(name)
        self.screen_pane.display = self.sim.profile.has_screen
        self.screen_pane.tick(self.sim.now())
        self.notify(f"Profile: {name}. {_PROFILE_HELP[name]}", title="Profile", markup=False)
        self.update_status()


DEFAULT_REPLY_SPEED = 20.0
"""Words a second at which replies appear: about as fast as people read, so the help answer
takes two seconds, not seven. ``$SPEAKER_SIM_REPLY_SPEED`` changes it (0: at once)."""


def reply_speed() -> float:
    """The reply pace in words a second: ``$SPEAKER_SIM_REPLY_SPEED`` or the default."""
    value = os.environ.get("SPEAKER_SIM_REPLY_SPEED", "").strip()
    if not value:
        return DEFAULT_REPLY_SPEED
    try:
        speed = float(value)
    except ValueError:
        return DEFAULT_REPLY_SPEED  # a typo in the variable must not stop the app
    return speed if 0 <= speed < 1000 else DEFAULT_REPLY_SPEED


def run_app(sim: FrontEnd) -> None:
    """Run the terminal UI on ``sim`` until the user quits (ctrl+q)."""
    SpeakerApp(sim).run()
