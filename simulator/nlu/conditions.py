"""A condition, a reason or a purpose said before the request: the request, read on its own.

People say why or when first ("if milk's on the shopping list, remove it", "if any timers are
running, cancel the lot", "in case i forgot, lock the front door", "since i fancy italian, order
me a lasagne", "so i get the card right, how do you spell congratulations"). The request is
what the skills' samples say; the condition's own words name no request and must not choose
one (the learned stage read "if any timers are running, cancel the lot" as a question about
the running timers). So :func:`condition_readings` reads such a sentence by its shape:

* the condition opens with a subordinator of `closed_class.CONDITION_OPENERS` and ends at a
  typed mark or, untyped, before a word some template starts with (not an auxiliary, an
  article or a pronoun: "if that's the alarm going off | stop it");
* a request that points back with "it" or "them" ("remove it", "cancel all of them"; "the
  lot" is "all of them") has a thing the condition names put in its place: what is there
  ("there are any reminders left" -> "the reminders"), what someone has ("i've got any
  alarms set" -> "the alarms"), what something is ("that's the alarm going off" -> "the
  alarm"), or the subject, with where it is ("milk's on the shopping list" -> "milk from the
  shopping list"); the request then says what it was done to (`Conditioned.thing`), and a
  thing no skill serves ("if my boss emails, read it to me") leaves it unread;
* any other request is read as said.

Each reading is only a reading: the router keeps one a template reads firmly.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final, NamedTuple

from simulator.nlu.closed_class import (
    AUXILIARIES,
    CONDITION_OPENERS,
    DETERMINERS,
    POINTING_PRONOUNS,
    PREPOSITIONS,
    QUESTION_OPENERS,
    SUBJECT_PRONOUNS,
)
from simulator.nlu.fillers import is_past
from simulator.nlu.pointing import named_again, pointed_at

__all__ = ["Conditioned", "condition_readings"]


class Conditioned(NamedTuple):
    """A request read after a condition: its words, how it was read, and the thing the
    condition named that was put for its pronoun."""

    request: list[str]
    how: str
    thing: tuple[str, ...]
    """The condition's thing put for the request's pronoun; ``()`` for none."""


_MAX_CUTS: Final = 3
_MAX_SUBJECT: Final = 5
_BE: Final = frozenset({"is", "are", "was", "were", "be", "am"})
_HAVE: Final = frozenset({"have", "has", "had"})
# The collective pronouns read as "all of them" ("cancel the lot").
_COLLECTIVE: Final = (
    ("the", "whole", "lot"),
    ("the", "lot"),
    ("every", "one", "of", "them"),
    ("each", "of", "them"),
    ("them", "all"),
)
# Words that end a thing named: "any alarms | set", "the alarm | going off", "any | left".
_ENDS_THING: Final = PREPOSITIONS | frozenset(
    {"left", "still", "now", "already", "yet", "again", "today", "tonight", "and", "or"}
)
# Words no request starts with after a condition: they go on the condition's own clause.
_NO_CUT: Final = AUXILIARIES | DETERMINERS | SUBJECT_PRONOUNS | PREPOSITIONS | {"not", "me", "them"}
_PLACES: Final = frozenset({"on", "in"})
# One-word openers that are adverbs or prepositions too ("as usual", "so what", "since then").
_ADVERB_OPENERS: Final = frozenset({"as", "so", "since", "once", "when", "cos", "cause"})
# Pronouns that name no thing a request can be done to ("if anything's on my calendar").
_INDEFINITE: Final = frozenset(
    {"anything", "something", "everything", "nothing", "anyone", "someone", "everyone"}
)


def _opener(words: Sequence[str]) -> int:
    """How many words open ``words`` as a condition (0 for none)."""
    for opener in sorted(CONDITION_OPENERS, key=len, reverse=True):
        if tuple(words[: len(opener)]) == opener:
            return len(opener)
    return 0


def _opens_clause(condition: Sequence[str], opener: Sequence[str]) -> bool:
    """Whether ``condition`` starts a clause of its own after its ``opener``: not a question
    ("when do they play", "so can you ..."), nor a phrase ("as of now", "as for the lights");
    after a one-word opener that is also an adverb or a preposition ("as", "so", "since",
    "once"), a subject said first ("as it's cold", "since the kids are bored")."""
    if len(condition) < 2:
        return False
    first = condition[0]
    if first in AUXILIARIES or first in PREPOSITIONS or first in QUESTION_OPENERS:
        return False
    if opener[-1] in _ADVERB_OPENERS:
        return first in SUBJECT_PRONOUNS or first in DETERMINERS or first.endswith("'s")
    return True


def _noun_phrase(words: Sequence[str]) -> list[list[str]]:
    """A thing named at the start of ``words``, shortest reading first ("any alarms set" ->
    "the alarms", then "the alarms set"), named again as a pronoun means it."""
    if not words or words[0] in SUBJECT_PRONOUNS or words[0] in QUESTION_OPENERS:
        return []
    end = next(
        (
            k
            for k, w in enumerate(words)
            if k > 0 and (w in _ENDS_THING or w.endswith("ing") or is_past(w))
        ),
        len(words),
    )
    found = [named_again(words[:end])]
    if end < len(words):
        found.append(named_again(words))
    return [f for f in found if f and f != ["the"]]


def _verb(condition: Sequence[str]) -> int | None:
    """Where the condition's verb stands after its subject: an auxiliary, "have", "is", a
    word with "'s" (its index, "'s" standing for "is"), or a present form after a subject of
    a few words ("my boss | emails")."""
    for k, word in enumerate(condition[: _MAX_SUBJECT + 1]):
        if k > 0 and (word in AUXILIARIES or word in _BE or word in _HAVE):
            return k
        if word.endswith("'s") and len(word) > 2:
            return k
    if len(condition) >= 2 and condition[0] in SUBJECT_PRONOUNS:
        return 1
    if len(condition) >= 3 and condition[0] in DETERMINERS:
        # "my boss | emails", "the kids | rang": a present or past form after a thing named.
        return next(
            (
                k
                for k, w in enumerate(condition[2 : _MAX_SUBJECT + 1], start=2)
                if is_past(w) or (w.endswith("s") and not w.endswith("ss"))
            ),
            None,
        )
    return None


def _things(condition: Sequence[str]) -> list[tuple[list[str], list[str]]]:
    """What a condition names that a pronoun after it may stand for, each with where it is
    ("milk's on the shopping list": "milk", "on the shopping list")."""
    found: list[tuple[list[str], list[str]]] = []
    if condition[:1] == ["there"] and len(condition) > 2 and condition[1] in _BE:
        rest = condition[2:]
        if rest and rest[0] == "not":
            rest = rest[1:]
        return [(t, []) for t in _noun_phrase(rest)]
    k = _verb(condition)
    if k is None:
        return []
    word = condition[k]
    if word.endswith("'s") and word not in AUXILIARIES:
        subject, verb, rest = [*condition[:k], word[:-2]], "is", list(condition[k + 1 :])
    else:
        subject, verb, rest = list(condition[:k]), word, list(condition[k + 1 :])
    while rest and rest[0] in ("not", "got", "been"):
        rest = rest[1:]
    if verb in _HAVE or (subject and subject[0] in SUBJECT_PRONOUNS - {"it"}):
        # What someone has or gets ("i've got any alarms set", "i get any messages").
        if verb not in _HAVE and verb not in AUXILIARIES:
            rest = list(condition[k + 1 :])
        found += [(t, []) for t in _noun_phrase(rest)]
    elif verb in _BE and rest and rest[0] in DETERMINERS:
        # What something is ("that's the alarm going off").
        found += [(t, []) for t in _noun_phrase(rest)]
    # A demonstrative subject ("if that's the alarm") points at what the condition names.
    if (
        subject
        and subject[0] not in SUBJECT_PRONOUNS
        and subject != ["that"]
        and subject[0] not in _INDEFINITE
    ):
        place = list(rest) if verb in _BE and rest[:1] and rest[0] in _PLACES else []
        # Said as the subject without a determiner, it is named as said ("milk").
        thing = named_again(subject) if subject[0] in DETERMINERS else list(subject)
        found += [(thing, place)]
    return found


def _collective(request: Sequence[str]) -> list[str]:
    """``request`` with "the lot" read as "all of them"."""
    out = list(request)
    for phrase in _COLLECTIVE:
        n = len(phrase)
        for k in range(len(out) - n + 1):
            if tuple(out[k : k + n]) == phrase:
                return [*out[:k], "all", "of", "them", *out[k + n :]]
    return out


def _cuts(
    words: Sequence[str], start: int, breaks: Sequence[int], starts: frozenset[str]
) -> list[int]:
    """Where the request may start after a condition opened at ``start``: the first typed mark
    after two words of it, or, untyped, before the first few words a template starts with."""
    marks = [b for b in breaks if b >= start + 2 and b < len(words)]
    if marks:
        return marks[:1]
    return [
        k for k in range(start + 2, len(words)) if words[k] in starts and words[k] not in _NO_CUT
    ][:_MAX_CUTS]


def _with_thing(request: list[str], k: int, thing: list[str], place: list[str]) -> list[list[str]]:
    """``request`` with ``thing`` for its pronoun at ``k``: with where it is said as "from
    there" first ("remove milk | from the shopping list"), then as said, then without it."""
    head, tail = request[:k], request[k + 1 :]
    out: list[list[str]] = []
    if place and tail and tail[-1] in PREPOSITIONS:
        # "take them off" -> "take eggs off | the list".
        out.append([*head, *thing, *tail, *place[1:]])
    if place:
        out.append([*head, *thing, "from", *place[1:], *tail])
        out.append([*head, *thing, *place, *tail])
    out.append([*head, *thing, *tail])
    return out


def condition_readings(
    words: Sequence[str], breaks: Sequence[int], starts: frozenset[str]
) -> list[Conditioned]:
    """The requests a sentence opened by a condition amounts to, each with how it was read;
    ``[]`` when it opens with none. ``breaks`` are the typed clause marks
    (`normalize.clause_breaks`), ``starts`` the words some template starts with."""
    n = _opener(words)
    if not n or not _opens_clause(words[n:], words[:n]):
        return []
    out: list[Conditioned] = []
    for cut in _cuts(words, n, breaks, starts):
        condition = list(words[n:cut])
        request = list(words[cut:])
        if request[:1] == ["then"]:
            request = request[1:]
        if not request or (len(request) < 2 and cut not in breaks):
            continue
        said = " ".join(words[:cut])
        request = _collective(request)
        k = pointed_at(request, POINTING_PRONOUNS)
        things = _things(condition) if k is not None else []
        if k is not None and things:
            how = f'read the request after "{said}" with what it names for "{request[k]}"'
            for thing, place in things:
                for read in _with_thing(request, k, thing, place):
                    out.append(Conditioned(read, how, tuple(thing)))
            continue
        out.append(Conditioned(request, f'set aside the condition "{said}"', ()))
    return out
