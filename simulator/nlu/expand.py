"""Pure functions over resolved template ASTs: counting, enumerating, sampling.

All functions expect rules to be resolved already (see
:meth:`simulator.nlu.template.RuleSet.resolve`); those that need the words
of a rule raise :class:`ValueError` on a :class:`RuleRef`.

Counting is structural: ``(a|a)`` counts as two expansions even though both
read "a". Resolved trees may share sub-trees (a rule used twice is the same
object), so the recursive helpers memoise on object identity to stay linear
in the size of the DAG rather than the size of the unfolded tree.
"""

from __future__ import annotations

import functools
import itertools
import random
import threading
from collections.abc import Callable, Iterator, Mapping
from typing import TypeVar

from simulator.nlu import template_cache
from simulator.nlu.template import Alt, Node, Opt, RuleRef, Seq, SlotRef, Word

__all__ = [
    "count_expansions",
    "expand",
    "expansion_counter",
    "literal_words",
    "max_tokens",
    "min_tokens",
    "required_words",
    "rule_names",
    "sample",
    "slot_names",
]

_Expansion = tuple[str | SlotRef, ...]
_R = TypeVar("_R")

_PER_NODE_LIMIT = 50_000
"""Results kept per cached function; past it the cache starts again (hot reloads parse new
trees, and the old ones should not be kept alive for ever)."""


def _per_node(fn: Callable[[Node], _R]) -> Callable[[Node], _R]:
    """Cache ``fn``'s result per node *object*.

    A skill's template trees are parsed once and never change (the nodes are frozen), but every
    router built over them (each simulator, each test, each home in an evaluation) analysed them
    again: most of the time it took to build a router. Keyed on identity, not equality: hashing
    a deep tree costs as much as the analysis. The cache holds the node, so its id cannot be
    reused by another object while the entry exists.
    """
    cache: dict[int, tuple[Node, _R]] = {}
    lock = threading.Lock()

    @functools.wraps(fn)
    def cached(node: Node) -> _R:
        hit = cache.get(id(node))
        if hit is not None and hit[0] is node:
            return hit[1]
        result = fn(node)
        with lock:
            if len(cache) >= _PER_NODE_LIMIT:
                cache.clear()
            cache[id(node)] = (node, result)
        return result

    return cached


def _unresolved(node: RuleRef) -> ValueError:
    return ValueError(f"unresolved rule reference <{node.name}>; resolve rules first")


def _make_counter(slot_sizes: Mapping[str, int] | None) -> Callable[[Node], int]:
    """Return a memoised structural expansion counter."""
    sizes = slot_sizes or {}
    memo: dict[int, int] = {}

    def count(n: Node) -> int:
        key = id(n)
        if key in memo:
            return memo[key]
        if isinstance(n, Word):
            result = 1
        elif isinstance(n, Seq):
            result = 1
            for item in n.items:
                result *= count(item)
        elif isinstance(n, Alt):
            result = sum(count(o) for o in n.options)
        elif isinstance(n, Opt):
            result = 1 + count(n.item)
        elif isinstance(n, SlotRef):
            result = sizes.get(n.name, 1)
        else:
            raise _unresolved(n)
        memo[key] = result
        return result

    return count


def expansion_counter() -> Callable[[Node], int]:
    """A memoised structural counter (slots count 1) to share between :func:`sample` calls.

    It remembers nodes by identity: use it only while the templates it saw are alive.
    """
    return _make_counter(None)


def count_expansions(node: Node, slot_sizes: Mapping[str, int] | None = None) -> int:
    """Number of surface sequences of *node*, computed structurally.

    Product over :class:`Seq`, sum over :class:`Alt`, ``1 + x`` for
    :class:`Opt`; a slot counts ``slot_sizes.get(name, 1)``. Never enumerates,
    so astronomically large counts are returned instantly.
    """
    return _make_counter(slot_sizes)(node)


def _gen(node: Node) -> Iterator[_Expansion]:
    """Lazily yield the expansions of *node* (Opt: present first, then absent)."""
    if isinstance(node, Word):
        yield (node.text,)
    elif isinstance(node, SlotRef):
        yield (node,)
    elif isinstance(node, Seq):
        yield from _gen_seq(node.items, 0)
    elif isinstance(node, Alt):
        for option in node.options:
            yield from _gen(option)
    elif isinstance(node, Opt):
        yield from _gen(node.item)
        yield ()
    else:
        raise _unresolved(node)


def _gen_seq(items: tuple[Node, ...], start: int) -> Iterator[_Expansion]:
    # Nested generators instead of itertools.product: product would
    # materialise every item's expansions up front, which is impossible for
    # huge templates when only the first few expansions are wanted.
    if start == len(items):
        yield ()
        return
    for head in _gen(items[start]):
        for tail in _gen_seq(items, start + 1):
            yield head + tail


def expand(node: Node, limit: int | None = None) -> Iterator[_Expansion]:
    """Lazily enumerate expansions of *node* as tuples of words and :class:`SlotRef`.

    Yields exactly :func:`count_expansions` items (slots counting 1), or at
    most *limit* of them.
    """
    gen = _gen(node)
    return gen if limit is None else itertools.islice(gen, limit)


