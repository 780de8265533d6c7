"""Calendar: a local calendar on the speaker, with events that announce themselves.

Try: "add lunch with Ana on Friday at 1 pm", "add dentist tomorrow at 4:30 for half an hour at the
clinic", "put mum's birthday on my calendar on june 12th" (an all-day event), "what's on my
calendar tomorrow", "what's on my calendar this week", "what's next on my calendar", "move lunch
with Ana to 2 pm", "rename dentist to dentist check-up", "delete lunch with Ana from my calendar"
(it asks first). Overlapping events are pointed out when they are added or moved.

Events are the skill's persistent data (saved in state.db); each also has an item on the
virtual clock that announces it ten minutes before it starts (``calendar.yaml`` sets how long).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from simulator.sdk import (
    Duration,
    FreeText,
    Response,
    ScheduledItem,
    Skill,
    SkillContext,
    When,
)
from simulator.sdk.choice import YesNo, choose
from simulator.sdk.data import load_data
from simulator.sdk.slots import NO_VALUE, SlotEnv
from simulator.sdk.when import DaySpanSlot, WhenSlot, parse_when, spoken_day, spoken_time

__all__ = [
    "SETTINGS",
    "AddSlots",
    "ClearSlots",
    "EventSlots",
    "PeriodSlots",
    "Settings",
    "add_event",
    "clear_calendar",
    "delete_event",
    "move_event",
    "next_event",
    "read_calendar",
    "rename_event",
    "skill",
]

skill = Skill(
    "calendar",
    description="A local calendar: add, read, move, rename and delete events",
    examples=(
        "what's on my calendar tomorrow",
        "add lunch with Ana on Friday at 1 pm",
        "move my dentist appointment to 3 pm",
    ),
)


class Settings(BaseModel):
    """The skill's settings (``calendar.yaml``): a mistake in it stops loading with its line."""

    model_config = ConfigDict(extra="forbid")  # a misspelt setting is an error, not ignored

    announce_minutes: int = Field(ge=0, le=24 * 60)
    all_day_announce_hour: int = Field(ge=0, le=23)
    default_minutes: int = Field(ge=1, le=24 * 60)
    max_events: int = Field(ge=1)
    not_in_titles: list[str]
    event_words: list[str] = Field(min_length=1)


SETTINGS = load_data(Path(__file__).with_name("calendar.yaml"), Settings, what="calendar settings")
"""The settings, read once when the skill loads."""

_NOT_IN_TITLES = tuple(SETTINGS.not_in_titles)
Title = Annotated[
    str,
    FreeText(
        max_tokens=8,
        examples=("lunch with ana", "dentist", "team meeting"),
        reject=_NOT_IN_TITLES,
        one_thing=True,  # "every"/"each" open no title: "delete every single event" is all
    ),
]


class PlaceText(FreeText):
    """A place: a few words that are not a time ("at 1 pm" is when, "at Cafe Roma" where)."""

    def parse(self, tokens: Sequence[str], env: SlotEnv) -> object:
        """Free words, unless one of them is a number or the words say a time."""
        if any(t[:1].isdigit() or t in ("am", "pm", "noon", "midnight") for t in tokens):
            return NO_VALUE
        if parse_when(tokens, env.today) is not None:
            return NO_VALUE
        return super().parse(tokens, env)


Place = Annotated[
    str, PlaceText(max_tokens=4, examples=("cafe roma", "the clinic"), reject=_NOT_IN_TITLES)
]

# A span of days to read ("next week", "the weekend", "next month"). The examples are the
# period words this slot had as a list before spans were read as a `When`, in the same order
# and weight, so the learned stage's samples stay the ones it was measured on.
Period = Annotated[
    When,
    DaySpanSlot(
        examples=(
            *("this week", "this week", "the week", "the rest of the week"),
            *("next week", "next week"),
            *("weekend", "the weekend", "this weekend", "weekend"),
            *("next weekend", "next weekend"),
        )
    ),
]

