"""Bundled skills built from the start-up cache, their modules imported on first use.

A throwaway package stands in for ``skills`` (so its modules can be imported, forgotten and
edited); the last test checks the real bundled skills route the same either way.
"""

from __future__ import annotations

import itertools
import os
import pickle
import random
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from simulator.loader import LoadedSkills, SkillLoadError, _load_bundled, load_skills
from simulator.nlu.normalize import normalize
from simulator.routing.router import RouteDecision, Router
from simulator.routing.samples import example_utterances
from simulator.sdk.slots import FreeText, SlotEnv
from simulator.skill_manifest import DeferredSkill, Manifest, is_loaded, load_now

_COUNTER = itertools.count()

_GREETER = '''
from pydantic import BaseModel

from simulator.sdk import Response, Skill, SkillContext
from simulator.sdk.slots import FreeText, SlotEnv

skill = Skill("greeter{n}", description="Greets")
IMPORTS.append("greeter")


class Shout(FreeText):
    """Free text, shouted: the skill's own slot type."""

    def parse(self, tokens, env):
        IMPORTS.append("parse")
        return " ".join(tokens).upper()

    def examples(self, env: SlotEnv):
        return ("ada", "grace")


class Name(BaseModel):
    name: str


class Loud(BaseModel):
    who: Annotated[str, Shout()]


@skill.intent("Greet", samples=["{samples}"])
def greet(ctx: SkillContext, slots: Name) -> Response:
    """Say hello."""
    return Response.speak(f"Hello, {{slots.name}}.")


@skill.intent("Yell", samples=["yell at {{who}}"])
def yell(ctx: SkillContext, slots: Loud) -> Response:
    """Say hello loudly."""
    return Response.speak(f"HELLO, {{slots.who}}!")


@skill.on_launch
def launch(ctx: SkillContext) -> Response:
    """Open."""
    return Response.speak("Hi.")
'''


