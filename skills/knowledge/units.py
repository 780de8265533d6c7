"""Unit conversions: "how many feet are in a mile", "convert 70 fahrenheit to celsius".

The units and the words for them are in ``units.yaml``. A small table is enough here: each unit
is a factor of its dimension's base unit, and temperature, the one conversion that is not a
factor, has three lines of code.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated

from pydantic import BaseModel

from simulator.sdk import Response, SkillContext, SlotList
from simulator.sdk.slots import NO_VALUE, SlotEnv, SlotType
from simulator.sdk.words import parse_number, spoken_number, tokenize

from .core import UNITS, skill

__all__ = ["Amount", "AmountSlot", "convert", "spoken_amount"]

# Spoken form (as words) -> (dimension, unit).
_LOOKUP: dict[tuple[str, ...], tuple[str, str]] = {}
for _dim, _units in UNITS.items():
    for _unit, _definition in _units.items():
        for _name in (_unit, *_definition.names):
            _LOOKUP.setdefault(tuple(tokenize(_name)), (_dim, _unit))
_LONGEST = max(len(k) for k in _LOOKUP)
_ONE = {"a", "an", "one"}


@dataclass(frozen=True)
class Amount:
    """A number with a unit: 5 miles, 70 degrees fahrenheit."""

    value: float
    unit: str
    dimension: str


class AmountSlot(SlotType):
    """A slot type for "5 miles", "a pound", "seventy two degrees fahrenheit"."""

    kind = "amount"
    max_tokens = 8
    hint = "an amount with a unit, like 5 miles"

    def parse(self, tokens: Sequence[str], env: SlotEnv) -> object:
        """Split the words into a number and a known unit."""
        for cut in range(1, len(tokens)):
            unit = _LOOKUP.get(tuple(tokens[cut:]))
            if unit is None:
                continue
            head = tokens[:cut]
            value = 1 if list(head) in (["a"], ["an"]) else parse_number(head)
            if value is None:
                continue
            return Amount(float(value), unit[1], unit[0])
        return NO_VALUE

    def examples(self, env: SlotEnv) -> Sequence[str]:
        """Amounts for example utterances."""
        return ("5 miles", "a pound", "70 fahrenheit", "2 cups", "100 kilometers per hour")


# The target unit: any spoken form of any unit.
UnitName = Annotated[
    str,
    SlotList(
        "unit",
        {unit: d.names for units in UNITS.values() for unit, d in units.items()},
    ),
]


def _dimension(unit: str) -> str:
    return next(dim for dim, units in UNITS.items() if unit in units)


def convert(value: float, unit: str, target: str) -> float:
    """``value`` in ``unit`` expressed in ``target`` (same dimension)."""
    dimension = _dimension(unit)
    if dimension == "temperature":
        celsius = {
            "celsius": value,
            "fahrenheit": (value - 32) * 5 / 9,
            "kelvin": value - 273.15,
        }[unit]
        return {
            "celsius": celsius,
            "fahrenheit": celsius * 9 / 5 + 32,
            "kelvin": celsius + 273.15,
        }[target]
    units = UNITS[dimension]
    return value * units[unit].factor / units[target].factor


def spoken_amount(value: float, unit: str) -> str:
    """ "8.05 kilometers", "1 mile", "21 degrees Celsius"."""
    places = 2 if abs(value) >= 1 or value == 0 else 4
    number = spoken_number(value, places)
    if unit in ("celsius", "fahrenheit"):
        return f"{number} degree{'' if number == '1' else 's'} {unit.capitalize()}"
    names = UNITS[_dimension(unit)][unit].names
    singular, plural = names[0], names[1] if len(names) > 1 else names[0]
    return f"{number} {singular if number == '1' else plural}"


class ConvertSlots(BaseModel):
    """The slots of ConvertUnits."""

    amount: Annotated[Amount, AmountSlot()]
    target: UnitName


@skill.intent(
    "ConvertUnits",
    samples=[
        "convert {amount} (to|into) {target}",
        "convert {amount}",
        "(what is|whats|how much is) {amount} in {target}",
        "how many {target} (is|are) [there] in {amount}",
        "how many {target} (is|are|make) {amount}",
        "how many {target} (in|to) {amount}",
        "{amount} (in|to|into) {target}",
        "what is {amount} (converted to|in terms of) {target}",
        "change {amount} (to|into) {target}",
    ],
    prompts={"target": "Into which unit?"},
)
def convert_units(ctx: SkillContext, slots: ConvertSlots) -> Response:
    """Convert an amount of length, weight, volume, speed or temperature."""
    amount, target = slots.amount, slots.target
    target_dim = _dimension(target)
    if target_dim != amount.dimension:
        return Response.speak(
            f"I can't turn {amount.dimension} into {target_dim}: "
            f"{spoken_amount(amount.value, amount.unit)} is a {amount.dimension}, "
            f"and {UNITS[target_dim][target].names[-1 if len(UNITS[target_dim][target].names) > 1 else 0]} "
            f"measure {target_dim}."
        ).with_error("NOT_SUPPORTED", f"{amount.dimension} to {target_dim}")
    if amount.dimension == "temperature" and convert(amount.value, amount.unit, "kelvin") < 0:
        return Response.speak(
            f"{spoken_amount(amount.value, amount.unit)} is colder than absolute zero, "
            "so there's no such temperature."
        ).with_error("VALUE_OUT_OF_RANGE", "below absolute zero")
    if amount.value < 0 and amount.dimension != "temperature":
        return Response.speak(
            f"A {amount.dimension} can't be negative. Try a positive amount."
        ).with_error("VALUE_OUT_OF_RANGE", "negative amount")
    result = convert(amount.value, amount.unit, target)
    said = f"{spoken_amount(amount.value, amount.unit)} is {spoken_amount(result, target)}"
    return Response.speak(said[0].upper() + said[1:] + ".").card("Conversion", said)
