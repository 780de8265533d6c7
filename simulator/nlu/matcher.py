"""Token-level matching of a resolved template against an utterance.

The template is compiled (and cached) into a small acyclic state graph --
``WORD``, ``SLOT``, ``SPLIT`` (epsilon choice) and ``END`` states -- and
matched with a forward dynamic programme over ``(state, token position)``,
which is backtracking with memoisation: every state is visited at most once
per position, so even templates with astronomically many expansions match in
polynomial time. A global step *budget* still bounds the work (slot spans make
it quadratic in the number of tokens).

Scoring: a complete match must consume all tokens; the best one has the most
tokens consumed by literal words (and hence the fewest in slots). Ties are
broken deterministically, earlier slots taking the shorter span.

Two passes are made. The first is pruned by a cheap structural feasibility
test (computed with bit masks, treating every slot as accepting any span), so
the slot acceptor is only asked about spans that could lead to a complete
match. Only if that fails does an unpruned pass run to produce a
:class:`NearMiss` describing how far the input got.
"""

from __future__ import annotations

import functools
import heapq
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Final

from simulator.nlu.expand import count_expansions, expand
from simulator.nlu.template import Alt, Node, Opt, RuleRef, Seq, SlotRef, Word

__all__ = [
    "NO_VALUE",
    "Match",
    "NearMiss",
    "SlotAcceptor",
    "SlotSpan",
    "full_match",
    "match",
    "precompile",
]

NO_VALUE: Final = object()
"""Sentinel an acceptor returns to reject a span."""

SlotAcceptor = Callable[[str, Sequence[str], int, int], object]
"""``(slot_name, tokens, start, end) -> parsed value`` or :data:`NO_VALUE`."""


@dataclass
class SlotSpan:
    """A slot bound to ``tokens[start:end]`` with the acceptor's parsed *value*."""

    name: str
    start: int
    end: int
    value: object


@dataclass
class Match:
    """A complete match: slot bindings and how many tokens literal words consumed."""

    slots: dict[str, SlotSpan]
    literal_tokens: int


@dataclass
class NearMiss:
    """Why no complete match exists.

    ``tokens[0:furthest]`` could be matched by some path. If ``furthest <
    len(tokens)``, *expected* lists what the template wanted at token
    ``furthest`` (words, or ``"{slot}"`` for a slot whose acceptor rejected
    every span starting there); an empty list there means the template was
    already complete and the remaining tokens were extra. If ``furthest ==
    len(tokens)`` the input ended early and *expected* lists what the
    template still needed next.
    """

    furthest: int
    expected: list[str]


_END, _WORD, _SLOT, _SPLIT = range(4)
_MISSING: Final = object()


@dataclass(frozen=True, slots=True)
class _Program:
    """Compiled template; every edge goes from a higher to a lower state id."""

    kinds: tuple[int, ...]
    args: tuple[str, ...]  # word text, slot name, or ""
    nexts: tuple[tuple[int, ...], ...]
    start: int
    slotless: bool
    """No slot states: the feasibility test is then exact, and a match is all literal words."""


@functools.lru_cache(maxsize=4096)
def _compile(node: Node) -> _Program:
    kinds: list[int] = []
    args: list[str] = []
    nexts: list[tuple[int, ...]] = []

    def emit(kind: int, arg: str, nxt: tuple[int, ...]) -> int:
        kinds.append(kind)
        args.append(arg)
        nexts.append(nxt)
        return len(kinds) - 1

    # States are emitted after their successors, so ids decrease along every
    # edge: descending id order is a topological order of the epsilon edges.
    def comp(n: Node, nxt: int) -> int:
        if isinstance(n, Word):
            return emit(_WORD, n.text, (nxt,))
        if isinstance(n, SlotRef):
            return emit(_SLOT, n.name, (nxt,))
        if isinstance(n, Seq):
            cur = nxt
            for item in reversed(n.items):
                cur = comp(item, cur)
            return cur
        if isinstance(n, Alt):
            # Compile the first option last so it gets the highest ids and
            # wins ties (higher ids are processed first at each position).
            entries = [comp(o, nxt) for o in reversed(n.options)]
            return emit(_SPLIT, "", tuple(reversed(entries)))
        if isinstance(n, Opt):
            present = comp(n.item, nxt)
            return emit(_SPLIT, "", (present, nxt))
        if isinstance(n, RuleRef):
            raise ValueError(f"unresolved rule reference <{n.name}>; resolve rules first")
        raise TypeError(f"not a template node: {n!r}")

    end = emit(_END, "", ())
    start = comp(node, end)
    return _Program(tuple(kinds), tuple(args), tuple(nexts), start, _SLOT not in kinds)


