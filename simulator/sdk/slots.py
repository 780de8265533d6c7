"""Slot types: how the words in a ``{slot}`` become a typed value for the handler.

A skill declares its slots as fields of a pydantic model. The field's type picks the parser:

==================================  ============================================================
field type                          what the user can say
==================================  ============================================================
``int`` / ``float`` / ``Number``    "25", "twenty five", "two point five"
``Ordinal``                         "third", "21st"
``Percent``                         "50 percent", "half"
``Temperature``                     "21 degrees", "70 fahrenheit"
``Duration``                        "90 seconds", "an hour and a half"
``TimeOfDay``                       "7 am", "half past six"
``datetime.date``                   "tomorrow", "next friday", "june 3rd"
``Colour``                          "red", "warm white"
``Literal["a", "b"]`` / an Enum     one of those words
``Annotated[str, SlotList(...)]``   a custom list: values and their spoken synonyms
``Annotated[str, DynamicList(n)]``  a list filled at runtime (device names, rooms, ...)
``str``                             free text: any words (a wildcard)
==================================  ============================================================

Wrap a type in ``X | None = None`` to make the slot optional; a field without a default is
required, and the dialog asks for it when the user leaves it out.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import enum
import re
import string
import types
import typing
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal

from pydantic import BaseModel

from simulator.nlu import parsers
from simulator.nlu.approximate import exact, ish_stem
from simulator.nlu.closed_class import DETERMINERS, UNIVERSAL_QUANTIFIERS
from simulator.nlu.matcher import NO_VALUE
from simulator.nlu.normalize import tokenize
from simulator.nlu.values import Colour, Duration, Temperature, TimeOfDay
from simulator.nlu.zh import has_han, join_words
from simulator.nlu.zh_values import EXAMPLES_ZH

__all__ = [
    "NO_VALUE",
    "Colour",
    "DateSlot",
    "Duration",
    "DynamicList",
    "FreeText",
    "Number",
    "Ordinal",
    "Percent",
    "SlotEnv",
    "SlotList",
    "SlotType",
    "Temperature",
    "TimeOfDay",
    "fill_template",
    "register_slot_type",
    "slot_type_for",
    "spoken_value",
    "value_to_json",
]


@dataclass
class SlotEnv:
    """What a parser may need at routing time: today's date and the runtime lists."""

    today: _dt.date = field(default_factory=_dt.date.today)
    lists: Mapping[str, Mapping[str, Sequence[str]]] = field(default_factory=dict)
    """Dynamic lists by name: value -> normalised spoken forms (``room`` -> {id: [names...]})."""
    parsers: Mapping[str, Callable[[Sequence[str]], object]] = field(default_factory=dict)
    """Dynamic parsers by list name, for lists that are more than words (device targets)."""
    language: str = "en"
    """The language examples are wanted in (a Chinese template is filled with Chinese values)."""


class SlotType:
    """Base class of slot types. Subclasses turn a span of normalised words into a value."""

    kind: str = "text"
    """A short name for the inspector and error messages ("duration", "number", ...)."""
    max_tokens: int = 8
    """The longest span worth trying; keeps matching fast."""
    hint: str = "a value"
    """How the dialog describes a good answer: "a duration, like 5 minutes"."""
    secret: bool = False
    """True for values that must never be shown or stored (a PIN): the simulator replaces the
    words with ``[redacted]`` in the turn, its trace and the conversation log."""
    cue_words: frozenset[str] | None = None
    """Words one of which every span this type accepts holds (None: no such promise). The
    router does not call `parse` on a span without one, so a type whose values always hold a
    word of their own ("plus", "times" in a sum) costs nothing on other sentences, and a
    bundled skill built from the start-up cache is not imported to learn that its slot cannot
    match. A cue word the parser does not need only costs time; a needed one left out makes
    the type miss values, so derive the set from the parser's own tables."""

    def parse(self, tokens: Sequence[str], env: SlotEnv) -> object:
        """The value for exactly these words, or ``NO_VALUE``."""
        raise NotImplementedError

    @property
    def parse_key(self) -> object:
        """Slot types with equal keys parse the same words to the same value.

        The router memoises parses per utterance by this key, so the nine device-target types
        (one parser, different example lists) parse a phrase once, not nine times.
        """
        return id(self)

    def examples(self, env: SlotEnv) -> Sequence[str]:
        """Spoken examples used to build example utterances (in ``env.language``)."""
        if env.language.startswith("zh") and self.kind in EXAMPLES_ZH:
            return EXAMPLES_ZH[self.kind]
        return parsers.EXAMPLES.get(self.kind, ("something",))


