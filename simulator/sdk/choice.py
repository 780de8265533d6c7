"""Understanding the answer to "which one?": `choose` picks options by what the user said.

A skill that finds several matches asks which one, listing them, and gets back words like
"the first one", "the gym one", "7 am", "both", "the last one" or "never mind"::

    options = ["7 AM every weekday", "gym at 6 PM on Friday"]
    choose("the gym one", options)        # -> [1]
    choose("second", options)             # -> [1]
    choose("both", options)               # -> [0, 1]
    choose("never mind", options)         # -> []   (the user declined)
    choose("purple", options)             # -> None (not understood: ask again)

Most skills never call it: `Response.ask_which` asks the question, the router reads the answer
with `read_choice` while the question is open, and the asking intent runs again with the picked
ids in ``ctx.chosen``. `choose` is the same reading for a skill that gets words some other way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated

from simulator.nlu import parsers
from simulator.nlu.normalize import normalize
from simulator.sdk.slots import SlotList

__all__ = ["ChoiceReading", "YesNo", "choose", "read_choice"]

_ALL = frozenset(
    {"all", "both", "all of them", "both of them", "them all", "every one", "each of them"}
    # Chinese, split per character by the normaliser: 都, 两个都, 全部, 都要.
    | {"都", "两 个 都", "两 个", "全 部", "都 要", "两 个 都 要", "全 都"}
)
_NONE = frozenset(
    {
        "none",
        "neither",
        "none of them",
        "neither of them",
        "never mind",
        "nevermind",
        "cancel",
        "nothing",
        "no",
        "stop",
        "forget it",
        "no thanks",
        # Chinese: 算了, 都不要, 不用了, 取消.
        "算 了",
        "都 不 要",
        "不 用 了",
        "取 消",
    }
)
_FILLER = frozenset(
    {"the", "one", "ones", "a", "an", "my", "please", "i", "mean", "that", "is", "it", "on", "at"}
)
_FILLER |= {"for", "to", "of", "with", "about", "and", "in", "from", "just", "only", "please"}
# Chinese answers wrap the pick in the same few characters: 是书房的那个, 我说的是第一个吧.
_FILLER |= {"是", "的", "那", "个", "吧", "我", "说", "要", "里", "盏"}


@dataclass(frozen=True)
class ChoiceReading:
    """How an answer to "which one?" reads: the options it picks and how sure that is."""

    picked: list[int]
    """Indexes of the options picked; empty when the user declined ("never mind")."""
    explained: float
    """The share (0-1) of the answer's words that the reading accounts for: 1.0 for "the
    second one", "both" or "the gym one"; less when other words came along ("the gym one and
    also set a timer"), which may be the user changing the subject instead."""


def read_choice(answer: str | Sequence[str], options: Sequence[str]) -> ChoiceReading | None:
    """Read an answer to "which one?" against ``options`` (how each option is spoken or named).

    None when the answer picks nothing clearly: no word of it is in any option, or it fits
    several options equally (then the question stays open, or the user changed the subject).
    """
    words = normalize(answer if isinstance(answer, str) else " ".join(answer)).split()
    picked = choose(" ".join(words), options)
    if picked is None:
        return None
    content = [w for w in words if w not in _FILLER]
    if not picked or (len(picked) > 1 and len(picked) == len(options)) or not content:
        return ChoiceReading(picked, 1.0)  # declined, "both", or filler only ("that one")
    if parsers.parse_ordinal(content) is not None or content in (["last"], ["last", "1"]):
        return ChoiceReading(picked, 1.0)
    known = set()
    for option in options:
        known.update(normalize(option).split())
    explained = sum(1 for w in content if w in known) / len(content)
    return ChoiceReading(picked, round(explained, 4))


def choose(answer: str, options: Sequence[str]) -> list[int] | None:
    """Indexes of the options the answer picks; ``[]`` if the user declined, None if unclear.

    Understands ordinals ("first", "the 2nd one", "last"), "both"/"all of them", and words
    from an option's description ("the gym one", "six thirty" matches "6:30" only if the
    description has those words, so describe options the way they are spoken).
    """
    words = normalize(answer).split()
    text = " ".join(words)
    if not words:
        return None
    if text in _NONE or text.removesuffix(" please") in _NONE:
        return []
    if text in _ALL or text.removeprefix("cancel ").removeprefix("delete ") in _ALL:
        return list(range(len(options)))
    content = [w for w in words if w not in _FILLER]
    if content in (["last"], ["last", "1"]):
        return [len(options) - 1] if options else None
    ordinal = parsers.parse_ordinal(content) if content else None
    if ordinal is not None and 1 <= ordinal <= len(options):
        return [ordinal - 1]
    if not content:
        return None
    scores: list[int] = []
    for option in options:
        option_words = set(normalize(option).split())
        scores.append(sum(1 for w in content if w in option_words))
    best = max(scores, default=0)
    if best == 0:
        return None
    picked = [i for i, score in enumerate(scores) if score == best]
    return picked if len(picked) == 1 else None


YesNo = Annotated[
    str,
    SlotList(
        "yes_no",
        {
            "yes": (
                *("yeah", "yep", "yup", "sure", "ok", "okay", "go ahead", "do it", "please do"),
                *("yes please", "of course", "correct", "that is right", "affirmative"),
            ),
            "no": (
                *("nope", "nah", "no thanks", "do not", "don't", "cancel", "never mind"),
                *("not now", "leave it", "no way", "stop"),
            ),
        },
    ),
]
"""A yes/no answer as a slot: ``"yes"`` or ``"no"``.

For a confirmation a handler decides on at run time (it knows how many items it will delete)::

    class ClearSlots(BaseModel):
        sure: YesNo | None = None

    if slots.sure is None:
        return Response.elicit("sure", f"Clear all {n} items?")
    if slots.sure == "no":
        return Response.speak("Okay, I'll leave it.")
"""
