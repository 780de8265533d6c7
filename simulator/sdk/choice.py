"""Understanding the answer to "which one?": `choose` picks options by what the user said.

A skill that finds several matches asks which one, listing them, and gets back words like
"the first one", "the gym one", "7 am", "both", "the last one" or "never mind"::

    options = ["7 AM every weekday", "gym at 6 PM on Friday"]
    choose("the gym one", options)        # -> [1]
    choose("second", options)             # -> [1]
    choose("both", options)               # -> [0, 1]
    choose("never mind", options)         # -> []   (the user declined)
    choose("purple", options)             # -> None (not understood: ask again)

Use it with `Response.elicit` (the answer comes back to the same intent as a slot).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated

from simulator.nlu import parsers
from simulator.nlu.normalize import normalize
from simulator.sdk.slots import SlotList

__all__ = ["YesNo", "choose"]

_ALL = frozenset(
    {"all", "both", "all of them", "both of them", "them all", "every one", "each of them"}
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
    }
)
_FILLER = frozenset(
    {"the", "one", "ones", "a", "an", "my", "please", "i", "mean", "that", "is", "it", "on", "at"}
)
_FILLER |= {"for", "to", "of", "with", "about", "and"}


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
                # Chinese answers to a yes/no question (the router's Yes built-in has the same).
                *("是", "是的", "好", "好的", "对", "对的", "嗯", "可以", "行", "确定", "当然"),
            ),
            "no": (
                *("nope", "nah", "no thanks", "do not", "don't", "cancel", "never mind"),
                *("not now", "leave it", "no way", "stop"),
                *("不", "不要", "不用", "不是", "算了", "别", "不了", "取消", "先别"),
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