def _or_no_value(value: object) -> object:
    return NO_VALUE if value is None else value


class _NumberSlot(SlotType):
    kind = "number"
    max_tokens = 6
    hint = "a number"

    def __init__(self, integer: bool = False) -> None:
        self.integer = integer

    def parse(self, tokens: Sequence[str], env: SlotEnv) -> object:
        value = parsers.parse_number(tokens)
        if value is None or (self.integer and float(value) != int(value)):
            return NO_VALUE
        return int(value) if self.integer else value

    def examples(self, env: SlotEnv) -> Sequence[str]:
        # An ``int`` slot's example utterances must be ones it accepts: no "7.5".
        every = super().examples(env)
        if not self.integer:
            return every
        return [e for e in every if self.parse(tokenize(e), env) is not NO_VALUE] or ["5"]


class _ParserSlot(SlotType):
    """A slot type backed by one of the built-in parsers of :mod:`simulator.nlu.parsers`."""

    def __init__(
        self,
        kind: str,
        parse: Callable[[Sequence[str]], object],
        *,
        max_tokens: int,
        hint: str,
        examples: Sequence[str] | None = None,
    ) -> None:
        self.kind = kind
        self._parse = parse
        self.max_tokens = max_tokens
        self.hint = hint
        self._examples = examples

    def parse(self, tokens: Sequence[str], env: SlotEnv) -> object:
        return _or_no_value(self._parse(tokens))

    def examples(self, env: SlotEnv) -> Sequence[str]:
        if env.language.startswith("zh"):
            return super().examples(env)
        return self._examples or super().examples(env)


_ORDINAL = _ParserSlot(
    "ordinal", parsers.parse_ordinal, max_tokens=3, hint="a position, like first or third"
)
_PERCENT = _ParserSlot(
    "percent",
    parsers.parse_percent,
    max_tokens=5,
    hint="a percentage, like 50 percent",
    # Bare numbers: templates usually say "{level} [percent|%]" themselves, and "50 percent
    # percent" makes a poor example.
    examples=("50", "20", "seventy five", "100"),
)
_TEMPERATURE = _ParserSlot(
    "temperature", parsers.parse_temperature, max_tokens=6, hint="a temperature, like 21 degrees"
)
_DURATION = _ParserSlot(
    "duration", parsers.parse_duration, max_tokens=8, hint="a duration, like 5 minutes"
)
_TIME = _ParserSlot("time", parsers.parse_time_of_day, max_tokens=6, hint="a time, like 7 am")
_COLOUR = _ParserSlot(
    "colour", parsers.parse_colour, max_tokens=3, hint="a colour, like red or warm white"
)


class DateSlot(SlotType):
    """A calendar date ("tomorrow", "next friday", "june 3rd"), relative to the virtual today."""

    kind = "date"
    max_tokens = 5
    hint = "a date, like tomorrow or june 3rd"

    def parse(self, tokens: Sequence[str], env: SlotEnv) -> object:
        """Parse relative to ``env.today`` (the virtual clock's date)."""
        return _or_no_value(parsers.parse_date(tokens, env.today))


