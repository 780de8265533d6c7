"""Tests for `simulator.loader.load_skills` with skills directories written to tmp dirs.

A user's broken file must become a `SkillLoadError` whose message names the file and the line,
never a traceback.
"""

from __future__ import annotations

import os
import sys
import textwrap
from pathlib import Path

import pytest

from simulator.engine import Simulator
from simulator.loader import SkillLoadError, load_skills, snapshot_dir

GOOD = """\
from simulator.sdk import Response, Skill, SkillContext

skill = Skill("{name}", description="A good skill")


@skill.intent("Ping", samples=["ping {name}"])
def ping(ctx: SkillContext) -> Response:
    return Response.speak("pong")
"""


def _write(directory: Path, name: str, source: str) -> Path:
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(source), encoding="utf-8")
    return path


def _load(directory: Path) -> list[str]:
    loaded = load_skills(directory, bundled=False, entry_point_skills=False)
    return [s.name for s in loaded.skills]


def _error(directory: Path) -> SkillLoadError:
    with pytest.raises(SkillLoadError) as info:
        load_skills(directory, bundled=False, entry_point_skills=False)
    return info.value


def test_a_good_skill_file_loads_with_its_source(tmp_path: Path) -> None:
    path = _write(tmp_path, "pinger.py", GOOD.format(name="pinger"))
    loaded = load_skills(tmp_path, bundled=False, entry_point_skills=False)
    assert [s.name for s in loaded.skills] == ["pinger"]
    assert loaded.skills[0].source == str(path)
    assert "Ping" in loaded.skills[0].intents


def test_user_skills_load_after_the_bundled_ones(tmp_path: Path) -> None:
    _write(tmp_path, "pinger.py", GOOD.format(name="pinger"))
    names = [s.name for s in load_skills(tmp_path, entry_point_skills=False).skills]
    assert names[-1] == "pinger"
    assert {"clock", "hello", "help", "timer"} <= set(names)


def test_several_skills_in_one_file_all_load(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "two.py",
        """\
        from simulator.sdk import Skill
        first = Skill("first")
        second = Skill("second")
        """,
    )
    assert sorted(_load(tmp_path)) == ["first", "second"]


def test_private_and_non_python_files_are_ignored(tmp_path: Path) -> None:
    _write(tmp_path, "pinger.py", GOOD.format(name="pinger"))
    _write(tmp_path, "_helper.py", "raise RuntimeError('should not be imported')\n")
    _write(tmp_path, "notes.txt", "not python")
    _write(tmp_path, "data/readme.md", "a plain directory, not a package")
    assert _load(tmp_path) == ["pinger"]


def test_a_syntax_error_names_the_file_and_line(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "broken.py",
        """\
        from simulator.sdk import Skill

        skill = Skill("broken")

        def oops(:
            pass
        """,
    )
    error = _error(tmp_path)
    assert str(error).startswith(f"{path}:5:")
    assert error.line == 5
    assert "syntax error" in str(error)


def test_an_exception_at_import_names_the_line_of_the_raise(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "raiser.py",
        """\
        from simulator.sdk import Skill

        skill = Skill("raiser")


        def setup():
            return {}["missing"]


        CONFIG = setup()
        """,
    )
    error = _error(tmp_path)
    # The deepest frame in the file is the failing lookup inside setup().
    assert str(error).startswith(f"{path}:7:")
    assert "KeyError" in str(error)
    assert "speaker_sim_user_skills.raiser" not in sys.modules


def test_an_import_of_a_missing_module_names_the_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "needs.py", "\n\nimport no_such_module_for_speaker_sim\n")
    error = _error(tmp_path)
    assert str(error).startswith(f"{path}:3:")
    assert "ModuleNotFoundError" in str(error)


def test_a_bad_template_names_the_decorator_line_and_the_template(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "badtpl.py",
        """\
        from simulator.sdk import Response, Skill, SkillContext

        skill = Skill("badtpl")


        @skill.intent(
            "Broken",
            samples=["fine", "(open|close the door"],
        )
        def broken(ctx: SkillContext) -> Response:
            return Response.speak("x")
        """,
    )
    error = _error(tmp_path)
    message = str(error)
    assert message.startswith(f"{path}:6:")
    assert "'badtpl'" in message
    assert "'Broken'" in message
    assert "'(open|close the door'" in message
    assert "column 1" in message


