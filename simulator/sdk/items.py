"""`ItemList`: a slot for several things in one breath, with how many, what size and extras.

"two chicken burgers and a large coffee", "a cheeseburger with extra cheese and no pickles",
"3 small fries": an ordering, shopping or packing skill needs the list, not one item. Declare
the slot with the skill's vocabulary::

    from typing import Annotated
    from simulator.sdk.items import ItemList, ListedItem

    MENU = ItemList(
        items={"chicken burger": ["chicken sandwich"], "coffee": []},
        sizes={"small": [], "large": ["big"]},
        options={"extra cheese": [], "no pickles": ["without pickles"]},
    )

    class OrderSlots(BaseModel):
        items: Annotated[list[ListedItem], MENU]

Each `ListedItem` has ``quantity`` (``None`` when not said, as in "the coffee"; negative numbers
are kept so the skill can refuse them clearly), the ``item`` value, ``size``, ``options`` and the
``raw`` words. Plurals ("burgers", "fries", "coffees") are understood. The slot accepts only
lists whose every item is in the vocabulary; :meth:`ItemList.read` reads any words and marks the
unknown pieces, for a skill that wants to say "we don't have pizza".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from simulator.nlu.matcher import NO_VALUE
from simulator.nlu.normalize import tokenize
from simulator.nlu.numbers import parse_number_words
from simulator.sdk.slots import SlotEnv, SlotType

__all__ = ["ItemList", "ListedItem"]

_SEPARATORS = frozenset({"and", "plus", "also", "then"})
_ONE = frozenset({"a", "an", "one", "single"})
_UNCOUNTED = frozenset({"the", "my", "some", "that", "those", "these", "any"})
_OPTION_LEADS = frozenset({"with", "and"})


@dataclass(frozen=True)
class ListedItem:
    """One entry of a spoken list: "two large coffees with oat milk"."""

    item: str
    """The vocabulary value (or the words as said, when not known)."""
    quantity: float | None = None
    """How many; None when the user did not say ("remove the coffee")."""
    size: str | None = None
    options: tuple[str, ...] = ()
    raw: str = ""
    """The words this entry came from."""
    known: bool = True
    """False when the item is not in the vocabulary (only from `ItemList.read`)."""


def _lookup(values: Mapping[str, Sequence[str]] | None) -> dict[tuple[str, ...], str]:
    table: dict[tuple[str, ...], str] = {}
    for value, synonyms in (values or {}).items():
        for form in (value, *synonyms):
            words = tuple(tokenize(form))
            if words:
                table.setdefault(words, value)
    return table


def _singular(words: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The words as said and, for a plural last word, its likely singular forms."""
    last = words[-1]
    forms = [words]
    for cut in ("es", "s"):
        if len(last) > len(cut) + 1 and last.endswith(cut):
            forms.append((*words[:-1], last[: -len(cut)]))
    return forms


