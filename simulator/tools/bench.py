"""Route-latency benchmark: how long the NLU takes per utterance, and how that scales.

:func:`run_route_bench` routes every example utterance of the loaded skills (the bundled ones,
plus the demo home's smart-home intents when :mod:`simulator.devices` loads) a few times, with
the learned stage on as a user gets it, and reports the median, 99th percentile and mean time per
``Simulator.route`` call. The same utterances are timed in the same run with the learned stage
detached (``median_us_templates_only``), so its cost shows as a ratio.

It also measures how route time scales with the number of intents. The router indexes templates
by a required word, so adding intents the utterance cannot match should cost little. Two routers
are built over renamed copies of the same skills and timed on the same utterances in the same run:

* ``1x``: one copy of every skill's intents;
* ``20x``: twenty copies whose intents share the very same samples. Every copy of the right
  intent matches, so some growth here is inherent (20 matches to score instead of one);
* ``20x_distinct``: the one copy plus nineteen decoy copies whose every template starts with a
  made-up word of its own, so the decoys can never match. This isolates the index: with perfect
  pruning the ratio to ``1x`` stays near 1.

The scaling routers are timed on a seeded sample of the utterances (``SCALE_SAMPLE``), which
keeps the whole benchmark to a minute or so.

:func:`tui_memory_mb` reports the resident memory of a fresh process holding what the terminal UI
holds: every bundled skill, the demo home, the learned stage and the Textual app's modules.

Run it with ``speaker-sim bench`` or ``python benchmarks/route_latency.py``. Timings depend on the
machine and its load (reported as ``load_average``); only ratios measured in the same run are
worth comparing.
"""

from __future__ import annotations

import gc
import os
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from typing import Any

from simulator.engine import Simulator
from simulator.nlu.normalize import clean_display, normalize
from simulator.routing.router import Router
from simulator.sdk.skill import Skill
from simulator.sdk.slots import SlotEnv

__all__ = [
    "ASR_LEVELS",
    "SCALE_FACTOR",
    "SCALE_SAMPLE",
    "copy_skills",
    "format_hassil_table",
    "load_average",
    "run_asr_bench",
    "run_hassil_comparison",
    "run_route_bench",
    "tui_memory_mb",
]

SCALE_FACTOR = 20
"""How many copies of the skills the scaling router holds."""

SCALE_SAMPLE = 300
"""How many of the example utterances the scaling routers are timed on."""


def _build_simulator(seed: int) -> Simulator:
    """The bundled skills, with the demo home if the devices package loads and works."""
    try:
        return Simulator.create(seed=seed)
    except Exception:
        # The mock home is optional for this measurement: fall back to the skills alone.
        return Simulator.create(use_home=False, seed=seed)


def copy_skills(
    skills: Sequence[Skill], copy: int, *, decoy_word: str | None = None
) -> list[Skill]:
    """New `Skill` objects with the same intents, handlers and samples under new names.

    Each copy is named ``<skill>_c<copy>``. With ``decoy_word``, every sample is prefixed with
    that word, so the copy's templates cannot match utterances that lack it.
    """
    out: list[Skill] = []
    for skill in skills:
        clone = Skill(
            f"{skill.name}_c{copy}",
            description=skill.description,
            invocation=f"{skill.invocation or skill.name} copy {copy}",
            timeout=skill.timeout,
            rules=dict(skill.rules),
        )
        for spec in skill.intents.values():
            # English templates only: the benchmark compares with hassil on English sentences,
            # and a Chinese template uses rules from its language file, which the copy lacks.
            english = [t.text for t in spec.templates if t.language == "en"]
            if not english:
                continue  # reached only through a question, or Chinese only
            samples = [f"{decoy_word} {text}" if decoy_word else text for text in english]
            prompts = {name: slot.prompt for name, slot in spec.slots.items()}
            clone.intent(spec.name, samples=samples, prompts=prompts, confirm=spec.confirm)(
                spec.handler
            )
        out.append(clone)
    return out


