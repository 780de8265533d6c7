"""An inverted index that narrows many templates down to plausible candidates.

Each template is summarised by *clauses*: sets of words of which the utterance
must contain at least one. A required word is a clause of one word; an
alternative of words ``(temperature|temp|heat)`` is a clause of three; a slot
whose values form a closed list ({way}: "raise", "lower", "turn up"...) is a
clause of the words its values can start with. An entry is keyed on its
*rarest* clause (the one whose words the fewest entries use as keys), so a
lookup only touches entries sharing a word with the utterance plus the few
entries with no clause at all (a template that is one open slot). Keys are
recomputed lazily after additions, because rarity depends on everything added
so far; any clause is a correct key, rarity only keeps the posting lists short.

Candidates are then checked cheaply against every clause, the token counts a
match can have, and the words a match must start and end with, before the
matcher runs. All checks over-approximate: the index never drops a template
that could match.
"""

from __future__ import annotations

import heapq
import threading
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, NamedTuple, TypeVar

from simulator.nlu import template_cache
from simulator.nlu.expand import literal_words, min_tokens
from simulator.nlu.template import Alt, Node, Opt, Seq, SlotRef, Word

__all__ = ["SlotShape", "TemplateIndex"]

P = TypeVar("P")

_Clause = frozenset[str]


@dataclass(frozen=True, slots=True)
class SlotShape:
    """What the index may assume about the words a slot takes.

    ``first`` and ``last`` are the words a value can start and end with, when the slot's values
    form a closed list (``None``: any word, e.g. a number or a device name known only at
    runtime); ``max_tokens`` is the longest value (``None``: no limit).
    """

    first: frozenset[str] | None = None
    last: frozenset[str] | None = None
    max_tokens: int | None = None


_OPEN = SlotShape()


class _Entry(NamedTuple, Generic[P]):
    """One indexed template and what the index knows of it (a named tuple: made once per
    template per router, and a frozen dataclass's construction cost three times as much)."""

    node: Node
    payload: P
    clauses: tuple[_Clause, ...]
    literal: frozenset[str]
    min_len: int
    max_len: int | None
    first: frozenset[str] | None
    last: frozenset[str] | None


class _Shape:
    """Structural facts about a resolved template, given what its slots may take."""

    def __init__(self, slots: Mapping[str, SlotShape]) -> None:
        self.slots = slots
        self._clauses: dict[int, tuple[_Clause, ...]] = {}

    def slot(self, node: SlotRef) -> SlotShape:
        return self.slots.get(node.name, _OPEN)

    def clauses(self, node: Node) -> tuple[_Clause, ...]:
        """Word sets every match must draw at least one word from (memoised by identity)."""
        key = id(node)
        hit = self._clauses.get(key)
        if hit is not None:
            return hit
        result: tuple[_Clause, ...]
        if isinstance(node, Word):
            result = (frozenset((node.text,)),)
        elif isinstance(node, SlotRef):
            first = self.slot(node).first
            result = (first,) if first else ()
        elif isinstance(node, Seq):
            merged: dict[_Clause, None] = {}
            for item in node.items:
                merged.update(dict.fromkeys(self.clauses(item)))
            result = tuple(merged)
        elif isinstance(node, Alt):
            # A clause every option has holds for the alternative (so a word every option
            # requires stays required). Besides, every option must contribute a word: the
            # union of one clause per option (its smallest, which keeps the union tight) is a
            # clause too, unless some option ("[the] {x}") has none.
            per_option = [self.clauses(option) for option in node.options]
            common = [c for c in per_option[0] if all(c in other for other in per_option[1:])]
            union: set[str] = set()
            if all(per_option):
                for options in per_option:
                    union |= min(options, key=len)
            if union and frozenset(union) not in common:
                common.append(frozenset(union))
            result = tuple(common)
        else:  # Opt, or an unresolved rule: nothing is certain
            result = ()
        self._clauses[key] = result
        return result

    def max_len(self, node: Node) -> int | None:
        """Most tokens a match can have; ``None`` when a slot of unknown length makes it open."""
        if isinstance(node, Word):
            return 1
        if isinstance(node, SlotRef):
            return self.slot(node).max_tokens
        if isinstance(node, Seq | Alt):
            parts = [
                self.max_len(i) for i in (node.items if isinstance(node, Seq) else node.options)
            ]
            ints = [p for p in parts if p is not None]
            if len(ints) < len(parts):
                return None
            return sum(ints) if isinstance(node, Seq) else max(ints)
        if isinstance(node, Opt):
            return self.max_len(node.item)
        return None

    def edges(self, node: Node, reverse: bool) -> tuple[set[str], bool, bool]:
        """(words that can come first, whether anything may, whether the node can be empty)."""
        if isinstance(node, Word):
            return {node.text}, False, False
        if isinstance(node, SlotRef):
            shape = self.slot(node)
            closed = shape.last if reverse else shape.first
            return (set(), True, False) if closed is None else (set(closed), False, False)
        words: set[str] = set()
        if isinstance(node, Opt):
            words, anything, _ = self.edges(node.item, reverse)
            return words, anything, True
        if isinstance(node, Alt):
            anything, empty = False, False
            for option in node.options:
                w, a, e = self.edges(option, reverse)
                words |= w
                anything = anything or a
                empty = empty or e
            return words, anything, empty
        if isinstance(node, Seq):
            anything = False
            for item in reversed(node.items) if reverse else node.items:
                w, a, e = self.edges(item, reverse)
                words |= w
                anything = anything or a
                if not e:
                    return words, anything, False
            return words, anything, True
        return set(), True, True  # an unresolved rule: assume anything

    def edge_words(self, node: Node, *, reverse: bool) -> frozenset[str] | None:
        """The words a match must start (or end) with, or None when any word may."""
        words, anything, empty = self.edges(node, reverse)
        return None if anything or empty else frozenset(words)


