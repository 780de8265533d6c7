"""One mechanism for "which one?": `Response.ask_which`, answered from context.

The intent that asks runs again with the slots it had and the pick in ``ctx.chosen``; "never
mind" says the skill's ``declined`` sentence; an answer that picks nothing is asked again; the
same words with no question open mean nothing.
"""

from __future__ import annotations

from pydantic import BaseModel

from simulator.sdk import Response, Skill, SkillContext
from simulator.sdk.choice import YesNo, read_choice
from simulator.sdk.testing import Conversation

paint = Skill("paint", description="Paints one of the walls")

_WALLS = {"n": "north wall by the window", "s": "south wall by the door", "e": "east wall"}


class Colour(BaseModel):
    """The colour to paint with, and the answer to "sure?"."""

    colour: str = "white"
    sure: YesNo | None = None


@paint.intent("Paint", samples=["paint the wall [{colour}]"])
def paint_wall(ctx: SkillContext, slots: Colour) -> Response:
    """Ask which wall, then confirm, then paint it (or them) in the colour asked."""
    if not ctx.chosen:
        return Response.ask_which(
            "The north wall, the south wall or the east wall?",
            _WALLS,
            declined="Okay, no painting today.",
        )
    walls = " and ".join(_WALLS[w].split(" wall")[0] for w in ctx.chosen)
    if slots.sure is None:
        # The pick holds for the intent's next question too.
        return Response.elicit("sure", f"Paint the {walls} {slots.colour}?")
    return Response.speak(f"Painting the {walls} {slots.colour}.")


@paint.intent("Weather", samples=["what is the weather"])
def weather(ctx: SkillContext) -> Response:
    """Another intent, to change the subject to."""
    return Response.speak("Sunny.")


def test_the_answer_runs_the_asking_intent_again_with_its_slots() -> None:
    conv = Conversation(skills=[paint], bundled=False)
    asked = conv.say("paint the wall blue", expect_intent="Paint")
    assert asked.session_ended is False
    question = asked.dialog.open_question
    assert question is not None and question["kind"] == "disambiguate"
    assert question["data"]["choices"] == ["n", "s", "e"]
    turn = conv.say("the one by the door", expect_intent="Paint")
    assert turn.source == "context"
    assert turn.speech == "Paint the south blue?"
    assert conv.say("yes").speech == "Painting the south blue."


def test_ordinals_both_and_all() -> None:
    conv = Conversation(skills=[paint], bundled=False)
    conv.say("paint the wall")
    assert conv.say("the third one").speech == "Paint the east white?"
    conv.say("no")
    conv.say("paint the wall")
    assert conv.say("all of them").speech == "Paint the north and south and east white?"


def test_declining_says_the_skills_sentence_and_runs_nothing() -> None:
    conv = Conversation(skills=[paint], bundled=False)
    conv.say("paint the wall")
    turn = conv.say("never mind")
    assert turn.speech == "Okay, no painting today."
    assert turn.dialog.open_question is None


def test_an_unclear_answer_is_asked_again_and_the_subject_can_change() -> None:
    conv = Conversation(skills=[paint], bundled=False)
    conv.say("paint the wall")
    again = conv.say("the purple one")
    assert again.speech == (
        "Sorry, I didn't catch which. The north wall, the south wall or the east wall?"
    )
    assert again.session_ended is False
    assert conv.say("what is the weather", expect_intent="Weather").speech == "Sunny."
    assert conv.say("the first one").intent is None  # the question went with the subject


def test_answers_mean_nothing_without_a_question() -> None:
    conv = Conversation(skills=[paint], bundled=False)
    for words in ("the second one", "both", "the north one"):
        assert conv.say(words).intent is None
        assert conv.sim.route(words).intent is None


def test_read_choice_needs_most_words_explained() -> None:
    options = list(_WALLS.values())
    assert read_choice("the window one", options) is not None
    reading = read_choice("the window one", options)
    assert reading is not None and reading.picked == [0] and reading.explained == 1.0
    half = read_choice("paint the wall near the door", options)
    assert half is not None and half.picked == [1] and half.explained < 1.0
    assert read_choice("wall", options) is None  # fits all three: no pick
    assert read_choice("第二个", options) is not None
