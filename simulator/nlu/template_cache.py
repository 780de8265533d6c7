"""Parsed templates kept between processes: the start-up cache.

Every ``speaker-sim say`` imports the skills, which parse about 1,500 templates (and resolve their
rules), and then builds a router, which analyses every tree for the index. Both are pure
functions of text the skills declare, and together they were about a third of a warm ``say``.
This module keeps their results:

* in memory, for the life of the process: ``RuleSet.parse`` of the same text under the same
  rules gives back the same tree object, so everything memoised per tree (the index's facts, the
  matcher's compiled programs) is shared by every skill object and router built over it;
* on disk, in the model cache directory, once `use_directory` names it (the engine does, when it
  builds a simulator): one JSON file per version of the template code (the digest of
  ``simulator/nlu/*.py`` is in its name), holding the trees and what the index derived from them.

Entries are keyed by the template's text and a digest of the rules it could see, so editing a
skill's templates or rules simply misses (and the next save adds the new entries); nothing is
keyed by file names or times. The file is JSON, not pickle: reading a cache never runs code.
It is written to a temporary file and renamed into place, so two processes saving at once each
leave a whole file (the last one wins), and a reader never sees half of one. A file that cannot be
read, or whose contents do not have the expected shape, is ignored and written again.
"""

from __future__ import annotations

import atexit
import hashlib
import json
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from simulator.atomic_write import write_text_atomically

if TYPE_CHECKING:
    from simulator.nlu.index import SlotShape, _Facts
    from simulator.nlu.template import Node

__all__ = [
    "CACHE_FORMAT",
    "cache_file",
    "clear",
    "facts",
    "literal_words",
    "parsed",
    "remember_facts",
    "remember_parse",
    "remember_slot_names",
    "save",
    "save_soon",
    "slot_names",
    "stats",
    "use_directory",
]

CACHE_FORMAT: Final = 1
"""Bumped when the file layout changes (the code digest covers changes to the parser)."""

_MEMORY_LIMIT: Final = 50_000
"""Entries kept in memory; past it the table starts again (hot reloads parse new texts)."""
_FILE_LIMIT: Final = 20_000
"""Entries written to disk; past it only those used by this process are kept."""


class _Entry:
    """One parsed template: its tree, slot names and the index's facts per slot shapes."""

    __slots__ = ("facts", "key", "node", "slots", "used")

    def __init__(self, key: tuple[str, str], node: Node, slots: tuple[str, ...] | None) -> None:
        self.key = key
        self.node = node
        self.slots = slots
        self.facts: dict[str, _Facts] = {}
        self.used = False


_LOCK = threading.RLock()
_ENTRIES: dict[tuple[str, str], _Entry] = {}
_BY_NODE: dict[int, _Entry] = {}  # id(tree) -> entry; the entry holds the tree, so ids stay valid
_SHAPE_DIGESTS: dict[tuple[tuple[str, SlotShape], ...], str] = {}
_state: dict[str, Any] = {
    "directory": None,
    "loaded": False,
    "dirty": False,
    "hits": 0,
    "saved_once": False,  # this process wrote the file (see `save_soon`)
    "at_exit": False,  # a save at interpreter exit is registered
}


def _code_digest() -> str:
    """Digest of the template code (every module of ``simulator/nlu``): a changed parser,
    normaliser or index never reads trees or facts another version made."""
    digest = hashlib.sha256()
    folder = Path(__file__).parent
    for path in sorted(folder.glob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:20]


_CODE: str | None = None


def cache_file(directory: Path) -> Path:
    """The cache file for this version of the template code in ``directory``."""
    global _CODE
    if _CODE is None:
        _CODE = _code_digest()
    return directory / f"templates-v{CACHE_FORMAT}-{_CODE}.json"


def use_directory(directory: Path | None) -> None:
    """Keep the cache in ``directory`` (None: memory only). Reads the file there on first use."""
    with _LOCK:
        if directory != _state["directory"]:
            _state["directory"] = directory
            _state["loaded"] = False
            _state["saved_once"] = False  # the first news for a new place is written at once


def clear() -> None:
    """Forget every entry in memory (the file stays); the file is read again on next use."""
    with _LOCK:
        _state["saved_once"] = False  # as a new process would
        _ENTRIES.clear()
        _BY_NODE.clear()
        _state["loaded"] = False
        _state["dirty"] = False
        _state["hits"] = 0


def stats() -> dict[str, Any]:
    """Entries in memory, hits since start, the directory and whether unsaved entries exist."""
    return {
        "entries": len(_ENTRIES),
        "hits": _state["hits"],
        "directory": None if _state["directory"] is None else str(_state["directory"]),
        "dirty": _state["dirty"],
    }


# -- lookups -------------------------------------------------------------------------------


def parsed(rules: str, text: str) -> Node | None:
    """The tree of ``text`` parsed under the rules with digest ``rules``, if known."""
    _load_once()
    entry = _ENTRIES.get((rules, text))
    if entry is None:
        return None
    entry.used = True
    _state["hits"] += 1
    return entry.node


