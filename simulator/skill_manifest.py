"""Bundled skills described from the start-up cache, their code imported when first needed.

A warm ``speaker-sim say`` used to import every bundled skill module: about 140 pydantic model
classes, 150 intents and their handlers, of which one turn uses one intent of one skill (about
0.3 s of CPU, the largest part of a warm start). Routing needs only what a skill *declares*:
its intents, their templates, slots and slot types, its rules and out-of-domain samples. So
after a module has been imported once, that declaration is kept in the model cache directory
(``skills-v2-<digest>.pickle``, one per copy of the program: see `manifest_file_name`), and
the next start builds each skill from it as a `DeferredSkill`:
a real `Skill` (a subclass) whose intents' ``handler`` and ``model`` and whose launch, help,
stop and fire handlers import the module the first time they are read (a turn dispatched to
the skill, the TUI's code view, ``speaker-sim lint``); everything else is the skill as the
module made it, language files read again as for any skill.

**When the declaration is not used.** Each entry holds the size and modification time of every
file of the skill (the package folder, or the bundled folder's own files for a one-file skill),
of every YAML file its import read (a data file named by ``SPEAKER_SIM_MENU``...), and of the SDK
and template code that builds skills, with the ``SPEAKER_SIM_*`` environment variables of the
start that recorded it. Any difference makes the module load as before, so an edited skill, or
one with an error, is imported and its error reported at start with file and line. A module
already imported in this process (a second simulator, a hot reload) is used as is. A module
with a skill whose declaration cannot be kept faithfully (a slot type this module cannot
describe) is always imported.

**Slot types.** They are kept as pickles read by a restricted unpickler: only classes and
functions of ``simulator.sdk`` and ``simulator.nlu`` and a few builtin containers resolve, and
the SDK's shared instances (``str`` -> free text, the duration parser...) are referred to by
name, so a rebuilt skill shares them as an imported one does. A skill's own slot type (a
subclass of an SDK type defined in the skill's module) is rebuilt as a stand-in of its SDK
base class with the same state, class attributes and the results its ``examples`` gave for an
empty environment (for any environment when they never looked at its lists or parsers); its own methods (``parse``...) import the module and ask the real one.

**Bad files.** A file that cannot be read, does not unpickle under those rules or has another
shape is ignored and written again after the modules are imported; it is written to a
temporary file and renamed, so two processes each leave a whole file.
"""

from __future__ import annotations

import datetime as _dt
import importlib
import io
import os
import pickle
import sys
import threading
import types
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Final

from simulator.atomic_write import write_bytes_atomically
from simulator.nlu.template import SHARED_RULES, RuleSet
from simulator.sdk import slots as _slots
from simulator.sdk.skill import IntentSpec, Skill, SlotSpec, Template
from simulator.sdk.slots import SlotEnv, SlotType
from simulator.startup import collector_paused, models_built_on_first_use

__all__ = [
    "MANIFEST_FORMAT",
    "DeferredIntent",
    "DeferredSkill",
    "Manifest",
    "is_loaded",
    "load_now",
    "manifest_file_name",
]

MANIFEST_FORMAT: Final = 2
"""Bumped when the file layout changes (the code stamps cover changes to the SDK). 2: each
kept ``examples`` answer says whether it read the environment."""

_UNLOADED: Final[Any] = object()
"""A handler or model the module has not been imported for yet."""
_CODE_FOLDERS: Final = ("sdk", "nlu")
"""The parts of the simulator whose code decides what a skill module builds."""


# -- the modules behind deferred skills -------------------------------------------------------


