"""`Response.ask_which` and follow-up intents: "which one?" as a dialog feature of the SDK."""

from __future__ import annotations

from pydantic import BaseModel

from simulator.sdk import Ordinal, Response, Skill, SkillContext
from simulator.sdk.testing import Conversation

paint = Skill("paint", description="Paints one of two walls")


@paint.intent("Paint", samples=["paint the wall"])
def paint_wall(ctx: SkillContext) -> Response:
    """Ask which wall."""
    return Response.ask_which("The north wall or the south wall?", ["north", "south"])


class Pick(BaseModel):
    """An ordinal answer."""

    ordinal: Ordinal


@paint.intent("PickWall", samples=["the {ordinal} [one]"], follow_up=True)
def pick(ctx: SkillContext, slots: Pick) -> Response:
    """Paint the wall the answer picks from ``ctx.choices``."""
    index = int(slots.ordinal) - 1
    if not 0 <= index < len(ctx.choices):
        return Response.ask_which("Say first or second.", ctx.choices)
    return Response.speak(f"Painting the {ctx.choices[index]} wall.")


def test_a_follow_up_intent_is_not_routed_without_a_question() -> None:
    conv = Conversation(skills=[paint], bundled=False)
    assert conv.say("the second one").intent is None
    assert conv.sim.route("the second one").intent is None


def test_the_answer_is_routed_from_context_with_the_choices() -> None:
    conv = Conversation(skills=[paint], bundled=False)
    asked = conv.say("paint the wall")
    assert asked.session_ended is False
    assert asked.dialog.open_question is not None
    assert asked.dialog.open_question["data"] == {"choices": ["north", "south"]}
    turn = conv.say("the second one", expect_intent="PickWall")
    assert turn.source == "context"
    assert turn.speech == "Painting the south wall."
    assert conv.say("the first one").intent is None


def test_a_follow_up_can_ask_again() -> None:
    conv = Conversation(skills=[paint], bundled=False)
    conv.say("paint the wall")
    assert conv.say("the fifth one").speech == "Say first or second."
    assert conv.say("the first one").speech == "Painting the north wall."
