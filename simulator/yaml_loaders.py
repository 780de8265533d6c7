"""PyYAML loaders with the limits people's files need (see `simulator.yamlfile`).

Kept apart from `simulator.yamlfile` so that PyYAML (its import and the patterns its reader and
resolver compile, about 25 ms of CPU) is loaded only when a file is actually parsed: a start
whose files all come from the start-up cache never needs it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import yaml

from simulator.yamlfile import MAX_DEPTH, MAX_NODES, MAX_NUMBER_CHARS

__all__ = ["loader"]


class _Checks:
    """What both loaders add to PyYAML: limits, and only ``true``/``false`` as booleans.

    YAML 1.1 also reads ``on``/``off``/``yes``/``no`` as booleans, which would silently turn an
    ``on:`` state key into ``True``. Files are written by people; YAML 1.2 behaviour is what they
    expect.
    """

    # Provided by the PyYAML classes this is mixed into.
    peek_event: Callable[[], Any]

    def _start_checks(self) -> None:
        self._depth = 0
        # Expanded size of every composed node, by identity: an alias costs its anchor's size.
        self._sizes: dict[int, int] = {}

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        """Compose with a depth limit and a budget on alias expansion."""
        mark = self.peek_event().start_mark
        if self._depth >= MAX_DEPTH:
            raise yaml.composer.ComposerError(
                None, None, f"nested more than {MAX_DEPTH} levels deep", mark
            )
        self._depth += 1
        try:
            node: yaml.Node | None = super().compose_node(parent, index)  # type: ignore[misc]
        finally:
            self._depth -= 1
        if node is None:
            return None
        key = id(node)
        if key not in self._sizes:
            size = 1
            if isinstance(node, yaml.SequenceNode):
                size += sum(self._sizes.get(id(item), 1) for item in node.value)
            elif isinstance(node, yaml.MappingNode):
                size += sum(
                    self._sizes.get(id(k), 1) + self._sizes.get(id(v), 1) for k, v in node.value
                )
            self._sizes[key] = size
            if size > MAX_NODES:
                raise yaml.composer.ComposerError(
                    None,
                    None,
                    f"aliases expand to more than {MAX_NODES:,} values",
                    node.start_mark,
                )
        return node

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int:
        """Integers, refusing absurdly long literals before Python's own limit raises."""
        _check_number_length(node)
        return int(super().construct_yaml_int(node))  # type: ignore[misc]

    def construct_yaml_float(self, node: yaml.ScalarNode) -> float:
        """Floats, refusing absurdly long literals."""
        _check_number_length(node)
        return float(super().construct_yaml_float(node))  # type: ignore[misc]


class _Loader(_Checks, yaml.SafeLoader):
    """The pure-Python loader: used when PyYAML was built without libyaml."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._start_checks()


_LOADERS: list[type[Any]] = [_Loader]
_FAST: type[Any] | None = None
try:
    from yaml._yaml import CParser
except ImportError:  # pragma: no cover - PyYAML without libyaml
    pass
else:

    class _FastLoader(
        _Checks,
        yaml.composer.Composer,
        CParser,
        yaml.constructor.SafeConstructor,
        yaml.resolver.Resolver,
    ):
        """libyaml scans and parses (in C, several times faster); Python composes the nodes,
        so the limits above apply, and constructs them.

        The Python reader's check for characters YAML does not allow is run first (`read_yaml`),
        so both loaders refuse the same characters with the same message.
        """

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)
            yaml.composer.Composer.__init__(self)
            self._start_checks()

    _FAST = _FastLoader
    _LOADERS.append(_FastLoader)


def _check_number_length(node: yaml.ScalarNode) -> None:
    if len(str(node.value)) > MAX_NUMBER_CHARS:
        raise yaml.constructor.ConstructorError(
            None,
            None,
            f"number too long ({len(str(node.value)):,} characters; at most {MAX_NUMBER_CHARS})",
            node.start_mark,
        )


_BOOL_TAG = "tag:yaml.org,2002:bool"
for _cls in _LOADERS:
    _cls.add_constructor("tag:yaml.org,2002:int", _Checks.construct_yaml_int)
    _cls.add_constructor("tag:yaml.org,2002:float", _Checks.construct_yaml_float)
    _cls.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != _BOOL_TAG]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    _cls.add_implicit_resolver(
        _BOOL_TAG, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
    )


def loader(text: str) -> Any:
    """A loader for ``text``: libyaml's when PyYAML has it."""
    if _FAST is None:
        return _Loader(text)
    # The check the Python reader makes; libyaml's own differs at the edges (and counts bytes).
    bad = yaml.reader.Reader.NON_PRINTABLE.search(text)
    if bad is not None:
        raise yaml.reader.ReaderError(
            "<file>", bad.start(), ord(bad.group()), "unicode", "special characters are not allowed"
        )
    return _FAST(text)