class _Module:
    """One bundled skill module, imported on first need (from any thread, once)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._lock = threading.Lock()
        self._skills: dict[str, Skill] | None = None

    @property
    def loaded(self) -> bool:
        return self._skills is not None

    def skill(self, name: str) -> Skill:
        """The module's own skill called ``name`` (importing the module the first time)."""
        with self._lock:
            if self._skills is None:
                # As at start: no collector passes over the new objects, models built on use.
                from simulator.loader import import_bundled

                with collector_paused(), models_built_on_first_use():
                    module = import_bundled(self.name)
                    made = [v for v in vars(module).values() if isinstance(v, Skill)]
                    for real in made:
                        # As the loader does for every skill: its other languages (a skill's
                        # own slot type may have gained spoken forms from them).
                        real.read_language_files()
                self._skills = {real.name: real for real in made}
        found = self._skills.get(name)
        if found is None:
            raise RuntimeError(
                f"{self.name}: the skill {name!r} is no longer defined there (the module changed "
                "while the simulator ran); restart speaker-sim"
            )
        return found


class DeferredIntent(IntentSpec):
    """An intent read from the start-up cache: ``handler`` and ``model`` import the skill's
    module when first read; every other field is what the module declared."""

    _module: _Module | None = None

    @property
    def handler(self) -> Any:
        """The handler function (the module is imported on first use)."""
        if self._handler is _UNLOADED:
            self._real()
        return self._handler

    @handler.setter
    def handler(self, value: Any) -> None:
        self._handler = value

    @property
    def model(self) -> Any:
        """The slots model class, or None (the module is imported on first use)."""
        if self._model is _UNLOADED:
            self._real()
        return self._model

    @model.setter
    def model(self, value: Any) -> None:
        self._model = value

    def _real(self) -> None:
        module = self._module
        if module is None:  # made by dataclasses.replace from a loaded one: nothing to load
            raise RuntimeError(f"intent {self.name!r}: its handler was never loaded")
        real = module.skill(self.skill).intents.get(self.name)
        if real is None:
            raise RuntimeError(
                f"{module.name}: intent {self.name!r} of skill {self.skill!r} is no longer "
                "defined there; restart speaker-sim"
            )
        self._handler = real.handler
        self._model = real.model


_HANDLERS: Final = ("launch_handler", "help_handler", "stop_handler", "fire_handler")


def _handler_property(attribute: str) -> Any:
    """A skill's ``attribute`` handler, read from the module the first time it is asked for."""

    def get(self: DeferredSkill) -> Any:
        return self._deferred_handler(attribute)

    def put(self: DeferredSkill, value: Any) -> None:
        self.__dict__["_" + attribute] = value

    return property(get, put, doc=f"The {attribute.replace('_', ' ')} (imported on first use).")


class DeferredSkill(Skill):
    """A bundled skill built from the start-up cache (see the module doc). Its launch, help,
    stop and fire handlers import the module when first read, if the module has one."""

    def __hash__(self) -> int:
        """Skills are identified by name (as `Skill`)."""
        return hash(self.name)

    def _deferred_handler(self, attribute: str) -> Any:
        value = self.__dict__.get("_" + attribute)
        if value is _UNLOADED:
            module: _Module = self.__dict__["_module"]
            value = getattr(module.skill(self.name), attribute)
            self.__dict__["_" + attribute] = value
        return value

    launch_handler = _handler_property("launch_handler")
    help_handler = _handler_property("help_handler")
    stop_handler = _handler_property("stop_handler")
    fire_handler = _handler_property("fire_handler")


def is_loaded(skill: Skill) -> bool:
    """Whether the code of ``skill`` has been imported (always true for a skill not deferred)."""
    module = skill.__dict__.get("_module")
    return not isinstance(module, _Module) or module.loaded


def load_now(skill: Skill) -> None:
    """Import the module behind a deferred skill now (nothing for any other skill)."""
    module = skill.__dict__.get("_module")
    if isinstance(module, _Module):
        module.skill(skill.name)


# -- describing slot types -------------------------------------------------------------------


def _is_sdk(module: str) -> bool:
    return any(module.startswith(f"simulator.{folder}") for folder in _CODE_FOLDERS)


