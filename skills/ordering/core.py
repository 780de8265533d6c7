"""The ordering skill object, the cart kept in persistent storage, and how it is spoken."""

from __future__ import annotations

from typing import Any

from simulator.sdk import Skill, SkillContext
from simulator.sdk.money import Money

from .menu import MENU, line_price

__all__ = [
    "MAX_QUANTITY",
    "SIMULATED",
    "cart",
    "cart_total",
    "describe",
    "describe_cart",
    "join",
    "plural",
    "skill",
]

# The restaurant's name as people say it ("byte burger"): in a request it says whose menu,
# store or order is meant ("what's on the byte burger menu"), so templates may name it.
_RESTAURANT = " ".join(
    "".join(c for c in word if c.isalnum() or c == "'") for word in MENU.restaurant.lower().split()
)

skill = Skill(
    "ordering",
    description=f"Orders food from {MENU.restaurant}, a made-up restaurant, for pickup "
    "(simulated: nothing is really ordered or paid)",
    examples=(
        "order two chicken burgers and a large coffee",
        "what's in my order",
        "check out",
        "where is my order",
    ),
    rules={"shop": f"[the] {_RESTAURANT}" if _RESTAURANT else "the restaurant"},
)

SIMULATED = "This is a simulation: nothing is really ordered or paid."
"""Said at checkout and on every receipt card."""

MAX_QUANTITY = 20
"""The most of one item a single pickup order takes."""


def cart(ctx: SkillContext) -> list[dict[str, Any]]:
    """The cart: a list of lines ``{item, quantity, size, options}``, kept across restarts."""
    lines: list[dict[str, Any]] = ctx.persistent.setdefault("cart", [])
    return lines


def cart_total(lines: list[dict[str, Any]]) -> Money:
    """What the cart costs."""
    total = Money(0, MENU.currency)
    for line in lines:
        total = total + line_price(line)
    return total


def join(parts: list[str]) -> str:
    """ "a, b and c"."""
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def plural(name: str, count: int) -> str:
    """The item name for ``count`` of it: "burger", "burgers"; "fries" stays "fries"."""
    if count == 1 or name.endswith("s"):
        return name
    return name + ("es" if name.endswith(("sh", "ch")) else "s")


def describe(line: dict[str, Any]) -> str:
    """ "two large coffees with oat milk", "a chicken burger"."""
    count = int(line.get("quantity") or 1)
    item = MENU.item(line["item"])
    words = []
    if line.get("size") and item.sizes:
        words.append(line["size"])
    words.append(plural(item.name, count))
    text = " ".join(words)
    if count != 1:
        text = f"{count} {text}"
    elif item.name.endswith("s") and len(words) == 1:
        text = f"an order of {text}"  # "an order of fries", not "a fries"
    else:
        text = f"{'an' if text[0] in 'aeiou' else 'a'} {text}"
    if line.get("options"):
        text += " with " + join(list(line["options"]))
    return text


def describe_cart(lines: list[dict[str, Any]]) -> str:
    """The whole cart in one phrase."""
    return join([describe(line) for line in lines])
