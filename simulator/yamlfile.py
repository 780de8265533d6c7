"""Reading YAML files written by people, with errors that point at a line.

The YAML is *composed* first (PyYAML nodes keep their start marks), then constructed into plain
data and validated with a pydantic model. A pydantic error ``loc`` such as ``("devices", 2, "type")``
is walked back through the node tree to find the line, so every problem is reported as
``cottage.yaml:14: devices[2].type: ...``. Home files and YAML skills both read this way.

**The start-up cache.** Every ``speaker-sim say`` reads the same twenty-odd files (the skills'
language files and data, the demo home, the profiles), and composing them node by node was a
tenth of a warm start. Once `use_cache_directory` names a directory (the engine names the model
cache when it builds a simulator), a file whose exact bytes were read well before is not parsed
again: its data comes back from ``yaml-v<N>-<code digest>.json`` there, keyed by the SHA-256 of
the bytes (never by name or time, so an edited file simply misses) and by a digest of this
module and PyYAML's version. Only data that JSON carries exactly is kept (strings, finite
numbers, booleans, null, lists, mappings with string keys; a date or a numeric key is parsed
each time), and only for files that read without error: the checks above ran when the entry was
made, on the same bytes. Each hit is decoded from its own JSON text, so no two readers share
mutable data. The node tree, needed only to name a line in an error, is composed on first use.
The file is JSON (reading it runs no code), written to a temporary file and renamed; a damaged
or foreign one is ignored and written again.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
import os
import re
import stat
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from simulator.atomic_write import write_text_atomically

if TYPE_CHECKING:
    import yaml

__all__ = [
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_NODES",
    "MAX_NUMBER_CHARS",
    "Loc",
    "YamlDocument",
    "YamlFileError",
    "cache_directory",
    "files_read",
    "format_loc",
    "read_yaml",
    "save_cache",
    "use_cache_directory",
    "validate_yaml",
]

MAX_FILE_BYTES = 512 * 1024
"""Larger files are refused: a home or skill file is a few kilobytes, and every kilobyte costs
validation time (a 50 MB home file took minutes and gigabytes)."""
MAX_DEPTH = 64
"""Deeper nesting is refused: PyYAML composes recursively, so 1,000 levels overflow the stack."""
MAX_NODES = 200_000
"""Values a document may hold once aliases are expanded; a few hundred bytes of nested aliases
("billion laughs") would otherwise expand to billions."""
MAX_NUMBER_CHARS = 100
"""Longer number literals are refused (Python refuses to convert 4,300 digits and more anyway)."""

Loc = tuple[str | int, ...]
"""A path into the document: keys and list indexes."""

M = TypeVar("M", bound=BaseModel)

ErrorFactory = Callable[[Path, int | None, str, str], Exception]
"""Builds the caller's error from (path, line, field, message)."""


class YamlFileError(ValueError):
    """A data file that is missing or invalid; ``str()`` is ``FILE:LINE: field: message``.

    Callers with their own error class (home files, skill files) pass that instead; this one
    serves data files without one (test-sentence suites).
    """

    def __init__(self, path: Path, line: int | None, field: str, message: str) -> None:
        """Record where and why."""
        self.path = Path(path)
        self.line = line
        self.field = field
        self.message = message
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {field + ': ' if field else ''}{message}")


def _loader(text: str) -> Any:
    """A PyYAML loader for ``text`` (see `simulator.yaml_loaders`, imported only when a file
    is parsed: a start whose files all come from the cache never imports PyYAML)."""
    from simulator.yaml_loaders import loader

    return loader(text)


