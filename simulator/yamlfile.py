"""Reading YAML files written by people, with errors that point at a line.

The YAML is *composed* first (PyYAML nodes keep their start marks), then constructed into plain
data and validated with a pydantic model. A pydantic error ``loc`` such as ``("devices", 2, "type")``
is walked back through the node tree to find the line, so every problem is reported as
``cottage.yaml:14: devices[2].type: ...``. Home files and YAML skills both read this way.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

__all__ = ["Loc", "YamlDocument", "format_loc", "read_yaml", "validate_yaml"]

Loc = tuple[str | int, ...]
"""A path into the document: keys and list indexes."""

M = TypeVar("M", bound=BaseModel)

ErrorFactory = Callable[[Path, int | None, str, str], Exception]
"""Builds the caller's error from (path, line, field, message)."""


class _Loader(yaml.SafeLoader):
    """Safe loader where only ``true``/``false`` are booleans.

    YAML 1.1 also reads ``on``/``off``/``yes``/``no`` as booleans, which would silently turn an
    ``on:`` state key into ``True``. Files are written by people; YAML 1.2 behaviour is what they
    expect.
    """


_BOOL_TAG = "tag:yaml.org,2002:bool"
_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != _BOOL_TAG]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    _BOOL_TAG, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def format_loc(loc: Loc) -> str:
    """``("devices", 2, "type")`` → ``"devices[2].type"``."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


@dataclass
class YamlDocument:
    """A parsed YAML file: its data and the node tree that knows the lines."""

    path: Path
    data: Any
    root: yaml.Node

    def line(self, loc: Loc) -> int:
        """The 1-based line of the node at ``loc`` (or of its nearest existing parent)."""
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


def read_yaml(path: str | Path, error: ErrorFactory, *, what: str = "file") -> YamlDocument:
    """Read and compose a YAML file; syntax errors, empty files and duplicate keys raise
    ``error(path, line, field, message)``."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise error(path, None, "", "file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise error(path, None, "", f"cannot read file: {exc}") from None
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data: Any = None if node is None else loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = None if mark is None else mark.line + 1
        problem = exc.problem or exc.context or "syntax error"
        raise error(path, line, "", f"invalid YAML: {problem}") from None
    except yaml.YAMLError as exc:
        raise error(path, None, "", f"invalid YAML: {exc}") from None
    finally:
        loader.dispose()
    if node is None or data is None:
        raise error(path, 1, "", f"{what} is empty")
    doc = YamlDocument(path, data, node)
    if dup := doc.duplicate_keys():
        loc, line, message = dup
        raise error(path, line, format_loc(loc), message)
    return doc


def _message(err: ErrorDetails) -> str:
    kind = err["type"]
    if kind == "extra_forbidden":
        return f"unknown key {err['loc'][-1]!r}" if err["loc"] else "unknown key"
    if kind == "missing":
        return "field required"
    return err["msg"].removeprefix("Value error, ")


def _clean_loc(loc: tuple[str | int, ...]) -> Loc:
    # pydantic inserts validator names ("function-after[...]") into some locs; they aren't fields.
    return tuple(p for p in loc if not (isinstance(p, str) and ("[" in p or "-" in p)))


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
