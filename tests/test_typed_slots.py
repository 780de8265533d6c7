"""One slot representation (issue 7): typed values from the router to the handler; JSON only
in the `Turn` and where the dialog state is saved."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated

from pydantic import BaseModel, ConfigDict

from simulator.dialog.state import Question
from simulator.sdk import Response, Skill, SkillContext
from simulator.sdk.slots import NO_VALUE, SlotEnv, SlotType
from simulator.sdk.testing import Conversation


class Crust:
    """A value that is not JSON and does not validate from its JSON (only an instance does)."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __str__(self) -> str:
        return f"{self.name} crust"


class CrustSlot(SlotType):
    """Reads "thin" or "deep" as a `Crust`."""

    kind = "crust"
    max_tokens = 1

    def parse(self, tokens: Sequence[str], env: SlotEnv) -> object:
        """A `Crust` for a known word."""
        return Crust(tokens[0]) if list(tokens) in (["thin"], ["deep"]) else NO_VALUE

    def examples(self, env: SlotEnv) -> Sequence[str]:
        """Both crusts."""
        return ("thin", "deep")


class Order(BaseModel):
    """A crust (typed) and a size."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    crust: Annotated[Crust, CrustSlot()]
    size: int


pizza = Skill("pizza", description="Orders a pizza")


@pizza.intent(
    "OrderPizza",
    samples=["order a {crust} pizza", "order a {crust} pizza size {size}"],
    prompts={"size": "What size?"},
)
def order(ctx: SkillContext, slots: Order) -> Response:
    """Say what the handler got: the very object the slot type made."""
    assert isinstance(slots.crust, Crust)
    return Response.speak(f"A size {slots.size} pizza with a {slots.crust}.")


def test_the_handler_gets_the_slot_types_own_value() -> None:
    conv = Conversation(skills=[pizza], bundled=False)
    turn = conv.say("order a thin pizza size 12", expect_intent="OrderPizza")
    assert turn.speech == "A size 12 pizza with a thin crust."
    # The Turn carries JSON: the value's text, and the words it came from.
    assert turn.slots["crust"].value == "thin crust" and turn.slots["crust"].raw == "thin"


def test_a_typed_value_waits_typed_for_the_missing_slot() -> None:
    conv = Conversation(skills=[pizza], bundled=False)
    asked = conv.say("order a deep pizza")
    assert asked.speech == "What size?"
    # Saved (and shown) as JSON ...
    question = asked.dialog.open_question
    assert question is not None and question["filled"]["crust"] == {
        "value": "deep crust",
        "raw": "deep",
    }
    # ... while the handler still gets the object the slot type made.
    assert conv.say("14").speech == "A size 14 pizza with a deep crust."


def test_the_saved_question_is_json() -> None:
    question = Question(
        kind="elicit",
        skill="pizza",
        intent="OrderPizza",
        slot="size",
        prompt="What size?",
        filled={"crust": {"value": Crust("thin"), "raw": "thin"}},
    )
    assert question.model_dump(mode="json")["filled"] == {
        "crust": {"value": "thin crust", "raw": "thin"}
    }
