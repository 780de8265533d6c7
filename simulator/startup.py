"""Start-up helpers shared by the command line and the engine (standard library only).

**The garbage collector.**
Building a simulator makes a few hundred thousand objects that live as long as the process
(parsed templates, the router's index, pydantic models, the skills' data). While they are being
made, Python's cyclic garbage collector runs every few hundred allocations and, as the heap grows,
rescans the survivors again and again: about a quarter of a warm ``speaker-sim say``'s CPU time
was spent there, finding nothing (measured with ``gc.disable()``: 1.71 -> 1.13 s user). Start-up
therefore runs with the collector paused; it is switched back on (if it was on) afterwards, so
long-running front ends and test processes collect as usual.

**Leaving.** When a one-shot command (``say``, ``route``) is done, the interpreter's shutdown
still clears every module, and the collector rescans the few hundred thousand start-up objects
while it does: about a fifth of a warm ``say`` (measured: 1.68 -> 1.29 s CPU, the fastest of six
runs each). :func:`objects_outlive_the_process` moves them out of the collector's sight
(``gc.freeze``) just before the process ends; they are still freed, only not rescanned.

**Slot models built on first use.** Every intent's slots are a pydantic model, and pydantic builds
each model's validator (its core schema) when the class is defined: about 150 models in the
bundled skills, of which one ``say`` validates one. While the bundled skills are imported,
:func:`models_built_on_first_use` makes pydantic's ``defer_build`` the default, so a model builds
its validator the first time it validates (pydantic does that by itself). Its fields are still
read when the class is defined, so the SDK sees the same slots. Only the bundled skills are
loaded this way: their models are exercised by the test suite, while a user's skill should fail
on load, not on its first turn, if pydantic cannot build one of its models.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator
from typing import Any

__all__ = ["collector_paused", "models_built_on_first_use", "objects_outlive_the_process"]


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector inside the block (reference counting still frees
    almost everything); nested uses are fine, and the state before the outermost is restored."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


_deferring = threading.Lock()
_depth = 0
_before: Any = False


@contextlib.contextmanager
def models_built_on_first_use() -> Iterator[None]:
    """Make pydantic models defined inside the block build their validators on first use.

    Pydantic has no public default for ``defer_build``; its defaults live in a private table.
    Where that table is not where this expects it (another pydantic version), the block runs
    unchanged: the models are then built at once, as they would be anyway. The table is
    process-wide, so blocks in several threads (a hot reload beside a background training)
    are counted: the first one in switches the default on, the last one out restores it.
    """
    global _depth, _before
    try:
        from pydantic._internal import _config

        defaults: Any = _config.config_defaults
        defaults["defer_build"]
    except (ImportError, AttributeError, KeyError, TypeError):
        yield
        return
    with _deferring:
        if _depth == 0:
            _before = defaults["defer_build"]
            defaults["defer_build"] = True
        _depth += 1
    try:
        yield
    finally:
        with _deferring:
            _depth -= 1
            if _depth == 0:
                defaults["defer_build"] = _before


def objects_outlive_the_process() -> None:
    """Let the collector ignore every object alive now (``gc.freeze``): call it only when the
    process is about to end, since anything frozen that later becomes cyclic garbage stays."""
    gc.freeze()
