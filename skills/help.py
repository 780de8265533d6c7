"""Help: what the speaker can do, built from the loaded skills' descriptions.

Try: "help", "what skills do you have", "tell me about the timer skill".
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
    topics = ", ".join(info.description.lower() or info.invocation for info in others)
    example = next((info.examples[0] for info in others if info.examples), "what time is it")
    return Response.speak(f"I can help with: {topics}. Try saying: {example}.")


@skill.intent(
    "ListSkills", samples=["(what|which) skills do you have", "list [the|all] [your] skills"]
)
def list_skills(ctx: SkillContext) -> Response:
    """Name every loaded skill."""
    names = [info.invocation for info in ctx.catalog]
    body = "\n".join(f"{info.invocation}: {info.description}" for info in ctx.catalog)
    return Response.speak(f"I have {len(names)} skills: {', '.join(names)}.").card("Skills", body)


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
    info = next(i for i in ctx.catalog if i.name == slots.skill_name)
    example = f" For example, say: {info.examples[0]}." if info.examples else ""
    return Response.speak(f"{info.invocation.capitalize()}: {info.description}.{example}")