def _shared_slot_types() -> dict[int, tuple[str, ...]]:
    """The SDK's own slot type instances, by id: module globals and the field-type table."""
    found: dict[int, tuple[str, ...]] = {}
    for name, module in list(sys.modules.items()):
        if module is None or not name.startswith("simulator.sdk"):
            continue
        for attribute, value in list(vars(module).items()):
            if isinstance(value, SlotType):
                found.setdefault(id(value), ("global", name, attribute))
    for key, value in _slots._BY_CLASS.items():
        if isinstance(key, type):
            found.setdefault(id(value), ("by_class", key.__module__, key.__qualname__))
    return found


def _resolve_shared(ref: tuple[str, ...]) -> SlotType:
    kind, module_name, attribute = ref
    if kind == "global":
        if not _is_sdk(module_name):
            raise pickle.UnpicklingError(f"not an SDK module: {module_name}")
        value = getattr(importlib.import_module(module_name), attribute)
    else:
        value = next(
            v
            for k, v in _slots._BY_CLASS.items()
            if isinstance(k, type) and (k.__module__, k.__qualname__) == (module_name, attribute)
        )
    if not isinstance(value, SlotType):
        raise pickle.UnpicklingError(f"{module_name}.{attribute} is not a slot type")
    return value


class _Watched(Mapping[str, Any]):
    """An empty mapping that notes whether it was looked at (see `_describe_own_type`)."""

    def __init__(self) -> None:
        self.read = False

    def __getitem__(self, key: str) -> Any:
        self.read = True
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        self.read = True
        return iter(())

    def __len__(self) -> int:
        self.read = True
        return 0

    def __contains__(self, key: object) -> bool:
        self.read = True
        return False


class _NotKept(Exception):
    """The skill's declaration cannot be kept faithfully: it is always imported."""


_SIMPLE = (str, int, float, bool, type(None))


def _describe_own_type(value: SlotType, where: tuple[str, str, str]) -> tuple[Any, ...]:
    """A skill's own slot type (its class defined outside the SDK) as a picklable description:
    its SDK base class, the class attributes and methods its own classes add, its state."""
    cls = type(value)
    base = next((k for k in cls.__mro__ if _is_sdk(k.__module__)), None)
    if base is None or base is object:
        raise _NotKept(f"slot type {cls.__qualname__} has no SDK base")
    constants: dict[str, Any] = {}
    methods: dict[str, str] = {}
    for klass in cls.__mro__:
        if klass is base:
            break
        for name, attribute in vars(klass).items():
            if name.startswith("__") or name in constants or name in methods:
                continue
            if isinstance(attribute, _SIMPLE) or (
                # A set of words, such as `SlotType.cue_words`: routing reads it without the
                # module, which is the point of keeping it.
                isinstance(attribute, frozenset) and all(isinstance(w, str) for w in attribute)
            ):
                constants[name] = attribute
            elif isinstance(attribute, property):
                methods[name] = "property"
            elif callable(attribute) or isinstance(attribute, staticmethod | classmethod):
                methods[name] = "method"
            else:
                raise _NotKept(f"slot type {cls.__qualname__}: class attribute {name!r}")
    examples: dict[str, tuple[tuple[str, ...], bool]] = {}
    if "examples" in methods:
        # What the router asks at build time (an empty environment, in each language); kept
        # only when it does not depend on the date, so a cached answer is the module's answer.
        # Whether the answer read the environment's lists or parsers at all is kept with it:
        # one that did not is the answer in any environment of that language (the learned
        # stage's key asks in the training environment, which has the demo home's names).
        for language in ("en", "zh-CN"):
            watched: list[_Watched] = []
            try:
                answers = set()
                for day in (_dt.date.today(), _dt.date(2000, 1, 1)):
                    lists, parsers = _Watched(), _Watched()
                    watched += (lists, parsers)
                    env = SlotEnv(today=day, language=language, lists=lists, parsers=parsers)
                    answers.add(tuple(value.examples(env)))
            except Exception:
                continue
            if len(answers) == 1:
                examples[language] = (answers.pop(), any(w.read for w in watched))
    return (
        (cls.__module__, cls.__qualname__),
        (base.__module__, base.__qualname__),
        constants,
        methods,
        examples,
        where,
        dict(vars(value)),
    )


