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


def test_a_name_removed_from_something_else_is_not_forgotten(sim: Simulator) -> None:
    # "my name" taken off a list is the lists skill's (or no skill's), never ForgetName.
    assert _label(sim, "remove my name from the mailing list") != "hello.ForgetName"


def test_what_can_you_do_is_the_help_skills_and_what_can_i_say_the_built_in(
    sim: Simulator,
) -> None:
    # "what can you do" asks about the speaker (help.WhatCanYouDo, whose answer general help
    # gives too); "what can i say" asks for help where one is, so it stays the built-in.
    assert _label(sim, "what can you do") == "help.WhatCanYouDo"
    assert _label(sim, "what can i say") == "builtin.Help"
    assert _label(sim, "help") == "builtin.Help"


# Questions about the speaker said insistently, a device, list or skill asked after with "have
# got" or its state word alone (session 25, "wording"). Sentences of our own.
@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("who exactly are you", "fun.WhoAreYou"),
        ("what actually are you then", "fun.WhoAreYou"),
        ("are you an actual robot", "fun.AreYouARobot"),
        ("are you really human", "fun.AreYouARobot"),
        ("what skills have you got", "help.ListSkills"),
        ("which stations have you got", "music.WhatCanIPlay"),
        ("which lists are there right now", "lists.ListLists"),
        ("front door status", "smart_home.Describe"),
    ],
)
def test_a_skill_hears_a_wording_of_its_kind(sim: Simulator, text: str, label: str) -> None:
    assert _label(sim, text) == label


def test_a_device_the_home_lacks_is_no_song_topic(sim: Simulator) -> None:
    # The song topics' examples name no appliance, so a kettle is a device the home lacks.
    assert _label(sim, "switch on the kettle") == "smart_home.UnknownDevice"
