"""Test-wide setup and shared fixtures.

* Trained models (and parsed templates) are cached in the checkout's gitignored ``.test-cache``
  folder, not the user's cache, in a folder named after a digest of the training code; every
  process of the run shares it (xdist workers included), and so does the next run on the same
  code. The bundled skills' model is trained once (at session start, in the background), then
  loaded from memory or disk. Simulators load their learned stage lazily, so a test whose sentences
  templates answer never loads or trains a model.
* `run_cli` runs ``speaker-sim`` in this process (``simulator.cli.main(argv)`` with its own
  stdin, stdout, stderr and environment). Starting a Python process costs seconds on a loaded
  machine, and most CLI tests check what the command prints, not how it is started: only a
  handful of contract tests (console script, ``python -m simulator``, bytes on a real pipe,
  killing a process) still start a real one.
* Textual's test pilot checks for an idle app every 5 ms, not every 20 ms
  (`_quicker_textual_idle_checks`): each pause and key press of a TUI test waited at least one
  interval with its worker's core idle.
"""

from __future__ import annotations

import atexit
import hashlib
import io
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest

_MADE_HERE: list[str] = []
"""Temporary directories this process made for the run (removed when it exits; test workers
started by it inherit the paths and leave them alone)."""


def _run_directory(variable: str, prefix: str) -> None:
    if not os.environ.get(variable):
        os.environ[variable] = tempfile.mkdtemp(prefix=prefix)
        _MADE_HERE.append(os.environ[variable])


REPO = Path(__file__).resolve().parent.parent
MODEL_CACHES = REPO / ".test-cache"
"""Where test runs keep trained models and parsed templates between runs (gitignored)."""
TRAINING_CODE = (
    "simulator/routing",
    "simulator/nlu",
    "simulator/sdk",
    "simulator/devices",
    "simulator/engine/slot_env.py",
    "simulator/yamlfile.py",
)
"""What a trained model depends on besides its skill set: the training, featurizing and
sampling code, the template language, the slot types' examples and the demo home's names
(`SlotEnvironment.training_env`)."""


