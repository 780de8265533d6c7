"""Timer: several named countdowns that speak when they end.

Try: "set a timer for 5 minutes", "set a pasta timer for 10 minutes", "set a timer" (it asks how
long), "how long is left on the pasta timer", "cancel the pasta timer", "cancel all timers".
Timers run on the simulator's virtual clock: in ``speaker-sim chat``, ``:advance 10m`` makes them fire.
In Chinese (``timer.zh-CN.yaml``): "定一个五分钟的计时器", "煮面计时器还剩多久", "取消所有计时器".
Each sentence goes through ``ctx.t``, which gives the language file's translation in a Chinese turn.
"""

from datetime import timedelta
from typing import Annotated

from pydantic import BaseModel

from simulator.sdk import Duration, FreeText, Response, ScheduledItem, Skill, SkillContext
from simulator.sdk.home import RoomName

# Word sets follow Home Assistant's English timer templates (CC BY 4.0), so "create a 5 minute
# timer called pizza" and "time left on the timers in the kitchen" work too.
skill = Skill(
    "timer",
    description="Kitchen timers: set, check and cancel them",
    examples=("set a timer for 5 minutes", "how long is left on the timer", "cancel the timer"),
    rules={
        "timer_set": "(start|set|create)",
        "a": "[a|an|the|my]",
        "named": "(called|named)",
        "timers": "(timer|timers)",
        "cancel": "(cancel|stop|delete|remove|clear|get rid of|turn off|switch off)",
        # "all the timers", "every single timer", "each timer": one word for every quantifier.
        "all": "(all [of] [the|my]|every [single]|each [and every])",
        # "in the kitchen": every timer of this speaker is in the speaker's room, so the room
        # says which speaker, not which timer; it is accepted and does not narrow.
        "where": "(in|on|at) [the|my|our] {room}",
    },
)

# A label is a few free words ("pasta", "boiled egg"); the examples fill sample utterances.
# "every"/"each" open no label: "cancel every running timer" is every timer (one_thing).
Label = Annotated[str, FreeText(max_tokens=3, examples=("pasta", "egg", "tea"), one_thing=True)]


class StartTimer(BaseModel):
    """The slots of StartTimer: how long (required) and an optional name."""

    duration: Duration
    label: Label | None = None
    room: RoomName | None = None


# Like a kitchen timer on a real speaker: from a second to a day. Longer is an alarm or a
# reminder, and an absurd length ("99999999 days") would run off the calendar.
SHORTEST = timedelta(seconds=1)
LONGEST = timedelta(hours=24)


def _name(ctx: SkillContext, item: ScheduledItem) -> str:
    return ctx.t("{label} timer", label=item.label) if item.label else ctx.t("timer")


@skill.intent(
    "StartTimer",
    samples=[
        "(start|set) [a|the] timer for {duration}",
        "(start|set) [a|an|the] {label} timer for {duration}",
        "(start|set) [a] {duration} timer",
        "(start|set) [a] timer",
        "(start|set) [a] timer (called|named) {label}",
        "time {duration}",
        "(count down|countdown|start counting down) [from|for] {duration}",
        "put [a] timer on for {duration}",
        "[<timer_set>] <a> {duration} timer [(<named>|for) {label}]",
        # "timer 3 minutes": spoken to a speaker, the "for" is often dropped.
        "[<timer_set>] <a> timer [for] {duration} [<named> {label}]",
        "<timer_set> <a> timer <named> {label} for {duration}",
        "<timer_set> <a> {duration} timer <where>",
        "<timer_set> <a> timer for {duration} <where>",
        "<timer_set> <a> {label} timer for {duration}",
    ],
    prompts={"duration": "For how long?"},
)
def start_timer(ctx: SkillContext, slots: StartTimer) -> Response:
    """Start a countdown that speaks when it ends."""
    label = slots.label.strip() if slots.label else None
    if not SHORTEST <= slots.duration.timedelta <= LONGEST:
        return Response.speak(
            ctx.t(
                "I can set timers from 1 second to 24 hours; {duration} is outside that.",
                duration=slots.duration,
            )
        )
    if label and any(t.label == label for t in ctx.clock.pending(kind="timer")):
        return Response.speak(
            ctx.t("You already have a timer called {label}. Pick another name.", label=label)
        )
    # The clock owns the timer from here: it fires even if the session ends or the
    # simulator restarts (pending items are saved in state.db).
    ctx.clock.schedule(
        slots.duration,
        label=label,
        say=ctx.t("Your {label} timer is done.", label=label),
    )
    title = ctx.t("{label} timer", label=label) if label else ctx.t("Timer")
    title = title[:1].upper() + title[1:]
    speech = (
        ctx.t(
            "{label} timer set for {duration}.", label=label.capitalize(), duration=slots.duration
        )
        if label
        else ctx.t("Timer set for {duration}.", duration=slots.duration)
    )
    response = Response.speak(speech)
    if not ctx.chinese:  # the language file has no kids' sentence: keep the translated one
        response = response.for_profile(
            "kids",
            f"Okay! I've started a timer for {ctx.spoken(slots.duration)}. "
            "I'll tell you when it's done.",
        )
    # A card is what a speaker with a screen would show next to the speech.
    return response.card(
        title,
        ctx.spoken(slots.duration),
        kind="timer",
        ends_at=ctx.now() + slots.duration.timedelta,  # a screen counts down to it
    )


