"""Cold training of the bundled skills' learned stage, each round in a fresh process.

::

    python benchmarks/training.py                       # 5 rounds of this checkout
    python benchmarks/training.py --rounds 7 --json
    python benchmarks/training.py --against ../main     # interleaved with another checkout

Each round starts a new interpreter (so scikit-learn, scipy and numpy are imported cold, as on
a user's first learned sentence), builds the simulator with the learned stage off, then times
`LearnedStage.attach` on an empty model cache: drawing the samples, importing scikit-learn,
the features, the fits and writing the model. Reported per tree: the medians of that wall
clock and CPU time, of the model's own record of its parts (``train_detail``), and the model
files' size. ``--against DIR`` runs another source tree (a checkout of this project) in
alternate rounds with the same interpreter, so both see the same load. Byte code is compiled
by an untimed first round (a user's install has it), into a temporary prefix when the
environment forbids writing it beside the sources.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

_ROUND = r"""
import json, sys, tempfile, time
from pathlib import Path
from simulator.engine import Simulator
from simulator.routing import learned
sim = Simulator.create(learned="off")
env = sim.training_env()
assert "sklearn" not in sys.modules, "scikit-learn was imported before training"
with tempfile.TemporaryDirectory() as cache:
    wall, cpu = time.perf_counter(), time.process_time()
    stage = learned.LearnedStage("sync", cache_dir=Path(cache))
    stage.attach(sim.router, sim.skills, env)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    size = sum(p.stat().st_size for p in Path(cache).iterdir() if p.suffix != ".lock")
model = stage.model
assert model is not None, stage.status
print(json.dumps({
    "wall_s": wall, "cpu_s": cpu, "model_bytes": size, "detail": model.train_detail,
    "features": model.featurizer.size, "labels": len(model.labels),
    "samples_kept": len(model.samples), "sharpness": float(model.cal_a[0]),
}))
"""


def _one(tree: Path, env: dict[str, str]) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-c", _ROUND],
        cwd=tree,  # `-c` imports from the working directory first: this tree's `simulator`
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    if done.returncode != 0:
        raise SystemExit(f"{tree}: training failed:\n{done.stderr[-2000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _summary(runs: list[dict[str, Any]]) -> dict[str, Any]:
    def median(values: Sequence[float]) -> float:
        return round(statistics.median(values), 3)

    parts = sorted({k for run in runs for k in run["detail"]})
    return {
        "rounds": len(runs),
        "wall_s": median([r["wall_s"] for r in runs]),
        "cpu_s": median([r["cpu_s"] for r in runs]),
        "detail": {k: median([r["detail"].get(k, 0.0) for r in runs]) for k in parts},
        "model_mb": round(runs[-1]["model_bytes"] / 1e6, 2),
        "features": runs[-1]["features"],
        "labels": runs[-1]["labels"],
        "sharpness": [round(r["sharpness"], 4) for r in runs],
    }


def run(trees: Sequence[Path], rounds: int) -> dict[str, Any]:
    """``rounds`` cold trainings of each tree, interleaved; their summaries by tree."""
    env = dict(os.environ)
    with tempfile.TemporaryDirectory(prefix="speaker-sim-bench-") as scratch:
        env["SPEAKER_SIM_CACHE"] = str(Path(scratch) / "cache")  # template and YAML caches
        if env.pop("PYTHONDONTWRITEBYTECODE", None) is not None:
            env["PYTHONPYCACHEPREFIX"] = str(Path(scratch) / "pycache")
        for tree in trees:
            _one(tree, env)  # untimed: compiles the byte code, fills the template caches
        runs: dict[Path, list[dict[str, Any]]] = {tree: [] for tree in trees}
        for _ in range(rounds):
            for tree in trees:
                runs[tree].append(_one(tree, env))
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    return {"load_after": load, "trees": {str(t): _summary(r) for t, r in runs.items()}}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="cold trainings per tree")
    parser.add_argument(
        "--against", type=Path, action="append", default=[], help="another checkout to compare"
    )
    parser.add_argument("--json", action="store_true", help="print the raw figures as JSON")
    args = parser.parse_args(argv)
    here = Path(__file__).resolve().parent.parent
    trees = [here, *(p.resolve() for p in args.against)]
    for tree in trees:
        if not (tree / "simulator" / "__init__.py").is_file():
            parser.error(f"{tree}: not a checkout of speaker-sim (no simulator/__init__.py)")
    result = run(trees, max(1, args.rounds))
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"cold training of the bundled skills, medians (load after: {result['load_after']})")
    for tree, row in result["trees"].items():
        parts = ", ".join(f"{k} {v:.2f}" for k, v in row["detail"].items())
        print(
            f"{tree}: {row['wall_s']:.2f} s wall, {row['cpu_s']:.2f} s CPU over {row['rounds']} "
            f"rounds; {parts}; model {row['model_mb']} MB, {row['features']} features, "
            f"{row['labels']} labels, sharpness {row['sharpness']}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
