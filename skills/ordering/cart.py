"""The cart: order items (several at once), change, remove, read back, clear; the menu."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel

from simulator.sdk import FreeText, Response, SkillContext
from simulator.sdk.items import ListedItem

from .core import MAX_QUANTITY, cart, cart_total, describe, describe_cart, join, plural, skill
from .dishes import DISHES
from .menu import (
    MENU,
    ORDER_LIST,
    CategoryName,
    ItemName,
    OrderList,
    SizeName,
    line_price,
)

__all__: list[str] = []


def _menu_summary() -> str:
    """ "burgers (classic burger, cheeseburger ...), sides (...)"."""
    parts = []
    for category in MENU.categories:
        names = [i.name for i in MENU.items if i.category == category]
        parts.append(f"{category}: {join(names)}")
    return "; ".join(parts)


def _problem(entry: ListedItem) -> str | None:
    """Why this entry can't go in the cart, or None."""
    item = MENU.item(entry.item)
    if entry.quantity is not None and (
        entry.quantity <= 0 or entry.quantity != int(entry.quantity)
    ):
        return (
            f"I can't add {entry.quantity:g} {plural(item.name, 2)}: the number has to be a "
            f"whole number from 1 to {MAX_QUANTITY}."
        )
    if entry.quantity is not None and entry.quantity > MAX_QUANTITY:
        return (
            f"{entry.quantity:g} {plural(item.name, 2)} is more than one pickup order takes: "
            f"up to {MAX_QUANTITY} of an item."
        )
    if entry.size and item.sizes and entry.size not in item.sizes:
        return f"The {item.name} comes in {join(list(item.sizes))}, not {entry.size}."
    if entry.size and not item.sizes:
        return f"The {item.name} comes in one size only."
    for option in entry.options:
        if option not in item.options:
            allowed = f" You can have {join(item.options)}." if item.options else ""
            return f"The {item.name} doesn't come with {option}.{allowed}"
    return None


def _line(entry: ListedItem) -> dict[str, Any]:
    item = MENU.item(entry.item)
    return {
        "item": item.name,
        "quantity": int(entry.quantity or 1),
        "size": entry.size or item.default_size,
        "options": list(entry.options),
    }


class OrderSlots(BaseModel):
    """The slots of OrderFood."""

    items: OrderList


@skill.intent(
    "OrderFood",
    samples=[
        "order {items}",
        "order me {items}",
        "i (want|would like) to order {items}",
        "(can|could|may) i (get|have|order) {items} [from <shop>] [please]",
        "i (would like|want) {items} [please]",
        "(get|bring) me {items} [from <shop>] [please]",
        "order {items} from <shop>",
        "add {items} to (my|the) (order|cart|basket)",
        "add {items}",
        "put {items} (in|on) (my|the) (order|cart|basket)",
        "i will (have|take) {items}",
        "let me (get|have) {items}",
        "{items} please",
        "(and|also) {items}",
        "(and|also) add {items}",
        "i need {items}",
    ],
    prompts={"items": "What would you like?"},
)
def order_food(ctx: SkillContext, slots: OrderSlots) -> Response:
    """Add one or more menu items to the cart, with sizes and extras."""
    for entry in slots.items:
        problem = _problem(entry)
        if problem:
            return Response.ask(problem + " What would you like instead?").with_error(
                "VALUE_OUT_OF_RANGE", problem
            )
    lines = cart(ctx)
    added = [_line(entry) for entry in slots.items]
    for new in added:
        # The same item, size and extras again just raises the quantity.
        same = next(
            (
                line
                for line in lines
                if {k: v for k, v in line.items() if k != "quantity"}
                == {k: v for k, v in new.items() if k != "quantity"}
            ),
            None,
        )
        if same is not None:
            same["quantity"] = min(MAX_QUANTITY, same["quantity"] + new["quantity"])
        else:
            lines.append(new)
    ctx.session.attributes["last_item"] = added[-1]["item"]
    cost = sum((line_price(line) for line in added), cart_total([]))
    return Response.ask(
        f"Added {describe_cart(added)}, {cost}. Your order is now {cart_total(lines)}. "
        "Anything else? You can say check out when you're done.",
        "Anything else, or check out?",
    ).card("Cart", "\n".join(f"{describe(line)}: {line_price(line)}" for line in lines))


_FOR_WHOM = frozenset({"me", "us"})
"""Who an order is for, said before the thing ordered ("order me a lasagne")."""


class UnknownSlots(BaseModel):
    """The slots of OrderUnknown."""

    # A dish the menu lacks is the café's kind of thing, whatever the learned stage makes of
    # its words (`dishes.DISHES`); other words are judged by it ("order a taxi" is no order).
    thing: Annotated[
        str, FreeText(max_tokens=10, examples=("a pizza", "sushi", "a taxi"), heads=DISHES)
    ]