_Facts = tuple[
    tuple[_Clause, ...],
    frozenset[str],
    int,
    int | None,
    frozenset[str] | None,
    frozenset[str] | None,
]
"""What the index knows of one template: clauses, literal words, least and most tokens, and the
words a match must start and end with."""

_FACTS: dict[tuple[int, tuple[tuple[str, SlotShape], ...]], tuple[Node, _Facts]] = {}
_FACTS_LIMIT = 50_000
_FACTS_LOCK = threading.Lock()


def _facts(node: Node, slots: Mapping[str, SlotShape]) -> _Facts:
    """The index's facts about ``node`` given its slots' shapes, computed once per tree.

    Every router is built over the same parsed trees (each simulator, each test, each home of an
    evaluation), and analysing them was most of what building a router cost. Keyed on the
    tree's identity (hashing a deep tree costs as much as analysing it; the entry holds the
    node, so its id is not reused while the entry lives) and on its intent's slot shapes, which
    a skill reload can change.
    """
    key = (id(node), tuple(sorted(slots.items())))
    hit = _FACTS.get(key)
    if hit is not None and hit[0] is node:
        return hit[1]
    # A skill's template (parsed through `RuleSet.parse`) may have its facts in the start-up
    # cache, computed by an earlier process.
    kept = template_cache.facts(node, slots)
    if kept is not None:
        with _FACTS_LOCK:
            _FACTS[key] = (node, kept)
        return kept
    shape = _Shape(slots)
    facts: _Facts = (
        shape.clauses(node),
        literal_words(node),
        min_tokens(node),
        shape.max_len(node),
        shape.edge_words(node, reverse=False),
        shape.edge_words(node, reverse=True),
    )
    with _FACTS_LOCK:
        if len(_FACTS) >= _FACTS_LIMIT:
            _FACTS.clear()  # hot reloads parse new trees: do not keep the old ones for ever
        _FACTS[key] = (node, facts)
    template_cache.remember_facts(node, slots, facts)
    return facts


