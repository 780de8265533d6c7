"""Hedges: the approximators and softeners people put around a request that needs no value.

"roughly what time is it in dubai", "how are you, more or less, these days", "you've been sort
of brilliant", "switch the fan off for now", "turn the tv up a fair bit", "what's the weather
doing roughly around now": a speaker hedges out of habit, and the request is the same without
the hedge. The hedges are a closed class, each read by where it stands:

* hedging adverbs anywhere ("roughly", "approximately", "basically", "more or less", "give or
  take", "pretty much");
* "sort of" / "kind of" before what they soften ("sort of brilliant", "kind of bluish"), but not
  after a determiner or a question word, where they name a kind ("what sort of music", "this
  kind of thing");
* "around" before "now" or "then" ("around now" is now; "about now" may be a topic: "tell
  me about now");
* at the end, a span of time or an amount that changes nothing the request acts on ("for now",
  "for a while", "these days", "or so", "a fair bit", "quite a lot", "a lot"). An adjusting
  intent takes its own step for them, as for "a bit" (a filler, `nlu/fillers.py`).

A value said approximately ("about 25 minutes", "six-ish") is the slot parsers' business
(`nlu/approximate.py`): the value stays, only the approximator goes. :func:`unhedged` is, like
the fillers, a second chance: the router tries the words without the hedges only when the
words as said found nothing firm, and keeps a reading only when a template reads it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from simulator.nlu.closed_class import DETERMINERS, UNIVERSAL_QUANTIFIERS
from simulator.nlu.numbers import parse_number_words

__all__ = ["HEDGE_WORDS", "unhedged"]


def _phrases(*texts: str) -> tuple[tuple[str, ...], ...]:
    # Longest first, so "quite a lot" is taken whole before "a lot".
    return tuple(sorted((tuple(t.split()) for t in texts), key=len, reverse=True))


# Hedging adverbs: wherever they stand, they soften without changing what is asked.
_ANYWHERE: Final = _phrases(
    "roughly",
    "approximately",
    "basically",
    "more or less",
    "give or take",
    "pretty much",
)
# "sort of" / "kind of" soften what follows ("sort of brilliant"); after these words they name
# a kind ("what sort of stuff", "that kind of music", "any kind of news").
_SOFTENERS: Final = _phrases("sort of", "kind of", "kinda", "sorta")
_KIND_BEFORE: Final = (
    DETERMINERS
    | UNIVERSAL_QUANTIFIERS
    | frozenset({"what", "which", "whatever", "no", "same", "other", "another", "all", "every"})
)
# "around now", "around then": the moment itself ("tell me about now" asks about it).
_NEAR: Final = frozenset({"around"})
_MOMENTS: Final = frozenset({"now", "then"})
# At the end: how long or how much, said of a request that takes no such value.
_TAIL: Final = _phrases(
    "for now",
    "for a while",
    "for a bit",
    "for the moment",
    "for the time being",
    "these days",
    "nowadays",
    "or so",
    "or thereabouts",
    "a fair bit",
    "a good bit",
    "quite a bit",
    "a fair amount",
    "quite a lot",
    "a lot",
    "a little more",
    "a bit more",
)

HEDGE_WORDS: Final = frozenset(w for p in (*_ANYWHERE, *_SOFTENERS, *_TAIL) for w in p)
"""Every word of a hedge (a closed class)."""


# A value may follow a hedge: "roughly a third", "about half", "roughly 20"; the slot parsers
# read it with its approximator (`nlu/approximate.py`), so the hedge stays with it.
_VALUE_STARTS: Final = frozenset({"a", "an", "half", "halfway", "quarter", "third"})


def _value_next(words: Sequence[str], i: int) -> bool:
    """Whether ``words[i]`` starts a value (a number, "a third", "half")."""
    if i >= len(words):
        return False
    word = words[i]
    return word in _VALUE_STARTS or word[:1].isdigit() or parse_number_words((word,)) is not None


def _at(words: Sequence[str], i: int, phrases: tuple[tuple[str, ...], ...]) -> int:
    """The length of the phrase of ``phrases`` that starts at ``words[i]``, or 0."""
    for phrase in phrases:
        if tuple(words[i : i + len(phrase)]) == phrase:
            return len(phrase)
    return 0


def unhedged(tokens: Sequence[str]) -> tuple[list[str], list[str]]:
    """``tokens`` without their hedges, and the hedges set aside (in order).

    Never removes everything: a sentence of hedges alone ("more or less") is returned as it
    was, with nothing set aside.
    """
    words = list(tokens)
    kept: list[str] = []
    gone: list[str] = []
    i = 0
    while i < len(words):
        n = _at(words, i, _ANYWHERE)
        if n and _value_next(words, i + n):
            n = 0
        if not n and (not kept or kept[-1] not in _KIND_BEFORE):
            n = _at(words, i, _SOFTENERS)
            if n and i + n >= len(words):
                n = 0  # "..., sort of": a tag at the end, left to the tails below
        if not n and words[i] in _NEAR and words[i + 1 : i + 2] and words[i + 1] in _MOMENTS:
            n = 1
        if n:
            gone.extend(words[i : i + n])
            i += n
            continue
        kept.append(words[i])
        i += 1
    changed = True
    while changed and kept:
        changed = False
        for phrase in _TAIL:
            if len(kept) > len(phrase) and tuple(kept[-len(phrase) :]) == phrase:
                gone.extend(kept[-len(phrase) :])
                del kept[-len(phrase) :]
                changed = True
                break
    if not kept:
        return list(tokens), []
    return kept, gone
