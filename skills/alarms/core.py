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

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from simulator.sdk import FreeText, Response, ScheduledItem, Skill, SkillContext
from simulator.sdk.data import load_data
from simulator.sdk.when import next_on_days, spoken_day, spoken_days, spoken_time

__all__ = [
    "ALARM_HOURS",
    "RINGING",
    "SETTINGS",
    "AlarmSettings",
    "Label",
    "ReminderSettings",
    "Settings",
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


class AlarmSettings(BaseModel):
    """How alarms ring and snooze, and how many there may be."""

    model_config = ConfigDict(extra="forbid")  # a misspelt setting is an error, not ignored

    # A ringing alarm must speak again before the session times out (90 s), or "stop" after
    # a quiet spell would be a new conversation that no longer knows what is ringing.
    ring_interval_seconds: int = Field(ge=5, le=89)
    ring_minutes: int = Field(ge=1, le=120)
    snooze_minutes: int = Field(ge=1, le=120)
    max_snooze_minutes: int = Field(ge=1, le=24 * 60)
    max_alarms: int = Field(ge=1, le=1000)

    @model_validator(mode="after")
    def _snooze_fits(self) -> AlarmSettings:
        if self.snooze_minutes > self.max_snooze_minutes:
            raise ValueError("snooze_minutes is longer than max_snooze_minutes")
        return self


class ReminderSettings(BaseModel):
    """How many reminders there may be."""

    model_config = ConfigDict(extra="forbid")

    max_reminders: int = Field(ge=1, le=1000)


Hours = tuple[Annotated[int, Field(ge=0, le=23)], Annotated[int, Field(ge=0, le=23)]]
"""A window of the day (first hour, last hour) for reading an hour said without AM/PM."""


class Settings(BaseModel):
    """The skill's settings (``settings.yaml``): a mistake stops loading with its file and line."""

    model_config = ConfigDict(extra="forbid")

    alarm: AlarmSettings
    reminder: ReminderSettings
    alarm_hours: Hours
    reminder_hours: Hours
    not_a_label: list[str]
    repeat_words: dict[str, list[Annotated[int, Field(ge=0, le=6)]]]

    # Field validators, so a mistake is reported at the line of the field that has it.
    @field_validator("alarm_hours", "reminder_hours")
    @classmethod
    def _in_order(cls, hours: tuple[int, int]) -> tuple[int, int]:
        if hours[0] >= hours[1]:
            raise ValueError("the first hour must come before the last")
        return hours


SETTINGS: Settings = load_data(
    Path(__file__).with_name("settings.yaml"), Settings, what="alarms settings"
)
"""The skill's settings (``settings.yaml`` next to this file), read once when it loads."""

ALARM_HOURS: tuple[int, int] = SETTINGS.alarm_hours
"""How an hour without AM/PM is read for alarms on another day: 4 to 3 is 4 AM to 3 PM."""

RINGING = "ringing"
"""Persistent key of the alarm that is ringing now: its description and its ring item."""

# An alarm's name is a few free words ("gym", "school run"); examples fill sample utterances.
Label = Annotated[
    str,
    FreeText(
        max_tokens=3,
        examples=("gym", "school run", "medicine"),
        examples_zh=("健身", "上学", "吃药"),
        one_thing=True,  # "every"/"each" open no label: "every alarm" is all of them
    ),
]


def alarm_name(item: ScheduledItem, language: str = "en") -> str:
    """ "alarm" or "gym alarm" (闹钟, 健身闹钟)."""
    if language.startswith("zh"):
        return f"{item.label}闹钟" if item.label else "闹钟"
    return f"{item.label} alarm" if item.label else "alarm"


def describe_alarm(item: ScheduledItem, now: dt.datetime, language: str = "en") -> str:
    """How an alarm is read out: "7 AM every weekday", "gym, 6 PM on Friday"; in Chinese the
    day comes first, as it is said: "每个工作日早上7点", "健身：周五晚上6点"."""
    days = item.payload.get("days") or []
    if language.startswith("zh"):
        day = (
            spoken_days(days, language)
            if days
            else spoken_day(item.due.date(), now.date(), language)
        )
        when = day + spoken_time(item.due, language)
        if item.payload.get("snoozed"):
            when += "（贪睡）"
        return f"{item.label}：{when}" if item.label else when
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
        dt.timedelta(seconds=SETTINGS.alarm.ring_interval_seconds), kind="ring"
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
    name = ctx.t("Your {label} alarm", label=item.label) if item.label else ctx.t("Your alarm")
    ctx.persistent[RINGING] = {
        "name": name,
        "time": item.payload.get("time"),
        "label": item.label,
        "started": item.due.isoformat(),
        "ring": ring.id,
    }
    speech = ctx.t(
        "Beep beep! It's {time}. {name} is ringing. Say stop, or snooze.",
        time=spoken_time(ctx.now(), ctx.language),
        name=name,
    )
    # The reprompt keeps the speaker listening, so a bare "stop" or "snooze" reaches this skill.
    return (
        Response.speak(speech)
        .reprompt(ctx.t("Say stop to turn the alarm off, or snooze for a few more minutes."))
        .card(
            ctx.t("Alarm"),
            f"{spoken_time(item.due, ctx.language)}{' · ' + item.label if item.label else ''}",
        )
    )


def _keep_ringing(ctx: SkillContext) -> Response:
    ringing = ctx.persistent.get(RINGING)
    if not ringing:
        return Response.silent()
    started = dt.datetime.fromisoformat(str(ringing["started"]))
    minutes = SETTINGS.alarm.ring_minutes
    if ctx.now() - started >= dt.timedelta(minutes=minutes):
        ctx.persistent.pop(RINGING, None)
        return Response.speak(
            ctx.t(
                "{name} rang for {minutes} minutes with no answer, so I turned it off.",
                name=str(ringing["name"]),
                minutes=minutes,
            )
        ).end_session()
    ringing["ring"] = _ring_again(ctx).id
    ctx.persistent[RINGING] = ringing
    return Response.speak(
        ctx.t("Beep beep! {name} is still ringing.", name=str(ringing["name"]))
    ).reprompt(ctx.t("Say stop to turn the alarm off, or snooze."))


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
    return Response.speak(ctx.t("Reminder: {task}.", task=task)).card(ctx.t("Reminder"), task)


@skill.on_stop
def stop(ctx: SkillContext) -> Response:
    """ "stop" while an alarm rings turns it off."""
    ringing = stop_ringing(ctx)
    if ringing:
        return Response.speak(ctx.t("Alarm off.")).end_session()
    return Response.speak(ctx.t("Okay.")).end_session()