class WhichTimer(BaseModel):
    """The slots of intents that name a timer."""

    label: Label | None = None
    started: Duration | None = None
    """How long the timer was set for ("the 5 minute timer")."""
    room: RoomName | None = None


def _label(ctx: SkillContext, slots: WhichTimer) -> str | None:
    """The timer's name: said as a name, or a word that is also a room's name ("the laundry
    timer" in a home with a laundry room) when a timer is called that."""
    if slots.label:
        return slots.label
    said = ctx.raw_slots.get("room") if slots.room is not None else None
    if said and any(t.label == said for t in ctx.clock.pending(kind="timer")):
        return said
    return None


def _find(
    ctx: SkillContext, label: str | None, started: Duration | None = None
) -> tuple[ScheduledItem | None, str | None]:
    """The timer meant, or None and a sentence explaining why not."""
    timers = ctx.clock.pending(kind="timer")
    if not timers:
        return None, ctx.t("You don't have any timers.")
    if started is not None:
        wanted = started.timedelta
        for timer in timers:
            if abs((timer.due - timer.created) - wanted).total_seconds() < 1:
                return timer, None
        return None, ctx.t("You don't have a {duration} timer.", duration=started)
    if label:
        for timer in timers:
            if timer.label == label.strip():
                return timer, None
        return None, ctx.t("You don't have a timer called {label}.", label=label)
    if len(timers) == 1:
        return timers[0], None
    names = ("、" if ctx.chinese else ", ").join(_name(ctx, t) for t in timers)
    return (
        None,
        ctx.t(
            "You have {count} timers: {names}. Which one? Say its name with the request.",
            count=len(timers),
            names=names,
        ),
    )


@skill.intent(
    "TimeLeft",
    samples=[
        "how (long|much time) is left [on [the|my] timer]",
        "how (long|much time) is left on [the|my] {label} timer",
        "how long (until|till) [the|my] {label} timer (is done|goes off|rings|ends)",
        "how long (until|till) [the|my] timer (is done|goes off|rings|ends)",
        "[how much] time [is] left on <a> [{label}] <timers> [<where>]",
        "how (long|much time) [is] left on <a> [{label}] <timers> [<where>]",
        "[how much] time [is] left on <a> {started} <timers>",
        "status of <a> [{label}] <timers> [<where>]",
        "status of <a> {started} <timers>",
        "[the|my] [{label}] <timers> status",
        "{started} <timers> status",
        "[the|my] <timers> status <where>",
    ],
)
def time_left(ctx: SkillContext, slots: WhichTimer) -> Response:
    """Say how long is left on a timer."""
    timer, problem = _find(ctx, _label(ctx, slots), slots.started)
    if timer is None:
        return Response.speak(problem or "")
    left = Duration.from_timedelta(timer.remaining(ctx.now()))
    return Response.speak(
        ctx.t("Your {timer} has {left} left.", timer=_name(ctx, timer), left=left)
    )


@skill.intent(
    "ListTimers",
    samples=[
        "(what|which) timers do i have",
        "(what|which) timers are (running|set|on|going)",
        "(list|show|tell|read|give) [me] [all] [my|the] timers",
        "(do i have|are there) any timers [running|set|going]",
    ],
)
def list_timers(ctx: SkillContext) -> Response:
    """List the running timers with the time left on each."""
    timers = ctx.clock.pending(kind="timer")
    if not timers:
        return Response.speak(ctx.t("You don't have any timers."))
    parts = [
        ctx.t(
            "{timer} with {left} left",
            timer=_name(ctx, t),
            left=Duration.from_timedelta(t.remaining(ctx.now())),
        )
        for t in timers
    ]
    return Response.speak(
        ctx.t("You have {timers}.", timers=("；" if ctx.chinese else "; ").join(parts))
    )


@skill.intent(
    "CancelTimer",
    samples=[
        "<cancel> [the|my] timer",
        "<cancel> [the|my] {label} timer",
        "<cancel> <a> {started} timer",
        "<cancel> <a> timer for {started}",
        "<cancel> <a> timer (for|<named>) {label}",
        "<cancel> <a> {room} timer",
        "<cancel> <a> timer <where>",
    ],
)
def cancel_timer(ctx: SkillContext, slots: WhichTimer) -> Response:
    """Cancel one timer, by name or length when there are several."""
    timer, problem = _find(ctx, _label(ctx, slots), slots.started)
    if timer is None:
        return Response.speak(problem or "")
    ctx.clock.cancel(timer)
    return Response.speak(ctx.t("Cancelled your {timer}.", timer=_name(ctx, timer)))


class AllTimers(BaseModel):
    """The slots of CancelAllTimers: where ("all the kitchen timers"), which does not narrow."""

    room: RoomName | None = None


@skill.intent(
    "CancelAllTimers",
    samples=[
        # The timers there are run: "every running timer" is every timer.
        "<cancel> <all> [running] <timers>",
        "<cancel> <all> [{room}] <timers> [<where>]",
    ],
    # A yes/no question before the handler runs: cancelling everything is hard to undo.
    confirm="Cancel all your timers?",
)
def cancel_all(ctx: SkillContext, slots: AllTimers) -> Response:
    """Cancel every timer (after the user confirmed)."""
    timers = ctx.clock.pending(kind="timer")
    for timer in timers:
        ctx.clock.cancel(timer)
    if not timers:
        return Response.speak(ctx.t("You don't have any timers."))
    if len(timers) == 1:
        return Response.speak(ctx.t("Cancelled 1 timer."))
    return Response.speak(ctx.t("Cancelled {count} timers.", count=len(timers)))