def remember_parse(rules: str, text: str, node: Node) -> Node:
    """Keep ``node`` as the tree of ``text`` under ``rules``; returns it."""
    with _LOCK:
        if len(_ENTRIES) >= _MEMORY_LIMIT:
            _ENTRIES.clear()
            _BY_NODE.clear()
        entry = _Entry((rules, text), node, None)
        entry.used = True
        _ENTRIES[entry.key] = entry
        _BY_NODE[id(node)] = entry
        _state["dirty"] = True
    return node


def _entry_of(node: Node) -> _Entry | None:
    entry = _BY_NODE.get(id(node))
    return entry if entry is not None and entry.node is node else None


def slot_names(node: Node) -> tuple[str, ...] | None:
    """The slot names of a cached tree, if they were computed before."""
    entry = _entry_of(node)
    return None if entry is None else entry.slots


def remember_slot_names(node: Node, names: tuple[str, ...]) -> None:
    """Keep the slot names of a cached tree (other trees are not kept)."""
    entry = _entry_of(node)
    if entry is not None and entry.slots is None:
        entry.slots = names
        _state["dirty"] = True


def _shapes_digest(slots: Mapping[str, SlotShape]) -> str:
    key = tuple(sorted(slots.items()))
    found = _SHAPE_DIGESTS.get(key)
    if found is None:
        plain = [
            [
                name,
                None if shape.first is None else sorted(shape.first),
                None if shape.last is None else sorted(shape.last),
                shape.max_tokens,
            ]
            for name, shape in key
        ]
        found = hashlib.sha256(json.dumps(plain).encode()).hexdigest()[:16]
        if len(_SHAPE_DIGESTS) >= _MEMORY_LIMIT:
            _SHAPE_DIGESTS.clear()
        _SHAPE_DIGESTS[key] = found
    return found


def facts(node: Node, slots: Mapping[str, SlotShape]) -> _Facts | None:
    """The index's facts about a cached tree under these slot shapes, if computed before."""
    entry = _entry_of(node)
    if entry is None or not entry.facts:
        return None
    return entry.facts.get(_shapes_digest(slots))


def literal_words(node: Node) -> frozenset[str] | None:
    """Every word of a cached tree, from the index's facts about it (any slot shapes: the
    words do not depend on them), if they were computed before."""
    entry = _entry_of(node)
    if entry is None or not entry.facts:
        return None
    return next(iter(entry.facts.values()))[1]


def remember_facts(node: Node, slots: Mapping[str, SlotShape], found: _Facts) -> None:
    """Keep the index's facts about a cached tree (facts about other trees are not kept)."""
    entry = _entry_of(node)
    if entry is not None:
        with _LOCK:
            entry.facts[_shapes_digest(slots)] = found
            _state["dirty"] = True


# -- the file ------------------------------------------------------------------------------


def _load_once() -> None:
    if _state["loaded"]:
        return
    with _LOCK:
        if _state["loaded"]:
            return
        _state["loaded"] = True
        directory = _state["directory"]
        if directory is None:
            return
        try:
            raw = cache_file(directory).read_bytes()
        except OSError:
            return  # no cache yet (or unreadable): parse, and save later
        try:
            loaded = _decode(json.loads(raw))
        except (ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError):
            _state["dirty"] = True  # a damaged file: rewritten by the next save
            return
        # Trees parsed before the file was read (the shared rules, parsed when their module is
        # imported) made the cache look changed; only those the file lacks are news. Without
        # this every start rewrote the whole file (~0.1 s).
        earlier = set(_ENTRIES)
        for entry in loaded:
            earlier.discard(entry.key)
            if entry.key not in _ENTRIES:
                _ENTRIES[entry.key] = entry
                _BY_NODE[id(entry.node)] = entry
        _state["dirty"] = bool(earlier)


def save_soon() -> bool:
    """Save now the first time this process has something new; later, once at exit. True if written.

    Every start of a simulator may parse something new (a user's skill, a test's skill, a hot
    reload), and each save rewrites the whole file. A program that starts one simulator (``say``,
    the TUI) writes at once, as before; a process that starts many (a test run, a notebook)
    would rewrite the file per start, so after its first write it keeps the rest for one write
    when the interpreter exits. The file is only a cache: a process killed before its exit
    loses nothing but the next start's parsing.
    """
    with _LOCK:
        if not _state["saved_once"]:
            written = save()
            _state["saved_once"] = written
            return written
        if _state["dirty"] and not _state["at_exit"]:
            _state["at_exit"] = True
            atexit.register(save)
    return False


