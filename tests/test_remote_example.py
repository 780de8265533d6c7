"""The bundled remote skill (examples/remote_tea) passes the same conversation in-process and
served by a real uvicorn server on loopback, and its manifest matches its code."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from simulator.cli import main
from simulator.loader import load_skill_file
from simulator.remote.manifest import load_manifest
from simulator.remote.server import create_app
from simulator.remote.signing import Secret
from simulator.remote.testing import served
from simulator.sdk import Skill
from simulator.sdk.slots import SlotList
from simulator.sdk.testing import Conversation

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "remote_tea"
SECRET_TEXT = "example-secret-0123456789abcdef"
NOW = dt.datetime(2026, 6, 1, 9, 0, 0)

# (what the user says, or ":advance D"; the speech expected)
CONVERSATION = [
    ("open tea time", "Tea time. Which tea would you like: green, black or herbal?"),
    ("a strong assam please", "Steeping strong black tea for 5 minutes. That's cup number 1."),
    ("same again", "Steeping strong black tea for 5 minutes. That's cup number 2."),
    ("help", "Say brew a green tea, same again, or how long is left."),
    ("how long is left on my tea", "Your black tea is ready in 5 minutes. 1 more after that."),
    ("cancel my tea", "Cancel all your tea?"),
    ("yes", "Cancelled 2 teas."),
    ("make me a cup of tea", "Which tea: green, black or herbal?"),
    ("camomile", "Steeping herbal tea for 5 minutes. That's cup number 3."),
    ("stop", "Enjoy your tea."),
    ("same again", "Which tea: green, black or herbal?"),
    (":advance 5m", "Your herbal tea is ready."),
    ("how many cups of tea have i had", "You've had 3 cups so far."),
    ("is my tea ready", "No tea is steeping."),
]


def service_skill() -> Skill:
    (skill,) = load_skill_file(EXAMPLE / "service" / "tea.py")
    return skill


@pytest.fixture(params=["in-process", "served"])
def tea(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[Skill]:
    skill = service_skill()
    if request.param == "in-process":
        yield skill
        return
    monkeypatch.setenv("SPEAKER_SIM_SECRET", SECRET_TEXT)
    app = create_app(skill, Secret(SECRET_TEXT.encode(), "test"))
    with served(app) as url:
        yield load_manifest(EXAMPLE / "speaker" / "tea.yaml", url=url)


def test_the_tea_conversation(tea: Skill) -> None:
    conv = Conversation(skills=[tea], now=NOW)
    try:
        for said, expected in CONVERSATION:
            if said.startswith(":advance "):
                fired = conv.advance(said.removeprefix(":advance "))
                assert [t.speech for t in fired] == [expected]
            else:
                turn = conv.say(said)
                assert (turn.speech, turn.error) == (expected, None), said
    finally:
        conv.close()


def assert_same_interface(manifest: Skill, code: Skill) -> None:
    """The speaker-side skill offers exactly what the served skill handles."""
    assert (manifest.name, manifest.invocation, manifest.description) == (
        code.name,
        code.invocation,
        code.description,
    )
    assert set(manifest.intents) == set(code.intents)
    for name, spec in code.intents.items():
        remote = manifest.intents[name]
        assert remote.samples == spec.samples, name
        assert remote.confirm == spec.confirm, name
        assert set(remote.slots) == set(spec.slots), name
        for slot, want in spec.slots.items():
            got = remote.slots[slot]
            assert got.required == want.required, (name, slot)
            if want.required:
                assert got.prompt == want.prompt, (name, slot)
            if isinstance(want.type, SlotList):
                assert isinstance(got.type, SlotList)
                assert got.type.values == want.type.values, (name, slot)
            else:
                assert got.type.kind == want.type.kind, (name, slot)
    for handler in ("launch_handler", "help_handler", "stop_handler", "fire_handler"):
        assert (getattr(manifest, handler) is None) == (getattr(code, handler) is None), handler


def test_the_manifest_matches_the_skill(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SPEAKER_SIM_SECRET", SECRET_TEXT)
    assert_same_interface(load_manifest(EXAMPLE / "speaker" / "tea.yaml"), service_skill())


@pytest.mark.parametrize(
    "path",
    [EXAMPLE / "service" / "tea.py", ROOT / "skills" / "timer.py", ROOT / "skills" / "hello.py"],
)
def test_a_printed_manifest_registers_the_same_skill(
    path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SPEAKER_SIM_SECRET", SECRET_TEXT)
    url = "http://127.0.0.1:8799/"
    assert main(["serve", str(path), "--print-manifest", "--url", url]) == 0
    printed = tmp_path / "printed.yaml"
    printed.write_text(capsys.readouterr().out, encoding="utf-8")
    (code,) = load_skill_file(path)
    assert_same_interface(load_manifest(printed), code)
    assert "SPEAKER_SIM_SECRET" in printed.read_text(encoding="utf-8")
    assert SECRET_TEXT not in printed.read_text(encoding="utf-8")


def test_a_slot_a_manifest_cannot_name_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "odd.py").write_text(
        "from typing import Annotated\n"
        "from pydantic import BaseModel\n"
        "from simulator.sdk import DynamicList, Response, Skill\n"
        "skill = Skill('odd')\n"
        "class S(BaseModel):\n"
        "    planet: Annotated[str, DynamicList('planet')]\n"
        "@skill.intent('Visit', samples=['visit {planet}'])\n"
        "def visit(ctx, slots: S):\n"
        "    return Response.speak('ok')\n",
        encoding="utf-8",
    )
    assert main(["serve", str(tmp_path / "odd.py"), "--print-manifest"]) == 2
    err = capsys.readouterr().err
    assert "slot 'planet' (list) has no manifest type" in err
