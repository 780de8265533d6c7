"""Reminders: "remind me to X at/in/on Y" speaks X at that time; list and cancel them."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

from pydantic import BaseModel

from simulator.sdk import FreeText, Response, ScheduledItem, SkillContext, When
from simulator.sdk.choice import choose
from simulator.sdk.when import spoken_day, spoken_days, spoken_moment, spoken_time

from .core import SETTINGS, skill

__all__ = [
    "ReminderSlots",
    "WhichReminder",
    "cancel_all_reminders",
    "cancel_reminder",
    "list_reminders",
    "set_reminder",
]

REMINDER_HOURS: tuple[int, int] = tuple(SETTINGS["reminder_hours"])
_DAY_KEY = "reminder_day"
"""Session attribute: the day of "remind me to X tomorrow" while we ask for the time."""

# What to be reminded of: free words ("call mum", "take the bins out").
Task = Annotated[str, FreeText(max_tokens=10, examples=("call mum", "take the bins out"))]

_SET = "(set|create|add|make|schedule) [me] [a|an|one]"
_CANCEL = "(cancel|delete|remove|clear|get rid of|turn off)"
# "remind me to call my mum" is said back as "call your mum".
_PRONOUNS = {"my": "your", "me": "you", "i": "you", "mine": "yours", "myself": "yourself"}
_PRONOUNS |= {"i'm": "you're", "am": "are", "our": "your", "we": "you", "us": "you"}


def _second_person(task: str) -> str:
    return " ".join(_PRONOUNS.get(word, word) for word in task.split())


def _how(text: str, task: str) -> str:
    """ "to", "about" or "that": the word the user put before the task."""
    words = " ".join(re.findall(r"[\w']+", text.lower()))
    for how in ("about", "that", "for"):
        if f"{how} {task}" in words:
            return "about" if how == "for" else how
    return "to"


class ReminderSlots(BaseModel):
    """The slots of SetReminder. Both are asked for when left out, the time first checked."""

    task: Task | None = None
    when: When | None = None


@skill.intent(
    "SetReminder",
    samples=[
        "remind me (to|that|about|of) {task} {when}",
        "remind me {when} (to|that|about|of) {task}",
        "remind me (to|that|about|of) {task}",
        "remind me {when}",
        "remind me",
        f"{_SET} reminder (to|that|about|for) {{task}} {{when}}",
        f"{_SET} reminder {{when}} (to|that|about|for) {{task}}",
        f"{_SET} reminder (to|that|about|for) {{task}}",
        f"{_SET} reminder {{when}}",
        f"{_SET} reminder",
        "(do not|don't) let me forget (to|about) {task} {when}",
        "(do not|don't) let me forget (to|about) {task}",
        "(can|could|would) you remind me (to|about) {task} {when} [please]",
    ],
)
def set_reminder(ctx: SkillContext, slots: ReminderSlots) -> Response:
    """Remember something and say it at the time asked for (or repeating)."""
    now = ctx.now()
    when = slots.when
    if when is not None and when.problem:
        return Response.elicit(
            "when", f"Sorry, {when.problem}. When should I remind you?", "When should I remind you?"
        ).with_error("VALUE_OUT_OF_RANGE", when.problem)
    if (
        when is not None
        and when.date is None
        and not when.days
        and _DAY_KEY in ctx.session.attributes
    ):
        when = when.model_copy(
            update={"date": dt.date.fromisoformat(ctx.session.attributes.pop(_DAY_KEY))}
        )
    if when is not None and when.date is not None and when.date < now.date():
        return Response.elicit(
            "when",
            f"{spoken_day(when.date, now.date()).capitalize()} is already over, and I can only "
            "remind you of things ahead. When should I remind you?",
        ).with_error("VALUE_OUT_OF_RANGE", "the day is in the past")
    if not slots.task:
        return Response.elicit("task", "What should I remind you about?")
    if when is None:
        return Response.elicit("when", "When should I remind you?")
    if not when.has_time:
        if when.date is not None:
            ctx.session.attributes[_DAY_KEY] = when.date.isoformat()
            return Response.elicit("when", f"At what time {spoken_day(when.date, now.date())}?")
        return Response.elicit("when", f"At what time {spoken_days(when.days)}?")
    moment = when.resolve(now, daytime=REMINDER_HOURS)
    if moment is None:
        return Response.elicit("when", "When should I remind you?")
    if moment <= now:
        return Response.elicit(
            "when",
            f"{spoken_moment(moment, now).capitalize()} has already gone. "
            "When should I remind you?",
        ).with_error("VALUE_OUT_OF_RANGE", "the time is in the past")
    if len(ctx.clock.pending(kind="reminder")) >= int(SETTINGS["reminder"]["max_reminders"]):
        return Response.speak("You have as many reminders as I keep. Cancel one first.")
    task = _second_person(slots.task.strip())
    how = _how(ctx.text, slots.task.strip())
    item = ctx.clock.schedule(
        moment,
        kind="reminder",
        label=task,
        payload={
            "task": task,
            "how": how,
            "time": moment.time().isoformat(timespec="minutes"),
            "days": list(when.days),
        },
    )
    said = describe_reminder(item, now)
    return Response.speak(f"Okay, I'll remind you {how} {task} {said}.").card(
        "Reminder", f"{task}\n{said}"
    )


def describe_reminder(item: ScheduledItem, now: dt.datetime) -> str:
    """When a reminder fires, in words: "today at 6 PM", "at 8 PM every Tuesday"."""
    days = item.payload.get("days") or []
    if days:
        return f"at {spoken_time(item.due)} {spoken_days(days)}"
    return spoken_moment(item.due, now)


def _line(item: ScheduledItem, now: dt.datetime) -> str:
    how = item.payload.get("how", "to")
    return f"{how} {item.payload.get('task', item.label)} {describe_reminder(item, now)}"


@skill.intent(
    "ListReminders",
    samples=[
        "(what|which) reminders (do i have|have i got|are set)",
        "(list|show|read) [me] [all] [of] [my|the] reminders",
        "(what are|tell me) [all] my reminders",
        "(do|have) i (have|got|set) any reminders",
        "are there any reminders",
        "(check|show) my reminders",
        "what (did you|did i ask you to|do you have to) remind me (about|of)",
    ],
)
def list_reminders(ctx: SkillContext) -> Response:
    """Read out the reminders, soonest first."""
    now = ctx.now()
    items = ctx.clock.pending(kind="reminder")
    if not items:
        return Response.speak(
            "You don't have any reminders. Say, for example: remind me to call mum at 6."
        )
    lines = [_line(i, now) for i in items]
    if len(lines) == 1:
        return Response.speak(f"You have one reminder: {lines[0]}.").card("Reminders", lines[0])
    return Response.speak(
        f"You have {len(lines)} reminders: " + "; ".join(lines[:-1]) + f"; and {lines[-1]}."
    ).card("Reminders", "\n".join(lines))


class WhichReminder(BaseModel):
    """The slots of CancelReminder: words of the task (optional)."""

    task: Task | None = None


@skill.intent(
    "CancelReminder",
    samples=[
        f"{_CANCEL} [my|the|that] reminder",
        f"{_CANCEL} [my|the] reminder (to|about|for|that) {{task}}",
        f"{_CANCEL} [my|the] {{task}} reminder",
        "(do not|don't) remind me (to|about) {task} [anymore]",
        "i (do not|don't) need [the|my] reminder (to|about) {task} [anymore]",
    ],
)
def cancel_reminder(ctx: SkillContext, slots: WhichReminder) -> Response:
    """Cancel a reminder, asking which one when several fit."""
    now = ctx.now()
    items = ctx.clock.pending(kind="reminder")
    if not items:
        return Response.speak("You don't have any reminders.")
    # The answer to "which one?" (asked below) runs this intent again with the pick.
    found = [i for i in items if i.id in ctx.chosen] or items
    if slots.task and not ctx.chosen:
        picked = choose(slots.task, [str(i.payload.get("task", i.label)) for i in items])
        found = [items[i] for i in picked or []]
        if not found:
            # A few words may fit several tasks ("the call"): offer those that share a word.
            wanted = set(_second_person(slots.task).split()) - {"the", "a", "to", "my", "your"}
            found = [i for i in items if wanted & set(str(i.payload.get("task", "")).split())]
        if not found:
            listing = "; ".join(_line(i, now) for i in items)
            return Response.speak(
                f"I couldn't find a reminder about {_second_person(slots.task)}. "
                f"Your reminders: {listing}."
            )
    if len(found) > 1:
        lines = {i.id: _line(i, now) for i in found}
        return Response.ask_which(
            f"You have {len(lines)} reminders: "
            + "; ".join(f"{n}, {line}" for n, line in enumerate(lines.values(), start=1))
            + ". Which one should I cancel?",
            lines,
            declined="Okay, I'll keep your reminders.",
        )
    for item in found:
        ctx.clock.cancel(item)
    if len(found) == 1:
        return Response.speak(f"Okay, I cancelled the reminder {_line(found[0], now)}.")
    return Response.speak(f"Okay, I cancelled {len(found)} reminders.")


@skill.intent(
    "CancelAllReminders",
    samples=[
        f"{_CANCEL} all [of] [my|the] reminders",
        f"{_CANCEL} [my|the] reminders",
    ],
    confirm="Cancel all your reminders?",
)
def cancel_all_reminders(ctx: SkillContext) -> Response:
    """Cancel every reminder (after the user confirmed)."""
    items = ctx.clock.pending(kind="reminder")
    for item in items:
        ctx.clock.cancel(item)
    if not items:
        return Response.speak("You don't have any reminders.")
    return Response.speak(f"Cancelled {len(items)} reminder{'s' if len(items) > 1 else ''}.")
