"""Leads: what is said before the request, and where the request starts after it.

People often say something first: when the request is for ("for tomorrow, cancel my seven
o'clock alarm", "tonight, dim the lights"), what it is for or when it happens ("for the match,
turn the tv up", "after dinner, turn on the dishwasher", "while i clean up, play some music",
"now that the film's started, dim the lights"), an apology or a hedge ("sorry to ask again,
but when is my next alarm", "sorry for asking, but are you a machine"), or words meant for
someone else in the room before the speaker is addressed ("wait, sara - speaker, what lists have
i got", "what? no, not you. set a timer", "see, mum, it worked - thanks, speaker").

The request the skills' samples spell out is the part after the lead; :func:`leads` offers where
it may start, each with the words set aside (or, for a time, moved to the end, where the samples
say it: "cancel my seven o'clock alarm for tomorrow"). Each lead is found by the shape of the
sentence, the typed clause marks included (``breaks``, from `normalize.clause_breaks`), not by a
skill's words:

* a typed clause said first that opens with a preposition or a subordinator ("for the kick-off",
  "on the car ride", "at this point", "after dinner", "before i leave", "while i clean up", "now
  that ..."), or that is a time on its own ("tomorrow", "tonight at nine"); a time (``is_time``,
  the caller's `When` reading) is moved to the end, anything else is an aside;
* an apology at the start ("sorry", "sorry to trouble you", "sorry for asking", "sorry if this is
  rude"), up to "but", a clause mark or an asking frame; the typed clauses after it may be
  remarks too ("sorry, where are my manners, good morning");
* the speaker addressed as a clause of its own ("..., speaker, ..."): the request follows it, or,
  said last, is the clause before it when someone else was named first ("see, mum, it worked -
  thanks, speaker"); a clause telling the speaker it was not meant ("no, not you", "i'm talking to
  the speaker") ends what was said to others.

A conditional ("if it rains, ...", "unless ...") is no lead: the request depends on it, and
setting it aside would act on what was not asked. None of this decides on its own: the router
routes each request (every stage of it) and takes a reading only when it is firm.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Final, Literal

from simulator.nlu.closed_class import AUXILIARIES, DEFINITE_DETERMINERS, POINTING_PRONOUNS
from simulator.nlu.fillers import asks, is_past
from simulator.nlu.pointing import named_again, pointed_at

__all__ = ["ADDRESS", "Lead", "leads"]

ADDRESS: Final = frozenset({"speaker", "computer", "assistant"})
"""The speaker addressed by name: what follows is said to it."""

LeadKind = Literal["moved", "occasion", "apology", "others", "remark"]


@dataclass(frozen=True)
class Lead:
    """One reading of a sentence as a lead and the request after it."""

    request: tuple[str, ...]
    """The request's words (a time lead moved to their end)."""
    said: tuple[str, ...]
    """The words of the lead, as said."""
    kind: LeadKind
    """``moved`` (a time or a place, moved to the end), ``occasion`` (a purpose or an occasion
    set aside), ``apology``, ``others`` (words said to someone else in the room) or ``remark``
    (a remark said first, what the request's "it" or "them" stands for taken from it)."""
    breaks: tuple[int, ...] = ()
    """The typed clause marks inside ``request``, as indices into it."""
    pointer: tuple[str, tuple[str, ...]] | None = None
    """For a ``remark``: the request's pronoun and the words of the remark read for it."""


# Words that open a phrase saying when or what for: "for the match", "after dinner", "to next
# week" (a time moved to the end keeps its word: "... to next week").
_PREPOSITIONS: Final = frozenset(
    {
        "for",
        "on",
        "at",
        "after",
        "before",
        "to",
        "from",
        "during",
        "by",
        "in",
        "until",
        "till",
        "over",
        "around",
        "within",
    }
)
# Words that open a clause of time, reason or occasion: "while i clean up", "once the kids are
# in bed", "since you're on". Not "if" or "unless": a condition is part of what is asked.
_SUBORDINATORS: Final = frozenset(
    {
        "while",
        "whilst",
        "when",
        "whenever",
        "once",
        "as",
        "since",
        "because",
        "cos",
        "coz",
        "before",
        "after",
        "until",
        "till",
    }
)
# Prepositions of place: a phrase they open is tried at the end of the request first.
_PLACES: Final = frozenset({"in", "on", "at", "inside", "outside"})
# Two-word openers of the same kind: "now that the film's started", "as soon as i'm home".
_OPENERS: Final = (("now", "that"), ("so", "that"), ("seeing", "as"), ("given", "that"))
# A phrase said first is short ("for the pub quiz"); a clause a little longer ("while i am
# cleaning up the kitchen"). Longer first clauses are more likely requests of their own.
_MAX_PHRASE: Final = 6
_MAX_CLAUSE: Final = 9