_CAL = "(calendar|diary|agenda|schedule)"
_EVENT = "(" + "|".join(SETTINGS.event_words) + ")"
_EVENTS = "(" + "|".join(w if w.endswith("s") else w + "s" for w in SETTINGS.event_words) + ")"
_ADD = "(add|put|schedule|book|create|make|enter|pencil in)"
# "Book" without a calendar word books something elsewhere ("book a haircut for saturday",
# "book a table for two tonight", "book an appointment with the doctor"): a speaker cannot, so
# only "book X in my diary" reaches the calendar.
_ADD_UNNAMED = "(add|put|schedule|create|make|enter|pencil in)"
_EXTRA = "[for {duration}] [(at|in) {place}]"
HOURS = (7, 19)
"""An hour without AM/PM on another day: 7 to 6 reads as 7 AM to 6 PM ("lunch at 1")."""


# -- the data ---------------------------------------------------------------------------------


def _events(ctx: SkillContext) -> list[dict[str, Any]]:
    events: list[dict[str, Any]] = ctx.persistent.setdefault("events", [])
    return events


def _start(event: dict[str, Any]) -> dt.datetime:
    return dt.datetime.fromisoformat(str(event["start"]))


def _end(event: dict[str, Any]) -> dt.datetime:
    if event.get("all_day"):
        return _start(event) + dt.timedelta(days=1)
    if event.get("end"):
        return dt.datetime.fromisoformat(str(event["end"]))
    return _start(event) + dt.timedelta(minutes=SETTINGS.default_minutes)


def _said(event: dict[str, Any], now: dt.datetime, *, day: bool = True) -> str:
    """ "lunch with Ana on Friday at 1 PM at Cafe Roma"."""
    start = _start(event)
    when = spoken_day(start.date(), now.date()) if day else ""
    if event.get("all_day"):
        when = f"{when}, all day" if day else "all day"
    else:
        when = f"{when} at {spoken_time(start)}" if day else f"at {spoken_time(start)}"
    place = f" at {event['place']}" if event.get("place") else ""
    return f"{event['title']} {when.strip()}{place}"


def _as_typed(words: str, said: str) -> str:
    """The words as the user typed them (keeps "Ana" capitalised)."""
    tokens = words.split()
    pattern = r"[\s,;]+".join(re.escape(t) for t in tokens)
    found = re.search(pattern, said, flags=re.IGNORECASE) if tokens else None
    return found.group(0) if found else words


def _announce(ctx: SkillContext, event: dict[str, Any]) -> None:
    """(Re)book the clock item that announces ``event`` shortly before it starts."""
    if event.get("item"):
        ctx.clock.cancel(str(event["item"]))
        event.pop("item", None)
    start = _start(event)
    if event.get("all_day"):
        at = start.replace(hour=SETTINGS.all_day_announce_hour)
    else:
        at = start - dt.timedelta(minutes=SETTINGS.announce_minutes)
    if at > ctx.now():
        item = ctx.clock.schedule(
            at, kind="event", label=event["title"], payload={"event": event["id"]}
        )
        event["item"] = item.id


def _conflicts(ctx: SkillContext, event: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        other
        for other in _events(ctx)
        if other["id"] != event["id"]
        and _start(other) < _end(event)
        and _start(event) < _end(other)
    ]


def _conflict_note(ctx: SkillContext, event: dict[str, Any]) -> str:
    clashes = _conflicts(ctx, event)
    if not clashes:
        return ""
    names = " and ".join(_said(c, ctx.now()) for c in clashes)
    return f" Heads up: that overlaps with {names}."


@skill.on_fire
def announce(ctx: SkillContext, item: ScheduledItem) -> Response:
    """An event's announcement fell due: say what is coming up."""
    event = next((e for e in _events(ctx) if e["id"] == item.payload.get("event")), None)
    if event is None:
        return Response.silent()
    event.pop("item", None)
    now = ctx.now()
    if event.get("all_day"):
        return Response.speak(f"Today: {event['title']}.").card("Today", event["title"])
    minutes = round((_start(event) - now).total_seconds() / 60)
    place = f", at {event['place']}" if event.get("place") else ""
    speech = f"Coming up in {minutes} minute{'s' if minutes != 1 else ''}: {event['title']}{place}."
    return Response.speak(speech).card(
        "Coming up", f"{spoken_time(_start(event))} {event['title']}"
    )


# -- add ----------------------------------------------------------------------------------------


