"""The router parses each span of an utterance once per slot parser (issue 7, defect 7).

Nine device-target slot types share one runtime parser; the parse cache used to be keyed by the
slot type's identity, so a device phrase was parsed up to six times in one route.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from simulator.sdk.testing import Conversation


def test_a_device_phrase_is_parsed_once_per_route() -> None:
    conv = Conversation(home="demo")
    sim = conv.sim
    env = sim.slot_env()
    real = env.parsers["device_target"]
    calls: Counter[tuple[str, ...]] = Counter()

    def counting(tokens: Sequence[str]) -> object:
        calls[tuple(tokens)] += 1
        return real(tokens)

    counted = replace(env, parsers={**env.parsers, "device_target": counting})
    decision = sim.router.route(["turn", "on", "the", "kitchen", "light"], env=counted)
    assert decision.best is not None and decision.best.intent == "TurnOn"
    assert calls, "the device parser was never asked"
    repeated = {span: n for span, n in calls.items() if n > 1}
    assert repeated == {}, f"spans parsed more than once: {repeated}"