_BY_ID: dict[int, tuple[Node, _Program]] = {}


def _program(node: Node) -> _Program:
    """The compiled program of *node*, found by identity first.

    Nodes are frozen dataclasses whose hash walks the whole tree; the router matches the same
    node objects on every utterance, so an identity lookup saves that walk. The node is kept in
    the entry so its id cannot be reused while the entry lives.
    """
    hit = _BY_ID.get(id(node))
    if hit is not None and hit[0] is node:
        return hit[1]
    prog = _compile(node)
    if len(_BY_ID) >= 8192:
        _BY_ID.clear()
    _BY_ID[id(node)] = (node, prog)
    return prog


_PHRASES_LIMIT: Final = 256
"""The most phrasings a slotless template is spelled out into (`_phrases`)."""
_PHRASES: dict[int, tuple[_Program, frozenset[tuple[str, ...]] | None]] = {}


def _phrases(prog: _Program, node: Node) -> frozenset[tuple[str, ...]] | None:
    """Every phrasing of a slotless template of at most `_PHRASES_LIMIT`, else None.

    Made on the template's first full match and kept (by the program's identity, as
    `_program` keeps programs): a set lookup then answers what the feasibility pass would
    (exact without slots), about ten times faster, on every later utterance.
    """
    hit = _PHRASES.get(id(prog))
    if hit is not None and hit[0] is prog:
        return hit[1]
    phrases: frozenset[tuple[str, ...]] | None = None
    if count_expansions(node) <= _PHRASES_LIMIT:
        # Each word state takes one token, as the word's text: the phrasings are those texts.
        phrases = frozenset(tuple(w for w in words if isinstance(w, str)) for words in expand(node))
    if len(_PHRASES) >= 8192:
        _PHRASES.clear()
    _PHRASES[id(prog)] = (prog, phrases)
    return phrases


def precompile(node: Node) -> None:
    """Compile *node* now so its first match does not pay for it (warm-up)."""
    _program(node)


def _feasibility(prog: _Program, tokens: Sequence[str]) -> list[int]:
    """Per state, a bit mask of positions from which END is reachable.

    Slots are assumed to accept any non-empty span, so this over-approximates
    real matches; it is used only to prune.
    """
    n = len(tokens)
    word_at: dict[str, int] = {}
    for i, tok in enumerate(tokens):
        word_at[tok] = word_at.get(tok, 0) | (1 << i)
    kinds, args, nexts = prog.kinds, prog.args, prog.nexts
    feas = [0] * len(kinds)
    for s, kind in enumerate(kinds):  # ascending id: successors already done
        if kind == _END:
            feas[s] = 1 << n
        elif kind == _WORD:
            feas[s] = word_at.get(args[s], 0) & (feas[nexts[s][0]] >> 1)
        elif kind == _SLOT:
            # From p the slot can end at any e > p; feasible iff some e > p is.
            m = feas[nexts[s][0]]
            feas[s] = (1 << (m.bit_length() - 1)) - 1 if m else 0
        else:
            acc = 0
            for nx in nexts[s]:
                acc |= feas[nx]
            feas[s] = acc
    return feas


# Per position: state -> (score, previous state, previous position, slot value).
_Layer = dict[int, tuple[int, int, int, object]]


def _forward(
    prog: _Program,
    tokens: Sequence[str],
    accept: SlotAcceptor,
    cache: dict[tuple[str, int, int], object],
    feas: list[int] | None,
    budget: int,
) -> list[_Layer]:
    """Run the forward DP; prune with *feas* if given. Returns the layers."""
    n = len(tokens)
    kinds, args, nexts = prog.kinds, prog.args, prog.nexts
    everywhere = (1 << (n + 1)) - 1
    layers: list[_Layer] = [{} for _ in range(n + 1)]
    start = prog.start
    if feas is not None and not feas[start] & 1:
        return layers
    layers[0][start] = (0, -1, -1, None)
    steps = 0
    for p in range(n + 1):
        layer = layers[p]
        if not layer:
            continue
        tok = tokens[p] if p < n else None
        heap = [-s for s in layer]
        heapq.heapify(heap)
        while heap:
            s = -heapq.heappop(heap)
            steps += 1
            if steps > budget:
                return layers
            score = layer[s][0]
            kind = kinds[s]
            if kind == _WORD:
                nx = nexts[s][0]
                if args[s] == tok and (feas is None or feas[nx] >> (p + 1) & 1):
                    target = layers[p + 1]
                    old = target.get(nx)
                    if old is None or score + 1 > old[0]:
                        target[nx] = (score + 1, s, p, None)
            elif kind == _SLOT:
                name = args[s]
                nx = nexts[s][0]
                ends = (everywhere if feas is None else feas[nx]) >> (p + 1) << (p + 1)
                while ends:  # set bits in ascending order: shortest span first
                    low = ends & -ends
                    ends ^= low
                    e = low.bit_length() - 1
                    steps += 1
                    key = (name, p, e)
                    value = cache.get(key, _MISSING)
                    if value is _MISSING:
                        value = cache[key] = accept(name, tokens, p, e)
                    if value is NO_VALUE:
                        continue
                    target = layers[e]
                    old = target.get(nx)
                    if old is None or score > old[0]:
                        target[nx] = (score, s, p, value)
            elif kind == _SPLIT:
                for nx in nexts[s]:
                    if feas is not None and not feas[nx] >> p & 1:
                        continue
                    old = layer.get(nx)
                    if old is None:
                        layer[nx] = (score, s, p, None)
                        heapq.heappush(heap, -nx)  # nx < s: not processed yet
                    elif score > old[0]:
                        layer[nx] = (score, s, p, None)
    return layers


