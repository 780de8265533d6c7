"""Word helpers for skills that read their own slot values: numbers in words, and tokens.

A custom slot type (a subclass of ``simulator.sdk.slots.SlotType``) gets the user's words already
normalised ("What's 15%?" arrives as ``["what", "is", "15", "%"]``). These helpers are the same
ones the built-in slot types use, so a skill's own parser reads numbers exactly as they do::

    from simulator.sdk.words import parse_number

    parse_number(["twenty", "five"])  # 25
    parse_number(["-3"])              # -3
    parse_number(["a"])               # None: not a number on its own
"""

from __future__ import annotations

from collections.abc import Sequence

from simulator.nlu.normalize import normalize, tokenize
from simulator.nlu.numbers import number_to_words, parse_number_words

__all__ = ["normalize", "number_to_words", "parse_number", "spoken_number", "tokenize"]


def parse_number(tokens: Sequence[str]) -> int | float | None:
    """The number that exactly these words say ("twenty five", "7.5", "-3"), or None."""
    return parse_number_words(tokens)


def spoken_number(value: float, places: int = 2) -> str:
    """A number as a speaker would say it: whole numbers without ".0", others rounded.

    ``spoken_number(105.0)`` is ``"105"``, ``spoken_number(2/3)`` is ``"0.67"``, and big
    numbers get thousands separators (``"1,048,576"``) so text-to-speech reads them well.
    """
    if value != value or value in (float("inf"), float("-inf")):  # NaN or infinite
        return "not a number"
    rounded = round(value, places)
    if rounded == int(rounded):
        return f"{int(rounded):,}"
    return f"{rounded:,.{places}f}".rstrip("0").rstrip(".")
