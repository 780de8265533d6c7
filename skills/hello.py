"""Hello: the tutorial skill. As small as a skill can be, plus one slot and one saved value.

Try: "hello", then just your name ("Ada") when it asks; "what's my name"; "my name is Grace
Hopper"; "forget my name". It remembers the name, even after a restart.
In Chinese (``hello.zh-CN.yaml``): "你好", "我叫小明", "你好".

Every sentence goes through ``ctx.t``: in a Chinese turn it becomes the language file's
translation of that English sentence.
"""

from typing import Annotated

from pydantic import BaseModel

from simulator.sdk import FreeText, Response, Skill, SkillContext

__all__ = ["skill"]

skill = Skill(
    "hello",
    description="Says hello and remembers your name",
    examples=("hello", "my name is Ada", "what's my name"),
)

# Words that are not names: with the speaker waiting for a name, "stop" or "what time is it"
# should not become one.
_NOT_NAMES = frozenset(
    [
        "a",
        "an",
        "the",
        "is",
        "are",
        "am",
        "was",
        "what",
        "whats",
        "who",
        "why",
        "how",
        "when",
        "where",
        "which",
        "it",
        "its",
        "this",
        "that",
        "my",
        "your",
        "me",
        "you",
        "i",
        "no",
        "yes",
        "not",
        "stop",
        "cancel",
        "help",
        "never",
        "mind",
        "please",
        "okay",
        "ok",
        "sure",
        "thanks",
        "thank",
        "hello",
        "hi",
        "hey",
        "set",
        "play",
        "turn",
        "open",
        "tell",
        "and",
        "or",
        "of",
        "to",
        "in",
        "on",
        "for",
        "with",
        "time",
        "timer",
    ]
)


@skill.intent(
    "SayHello",
    samples=["(hello|hi|hey|hiya|howdy|yo) [there]", "say hello"],
)
def say_hello(ctx: SkillContext) -> Response:
    """Greet the user, by name if we know it."""
    return _with_name(
        ctx, "Hello, {name}!", ask="Hello! What's your name?", again="You can just say your name."
    )


def _with_name(ctx: SkillContext, reply: str, *, ask: str, again: str) -> Response:
    """``reply`` with the saved name filled in, or ``ask`` for the name when there is none.

    The sentences go through ``ctx.t``, so a Chinese turn says the language file's versions.
    """
    # ctx.persistent is saved in state.db at the end of the turn, so it survives restarts.
    name = ctx.persistent.get("name")
    if name:
        return Response.speak(ctx.t(reply, name=name))
    # elicit() opens a question for MyNameIs's {name} slot: a bare "Ada" answers it.
    return Response.elicit("name", ctx.t(ask), ctx.t(again), intent="MyNameIs")


class Name(BaseModel):
    """The slots of MyNameIs."""

    # A free-text slot takes any words; max_tokens keeps it to a short name, and the rejected
    # words keep "what time is it" or "call me a taxi" from becoming a name.
    name: Annotated[
        str, FreeText(max_tokens=3, examples=("ada", "grace hopper", "alan"), reject=_NOT_NAMES)
    ]


@skill.intent(
    "MyNameIs",
    samples=[
        # "remember my name is jo": told to keep it, the name is still being given.
        "[remember [that]] my name is {name}",
        "call me {name}",
        "i am called {name}",
        "you can call me {name}",
        "my names {name}",
    ],
    prompts={"name": "What's your name?"},
)
def my_name_is(ctx: SkillContext, slots: Name) -> Response:
    """Remember the user's name."""
    name = slots.name.title()
    ctx.persistent["name"] = name
    return Response.speak(ctx.t("Nice to meet you, {name}.", name=name))


@skill.intent(
    "WhatsMyName",
    samples=[
        "(what is|whats) my name",
        "do you (know|remember) my name",
        "who am i",
        "(say|tell me) my name",
    ],
)
def whats_my_name(ctx: SkillContext) -> Response:
    """Say the name the user gave, or ask for it."""
    return _with_name(
        ctx,
        "Your name is {name}.",
        ask="I don't know your name yet. What is it?",
        again="Just say your name.",
    )


@skill.intent(
    "ForgetName",
    samples=[
        "forget (my name|what i am called|what my name is)",
        "(delete|clear|erase|remove) my name [from (your memory|memory)]",
        "stop (calling me by|remembering) my name",
    ],
    confirm="Forget your name?",
)
def forget_name(ctx: SkillContext) -> Response:
    """Forget the saved name (after a yes)."""
    if ctx.persistent.pop("name", None) is None:
        return Response.speak(ctx.t("I didn't know your name anyway."))
    return Response.speak(ctx.t("Done. I've forgotten your name."))
