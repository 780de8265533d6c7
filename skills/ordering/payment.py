"""Checkout and payment with a spoken voice PIN.

The PIN is a `PinCode` slot: the simulator redacts its words from the turn, the trace and the
conversation log, and this skill keeps only a salted scrypt hash of it (``hash_secret``). It is
never said back. Three wrong tries in a row lock payment for a while (on the virtual clock).
Nothing is really ordered or paid: the skill says so at checkout and on the receipt.
"""

from __future__ import annotations

import datetime as dt
from itertools import pairwise
from typing import Annotated, Any

from pydantic import BaseModel, SecretStr

from simulator.sdk import Response, SkillContext
from simulator.sdk.money import Money
from simulator.sdk.secret import PinCode, hash_secret, verify_secret

from .core import SIMULATED, cart, cart_total, describe, describe_cart, skill
from .menu import MENU
from .stores import closed_message, store_choice_prompt

__all__ = ["LOCK_MINUTES", "MAX_TRIES", "review"]

MAX_TRIES = 3
"""Wrong PINs in a row before payment locks."""
LOCK_MINUTES = 15
"""How long payment stays locked."""
_PIN_RULE = "a PIN of four to six digits"


class PinSlots(BaseModel):
    """The slots of the intents that take a PIN. ``SecretStr`` keeps it out of reprs."""

    pin: Annotated[SecretStr, PinCode()]


def _weak(pin: str) -> str | None:
    """Why a new PIN is not acceptable, or None."""
    if not 4 <= len(pin) <= 6:
        return f"A voice PIN needs four to six digits, and that was {len(pin)}."
    steps = {int(b) - int(a) for a, b in pairwise(pin)}
    if len(set(pin)) == 1 or steps in ({1}, {-1}):
        return "That PIN is too easy to guess: avoid repeated digits and runs like one two three."
    return None


def _locked_for(ctx: SkillContext) -> int:
    """Minutes payment stays locked (0 when it is not)."""
    until = ctx.persistent.get("locked_until")
    if not until:
        return 0
    left = dt.datetime.fromisoformat(until) - ctx.now()
    if left <= dt.timedelta(0):
        ctx.persistent.pop("locked_until", None)
        return 0
    return max(1, round(left.total_seconds() / 60))


def _locked_response(minutes: int) -> Response:
    return Response.speak(
        f"Payment is locked after {MAX_TRIES} wrong PINs. Try again in {minutes} "
        f"minute{'s' if minutes != 1 else ''}."
    ).with_error("PIN_LOCKED", f"locked for {minutes} more minutes")


def _wrong_pin(ctx: SkillContext, retry_intent: str) -> Response:
    """Count a wrong PIN; lock after the third; otherwise ask again."""
    failures = int(ctx.persistent.get("pin_failures", 0)) + 1
    if failures >= MAX_TRIES:
        ctx.persistent["pin_failures"] = 0
        until = ctx.now() + dt.timedelta(minutes=LOCK_MINUTES)
        ctx.persistent["locked_until"] = until.isoformat()
        ctx.session.attributes.pop("stage", None)
        return Response.speak(
            f"That PIN is wrong. That was the third wrong try, so payment is locked for "
            f"{LOCK_MINUTES} minutes. Your order is kept."
        ).with_error("PIN_LOCKED", f"{MAX_TRIES} wrong PINs")
    ctx.persistent["pin_failures"] = failures
    left = MAX_TRIES - failures
    return Response.elicit(
        "pin",
        f"That PIN doesn't match. {left} tr{'ies' if left != 1 else 'y'} left. Say your PIN again.",
        "Say your voice PIN.",
        intent=retry_intent,
    ).with_error("WRONG_PIN", f"{left} tries left")


# -- setting up the PIN -------------------------------------------------------------------


@skill.intent(
    "SetPin",
    samples=[
        "set up [a|my] [voice|payment] pin",
        "(set|create|make) [a|my] [new] (voice|payment) pin",
        "(change|reset) my [voice|payment] pin",
        "(set|change) my [voice|payment] pin to {pin}",
        "i want to set a [voice] pin",
    ],
    prompts={"pin": f"Say a new voice PIN: {_PIN_RULE}. I'll never say it back."},
)
def set_pin(ctx: SkillContext, slots: PinSlots) -> Response:
    """Start setting the voice PIN: check it, then ask for it again (or for the old one)."""
    if minutes := _locked_for(ctx):
        return _locked_response(minutes)
    pin = slots.pin.get_secret_value()
    if problem := _weak(pin):
        return Response.elicit("pin", f"{problem} Say another one.", intent="SetPin").with_error(
            "INVALID_PIN", problem
        )
    # Only a salted hash is kept, even for the moment between saying it and confirming it.
    ctx.persistent["pending_pin"] = hash_secret(pin)
    if "pin" in ctx.persistent:
        return Response.elicit(
            "pin", "To change it, first say your current PIN.", intent="VerifyCurrentPin"
        )
    return Response.elicit("pin", "Say the new PIN once more to confirm it.", intent="ConfirmPin")


