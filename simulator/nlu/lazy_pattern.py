"""Regular expressions compiled the first time they are used, not when their module is imported.

Every ``speaker-sim say`` imports the Chinese readers (numbers, times, dates, repeats) and the
helpers around them, whose patterns are long alternations and wide Unicode ranges: compiling
them was about 25 ms of a warm start's CPU, and an English sentence never uses most of them.
A `LazyPattern` keeps the pattern's text and compiles it on the first search or match (``re``
then keeps the compiled pattern as this object's own, so later calls cost what a compiled
pattern costs plus one attribute read).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from typing import Any

__all__ = ["LazyPattern"]


class LazyPattern:
    """A regular expression (``str`` patterns) compiled on first use, with the methods of
    `re.Pattern` that the project uses."""

    __slots__ = ("_compiled", "_flags", "_pattern")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        """Keep ``pattern`` and ``flags`` for `re.compile`; nothing is compiled yet."""
        self._pattern = pattern
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern (compiled now, the first time)."""
        found = self._compiled
        if found is None:
            # Two threads may both compile once: the results are equal, either one is kept.
            found = self._compiled = re.compile(self._pattern, self._flags)
        return found

    @property
    def pattern(self) -> str:
        """The pattern's text."""
        return self._pattern

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """As `re.Pattern.search`."""
        return self.compiled.search(string, pos, endpos)

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """As `re.Pattern.match`."""
        return self.compiled.match(string, pos, endpos)

    def fullmatch(
        self, string: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> re.Match[str] | None:
        """As `re.Pattern.fullmatch`."""
        return self.compiled.fullmatch(string, pos, endpos)

    def finditer(
        self, string: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> Iterator[re.Match[str]]:
        """As `re.Pattern.finditer`."""
        return self.compiled.finditer(string, pos, endpos)

    def findall(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        """As `re.Pattern.findall`."""
        return self.compiled.findall(string, pos, endpos)

    def sub(self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0) -> str:
        """As `re.Pattern.sub`."""
        return self.compiled.sub(repl, string, count)

    def split(self, string: str, maxsplit: int = 0) -> list[str | Any]:
        """As `re.Pattern.split`."""
        return self.compiled.split(string, maxsplit)

    def __repr__(self) -> str:
        """``LazyPattern('...')``."""
        return f"LazyPattern({self._pattern!r})"
