"""Hello: the tutorial skill. As small as a skill can be, plus one slot and one saved value.

Try: "hello", "my name is Ada", then "hello" again (it remembers, even after a restart).
In Chinese (``hello.zh-CN.yaml``): "你好", "我叫小明", "你好".

Every sentence goes through ``ctx.t``: in a Chinese turn it becomes the language file's
translation of that English sentence.
"""

from typing import Annotated

from pydantic import BaseModel

from simulator.sdk import FreeText, Response, Skill, SkillContext

skill = Skill("hello", description="Says hello and remembers your name")


@skill.intent("SayHello", samples=["(hello|hi|hey) [there]", "say hello"])
def say_hello(ctx: SkillContext) -> Response:
    """Greet the user, by name if we know it."""
    # ctx.persistent is saved in state.db at the end of the turn, so it survives restarts.
    name = ctx.persistent.get("name")
    if name:
        return Response.speak(ctx.t("Hello, {name}!", name=name))
    # A reprompt keeps the session open, so the answer "my name is Ada" comes straight back here.
    return Response.ask(
        ctx.t("Hello! What's your name?"), ctx.t("You can say: my name is, and then your name.")
    )


class Name(BaseModel):
    """The slots of MyNameIs."""

    # A free-text slot takes any words: max_tokens keeps it to a short name, and refusing a
    # leading article keeps "call me a taxi" from being taken as a name.
    name: Annotated[
        str,
        FreeText(
            max_tokens=3,
            examples=("ada", "grace hopper"),
            not_starting_with=("a", "an", "the", "some", "my", "your"),
        ),
    ]


@skill.intent(
    "MyNameIs",
    samples=["my name is {name}", "call me {name}", "i am called {name}"],
    prompts={"name": "What's your name?"},
)
def my_name_is(ctx: SkillContext, slots: Name) -> Response:
    """Remember the user's name."""
    name = slots.name.title()
    ctx.persistent["name"] = name
    return Response.speak(ctx.t("Nice to meet you, {name}.", name=name))
