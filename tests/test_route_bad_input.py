"""Bad input gets the fallback, with a reason, and costs no training-time work (issue 9).

An utterance of 1,000 random characters, of 300 repeated fillers, of only punctuation, or in a
script no skill knows must fall back without a traceback. "Quickly" is checked by behaviour, not
by a clock: while these utterances are routed and answered, nothing may train or load a model
(the learned stage is trained once, when the skills are loaded, never per turn).
"""

from __future__ import annotations

import random
import string
from collections.abc import Iterator

import pytest

from simulator.engine import Simulator
from simulator.routing import learned

_RNG = random.Random(9)

BAD_INPUTS = {
    "1000 random characters": "".join(
        _RNG.choice(string.ascii_letters + string.digits + string.punctuation + " ")
        for _ in range(1000)
    ),
    "1000 characters of random words": " ".join(
        "".join(_RNG.choice(string.ascii_lowercase) for _ in range(_RNG.randint(1, 8)))
        for _ in range(200)
    )[:1000],
    "300 times um": " ".join(["um"] * 300),
    "300 times please": " ".join(["please"] * 300),
    "300 mixed fillers": " ".join(
        _RNG.choice(["um", "uh", "please", "could you", "thanks", "hey", "for me", "just"])
        for _ in range(300)
    ),
    "only punctuation": "?!... ,,, ;;; --- !!! ???",
    "Cyrillic": "включи свет на кухне пожалуйста",
    "Greek": "άναψε το φως της κουζίνας",
    "Thai": "เปิดไฟในครัวหน่อย",
    "Georgian": "ჩართე შუქი სამზარეულოში",
    "Devanagari": "रसोई की बत्ती जलाओ",
}


@pytest.fixture(scope="module")
def sim() -> Iterator[Simulator]:
    """The bundled skills, the demo home and the learned stage (loaded from the run's cache)."""
    simulator = Simulator.create(seed=0, learned="sync")  # loaded now: turns must not load it
    assert simulator.router.classifier is not None, "the learned stage should be on"
    yield simulator
    simulator.close()


@pytest.fixture
def no_training(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any training or model loading during the test an error."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a turn must not train or load the learned stage")

    monkeypatch.setattr(learned, "train", refuse)
    monkeypatch.setattr(learned, "load_or_train", refuse)


@pytest.mark.parametrize("name", list(BAD_INPUTS))
def test_bad_input_is_routed_to_the_fallback(sim: Simulator, no_training: None, name: str) -> None:
    result = sim.route(BAD_INPUTS[name])
    assert result.source == "fallback"
    assert result.intent is None
    assert result.explanation, "a fallback says why"


@pytest.mark.parametrize("name", list(BAD_INPUTS))
def test_bad_input_gets_the_fallback_answer(sim: Simulator, no_training: None, name: str) -> None:
    text = BAD_INPUTS[name]
    turn = sim.handle_sync(text)
    assert turn.intent is None
    if turn.error is not None:
        # Past the length limit, or with no words at all, the turn is refused unrouted, with a
        # plain reason instead.
        expected = "INPUT_TOO_LONG" if len(text) > 1000 else "NO_WORDS"
        assert turn.error.code == expected
        assert turn.error.message
    else:
        assert turn.source == "fallback" and turn.speech


@pytest.mark.parametrize("name", ["Cyrillic", "Greek", "Thai", "Georgian", "Devanagari"])
def test_an_unknown_script_is_not_guessed_at(sim: Simulator, name: str) -> None:
    # No word of it is a word any skill uses: the learned stage is not asked to rank intents by
    # chance, and the reason says so.
    result = sim.route(BAD_INPUTS[name])
    assert "words no skill uses" in result.explanation
    assert all(alt.source != "classifier" for alt in result.alternatives)


def test_a_known_request_next_to_bad_input_still_routes(sim: Simulator) -> None:
    # The guards above must not swallow real requests with a little noise around them.
    result = sim.route("um um um please turn on the kitchen light please")
    assert result.intent == "TurnOn"
