"""`SkillContext`: everything a handler can see and use during one turn.

A handler gets the context as its first argument. Through it a skill reads the clock, schedules
timers, keeps session and persistent attributes, and reaches the mock home. A skill never talks to
the UI: it returns a `Response`, and the engine and the UI take it from there.

A turn is a transaction. The handler works on copies of its persistent data and the session
attributes, and its clock items and device commands are staged; the engine keeps them only when
the handler returns a response in time. A handler that raises or runs past its timeout changes
nothing, and once the engine has given up on it every write through its context raises
`ContextExpired`.
"""

from __future__ import annotations

import copy
import random
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from simulator.clock import Clock, ScheduledItem
from simulator.nlu.values import Duration
from simulator.sdk.i18n import say_list, spoken_in, translate

if TYPE_CHECKING:
    from simulator.sdk.home import Home

__all__ = [
    "Catalog",
    "ContextExpired",
    "GuardedDict",
    "GuardedList",
    "Session",
    "SkillClock",
    "SkillContext",
    "SkillInfo",
    "TurnGate",
    "guarded_copy",
    "plain_copy",
]


class ContextExpired(RuntimeError):
    """Raised when a handler that was abandoned (it ran past its timeout) keeps using its context."""


class TurnGate:
    """Lets a handler write while its turn is live; after :meth:`close` every write is refused.

    The engine closes the gate when the handler returns or is abandoned. Writes and closing take
    the same lock, so a write from an abandoned thread either finishes before the engine rolls
    the turn back or is refused: it can never land after the rollback.
    """

    def __init__(self) -> None:
        """A fresh, open gate."""
        self._lock = threading.RLock()
        self._closed = False

    @property
    def closed(self) -> bool:
        """Whether writes are refused."""
        return self._closed

    @contextmanager
    def write(self) -> Iterator[None]:
        """Hold the gate for one write; raises `ContextExpired` once it is closed."""
        with self._lock:
            if self._closed:
                raise ContextExpired("this turn is over (it timed out or failed); nothing was kept")
            yield

    def close(self) -> None:
        """Refuse every later write (waits for a write in progress to finish)."""
        with self._lock:
            self._closed = True


class GuardedDict(dict[str, Any]):
    """A handler's copy of its data (``ctx.persistent``, ``ctx.session.attributes``): a plain
    dict whose every change goes through the turn's `TurnGate`.

    Once the engine has given up on the handler (it timed out or failed), a change raises
    `ContextExpired` instead of landing, unseen, in a copy that is thrown away. Lists and dicts
    read from it (``ctx.persistent["items"]``) are guarded the same way; containers the handler
    creates itself are plain until the turn is committed. A copy (``dict(d)``, ``copy.deepcopy``)
    is a plain dict.
    """

    __slots__ = ("_gate",)

    def __init__(self, gate: TurnGate) -> None:
        """An empty dict guarded by ``gate`` (see `guarded_copy`)."""
        super().__init__()
        self._gate = gate

    def __copy__(self) -> dict[str, Any]:
        return dict(self)

    def __deepcopy__(self, memo: dict[int, Any]) -> dict[str, Any]:
        return plain_copy(self)  # type: ignore[no-any-return]

    def __reduce__(self) -> tuple[Any, ...]:
        return (dict, (plain_copy(self),))


class GuardedList(list[Any]):
    """A list inside a handler's `GuardedDict`: every change goes through the turn's gate."""

    __slots__ = ("_gate",)

    def __init__(self, gate: TurnGate) -> None:
        """An empty list guarded by ``gate`` (see `guarded_copy`)."""
        super().__init__()
        self._gate = gate

    def __copy__(self) -> list[Any]:
        return list(self)

    def __deepcopy__(self, memo: dict[int, Any]) -> list[Any]:
        return plain_copy(self)  # type: ignore[no-any-return]

    def __reduce__(self) -> tuple[Any, ...]:
        return (list, (plain_copy(self),))


