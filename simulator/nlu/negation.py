"""Negation: a request said through what not to do.

People often say first what they do not want, then what they do: "don't skip, go back a track",
"don't keep playing while I'm on the phone, pause the song", "not tuesday, put the meeting on
wednesday", "I didn't write it down, read me my to-do list". The negated clause names the very
thing the request is *not* about, so reading the whole sentence by its words (the learned stage
does) takes the negated verb for the request: "skip" for NextTrack, "keep playing" for Resume.
:func:`negated_readings` reads such a sentence as the request after the negated clause, and
:func:`negated_command` tells a sentence that opens with a negated command ("don't skip"), which
must never be read as the command it negates.

The negated clause often names the thing the request acts on: "don't let me forget the
batteries, put them on the shopping list", "I don't want any timers running, cancel every one",
"I don't want you to remember my name any more, delete it", "I don't have a gift list yet, make
a new one". The request is offered with its pronoun read as that thing too ("put the batteries
on the shopping list", "cancel all the timers", "delete my name", "make a new list").

Not knowing is a request to be told: "I don't know what date it is, tell me", "I can't remember
which lists I made, name them" are "tell me what date it is", "tell me which lists I made".

All of this is English grammar (negators, auxiliaries, pronouns, determiners), not any skill's
words. Nothing here decides: the router keeps a reading only when a template reads it firmly,
or gives the request (not the negated clause) to its later stages.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final, NamedTuple

from simulator.nlu.closed_class import DETERMINERS, POINTING_PRONOUNS, QUESTION_OPENERS
from simulator.nlu.fillers import asks
from simulator.nlu.pointing import (
    AUXILIARIES_AND_NEED,
    COUNTING,
    named_again,
    pronoun_is_subject,
)

__all__ = ["Negated", "negated_command", "negated_readings", "negation_end"]


class Negated(NamedTuple):
    """One request a sentence with a negated clause first may amount to."""

    words: list[str]
    """The request, in normalised words ("go back a track")."""
    lead: list[str]
    """The negated clause set aside ("do not skip")."""
    how: str
    """What was read, for the explanation."""
    told: bool = False
    """Whether the request is what the speaker does not know, asked to be told."""
    marked: bool = False
    """Whether a typed mark or an asking frame ended the negated clause ("..., tell me")."""


# Words that may open the sentence before the negation: "oh don't ...", "but i don't ...".
_OPENERS: Final = frozenset(
    {"oh", "and", "but", "so", "well", "ok", "okay", "um", "uh", "er", "erm", "please", "no"}
)
# Subjects of a negated statement: "i don't ...", "it shouldn't ...", "there's no ...".
# Not "you": "if you don't mind ...", "you haven't forgotten ..." are politeness and questions.
_SUBJECTS: Final = frozenset({"i", "we", "it", "they", "he", "she", "that", "this", "there"})
# Who a bare "no" or "not" may be said to: "no, not you", "not you, the speaker".
_ADDRESSED: Final = frozenset({"you", "not", "no", "him", "her", "them", "me", "us", "now", "yet"})
# What turns a negated command into a positive one: "anything besides bailey".
_EXCEPT: Final = frozenset({"except", "besides", "but", "apart", "other", "unless", "instead"})
# Adverbs between the negator and its verb: "don't even ...", "i really don't ...".
_ADVERBS: Final = frozenset({"even", "ever", "really", "just", "quite", "actually", "yet", "you"})
# Verbs of knowing: not knowing something is asking to be told it.
_KNOWING: Final = frozenset(
    {"know", "remember", "recall", "understand", "sure", "certain", "get", "idea", "see", "tell"}
)
# Words a request is not started by when cut from a sentence by its shape alone: a determiner,
# a pronoun or a particle starts a template ("the lights off", "it's ...") but, in the middle
# of a sentence, continues the clause before it far more often than it starts a request.
_NOT_OPENING: Final = frozenset(
    {
        "the",
        "a",
        "an",
        "my",
        "your",
        "our",
        "his",
        "her",
        "their",
        "it",
        "this",
        "that",
        "these",
        "those",
        "some",
        "any",
        "all",
        "i",
        "we",
        "you",
        "they",
        "back",
        "on",
        "off",
        "in",
        "up",
        "down",
        "out",
        "to",
        "for",
        "of",
        "at",
        "with",
        "is",
        "are",
        "was",
        "not",
        "no",
    }
)
# What the word before a request cannot be: the request would start inside the negated
# clause's own verb chain ("don't let me | forget ...", "i don't want to | count ...").
_CHAINED: Final = frozenset(
    {
        "to",
        "me",
        "you",
        "us",
        "let",
        "not",
        "never",
        "the",
        "a",
        "an",
        "my",
        "your",
        "our",
        "of",
        "any",
        "no",
        # A subject's verb is its clause's own: "what medicine should i | put on it".
        "i",
        "we",
        "they",
        "he",
        "she",
    }
)
# Softeners and links before the request: "..., just roll one", "..., but play jazz instead".
_LINKS: Final = frozenset({"just", "please", "but", "so", "then", "instead", "rather", "and"})
# Determiners that open a thing named in the negated clause, and those that only count it
# ("any alarms", "a single reminder", "no more music"): named again, it is "the ...".
_DETERMINERS: Final = DETERMINERS | {"no", "every", "each"}
_COUNT_WORDS: Final = frozenset({"single", "more", "other", "of", "the", "one"})
# Words that end a thing's name: prepositions, adverbs, conjunctions, verbs of being.
_ENDS: Final = frozenset(
    {
        "at",
        "in",
        "on",
        "off",
        "of",
        "for",
        "to",
        "from",
        "with",
        "by",
        "about",
        "after",
        "before",
        "any",
        "anymore",
        "more",
        "yet",
        "again",
        "left",
        "now",
        "ever",
        "all",
        "please",
        "so",
        "too",
        "either",
        "instead",
        "and",
        "or",
        "but",
        "while",
        "when",
        "if",
        "because",
        "this",
        "that",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "not",
        "i",
        "you",
        "we",
        "it",
        "me",
        "there",
        "here",
        "today",
        "tonight",
        "tomorrow",
        *QUESTION_OPENERS,
    }
)
# A pronoun for the thing, and a pronoun for all of it ("cancel them all", "delete the lot").
# "these" and "those" point back too; not "this" and "that", which after a negated clause
# mostly open a thing or a clause of their own ("that one", "that way").
_PRONOUNS: Final = POINTING_PRONOUNS | {"these", "those"}
# What follows a verb as its object: "order a ...", "put them ...", "wake me ...".
_VERB_OBJECTS: Final = frozenset(
    {"the", "a", "an", "my", "your", "our", "some", "it", "them", "me", "us"}
)
_ALL_OF_IT: Final = (
    ("every", "single", "one"),
    ("every", "last", "one"),
    ("all", "of", "them"),
    ("all", "of", "those"),
    ("the", "whole", "lot"),
    ("them", "all"),
    ("the", "lot"),
    ("every", "one"),
    ("each", "one"),
)
# Words before "one" that make it stand for a thing's name: "a new one", "another one".
_ONE_AFTER: Final = frozenset({"a", "new", "another", "the", "that", "this", "other"})
_MAX_NAME = 3
# Words before a place, not a thing acted on: "don't play it in the kitchen".
_PLACES: Final = frozenset({"in", "on", "at", "into", "from", "by", "inside", "near", "under"})
# A negated command that asks for the opposite, said with the verb that asks it: "don't forget
# to call the plumber" is "remind me to call the plumber", "don't remember my name" is "forget
# my name", "don't let me sleep past seven" is "wake me at seven".
_OPPOSITES: Final[dict[tuple[str, ...], tuple[str, ...]]] = {
    ("forget",): ("remind", "me"),
    ("let", "me", "forget"): ("remind", "me"),
    ("remember",): ("forget",),
    ("let", "me", "oversleep"): ("wake", "me"),
    ("let", "me", "sleep", "past"): ("wake", "me", "at"),
    ("let", "me", "sleep", "beyond"): ("wake", "me", "at"),
    ("let", "me", "sleep", "in", "past"): ("wake", "me", "at"),
    ("let", "me", "sleep", "through"): ("wake", "me", "for"),
}
# Not wanting a thing, and what says it is still there: "i don't need the timer any more".
_NOT_WANTING: Final = frozenset({"want", "need"})
_NO_LONGER: Final = frozenset(
    {"any", "anymore", "now", "left", "running", "on", "again", "longer", "at", "today", "after"}
)


def _skip(words: Sequence[str], i: int, skippable: frozenset[str]) -> int:
    while i < len(words) and words[i] in skippable:
        i += 1
    return i


def negation_end(words: Sequence[str]) -> int | None:
    """Where the negated verb or thing of a negation that opens ``words`` ends: the first
    index the request after it may start at; None when ``words`` open with no negation.

    "do not skip ..." -> 3, "never play ..." -> 2, "not tuesday ..." -> 2, "no more music ..."
    -> 3, "i do not want ..." -> 4, "it should not be ..." -> 4, "i never asked ..." -> 3,
    "there is no ..." -> 4.
    """
    i = _skip(words, 0, _OPENERS - {"no"})
    if i >= len(words):
        return None
    first = words[i]
    if first == "do" and words[i + 1 : i + 2] == ["not"]:
        verb = _skip(words, i + 2, _ADVERBS)
    elif first in ("never", "not", "no") and words[i + 1 : i + 2] and words[i + 1] in _ADDRESSED:
        return None  # "no, not you", "not you, ...": said to someone else, not of a thing
    elif first in ("never", "not"):
        verb = _skip(words, i + 1, _ADVERBS)
    elif first == "no":
        verb = _skip(words, i + 1, frozenset({"more", "longer"}))
    elif first in _SUBJECTS and i + 1 < len(words):
        j = _skip(words, i + 1, _ADVERBS)
        if words[j : j + 1] == ["never"]:
            verb = _skip(words, j + 1, _ADVERBS)
        elif (
            j + 1 < len(words)
            and words[j] in AUXILIARIES_AND_NEED
            and words[j + 1] in ("not", "no")
        ):
            verb = _skip(words, j + 2, _ADVERBS)
        elif words[j : j + 2] in (["have", "got"], ["have", "no"]) or words[j : j + 1] == ["got"]:
            k = j + (2 if words[j : j + 2] == ["have", "got"] else 1)
            if words[k : k + 1] != ["no"]:
                return None
            verb = k + 1
        else:
            return None
    else:
        return None
    return verb + 1 if verb < len(words) else None


def negated_command(words: Sequence[str]) -> bool:
    """Whether ``words`` open with a negated command ("don't skip", "never play jazz in the
    morning", "do not turn the lights off, ..."): the words after it are the request, if any;
    the command negated is not one, so no reading may take it."""
    i = _skip(words, 0, _OPENERS - {"no"})
    rest = list(words[i:])
    if not _EXCEPT.isdisjoint(rest) or rest[2:3] == ["be"]:
        # "don't call me anything besides bailey" asks for bailey; "don't be synced to my
        # phone any more" says a state, not a command the skills' verbs would take.
        return False
    return len(rest) >= 3 and (rest[:2] == ["do", "not"] or rest[0] == "never")


def _things(
    lead: Sequence[str], start: int, starts: frozenset[str], breaks: Sequence[int]
) -> list[tuple[list[str], str]]:
    """The things the negated clause names after ``start``, each as named again ("any
    alarms" -> "the alarms") with its head noun ("alarms"), first named first."""
    found: list[tuple[list[str], str]] = []
    for i, j in _thing_spans(lead, start, starts, breaks):
        det, name = lead[i], [w for w in lead[i + 1 : j] if w not in _COUNT_WORDS]
        if name:
            found.append((named_again([det, *name]), name[-1]))
    if not found and len(lead) > start and QUESTION_OPENERS.isdisjoint(lead[start:]):
        # A thing named without a determiner at the end of the clause: "i don't want to miss
        # halloween", "don't call it team meeting any more", "i never asked for onion rings"
        # (its last two words, then its last).
        k = len(lead)
        while k > start and lead[k - 1] in _ENDS:
            k -= 1
        bare: list[str] = []
        # (Not a verb after "to": "i don't want to miss | easter".)
        while k > start and len(bare) < 2 and _bare(lead[k - 1], starts) and lead[k - 2] != "to":
            bare.insert(0, lead[k - 1])
            k -= 1
        if bare and lead[k - 1] not in _DETERMINERS:
            found.extend((bare[n:], bare[-1]) for n in range(len(bare)))
    return found


def _bare(word: str, starts: frozenset[str]) -> bool:
    """Whether ``word`` may be part of a thing named without a determiner (not a function
    word, not a verb some request starts with, not a past or "-ing" form)."""
    return (
        word not in _CHAINED
        and word not in starts
        and word not in _DETERMINERS
        and word not in AUXILIARIES_AND_NEED
        and word not in _ENDS
        and not (len(word) > 4 and word.endswith(("ed", "ing")))
    )


def _thing_spans(
    lead: Sequence[str], start: int, starts: frozenset[str], breaks: Sequence[int] = ()
) -> list[tuple[int, int]]:
    """Where the things named after ``start`` stand: ``(determiner, end)`` index pairs. A
    word requests start with, followed by its object, is a verb: "the fries | order a ..."."""
    found: list[tuple[int, int]] = []
    i = max(start - 1, 0)
    while i < len(lead):
        det = lead[i]
        if det not in _DETERMINERS:
            i += 1
            continue
        j = _skip(lead, i + 1, _COUNT_WORDS)
        name: list[str] = []
        while j < len(lead) and len(name) < _MAX_NAME:
            word = lead[j]
            if (
                word in _ENDS
                or word in _DETERMINERS
                or (name and len(word) > 4 and word[-3:] == "ing")
            ):
                break
            if len(word) > 5 and word.endswith("ed") and name:
                break  # "any doors left unlocked", "the vacuum stopped"
            after = lead[j + 1] if j + 1 < len(lead) else ""
            if (word in starts and after in _VERB_OBJECTS) or j in breaks:
                break
            name.append(word)
            j += 1
        if name and (i == 0 or lead[i - 1] not in _PLACES):
            found.append((i, j))
        i = max(j, i + 1)
    return found


def _plural(noun: str) -> str:
    return noun if noun.endswith("s") else noun + "s"


def _fill(request: list[str], thing: list[str], head: str) -> list[str] | None:
    """``request`` with its pronoun for the thing read as the thing ("put them on the list"
    -> "put the batteries on the list", "cancel them all" -> "cancel all the timers", "make a
    new one" -> "make a new list"); None when it has no such pronoun."""
    for phrase in _ALL_OF_IT:
        n = len(phrase)
        for k in range(len(request) - n + 1):
            if tuple(request[k : k + n]) == phrase:
                return [*request[:k], "all", "the", _plural(head), *request[k + n :]]
    for k, word in enumerate(request):
        if word in _PRONOUNS and k > 0 and not pronoun_is_subject(request, k):
            return [*request[:k], *thing, *request[k + 1 :]]
        if word == "one" and k > 0 and request[k - 1] in _ONE_AFTER:
            return [*request[:k], head, *request[k + 1 :]]
        if word == "one" and k == 1 and len(thing) >= 2:
            # "set one up": one of the thing, said after the verb.
            return [request[0], "a", *thing[1:], *request[2:]]
    return None


def _known(lead: list[str], start: int) -> list[str] | None:
    """What the speaker does not know, when the negated verb is one of knowing and a question
    word follows ("i do not know what date it is" -> "what date it is"); else None."""
    verb = lead[start - 1] if start >= 1 else ""
    if verb not in _KNOWING:
        return None
    k = _skip(lead, start, frozenset({"about", "of", "for", "exactly", "quite"}))
    if k < len(lead) - 1 and lead[k] in QUESTION_OPENERS:
        return list(lead[k:])
    return None


def _unwanted(
    words: Sequence[str], end: int, starts: frozenset[str], removers: Sequence[Sequence[str]]
) -> list[Negated]:
    """What is no longer wanted, removed: "i don't need the timer any more" -> "cancel the
    timer", "i don't want any alarms" -> "cancel all the alarms", "no more music" -> "stop the
    music". ``removers`` are the skills' verbs that make a thing gone, each said before the
    thing ("cancel") or around it ("turn", "off")."""
    opening = _skip(words, 0, _OPENERS - {"no"})
    if words[opening : opening + 2] == ["no", "more"]:
        scan = opening + 1  # "no more music" (not "no, definitely not")
    elif words[end - 1] in _NOT_WANTING:
        scan = end
    else:
        return []
    spans = _thing_spans(words, scan, starts)
    if not spans or spans[0][0] > scan:
        return []  # the thing right after the verb: not "i don't want to ..."
    i, j = spans[0]
    rest = [w for w in words[j:] if w not in _COUNT_WORDS]
    if words[i] not in ("any", "no") and not (rest and rest[0] in _NO_LONGER):
        return []  # "i don't need the timer" is not gone unless "any more", "left" ...
    name = [w for w in words[i + 1 : j] if w not in _COUNT_WORDS]
    if not name:
        return []
    thing = ["all", "the", _plural(name[-1])] if words[i] == "any" else ["the", *name]
    if words[i] not in COUNTING:
        thing = [words[i], *name]
    said = " ".join(words)
    how = f'read "{said}" as the command that removes it'
    out: list[Negated] = []
    for remover in removers:
        command = [remover[0], *thing, *remover[1:]]
        out.append(Negated(command, list(words), how))
    return out


def _opposite(words: Sequence[str]) -> list[Negated]:
    """A negated command read as the request for its opposite (`_OPPOSITES`), the rest of
    the sentence kept: "don't forget to call the plumber" -> "remind me to call the plumber"."""
    i = _skip(words, 0, _OPENERS - {"no"})
    if words[i : i + 2] != ["do", "not"]:
        return []
    after = list(words[i + 2 :])
    for said, meant in sorted(_OPPOSITES.items(), key=lambda pair: -len(pair[0])):
        if tuple(after[: len(said)]) == said and len(after) > len(said):
            lead = " ".join(words[: i + 2 + len(said)])
            how = f'read "{lead}" as "{" ".join(meant)}"'
            return [Negated([*meant, *after[len(said) :]], list(words), how)]
    return []


def negated_readings(
    tokens: Sequence[str],
    starts: frozenset[str],
    breaks: Sequence[int] = (),
    removers: Sequence[Sequence[str]] = (),
) -> list[Negated]:
    """The requests a sentence that opens with a negated clause may amount to, the most likely
    first; ``[]`` when it opens with none.

    The request starts after the negated verb (or thing: "not tuesday", "no more music") at a
    typed break or at a word some template starts with (``starts``) that the clause before it
    does not lead into ("don't let me | forget ..." is still the negated clause); a word or
    two of linking ("just", "but") is left out. Each request comes with its pronoun read as a
    thing the negated clause names first, then as said. When the negated verb is one of
    knowing and a question follows it, the question asked to be told is one more reading
    ("i don't know what date it is, tell me": "tell me what date it is").
    """
    words = list(tokens)
    end = negation_end(words)
    if end is None:
        return []
    out: list[Negated] = []
    seen: set[tuple[str, ...]] = set()

    marked = False

    def add(request: list[str], lead: list[str], how: str, told: bool = False) -> None:
        if len(request) >= 2 and tuple(request) not in seen:
            seen.add(tuple(request))
            out.append(Negated(request, lead, how, told, marked))

    # Inside a thing the negated clause names no request starts ("the six o'clock | alarm").
    spans = _thing_spans(words, end, starts, breaks)
    inside = {j for start, stop in spans for j in range(start + 1, stop)}
    typed = sorted(b for b in breaks if end <= b < len(words) - 1)
    cuts: list[int] = []
    for k in range(end, len(words) - 1):
        first = words[k]
        if first in _LINKS:
            first = words[k + 1]
        if k == end and words[k - 1] in _KNOWING:
            continue  # "i don't know, tell me": not knowing what, a whole reply
        if asks(words[k:]):
            cuts.append(k)
            continue
        if k in typed:
            # At a typed break any word but a determiner or pronoun may start the request
            # ("..., reserve a parking space"): the mark ended the clause.
            if first not in starts and first in _NOT_OPENING:
                continue
        elif first not in starts or k in inside or words[k - 1] in _CHAINED:
            continue
        tag = len(words) - k <= 3 and first in AUXILIARIES_AND_NEED
        if tag or (first in _NOT_OPENING and k not in typed):
            # "..., are you": a tag asks nothing; "the", "it" start a request only at a break.
            continue
        cuts.append(k)
    # At a typed break first (the first one first), then by shape, the longest request first.
    order = [k for k in typed if k in cuts] + [k for k in cuts if k not in typed]
    for k in order:
        lead, request = words[:k], words[k:]
        marked = k in typed or asks(request)
        while request and request[0] in _LINKS and len(request) > 1:
            request = request[1:]
        said = " ".join(lead)
        known = _known(lead, end)
        vague = len(request) <= 3 or any(w in _PRONOUNS for w in request)
        if known is not None and vague:
            # "..., tell me", "..., name them": what is not known is what is asked.
            add(["tell", "me", *known], lead, f'read "{said}" as asking to be told', True)
        for thing, head in _things(lead, end, starts, breaks):
            filled = _fill(request, thing, head)
            if filled is not None:
                add(filled, lead, f'set aside "{said}" and read the thing it names as the request')
        add(request, lead, f'set aside the negated clause "{said}"')
        if known is not None and not vague:
            add(["tell", "me", *known], lead, f'read "{said}" as asking to be told', True)
        if (
            len(request) >= 2
            and request[-1] in _PRONOUNS
            and request[-2] not in AUXILIARIES_AND_NEED
        ):
            # "don't play them in order, shuffle them": the thing said before without a name.
            add(request[:-1], lead, f'set aside "{said}" and the thing it left unnamed')
    marked = False
    for reading in [*_unwanted(words, end, starts, removers), *_opposite(words)]:
        add(reading.words, reading.lead, reading.how)
    if not out:
        known = _known(words, end)
        if known is not None:
            add(
                ["tell", "me", *known],
                words,
                f'read "{" ".join(words)}" as asking to be told',
                True,
            )
    return out
