"""Clauses of a run-on sentence: where people join the request to what they say around it.

A rambling speaker says the request in the middle of a long line: context first ("the
neighbours have been complaining again so ..."), the request ("can you make the music
quieter"), then a reason or an afterthought ("because my phone is dead", "that should do it",
"just a notch or two"). An emphatic one says it again in fragments ("STOP! stop the music!",
"curtains to 75 percent! 75!"). :func:`pieces` cuts such a line into clauses at the marks
people use: typed punctuation (``breaks``, from `normalize.clause_breaks`) and the closed class
of words that join clauses ("so", "and", "but", "then", "anyway", "because", "otherwise").

Only words of closed classes decide a cut, never a skill's words: "and" joins clauses when a
subject follows it ("... and i've got a blanket on", "... and it's raining out"), not two
things ("eggs and milk"); the others join clauses wherever at least two words stand on each
side ("so i'm cold" is no "so" between clauses). A coordinator that opens a clause ("so", "and",
"but", "then", "anyway") is dropped from its words: "so can you make the music quieter" asks
what "can you make the music quieter" asks. A subordinator is kept ("because my phone is
dead", "otherwise i'll add them"): it marks a reason, and `fillers.is_remark` reads it so.

:func:`is_afterthought` reads the short comment people add after a request ("that should do
it", "that'd be great", "which is rude of me"). None of this decides: the router routes each
clause and takes a reading only when one clause is a request and the rest are asides.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Final

from simulator.nlu.closed_class import DEFINITE_DETERMINERS
from simulator.nlu.framing import HESITATIONS

__all__ = ["FUNCTION_WORDS", "JOINERS", "Piece", "is_afterthought", "is_narration", "pieces"]

_COORDINATORS: Final = frozenset({"so", "and", "but", "then", "anyway", "anyways"})
"""Joiners dropped from the clause they open: what follows them is a clause of its own."""

JOINERS: Final = _COORDINATORS | frozenset({"because", "cos", "coz", "otherwise"})
"""Words that join the clauses of a run-on sentence."""

# After "and", a clause starts with its subject: a pronoun or a determiner before a noun
# ("and she's hiding", "and the cat's alone", "and my phone is dead"); "eggs and milk" is one
# clause. A closed class.
_SUBJECT_STARTS: Final = frozenset(
    {
        "i",
        "we",
        "you",
        "he",
        "she",
        "they",
        "it",
        "that",
        "there",
        "my",
        "our",
        "his",
        "her",
        "their",
        "the",
        "everyone",
        "everything",
        "nobody",
        "someone",
    }
)

# Who a purpose is for: "so you know", "so everyone can hear", "so that ...".
_PURPOSE_SUBJECTS: Final = frozenset({"you", "that", "everyone", "everybody"})

# Leading words that tie a comment to what was just said: "that should do it", "which is rude
# of me", "it'll be fine".
_BACK_POINTERS: Final = frozenset({"that", "this", "it", "which"})
# Auxiliaries and modals: with a back pointer before them the clause comments on the request.
_AUXILIARIES: Final = frozenset(
    {
        "is",
        "was",
        "will",
        "would",
        "should",
        "could",
        "might",
        "may",
        "must",
        "can",
        "has",
        "had",
        "does",
        "did",
        "ought",
    }
)

FUNCTION_WORDS: Final = frozenset(
    {
        # determiners and pronouns
        "a",
        "an",
        "the",
        "my",
        "our",
        "your",
        "his",
        "her",
        "their",
        "this",
        "that",
        "these",
        "those",
        "it",
        "i",
        "we",
        "you",
        "he",
        "she",
        "they",
        "me",
        "us",
        "them",
        "one",
        "all",
        "every",
        "each",
        "any",
        "some",
        "both",
        "another",
        # auxiliaries
        "am",
        "is",
        "are",
        "was",
        "were",
        "be",
        "do",
        "does",
        "did",
        "has",
        "have",
        "had",
        "can",
        "could",
        "will",
        "would",
        "should",
        "may",
        "might",
        # prepositions
        "in",
        "at",
        "for",
        "from",
        "to",
        "of",
        "with",
        "by",
        # question words
        "what",
        "which",
        "who",
        "when",
        "where",
        "how",
        # answers and courtesies
        "yes",
        "yeah",
        "no",
        "ok",
        "okay",
        "alright",
        "please",
        "thanks",
        "thank",
        "sure",
        "good",
        "too",
        "also",
        "again",
        "and",
        "or",
        "now",
    }
)
"""Words of closed classes: a fragment made of them and nouns ("every one", "with the prices",
"yes or no") adds no second request, even where some template starts with one of them."""

# Subjects of narration: someone or something and what they keep doing ("it keeps bumping
# into things", "everyone mumbles", "she does it").
_THIRD_PERSONS: Final = frozenset(
    {"it", "he", "she", "everyone", "everybody", "everything", "nobody", "someone", "something"}
)
_SUBJECTS: Final = frozenset({"i", "me", "we", "he", "she", "they", "my", "our", "his", "her"})
# Not "your", "these", "those": this reading of a subject was tuned without them (widening
# it is a change to measure, not a tidy).
_DETERMINERS: Final = DEFINITE_DETERMINERS - {"your", "these", "those"}
# The verbs a thing's state is told with: "the school run is later this week".
_STATE_VERBS: Final = frozenset({"is", "are", "was", "were", "has", "have", "had", "keeps"})

# Words a clause does not end with: determiners, prepositions, "to" (a clause mark after one
# is a hesitation).
_OPEN_ENDS: Final = frozenset(
    {
        "a",
        "an",
        "the",
        "my",
        "our",
        "your",
        "his",
        "her",
        "their",
        "some",
        "to",
        "of",
        "into",
        "for",
        "from",
        "with",
        "and",
        "or",
    }
)

_MIN_SIDE: Final = 2
"""Words a joiner needs on each side to join clauses rather than words ("so cold")."""


@dataclass(frozen=True)
class Piece:
    """One clause of a sentence, as `pieces` cut it."""

    words: tuple[str, ...]
    """The clause's words, an opening coordinator dropped."""
    start: int
    """Where the clause starts in the sentence's words (its joiner included)."""
    end: int
    """Where the clause ends (exclusive)."""
    typed: int
    """The index of the typed clause (between punctuation marks) it is part of."""