class AddSlots(BaseModel):
    """The slots of AddEvent: a title and a time, an optional length and place."""

    title: Title | None = None
    when: When | None = None
    duration: Duration | None = None
    place: Place | None = None


@skill.intent(
    "AddEvent",
    samples=[
        # Bare "add X at Y" only with verbs that mean a calendar ("make the fan 20" does not).
        f"(add|schedule|pencil in) {{title}} {{when}} {_EXTRA}",
        f"{_ADD} {{title}} (to|on|in) [my|the] {_CAL} {{when}} {_EXTRA}",
        f"{_ADD} {{title}} {{when}} {_EXTRA} (to|on|in) [my|the] {_CAL}",
        f"{_ADD} {{title}} (to|on|in) [my|the] {_CAL}",
        f"{_ADD_UNNAMED} [a|an] [new] {_EVENT} {{when}} {_EXTRA}",
        f"{_ADD_UNNAMED} [a|an] [new] {_EVENT} (called|named|for) {{title}} {{when}} {_EXTRA}",
        f"{_ADD_UNNAMED} [a|an] [new] {_EVENT} (called|named|for) {{title}}",
        f"{_ADD} [a|an] [new] {_EVENT} (to|on|in) [my|the] {_CAL} [{{when}}]",
        f"{_ADD_UNNAMED} [a|an] [new] {_EVENT} [to|on|in] [my|the] [{_CAL}]",
        f"{_ADD} [something|an entry] (to|on|in) [my|the] {_CAL}",
    ],
)
def add_event(ctx: SkillContext, slots: AddSlots) -> Response:
    """Add an event; asks for what is missing and points out overlaps."""
    now = ctx.now()
    when = slots.when
    if when is not None and when.problem:
        return Response.elicit(
            "when", f"Sorry, {when.problem}. When is it?", "When is it?"
        ).with_error("VALUE_OUT_OF_RANGE", when.problem)
    if when is not None and when.recurring:
        return Response.elicit(
            "when",
            "I can only add single events for now, not repeating ones. Which day is the first?",
        ).with_error("NOT_SUPPORTED", "repeating events")
    if when is not None and when.date is not None and when.date < now.date():
        return Response.elicit(
            "when",
            f"{spoken_day(when.date, now.date()).capitalize()} is already over. "
            "Which day should I put it on?",
        ).with_error("VALUE_OUT_OF_RANGE", "the day is in the past")
    if not slots.title:
        return Response.elicit("title", "What's the event called?")
    if when is None:
        return Response.elicit("when", f"When is {slots.title}?")
    if when.is_span:
        # An event is on one day of "next week": ask which.
        return Response.elicit("when", f"Which day {when.span} is {slots.title}?")
    events = _events(ctx)
    if len(events) >= SETTINGS.max_events:
        return Response.speak("Your calendar is full. Delete some events first.")
    title = _as_typed(slots.title.strip(), ctx.text)
    event: dict[str, Any] = {"id": f"ev{int(ctx.persistent.get('next_id', 1))}", "title": title}
    if when.has_time:
        start = when.resolve(now, daytime=HOURS)
        if start is None:
            return Response.elicit("when", f"When is {title}?")
        if start < now:
            return Response.elicit(
                "when", f"{spoken_time(start)} today has already gone. When is {title}?"
            ).with_error("VALUE_OUT_OF_RANGE", "the time is in the past")
        event["start"] = start.isoformat()
        if slots.duration is not None:
            if not dt.timedelta(minutes=1) <= slots.duration.timedelta <= dt.timedelta(days=7):
                return Response.speak("An event can last from a minute to a week.").with_error(
                    "VALUE_OUT_OF_RANGE", "duration out of range"
                )
            event["end"] = (start + slots.duration.timedelta).isoformat()
    else:
        assert when.date is not None
        event["start"] = dt.datetime.combine(when.date, dt.time(0, 0)).isoformat()
        event["all_day"] = True
    if slots.place:
        event["place"] = _as_typed(slots.place.strip(), ctx.text)
    ctx.persistent["next_id"] = int(ctx.persistent.get("next_id", 1)) + 1
    note = _conflict_note(ctx, event)
    events.append(event)
    events.sort(key=_start)
    _announce(ctx, event)
    length = (
        f" for {slots.duration.spoken()}" if slots.duration and not event.get("all_day") else ""
    )
    return Response.speak(f"Added {_said(event, now)}{length}.{note}").card(
        "Calendar", _said(event, now)
    )