@pytest.fixture
def package(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A package ``lazy_skills_N`` with one skill module, importable from ``tmp_path``."""
    name = f"lazy_skills_{next(_COUNTER)}"
    folder = tmp_path / "src" / name
    folder.mkdir(parents=True)
    (folder / "__init__.py").write_text("IMPORTS: list[str] = []\n")
    _write_greeter(folder, "greet {name}")
    sys.path.insert(0, str(folder.parent))
    try:
        yield name, folder
    finally:
        sys.path.remove(str(folder.parent))
        for module in [m for m in sys.modules if m == name or m.startswith(name + ".")]:
            del sys.modules[module]


def _write_greeter(folder: Path, samples: str) -> None:
    n = folder.name.rsplit("_", 1)[-1]
    source = "from typing import Annotated\nfrom . import IMPORTS\n" + textwrap.dedent(
        _GREETER.format(n=n, samples=samples)
    )
    path = folder / "greeter.py"
    path.write_text(source)
    # A later edit within the file system's time resolution must still look changed.
    stamp = path.stat().st_mtime_ns + next(_COUNTER) * 1_000_000_000
    os.utime(path, ns=(stamp, stamp))


def _forget(name: str) -> list[str]:
    """Drop the package's skill modules from this process; returns its import log (fresh)."""
    for module in [m for m in sys.modules if m.startswith(name + ".")]:
        del sys.modules[module]
    imports: list[str] = sys.modules[name].IMPORTS  # type: ignore[attr-defined]
    imports.clear()
    return imports


def _route(router: Router, text: str) -> RouteDecision:
    return router.route(normalize(text).split(), env=SlotEnv())


def _reading(decision: RouteDecision) -> tuple[object, ...]:
    best = decision.best
    if best is None:
        return (None,)
    return (best.skill, best.intent, {k: v.value for k, v in best.slots.items()})


def _load(name: str, cache: Path) -> list:  # type: ignore[type-arg]
    loaded = LoadedSkills()
    manifest = Manifest(cache)
    _load_bundled(loaded, manifest, package=name)
    manifest.save()
    return loaded.skills


def test_a_kept_skill_is_built_without_importing_its_module(
    package: tuple[str, Path], tmp_path: Path
) -> None:
    name, _ = package
    cache = tmp_path / "cache"
    (eager,) = _load(name, cache)
    assert not isinstance(eager, DeferredSkill)
    imports = _forget(name)

    (kept,) = _load(name, cache)
    assert isinstance(kept, DeferredSkill) and imports == [] and not is_loaded(kept)
    assert kept.name == eager.name and kept.description == eager.description
    assert list(kept.intents) == ["Greet", "Yell"]
    for intent in kept.intents.values():
        real = eager.intents[intent.name]
        assert intent.samples == real.samples and intent.description == real.description
        assert {n: (s.required, s.prompt) for n, s in intent.slots.items()} == {
            n: (s.required, s.prompt) for n, s in real.slots.items()
        }
    # The skill's own slot type: an instance of its SDK base with the same state; its
    # examples for an empty environment were kept, so routing set-up imports nothing.
    shout = kept.intents["Yell"].slots["who"].type
    assert isinstance(shout, FreeText) and type(shout).__qualname__ == "Shout"
    assert list(shout.examples(SlotEnv())) == ["ada", "grace"] and imports == []
    router = Router([kept])
    assert _reading(_route(router, "greet ada"))[1] == "Greet" and imports == []

    # Using the skill imports it: the handler and model are the module's own.
    assert _reading(_route(router, "yell at bob"))[1:] == ("Yell", {"who": "BOB"})
    assert imports == ["greeter", "parse"] and is_loaded(kept)
    handler = kept.intents["Greet"].handler
    assert handler.__module__ == f"{name}.greeter" and kept.launch_handler is not None
    model = kept.intents["Greet"].model
    assert model is not None and model.model_validate({"name": "x"}).name == "x"
    assert kept.help_handler is None  # the module has none: nothing was made up


def test_a_skill_edited_since_is_loaded_from_source(
    package: tuple[str, Path], tmp_path: Path
) -> None:
    name, folder = package
    cache = tmp_path / "cache"
    _load(name, cache)
    _forget(name)
    _write_greeter(folder, "say hi to {name}")
    imports = _forget(name)
    (skill,) = _load(name, cache)
    assert not isinstance(skill, DeferredSkill) and imports == ["greeter"]
    assert skill.intents["Greet"].samples == ["say hi to {name}"]
    # ... and its new declaration is kept for the next start.
    imports = _forget(name)
    (again,) = _load(name, cache)
    assert isinstance(again, DeferredSkill) and imports == []
    assert again.intents["Greet"].samples == ["say hi to {name}"]


def test_a_syntax_error_in_a_kept_skill_is_still_reported(
    package: tuple[str, Path], tmp_path: Path
) -> None:
    name, folder = package
    cache = tmp_path / "cache"
    _load(name, cache)
    _forget(name)
    path = folder / "greeter.py"
    path.write_text(path.read_text() + "\ndef broken(:\n")
    with pytest.raises(SkillLoadError) as caught:
        _load(name, cache)
    assert caught.value.path == str(path) and caught.value.line is not None
    assert "syntax error" in caught.value.cause


def test_a_damaged_or_foreign_cache_is_rebuilt_not_trusted(
    package: tuple[str, Path], tmp_path: Path
) -> None:
    name, _ = package
    cache = tmp_path / "cache"
    cache.mkdir()
    manifest_file = Manifest(cache).path
    manifest_file.write_bytes(b"\x80\x05 not a pickle")
    (skill,) = _load(name, cache)
    assert not isinstance(skill, DeferredSkill)
    assert Manifest(cache)._entries  # written again, whole

    # A pickle that would call code outside the SDK is refused, never run.
    class Boom:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return (os.system, ("echo never",))

    manifest_file.write_bytes(pickle.dumps({"format": 1, "modules": Boom()}))
    imports = _forget(name)
    (skill,) = _load(name, cache)
    assert not isinstance(skill, DeferredSkill) and imports == ["greeter"]


def test_load_now_imports_a_deferred_skill(package: tuple[str, Path], tmp_path: Path) -> None:
    name, _ = package
    cache = tmp_path / "cache"
    _load(name, cache)
    imports = _forget(name)
    (kept,) = _load(name, cache)
    load_now(kept)
    assert imports == ["greeter"] and is_loaded(kept)


def test_bundled_skills_route_the_same_built_from_the_cache(tmp_path: Path) -> None:
    eager = load_skills(None, entry_point_skills=False).skills
    manifest = Manifest(tmp_path)
    import skills as bundled

    for skill in eager:
        module = skill.source
        folder = Path(bundled.__path__[0])
        name = Path(module).parent.name if module.endswith("__init__.py") else Path(module).stem
        path = folder / name if module.endswith("__init__.py") else folder / f"{name}.py"
        manifest.record(f"skills.{name}", path, [skill])
    manifest.save()
    reread = Manifest(tmp_path)
    kept: list = []  # type: ignore[type-arg]
    for skill in eager:
        module = skill.source
        name = Path(module).parent.name if module.endswith("__init__.py") else Path(module).stem
        folder = Path(bundled.__path__[0])
        path = folder / name if module.endswith("__init__.py") else folder / f"{name}.py"
        built = reread.skills_for(f"skills.{name}", path)
        assert built is not None, f"{name} was not kept"
        kept.extend(built)
    assert [s.name for s in kept] == [s.name for s in eager]
    for real, stand_in in zip(eager, kept, strict=True):
        assert stand_in.messages == real.messages and stand_in.invocations == real.invocations
        for intent in real.intents.values():
            twin = stand_in.intents[intent.name]
            assert [(t.text, t.language) for t in twin.templates] == [
                (t.text, t.language) for t in intent.templates
            ]
            assert twin.confirms == intent.confirms and twin.context_only == intent.context_only
            for slot in intent.slots.values():
                other = twin.slots[slot.name]
                assert (other.required, other.prompt, other.prompts) == (
                    slot.required,
                    slot.prompt,
                    slot.prompts,
                )
                assert other.type.kind == slot.type.kind
    # One example sentence per intent (and its Chinese one) routes alike through both.
    env = SlotEnv()
    rng = random.Random(9)
    sentences = [
        example
        for skill in eager
        for intent in skill.intents.values()
        for example in example_utterances(intent, env, rng, limit=1)
    ]
    real_router, kept_router = Router(eager), Router(kept)
    assert len(sentences) > 100
    for sentence in sentences:
        assert _reading(_route(kept_router, sentence)) == _reading(_route(real_router, sentence)), (
            sentence
        )


def test_a_data_file_or_variable_the_import_read_is_part_of_the_entry(
    package: tuple[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    name, folder = package
    words = tmp_path / "words.yaml"  # outside the package, named by a variable
    words.write_text("words: [hello]\n")
    monkeypatch.setenv("SPEAKER_SIM_TEST_WORDS", str(words))
    (folder / "reader.py").write_text(
        textwrap.dedent(
            """
            import os
            from pathlib import Path

            from pydantic import BaseModel

            from simulator.sdk import Response, Skill, SkillContext
            from simulator.sdk.data import load_data

            from . import IMPORTS


            class Words(BaseModel):
                words: list[str]


            WORDS = load_data(Path(os.environ["SPEAKER_SIM_TEST_WORDS"]), Words).words
            IMPORTS.append("reader")
            reader = Skill("reader" + __name__.rsplit("_", 1)[-1].split(".")[0])


            @reader.intent("Read", samples=["read"])
            def read(ctx: SkillContext) -> Response:
                \"\"\"Read the words.\"\"\"
                return Response.speak(" ".join(WORDS))
            """
        )
    )
    cache = tmp_path / "cache"
    _load(name, cache)
    imports = _forget(name)
    assert all(isinstance(s, DeferredSkill) for s in _load(name, cache)) and imports == []

    words.write_text("words: [goodbye, again]\n")  # the data file changed: imported again
    imports = _forget(name)
    _load(name, cache)
    assert "reader" in imports
    imports = _forget(name)
    _load(name, cache)
    assert imports == []

    other = tmp_path / "other.yaml"
    other.write_text("words: [x]\n")
    # Another start with another file: which module reads which variable is not known, so
    # every module is imported again under the new values.
    monkeypatch.setenv("SPEAKER_SIM_TEST_WORDS", str(other))
    imports = _forget(name)
    _load(name, cache)
    assert sorted(imports) == ["greeter", "reader"]


def test_a_module_imported_already_is_not_recorded_again_while_its_entry_is_current(
    package: tuple[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A second load in one process (every in-process CLI run of the test suite, the TUI's
    reset) gets the modules imported already: their entries are kept as the first import
    wrote them, data-file stamps included, and the file is not written again."""
    name, folder = package
    words = tmp_path / "words.yaml"
    words.write_text("words: [hello]\n")
    monkeypatch.setenv("SPEAKER_SIM_TEST_WORDS", str(words))
    (folder / "reader.py").write_text(
        textwrap.dedent(
            """
            import os
            from pathlib import Path

            from pydantic import BaseModel

            from simulator.sdk import Response, Skill, SkillContext
            from simulator.sdk.data import load_data

            from . import IMPORTS


            class Words(BaseModel):
                words: list[str]


            WORDS = load_data(Path(os.environ["SPEAKER_SIM_TEST_WORDS"]), Words).words
            IMPORTS.append("reader")
            reader = Skill("reader" + __name__.rsplit("_", 1)[-1].split(".")[0])


            @reader.intent("Read", samples=["read"])
            def read(ctx: SkillContext) -> Response:
                \"\"\"Read the words.\"\"\"
                return Response.speak(" ".join(WORDS))
            """
        )
    )
    cache = tmp_path / "cache"
    _load(name, cache)  # imported, recorded with the data file it read
    written = Manifest(cache).path.read_bytes()
    recorded: list[str] = []
    original = Manifest.record

    def spy(self: Manifest, module_name: str, *args: Any, **kwargs: Any) -> None:
        recorded.append(module_name)
        original(self, module_name, *args, **kwargs)

    monkeypatch.setattr(Manifest, "record", spy)
    loaded = _load(name, cache)  # the modules are in sys.modules: nothing is imported
    assert not any(isinstance(s, DeferredSkill) for s in loaded)
    assert recorded == [] and Manifest(cache).path.read_bytes() == written
    # The data file's stamp is still in the entry: editing it is noticed at the next start.
    words.write_text("words: [goodbye, again]\n")
    imports = _forget(name)
    _load(name, cache)
    assert "reader" in imports and recorded == [f"{name}.reader"]


class _Pets(FreeText):
    """A skill's own type whose examples come from the environment's lists."""

    def examples(self, env: SlotEnv) -> tuple[str, ...]:
        return tuple(env.lists.get("pet", {})) or ("rex",)


class _Sum(FreeText):
    """A skill's own type whose examples are fixed, and whose values hold a cue word."""

    cue_words = frozenset({"plus"})

    def examples(self, env: SlotEnv) -> tuple[str, ...]:
        return ("1 plus 2",)


def test_kept_examples_stand_for_any_environment_only_when_they_never_read_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from simulator import skill_manifest

    asked: list[str] = []

    def real_skill(self: object, name: str) -> object:
        asked.append(name)
        raise LookupError("the module would be imported here")

    monkeypatch.setattr(skill_manifest._Module, "skill", real_skill)
    module = skill_manifest._Module("not_imported")
    where = ("pets", "Adopt", "pet")
    pets = skill_manifest._stand_in_type(skill_manifest._describe_own_type(_Pets(), where), module)
    total = skill_manifest._stand_in_type(skill_manifest._describe_own_type(_Sum(), where), module)
    home = SlotEnv(lists={"pet": {"tom": ["tom"]}})
    # The empty environment the router is built in: both kept, nothing imported.
    assert list(pets.examples(SlotEnv())) == ["rex"] and list(total.examples(SlotEnv())) == [
        "1 plus 2"
    ]
    # An environment with lists (the learned stage's): the fixed answer still stands...
    assert list(total.examples(home)) == ["1 plus 2"] and asked == []
    # ... but an answer that read the lists must be asked again, of the real type.
    with pytest.raises(LookupError):
        pets.examples(home)
    assert asked == ["pets"]
    # The cue words travel with the stand-in: routing can rule a span out without the module.
    assert total.cue_words == frozenset({"plus"})


def test_a_sentence_without_a_sum_imports_no_calculator(tmp_path: Path) -> None:
    from simulator.routing.learned import skill_set_key

    eager = load_skills(None, entry_point_skills=False).skills
    manifest = Manifest(tmp_path)
    import skills as bundled

    folder = Path(bundled.__path__[0])
    (knowledge,) = [s for s in eager if s.name == "knowledge"]
    manifest.record("skills.knowledge", folder / "knowledge", [knowledge])
    manifest.save()
    (kept,) = Manifest(tmp_path).skills_for("skills.knowledge", folder / "knowledge") or [None]
    assert isinstance(kept, DeferredSkill) and not is_loaded(kept)
    others = [s for s in eager if s.name != "knowledge"]
    router = Router([*others, kept])
    assert _reading(_route(router, "turn on the kitchen light"))[0] == "smart_home"
    assert not is_loaded(kept)  # the calculator's {expression} was not parsed: no cue word
    # The learned stage's key, asked in an environment with lists, is the imported skills'.
    env = SlotEnv(lists={"room": {"kitchen": ["kitchen"]}})
    assert skill_set_key([*others, kept], env) == skill_set_key(eager, env)
    assert not is_loaded(kept)
    assert _reading(_route(router, "what is 15 times 7"))[1] == "Calculate"
    assert is_loaded(kept)


def test_each_copy_of_the_program_keeps_its_own_manifest(tmp_path: Path) -> None:
    # Two checkouts (or a checkout and an install) sharing the per-user cache each found the
    # other's manifest stale (its code stamps name other files) and rewrote it, so every warm
    # start after the other copy's imported every bundled skill. Each copy has a file now.
    from simulator import skill_manifest

    here = skill_manifest.manifest_file_name()
    assert here == skill_manifest.manifest_file_name(Path(skill_manifest.__file__).parent)
    other = skill_manifest.manifest_file_name(tmp_path / "another-checkout" / "simulator")
    assert other != here
    (tmp_path / other).write_bytes(b"another copy's declarations")
    eager = load_skills(None, entry_point_skills=False).skills
    manifest = Manifest(tmp_path)
    assert manifest.path == tmp_path / here
    import skills as bundled

    (hello,) = [s for s in eager if s.name == "hello"]
    manifest.record("skills.hello", Path(bundled.__path__[0]) / Path(hello.source).name, [hello])
    manifest.save()
    assert (tmp_path / other).read_bytes() == b"another copy's declarations"  # left alone
    assert Manifest(tmp_path)._entries  # this copy's own file was written and reads back
