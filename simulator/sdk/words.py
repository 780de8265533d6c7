"""Word helpers for skills that read their own slot values: numbers in words, and tokens.

A custom slot type (a subclass of ``simulator.sdk.slots.SlotType``) gets the user's words already
normalised ("What's 15%?" arrives as ``["what", "is", "15", "%"]``). These helpers are the same
ones the built-in slot types use, so a skill's own parser reads numbers exactly as they do::

    from simulator.sdk.words import parse_number

    parse_number(["twenty", "five"])  # 25
    parse_number(["-3"])              # -3
    parse_number(["a"])               # None: not a number on its own

For arithmetic, :func:`parse_exact_number` reads the same words without rounding: whole
numbers of any length stay ``int`` and decimals become exact fractions (``"0.1"`` is 1/10).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from fractions import Fraction

from simulator.nlu.normalize import normalize, tokenize
from simulator.nlu.numbers import number_to_words, parse_number_words

__all__ = [
    "MAX_EXACT_DIGITS",
    "normalize",
    "number_to_words",
    "parse_exact_number",
    "parse_number",
    "spoken_number",
    "tokenize",
]

MAX_EXACT_DIGITS = 400
"""The longest digit string :func:`parse_exact_number` reads (Python refuses to turn strings
of more than 4300 digits into an int, and nobody says a number that long)."""

# One written number: an optional sign, digits (with or without thousands commas), an
# optional decimal part.
_WRITTEN = re.compile(r"[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?")


def parse_number(tokens: Sequence[str]) -> int | float | None:
    """The number that exactly these words say ("twenty five", "7.5", "-3"), or None."""
    return parse_number_words(tokens)


def parse_exact_number(tokens: Sequence[str]) -> int | Fraction | None:
    """The number these words say, exactly, or None.

    Like :func:`parse_number`, but a written number of any length up to `MAX_EXACT_DIGITS`
    digits stays a whole ``int`` ("123456789012345678901234567890"), and a number with a
    decimal part is an exact ``Fraction`` ("0.1" is 1/10, not the float nearest to it), so
    sums on them come out exact.
    """
    if len(tokens) == 1 and _WRITTEN.fullmatch(tokens[0]) and any(c.isdigit() for c in tokens[0]):
        text = tokens[0].replace(",", "")
        if sum(c.isdigit() for c in text) > MAX_EXACT_DIGITS:
            return None
        value = Fraction(text)
        return value.numerator if value.denominator == 1 else value
    said = parse_number(tokens)
    if said is None or isinstance(said, int):
        return said
    # Spoken fractions and decimals ("two point five", "one and a half") have few digits,
    # so the float's shortest form is exactly what was said.
    exact = Fraction(repr(said))
    return exact.numerator if exact.denominator == 1 else exact


def spoken_number(value: float | Fraction, places: int = 2) -> str:
    """A number as a speaker would say it: whole numbers without ".0", others rounded.

    ``spoken_number(105.0)`` is ``"105"``, ``spoken_number(2/3)`` is ``"0.67"``, and big
    numbers get thousands separators (``"1,048,576"``) so text-to-speech reads them well.
    An ``int`` (or a whole ``Fraction``) is said exactly, with all its digits.
    """
    if isinstance(value, Fraction):
        # A whole fraction is said exactly, however long; others rounded like a float.
        value = value.numerator if value.denominator == 1 else float(value)
    if isinstance(value, int):
        return f"{value:,}"
    if value != value or value in (float("inf"), float("-inf")):  # NaN or infinite
        return "not a number"
    rounded = round(value, places)
    if rounded == int(rounded):
        return f"{int(rounded):,}"
    return f"{rounded:,.{places}f}".rstrip("0").rstrip(".")
