"""When a reading is firm enough to act on: values every sample has, catch-alls that decline.

A learned reading is scored from its words, so a sentence can look like an intent's samples
while lacking what every one of them says: "what's the speed of light" shares "speed" with
every SetFanSpeed sample but names no speed. Such a reading stays an alternative. A tiny skill
keeps training to a fraction of a second; the bundled skills use the session's shared model.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import pytest
from pydantic import BaseModel

from simulator.engine import Simulator
from simulator.routing.learned import LearnedStage
from simulator.routing.router import Router
from simulator.sdk import Number, Response, Skill, SkillContext, SlotList

PRESET = SlotList("preset", {"low": ["low", "gentle"], "high": ["high", "full"]})


class Speed(BaseModel):
    """A percentage or a preset, never neither in the samples."""

    level: Number | None = None
    preset: Annotated[str, PRESET] | None = None


def _fan() -> Skill:
    skill = Skill("fan", description="One fan")

    @skill.intent(
        "SetSpeed",
        samples=[
            "set the fan speed to ({level} percent|{preset})",
            "[make|put] the fan (on|at) {preset} [speed]",
            "fan speed {level} [percent]",
        ],
    )
    def set_speed(ctx: SkillContext, slots: Speed) -> Response:
        """Set the speed."""
        return Response.speak("Done.")

    @skill.intent("FanOff", samples=["(turn|switch) (off|out) the fan", "stop the fan"])
    def fan_off(ctx: SkillContext) -> Response:
        """Stop the fan."""
        return Response.speak("Off.")

    return skill


def test_the_value_sets_an_intent_needs_come_from_its_templates() -> None:
    router = Router([_fan()])
    spec = router.intent("fan", "SetSpeed")
    assert spec is not None
    # Each template needs a level or a preset; none needs both.
    assert set(router._needs(spec)) == {frozenset({"level"}), frozenset({"preset"})}
    off = router.intent("fan", "FanOff")
    assert off is not None and router._needs(off) == ()


def test_a_sure_guess_without_any_value_its_samples_have_is_not_firm(tmp_path: Path) -> None:
    sim = Simulator([_fan()], learned=LearnedStage("sync", cache_dir=tmp_path))
    result = sim.route("what is the speed of the fan")
    assert result.intent is None and result.source == "fallback"
    guess = next(a for a in result.alternatives if a.intent == "SetSpeed")
    assert "no value for" in guess.explanation and guess.confidence < 0.5
    # With a value, the same words are a request.
    found = sim.route("could you change the speed of the fan to 40 percent")
    assert (found.intent, found.source) == ("SetSpeed", "classifier")
    assert found.slots["level"].value == 40


@pytest.fixture(scope="module")
def speaker() -> Simulator:
    """The bundled skills (the session's trained model)."""
    return Simulator.create(seed=0)


def test_a_question_that_shares_an_intents_words_falls_back(speaker: Simulator) -> None:
    assert speaker.route("what's the speed of light").intent is None


def test_a_closed_list_value_may_be_a_function_word(speaker: Simulator) -> None:
    # "down" is a function word to the slot filler, but the music skill's own list value.
    result = speaker.route("turn the music down a bit", focus_skill="music")
    assert (result.intent, result.slots["way"].value) == ("ChangeVolume", "down")


def test_a_name_no_device_has_is_declined_and_a_scene_is_run(speaker: Simulator) -> None:
    result = speaker.route("lock the car")
    assert (result.intent, result.outcome) == ("UnknownDevice", "declined")
    assert speaker.route("enable movie night").intent == "RunScene"


def test_booking_reaches_the_calendar_only_when_a_calendar_is_named(speaker: Simulator) -> None:
    assert speaker.route("book a haircut for saturday").intent is None
    assert speaker.route("book yoga in my diary on thursday at 6 pm").intent == "AddEvent"
    assert speaker.route("schedule a haircut for saturday").intent == "AddEvent"