def format_loc(loc: Loc) -> str:
    """``("devices", 2, "type")`` → ``"devices[2].type"``."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


class YamlDocument:
    """A parsed YAML file: its data and the node tree that knows the lines."""

    def __init__(
        self, path: Path, data: Any, root: yaml.Node | None = None, *, text: str | None = None
    ) -> None:
        """``root`` is the composed tree; without it, ``text`` is composed when a line is
        asked for (a document read from the start-up cache)."""
        if root is None and text is None:
            raise ValueError("a YamlDocument needs its node tree or its text")
        self.path = path
        self.data = data
        self._root = root
        self._text = text

    @property
    def root(self) -> yaml.Node:
        """The document's node tree (composed now if it came from the start-up cache)."""
        if self._root is None:
            assert self._text is not None
            loader = _loader(self._text)
            try:
                node = loader.get_single_node()
            finally:
                loader.dispose()
            if node is None:  # pragma: no cover - the text read as a document before
                raise ValueError(f"{self.path}: the document is empty")
            self._root = node
        return self._root

    def line(self, loc: Loc) -> int:
        """The 1-based line of the node at ``loc`` (or of its nearest existing parent)."""
        import yaml  # only when an error names a line

        node: yaml.Node = self.root
        line = node.start_mark.line
        for part in loc:
            if isinstance(node, yaml.MappingNode):
                for key, value in node.value:
                    if isinstance(key, yaml.ScalarNode) and key.value == str(part):
                        # Point at the key: that is where an author looks for "type: lamp".
                        line, node = key.start_mark.line, value
                        break
                else:
                    break
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
                if not 0 <= part < len(node.value):
                    break
                node = node.value[part]
                line = node.start_mark.line
            else:
                break
        return line + 1

    def duplicate_keys(self) -> tuple[Loc, int, str] | None:
        """The first mapping key that appears twice (PyYAML would silently keep the last)."""
        import yaml

        stack: list[tuple[yaml.Node, Loc]] = [(self.root, ())]
        while stack:
            node, loc = stack.pop(0)
            if isinstance(node, yaml.MappingNode):
                seen: set[str] = set()
                for key, value in node.value:
                    name = str(key.value)
                    if name in seen:
                        return (*loc, name), key.start_mark.line + 1, f"duplicate key {name!r}"
                    seen.add(name)
                    stack.append((value, (*loc, name)))
            elif isinstance(node, yaml.SequenceNode):
                stack.extend((item, (*loc, i)) for i, item in enumerate(node.value))
        return None


_READS: list[list[Path]] = []
"""Open `files_read` blocks: each gets the path of every file read while it is open."""


@contextlib.contextmanager
def files_read() -> Iterator[list[Path]]:
    """Collect the paths of the YAML files read inside the block (the start-up cache of the
    skills stamps them: a skill module that reads a data file depends on it)."""
    found: list[Path] = []
    _READS.append(found)
    try:
        yield found
    finally:
        _READS.remove(found)


def read_yaml(path: str | Path, error: ErrorFactory, *, what: str = "file") -> YamlDocument:
    """Read and compose a YAML file; syntax errors, empty files and duplicate keys raise
    ``error(path, line, field, message)``."""
    path = Path(path)
    for reads in _READS:
        reads.append(path)
    text, raw = _read_text(path, error)
    key = _cache_key(raw)
    if key is not None and (known := _cached_data(key)) is not None:
        return YamlDocument(path, known, text=text)
    import yaml  # a file the cache lacks: parsed now

    loader: Any = None
    try:
        loader = _loader(text)  # every character is checked here
        node = loader.get_single_node()
        data: Any = None if node is None else loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = None if mark is None else mark.line + 1
        problem = exc.problem or exc.context or "syntax error"
        if "maximum nesting depth" in problem:
            # libyaml's own limit (it scans ahead of the composer): say it the same way.
            problem = f"nested more than {MAX_DEPTH} levels deep"
        raise error(path, line, "", f"invalid YAML: {problem}") from None
    except yaml.reader.ReaderError as exc:
        # Raised for control characters such as NUL; it knows the offset, not the line.
        line = text.count("\n", 0, max(0, exc.position)) + 1
        raise error(
            path, line, "", f"invalid YAML: control character U+{exc.character:04X} is not allowed"
        ) from None
    except yaml.YAMLError as exc:
        raise error(path, None, "", f"invalid YAML: {exc}") from None
    except (RecursionError, MemoryError, ValueError, OverflowError) as exc:
        # Belt and braces behind the limits above: never a traceback for a user's file.
        raise error(path, None, "", f"cannot read file: {type(exc).__name__}: {exc}") from None
    finally:
        if loader is not None:
            loader.dispose()
    if node is None or data is None:
        raise error(path, 1, "", f"{what} is empty")
    doc = YamlDocument(path, data, node)
    if dup := doc.duplicate_keys():
        loc, line, message = dup
        raise error(path, line, format_loc(loc), message)
    if key is not None:
        _remember(key, data)
    return doc