def _cuts(words: Sequence[str]) -> list[int]:
    """Where a joiner opens a new clause inside one typed clause."""
    cuts: list[int] = []
    last = 0
    for k, word in enumerate(words):
        if word not in JOINERS or k - last < _MIN_SIDE or len(words) - k - 1 < _MIN_SIDE:
            continue
        if word == "and" and words[k + 1] not in _SUBJECT_STARTS:
            continue
        if words[k + 1] in JOINERS:
            continue
        cuts.append(k)
        last = k
    return cuts


def _purpose(words: Sequence[str]) -> bool:
    """Whether ``words`` open with "so" and a purpose's subject ("so you know who's talking",
    "so everyone can hear"): a purpose, kept whole for `fillers.is_remark` to read."""
    return len(words) > 1 and words[0] == "so" and words[1] in _PURPOSE_SUBJECTS


def _closes(tokens: Sequence[str], mark: int) -> bool:
    """Whether a typed mark before ``tokens[mark]`` ends a clause: the last word before it,
    hesitations aside ("the, um,"), is no determiner or preposition."""
    k = mark - 1
    while k > 0 and tokens[k] in HESITATIONS:
        k -= 1
    return tokens[k] not in _OPEN_ENDS


def pieces(tokens: Sequence[str], breaks: Sequence[int] = ()) -> list[Piece]:
    """The clauses of ``tokens``: cut at the typed ``breaks`` and at the joiners inside each
    typed clause. A clause of only a coordinator is dropped; never raises."""
    # A mark after a word that cannot end a clause is a hesitation, not a clause's end:
    # "turn on the, um, the hall light" is one clause.
    marks = [0, *(b for b in breaks if 0 < b < len(tokens) and _closes(tokens, b)), len(tokens)]
    found: list[Piece] = []
    for typed, (a, b) in enumerate(pairwise(sorted(set(marks)))):
        clause = tokens[a:b]
        inner = [0, *_cuts(clause), len(clause)]
        for i, j in pairwise(inner):
            words = clause[i:j]
            # A coordinator opening the clause, or opening the line ("so, ...", "and then ...").
            while words and words[0] in _COORDINATORS and not _purpose(words):
                words = words[1:]
            # ... and one closing it before a typed mark ("... doing the dishes so, can you").
            while words and words[-1] in _COORDINATORS:
                words = words[:-1]
            if words:
                found.append(Piece(tuple(words), a + i, a + j, typed))
    return found


def is_afterthought(words: Sequence[str]) -> bool:
    """Whether ``words`` comment on what was just said rather than ask: a back pointer and an
    auxiliary ("that should do it", "that would be great", "which is rude of me", "it will be
    fine"), or a purpose ("just to check", once the filler is set aside: "to check"). Closed
    classes only."""
    if not words:
        return False
    first = words[0]
    if first == "to" and len(words) >= 2:
        # A purpose: "just to check", "to be sure".
        return True
    for glued in ("'d", "'ll"):
        # "that'd be great", "it'll do": the auxiliary run into the pointer.
        if first.endswith(glued) and first[: -len(glued)] in _BACK_POINTERS:
            return len(words) >= 2
    return len(words) >= 2 and first in _BACK_POINTERS and words[1] in _AUXILIARIES


def is_narration(words: Sequence[str]) -> bool:
    """Whether ``words`` tell something about the speaker's world in a shape
    `fillers.is_remark` leaves out (closed classes only): a thing and its state run in ("the
    car's in the garage", "dinner's all done now", "this one's about football"), a thing of a
    few words and its verb ("the school run is later this week", "my oven only does
    celsius"), or someone or something and what they do ("it keeps bumping into things",
    "everyone mumbles")."""
    if len(words) < 2:
        return False
    first, second = words[0], words[1]
    if first in _SUBJECTS and any(w in _AUXILIARIES or w in _STATE_VERBS for w in words[2:5]):
        # Someone named in a few words and a verb: "me and my brother can't agree", "my
        # partner might have added it".
        return True
    if first.endswith("'s") or (
        first in _DETERMINERS and any(w.endswith("'s") for w in words[1:3])
    ):
        return True
    if first in _THIRD_PERSONS and _third_person(second):
        return True
    if first in _DETERMINERS:
        head = words[2:5]
        if any(w in _STATE_VERBS for w in head):
            return True
        if first in _SUBJECTS:
            # "my oven only does celsius", "my kid keeps insisting": a verb's third person.
            return any(_third_person(w) for w in words[2:4])
        # After "the", a plural noun reads the same ("the kitchen lights"): the verb right
        # after one noun, with words after it ("the match starts soon").
        return len(words) > 3 and _third_person(words[2])
    return False


def _third_person(word: str) -> bool:
    """Whether ``word`` reads as a verb's third person ("keeps", "does", "mumbles")."""
    return (
        len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "'s"))
    ) or word in ("does", "has", "is", "was")