def _time_calls(
    fn: Callable[[str], object], utterances: Sequence[str], rounds: int, rng: random.Random
) -> list[float]:
    """Time ``fn(u)`` for every utterance, ``rounds`` times in shuffled order; microseconds."""
    order = list(utterances)
    samples: list[float] = []
    for text in order[: min(len(order), 20)]:
        fn(text)  # warm-up: caches, lazy index rebuilds
    for _ in range(rounds):
        rng.shuffle(order)
        for text in order:
            start = time.perf_counter_ns()
            fn(text)
            samples.append((time.perf_counter_ns() - start) / 1000.0)
    return samples


def _p99(values: Sequence[float]) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    index = min(len(ordered) - 1, max(0, round(0.99 * (len(ordered) - 1))))
    return ordered[index]


def load_average() -> list[float]:
    """The 1, 5 and 15 minute load averages (empty where the OS does not say)."""
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return []


# What the terminal UI holds once it is up: the app's modules, the engine with every bundled
# skill, the demo home and the learned stage (trained or loaded from the cache), one turn routed.
_MEMORY_PROBE = """
import simulator.tui.app
from simulator.engine import Simulator
sim = Simulator.create()
sim.learned.wait(120)
sim.route("turn on the kitchen light")
sim.route("could you make the kitchen light a bit dimmer")
with open("/proc/self/status") as status:
    print(next(line.split()[1] for line in status if line.startswith("VmRSS")))
"""


