"""The input line: what you say to the speaker, with history and sample-utterance completion."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable
from typing import Any, ClassVar

from textual.binding import Binding, BindingType
from textual.suggester import Suggester
from textual.widgets import Input

__all__ = ["SampleSuggester", "UtteranceInput", "sample_utterances"]


def sample_utterances(listing: Iterable[dict[str, Any]]) -> list[str]:
    """Every example utterance of a ``Simulator.skill_listing()``, without duplicates: the
    skills' own chosen examples first, then the ones generated from each intent's templates
    (a generated sample can be an odd expansion, "set an ten seconds timer", of a large
    imported template; the author's examples never are)."""
    seen: dict[str, None] = {}
    for skill in listing:
        for example in skill.get("examples", []):
            seen.setdefault(str(example), None)
    for skill in listing:
        for intent in skill.get("intents", []):
            for example in intent.get("examples", []):
                seen.setdefault(str(example), None)
    return list(seen)


class SampleSuggester(Suggester):
    """Suggests the first sample utterance that starts with what has been typed.

    The samples can be given as a function (:meth:`set_source`), called when a suggestion is
    first wanted, in a thread: making the skills' example utterances costs about 0.1 s of CPU
    (every template of every skill), which the app would otherwise spend at start-up, before
    its first frame, whether or not anyone types.
    """

    def __init__(self, samples: Iterable[str] = ()) -> None:
        """Suggest from ``samples`` (replace them later with :meth:`set_samples` or
        :meth:`set_source`)."""
        # No cache: the samples change when skills are reloaded.
        super().__init__(use_cache=False, case_sensitive=False)
        self._samples: list[str] = []
        self._source: Callable[[], Iterable[str]] | None = None
        self._making: asyncio.Task[list[str]] | None = None
        self.set_samples(samples)

    def set_samples(self, samples: Iterable[str]) -> None:
        """Replace the sample utterances, shortest first so completions stay short."""
        self._samples = _ordered(samples)
        self._source = None
        self._making = None

    def set_source(self, source: Callable[[], Iterable[str]]) -> None:
        """Take the samples from ``source()`` when a suggestion is next wanted (in a thread)."""
        self._source = source
        self._making = None

    async def get_suggestion(self, value: str) -> str | None:
        """The first sample extending ``value`` (already lower-cased by `Suggester`)."""
        if not value.strip():
            return None
        if self._source is not None:
            source = self._source
            if self._making is None:
                # One task for every keystroke that arrives while the samples are being made.
                self._making = asyncio.ensure_future(asyncio.to_thread(lambda: _ordered(source())))
            making = self._making
            samples = await making
            if self._making is making:  # not replaced meanwhile (skills reloaded)
                self._samples, self._source, self._making = samples, None, None
        return next((s for s in self._samples if s.startswith(value) and s != value), None)


def _ordered(samples: Iterable[str]) -> list[str]:
    """Lower-cased, without duplicates, shortest first (so completions stay short)."""
    return sorted({s.lower() for s in samples}, key=lambda s: (len(s), s))


class UtteranceInput(Input):
    """An `Input` that remembers what was said: up/down walk the history like a shell."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "history(-1)", "Previous utterance", show=False),
        Binding("down", "history(1)", "Next utterance", show=False),
    ]

    def __init__(self, suggester: SampleSuggester, **kwargs: Any) -> None:
        """Create the input line completing from ``suggester``."""
        super().__init__(suggester=suggester, **kwargs)
        self.history: list[str] = []
        """Utterances said so far, oldest first."""
        self._position: int | None = None
        self._draft = ""

    def remember(self, text: str) -> None:
        """Add ``text`` to the history (not twice in a row) and leave history browsing."""
        if text and (not self.history or self.history[-1] != text):
            self.history.append(text)
        self._position = None
        self._draft = ""

    def redact(self, text: str, shown: str) -> None:
        """Replace ``text`` in the history by ``shown`` (a turn with a secret, e.g. a PIN)."""
        self.history = [shown if said == text else said for said in self.history]

    def action_history(self, step: int) -> None:
        """Show the previous (``-1``) or next (``1``) utterance from the history."""
        if not self.history:
            return
        if self._position is None:
            if step > 0:
                return
            self._draft = self.value
            position = len(self.history) - 1
        else:
            position = self._position + step
        if position < 0:
            position = 0
        if position >= len(self.history):
            # Walking past the newest entry brings back what was being typed.
            self._position = None
            self.value = self._draft
        else:
            self._position = position
            self.value = self.history[position]
        self.cursor_position = len(self.value)
