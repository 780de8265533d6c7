"""Data files for skills: YAML validated with a pydantic model, errors that name the file and line.

A skill that ships its content as data (jokes, a music library, a news feed) keeps it in a YAML
file next to its code and reads it once, when the skill loads::

    from pathlib import Path
    from pydantic import BaseModel
    from simulator.sdk.data import load_data

    class Joke(BaseModel):
        setup: str
        punchline: str

    class Jokes(BaseModel):
        jokes: list[Joke]

    JOKES = load_data(Path(__file__).with_name("jokes.yaml"), Jokes)

A file that does not parse or does not fit the model raises `DataFileError`, whose message is
``FILE:LINE: field: cause`` (``jokes.yaml:12: jokes[3].punchline: field required``). Raised while
the skill loads, it stops the simulator with that message and exit status 2, like a bad home file.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from simulator.sdk.skill import SkillDefinitionError
from simulator.yamlfile import Loc, format_loc, read_yaml, validate_yaml

__all__ = ["Check", "DataFileError", "Loc", "data_path", "load_data"]

M = TypeVar("M", bound=BaseModel)


class DataFileError(SkillDefinitionError):
    """A skill's data file is missing, is not valid YAML, or does not fit its model.

    ``str()`` is ``FILE:LINE: field: cause`` (line and field when known).
    """

    def __init__(self, path: Path, line: int | None, field: str, cause: str) -> None:
        """Record where and why."""
        self.path = path
        self.line = line
        self.field = field
        self.cause = f"{field}: {cause}" if field else cause
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {self.cause}")


Check = Callable[[M], tuple[Loc, str] | None]
"""A check across fields: the first problem as (where, message), e.g.
``(("playlists", 2, "tracks", 0), "no track called 'Blue Houre'")``, or None."""


def load_data(
    path: Any,
    model: type[M],
    *,
    what: str = "data file",
    check: Check[M] | None = None,
) -> M:
    """Read the YAML file at ``path`` and validate it with ``model``; raises `DataFileError`.

    ``path`` is a path or an ``importlib.resources`` traversable (package data).

    ``check`` runs after the model validated, for rules that span fields (a playlist naming a
    track that exists); the place it names is turned into the file's line.
    """
    doc = read_yaml(Path(str(path)), DataFileError, what=what)
    data = validate_yaml(doc, model, DataFileError)
    if check is not None and (problem := check(data)) is not None:
        loc, message = problem
        raise DataFileError(doc.path, doc.line(loc), format_loc(loc), message)
    return data


def data_path(env_var: str, default: Any) -> Path:
    """The data file to use: the one named by environment variable ``env_var``, else ``default``.

    This lets a user point a bundled skill at their own file (``SPEAKER_SIM_MENU=my.yaml``)
    without touching the skill's code.
    """
    chosen = os.environ.get(env_var, "").strip()
    return Path(chosen).expanduser() if chosen else Path(str(default))