class _Pickler(pickle.Pickler):
    def __init__(self, file: io.BytesIO, shared: dict[int, tuple[str, ...]]) -> None:
        super().__init__(file, protocol=5)
        self.shared = shared
        self.where: tuple[str, str, str] = ("", "", "")

    def persistent_id(self, obj: Any) -> Any:
        if isinstance(obj, SlotType):
            ref = self.shared.get(id(obj))
            if ref is not None:
                return ("shared", *ref)
            if not _is_sdk(type(obj).__module__):
                return ("own", _describe_own_type(obj, self.where))
        elif isinstance(obj, type | types.FunctionType | types.BuiltinFunctionType):
            # A reference to code outside the SDK would import a skill module when read.
            module = getattr(obj, "__module__", "") or ""
            if not (_is_sdk(module) or module in ("builtins", "datetime")):
                raise _NotKept(f"a reference to {module}.{getattr(obj, '__qualname__', '?')}")
        return None


_BUILTINS: Final = frozenset(
    {"frozenset", "set", "dict", "list", "tuple", "int", "float", "str", "bytes", "bool"}
)


class _Unpickler(pickle.Unpickler):
    """Resolves only SDK and template code and plain builtin containers (see the module doc)."""

    def __init__(self, file: io.BytesIO, modules: dict[str, _Module]) -> None:
        super().__init__(file)
        self.modules = modules
        self.current: str = ""

    def find_class(self, module: str, name: str) -> Any:
        if module == "builtins" and name in _BUILTINS:
            return super().find_class(module, name)
        if module == "datetime" and name in ("date", "time", "timedelta", "datetime"):
            return super().find_class(module, name)
        if _is_sdk(module):
            found = super().find_class(module, name)  # imports the SDK module if need be
            if getattr(found, "__module__", "") == module:
                return found
        raise pickle.UnpicklingError(f"not allowed in the skills cache: {module}.{name}")

    def persistent_load(self, pid: Any) -> Any:
        if not isinstance(pid, tuple) or not pid:
            raise pickle.UnpicklingError("bad reference")
        if pid[0] == "shared":
            return _resolve_shared(pid[1:])
        if pid[0] == "own":
            return _stand_in_type(pid[1], self.modules[self.current])
        raise pickle.UnpicklingError("bad reference")


def _stand_in_type(description: tuple[Any, ...], module: _Module) -> SlotType:
    """A stand-in for a skill's own slot type: its SDK base class with the same state; its own
    methods ask the real one (importing the module)."""
    (own_module, own_name), (base_module, base_name), constants, methods, examples, where, state = (
        description
    )
    if not _is_sdk(base_module):
        raise pickle.UnpicklingError(f"not an SDK class: {base_module}.{base_name}")
    base = getattr(importlib.import_module(base_module), base_name)
    if not (isinstance(base, type) and issubclass(base, SlotType)):
        raise pickle.UnpicklingError(f"not a slot type: {base_module}.{base_name}")
    skill_name, intent_name, slot_name = where

    def real() -> SlotType:
        return module.skill(skill_name).intents[intent_name].slots[slot_name].type

    def method(name: str) -> Callable[..., Any]:
        def call(self: SlotType, *args: Any, **kwargs: Any) -> Any:
            return getattr(real(), name)(*args, **kwargs)

        call.__name__ = name
        return call

    def method_property(name: str) -> Callable[[SlotType], Any]:
        def get(self: SlotType) -> Any:
            return getattr(real(), name)

        return get

    namespace: dict[str, Any] = dict(constants)
    for name, kind in methods.items():
        if kind == "property":
            namespace[name] = property(method_property(name))
        else:
            namespace[name] = method(name)
    if "examples" in methods:
        asked = method("examples")

        def kept_examples(self: SlotType, env: SlotEnv) -> Sequence[str]:
            # The empty environment the router asks in at build time, or any environment
            # for an answer that never read it: the kept answer.
            kept = examples.get(env.language)
            if kept is not None and (not kept[1] or (not env.lists and not env.parsers)):
                return tuple(kept[0])
            return tuple(asked(self, env))

        namespace["examples"] = kept_examples
    namespace["__module__"] = own_module
    namespace["__qualname__"] = own_name
    namespace["__doc__"] = f"Stand-in for {own_module}.{own_name} until its module is imported."
    stand_in_class = type(own_name.rsplit(".", 1)[-1], (base,), namespace)
    value: SlotType = object.__new__(stand_in_class)
    value.__dict__.update(state)
    return value


