"""The router parses each span of an utterance once per slot parser (issue 7, defect 7), and
device targets once per home revision.

Nine device-target slot types share one runtime parser; the parse cache used to be keyed by the
slot type's identity, so a device phrase was parsed up to six times in one route. The slot
environment also remembers parsed device targets from route to route (the same spans come back
in sentence after sentence), until a device is renamed, added or removed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

import pytest

from simulator.devices.device import Device
from simulator.devices.targeting import TargetIndex
from simulator.engine import Simulator, slot_env
from simulator.nlu.matcher import NO_VALUE
from simulator.routing.router import RouteDecision
from simulator.sdk.slots import SlotEnv
from simulator.sdk.testing import Conversation

# Sentences over every kind of target: names, aliases, plurals, rooms, quantifiers, pronouns,
# Chinese, a name the home does not have, and sentences with no device at all.
_SENTENCES = (
    "turn on the kitchen light",
    "switch off the lights in the bedroom",
    "turn off all the lights",
    "dim the big light to 30 percent",
    "is the back door locked",
    "close the lounge curtains",
    "turn it off",
    "turn on the corner lamp",
    "set the thermostat to 21 degrees",
    "turn on the lava lamp",
    "打开客厅的灯",
    "set a timer for 5 minutes",
    "what's the weather like",
)


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


def _routes(sim: Simulator) -> list[tuple[object, ...]]:
    return [
        (r.skill, r.intent, r.confidence, r.source, r.slots)
        for r in (sim.route(text) for text in _SENTENCES)
    ]


def test_device_targets_are_remembered_from_route_to_route(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sim = Simulator.create(seed=0, learned="off")
    try:
        calls: Counter[tuple[str, ...]] = Counter()
        real = TargetIndex.parse

        def counting(self: TargetIndex, tokens: Sequence[str]) -> object:
            calls[tuple(tokens)] += 1
            return real(self, tokens)

        monkeypatch.setattr(TargetIndex, "parse", counting)
        first = _routes(sim)
        assert calls, "the home was never asked to parse a target"
        assert max(calls.values()) == 1, "a span was parsed twice in one pass"
        calls.clear()
        assert _routes(sim) == first
        assert calls == {}, f"parsed again: {sorted(calls)}"
    finally:
        sim.close()


def test_routes_are_the_same_with_and_without_the_memory() -> None:
    """Each sentence routed through the remembering parser, warm and cold, is routed as the
    home's own parser, asked every time, routes it."""
    sim = Simulator.create(seed=0, learned="off")
    try:
        home = sim.home
        uncached = replace(
            sim.slot_env(),
            parsers={"device_target": lambda tokens: home.parse_target(tokens) or NO_VALUE},
        )
        for text in (*_SENTENCES, *reversed(_SENTENCES)):
            words = text.split() if text.isascii() else list(text)
            remembered = sim.router.route(words, env=sim.slot_env())
            asked = sim.router.route(words, env=uncached)
            assert _summary(remembered) == _summary(asked), text
            assert _slot_values(remembered) == _slot_values(asked), text
    finally:
        sim.close()


def test_renaming_or_adding_a_device_is_heard_at_once() -> None:
    sim = Simulator.create(seed=0, learned="off")
    try:
        before = sim.route("turn on the sofa light")
        assert (before.intent, before.slots.get("target")) == ("UnknownDevice", None)
        assert sim.route("turn on the lava lamp").intent == "UnknownDevice"
        assert sim.route("turn on the floor lamp").intent == "TurnOn"
        revision = sim.home.revision

        sim.home.devices["living_room_lamp"].name = "Sofa light"
        assert sim.home.revision != revision
        renamed = sim.route("turn on the sofa light")
        assert renamed.intent == "TurnOn"
        assert renamed.slots["target"].value["device_ids"] == ["living_room_lamp"]
        assert sim.route("turn on the floor lamp").intent == "UnknownDevice"
        assert "sofa light" in sim.device_names()

        revision = sim.home.revision
        sim.home.devices["lava"] = Device(id="lava", name="Lava lamp", type="light", room="den")
        assert sim.home.revision != revision
        added = sim.route("turn on the lava lamp")
        assert added.intent == "TurnOn"
        assert added.slots["target"].value["device_ids"] == ["lava"]
        # State is not a name: switching a device on changes no revision.
        revision = sim.home.revision
        sim.home.devices["lava"].write("on", True)
        assert sim.home.revision == revision
    finally:
        sim.close()


def test_the_memory_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(slot_env, "TARGET_MEMORY", 5)
    sim = Simulator.create(seed=0, learned="off")
    try:
        first = _routes(sim)
        remembered = sim._slots._targets  # the memory itself: nothing else shows its size
        assert 0 < len(remembered) <= 5
        assert _routes(sim) == first
        assert len(remembered) <= 5
    finally:
        sim.close()


def _slot_values(decision: RouteDecision) -> list[dict[str, object]]:
    return [{k: v.value for k, v in c.slots.items()} for c in decision.candidates]
