"""Spoken English numbers: parse token spans into numbers and render integers as words.

The NLU layer works on *normalised* tokens (lower-case words, hyphens already turned into
spaces, ``%`` and ``°`` split off, decimals such as ``7.5`` kept as one token). This module
turns a whole span of such tokens into a number, or says ``None`` when the span is not
exactly one number. "Exactly" matters: the template matcher tries spans of several lengths,
so ``["five", "minutes"]`` must be rejected here rather than silently read as ``5``.

Grammar accepted by :func:`parse_number_words` (informally)::

    number   := sign? (digits | fraction | integer | integer "and" frac | integer? "point" digit+
                       | integer "dozen" | "a" "dozen" | "half" "a" "dozen")
    sign     := "minus" | "negative"
    integer  := group (scale ("and"? group)?)*     with scales strictly decreasing
    group    := ("a" | below100 | "") "hundred" ("and"? below100)? | below100 | 0..999 in digits
    frac     := "a half" | "one half" | "a quarter" | "one quarter" | "three quarters"

Everything is table driven and the tables are built once at import time because the
matcher calls these functions many times per utterance; results are additionally memoised
on the (hashable) token tuple for the same reason.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

__all__ = [
    "NUMBER_WORDS",
    "number_to_words",
    "parse_number_words",
]

# --------------------------------------------------------------------------------------------
# Word tables
# --------------------------------------------------------------------------------------------

_ONES: tuple[str, ...] = (
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
)
_TENS_WORDS: tuple[str, ...] = (
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
)

#: 0..19 by word. "nought"/"naught" are British spellings of zero.
_UNIT_VALUES: dict[str, int] = {word: value for value, word in enumerate(_ONES)}
_UNIT_VALUES["nought"] = 0
_UNIT_VALUES["naught"] = 0
#: 1..9 only: the digit that may follow a tens word ("twenty five", never "twenty zero").
_DIGIT_AFTER_TENS: dict[str, int] = {
    word: value for value, word in enumerate(_ONES) if 1 <= value <= 9
}
_TENS_VALUES: dict[str, int] = {word: (i + 2) * 10 for i, word in enumerate(_TENS_WORDS)}
#: Scales above "hundred", largest first is how they must appear in a number.
_SCALES: dict[str, int] = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}

#: Digits read out one by one after "point" ("two point oh five"); "oh"/"o" only count here.
_DECIMAL_DIGITS: dict[str, str] = {word: str(value) for value, word in enumerate(_ONES[:10])}
_DECIMAL_DIGITS.update({str(d): str(d) for d in range(10)})
_DECIMAL_DIGITS.update({"oh": "0", "o": "0", "nought": "0", "naught": "0"})

_SIGN_WORDS: frozenset[str] = frozenset({"minus", "negative"})

#: Whole-span fractional phrases.
_WHOLE_FRACTIONS: dict[tuple[str, ...], float] = {
    ("half",): 0.5,
    ("a", "half"): 0.5,
    ("one", "half"): 0.5,
    ("quarter",): 0.25,
    ("a", "quarter"): 0.25,
    ("one", "quarter"): 0.25,
    ("three", "quarters"): 0.75,
    ("a", "dozen"): 12,
    ("dozen",): 12,
    ("half", "a", "dozen"): 6,
}
#: "<integer> and a half" style suffixes (always three tokens, which the code relies on).
_FRACTION_SUFFIXES: dict[tuple[str, ...], float] = {
    ("and", "a", "half"): 0.5,
    ("and", "one", "half"): 0.5,
    ("and", "a", "quarter"): 0.25,
    ("and", "one", "quarter"): 0.25,
    ("and", "three", "quarters"): 0.75,
}

NUMBER_WORDS: frozenset[str] = frozenset(
    {*_UNIT_VALUES, *_TENS_VALUES, *_SCALES, *_SIGN_WORDS, *_DECIMAL_DIGITS}
    | {"hundred", "and", "a", "point", "half", "quarter", "quarters", "dozen"}
) - frozenset(str(d) for d in range(10))
"""Every *word* that can appear inside a spoken number (digit strings excluded).