_APOLOGIES: Final = tuple(
    tuple(p.split())
    for p in sorted(
        (
            "sorry",
            "so sorry",
            "i am sorry",
            "i am so sorry",
            "very sorry",
            "apologies",
            "my apologies",
            "forgive me",
            "pardon me",
        ),
        key=lambda p: len(p.split()),
        reverse=True,
    )
)
# What an apology may go on with before the request: "sorry to ask", "sorry for asking", "sorry
# if this is rude", "sorry about this".
_APOLOGY_GOES_ON: Final = frozenset({"to", "for", "if", "about"})
_APOLOGY_MAX: Final = 8

# A clause telling the speaker that what came before was not meant for it: "no, not you", "i'm
# talking to the speaker", "i wasn't talking to you".
_NOT_MEANT: Final = (("talking", "to", "the", "speaker"), ("not", "talking", "to", "you"))
# What may stand before "not you" in such a clause ("no, not you", "oh, not you", "it's not
# you"); not an auxiliary of a tag question ("you've forgotten it, haven't you").
_BEFORE_NOT_YOU: Final = frozenset({"no", "oh", "sorry", "meant", "mean", "it", "is", "was"})


def _clauses(n: int, breaks: Sequence[int]) -> list[tuple[int, int]]:
    cuts = [0, *sorted(b for b in set(breaks) if 0 < b < n), n]
    return [(a, b) for a, b in pairwise(cuts) if b > a]


def _inner(breaks: Sequence[int], start: int, end: int) -> tuple[int, ...]:
    """The marks strictly inside ``[start, end)``, as indices from ``start``."""
    return tuple(b - start for b in sorted(set(breaks)) if start < b < end)


def _is_occasion(words: Sequence[str]) -> bool:
    """Whether a clause said first says when, what for or on what occasion, by its opening
    word: a preposition ("for the match") or a subordinator ("while i clean up")."""
    if len(words) < 2:
        return False
    if tuple(words[:2]) in _OPENERS:
        return len(words) <= _MAX_CLAUSE
    # An auxiliary after "when", "once"... makes a question, not a clause: "when does it close".
    if words[0] in _SUBORDINATORS and words[1] not in AUXILIARIES:
        return len(words) <= _MAX_CLAUSE
    return words[0] in _PREPOSITIONS and len(words) <= _MAX_PHRASE


def _said_first(
    words: list[str], breaks: Sequence[int], is_time: Callable[[Sequence[str]], bool]
) -> list[Lead]:
    """A typed clause said first that is a time, a purpose or an occasion."""
    spans = _clauses(len(words), breaks)
    if len(spans) < 2:
        return []
    _, end = spans[0]
    lead, rest = words[:end], words[end:]
    inside = _inner(breaks, end, len(words))
    if is_time(lead) or (lead[0] in _PREPOSITIONS and is_time(lead[1:])):
        # "for tomorrow, cancel my alarm": the samples say the time after the request. The
        # moved time joins the request's last clause.
        moved = Lead((*rest, *lead), tuple(lead), "moved", inside)
        if lead[0] != "for":
            return [moved]
        # "for a second, pause the vacuum": a length of time said first may be a hedge, not
        # how long the request lasts; read as an aside when it is nothing moved.
        return [moved, Lead(tuple(rest), tuple(lead), "occasion", inside)]
    if not _is_occasion(lead):
        return []
    aside = Lead(tuple(rest), tuple(lead), "occasion", inside)
    if lead[0] in _PLACES and len(lead) <= _MAX_PHRASE:
        # "in the kitchen, turn the light on", "on my shopping list, remove eggs": a place
        # said first is the request's own, said last in the samples; else it is an occasion
        # ("at this point", "on the car ride").
        return [Lead((*rest, *lead), tuple(lead), "moved", inside), aside]
    return [aside]


