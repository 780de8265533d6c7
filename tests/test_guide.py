"""Every code sample in docs/guide.md runs as written.

Python blocks are complete programs (they check themselves with the conversation harness); YAML
blocks that start with ``# file: NAME`` are written into the folder the Python blocks run in, so
a sample can load them as ``--skills-dir`` would (the programs themselves are kept elsewhere).
"""

from __future__ import annotations

import os
import re
import runpy
import sys
from pathlib import Path

import pytest

GUIDE = Path(__file__).resolve().parent.parent / "docs" / "guide.md"
_BLOCK = re.compile(r"```(python|yaml)\n(.*?)```", re.DOTALL)


def _blocks() -> list[tuple[str, str]]:
    return [(m.group(1), m.group(2)) for m in _BLOCK.finditer(GUIDE.read_text(encoding="utf-8"))]


def _python_blocks() -> list[str]:
    return [code for language, code in _blocks() if language == "python"]


def test_the_guide_has_samples_for_every_topic() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    for topic in (
        "Slots and their types",
        "Lists with synonyms",
        "<please>",
        "Prompts",
        "Confirmation",
        '"Which one?"',
        "Session and persistent data",
        "The clock",
        "The home",
        "Cards",
        "pytest plugin",
        "YAML",
        "HassIL",
    ):
        assert topic in text, topic
    assert len(_python_blocks()) >= 12


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    here = tmp_path_factory.mktemp("guide")
    (here / "samples").mkdir()
    for language, code in _blocks():
        first = code.splitlines()[0] if code.strip() else ""
        if language == "yaml" and first.startswith("# file: "):
            (here / first.removeprefix("# file: ").strip()).write_text(code, encoding="utf-8")
    return here


@pytest.mark.parametrize("number", range(len(_python_blocks())))
def test_python_sample_runs(number: int, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code = _python_blocks()[number]
    # The programs live apart from the YAML files, which a sample loads as a skills folder.
    path = folder / "samples" / f"sample_{number}.py"
    path.write_text(code, encoding="utf-8")
    monkeypatch.chdir(folder)
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    namespace = runpy.run_path(str(path), run_name=f"guide_sample_{number}")
    conv = namespace.get("conv")
    if conv is not None:
        conv.close()
    assert os.getcwd() == str(folder)


def test_the_yaml_conversation_file_passes(folder: Path) -> None:
    from simulator.sdk.testing import run_conversation_file

    # The greeter of sample 1, as a file next to the conversation.
    (folder / "greeter_skill").mkdir()
    (folder / "greeter_skill" / "greeter.py").write_text(_python_blocks()[0].split("# Try it")[0])
    (folder / "greeter_skill" / "test_greeter.yaml").write_text(
        (folder / "test_greeter.yaml").read_text()
    )
    turns = run_conversation_file(
        folder / "greeter_skill" / "test_greeter.yaml", skills_dir=folder / "greeter_skill"
    )
    assert turns[0].speech == "Hello!"