def match(
    node: Node, tokens: Sequence[str], accept: SlotAcceptor, *, budget: int = 20000
) -> Match | NearMiss:
    """Match resolved template *node* against *tokens* (all must be consumed).

    Each candidate slot span (1+ tokens) is offered to *accept*, which returns
    a parsed value or :data:`NO_VALUE`; results are memoised per
    ``(name, start, end)`` within this call. The best complete match has the
    most literal tokens. If a slot name occurs twice on the matched path, the
    later binding overwrites the earlier one. *budget* caps the steps (state
    visits plus acceptor calls) of each of the two passes; when it runs out
    the best result found so far, or a :class:`NearMiss`, is returned.
    Raises :class:`ValueError` if *node* contains an unresolved rule.
    """
    prog = _program(node)
    n = len(tokens)
    cache: dict[tuple[str, int, int], object] = {}
    layers = _forward(prog, tokens, accept, cache, _feasibility(prog, tokens), budget)
    end_state = 0
    if end_state in layers[n]:
        return _build_match(prog, layers, n)
    return _near_miss(prog, tokens, accept, cache, budget)


def full_match(
    node: Node, tokens: Sequence[str], accept: SlotAcceptor, *, budget: int = 20000
) -> Match | None:
    """Like :func:`match`, but ``None`` instead of a :class:`NearMiss`.

    The router asks this of dozens of templates per utterance and needs no explanation of the
    ones that fail, so the unpruned diagnostic pass is never run; and when the cheap
    feasibility test already rules the template out, the slot acceptor is never called.
    """
    prog = _program(node)
    n = len(tokens)
    if prog.slotless:
        phrases = _phrases(prog, node)
        if phrases is not None:
            # A small template of words only: a full match is one of its phrasings, said as is.
            return Match({}, n) if tuple(tokens) in phrases else None
    feas = _feasibility(prog, tokens)
    if not feas[prog.start] & 1:
        return None
    if prog.slotless:
        # Without slots feasibility is exact: some path of words spells the whole utterance.
        return Match({}, n)
    layers = _forward(prog, tokens, accept, {}, feas, budget)
    if 0 in layers[n]:
        return _build_match(prog, layers, n)
    return None


def _near_miss(
    prog: _Program,
    tokens: Sequence[str],
    accept: SlotAcceptor,
    cache: dict[tuple[str, int, int], object],
    budget: int,
) -> NearMiss:
    """How far *tokens* got into *prog* (see :class:`NearMiss`)."""
    # Diagnostic pass without pruning, to find how far the input got.
    layers = _forward(prog, tokens, accept, cache, None, budget)
    furthest = max((p for p, layer in enumerate(layers) if layer), default=0)
    expected: dict[str, None] = {}
    for s in sorted(layers[furthest], reverse=True):
        kind = prog.kinds[s]
        if kind == _WORD:
            expected.setdefault(prog.args[s], None)
        elif kind == _SLOT:
            expected.setdefault("{" + prog.args[s] + "}", None)
    return NearMiss(furthest, list(expected))


def _build_match(prog: _Program, layers: list[_Layer], n: int) -> Match:
    """Follow back-pointers from END at position *n* to collect slot spans."""
    spans: list[SlotSpan] = []
    state, pos = 0, n
    literal = layers[n][0][0]
    while True:
        _, prev_state, prev_pos, value = layers[pos][state]
        if prev_state < 0:
            break
        if prog.kinds[prev_state] == _SLOT:
            spans.append(SlotSpan(prog.args[prev_state], prev_pos, pos, value))
        state, pos = prev_state, prev_pos
    slots: dict[str, SlotSpan] = {}
    for span in reversed(spans):  # forward order: a later occurrence overwrites
        slots[span.name] = span
    return Match(slots, literal)
