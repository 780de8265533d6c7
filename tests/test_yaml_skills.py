"""Skills declared in YAML: interaction models and imported HassIL sentence files."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_cli_in_process

from simulator.loader import SkillLoadError, load_skills
from simulator.sdk.testing import Conversation
from simulator.yaml_skills import SkillFileError, load_yaml_skill

COFFEE = """\
skill: coffee
description: Orders a pretend coffee
lists:
  size: {small: [tiny, little], medium: [regular], large: [big]}
intents:
  OrderCoffee:
    samples: ["(order|get) [me] a {size} coffee", "(order|get) [me] a coffee"]
    slots:
      size: {type: size, prompt: "What size?"}
    confirm: "A {size} coffee?"
    response: "One {size} coffee coming up."
  Wait:
    samples: ["wait [for] {minutes}"]
    slots:
      minutes: {type: duration}
    response: "Waiting {minutes}."
"""

HA_COMMON = """\
language: "en"
expansion_rules:
  name: "[the] {name}"
  turn: "(turn|switch)"
lists:
  name:
    values:
      - "kitchen light"
      - in: "big lamp"
        out: "living room lamp"
  brightness:
    range: {from: 0, to: 100}
"""

HA_FILE = """\
language: "en"
intents:
  HassTurnOn:
    data:
      - sentences:
          - "<turn> on <name>"
  HassLightSet:
    data:
      - sentences:
          - "set <name> to {brightness}[%| percent]"
"""


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_interaction_model_asks_confirms_and_answers(tmp_path: Path) -> None:
    skill = load_yaml_skill(_write(tmp_path, "coffee.yaml", COFFEE))
    conv = Conversation(skills=[skill])
    conv.say("get me a coffee", expect_speech="What size?")
    # The question names the value the handler gets (issue 7, defect 10: it said "A big coffee?"
    # and then answered "One large coffee").
    conv.say("big", expect_speech="A large coffee?")
    conv.say("yes", expect_speech="One large coffee coming up.")
    conv.say("wait for 5 minutes", expect_speech="Waiting 5 minutes.")


def test_unknown_slot_type_names_the_line(tmp_path: Path) -> None:
    text = COFFEE.replace("type: duration", "type: minutes")
    with pytest.raises(SkillFileError) as info:
        load_yaml_skill(_write(tmp_path, "coffee.yaml", text))
    assert info.value.line == 15
    assert "unknown slot type 'minutes'" in str(info.value)


def test_bad_template_names_the_sample_line_and_column(tmp_path: Path) -> None:
    text = COFFEE.replace('"(order|get) [me] a coffee"', '"(order|get [me] a coffee"')
    with pytest.raises(SkillFileError) as info:
        load_yaml_skill(_write(tmp_path, "coffee.yaml", text))
    message = str(info.value)
    assert "coffee.yaml:7:" in message and "column" in message and "OrderCoffee" in message


def test_yaml_syntax_error_and_missing_fields(tmp_path: Path) -> None:
    with pytest.raises(SkillFileError) as info:
        load_yaml_skill(_write(tmp_path, "a.yaml", "skill: x\nintents: [\n"))
    assert "invalid YAML" in str(info.value)
    with pytest.raises(SkillFileError) as info:
        load_yaml_skill(_write(tmp_path, "b.yaml", "skill: x\nintents:\n  A: {response: hi}\n"))
    assert "b.yaml:3:" in str(info.value) and "samples" in str(info.value)
    with pytest.raises(SkillFileError) as info:
        load_yaml_skill(_write(tmp_path, "c.yaml", "hello: there\n"))
    assert "not a skill file" in str(info.value)


def test_hassil_file_imports_with_common_rules_and_lists(tmp_path: Path) -> None:
    _write(tmp_path, "_common.yaml", HA_COMMON)
    skill = load_yaml_skill(_write(tmp_path, "lights.yaml", HA_FILE))
    assert set(skill.intents) == {"HassTurnOn", "HassLightSet"}
    conv = Conversation(skills=[skill])
    turn = conv.say("switch on the big lamp")
    assert turn.intent == "HassTurnOn"
    assert turn.slots["name"].value == "living room lamp"
    turn = conv.say("set kitchen light to 40%")
    assert turn.intent == "HassLightSet"
    assert turn.slots["brightness"].value == 40


def test_home_assistant_per_intent_files_load(tmp_path: Path) -> None:
    data = Path(__file__).resolve().parents[2] / "shared/data/home-assistant-intents/sentences/en"
    source = data / "HassGetCurrentTime" / "default.yaml"
    if not source.exists():
        pytest.skip("shared data not present")
    skill = load_yaml_skill(source)
    assert "HassGetCurrentTime" in skill.intents
    assert Conversation(skills=[skill]).say("what time is it").intent == "HassGetCurrentTime"


def test_skills_dir_loads_yaml_and_reports_bad_files(tmp_path: Path) -> None:
    _write(tmp_path, "coffee.yaml", COFFEE)
    names = [s.name for s in load_skills(tmp_path, bundled=False, entry_point_skills=False).skills]
    assert names == ["coffee"]
    _write(tmp_path, "broken.yaml", "skill: broken\nintents:\n  A:\n    samples: ['{x']\n")
    with pytest.raises(SkillLoadError) as info:
        load_skills(tmp_path, bundled=False, entry_point_skills=False)
    assert "broken.yaml:4:" in str(info.value)


def test_cli_exits_2_on_a_bad_yaml_skill(tmp_path: Path) -> None:
    skills = tmp_path / "skills"
    skills.mkdir()
    _write(skills, "bad.yaml", "skill: bad\nintents: {}\n")
    proc = run_cli_in_process(
        ["say", "hi", "--skills-dir", str(skills), "--state", str(tmp_path / "state")]
    )
    assert proc.returncode == 2
    assert "bad.yaml:2:" in proc.stderr and "Traceback" not in proc.stderr