# -- the manifest ----------------------------------------------------------------------------


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_mtime_ns, stat.st_size)


def _files_of(path: Path) -> Iterator[Path]:
    """The files a bundled skill's import may read: its package folder, or for a one-file
    module every file beside it (its language files, the bundled package's ``__init__``)."""
    if path.is_dir():
        for folder, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__" and not d.startswith("."))
            for name in sorted(files):
                if not name.endswith((".pyc", ".pyo")):
                    yield Path(folder) / name
    else:
        for entry in sorted(path.parent.iterdir()):
            if entry.is_file() and not entry.name.endswith((".pyc", ".pyo")):
                yield entry


def _stamps(path: Path) -> dict[str, tuple[int, int] | None]:
    return {str(f): _stamp(f) for f in _files_of(path)}


_ENV_NOT_KEPT: Final = frozenset({"SPEAKER_SIM_STATE", "SPEAKER_SIM_CACHE"})
"""Where the state and this cache live: no skill module's import depends on them."""


def _environment() -> dict[str, str]:
    """The speaker's environment variables a skill module may read when imported (a data
    file of the user's own, ``SPEAKER_SIM_MENU=...``): a kept skill is built from the cache
    only under the same values."""
    return {
        k: v
        for k, v in os.environ.items()
        if k.startswith("SPEAKER_SIM_") and k not in _ENV_NOT_KEPT
    }


