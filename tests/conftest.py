"""Test-wide setup and shared fixtures.

* Trained models are cached in a temporary directory, not the user's cache, and the bundled
  skills' model is trained once per run (a session fixture), then loaded from memory or disk.
* `run_cli` runs ``speaker-sim`` in this process (``simulator.cli.main(argv)`` with its own
  stdin, stdout, stderr and environment). Starting a Python process costs seconds on a loaded
  machine, and most CLI tests check what the command prints, not how it is started: only a
  handful of contract tests (console script, ``python -m simulator``, bytes on a real pipe,
  killing a process) still start a real one.
"""

from __future__ import annotations

import atexit
import io
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path

import pytest

_MADE_HERE: list[str] = []
"""Temporary directories this process made for the run (removed when it exits; test workers
started by it inherit the paths and leave them alone)."""


def _run_directory(variable: str, prefix: str) -> None:
    if not os.environ.get(variable):
        os.environ[variable] = tempfile.mkdtemp(prefix=prefix)
        _MADE_HERE.append(os.environ[variable])


# Set before any simulator is built. One directory for the whole run, so the bundled skills'
# model is trained once per run (and then loaded from memory or from this cache).
_run_directory("SPEAKER_SIM_CACHE", "speaker-sim-test-models-")
# Processes the tests start (the console script, `python -m simulator`, two processes sharing a
# state) would compile every module from source each time when the environment forbids writing
# byte code (PYTHONDONTWRITEBYTECODE): about 0.4 s of CPU per process. They write it to a
# directory of this run instead, never beside the sources.
if os.environ.pop("PYTHONDONTWRITEBYTECODE", None) is not None:
    _run_directory("PYTHONPYCACHEPREFIX", "speaker-sim-test-pycache-")
atexit.register(lambda: [shutil.rmtree(path, ignore_errors=True) for path in _MADE_HERE])

RunCli = Callable[..., "subprocess.CompletedProcess[str]"]
"""``run_cli(argv, stdin="", env=None)``: exit status, stdout and stderr of one in-process run."""


@pytest.fixture(scope="session", autouse=True)
def _trained_bundled_model() -> None:
    """Train the bundled skills' model once, before any test, into the run's cache.

    Command-line tests that start fresh processes then load it from the cache instead of each
    training it under their own timeout.
    """
    from simulator.engine import Simulator

    Simulator.create(seed=0).close()


def run_cli_in_process(
    argv: Sequence[str], *, stdin: str = "", env: Mapping[str, str | None] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``speaker-sim ARGV`` in this process; like ``subprocess.run(..., text=True)``.

    Everything the CLI changes process-wide for its run (the standard streams, which it may
    wrap; ``threading.excepthook``; environment variables given in ``env``, where ``None``
    removes one) is put back afterwards. An exception that escapes ``main`` is not caught: in a
    subprocess it would be a traceback on stderr, which every CLI test treats as a failure.
    """
    from simulator.cli import main

    out, err = io.StringIO(), io.StringIO()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sys, "stdin", io.StringIO(stdin))
        patch.setattr(sys, "stdout", out)
        patch.setattr(sys, "stderr", err)
        patch.setattr(threading, "excepthook", threading.excepthook)
        for name, value in (env or {}).items():
            if value is None:
                patch.delenv(name, raising=False)
            else:
                patch.setenv(name, value)
        try:
            code = main(list(argv))
        except SystemExit as exc:  # argparse: --help, --version and usage errors
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    return subprocess.CompletedProcess(list(argv), code, out.getvalue(), err.getvalue())


@pytest.fixture
def run_cli(tmp_path: Path) -> Iterator[RunCli]:
    """`run_cli_in_process` with ``SPEAKER_SIM_STATE`` in a fresh temporary directory, so no
    run touches the user's real state."""
    state = tmp_path / "env-state"

    def run(
        argv: Sequence[str], *, stdin: str = "", env: Mapping[str, str | None] | None = None
    ) -> subprocess.CompletedProcess[str]:
        return run_cli_in_process(
            argv, stdin=stdin, env={"SPEAKER_SIM_STATE": str(state), **(env or {})}
        )

    yield run