@skill.intent(
    "OrderUnknown",
    samples=[
        "order {thing}",
        "i (want|would like) to order {thing}",
        "can i order {thing}",
        "add {thing} to (my|the) (order|cart|basket)",
        "do you (sell|serve) {thing}",
    ],
    prompts={"thing": "What would you like?"},
    declines=True,  # it says what the menu has instead: a decline, not an order
)
def order_unknown(ctx: SkillContext, slots: UnknownSlots) -> Response:
    """Explain that something is not on the menu, and say what is."""
    words = slots.thing.split()
    if len(words) > 1 and words[0] in _FOR_WHOM:
        words = words[1:]  # "order me a lasagne": the lasagne is what the menu lacks
    entries = ORDER_LIST.read(words)
    unknown = [e.item for e in entries if not e.known] or [" ".join(words)]
    known = [e for e in entries if e.known]
    hint = f" I did understand {join([describe(_line(e)) for e in known])}." if known else ""
    return Response.ask(
        f"Sorry, {MENU.restaurant} doesn't have {join(unknown)}.{hint} "
        f"The menu has {_menu_summary()}. What would you like?",
        "What would you like from the menu?",
    ).with_error("NOT_FOUND", f"not on the menu: {', '.join(unknown)}")


class RemoveSlots(BaseModel):
    """The slots of RemoveItem."""

    items: OrderList


@skill.intent(
    "RemoveItem",
    samples=[
        "remove {items} [from (my|the) (order|cart|basket)]",
        "take {items} (off|out of) (my|the) (order|cart|basket)",
        "delete {items} [from (my|the) (order|cart|basket)]",
        "(cancel|drop) {items} from (my|the) (order|cart|basket)",
        "i (do not|dont) want {items} [anymore|any more]",
        "forget {items}",
    ],
    prompts={"items": "What should I take off?"},
)
def remove_item(ctx: SkillContext, slots: RemoveSlots) -> Response:
    """Take items off the cart: all of one, or a number of them."""
    lines = cart(ctx)
    removed: list[str] = []
    missing: list[str] = []
    for entry in slots.items:
        matches = [
            line
            for line in lines
            if line["item"] == entry.item and (entry.size is None or line["size"] == entry.size)
        ]
        if not matches:
            missing.append(MENU.item(entry.item).name)
            continue
        line = matches[0]
        if entry.quantity is not None and 0 < entry.quantity < line["quantity"]:
            line["quantity"] -= int(entry.quantity)
            removed.append(describe({**line, "quantity": int(entry.quantity)}))
        else:
            lines.remove(line)
            removed.append(describe(line))
    parts = []
    if removed:
        parts.append(f"Removed {join(removed)}.")
    if missing:
        parts.append(f"There's no {join(missing)} in your order.")
    parts.append(
        f"Your order is now {describe_cart(lines)}, {cart_total(lines)}."
        if lines
        else "Your order is empty."
    )
    return Response.speak(" ".join(parts))


class ChangeSlots(BaseModel):
    """The slots of ChangeItem."""

    item: ItemName | None = None
    size: SizeName | None = None
    quantity: int | None = None


@skill.intent(
    "ChangeItem",
    samples=[
        "make [the|my] {item} [a|an] {size} [one]",
        "change [the|my] {item} to [a|an] {size} [one]",
        "make (it|that) [a|an] {size} [one]",
        "upgrade [the|my] {item} to [a|an] {size}",
        "i want [the|my] {item} {size} instead",
        "(change|make) [the|my] {item} (to|into) {quantity}",
        "make (it|that) {quantity} instead",
        "make that {quantity} {item}",
        "i want {quantity} {item} instead",
        "change the (number|quantity) of {item} to {quantity}",
    ],
)
def change_item(ctx: SkillContext, slots: ChangeSlots) -> Response:
    """Change the size or the number of an item already in the cart."""
    lines = cart(ctx)
    if not lines:
        return Response.speak("Your order is empty, so there's nothing to change.")
    name = slots.item or ctx.session.attributes.get("last_item")
    if name is None:
        return Response.ask("Which item should I change?")
    line = next((ln for ln in reversed(lines) if ln["item"] == name), None)
    if line is None:
        return Response.speak(f"There's no {name} in your order: it has {describe_cart(lines)}.")
    item = MENU.item(name)
    if slots.size is not None:
        if slots.size not in item.sizes:
            sizes = f"comes in {join(list(item.sizes))}" if item.sizes else "has one size"
            return Response.speak(f"The {item.name} {sizes}.").with_error(
                "VALUE_OUT_OF_RANGE", f"no size {slots.size} for {item.name}"
            )
        line["size"] = slots.size
    if slots.quantity is not None:
        if not 1 <= slots.quantity <= MAX_QUANTITY:
            return Response.speak(
                f"The number has to be from 1 to {MAX_QUANTITY}. To take it off, say remove "
                f"the {item.name}."
            ).with_error("VALUE_OUT_OF_RANGE", f"quantity {slots.quantity}")
        line["quantity"] = slots.quantity
    if slots.size is None and slots.quantity is None:
        return Response.ask(f"What should I change about the {item.name}: the size or how many?")
    ctx.session.attributes["last_item"] = name
    return Response.ask(
        f"Okay, {describe(line)}. Your order is now {cart_total(lines)}. Anything else?",
        "Anything else, or check out?",
    )


