"""A scripted evening in the second bundled home (Rose Cottage), run through the CLI (in-process,
tests/conftest.py): ``speaker-sim chat --jsonl`` plays tests/scripts/evening_cottage.txt, then
``speaker-sim devices --json`` shows what the evening left behind (the state is kept in a
temporary ``--state``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from conftest import run_cli_in_process

ROOT = Path(__file__).resolve().parent.parent
COTTAGE = ROOT / "simulator" / "devices" / "homes" / "cottage.yaml"
SCRIPT = ROOT / "tests" / "scripts" / "evening_cottage.txt"


def speaker_sim(*args: str, stdin: str = "") -> str:
    done = run_cli_in_process(args, stdin=stdin)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_an_evening_in_the_cottage(tmp_path: Path) -> None:
    home = ["--home", str(COTTAGE), "--state", str(tmp_path)]
    lines = SCRIPT.read_text(encoding="utf-8")
    out = speaker_sim("chat", "--jsonl", *home, stdin=lines)
    turns = [json.loads(line) for line in out.splitlines() if line.strip()]
    spoken = [t for t in turns if t["text"] is not None]
    said = [line for line in lines.splitlines() if line and not line.startswith(":")]
    assert [t["text"] for t in spoken] == said
    assert all(t["skill"] in ("smart_home", "builtin") for t in spoken)
    by_text = {t["text"]: t for t in spoken}
    assert by_text["unlock the stable door"]["speech"] == "Unlock the stable door?"
    assert by_text["yes"]["speech"] == "Okay, unlocked the stable door."
    assert by_text["is the stable door locked"]["speech"].startswith("No.")
    assert "24.5 degrees" in by_text["what's the temperature in the conservatory"]["speech"]

    listing = json.loads(speaker_sim("devices", "--json", *home))
    devices: dict[str, dict[str, Any]] = {d["id"]: d for d in listing["devices"]}
    for device in devices.values():
        assert {"id", "name", "type", "room", "state"} <= set(device)
    assert devices["pendant_lights"]["state"]["on"] is True
    assert devices["pendant_lights"]["state"]["brightness"] == 60
    assert devices["radiator"]["state"]["target_temperature"] == 21.0
    assert devices["conservatory_blinds"]["state"]["position"] == 0  # 30 minutes is time enough
    assert devices["stable_door"]["state"]["lock_state"] == "unlocked"
    assert devices["wood_burner_fan"]["state"]["fan_speed"] == "high"
    assert devices["snug_lamp"]["state"]["on"] is False
    assert devices["loft_ac"]["state"]["hvac_mode"] == "cool"