@dataclass
class ItemList(SlotType):
    """A slot type for a spoken list of items from a vocabulary (see the module docs)."""

    items: Mapping[str, Sequence[str]] | None = None
    """Item value -> other spoken names. None accepts any words as an item."""
    sizes: Mapping[str, Sequence[str]] | None = None
    options: Mapping[str, Sequence[str]] | None = None
    max_items: int = 8
    example_lists: Sequence[str] = ()
    """Spoken lists for example utterances ("two chicken burgers and a large coffee")."""
    kind: str = "items"
    max_tokens: int = 24
    hint: str = "what you'd like, for example two burgers and a coffee"
    _items: dict[tuple[str, ...], str] = field(default_factory=dict, init=False, repr=False)
    _sizes: dict[tuple[str, ...], str] = field(default_factory=dict, init=False, repr=False)
    _options: dict[tuple[str, ...], str] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        """Build the word lookups."""
        self._items = _lookup(self.items)
        self._sizes = _lookup(self.sizes)
        self._options = _lookup(self.options)

    def __hash__(self) -> int:
        """Slot types are compared by identity."""
        return id(self)

    # -- reading ---------------------------------------------------------------------------

    def parse(self, tokens: Sequence[str], env: SlotEnv) -> object:
        """The list, if every entry is a known item; otherwise ``NO_VALUE``."""
        entries = self.read(tokens)
        if not entries or any(not e.known for e in entries):
            return NO_VALUE
        return entries

    def read(self, tokens: Sequence[str]) -> list[ListedItem]:
        """Read any words as a list; entries not in the vocabulary have ``known=False``."""
        pieces = [
            part for piece in self._pieces(list(tokens)) for part in self._run(piece) or [piece]
        ]
        entries: list[ListedItem] = []
        for piece in pieces:
            entry = self._entry(piece)
            if entry is None and entries and entries[-1].known:
                # "a burger with cheese and bacon": "bacon" is another option, not an item.
                extra = self._options_of(piece)
                if extra:
                    last = entries[-1]
                    entries[-1] = ListedItem(
                        last.item,
                        last.quantity,
                        last.size,
                        (*last.options, *extra),
                        f"{last.raw} and {' '.join(piece)}",
                    )
                    continue
            if entry is None:
                quantity, rest = self._quantity(piece)
                name = " ".join(rest or piece)
                entry = ListedItem(name, quantity, None, (), " ".join(piece), known=False)
            entries.append(entry)
        return entries if len(entries) <= self.max_items else []

    def _pieces(self, tokens: list[str]) -> list[list[str]]:
        pieces: list[list[str]] = [[]]
        for token in tokens:
            if token in _SEPARATORS:
                pieces.append([])
            else:
                pieces[-1].append(token)
        # "fish and chips" may be one item: join neighbours when the join is a known item.
        merged: list[list[str]] = []
        for piece in pieces:
            if (
                merged
                and self._entry([*merged[-1], "and", *piece]) is not None
                and (self._entry(merged[-1]) is None or self._entry(piece) is None)
            ):
                merged[-1] = [*merged[-1], "and", *piece]
            else:
                merged.append(piece)
        return [p for p in merged if p]

    def _run(self, words: list[str]) -> list[list[str]] | None:
        """Items said one after another without "and" ("a burger a coke", "two chicken burgers
        a large coffee": an "&" typed between them is no word), cut where a count starts the
        next one; None unless every part is an item."""
        if self._entry(words) is not None:
            return [words]
        for cut in range(1, len(words)):
            counted = words[cut] in _ONE or parse_number_words(words[cut : cut + 1]) is not None
            if (
                counted
                and self._entry(words[:cut]) is not None
                and (rest := self._run(words[cut:]))
            ):
                return [words[:cut], *rest]
        return None

    def _quantity(self, words: list[str]) -> tuple[float | None, list[str]]:
        if not words:
            return None, words
        if words[0] in _ONE and len(words) > 1:
            return 1, words[1:]
        if words[0] in _UNCOUNTED:
            return None, words[1:]
        for cut in range(min(4, len(words) - 1), 0, -1):
            number = parse_number_words(words[:cut])
            if number is not None:
                rest = words[cut:]
                if rest[:1] == ["of"]:  # "a dozen of the", "two of the"
                    rest = rest[1:]
                if rest[:1] and rest[0] in _UNCOUNTED:
                    rest = rest[1:]
                return float(number), rest
        return None, words

    def _options_of(self, words: list[str]) -> tuple[str, ...] | None:
        """The options these words name ("extra cheese and no pickles"), or None."""
        found: list[str] = []
        i = 0
        while i < len(words):
            if words[i] in _OPTION_LEADS:
                i += 1
                continue
            for end in range(len(words), i, -1):
                option = self._options.get(tuple(words[i:end]))
                if option is not None:
                    found.append(option)
                    i = end
                    break
            else:
                return None
        return tuple(found) if found else None

    def _name(self, words: list[str]) -> str | None:
        if not words:
            return None
        if self.items is None:
            return " ".join(words)
        for form in _singular(tuple(words)):
            if form in self._items:
                return self._items[form]
        return None

    def _entry(self, words: list[str]) -> ListedItem | None:
        raw = " ".join(words)
        quantity, rest = self._quantity(words)
        size = None
        # Size before the name ("a large coffee") or after it ("a coffee, large").
        for end in range(min(3, len(rest)), 0, -1):
            if tuple(rest[:end]) in self._sizes:
                size, rest = self._sizes[tuple(rest[:end])], rest[end:]
                break
        options: tuple[str, ...] = ()
        if "with" in rest or "without" in rest or "no" in rest or "extra" in rest:
            # The name is everything before the first option word that starts a known option.
            for cut in range(1, len(rest)):
                tail = rest[cut:]
                found = self._options_of(tail)
                if found is not None and self._name(rest[:cut]) is not None:
                    options, rest = found, rest[:cut]
                    break
        if size is None:
            for start in range(max(1, len(rest) - 2), len(rest)):
                if tuple(rest[start:]) in self._sizes and self._name(rest[:start]) is not None:
                    size, rest = self._sizes[tuple(rest[start:])], rest[:start]
                    break
        name = self._name(rest)
        for cut in range(1, len(rest) if name is None else 0):
            # An option said before the name: "a chocolate milkshake", "an oat milk latte".
            found = self._options_of(rest[:cut])
            if found is not None and (name := self._name(rest[cut:])) is not None:
                options = (*found, *options)
                break
        if name is None:
            return None
        return ListedItem(name, quantity, size, options, raw)

    def examples(self, env: SlotEnv) -> Sequence[str]:
        """Lists for example utterances: ``example_lists``, or some built from the vocabulary."""
        if self.example_lists:
            return self.example_lists
        names = list(self.items or {"apples": (), "pears": ()})
        sizes = list(self.sizes or {})
        out = [f"a {names[0]}", f"two {names[min(1, len(names) - 1)]}s"]
        if len(names) > 2:
            big = f"a {sizes[-1]} " if sizes else "a "
            out.append(f"{big}{names[2]} and a {names[0]}")
        return out
