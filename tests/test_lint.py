"""``speaker-sim lint``: planted mistakes are found with file and line; exit status by severity."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from simulator.cli import main
from simulator.tools.lint import Finding, lint_skills

PLANTED = '''\
from typing import Literal

from pydantic import BaseModel

from simulator.sdk import Response, Skill, SkillContext

skill = Skill("planted", description="Mistakes on purpose")


@skill.intent("TellTime", samples=["what time is it"])
def tell_time(ctx: SkillContext) -> Response:
    """Steals the clock's sentence."""
    return Response.speak("Time to lint.")


@skill.intent("StartParty", samples=["start the party", "party time"])
def start_party(ctx: SkillContext) -> Response:
    """Starts the party."""
    return Response.speak("Party!")


@skill.intent("BeginParty", samples=["start the party"])
def begin_party(ctx: SkillContext) -> Response:
    """Can never be reached: StartParty takes its only sentence."""
    return Response.speak("Never said.")


class Order(BaseModel):
    size: Literal["small", "large"]


@skill.intent("OrderTea", samples=["order a {size} tea", "order a tea", "get me tea"])
def order_tea(ctx: SkillContext, slots: Order) -> Response:
    """Orders tea; the size has no prompt."""
    return Response.speak(f"A {slots.size} tea.")
'''


def _line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if text in line)


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("planted")
    (folder / "planted.py").write_text(PLANTED, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def findings(planted: Path) -> list[Finding]:
    return lint_skills(planted, learned=False).findings


def _one(findings: list[Finding], code: str, intent: str) -> Finding:
    found = [f for f in findings if f.code == code and f.intent == intent]
    assert found, f"no {code} finding for {intent}: {[f.render() for f in findings]}"
    return found[0]


def test_a_collision_with_a_bundled_skill_names_both_and_an_example(
    planted: Path, findings: list[Finding]
) -> None:
    hit = _one(findings, "collision", "TellTime")
    assert hit.severity == "error"
    assert "clock.GetTime" in hit.message
    assert hit.example == "what time is it"
    assert hit.file == str(planted / "planted.py")
    assert hit.line == _line_of(planted / "planted.py", '"TellTime"')


def test_an_unreachable_template_is_an_error_with_its_line(
    planted: Path, findings: list[Finding]
) -> None:
    hit = _one(findings, "unreachable", "BeginParty")
    assert hit.severity == "error"
    assert "planted.StartParty" in hit.message
    assert hit.line == _line_of(planted / "planted.py", '"BeginParty"')
    # the reachable one is not reported as unreachable
    assert not [f for f in findings if f.code == "unreachable" and f.intent == "StartParty"]


def test_a_required_slot_without_a_prompt_is_an_error_at_the_field(
    planted: Path, findings: list[Finding]
) -> None:
    hit = _one(findings, "missing-prompt", "OrderTea")
    assert hit.severity == "error"
    assert "What size?" in hit.message and "order a tea" in hit.message
    assert hit.line == _line_of(planted / "planted.py", "size: Literal")


def test_few_samples_is_only_a_warning(findings: list[Finding]) -> None:
    hit = _one(findings, "few-samples", "TellTime")
    assert hit.severity == "warning"


def test_the_command_exits_1_on_errors_and_prints_json(
    planted: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["lint", "--skills-dir", str(planted), "--json", "--no-learned"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["errors"] >= 3 and report["skills"] == 1
    assert {"collision", "unreachable", "missing-prompt"} <= {f["code"] for f in report["findings"]}


def test_warnings_alone_exit_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "quiet.py").write_text(
        "from simulator.sdk import Response, Skill, SkillContext\n\n"
        'skill = Skill("quiet", description="Says hush")\n\n\n'
        '@skill.intent("Hush", samples=["hush [now|please]", "(be|keep) quiet"])\n'
        "def hush(ctx: SkillContext) -> Response:\n"
        '    """Hush."""\n'
        '    return Response.speak("Shh.")\n',
        encoding="utf-8",
    )
    code = main(["lint", "--skills-dir", str(tmp_path), "--no-bundled-skills", "--no-learned"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "0 error(s)" in out


def test_a_skill_that_does_not_load_is_a_finding_with_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "broken.py").write_text(
        "from simulator.sdk import Response, Skill, SkillContext\n\n"
        'skill = Skill("broken")\n\n\n'
        '@skill.intent("Go", samples=["go <nowhere>"])\n'
        "def go(ctx: SkillContext) -> Response:\n"
        '    """Go."""\n'
        '    return Response.speak("Gone.")\n',
        encoding="utf-8",
    )
    code = main(["lint", "--skills-dir", str(tmp_path), "--no-bundled-skills", "--no-learned"])
    out = capsys.readouterr().out
    assert code == 1
    assert f"{tmp_path / 'broken.py'}:6: error[load]" in out and "nowhere" in out
