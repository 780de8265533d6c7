"""A request after a clause said first (issue #9): "i've run out of cheddar, put cheddar on the
shopping list" is the longer request, not the "shopping list" at its end; "everybody's gone
out" is a remark of its own. On sentences written for these tests.
"""

from __future__ import annotations

import pytest

from simulator.engine import Simulator
from simulator.nlu.fillers import is_remark


@pytest.fixture(scope="module")
def speaker() -> Simulator:
    """The bundled skills."""
    return Simulator.create(seed=0)


@pytest.mark.parametrize("text", ["everybody's gone out", "grandad's still here", "tom's asleep"])
def test_someone_and_how_they_are_make_a_remark(text: str) -> None:
    assert is_remark(text.split())


@pytest.mark.parametrize("text", ["grandad's lamp", "tom's list", "sam's alarm"])
def test_a_possessive_and_its_noun_make_no_remark(text: str) -> None:
    assert not is_remark(text.split())


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("i've run out of cheddar, put cheddar on the shopping list", "lists.AddItems"),
        ("i've run out of cheddar put cheddar on the shopping list", "lists.AddItems"),
        ("the guests have left, take the wine off the shopping list", "lists.RemoveItems"),
        ("everybody's gone to bed turn off the kitchen light", "smart_home.TurnOff"),
    ],
)
def test_the_request_after_the_clause_is_read_whole(
    speaker: Simulator, text: str, intent: str
) -> None:
    result = speaker.route(text)
    assert f"{result.skill}.{result.intent}" == intent
    assert "set aside the clause" in result.explanation
