"""Tests for simulator.nlu.matcher and simulator.nlu.index."""

from __future__ import annotations

import random
from collections.abc import Sequence

import pytest

from simulator.nlu.expand import expand, max_tokens, min_tokens, required_words
from simulator.nlu.index import TemplateIndex
from simulator.nlu.matcher import NO_VALUE, Match, NearMiss, match
from simulator.nlu.normalize import tokenize
from simulator.nlu.template import SHARED_RULES, Node, RuleRef, SlotRef, parse_template


def numbers(name: str, tokens: Sequence[str], start: int, end: int) -> object:
    """Accept exactly one digit token."""
    words = tokens[start:end]
    return int(words[0]) if len(words) == 1 and words[0].isdigit() else NO_VALUE


def multi_numbers(name: str, tokens: Sequence[str], start: int, end: int) -> object:
    """Accept a run of digit tokens ("1 2 3" -> 123)."""
    words = tokens[start:end]
    return int("".join(words)) if all(w.isdigit() for w in words) else NO_VALUE


def anything(name: str, tokens: Sequence[str], start: int, end: int) -> object:
    return " ".join(tokens[start:end])


def m(template: str, text: str, accept: object = anything) -> Match | NearMiss:
    return match(SHARED_RULES.parse(template), tokenize(text), accept)  # type: ignore[arg-type]


def test_literal_and_optional_words() -> None:
    t = "(start|set) [a] timer for {n} minutes [please]"
    for text in [
        "set a timer for 5 minutes",
        "start timer for 5 minutes please",
        "set timer for 5 minutes",
    ]:
        result = m(t, text, numbers)
        assert isinstance(result, Match), text
        assert result.slots["n"].value == 5
    assert isinstance(m(t, "set the timer for 5 minutes", numbers), NearMiss)


def test_alternatives_and_rules() -> None:
    for text in ["what's the time", "tell me the time", "whats the time"]:
        result = m("<what_is> the time", text)
        assert isinstance(result, Match)
        assert result.slots == {}
    assert isinstance(m("<turn_on> <the> light", "switch on light"), Match)


def test_multi_token_slot_with_number_acceptor() -> None:
    result = m("call {number} now", "call 5 5 5 1 2 now", multi_numbers)
    assert isinstance(result, Match)
    span = result.slots["number"]
    assert (span.start, span.end, span.value) == (1, 6, 55512)
    assert result.literal_tokens == 2


def test_backtracking_when_first_span_fails() -> None:
    calls: list[tuple[int, int]] = []

    def picky(name: str, tokens: Sequence[str], start: int, end: int) -> object:
        calls.append((start, end))
        return " ".join(tokens[start:end]) if end - start == 2 else NO_VALUE

    result = match(parse_template("{a} {b}"), ["x", "y", "z", "w"], picky)
    assert isinstance(result, Match)
    assert result.slots["a"].value == "x y"
    assert result.slots["b"].value == "z w"
    assert (0, 1) in calls  # the shorter first span was tried and rejected


def test_acceptor_memoised_per_span() -> None:
    calls: dict[tuple[str, int, int], int] = {}

    def counting(name: str, tokens: Sequence[str], start: int, end: int) -> object:
        key = (name, start, end)
        calls[key] = calls.get(key, 0) + 1
        return NO_VALUE if tokens[start] == "bad" else "ok"

    match(parse_template("(a {x} b|a {x} c|a {x} bad)"), ["a", "q", "bad"], counting)
    assert calls and max(calls.values()) == 1


def test_prefers_literal_heavy_match() -> None:
    node = parse_template("(play {query}|play {song} by {artist})")
    result = match(node, tokenize("play yesterday by the beatles"), anything)
    assert isinstance(result, Match)
    assert set(result.slots) == {"song", "artist"}
    assert result.literal_tokens == 2
    # optional literal words are taken rather than swallowed by the slot
    result2 = m("remind me to {task} [tomorrow]", "remind me to call mum tomorrow")
    assert isinstance(result2, Match)
    assert result2.slots["task"].value == "call mum"
    assert result2.literal_tokens == 4


def test_slot_spans_never_empty_and_all_tokens_consumed() -> None:
    assert isinstance(m("play {x}", "play"), NearMiss)
    assert isinstance(m("play", "play it"), NearMiss)