# -- read -----------------------------------------------------------------------------------------


class PeriodSlots(BaseModel):
    """The slots of ReadCalendar: a day or a period (default: the days ahead)."""

    day: dt.date | None = None
    period: Period | None = None


def _range(now: dt.datetime, slots: PeriodSlots) -> tuple[dt.date, dt.date, str]:
    """The first and last day asked about, and how to say them."""
    today = now.date()
    if slots.day is not None:
        return slots.day, slots.day, spoken_day(slots.day, today)
    span = slots.period
    if span is not None and span.date is not None and span.until is not None:
        said = "at the weekend" if span.span == "this weekend" else span.span or "then"
        return max(span.date, today), span.until, said
    return today, today + dt.timedelta(days=6), "in the next 7 days"


@skill.intent(
    "ReadCalendar",
    samples=[
        f"what is (on|in) my {_CAL} [for] {{day}}",
        f"what is (on|in) my {_CAL} [for] {{period}}",
        f"what is (on|in) my {_CAL}",
        f"(read|show|check|tell me) [me] my {_CAL} [for] {{day}}",
        f"(read|show|check|tell me) [me] my {_CAL} [for] {{period}}",
        f"(read|show|check|tell me) [me] my {_CAL}",
        "what (do i have|have i got) [on|planned|going on] {day}",
        "what (do i have|have i got) [on|planned|going on] {period}",
        "what is my schedule [for] {day}",
        "(do i have|have i got) anything (on|planned) {day}",
        "am i (free|busy) {day}",
        "what is (happening|going on) {day}",
        f"(do i have|have i got|are there) any {_EVENTS} {{day}}",
        f"what {_EVENTS} do i have {{day}}",
    ],
)
def read_calendar(ctx: SkillContext, slots: PeriodSlots) -> Response:
    """Read the events of a day or a period."""
    now = ctx.now()
    first, last, said = _range(now, slots)
    found = [
        e
        for e in _events(ctx)
        if first <= _start(e).date() <= last and (_end(e) > now or e.get("all_day"))
    ]
    if first < now.date() and slots.day is not None:
        found = [e for e in _events(ctx) if _start(e).date() == first]
    if not found:
        return Response.speak(f"There's nothing on your calendar {said}.").card("Calendar", "Free")
    one_day = first == last
    lines = [_said(e, now, day=not one_day) for e in found]
    count = f"{len(found)} event{'s' if len(found) > 1 else ''}"
    lead = f"{said.capitalize()} you have {count}"
    joined = "; ".join(lines[:-1]) + ("; and " if len(lines) > 1 else "") + lines[-1]
    return Response.speak(f"{lead}: {joined}.").card(f"Calendar {said}", "\n".join(lines))


@skill.intent(
    "NextEvent",
    samples=[
        f"what is next (on|in) my {_CAL}",
        f"what is my next {_EVENT}",
        f"when is my next {_EVENT}",
        f"what (is|have i got) (coming up|next) [on my {_CAL}]",
        f"what is (on|in) my {_CAL} next",
    ],
)
def next_event(ctx: SkillContext) -> Response:
    """Say what comes next on the calendar."""
    now = ctx.now()
    ahead = [e for e in _events(ctx) if _start(e) >= now or (e.get("all_day") and _end(e) > now)]
    if not ahead:
        return Response.speak("There's nothing coming up on your calendar.")
    return Response.speak(f"Next on your calendar: {_said(ahead[0], now)}.")


# -- change ----------------------------------------------------------------------------------------


# The day an event is on ("move my dentist appointment on friday to 3 pm"): a `When`, shown
# in sample sentences as a day, since "the meeting every weekday at 7 am" names no one event.
OnDay = Annotated[When, WhenSlot(examples=("on friday", "tomorrow", "on monday", "today"))]


class EventSlots(BaseModel):
    """The slots of MoveEvent, RenameEvent and DeleteEvent."""

    title: Title | None = None
    on: OnDay | None = None
    when: When | None = None
    new_title: Title | None = None
    sure: YesNo | None = None


