"""Pickup stores: choose one, hear the opening hours. Hours run on the virtual clock."""

from __future__ import annotations

from pydantic import BaseModel

from simulator.sdk import Response, SkillContext

from .core import join, skill
from .menu import MENU, StoreName, spoken_time

__all__ = ["closed_message", "open_stores", "store_choice_prompt"]


def open_stores(ctx: SkillContext) -> list[str]:
    """Names of the stores open right now."""
    return [s.name for s in MENU.stores if s.is_open(ctx.now())]


def closed_message(ctx: SkillContext, store_id: str) -> str:
    """ "Old Mill is closed right now: it opens at 10 AM on Monday. Open now: ..."."""
    store = MENU.store(store_id)
    opening = store.next_opening(ctx.now())
    when = spoken_time(opening.time())
    if opening.date() != ctx.now().date():
        when += f" on {opening:%A}"
    others = open_stores(ctx)
    tail = f" Open now: {join(others)}." if others else " No store is open right now."
    return f"{store.name} is closed right now: it opens at {when}.{tail}"


def store_choice_prompt(ctx: SkillContext) -> str:
    """The question that asks for a store."""
    names = [s.name for s in MENU.stores]
    listed = ", ".join(names[:-1]) + " or " + names[-1] if len(names) > 1 else names[0]
    return f"Which store will you pick it up from: {listed}?"


class StoreSlots(BaseModel):
    """The slots of ChooseStore."""

    store: StoreName


@skill.intent(
    "ChooseStore",
    samples=[
        "[i will] pick (it|my order|the order|it all) up (at|from) [the] {store} [store]",
        "(use|choose|select|pick) [the] {store} store",
        "(set|change) [my] (pickup|store|pickup store) [location] to [the] {store} [store]",
        "(pickup|collect it|collection) (at|from) [the] {store} [store]",
        "(at|from) [the] {store} [store] [please]",
        "[the] {store} store [please]",
    ],
    prompts={"store": "Which store?"},
)
def choose_store(ctx: SkillContext, slots: StoreSlots) -> Response:
    """Pick the store the order will be collected from."""
    from .payment import review  # a checkout in progress goes on once a store is chosen

    store = MENU.store(slots.store)
    ctx.persistent["store"] = store.id
    if not store.is_open(ctx.now()):
        return Response.elicit(
            "store",
            closed_message(ctx, store.id) + " Which store would you like?",
            store_choice_prompt(ctx),
            intent="ChooseStore",
        ).with_error("INVALID_IN_STATE", f"{store.name} is closed")
    if ctx.session.attributes.get("checkout"):
        return review(ctx)
    return Response.speak(f"Okay, you'll pick up at {store.name}. It's open {store.hours()}.")


class HoursSlots(BaseModel):
    """The slots of StoreHours."""

    store: StoreName | None = None


@skill.intent(
    "StoreHours",
    samples=[
        "(is|when is) the {store} store open",
        "is {store} open [now|today]",
        "(when|what time) does [the] {store} [store] (open|close)",
        "(when|what time) does <shop> (open|close) [today]",
        "(what are|tell me) the (opening hours|hours) (of|for) [the] {store} [store]",
        "(which|what) [<shop>] (stores|shops) (are there|do you have|are open [now])",
        "where can i pick (it|my order|up my order) up",
        "where can i pick up my order",
        "(what are|tell me) the store (hours|opening hours)",
    ],
)
def store_hours(ctx: SkillContext, slots: HoursSlots) -> Response:
    """Say a store's opening hours, or which stores there are and which are open."""
    if slots.store is not None:
        store = MENU.store(slots.store)
        state = "open now" if store.is_open(ctx.now()) else "closed right now"
        return Response.speak(f"{store.name} is {state}. It's open {store.hours()}.")
    parts = [
        f"{s.name}, {'open now' if s.is_open(ctx.now()) else 'closed now'}, {s.hours()}"
        for s in MENU.stores
    ]
    return Response.speak(f"{MENU.restaurant} has {len(parts)} stores: " + "; ".join(parts) + ".")