@skill.intent(
    "VerifyCurrentPin",
    samples=["my (current|old) pin is {pin}", "(current|old) pin {pin}"],
    prompts={"pin": "Say your current PIN."},
)
def verify_current_pin(ctx: SkillContext, slots: PinSlots) -> Response:
    """Check the current PIN before a change; wrong tries count towards the lock."""
    if minutes := _locked_for(ctx):
        return _locked_response(minutes)
    if "pending_pin" not in ctx.persistent:
        return Response.speak("To change your PIN, say: change my voice PIN.")
    if not verify_secret(slots.pin.get_secret_value(), ctx.persistent.get("pin", {})):
        return _wrong_pin(ctx, "VerifyCurrentPin")
    ctx.persistent["pin_failures"] = 0
    return Response.elicit("pin", "Thanks. Now say the new PIN once more.", intent="ConfirmPin")


@skill.intent(
    "ConfirmPin",
    samples=["(confirm|repeat) [my] [new] pin {pin}", "my new pin (is|again is) {pin}"],
    prompts={"pin": "Say the new PIN once more."},
)
def confirm_pin(ctx: SkillContext, slots: PinSlots) -> Response:
    """Save the new PIN when the second saying matches the first."""
    pending = ctx.persistent.pop("pending_pin", None)
    if pending is None:
        return Response.speak("To set a voice PIN, say: set up my voice PIN.")
    if not verify_secret(slots.pin.get_secret_value(), pending):
        return Response.speak(
            "Those two didn't match, so I haven't changed anything. Say set up my voice PIN "
            "to try again."
        ).with_error("INVALID_PIN", "confirmation did not match")
    ctx.persistent["pin"] = pending
    ctx.persistent["pin_failures"] = 0
    done = "Your voice PIN is set. I'll never say it back, and only a salted hash of it is kept."
    if ctx.session.attributes.get("stage") == "confirm" and cart(ctx):
        return Response.elicit("pin", f"{done} Now say it once more to pay.", intent="PayOrder")
    return Response.speak(done)


# -- checkout -----------------------------------------------------------------------------


def review(ctx: SkillContext) -> Response:
    """Read back the order, total and store, and ask whether to place it."""
    lines = cart(ctx)
    if not lines:
        return Response.speak(
            "Your order is empty. Try: order two chicken burgers and a large coffee."
        )
    if minutes := _locked_for(ctx):
        return _locked_response(minutes)
    ctx.session.attributes["checkout"] = True
    store_id = ctx.persistent.get("store")
    if store_id is None:
        return Response.elicit("store", store_choice_prompt(ctx), intent="ChooseStore")
    store = MENU.store(store_id)
    if not store.is_open(ctx.now()):
        return Response.elicit(
            "store", closed_message(ctx, store.id) + " Which store?", intent="ChooseStore"
        ).with_error("INVALID_IN_STATE", f"{store.name} is closed")
    ctx.session.attributes["stage"] = "confirm"
    total = cart_total(lines)
    body = "\n".join(describe(line) for line in lines)
    return Response.ask(
        f"Your order: {describe_cart(lines)}. The total is {total.spoken()}, for pickup at "
        f"{store.name} in about {_prep_minutes(store.prep_minutes, lines)} minutes. "
        f"{SIMULATED} Shall I place it?",
        "Shall I place the order? Say yes or no.",
    ).card("Checkout", f"{body}\nTotal: {total}\nPickup: {store.name}\n{SIMULATED}")


def _prep_minutes(base: int, lines: list[dict[str, Any]]) -> int:
    """A bigger order takes a little longer."""
    items = sum(int(line["quantity"]) for line in lines)
    return base + max(0, items - 3)


@skill.intent(
    "Checkout",
    samples=[
        "check out",
        "checkout",
        "place [my|the] order",
        "(i am|im) (ready to (order|pay)|done ordering|finished ordering)",
        "that will be all",
        "that is everything",
        "(finish|complete|submit|confirm|send) [my|the] order",
        "pay for [my|the] order",
        "(go to|proceed to) [the] checkout",
    ],
)
def checkout(ctx: SkillContext) -> Response:
    """Read back the order with the total and ask to confirm it."""
    return review(ctx)