def test_a_slot_without_a_field_in_a_user_file_is_reported(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "noslot.py",
        """\
        from simulator.sdk import Response, Skill, SkillContext

        skill = Skill("noslot")

        @skill.intent("Go", samples=["go to {place}"])
        def go(ctx: SkillContext) -> Response:
            return Response.speak("x")
        """,
    )
    message = str(_error(tmp_path))
    assert message.startswith(f"{path}:5:")
    assert "{place}" in message
    assert "column 7" in message


def test_two_skills_with_the_same_name_name_both_files(tmp_path: Path) -> None:
    first = _write(tmp_path, "a_twin.py", GOOD.format(name="twin"))
    second = _write(tmp_path, "b_twin.py", GOOD.format(name="twin"))
    message = str(_error(tmp_path))
    assert str(first) in message
    assert str(second) in message
    assert "'twin'" in message


def test_a_user_skill_named_like_a_bundled_one_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, "mytimer.py", GOOD.format(name="timer"))
    with pytest.raises(SkillLoadError) as info:
        load_skills(tmp_path, entry_point_skills=False)
    message = str(info.value)
    assert str(path) in message
    assert "timer.py" in message.replace(str(path), "")


def test_a_file_with_no_skill_is_an_error(tmp_path: Path) -> None:
    path = _write(tmp_path, "empty.py", "VALUE = 1\n")
    error = _error(tmp_path)
    assert str(error).startswith(str(path))
    assert "defines no skill" in str(error)


def test_a_missing_directory_is_an_error(tmp_path: Path) -> None:
    error = _error(tmp_path / "nope")
    assert "no such directory" in str(error)


def test_a_package_directory_skill_loads_with_relative_imports(tmp_path: Path) -> None:
    _write(tmp_path, "pkgskill/helpers.py", 'ANSWER = "from the helper"\n')
    _write(
        tmp_path,
        "pkgskill/__init__.py",
        """\
        from simulator.sdk import Response, Skill, SkillContext

        from .helpers import ANSWER

        skill = Skill("pkgskill")


        @skill.intent("Ask", samples=["ask the package"])
        def ask(ctx: SkillContext) -> Response:
            return Response.speak(ANSWER)
        """,
    )
    loaded = load_skills(tmp_path, bundled=False, entry_point_skills=False)
    assert [s.name for s in loaded.skills] == ["pkgskill"]
    sim = Simulator(loaded.skills)
    try:
        assert sim.handle_sync("ask the package").speech == "from the helper"
    finally:
        sim.close()


def test_an_error_inside_a_package_names_the_package_file(tmp_path: Path) -> None:
    init = _write(tmp_path, "brokenpkg/__init__.py", "from simulator.sdk import Skill\n\n1 / 0\n")
    error = _error(tmp_path)
    assert str(error).startswith(f"{init}:3:")
    assert "ZeroDivisionError" in str(error)


def test_reload_keeps_the_old_skills_when_a_file_breaks(tmp_path: Path) -> None:
    path = _write(tmp_path, "pinger.py", GOOD.format(name="pinger"))
    sim = Simulator.create(use_home=False, skills_dir=tmp_path, bundled=False)
    try:
        assert not sim.skills_changed()
        assert sim.handle_sync("ping pinger").speech == "pong"
        path.write_text("def broken(:\n", encoding="utf-8")
        # Make sure the change is seen even on a coarse mtime clock.
        stamp = snapshot_dir(tmp_path)[str(path)]
        os.utime(path, (stamp + 5, stamp + 5))
        assert sim.skills_changed()
        message = sim.reload_skills()
        assert message is not None and f"{path}:1:" in message
        assert sim.handle_sync("ping pinger").speech == "pong"
    finally:
        sim.close()


