"""The bundled skills' own wordings for what their intents' descriptions promise (issue #9):
forgetting a name said as what one is called or from memory, a riddle to solve.

Sentences of our own, not of the paraphrase sets.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from simulator.engine import Simulator


@pytest.fixture(scope="module")
def sim() -> Iterator[Simulator]:
    s = Simulator.create(seed=0)
    yield s
    s.close()


def _label(sim: Simulator, text: str) -> str:
    result = sim.route(text)
    return f"{result.skill}.{result.intent}" if result.intent else "fallback"


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("forget what my name is", "hello.ForgetName"),
        ("remove my name from your memory", "hello.ForgetName"),
        ("give me a riddle to crack", "fun.TellRiddle"),
    ],
)
def test_a_skill_hears_its_own_request_in_other_words(
    sim: Simulator, text: str, label: str
) -> None:
    assert _label(sim, text) == label


@pytest.mark.parametrize(
    "text", ["remove my name from the mailing list", "tell me a riddle about my taxes"]
)
def test_requests_near_the_new_wordings_are_no_skills(sim: Simulator, text: str) -> None:
    assert _label(sim, text) in ("fallback", "lists.RemoveItems")
