"""HassIL sentence files read with hassil's own parser and translated into our template AST.

Home Assistant's intents project (https://github.com/OHF-Voice/intents, CC BY 4.0) writes its
sentences in HassIL's template language. Rather than renaming that syntax with regular
expressions, the import lets hassil parse every sentence, rule and list (``pip install
'speaker-sim[hassil]'``) and walks the parse tree:

==========================  =======================================================================
HassIL                      here
==========================  =======================================================================
``(a|b)``, ``[a]``          ``Alt`` / an ``Alt`` with an empty option
``(a;b)`` permutation       an ``Alt`` of every order of the items
``<rule>``                  the rule's own tree, inlined (rules from the file, ``_common.yaml``
                            and, last, the ``home-assistant-intents`` package's data)
``{list}``, ``{list:slot}`` a slot named ``slot`` whose type comes from the list: values (with
                            ``in``/``out`` and templated ``in``), ``range`` (``from``/``to``/
                            ``step``/``multiplier``), ``wildcard``, inline ranges ``{1..10:n}``
``light[s]`` (no space)     HassIL matches characters, we match words: text glued to a group is
                            spelled out ("light" or "lights")
``requires_context``        ``area: {slot: true}`` fills the area slot with the speaker's room
``excludes_context``        kept with the block; a value with a listed context is refused
==========================  =======================================================================

Lists that Home Assistant fills at runtime (``name``, ``area``, ``floor``) and that no file
defines become, respectively, free text, the home's rooms and the home's floors.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from simulator.nlu.matcher import NO_VALUE
from simulator.nlu.normalize import normalize
from simulator.nlu.parsers import parse_number
from simulator.nlu.template import Alt, Node, Opt, Seq, SlotRef, Word, alt, seq
from simulator.sdk.slots import DynamicList, FreeText, SlotEnv, SlotList, SlotType

__all__ = [
    "HASSIL_MISSING",
    "EitherSlot",
    "HassilTranslation",
    "RangeSlot",
    "TranslationError",
    "hassil_available",
    "package_data",
    "render",
    "translate_file",
]

HASSIL_MISSING = (
    "reading a HassIL sentence file needs hassil and home-assistant-intents: "
    "pip install 'speaker-sim[hassil]'"
)
"""The message for a HassIL file when the optional extra is not installed."""

# A glued group ("light[s]", "(is|are)n't") is spelled out; past this many spellings the
# glue is read as a space instead (none of Home Assistant's English files come close).
_MAX_SPELLINGS = 256
# Permutations of more items than this keep only their written order and its reverse
# (HassIL files use two or three).
_MAX_PERMUTED = 5


def hassil_available() -> bool:
    """Whether hassil (3.x) can be imported."""
    try:
        import hassil  # noqa: F401
    except ImportError:
        return False
    return True


def package_data(language: str) -> dict[str, Any]:
    """Expansion rules, lists and skip words of ``language`` from the ``home-assistant-intents``
    package (empty when it is not installed or has no such language)."""
    try:
        from home_assistant_intents import get_intents
    except ImportError:
        return {}
    try:
        data = get_intents(language)
    except Exception:  # an unknown language code: nothing to add
        return {}
    if not isinstance(data, dict):
        return {}
    return {
        "expansion_rules": dict(data.get("expansion_rules") or {}),
        "lists": dict(data.get("lists") or {}),
    }


class RangeSlot(SlotType):
    """A HassIL ``range`` list: a number from ``start`` to ``stop`` in ``step``s, times the
    list's ``multiplier`` ("volume down by 10" means -10)."""

    kind = "number"
    max_tokens = 6
    hint = "a number"

    def __init__(
        self,
        start: float,
        stop: float,
        step: float = 1,
        multiplier: float | None = None,
        fractions: bool = False,
    ) -> None:
        """Accept numbers in ``[start, stop]`` on the step (or halves etc. with fractions)."""
        self.start, self.stop, self.step = start, stop, step or 1
        self.multiplier = multiplier
        self.fractions = fractions
        self.hint = f"a number from {start:g} to {stop:g}"

    def parse(self, tokens: Sequence[str], env: SlotEnv) -> object:
        """The number, when it is in range and on the step."""
        value = parse_number(tokens)
        if value is None or not self.start <= value <= self.stop:
            return NO_VALUE
        if not self.fractions and (
            value != int(value) or not math.isclose((value - self.start) % self.step, 0)
        ):
            return NO_VALUE
        number: float = float(value) if self.fractions else int(value)
        if self.multiplier is not None:
            number = number * self.multiplier
            if number == int(number):
                number = int(number)
        return number

    def examples(self, env: SlotEnv) -> Sequence[str]:
        """The ends and the middle of the range."""
        middle = self.start + ((self.stop - self.start) // (2 * self.step)) * self.step
        return [f"{n:g}" for n in dict.fromkeys((self.start, middle, self.stop))]


class EitherSlot(SlotType):
    """A slot filled from several lists ("{brightness_level:brightness}" and
    "{brightness}"): the first list that reads the words gives the value."""

    kind = "list"

    def __init__(self, types: Sequence[SlotType]) -> None:
        """Try ``types`` in order."""
        self.types = tuple(types)
        self.max_tokens = max(t.max_tokens for t in self.types)
        self.hint = " or ".join(t.hint for t in self.types)

    def parse(self, tokens: Sequence[str], env: SlotEnv) -> object:
        """The first value any of the types reads."""
        for slot_type in self.types:
            value = slot_type.parse(tokens, env)
            if value is not NO_VALUE:
                return value
        return NO_VALUE

    def examples(self, env: SlotEnv) -> Sequence[str]:
        """The examples of every type."""
        return [e for t in self.types for e in t.examples(env)]


@dataclass
class HassilTranslation:
    """One HassIL file translated: templates per intent and the slot types they use."""

    language: str
    intents: dict[str, list[str]] = field(default_factory=dict)
    """Intent -> our template texts (one per HassIL sentence, blocks in order)."""
    slot_types: dict[str, SlotType] = field(default_factory=dict)
    """Slot name -> its type (a slot filled from several lists gets their values merged)."""
    intent_slots: dict[str, list[str]] = field(default_factory=dict)
    """Intent -> the slots its sentences fill."""
    fixed_slots: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Intent -> slot values every block of it sets (``slots:`` in the file)."""
    context_area: set[str] = field(default_factory=set)
    """Intents with a block whose ``requires_context`` fills ``area`` from the speaker's room."""
    excluded: dict[str, dict[str, list[Any]]] = field(default_factory=dict)
    """Intent -> slot -> values refused by ``excludes_context`` (from list-value contexts)."""
    value_context: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    """Slot -> value -> the context its list gives it (for ``excludes_context``)."""
    glue_approximations: int = 0
    """Glued groups too large to spell out, read as if a space separated them."""


class TranslationError(ValueError):
    """A sentence, rule or list hassil could not parse; ``where`` is its path in the file."""

    def __init__(self, where: tuple[str | int, ...], message: str) -> None:
        """Record where and why."""
        self.where = where
        self.message = message
        super().__init__(message)


# --- the tree walk -------------------------------------------------------------------------


_SPACE = object()
"""A word boundary between pieces of a sequence."""


class _Walker:
    """Translates hassil expressions, inlining rules and collecting the slots' lists."""

    def __init__(self, rules: Mapping[str, Any], on_list: Callable[[Any], None]) -> None:
        self.rules = rules
        self.on_list = on_list
        self.approximations = 0
        self._depth = 0

    # Pieces: words, group expressions (translated later) and _SPACE boundaries. Rules and
    # sequences are spliced in, so text glued across them ("<the>s") still meets.
    def pieces(self, expr: Any) -> Iterator[Any]:
        from hassil.expression import (
            Alternative,
            ListReference,
            Permutation,
            RuleReference,
            Sequence,
            TextChunk,
        )

        if isinstance(expr, TextChunk):
            text = expr.text
            if not text:
                return
            if text[0].isspace():
                yield _SPACE
            words = text.split()
            for i, word in enumerate(words):
                if i:
                    yield _SPACE
                yield word
            if text[-1].isspace():
                yield _SPACE
        elif isinstance(expr, ListReference):
            # A slot is always whole words here ("{brightness}%" is "50 %" after normalising).
            self.on_list(expr)
            yield _SPACE
            yield expr
            yield _SPACE
        elif isinstance(expr, RuleReference):
            body = self.rules.get(expr.rule_name)
            if body is None:
                raise TranslationError((), f"unknown expansion rule <{expr.rule_name}>")
            self._depth += 1
            if self._depth > 24:
                raise TranslationError((), f"expansion rule <{expr.rule_name}> refers to itself")
            yield from self.pieces(body.expression)
            self._depth -= 1
        elif isinstance(expr, Sequence) and not isinstance(expr, Alternative | Permutation):
            for item in expr.items:
                yield from self.pieces(item)
        else:
            yield expr

    def node(self, expr: Any) -> Node:
        """Our AST for ``expr``."""
        return self._sequence(list(self.pieces(expr)))

    def _sequence(self, pieces: list[Any]) -> Node:
        clusters: list[list[Any]] = [[]]
        for piece in pieces:
            if piece is _SPACE:
                if clusters[-1]:
                    clusters.append([])
            else:
                clusters[-1].append(piece)
        items: list[Node] = []
        for cluster in clusters:
            if not cluster:
                continue
            if len(cluster) == 1:
                items.append(self._atom(cluster[0]))
                continue
            spelled = self._spell(cluster)
            if spelled is None:
                # Too many spellings: read the glue as a space.
                self.approximations += 1
                items.extend(self._atom(piece) for piece in cluster)
            else:
                items.append(alt([_words(s) for s in sorted(spelled)]))
        return seq(items)

    def _atom(self, piece: Any) -> Node:
        from hassil.expression import Alternative, ListReference, Permutation

        if isinstance(piece, str):
            return _words(piece)
        if isinstance(piece, ListReference):
            return SlotRef(piece.slot_name)
        if isinstance(piece, Permutation):
            items = [self.node(item) for item in piece.items]
            if len(items) > _MAX_PERMUTED:
                orders: list[tuple[Node, ...]] = [tuple(items), tuple(reversed(items))]
            else:
                orders = list(itertools.permutations(items))
            return alt([seq(list(order)) for order in orders])
        if isinstance(piece, Alternative):
            return alt([self.node(item) for item in piece.items])
        raise TranslationError((), f"unexpected hassil expression {type(piece).__name__}")

    def _spell(self, cluster: list[Any]) -> set[str] | None:
        """Every spelling of pieces written without spaces between them, or None."""
        out = {""}
        for piece in cluster:
            strings = self.strings(piece)
            if strings is None:
                return None
            out = {a + b for a in out for b in strings}
            if len(out) > _MAX_SPELLINGS:
                return None
        return out

    def strings(self, expr: Any) -> set[str] | None:
        """The texts ``expr`` spells (None: it holds a slot, or too many)."""
        from hassil.expression import (
            Alternative,
            ListReference,
            Permutation,
            RuleReference,
            Sequence,
            TextChunk,
        )

        if isinstance(expr, str):
            return {expr}
        if isinstance(expr, TextChunk):
            return {expr.text}
        if isinstance(expr, ListReference):
            return None
        if isinstance(expr, RuleReference):
            body = self.rules.get(expr.rule_name)
            return None if body is None else self.strings(body.expression)
        if isinstance(expr, Permutation):
            parts = [self.strings(item) for item in expr.items]
            if any(p is None for p in parts) or len(parts) > _MAX_PERMUTED:
                return None
            out: set[str] = set()
            for order in itertools.permutations([p for p in parts if p is not None]):
                for combo in itertools.product(*order):
                    out.add(" ".join(combo))
                    if len(out) > _MAX_SPELLINGS:
                        return None
            return out
        if isinstance(expr, Alternative):
            union: set[str] = set()
            for item in expr.items:
                sub = self.strings(item)
                if sub is None:
                    return None
                union |= sub
                if len(union) > _MAX_SPELLINGS:
                    return None
            return union
        if isinstance(expr, Sequence):
            acc = {""}
            for item in expr.items:
                sub = self.strings(item)
                if sub is None:
                    return None
                acc = {a + b for a in acc for b in sub}
                if len(acc) > _MAX_SPELLINGS:
                    return None
            return acc
        return None


def _words(text: str) -> Node:
    return seq([Word(w) for w in normalize(text).split() if _plain(w)])


def _plain(word: str) -> bool:
    # Our template syntax has no escapes: a word holding one of its brackets can't be written.
    return not any(ch in "()[]{}<>|" for ch in word)


def render(node: Node) -> str:
    """Our template text for ``node`` (parses back to the same tree)."""
    if isinstance(node, Word):
        return node.text
    if isinstance(node, SlotRef):
        return "{" + node.name + "}"
    if isinstance(node, Seq):
        return " ".join(text for text in (render(i) for i in node.items) if text)
    if isinstance(node, Opt):
        inner = render(node.item)
        return f"[{inner}]" if inner else ""
    if isinstance(node, Alt):
        texts = list(dict.fromkeys(render(o) for o in node.options))
        filled = [t for t in texts if t]
        if not filled:
            return ""
        if len(filled) < len(texts):
            return "[" + "|".join(filled) + "]"
        return filled[0] if len(filled) == 1 else "(" + "|".join(filled) + ")"
    raise TypeError(f"a rule reference is left in {node!r}")


# --- slot types ----------------------------------------------------------------------------


def _list_type(
    walker: _Walker, slot_list: Any, contexts: dict[str, dict[str, Any]]
) -> SlotType | dict[str, list[str]]:
    """Our slot type for a hassil list; text lists as ``value -> spoken forms`` (merged later)."""
    from hassil.intents import RangeSlotList, TextSlotList, WildcardSlotList

    if isinstance(slot_list, RangeSlotList):
        return RangeSlot(
            slot_list.start,
            slot_list.stop,
            slot_list.step,
            slot_list.multiplier,
            fractions=slot_list.fraction_type is not None,
        )
    if isinstance(slot_list, WildcardSlotList):
        return FreeText(max_tokens=8)
    if isinstance(slot_list, TextSlotList):
        values: dict[str, list[str]] = {}
        for value in slot_list.values:
            said = walker.strings(value.text_in) or set()
            out = value.value_out
            meant = str(out if out is not None else next(iter(sorted(said)), ""))
            forms = values.setdefault(meant, [])
            forms.extend(s.strip() for s in sorted(said) if s.strip())
            if value.context:
                contexts[meant] = dict(value.context)
        return values
    return FreeText(max_tokens=6)


_RUNTIME_LISTS: dict[str, Callable[[], SlotType]] = {
    # Home Assistant fills these from the home; here they come from ours.
    "area": lambda: DynamicList("room", max_tokens=4),
    "floor": lambda: DynamicList("floor", max_tokens=5),
}


def translate_file(data: Mapping[str, Any], intent_name: str | None = None) -> HassilTranslation:
    """Parse a HassIL file's dict (``language``, ``intents`` or ``data``, ``lists``,
    ``expansion_rules``, already merged with ``_common.yaml`` and the package's data) with
    hassil and translate it; raises `TranslationError` naming the sentence, rule or list."""
    from hassil.parse_expression import parse_sentence

    language = str(data.get("language") or "en")
    raw_intents = data.get("intents")
    if raw_intents is None and intent_name is not None:
        raw_intents = {intent_name: {"data": data.get("data") or []}}
    raw_intents = dict(raw_intents or {})

    rules: dict[str, Any] = {}
    for name, body in (data.get("expansion_rules") or {}).items():
        try:
            rules[str(name)] = parse_sentence(str(body), keep_text=True)
        except Exception as exc:
            raise TranslationError(("expansion_rules", str(name)), _why(exc)) from None
    lists: dict[str, Any] = {}
    for name, spec in (data.get("lists") or {}).items():
        try:
            lists[str(name)] = _parse_list(str(name), spec)
        except Exception as exc:
            raise TranslationError(("lists", str(name)), _why(exc)) from None

    out = HassilTranslation(language=language)
    merged_text: dict[str, dict[str, list[str]]] = {}
    typed: dict[str, SlotType] = {}
    for intent, body in raw_intents.items():
        intent = str(intent)
        templates: list[str] = []
        slots: list[str] = []
        fixed: list[dict[str, Any]] = []
        blocks = (body or {}).get("data") or []
        base = ("intents", intent, "data") if "intents" in data else ("data",)
        for b, block in enumerate(blocks):
            block_rules = dict(rules)
            for name, rule in (block.get("expansion_rules") or {}).items():
                try:
                    block_rules[str(name)] = parse_sentence(str(rule), keep_text=True)
                except Exception as exc:
                    where = (*base, b, "expansion_rules", str(name))
                    raise TranslationError(where, _why(exc)) from None
            block_lists = dict(lists)
            for name, spec in (block.get("lists") or {}).items():
                try:
                    block_lists[str(name)] = _parse_list(str(name), spec)
                except Exception as exc:
                    raise TranslationError((*base, b, "lists", str(name)), _why(exc)) from None
            refs: list[Any] = []
            walker = _Walker(block_rules, refs.append)
            for s, sentence in enumerate(block.get("sentences") or []):
                where = (*base, b, "sentences", s)
                try:
                    parsed = parse_sentence(str(sentence), keep_text=True)
                    text = render(walker.node(parsed.expression))
                except TranslationError as exc:
                    raise TranslationError(where, exc.message) from None
                except Exception as exc:
                    raise TranslationError(where, _why(exc)) from None
                if text:
                    templates.append(text)
            out.glue_approximations += walker.approximations
            for ref in refs:
                slot = ref.slot_name
                if slot not in slots:
                    slots.append(slot)
                _add_type(walker, ref, block_lists, merged_text, typed, out)
            fixed.append(dict(block.get("slots") or {}))
            area = (block.get("requires_context") or {}).get("area")
            if isinstance(area, Mapping) and area.get("slot"):
                out.context_area.add(intent)
            for key, value in (block.get("excludes_context") or {}).items():
                values = value if isinstance(value, list) else [value]
                out.excluded.setdefault(intent, {}).setdefault(str(key), []).extend(values)
        if not templates:
            continue
        out.intents[intent] = templates
        out.intent_slots[intent] = slots
        # Values every block agrees on ("domain: light" when all blocks say it).
        common = dict(fixed[0]) if fixed else {}
        for other in fixed[1:]:
            common = {k: v for k, v in common.items() if other.get(k) == v}
        out.fixed_slots[intent] = {
            k: v for k, v in common.items() if k not in slots and not isinstance(v, dict)
        }
    for slot, spoken in merged_text.items():
        words = SlotList(slot, {v: list(dict.fromkeys(f)) for v, f in spoken.items()})
        # A range and a text list share the slot ("max" or "50"): words first, then numbers.
        typed[slot] = EitherSlot([words, typed[slot]]) if slot in typed else words
    out.slot_types = typed
    return out


def _add_type(
    walker: _Walker,
    ref: Any,
    lists: Mapping[str, Any],
    merged_text: dict[str, dict[str, list[str]]],
    typed: dict[str, SlotType],
    out: HassilTranslation,
) -> None:
    """Record the type of the slot ``ref`` fills."""
    from hassil.intents import RangeSlotList

    slot = ref.slot_name
    inline = ref.get_inline_range()
    if inline is not None:
        start, stop, step = inline
        typed.setdefault(slot, RangeSlot(start, stop, step))
        return
    slot_list = lists.get(ref.list_name)
    if slot_list is None:
        make = _RUNTIME_LISTS.get(ref.list_name)
        typed.setdefault(slot, make() if make else FreeText(max_tokens=6))
        return
    contexts = out.value_context.setdefault(slot, {})
    kind = _list_type(walker, slot_list, contexts)
    if isinstance(kind, dict):
        bucket = merged_text.setdefault(slot, {})
        for value, forms in kind.items():
            bucket.setdefault(value, []).extend(forms)
    elif isinstance(slot_list, RangeSlotList) and isinstance(typed.get(slot), RangeSlot):
        # Two ranges fill one slot ("volume up by {volume_step_up:volume_step}" and "down by
        # {volume_step_down:volume_step}"): the sentence around each decides the sign, so the
        # first range reads the number and the handler sees its multiplier.
        return
    else:
        typed.setdefault(slot, kind)


def _parse_list(name: str, spec: Any) -> Any:
    """One list parsed by hassil (through its public ``Intents.from_dict``)."""
    from hassil.intents import Intents

    parsed = Intents.from_dict({"language": "en", "intents": {}, "lists": {name: spec}})
    return parsed.slot_lists[name]


def _why(exc: Exception) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:300]
