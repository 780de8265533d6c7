"""Vague values: a value said with an approximator read as the value itself.

People round what they ask for: "set a timer for about 25 minutes", "an alarm around six-ish",
"the lamp at roughly 40 percent", "25 minutes or so", "sevenish", "a reddish light". A speaker
acts on one value, so the approximation is read as the value it is near: the hedge words are a
closed class said before the value ("about", "around", "roughly", "approximately", "circa",
"give or take", "something like") or after it ("or so", "or thereabouts", "give or take",
"ish" once the normaliser has split "six-ish"), or glued to it ("sixish", "7ish").

The slot parsers (:mod:`simulator.nlu.parsers`) call :func:`exact` when a span is not a value
as said, and parse what it returns; so every skill's number, percent, temperature, duration,
time and "when" slot reads a vague value alike, wherever it appears. :func:`ish_stem` reads an
adjective made vague with "-ish" ("bluish", "reddish", "lowish") as the word it is made from,
for closed lists of words (colours, a fan's speeds); :data:`VAGUE_COUNTS` are the counts said
without a number ("a couple", "a few").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Final

from simulator.nlu.numbers import parse_number_words

__all__ = ["APPROXIMATORS", "VAGUE_COUNTS", "exact", "ish_stem", "vague_count"]

Tokens = tuple[str, ...]

# Said before the value: "about 7", "around six", "roughly a third", "something like 20".
# Longest first, so "round about" is taken whole before "about" could be.
_BEFORE: Final[tuple[Tokens, ...]] = tuple(
    sorted(
        (
            tuple(p.split())
            for p in (
                "about",
                "around",
                "round about",
                "roundabout",
                "roughly",
                "approximately",
                "approx",
                "circa",
                "give or take",
                "something like",
                "somewhere around",
                "somewhere about",
                "sometime around",
                "sometime about",
                "some time around",
                "some time about",
                "more or less",
                "at about",
                "at around",
            )
        ),
        key=len,
        reverse=True,
    )
)
# Said after it: "25 minutes or so", "six ish" (the normaliser splits "six-ish").
_AFTER: Final[tuple[Tokens, ...]] = tuple(
    sorted(
        (
            tuple(p.split())
            for p in (
                "ish",
                "or so",
                "or thereabouts",
                "give or take",
                "more or less",
                "roughly",
                "approximately",
            )
        ),
        key=len,
        reverse=True,
    )
)
APPROXIMATORS: Final = frozenset(w for p in (*_BEFORE, *_AFTER) for w in p)
"""Every word of an approximator (a closed class)."""

_GLUED_RE: Final = re.compile(r"^([a-z0-9.:]+?)ish$")

VAGUE_COUNTS: Final[dict[Tokens, int]] = {
    ("a", "couple"): 2,
    ("a", "couple", "of"): 2,
    ("couple", "of"): 2,
    ("a", "few"): 3,
}
"""Counts said without a number: "a couple (of)" is two, "a few" three (the usual reading)."""


def vague_count(tokens: Sequence[str]) -> int | None:
    """The count a vague quantity stands for ("a couple of" -> 2, "a few" -> 3), or None."""
    return VAGUE_COUNTS.get(tuple(tokens))


def _glued_number(token: str) -> str | None:
    """ "sixish" -> "six", "7ish" -> "7", "twelvish" -> "twelve": the number a token glued to
    "ish" is near, or None when the stem is no number ("english", "finish")."""
    match = _GLUED_RE.match(token)
    if match is None:
        return None
    stem = match.group(1)
    for candidate in (stem, stem + "e"):
        if parse_number_words((candidate,)) is not None or re.fullmatch(r"\d+[.:]\d+", candidate):
            return candidate
    return None


def exact(tokens: Sequence[str]) -> Tokens | None:
    """The value words of ``tokens`` without their approximators, or None when none was said.

    "about 25 minutes" -> "25 minutes", "six ish" -> "six", "sevenish" -> "seven", "40 percent
    or so" -> "40 percent", "around about 7ish" -> "7". Only the edges are read: an
    approximator inside a value ("twenty about five") is no value. Nothing is left of an
    approximator alone ("about") -> None.
    """
    toks = tuple(tokens)
    changed = False
    again = True
    while again and toks:
        again = False
        for phrase in _BEFORE:
            if len(toks) > len(phrase) and toks[: len(phrase)] == phrase:
                toks, again = toks[len(phrase) :], True
                break
        for phrase in _AFTER:
            if len(toks) > len(phrase) and toks[-len(phrase) :] == phrase:
                toks, again = toks[: -len(phrase)], True
                break
        changed = changed or again
    # A number glued to "ish" at either end of what is left: "sevenish", "7ish", "half
    # past sevenish".
    for at in {0, len(toks) - 1} if toks else ():
        glued = _glued_number(toks[at])
        if glued is not None:
            toks = (*toks[:at], glued, *toks[at + 1 :])
            changed = True
    return toks if changed and toks else None


def ish_stem(token: str, known: Callable[[str], bool]) -> str | None:
    """The word an "-ish" adjective is made from when ``known`` knows it: "bluish" -> "blue",
    "reddish" -> "red", "greenish" -> "green", "lowish" -> "low", "purplish" -> "purple";
    else None ("english", "finish", "radish" name no value of a closed list)."""
    if not token.endswith("ish") or len(token) < 6:
        return None
    stem = token[:-3]
    candidates = [stem, stem + "e"]
    if len(stem) >= 3 and stem[-1] == stem[-2]:
        candidates.append(stem[:-1])  # "reddish" -> "red"
    for candidate in candidates:
        if known(candidate):
            return candidate
    return None