class TemplateIndex(Generic[P]):
    """Resolved templates with payloads, looked up by the tokens of an utterance."""

    def __init__(self) -> None:
        self._entries: list[_Entry[P]] = []
        self._clause_df: Counter[str] = Counter()  # entries with a clause holding each word
        self._by_key: dict[str, list[int]] = {}  # a word of the rarest clause -> entry ids
        self._unkeyed: list[int] = []  # entries without any clause
        # Every literal word -> entry ids, made on the first `near` (only a fallback's
        # explanation asks; most routers never do, and filling it was a sixth of their build).
        self._by_literal: dict[str, list[int]] | None = None
        self._dirty = False

    def add(self, node: Node, payload: P, slots: Mapping[str, SlotShape] | None = None) -> None:
        """Add a resolved template *node* with its *payload*.

        ``slots`` says what each slot may take (see `SlotShape`); slots not named there may
        take any words, which is always correct, only less selective.
        """
        facts = _facts(node, slots or {})
        entry = _Entry(node, payload, *facts)
        clauses = facts[0]
        self._entries.append(entry)
        self._clause_df.update(set().union(*clauses))  # each word once per entry
        self._by_literal = None
        self._dirty = True

    def _literal_postings(self) -> dict[str, list[int]]:
        """Every literal word -> the ids of the entries using it (made once, see `__init__`)."""
        by_literal = self._by_literal
        if by_literal is None:
            by_literal = {}
            for idx, entry in enumerate(self._entries):
                for word in entry.literal:
                    by_literal.setdefault(word, []).append(idx)
            self._by_literal = by_literal
        return by_literal

    def _rebuild(self) -> None:
        df = self._clause_df
        self._by_key = {}
        self._unkeyed = []
        for idx, entry in enumerate(self._entries):
            if entry.clauses:
                key = min(entry.clauses, key=lambda c: (sum(df[w] for w in c), sorted(c)))
                for word in key:
                    self._by_key.setdefault(word, []).append(idx)
            else:
                self._unkeyed.append(idx)
        self._dirty = False

    def candidates(self, tokens: Sequence[str]) -> list[tuple[Node, P]]:
        """Entries that could match *tokens*, in insertion order.

        An entry qualifies if every clause of it shares a word with *tokens*
        (so all its required words occur), its minimum/maximum token counts
        admit ``len(tokens)``, and the utterance starts and ends with words a
        match may start and end with.
        """
        if self._dirty:
            self._rebuild()
        if not tokens:
            return []
        present = set(tokens)
        n = len(tokens)
        ids = set(self._unkeyed)
        by_key = self._by_key
        for word in present:
            posting = by_key.get(word)
            if posting is not None:
                ids.update(posting)
        first, last = tokens[0], tokens[-1]
        entries = self._entries
        out: list[tuple[Node, P]] = []
        for idx in sorted(ids):
            entry = entries[idx]
            if (
                entry.min_len <= n
                and (entry.max_len is None or n <= entry.max_len)
                # Most templates start or end with a word, not a slot: a cheap first and last
                # word check rules them out before the matcher is run.
                and (entry.first is None or first in entry.first)
                and (entry.last is None or last in entry.last)
                and all(not present.isdisjoint(clause) for clause in entry.clauses)
            ):
                out.append((entry.node, entry.payload))
        return out

    def near(self, tokens: Sequence[str], limit: int = 5) -> list[tuple[Node, P, float]]:
        """Up to *limit* entries sharing a literal word with *tokens*, best first.

        Score is the Jaccard overlap ``|shared| / |literal words ∪ tokens|``;
        ties keep insertion order. Useful for "did you mean" suggestions.
        """
        present = set(tokens)
        by_literal = self._literal_postings()
        shared: Counter[int] = Counter()
        for word in present:
            shared.update(by_literal.get(word, ()))
        scored: list[tuple[float, int]] = []
        for idx, count in shared.items():
            union = len(self._entries[idx].literal) + len(present) - count
            scored.append((count / union, idx))
        # Only the best few are wanted: a partial selection avoids sorting every overlap.
        best = heapq.nsmallest(max(limit, 0), scored, key=lambda item: (-item[0], item[1]))
        return [(self._entries[idx].node, self._entries[idx].payload, score) for score, idx in best]

    def start_words(self) -> frozenset[str]:
        """The words some template must start with (templates that may start anywhere, with a
        free slot, add nothing): where a request can begin inside a longer sentence."""
        return frozenset(w for entry in self._entries if entry.first for w in entry.first)

    def nodes(self) -> list[Node]:
        """Every indexed template node, in insertion order."""
        return [entry.node for entry in self._entries]

    def __len__(self) -> int:
        """Number of entries added."""
        return len(self._entries)
