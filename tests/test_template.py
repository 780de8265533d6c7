"""Tests for simulator.nlu.template and simulator.nlu.expand."""

from __future__ import annotations

import pickle
import random
from collections import Counter

import pytest

from simulator.nlu.expand import (
    count_expansions,
    expand,
    literal_words,
    max_tokens,
    min_tokens,
    required_words,
    rule_names,
    sample,
    slot_names,
)
from simulator.nlu.template import (
    SHARED_RULES,
    Alt,
    Node,
    Opt,
    RuleRef,
    RuleSet,
    Seq,
    SlotRef,
    TemplateError,
    Word,
    parse_template,
)

# --- parsing ----------------------------------------------------------------


def W(*words: str) -> list[Word]:
    return [Word(w) for w in words]


def test_parse_basic() -> None:
    node = parse_template("(start|set) [a] timer for {duration}")
    assert node == Seq(
        (
            Alt((Word("start"), Word("set"))),
            Opt(Word("a")),
            *W("timer", "for"),
            SlotRef("duration"),
        )
    )


def test_parse_normalises_literals() -> None:
    assert parse_template("What's  UP") == Seq(tuple(W("what", "is", "up")))
    assert parse_template("hello") == Word("hello")


def test_parse_optional_alternatives_and_empty_option() -> None:
    assert parse_template("[a|b]") == Opt(Alt((Word("a"), Word("b"))))
    assert parse_template("(a|)") == Alt((Word("a"), Seq(())))


def test_parse_top_level_alternatives() -> None:
    assert parse_template("a b|c") == Alt((Seq((Word("a"), Word("b"))), Word("c")))


def test_parse_simplifies() -> None:
    assert parse_template("((a))") == Word("a")
    assert parse_template("x (y z)") == Seq(tuple(W("x", "y", "z")))
    assert parse_template("[[a]]") == Opt(Word("a"))
    # Both options normalise to "what is": merged into one.
    assert parse_template("(what is|what's)") == Seq(tuple(W("what", "is")))


def test_parse_refs_keep_case_and_column() -> None:
    node = parse_template("set {Level_2} <the_Rule>")
    assert isinstance(node, Seq)
    slot, rule = node.items[1], node.items[2]
    assert slot == SlotRef("Level_2") and rule == RuleRef("the_Rule")
    assert isinstance(slot, SlotRef) and slot.column == 5
    assert isinstance(rule, RuleRef) and rule.column == 15
    # column is not part of equality
    assert SlotRef("x", 3) == SlotRef("x", 9)
    assert hash(SlotRef("x", 3)) == hash(SlotRef("x", 9))


@pytest.mark.parametrize(
    ("template", "column", "reason_part"),
    [
        ("set (a|b timer", 5, 'unbalanced "("'),
        ("set [a timer", 5, 'unbalanced "["'),
        ("set {duration", 5, 'unbalanced "{"'),
        ("a <rule", 3, 'unbalanced "<"'),
        ("a b) c", 4, 'stray ")"'),
        ("a ] c", 3, 'stray "]"'),
        ("a } c", 3, 'stray "}"'),
        ("a > c", 3, 'stray ">"'),
        ("(a]", 3, 'mismatched "]"'),
        ("x {}", 3, "empty slot name"),
        ("x <>", 3, "empty rule name"),
        ("x {a-b}", 5, "bad character '-' in slot name"),
        ("x {1st}", 4, "bad character '1' in slot name"),
        ("x {a b}", 5, "bad character ' ' in slot name"),
        ("x <a.b>", 5, "bad character '.' in rule name"),
        ("x {a {b}}", 6, 'nested "{"'),
        ("x <a <b>>", 6, 'nested "<"'),
        ("", 1, "empty template"),
        ("   ", 1, "empty template"),
        ("?!", 1, "empty template"),
    ],
)
def test_parse_errors(template: str, column: int, reason_part: str) -> None:
    with pytest.raises(TemplateError) as info:
        parse_template(template)
    err = info.value
    assert err.column == column
    assert err.template == template
    assert reason_part in err.reason
    assert isinstance(err, ValueError)


def test_error_message_format() -> None:
    with pytest.raises(TemplateError) as info:
        parse_template("set a timer (for {duration}")
    expected = [
        'column 13: unbalanced "(": no closing ")"',
        "  set a timer (for {duration}",
        "              ^",
    ]
    assert str(info.value) == "\n".join(expected)


def test_error_pickles() -> None:
    err = TemplateError("a (b", 3, "oops")
    copy = pickle.loads(pickle.dumps(err))
    assert (copy.template, copy.column, copy.reason) == ("a (b", 3, "oops")


def test_deep_nesting_is_an_error_not_a_crash() -> None:
    with pytest.raises(TemplateError, match="nesting"):
        parse_template("(" * 500 + "a" + ")" * 500)


# --- rules ------------------------------------------------------------------


def test_resolve_shared_rules() -> None:
    node = SHARED_RULES.parse("<what_is> the time")
    assert rule_names(node) == set()
    # "whats" is normalised to "what is" like "what's", so the rule's three spellings read as
    # two different phrasings.
    assert {" ".join(map(str, e)) for e in expand(node)} == {
        "what is the time",
        "tell me the time",
    }


def test_all_shared_rules_parse() -> None:
    for name in ["the", "please", "what_is", "set", "turn_on", "turn_off", "in"]:
        assert name in SHARED_RULES
        SHARED_RULES.resolve(RuleRef(name))


