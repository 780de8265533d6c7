"""Concrete example utterances drawn from an intent's templates.

Each template is sampled uniformly over its expansions (so a template with a thousand phrasings does
not crowd out one with two), and each ``{slot}`` is filled with one of its type's spoken examples.

English examples are then made to read as a person would say them (`tidy_words`): templates
write "[a|an]" and slot values bring their own articles, so a raw fill gives "set an ten
seconds timer", "is it a a towel" or "cancel all of alarms". A value that starts with a
preposition is not put straight after one ("move it to in 10 minutes") when the slot has another.
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Sequence

from simulator.nlu.closed_class import NOUN_PHRASE_STARTS
from simulator.nlu.expand import expand, expansion_counter, sample
from simulator.nlu.template import SlotRef
from simulator.nlu.zh import join_words
from simulator.sdk.skill import IntentSpec
from simulator.sdk.slots import SlotEnv

__all__ = ["example_utterances", "tidy_words"]

_ARTICLES = frozenset({"a", "an", "the"})
# Words after "all of" that make it read well ("all of my alarms"); before anything else
# ("all of alarms") the "of" goes.
_AFTER_ALL_OF = frozenset(
    {"my", "the", "your", "our", "these", "those", "them", "it", "us", "you", "this", "that"}
    | {"his", "her", "their"}
)
# Words that start a value which cannot follow a preposition: "to in 10 minutes".
_PREPOSITIONS = frozenset(
    {"to", "at", "in", "on", "for", "by", "from", "until", "till", "into", "onto", "every"}
)
# Spellings whose first letter misleads: "a unicorn", "a one-off", "an hour", "an honest".
_CONSONANT_SOUND = ("uni", "use", "usu", "uti", "ure", "eu", "one", "once", "ubiq")
_VOWEL_SOUND = ("hour", "honest", "honour", "honor", "heir")


def _fill(
    pieces: Sequence[str | SlotRef],
    intent: IntentSpec,
    env: SlotEnv,
    rng: random.Random,
    readable: bool = True,
    values: dict[tuple[str, str], list[str]] | None = None,
) -> str:
    words: list[str] = []
    used: set[str] = set()
    english = readable and not env.language.startswith("zh")
    for piece in pieces:
        if isinstance(piece, SlotRef):
            # A slot's spoken examples are the same for every sentence of one language: asked
            # for once (``values``), not per sentence, as the learned stage draws thousands.
            key = (piece.name, env.language)
            options = values.get(key) if values is not None else None
            if options is None:
                spec = intent.slots.get(piece.name)
                options = list(spec.type.examples(env)) if spec else [piece.name]
                if values is not None:
                    values[key] = options
            if not options:
                words.append(piece.name)
                continue
            # One draw per slot, as always. Made readable, a value that reads badly here, or
            # that another slot of this sentence already has ("a number from 7.5 to 7.5"), is
            # passed over for the next one that doesn't, when there is one.
            at = options.index(rng.choice(options))

            def odd(value: str) -> bool:
                return value in used or _clashes(words, value)

            if english and odd(options[at]):
                at = next(
                    (
                        (at + k) % len(options)
                        for k in range(1, len(options))
                        if not odd(options[(at + k) % len(options)])
                    ),
                    at,
                )
            used.add(options[at])
            words.append(options[at])
        else:
            words.append(piece)
    if english:
        return " ".join(tidy_words(" ".join(words).split()))
    if all(word.isascii() for word in words):
        # No Han character to glue: what `join_words` gives, without its per-word checks
        # (a fifth of drawing the learned stage's samples).
        return " ".join(word for word in words if word)
    return join_words(words)  # Chinese words join without spaces: 打开客厅的灯


def _clashes(before: Sequence[str], value: str) -> bool:
    """Whether ``value`` starts with a preposition right after one ("to" + "in 10 minutes")
    or after a possessive ("my" + "at 6:30 on friday" + "alarm")."""
    last = before[-1].split()[-1:] if before else []
    first = value.split()[:1]
    if not (last and first) or first[0] not in _PREPOSITIONS:
        return False
    return last[0] in _PREPOSITIONS or last[0] in NOUN_PHRASE_STARTS


def _vowel_sound(word: str) -> bool:
    """Whether ``word`` starts with a vowel sound, which takes "an" ("an egg", "an hour", "an
    8", "an 11"; "a unicorn", "a one")."""
    w = word.lower()
    if not w:
        return False
    if w[0].isdigit():
        digits = w.replace(",", "").split(".")[0]
        # eight..., eleven, eighteen (and their thousands: "an 11,000")
        return w[0] == "8" or (digits[:2] in ("11", "18") and len(digits) % 3 == 2)
    if w.startswith(_VOWEL_SOUND):
        return True
    if w.startswith(_CONSONANT_SOUND):
        return False
    return w[0] in "aeiou"


def tidy_words(words: Sequence[str]) -> list[str]:
    """English words of a filled-in template, made to read naturally.

    Two articles in a row keep the second (the slot value's own: "is it a a towel" is "is it
    a towel"); "a"/"an" agrees with the sound of the next word ("an egg timer", "a ten
    seconds timer"); "all of" drops its "of" before a bare noun ("cancel all alarms").
    """
    out: list[str] = []
    for word in words:
        if out and out[-1].lower() in _ARTICLES and word.lower() in _ARTICLES:
            out.pop()
        after_all_of = len(out) >= 2 and [w.lower() for w in out[-2:]] == ["all", "of"]
        if after_all_of and word.lower() not in _AFTER_ALL_OF:
            out.pop()
        out.append(word)
    for i, word in enumerate(out[:-1]):
        if word.lower() in ("a", "an"):
            want = "an" if _vowel_sound(out[i + 1]) else "a"
            out[i] = want if word.islower() else want.capitalize()
    return out


def example_utterances(
    intent: IntentSpec,
    env: SlotEnv,
    rng: random.Random,
    limit: int = 20,
    *,
    readable: bool = True,
) -> list[str]:
    """Up to ``limit`` distinct utterances for ``intent``, covering every template in turn.

    ``readable`` (the default, for people: ``skills``, help, lint) tidies English examples
    (`tidy_words`) and passes over slot values that read badly in their place; ``False``
    gives the values exactly as drawn, as the learned stage trains on them.
    """
    found: dict[str, None] = {}
    pools: list[list[tuple[str | SlotRef, ...]] | None] = []
    counts = expansion_counter()  # the templates' branch counts, shared by every draw
    for template in intent.templates:
        # Small templates are enumerated (so every phrasing shows up); big ones are sampled.
        if counts(template.node) <= limit:
            pools.append(list(expand(template.node)))
        else:
            pools.append(None)
    attempts = 0
    values: dict[tuple[str, str], list[str]] = {}
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
                pieces = sample(template.node, rng, counts=counts)
            text = _fill(pieces, intent, envs[template.language], rng, readable, values)
            if text and text not in found:
                found[text] = None
                progressed = True
        attempts += 1
        if not progressed and all(p is not None and not p for p in pools):
            break
    return list(found)