def test_snapshot_dir_of_nothing_is_empty(tmp_path: Path) -> None:
    assert snapshot_dir(None) == {}
    assert snapshot_dir(tmp_path / "missing") == {}


def test_reload_keeps_the_same_set_of_skill_sources(tmp_path: Path) -> None:
    from simulator.sdk import Skill

    _write(tmp_path, "pinger.py", GOOD.format(name="pinger"))
    extra = Skill("extra_given")
    sim = Simulator.create(use_home=False, skills_dir=tmp_path, bundled=False, extra_skills=[extra])
    try:
        before = sorted(s.name for s in sim.skills)
        assert sim.reload_skills() is None
        assert sorted(s.name for s in sim.skills) == before
    finally:
        sim.close()


def _fake_distribution(root: Path, target: str) -> None:
    """An installed-looking distribution whose entry point offers ``target`` as a skill."""
    package = root / "coffee_skill_pkg"
    package.mkdir()
    (package / "__init__.py").write_text(
        "from simulator.sdk import Response, Skill\n"
        "skill = Skill('coffee_ep', description='From an entry point')\n"
        "@skill.intent('Brew', samples=['brew [some] coffee'])\n"
        "def brew(ctx):\n"
        "    return Response.speak('Brewing.')\n",
        encoding="utf-8",
    )
    info = root / "coffee_skill_pkg-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: coffee-skill-pkg\nVersion: 0.1\n", encoding="utf-8"
    )
    (info / "entry_points.txt").write_text(
        f"[speaker_sim.skills]\ncoffee = {target}\n", encoding="utf-8"
    )


def test_entry_point_skills_are_discovered(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_distribution(tmp_path, "coffee_skill_pkg:skill")
    monkeypatch.syspath_prepend(str(tmp_path))
    loaded = load_skills(bundled=False)
    assert [s.name for s in loaded.skills] == ["coffee_ep"]
    assert loaded.skills[0].source == "entry point coffee"


def test_a_broken_entry_point_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_distribution(tmp_path, "coffee_skill_pkg:no_such_name")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(SkillLoadError) as info:
        load_skills(bundled=False)
    assert "entry point coffee" in str(info.value)


def test_a_copy_of_the_bundled_smart_home_skill_loads_from_skills_dir(tmp_path: Path) -> None:
    # Issue 7, defect 4: the parent package of user skills was never registered, so a package
    # skill's relative imports failed with "No module named 'speaker_sim_user_skills'".
    import shutil

    import skills.smart_home

    source = Path(skills.smart_home.__file__).parent
    shutil.copytree(source, tmp_path / "smart_home", ignore=shutil.ignore_patterns("__pycache__"))
    for name in [m for m in sys.modules if m.startswith("speaker_sim_user_skills")]:
        del sys.modules[name]  # as in a fresh process
    loaded = load_skills(tmp_path, bundled=False, entry_point_skills=False)
    assert [s.name for s in loaded.skills] == ["smart_home"]
    assert "TurnOn" in loaded.skills[0].intents


def test_reload_picks_up_an_edited_helper_module(tmp_path: Path) -> None:
    # Issue 7, defect 5: only the package's __init__ was executed again on reload.
    _write(
        tmp_path,
        "greeter/__init__.py",
        "from simulator.sdk import Response, Skill\n"
        "from .words import GREETING\n"
        "skill = Skill('greeter')\n"
        "@skill.intent('Greet', samples=['greet me'])\n"
        "def greet(ctx):\n"
        "    return Response.speak(GREETING)\n",
    )
    helper = _write(tmp_path, "greeter/words.py", "GREETING = 'Hello.'\n")
    sim = Simulator.create(use_home=False, skills_dir=tmp_path, bundled=False)
    try:
        assert sim.handle_sync("greet me").speech == "Hello."
        helper.write_text("GREETING = 'Howdy.'\n", encoding="utf-8")
        stamp = snapshot_dir(tmp_path)[str(helper)]
        os.utime(helper, (stamp + 5, stamp + 5))
        assert sim.skills_changed()
        assert sim.reload_skills() is None
        assert sim.handle_sync("greet me").speech == "Howdy."
    finally:
        sim.close()
