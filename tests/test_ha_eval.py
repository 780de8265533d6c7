"""The Home Assistant test-sentence runner, on a tiny synthetic suite (and, when the shared data
folder is there, a smoke run on the real one)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from simulator.tools.ha_eval import run_ha_tests

REAL_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "home-assistant-intents"


def write(path: Path, data: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data), encoding="utf-8")


@pytest.fixture
def suite(tmp_path: Path) -> Path:
    tests = tmp_path / "tests" / "en"
    write(
        tests / "_fixtures.yaml",
        {
            "floors": [{"name": "First Floor", "id": "first_floor_id"}],
            "areas": [
                {"name": "Kitchen", "id": "kitchen_id", "floor": "first_floor_id"},
                {"name": "Bedroom", "id": "bedroom_id"},
            ],
            "entities": [
                {"name": "Kitchen Ceiling", "id": "light.kitchen_ceiling", "area": "kitchen_id"},
                {"name": "Bedroom Lamp", "id": "light.bedroom_lamp", "area": "bedroom_id"},
                {"name": "Front Door", "id": "lock.front_door", "state": "locked"},
                {"name": "Jane", "id": "person.jane", "state": "home"},
            ],
        },
    )
    write(
        tests / "HassTurnOn" / "mixed.yaml",
        {
            "language": "en",
            "tests": [
                {
                    "sentences": ["turn on the kitchen lights", "lights on in the kitchen"],
                    "slots": {"area": "Kitchen", "domain": "light"},
                },
                {"sentences": ["turn on bedroom lamp"], "slots": {"name": "Bedroom Lamp"}},
                {"sentences": ["lock the front door"], "slots": {"name": "Front Door"}},
                # Reads the wrong room on purpose: a failure with a reason.
                {"sentences": ["turn on the bedroom lights"], "slots": {"area": "Kitchen"}},
                {"sentences": ["turn on the lights upstairs"], "slots": {"floor": "First Floor"}},
            ],
        },
    )
    write(
        tests / "HassLightSet" / "brightness.yaml",
        {
            "tests": [
                {
                    "sentences": ["set the bedroom lamp brightness to 50%"],
                    "slots": {"name": "Bedroom Lamp", "brightness": 50},
                },
                {
                    "sentences": ["set the bedroom lamp brightness to 40%"],
                    "slots": {"name": "Bedroom Lamp", "brightness": 50},
                },
            ]
        },
    )
    write(
        tests / "HassGetState" / "person.yaml",
        {"tests": [{"sentences": ["is jane home"], "slots": {"name": "Jane", "state": "home"}}]},
    )
    return tmp_path


def test_runner_scores_a_synthetic_suite(suite: Path) -> None:
    report = run_ha_tests(suite)
    assert report["total"] == 8
    assert report["not_covered"] == 1  # people have no counterpart in our device model
    assert report["by_intent"]["HassTurnOn"] == {"total": 6, "passed": 4, "not_covered": 0}
    assert report["by_intent"]["HassLightSet"] == {"total": 2, "passed": 1, "not_covered": 0}
    assert report["passed"] == 5
    assert report["percent"] == pytest.approx(62.5)
    failures = {f["sentence"]: f for f in report["failures"]}
    assert set(failures) == {
        "turn on the bedroom lights",
        "turn on the lights upstairs",
        "set the bedroom lamp brightness to 40%",
    }
    assert "room" in failures["turn on the bedroom lights"]["reason"]
    assert "brightness" in failures["set the bedroom lamp brightness to 40%"]["reason"]
    assert all(f["intent"] and f["reason"] for f in report["failures"])


def test_runner_refuses_a_folder_without_tests(tmp_path: Path) -> None:
    # "0/0 passed" for a mistyped path would look like a result; it is a usage error.
    from simulator.yamlfile import YamlFileError

    with pytest.raises(YamlFileError, match="no tests/en folder"):
        run_ha_tests(tmp_path)


@pytest.mark.heavy(seconds=15)
@pytest.mark.skipif(not REAL_DATA.is_dir(), reason="the shared Home Assistant data is not here")
def test_runner_smoke_on_the_real_data() -> None:
    report = run_ha_tests(REAL_DATA)
    assert report["total"] > 300
    # Real floors, a few points under what the smart-home skill scores (98.9 % of 534 covered
    # sentences on 2026-11-29), so a routing regression fails here (issue 7, defect 11).
    assert report["percent"] >= 95.0, report["failures"][:10]
    assert set(report["by_intent"]) >= {"HassTurnOn", "HassTurnOff", "HassLightSet"}
    for intent, row in report["by_intent"].items():
        if row["total"] >= 5:
            assert row["passed"] >= 0.9 * row["total"], (intent, row)
    assert len(report["failures"]) == report["total"] - report["passed"]
    # 529/534 measured after the smart-home skill took Home Assistant's word sets; a routing
    # regression in the smart-home skill falls below this floor.
    assert report["passed"] >= 528, report["failures"][:10]
