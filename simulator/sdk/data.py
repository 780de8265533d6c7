"""Data files for skills: YAML read with a pydantic model, errors that name the file and line.

A skill keeps its data (a menu, a fact table, a feed) in YAML next to its code and reads it with
:func:`load_data`. A mistake in the file is a `DataFileError` whose message is
``menu.yaml:14: items[2].price: Input should be a valid number``; raised while the skill module
loads, the simulator reports it like any other bad file and exits with status 2::

    from importlib.resources import files
    from pydantic import BaseModel
    from simulator.sdk.data import load_data

    class Menu(BaseModel):
        items: list[str]

    MENU = load_data(files(__package__) / "menu.yaml", Menu)
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from simulator.yamlfile import read_yaml, validate_yaml

__all__ = ["DataFileError", "data_path", "load_data"]

M = TypeVar("M", bound=BaseModel)


class DataFileError(Exception):
    """A skill's data file is missing or wrong; ``str()`` is ``FILE:LINE: [field: ]cause``."""

    def __init__(self, path: Path | str, line: int | None, cause: str) -> None:
        """Record where and why."""
        self.path = str(path)
        self.line = line
        self.cause = cause
        super().__init__(f"{self.path}:{line}: {cause}" if line else f"{self.path}: {cause}")


def _error(path: Path, line: int | None, field: str, message: str) -> Exception:
    return DataFileError(path, line, f"{field}: {message}" if field else message)


def load_data(path: Any, model: type[M], *, what: str = "data file") -> M:
    """Read the YAML file at ``path`` and validate it with ``model``.

    ``path`` is a path or an ``importlib.resources`` traversable (package data). Raises
    `DataFileError` naming the file and line for unreadable YAML, duplicate keys, an empty
    file or a value the model rejects.
    """
    return validate_yaml(read_yaml(Path(str(path)), _error, what=what), model, _error)


def data_path(env_var: str, default: Any) -> Path:
    """The data file to use: the one named by environment variable ``env_var``, else ``default``.

    This lets a user point a bundled skill at their own file (``SPEAKER_SIM_MENU=my.yaml``)
    without touching the skill's code.
    """
    chosen = os.environ.get(env_var, "").strip()
    return Path(chosen).expanduser() if chosen else Path(str(default))
