"""Terminal UI latency: keypress-to-reply for a smart-home command, and startup to first paint.

Drives the real app headless with Textual's Pilot on an in-memory simulator (demo home, fixed
time and seed, real-time clock paused):

- **reply latency**: "turn on the kitchen light" (alternating with "turn off ...") is typed, then
  the clock starts when the enter key is posted to the app (as the terminal driver does) and
  stops when the conversation pane draws the reply; median and p90 over ``--runs`` runs (after
  one warm-up run). The time until Pilot sees the app idle again is reported as an upper bound.
- **startup**: from entering ``App.run_test()`` to the first screen being mounted and painted
  (``run_test`` hands over the pilot once the app is ready), median over ``--starts`` launches.

Run: ``.venv/bin/python benchmarks/tui_latency.py [--runs 20] [--starts 5] [--json]``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
from datetime import datetime
from typing import Any

from textual import events

from simulator.engine import Simulator
from simulator.tui.app import SpeakerApp
from simulator.tui.widgets.conversation import Conversation, TurnEntry

NOW = datetime(2026, 6, 1, 20, 0)
SIZE = (100, 30)


def make_app() -> SpeakerApp:
    """A fresh app on an in-memory simulator with the clock paused."""
    sim = Simulator.create(state_dir=None, now=NOW, seed=0)
    sim.clock.paused = True
    app = SpeakerApp(sim)
    app.animation_level = "none"
    return app


def percentile(values: list[float], fraction: float) -> float:
    """The ``fraction`` percentile (nearest rank) of ``values``."""
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(fraction * len(ordered) + 0.5) - 1))
    return ordered[index]


async def measure_startup() -> float:
    """Milliseconds from ``run_test()`` entry to the first screen mounted and painted."""
    app = make_app()
    start = time.perf_counter()
    async with app.run_test(size=SIZE) as pilot:
        # run_test yields once the app is ready (first screen composed, mounted, refreshed).
        ready = time.perf_counter()
        assert app.screen.is_mounted
        await pilot.pause()
    app.sim.close()
    return (ready - start) * 1000


async def measure_replies(runs: int) -> tuple[list[float], list[float], list[str]]:
    """Keypress-to-reply milliseconds for ``runs`` smart-home commands (plus one warm-up).

    Returns (enter key → reply entry drawn, enter key → Pilot settled, replies). The first is
    the latency a user sees: the enter key is posted to the app as the terminal driver would,
    and the clock stops when the conversation entry renders with the reply. The second adds
    Pilot's own waiting for the app to go idle, an upper bound.
    """
    app = make_app()
    drawn: dict[int, float] = {}
    original_render = TurnEntry.render

    def render(entry: TurnEntry) -> Any:
        if entry.turn is not None and id(entry) not in drawn:
            drawn[id(entry)] = time.perf_counter()
        return original_render(entry)

    TurnEntry.render = render  # type: ignore[method-assign]
    latencies: list[float] = []
    settled: list[float] = []
    replies: list[str] = []
    try:
        async with app.run_test(size=SIZE) as pilot:
            conversation = app.query_one(Conversation)
            for number in range(runs + 1):
                text = f"turn {'on' if number % 2 == 0 else 'off'} the kitchen light"
                await pilot.press(*text)
                before = len(conversation.entries)
                start = time.perf_counter()
                app.post_message(events.Key("enter", "\r"))
                while True:
                    entries = conversation.entries
                    if len(entries) > before and id(entries[-1]) in drawn:
                        break
                    await asyncio.sleep(0.0002)
                seen = drawn[id(entries[-1])]
                await pilot.pause()
                done = time.perf_counter()
                await pilot.press("escape")  # skip the word-by-word reveal
                await app.workers.wait_for_complete()
                if number:  # the first run warms caches up
                    latencies.append((seen - start) * 1000)
                    settled.append((done - start) * 1000)
                    replies.append(conversation.turns[-1].speech or "")
    finally:
        TurnEntry.render = original_render  # type: ignore[method-assign]
    app.sim.close()
    return latencies, settled, replies


async def measure_engine(runs: int) -> list[float]:
    """The baseline: the same commands through the engine alone, without the app."""
    sim = Simulator.create(state_dir=None, now=NOW, seed=0)
    try:
        times: list[float] = []
        for i in range(runs + 2):
            text = "turn on the kitchen light" if i % 2 == 0 else "turn off the kitchen light"
            start = time.perf_counter()
            await sim.handle(text)
            if i >= 2:  # the first two warm the template caches, as the app's first turns do
                times.append((time.perf_counter() - start) * 1000)
        return times
    finally:
        sim.close()


async def main_async(runs: int, starts: int) -> dict[str, Any]:
    """Run the measurements (baseline first, in the same run) and return the report."""
    engine = await measure_engine(runs)
    startup = [await measure_startup() for _ in range(starts)]
    latencies, settled, replies = await measure_replies(runs)
    return {
        "engine_baseline_ms": {
            "runs": runs,
            "median": round(statistics.median(engine), 2),
            "note": "Simulator.handle alone for the same commands, measured in this run",
        },
        "ratio_app_to_engine": round(statistics.median(latencies) / statistics.median(engine), 1),
        "reply_latency_ms": {
            "command": "turn on/off the kitchen light",
            "runs": runs,
            "median": round(statistics.median(latencies), 2),
            "p90": round(percentile(latencies, 0.9), 2),
            "min": round(min(latencies), 2),
            "max": round(max(latencies), 2),
            "sample_reply": replies[0] if replies else None,
            "pilot_settled_median": round(statistics.median(settled), 2),
        },
        "startup_ms": {
            "launches": starts,
            "median": round(statistics.median(startup), 2),
            "min": round(min(startup), 2),
            "max": round(max(startup), 2),
        },
        "terminal_size": list(SIZE),
    }


def main(argv: list[str] | None = None) -> int:
    """Parse the options, measure, print the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=20, help="timed commands (default 20)")
    parser.add_argument("--starts", type=int, default=5, help="timed launches (default 5)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args(argv)
    report = asyncio.run(main_async(args.runs, args.starts))
    if args.json:
        json.dump(report, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return 0
    reply, startup = report["reply_latency_ms"], report["startup_ms"]
    print(f"keypress-to-reply ({reply['command']}, {reply['runs']} runs):")
    print(
        f"  median {reply['median']:.1f} ms, p90 {reply['p90']:.1f} ms "
        f"(min {reply['min']:.1f}, max {reply['max']:.1f})"
    )
    print(f"  reply: {reply['sample_reply']!r}")
    print(f"  (until Pilot reports the app idle: median {reply['pilot_settled_median']:.1f} ms)")
    baseline = report["engine_baseline_ms"]
    print(
        f"  baseline, the engine alone: median {baseline['median']:.2f} ms; "
        f"app/engine ratio {report['ratio_app_to_engine']}"
    )
    print(f"startup to first paint ({startup['launches']} launches):")
    print(
        f"  median {startup['median']:.1f} ms (min {startup['min']:.1f}, max {startup['max']:.1f})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
