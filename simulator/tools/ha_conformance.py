"""Conformance of the HassIL import: our matcher against hassil itself, on the same files.

For each chosen intent of Home Assistant's intents data (CC BY 4.0, read where it lies), every
English sentence file is imported as a skill (``simulator.yaml_skills``, through
``simulator.hassil_import``) and the same files are loaded into hassil. Both get the same
``name``, ``area`` and ``floor`` lists (the test fixtures' names, which Home Assistant fills
at runtime), and both read the project's own test sentences for that intent. A sentence
agrees when neither matches, or both pick the same intent with the same slot values taken
from the words.

``python -m simulator.tools.ha_conformance PATH [INTENT ...]`` prints the count and the
disagreements.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from simulator.engine import Simulator
from simulator.hassil_import import package_data
from simulator.nlu.normalize import normalize
from simulator.yaml_skills import load_yaml_skill

__all__ = ["CONFORMANCE_INTENTS", "Disagreement", "Report", "main", "run_conformance"]

CONFORMANCE_INTENTS: tuple[str, ...] = (
    "HassTurnOn",
    "HassTurnOff",
    "HassLightSet",
    "HassClimateSetTemperature",
    "HassClimateGetTemperature",
    "HassSetPosition",
    "HassFanSetSpeed",
    "HassVacuumStart",
    "HassMediaPause",
    "HassMediaNext",
    "HassSetVolume",
    "HassSetVolumeRelative",
    "HassStartTimer",
    "HassCancelTimer",
    "HassGetCurrentTime",
    "HassNevermind",
)
"""The intents compared by default: the smart-home and timer ones, and two small others."""


@dataclass
class Disagreement:
    """One sentence on which our matcher and hassil differ."""

    intent: str
    sentence: str
    hassil: str
    ours: str


@dataclass
class Report:
    """How many sentences agree, and the ones that don't."""

    total: int = 0
    agreed: int = 0
    disagreements: list[Disagreement] = field(default_factory=list)


def _lists(fixtures: Mapping[str, Any], tests: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """``name``, ``area`` and ``floor`` lists from the fixtures and the test files."""
    names: dict[str, None] = {}
    areas: dict[str, None] = {}
    floors: dict[str, None] = {}
    for source in (fixtures, *tests):
        for entity in source.get("entities") or []:
            if isinstance(entity, Mapping) and entity.get("name"):
                names[str(entity["name"])] = None
        for area in source.get("areas") or []:
            if isinstance(area, Mapping) and area.get("name"):
                areas[str(area["name"])] = None
        for floor in source.get("floors") or []:
            if isinstance(floor, Mapping) and floor.get("name"):
                floors[str(floor["name"])] = None
    return {
        "name": {"values": list(names)},
        "area": {"values": list(areas)},
        "floor": {"values": list(floors)},
    }


def _same(a: Any, b: Any) -> bool:
    try:
        return abs(float(a) - float(b)) < 1e-6
    except (TypeError, ValueError):
        return normalize(str(a)) == normalize(str(b))


def _describe(intent: str | None, slots: Mapping[str, Any]) -> str:
    if intent is None:
        return "no match"
    return intent + "(" + ", ".join(f"{k}={v}" for k, v in sorted(slots.items())) + ")"


def run_conformance(path: Path, intents: Sequence[str] = CONFORMANCE_INTENTS) -> Report:
    """Compare our import with hassil on ``intents`` of the data folder ``path``."""
    from hassil import Intents

    root = Path(path)
    sentences_dir = root / "sentences" / "en"
    tests_dir = root / "tests" / "en"
    if not sentences_dir.is_dir() or not tests_dir.is_dir():
        raise FileNotFoundError(f"{root}: expected sentences/en and tests/en inside")
    fixtures = yaml.safe_load((tests_dir / "_fixtures.yaml").read_text(encoding="utf-8")) or {}
    package = package_data("en")
    report = Report()
    for intent in intents:
        files = sorted((sentences_dir / intent).glob("*.yaml"))
        tests = [
            yaml.safe_load(f.read_text(encoding="utf-8")) or {}
            for f in sorted((tests_dir / intent).glob("*.yaml"))
        ]
        if not files or not tests:
            continue
        lists = _lists(fixtures, tests)
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / intent
            folder.mkdir()
            (Path(tmp) / "_common.yaml").write_text(
                yaml.safe_dump({"language": "en", "lists": lists}), encoding="utf-8"
            )
            skills = []
            blocks: list[Any] = []
            for file in files:
                text = file.read_text(encoding="utf-8")
                (folder / file.name).write_text(text, encoding="utf-8")
                skills.append(load_yaml_skill(folder / file.name))
                blocks.extend((yaml.safe_load(text) or {}).get("data") or [])
            hassil_intents = Intents.from_dict(
                {
                    "language": "en",
                    "intents": {intent: {"data": blocks}},
                    "expansion_rules": package.get("expansion_rules", {}),
                    "lists": {**package.get("lists", {}), **lists},
                }
            )
            sim = Simulator.create(
                use_home=False, state_dir=None, extra_skills=skills, bundled=False, learned="off"
            )
            try:
                for test in tests:
                    for block in test.get("tests") or []:
                        for sentence in block.get("sentences") or []:
                            _compare(report, intent, str(sentence), sim, hassil_intents)
            finally:
                sim.close()
    return report


def _compare(report: Report, intent: str, sentence: str, sim: Simulator, intents: Any) -> None:
    from hassil import recognize

    result = recognize(sentence, intents)
    theirs: dict[str, Any] = {}
    their_intent: str | None = None
    if result is not None:
        their_intent = result.intent.name
        # Slots set by the block (``slots:``) are not read from the words: leave them out.
        fixed = set(result.intent_data.slots or {})
        theirs = {k: e.value for k, e in result.entities.items() if k not in fixed}
    routed = sim.route(sentence)
    our_intent = routed.intent if routed.source == "template" else None
    ours = (
        {k: v.value for k, v in routed.slots.items() if v.value is not None} if our_intent else {}
    )
    report.total += 1
    agree = our_intent == their_intent and set(ours) == set(theirs)
    agree = agree and all(_same(ours[k], theirs[k]) for k in ours)
    if agree:
        report.agreed += 1
    else:
        report.disagreements.append(
            Disagreement(
                intent=intent,
                sentence=sentence,
                hassil=_describe(their_intent, theirs),
                ours=_describe(our_intent, ours),
            )
        )


def main(argv: Sequence[str] | None = None) -> int:
    """Print the agreement on the data folder given (and optional intents)."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not args:
        print("usage: python -m simulator.tools.ha_conformance PATH [INTENT ...]", file=sys.stderr)
        return 2
    report = run_conformance(Path(args[0]), args[1:] or CONFORMANCE_INTENTS)
    for d in report.disagreements:
        print(f"{d.intent}: {d.sentence!r}\n    hassil: {d.hassil}\n    ours:   {d.ours}")
    print(f"{report.agreed}/{report.total} sentences agree")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
