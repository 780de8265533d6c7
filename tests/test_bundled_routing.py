"""Free-text readings on the bundled skills: judged on their own evidence (issue #9).

A free-text slot matches any words. A template that reads a request only through one must not
take an out-of-scope request ("order {thing}" and "order me a cab to the airport"), yet a value
it was made for stays its own ("call me grace"), and the learned stage's guess at another intent
does not overrule a template that named the request with words of its own ("play songs about
rain" is music, though "rain" is a weather word).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from simulator.engine import Simulator


@pytest.fixture(scope="module")
def sim() -> Iterator[Simulator]:
    simulator = Simulator.create(seed=0)
    yield simulator
    simulator.close()


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # anchored: two words of the template's own, so the learned stage's "rain" = weather
        # does not take it away
        ("play songs about rain", "music.PlayMusic"),
        ("are there songs about rain", "music.PlayMusic"),
        # one template word and one unknown word: a value
        ("call me grace", "hello.MyNameIs"),
        ("spell onomatopoeia", "knowledge.Spell"),
        # the slot's own examples vouch for a longer value
        ("play the frog chorus", "music.PlayMusic"),
        # two content words besides the slot (one a typed time): explained
        ("remind me to water the plants at 6 pm", "alarms.SetReminder"),
        # named by one template word only: the learned stage may overrule "a device called
        # up the back door"
        ("lock up the back door", "smart_home.Lock"),
    ],
)
def test_free_text_readings_that_stand(sim: Simulator, text: str, label: str) -> None:
    result = sim.route(text)
    assert f"{result.skill}.{result.intent}" == label, result.explanation


def test_free_text_does_not_take_an_out_of_scope_request(sim: Simulator) -> None:
    words = ["order", "me", "a", "cab", "to", "the", "airport"]
    decision = sim.router.route(words, env=sim.slot_env())
    assert decision.best is None
    # The reason is said: the learned stage reads it as out of domain, and the template matched
    # only through free text of unknown words.
    assert "out of domain" in decision.details["missing"]
    free = [c for c in decision.candidates if c.free_text and c.source == "template"]
    assert free and "only through free text" in free[0].explanation


@pytest.mark.parametrize(
    "text", ["how tall is mount everest", "who painted the sistine chapel ceiling"]
)
def test_an_unknown_topic_of_a_declining_intent_is_declined_or_falls_back(
    sim: Simulator, text: str
) -> None:
    # knowledge.UnknownFact ("who painted {topic}") exists to say "I can't look that up": when
    # the learned stage reads the request's shape as the knowledge skill's, the unknown words
    # are its topic and the turn is a decline (recorded as such), never an answer.
    decision = sim.router.route(text.split(), env=sim.slot_env())
    assert decision.best is None or decision.best.declines, decision.best


def test_a_learned_reading_without_the_value_every_sample_has_falls_back(sim: Simulator) -> None:
    # ItemPrice's every template names a menu {item}; the classifier alone likes "how much".
    # ("how much is a flight to berlin" no longer gets that far: the out-of-domain samples
    # know flights, see tests/test_out_of_domain.py.)
    words = ["how", "much", "is", "a", "ticket", "to", "berlin"]
    decision = sim.router.route(words, env=sim.slot_env())
    assert decision.best is None
    price = [c for c in decision.candidates if c.intent == "ItemPrice"]
    assert price and price[0].details.get("absent_slots") == ["item"]
    # With a menu item the same question is understood.
    assert sim.route("how much is a cheeseburger").intent == "ItemPrice"


def test_only_the_guesses_that_can_win_have_their_slots_filled(
    sim: Simulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    # No template says it this way, so the learned stage reads it; filling slots parses every
    # span, so it is done for the leading guess only (a runner-up's confidence is at most its
    # probability, which is below the leader's confidence here).
    filled: list[str] = []
    original = sim.router._fill_slots

    def spy(tokens: list[str], spec: object, *args: object) -> object:
        filled.append(getattr(spec, "name", "?"))
        return original(tokens, spec, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(sim.router, "_fill_slots", spy)
    words = ["could", "you", "make", "the", "bedroom", "somewhat", "brighter"]
    decision = sim.router.route(words, env=sim.slot_env())
    learned = [c for c in decision.candidates if c.source == "classifier"]
    assert decision.best is not None and decision.best.source == "classifier"
    assert len(learned) >= 2
    # Once per reading of the words (with the fillers set aside, and as said).
    assert set(filled) == {decision.best.intent} and len(filled) <= 2
    assert all(not c.slots for c in learned[1:])


def test_the_learned_stage_also_reads_the_words_as_said(sim: Simulator) -> None:
    # "say hi": no template says it; with the fillers set aside ("hi" is a greeting filler
    # elsewhere) too little is left to read, while the words as said are plainly a hello, and
    # the more confident of the two readings is kept.
    decision = sim.router.route(["say", "hi"], env=sim.slot_env())
    best = decision.best
    assert best is not None
    assert (best.skill, best.intent, best.source) == ("hello", "SayHello", "classifier")
    assert "fillers" not in best.details
