"""The intent template language: AST, parser and expansion rules.

The syntax is compatible with the core of home-assistant's *hassil*:

* ``(a|b)`` alternatives, ``[optional]`` (``[a|b]`` = optional alternatives),
* ``{slot}`` a slot reference, ``<rule>`` an expansion-rule reference,
* ``|`` at top level separates alternatives of the whole template,
* anything else is literal text, normalised with
  :func:`simulator.nlu.normalize.normalize` and split into words.

Example: ``"(start|set) [a] timer for {duration}"``.

Matching is word-level: ``light[s]`` parses as the word ``light`` followed by
an optional word ``s``, not as "light or lights" (unlike hassil).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Final, TypeAlias

from simulator.nlu import template_cache
from simulator.nlu.normalize import normalize

__all__ = [
    "SHARED_RULES",
    "Alt",
    "Node",
    "Opt",
    "RuleRef",
    "RuleSet",
    "Seq",
    "SlotRef",
    "TemplateError",
    "Word",
    "alt",
    "parse_template",
    "seq",
]


@dataclass(frozen=True, slots=True)
class Word:
    """A literal word: exactly one normalised token."""

    text: str


@dataclass(frozen=True, slots=True)
class Seq:
    """A sequence of nodes; ``Seq(())`` matches the empty string."""

    items: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Alt:
    """Alternatives; an option may be the empty ``Seq(())``."""

    options: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Opt:
    """An optional node: matches *item* or nothing."""

    item: Node


@dataclass(frozen=True, slots=True)
class SlotRef:
    """A ``{name}`` slot reference; *column* (1-based, 0 = unknown) is not compared."""

    name: str
    column: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class RuleRef:
    """A ``<name>`` expansion-rule reference; *column* (1-based, 0 = unknown) is not compared."""

    name: str
    column: int = field(default=0, compare=False)


Node: TypeAlias = Word | Seq | Alt | Opt | SlotRef | RuleRef
"""Any template AST node."""

_NAME_RE: Final = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_NAME_START: Final = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_")
_NAME_CHARS: Final = _NAME_START | frozenset("0123456789")
_SPECIAL: Final = frozenset("()[]{}<>|")
_CLOSERS: Final = {"(": ")", "[": "]"}
# Deep nesting would exhaust Python's recursion limit in the parser and in the
# recursive tree functions of expand.py; no real template comes close.
_MAX_NESTING: Final = 100


class TemplateError(ValueError):
    """A template (or rule) could not be parsed or resolved.

    Attributes: *template* (the offending text), *column* (1-based position of
    the problem in *template*) and *reason*. ``str(err)`` renders the reason,
    the template and a caret under the column.
    """

    template: str
    column: int
    reason: str

    def __init__(self, template: str, column: int, reason: str) -> None:
        self.template = template
        self.column = column
        self.reason = reason
        super().__init__(self._render())

    def _render(self) -> str:
        # Tabs/newlines would misalign the caret; show them as spaces.
        shown = re.sub(r"\s", " ", self.template)
        caret = " " * max(self.column - 1, 0) + "^"
        return f"column {self.column}: {self.reason}\n  {shown}\n  {caret}"

    def __reduce__(self) -> tuple[type[TemplateError], tuple[str, int, str]]:
        # Needed because __init__ does not take the rendered message.
        return (type(self), (self.template, self.column, self.reason))


def seq(items: list[Node]) -> Node:
    """Build a simplified Seq: nested Seqs are flattened, one item is unwrapped."""
    flat: list[Node] = []
    for item in items:
        if isinstance(item, Seq):
            flat.extend(item.items)
        else:
            flat.append(item)
    return flat[0] if len(flat) == 1 else Seq(tuple(flat))


def alt(options: list[Node]) -> Node:
    """Build a simplified Alt: identical options are merged, a single one is unwrapped.

    Merging keeps ``(what is|what's)`` -- both normalise to "what is" -- from
    counting and matching the same words twice.
    """
    unique = tuple(dict.fromkeys(options))
    return unique[0] if len(unique) == 1 else Alt(unique)


def _opt(item: Node) -> Node:
    """Build a simplified Opt: ``[]`` is empty, ``[[x]]`` is ``[x]``."""
    if isinstance(item, Seq) and not item.items:
        return item
    if isinstance(item, Opt):
        return item
    return Opt(item)


class _Parser:
    """Recursive-descent parser over the characters of one template."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.depth = 0

    def error(self, index: int, reason: str) -> TemplateError:
        return TemplateError(self.text, index + 1, reason)

    def parse(self) -> Node:
        if not self.text.strip():
            raise self.error(0, "empty template")
        node = self.alternation(None, -1)
        if isinstance(node, Seq) and not node.items:
            raise self.error(0, "empty template: no words, slots or rules")
        return node

    def alternation(self, opener: str | None, open_at: int) -> Node:
        """Parse ``seq ('|' seq)*`` up to the closer of *opener* (or end of text)."""
        options: list[Node] = []
        items: list[Node] = []
        text = self.text
        while True:
            if self.pos >= len(text):
                if opener is not None:
                    raise self.error(
                        open_at, f'unbalanced "{opener}": no closing "{_CLOSERS[opener]}"'
                    )
                options.append(seq(items))
                return alt(options)
            ch = text[self.pos]
            if ch == "|":
                options.append(seq(items))
                items = []
                self.pos += 1
            elif ch in ")]":
                if opener is None:
                    raise self.error(self.pos, f'stray "{ch}": no matching opening bracket')
                if ch != _CLOSERS[opener]:
                    raise self.error(
                        self.pos,
                        f'mismatched "{ch}": "{opener}" at column {open_at + 1} is still open',
                    )
                self.pos += 1
                options.append(seq(items))
                return alt(options)
            elif ch in "([":
                self.depth += 1
                if self.depth > _MAX_NESTING:
                    raise self.error(self.pos, f"nesting deeper than {_MAX_NESTING} levels")
                start = self.pos
                self.pos += 1
                inner = self.alternation(ch, start)
                self.depth -= 1
                items.append(inner if ch == "(" else _opt(inner))
            elif ch in "{<":
                items.append(self.reference(ch))
            elif ch in "}>":
                kind = "slot" if ch == "}" else "rule"
                raise self.error(self.pos, f'stray "{ch}": not closing a {kind} reference')
            else:
                start = self.pos
                while self.pos < len(text) and text[self.pos] not in _SPECIAL:
                    self.pos += 1
                items.extend(Word(w) for w in normalize(text[start : self.pos]).split())

    def reference(self, opener: str) -> Node:
        """Parse ``{name}`` or ``<name>`` starting at the opener."""
        closer, kind = ("}", "slot") if opener == "{" else (">", "rule")
        text = self.text
        start = self.pos
        end = text.find(closer, start + 1)
        # A nested opener of the same kind before the closer is the more useful
        # diagnosis ("{a {b}}" -> nested), so look for it first.
        nested = text.find(opener, start + 1)
        if nested != -1 and (end == -1 or nested < end):
            raise self.error(nested, f'nested "{opener}" inside a {kind} reference')
        if end == -1:
            raise self.error(start, f'unbalanced "{opener}": no closing "{closer}"')
        name = text[start + 1 : end]
        if not name:
            raise self.error(start, f"empty {kind} name")
        for i, ch in enumerate(name):
            allowed = _NAME_START if i == 0 else _NAME_CHARS
            if ch not in allowed:
                raise self.error(
                    start + 1 + i,
                    f"bad character {ch!r} in {kind} name (allowed: letters, digits, _;"
                    " not starting with a digit)",
                )
        self.pos = end + 1
        column = start + 1
        return SlotRef(name, column) if opener == "{" else RuleRef(name, column)


def parse_template(text: str) -> Node:
    """Parse template *text* into a simplified AST.

    Literal chunks are normalised and split into :class:`Word` nodes (so
    ``What's`` becomes ``what``, ``is``). Raises :class:`TemplateError`
    with the 1-based column of the problem.
    """
    return _Parser(text).parse()


_UNRESOLVED: Final = "unresolved"
"""The start-up cache's rules key for trees parsed without resolving rules (a rule's body);
every other key is a 20-character hex digest (`RuleSet.digest`)."""


class RuleSet:
    """Named expansion rules (``<name>``), optionally chained to a *parent*.

    Lookup is dynamic: while resolving through ``child.resolve``, every
    reference -- including references inside parent rules -- is looked up in
    the child first, so a child can override a rule that a shared rule uses.
    """

    def __init__(self, rules: Mapping[str, str] | None = None, parent: RuleSet | None = None):
        self.parent = parent
        self._nodes: dict[str, Node] = {}
        self._sources: dict[str, str] = {}
        self._version = 0
        # Rules resolved by earlier `resolve` calls, valid while no rule set of the chain changed
        # (see `_chain_versions`): a skill's hundred templates use the same few rules, and
        # resolving them again for every template was most of what parsing a skill cost.
        self._resolved: dict[str, Node] = {}
        self._resolved_for: tuple[int, ...] = ()
        self._digest = ""
        self._digest_for: tuple[int, ...] = ()
        for name, template_text in (rules or {}).items():
            self.add(name, template_text)

    def add(self, name: str, template_text: str) -> None:
        """Parse and add (or replace) rule *name*; raises :class:`TemplateError`."""
        if not _NAME_RE.fullmatch(name):
            raise TemplateError(name, 1, f"invalid rule name {name!r}")
        # A rule's body is parsed without resolving rules, so its tree depends on its text
        # alone: kept in the start-up cache under a key no rule digest can take (a hundred
        # rules were parsed again by every start, ~20 ms). A body that does not parse is
        # never cached, so its error is raised here every time.
        node = template_cache.parsed(_UNRESOLVED, template_text)
        if node is None:
            node = template_cache.remember_parse(
                _UNRESOLVED, template_text, parse_template(template_text)
            )
        self._nodes[name] = node
        self._sources[name] = template_text
        self._version += 1

    def _chain_versions(self) -> tuple[int, ...]:
        versions: list[int] = []
        ruleset: RuleSet | None = self
        while ruleset is not None:
            versions.append(ruleset._version)
            ruleset = ruleset.parent
        return tuple(versions)

    def _lookup(self, name: str) -> tuple[Node, str] | None:
        ruleset: RuleSet | None = self
        while ruleset is not None:
            if name in ruleset._nodes:
                return ruleset._nodes[name], ruleset._sources[name]
            ruleset = ruleset.parent
        return None

    def __contains__(self, name: object) -> bool:
        """True if *name* is defined here or in a parent."""
        return isinstance(name, str) and self._lookup(name) is not None

    def names(self) -> set[str]:
        """All rule names visible from this rule set."""
        out = set(self.parent.names()) if self.parent else set()
        return out | set(self._nodes)

    def resolve(self, node: Node, template: str = "") -> Node:
        """Return *node* with every :class:`RuleRef` replaced by its rule (recursively).

        *template* is the source text of *node*, used only in error messages.
        Raises :class:`TemplateError` for an unknown rule (at the column of the
        reference) or a cycle (reason names the cycle).
        """
        versions = self._chain_versions()
        if versions != self._resolved_for:
            self._resolved = {}
            self._resolved_for = versions
        # Each rule is resolved once (and then shared by every template that uses it). Rule
        # bodies cannot see the template's own text, so sharing them across calls is safe; an
        # error (unknown rule, cycle) is never memoised and is raised again with this template.
        done = self._resolved

        def walk(n: Node, source: str, stack: tuple[str, ...]) -> Node:
            # A part without rule references comes back as it is (the parser built it with the
            # same seq/alt/_opt simplifications), rather than as an equal copy.
            if isinstance(n, Word | SlotRef):
                return n
            if isinstance(n, Seq):
                items = [walk(i, source, stack) for i in n.items]
                return n if all(a is b for a, b in zip(items, n.items, strict=True)) else seq(items)
            if isinstance(n, Alt):
                options = [walk(o, source, stack) for o in n.options]
                same = all(a is b for a, b in zip(options, n.options, strict=True))
                return n if same else alt(options)
            if isinstance(n, Opt):
                item = walk(n.item, source, stack)
                return n if item is n.item else _opt(item)
            name = n.name
            if name in stack:
                cycle = " -> ".join(f"<{s}>" for s in (*stack[stack.index(name) :], name))
                raise TemplateError(source, n.column, f"cyclic rule: {cycle}")
            if name in done:
                return done[name]
            found = self._lookup(name)
            if found is None:
                raise TemplateError(source, n.column, f"unknown rule <{name}>")
            body, body_source = found
            resolved = walk(body, body_source, (*stack, name))
            done[name] = resolved
            return resolved

        return walk(node, template, ())

    def digest(self) -> str:
        """A digest of every rule this rule set can see (its own and its parents'), by name and
        source: two rule sets with the same digest resolve every template alike."""
        versions = self._chain_versions()
        if versions != self._digest_for:
            chain: list[RuleSet] = []
            ruleset: RuleSet | None = self
            while ruleset is not None:
                chain.append(ruleset)
                ruleset = ruleset.parent
            visible: dict[str, str] = {}
            for ruleset in reversed(chain):  # a child's rule hides its parent's
                visible.update(ruleset._sources)
            data = json.dumps(sorted(visible.items()), ensure_ascii=False).encode()
            self._digest = hashlib.sha256(data).hexdigest()[:20]
            self._digest_for = versions
        return self._digest

    def parse(self, text: str) -> Node:
        """Parse *text* and resolve its rules against this rule set.

        The same text under the same rules gives back the same (frozen) tree, from this
        process's memory or the start-up cache on disk (`simulator.nlu.template_cache`), so
        a skill's templates are parsed once, not by every process that loads it.
        """
        digest = self.digest()
        node = template_cache.parsed(digest, text)
        if node is None:
            node = template_cache.remember_parse(
                digest, text, self.resolve(parse_template(text), text)
            )
        return node


SHARED_RULES: Final = RuleSet(
    {
        # Optional article: "turn on <the> lights".
        "the": "[the]",
        # Optional politeness: "<please> stop".
        "please": "[please]",
        # Question openers; "what's" normalises to "what is" anyway.
        "what_is": "(what is|what's|whats|tell me)",
        # Verbs for changing a setting: "<set> the volume to {level}".
        "set": "(set|change|make|put)",
        # Switching something on / off: "<turn_on> the radio".
        "turn_on": "(turn|switch) on",
        "turn_off": "(turn|switch) off",
        # Location prepositions: "<in> the kitchen".
        "in": "(in|on|at)",
    }
)
"""Small set of generally useful expansion rules shared by all skills."""
