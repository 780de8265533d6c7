"""Benchmarks of the language understanding: the learned stage's costs, and the router against
HassIL (Home Assistant's template matcher) on the same intents and sentences.

* :func:`run_learned_bench`: training the learned stage on the loaded skills cold (no cache) and
  warm (from the disk cache, in a fresh process-level memory), ``say`` end to end with a warm
  cache, and route latency for utterances that reach the classifier (paraphrases no template
  spells out) next to those a template matches.
* :func:`run_hassil_bench`: synthetic skill sets of 25, 250 and 2,500 intents, each intent with
  templates of alternatives and optional words, compiled once for both matchers; the same
  sentences (one drawn from every intent, up to ``sentences``) are recognised by
  ``hassil.recognize`` and routed by our `Router`, in interleaved rounds of the same run, and the
  medians compared. HassIL is an optional extra (``pip install hassil``); without it that part
  reports that it was skipped.

Timings depend on the machine and its load; compare only figures from the same run.
"""

from __future__ import annotations

import gc
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from simulator.nlu.normalize import normalize
from simulator.routing import learned
from simulator.routing.router import Router
from simulator.sdk.response import Response
from simulator.sdk.skill import Skill
from simulator.sdk.slots import SlotEnv

__all__ = ["PARAPHRASES", "run_hassil_bench", "run_learned_bench", "synthetic_intents"]

PARAPHRASES = (
    "could you make the kitchen light a bit dimmer",
    "trun on the ktichen light",
    "i would like the floor lamp switched on",
    "which timers are going",
    "what's the capital of france",
    "book a flight",
)
"""Utterances that no bundled template spells out, so they reach the learned stage."""


def _median_us(fn: Callable[[str], object], texts: Sequence[str], rounds: int) -> float:
    for text in texts[:20]:
        fn(text)
    samples: list[float] = []
    gc_was = gc.isenabled()
    gc.disable()
    try:
        for _ in range(rounds):
            for text in texts:
                start = time.perf_counter_ns()
                fn(text)
                samples.append((time.perf_counter_ns() - start) / 1000.0)
    finally:
        if gc_was:
            gc.enable()
    return round(statistics.median(samples), 1) if samples else 0.0


def run_learned_bench(rounds: int = 5) -> dict[str, Any]:
    """Training cold and warm, classifier-path route latency and warm ``say`` (see module doc)."""
    from simulator.engine import Simulator

    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as cache:
        cache_dir = Path(cache)
        learned._MEMO.clear()
        started = time.perf_counter()
        cold = Simulator.create(learned="off")
        base_seconds = time.perf_counter() - started
        stage = learned.LearnedStage("sync", cache_dir=cache_dir)
        started = time.perf_counter()
        stage.attach(cold.router, cold.skills, cold.training_env())
        out["train_cold_s"] = round(time.perf_counter() - started, 3)
        out["train_status"] = dict(stage.status)
        out["intents"] = len(stage.model.labels) if stage.model else 0
        learned._MEMO.clear()
        warm = learned.LearnedStage("sync", cache_dir=cache_dir)
        started = time.perf_counter()
        warm.attach(cold.router, cold.skills, cold.training_env())
        out["warm_start_extra_s"] = round(time.perf_counter() - started, 3)
        out["warm_origin"] = warm.status.get("origin")
        out["simulator_without_learned_s"] = round(base_seconds, 3)
        listing = cold.skill_listing(examples=5)
        examples = [e for s in listing for i in s["intents"] for e in i["examples"]]
        out["route_median_us_templates"] = _median_us(cold.route, examples, rounds)
        out["route_median_us_learned_path"] = _median_us(cold.route, list(PARAPHRASES), rounds * 10)
        cold.close()
        # `say` end to end in a fresh process, with the model already in the cache.
        env_cache = {"SPEAKER_SIM_CACHE": cache}
        times: list[float] = []
        for _ in range(3):
            started = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "simulator", "say", "please turn on the kitchen light"],
                env={**_environ(), **env_cache},
                capture_output=True,
                check=False,
                timeout=120,
            )
            times.append(time.perf_counter() - started)
        out["say_warm_s"] = round(statistics.median(times), 3)
        # Resident memory of a process holding what the terminal UI holds: the engine with every
        # bundled skill, the demo home, the learned stage (warm) and the Textual app's modules.
        probe = (
            "from simulator.engine import Simulator; import simulator.tui.app; "
            "s = Simulator.create(); s.route('hello'); "
            "print([l.split()[1] for l in open('/proc/self/status') if l.startswith('VmRSS')][0])"
        )
        done = subprocess.run(
            [sys.executable, "-c", probe],
            env={**_environ(), **env_cache},
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )
        rss = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""
        out["tui_process_rss_mb"] = round(int(rss) / 1024, 1) if rss.isdigit() else None
    return out


