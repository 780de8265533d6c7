"""Help: what the speaker can do, built from the loaded skills' descriptions.

Try: "help", "what skills do you have", "tell me about the timer skill".
In Chinese (``help.zh-CN.yaml``): "帮助", "你有哪些技能", "计时器技能是做什么的".
"""

from typing import Annotated

from pydantic import BaseModel

from simulator.sdk import DynamicList, Response, Skill, SkillContext

skill = Skill("help", description="Tells you what the speaker can do")


@skill.on_help
def general_help(ctx: SkillContext) -> Response:
    """The answer to "help" when no skill is holding the conversation."""
    # ctx.catalog lists every loaded skill, so help stays right as skills come and go.
    others = [info for info in ctx.catalog if info.name != skill.name]
    topics = ("；" if ctx.chinese else ", ").join(
        info.description.lower() or info.invocation for info in others
    )
    example = next((info.examples[0] for info in others if info.examples), ctx.t("what time is it"))
    return Response.speak(
        ctx.t("I can help with: {topics}. Try saying: {example}.", topics=topics, example=example)
    )


@skill.intent(
    "ListSkills", samples=["(what|which) skills do you have", "list [the|all] [your] skills"]
)
def list_skills(ctx: SkillContext) -> Response:
    """Name every loaded skill."""
    names = [info.invocation for info in ctx.catalog]
    body = "\n".join(f"{info.invocation}: {info.description}" for info in ctx.catalog)
    listed = ctx.t("I have {count} skills: {names}.", count=len(names), names=ctx.say_list(names))
    return Response.speak(listed).card(ctx.t("Skills"), body)


class AboutSlots(BaseModel):
    """The slots of AboutSkill."""

    # "skill" is a runtime list the simulator fills with the loaded skills' names.
    skill_name: Annotated[str, DynamicList("skill")]


@skill.intent(
    "AboutSkill",
    samples=["tell me about [the] {skill_name} skill", "what does [the] {skill_name} skill do"],
    prompts={"skill_name": "Which skill?"},
)
def about_skill(ctx: SkillContext, slots: AboutSlots) -> Response:
    """Describe one skill, with an example of what to say."""
    info = next((i for i in ctx.catalog if i.name == slots.skill_name), None)
    if info is None:  # a skill that does not speak this turn's language
        return Response.speak(ctx.t("That skill only speaks English."))
    example = (
        ctx.t(" For example, say: {example}.", example=info.examples[0]) if info.examples else ""
    )
    return Response.speak(
        ctx.t(
            "{name}: {description}.{example}",
            name=info.invocation[:1].upper() + info.invocation[1:],
            description=info.description,
            example=example,
        )
    )
