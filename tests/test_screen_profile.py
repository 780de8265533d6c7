"""The screen profile: the TUI's screen pane draws the cards a speaker with a display would show.

Snapshot tests (pytest-textual-snapshot), deterministic like tests/test_tui_snapshots.py: a fixed
virtual time and seed, the clock paused (advanced only by the F6 key), replies shown at once.
Update the baselines with ``--snapshot-update``. Plus plain checks of the card renderer.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

from pydantic import BaseModel
from textual.pilot import Pilot

from simulator.engine import Simulator
from simulator.models import Card
from simulator.profiles import load_profile
from simulator.sdk import Response, Skill, SkillContext
from simulator.tui.app import SpeakerApp
from simulator.tui.widgets.inspector import Inspector
from simulator.tui.widgets.screen import ScreenPane, progress_bar, render_card
from simulator.tui.widgets.utterance import UtteranceInput
from tests.tui_helpers import put_on_line

NOW = datetime(2026, 6, 1, 17, 0)

SnapCompare = Callable[..., bool]

# A stand-in shop with an order card (cart, delivery progress, status).
shop = Skill("shop", description="A pretend shop")


class OrderSlots(BaseModel):
    """What to order."""

    item: str | None = None


@shop.intent("OrderStatus", samples=["where is my pretend parcel"])
def order_status(ctx: SkillContext) -> Response:
    """Where the order is."""
    return (
        Response.speak("Your order is on its way. It should be here in 20 minutes.")
        .card(
            "Order #1042",
            "2 items, 14.50 in total",
            kind="order",
            items=["1 × Margherita pizza   8.50", "2 × Lemonade           6.00"],
            progress=0.6,
            progress_label="on its way",
            status="Out for delivery",
        )
        .for_profile("screen", "Your order is on its way.")
    )


def make_app(*, with_shop: bool = True) -> SpeakerApp:
    """The screen-profile app, frozen for screenshots; ``with_shop`` adds the stand-in shop.

    With the shop there is no learned stage: the stand-in makes a skill set of its own, whose
    model would be trained for these tests alone (about 8 s of CPU), and the requests of the
    tests that use it are the templates'. Without it, the bundled skills' model (trained once
    per run) is there for the pictures that show its reading.
    """
    extra, learned = ([shop], "off") if with_shop else ([], "lazy")
    sim = Simulator.create(state_dir=None, now=NOW, seed=0, extra_skills=extra, learned=learned)
    sim.clock.paused = True
    sim.profile = load_profile("screen")
    app = SpeakerApp(sim, words_per_second=0)
    app.animation_level = "none"
    return app


def steady(*steps: str) -> Callable[[Pilot[None]], Awaitable[None]]:
    """Say each step (or press a key given as ``key:NAME``), then freeze the timings."""

    async def run_before(pilot: Pilot[None]) -> None:
        app = pilot.app
        app.query_one(UtteranceInput).cursor_blink = False
        for text in steps:
            if text.startswith("key:"):
                await pilot.press(text[4:])
            else:
                await put_on_line(pilot, text)
            await app.workers.wait_for_complete()
            await pilot.pause()
        inspector = app.query_one(Inspector)
        if inspector.turn is not None:
            turn = inspector.turn
            frozen = [step.model_copy(update={"ms": 0.1}) for step in turn.trace]
            inspector.show(turn.model_copy(update={"trace": frozen}), inspector.number)
        # A toast ("Advanced 1m") disappears after a few seconds of wall time: on a loaded
        # machine it may be gone before the screenshot, so none is kept.
        app.clear_notifications()
        await pilot.pause()

    return run_before


def test_timer_counts_down(snap_compare: SnapCompare) -> None:
    """A timer card: the time left on the virtual clock (after F6, one minute on) and a bar."""
    assert snap_compare(
        make_app(),
        terminal_size=(110, 34),
        run_before=steady("set a pasta timer for 5 minutes", "key:f6"),
    )


def test_now_playing_with_progress(snap_compare: SnapCompare) -> None:
    assert snap_compare(
        make_app(),
        terminal_size=(110, 34),
        run_before=steady("play some jazz", "key:f6", "what is playing"),
    )


def test_weather_for_a_few_days(snap_compare: SnapCompare) -> None:
    assert snap_compare(
        make_app(), terminal_size=(110, 34), run_before=steady("what is the weather in paris")
    )


def test_a_list(snap_compare: SnapCompare) -> None:
    assert snap_compare(
        make_app(with_shop=False),
        terminal_size=(110, 34),
        run_before=steady("add milk and eggs to my shopping list", "what is on my shopping list"),
    )


def test_an_order_cart_and_status(snap_compare: SnapCompare) -> None:
    assert snap_compare(
        make_app(), terminal_size=(110, 34), run_before=steady("where is my pretend parcel")
    )


async def test_the_screen_follows_the_profile_and_speech_is_shorter() -> None:
    app = make_app()
    async with app.run_test(size=(110, 34)) as pilot:
        screen = app.query_one(ScreenPane)
        assert screen.display
        await put_on_line(pilot, "where is my pretend parcel")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Out for delivery" in screen.text() and "Margherita" in screen.text()
        assert app.conversation.turns[-1].speech == "Your order is on its way."
        app.set_profile("speaker")
        await pilot.pause()
        assert not screen.display


def test_render_card_parts() -> None:
    card = Card(
        title="Tea timer",
        text="5 minutes",
        kind="timer",
        ends_at=NOW + timedelta(minutes=5),
        image="tea.png",
    )
    text = "\n".join(
        t.plain for t in render_card(card, NOW + timedelta(minutes=1), NOW).renderables
    )  # type: ignore[union-attr]
    assert "04:00 left" in text and "[image: tea.png]" in text
    done = "\n".join(
        t.plain for t in render_card(card, NOW + timedelta(minutes=6), NOW).renderables
    )  # type: ignore[union-attr]
    assert "done" in done
    assert progress_bar(0.5, 8) == "████░░░░"
    assert progress_bar(0.0, 4) == "░░░░" and progress_bar(1.0, 4) == "████"