def _through_gate(base: type, name: str) -> Callable[..., Any]:
    original = getattr(base, name)

    def method(self: GuardedDict | GuardedList, *args: Any, **kwargs: Any) -> Any:
        with self._gate.write():
            return original(self, *args, **kwargs)

    method.__name__ = name
    method.__doc__ = original.__doc__
    return method


# Set after the class statements: the wrappers keep dict's and list's own signatures for type
# checkers, and none can be forgotten by a hand-written override.
for _name in (
    "__setitem__",
    "__delitem__",
    "__ior__",
    "clear",
    "pop",
    "popitem",
    "setdefault",
    "update",
):
    setattr(GuardedDict, _name, _through_gate(dict, _name))
for _name in (
    "__setitem__",
    "__delitem__",
    "__iadd__",
    "__imul__",
    "append",
    "extend",
    "insert",
    "pop",
    "remove",
    "clear",
    "sort",
    "reverse",
):
    setattr(GuardedList, _name, _through_gate(list, _name))


def guarded_copy(value: Any, gate: TurnGate) -> Any:
    """A deep copy of JSON-like ``value`` whose dicts and lists refuse changes once ``gate``
    closes (`GuardedDict`, `GuardedList`)."""
    if isinstance(value, dict):
        out = GuardedDict(gate)
        dict.update(out, ((k, guarded_copy(v, gate)) for k, v in value.items()))
        return out
    if isinstance(value, list):
        items = GuardedList(gate)
        list.extend(items, (guarded_copy(v, gate) for v in value))
        return items
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return copy.deepcopy(value)