Note that it contains glue words such as ``"a"`` and ``"and"`` which also occur outside
numbers, so membership alone does not mean a token is numeric.
"""

# Plain digits, optionally signed, optionally with thousands separators or a decimal part.
# The length cap keeps int()/float() away from pathological inputs (Python refuses to
# convert > 4300-digit strings, and huge floats overflow to inf).
_DIGITS_RE = re.compile(r"^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?$")
_MAX_DIGIT_TOKEN_LEN = 24
# Number spans longer than this are never a single spoken number we care about; bailing out
# early keeps the matcher's many long-span probes cheap.
_MAX_TOKENS = 16

Number = int | float


def _as_number(value: float) -> Number:
    """Return ``value`` as an ``int`` when it is integral, else as a float."""
    if isinstance(value, int):
        return value
    return int(value) if value.is_integer() else value


def _parse_digit_token(token: str) -> Number | None:
    """Parse a single numeric token such as ``25``, ``-3``, ``7.5`` or ``1,000``."""
    if not token or len(token) > _MAX_DIGIT_TOKEN_LEN or not _DIGITS_RE.match(token):
        return None
    body = token.lstrip("+-").replace(",", "")
    if not body or body == ".":
        return None
    value: Number = float(body) if "." in body else int(body)
    if token.startswith("-"):
        value = -value
    return _as_number(value)


def _parse_digit_int(token: str) -> int | None:
    """Parse an unsigned whole-number digit token (``"25"``, ``"1,000"``), else ``None``."""
    if token[:1] in "+-":  # also true for "" which is harmless: caller never passes ""
        return None
    value = _parse_digit_token(token)
    return value if isinstance(value, int) else None


# --------------------------------------------------------------------------------------------
# Integer words: a tiny recursive-descent parser over a token tuple
# --------------------------------------------------------------------------------------------


def _below_hundred(toks: tuple[str, ...], i: int) -> tuple[int, int] | None:
    """Parse 0..99 in words at ``toks[i]``; return ``(value, next_index)``."""
    if i >= len(toks):
        return None
    tok = toks[i]
    tens = _TENS_VALUES.get(tok)
    if tens is not None:
        if i + 1 < len(toks) and toks[i + 1] in _DIGIT_AFTER_TENS:
            return tens + _DIGIT_AFTER_TENS[toks[i + 1]], i + 2
        return tens, i + 1
    unit = _UNIT_VALUES.get(tok)
    if unit is not None:
        return unit, i + 1
    return None


def _group(toks: tuple[str, ...], i: int) -> tuple[int, int] | None:
    """Parse a 0..999 group (words, or one digit token) at ``toks[i]``."""
    n = len(toks)
    if i >= n:
        return None
    hundreds: int | None = None
    if toks[i] == "hundred":  # bare "hundred" ("hundred percent") means one hundred
        hundreds, i = 1, i + 1
    elif toks[i] == "a" and i + 1 < n and toks[i + 1] == "hundred":
        hundreds, i = 1, i + 2
    else:
        digit = _parse_digit_int(toks[i])
        if digit is not None:
            # A digit token stands for a whole group ("5 hundred", "250 thousand"); only a
            # one- or two-digit value may be multiplied by "hundred".
            if i + 1 < n and toks[i + 1] == "hundred" and 1 <= digit <= 99:
                hundreds, i = digit, i + 2
            elif digit <= 999:
                return digit, i + 1
            else:
                return None
        else:
            small = _below_hundred(toks, i)
            if small is None:
                return None
            value, j = small
            if j < n and toks[j] == "hundred" and value >= 1:
                hundreds, i = value, j + 1
            else:
                return small
    # After "... hundred": optional ["and"] then 1..99.
    base = hundreds * 100
    if i < n and toks[i] == "and":
        rest = _below_hundred(toks, i + 1)
        if rest is None or rest[0] == 0:
            return None
        return base + rest[0], rest[1]
    rest = _below_hundred(toks, i)
    if rest is not None and rest[0] != 0:
        return base + rest[0], rest[1]
    return base, i


def _integer(toks: tuple[str, ...]) -> int | None:
    """Parse a whole span as a non-negative integer written in words (digits allowed per group)."""
    n = len(toks)
    if n == 0:
        return None
    if n == 1:
        single = _parse_digit_int(toks[0])
        if single is not None:
            return single
    total = 0
    last_scale = 10**18
    i = 0
    while i < n:
        if toks[i] in ("a", "one") and i + 1 < n and toks[i + 1] in _SCALES:
            group_value, i = 1, i + 1  # "a thousand", "a million"
        else:
            parsed = _group(toks, i)
            if parsed is None:
                return None
            group_value, i = parsed
        if i < n and toks[i] in _SCALES:
            scale = _SCALES[toks[i]]
            # Scales must strictly decrease ("two million three thousand"), which also rules
            # out "thousand thousand"; a zero multiplier ("zero thousand") is not a number.
            if scale >= last_scale or group_value == 0:
                return None
            total += group_value * scale
            last_scale = scale
            i += 1
            if i < n and toks[i] == "and":
                # "one thousand and five": the "and" must introduce the final group.
                parsed = _group(toks, i + 1)
                if parsed is None or parsed[1] != n or parsed[0] == 0:
                    return None
                return total + parsed[0]
            continue
        # A group not followed by a scale must be the last thing in the span, and after a
        # scale it must be a plain group ("two thousand five", not "two thousand zero").
        if i != n or (total and group_value == 0):
            return None
        return total + group_value
    return total


@lru_cache(maxsize=8192)
def _parse(toks: tuple[str, ...]) -> Number | None:
    """Memoised core of :func:`parse_number_words` (tokens already a tuple)."""
    n = len(toks)
    if n == 0 or n > _MAX_TOKENS:
        return None
    sign = 1
    if toks[0] in _SIGN_WORDS:
        sign, toks, n = -1, toks[1:], n - 1
        if n == 0 or toks[0][:1] in "+-":  # "minus -3" is not a number
            return None
    value = _parse_unsigned(toks)
    if value is None:
        return None
    return _as_number(sign * value)


def _parse_unsigned(toks: tuple[str, ...]) -> Number | None:
    """Parse a span with any leading sign word already removed."""
    n = len(toks)
    if n == 1:
        digit = _parse_digit_token(toks[0])
        if digit is not None:
            return digit
    fraction = _WHOLE_FRACTIONS.get(toks)
    if fraction is not None:
        return fraction
    if n >= 4 and toks[-3:] in _FRACTION_SUFFIXES:
        whole = _integer(toks[:-3])
        return None if whole is None else whole + _FRACTION_SUFFIXES[toks[-3:]]
    if toks[-1] == "dozen" and n >= 2:
        whole = _integer(toks[:-1])
        return None if whole is None or whole == 0 else whole * 12
    if "point" in toks:
        k = toks.index("point")
        digits = toks[k + 1 :]
        if not digits or any(d not in _DECIMAL_DIGITS for d in digits):
            return None
        whole = 0 if k == 0 else _integer(toks[:k])
        if whole is None:
            return None
        return float(f"{whole}.{''.join(_DECIMAL_DIGITS[d] for d in digits)}")
    return _integer(toks)


def parse_number_words(tokens: Sequence[str]) -> int | float | None:
    """Parse a whole token span as one number, spoken or written in digits.

    Accepts digit tokens (``"25"``, ``"7.5"``, ``"-3"``, ``"1,000"``, ``"1000"``), English
    words (``"one hundred and five"``, ``"twenty five"``, ``"a thousand"``, ``"two point
    five"``), fractions (``"half"``, ``"a quarter"``, ``"three quarters"``, ``"one and a
    half"``), dozens (``"a dozen"``, ``"two dozen"``) and a leading ``"minus"`` or
    ``"negative"``.

    Returns an ``int`` when the value is integral, a ``float`` otherwise, and ``None`` when
    the span is not exactly one number (including spans with extra words). Never raises.
    """
    try:
        toks = tuple(tokens)
        if not all(isinstance(t, str) for t in toks):
            return None
        return _parse(toks)
    except Exception:  # pragma: no cover - defensive: a parser bug must mean "no match"
        return None


# --------------------------------------------------------------------------------------------
# Rendering
# --------------------------------------------------------------------------------------------


def _words_below_thousand(n: int) -> str:
    """Spell 1..999 (British style: "one hundred and five")."""
    hundreds, rest = divmod(n, 100)
    parts: list[str] = []
    if hundreds:
        parts.append(f"{_ONES[hundreds]} hundred")
    if rest:
        if hundreds:
            parts.append("and")
        if rest < 20:
            parts.append(_ONES[rest])
        else:
            tens, ones = divmod(rest, 10)
            parts.append(_TENS_WORDS[tens - 2] + (f" {_ONES[ones]}" if ones else ""))
    return " ".join(parts)


def number_to_words(n: int) -> str:
    """Spell an integer in English words, e.g. ``105`` → ``"one hundred and five"``.

    Uses the British "and" (``"two thousand and twenty seven"``) and no hyphens, matching
    what the normaliser produces, so that ``parse_number_words(number_to_words(n).split())
    == n``. Negative numbers start with ``"minus"``. Magnitudes of a trillion or more are
    returned as digits because nobody says them in a voice command.
    """
    if n < 0:
        return f"minus {number_to_words(-n)}"
    if n == 0:
        return "zero"
    if n >= 1_000_000_000_000:
        return str(n)
    parts: list[str] = []
    remainder = n
    for word, scale in sorted(_SCALES.items(), key=lambda item: -item[1]):
        count, remainder = divmod(remainder, scale)
        if count:
            parts.append(f"{_words_below_thousand(count)} {word}")
    if remainder:
        if parts and remainder < 100:
            parts.append("and")
        parts.append(_words_below_thousand(remainder))
    return " ".join(parts)