class FreeText(SlotType):
    """Any words at all: a wildcard. Use sparingly, it matches everything."""

    kind = "text"
    hint = "a few words"

    def __init__(
        self,
        max_tokens: int = 12,
        examples: Sequence[str] = ("pasta",),
        reject: Sequence[str] = (),
        *,
        not_starting_with: Sequence[str] = (),
        not_alone: Sequence[str] = (),
        examples_zh: Sequence[str] = (),
        one_thing: bool = False,
        heads: Sequence[str] = (),
    ) -> None:
        """``max_tokens`` bounds the span; ``examples`` fill it in sample utterances.

        ``reject`` lists words the text may not contain, which keeps a wildcard from taking
        another skill's requests: an event title that rejects "alarm" leaves "move my alarm
        to 8" to the alarms skill. ``not_starting_with`` refuses spans that begin with one of
        these words: a name slot that refuses "a", "an" and "the" does not take "call me a
        taxi" as a name. ``not_alone`` lists words that describe the thing without naming it:
        a span of these (and determiners) alone is no value, so a list name that may not be
        "new" alone leaves "make a new list" to ask for the name, while "new year" is still a
        name. ``examples_zh`` fill it in the skill's Chinese templates (without them the
        English examples do, which teaches the learned stage mixed sentences).
        ``one_thing`` marks the name of one thing (a timer's, an alarm's, an event's, a list's):
        a span opening with "every" or "each" names every such thing, not one, so it is refused
        and the template of the intent for all of them may take the sentence.
        ``heads`` lists the words (or phrases) that name the slot's kind of thing: dishes for
        a food order. A span ending with one (an English noun phrase ends with its head: "a
        steaming bowl of ramen", not "a cake from the bakery") is that kind of thing
        (`names_kind`), so the router reads it as a value the skill knows rather than asking
        the learned stage whether unknown words are the skill's business.
        """
        self.max_tokens = max_tokens
        self._examples = tuple(examples)
        self._examples_zh = tuple(examples_zh)
        self.reject = frozenset(reject)
        self._refused = frozenset(w.casefold() for w in not_starting_with) | (
            UNIVERSAL_QUANTIFIERS if one_thing else frozenset()
        )
        self._empty = DETERMINERS | frozenset(w.casefold() for w in not_alone)
        self._heads = frozenset(tuple(h.casefold().split()) for h in heads if h.split())
        self._head_lengths = sorted({len(h) for h in self._heads}, reverse=True)

    def names_kind(self, tokens: Sequence[str]) -> bool:
        """Whether the span ends with one of ``heads``: it names the slot's kind of thing."""
        return any(tuple(tokens[-n:]) in self._heads for n in self._head_lengths)

    def parse(self, tokens: Sequence[str], env: SlotEnv) -> object:
        """Accept any non-empty span (as the words joined by spaces) without a rejected word,
        not starting with a refused one and not made of determiners (and ``not_alone`` words)
        alone ("my", "the"; "a new")."""
        if (
            not tokens
            or tokens[0] in self._refused
            or (self.reject and not self.reject.isdisjoint(tokens))
            # A determiner alone names nothing: "push my appointment to 4" has no title "my",
            # "start a list for the party" no list called "a" (the template's own optional
            # "[my|the]" or "[a|an]" was skipped for the slot to take it).
            or self._empty.issuperset(tokens)
        ):
            return NO_VALUE
        return join_words(tokens)  # Chinese characters join without spaces: 小明, not 小 明

    def examples(self, env: SlotEnv) -> Sequence[str]:
        """The examples given when the type was made (the Chinese ones for Chinese templates)."""
        if self._examples_zh and env.language.startswith("zh"):
            return self._examples_zh
        return self._examples