def _environ() -> dict[str, str]:
    import os

    return dict(os.environ)


# -- against HassIL --------------------------------------------------------------------------

_VERBS = ("set", "make", "turn", "switch", "put", "change")
_NOUNS = ("lamp", "light", "fan", "heater", "blind", "speaker", "kettle", "socket")
_COLOURS = ("red", "blue", "green", "warm", "cold", "bright", "dim", "loud")


def synthetic_intents(n: int, seed: int = 0) -> tuple[dict[str, list[str]], list[str]]:
    """``n`` intents (name -> templates) and one sentence drawn from each.

    Each intent owns a made-up word (``zqa12``...), so exactly one intent can match a sentence,
    and shares its verbs, nouns and colours with all the others, as real skills share words.
    """
    rng = random.Random(seed)
    intents: dict[str, list[str]] = {}
    sentences: list[str] = []
    for i in range(n):
        word = f"zq{i:05d}"
        verb = "|".join(rng.sample(_VERBS, 2))
        noun = "|".join(rng.sample(_NOUNS, 2))
        colour = "|".join(rng.sample(_COLOURS, 3))
        intents[f"Intent{i:05d}"] = [
            f"({verb}) [the] {word} ({noun}) [to] ({colour})",
            f"[please] {word} ({noun}) ({colour}) [now]",
        ]
        sentences.append(
            f"{verb.split('|')[0]} the {word} {noun.split('|')[1]} to {colour.split('|')[2]}"
        )
    return intents, sentences


def _our_router(intents: dict[str, list[str]]) -> Router:
    skill = Skill("synthetic")
    for name, templates in intents.items():
        skill.intent(name, samples=templates)(lambda _ctx: Response.speak("ok"))
    return Router([skill])


def _hassil_intents(intents: dict[str, list[str]]) -> Any:
    from hassil import Intents

    return Intents.from_dict(
        {
            "language": "en",
            "intents": {name: {"data": [{"sentences": t}]} for name, t in intents.items()},
        }
    )


def run_hassil_bench(
    sizes: Sequence[int] = (25, 250, 2500), sentences: int = 200, rounds: int = 3
) -> dict[str, Any]:
    """Median recognition time per sentence, ours and HassIL's, at each size (see module doc)."""
    try:
        import hassil
        from hassil import recognize
    except ImportError:
        return {"skipped": "hassil is not installed (pip install hassil)"}
    from importlib.metadata import version

    env = SlotEnv()
    rows: list[dict[str, Any]] = []
    for n in sizes:
        intents, all_sentences = synthetic_intents(n)
        texts = random.Random(n).sample(all_sentences, min(sentences, len(all_sentences)))
        router = _our_router(intents)
        router.warm()
        theirs = _hassil_intents(intents)

        def ours(text: str, router: Router = router) -> object:
            return router.route(normalize(text).split(), env=env)

        def hassils(text: str, theirs: Any = theirs) -> object:
            return recognize(text, theirs)

        # Both must understand every sentence, or the timing compares different work.
        wrong_ours = sum(
            1 for t in texts if router.route(normalize(t).split(), env=env).best is None
        )
        wrong_theirs = sum(1 for t in texts if hassils(t) is None)
        ours_us: list[float] = []
        theirs_us: list[float] = []
        for _ in range(rounds):
            ours_us.append(_median_us(ours, texts, 1))
            theirs_us.append(_median_us(hassils, texts, 1))
        mine, other = statistics.median(ours_us), statistics.median(theirs_us)
        rows.append(
            {
                "intents": n,
                "sentences": len(texts),
                "ours_median_us": mine,
                "hassil_median_us": other,
                "speedup": round(other / mine, 1) if mine else 0.0,
                "ours_unrecognised": wrong_ours,
                "hassil_unrecognised": wrong_theirs,
            }
        )
    return {"hassil_version": version("hassil"), "module": hassil.__name__, "rows": rows}
