"""Pointing back (`simulator.nlu.pointing`): a thing named again, and the pronoun that stands
for it, as the remark and negation readings share them; and the closed classes they build on."""

from __future__ import annotations

import pytest

from simulator.nlu.closed_class import (
    AUXILIARIES,
    DEFINITE_DETERMINERS,
    DETERMINERS,
    MODALS,
    NOUN_PHRASE_STARTS,
    POSSESSIVES,
)
from simulator.nlu.leads import leads
from simulator.nlu.negation import negated_readings
from simulator.nlu.pointing import COUNTING, named_again, pointed_at, pronoun_is_subject


@pytest.mark.parametrize(
    ("thing", "again"),
    [
        (["my", "reading", "lamp"], ["my", "reading", "lamp"]),
        (["those", "reminders"], ["those", "reminders"]),
        (["any", "reminders"], ["the", "reminders"]),
        (["a", "podcast"], ["the", "podcast"]),
        (["that", "playlist"], ["the", "playlist"]),
        (["egg", "timers"], ["the", "egg", "timers"]),
    ],
)
def test_a_thing_named_again(thing: list[str], again: list[str]) -> None:
    assert named_again(thing) == again


@pytest.mark.parametrize(
    ("said", "at"),
    [
        ("please delete them all", 2),
        ("snooze it for ten minutes", 1),
        ("is it snowing", None),  # the subject of an auxiliary
        ("it can wait", None),  # the first word
        ("what time does it start", None),
        ("put them on my list", 1),
    ],
)
def test_the_pronoun_that_points_back(said: str, at: int | None) -> None:
    assert pointed_at(said.split(), frozenset({"it", "them"})) == at


def test_a_pronoun_before_an_auxiliary_with_words_after_is_a_subject() -> None:
    # The negation reading's stricter rule: before an auxiliary too, and after "need".
    assert pronoun_is_subject(["when", "it", "will", "ring"], 1)
    assert pronoun_is_subject(["i", "need", "it"], 2)
    assert not pronoun_is_subject(["turn", "it", "down"], 1)
    assert not pronoun_is_subject(["tell", "me", "what", "is", "it"], 4)  # what it is, asked
    # The remark reading's looser one takes both.
    assert pointed_at(["when", "it", "will", "ring"], frozenset({"it"})) == 1
    assert pointed_at(["i", "need", "it"], frozenset({"it"})) == 2


def test_the_closed_classes_nest() -> None:
    assert POSSESSIVES < DEFINITE_DETERMINERS < DETERMINERS
    assert NOUN_PHRASE_STARTS < DETERMINERS
    assert MODALS < AUXILIARIES
    assert COUNTING.isdisjoint(DEFINITE_DETERMINERS - {"this", "that"})
    assert {"this", "that", "any", "a"} <= COUNTING


def test_both_readings_name_a_counted_thing_again_with_the() -> None:
    # A remark said first, and a negated clause, each read "them" as the thing they named.
    remark = [
        " ".join(lead.request)
        for lead in leads(
            ["my", "neighbours", "left", "loads", "of", "parcels", "bring", "them", "in"], (6,)
        )
    ]
    assert "bring the parcels in" in remark, remark
    negated = [
        " ".join(n.words)
        for n in negated_readings(
            ["i", "do", "not", "want", "any", "more", "reminders", "delete", "them"],
            frozenset({"delete"}),
            (7,),
        )
    ]
    assert "delete the reminders" in negated, negated