def sample(
    node: Node, rng: random.Random, *, counts: Callable[[Node], int] | None = None
) -> _Expansion:
    """Draw one expansion uniformly over all (structural) expansions of *node*.

    Alt options and the Opt present/absent choice are weighted by their
    expansion counts, so every expansion has probability ``1 / count``.
    Runs in time linear in the template size. ``counts`` (from
    :func:`expansion_counter`) keeps the counts between draws from one template:
    drawing many sentences from it then counts its branches once, not per draw.
    """
    count = counts or _make_counter(None)
    out: list[str | SlotRef] = []

    def walk(n: Node) -> None:
        if isinstance(n, Word):
            out.append(n.text)
        elif isinstance(n, SlotRef):
            out.append(n)
        elif isinstance(n, Seq):
            for item in n.items:
                walk(item)
        elif isinstance(n, Alt):
            pick = rng.randrange(count(n))
            for option in n.options:
                pick -= count(option)
                if pick < 0:
                    walk(option)
                    break
        elif isinstance(n, Opt):
            # Absent is exactly one of the 1 + count(item) expansions.
            if rng.randrange(count(n)) != 0:
                walk(n.item)
        else:
            raise _unresolved(n)

    walk(node)
    return tuple(out)


def slot_names(node: Node) -> list[str]:
    """Slot names in order of first appearance, without duplicates."""
    kept = template_cache.slot_names(node)  # a skill's template, named by an earlier process
    if kept is not None:
        return list(kept)
    seen: dict[str, None] = {}
    visited: set[int] = set()

    def walk(n: Node) -> None:
        if id(n) in visited:
            return
        visited.add(id(n))
        if isinstance(n, SlotRef):
            seen.setdefault(n.name, None)
        elif isinstance(n, Seq):
            for item in n.items:
                walk(item)
        elif isinstance(n, Alt):
            for option in n.options:
                walk(option)
        elif isinstance(n, Opt):
            walk(n.item)

    walk(node)
    template_cache.remember_slot_names(node, tuple(seen))
    return list(seen)


def _nodes(node: Node) -> Iterator[Node]:
    """Every node of the tree, parents before children."""
    stack = [node]
    while stack:
        n = stack.pop()
        yield n
        if isinstance(n, Seq):
            stack.extend(n.items)
        elif isinstance(n, Alt):
            stack.extend(n.options)
        elif isinstance(n, Opt):
            stack.append(n.item)


def rule_names(node: Node) -> set[str]:
    """Names of all (unresolved) rule references in *node*."""
    return {n.name for n in _nodes(node) if isinstance(n, RuleRef)}


@_per_node
def required_words(node: Node) -> frozenset[str]:
    """Words present on every expansion of *node*.

    Seq = union of its parts, Alt = intersection of its options,
    Opt and slots contribute nothing.
    """
    memo: dict[int, frozenset[str]] = {}
    empty: frozenset[str] = frozenset()

    def req(n: Node) -> frozenset[str]:
        key = id(n)
        if key in memo:
            return memo[key]
        if isinstance(n, Word):
            result = frozenset((n.text,))
        elif isinstance(n, Seq):
            result = empty.union(*(req(i) for i in n.items))
        elif isinstance(n, Alt):
            result = req(n.options[0]).intersection(*(req(o) for o in n.options[1:]))
        elif isinstance(n, Opt | SlotRef):
            result = empty
        else:
            raise _unresolved(n)
        memo[key] = result
        return result

    return req(node)


@_per_node
def literal_words(node: Node) -> frozenset[str]:
    """All words appearing anywhere in *node*."""
    # A skill's template analysed by an earlier process: the index's facts hold its words.
    kept = template_cache.literal_words(node)
    if kept is not None:
        return kept
    out: set[str] = set()
    for n in _nodes(node):
        if isinstance(n, Word):
            out.add(n.text)
        elif isinstance(n, RuleRef):
            raise _unresolved(n)
    return frozenset(out)


@_per_node
def min_tokens(node: Node) -> int:
    """Fewest tokens any expansion of *node* has (a slot counts 1)."""
    memo: dict[int, int] = {}

    def low(n: Node) -> int:
        key = id(n)
        if key in memo:
            return memo[key]
        if isinstance(n, Word | SlotRef):
            result = 1
        elif isinstance(n, Seq):
            result = sum(low(i) for i in n.items)
        elif isinstance(n, Alt):
            result = min(low(o) for o in n.options)
        elif isinstance(n, Opt):
            result = 0
        else:
            raise _unresolved(n)
        memo[key] = result
        return result

    return low(node)


@_per_node
def max_tokens(node: Node) -> int | None:
    """Most tokens any expansion of *node* has; ``None`` if a slot makes it unbounded."""
    memo: dict[int, int | None] = {}

    def high(n: Node) -> int | None:
        key = id(n)
        if key in memo:
            return memo[key]
        result: int | None
        if isinstance(n, Word):
            result = 1
        elif isinstance(n, SlotRef):
            result = None
        elif isinstance(n, Seq | Alt):
            parts = [high(i) for i in (n.items if isinstance(n, Seq) else n.options)]
            if any(p is None for p in parts):
                result = None
            else:
                ints = [p for p in parts if p is not None]
                result = sum(ints) if isinstance(n, Seq) else max(ints)
        elif isinstance(n, Opt):
            result = high(n.item)
        else:
            raise _unresolved(n)
        memo[key] = result
        return result

    return high(node)
