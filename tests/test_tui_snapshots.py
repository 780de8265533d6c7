"""Snapshot tests of the terminal UI (pytest-textual-snapshot).

Deterministic by construction: a fixed virtual time and seed, the real-time clock paused,
replies shown at once, no cursor blink or animations, and pipeline timings (wall-clock
measurements) zeroed before the screenshot. Update the baselines with ``--snapshot-update``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime

from textual.pilot import Pilot

from simulator.engine import Simulator
from simulator.sdk import Skill
from simulator.tui.app import SpeakerApp
from simulator.tui.widgets.inspector import Inspector
from simulator.tui.widgets.utterance import UtteranceInput
from tests.tui_helpers import put_on_line

NOW = datetime(2026, 6, 1, 20, 0)

SnapCompare = Callable[..., bool]


def make_app(*, only_timer_and_clock: bool = False) -> SpeakerApp:
    """The app on a fresh in-memory simulator, frozen for screenshots.

    ``only_timer_and_clock`` loads just those two bundled skills, so a screenshot of the skills
    browser does not change whenever a skill is added.
    """
    extra: list[Skill] = []
    if only_timer_and_clock:
        from skills.clock import skill as clock
        from skills.timer import skill as timer

        extra = [clock, timer]
    sim = Simulator.create(
        state_dir=None, now=NOW, seed=0, extra_skills=extra, bundled=not only_timer_and_clock
    )
    sim.clock.paused = True
    app = SpeakerApp(sim, words_per_second=0)
    app.animation_level = "none"
    return app


def steady(
    *utterances: str, keys: tuple[str, ...] = ()
) -> Callable[[Pilot[None]], Awaitable[None]]:
    """A ``run_before`` that says ``utterances``, presses ``keys`` and freezes the timings."""

    async def run_before(pilot: Pilot[None]) -> None:
        app = pilot.app
        line = app.query_one(UtteranceInput)
        line.cursor_blink = False
        for text in utterances:
            await put_on_line(pilot, text)
            await app.workers.wait_for_complete()
            await pilot.pause()
        await pilot.press(*keys)
        await app.workers.wait_for_complete()
        await pilot.pause()
        inspector = app.query_one(Inspector)
        if inspector.turn is not None:
            turn = inspector.turn
            # Timings and the random ids of clock items differ from run to run.
            frozen = [
                step.model_copy(
                    update={
                        "ms": 0.1,
                        "detail": {
                            k: ("timer-1" if k == "item" else v) for k, v in step.detail.items()
                        },
                    }
                )
                for step in turn.trace
            ]
            inspector.show(turn.model_copy(update={"trace": frozen}), inspector.number)
        await pilot.pause()

    return run_before


def test_first_screen(snap_compare: SnapCompare) -> None:
    """The first screen at 100x30: banner, status, empty conversation, the demo home."""
    assert snap_compare(make_app(), terminal_size=(100, 30), run_before=steady())


def test_elicitation(snap_compare: SnapCompare) -> None:
    """The speaker asks "For how long?": LISTENING, and the inspector shows the open question."""
    assert snap_compare(make_app(), terminal_size=(100, 30), run_before=steady("set a timer"))


def test_timer_fires_at_80x24(snap_compare: SnapCompare) -> None:
    """At 80x24: a timer set, the clock advanced 10 minutes, the notification shown."""
    assert snap_compare(
        make_app(),
        terminal_size=(80, 24),
        run_before=steady("set a timer for 5 minutes", keys=("f7",)),
    )


def test_help_screen(snap_compare: SnapCompare) -> None:
    """The help screen."""
    assert snap_compare(make_app(), terminal_size=(100, 30), run_before=steady(keys=("f1",)))


def test_skills_browser(snap_compare: SnapCompare) -> None:
    """The skills browser with the timer skill and its first intent opened."""
    assert snap_compare(
        make_app(only_timer_and_clock=True),
        terminal_size=(100, 30),
        run_before=steady(keys=("f2", "down", "down", "enter", "down", "enter")),
    )


def test_speech_recognition_at_120x36(snap_compare: SnapCompare) -> None:
    """With recognition noise, the conversation shows what was heard under what was typed and
    the inspector the recogniser's mistakes and n-best list."""
    from simulator.nlu.asr import SimulatedRecogniser

    app = make_app()
    app.sim.asr = SimulatedRecogniser(0.3, seed=4)
    assert snap_compare(
        app, terminal_size=(120, 36), run_before=steady("set a timer for fifteen minutes")
    )


def test_kitchen_light_at_80x24(snap_compare: SnapCompare) -> None:
    """The README's first example on a small terminal: the home pane has scrolled to the
    kitchen light and marks it; the inspector wraps instead of cutting values off."""
    assert snap_compare(
        make_app(), terminal_size=(80, 24), run_before=steady("turn on the kitchen light")
    )


def test_event_log_at_120x36(snap_compare: SnapCompare) -> None:
    """F3 at 120x36: turns and voice changes shown, the filters listed, simulation hidden."""
    assert snap_compare(
        make_app(),
        terminal_size=(120, 36),
        # "a" hides app events (their timings differ from run to run).
        run_before=steady("turn on the kitchen light", keys=("f3", "a")),
    )