# A remark said first names what the request then points back to: "the kids set loads of
# timers, cancel all of them", "my son's practice is on wednesday now, move it to 5".
_PERSONS: Final = frozenset({"i", "we", "they", "he", "she", "you"})
_BE_HAVE: Final = frozenset({"is", "are", "was", "were", "has", "have", "had"})
# How much of a thing there is, said before it: "loads of timers" points back as "the timers".
_QUANTITIES: Final = tuple(
    tuple(p.split())
    for p in sorted(
        (
            "loads of",
            "lots of",
            "a lot of",
            "a load of",
            "so many",
            "too many",
            "plenty of",
            "a couple of",
            "a few",
            "some",
            "all",
            "all of",
            "many",
            "several",
            "these",
            "those",
            "all these",
            "all those",
            "just",
            "already",
            "again",
        ),
        key=lambda p: len(p.split()),
        reverse=True,
    )
)
# Words that end a thing named: "loads of alarms | on you", "the lights | on".
_ENDS_THING: Final = _PREPOSITIONS | frozenset(
    {"off", "up", "down", "out", "now", "again", "today", "tonight", "yesterday", "and", "but"}
    | {"so", "because", "when", "while", "here", "there", "too", "already", "still"}
)
_MAX_SUBJECT: Final = 4


def _things(remark: Sequence[str]) -> list[tuple[str, ...]]:
    """What a remark said first names that a pronoun after it may stand for: the thing it
    was done to ("the kids set | loads of timers" -> "the timers"), then its subject when that
    is a thing ("my son's football practice | is on wednesday now"); [] when it has no verb
    after a subject of a few words."""
    if not remark or not (remark[0] in DEFINITE_DETERMINERS or remark[0] in _PERSONS):
        return []
    verb = next(
        (
            k
            for k in range(1, min(len(remark), _MAX_SUBJECT + 1))
            if remark[k] in _BE_HAVE or is_past(remark[k])
        ),
        0,
    )
    if not verb:
        return []
    found: list[tuple[str, ...]] = []
    rest = list(remark[verb + 1 :])
    changed = True
    while changed and rest:
        n = next((len(q) for q in _QUANTITIES if tuple(rest[: len(q)]) == q), 0)
        changed = bool(n)
        rest = rest[n:]
    end = next(
        (k for k, w in enumerate(rest) if w in _ENDS_THING or w in POINTING_PRONOUNS), len(rest)
    )
    thing = rest[:end]
    # After "is" comes how the subject is ("is on wednesday now", "are asleep"), no thing
    # done to; before any other verb the subject is who did it ("the kids set ..."), not a
    # thing to point back to.
    being = remark[verb] in _BE_HAVE - {"has", "have", "had"}
    if thing and not being and not any(w in _PERSONS or w in _BE_HAVE for w in thing):
        found.append(tuple(named_again(thing)))
    if remark[0] in DEFINITE_DETERMINERS and being:
        found.append(tuple(remark[:verb]))
    return found


def _remark(words: list[str], breaks: Sequence[int]) -> list[Lead]:
    """A typed remark said first, and the request after it with its "it" or "them" read as
    what the remark named."""
    spans = _clauses(len(words), breaks)
    if len(spans) < 2:
        return []
    _, end = spans[0]
    rest = words[end:]
    k = pointed_at(rest, POINTING_PRONOUNS)
    if k is None:
        return []
    inside = _inner(breaks, end, len(words))
    found: list[Lead] = []
    for thing in _things(words[:end]):
        request = (*rest[:k], *thing, *rest[k + 1 :])
        shift = len(thing) - 1
        marks = tuple(b + shift if b > k else b for b in inside)
        found.append(Lead(request, tuple(words[:end]), "remark", marks, (rest[k], thing)))
    return found