def test_child_rules_override_and_fall_back() -> None:
    child = RuleSet({"greet": "(hi|hello) <name>", "name": "bob"}, parent=SHARED_RULES)
    node = child.parse("<greet> <please>")
    assert {tuple(e) for e in expand(node)} == {
        ("hi", "bob", "please"),
        ("hello", "bob", "please"),
        ("hi", "bob"),
        ("hello", "bob"),
    }
    # dynamic lookup: the child's <name> is used by a parent rule
    parent = RuleSet({"call": "call <name>", "name": "alice"})
    kid = RuleSet({"name": "carol"}, parent=parent)
    assert kid.parse("<call>") == Seq(tuple(W("call", "carol")))
    assert parent.parse("<call>") == Seq(tuple(W("call", "alice")))
    assert kid.names() == {"call", "name"}


def test_unknown_rule() -> None:
    rules = RuleSet({"a": "x <missing>"})
    with pytest.raises(TemplateError) as info:
        rules.parse("hello <nope>")
    assert info.value.column == 7
    assert "unknown rule <nope>" in info.value.reason
    with pytest.raises(TemplateError) as info:
        rules.parse("<a>")
    # reported in the rule's own text, at the reference's column
    assert info.value.template == "x <missing>"
    assert info.value.column == 3


def test_cyclic_rule() -> None:
    rules = RuleSet({"a": "x <b>", "b": "y [<a>]", "self": "z <self>"})
    with pytest.raises(TemplateError) as info:
        rules.parse("go <a>")
    assert "cyclic rule" in info.value.reason
    assert "<a> -> <b> -> <a>" in info.value.reason
    with pytest.raises(TemplateError, match="<self> -> <self>"):
        rules.parse("<self>")


def test_bad_rule_definition() -> None:
    with pytest.raises(TemplateError):
        RuleSet({"bad name": "x"})
    with pytest.raises(TemplateError) as info:
        RuleSet({"ok": "x (y"})
    assert info.value.column == 3


def test_rule_used_twice_is_shared() -> None:
    rules = RuleSet({"r": "(a|b)"})
    node = rules.parse("<r> <r>")
    assert count_expansions(node) == 4


# --- expansion ----------------------------------------------------------------


SMALL_TEMPLATES = [
    "a",
    "(start|set) [a] timer for {duration}",
    "[a|b] [c] (d|e|) {x}",
    "((a|b) [c|d]|e [f [g]])",
    "x|y z|[w]",
    "turn (on|off) [the] (light|lights) [in {room}] [please]",
]


@pytest.mark.parametrize("template", SMALL_TEMPLATES)
def test_expand_agrees_with_count(template: str) -> None:
    node = parse_template(template)
    expansions = list(expand(node))
    assert len(expansions) == count_expansions(node)
    assert len(set(expansions)) == len(expansions)  # no structural duplicates here
    for e in expansions:
        assert min_tokens(node) <= len(e)
        upper = max_tokens(node)
        assert upper is None or len(e) <= upper


def test_count_with_slot_sizes() -> None:
    node = parse_template("{a} [and {b}]")
    assert count_expansions(node) == 2
    assert count_expansions(node, {"a": 3, "b": 5}) == 3 * (1 + 5)


def test_huge_count_is_structural() -> None:
    node = parse_template(" ".join(["(a|b)"] * 40))
    assert count_expansions(node) == 2**40
    node = parse_template(" ".join(["(a|b|c|d|e|f|g|h|i|j)"] * 30))
    assert count_expansions(node) == 10**30
    first = list(expand(node, limit=3))
    assert len(first) == 3
    assert first[0] == ("a",) * 30


def test_expand_limit_and_laziness() -> None:
    node = parse_template("[a] (b|c)")
    assert list(expand(node)) == [("a", "b"), ("a", "c"), ("b",), ("c",)]
    assert list(expand(node, limit=2)) == [("a", "b"), ("a", "c")]


def test_sample_valid_and_covers_all() -> None:
    rng = random.Random(42)
    node = parse_template("[a|b] (c|d [e]) [{x}]")
    all_expansions = set(expand(node))
    seen: Counter[tuple[str | SlotRef, ...]] = Counter()
    for _ in range(3000):
        s = sample(node, rng)
        assert s in all_expansions
        seen[s] += 1
    assert set(seen) == all_expansions
    # roughly uniform: 18 expansions, ~167 each
    assert min(seen.values()) > 80


def test_sample_huge_template() -> None:
    node = parse_template(" ".join(["(a|b|c|d|e|f|g|h|i|j)"] * 30))
    s = sample(node, random.Random(0))
    assert len(s) == 30


def test_sample_empty_option() -> None:
    node = parse_template("x (y|)")
    seen = {sample(node, random.Random(i)) for i in range(50)}
    assert seen == {("x", "y"), ("x",)}


def test_slot_and_rule_names() -> None:
    node = parse_template("{b} <r> [{a} {b}] (<s>|{c})")
    assert slot_names(node) == ["b", "a", "c"]
    assert rule_names(node) == {"r", "s"}


def test_word_sets_and_lengths() -> None:
    node = parse_template("turn (on|off) [the] (light|lamp light) {room}")
    assert required_words(node) == {"turn", "light"}
    assert literal_words(node) == {"turn", "on", "off", "the", "light", "lamp"}
    assert min_tokens(node) == 4
    assert max_tokens(node) is None
    fixed = parse_template("a [b c] (d|e f g)")
    assert min_tokens(fixed) == 2
    assert max_tokens(fixed) == 6


def test_unresolved_rule_raises() -> None:
    node: Node = parse_template("a <r>")
    for fn in (count_expansions, min_tokens, max_tokens, required_words, literal_words):
        with pytest.raises(ValueError, match="unresolved"):
            fn(node)
    with pytest.raises(ValueError):
        list(expand(node))
    with pytest.raises(ValueError):
        sample(node, random.Random(0))
