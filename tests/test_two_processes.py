"""Issue 8, item 9: two real processes on one ``--state`` lose none of each other's changes.

Two ``chat`` processes run at the same time on one state directory, as the TUI and a ``say`` in
another terminal do: each sets timers and switches its own devices. Afterwards every timer both
set is stored, every device is as its process last left it, and both conversation logs are whole.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from pathlib import Path

from simulator.engine import Simulator

NOW = "2026-06-01T09:00"
TIMERS_PER_SIDE = 12
# Each side switches its own devices, several times, ending in a known state.
SIDES = {
    "a": ("kitchen light", "hallway light", "garage light"),
    "b": ("floor lamp", "bedroom fan", "coffee machine"),
}


def _script(side: str) -> tuple[str, int, dict[str, bool]]:
    lines: list[str] = []
    final: dict[str, bool] = {}
    for i in range(TIMERS_PER_SIDE):
        minutes = 30 + i + (100 if side == "b" else 0)
        lines.append(f"set a timer for {minutes} minutes")
        device = SIDES[side][i % len(SIDES[side])]
        on = (i // len(SIDES[side])) % 2 == 0
        lines.append(f"turn {'on' if on else 'off'} the {device}")
        final[device] = on
    return "\n".join(lines) + "\n", len(lines), final


def _chat(state: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "simulator", "chat", "--jsonl", "--state", str(state), "--now", NOW],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )


def test_two_chat_processes_on_one_state_lose_nothing(tmp_path: Path) -> None:
    state = tmp_path / "state"
    Simulator.create(state_dir=state, now=datetime.fromisoformat(NOW)).close()  # one schema
    scripts = {side: _script(side) for side in SIDES}
    procs = {side: _chat(state) for side in SIDES}
    # Both get their whole script at once and run it as fast as they can, interleaved.
    with ThreadPoolExecutor(len(procs)) as pool:
        futures = {
            side: pool.submit(proc.communicate, scripts[side][0], 300)
            for side, proc in procs.items()
        }
        results = {side: future.result() for side, future in futures.items()}
    outputs = {}
    for side, (out, err) in results.items():
        assert procs[side].returncode == 0 and "Traceback" not in err, err
        outputs[side] = [json.loads(line) for line in out.splitlines()]
    for side, turns in outputs.items():
        assert len(turns) == scripts[side][1]
        assert all(t["error"] is None for t in turns), [t["error"] for t in turns if t["error"]]
    conn = sqlite3.connect(state / "state.db")
    try:
        stored = [json.loads(row[0]) for row in conn.execute("SELECT item FROM scheduled")]
        logged = conn.execute("SELECT COUNT(*) FROM turns").fetchone()[0]
    finally:
        conn.close()
    minutes = sorted(
        round(
            (
                datetime.fromisoformat(i["due"]) - datetime.fromisoformat(i["created"])
            ).total_seconds()
            / 60
        )
        for i in stored
    )
    expected = sorted(30 + i + extra for i in range(TIMERS_PER_SIDE) for extra in (0, 100))
    assert minutes == expected, f"{len(stored)} of {2 * TIMERS_PER_SIDE} timers stored"
    assert logged == sum(n for _, n, _ in scripts.values())
    sim = Simulator.create(state_dir=state, now=datetime.fromisoformat(NOW))
    try:
        assert sim.home is not None
        devices = {d["name"].lower(): d["state"] for d in sim.home.to_json()["devices"]}
    finally:
        sim.close()
    for _, _, final in scripts.values():
        for device, on in final.items():
            assert devices[device]["on"] is on, device


def test_a_running_simulator_picks_up_another_processes_changes(tmp_path: Path) -> None:
    state = tmp_path / "state"
    sim = Simulator.create(state_dir=state, now=datetime.fromisoformat(NOW))
    try:
        assert sim.home is not None
        sim.handle_sync("set a timer for 10 minutes")
        for args in (["set a timer for 20 minutes"], ["turn on the garage light"]):
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "simulator",
                    "say",
                    *args,
                    "--state",
                    str(state),
                    "--now",
                    NOW,
                ],
                check=True,
                capture_output=True,
                timeout=120,
            )
        assert sim.refresh()
        assert len(sim.clock.pending()) == 2
        light = next(d for d in sim.home.devices.values() if d.name == "Garage light")
        assert light.get("on") is True
        # And our next save keeps them.
        sim.handle_sync("turn on the kitchen light")
    finally:
        sim.close()
    conn = sqlite3.connect(state / "state.db")
    try:
        assert conn.execute("SELECT COUNT(*) FROM scheduled").fetchone()[0] == 2
    finally:
        conn.close()