def _apology(words: list[str], breaks: Sequence[int]) -> list[Lead]:
    """An apology at the start and the request after it; the later typed clauses' starts
    too, each a request after the apology and a remark ("sorry, where are my manners, ...")."""
    head = next((len(p) for p in _APOLOGIES if tuple(words[: len(p)]) == p), 0)
    if not head or head >= len(words):
        return []
    marks = set(breaks)
    end = head
    if words[head] in _APOLOGY_GOES_ON:
        # "sorry to trouble you, ...", "sorry for asking but ...", "sorry if this is rude, but":
        # up to "but", a clause mark or an asking frame ("sorry to bother you could you ...").
        k = head + 1
        while k < len(words) and k <= head + _APOLOGY_MAX:
            if words[k] == "but" or k in marks or asks(words[k:]):
                break
            k += 1
        else:
            return []
        if k >= len(words) or k > head + _APOLOGY_MAX:
            return []
        end = k
    if words[end : end + 1] == ["but"]:
        end += 1
    if end >= len(words):
        return []
    found = [
        Lead(tuple(words[end:]), tuple(words[:end]), "apology", _inner(breaks, end, len(words)))
    ]
    for b in sorted(marks):
        if end < b < len(words):
            found.append(
                Lead(tuple(words[b:]), tuple(words[:b]), "apology", _inner(breaks, b, len(words)))
            )
    return found


def _not_meant(clause: tuple[str, ...]) -> bool:
    """Whether a clause tells the speaker the words before it were for someone else."""
    if clause[-2:] == ("not", "you"):
        return all(w in _BEFORE_NOT_YOU for w in clause[:-2])
    return any(clause[-len(m) :] == m for m in _NOT_MEANT)


def _to_others(words: list[str], breaks: Sequence[int]) -> list[Lead]:
    """Words said to someone else in the room, then the request to the speaker."""
    spans = _clauses(len(words), breaks)
    if len(spans) < 2:
        return []
    found: list[Lead] = []
    for i, (a, b) in enumerate(spans):
        clause = tuple(words[a:b])
        if len(clause) == 1 and clause[0] in ADDRESS:
            if i + 1 < len(spans) and i > 0:
                # "wait, sara - speaker, what lists have i got": the request follows.
                found.append(
                    Lead(
                        tuple(words[b:]), tuple(words[:b]), "others", _inner(breaks, b, len(words))
                    )
                )
            elif i == len(spans) - 1 and i >= 2:
                # "see, mum, it worked - thanks, speaker": said last, the address ends the
                # request, which is the clause before it, once someone else was named (a
                # clause of one word: "mum", "sara") before that.
                start = spans[i - 1][0]
                named = any(y - x == 1 for x, y in spans[: i - 1])
                if named:
                    found.append(
                        Lead(tuple(words[start:]), tuple(words[:start]), "others", (b - 1 - start,))
                    )
        elif i + 1 < len(spans) and _not_meant(clause):
            # "what? no, not you. set a timer ...", "no, mark, i'm talking to the speaker - ...".
            end = spans[i + 1][0]
            found.append(
                Lead(
                    tuple(words[end:]),
                    tuple(words[:end]),
                    "others",
                    _inner(breaks, end, len(words)),
                )
            )
    # The latest address first: what follows it is said to the speaker.
    found.reverse()
    return found


def leads(
    tokens: Sequence[str],
    breaks: Sequence[int] = (),
    is_time: Callable[[Sequence[str]], bool] = lambda words: False,
) -> list[Lead]:
    """Ways to read ``tokens`` as a lead and a request after it, the likeliest first.

    ``breaks`` are the typed clause marks (`normalize.clause_breaks`); ``is_time`` tells
    whether some words say a time ("tomorrow", "at six", "tonight at nine"). Words said to
    others come first (an address to the speaker is the surest mark of where the request
    starts), then an apology, then a clause said first.
    """
    words = list(tokens)
    if len(words) < 2:
        return []
    found: list[Lead] = []
    for lead in (
        *_to_others(words, breaks),
        *_apology(words, breaks),
        *_said_first(words, breaks, is_time),
        *_remark(words, breaks),
    ):
        if lead.request and lead not in found:
            found.append(lead)
    return found