class SlotList(SlotType):
    """A custom list: each value with the words people use for it.

    ``SlotList("size", {"small": ["tiny", "little"], "large": ["big", "huge"]})``: saying
    "tiny" fills the slot with ``"small"``. A value is always a spoken form of itself.
    """

    kind = "list"

    def __init__(self, name: str, values: Mapping[str, Sequence[str]] | Sequence[str]) -> None:
        """Build the lookup from spoken forms (normalised) to values."""
        self.name = name
        items = values.items() if isinstance(values, Mapping) else ((v, ()) for v in values)
        self.values: dict[str, tuple[str, ...]] = {}
        self._lookup: dict[tuple[str, ...], str] = {}
        for value, synonyms in items:
            forms = (str(value).replace("_", " "), *synonyms)
            self.values[str(value)] = tuple(forms)
            for form in forms:
                words = tuple(tokenize(form))
                if words:
                    self._lookup.setdefault(words, str(value))
        self.max_tokens = max((len(k) for k in self._lookup), default=1)
        self.hint = "one of " + ", ".join(list(self.values)[:5])

    def parse(self, tokens: Sequence[str], env: SlotEnv) -> object:
        """The value whose spoken form is exactly these words, said approximately too
        ("low-ish", "max or so": `approximate.exact`), or one word of it made vague with "-ish"
        ("lowish" is "low", "largish" "large": `approximate.ish_stem`)."""
        words = tuple(tokens)
        found = self._lookup.get(words, NO_VALUE)
        plain = exact(words) if found is NO_VALUE else None
        if plain is not None and (plain[0] == words[0] or parsers.parse_percent(plain) is not None):
            # Approximated after the word ("low-ish", "max or so"), or before an amount ("about
            # halfway": a level `parsers.parse_percent` reads): before a thing, "about" and
            # "around" are its prepositions ("learn about mars").
            words = plain
            found = self._lookup.get(words, NO_VALUE)
        if found is NO_VALUE and len(words) == 1:
            stem = ish_stem(words[0], lambda word: (word,) in self._lookup)
            if stem is not None:
                found = self._lookup[(stem,)]
        return found

    def add_forms(self, value: str, forms: Sequence[str]) -> None:
        """More spoken forms for ``value`` (a skill's language file adds its Chinese words).

        Raises ``KeyError`` for a value the list does not have.
        """
        if value not in self.values:
            raise KeyError(value)
        new = tuple(f for f in forms if f not in self.values[value])
        self.values[value] = (*self.values[value], *new)
        for form in new:
            words = tuple(tokenize(form))
            if words:
                self._lookup.setdefault(words, value)
        self.max_tokens = max((len(k) for k in self._lookup), default=1)

    def examples(self, env: SlotEnv) -> Sequence[str]:
        """Every spoken form (the Chinese ones, when there are any, for a Chinese template)."""
        every = [form for forms in self.values.values() for form in forms]
        return _in_language(every, env.language)


class DynamicList(SlotType):
    """A list whose values are known only at runtime, e.g. ``DynamicList("room")``.

    The engine fills ``SlotEnv.lists[name]`` (value -> spoken forms) or, for richer phrases,
    ``SlotEnv.parsers[name]``. The value delivered is the list's value (e.g. a room id).
    ``examples_from`` names another runtime list to draw example utterances from (say, only
    the devices that can lock, for a lock intent).
    """

    kind = "list"

    def __init__(self, name: str, max_tokens: int = 8, examples_from: str | None = None) -> None:
        """Name the runtime list to use."""
        self.name = name
        self.max_tokens = max_tokens
        self.examples_from = examples_from
        self.hint = f"a {name.replace('_', ' ')} name"

    @property
    def parse_key(self) -> object:
        """Every dynamic list of one name parses alike (``examples_from`` only picks examples)."""
        return ("dynamic", self.name)

    def parse(self, tokens: Sequence[str], env: SlotEnv) -> object:
        """Look the words up in the runtime list (or ask its runtime parser)."""
        parser = env.parsers.get(self.name)
        if parser is not None:
            return parser(tokens)
        wanted = " ".join(tokens)
        for value, forms in env.lists.get(self.name, {}).items():
            if wanted in forms:
                return value
        return NO_VALUE

    def examples(self, env: SlotEnv) -> Sequence[str]:
        """Spoken forms from the examples list or the runtime list (or the list's name)."""
        source = env.lists.get(self.examples_from or self.name) or env.lists.get(self.name, {})
        forms = [f for fs in source.values() for f in fs]
        return _in_language(forms, env.language) or [self.name.replace("_", " ")]


def _in_language(forms: Sequence[str], language: str) -> list[str]:
    """For Chinese, the forms written in Chinese if there are any; otherwise the forms that are
    not (an English template is not filled with 客厅)."""
    chinese = [f for f in forms if has_han(f)]
    if language.startswith("zh"):
        return chinese or list(forms)
    return [f for f in forms if not has_han(f)] or list(forms)


Number = Annotated[float, _NumberSlot()]
"""A number, said as digits or words: "25", "twenty five", "two point five"."""
Ordinal = Annotated[int, _ORDINAL]
"""A position: "first", "third", "21st"."""
Percent = Annotated[float, _PERCENT]
"""A percentage, 0-100 as said ("50 percent", "half"); validate the range in the model."""

