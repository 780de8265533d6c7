"""Requests made for someone else: "my wife wants ...", "the kids need ...", "grandma's asking ...".

A speaker often passes on what another person in the house wants: "my daughter needs a timer
for her piano practice, 20 minutes", "the kids want some pop music on", "my husband wants to
know what's in the order", "grandma's asking how warm it is indoors". The request is the same
one the speaker would make for themselves, so :func:`for_self` says it in the first person
("i need a timer, 20 minutes", "i want some pop music on", "i want to know what is in the
order", "i want to know how warm it is indoors"), and the router reads that as it reads the
speaker's own wishes (`wishes.wish_readings`).

The person is named by a relation ("my wife", "my little brother", "the kids"), a single word
before the verb ("grandma", "tom") or a pronoun ("she", "they"); the verb says a want or a
need ("wants", "needs", "would like", "is after") or a question passed on ("is asking which
...", "asked whether ..."). Their words in the request become the speaker's ("her own list" ->
"my own list"), and a purpose of theirs at the end is set aside ("... for her maths game").
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

__all__ = ["for_self", "to_self"]


def _phrases(*texts: str) -> tuple[tuple[str, ...], ...]:
    # Longest first, so "would like to know" is taken whole before "would like".
    return tuple(sorted((tuple(t.split()) for t in texts), key=len, reverse=True))


# A person's want or need, and the speaker's words for it.
_WANTS: Final = {
    **dict.fromkeys(
        _phrases("wants", "want", "is wanting", "has asked for", "is asking for"), "i want"
    ),
    **dict.fromkeys(_phrases("asks for", "asked for", "would want", "keeps asking for"), "i want"),
    **dict.fromkeys(_phrases("needs", "need", "is needing"), "i need"),
    **dict.fromkeys(_phrases("would like", "would really like"), "i would like"),
    **dict.fromkeys(_phrases("would love"), "i would love"),
    **dict.fromkeys(_phrases("is after", "are after"), "i am after"),
    **dict.fromkeys(_phrases("fancies", "fancy"), "i fancy"),
    **dict.fromkeys(_phrases("could do with", "could use"), "i could do with"),
}
# A question passed on: "is asking which alarms we have", "asked whether the door is locked".
_ASKS: Final = _phrases(
    "is asking",
    "are asking",
    "asks",
    "asked",
    "has asked",
    "keeps asking",
    "is wondering",
    "was wondering",
    "wonders",
)
_QUESTION_WORDS: Final = frozenset(
    {"what", "which", "who", "when", "where", "how", "why", "if", "whether", "wether", "about"}
)
# Asking the speaker's assistant to act: "my wife wants you to turn the lamp on".
_YOU: Final = ("you", "to")
# Who may be named: the speaker's relations and people ("my wife", "our kids", "the guests").
_OWNERS: Final = frozenset({"my", "our"})
_PEOPLE: Final = frozenset(
    {"kids", "children", "guests", "boys", "girls", "twins", "neighbours", "neighbors", "family"}
)
_PRONOUNS: Final = frozenset({"he", "she", "they"})
# Single words before the verb that name no person: "it needs", "this wants", "everything ...".
_NOT_PEOPLE: Final = frozenset(
    {
        "i",
        "we",
        "you",
        "it",
        "this",
        "that",
        "there",
        "what",
        "who",
        "which",
        "nobody",
        "nothing",
        "everything",
        "something",
        "anything",
        "one",
        "do",
        "does",
        "did",
    }
)
# Their words, said by the speaker: "her own list" -> "my own list", "tell her" -> "tell me".
_THEIR: Final = frozenset({"his", "her", "their"})
_THEM: Final = frozenset({"him", "her"})
_WORDS_AFTER_HER: Final = frozenset(
    {"a", "an", "the", "some", "one", "what", "how", "when", "and", "to"}
)


def _person(words: Sequence[str]) -> int:
    """How many of the first ``words`` name a person other than the speaker, 0 when none:
    "my wife", "my little brother", "our kids", "the kids", "grandma's" (with its "'s"), "she"."""
    if not words:
        return 0
    first = words[0]
    if first in _OWNERS:
        # "my wife", "my little brother": the verb follows within two words.
        return 0 if len(words) < 2 else 2
    if first == "the" and len(words) > 1 and words[1] in _PEOPLE:
        return 2
    if first in _PRONOUNS:
        return 1
    name = first.removesuffix("'s")
    if name.isalpha() and name not in _NOT_PEOPLE and len(name) > 1:
        return 1
    return 0


def _verb(words: Sequence[str]) -> tuple[list[str], int] | None:
    """The speaker's words for the verb ``words`` start with and how many words it takes."""
    for phrase in _ASKS:
        if (
            tuple(words[: len(phrase)]) == phrase
            and len(words) > len(phrase)
            and words[len(phrase)] in _QUESTION_WORDS
        ):
            return ["i", "want", "to", "know"], len(phrase)
    for phrase, own in _WANTS.items():
        if tuple(words[: len(phrase)]) == phrase and len(words) > len(phrase):
            if tuple(words[len(phrase) : len(phrase) + 2]) == _YOU:
                return [], len(phrase) + 2  # "wants you to turn the lamp on": the command
            return own.split(), len(phrase)
    return None


