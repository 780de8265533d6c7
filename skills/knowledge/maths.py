"""Arithmetic in words: "what's fifteen times seven", "what is 20 percent of 80".

The interesting part is a custom slot type, `Expression`: it accepts only words that make a sum,
so "what is the weather" never lands here while "what is 2 plus 2" does.

Sums are exact where the words are: whole numbers of any length stay ``int`` and decimals are
fractions (`parse_exact_number`), so "99999999999999999999 times 3" is not rounded through a
float. Only roots and fractional powers give floats. A result too long to follow when spoken
is said as its number of digits and a rounded value, with every digit on the card.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Context, Decimal
from fractions import Fraction
from typing import Annotated

from pydantic import BaseModel

from simulator.sdk import Response, SkillContext
from simulator.sdk.slots import NO_VALUE, SlotEnv, SlotType
from simulator.sdk.words import parse_exact_number, spoken_number

from .core import skill

__all__ = ["READ_OUT_LIMIT", "Calculation", "Expression", "Number", "Operand", "parse_calculation"]

Number = int | Fraction | float
"""A value in a sum: exact (``int``, ``Fraction``) until a root or fractional power makes it a
float."""

READ_OUT_LIMIT = 10**15
"""Results this big or bigger (a quadrillion) are not read out digit group by digit group:
nobody follows "three hundred quintillion, ..." on a speaker."""

# Work that is refused rather than done: a power whose result would have more digits than this
# ("9 to the power of 1000 to the power of 1000") takes long and says nothing.
_MAX_RESULT_DIGITS = 10_000

# Binary operators as people say them, mapped to one canonical word. Longest phrases first,
# so "to the power of" wins over a shorter match.
_BINARY: dict[tuple[str, ...], str] = {
    ("to", "the", "power", "of"): "^",
    ("raised", "to", "the", "power", "of"): "^",
    ("raised", "to"): "^",
    ("percent", "of"): "%of",
    ("%", "of"): "%of",
    ("multiplied", "by"): "*",
    ("divided", "by"): "/",
    ("take", "away"): "-",
    ("plus",): "+",
    ("add",): "+",
    ("minus",): "-",
    ("times",): "*",
    ("x",): "*",
    ("over",): "/",
    ("mod",): "mod",
    ("modulo",): "mod",
}
_PREFIX: dict[tuple[str, ...], str] = {
    ("the", "square", "root", "of"): "sqrt",
    ("square", "root", "of"): "sqrt",
    ("the", "cube", "root", "of"): "cbrt",
    ("cube", "root", "of"): "cbrt",
}
_POSTFIX: dict[str, str] = {"squared": "squared", "cubed": "cubed"}
# Every word of those phrases but the small ones no phrase consists of alone, so each phrase
# keeps at least one ("to the power of" keeps "power").
_CUE_WORDS: frozenset[str] = frozenset(
    word
    for phrase in (*_BINARY, *_PREFIX, *((w,) for w in _POSTFIX))
    for word in phrase
    if word not in ("to", "the", "of", "by")
)
_SAY = {
    "+": "plus",
    "-": "minus",
    "*": "times",
    "/": "divided by",
    "^": "to the power of",
    "%of": "percent of",
    "mod": "modulo",
}
# Binding strength: higher binds first ("2 plus 3 times 4" is 14).
_LEVELS: tuple[tuple[str, ...], ...] = (("^",), ("%of",), ("*", "/", "mod"), ("+", "-"))


@dataclass(frozen=True)
class Operand:
    """A number with an optional root before it or power after it."""

    value: int | Fraction
    prefix: str | None = None
    postfix: str | None = None

    def evaluate(self) -> Number:
        """The operand's value; raises ValueError for the square root of a negative number."""
        x: Number = self.value
        if self.prefix == "sqrt":
            if x < 0:
                raise ValueError("negative square root")
            x = _root(Fraction(x), 2)
        elif self.prefix == "cbrt":
            x = _root(Fraction(x), 3)
        if self.postfix == "squared":
            x = _power(x, 2)
        elif self.postfix == "cubed":
            x = _power(x, 3)
        return x

    def spoken(self) -> str:
        """The operand as said back: "the square root of 16", "7 squared"."""
        text = spoken_number(self.value, 6)
        if self.prefix:
            text = f"the {'square' if self.prefix == 'sqrt' else 'cube'} root of {text}"
        if self.postfix:
            text += f" {self.postfix}"
        return text


def _exact_root(n: int, k: int) -> int | None:
    """The whole k-th root of ``n >= 0`` when there is one."""
    guess = round(n ** (1 / k)) if n < 2**1000 else math.isqrt(n) if k == 2 else None
    if guess is None:
        return None
    for r in (guess - 1, guess, guess + 1):
        if r >= 0 and r**k == n:
            return r
    return None


