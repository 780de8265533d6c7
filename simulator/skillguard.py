"""Containing skill code that misbehaves at the process level.

Skills run in the simulator's process (in worker threads, see ``simulator.engine.isolation``),
which keeps them fast and debuggable. What that costs, and how each risk is handled:

* ``os._exit`` from skill code (at import or in a handler) is turned into an exception in the
  skill's thread by `guard_os_exit`: the skill fails, the simulator goes on. Other ways to kill a
  process (``os.kill(os.getpid(), 9)``, a crash in a C extension) cannot be contained in-process;
  speaker-sim does not offer process isolation, because the bundled and example skills never need
  it and a worker process would cost every turn a round trip.
* A handler that runs past its timeout is abandoned and told to stop (`stop_thread` raises
  `SkillAbandoned` in it at its next Python instruction); one stuck inside a single C call (a huge
  regular expression, ``10**10**9``) finishes that call first. A warning names the skill if it is
  still running a second later.
* Output: stdout carries the CLI's protocol (``--jsonl``). `route_skill_output` sends whatever
  other threads (skill handlers and the threads they start) print to stderr instead, and reports
  an exception in a thread a skill started as a one-line skill error, not a raw traceback.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import os
import sys
import threading
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NoReturn, TextIO

__all__ = [
    "SkillAbandoned",
    "current_line_in",
    "guard_os_exit",
    "in_skill_code",
    "route_skill_output",
    "skill_code",
    "stop_thread",
]

_log = logging.getLogger(__name__)
_local = threading.local()
_real_exit = os._exit
_SIMULATOR_DIR = str(Path(__file__).resolve().parent)


class SkillAbandoned(BaseException):
    """Raised inside a skill handler that ran past its timeout, to make it stop.

    A `BaseException`, so that a handler's ``except Exception`` does not swallow it.
    """


def in_skill_code() -> bool:
    """Whether the current thread is running skill code (a handler or a skill's import)."""
    return bool(getattr(_local, "depth", 0))


@contextlib.contextmanager
def skill_code() -> Iterator[None]:
    """Mark the current thread as running skill code for the duration."""
    _local.depth = getattr(_local, "depth", 0) + 1
    try:
        yield
    finally:
        _local.depth -= 1


def _guarded_exit(status: int) -> NoReturn:
    if in_skill_code():
        raise SystemExit(f"os._exit({status}) called by skill code")
    _real_exit(status)


def guard_os_exit() -> None:
    """Make ``os._exit`` called from skill code raise ``SystemExit`` in the skill's thread.

    The simulator's own code never calls ``os._exit``; outside skill code it behaves as usual.
    """
    os._exit = _guarded_exit


def stop_thread(thread: threading.Thread) -> bool:
    """Ask ``thread`` to stop by raising `SkillAbandoned` in it; False if it is not running."""
    if thread.ident is None or not thread.is_alive():
        return False
    done = ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread.ident), ctypes.py_object(SkillAbandoned)
    )
    return bool(done == 1)


def current_line_in(thread: threading.Thread, path: Path) -> int | None:
    """The line ``thread`` is running in the file ``path`` right now (for "stuck at line N")."""
    frame = sys._current_frames().get(thread.ident or -1)
    target = str(path.resolve())
    while frame is not None:
        with contextlib.suppress(OSError):
            if str(Path(frame.f_code.co_filename).resolve()) == target:
                return frame.f_lineno
        frame = frame.f_back
    return None


class _ThreadAwareStdout:
    """stdout for the main thread; stderr for any other thread (skill code and its threads)."""

    def __init__(self, out: TextIO, err: TextIO) -> None:
        self._out = out
        self._err = err

    def _target(self) -> TextIO:
        return self._out if threading.current_thread() is threading.main_thread() else self._err

    def write(self, text: str) -> int:
        return self._target().write(text)

    def flush(self) -> None:
        self._out.flush()
        self._err.flush()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._out, name)


def _skill_frame(exc: BaseException) -> str:
    """``file:line`` of the deepest frame outside the simulator and the standard library."""
    where = ""
    stdlib = os.path.dirname(os.__file__)
    for frame in traceback.extract_tb(exc.__traceback__):
        name = frame.filename
        if not name.startswith((_SIMULATOR_DIR, stdlib)) and "site-packages" not in name:
            where = f" ({name}:{frame.lineno})"
    return where


def _thread_excepthook(args: threading.ExceptHookArgs) -> None:
    if args.exc_type is SkillAbandoned or args.exc_value is None:
        return
    name = args.thread.name if args.thread is not None else "?"
    message = (
        f"skill error in thread {name!r}: {args.exc_type.__name__}: {args.exc_value}"
        f"{_skill_frame(args.exc_value)}"
    )
    _log.info("%s", message)
    print(f"speaker-sim: {message}", file=sys.stderr, flush=True)


def route_skill_output() -> None:
    """Keep stdout for the protocol: other threads' prints go to stderr; thread exceptions
    become one-line skill errors. Called by the CLI; idempotent."""
    if not isinstance(sys.stdout, _ThreadAwareStdout) and sys.stdout is not None:
        sys.stdout = _ThreadAwareStdout(sys.stdout, sys.stderr)
    threading.excepthook = _thread_excepthook
