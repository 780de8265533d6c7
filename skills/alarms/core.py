"""The alarms skill object, its settings, and what happens when its clock items fire.

Everything the skill keeps is on the clock: an alarm is a clock item of kind ``alarm``, a
reminder one of kind ``reminder``, and a ringing alarm schedules a ``ring`` item a minute
ahead until it is stopped. Listing, cancelling and snoozing read and change those items, so
there is one source of truth, and it survives restarts (the clock is saved in state.db).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any

import yaml

from simulator.sdk import FreeText, Response, ScheduledItem, Skill, SkillContext
from simulator.sdk.when import next_on_days, spoken_day, spoken_days, spoken_time

__all__ = [
    "ALARM_HOURS",
    "RINGING",
    "SETTINGS",
    "Label",
    "alarm_name",
    "describe_alarm",
    "skill",
    "stop_ringing",
]

skill = Skill(
    "alarms",
    description="Alarms and reminders: set, list, snooze and cancel them",
    invocation="alarms",
)

SETTINGS: dict[str, Any] = yaml.safe_load(
    (Path(__file__).with_name("settings.yaml")).read_text(encoding="utf-8")
)
"""The skill's settings (``settings.yaml`` next to this file)."""

ALARM_HOURS: tuple[int, int] = tuple(SETTINGS["alarm_hours"])
"""How an hour without AM/PM is read for alarms on another day: 4 to 3 is 4 AM to 3 PM."""

RINGING = "ringing"
"""Persistent key of the alarm that is ringing now: its description and its ring item."""

# An alarm's name is a few free words ("gym", "school run"); examples fill sample utterances.
Label = Annotated[str, FreeText(max_tokens=3, examples=("gym", "school run", "medicine"))]


def alarm_name(item: ScheduledItem) -> str:
    """ "alarm" or "gym alarm"."""
    return f"{item.label} alarm" if item.label else "alarm"


def describe_alarm(item: ScheduledItem, now: dt.datetime) -> str:
    """How an alarm is read out: "7 AM every weekday", "gym, 6 PM on Friday"."""
    days = item.payload.get("days") or []
    when = (
        f"{spoken_time(item.due)} {spoken_days(days)}"
        if days
        else f"{spoken_time(item.due)} {spoken_day(item.due.date(), now.date())}"
    )
    if item.payload.get("snoozed"):
        when = f"{when} (snoozed)"
    return f"{item.label}, {when}" if item.label else when


def stop_ringing(ctx: SkillContext) -> dict[str, Any] | None:
    """Silence the ringing alarm, if any; returns what was ringing."""
    ringing: dict[str, Any] | None = ctx.persistent.pop(RINGING, None)
    if ringing and ringing.get("ring"):
        ctx.clock.cancel(str(ringing["ring"]))
    return ringing


def _ring_again(ctx: SkillContext) -> ScheduledItem:
    return ctx.clock.schedule(
        dt.timedelta(seconds=int(SETTINGS["alarm"]["ring_interval_seconds"])), kind="ring"
    )


@skill.on_fire
def fired(ctx: SkillContext, item: ScheduledItem) -> Response:
    """A clock item of this skill fell due: ring an alarm, ring on, or speak a reminder."""
    if item.kind == "alarm":
        return _start_ringing(ctx, item)
    if item.kind == "ring":
        return _keep_ringing(ctx)
    if item.kind == "reminder":
        return _remind(ctx, item)
    return Response.silent()


def _start_ringing(ctx: SkillContext, item: ScheduledItem) -> Response:
    days = item.payload.get("days") or []
    if days:
        # A repeating alarm books its next ring as soon as this one starts, so stopping or
        # snoozing this one never loses the series.
        clock = dt.time.fromisoformat(str(item.payload["time"]))
        ctx.clock.schedule(
            next_on_days(days, clock, item.due),
            kind="alarm",
            label=item.label,
            payload={"time": item.payload["time"], "days": days},
        )
    stop_ringing(ctx)  # a new alarm takes over from one still ringing
    ring = _ring_again(ctx)
    name = f"Your {item.label} alarm" if item.label else "Your alarm"
    ctx.persistent[RINGING] = {
        "name": name,
        "time": item.payload.get("time"),
        "label": item.label,
        "started": item.due.isoformat(),
        "ring": ring.id,
    }
    speech = f"Beep beep! It's {spoken_time(ctx.now())}. {name} is ringing. Say stop, or snooze."
    # The reprompt keeps the speaker listening, so a bare "stop" or "snooze" reaches this skill.
    return (
        Response.speak(speech)
        .reprompt("Say stop to turn the alarm off, or snooze for a few more minutes.")
        .card("Alarm", f"{spoken_time(item.due)}{' · ' + item.label if item.label else ''}")
    )


def _keep_ringing(ctx: SkillContext) -> Response:
    ringing = ctx.persistent.get(RINGING)
    if not ringing:
        return Response.silent()
    started = dt.datetime.fromisoformat(str(ringing["started"]))
    minutes = int(SETTINGS["alarm"]["ring_minutes"])
    if ctx.now() - started >= dt.timedelta(minutes=minutes):
        ctx.persistent.pop(RINGING, None)
        return Response.speak(
            f"{ringing['name']} rang for {minutes} minutes with no answer, so I turned it off."
        ).end_session()
    ringing["ring"] = _ring_again(ctx).id
    ctx.persistent[RINGING] = ringing
    return Response.speak(f"Beep beep! {ringing['name']} is still ringing.").reprompt(
        "Say stop to turn the alarm off, or snooze."
    )


def _remind(ctx: SkillContext, item: ScheduledItem) -> Response:
    task = str(item.payload.get("task") or item.label or "something")
    days = item.payload.get("days") or []
    if days:
        clock = dt.time.fromisoformat(str(item.payload["time"]))
        ctx.clock.schedule(
            next_on_days(days, clock, item.due),
            kind="reminder",
            label=item.label,
            payload=dict(item.payload),
        )
    return Response.speak(f"Reminder: {task}.").card("Reminder", task)


@skill.on_stop
def stop(ctx: SkillContext) -> Response:
    """ "stop" while an alarm rings turns it off."""
    ringing = stop_ringing(ctx)
    if ringing:
        return Response.speak("Alarm off.").end_session()
    return Response.speak("Okay.").end_session()
