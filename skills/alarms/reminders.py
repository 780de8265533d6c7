"""Reminders: "remind me to X at/in/on Y" speaks X at that time; list and cancel them."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Annotated

from pydantic import BaseModel

from simulator.sdk import FreeText, Response, ScheduledItem, SkillContext, When
from simulator.sdk.choice import choose
from simulator.sdk.slots import NO_VALUE, SlotEnv
from simulator.sdk.when import WhenSlot, spoken_day, spoken_days, spoken_moment, spoken_time

from .core import SETTINGS, skill

HAN = re.compile(r"[\u4e00-\u9fff]")
__all__ = [
    "ReminderSlots",
    "WhichReminder",
    "cancel_all_reminders",
    "cancel_reminder",
    "list_reminders",
    "set_reminder",
]

REMINDER_HOURS: tuple[int, int] = SETTINGS.reminder_hours
_DAY_KEY = "reminder_day"
"""Session attribute: the day of "remind me to X tomorrow" while we ask for the time."""
_CONNECTIVES = frozenset({"at", "on", "in", "by", "for", "to", "the", "a", "an"})
"""Words that join a task to its time; a task made only of them is no task."""


# What to be reminded of: free words ("call mum", "take the bins out").
class _Task(FreeText):
    """Free words, except that a Chinese task may not start with words that say when.

    Chinese puts the time straight before the task ("提醒我明天下午三点去取快递"), and the
    matcher gives the earlier slot the shorter span on a tie; refusing "下午三点去取快递" as a
    task lets the time take "明天下午三点".
    """

    def parse(self, tokens: Sequence[str], env: SlotEnv) -> object:
        """Free text, unless a Chinese span begins with a time or day."""
        if tokens and HAN.search(tokens[0]):
            for end in range(2, min(len(tokens), 8) + 1):
                if _WHEN.parse(tokens[:end], env) is not NO_VALUE:
                    return NO_VALUE
        return super().parse(tokens, env)


_WHEN = WhenSlot()
Task = Annotated[
    str,
    _Task(
        max_tokens=10,
        examples=("call mum", "take the bins out"),
        examples_zh=("给妈妈打电话", "关火", "倒垃圾", "吃药", "取快递"),
    ),
]

_SET = "(set|create|add|make|schedule) [me] [a|an|one]"
_CANCEL = "(cancel|delete|remove|clear|get rid of|turn off)"
# "remind me to call my mum" is said back as "call your mum".
_PRONOUNS = {"my": "your", "me": "you", "i": "you", "mine": "yours", "myself": "yourself"}
_PRONOUNS |= {"i'm": "you're", "am": "are", "our": "your", "we": "you", "us": "you"}


_PRONOUNS_ZH = {"我们": "你们", "我": "你", "咱们": "你们"}


def _second_person(task: str) -> str:
    if HAN.search(task):
        # "提醒我给我妈打电话" is said back as "给你妈打电话".
        for mine, yours in _PRONOUNS_ZH.items():
            task = task.replace(mine, yours)
        return task
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
    lang = ctx.language
    if when is not None and when.problem:
        return Response.elicit(
            "when",
            ctx.t("Sorry, {problem}. When should I remind you?", problem=when.problem),
            ctx.t("When should I remind you?"),
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
            ctx.t(
                "{day} is already over, and I can only remind you of things ahead. "
                "When should I remind you?",
                day=_capital(ctx, spoken_day(when.date, now.date(), lang)),
            ),
        ).with_error("VALUE_OUT_OF_RANGE", "the day is in the past")
    # "remind me to at 6" leaves the task slot only the word before the time: no task at all.
    if not slots.task or set(slots.task.lower().split()) <= _CONNECTIVES:
        return Response.elicit("task", ctx.t("What should I remind you about?"))
    if when is None:
        return Response.elicit("when", ctx.t("When should I remind you?"))
    if when.is_span:
        # "next week" is seven days, and a reminder is said at one moment.
        return Response.elicit("when", ctx.t("Which day {span}?", span=when.span))
    if not when.has_time:
        if when.date is not None:
            ctx.session.attributes[_DAY_KEY] = when.date.isoformat()
            return Response.elicit(
                "when", ctx.t("At what time {day}?", day=spoken_day(when.date, now.date(), lang))
            )
        return Response.elicit(
            "when", ctx.t("At what time {day}?", day=spoken_days(when.days, lang))
        )
    moment = when.resolve(now, daytime=REMINDER_HOURS)
    if moment is None:
        return Response.elicit("when", ctx.t("When should I remind you?"))
    if moment <= now:
        return Response.elicit(
            "when",
            ctx.t(
                "{moment} has already gone. When should I remind you?",
                moment=_capital(ctx, spoken_moment(moment, now, lang)),
            ),
        ).with_error("VALUE_OUT_OF_RANGE", "the time is in the past")
    if len(ctx.clock.pending(kind="reminder")) >= SETTINGS.reminder.max_reminders:
        return Response.speak(ctx.t("You have as many reminders as I keep. Cancel one first."))
    task = _second_person(slots.task.strip())
    how = "" if ctx.chinese else _how(ctx.text, slots.task.strip())
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
    said = describe_reminder(item, now, lang)
    return Response.speak(
        ctx.t("Okay, I'll remind you {how} {task} {when}.", how=how, task=task, when=said)
    ).card(ctx.t("Reminder"), f"{task}\n{said}")


def _capital(ctx: SkillContext, text: str) -> str:
    return text if ctx.chinese else text.capitalize()


def describe_reminder(item: ScheduledItem, now: dt.datetime, language: str = "en") -> str:
    """When a reminder fires, in words: "today at 6 PM", "at 8 PM every Tuesday" (in Chinese
    "今天晚上6点", "每周二晚上8点")."""
    days = item.payload.get("days") or []
    if language.startswith("zh"):
        day = (
            spoken_days(days, language)
            if days
            else spoken_day(item.due.date(), now.date(), language)
        )
        return day + spoken_time(item.due, language)
    if days:
        return f"at {spoken_time(item.due)} {spoken_days(days)}"
    return spoken_moment(item.due, now)


def _line(item: ScheduledItem, now: dt.datetime, language: str = "en") -> str:
    task = item.payload.get("task", item.label)
    if language.startswith("zh"):
        return f"{describe_reminder(item, now, language)}{task}"  # 今天晚上6点给妈妈打电话
    how = item.payload.get("how", "to")
    return f"{how} {task} {describe_reminder(item, now)}"


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
            ctx.t("You don't have any reminders. Say, for example: remind me to call mum at 6.")
        )
    lines = [_line(i, now, ctx.language) for i in items]
    if len(lines) == 1:
        return Response.speak(ctx.t("You have one reminder: {line}.", line=lines[0])).card(
            ctx.t("Reminders"), lines[0]
        )
    joined = "；".join(lines) if ctx.chinese else "; ".join(lines[:-1]) + f"; and {lines[-1]}"
    return Response.speak(
        ctx.t("You have {n} reminders: {lines}.", n=len(lines), lines=joined)
    ).card(ctx.t("Reminders"), "\n".join(lines))


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
    lang = ctx.language
    items = ctx.clock.pending(kind="reminder")
    if not items:
        return Response.speak(ctx.t("You don't have any reminders."))
    # The answer to "which one?" (asked below) runs this intent again with the pick.
    found = [i for i in items if i.id in ctx.chosen] or items
    if slots.task and not ctx.chosen:
        picked = choose(slots.task, [str(i.payload.get("task", i.label)) for i in items])
        found = [items[i] for i in picked or []]
        if not found:
            # A few words may fit several tasks ("the call"): offer those that share a word.
            wanted = set(_second_person(slots.task).split()) - {"the", "a", "to", "my", "your"}
            found = [i for i in items if wanted & set(str(i.payload.get("task", "")).split())]
            if not found and HAN.search(slots.task):
                # Chinese has no spaces to share words by: a task that holds the words said.
                said = _second_person(slots.task)
                found = [i for i in items if said in str(i.payload.get("task", ""))]
        if not found:
            listing = ("；" if ctx.chinese else "; ").join(_line(i, now, lang) for i in items)
            return Response.speak(
                ctx.t(
                    "I couldn't find a reminder about {task}. Your reminders: {listing}.",
                    task=_second_person(slots.task),
                    listing=listing,
                )
            )
    if len(found) > 1:
        lines = {i.id: _line(i, now, lang) for i in found}
        sep = "；" if ctx.chinese else "; "
        number = "{n}. {line}" if ctx.chinese else "{n}, {line}"
        return Response.ask_which(
            ctx.t(
                "You have {n} reminders: {lines}. Which one should I cancel?",
                n=len(lines),
                lines=sep.join(
                    number.format(n=n, line=line) for n, line in enumerate(lines.values(), start=1)
                ),
            ),
            lines,
            declined=ctx.t("Okay, I'll keep your reminders."),
        )
    for item in found:
        ctx.clock.cancel(item)
    if len(found) == 1:
        return Response.speak(
            ctx.t("Okay, I cancelled the reminder {line}.", line=_line(found[0], now, lang))
        )
    return Response.speak(ctx.t("Okay, I cancelled {n} reminders.", n=len(found)))


@skill.intent(
    "CancelAllReminders",
    samples=[
        f"{_CANCEL} all [of] [my|the] reminders",
        f"{_CANCEL} [my|the] reminders",
        f"{_CANCEL} (every [single]|each [and every]) reminder",
    ],
    confirm="Cancel all your reminders?",
)
def cancel_all_reminders(ctx: SkillContext) -> Response:
    """Cancel every reminder (after the user confirmed)."""
    items = ctx.clock.pending(kind="reminder")
    for item in items:
        ctx.clock.cancel(item)
    if not items:
        return Response.speak(ctx.t("You don't have any reminders."))
    if len(items) == 1:
        return Response.speak(ctx.t("Cancelled 1 reminder."))
    return Response.speak(ctx.t("Cancelled {n} reminders.", n=len(items)))