def tui_memory_mb(timeout: float = 300.0) -> float | None:
    """Resident memory (MiB) of a fresh process holding what the TUI holds; None if unknown.

    Measured in a child process so this process's own allocations (the scaling routers) do not
    count. Needs ``/proc`` (Linux).
    """
    try:
        done = subprocess.run(
            [sys.executable, "-c", _MEMORY_PROBE],
            capture_output=True,
            text=True,
            check=False,
            timeout=timeout,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines or not lines[-1].isdigit():
        return None
    return round(int(lines[-1]) / 1024, 1)


def _router_fn(router: Router, env: SlotEnv) -> Callable[[str], object]:
    def route(text: str) -> object:
        return router.route(normalize(clean_display(text)).split(), env=env)

    return route


def run_route_bench(rounds: int = 5, seed: int = 0, *, memory: bool = True) -> dict[str, Any]:
    """Route every example utterance ``rounds`` times and report latency figures.

    Returns ``utterances`` (distinct examples timed), ``templates`` (indexed in the simulator),
    ``rounds``, ``learned`` (whether the learned stage was on), ``median_us``, ``p99_us`` and
    ``mean_us`` for ``Simulator.route``, ``median_us_templates_only`` and ``ratio_learned`` (the
    same utterances with the learned stage detached, in interleaved rounds), and for the
    scaling check ``median_us_1x``, ``median_us_20x``, ``ratio_20x``, ``median_us_20x_distinct``
    and ``ratio_20x_distinct`` (router-only timings on ``scale_utterances`` of them, see the
    module docstring), plus ``templates_1x``, ``templates_20x``, ``home`` (whether the demo home
    was loaded), ``load_average`` before and after, and with ``memory`` ``tui_rss_mb`` (see
    :func:`tui_memory_mb`).
    """
    load_before = load_average()
    rounds = max(1, int(rounds))
    rng = random.Random(seed)
    sim = _build_simulator(seed)
    gc_was_enabled = gc.isenabled()
    try:
        listing = sim.skill_listing(examples=20)
        utterances = list(
            dict.fromkeys(
                example
                for skill in listing
                for intent in skill["intents"]
                for example in intent["examples"]
            )
        )
        env = sim.slot_env()
        sim.learned.wait(300)  # time the learned stage as a user gets it, not while it trains
        learned_on = sim.router.classifier is not None
        sample = random.Random(seed).sample(utterances, min(SCALE_SAMPLE, len(utterances)))
        one = copy_skills(sim.skills, 0)
        many = [s for k in range(SCALE_FACTOR) for s in copy_skills(sim.skills, k)]
        distinct = one + [
            s
            for k in range(1, SCALE_FACTOR)
            for s in copy_skills(sim.skills, k, decoy_word=f"zzdecoy{k}")
        ]
        router_1x = Router(one)
        router_20x = Router(many)
        router_distinct = Router(distinct)

        gc.disable()  # keep collector pauses out of the per-call timings
        # With and without the learned stage, in interleaved rounds, so that load changes on a
        # shared machine hit both alike.
        classifier = sim.router.classifier
        main: list[float] = []
        bare: list[float] = []
        try:
            for _ in range(rounds):
                sim.router.classifier = classifier
                main += _time_calls(sim.route, utterances, 1, rng)
                sim.router.classifier = None
                bare += _time_calls(sim.route, utterances, 1, rng)
        finally:
            sim.router.classifier = classifier
        # The three routers likewise.
        t_1x: list[float] = []
        t_20x: list[float] = []
        t_distinct: list[float] = []
        for _ in range(rounds):
            t_1x += _time_calls(_router_fn(router_1x, env), sample, 1, rng)
            t_20x += _time_calls(_router_fn(router_20x, env), sample, 1, rng)
            t_distinct += _time_calls(_router_fn(router_distinct, env), sample, 1, rng)
    finally:
        if gc_was_enabled:
            gc.enable()
        sim.close()

    def median(values: Sequence[float]) -> float:
        return round(statistics.median(values), 2) if values else 0.0

    m1, m20, md = median(t_1x), median(t_20x), median(t_distinct)
    m_main, m_bare = median(main), median(bare)
    result: dict[str, Any] = {
        "utterances": len(utterances),
        "templates": len(sim.router),
        "rounds": rounds,
        "learned": learned_on,
        "median_us": m_main,
        "p99_us": round(_p99(main), 2),
        "mean_us": round(statistics.fmean(main), 2) if main else 0.0,
        "median_us_templates_only": m_bare,
        "ratio_learned": round(m_main / m_bare, 2) if m_bare else 0.0,
        "home": sim.home is not None,
        "scale_utterances": len(sample),
        "templates_1x": len(router_1x),
        "templates_20x": len(router_20x),
        "median_us_1x": m1,
        "median_us_20x": m20,
        "ratio_20x": round(m20 / m1, 2) if m1 else 0.0,
        "median_us_20x_distinct": md,
        "ratio_20x_distinct": round(md / m1, 2) if m1 else 0.0,
        "load_average": {"before": load_before, "after": load_average()},
    }
    if memory:
        result["tui_rss_mb"] = tui_memory_mb()
    return result


def run_hassil_comparison(
    sizes: Sequence[int] = (25, 250, 2500), sentences: int = 200, rounds: int = 3
) -> dict[str, Any]:
    """Our router against HassIL 3.x on the same synthetic intents and sentences.

    The figures of `simulator.tools.nlu_bench.run_hassil_bench` (medians per size, measured in
    interleaved rounds of this run), plus ``growth``: how much our median grew from the smallest
    to the largest size next to how much the number of intents grew (sublinear when the first
    is far below the second), and the load average before and after.
    """
    from simulator.tools.nlu_bench import run_hassil_bench

    before = load_average()
    result = run_hassil_bench(sizes, sentences=sentences, rounds=rounds)
    rows = result.get("rows") or []
    if len(rows) >= 2 and rows[0]["ours_median_us"]:
        first, last = rows[0], rows[-1]
        result["growth"] = {
            "intents": round(last["intents"] / first["intents"], 1),
            "ours": round(last["ours_median_us"] / first["ours_median_us"], 2),
            "hassil": round(last["hassil_median_us"] / first["hassil_median_us"], 2)
            if first["hassil_median_us"]
            else None,
        }
    result["load_average"] = {"before": before, "after": load_average()}
    return result


def format_hassil_table(result: dict[str, Any]) -> str:
    """The comparison as a table: intents, our median, HassIL's median, the ratio."""
    if "rows" not in result:
        return f"hassil: {result.get('skipped', 'not measured')}"
    lines = [
        f"route median per sentence, ours vs hassil {result.get('hassil_version', '?')} (µs)",
        f"{'intents':>8} {'sentences':>9} {'ours':>10} {'hassil':>12} {'hassil/ours':>12}",
    ]
    for row in result["rows"]:
        lines.append(
            f"{row['intents']:>8} {row['sentences']:>9} {row['ours_median_us']:>10.1f} "
            f"{row['hassil_median_us']:>12.1f} {row['speedup']:>11.1f}x"
        )
        missed = row.get("ours_unrecognised", 0) + row.get("hassil_unrecognised", 0)
        if missed:
            lines.append(
                f"{'':>8} unrecognised: ours {row.get('ours_unrecognised', 0)}, "
                f"hassil {row.get('hassil_unrecognised', 0)}"
            )
    growth = result.get("growth")
    if growth:
        lines.append(
            f"{growth['intents']:.0f}x the intents: our median x{growth['ours']:.2f}, "
            f"hassil's x{growth['hassil']}"
        )
    load = result.get("load_average") or {}
    if load.get("before"):
        lines.append(f"load average before {load['before']}, after {load.get('after')}")
    return "\n".join(lines)


ASR_LEVELS = (0.0, 0.1, 0.2, 0.3)
"""The noise levels `run_asr_bench` reports."""


def run_asr_bench(
    levels: Sequence[float] = ASR_LEVELS, *, per_intent: int = 8, seed: int = 0
) -> dict[str, Any]:
    """Intent accuracy of the bundled skills' example utterances heard through the simulated
    recogniser at each noise level.

    Each example is "heard" (seeded by ``seed`` and its position, so every level and run
    hears the same sentence the same way), routed without dialog context, and counts as right
    when it reaches the intent it was made from. Context-only and follow-up intents are left
    out (they route only inside a conversation). Returns ``examples``, ``levels`` (a list of
    ``{noise, accuracy, correct, fallback}``) and a few ``misheard`` examples at the highest
    level.
    """
    from simulator.nlu.asr import SimulatedRecogniser
    from simulator.routing.samples import example_utterances

    sim = _build_simulator(seed)
    try:
        env = sim.slot_env()
        rng = random.Random(seed)
        examples: list[tuple[str, str, str]] = []
        for skill in sim.skills:
            for spec in skill.intents.values():
                if spec.context_only:
                    continue
                for text in example_utterances(spec, env, rng, limit=per_intent):
                    examples.append((text, skill.name, spec.name))
        names = sim.device_names()
        rows: list[dict[str, Any]] = []
        misheard: list[dict[str, Any]] = []
        for level in levels:
            recogniser = SimulatedRecogniser(level, seed=seed)
            correct = fallback = 0
            for number, (text, skill_name, intent) in enumerate(examples):
                heard = recogniser.recognise_at(text, number, names=names).heard
                result = sim.route(heard)
                if (result.skill, result.intent) == (skill_name, intent):
                    correct += 1
                else:
                    if result.intent is None:
                        fallback += 1
                    if level == max(levels) and heard != text:
                        misheard.append(
                            {
                                "said": text,
                                "heard": heard,
                                "expected": f"{skill_name}.{intent}",
                                "got": f"{result.skill}.{result.intent}"
                                if result.intent
                                else "fallback",
                            }
                        )
            rows.append(
                {
                    "noise": level,
                    "accuracy": round(correct / len(examples), 4) if examples else 0.0,
                    "correct": correct,
                    "fallback": fallback,
                }
            )
        # A few misses from across the skills, not only the first skill's.
        step = max(1, len(misheard) // 5)
        return {"examples": len(examples), "levels": rows, "misheard": misheard[::step][:5]}
    finally:
        sim.close()
