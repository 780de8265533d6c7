"""The start-up cache of parsed templates (`simulator.nlu.template_cache`)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from simulator.nlu import template_cache
from simulator.nlu.expand import slot_names
from simulator.nlu.index import SlotShape, TemplateIndex
from simulator.nlu.template import SHARED_RULES, RuleSet

TEXTS = [
    "<set> [the] {device} to {level} [percent]",
    "(what is|what's) the weather [like] <in> {city}",
    "<greeting> there",
]


@pytest.fixture
def cache_dir(tmp_path: Path) -> Iterator[Path]:
    """A fresh, empty cache in a temporary directory; the process's cache is put back after."""
    # The run's background training (tests/conftest.py) parses templates into the same
    # process-wide cache; run alone, this file would race with it.
    for thread in threading.enumerate():
        if thread.name == "bundled-model-training":
            thread.join()
    before = template_cache.stats()["directory"]
    template_cache.clear()
    template_cache.use_directory(tmp_path)
    yield tmp_path
    template_cache.clear()
    template_cache.use_directory(None if before is None else Path(before))


def _index(rules: RuleSet) -> tuple[list[object], TemplateIndex[str]]:
    shapes = {"level": SlotShape(max_tokens=2), "device": SlotShape(frozenset({"lamp"}))}
    index: TemplateIndex[str] = TemplateIndex()
    nodes = []
    for text in TEXTS:
        node = rules.parse(text)
        index.add(node, text, shapes)
        slot_names(node)
        nodes.append(node)
    return nodes, index


def test_a_new_process_reads_the_same_trees_and_facts_from_disk(cache_dir: Path) -> None:
    rules = RuleSet({"greeting": "(hello|hi)"}, parent=SHARED_RULES)
    nodes, index = _index(rules)
    assert template_cache.save()
    assert not template_cache.save()  # nothing new since: no write
    files = list(cache_dir.glob("templates-*.json"))
    assert len(files) == 1

    template_cache.clear()  # as a new process: nothing in memory
    again, index_again = _index(RuleSet({"greeting": "(hello|hi)"}, parent=SHARED_RULES))
    assert template_cache.stats()["hits"] == len(TEXTS) + 1  # the rule's body is kept too
    assert again == nodes  # equal trees, read from the file
    assert all(a is not b for a, b in zip(again, nodes, strict=True))
    tokens = ["set", "the", "lamp", "to", "50", "percent"]
    found = [p for _, p in index_again.candidates(tokens)]
    assert found == [p for _, p in index.candidates(tokens)] == [TEXTS[0]]
    assert [slot_names(n) for n in again] == [["device", "level"], ["city"], []]


def test_same_text_under_other_rules_is_parsed_again(cache_dir: Path) -> None:
    first = RuleSet({"greeting": "(hello|hi)"}, parent=SHARED_RULES).parse("<greeting> there")
    template_cache.save()
    template_cache.clear()
    other = RuleSet({"greeting": "good morning"}).parse("<greeting> there")
    assert other != first
    assert template_cache.stats()["hits"] == 0


def test_a_damaged_file_is_ignored_and_written_again(cache_dir: Path) -> None:
    rules = RuleSet({"greeting": "(hello|hi)"}, parent=SHARED_RULES)
    expected = rules.parse(TEXTS[0])
    template_cache.save()
    (path,) = cache_dir.glob("templates-*.json")
    for damage in (b"{not json", b'{"format": 1, "nodes": [["q", [7]]], "entries": []}', b"[]"):
        path.write_bytes(damage)
        template_cache.clear()
        assert RuleSet({"greeting": "(hello|hi)"}, parent=SHARED_RULES).parse(TEXTS[0]) == expected
        assert template_cache.stats()["hits"] == 0
        assert template_cache.save()  # rewritten whole
        assert json.loads(path.read_bytes())["format"] == template_cache.CACHE_FORMAT
    assert [p.name for p in cache_dir.iterdir()] == [path.name]  # no temporary file left


def test_an_unwritable_directory_costs_only_the_cache(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    template_cache.clear()
    template_cache.use_directory(blocker / "cache")
    try:
        assert RuleSet().parse("hello {name}") is not None
        assert template_cache.save() is False
    finally:
        template_cache.clear()
        template_cache.use_directory(None)


def test_a_process_that_starts_many_simulators_writes_once_then_at_exit(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first start's news is written at once; later starts' news waits for the exit."""
    at_exit: list[object] = []
    monkeypatch.setattr(template_cache.atexit, "register", at_exit.append)
    # An earlier test in this process may have registered the real exit save already.
    monkeypatch.setitem(template_cache._state, "at_exit", False)
    rules = RuleSet({"greeting": "(hello|hi)"}, parent=SHARED_RULES)
    rules.parse(TEXTS[0])
    assert template_cache.save_soon()  # the first news: written now
    path = template_cache.cache_file(cache_dir)
    first = path.read_bytes()

    rules.parse(TEXTS[1])  # a second start with a new template
    assert not template_cache.save_soon()
    rules.parse(TEXTS[2])
    assert not template_cache.save_soon()
    assert path.read_bytes() == first  # not rewritten per start
    assert at_exit == [template_cache.save]  # registered once, for the exit

    assert template_cache.save()  # what the exit does: everything new in one write
    template_cache.clear()
    parsed_again = [
        RuleSet({"greeting": "(hello|hi)"}, parent=SHARED_RULES).parse(t) for t in TEXTS
    ]
    assert len(parsed_again) == 3
    assert template_cache.stats()["hits"] == 2 * len(TEXTS)  # each rule set's rule, each text


def test_rules_parsed_before_the_file_is_read_are_not_news(cache_dir: Path) -> None:
    # The shared rules are parsed when their module is imported, before the engine names the
    # cache directory: a start whose every tree is in the file must not rewrite it.
    RuleSet({"greeting": "(hello|hi)"}, parent=SHARED_RULES).parse(TEXTS[2])
    assert template_cache.save()
    template_cache.clear()
    template_cache.use_directory(None)  # as at import: no file yet
    RuleSet({"greeting": "(hello|hi)"})
    template_cache.use_directory(cache_dir)
    RuleSet({"greeting": "(hello|hi)"}, parent=SHARED_RULES).parse(TEXTS[2])  # reads the file
    assert template_cache.stats()["dirty"] is False
    assert not template_cache.save()
    template_cache.clear()
    template_cache.use_directory(None)
    RuleSet({"farewell": "(bye|ciao)"})  # a rule the file lacks: news
    template_cache.use_directory(cache_dir)
    RuleSet({"greeting": "(hello|hi)"}, parent=SHARED_RULES).parse(TEXTS[2])
    assert template_cache.stats()["dirty"] is True
