"""Tea time: a skill written with the SDK that runs in-process or as a web service, unchanged.

In-process, drop this file into ``--skills-dir``. As a service::

    export SPEAKER_SIM_SECRET=$(python -c 'import secrets; print(secrets.token_hex(16))')
    speaker-sim serve examples/remote_tea/service/tea.py --port 8765

and register it with the speaker through ``../speaker/tea.yaml`` (a manifest with the same
intents and samples, the URL and where the secret is). The service keeps nothing between
requests: the session attributes (the last tea), the persistent attributes (cups brewed) and the
pending timers travel in every request, so it works the same with one replica or ten.

Try: "open tea time", "brew a strong black tea", "same again", "how long is left on my tea",
"how many cups have I had", "cancel my tea", then ``:advance 5m`` in ``speaker-sim chat``.
"""

from datetime import timedelta
from typing import Annotated

from pydantic import BaseModel

from simulator.sdk import Response, ScheduledItem, Skill, SkillContext, SlotList

skill = Skill("tea", description="Steeps tea with a timer", invocation="tea time")

# The same lists appear in the manifest, so the speaker understands the same words.
Tea = Annotated[
    str,
    SlotList(
        "tea",
        {
            "green": ["sencha", "jasmine"],
            "black": ["english breakfast", "assam"],
            "herbal": ["camomile", "mint"],
        },
    ),
]
Strength = Annotated[str, SlotList("strength", {"light": ["weak", "mild"], "strong": []})]

STEEP_MINUTES = {"green": 2, "black": 4, "herbal": 5}
"""Minutes each tea steeps; a strong cup takes one more."""


def _brew(ctx: SkillContext, tea: str, strength: str | None) -> Response:
    """Start the timer, count the cup, remember the tea for "same again"."""
    minutes = STEEP_MINUTES[tea] + (1 if strength == "strong" else 0)
    ctx.clock.schedule(timedelta(minutes=minutes), label=f"{tea} tea", payload={"tea": tea})
    cups = int(ctx.persistent.get("cups", 0)) + 1
    ctx.persistent["cups"] = cups
    # Session attributes live until the session ends: "same again" only makes sense right now.
    ctx.session.attributes["last_tea"] = tea
    ctx.session.attributes["last_strength"] = strength
    ctx.log(f"steeping {tea} for {minutes} min")
    what = f"{strength} {tea}" if strength else tea
    return (
        Response.speak(f"Steeping {what} tea for {minutes} minutes. That's cup number {cups}.")
        .card("Tea", f"{what.capitalize()} tea, {minutes} minutes")
        .keep_session()
    )


@skill.on_launch
def launch(ctx: SkillContext) -> Response:
    """Greet and ask which tea."""
    return Response.ask("Tea time. Which tea would you like: green, black or herbal?")


class Brew(BaseModel):
    """The slots of BrewTea: which tea (asked for if missing) and how strong."""

    tea: Tea
    strength: Strength | None = None


@skill.intent(
    "BrewTea",
    samples=[
        "(brew|make) [me] [a] [cup of] [{strength}] {tea} [tea]",
        "i (would like|want) [a] [cup of] [{strength}] {tea} [tea]",
        "[a] [cup of] [{strength}] {tea} [tea] please",
        "(brew|make) [me] [a] (tea|cup of tea)",
    ],
    prompts={"tea": "Which tea: green, black or herbal?"},
)
def brew_tea(ctx: SkillContext, slots: Brew) -> Response:
    """Steep a cup of tea."""
    return _brew(ctx, slots.tea, slots.strength)


@skill.intent("AnotherCup", samples=["same again", "another (one|cup) [please]"])
def another_cup(ctx: SkillContext) -> Response:
    """Brew the same tea again (within the session)."""
    tea = ctx.session.attributes.get("last_tea")
    if not tea:
        return Response.ask("Which tea: green, black or herbal?")
    return _brew(ctx, str(tea), ctx.session.attributes.get("last_strength"))


@skill.intent("TeaStatus", samples=["how long is left [on my tea]", "is my tea ready"])
def tea_status(ctx: SkillContext) -> Response:
    """Say how long until the next tea is ready."""
    pending = ctx.clock.pending()
    if not pending:
        return Response.speak("No tea is steeping.")
    first = pending[0]
    minutes = max(1, round(first.remaining(ctx.now()).total_seconds() / 60))
    others = f" {len(pending) - 1} more after that." if len(pending) > 1 else ""
    unit = "minute" if minutes == 1 else "minutes"
    return Response.speak(f"Your {first.label} is ready in {minutes} {unit}.{others}")


@skill.intent("CupCount", samples=["how many cups [of tea] have i had"])
def cup_count(ctx: SkillContext) -> Response:
    """Count the cups brewed (kept across sessions)."""
    cups = int(ctx.persistent.get("cups", 0))
    return Response.speak(f"You've had {cups} cup{'s' if cups != 1 else ''} so far.")


@skill.intent(
    "CancelTea",
    samples=["cancel my tea", "(stop|forget) [the] tea"],
    confirm="Cancel all your tea?",
)
def cancel_tea(ctx: SkillContext) -> Response:
    """Cancel every tea timer (after a yes)."""
    pending = ctx.clock.pending()
    for item in pending:
        ctx.clock.cancel(item)
    if not pending:
        return Response.speak("No tea is steeping.")
    return Response.speak(f"Cancelled {len(pending)} tea{'s' if len(pending) != 1 else ''}.")


@skill.on_help
def help_(ctx: SkillContext) -> Response:
    """Say what to try."""
    return Response.ask("Say brew a green tea, same again, or how long is left.")


@skill.on_stop
def stop(ctx: SkillContext) -> Response:
    """Say goodbye."""
    return Response.speak("Enjoy your tea.")


@skill.on_fire
def tea_ready(ctx: SkillContext, item: ScheduledItem) -> Response:
    """A tea timer ran out."""
    return Response.speak(f"Your {item.payload.get('tea', '')} tea is ready.")
