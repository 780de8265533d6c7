"""Turning spoken words into device targets, and answering "which one?".

:class:`TargetIndex` knows the phrases of one home — device names and aliases, room names and
aliases, type-group nouns — as token tuples. :meth:`TargetIndex.parse` reads a span of normalised
tokens ("the ceiling light in the study", "all the lights", "them") into a :class:`TargetQuery`;
resolving that query against the live home is the registry's job, because it depends on where the
speaker is and what was addressed last.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from .device import Device, spoken_name
from .device_types import group_words
from .errors import spoken_list
from .schema import Room
from .zh import CHINESE_GROUP_WORDS, clean_target

__all__ = [
    "PRONOUNS",
    "TargetIndex",
    "TargetQuery",
    "disambiguation_question",
    "tokens_of",
]

Phrase = tuple[str, ...]

PRONOUNS = frozenset({"it", "them", "that", "those", "this", "these", "they"})
"""Words that refer back to the last devices addressed."""
_PLURAL_PRONOUNS = frozenset({"them", "those", "these", "they"})
# Words that carry no meaning for targeting. "of" only matters after a quantifier ("all of").
_FILLERS = frozenset({"the", "my", "our", "a", "an", "your", "please", "of"})
_QUANTIFIERS = frozenset({"all", "every", "each", "both", "whole", "entire", "single"})
# Home Assistant's templates place things "across", "around" and "throughout" rooms too.
_PREPOSITIONS = frozenset(
    {"in", "on", "at", "from", "inside", "for", "upstairs", "downstairs", "across", "around"}
    | {"throughout"}
)
# "each and every light": the "and" belongs to the quantifier, not to a list of devices.
_EACH_AND_EVERY = ("each", "and", "every")
_EVERYTHING = frozenset({"everything", "devices", "device", "things", "stuff", "everywhere"})
_ORDINALS = {"first": 0, "1st": 0, "second": 1, "2nd": 1, "third": 2, "3rd": 2, "fourth": 3}
_ALL_ANSWERS = frozenset({"both", "all", "them", "each", "every", "everything", "two"})
_ANSWER_FILLERS = frozenset({"one", "ones", "the", "of", "in", "on", "please", "i", "mean", "want"})


_WORD_RE = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def tokens_of(text: str) -> Phrase:
    """Lower-case word tokens of a name ("Living room TV" → ``("living", "room", "tv")``); a
    Chinese character is a token of its own, as in utterances ("客厅灯" → ``("客", "厅", "灯")``)."""
    return tuple(_WORD_RE.findall(text.lower()))


def _name_key(text: str) -> Phrase:
    """A name as looked up: its tokens, with a Chinese name's glue words (的) left out."""
    words = tokens_of(text)
    chinese = clean_target(words)
    return chinese[0] if chinese is not None else words


def _clean(tokens: Iterable[str]) -> Phrase:
    return tuple(t for tok in tokens for t in tokens_of(tok))


@dataclass(frozen=True)
class TargetQuery:
    """What a span of words refers to, before resolution against the live home.

    Exactly one of the kinds applies:

    * ``"device"`` — a device name or alias; ``device_ids`` are every device with that name.
    * ``"group"`` — a type group noun ("lights", "lamp"); ``group`` is its id.
    * ``"room"`` — a room alone or "everything"; all devices (of ``room`` if given).
    * ``"pronoun"`` — "it", "them": the last devices addressed.
    """

    kind: Literal["device", "group", "room", "pronoun"]
    """Which kind of reference this is."""
    words: Phrase
    """The span as given (normalised)."""
    name: str = ""
    """The matched device or group phrase ("ceiling light"), for messages."""
    device_ids: tuple[str, ...] = ()
    """For ``device``: devices answering to the name, in home order."""
    group: str | None = None
    """For ``group``: the type group id."""
    room: str | None = None
    """A room the words named, if any."""
    plural: bool = False
    """The words asked for several devices ("lights", "them", "all")."""
    whole_home: bool = False
    """A quantifier ("all", "every") asked for the whole home when no room is named."""


