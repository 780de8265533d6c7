"""Help: what the speaker can do, built from the loaded skills' descriptions and examples.

Try: "help", "what can you do", "what skills do you have", "what can the timer skill do".
In Chinese (``help.zh-CN.yaml``): "你会做什么", "你有哪些技能", "计时器是干什么的"; a Chinese
answer offers only the skills that understand Chinese, with Chinese examples.
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


def _quoted(ctx: SkillContext, examples: tuple[str, ...], limit: int) -> str:
    """'"a", "b" or "c"': a few examples as a speaker would list them (“甲”、“乙”或“丙”)."""
    picks = [f"“{e}”" for e in examples[:limit]]
    if len(picks) <= 1:
        return "".join(picks)
    if ctx.chinese:
        return "、".join(picks[:-1]) + "或" + picks[-1]
    return ", ".join(picks[:-1]) + " or " + picks[-1]


def _speaks(ctx: SkillContext, info: SkillInfo) -> bool:
    """Whether a skill understands the language of this turn (all do English)."""
    return ctx.language in info.languages or not ctx.chinese


def _others(ctx: SkillContext) -> list[SkillInfo]:
    return [
        info
        for info in ctx.catalog
        if info.name != skill.name and info.examples and _speaks(ctx, info)
    ]


@skill.on_help
def general_help(ctx: SkillContext) -> Response:
    """The answer to "help" when no skill is holding the conversation."""
    return what_can_you_do(ctx)


@skill.intent(
    "WhatCanYouDo",
    samples=[
        # "help" and "what can i say" are built in (inside a skill's conversation they ask for
        # that skill's help); "what can you do" asks about the speaker, so it is this intent's.
        "what do you do",
        "what [else|(kind|kinds|sort|sorts|type|types) of things] can you (do|help [me] with)",
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
        return Response.speak(
            ctx.t("I have no skills loaded right now, so there's little I can do.")
        )
    # One example per skill keeps it short enough to listen to; the card has more.
    tries = tuple(info.examples[0] for info in others)
    speech = ctx.t(
        "I'm a simulated smart speaker with {count} skills. Some things to try: {tries}. "
        "To hear more about one skill, ask “what can the {name} skill do”.",
        count=len(others),
        tries=_quoted(ctx, tries, len(tries)),
        name=others[-1].invocation,
    )
    if ctx.chinese and len(others) < len(_all_others(ctx)):
        speech += ctx.t("The other skills only speak English.")
    card = "\n".join(f"{info.invocation}: {_quoted(ctx, info.examples, 3)}" for info in others)
    return Response.speak(speech).card(ctx.t("Things to try"), card)


def _all_others(ctx: SkillContext) -> list[SkillInfo]:
    return [info for info in ctx.catalog if info.name != skill.name and info.examples]


@skill.intent(
    "ListSkills",
    samples=[
        "(what|which) skills (do you have|have you got|are there|are (installed|loaded|available))",
        "list [the|all] [your] skills",
        "(name|tell me) [all] your skills",
    ],
)
def list_skills(ctx: SkillContext) -> Response:
    """Name every loaded skill."""
    names = [info.invocation for info in ctx.catalog]
    body = "\n".join(f"{info.invocation}: {info.description}" for info in ctx.catalog)
    if ctx.chinese:
        # In Chinese, the Chinese-speaking skills by their Chinese names, then the others.
        local = [i.invocation for i in ctx.catalog if _speaks(ctx, i)]
        english = [i.invocation for i in ctx.catalog if not _speaks(ctx, i)]
        speech = ctx.t("I have {count} skills: {names}.", count=len(local), names="、".join(local))
        if english:
            speech += ctx.t("English only: {names}.", names="、".join(english))
        return Response.speak(speech).card(ctx.t("Skills"), body)
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
    speech = ctx.t(
        "The {name} skill: {description}.",
        name=info.invocation,
        description=info.description.rstrip(".。"),
    )
    if ctx.chinese and not _speaks(ctx, info):
        speech += ctx.t("That skill only speaks English.")
    if info.examples:
        speech += ("" if ctx.chinese else " ") + ctx.t(
            "You can say {examples}.", examples=_quoted(ctx, info.examples, 3)
        )
    card = "\n".join(f"- {a}" for a in info.abilities) or info.description
    return Response.speak(speech).card(info.invocation.capitalize(), card)