def test_repeated_slot_later_binding_wins() -> None:
    result = m("{x} and {x}", "a and b")
    assert isinstance(result, Match)
    assert result.slots["x"].value == "b"


def test_empty_input() -> None:
    assert isinstance(match(parse_template("[please]"), [], anything), Match)
    miss = match(parse_template("hello [there]"), [], anything)
    assert miss == NearMiss(0, ["hello"])


def test_near_miss_wrong_word() -> None:
    miss = m("set a timer for {n} minutes", "set a clock for 5 minutes", numbers)
    assert miss == NearMiss(2, ["timer"])


def test_near_miss_slot_rejected() -> None:
    miss = m("set a timer for {n} minutes", "set a timer for five minutes", numbers)
    assert miss == NearMiss(4, ["{n}"])


def test_near_miss_input_ended_early() -> None:
    miss = m("set a timer for {n} (minutes|seconds)", "set a timer for 5", numbers)
    assert miss == NearMiss(5, ["minutes", "seconds"])
    miss = m("set a timer for {n}", "set a timer for", numbers)
    assert miss == NearMiss(4, ["{n}"])


def test_near_miss_extra_tokens() -> None:
    miss = m("stop", "stop it now")
    assert miss == NearMiss(1, [])


def test_unresolved_rule_is_rejected() -> None:
    with pytest.raises(ValueError):
        match(parse_template("<the> x"), ["x"], anything)
    with pytest.raises(ValueError):
        match(RuleRef("r"), ["x"], anything)


def test_budget_stops_pathological_templates() -> None:
    # 30 adjacent slots over 60 tokens: quadratic span space, bounded by budget.
    node = parse_template(" ".join(f"{{s{i}}}" for i in range(30)) + " end")
    tokens = ["w"] * 60
    result = match(node, tokens, anything, budget=500)
    assert isinstance(result, NearMiss)
    result = match(node, [*tokens[:-1], "end"], anything, budget=200_000)
    assert isinstance(result, Match)


def test_huge_template_matches() -> None:
    node = parse_template(" ".join(["(a|b|c|d|e|f|g|h|i|j)"] * 30))
    tokens = random.Random(3).choices("abcdefghij", k=30)
    assert isinstance(match(node, tokens, anything), Match)
    assert isinstance(match(node, tokens[:-1], anything), NearMiss)


def test_matches_every_expansion() -> None:
    node = parse_template("turn (on|off) [the] (light|lights) [in {room}] [please]")
    for expansion in expand(node):
        tokens = [w if isinstance(w, str) else "kitchen" for w in expansion]
        result = match(node, tokens, anything)
        assert isinstance(result, Match), tokens
        assert result.literal_tokens == sum(isinstance(w, str) for w in expansion)
        assert ("room" in result.slots) == any(isinstance(w, SlotRef) for w in expansion)


# --- index ------------------------------------------------------------------

VOCAB = ["turn", "on", "off", "the", "light", "set", "timer", "play", "music", "what", "time"]


def random_template(rng: random.Random, depth: int = 0) -> str:
    parts = []
    for _ in range(rng.randint(1, 4)):
        r = rng.random()
        if r < 0.5 or depth > 2:
            parts.append(rng.choice(VOCAB))
        elif r < 0.65:
            parts.append("{" + rng.choice(["x", "y"]) + "}")
        elif r < 0.85:
            opts = [random_template(rng, depth + 1) for _ in range(rng.randint(2, 3))]
            parts.append("(" + "|".join(opts) + ")")
        else:
            parts.append("[" + random_template(rng, depth + 1) + "]")
    return " ".join(parts)


Facts = tuple[Node, int, frozenset[str], int, int | None]


def brute_force(entries: list[Facts], tokens: list[str]) -> list[tuple[Node, int]]:
    out = []
    for node, payload, required, low, high in entries:
        if required <= set(tokens) and low <= len(tokens) and (high is None or len(tokens) <= high):
            out.append((node, payload))
    return out


