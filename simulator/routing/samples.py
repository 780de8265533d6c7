"""Concrete example utterances drawn from an intent's templates.

Each template is sampled uniformly over its expansions (so a template with a thousand phrasings does
not crowd out one with two), and each ``{slot}`` is filled with one of its type's spoken examples.
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Sequence

from simulator.nlu.expand import count_expansions, expand, sample
from simulator.nlu.template import SlotRef
from simulator.nlu.zh import join_words
from simulator.sdk.skill import IntentSpec
from simulator.sdk.slots import SlotEnv

__all__ = ["example_utterances"]


def _fill(
    pieces: Sequence[str | SlotRef], intent: IntentSpec, env: SlotEnv, rng: random.Random
) -> str:
    words: list[str] = []
    for piece in pieces:
        if isinstance(piece, SlotRef):
            spec = intent.slots.get(piece.name)
            options = list(spec.type.examples(env)) if spec else [piece.name]
            words.append(rng.choice(options) if options else piece.name)
        else:
            words.append(piece)
    return join_words(words)  # Chinese words join without spaces: 打开客厅的灯


def example_utterances(
    intent: IntentSpec, env: SlotEnv, rng: random.Random, limit: int = 20
) -> list[str]:
    """Up to ``limit`` distinct utterances for ``intent``, covering every template in turn."""
    found: dict[str, None] = {}
    pools: list[list[tuple[str | SlotRef, ...]] | None] = []
    for template in intent.templates:
        # Small templates are enumerated (so every phrasing shows up); big ones are sampled.
        if count_expansions(template.node) <= limit:
            pools.append(list(expand(template.node)))
        else:
            pools.append(None)
    attempts = 0
    # A Chinese template is filled with Chinese values ("五分钟"), an English one with English.
    envs = {
        t.language: env
        if t.language == env.language
        else dataclasses.replace(env, language=t.language)
        for t in intent.templates
    }
    while len(found) < limit and attempts < limit * 10:
        progressed = False
        for template, pool in zip(intent.templates, pools, strict=True):
            if len(found) >= limit:
                break
            if pool is not None:
                if not pool:
                    continue
                pieces = pool.pop(0)
            else:
                pieces = sample(template.node, rng)
            text = _fill(pieces, intent, envs[template.language], rng)
            if text and text not in found:
                found[text] = None
                progressed = True
        attempts += 1
        if not progressed and all(p is not None and not p for p in pools):
            break
    return list(found)
