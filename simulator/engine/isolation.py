"""Handler isolation: skill code runs in a daemon worker thread, under a timeout.

An ``async def`` handler gets its own event loop in that thread. A handler that raises, hangs or
returns the wrong thing costs the user an apology, never the simulator: `run_handler` always
returns, with the handler's `Response` or a `Failure`.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import logging
import sys
import threading
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from simulator.engine.turn import Failure
from simulator.sdk.response import Response
from simulator.sdk.skill import Handler
from simulator.skillguard import SkillAbandoned, guard_os_exit, skill_code, stop_thread

_log = logging.getLogger(__name__)

__all__ = ["HandlerResult", "SkillExit", "arity", "handler_name", "run_handler"]


@dataclass(frozen=True)
class HandlerResult:
    """What a handler gave: a response, or why there is none (``timed_out`` when abandoned)."""

    response: Response | None
    failure: Failure | None = None
    timed_out: bool = False
    raised: str | None = None
    """The exception's class name when the handler raised."""


async def run_handler(
    handler: Handler, args: Sequence[Any], timeout: float, *, skill: str = ""
) -> HandlerResult:
    """Call ``handler(*args)`` in a daemon thread and wait at most ``timeout`` seconds.

    A handler still running at the timeout is abandoned and told to stop (see
    `simulator.skillguard.stop_thread`); if it has not stopped a second later a warning names
    the skill.
    """
    name = handler_name(handler)
    guard_os_exit()
    future, thread = _run_in_daemon_thread(lambda: _call_handler(handler, args))
    try:
        result = await asyncio.wait_for(future, timeout=timeout)
    except TimeoutError:
        stop_thread(thread)
        _watch_abandoned(thread, skill or name, name)
        failure = Failure(
            "SKILL_TIMEOUT", f"{name} ran past its {timeout:g} s timeout and was stopped"
        )
        return HandlerResult(None, failure, timed_out=True)
    except SkillExit as exc:
        original = exc.original
        detail = "".join(traceback.format_exception(original))
        failure = Failure("SKILL_ERROR", f"{type(original).__name__}: {exc}", detail)
        return HandlerResult(None, failure, raised=type(original).__name__)
    except Exception as exc:
        detail = _skill_traceback(exc)
        failure = Failure("SKILL_ERROR", f"{type(exc).__name__}: {exc}", detail)
        return HandlerResult(None, failure, raised=type(exc).__name__)
    if isinstance(result, str):
        result = Response.speak(result)
    if not isinstance(result, Response):
        message = f"{name} returned {type(result).__name__}, not a Response"
        return HandlerResult(None, Failure("SKILL_ERROR", message))
    return HandlerResult(result)


class SkillExit(Exception):
    """A skill raised ``KeyboardInterrupt`` or ``SystemExit`` (or called ``sys.exit``)."""

    def __init__(self, original: BaseException) -> None:
        """Wrap ``original``; the message names it as the skill raised it."""
        self.original = original
        self.__traceback__ = original.__traceback__
        args = ", ".join(repr(a) for a in original.args)
        super().__init__(f"the handler raised {type(original).__name__}({args})")


ABANDONED_GRACE = 1.0
"""Seconds an abandoned handler has to stop before a warning names it."""


def _watch_abandoned(thread: threading.Thread, skill: str, handler: str) -> None:
    """Warn (log and stderr) if an abandoned handler is still running after a grace period."""

    def check() -> None:
        if thread.is_alive():
            stop_thread(thread)  # once more: it may have swallowed the first one
            message = (
                f"skill {skill}: {handler} is still running after its timeout "
                "(stuck in a call that cannot be interrupted?); its result will be ignored"
            )
            _log.info("%s", message)
            print(f"speaker-sim: warning: {message}", file=sys.stderr, flush=True)

    timer = threading.Timer(ABANDONED_GRACE, check)
    timer.daemon = True
    timer.start()


def _run_in_daemon_thread(
    fn: Callable[[], Any],
) -> tuple[asyncio.Future[Any], threading.Thread]:
    """Run ``fn`` in a daemon thread; the future resolves with its result or exception.

    A daemon thread (rather than the default executor) lets the process exit even when a skill's
    handler never returns: it is abandoned, not joined.
    """
    loop = asyncio.get_running_loop()
    future: asyncio.Future[Any] = loop.create_future()

    def settle(result: Any, error: BaseException | None) -> None:
        if future.done():
            return
        if error is not None:
            future.set_exception(error)
        else:
            future.set_result(result)

    def worker() -> None:
        try:
            _work()
        except SkillAbandoned:
            pass  # told to stop after its timeout, between returning and reporting

    def _work() -> None:
        try:
            with skill_code():
                result = fn()
        except BaseException as exc:
            if not isinstance(exc, Exception):
                # KeyboardInterrupt or SystemExit (sys.exit) from skill code ends the skill's
                # turn, not the simulator: asyncio would re-raise them in the event loop.
                exc = SkillExit(exc)
            try:
                loop.call_soon_threadsafe(settle, None, exc)
            except RuntimeError:
                pass  # the loop is gone: nobody is waiting any more
        else:
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(settle, result, None)

    thread = threading.Thread(target=worker, name="skill-handler", daemon=True)
    thread.start()
    return future, thread


def _call_handler(handler: Handler, args: Sequence[Any]) -> Any:
    """Call a sync or async handler from a worker thread and return its result."""
    if inspect.iscoroutinefunction(handler):
        return asyncio.run(handler(*args))
    result = handler(*args)
    if inspect.isawaitable(result):

        async def await_it() -> Any:
            return await result

        return asyncio.run(await_it())
    return result


def _skill_traceback(exc: BaseException) -> str:
    """The traceback of a handler's exception from the handler down: the engine's own frames
    (the worker thread, the call) are of no use to the skill's author."""
    start = tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == __file__:
            start = tb.tb_next  # the handler's frames begin after the engine's last one
        tb = tb.tb_next
    return "".join(traceback.format_exception(type(exc), exc, start))


def arity(handler: Handler) -> int:
    """How many parameters a handler takes (1: context only; 2: context and slots)."""
    try:
        return len(inspect.signature(handler).parameters)
    except (TypeError, ValueError):
        return 1


def handler_name(handler: Handler) -> str:
    """A handler's name for messages and the trace."""
    return getattr(handler, "__name__", repr(handler))