def manifest_file_name(root: Path | None = None) -> str:
    """The manifest's file name for the program whose ``simulator`` package is at ``root``
    (None: this one), ``skills-v<format>-<digest of the folder's path>.pickle``.

    The entries hold the code's file stamps, which name the files by path, so two copies of
    the program sharing one cache directory (two checkouts, a checkout and an install, each
    started with the per-user cache) found each other's manifest stale and rewrote it: every
    warm start after the other copy's imported every bundled skill (+0.09 s of CPU, a quarter
    of a warm template ``say``, alternating two checkouts). A file per copy keeps both warm.
    """
    import hashlib

    folder = str((root if root is not None else Path(__file__).parent).resolve())
    digest = hashlib.sha256(folder.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return f"skills-v{MANIFEST_FORMAT}-{digest}.pickle"


def _code_stamps() -> dict[str, Any]:
    """What the SDK and template code looks like (file sizes and times), with the versions."""
    import pydantic

    root = Path(__file__).parent
    found: dict[str, Any] = {"python": sys.version, "pydantic": pydantic.VERSION}
    for folder in _CODE_FOLDERS:
        for path in sorted((root / folder).iterdir()):
            if path.is_file():
                found[str(path)] = _stamp(path)
    for name in ("skill_manifest.py", "loader.py", "startup.py"):
        found[str(root / name)] = _stamp(root / name)
    return found


class Manifest:
    """The kept declarations of the bundled skills in one cache directory (see the module doc).

    `skills_for` gives the stand-ins of a module whose files are unchanged (or None);
    `record` keeps what a module just imported declared; `save` writes the file if anything
    was recorded.
    """

    def __init__(self, directory: Path) -> None:
        """Read ``directory``'s manifest (a missing or bad one is empty)."""
        self.path = directory / manifest_file_name()
        self._code = _code_stamps()
        self._environment = _environment()
        self._entries: dict[str, dict[str, Any]] = {}
        self._modules: dict[str, _Module] = {}
        self._dirty = False
        self._read()

    def _read(self) -> None:
        try:
            with open(self.path, "rb") as fh:
                data = fh.read()
            outer = _Unpickler(io.BytesIO(data), {}).load()
        except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError) as exc:
            if not isinstance(exc, FileNotFoundError):
                self._dirty = True  # damaged: written again after this start's imports
            return
        except Exception:
            self._dirty = True
            return
        if (
            not isinstance(outer, dict)
            or outer.get("format") != MANIFEST_FORMAT
            or outer.get("code") != self._code
            or not isinstance(outer.get("modules"), dict)
        ):
            self._dirty = True
            return
        self._entries = {
            k: v for k, v in outer["modules"].items() if isinstance(k, str) and isinstance(v, dict)
        }

    def is_current(self, module_name: str, path: Path) -> bool:
        """Whether the kept entry of ``module_name`` (at ``path``) matches its files, the data
        files its import read and this environment: what recording it again would keep."""
        entry = self._entries.get(module_name)
        if entry is None or entry.get("environment") != self._environment:
            return False
        files = entry.get("files")
        return isinstance(files, dict) and files == {
            **_stamps(path),
            **{name: _stamp(Path(name)) for name in entry.get("data_files", ())},
        }

    def skills_for(self, module_name: str, path: Path) -> list[Skill] | None:
        """Stand-ins for the skills of ``module_name`` (at ``path``) if its files are as
        recorded, else None (the module must be imported)."""
        if not self.is_current(module_name, path):
            return None
        entry = self._entries[module_name]
        module = self._modules.setdefault(module_name, _Module(module_name))
        unpickler = _Unpickler(io.BytesIO(entry["skills"]), {module_name: module})
        unpickler.current = module_name
        try:
            records = unpickler.load()
            return [_build(record, module) for record in records]
        except Exception:
            # A damaged entry (or one this code cannot rebuild) is dropped and re-recorded.
            del self._entries[module_name]
            self._dirty = True
            return None

    def record(
        self,
        module_name: str,
        path: Path,
        skills: Sequence[Skill],
        data_files: Sequence[Path] = (),
    ) -> None:
        """Keep the declarations of a module just imported (after its language files were
        read), with the stamps of its files and of the ``data_files`` it read; a module with a
        skill that cannot be described is not kept, so it is imported every time."""
        try:
            data = _dump(skills)
            # Checked now: what is kept must read back under the restricted rules.
            probe = _Module(module_name)
            unpickler = _Unpickler(io.BytesIO(data), {module_name: probe})
            unpickler.current = module_name
            for kept in unpickler.load():
                _build(kept, probe)
        except Exception:
            data = None
        if data is None:
            if self._entries.pop(module_name, None) is not None:
                self._dirty = True
            return
        outside = sorted({str(f) for f in data_files} - set(_stamps(path)))
        self._entries[module_name] = {
            "files": {**_stamps(path), **{name: _stamp(Path(name)) for name in outside}},
            "data_files": outside,
            "environment": self._environment,
            "skills": data,
        }
        self._dirty = True

    def save(self) -> None:
        """Write the file when something was recorded (errors only lose the speed-up)."""
        if not self._dirty:
            return
        payload = {"format": MANIFEST_FORMAT, "code": self._code, "modules": self._entries}
        try:
            write_bytes_atomically(self.path, pickle.dumps(payload, protocol=5))
        except (OSError, pickle.PicklingError):
            return
        self._dirty = False


def _language_rules(skill: Skill) -> dict[str, dict[str, str]]:
    """The rules each of the skill's language files adds (its templates were parsed with them)."""
    from simulator.sdk.data import DataFileError
    from simulator.sdk.i18n import language_files, read_language_file

    if not skill.defined_in:
        return {}
    folder = Path(skill.defined_in)
    found: dict[str, dict[str, str]] = {}
    for language, path in language_files(
        skill.name, folder if folder.is_dir() else folder.parent
    ).items():
        found[language] = dict(read_language_file(path, language, DataFileError)[0].rules)
    return found