def plain_copy(value: Any) -> Any:
    """A deep copy of ``value`` with plain dicts and lists (what is stored and kept)."""
    if isinstance(value, dict):
        return {k: plain_copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain_copy(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return copy.deepcopy(value)


@dataclass
class Session:
    """The conversation in progress: its id and attributes that live until it ends."""

    id: str
    new: bool = True
    """True on the first turn of the session."""
    attributes: dict[str, Any] = field(default_factory=dict)
    """Anything the skill wants to remember until the session ends."""


@dataclass(frozen=True)
class SkillInfo:
    """A loaded skill as other skills see it (the help skill lists these)."""

    name: str
    description: str
    invocation: str
    examples: tuple[str, ...] = ()
    abilities: tuple[str, ...] = ()
    """What its intents do, one short line each (their docstrings' first lines)."""
    languages: tuple[str, ...] = ("en",)
    """The languages it understands and answers in (``en``, ``zh-CN``)."""


class Catalog(Sequence[SkillInfo]):
    """The loaded skills (`SkillInfo`), described the first time a handler reads them.

    Describing every skill draws example sentences from its templates, about 10 ms, and only
    the help skill reads the catalogue: every other handler's turn skipped nothing for it when
    the engine built it before each call. Reads like a tuple (index, iterate, ``len``, ``in``),
    and compares equal to a sequence of the same skills.
    """

    def __init__(self, describe: Callable[[], Sequence[SkillInfo]]) -> None:
        """``describe`` makes the skills' descriptions; it is called once, on first use."""
        self._describe: Callable[[], Sequence[SkillInfo]] | None = describe
        self._items: tuple[SkillInfo, ...] = ()

    def _all(self) -> tuple[SkillInfo, ...]:
        describe = self._describe
        if describe is not None:
            self._items = tuple(describe())
            self._describe = None
        return self._items

    def __getitem__(self, index: Any) -> Any:
        """The skill (or a tuple of skills, for a slice) at ``index``."""
        return self._all()[index]

    def __len__(self) -> int:
        """How many skills are loaded."""
        return len(self._all())

    def __iter__(self) -> Iterator[SkillInfo]:
        """The skills in load order."""
        return iter(self._all())

    def __eq__(self, other: object) -> bool:
        """Equal to any sequence of the same skills in the same order."""
        if isinstance(other, Sequence) and not isinstance(other, str):
            return self._all() == tuple(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # compared by content, like a list

    def __repr__(self) -> str:
        """The skills' names (describing them if that has not happened yet)."""
        return f"Catalog({[info.name for info in self._all()]!r})"


class SkillClock:
    """A skill's view of the virtual clock: it sees and cancels only its own scheduled items.

    Scheduling and cancelling are staged: they reach the real clock only when the turn commits.
    :meth:`pending` already shows them, so a handler sees its own changes.
    """

    def __init__(self, clock: Clock, owner: str, gate: TurnGate | None = None) -> None:
        """Wrap ``clock`` for the skill ``owner``; writes go through ``gate``."""
        self._clock = clock
        self._owner = owner
        self._gate = gate or TurnGate()
        self._staged: list[ScheduledItem] = []
        self._cancelled: set[str] = set()
        self.language = "en"
        """The language of the turn; an item scheduled in another records it in its payload
        (``payload["language"]``), so what it says when it fires is in that language too."""

    def now(self) -> datetime:
        """The current virtual time."""
        return self._clock.now()

    def schedule(
        self,
        when: Duration | timedelta | datetime,
        *,
        say: str | None = None,
        label: str | None = None,
        kind: str = "timer",
        payload: dict[str, Any] | None = None,
    ) -> ScheduledItem:
        """Schedule an item after a delay or at a time; ``say`` is spoken when it fires."""
        with self._gate.write():
            delay: timedelta | datetime = when.timedelta if isinstance(when, Duration) else when
            data = dict(payload or {})
            if say is not None:
                data["say"] = say
            if self.language != "en":
                data.setdefault("language", self.language)
            now = self._clock.now()
            taken = {i.id for i in self._staged}
            item_id = self._clock.new_id(kind)
            while item_id in taken:
                item_id = self._clock.new_id(kind)
            item = ScheduledItem(
                id=item_id,
                due=now + delay if isinstance(delay, timedelta) else delay,
                kind=kind,
                owner=self._owner,
                label=label,
                created=now,
                payload=data,
            )
            self._staged.append(item)
            return item

    def cancel(self, item: ScheduledItem | str) -> bool:
        """Cancel one of this skill's items; True if it was pending."""
        with self._gate.write():
            item_id = item if isinstance(item, str) else item.id
            for staged in self._staged:
                if staged.id == item_id:
                    self._staged.remove(staged)
                    return True
            if item_id in self._cancelled or item_id not in {
                i.id for i in self._clock.pending(owner=self._owner)
            }:
                return False
            self._cancelled.add(item_id)
            return True

    def pending(self, kind: str | None = None) -> list[ScheduledItem]:
        """This skill's pending items, soonest first (this turn's changes included)."""
        items = [
            i
            for i in self._clock.pending(owner=self._owner, kind=kind)
            if i.id not in self._cancelled
        ]
        items += [i for i in self._staged if kind is None or i.kind == kind]
        return sorted(items, key=lambda i: i.due)

    def commit(self) -> None:
        """Apply the staged changes to the real clock (the engine calls this)."""
        for item_id in self._cancelled:
            self._clock.cancel(item_id)
        for item in self._staged:
            self._clock.add(item)
        self._staged, self._cancelled = [], set()


@dataclass
class SkillContext:
    """What a handler receives: the turn, the session, storage, the clock and the home."""

    skill: str
    intent: str | None
    text: str
    session: Session
    persistent: dict[str, Any]
    """This skill's attributes that survive restarts (saved at the end of the turn)."""
    clock: SkillClock
    """The virtual clock: the time, and this skill's timers and alarms."""
    home: Home | None = None
    """The mock smart home (find, command and describe devices), if one is loaded."""
    catalog: Sequence[SkillInfo] = ()
    """Every loaded skill, for skills that describe what the speaker can do (the engine gives
    a `Catalog`, described on first read)."""
    raw_slots: dict[str, str] = field(default_factory=dict)
    """The words each slot came from."""
    rng: random.Random = field(default_factory=random.Random)
    """Random numbers for the skill, seeded by ``--seed``."""
    seed: int | None = None
    """The simulator's ``--seed`` (None without one). ``rng`` differs from turn to turn; a skill
    that builds a stable made-up world (the weather of a city on a date) derives it from this."""
    choices: tuple[str, ...] = ()
    """When this turn answers a "which one?" question (`Response.ask_which`): the ids it
    offered."""
    chosen: tuple[str, ...] = ()
    """When this turn answers a "which one?" question: the ids the user picked (the intent
    that asked runs again with its slots, and finds its answer here)."""
    notes: list[str] = field(default_factory=list)
    """Lines the skill logged with :meth:`log` (shown in the trace)."""
    trace_detail: dict[str, Any] = field(default_factory=dict)
    """Structured facts for this turn's ``skill`` trace step, shown in the inspector and
    ``--json`` (a remote skill puts the request and response envelopes here)."""
    gate: TurnGate = field(default_factory=TurnGate, repr=False)
    """Refuses writes once the engine has given up on this turn."""
    profile: str = "speaker"
    """The device profile: ``speaker``, ``screen`` (a display shows the card) or ``kids``.
    A skill can word its answer for it (or use `Response.for_profile`)."""

    @property
    def has_screen(self) -> bool:
        """Whether the speaker has a display that shows the card (the ``screen`` profile)."""
        return self.profile == "screen"

    language: str = "en"
    """The language of this turn (``en``, ``zh-CN``): answer in it when the skill can."""
    messages: Mapping[str, str] = field(default_factory=dict, repr=False)
    """The skill's translations into :attr:`language` (from its language file)."""
    reread: dict[str, tuple[object, str]] = field(default_factory=dict)
    """Slots the handler used otherwise than the router read them (see :meth:`read_slot_as`):
    name -> (typed value, words)."""

    def read_slot_as(self, name: str, value: object, raw: str) -> None:
        """Say that this turn used slot ``name`` as ``value`` (from the words ``raw``), not as
        the router read it, so the Turn (``--json``, the inspector) shows what was acted on.

        For a handler that re-reads an ambiguous split: "turn the kitchen light blue" routes as
        the room "the kitchen" and the colour "light blue"; the smart-home skill acts on the
        kitchen light and blue, and says so here. Kept only when the handler's answer is.
        """
        self.reread[name] = (value, str(raw))

    def now(self) -> datetime:
        """The current virtual time."""
        return self.clock.now()

    def t(self, sentence: str, **values: object) -> str:
        """``sentence`` in this turn's language: the skill's translation of the English
        sentence (or the sentence itself), ``{name}`` fields filled with ``values``, each typed
        value said in the language ("5 minutes" / "5分钟").

        ``Response.speak(ctx.t("Timer set for {duration}.", duration=slots.duration))``
        """
        return translate(sentence, self.language, self.messages, **values)

    def spoken(self, value: object) -> str:
        """A typed value as said in this turn's language ("7:30 AM" / "早上7点半")."""
        return spoken_in(value, self.language)

    def say_list(self, items: Sequence[str]) -> str:
        """Items as a spoken list in this turn's language: "a, b and c" / "a、b和c"."""
        return say_list(items, self.language)

    @property
    def chinese(self) -> bool:
        """Whether this turn is in Chinese (for the odd sentence a translation cannot carry)."""
        return self.language.startswith("zh")

    def log(self, message: str) -> None:
        """Add a line to this turn's trace (useful while writing a skill)."""
        self.notes.append(str(message))

    @property
    def expired(self) -> bool:
        """Whether the engine has given up on this handler (it timed out or failed)."""
        return self.gate.closed

    def check_alive(self) -> None:
        """Raise `ContextExpired` if the engine has given up on this handler."""
        with self.gate.write():
            pass
