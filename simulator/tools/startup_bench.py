"""Start-up benchmark: how long ``speaker-sim say`` takes end to end, in fresh processes.

``speaker-sim bench --startup`` (and ``python benchmarks/startup.py``) runs ``python -m simulator
say`` in new processes, each with its own empty state directory and one model cache shared by
all of them:

* **cold**: the first run, with an empty model cache. A template answers its sentence, so the
  command line never trains (the learned stage loads lazily); the run after it is the first to
  need the learned stage and trains it (``cold_learned``).
* **warm, template**: a sentence a template takes as said ("turn on the kitchen light"): no model
  is loaded and numpy is not imported.
* **warm, learned**: a paraphrase only the learned stage understands: the model is read from the
  cache.

Each warm figure is the median over ``rounds`` runs, as wall-clock seconds and as CPU seconds
(user + system, of the child process), since on a shared machine the wall clock mostly measures
the other processes. The load average before and after is reported with them. Byte code is
compiled once by the first run (to a temporary prefix when ``PYTHONDONTWRITEBYTECODE`` is set,
which is said in the result), so the warm runs measure a normal installed start.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

__all__ = ["LEARNED_SENTENCE", "TEMPLATE_SENTENCE", "format_startup", "run_startup_bench"]

TEMPLATE_SENTENCE = "turn on the kitchen light"
"""Taken by a template as said: the learned stage is never consulted."""
LEARNED_SENTENCE = "could you make the kitchen a bit brighter please"
"""No template takes it as said: the learned stage reads it (its model loaded from the cache)."""


def _one_say(text: str, env: dict[str, str]) -> tuple[float, float, str]:
    """(wall seconds, CPU seconds, stdout) of one ``python -m simulator say TEXT``."""
    with tempfile.TemporaryDirectory(prefix="speaker-sim-bench-state-") as state:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "simulator", "say", "--state", state, text],
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        wall = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise RuntimeError(f"speaker-sim say {text!r} failed: {done.stderr.strip()[-500:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.stdout.strip()


def _load() -> float:
    return round(os.getloadavg()[0], 2)


def run_startup_bench(rounds: int = 5) -> dict[str, Any]:
    """Cold and warm ``say`` timings (see the module doc); medians over ``rounds`` warm runs."""
    rounds = max(1, rounds)
    out: dict[str, Any] = {"rounds": rounds, "load_average": {"before": _load()}}
    with tempfile.TemporaryDirectory(prefix="speaker-sim-bench-") as work:
        env = dict(os.environ)
        env["SPEAKER_SIM_CACHE"] = str(Path(work) / "models")
        env.pop("SPEAKER_SIM_STATE", None)
        out["pythondontwritebytecode"] = bool(env.pop("PYTHONDONTWRITEBYTECODE", None))
        if out["pythondontwritebytecode"]:
            # As an installed package would have it: byte code written once, then read.
            env["PYTHONPYCACHEPREFIX"] = str(Path(work) / "pycache")
        wall, cpu, reply = _one_say(TEMPLATE_SENTENCE, env)
        out["cold"] = {"wall_s": round(wall, 3), "cpu_s": round(cpu, 3), "reply": reply}
        wall, cpu, reply = _one_say(LEARNED_SENTENCE, env)
        out["cold_learned"] = {"wall_s": round(wall, 3), "cpu_s": round(cpu, 3), "reply": reply}
        for name, text in (
            ("warm_template", TEMPLATE_SENTENCE),
            ("warm_learned", LEARNED_SENTENCE),
        ):
            walls: list[float] = []
            cpus: list[float] = []
            for _ in range(rounds):
                wall, cpu, reply = _one_say(text, env)
                walls.append(wall)
                cpus.append(cpu)
            out[name] = {
                "sentence": text,
                "wall_median_s": round(statistics.median(walls), 3),
                "cpu_median_s": round(statistics.median(cpus), 3),
                "wall_min_s": round(min(walls), 3),
                "reply": reply,
            }
    out["load_average"]["after"] = _load()
    return out


def format_startup(result: dict[str, Any]) -> str:
    """The figures as a small table."""
    rows = [
        (
            "cold (empty model cache)",
            f"{result['cold']['wall_s']:.2f} s wall, {result['cold']['cpu_s']:.2f} s CPU",
        ),
        (
            "first learned sentence (trains)",
            f"{result['cold_learned']['wall_s']:.2f} s wall, "
            f"{result['cold_learned']['cpu_s']:.2f} s CPU",
        ),
    ]
    for name, label in (("warm_template", "warm, template"), ("warm_learned", "warm, learned")):
        row = result[name]
        rows.append(
            (
                f"{label} (median of {result['rounds']})",
                f"{row['wall_median_s']:.2f} s wall (min {row['wall_min_s']:.2f}), "
                f"{row['cpu_median_s']:.2f} s CPU",
            )
        )
    load = result["load_average"]
    rows.append(("load average", f"{load['before']} before, {load['after']} after"))
    if result.get("pythondontwritebytecode"):
        rows.append(("PYTHONDONTWRITEBYTECODE", "set: byte code went to a temporary prefix"))
    width = max(len(label) for label, _ in rows)
    return "\n".join(f"{label:<{width}}  {value}" for label, value in rows)