def _find(
    ctx: SkillContext, slots: EventSlots, verb: str
) -> tuple[dict[str, Any] | None, Response | None]:
    """The event meant, or a reply: not found (naming what there is), or "which one?"."""
    now = ctx.now()
    events = [e for e in _events(ctx) if _end(e) > now]
    if not events:
        return None, Response.speak("There's nothing on your calendar.")
    # The answer to "which one?" (asked below) runs the intent again with the pick.
    # ("Both" picks two, and this acts on one event: then it asks again between those.)
    chosen = [e for e in events if str(e["id"]) in ctx.chosen]
    found = chosen or events
    if slots.title and not chosen:
        titles = [str(e["title"]) for e in events]
        exact = [e for e in events if str(e["title"]).lower() == slots.title.lower()]
        picked = choose(slots.title, titles)
        found = exact or [events[i] for i in picked or []]
        if not found:
            words = set(slots.title.lower().split()) - {"the", "my", "a", "with", "at", "on"}
            found = [e for e in events if words & set(str(e["title"]).lower().split())]
    if slots.on is not None and slots.on.date is not None:
        found = [e for e in found if _start(e).date() == slots.on.date]
    if not found:
        listing = "; ".join(_said(e, now) for e in events[:5])
        return None, Response.speak(
            f"I couldn't find {slots.title or 'that'} on your calendar. Coming up: {listing}."
        ).with_error("NOT_FOUND", "no such event")
    if len(found) == 1:
        return found[0], None
    lines = {str(e["id"]): _said(e, now) for e in found}
    return None, Response.ask_which(
        "Which one should I "
        + verb
        + ": "
        + "; ".join(f"{n}, {line}" for n, line in enumerate(lines.values(), start=1))
        + "?",
        lines,
        declined="Okay, I'll leave your calendar as it is.",
    )


@skill.intent(
    "MoveEvent",
    samples=[
        # "change X to 20" is a setting ("change the volume to 20"): only "move" and friends
        # take a bare title; "change" needs the word event/appointment/meeting.
        "(move|reschedule|postpone|push back|bring forward) [my|the] {title} [{on}] to {when}",
        f"(move|reschedule|shift|push|change) [my|the] {{title}} {_EVENT} [{{on}}] to {{when}}",
        f"(move|reschedule) [my|the] {_EVENT} [{{on}}] to {{when}}",
        "(can we|let's|lets) (move|reschedule) [my|the] {title} to {when}",
        # Particle verbs: "push the team meeting back to 3 pm", "bring lunch forward to noon".
        "(push|move|bring) [my|the] {title} (back|forward) [{on}] to {when}",
    ],
)
def move_event(ctx: SkillContext, slots: EventSlots) -> Response:
    """Move an event to another time or day, keeping its length."""
    now = ctx.now()
    event, reply = _find(ctx, slots, "move")
    if reply is not None:
        return reply
    assert event is not None
    when = slots.when
    if when is None:
        return Response.elicit("when", f"When should {event['title']} be?")
    if when.problem:
        return Response.elicit(
            "when", f"Sorry, {when.problem}. When should it be?", "When should it be?"
        )
    if when.is_span:
        return Response.elicit("when", f"Which day {when.span} should {event['title']} be?")
    start, length = _start(event), _end(event) - _start(event)
    if not when.has_time and when.date is not None:
        new = dt.datetime.combine(when.date, start.time())
    else:
        if when.date is None and when.delay is None and not event.get("all_day"):
            # "move lunch to 2 pm" keeps the day.
            when = when.model_copy(update={"date": start.date()})
        moved = when.resolve(now, daytime=HOURS)
        if moved is None:
            return Response.elicit("when", f"When should {event['title']} be?")
        new = moved
        if event.pop("all_day", None):
            length = dt.timedelta(minutes=SETTINGS.default_minutes)
    if new < now:
        return Response.speak("That's in the past, so I left it where it was.").with_error(
            "VALUE_OUT_OF_RANGE", "the time is in the past"
        )
    event["start"] = new.isoformat()
    if event.get("end"):
        event["end"] = (new + length).isoformat()
    _events(ctx).sort(key=_start)
    _announce(ctx, event)
    return Response.speak(f"Moved: {_said(event, now)}.{_conflict_note(ctx, event)}")