@skill.intent(
    "ReadCart",
    samples=[
        "(what is|whats) in my (order|cart|basket)",
        "read [back] my (order|cart|basket)",
        "read [me] my order back",
        "(what did|what have) i (order|ordered) [so far]",
        "(what is|whats) my order",
        "(review|repeat) my order",
        "how much is my order",
        "(what is|whats) (the|my) total",
        "what does my order (cost|come to)",
    ],
)
def read_cart(ctx: SkillContext) -> Response:
    """Read back the cart with each line's price and the total."""
    lines = cart(ctx)
    if not lines:
        return Response.speak(
            "Your order is empty. Try: order two chicken burgers and a large coffee."
        )
    body = "\n".join(f"{describe(line)}: {line_price(line)}" for line in lines)
    return Response.ask(
        f"You have {describe_cart(lines)}. The total is {cart_total(lines).spoken()}. "
        "Anything else, or check out?",
        "Anything else, or check out?",
    ).card("Cart", f"{body}\nTotal: {cart_total(lines)}")


@skill.intent(
    "ClearCart",
    samples=[
        "(clear|empty|cancel|delete) (my|the) (order|cart|basket)",
        "start (my order|the order) (over|again)",
        "(remove|delete) everything from my (order|cart|basket)",
    ],
    confirm="Empty your whole order?",
)
def clear_cart(ctx: SkillContext) -> Response:
    """Empty the cart (after a yes)."""
    lines = cart(ctx)
    if not lines:
        return Response.speak("Your order is already empty.")
    lines.clear()
    return Response.speak("Okay, your order is empty.")


class MenuSlots(BaseModel):
    """The slots of ReadMenu."""

    category: CategoryName | None = None


@skill.intent(
    "ReadMenu",
    samples=[
        "(what is|whats) on the [<shop>] menu",
        "(read [me]|what is) <shop> menu",
        "read [me] the menu",
        "what (can i order|do you (have|sell|serve))",
        "what is there to (eat|drink)",
        "(what|which) {category} (do (you|they) have|are there|can i get)",
        "(read|tell) me the {category}",
        "what kind of {category} do you have",
        "(show|list) [me] the {category}",
    ],
)
def read_menu(ctx: SkillContext, slots: MenuSlots) -> Response:
    """Read the menu, or one part of it, with prices."""
    if slots.category is None:
        return Response.ask(
            f"{MENU.restaurant}'s menu has {_menu_summary()}. What would you like?",
            "What would you like?",
        ).card("Menu", "\n".join(_price_list(i.name) for i in MENU.items))
    items = [i for i in MENU.items if i.category == slots.category]
    listed = join([_price_list(i.name) for i in items])
    return Response.ask(f"The {slots.category}: {listed}. What would you like?")


def _price_list(name: str) -> str:
    item = MENU.item(name)
    if item.sizes:
        prices = ", ".join(
            f"{size} {line_price({'item': name, 'size': size})}" for size in item.sizes
        )
        return f"{item.name} ({prices})"
    return f"{item.name} ({line_price({'item': name})})"


class PriceSlots(BaseModel):
    """The slots of ItemPrice."""

    item: ItemName
    size: SizeName | None = None


@skill.intent(
    "ItemPrice",
    samples=[
        "how much (is|are|does) [a|an|the] [{size}] {item} [cost]",
        "what does [a|an|the] [{size}] {item} cost",
        "(what is|whats) the price of [a|an|the] [{size}] {item}",
        "how much do [the] {item} cost",
    ],
    prompts={"item": "The price of which item?"},
)
def item_price(ctx: SkillContext, slots: PriceSlots) -> Response:
    """Say what an item costs, per size if it has sizes."""
    item = MENU.item(slots.item)
    if slots.size and slots.size in item.sizes:
        price = line_price({"item": item.name, "size": slots.size})
        return Response.speak(f"A {slots.size} {item.name} is {price.spoken()}.")
    return Response.speak(f"{_price_list(item.name).capitalize()}.")