def _dump(skills: Sequence[Skill]) -> bytes:
    """The declarations of ``skills`` as restricted pickle bytes (see the module doc)."""
    shared = _shared_slot_types()
    records = []
    for skill in skills:
        intents = []
        for intent in skill.intents.values():
            slots = []
            for slot in intent.slots.values():
                # Each slot type is pickled on its own, so a skill's own type knows where the
                # real one lives (skill, intent, slot) once the module is imported.
                part = io.BytesIO()
                inner = _Pickler(part, shared)
                inner.where = (skill.name, intent.name, slot.name)
                inner.dump(slot.type)
                kept = (slot.name, part.getvalue(), slot.required, slot.prompt)
                slots.append((*kept, dict(slot.prompts), slot.prompt_given))
            intents.append(
                {
                    "name": intent.name,
                    "templates": [(t.text, t.language) for t in intent.templates],
                    "confirms": dict(intent.confirms),
                    "slots": slots,
                    "has_model": intent.model is not None,
                    "confirm": intent.confirm,
                    "description": intent.description,
                    "context_only": intent.context_only,
                    "declines": intent.declines,
                }
            )
        records.append(
            {
                "name": skill.name,
                "description": skill.description,
                "invocation": skill.invocation,
                "timeout": skill.timeout,
                "rules": dict(skill.rules),
                "examples": tuple(skill.examples),
                "out_of_domain": tuple(skill.out_of_domain),
                "defined_in": skill.defined_in,
                "language_rules": _language_rules(skill),
                "messages": {k: dict(v) for k, v in skill.messages.items()},
                "invocations": dict(skill.invocations),
                "descriptions": dict(skill.descriptions),
                "handlers": {a: getattr(skill, a) is not None for a in _HANDLERS},
                "intents": intents,
            }
        )
    buffer = io.BytesIO()
    _Pickler(buffer, shared).dump(records)
    return buffer.getvalue()


def _slot_type_from(data: bytes, unpickler: _Unpickler) -> SlotType:
    inner = _Unpickler(io.BytesIO(data), unpickler.modules)
    inner.current = unpickler.current
    value = inner.load()
    if not isinstance(value, SlotType):
        raise pickle.UnpicklingError("not a slot type")
    return value


def _build(record: dict[str, Any], module: _Module) -> Skill:
    """A `DeferredSkill` from its kept declaration."""
    unpickler = _Unpickler(io.BytesIO(b""), {module.name: module})
    unpickler.current = module.name
    skill = DeferredSkill(
        name=record["name"],
        description=record["description"],
        invocation=record["invocation"],
        timeout=record["timeout"],
        rules=record["rules"],
        examples=record["examples"],
        out_of_domain=record["out_of_domain"],
    )
    skill.defined_in = record["defined_in"]
    # Kept as they were after the language files were read: nothing to read again.
    skill._language_files_read = True
    skill.messages = record["messages"]
    skill.invocations = record["invocations"]
    skill.descriptions = record["descriptions"]
    rule_sets = {
        language: RuleSet({**dict(skill.rules), **rules}, parent=SHARED_RULES)
        for language, rules in record["language_rules"].items()
    }
    skill.__dict__["_module"] = module
    for attribute, present in record["handlers"].items():
        skill.__dict__["_" + attribute] = _UNLOADED if present else None
    rules = skill._rules
    for data in record["intents"]:
        slots = {
            name: SlotSpec(
                name, _slot_type_from(kept, unpickler), required, prompt, prompts, prompt_given
            )
            for name, kept, required, prompt, prompts, prompt_given in data["slots"]
        }
        intent = DeferredIntent(
            name=data["name"],
            skill=skill.name,
            handler=_UNLOADED,
            templates=[
                Template(text, rule_sets.get(language, rules).parse(text), language)
                for text, language in data["templates"]
            ],
            slots=slots,
            model=_UNLOADED if data["has_model"] else None,
            confirm=data["confirm"],
            description=data["description"],
            context_only=data["context_only"],
            declines=data["declines"],
            confirms=data["confirms"],
        )
        intent._module = module
        skill.intents[intent.name] = intent
    return skill