def test_index_candidates_narrow_the_word_and_length_filter() -> None:
    # The index may rule out more (first/last words), never less, and keeps insertion order.
    rng = random.Random(7)
    index: TemplateIndex[int] = TemplateIndex()
    entries: list[Facts] = []
    for i in range(400):
        node = parse_template(random_template(rng))
        index.add(node, i)
        entries.append((node, i, required_words(node), min_tokens(node), max_tokens(node)))
    assert len(index) == 400
    for _ in range(300):
        tokens = rng.choices(VOCAB, k=rng.randint(0, 7))
        got = index.candidates(tokens)
        allowed = brute_force(entries, tokens)
        assert all(c in allowed for c in got)
        assert [p for _, p in got] == sorted(p for _, p in got)


def test_index_candidates_include_all_real_matches() -> None:
    rng = random.Random(11)
    index: TemplateIndex[int] = TemplateIndex()
    nodes = [parse_template(random_template(rng)) for _ in range(400)]
    for i, node in enumerate(nodes):
        index.add(node, i)
    matched = 0
    for _ in range(300):
        tokens = rng.choices(VOCAB, k=rng.randint(1, 7))
        found = {p for _, p in index.candidates(tokens)}
        for i, node in enumerate(nodes):
            if isinstance(match(node, tokens, anything), Match):
                matched += 1
                assert i in found
    # Random utterances must actually match some templates, or this proves nothing.
    assert matched > 20


def test_index_incremental_add() -> None:
    index: TemplateIndex[str] = TemplateIndex()
    index.add(parse_template("turn on the light"), "a")
    assert [p for _, p in index.candidates(tokenize("turn on the light"))] == ["a"]
    index.add(parse_template("turn off the light"), "b")
    index.add(parse_template("[please] {anything}"), "c")
    assert [p for _, p in index.candidates(tokenize("turn off the light"))] == ["b", "c"]
    assert [p for _, p in index.candidates([])] == []


def test_index_near() -> None:
    index: TemplateIndex[str] = TemplateIndex()
    index.add(parse_template("set a timer for {n} minutes"), "timer")
    index.add(parse_template("play {song}"), "play")
    index.add(parse_template("what is the time"), "time")
    near = index.near(tokenize("set timer please"))
    assert [p for _, p, _ in near] == ["timer"]
    score = near[0][2]
    assert score == pytest.approx(2 / 6)  # shared {set, timer}; union = 5 + 3 - 2 words
    assert index.near(["nothing", "shared"]) == []
    two = index.near(tokenize("play the time"), limit=1)
    assert [p for _, p, _ in two] == ["time"]
    # The words' postings are made on the first `near`: a template added after it is found too.
    index.add(parse_template("stop the music"), "stop")
    assert [p for _, p, _ in index.near(tokenize("stop music now"))] == ["stop"]


def test_router_warm_compiles_without_changing_results() -> None:
    from datetime import datetime

    from simulator.engine import Simulator

    sim = Simulator.create(use_home=False, now=datetime(2026, 6, 1, 9, 0))
    try:
        before = sim.route("set a timer for 5 minutes")
        sim.router.warm()
        after = sim.route("set a timer for 5 minutes")
        assert (before.intent, before.slots) == (after.intent, after.slots)
    finally:
        sim.close()


def test_a_small_slotless_template_matches_by_its_phrasings_as_the_matcher_does() -> None:
    # `full_match` answers a slotless template of few phrasings by a set lookup: it must agree
    # with the general matcher on every phrasing, and on near ones (a word dropped, swapped,
    # added), both under and over the spelled-out limit.
    from simulator.nlu import matcher

    rng = random.Random(3)
    for text in (
        "(change|set) [the] zq00003 (speaker|heater) [to] (blue|green|warm)",
        "[please] (turn|switch) [on] [the] (a|b|c|d|e) (f|g|h|i|j) (k|l|m|n|o) [p] [q] [r]",
        "what time is it",
    ):
        node = parse_template(text)
        phrasings = [[w for w in words if isinstance(w, str)] for words in expand(node)]
        tries = list(phrasings[:300])
        for words in phrasings[:100]:
            cut = rng.randrange(len(words))
            tries += [words[:cut] + words[cut + 1 :], [*words, "now"], ["oh", *words], words[::-1]]
        for tokens in tries:
            expected = match(node, tokens, anything)
            got = matcher.full_match(node, tokens, anything)
            if isinstance(expected, Match):
                assert got == expected, tokens
            else:
                assert got is None, tokens
    assert any(v[1] is None for v in matcher._PHRASES.values())  # the big one was not spelled out