def _root(x: Fraction, k: int) -> Number:
    """The k-th root, exact when numerator and denominator have whole roots ("the square root
    of 81" is 9, not 9.0); the cube root of a negative number is negative."""
    sign = -1 if x < 0 else 1
    top, bottom = _exact_root(abs(x.numerator), k), _exact_root(x.denominator, k)
    if top is not None and bottom is not None:
        root = Fraction(sign * top, bottom)
        return root.numerator if root.denominator == 1 else root
    inexact: float = float(abs(x)) ** (1 / k)
    return sign * inexact


def _power(a: Number, b: Number) -> Number:
    """``a`` to the power of ``b``: exact for a whole exponent on an exact base."""
    if not -1000 <= b <= 1000:  # 2 to the power of a million is not worth computing
        raise OverflowError("exponent too large")
    whole = isinstance(b, int) or (isinstance(b, Fraction) and b.denominator == 1)
    if whole and not isinstance(a, float):
        exponent = int(b)
        size = abs(exponent) * max(
            len(str(abs(Fraction(a).numerator))), len(str(Fraction(a).denominator))
        )
        if size > _MAX_RESULT_DIGITS:
            raise OverflowError("result too large")
        result = Fraction(a) ** exponent  # 0 to a negative power raises ZeroDivisionError
        return result.numerator if result.denominator == 1 else result
    if a < 0:  # (-8) ** 0.5 is a complex number, which a speaker has no use for
        raise ValueError("no real result")
    power: float = float(a) ** float(b)  # float overflow raises OverflowError
    return power


@dataclass(frozen=True)
class Calculation:
    """A parsed sum: operands and the operators between them."""

    operands: tuple[Operand, ...]
    operators: tuple[str, ...]

    def evaluate(self) -> Number:
        """The result. Raises ZeroDivisionError, ValueError or OverflowError for sums with none."""
        values = [o.evaluate() for o in self.operands]
        ops = list(self.operators)
        for level in _LEVELS:
            i = len(ops) - 1 if level == ("^",) else 0  # powers group from the right
            while 0 <= i < len(ops):
                if ops[i] not in level:
                    i += -1 if level == ("^",) else 1
                    continue
                values[i : i + 2] = [_apply(ops[i], values[i], values[i + 1])]
                del ops[i]
                if level == ("^",):
                    i = min(i, len(ops)) - 1
        return values[0]

    def spoken(self) -> str:
        """The sum in words: "15 times 7"."""
        parts = [self.operands[0].spoken()]
        for op, operand in zip(self.operators, self.operands[1:], strict=True):
            parts += [_SAY[op], operand.spoken()]
        return " ".join(parts)


def _apply(op: str, a: Number, b: Number) -> Number:
    if op == "+":
        return _tidy(a + b)
    if op == "-":
        return _tidy(a - b)
    if op == "*":
        return _tidy(a * b)
    if op == "/":
        # ZeroDivisionError is the caller's to explain; exact division keeps "1 divided by 3"
        # a third, not 0.333...
        return _tidy(Fraction(a) / Fraction(b) if not _inexact(a, b) else a / b)
    if op == "mod":
        if not b:
            raise ZeroDivisionError("modulo by zero")
        # The sign of the number divided, as people expect (-7 mod 3 is -1), not Python's %.
        return _tidy(math.fmod(a, b) if _inexact(a, b) else a - b * int(Fraction(a) / b))
    if op == "%of":
        return _tidy(Fraction(a) / 100 * b if not _inexact(a, b) else a / 100 * b)
    return _power(a, b)


def _inexact(*values: Number) -> bool:
    return any(isinstance(v, float) for v in values)


def _tidy(value: Number) -> Number:
    """A whole fraction as an ``int``; a float that overflowed is refused."""
    if isinstance(value, Fraction) and value.denominator == 1:
        return value.numerator
    if isinstance(value, float) and not math.isfinite(value):
        raise OverflowError("result too large")
    return value


def _operand(tokens: Sequence[str]) -> Operand | None:
    prefix = None
    for words, name in _PREFIX.items():
        if tuple(tokens[: len(words)]) == words:
            prefix, tokens = name, tokens[len(words) :]
            break
    postfix = None
    if tokens and tokens[-1] in _POSTFIX:
        postfix, tokens = _POSTFIX[tokens[-1]], tokens[:-1]
    if tokens and tokens[-1] == "%":  # "20 % of 80" keeps its % with the operator
        return None
    value = parse_exact_number(tokens) if tokens else None
    if value is None:
        return None
    return Operand(value, prefix, postfix)