@skill.intent(
    "RenameEvent",
    samples=[
        "rename [my|the] {title} [{on}] [event|appointment|meeting] (to|as) {new_title}",
        "change the (name|title) of [my|the] {title} [{on}] to {new_title}",
        "call [my|the] {title} {new_title} instead",
    ],
    prompts={"new_title": "What should it be called?"},
)
def rename_event(ctx: SkillContext, slots: EventSlots) -> Response:
    """Give an event a new title."""
    event, reply = _find(ctx, slots, "rename")
    if reply is not None:
        return reply
    assert event is not None
    if not slots.new_title:
        return Response.elicit("new_title", f"What should {event['title']} be called?")
    old = event["title"]
    event["title"] = _as_typed(slots.new_title.strip(), ctx.text)
    _announce(ctx, event)
    return Response.speak(f"Renamed {old} to {event['title']}.")


@skill.intent(
    "DeleteEvent",
    samples=[
        f"(delete|cancel|remove|clear) [my|the] {{title}} {_EVENT} [{{on}}]",
        f"(delete|cancel|remove|clear|take) [my|the] {{title}} [{{on}}] (from|off|out of) [my|the] "
        f"{_CAL}",
        f"(delete|cancel|remove) [my|the] {_EVENT} [{{on}}]",
        f"(delete|cancel|remove) [my|the] {_EVENT} (called|named|for) {{title}} [{{on}}]",
        # "cancel my lunch with Ana": a bare title after "cancel my" or "call off". The title
        # type turns away alarm, timer, reminder and list words, whose skills own "cancel my X".
        "(cancel|call off) my {title} [{on}]",
        "call off [the] {title} [{on}]",
    ],
)
def delete_event(ctx: SkillContext, slots: EventSlots) -> Response:
    """Delete an event, after asking."""
    now = ctx.now()
    event, reply = _find(ctx, slots, "delete")
    if reply is not None:
        return reply
    assert event is not None
    if slots.sure is None:
        # The yes/no answer comes back with the slots of this turn and the event picked
        # (ctx.chosen), so the same event is found again.
        return Response.elicit("sure", f"Delete {_said(event, now)}?")
    if slots.sure == "no":
        return Response.speak("Okay, I'll keep it.")
    if event.get("item"):
        ctx.clock.cancel(str(event["item"]))
    events = _events(ctx)
    events[:] = [e for e in events if e["id"] != event["id"]]
    return Response.speak(f"Deleted {_said(event, now)}.")


class ClearSlots(BaseModel):
    """The slots of ClearCalendar: a day (optional) and the answer to "sure?"."""

    day: dt.date | None = None
    sure: YesNo | None = None


@skill.intent(
    "ClearCalendar",
    samples=[
        f"(clear|empty|wipe) [my|the] [whole|entire] {_CAL} [for {{day}}]",
        f"(delete|cancel|remove) all [of] [my|the] {_EVENTS} [{{day}}]",
        f"(delete|cancel|remove|clear) everything (on|from|in) [my|the] {_CAL} [for {{day}}]",
    ],
)
def clear_calendar(ctx: SkillContext, slots: ClearSlots) -> Response:
    """Delete every event ahead (or every event of one day), after asking."""
    now = ctx.now()
    events = [
        e
        for e in _events(ctx)
        if _end(e) > now and (slots.day is None or _start(e).date() == slots.day)
    ]
    said = f" {spoken_day(slots.day, now.date())}" if slots.day else ""
    if not events:
        return Response.speak(f"There's nothing on your calendar{said} to delete.")
    if slots.sure is None:
        n = len(events)
        what = "the 1 event" if n == 1 else "both events" if n == 2 else f"all {n} events"
        return Response.elicit("sure", f"Delete {what} on your calendar{said}?")
    if slots.sure == "no":
        return Response.speak("Okay, I'll keep them.")
    gone = {e["id"] for e in events}
    for event in events:
        if event.get("item"):
            ctx.clock.cancel(str(event["item"]))
    _events(ctx)[:] = [e for e in _events(ctx) if e["id"] not in gone]
    return Response.speak(f"Deleted {len(gone)} event{'s' if len(gone) != 1 else ''}.")
