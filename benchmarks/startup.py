"""Start-up benchmark: ``speaker-sim say`` end to end in fresh processes, cold and warm.

::

    python benchmarks/startup.py              # a small table (5 warm runs of each sentence)
    python benchmarks/startup.py --rounds 9
    python benchmarks/startup.py --json
    python benchmarks/startup.py --against ../main --rounds 7   # warm A/B, interleaved

The same as ``speaker-sim bench --startup``; see `simulator.tools.startup_bench` for what is
run. Wall-clock times depend on the machine's load (printed); the CPU seconds much less so.

``--against DIR`` compares this checkout (B) with another (A, a checkout of this project)
instead: each round runs a warm ``say`` of the template sentence and of the learned one in
each tree, alternating A, B, A, B (fresh processes, so both see the same load), and prints
the CPU medians, B/A ratios and the warm start's extra (learned less template) of each. Each
tree has a scratch cache of its own (template, YAML, skill and model caches), filled by
untimed runs: before 2026-11-30 two trees sharing one cache directory rewrote each other's
skill manifest, so each warm start after the other tree's imported every bundled skill.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from simulator.tools.startup_bench import (
    LEARNED_SENTENCE,
    TEMPLATE_SENTENCE,
    format_startup,
    run_startup_bench,
)

_SENTENCES = {"template": TEMPLATE_SENTENCE, "learned": LEARNED_SENTENCE}


def _say_cpu(tree: Path, text: str, env: dict[str, str], cache: Path) -> float:
    """CPU seconds (user + system) of one ``python -m simulator say TEXT`` from ``tree``, with a
    state directory of its own and the caches in ``cache``, run from a scratch directory
    (``PYTHONPATH`` picks the tree)."""
    child = dict(env, PYTHONPATH=str(tree), SPEAKER_SIM_CACHE=str(cache))
    with (
        tempfile.TemporaryDirectory(prefix="speaker-sim-ab-state-") as state,
        tempfile.TemporaryDirectory(prefix="speaker-sim-ab-cwd-") as cwd,
    ):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        done = subprocess.run(
            [sys.executable, "-m", "simulator", "say", "--state", state, text],
            env=child,
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{tree}: say {text!r} failed:\n{done.stderr[-2000:]}")
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _imports_from(tree: Path, env: dict[str, str]) -> bool:
    """Whether a child with ``PYTHONPATH`` set to ``tree`` imports that tree's ``simulator``."""
    done = subprocess.run(
        [sys.executable, "-c", "import simulator; print(simulator.__file__)"],
        env=dict(env, PYTHONPATH=str(tree)),
        cwd=tempfile.gettempdir(),
        capture_output=True,
        text=True,
        check=False,
    )
    return Path(done.stdout.strip()).resolve() == (tree / "simulator" / "__init__.py").resolve()


def run_ab(a: Path, b: Path, rounds: int) -> dict[str, Any]:
    """``rounds`` interleaved warm rounds of A and B; CPU medians, ratios and the raw figures."""
    env = dict(os.environ)
    runs: dict[str, dict[str, list[float]]] = {t: {k: [] for k in _SENTENCES} for t in "AB"}
    with tempfile.TemporaryDirectory(prefix="speaker-sim-ab-") as scratch:
        caches = {"A": Path(scratch) / "cache-a", "B": Path(scratch) / "cache-b"}
        if env.pop("PYTHONDONTWRITEBYTECODE", None) is not None:
            env["PYTHONPYCACHEPREFIX"] = str(Path(scratch) / "pycache")
        for name, tree in (("A", a), ("B", b)):
            for text in (*_SENTENCES.values(), *_SENTENCES.values()):
                # Untimed: byte code, caches, the model trained.
                _say_cpu(tree, text, env, caches[name])
        load_before = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
        for _ in range(rounds):
            for name, tree in (("A", a), ("B", b)):
                for kind, text in _SENTENCES.items():
                    runs[name][kind].append(_say_cpu(tree, text, env, caches[name]))
    load_after = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    medians = {t: {k: statistics.median(v) for k, v in kinds.items()} for t, kinds in runs.items()}
    return {
        "a": str(a),
        "b": str(b),
        "rounds": rounds,
        "load": [load_before, load_after],
        "cpu_medians_s": medians,
        "ratios_b_over_a": {k: medians["B"][k] / medians["A"][k] for k in _SENTENCES},
        "warm_start_extra_s": {t: medians[t]["learned"] - medians[t]["template"] for t in "AB"},
        "runs": runs,
    }


def _format_ab(result: dict[str, Any]) -> str:
    """The A/B result as a few lines of text."""
    med, ratio = result["cpu_medians_s"], result["ratios_b_over_a"]
    lines = [
        f"warm say, CPU medians over {result['rounds']} interleaved rounds "
        f"(load {result['load'][0]} -> {result['load'][1]})",
        f"A {result['a']}",
        f"B {result['b']}",
    ]
    for kind in _SENTENCES:
        lines.append(
            f"{kind:>8}: A {med['A'][kind]:.3f} s  B {med['B'][kind]:.3f} s  B/A x{ratio[kind]:.2f}"
        )
    extra = result["warm_start_extra_s"]
    lines.append(
        f"warm start extra (learned less template): A {extra['A']:.3f} s  B {extra['B']:.3f} s"
    )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="warm runs per sentence")
    parser.add_argument("--json", action="store_true", help="print the raw figures as JSON")
    parser.add_argument(
        "--against", type=Path, help="another checkout (A): warm say of both, interleaved"
    )
    args = parser.parse_args(argv)
    if args.against is not None:
        here = Path(__file__).resolve().parent.parent
        trees = (args.against.resolve(), here)
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        for tree in trees:
            if not (tree / "simulator" / "__init__.py").is_file():
                parser.error(f"{tree}: not a checkout of speaker-sim (no simulator/__init__.py)")
            if not _imports_from(tree, env):
                parser.error(f"{tree}: PYTHONPATH does not make this interpreter import it")
        ab = run_ab(*trees, max(1, args.rounds))
        print(json.dumps(ab, indent=2) if args.json else _format_ab(ab))
        return 0
    result = run_startup_bench(rounds=args.rounds)
    print(json.dumps(result, indent=2) if args.json else format_startup(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