def parse_calculation(tokens: Sequence[str]) -> Calculation | None:
    """A sum said in words, or None. A lone number or root is not a sum worth answering here."""
    operands: list[Operand] = []
    operators: list[str] = []
    start = i = 0
    while i < len(tokens):
        for words, op in _BINARY.items():
            if tuple(tokens[i : i + len(words)]) != words:
                continue
            # An operator needs a number before it: in "the square root of minus 4" the
            # "minus" belongs to the number.
            left = _operand(tokens[start:i]) if i > start else None
            if left is not None:
                operands.append(left)
                operators.append(op)
                i += len(words)
                start = i
                break
        else:
            i += 1
    last = _operand(tokens[start:])
    if last is None:
        return None
    operands.append(last)
    if not operators and last.prefix is None and last.postfix is None:
        return None
    return Calculation(tuple(operands), tuple(operators))


class Expression(SlotType):
    """A slot type for sums in words: "fifteen times seven", "the square root of 81"."""

    kind = "expression"
    max_tokens = 16
    hint = "a sum, like 15 times 7"
    # A sum always says an operator, a root or a power (see `parse_calculation`): one of these
    # words is in every sum, so the speaker need not try the others' words as sums at all.
    cue_words = _CUE_WORDS

    def parse(self, tokens: Sequence[str], env: SlotEnv) -> object:
        """The `Calculation` these words make, or ``NO_VALUE``."""
        result = parse_calculation(tokens)
        return NO_VALUE if result is None else result

    def examples(self, env: SlotEnv) -> Sequence[str]:
        """Sums for example utterances."""
        return (
            "fifteen times seven",
            "20 percent of 80",
            "12 divided by 4",
            "the square root of 81",
            "2 to the power of 10",
            "100 minus 58",
            "7 squared",
            "3 plus 4 times 2",
        )


class CalculateSlots(BaseModel):
    """The slots of Calculate."""

    expression: Annotated[Calculation, Expression()]


@skill.intent(
    "Calculate",
    samples=[
        "(what is|whats|what are) {expression}",
        "how much is {expression}",
        "calculate {expression}",
        "(work out|figure out|compute) {expression}",
        "what does {expression} (equal|make|come to)",
        "(what is|how much is) {expression} (equal to|in total)",
        "{expression}",
        "(can you|please) (calculate|work out) {expression}",
        "tell me what {expression} is",
    ],
)
def calculate(ctx: SkillContext, slots: CalculateSlots) -> Response:
    """Work out a sum said in words."""
    calc = slots.expression
    said = calc.spoken()
    try:
        result = calc.evaluate()
    except ZeroDivisionError:
        return (
            Response.speak(f"{said.capitalize()} has no answer: you can't divide by zero.")
            .for_profile(
                "kids",
                "That's a tricky one: you can't share things out between zero groups, "
                "so dividing by zero has no answer.",
            )
            .with_error("VALUE_OUT_OF_RANGE", "division by zero")
        )
    except ValueError as error:
        if str(error) == "no real result":
            return Response.speak(
                "A negative number to a fractional power has no real answer, so I can't "
                "answer that one."
            ).with_error("VALUE_OUT_OF_RANGE", "fractional power of a negative number")
        return Response.speak(
            "A negative number has no real square root, so I can't answer that one."
        ).with_error("VALUE_OUT_OF_RANGE", "square root of a negative number")
    except OverflowError:
        return Response.speak("That number is too big for me to work out.").with_error(
            "VALUE_OUT_OF_RANGE", "result too large"
        )
    if not -READ_OUT_LIMIT < result < READ_OUT_LIMIT:
        return _too_long(said, calc, result)
    answer = spoken_number(result, 4)
    return Response.speak(f"{said.capitalize()} is {answer}.").card(
        "Calculation", f"{said} = {answer}"
    )


def _too_long(said: str, calc: Calculation, result: Number) -> Response:
    """A result too long to read out: its size and a rounded value, every digit on the card."""
    exact = not isinstance(result, float)
    value = Decimal(result) if not isinstance(result, Fraction) else _decimal(result)
    mantissa, _, power = f"{value:.3e}".partition("e")
    rounded = mantissa.rstrip("0").rstrip(".")
    whole = exact and Fraction(result).denominator == 1
    digits = len(str(abs(int(result)))) if whole else None
    size = f"a {digits}-digit number" if digits else "a number"
    # Said back only if the user's own numbers are short enough to hear.
    subject = (
        said.capitalize()
        if all(-READ_OUT_LIMIT < o.value < READ_OUT_LIMIT for o in calc.operands)
        else "That"
    )
    speech = (
        f"{subject} comes to {size}, too long to read out: about {rounded} times 10 to "
        f"the power of {int(power)}."
    )
    if whole and digits is not None and digits <= 200:
        card = f"{said} = {int(result):,}"
    else:
        card = f"{said} ≈ {rounded} × 10^{int(power)}"
    return Response.speak(speech).card("Calculation", card)


def _decimal(value: Fraction) -> Decimal:
    context = Context(prec=30)
    return context.divide(Decimal(value.numerator), Decimal(value.denominator))
