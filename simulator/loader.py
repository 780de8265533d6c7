"""Finding and loading skills: the bundled ``skills`` package, entry points and ``--skills-dir``.

A skill module is any module with a module-level `Skill` object; in ``--skills-dir`` a ``.yaml``
file declares a skill without code (see :mod:`simulator.yaml_skills`). Loading a user's file must never
crash the simulator with a traceback: a syntax error, an exception at import time or a bad template
becomes a `SkillLoadError` naming the file and the line.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import pkgutil
import re
import sys
import threading
import traceback
import types
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib.abc import Loader
from importlib.metadata import entry_points
from pathlib import Path
from typing import TYPE_CHECKING

from simulator.sdk.data import DataFileError
from simulator.sdk.i18n import canonical_language
from simulator.sdk.skill import Skill, SkillDefinitionError
from simulator.skillguard import (
    SkillAbandoned,
    current_line_in,
    guard_os_exit,
    skill_code,
    stop_thread,
)
from simulator.startup import models_built_on_first_use
from simulator.yamlfile import files_read

if TYPE_CHECKING:
    from simulator.skill_manifest import Manifest

__all__ = [
    "ENTRY_POINT_GROUP",
    "LoadedSkills",
    "SkillLoadError",
    "import_bundled",
    "load_skill_file",
    "load_skills",
    "skill_files",
    "snapshot_dir",
]

ENTRY_POINT_GROUP = "speaker_sim.skills"
"""Installed packages can offer skills under this entry-point group."""


class SkillLoadError(Exception):
    """A skill could not be loaded; ``str()`` is ``FILE:LINE: cause``."""

    def __init__(self, path: str, line: int | None, cause: str) -> None:
        """Record where and why."""
        self.path = path
        self.line = line
        self.cause = cause
        super().__init__(f"{path}:{line}: {cause}" if line else f"{path}: {cause}")


@dataclass
class LoadedSkills:
    """The skills found, in load order, with where each came from."""

    skills: list[Skill] = field(default_factory=list)

    def add(self, skill: Skill, origin: str) -> None:
        """Add a skill, refusing a second skill with the same name."""
        for other in self.skills:
            if other.name == skill.name:
                if other is skill:
                    return
                raise SkillLoadError(
                    origin,
                    _definition_line(origin, skill.name),
                    f"two skills are named {skill.name!r}: here and in {other.source}; "
                    "rename one of them",
                )
        skill.source = origin
        try:
            # Its other languages: <name>.<language>.yaml beside the module that made it.
            skill.read_language_files()
        except DataFileError as exc:
            raise SkillLoadError(str(exc.path), exc.line, exc.cause) from None
        self.skills.append(skill)


def _definition_line(origin: str, name: str) -> int | None:
    """The line of ``Skill("name"`` (or a YAML ``skill: name``) in the file ``origin``."""
    pattern = re.compile(
        rf"""Skill\(\s*(?:name\s*=\s*)?["']{re.escape(name)}["']"""
        rf"""|^skill:\s*["']?{re.escape(name)}["']?\s*$"""
    )
    try:
        lines = Path(origin).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    return next((n for n, line in enumerate(lines, 1) if pattern.search(line)), None)


def _skills_in(module: types.ModuleType) -> list[Skill]:
    return [value for value in vars(module).values() if isinstance(value, Skill)]


def _error_line(exc: BaseException, path: Path) -> int | None:
    """The line in ``path`` where ``exc`` happened (the deepest frame in that file)."""
    if isinstance(exc, SyntaxError) and exc.lineno:
        return exc.lineno
    line = None
    resolved = str(path.resolve())
    for frame in traceback.extract_tb(exc.__traceback__):
        try:
            if str(Path(frame.filename).resolve()) == resolved:
                line = frame.lineno
        except OSError:
            continue
    return line


_USER_PACKAGE = "speaker_sim_user_skills"
"""The package ``--skills-dir`` modules are imported under (``speaker_sim_user_skills.NAME``)."""


def _user_package() -> types.ModuleType:
    """The (empty) parent package of user skills, registered so ``from . import x`` works."""
    package = sys.modules.get(_USER_PACKAGE)
    if package is None:
        package = types.ModuleType(_USER_PACKAGE, "Skills loaded from --skills-dir.")
        package.__path__ = []
        sys.modules[_USER_PACKAGE] = package
    return package


def _import_file(path: Path, package_root: Path) -> types.ModuleType:
    """Import a ``.py`` file or a package directory from a skills directory, freshly.

    Freshly means the module and, for a package, every module under it (helpers included) are
    executed again, so a reload picks up an edit to any file of the skill.
    """
    _user_package()
    name = f"{_USER_PACKAGE}.{path.stem}"
    for loaded in [m for m in sys.modules if m == name or m.startswith(name + ".")]:
        del sys.modules[loaded]
    target = path / "__init__.py" if path.is_dir() else path
    spec = importlib.util.spec_from_file_location(
        name,
        target,
        submodule_search_locations=[str(path)] if path.is_dir() else None,
    )
    if spec is None or spec.loader is None:
        raise SkillLoadError(str(path), None, "not a Python module")
    module = importlib.util.module_from_spec(spec)
    # Registered before executing so that relative imports inside a skill package work; removed
    # again on failure so a broken file does not leave a half-built module behind.
    sys.modules[name] = module
    try:
        _exec_with_time_limit(spec.loader, module, target)
    except BaseException as exc:
        for partial in [m for m in sys.modules if m == name or m.startswith(name + ".")]:
            del sys.modules[partial]
        if isinstance(exc, SkillLoadError):
            raise
        if isinstance(exc, DataFileError):
            # A skill's data file is at fault, not the module: point at the data file's line.
            raise SkillLoadError(str(exc.path), exc.line, exc.cause) from None
        if isinstance(exc, SkillDefinitionError):
            raise SkillLoadError(str(target), _error_line(exc, target), str(exc)) from None
        if isinstance(exc, SyntaxError):
            cause = f"syntax error: {exc.msg}"
            raise SkillLoadError(str(exc.filename or target), exc.lineno, cause) from None
        if isinstance(exc, KeyboardInterrupt | SystemExit):
            raise SkillLoadError(
                str(target),
                _error_line(exc, target),
                f"the module raised {type(exc).__name__}"
                + (f" ({exc})" if str(exc) else "")
                + " while loading",
            ) from None
        cause = f"{type(exc).__name__} while loading: {exc}"
        raise SkillLoadError(str(target), _error_line(exc, target), cause) from None
    return module


IMPORT_TIMEOUT = 10.0
"""Seconds a skill module may take to import; a loop or a sleep at import time is cut off."""


def _exec_with_time_limit(loader: Loader, module: types.ModuleType, target: Path) -> None:
    """Execute a skill module in a worker thread, at most `IMPORT_TIMEOUT` seconds.

    Exceptions (any ``BaseException``, so ``sys.exit`` too) are re-raised here; ``os._exit`` is
    turned into ``SystemExit`` (see `simulator.skillguard`). A module still running at the limit
    is told to stop, and the error names the line it was running.
    """
    failure: list[BaseException] = []

    def run() -> None:
        try:
            with skill_code():
                loader.exec_module(module)
        except SkillAbandoned:
            pass
        except BaseException as exc:
            failure.append(exc)

    guard_os_exit()
    thread = threading.Thread(target=run, name="skill-import", daemon=True)
    thread.start()
    thread.join(IMPORT_TIMEOUT)
    if thread.is_alive():
        line = current_line_in(thread, target)
        stop_thread(thread)
        raise SkillLoadError(
            str(target),
            line,
            f"importing took longer than {IMPORT_TIMEOUT:g} s (a loop or a sleep at import "
            "time?); the module was not loaded",
        )
    if failure:
        raise failure[0]


def _load_yaml(path: Path) -> Skill:
    """A skill declared in YAML (interaction model or HassIL sentences)."""
    from simulator.yaml_skills import SkillFileError, load_yaml_skill

    try:
        return load_yaml_skill(path, root=path.parent)
    except SkillFileError as exc:
        cause = f"{exc.field}: {exc.message}" if exc.field else exc.message
        raise SkillLoadError(str(exc.path), exc.line, cause) from None


def _is_test_file(name: str) -> bool:
    """Tests and pytest config can live next to the skills they test; they are not skills."""
    stem = name.rsplit(".", 1)[0]
    return (
        stem.startswith("test_")
        or stem.endswith("_test")
        or name in ("conftest.py", "tests", "test")
    )


def _is_language_file(name: str) -> bool:
    """``greeter.zh-CN.yaml``: a skill's language file (see `simulator.sdk.i18n`), not a skill."""
    parts = name.split(".")
    return (
        len(parts) == 3
        and parts[2] in ("yaml", "yml")
        and canonical_language(parts[1]) not in (None, "en")
    )


def _check_inside(path: Path, root: Path) -> None:
    """Refuse a file or package that resolves (through symlinks) to outside ``root``.

    A skills folder is code the user chose to run; a symlink inside it pointing elsewhere
    (``skills/x.py -> /tmp/anything.py``) must not smuggle other files in. Symlinks to files
    inside the folder are fine.
    """
    resolved_root = root.resolve()
    targets = [path]
    if path.is_dir():
        for folder, dirs, files in os.walk(path, followlinks=False):
            dirs[:] = [d for d in dirs if d != "__pycache__"]
            targets += [Path(folder) / d for d in dirs]
            targets += [Path(folder) / f for f in files if f.endswith((".py", ".yaml", ".yml"))]
    for target in targets:
        try:
            resolved = target.resolve(strict=True)
        except (OSError, RuntimeError) as exc:
            raise SkillLoadError(str(target), None, f"cannot resolve the path: {exc}") from None
        if not resolved.is_relative_to(resolved_root):
            raise SkillLoadError(
                str(target),
                None,
                f"a symlink to {resolved}, outside the skills folder {root}; "
                "only files inside the folder are loaded",
            )


def _skill_files(directory: Path) -> list[Path]:
    entries: list[Path] = []
    for entry in sorted(directory.iterdir()):
        if entry.name.startswith(("_", ".")) or _is_test_file(entry.name):
            continue
        if _is_language_file(entry.name):
            continue  # a skill's texts in another language, read with its skill
        if (entry.is_file() and entry.suffix in (".py", ".yaml", ".yml")) or (
            entry.is_dir() and (entry / "__init__.py").exists()
        ):
            _check_inside(entry, directory)
            entries.append(entry)
    return entries


def skill_files(directory: Path) -> list[Path]:
    """The skill files and packages of a ``--skills-dir`` folder, as the loader sees them
    (tests, private and hidden files left out)."""
    return _skill_files(directory)


def snapshot_dir(directory: Path | None) -> dict[str, float]:
    """Modification times of the Python files under ``directory`` (to notice edits cheaply)."""
    if directory is None or not directory.is_dir():
        return {}
    stamps: dict[str, float] = {}
    for root, dirs, files in os.walk(directory):
        dirs[:] = [d for d in dirs if not d.startswith((".", "__pycache__"))]
        for name in files:
            if name.endswith((".py", ".yaml", ".yml")):
                full = os.path.join(root, name)
                try:
                    stamps[full] = os.stat(full).st_mtime_ns / 1e9
                except OSError:
                    continue
    return stamps


def load_skills(
    skills_dir: Path | None = None,
    *,
    bundled: bool = True,
    entry_point_skills: bool = True,
    extra: Iterable[Skill] = (),
    deferred_cache: Path | None = None,
) -> LoadedSkills:
    """Load the bundled skills, entry-point skills, then those in ``skills_dir``.

    With ``deferred_cache`` (the model cache directory), a bundled skill whose files are as
    when it was last imported is built from its kept declaration and its module imported when
    first needed (see `simulator.skill_manifest`); the others are imported and their
    declarations kept there for the next start.

    Raises `SkillLoadError` for the first file that cannot be loaded.
    """
    loaded = LoadedSkills()
    if bundled:
        manifest = None
        if deferred_cache is not None:
            from simulator.skill_manifest import Manifest

            manifest = Manifest(deferred_cache)
        with models_built_on_first_use():  # see simulator.startup: ~150 models, one used
            _load_bundled(loaded, manifest)
        if manifest is not None:
            manifest.save()
    if entry_point_skills:
        for ep in entry_points(group=ENTRY_POINT_GROUP):
            try:
                obj = ep.load()
            except Exception as exc:
                raise SkillLoadError(
                    f"entry point {ep.name} ({ep.value})", None, f"{type(exc).__name__}: {exc}"
                ) from None
            found = (
                [obj]
                if isinstance(obj, Skill)
                else (_skills_in(obj) if isinstance(obj, types.ModuleType) else [])
            )
            if not found:
                raise SkillLoadError(f"entry point {ep.name}", None, "does not name a Skill")
            for skill in found:
                loaded.add(skill, f"entry point {ep.name}")
    for skill in extra:
        loaded.add(skill, skill.source or "<given>")
    if skills_dir is not None:
        if not skills_dir.is_dir():
            raise SkillLoadError(str(skills_dir), None, "no such directory")
        # Loading must not write into the user's folder: no __pycache__ beside their skills
        # (the folder may be read-only, shared, or under version control).
        writes_bytecode = sys.dont_write_bytecode
        sys.dont_write_bytecode = True
        try:
            for path in _skill_files(skills_dir):
                for skill in load_skill_file(path):
                    loaded.add(skill, str(path))
        finally:
            sys.dont_write_bytecode = writes_bytecode
    return loaded


def load_skill_file(path: Path) -> list[Skill]:
    """The skills of one ``.py`` file, package directory or ``.yaml`` skill file.

    Raises `SkillLoadError` naming the file (and line) when it cannot be loaded.
    """
    if path.suffix in (".yaml", ".yml"):
        return [_load_yaml(path)]
    if not path.exists():
        raise SkillLoadError(str(path), None, "no such file or directory")
    if not (path.suffix == ".py" or (path.is_dir() and (path / "__init__.py").exists())):
        raise SkillLoadError(
            str(path), None, "not a skill file: expected a .py file, a package or a .yaml file"
        )
    found = _skills_in(_import_file(path, path.parent))
    if not found:
        raise SkillLoadError(str(path), 1, "defines no skill (expected a module-level Skill(...))")
    return found


def _load_bundled(
    loaded: LoadedSkills, manifest: Manifest | None = None, package: str = "skills"
) -> None:
    """Import (or build from ``manifest``) every public module of ``package``'s skills."""
    bundled_package = importlib.import_module(package)
    for info in pkgutil.iter_modules(bundled_package.__path__):
        if info.name.startswith("_"):
            continue
        module_name = f"{package}.{info.name}"
        folder = Path(getattr(info.module_finder, "path", bundled_package.__path__[0]))
        path = folder / info.name if info.ispkg else folder / f"{info.name}.py"
        # A module this process already imported is used as it is (a second simulator, a
        # reload): no stand-ins beside the real thing.
        if manifest is not None and module_name not in sys.modules:
            kept = manifest.skills_for(module_name, path)
            if kept is not None:
                origin = str(path / "__init__.py" if info.ispkg else path)
                for skill in kept:
                    loaded.add(skill, origin)
                continue
        with files_read() as data_files:  # data files the module reads, stamped with it
            module = import_bundled(module_name)
        found = _skills_in(module)
        for skill in found:
            loaded.add(skill, module.__file__ or module_name)
        # Kept after `add` read the language files: the skill as routing sees it. A module
        # this process had imported already (a second simulator in one process: the TUI's
        # reset, every in-process CLI run of the test suite) is recorded only if its entry is
        # not current: it would keep the same declarations, and rebuilding and checking them
        # cost about 2 ms a module, every start. (Such an import reads no data files either,
        # so recording it again would also drop the data files the first import stamped.)
        if manifest is not None and not manifest.is_current(module_name, path):
            manifest.record(module_name, path, found, data_files)


def import_bundled(module_name: str) -> types.ModuleType:
    """Import a bundled skill module; a mistake in it or in a data file it reads becomes a
    `SkillLoadError` naming the file (and line)."""
    try:
        return importlib.import_module(module_name)
    except DataFileError as exc:
        raise SkillLoadError(str(exc.path), exc.line, exc.cause) from None
    except SkillDefinitionError as exc:
        raise SkillLoadError(module_name, None, str(exc)) from None
    except SyntaxError as exc:
        where = exc.filename or module_name
        raise SkillLoadError(where, exc.lineno, f"syntax error: {exc.msg}") from None