@dataclass
class TargetIndex:
    """The phrases of one home, for parsing targets and answers."""

    rooms: Sequence[Room]
    """Rooms of the home."""
    devices: Sequence[Device]
    """Devices of the home, in file order."""
    _device_phrases: dict[Phrase, list[str]] = field(default_factory=dict, init=False)
    _room_phrases: dict[Phrase, str] = field(default_factory=dict, init=False)
    _groups: dict[Phrase, tuple[str, bool]] = field(default_factory=dict, init=False)
    _known: frozenset[str] = field(default=frozenset(), init=False)

    def __post_init__(self) -> None:
        for room in self.rooms:
            for text in (room.name, room.id.replace("_", " "), *room.aliases):
                self._room_phrases.setdefault(self._strip(_name_key(text)), room.id)
        for device in self.devices:
            for text in (device.name, device.id.replace("_", " "), *device.aliases):
                ids = self._device_phrases.setdefault(self._strip(_name_key(text)), [])
                if device.id not in ids:
                    ids.append(device.id)
        self._groups = group_words()
        # Chinese nouns have no plural: "客厅的灯" is every light in the living room.
        for group, nouns in CHINESE_GROUP_WORDS.items():
            for noun in nouns:
                self._groups.setdefault(tuple(noun), (group, True))
        # Every word a target could be read from. Routing asks about every span a template's
        # {target} could take ("set the temperature to 21"), and 97 % of them hold no such word:
        # `parse` turns those away before looking for rooms and names in them.
        self._known = frozenset(
            word
            for table in (self._device_phrases, self._room_phrases, self._groups)
            for phrase in table
            for word in phrase
        ).union(PRONOUNS, _EVERYTHING)

    @staticmethod
    def _strip(words: Phrase) -> Phrase:
        return tuple(w for w in words if w not in _FILLERS)

    # --- lookups -----------------------------------------------------------------------------

    def _device(self, words: Phrase) -> tuple[list[str], bool] | None:
        """Devices named exactly *words*, or by a plural of the name ("ceiling lights")."""
        if words in self._device_phrases:
            return self._device_phrases[words], False
        if words and words[-1].endswith("s") and len(words[-1]) > 2:
            for singular in (words[-1][:-1], words[-1][:-2]):  # lights → light, switches → switch
                key = (*words[:-1], singular)
                if key in self._device_phrases:
                    return self._device_phrases[key], True
        return None

    def room(self, words: Phrase) -> str | None:
        """Room id named exactly by *words* (fillers and prepositions ignored)."""
        key = tuple(w for w in words if w not in _FILLERS and w not in _PREPOSITIONS)
        return self._room_phrases.get(key) if key else None

    def _find_room(self, words: Phrase) -> tuple[str, int, int] | None:
        """The longest room phrase inside *words*: (room id, start, end)."""
        best: tuple[str, int, int] | None = None
        for start in range(len(words)):
            for end in range(len(words), start, -1):
                room_id = self._room_phrases.get(words[start:end])
                if room_id is not None and (best is None or end - start > best[2] - best[1]):
                    best = (room_id, start, end)
                    break
        return best

    def _may_name(self, words: Phrase) -> bool:
        """Whether any of *words* could be part of a target; if none can, `parse` finds none.

        A pronoun, an "everything" word, a room's and a group's words, and a device name's (also
        as the plural `_device` reads back: "lights", "switches") are all in `_known`.
        """
        known = self._known
        return any(w in known or w[:-1] in known or w[:-2] in known for w in words)

    # --- parsing -----------------------------------------------------------------------------

    def parse(self, tokens: Sequence[str]) -> TargetQuery | None:
        """Read a target from a span of tokens; None when it names nothing in this home."""
        chinese = clean_target(tokens)
        if chinese is not None:
            return self._parse_chinese(tuple(tokens), *chinese)
        raw = _clean(tokens)
        for i in range(len(raw) - 2):
            if raw[i : i + 3] == _EACH_AND_EVERY:
                raw = (*raw[:i], "every", *raw[i + 3 :])
                break
        quantified = any(t in _QUANTIFIERS for t in raw)
        words = tuple(t for t in raw if t not in _FILLERS and t not in _QUANTIFIERS)
        if not words or not self._may_name(words):
            return None
        if any(w in PRONOUNS for w in words) and all(
            w in PRONOUNS or w in ("one", "ones") for w in words
        ):
            plural = quantified or any(w in _PLURAL_PRONOUNS for w in words)
            return TargetQuery(kind="pronoun", words=raw, plural=plural)

        # A whole device name wins over splitting off a room: "kitchen light" is a device name
        # even though "kitchen" is also a room.
        if query := self._name_or_group(words, raw, None, quantified):
            return query

        found = self._find_room(words)
        if found is None:
            return None
        room_id, start, end = found
        before, after = words[:start], words[end:]
        if after and not before:
            rest: Phrase = after  # "bedroom lights", "study ceiling light"
        elif before and not after:
            rest = before  # "lights in the bedroom" (the preposition is dropped below)
        elif not before and not after:
            rest = ()
        else:
            return None
        rest = tuple(w for w in rest if w not in _PREPOSITIONS)
        if not rest or all(w in _EVERYTHING for w in rest):
            return TargetQuery(kind="room", words=raw, room=room_id, plural=True)
        return self._name_or_group(rest, raw, room_id, quantified)

    def _parse_chinese(
        self, raw: Phrase, words: Phrase, quantified: bool, pronoun: bool
    ) -> TargetQuery | None:
        """A Chinese target: "客厅的灯" (room, then what), "易来吸顶灯" (a name), "它" (it)."""
        if pronoun:
            return TargetQuery(kind="pronoun", words=raw, plural=raw == ("它", "们"))
        if not words:
            return None
        if query := self._name_or_group(words, raw, None, quantified):
            return query
        found = self._find_room(words)
        if found is None:
            return None
        room_id, start, end = found
        rest = words[end:] if start == 0 else words[:start] if end == len(words) else None
        if rest is None:
            return None
        if not rest:
            return TargetQuery(kind="room", words=raw, room=room_id, plural=True)
        return self._name_or_group(rest, raw, room_id, quantified)

    def _name_or_group(
        self, words: Phrase, raw: Phrase, room: str | None, quantified: bool
    ) -> TargetQuery | None:
        name = " ".join(words)
        if hit := self._device(words):
            ids, plural = hit
            return TargetQuery(
                kind="device",
                words=raw,
                name=name,
                device_ids=tuple(ids),
                room=room,
                plural=plural or quantified,
                whole_home=quantified,
            )
        if words in self._groups:
            group, plural = self._groups[words]
            if group == "everything":
                return TargetQuery(
                    kind="room", words=raw, room=room, plural=True, whole_home=room is None
                )
            return TargetQuery(
                kind="group",
                words=raw,
                name=name,
                group=group,
                room=room,
                plural=plural or quantified,
                whole_home=quantified,
            )
        if all(w in _EVERYTHING for w in words):
            return TargetQuery(kind="room", words=raw, room=room, plural=True, whole_home=True)
        return None

    # --- ambiguity ---------------------------------------------------------------------------

    def answer(self, choices: Sequence[Device], tokens: Sequence[str]) -> list[Device]:
        """Pick from *choices* using a follow-up answer; ``[]`` when it picks nothing.

        Understands "the one in the den", "the den", "study", "the first one", "the last one",
        "both", "all of them", and names or aliases that tell the choices apart.
        """
        words = _clean(tokens)
        if not words or not choices:
            return []
        content = tuple(w for w in words if w not in _ANSWER_FILLERS)
        if content and all(w in _ALL_ANSWERS for w in content):
            return list(choices)
        for word in words:
            if word in _ORDINALS and _ORDINALS[word] < len(choices):
                return [choices[_ORDINALS[word]]]
            if word == "last":
                return [choices[-1]]
        found = self._find_room(tuple(w for w in words if w not in _FILLERS))
        if found is not None:
            picked = [d for d in choices if d.room == found[0]]
            if picked:
                return picked
        stripped = self._strip(tuple(w for w in words if w not in ("one", "ones")))
        hit = self._device(stripped)
        if hit is not None:
            return [d for d in choices if d.id in hit[0]]
        return []


def disambiguation_question(choices: Sequence[Device], rooms: dict[str, Room]) -> str:
    """Ask which device was meant.

    Same name, different rooms: "Which corner lamp, the one in the study or the one in the den?"
    Otherwise the names themselves are offered: "Which one, the desk lamp or the floor lamp?"
    """
    if not choices:
        return "Which device do you mean?"
    names = {spoken_name(d.name) for d in choices}
    room_ids = [d.room for d in choices]
    if len(names) == 1 and len(set(room_ids)) == len(room_ids):
        options = [f"the one in the {spoken_name(rooms[r].name)}" for r in room_ids]
        return f"Which {next(iter(names))}, {spoken_list(options, 'or')}?"
    options = [
        d.spoken
        if len(names) == len(choices)
        else f"{d.spoken} in the {spoken_name(rooms[d.room].name)}"
        for d in choices
    ]
    if len(set(options)) < len(options):
        ordinals = ["first", "second", "third", "fourth", "fifth"]
        options = [f"the {ordinals[i]} one" for i in range(min(len(choices), 5))]
    return f"Which one, {spoken_list(options, 'or')}?"
