"""Alarms: set (once, on a day, or repeating), list, change, cancel, stop and snooze."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import BaseModel

from simulator.sdk import Duration, Response, ScheduledItem, SkillContext, SlotList, When
from simulator.sdk.when import WhenSlot, spoken_day, spoken_days, spoken_moment, spoken_time

from .core import (
    ALARM_HOURS,
    RINGING,
    SETTINGS,
    Label,
    alarm_name,
    describe_alarm,
    skill,
    stop_ringing,
)

__all__ = [
    "AlarmSlots",
    "ChangeSlots",
    "SnoozeSlots",
    "WhichAlarm",
    "cancel_alarm",
    "change_alarm",
    "list_alarms",
    "next_alarm",
    "set_alarm",
    "snooze",
    "stop_alarm",
]

_SET = "(set|create|make|add|schedule|put in)"
_CANCEL = "(cancel|delete|remove|clear|turn off|switch off|disable|get rid of)"
_DAY_KEY = "alarm_day"
"""Session attribute: the day of "set an alarm for tomorrow" while we ask for the time."""


_REPEAT_WORDS: dict[str, list[int]] = SETTINGS.repeat_words
# "a daily alarm", "a weekday alarm", "a repeating alarm": how often, said where a name would go.
# As typed words these make "set a repeating alarm for 6" a firm match; read by the free-text
# name slot instead, the learned stage heard "repeating" as the music's repeat.
Repeats = Annotated[
    str,
    SlotList(
        "alarm_repeat",
        {
            word: ["repeating", "recurring", "regular"] if word == "daily" else []
            for word in _REPEAT_WORDS
        },
    ),
]


class AlarmSlots(BaseModel):
    """The slots of SetAlarm: when it rings (required) and an optional name."""

    when: When
    label: Label | None = None
    repeat: Repeats | None = None


def _name_and_days(label: str | None) -> tuple[str | None, list[int]]:
    """Split "daily" or "weekday" (said where a name goes) from a real name like "gym"."""
    if not label:
        return None, []
    words = label.strip()
    repeats: dict[str, list[int]] = SETTINGS.repeat_words
    if words in repeats:
        return None, list(repeats[words])
    if words in SETTINGS.not_a_label:
        return None, []
    return words, []


def _alarms(ctx: SkillContext) -> list[ScheduledItem]:
    return ctx.clock.pending(kind="alarm")


@skill.intent(
    "SetAlarm",
    samples=[
        f"{_SET} [an|a|the|my] alarm {{when}}",
        f"{_SET} [an|a|my] alarm",
        f"{_SET} [an|a|my] {{label}} alarm {{when}}",
        f"{_SET} [an|a|my] {{label}} alarm",
        f"{_SET} [an|a|my] {{repeat}} alarm {{when}}",
        f"{_SET} [an|a|my] {{repeat}} alarm",
        f"{_SET} [an|a] alarm (called|named|labelled|labeled) {{label}} {{when}}",
        f"{_SET} [an|a] alarm {{when}} (called|named|labelled|labeled) {{label}}",
        # British English "put X on" is "set X": "put an alarm on for seven".
        "put [an|a|my] alarm on {when}",
        "wake me [up] {when}",
        "(wake|get) me up",
        "alarm {when} [please]",
        "i (need|want) [an] alarm {when}",
        "i (need|want|have) to (wake|get) up {when}",
        "i need an alarm",
        "(can|could|would) you (set [an|a] alarm|wake me [up]) {when} [please]",
    ],
    prompts={"when": "For what time?"},
)
def set_alarm(ctx: SkillContext, slots: AlarmSlots) -> Response:
    """Set an alarm at a time, on a day, or repeating ("every weekday at 7")."""
    when = slots.when
    now = ctx.now()
    if when.problem:
        return Response.elicit(
            "when",
            ctx.t("Sorry, {problem}. What time should I set the alarm for?", problem=when.problem),
            ctx.t("What time should I set the alarm for?"),
        ).with_error("VALUE_OUT_OF_RANGE", when.problem)
    if when.is_span:
        # "next week" is seven days, and an alarm rings on one.
        return Response.elicit("when", ctx.t("Which day {span}?", span=when.span))
    label, repeat = _name_and_days(slots.label)
    if slots.repeat:
        repeat = list(_REPEAT_WORDS[slots.repeat])
    days = list(when.days) or repeat
    if when.date is None and _DAY_KEY in ctx.session.attributes and not days:
        # The answer to "For what time tomorrow?": put the day back with the time.
        when = when.model_copy(
            update={"date": dt.date.fromisoformat(ctx.session.attributes.pop(_DAY_KEY))}
        )
    if days and not when.days:
        when = when.model_copy(update={"days": tuple(days)})
    lang = ctx.language
    if not when.has_time:
        if when.date is not None:
            day = spoken_day(when.date, now.date(), lang)
            if when.date < now.date():
                return _past(ctx, day)
            ctx.session.attributes[_DAY_KEY] = when.date.isoformat()
            return Response.elicit("when", ctx.t("For what time {day}?", day=day))
        return Response.elicit(
            "when", ctx.t("At what time {days}?", days=spoken_days(when.days, lang))
        )
    moment = when.resolve(now, daytime=ALARM_HOURS)
    if moment is None:
        return Response.elicit("when", ctx.t("For what time?"))
    if moment <= now:
        return _past(ctx, spoken_moment(moment, now, lang))
    if moment - now > dt.timedelta(days=366):
        return Response.speak(
            ctx.t("I can set alarms up to a year ahead. Pick a nearer day.")
        ).with_error("VALUE_OUT_OF_RANGE", "more than a year ahead")
    alarms = _alarms(ctx)
    if len(alarms) >= SETTINGS.alarm.max_alarms:
        return Response.speak(
            ctx.t(
                "You already have {n} alarms, which is as many as I keep. Cancel one first.",
                n=len(alarms),
            )
        )
    clock = moment.time().isoformat(timespec="minutes")
    for other in alarms:
        same_days = sorted(other.payload.get("days") or []) == sorted(when.days)
        if other.due == moment and same_days and other.label == label:
            return Response.speak(
                ctx.t(
                    "You already have that alarm: {alarm}.",
                    alarm=describe_alarm(other, now, lang),
                )
            )
    # The clock owns the alarm from here: it rings even after a restart (state.db keeps it).
    item = ctx.clock.schedule(
        moment, kind="alarm", label=label, payload={"time": clock, "days": list(when.days)}
    )
    what = (
        ctx.t("{label} alarm", label=label if ctx.chinese else label.capitalize())
        if label
        else ctx.t("Alarm")
    )
    if when.days:
        said = ctx.t(
            "{time} {days}",
            time=spoken_time(moment, lang),
            days=spoken_days(when.days, lang),
        )
        first = ctx.t("The first one rings {moment}.", moment=spoken_moment(moment, now, lang))
    else:
        said = ctx.t(
            "{time} {day}",
            time=spoken_time(moment, lang),
            day=spoken_day(moment.date(), now.date(), lang),
        )
        first = ""
        if when.delay is not None:
            first = ctx.t("That's {delay} from now.", delay=Duration.from_timedelta(moment - now))
    return Response.speak(
        _sentences(ctx, ctx.t("{what} set for {when}.", what=what, when=said), first)
    ).card(what, describe_alarm(item, now, lang))


def _sentences(ctx: SkillContext, *parts: str) -> str:
    """Sentences one after another: with a space in English, none in Chinese."""
    return ("" if ctx.chinese else " ").join(p for p in parts if p)


def _past(ctx: SkillContext, when: str) -> Response:
    return Response.speak(
        ctx.t(
            "{when} is already in the past, so I can't set an alarm for it. "
            "Try a time that's still ahead.",
            when=when if ctx.chinese else when[:1].upper() + when[1:],
        )
    ).with_error("VALUE_OUT_OF_RANGE", "the time is in the past")


@skill.intent(
    "ListAlarms",
    samples=[
        "(what|which) alarms (do i have|have i got|have i set|did i set|are set|are on) [right now]",
        "(list|show|read) [me] [all] [of] [my|the] alarms",
        "(tell me|what are) [all] my alarms",
        "(do|have) i (have|got|set) any alarms [set|on]",
        "are there any alarms [set|on]",
        "(check|show) my alarms",
        "how many alarms (do i have|have i got|are set)",
    ],
)
def list_alarms(ctx: SkillContext) -> Response:
    """Read out every alarm, soonest first."""
    alarms = _alarms(ctx)
    now = ctx.now()
    if not alarms:
        return Response.speak(
            ctx.t("You don't have any alarms. Say, for example: set an alarm for 7 am.")
        )
    described = [describe_alarm(a, now, ctx.language) for a in alarms]
    if len(described) == 1:
        return Response.speak(ctx.t("You have one alarm: {alarm}.", alarm=described[0])).card(
            ctx.t("Alarms"), described[0]
        )
    return Response.speak(
        ctx.t("You have {n} alarms: {alarms}.", n=len(alarms), alarms=_join(ctx, described))
    ).card(ctx.t("Alarms"), "\n".join(described))


@skill.intent(
    "NextAlarm",
    samples=[
        "when is my [next] alarm",
        "what time is my [next] alarm [set for|for]",
        "(when|what time) (will|does) my [next] alarm (go off|ring|sound)",
        "is my alarm set [for tomorrow]",
        "what is my next alarm",
        "did i set an alarm [for tomorrow]",
        "how long (until|till|before) my [next] alarm [goes off|rings]",
        "what time did i set my alarm for",
    ],
)
def next_alarm(ctx: SkillContext) -> Response:
    """Say when the next alarm rings."""
    alarms = _alarms(ctx)
    now = ctx.now()
    if not alarms:
        return Response.speak(ctx.t("You don't have any alarms set."))
    first = alarms[0]
    more = ctx.t("You have {n} more.", n=len(alarms) - 1) if len(alarms) > 1 else ""
    name = (
        ctx.t("Your {label} alarm", label=first.label) if first.label else ctx.t("Your next alarm")
    )
    left = dt.timedelta(minutes=round((first.due - now).total_seconds() / 60))
    moment = spoken_moment(first.due, now, ctx.language)
    # "in 40 minutes" helps within a day; "tomorrow at 7 AM" says it all after that.
    if left < dt.timedelta(days=1):
        said = ctx.t(
            "{name} is {moment}, in {left}.",
            name=name,
            moment=moment,
            left=Duration.from_timedelta(left),
        )
    else:
        said = ctx.t("{name} is {moment}.", name=name, moment=moment)
    return Response.speak(_sentences(ctx, said, more))


# An alarm picked by its time: "cancel my 7 am alarm", "cancel my alarm at 6:30". Examples
# with and without "at", so sample sentences have one that reads well in either place.
AlarmTime = Annotated[When, WhenSlot(examples=("7 am", "at 7 am", "6:30", "at 6:30 on friday"))]


class WhichAlarm(BaseModel):
    """The slots of intents that pick an alarm: by time or by name."""

    when: AlarmTime | None = None
    label: Label | None = None


def _matches(item: ScheduledItem, when: When | None, label: str | None) -> bool:
    """Whether an alarm fits what the user said about it."""
    if label and (item.label or "").lower() != label.strip().lower():
        return False
    if when is None or when.problem:
        return when is None
    if when.time is not None:
        hours = (
            {when.time.hour}
            if not when.time.is_ambiguous
            else {when.time.hour % 12, when.time.hour % 12 + 12}
        )
        if item.due.hour not in hours or item.due.minute != when.time.minute:
            return False
    # "cancel my alarms next week": any day of a span.
    last = when.until or when.date
    if when.date is not None and last is not None and not when.date <= item.due.date() <= last:
        return False
    return not (when.days and sorted(item.payload.get("days") or []) != sorted(when.days))


def _pick(
    ctx: SkillContext, slots: WhichAlarm, verb: str
) -> tuple[list[ScheduledItem] | None, Response | None]:
    """The alarms meant (by time, name or an answer to "which one?"), or a reply that asks."""
    now = ctx.now()
    lang = ctx.language
    alarms = _alarms(ctx)
    if not alarms:
        return None, Response.speak(ctx.t("You don't have any alarms."))
    picked = [a for a in alarms if a.id in ctx.chosen]
    if picked:
        return picked, None
    label = slots.label.strip() if slots.label else None
    if slots.when is not None and slots.when.problem:
        return None, Response.speak(
            ctx.t("Sorry, {problem}.", problem=slots.when.problem)
        ).with_error("VALUE_OUT_OF_RANGE", slots.when.problem)
    found = [a for a in alarms if _matches(a, slots.when, label)]
    if not found:
        listing = _join(ctx, [describe_alarm(a, now, lang) for a in alarms])
        if ctx.chinese:
            said = f"{label}闹钟" if label else f"{ctx.spoken(slots.when)}的闹钟"
        else:
            said = (
                f"{label} alarm" if label else f"alarm {slots.when.spoken()}" if slots.when else ""
            )
            said = f"{'an' if said[:1] in 'aeiou' else 'a'} {said}"
        return None, Response.speak(
            ctx.t("You don't have {alarm}. Your alarms: {listing}.", alarm=said, listing=listing)
        )
    if len(found) == 1:
        return found, None
    # "Which one?": the answer runs the intent again with the pick in ctx.chosen (above).
    described = {a.id: describe_alarm(a, now, lang) for a in found}
    return None, Response.ask_which(
        ctx.t(
            f"You have {{n}} alarms: {{alarms}}. Which one should I {verb}?",
            n=len(found),
            alarms=_join(ctx, list(described.values())),
        ),
        described,
        declined=ctx.t("Okay, I'll leave your alarms as they are."),
    )


@skill.intent(
    "CancelAlarm",
    samples=[
        f"{_CANCEL} [my|the] alarm",
        f"{_CANCEL} [my|the] alarm {{when}}",
        f"{_CANCEL} [my|the] {{when}} alarm",
        f"{_CANCEL} [my|the] {{label}} alarm",
        f"{_CANCEL} [my|the] alarm (called|named) {{label}}",
        "(turn|switch) [my|the] alarm off",
        "(turn|switch) [my|the] {when} alarm off",
        "i (do not|don't) need [my|the] alarm [anymore]",
        "i (do not|don't) need [my|the] alarm {when}",
    ],
)
def cancel_alarm(ctx: SkillContext, slots: WhichAlarm) -> Response:
    """Cancel an alarm (asks which one when several fit); turns off one that is ringing."""
    if ctx.persistent.get(RINGING) and not (slots.when or slots.label or ctx.chosen):
        stop_ringing(ctx)
        return Response.speak(ctx.t("Alarm off."))
    found, reply = _pick(ctx, slots, "cancel")
    if reply is not None:
        return reply
    assert found is not None
    now = ctx.now()
    for item in found:
        ctx.clock.cancel(item)
    if len(found) == 1:
        return Response.speak(
            ctx.t(
                "Cancelled your {alarm} for {when}.",
                alarm=alarm_name(found[0], ctx.language),
                when=_unlabelled(found[0], now, ctx.language),
            )
        )
    return Response.speak(ctx.t("Cancelled {n} alarms.", n=len(found)))


@skill.intent(
    "CancelAllAlarms",
    samples=[
        f"{_CANCEL} all [of] [my|the] alarms",
        f"{_CANCEL} [my|the] alarms",
        f"{_CANCEL} (every [single]|each [and every]) alarm",
    ],
    # A yes/no question before the handler runs: cancelling everything is hard to undo.
    confirm="Cancel all your alarms?",
)
def cancel_all_alarms(ctx: SkillContext) -> Response:
    """Cancel every alarm (after the user confirmed)."""
    alarms = _alarms(ctx)
    stop_ringing(ctx)
    for item in alarms:
        ctx.clock.cancel(item)
    if not alarms:
        return Response.speak(ctx.t("You don't have any alarms."))
    if len(alarms) == 1:
        return Response.speak(ctx.t("Cancelled 1 alarm."))
    return Response.speak(ctx.t("Cancelled {n} alarms.", n=len(alarms)))


class ChangeSlots(BaseModel):
    """The slots of ChangeAlarm: which alarm (optional) and the new time."""

    when: When
    old: AlarmTime | None = None
    label: Label | None = None


@skill.intent(
    "ChangeAlarm",
    samples=[
        # "push my alarm back to eight", "bring the alarm forward to six": particle verbs.
        "(change|move|reset|push|update|switch|bring) [my|the] alarm [back|forward] to {when}",
        "(change|move|reset|push|update|switch|bring) [my|the] {old} alarm [back|forward] "
        "to {when}",
        "(change|move|reset|push|update|switch|bring) [my|the] {label} alarm [back|forward] "
        "to {when}",
        "(change|move|update) [my|the] alarm {old} to {when}",
        "make [my|the] alarm {when} instead",
    ],
    prompts={"when": "To what time?"},
)
def change_alarm(ctx: SkillContext, slots: ChangeSlots) -> Response:
    """Move an alarm to another time, keeping its name and repeat days."""
    now = ctx.now()
    if slots.when.problem:
        return Response.elicit(
            "when",
            ctx.t("Sorry, {problem}. To what time?", problem=slots.when.problem),
            ctx.t("To what time?"),
        )
    if slots.when.is_span:
        return Response.elicit("when", ctx.t("Which day {span}?", span=slots.when.span))
    found, reply = _pick(ctx, WhichAlarm(when=slots.old, label=slots.label), "change")
    if reply is not None:
        return reply
    assert found is not None
    item = found[0]
    days = item.payload.get("days") or list(slots.when.days)
    when = slots.when
    if when.date is None and not when.days and not days and when.delay is None:
        # "move my alarm to 7:30" keeps the alarm's day.
        when = when.model_copy(update={"date": item.due.date()})
        if item.due.date() == now.date():
            when = when.model_copy(update={"date": None})
    if days:
        when = when.model_copy(update={"days": tuple(days), "date": None})
    moment = when.resolve(now, daytime=ALARM_HOURS)
    if moment is None:
        return Response.elicit("when", ctx.t("To what time?"))
    if moment <= now:
        return _past(ctx, spoken_moment(moment, now, ctx.language))
    ctx.clock.cancel(item)
    new = ctx.clock.schedule(
        moment,
        kind="alarm",
        label=item.label,
        payload={"time": moment.time().isoformat(timespec="minutes"), "days": list(days)},
    )
    return Response.speak(
        ctx.t(
            "Okay, your {alarm} is now {when}.",
            alarm=alarm_name(new, ctx.language),
            when=_unlabelled(new, now, ctx.language),
        )
    )


def _unlabelled(item: ScheduledItem, now: dt.datetime, language: str) -> str:
    """When an alarm rings, without its name (the sentence names it already)."""
    said = describe_alarm(item, now, language)
    return said.removeprefix((item.label or "") + ("：" if language.startswith("zh") else ", "))


@skill.intent(
    "StopAlarm",
    samples=[
        "(stop|silence|dismiss|end|quiet) [the|that|my] alarm",
        "(stop|end) [the] ringing",
        "(ok|okay|alright) [ok|okay] i am (up|awake)",
        "i am (up|awake) [now]",
        "alarm off",
    ],
)
def stop_alarm(ctx: SkillContext) -> Response:
    """Turn off the alarm that is ringing."""
    if stop_ringing(ctx):
        return Response.speak(ctx.t("Alarm off.")).end_session()
    alarms = _alarms(ctx)
    hint = (
        ctx.t(
            "Your next alarm is {moment}; to cancel it, say cancel my alarm.",
            moment=spoken_moment(alarms[0].due, ctx.now(), ctx.language),
        )
        if alarms
        else ""
    )
    return Response.speak(_sentences(ctx, ctx.t("No alarm is ringing right now."), hint))


class SnoozeSlots(BaseModel):
    """The slots of SnoozeAlarm: for how long (optional)."""

    duration: Duration | None = None
    minutes: float | None = None


@skill.intent(
    "SnoozeAlarm",
    samples=[
        "snooze [it|that|the alarm|my alarm] [please]",
        "snooze [it|that|the alarm|my alarm] for {duration}",
        "snooze for {duration}",
        "[give me] {minutes} more minutes [please]",
        "let me sleep [for] [another] {duration}",
        "(let me sleep|sleep) a bit longer",
    ],
)
def snooze(ctx: SkillContext, slots: SnoozeSlots) -> Response:
    """Silence the ringing alarm and ring again in a few minutes (9 unless told)."""
    limit = SETTINGS.alarm.max_snooze_minutes
    if slots.duration is not None:
        length = slots.duration.timedelta
    elif slots.minutes is not None:
        length = dt.timedelta(minutes=slots.minutes)
    else:
        length = dt.timedelta(minutes=SETTINGS.alarm.snooze_minutes)
    if not dt.timedelta(minutes=1) <= length <= dt.timedelta(minutes=limit):
        return Response.speak(
            ctx.t(
                "I can snooze for 1 to {limit} minutes. How long should I snooze for?", limit=limit
            )
        ).with_error("VALUE_OUT_OF_RANGE", f"snooze length must be 1 to {limit} minutes")
    ringing = stop_ringing(ctx)
    if not ringing:
        return Response.speak(ctx.t("No alarm is ringing, so there's nothing to snooze."))
    again = ctx.now() + length
    ctx.clock.schedule(
        again,
        kind="alarm",
        label=ringing.get("label"),
        payload={"time": again.time().isoformat(timespec="minutes"), "days": [], "snoozed": True},
    )
    return Response.speak(
        ctx.t(
            "Snoozed for {length}. I'll ring again at {time}.",
            length=Duration.from_timedelta(length),
            time=spoken_time(again, ctx.language),
        )
    ).end_session()


def _join(ctx: SkillContext, parts: list[str], last: str = "and") -> str:
    if ctx.chinese:
        return "；".join(parts)  # each part has its own commas and colons
    if len(parts) <= 1:
        return "".join(parts)
    return "; ".join(parts[:-1]) + f"; {last} " + parts[-1]
