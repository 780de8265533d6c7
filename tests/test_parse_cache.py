"""The router parses each span of an utterance once per slot parser (issue 7, defect 7).

Nine device-target slot types share one runtime parser; the parse cache used to be keyed by the
slot type's identity, so a device phrase was parsed up to six times in one route.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from simulator.routing.router import RouteDecision
from simulator.sdk.slots import SlotEnv
from simulator.sdk.testing import Conversation


def test_a_device_phrase_is_parsed_once_per_route() -> None:
    conv = Conversation(home="demo")
    sim = conv.sim
    counted, calls = _counting_device_parses(sim.slot_env())
    decision = sim.router.route(["turn", "on", "the", "kitchen", "light"], env=counted)
    assert decision.best is not None and decision.best.intent == "TurnOn"
    assert calls, "the device parser was never asked"
    repeated = {span: n for span, n in calls.items() if n > 1}
    assert repeated == {}, f"spans parsed more than once: {repeated}"


def test_routing_in_several_contexts_parses_once_and_decides_as_route_does() -> None:
    """`Router.route_in_contexts` shares the matching and parsing between contexts, never the
    decisions: each is the one `Router.route` gives in its context, even where routing changes
    a reading (a filler set aside, a typo mended, the learned stage's judgement)."""
    conv = Conversation(home="demo")
    try:
        sim = conv.sim
        env = sim.slot_env()
        counted, calls = _counting_device_parses(env)
        contexts = [(None, None), (None, "music"), ("music", "music"), ("fun", None)]
        winners = {}
        for text in (
            "next",
            "turn on the kitchen light",
            "um turn on the kichen light",
            "play some jazz",
            "order a taxi",
        ):
            words = text.split()
            calls.clear()
            together = sim.router.route_in_contexts(words, contexts, env=counted)
            assert len(together) == len(contexts)
            if text == "turn on the kitchen light":
                assert calls and max(calls.values()) == 1, calls
            for (active, focus), decision in zip(contexts, together, strict=True):
                alone = sim.router.route(words, env=env, active_skill=active, focus_skill=focus)
                assert _summary(decision) == _summary(alone), (text, active, focus)
            winners[text] = [_summary(d)[0] for d in together]
        # The contexts matter: "next" is the home's media player's until the music has focus.
        assert winners["next"][0] == ("smart_home", "NextTrack")
        assert winners["next"][1] == ("music", "NextTrack")
    finally:
        conv.close()


def _counting_device_parses(env: SlotEnv) -> tuple[SlotEnv, Counter[tuple[str, ...]]]:
    """``env`` with its device parser counting the spans it is asked to parse, and the counts."""
    real = env.parsers["device_target"]
    calls: Counter[tuple[str, ...]] = Counter()

    def counting(tokens: Sequence[str]) -> object:
        calls[tuple(tokens)] += 1
        return real(tokens)

    return replace(env, parsers={**env.parsers, "device_target": counting}), calls


def _summary(decision: RouteDecision) -> tuple[object, ...]:
    best = decision.best
    return (
        (best.skill, best.intent) if best else None,
        [(c.skill, c.intent, c.source, c.confidence, c.explanation) for c in decision.candidates],
        decision.details,
    )