def _split_owner(words: Sequence[str]) -> tuple[int, list[str]] | None:
    """Where the person's verb starts after a possessive ("my wife's asking": "wife's" holds
    "is"), with the words the "'s" stands for."""
    n = _person(words)
    if n == 0:
        return None
    if words[0] in _OWNERS:
        # "my wife", "my little brother", "my wife's"
        for k in (2, 3):
            if k > len(words):
                break
            last = words[k - 1]
            if last.endswith("'s"):
                return k, ["is"]
            if _verb(words[k:]) is not None:
                return k, []
        return None
    last = words[n - 1]
    if last.endswith("'s"):
        return n, ["is"]
    return n, []


def _theirs(words: list[str]) -> list[str]:
    """The person's words said by the speaker, without a purpose of theirs at the end."""
    # "... for her maths game", "... for his homework", "... for him": their purpose, set aside.
    for k in range(len(words) - 1, 0, -1):
        if words[k - 1] == "for" and words[k] in _THEIR | _THEM:
            words = words[: k - 1]
            break
    out: list[str] = []
    for i, word in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else None
        if word in ("his", "their") or (
            word == "her" and nxt is not None and nxt not in _WORDS_AFTER_HER
        ):
            out.append("my")
        elif word in _THEM:
            out.append("me")
        else:
            out.append(word)
    return out


def for_self(tokens: Sequence[str]) -> tuple[list[str], list[str]] | None:
    """A request made for someone else, said by the speaker for themselves, and the words
    that named the person and their verb; None when ``tokens`` (normalised words) pass on no
    one's request.

    >>> for_self("my daughter needs a timer for her piano practice".split())[0]
    ['i', 'need', 'a', 'timer']
    >>> for_self("grandma's asking how warm it is".split())[0]
    ['i', 'want', 'to', 'know', 'how', 'warm', 'it', 'is']
    """
    words = list(tokens)
    split = _split_owner(words)
    if split is None:
        return None
    at, held = split
    verb = _verb([*held, *words[at:]])
    if verb is None:
        return None
    own, length = verb
    rest = [*held, *words[at:]][length:]
    if not rest or (rest[0] == "to" and len(rest) <= 2):
        return None  # "my friends want to know": what they want is said elsewhere
    said = words[: at + length - len(held)]
    request = [*own, *_theirs(rest)]
    if len(request) < 2:
        return None
    return request, said


# Verbs whose object is who is told or given: "tell her what you can do", "give him some facts".
_TO_VERBS: Final = frozenset({"tell", "give", "show", "read", "remind", "teach", "play", "get"})


def to_self(tokens: Sequence[str]) -> list[str] | None:
    """A command for someone else said as one for the speaker: "tell her what you can do" ->
    "tell me what you can do", "unlock the front door for her" -> "unlock the front door";
    None when ``tokens`` (normalised words) name no one else that way.

    >>> to_self("give him some facts about mars".split())
    ['give', 'me', 'some', 'facts', 'about', 'mars']
    """
    words = list(tokens)
    changed = False
    if len(words) > 3 and words[-2] == "for" and words[-1] in _THEM:
        words = words[:-2]  # "... for her": who it is for, set aside
        changed = True
    out: list[str] = []
    for i, word in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else None
        if (
            i > 0
            and words[i - 1] in _TO_VERBS
            and (word == "him" or (word == "her" and (nxt is None or nxt in _WORDS_AFTER_HER)))
        ):
            out.append("me")
            changed = True
        else:
            out.append(word)
    return out if changed else None
