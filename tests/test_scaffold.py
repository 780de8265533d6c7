"""``speaker-sim new NAME``: the skill it writes talks in ``chat`` and passes its own tests."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from simulator.cli import main

pytest_plugins = ["pytester"]


def test_new_pizza_chats_and_its_tests_pass(
    pytester: pytest.Pytester,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    folder = pytester.path / "pizza"
    assert main(["new", str(folder)]) == 0
    assert sorted(p.name for p in folder.iterdir()) == [
        "pizza.py",
        "test_pizza.py",
        "test_pizza.yaml",
    ]
    capsys.readouterr()

    said = "get me a pizza\nlarge\nyes\nhow many pizzas have i ordered\n"
    monkeypatch.setattr("sys.stdin", io.StringIO(said))
    code = main(["chat", "--skills-dir", str(folder), "--state", str(tmp_path)])
    assert code == 0
    assert capsys.readouterr().out.splitlines() == [
        "What size: small, medium or large?",
        "A large pizza, is that right?",
        "One large pizza coming up. That's order number 1.",
        "You have ordered 1 pizza.",
    ]

    monkeypatch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")
    result = pytester.runpytest_inprocess(
        "-p", "simulator.sdk.pytest_plugin", "-p", "no:cacheprovider", str(folder)
    )
    result.assert_outcomes(passed=3)


def test_new_refuses_a_bad_name_and_an_existing_skill(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", str(tmp_path / "Pizza-Shop")]) == 2
    assert "cannot be a skill name" in capsys.readouterr().err
    assert main(["new", str(tmp_path / "tea")]) == 0
    assert main(["new", str(tmp_path / "tea")]) == 2
    assert "already exists; nothing was written" in capsys.readouterr().err
