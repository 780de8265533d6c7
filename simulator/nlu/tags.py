"""Question tags: a statement or an order with a tag at its end, read as what it asks.

People check a fact by saying it and adding a tag ("the garage light is off, isn't it", "my
next alarm's at seven, isn't it", "i have a meeting tomorrow, don't i", "the door's locked,
right?"), and soften an order the same way ("order me a curry, would you", "put the radio on,
can't you", "turn it down, if you would"). The skills' samples ask the question ("is the garage
light off", "is my next alarm at seven", "do i have a meeting tomorrow") and say the order
plainly, so :func:`tag_readings` reads such a sentence by its shape:

* a tag is an auxiliary, "not" or none, and a subject pronoun at the end ("isn't it" is "is not
  it" once normalised, "don't i", "aren't there", "would you", "will ya"), or one of the closed
  phrases of `closed_class.TAG_PHRASES` ("right", "yeah", "if you would"), those only after a
  typed mark: "turn right" or "say yes" end with no tag;
* before it, an order (no subject: the first word is no determiner, pronoun or question word) is
  read as said without the tag;
* a statement (a subject of a few words, then "is", another auxiliary or a word with "'s")
  becomes the yes/no question, the auxiliary put before the subject ("is the garage light
  off"); a statement whose tag asks with "do" ("i have a meeting, don't i") is asked with it
  ("do i have a meeting"); and "what is" the subject is offered last, for a sum or a value
  checked when the subject holds a number ("seventeen plus five is twenty-two, isn't it":
  "what is seventeen plus five").

Each reading is only a reading: the router keeps one a template reads firmly.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from simulator.nlu.closed_class import (
    AUXILIARIES,
    MODALS,
    QUESTION_OPENERS,
    TAG_PHRASES,
    TAG_SUBJECTS,
)
from simulator.nlu.numbers import parse_number_words

__all__ = ["tag_readings", "untagged"]

_MAX_SUBJECT: Final = 6
_DO: Final = frozenset({"do", "does", "did"})
# Words a statement's subject never starts with: a question, an order's frame, a subordinator.
_NOT_SUBJECT: Final = QUESTION_OPENERS | AUXILIARIES | frozenset({"please", "so", "and", "but"})
# A tag asking for an order to be done ("would you", "can't you"): a modal and "you".
_ORDER_SUBJECTS: Final = frozenset({"you", "ya"})


def untagged(words: Sequence[str], breaks: Sequence[int] = ()) -> tuple[list[str], list[str]]:
    """``words`` without a question or request tag at their end, and the tag; ``(words, [])``
    when they end with none. A closed-phrase tag ("right", "if you would") counts only after a
    typed mark (``breaks``, from `normalize.clause_breaks`)."""
    n = len(words)
    for phrase in sorted(TAG_PHRASES, key=len, reverse=True):
        k = n - len(phrase)
        if k >= 2 and tuple(words[k:]) == phrase and k in breaks:
            return list(words[:k]), list(words[k:])
    if n >= 4 and words[-1] in TAG_SUBJECTS:
        k = n - 2 if words[-2] in AUXILIARIES else n - 3
        if k >= 2 and words[k] in AUXILIARIES and (k == n - 2 or words[k + 1] == "not"):
            return list(words[:k]), list(words[k:])
    return list(words), []


def _subject_end(body: Sequence[str]) -> int | None:
    """Where a statement's subject ends: at its auxiliary or "is" (the index of that word), or
    after a word with "'s" ("my alarm's at seven": the index past it); None for no statement."""
    if not body or body[0] in _NOT_SUBJECT:
        return None
    for k, word in enumerate(body[: _MAX_SUBJECT + 1]):
        if word in AUXILIARIES:
            return k if k > 0 else None
        if word.endswith("'s") and len(word) > 2 and k + 1 < len(body):
            return k + 1
    return None


def _base(verb: str) -> str:
    """A verb's plain form from its third person ("rains" -> "rain", "goes" -> "go")."""
    if verb.endswith("ies") and len(verb) > 4:
        return verb[:-3] + "y"
    if verb.endswith(("shes", "ches", "xes", "sses", "oes")):
        return verb[:-2]
    if verb.endswith("s") and not verb.endswith("ss"):
        return verb[:-1]
    return verb


def tag_readings(words: Sequence[str], breaks: Sequence[int] = ()) -> list[tuple[list[str], str]]:
    """The requests a sentence with a tag at its end amounts to, each with how it was read;
    ``[]`` when it ends with no tag or is neither an order nor a statement."""
    body, tag = untagged(words, breaks)
    if not tag or len(body) < 2:
        return []
    said = " ".join(tag)
    end = _subject_end(body)
    if end is None:
        # An order: no subject before its verb. A tag of "do" ("..., don't i") asks about a
        # statement, never an order.
        if body[0] in _NOT_SUBJECT or tag[0] in _DO:
            return []
        return [(body, f'read the order without its tag "{said}"')]
    if tag[-1] in _ORDER_SUBJECTS and tag[0] in MODALS and body[0] not in ("i", "we"):
        # "you'll do it, won't you" asks the listener to: no check of a fact.
        return []
    how = f'read the statement with the tag "{said}" as the question'
    out: list[tuple[list[str], str]] = []
    if body[end - 1].endswith("'s") and (end == len(body) or body[end] not in AUXILIARIES):
        subject = [*body[: end - 1], body[end - 1][:-2]]
        out.append((["is", *subject, *body[end:]], how))
        if _counts(subject):
            out.append((["what", "is", *subject], how))
        return out
    subject, aux, rest = list(body[:end]), body[end], list(body[end + 1 :])
    if rest and rest[0] == "not":
        rest = rest[1:]
    if tag[0] in _DO and aux not in _DO and not rest:
        return []
    if tag[0] in _DO and aux not in _DO:
        # "i have a meeting tomorrow, don't i": the auxiliary found is the verb itself.
        verb = "have" if aux == "has" else aux if tag[0] != "does" else _base(aux)
        out.append(([tag[0], *subject, verb, *rest], how))
        return out
    if not rest:
        return []
    out.append(([aux, *subject, *rest], how))
    if aux in ("is", "are") and _counts(subject):
        out.append((["what", aux, *subject], how))
    return out


def _counts(subject: Sequence[str]) -> bool:
    """Whether a statement's subject holds a number ("seventeen plus five", "3 miles"): a
    sum or an amount checked, whose value is asked with "what is"."""
    return any(w[:1].isdigit() or parse_number_words([w]) is not None for w in subject)
