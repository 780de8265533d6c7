"""`eval ha-templates`: sentences sampled from Home Assistant's templates on a home no skill was
written for, checked by what changed in the home."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from simulator.devices import load_home

pytest.importorskip("hassil")
pytest.importorskip("home_assistant_intents")

from simulator.tools.ha_templates import (
    Sample,
    TemplateSampler,
    check_sample,
    run_ha_templates,
)

REAL_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "home-assistant-intents"
FLAT = Path(__file__).parent / "data" / "harbour_flat.yaml"
needs_data = pytest.mark.skipif(not REAL_DATA.is_dir(), reason="no shared Home Assistant data")

# Measured 82.2 % on the unseen flat with 10 sentences per intent (seed 0); a routing regression in
# the smart-home or timer skill drops it below this.
FLOOR_PERCENT = 78.0


def test_sampler_fills_lists_with_the_home_and_records_the_slots() -> None:
    home = load_home(FLAT)
    sampler = TemplateSampler(home, random.Random(3))
    block = {"sentences": [], "name_domains": ["light"]}
    sample = sampler.sample(
        "HassLightSet", "name_brightness", block, "set [the] {name} brightness to {brightness}%"
    )
    assert sample is not None
    device = home.devices[sample.slots["name"]]
    assert device.type.id in ("light", "color_light")
    assert device.name.lower() in sample.text
    assert f"to {sample.slots['brightness']}%" in sample.text


def test_sampler_keeps_a_name_in_the_area_it_is_said_with() -> None:
    home = load_home(FLAT)
    sampler = TemplateSampler(home, random.Random(0))
    for seed in range(20):
        sampler.rng.seed(seed)
        sample = sampler.sample(
            "HassTurnOn", "name_area", {"sentences": []}, "turn on {name} in the {area}"
        )
        assert sample is not None
        assert home.devices[sample.slots["name"]].room == sample.slots["area"]


def test_a_wrong_device_is_a_failure_with_a_reason() -> None:
    from simulator.engine import Simulator

    sim = Simulator.create(home_file=FLAT, state_dir=None, seed=0)
    try:
        right = Sample(
            "HassTurnOn", "name_only", "", "turn on the sofa lamp", {"name": "sofa_lamp"}
        )
        assert check_sample(sim, right) is None
        # The sentence names another lamp than the slots say: the check must notice.
        wrong = Sample(
            "HassTurnOn", "name_only", "", "turn on the study lamp", {"name": "sofa_lamp"}
        )
        reason = check_sample(sim, wrong)
        assert reason is not None and "sofa lamp" in reason
    finally:
        sim.close()


@needs_data
def test_unseen_home_score_has_a_floor() -> None:
    report = run_ha_templates(REAL_DATA, FLAT, per_intent=10, seed=0)
    assert report["total"] > 150
    assert len(report["failures"]) == report["total"] - report["passed"]
    assert report["percent"] >= FLOOR_PERCENT, report["failures"][:10]