@skill.intent(
    "Yes",
    samples=["yes (place|send) (it|the order)", "go ahead and (place|send) (it|the order)"],
)
def yes(ctx: SkillContext) -> Response:
    """A yes while ordering: pay after the read-back, or carry on ordering."""
    if ctx.session.attributes.get("stage") != "confirm" or not cart(ctx):
        return Response.ask("What would you like?", "What would you like to order?")
    if minutes := _locked_for(ctx):
        return _locked_response(minutes)
    if "pin" not in ctx.persistent:
        return Response.elicit(
            "pin",
            f"To pay you need a voice PIN first. Say a new one: {_PIN_RULE}. "
            "I'll never say it back.",
            intent="SetPin",
        )
    return Response.elicit("pin", "Say your voice PIN to pay.", intent="PayOrder")


@skill.intent(
    "No",
    samples=["no (that is all|that will be all|that is everything)", "nothing else [thanks]"],
)
def no(ctx: SkillContext) -> Response:
    """A no while ordering: "nothing else" goes to checkout; after the read-back, don't place."""
    if ctx.session.attributes.get("stage") == "confirm":
        ctx.session.attributes.pop("stage", None)
        return Response.speak(
            "Okay, I haven't placed it. Your order is saved: say check out when you're ready."
        )
    return review(ctx)


# -- paying -------------------------------------------------------------------------------


@skill.intent(
    "PayOrder",
    samples=[
        "pay with [my] [voice] pin {pin}",
        "(my|the) [voice] pin is {pin}",
        "pin {pin}",
        "pay with my [voice] pin",
        "(authorize|authorise|approve) [the] payment [with] {pin}",
    ],
    prompts={"pin": "Say your voice PIN."},
)
def pay_order(ctx: SkillContext, slots: PinSlots) -> Response:
    """Check the PIN and place the order (simulated)."""
    lines = cart(ctx)
    if not lines:
        return Response.speak("There's nothing to pay for: your order is empty.")
    if minutes := _locked_for(ctx):
        return _locked_response(minutes)
    if "pin" not in ctx.persistent:
        return Response.speak("You haven't set up a voice PIN yet. Say: set up my voice PIN.")
    store_id = ctx.persistent.get("store")
    if store_id is None or not MENU.store(store_id).is_open(ctx.now()):
        return review(ctx)  # asks for a store that is open, then reads the order back
    if not verify_secret(slots.pin.get_secret_value(), ctx.persistent["pin"]):
        return _wrong_pin(ctx, "PayOrder")
    ctx.persistent["pin_failures"] = 0
    return _place(ctx, lines, store_id)


def _place(ctx: SkillContext, lines: list[dict[str, Any]], store_id: str) -> Response:
    store = MENU.store(store_id)
    total = cart_total(lines)
    minutes = _prep_minutes(store.prep_minutes, lines)
    now = ctx.now()
    number = str(ctx.rng.randint(100, 999))
    orders: list[dict[str, Any]] = ctx.persistent.setdefault("orders", [])
    orders.append(
        {
            "number": number,
            "store": store.id,
            "lines": [dict(line) for line in lines],
            "total_cents": total.cents,
            "placed": now.isoformat(),
            "ready": (now + dt.timedelta(minutes=minutes)).isoformat(),
            "status": "received",
        }
    )
    del orders[:-10]  # keep the last ten orders
    # The clock announces the order when it is ready, even if the conversation has moved on.
    ctx.clock.schedule(
        dt.timedelta(minutes=minutes),
        kind="order",
        label=f"order {number}",
        payload={"order": number},
    )
    lines.clear()
    ctx.session.attributes.pop("stage", None)
    ctx.session.attributes.pop("checkout", None)
    receipt = (
        f"Order {number} at {store.name}\n{total} paid (simulated)\nReady in about {minutes} min\n"
        f"{SIMULATED}"
    )
    return Response.speak(
        f"PIN accepted. Order {number} is placed and {total.spoken()} paid, in this simulation "
        f"only: no real money moved. {store.name} will have it ready in about {minutes} "
        "minutes, and I'll tell you when it is."
    ).card(f"{MENU.restaurant} receipt", receipt)


def order_total(order: dict[str, Any]) -> Money:
    """The total of a placed order."""
    return Money(int(order["total_cents"]), MENU.currency)