def _training_code_digest() -> str:
    """A digest of every file under `TRAINING_CODE` and of the versions of Python and the
    numerical libraries: which models a test run may reuse from an earlier one."""
    from importlib.metadata import version

    digest = hashlib.sha256(
        f"{sys.version} numpy {version('numpy')} scikit-learn {version('scikit-learn')}".encode()
    )
    for top in TRAINING_CODE:
        root = REPO / top
        files = sorted(root.rglob("*")) if root.is_dir() else [root]
        for path in files:
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(f"{path.relative_to(REPO)}\n".encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _model_cache() -> None:
    """Point ``SPEAKER_SIM_CACHE`` at this checkout's cache for this version of the training
    code, unless the caller set one; older versions' caches are removed.

    The model cache key (`skill_set_key`) covers the skill set: samples, slot examples, rules,
    the library versions and the training settings, but not the training code itself. The
    folder's name adds that, so a second run on the same checkout loads the models the first
    one trained (the bundled skills' model and the test-only skill sets': about 10 s of CPU
    each time otherwise), while any edit to the training code starts from an empty folder and
    trains again: a training change cannot hide behind a stale model. A clean clone (CI)
    trains once. Parsed templates are kept there too (their file is keyed by a digest of the
    template code already). Workers and the commands tests start inherit the variable.
    """
    if os.environ.get("SPEAKER_SIM_CACHE"):
        return
    folder = MODEL_CACHES / f"models-{_training_code_digest()}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for old in MODEL_CACHES.glob("models-*"):
            if old != folder:
                shutil.rmtree(old, ignore_errors=True)
    except OSError:
        _run_directory("SPEAKER_SIM_CACHE", "speaker-sim-test-models-")  # a read-only checkout
        return
    os.environ["SPEAKER_SIM_CACHE"] = str(folder)


# Set before any simulator is built, in the process that starts the run (xdist workers inherit
# it). One directory per checkout and version of the training code (see `_model_cache`).
_model_cache()
# CI and this machine set PYTHONDONTWRITEBYTECODE: then no process of the run (this one, each
# xdist worker, each command a test starts) would keep the byte code it compiles, and each would
# compile the package, the skills and the test modules from source (and pytest would rewrite the
# asserts of every test module and of every `simulator` module, the package being a pytest
# plugin's) again: about 15 s of CPU per worker. The run writes byte code where Python keeps it
# by default, the repository's `__pycache__` folders (gitignored), so the first process to
# import a module compiles it and the others, and the next run, read it. Not to a temporary
# PYTHONPYCACHEPREFIX: a prefix also hides the byte code pip compiled for the installed
# libraries (Textual, pydantic, numpy...), which every process then compiled from source.
# `--skills-dir` folders still get none (the loader turns writing off while it imports them).
if os.environ.pop("PYTHONDONTWRITEBYTECODE", None) is not None:
    sys.dont_write_bytecode = False
atexit.register(lambda: [shutil.rmtree(path, ignore_errors=True) for path in _MADE_HERE])


def _lazy_learned_stage_by_default() -> None:
    """Simulators the tests build load their learned stage when first consulted.

    The library's default is ``"sync"`` (the model is ready when ``Simulator.create``
    returns); here it is ``"lazy"``, as on the command line: the answers are the same (the
    model is loaded or trained the moment the router asks it something), but the many tests
    whose sentences templates answer never load one, and a test that adds a skill of its own
    to the bundled ones no longer trains a model for that set unless a sentence needs it
    (about ten seconds of CPU each). A test that needs the model ready passes ``learned``.
    """
    from simulator.engine import Simulator

    for function in (Simulator.create.__func__, Simulator.__init__):  # type: ignore[attr-defined]
        defaults = function.__kwdefaults__
        # "lazy" already when a test module imports this file a second time (as tests.conftest).
        assert defaults["learned"] in ("sync", "lazy"), "the engine's default changed: review this"
        defaults["learned"] = "lazy"


_lazy_learned_stage_by_default()

RunCli = Callable[..., "subprocess.CompletedProcess[str]"]
"""``run_cli(argv, stdin="", env=None)``: exit status, stdout and stderr of one in-process run."""


def pytest_sessionstart(session: pytest.Session) -> None:
    """Train the bundled skills' model once per run, into the run's cache, in the background.

    Simulators load their learned stage lazily (only a sentence no template takes needs it),
    and every process of the run (each xdist worker, each command a test starts) finds this one
    model in the shared cache instead of training its own: a test that needs it before it is
    ready waits on the cache entry's lock, then reads it.

    Under xdist the process that starts the workers trains it (it has little else to do), not
    a worker: a worker training it in a thread held the process's training lock, so every test
    of that worker that needed a model of its own (a test-only skill set: a few milliseconds
    of training) waited for the bundled one, about ten seconds; a second worker's thread held
    its lock while it waited for the first worker's model. Without xdist this process trains
    it, in a thread, so the tests that need no model run meanwhile.
    """
    if hasattr(session.config, "workerinput"):
        return  # an xdist worker: the controller trains the model
    from simulator.engine import Simulator
    from simulator.loader import load_skills

    # Import the bundled skills' modules here, in the main thread, before the thread starts:
    # without xdist, collection imports them too, and two threads importing one package's
    # modules at once can be handed a half-initialised module ("cannot import name 'MENU'
    # from partially initialized module 'skills.ordering'", seen once).
    load_skills(entry_point_skills=False)

    def train() -> None:
        Simulator.create(seed=0, learned="sync").close()

    threading.Thread(target=train, name="bundled-model-training", daemon=True).start()


TEXTUAL_IDLE_POLL = 1 / 200
"""Seconds between the checks of Textual's test pilot for an idle app (Textual: 1/50)."""


def _quicker_textual_idle_checks() -> None:
    """Textual's pilot polls for an idle app every 5 ms instead of every 20 ms.

    Every ``pilot.pause()`` and every key a test presses waits in ``textual._wait.
    wait_for_idle`` until the process used under 5 % of a CPU over one polling interval: at
    least one whole interval, and as many more as the app keeps working. With Textual's 20 ms
    the TUI tests spent about 600 such waits, 54 s of wall time at load 5 (27 s at 5 ms),
    time in which that worker's core sat idle; the test of idleness is the same ratio, over a
    shorter interval. The constants are module globals that ``wait_for_idle`` reads on each
    call; if a Textual release renames them this does nothing (the tests then wait as long as
    before, which is correct, only slower).
    """
    try:
        from textual import _wait
    except ImportError:
        return
    if isinstance(getattr(_wait, "SLEEP_GRANULARITY", None), float) and isinstance(
        getattr(_wait, "SLEEP_IDLE", None), float
    ):
        _wait.SLEEP_GRANULARITY = TEXTUAL_IDLE_POLL
        _wait.SLEEP_IDLE = TEXTUAL_IDLE_POLL / 20


def pytest_collection_finish(session: pytest.Session) -> None:
    """Once collection has imported Textual (a TUI test module did), poll it more often."""
    if "textual" in sys.modules:
        _quicker_textual_idle_checks()


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


@pytest.hookimpl(tryfirst=True, optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """``-n N`` hands tests out with xdist's ``worksteal`` scheduler, not ``load``.

    ``load`` sends each worker contiguous runs of the collection, a quarter of its share at a
    time, and never takes back what it sent: whoever got the sweeps kept them, and the last
    few minutes ran on one core. ``worksteal`` gives each worker an equal slice and lets an idle
    one take the untouched end of another's queue (see `pytest_collection_modifyitems` for how
    the slices are ordered). Set here rather than as ``--dist worksteal`` in ``addopts``: the
    plugin tests run pytest inside pytest without xdist, where that option does not exist. A
    ``--dist`` other than ``load`` (the default with ``-n``) is left alone.
    """
    if config.getvalue("dist") != "load":
        return None
    from xdist.scheduler import WorkStealingScheduling

    return WorkStealingScheduling(config, log)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Spread the tests marked ``heavy`` over the xdist workers, each worker's first.

    With ``-n`` the run uses xdist's ``worksteal`` scheduler (`pytest_xdist_make_scheduler`): each
    worker is first given an equal run of the collection in order (worker *k* the *k*-th
    slice), and a worker that runs out takes the untouched end of the longest queue. A test that
    takes half a minute must therefore start early (it cannot be taken over once started, and
    stealing takes from a queue's end), and the heavy tests must not all sit in one worker's
    slice, which is what sorting them to the front of the whole collection did. So each worker's
    slice starts with its share of the heavy tests, shared out longest first to whichever slice
    has the least heavy work so far (``heavy(seconds=N)``: about how long the test takes alone
    at low load, a hint only), and fills up with the other tests in their usual order, so that
    a module's tests still run together in one worker and build their module's fixtures once.
    Tests that share one ``heavy`` mark (a module's ``pytestmark``) stay together. Every worker
    sorts the same way, as xdist requires; without xdist it is one slice, heavy tests first.
    """
    workers = max(1, int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1")))
    units: dict[int, list[pytest.Item]] = {}
    weights: dict[int, float] = {}
    light: list[pytest.Item] = []
    for item in items:
        mark = item.get_closest_marker("heavy")
        if mark is None:
            light.append(item)
            continue
        units.setdefault(id(mark), []).append(item)
        weights[id(mark)] = float(mark.kwargs.get("seconds", 1))
    slices: list[list[pytest.Item]] = [[] for _ in range(workers)]
    load = [0.0] * workers
    for key in sorted(units, key=lambda k: -weights[k]):  # stable: ties keep collection order
        k = load.index(min(load))
        slices[k].extend(units[key])
        load[k] += weights[key]
    # The sizes xdist's worksteal gives the workers: the k-th of n gets (left) // (n - k).
    left, start = len(items), 0
    for k in range(workers):
        size = left // (workers - k)
        fill = max(0, size - len(slices[k]))
        slices[k].extend(light[start : start + fill])
        start += fill
        left -= len(slices[k])
    slices[-1].extend(light[start:])
    items[:] = [item for part in slices for item in part]
