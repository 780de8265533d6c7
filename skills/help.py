"""Help: what the speaker can do, built from the loaded skills' descriptions and examples.

Try: "help", "what can you do", "what skills do you have", "what can the timer skill do".
Everything is read from ``ctx.catalog`` (every loaded skill), so help stays right as skills come
and go: a new skill only needs a description and a few ``examples``.
"""

from typing import Annotated

from pydantic import BaseModel

from simulator.sdk import DynamicList, Response, Skill, SkillContext, SkillInfo

skill = Skill(
    "help",
    description="Tells you what the speaker can do",
    examples=("what can you do", "what skills do you have", "what can the timer skill do"),
)


def _quoted(examples: tuple[str, ...], limit: int) -> str:
    """'"a", "b" or "c"': a few examples as a speaker would list them."""
    picks = [f"“{e}”" for e in examples[:limit]]
    if len(picks) <= 1:
        return "".join(picks)
    return ", ".join(picks[:-1]) + " or " + picks[-1]


def _others(ctx: SkillContext) -> list[SkillInfo]:
    return [info for info in ctx.catalog if info.name != skill.name and info.examples]


@skill.on_help
def general_help(ctx: SkillContext) -> Response:
    """The answer to "help" when no skill is holding the conversation."""
    return what_can_you_do(ctx)


@skill.intent(
    "WhatCanYouDo",
    samples=[
        # "what can you do" and "help" are built in; they reach general_help below.
        "what do you do",
        "what else can you do",
        "what can i ask [you]",
        "what (are you able|do you know how) to do",
        "how (do i|can i) use you",
        "what are your (skills|abilities|features)",
        "what should i (say|try|ask)",
        "give me (some|an) (ideas|examples|idea|example)",
    ],
)
def what_can_you_do(ctx: SkillContext) -> Response:
    """Say, in a sentence or two per skill, what to try."""
    others = _others(ctx)
    if not others:
        return Response.speak("I have no skills loaded right now, so there's little I can do.")
    # One example per skill keeps it short enough to listen to; the card has more.
    tries = tuple(info.examples[0] for info in others)
    speech = (
        f"I'm a simulated smart speaker with {len(others)} skills. Some things to try: "
        f"{_quoted(tries, len(tries))}. To hear more about one skill, ask “what can the "
        f"{others[-1].invocation} skill do”."
    )
    card = "\n".join(f"{info.invocation}: {_quoted(info.examples, 3)}" for info in others)
    return Response.speak(speech).card("Things to try", card)


@skill.intent(
    "ListSkills",
    samples=[
        "(what|which) skills (do you have|are there)",
        "list [the|all] [your] skills",
        "(name|tell me) [all] your skills",
    ],
)
def list_skills(ctx: SkillContext) -> Response:
    """Name every loaded skill."""
    names = [info.invocation for info in ctx.catalog]
    body = "\n".join(f"{info.invocation}: {info.description}" for info in ctx.catalog)
    listed = ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else "".join(names)
    return Response.speak(f"I have {len(names)} skills: {listed}.").card("Skills", body)


class AboutSlots(BaseModel):
    """The slots of AboutSkill."""

    # "skill" is a runtime list the simulator fills with the loaded skills' names.
    skill_name: Annotated[str, DynamicList("skill")]


@skill.intent(
    "AboutSkill",
    samples=[
        "tell me about [the] {skill_name} skill",
        "what does [the] {skill_name} skill do",
        "what can [the] {skill_name} skill do",
        "what can i (say|ask) (to|in) [the] {skill_name} skill",
        "how do i use [the] {skill_name} skill",
        "help [me] with [the] {skill_name} skill",
        "what can you do with {skill_name}",
    ],
    prompts={"skill_name": "Which skill?"},
)
def about_skill(ctx: SkillContext, slots: AboutSlots) -> Response:
    """Describe one skill: what it does and a few things to say."""
    info = next(i for i in ctx.catalog if i.name == slots.skill_name)
    speech = f"The {info.invocation} skill: {info.description.rstrip('.')}."
    if info.examples:
        speech += f" You can say {_quoted(info.examples, 3)}."
    card = "\n".join(f"- {a}" for a in info.abilities) or info.description
    return Response.speak(speech).card(info.invocation.capitalize(), card)
