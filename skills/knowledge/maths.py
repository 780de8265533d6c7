"""Arithmetic in words: "what's fifteen times seven", "what is 20 percent of 80".

The interesting part is a custom slot type, `Expression`: it accepts only words that make a sum,
so "what is the weather" never lands here while "what is 2 plus 2" does.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated

from pydantic import BaseModel

from simulator.sdk import Response, SkillContext
from simulator.sdk.slots import NO_VALUE, SlotEnv, SlotType
from simulator.sdk.words import parse_number, spoken_number

from .core import skill

__all__ = ["Calculation", "Expression"]

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

    value: float
    prefix: str | None = None
    postfix: str | None = None

    def evaluate(self) -> float:
        """The operand's value; raises ValueError for the square root of a negative number."""
        x = self.value
        if self.prefix == "sqrt":
            if x < 0:
                raise ValueError("negative square root")
            x = math.sqrt(x)
        elif self.prefix == "cbrt":
            x = math.copysign(abs(x) ** (1 / 3), x)
        if self.postfix == "squared":
            x = x**2
        elif self.postfix == "cubed":
            x = x**3
        return x

    def spoken(self) -> str:
        """The operand as said back: "the square root of 16", "7 squared"."""
        text = spoken_number(self.value, 6)
        if self.prefix:
            text = f"the {'square' if self.prefix == 'sqrt' else 'cube'} root of {text}"
        if self.postfix:
            text += f" {self.postfix}"
        return text


@dataclass(frozen=True)
class Calculation:
    """A parsed sum: operands and the operators between them."""

    operands: tuple[Operand, ...]
    operators: tuple[str, ...]

    def evaluate(self) -> float:
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


def _apply(op: str, a: float, b: float) -> float:
    if op == "+":
        return a + b
    if op == "-":
        return a - b
    if op == "*":
        return a * b
    if op == "/":
        return a / b  # ZeroDivisionError is the caller's to explain
    if op == "mod":
        return math.fmod(a, b) if b else a / b
    if op == "%of":
        return a / 100 * b
    if abs(b) > 1000:  # 2 to the power of a million is not worth computing
        raise OverflowError("exponent too large")
    return float(float(a) ** b)


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
    value = parse_number(tokens) if tokens else None
    if value is None:
        return None
    return Operand(float(value), prefix, postfix)


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
    except ValueError:
        return Response.speak(
            "A negative number has no real square root, so I can't answer that one."
        ).with_error("VALUE_OUT_OF_RANGE", "square root of a negative number")
    except OverflowError:
        return Response.speak("That number is too big for me to work out.").with_error(
            "VALUE_OUT_OF_RANGE", "result too large"
        )
    answer = spoken_number(result, 4)
    return Response.speak(f"{said.capitalize()} is {answer}.").card(
        "Calculation", f"{said} = {answer}"
    )