def _read_text(path: Path, error: ErrorFactory) -> tuple[str, bytes]:
    """The file's text (and its bytes), refusing what is not a regular file of a sensible size.

    The checks come before opening: opening a FIFO blocks until a writer appears, and
    ``/dev/zero`` never ends.
    """
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise error(path, None, "", "file not found") from None
    except OSError as exc:
        raise error(path, None, "", f"cannot read file: {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        raise error(path, None, "", "is a directory, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise error(path, None, "", "not a regular file (a device, FIFO or socket)")
    if info.st_size > MAX_FILE_BYTES:
        raise error(
            path,
            None,
            "",
            f"file too large ({info.st_size:,} bytes; at most {MAX_FILE_BYTES:,})",
        )
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise error(path, None, "", f"cannot read file: {exc.strerror or exc}") from None
    if len(raw) > MAX_FILE_BYTES:  # it grew since the stat
        raise error(path, None, "", f"file too large (more than {MAX_FILE_BYTES:,} bytes)")
    try:
        return raw.decode("utf-8"), raw
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise error(path, line, "", f"not UTF-8 text (byte {raw[exc.start]:#04x})") from None


_EXPECTED = {
    "dict_type": "expected a mapping (key: value)",
    "model_type": "expected a mapping (key: value)",
    "model_attributes_type": "expected a mapping (key: value)",
    "list_type": "expected a list",
    "string_type": "expected a string",
}


def _message(err: ErrorDetails) -> str:
    kind = err["type"]
    if kind == "extra_forbidden":
        return f"unknown key {err['loc'][-1]!r}" if err["loc"] else "unknown key"
    if kind == "missing":
        return "field required"
    if kind in _EXPECTED:
        return f"{_EXPECTED[kind]}, not {_yaml_type(err.get('input'))}"
    return err["msg"].removeprefix("Value error, ")


def _yaml_type(value: object) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing (null)"
    if isinstance(value, str):
        return "a string"
    return "a number" if isinstance(value, int | float) else f"a {type(value).__name__}"


# Union members show up in pydantic locs as their type name ("str", "_ListValue"); they
# are not keys of the file.
_UNION_TAG = re.compile(r"^(?:str|int|float|bool|_[A-Z]\w*)$")


def _clean_loc(loc: tuple[str | int, ...]) -> Loc:
    # pydantic inserts validator names ("function-after[...]") into some locs; they aren't fields.
    return tuple(
        p for p in loc if not (isinstance(p, str) and ("[" in p or "-" in p or _UNION_TAG.match(p)))
    )


def validate_yaml(doc: YamlDocument, model: type[M], error: ErrorFactory) -> M:
    """Validate the document with ``model``; the first error (nearest the top) is raised."""
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        errors = [(_clean_loc(e["loc"]), e) for e in exc.errors()]
        # An error on a container that also has an error inside it is only a consequence
        # (a list left "too short" because its one item failed): report the inner one.
        inner = [
            (loc, e)
            for loc, e in errors
            if not any(len(other) > len(loc) and other[: len(loc)] == loc for other, _ in errors)
        ]
        loc, err = min(inner or errors, key=lambda pair: doc.line(pair[0]))
        raise error(doc.path, doc.line(loc), format_loc(loc), _message(err)) from None


# -- the start-up cache (see the module's doc) ---------------------------------------------

_CACHE_FORMAT: Final = 1
"""Bumped when the cache file's layout changes (the code digest covers this module)."""
_CACHE_LIMIT: Final = 2_000
"""Entries written to the file; past it only those this process read or made are kept."""

_cache_lock = threading.Lock()
_cache: dict[str, Any] = {
    "directory": None,
    "loaded": False,
    "dirty": False,
    "entries": {},  # key -> JSON text of the data
    "used": set(),  # keys read or made by this process
}
_CODE_DIGEST: list[str] = []


def _code_digest() -> str:
    """This module's and its loaders' source and PyYAML's (its ``__init__``, which names its
    version; read, not imported): any of them changing may change the data."""
    if not _CODE_DIGEST:
        from importlib.util import find_spec

        digest = hashlib.sha256(Path(__file__).read_bytes())
        digest.update((Path(__file__).parent / "yaml_loaders.py").read_bytes())
        spec = find_spec("yaml")
        if spec is not None and spec.origin:
            digest.update(Path(spec.origin).read_bytes())
        _CODE_DIGEST.append(digest.hexdigest()[:20])
    return _CODE_DIGEST[0]


def _cache_file(directory: Path) -> Path:
    return directory / f"yaml-v{_CACHE_FORMAT}-{_code_digest()}.json"


def use_cache_directory(directory: Path | None) -> None:
    """Keep parsed files' data in ``directory`` (None: no cache; every file is parsed)."""
    with _cache_lock:
        if directory != _cache["directory"]:
            _cache["directory"] = directory
            _cache["loaded"] = False
            _cache["entries"] = {}
            _cache["used"] = set()
            _cache["dirty"] = False


def cache_directory() -> Path | None:
    """Where parsed files' data is kept (see `use_cache_directory`); None when nowhere."""
    directory: Path | None = _cache["directory"]
    return directory


def _cache_key(raw: bytes) -> str | None:
    if _cache["directory"] is None:
        return None
    return hashlib.sha256(raw).hexdigest()


def _load_cache() -> None:
    """Read the cache file once; a missing, damaged or foreign one leaves the cache empty."""
    _cache["loaded"] = True
    directory = _cache["directory"]
    if directory is None:
        return
    try:
        raw = _cache_file(directory).read_bytes()
    except OSError:
        return  # none yet: written by the first start that parses something
    try:
        data = json.loads(raw)
    except ValueError:
        _cache["dirty"] = True  # damaged: rewritten by the next save
        return
    if (
        isinstance(data, dict)
        and data.get("format") == _CACHE_FORMAT
        and isinstance(entries := data.get("entries"), dict)
        and all(isinstance(k, str) and isinstance(v, str) for k, v in entries.items())
    ):
        _cache["entries"].update(entries)
    else:
        _cache["dirty"] = True


def _cached_data(key: str) -> Any:
    """The data of the file whose bytes hash to ``key``, decoded afresh; None when unknown."""
    with _cache_lock:
        if not _cache["loaded"]:
            _load_cache()
        text = _cache["entries"].get(key)
        if text is None:
            return None
        _cache["used"].add(key)
    try:
        return json.loads(text)
    except ValueError:
        return None  # a damaged entry: parsed again (and the entry replaced)


def _remember(key: str, data: Any) -> None:
    if not _json_exact(data, 0):
        return  # a date, a numeric key...: JSON would change it, so it is parsed every time
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    with _cache_lock:
        if _cache["directory"] is None:
            return
        _cache["entries"][key] = text
        _cache["used"].add(key)
        _cache["dirty"] = True


def _json_exact(value: Any, depth: int) -> bool:
    """Whether JSON gives ``value`` back as it is (types included)."""
    if depth > MAX_DEPTH:
        return False
    if value is None or isinstance(value, str | bool | int):
        return True
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, list):
        return all(_json_exact(v, depth + 1) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _json_exact(v, depth + 1) for k, v in value.items())
    return False


def save_cache() -> bool:
    """Write the cache file if this process parsed a file it did not hold; True if written.

    A directory that cannot be written only costs the next start its parsing.
    """
    with _cache_lock:
        directory = _cache["directory"]
        if directory is None or not _cache["dirty"]:
            return False
        entries: dict[str, str] = _cache["entries"]
        if len(entries) > _CACHE_LIMIT:
            entries = {k: v for k, v in entries.items() if k in _cache["used"]}
        body = json.dumps(
            {"format": _CACHE_FORMAT, "entries": dict(list(entries.items())[-_CACHE_LIMIT:])},
            ensure_ascii=False,
            separators=(",", ":"),
        )
        _cache["dirty"] = False
    try:
        write_text_atomically(_cache_file(directory), body)
    except OSError:
        return False
    return True
