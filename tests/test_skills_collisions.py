"""No collisions between the skills that share the words of time and organisation.

"set an alarm for 7", "set a timer for 7 minutes", "remind me at 7", "add lunch at 7" and "add
milk to my list" are close in wording. For each bundled skill's example utterances, no other
skill's templates may accept the utterance (not merely lose the ranking) when either skill is one
of :data:`WATCHED`, unless the pair is listed in :data:`INTENDED`.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from itertools import islice

import pytest

from simulator.engine import Simulator
from simulator.nlu.expand import count_expansions, expand
from simulator.nlu.normalize import normalize
from simulator.nlu.template import SlotRef
from simulator.sdk.skill import IntentSpec
from simulator.sdk.slots import SlotEnv

NOW = datetime(2026, 6, 1, 9, 0)
WATCHED = frozenset({"alarms", "calendar", "lists", "timer", "clock"})
"""Skills whose templates must not accept each other's (or anyone's) examples."""
CATCH_ALLS = frozenset({"smart_home.UnknownDevice"})
INTENDED: dict[str, frozenset[str]] = {
    # "do I need an umbrella / a coat" is weather's; "do I need {items}" is the list check. Both
    # templates accept it on purpose; weather must win (checked below).
    "weather.WillItRain": frozenset({"lists.HasItem"}),
    "weather.NeedCoat": frozenset({"lists.HasItem"}),
}
"""Pairs of intents that both accept an example on purpose: the example's own intent must win."""
"""Intents meant to accept what no other template does ("turn off the X" for a device the home
lacks): they may accept other skills' examples, but must always lose to them (checked below)."""


@pytest.fixture(scope="module")
def sim() -> Iterator[Simulator]:
    try:
        simulator = Simulator.create(now=NOW, seed=0)
    except Exception:
        simulator = Simulator.create(use_home=False, now=NOW, seed=0)
    yield simulator
    simulator.close()


def _examples(intent: IntentSpec, env: SlotEnv, listed: list[str]) -> list[str]:
    """The listed examples plus every expansion of small templates (rotating slot examples)."""
    out = dict.fromkeys(listed)
    for template in intent.templates:
        if count_expansions(template.node) > 48:
            continue
        for n, pieces in enumerate(islice(expand(template.node), 48)):
            words = []
            for piece in pieces:
                if isinstance(piece, SlotRef):
                    options = list(intent.slots[piece.name].type.examples(env)) or [piece.name]
                    words.append(options[n % len(options)])
                else:
                    words.append(piece)
            out[" ".join(words)] = None
    return list(out)


def test_no_skill_accepts_another_watched_skills_examples(sim: Simulator) -> None:
    env = sim.slot_env()
    names = {s.name for s in sim.skills}
    assert {"alarms", "calendar", "lists", "timer"} <= names
    checked = 0
    collisions: list[str] = []
    for listing in sim.skill_listing(examples=20):
        skill = next(s for s in sim.skills if s.name == listing["name"])
        for intent in listing["intents"]:
            spec = skill.intents[intent["name"]]
            for text in _examples(spec, env, intent["examples"]):
                decision = sim.router.route(normalize(text).split(), env=env)
                for c in decision.candidates:
                    if c.source != "template" or c.near_miss or c.skill == skill.name:
                        continue
                    if skill.name not in WATCHED and c.skill not in WATCHED:
                        continue
                    if c.confidence < sim.router.threshold:
                        continue
                    other = sim.router.intent(c.skill, c.intent)
                    if other is not None and other.context_only:
                        continue  # routes only while its own question is open
                    if f"{c.skill}.{c.intent}" in INTENDED.get(f"{skill.name}.{spec.name}", ()):
                        best = decision.best
                        if best is None or (best.skill, best.intent) != (skill.name, spec.name):
                            collisions.append(f"  intended overlap lost: {text!r} -> {best}")
                        continue
                    if f"{c.skill}.{c.intent}" in CATCH_ALLS:
                        best = decision.best
                        if best is None or best.skill != skill.name:
                            collisions.append(
                                f"  catch-all {c.skill}.{c.intent} wins {text!r} over "
                                f"{skill.name}.{spec.name}"
                            )
                        continue
                    collisions.append(
                        f"  {skill.name}.{spec.name} example {text!r} is also accepted by "
                        f"{c.skill}.{c.intent} ({c.template!r}, {c.confidence:.2f})"
                    )
                checked += 1
    assert checked > 500
    assert not collisions, f"{len(collisions)} collisions in {checked} examples:\n" + "\n".join(
        collisions[:80]
    )


@pytest.mark.parametrize(
    ("text", "skill"),
    [
        ("set an alarm for 7", "alarms"),
        ("set a timer for 7 minutes", "timer"),
        ("set an alarm for 7 minutes", "alarms"),
        ("remind me at 7 to stretch", "alarms"),
        ("add lunch at 7", "calendar"),
        ("add milk to my list", "lists"),
        ("cancel my alarm", "alarms"),
        ("cancel the timer", "timer"),
        ("cancel my reminder", "alarms"),
        ("delete my dentist appointment", "calendar"),
        ("delete my camping list", "lists"),
        ("what time is it", "clock"),
        ("when is my next alarm", "alarms"),
        ("what's next on my calendar", "calendar"),
        ("how long is left on my timer", "timer"),
    ],
)
def test_near_requests_go_to_the_right_skill(sim: Simulator, text: str, skill: str) -> None:
    assert sim.route(text).skill == skill
