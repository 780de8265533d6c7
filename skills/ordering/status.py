"""Order status on the virtual clock: received, being prepared, ready (announced by itself)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from simulator.sdk import Response, ScheduledItem, SkillContext

from .core import describe_cart, skill
from .menu import MENU, spoken_time

__all__: list[str] = []

_PREPARING_AFTER = dt.timedelta(minutes=2)
"""An order is "received" this long before the kitchen starts on it."""


def _status(order: dict[str, Any], now: dt.datetime) -> str:
    placed = dt.datetime.fromisoformat(order["placed"])
    ready = dt.datetime.fromisoformat(order["ready"])
    if now >= ready:
        return "ready"
    return "received" if now - placed < _PREPARING_AFTER else "preparing"


@skill.on_fire
def order_ready(ctx: SkillContext, item: ScheduledItem) -> Response:
    """The clock reached an order's ready time: say so (a proactive turn)."""
    number = str(item.payload.get("order"))
    order = next((o for o in ctx.persistent.get("orders", []) if o["number"] == number), None)
    if order is None:
        return Response.silent()
    order["status"] = "ready"
    store = MENU.store(order["store"])
    return Response.speak(
        f"Your {MENU.restaurant} order {number} is ready for pickup at {store.name}."
    ).card(f"Order {number} ready", f"{describe_cart(order['lines'])}\nPickup: {store.name}")


@skill.intent(
    "OrderStatus",
    samples=[
        "where is my [<shop>] (order|food)",
        "how is my [<shop>] (order|food) (coming along|getting on|doing)",
        "(has|have) my [<shop>] (order|food) been (prepared|made|cooked)",
        "(what is|whats) the status of my order",
        "is my (order|food) ready [yet]",
        "how long (until|till|before) my (order|food) is ready",
        "(track|check on) my order",
        "when will my (order|food) be ready",
        "order status",
    ],
)
def order_status(ctx: SkillContext) -> Response:
    """Say where the latest order is: received, being prepared, or ready."""
    orders = ctx.persistent.get("orders", [])
    if not orders:
        return Response.speak("You haven't placed an order yet. Try: order a chicken burger.")
    order = orders[-1]
    now = ctx.now()
    status = _status(order, now)
    order["status"] = status
    store = MENU.store(order["store"])
    ready = dt.datetime.fromisoformat(order["ready"])
    left = max(1, round((ready - now).total_seconds() / 60))
    if status == "ready":
        text = f"Order {order['number']} has been ready at {store.name} since {spoken_time(ready.time())}."
    elif status == "received":
        text = (
            f"{store.name} has received order {order['number']}; it should be ready in about "
            f"{left} minutes."
        )
    else:
        text = (
            f"Order {order['number']} is being prepared at {store.name}; about {left} "
            f"minute{'s' if left != 1 else ''} to go."
        )
    return Response.speak(text)
