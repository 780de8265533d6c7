"""An inverted index that narrows many templates down to plausible candidates.

Each entry is keyed on its *rarest* required word (the word, present on every
expansion, that the fewest entries require), so a lookup only touches entries
whose key word occurs in the utterance plus the few entries with no required
word at all. Keys are recomputed lazily after additions, because which word
is rarest depends on everything added so far; any required word is a correct
key, rarity only keeps the posting lists short.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from simulator.nlu.expand import literal_words, max_tokens, min_tokens, required_words
from simulator.nlu.template import Alt, Node, Opt, Seq, SlotRef, Word

__all__ = ["TemplateIndex"]

P = TypeVar("P")


@dataclass(frozen=True, slots=True)
class _Entry(Generic[P]):
    node: Node
    payload: P
    required: frozenset[str]
    literal: frozenset[str]
    min_len: int
    max_len: int | None
    first: frozenset[str] | None
    last: frozenset[str] | None


def _edges(node: Node, reverse: bool) -> tuple[set[str], bool, bool]:
    """(words that can come first, whether a slot can, whether the node can be empty)."""
    if isinstance(node, Word):
        return {node.text}, False, False
    if isinstance(node, SlotRef):
        return set(), True, False
    if isinstance(node, Opt):
        words, slot, _ = _edges(node.item, reverse)
        return words, slot, True
    if isinstance(node, Alt):
        words, slot, empty = set(), False, False
        for option in node.options:
            w, s, e = _edges(option, reverse)
            words |= w
            slot = slot or s
            empty = empty or e
        return words, slot, empty
    if isinstance(node, Seq):
        words, slot = set(), False
        for item in reversed(node.items) if reverse else node.items:
            w, s, e = _edges(item, reverse)
            words |= w
            slot = slot or s
            if not e:
                return words, slot, False
        return words, slot, True
    return set(), True, True  # an unresolved rule: assume anything


def _edge_words(node: Node, *, reverse: bool) -> frozenset[str] | None:
    """The words a match must start (or end) with, or None when a slot or nothing may."""
    words, slot, empty = _edges(node, reverse)
    return None if slot or empty else frozenset(words)


class TemplateIndex(Generic[P]):
    """Resolved templates with payloads, looked up by the tokens of an utterance."""

    def __init__(self) -> None:
        self._entries: list[_Entry[P]] = []
        self._required_df: Counter[str] = Counter()  # entries requiring each word
        self._by_key: dict[str, list[int]] = {}  # rarest required word -> entry ids
        self._unkeyed: list[int] = []  # entries without required words
        self._by_literal: dict[str, list[int]] = {}  # every literal word -> entry ids
        self._dirty = False

    def add(self, node: Node, payload: P) -> None:
        """Add a resolved template *node* with its *payload*."""
        entry = _Entry(
            node,
            payload,
            required_words(node),
            literal_words(node),
            min_tokens(node),
            max_tokens(node),
            _edge_words(node, reverse=False),
            _edge_words(node, reverse=True),
        )
        idx = len(self._entries)
        self._entries.append(entry)
        self._required_df.update(entry.required)
        for word in entry.literal:
            self._by_literal.setdefault(word, []).append(idx)
        self._dirty = True

    def _rebuild(self) -> None:
        df = self._required_df
        self._by_key = {}
        self._unkeyed = []
        for idx, entry in enumerate(self._entries):
            if entry.required:
                key = min(entry.required, key=lambda w: (df[w], w))
                self._by_key.setdefault(key, []).append(idx)
            else:
                self._unkeyed.append(idx)
        self._dirty = False

    def candidates(self, tokens: Sequence[str]) -> list[tuple[Node, P]]:
        """Entries that could match *tokens*, in insertion order.

        An entry qualifies if all its required words occur in *tokens* and
        its minimum/maximum token counts admit ``len(tokens)``.
        """
        if self._dirty:
            self._rebuild()
        present = set(tokens)
        n = len(tokens)
        ids = list(self._unkeyed)
        for word in present:
            ids.extend(self._by_key.get(word, ()))
        ids.sort()
        out: list[tuple[Node, P]] = []
        for idx in ids:
            entry = self._entries[idx]
            if (
                entry.min_len <= n
                and (entry.max_len is None or n <= entry.max_len)
                and entry.required <= present
                # Most templates start or end with a word, not a slot: a cheap first and last
                # word check rules them out before the matcher is run.
                and (entry.first is None or (n > 0 and tokens[0] in entry.first))
                and (entry.last is None or (n > 0 and tokens[-1] in entry.last))
            ):
                out.append((entry.node, entry.payload))
        return out

    def near(self, tokens: Sequence[str], limit: int = 5) -> list[tuple[Node, P, float]]:
        """Up to *limit* entries sharing a literal word with *tokens*, best first.

        Score is the Jaccard overlap ``|shared| / |literal words ∪ tokens|``;
        ties keep insertion order. Useful for "did you mean" suggestions.
        """
        present = set(tokens)
        shared: Counter[int] = Counter()
        for word in present:
            shared.update(self._by_literal.get(word, ()))
        scored: list[tuple[float, int]] = []
        for idx, count in shared.items():
            union = len(self._entries[idx].literal) + len(present) - count
            scored.append((count / union, idx))
        # Only the best few are wanted: a partial selection avoids sorting every overlap.
        best = heapq.nsmallest(max(limit, 0), scored, key=lambda item: (-item[0], item[1]))
        return [(self._entries[idx].node, self._entries[idx].payload, score) for score, idx in best]

    def nodes(self) -> list[Node]:
        """Every indexed template node, in insertion order."""
        return [entry.node for entry in self._entries]

    def __len__(self) -> int:
        """Number of entries added."""
        return len(self._entries)
