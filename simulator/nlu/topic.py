"""A topic set apart: the thing named first, then what to do with it or what to ask about it.

People name the thing first and set it apart with a dash, a colon, a comma or a full stop ("the
dishwasher - turn it on", "the front door: is it locked?", "the doors - how many are locked?",
"my name - it's jo", "the bedroom heater: 19 degrees"). The samples say the thing where the
request needs it ("turn the dishwasher on", "is the front door locked", "how many doors are
locked", "my name is jo", "the bedroom heater 19 degrees"), so :func:`topic_readings` reads such
a sentence by its shape:

* the topic is the first typed clause: a noun phrase of a few words (no auxiliary, no subject
  pronoun, not opened by a question word, a subordinator or "please");
* the request after it that points back with a pronoun ("it", "them", or "this", "that",
  "those" on their own: at the end or before a preposition) has the topic put in its place;
* a question opened by "how many", "how much", "what" or "which" and pointing back to nothing
  has the topic put after that opener, without its article ("how many doors are locked");
* any other request is joined to the topic ("the bedroom heater 19 degrees", "the tv louder").

The request is the clause after the topic, then that clause with the ones after it ("the tv -
louder, it's too quiet" reads "louder"). Each reading is only a reading: the router keeps one a
template reads firmly.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final, NamedTuple

from simulator.nlu.closed_class import (
    ARTICLES,
    AUXILIARIES,
    DEMONSTRATIVES,
    DETERMINERS,
    POINTING_PRONOUNS,
    PREPOSITIONS,
    QUESTION_OPENERS,
    SUBJECT_PRONOUNS,
)

__all__ = ["Topical", "topic_readings"]


class Topical(NamedTuple):
    """A request read with its topic: its words, how it was read, and whether the topic was
    put where the request pointed back to it (all of what was said is in the words then)."""

    words: list[str]
    how: str
    placed: bool


_MAX_TOPIC: Final = 6
# What a topic never holds: a question word or a subordinator opens a clause, an auxiliary or a
# subject pronoun makes one ("the lamp is broken - fix it" sets nothing apart).
_NOT_TOPIC: Final = QUESTION_OPENERS | AUXILIARIES | SUBJECT_PRONOUNS
_NOT_FIRST: Final = frozenset(
    {"please", "so", "and", "but", "then", "because", "since", "unless", "as", "when", "while"}
    | {"me", "us", "let", "no", "not"}
)
# The openers a thing asked about follows ("how many | doors are locked").
_ASKING: Final = (("how", "many"), ("how", "much"), ("what",), ("which",))
# After a demonstrative pronoun ("what's that | in celsius", "turn that | off").
_AFTER_PRONOUN: Final = PREPOSITIONS | AUXILIARIES | frozenset({"again", "now", "please", "for"})


def _is_topic(words: Sequence[str]) -> bool:
    """Whether ``words`` are a noun phrase said on its own: a few words, none of a clause."""
    return (
        0 < len(words) <= _MAX_TOPIC
        and words[0] not in _NOT_FIRST
        and not any(w in _NOT_TOPIC and not _is_time_of_day(words, k) for k, w in enumerate(words))
    )


def _is_time_of_day(words: Sequence[str], k: int) -> bool:
    """Whether ``words[k]`` is the "am" of a time ("the six am alarm"), no auxiliary."""
    return words[k] == "am" and k > 0 and words[k - 1] != "i"


def _pointer(request: Sequence[str]) -> int | None:
    """Where ``request`` points back with a pronoun: "it" or "them" anywhere ("it's jo", "is it
    locked", "turn it on"), a demonstrative on its own ("what's that in celsius")."""
    for k, word in enumerate(request):
        if word in POINTING_PRONOUNS:
            return k
        if word in DEMONSTRATIVES and k > 0:
            after = request[k + 1] if k + 1 < len(request) else ""
            if not after or after in _AFTER_PRONOUN:
                return k
    return None


def _asked(request: Sequence[str], topic: Sequence[str]) -> list[str] | None:
    """``request`` with ``topic`` after its asking opener ("how many | doors | are locked"),
    the topic's article dropped; None when it opens with none."""
    bare = list(topic[1:]) if topic[0] in ARTICLES else list(topic)
    for opener in _ASKING:
        n = len(opener)
        if tuple(request[:n]) == opener and len(request) > n and bare:
            return [*request[:n], *bare, *request[n:]]
    return None


def topic_readings(
    words: Sequence[str], breaks: Sequence[int], starts: frozenset[str] = frozenset()
) -> list[Topical]:
    """The requests a sentence with its topic set apart first amounts to, each with how it was
    read; ``[]`` when its first typed clause is no topic. ``breaks`` are the typed clause marks
    (`normalize.clause_breaks`); ``starts`` the words some template starts with: a topic
    opened by one that is no determiner is a request of its own ("turn off the tv, it's
    late")."""
    marks = [b for b in breaks if 0 < b < len(words)]
    if not marks:
        return []
    topic = list(words[: marks[0]])
    if not _is_topic(topic) or (topic[0] in starts and topic[0] not in DETERMINERS):
        return []
    said = " ".join(topic)
    ends = [*marks[1:], len(words)]
    out: list[Topical] = []
    for end in dict.fromkeys((ends[0], len(words))):
        request = list(words[marks[0] : end])
        k = _pointer(request)
        if k is not None:
            read = [*request[:k], *topic, *request[k + 1 :]]
            how = f'put the topic "{said}" where the request points back to it'
            out.append(Topical(read, how, True))
            continue
        asked = _asked(request, topic)
        if asked is not None:
            out.append(Topical(asked, f'put the topic "{said}" into the question', False))
        out.append(Topical([*topic, *request], f'joined the topic "{said}" to the request', False))
    return out