def save() -> bool:
    """Write the cache file if this process parsed or analysed anything new; True if written.

    A cache directory that cannot be written only costs the next start its parsing.
    """
    with _LOCK:
        directory = _state["directory"]
        if directory is None or not _state["dirty"]:
            return False
        entries = list(_ENTRIES.values())
        if len(entries) > _FILE_LIMIT:
            entries = [e for e in entries if e.used]
        data = _encode(entries[-_FILE_LIMIT:])
        _state["dirty"] = False
    try:
        # dumps, not dump: dump encodes in pure Python, five times slower here.
        write_text_atomically(cache_file(directory), json.dumps(data, separators=(",", ":")))
    except OSError:
        return False
    return True


def _encode(entries: list[_Entry]) -> dict[str, Any]:
    """The entries as JSON data: one table of distinct tree nodes (shared subtrees, such as a
    resolved rule used by a hundred templates, are written once) and the entries pointing
    into it."""
    from simulator.nlu.template import Alt, Opt, RuleRef, Seq, SlotRef, Word

    table: list[list[Any]] = []
    index: dict[int, int] = {}
    keep: list[object] = []  # the nodes indexed by id stay alive while encoding
    # Equal rows are written once (hash-consing): the templates of a skill repeat the same
    # words and phrases thousands of times, and reading the file back is then mostly building
    # the distinct nodes. Sharing equal frozen nodes is harmless (every cache over them is
    # keyed by identity, and identity only ever means "the same analysis").
    rows: dict[str, int] = {}

    def put(node: Node) -> int:
        found = index.get(id(node))
        if found is not None:
            return found
        row: list[Any]
        if isinstance(node, Word):
            row = ["w", node.text]
        elif isinstance(node, SlotRef):
            row = ["s", node.name, node.column]
        elif isinstance(node, RuleRef):
            row = ["r", node.name, node.column]
        elif isinstance(node, Seq):
            row = ["q", [put(item) for item in node.items]]
        elif isinstance(node, Alt):
            row = ["a", [put(option) for option in node.options]]
        elif isinstance(node, Opt):
            row = ["o", put(node.item)]
        else:  # pragma: no cover - Node is a closed union
            raise TypeError(f"not a template node: {node!r}")
        text = json.dumps(row, ensure_ascii=False)
        position = rows.get(text)
        if position is None:
            position = rows[text] = len(table)
            table.append(row)
        index[id(node)] = position
        keep.append(node)
        return position

    def plain_set(words: frozenset[str] | None) -> list[str] | None:
        return None if words is None else sorted(words)

    out = []
    for entry in entries:
        out.append(
            [
                entry.key[0],
                entry.key[1],
                put(entry.node),
                None if entry.slots is None else list(entry.slots),
                {
                    shapes: [
                        [sorted(clause) for clause in f[0]],
                        sorted(f[1]),
                        f[2],
                        f[3],
                        plain_set(f[4]),
                        plain_set(f[5]),
                    ]
                    for shapes, f in entry.facts.items()
                },
            ]
        )
    return {"format": CACHE_FORMAT, "nodes": table, "entries": out}


def _decode(data: dict[str, Any]) -> list[_Entry]:
    """Entries from `_encode`'s data; raises ValueError (or a lookup error) on any other shape."""
    from simulator.nlu.template import Alt, Opt, RuleRef, Seq, SlotRef, Word

    if data.get("format") != CACHE_FORMAT:
        raise ValueError("another cache format")
    nodes: list[Node] = []
    for row in data["nodes"]:
        kind = row[0]
        node: Node
        # Children come before their parents in the table, so indices point backwards only.
        if kind == "w":
            node = Word(str(row[1]))
        elif kind == "s":
            node = SlotRef(str(row[1]), int(row[2]))
        elif kind == "r":
            node = RuleRef(str(row[1]), int(row[2]))
        elif kind == "q":
            node = Seq(tuple(nodes[_back(i, len(nodes))] for i in row[1]))
        elif kind == "a":
            node = Alt(tuple(nodes[_back(i, len(nodes))] for i in row[1]))
        elif kind == "o":
            node = Opt(nodes[_back(row[1], len(nodes))])
        else:
            raise ValueError(f"unknown node kind {kind!r}")
        nodes.append(node)

    def plain_set(words: list[str] | None) -> frozenset[str] | None:
        return None if words is None else frozenset(words)

    out: list[_Entry] = []
    for rules, text, node_id, slots, by_shapes in data["entries"]:
        entry = _Entry(
            (str(rules), str(text)),
            nodes[_back(node_id, len(nodes))],
            None if slots is None else tuple(map(str, slots)),
        )
        for shapes, f in by_shapes.items():
            clauses, literal, least, most, first, last = f
            entry.facts[str(shapes)] = (
                tuple(map(frozenset, clauses)),
                frozenset(literal),
                int(least),
                None if most is None else int(most),
                plain_set(first),
                plain_set(last),
            )
        out.append(entry)
    return out


def _back(i: object, size: int) -> int:
    """A table index that must point at an earlier row (so a damaged file cannot loop)."""
    if not isinstance(i, int) or not 0 <= i < size:
        raise ValueError(f"bad node reference {i!r}")
    return i
