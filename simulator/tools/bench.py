"""Route-latency benchmark: how long the NLU takes per utterance, and how that scales.

:func:`run_route_bench` routes every example utterance of the loaded skills (the bundled ones,
plus the demo home's smart-home intents when :mod:`simulator.devices` loads) a few times and
reports the median, 99th percentile and mean time per ``Simulator.route`` call.

It also measures how route time scales with the number of intents. The router indexes templates
by a required word, so adding intents the utterance cannot match should cost little. Two routers
are built over renamed copies of the same skills and timed on the same utterances in the same run:

* ``1x``: one copy of every skill's intents;
* ``20x``: twenty copies whose intents share the very same samples. Every copy of the right
  intent matches, so some growth here is inherent (20 matches to score instead of one);
* ``20x_distinct``: the one copy plus nineteen decoy copies whose every template starts with a
  made-up word of its own, so the decoys can never match. This isolates the index: with perfect
  pruning the ratio to ``1x`` stays near 1.

Run it with ``speaker-sim bench`` or ``python benchmarks/route_latency.py``. Timings depend on the
machine and its load; only ratios measured in the same run are worth comparing.
"""

from __future__ import annotations

import gc
import random
import statistics
import time
from collections.abc import Callable, Sequence
from typing import Any

from simulator.engine import Simulator
from simulator.nlu.normalize import clean_display, normalize
from simulator.routing.router import Router
from simulator.sdk.skill import Skill
from simulator.sdk.slots import SlotEnv

__all__ = ["ASR_LEVELS", "SCALE_FACTOR", "copy_skills", "run_asr_bench", "run_route_bench"]

SCALE_FACTOR = 20
"""How many copies of the skills the scaling router holds."""


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
            samples = [f"{decoy_word} {text}" if decoy_word else text for text in spec.samples]
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


def _router_fn(router: Router, env: SlotEnv) -> Callable[[str], object]:
    def route(text: str) -> object:
        return router.route(normalize(clean_display(text)).split(), env=env)

    return route


def run_route_bench(rounds: int = 5, seed: int = 0) -> dict[str, Any]:
    """Route every example utterance ``rounds`` times and report latency figures.

    Returns ``utterances`` (distinct examples timed), ``templates`` (indexed in the simulator),
    ``rounds``, ``median_us``, ``p99_us`` and ``mean_us`` for ``Simulator.route``, and for the
    scaling check ``median_us_1x``, ``median_us_20x``, ``ratio_20x``, ``median_us_20x_distinct``
    and ``ratio_20x_distinct`` (router-only timings, see the module docstring), plus
    ``templates_1x``, ``templates_20x`` and ``home`` (whether the demo home was loaded).
    """
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
        main = _time_calls(sim.route, utterances, rounds, rng)
        # The three routers are timed in interleaved rounds so that load changes on a shared
        # machine hit them alike.
        t_1x: list[float] = []
        t_20x: list[float] = []
        t_distinct: list[float] = []
        for _ in range(rounds):
            t_1x += _time_calls(_router_fn(router_1x, env), utterances, 1, rng)
            t_20x += _time_calls(_router_fn(router_20x, env), utterances, 1, rng)
            t_distinct += _time_calls(_router_fn(router_distinct, env), utterances, 1, rng)
    finally:
        if gc_was_enabled:
            gc.enable()
        sim.close()

    def median(values: Sequence[float]) -> float:
        return round(statistics.median(values), 2) if values else 0.0

    m1, m20, md = median(t_1x), median(t_20x), median(t_distinct)
    return {
        "utterances": len(utterances),
        "templates": len(sim.router),
        "rounds": rounds,
        "median_us": median(main),
        "p99_us": round(_p99(main), 2),
        "mean_us": round(statistics.fmean(main), 2) if main else 0.0,
        "home": sim.home is not None,
        "templates_1x": len(router_1x),
        "templates_20x": len(router_20x),
        "median_us_1x": m1,
        "median_us_20x": m20,
        "ratio_20x": round(m20 / m1, 2) if m1 else 0.0,
        "median_us_20x_distinct": md,
        "ratio_20x_distinct": round(md / m1, 2) if m1 else 0.0,
    }


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
                if spec.follow_up or spec.context_only:
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
