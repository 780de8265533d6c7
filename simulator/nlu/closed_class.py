"""English words of the closed classes that name no request of their own.

Pronouns ("them", "anyone"), conjunctions ("but", "whether") and the adverbs that colour a
sentence without changing what is asked ("even", "exactly", "anyway", "again"). A request
said with them ("cancel all of them", "what are you exactly", "is it raining again") is the
same request; when no skill's samples happen to use such a word, the learned stage's coverage
(`Router._strangeness`) must not count it as a word about something else. The list is closed
on purpose: a noun or a verb, however common, may be what an out-of-scope request is about.
"""

from __future__ import annotations

from typing import Final

__all__ = ["CLOSED_CLASS", "DETERMINERS", "UNIVERSAL_QUANTIFIERS"]

CLOSED_CLASS: Final = frozenset(
    {
        # pronouns and determiners
        "them",
        "they",
        "their",
        "theirs",
        "themselves",
        "its",
        "itself",
        "his",
        "her",
        "hers",
        "him",
        "she",
        "he",
        "myself",
        "yourself",
        "ourselves",
        "anyone",
        "anybody",
        "someone",
        "somebody",
        "both",
        "either",
        "neither",
        "each",
        "these",
        "those",
        "whatever",
        "whichever",
        "whoever",
        # conjunctions
        "but",
        "because",
        "though",
        "although",
        "whether",
        "than",
        "unless",
        "while",
        # adverbs that colour a sentence
        "even",
        "exactly",
        "actually",
        "anyway",
        "anyways",
        "again",
        "really",
        "still",
        "yet",
        "also",
        "too",
        "very",
        "maybe",
        "perhaps",
        "quite",
        "rather",
        "already",
        "ever",
        "instead",
        "else",
        "indeed",
        "simply",
        "basically",
        "literally",
        "truly",
        "certainly",
        "definitely",
        "probably",
        "possibly",
        "merely",
        "altogether",
        "otherwise",
    }
)

DETERMINERS: Final = frozenset(
    {"a", "an", "the", "my", "our", "your", "his", "her", "their", "this", "that", "these"}
    | {"those", "some", "any"}
)
"""Words that only point at a thing: a span of these alone names nothing (see
`simulator.sdk.slots.FreeText`)."""

UNIVERSAL_QUANTIFIERS: Final = frozenset({"every", "each"})
"""Determiners that take every thing of a kind: a span opening with one names no one thing
("cancel every single running timer" is no timer called "every single running"; see
`simulator.sdk.slots.FreeText`'s ``one_thing``). "all" is left out: it opens names ("the all
hands meeting")."""