_BY_CLASS: dict[Any, SlotType] = {
    int: _NumberSlot(integer=True),
    float: _NumberSlot(),
    str: FreeText(),
    Duration: _DURATION,
    TimeOfDay: _TIME,
    Temperature: _TEMPERATURE,
    Colour: _COLOUR,
    _dt.date: DateSlot(),
}


def register_slot_type(cls: type, slot_type: SlotType) -> None:
    """Make ``cls`` usable as a slot field type, parsed by ``slot_type``.

    An SDK module that adds a value type registers it once at import, e.g.
    ``register_slot_type(When, WhenSlot())`` in :mod:`simulator.sdk.when`; a field annotated
    ``when: When`` then gets that parser.
    """
    _BY_CLASS[cls] = slot_type


def slot_type_for(annotation: Any, metadata: Sequence[Any] = ()) -> tuple[SlotType, bool]:
    """The slot type for a model field's annotation, and whether ``None`` is allowed.

    ``metadata`` is pydantic's ``FieldInfo.metadata`` (it strips ``Annotated`` off the
    annotation and keeps the extras there). Raises ``TypeError`` for a type with no parser.
    """
    for extra in metadata:
        if isinstance(extra, SlotType):
            return extra, False
    optional = False
    origin = typing.get_origin(annotation)
    if origin is Annotated:
        base, *extras = typing.get_args(annotation)
        for extra in extras:
            if isinstance(extra, SlotType):
                return extra, False
        return slot_type_for(base)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        optional = len(args) < len(typing.get_args(annotation))
        if len(args) == 1:
            slot_type, _ = slot_type_for(args[0])
            return slot_type, optional
        raise TypeError(f"a slot cannot be one of several types: {annotation!r}")
    if origin is Literal:
        return SlotList("choice", [str(a) for a in typing.get_args(annotation)]), False
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return SlotList(annotation.__name__, [str(m.value) for m in annotation]), False
    if isinstance(annotation, type) and annotation in _BY_CLASS:
        return _BY_CLASS[annotation], False
    raise TypeError(f"no slot parser for type {annotation!r}")


def spoken_value(value: object, raw: str | None = None) -> str:
    """A typed slot value as the speaker says it: ``spoken()`` if the value has one ("5
    minutes"), dates as "Monday, June 1", list values with spaces, nothing for None. A value
    with no spoken form of its own (a device target) is said as the words it came from, ``raw``.

    The dialog's confirmation question and a YAML skill's response both use it, so the question
    names the same canonical value the handler gets ("A large coffee?", not the words said).
    """
    spoken = getattr(value, "spoken", None)
    if callable(spoken):
        try:
            return str(spoken())
        except Exception:
            return raw if raw is not None else str(value)
    if value is None:
        return ""
    if isinstance(value, enum.Enum):
        value = value.value
    if isinstance(value, _dt.date):
        return f"{value:%A, %B} {value.day}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, str | int | float):
        return str(value).replace("_", " ")
    return raw if raw is not None else str(value)


def fill_template(template: str, values: Mapping[str, str]) -> str:
    """``template`` with ``{slot}`` fields filled from ``values``; a slot with no value leaves no
    trace (not its name, no double space, no space before the final mark)."""

    class _Blank(dict[str, str]):
        def __missing__(self, key: str) -> str:
            return ""

    # Plain fields only: a format spec ({x:>100000000}) would build 100 MB of speech, and a
    # template repeating {slot} thousands of times stops growing at 10,000 characters.
    parts: list[str] = []
    size = 0
    for literal, name, _spec, _conversion in string.Formatter().parse(template):
        for piece in (literal, _Blank(values)[name] if name is not None else ""):
            parts.append(piece)
            size += len(piece)
        if size > 10_000:
            break
    text = "".join(parts)
    return re.sub(r"\s+([?.!,])", r"\1", " ".join(text.split()))


def value_to_json(value: object) -> Any:
    """A typed slot value as JSON for the ``Turn`` (models as objects, dates as ISO strings)."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, _dt.date | _dt.time):
        return value.isoformat()
    if isinstance(value, _dt.timedelta):
        return value.total_seconds()
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    if isinstance(value, Mapping):
        return {str(k): value_to_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [value_to_json(v) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return value_to_json(dataclasses.asdict(value))
    to_json = getattr(value, "to_json", None)
    if callable(to_json):
        return to_json()
    return str(value)
