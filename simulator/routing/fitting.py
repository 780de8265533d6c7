"""The learned stage's SVM fits, made so that two trainings of one skill set give one model.

scikit-learn's liblinear draws the order in which its dual solver visits the samples from one
random generator per process, seeded at the start of every fit. Two fits running at once in
threads of one process take turns drawing from it, so which numbers each fit got depended on
the threads' timing: two trainings of the bundled skills gave weights up to ~4e-3 apart, and
a sentence at the confidence threshold could fall either side of it.

So no two fits run at once in one process (`fit_labels` holds a lock), and the second core is
used by a helper process instead (`Helper`): a fresh interpreter that imports scikit-learn
while this process draws the samples and builds the features, then fits its share of the
tasks. Each fit starts from the same seed in a process of its own, so the weights are the same
whichever process fits a task, whether the helper is used at all, and in what order things
finish. When the helper cannot be started, fails or hangs (no answer within `patience` of
this process finishing its own share), it is ended and this process fits its tasks too
(slower, same model).

The helper runs this module (``python -m simulator.routing.fitting``): it reads one pickle of
the data and tasks from its standard input and writes one pickle of the results to its
standard output. Both ends are this program's own processes, so the pickles are trusted.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    import numpy as np

__all__ = [
    "HELPER_MIN_SAMPLES",
    "HELPER_PATIENCE_FACTOR",
    "HELPER_PATIENCE_MIN",
    "FitTask",
    "Helper",
    "a_core_is_free",
    "fit_labels",
    "fit_tasks",
    "main",
    "patience",
]

HELPER_MIN_SAMPLES: Final = 2000
"""Below this many samples the fits take well under a second: starting a helper (an
interpreter importing scikit-learn, ~2 s of CPU) would cost more than it saves."""

HELPER_PATIENCE_MIN: Final = 10.0
"""Seconds the helper's answer is waited for at least once this process's own fits are done.
Its share is about as much work as this process's, so on an idle machine it answers within a
second or so; the floor covers a helper that is still importing scikit-learn under load."""

HELPER_PATIENCE_FACTOR: Final = 3.0
"""...or this many times as long as this process's own share took, when that is longer (a
loaded machine slows both processes alike)."""

FitTask = tuple[Any, Sequence[int], float]
"""One fit: the rows of the data it is fitted on (None: all), its labels, its tolerance."""

_FIT_LOCK = threading.Lock()
"""One fit at a time in this process (see the module's doc): liblinear's generator is shared."""


def a_core_is_free() -> bool:
    """Whether another core is likely idle: more than one, and the load average below their
    number less one half.

    The helper pays for its own import of scikit-learn (~2 s of CPU); with no idle core it
    only takes turns with this process. On two cores at a load of about 4, three alternating
    trainings of the bundled skills each took 22.7-24.2 s wall with the helper against
    15.2-15.5 s without. The model is the same either way, so the choice is free to depend
    on the moment.

    The load average counts this process too: a program that has been busy starting up (or a
    benchmark running trainings one after another) holds it near 1 on an otherwise idle
    machine. So "below the cores less one" turned the helper away on two idle cores; at a
    load of 1.1 two trainings took 5.95-6.73 s wall with the helper against 6.26-9.0 s
    without. A load below ``cores - 0.5`` leaves at least half a core beside this process.
    """
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    if not cores or cores < 2:
        return False
    try:
        load = os.getloadavg()[0]
    except (AttributeError, OSError):
        return True  # no load average on this platform: the second core is assumed free
    return load < cores - 0.5


def patience(own_seconds: float) -> float:
    """How long to wait for the helper after this process spent ``own_seconds`` on its own
    share of the fits: past that the helper is taken for hung, ended, and its tasks are fitted
    here. A helper that hangs would otherwise hang training, and with it the first learned
    sentence or the TUI's background training, for ever."""
    return max(HELPER_PATIENCE_MIN, HELPER_PATIENCE_FACTOR * own_seconds)


def fit_labels(
    x: Any, y: np.ndarray, labels: Sequence[int], n_labels: int, c: float, tol: float
) -> tuple[np.ndarray, np.ndarray]:
    """One-vs-rest linear SVM rows (weights, intercepts) for ``labels``, fitted on all of ``x``.

    liblinear fits one-vs-rest as one binary problem per label: that label's samples, weighted by
    its class weight, against every other sample at the plain ``c`` (a class weight scales only
    the label's own samples). So the labels of one model can be fitted in parts: a part's
    labels as they are and every other sample under one "rest" label, whose own row is dropped;
    each label's problem, and so its weights, is the one a fit of all labels at once solves
    (up to the solver's tolerance). The parts are fitted one after another in a process (see
    the module's doc), two processes sharing the work.
    """
    import numpy as np  # training only: inference and loading run without numpy
    from sklearn.svm import LinearSVC

    # Balanced class weights (scikit-learn's "balanced" over every label of ``y``): an intent
    # with three samples ("thank you") must count as much as one whose templates expand into
    # hundreds, or the big intents swallow the small ones.
    counts = np.bincount(y, minlength=n_labels)
    balanced = len(y) / (np.count_nonzero(counts) * np.maximum(counts, 1))
    rest = n_labels  # past every real label, so its row comes last
    mine = np.zeros(n_labels, dtype=bool)
    mine[list(labels)] = True
    target = np.where(mine[y], y, rest)
    weights = {int(k): float(balanced[k]) for k in labels}
    if len(labels) < n_labels:
        # Weighs only the "rest" row's own problem, which is dropped: next to nothing, so
        # that problem (half the samples against the other half) is settled at once.
        weights[rest] = 1e-6
    # A fixed seed: liblinear's dual solver visits the samples in a random order drawn from
    # numpy's global state when none is given. With the lock, the order is the same each time.
    svm = LinearSVC(C=c, max_iter=5000, class_weight=weights, tol=tol, random_state=0)
    with _FIT_LOCK:
        svm.fit(x, target)
    coef = np.asarray(svm.coef_, dtype=np.float64)
    intercept = np.asarray(svm.intercept_, dtype=np.float64)
    if len(svm.classes_) == 2:
        # Binary SVMs keep one weight row (for the second class); spell both out.
        coef = np.vstack([-coef[0], coef[0]])
        intercept = np.array([-intercept[0], intercept[0]])
    # Rows in the order of ``labels`` (the fit orders them as its sorted classes).
    rows = np.searchsorted(svm.classes_, np.asarray(labels))
    return coef[rows], intercept[rows]


def fit_tasks(
    x: Any, y: np.ndarray, n_labels: int, c: float, tasks: Sequence[FitTask]
) -> list[tuple[np.ndarray, np.ndarray]]:
    """`fit_labels` for each task, one after another."""
    out = []
    for rows, labels, tol in tasks:
        part_x, part_y = (x, y) if rows is None else (x[rows], y[rows])
        out.append(fit_labels(part_x, part_y, labels, n_labels, c, tol))
    return out


class Helper:
    """A helper process for some of the fits (see the module's doc).

    Started as early as possible (it imports scikit-learn meanwhile); `submit` hands it the
    data and its tasks, `results` waits for them (for a while: see `patience`). Any failure,
    or no answer in time, makes `results` None, and the caller fits those tasks itself.
    """

    def __init__(self) -> None:
        """Start the helper; it imports scikit-learn and waits for its tasks."""
        self._results: list[tuple[np.ndarray, np.ndarray]] | None = None
        self._thread: threading.Thread | None = None
        self._process: subprocess.Popen[bytes] | None = None
        if not sys.executable:
            return  # an embedded interpreter: nothing to start
        env = dict(os.environ)
        # The same `simulator` as this process's, wherever it was imported from.
        root = str(Path(__file__).resolve().parents[2])
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
        try:
            self._process = subprocess.Popen(
                self.command(),
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                env=env,
            )
        except OSError:
            self._process = None

    @staticmethod
    def command() -> list[str]:
        """The helper's command line: this interpreter running this module."""
        return [sys.executable, "-m", "simulator.routing.fitting"]

    @property
    def started(self) -> bool:
        """Whether the helper process is running (or ran)."""
        return self._process is not None

    def submit(self, x: Any, y: np.ndarray, n_labels: int, c: float, tasks: list[FitTask]) -> None:
        """Send the helper its tasks; a thread feeds it and collects the answer meanwhile."""
        process = self._process
        if process is None:
            return
        payload = pickle.dumps((x, y, n_labels, c, tasks), protocol=pickle.HIGHEST_PROTOCOL)

        def exchange() -> None:
            try:
                out, _ = process.communicate(payload)
                if process.returncode == 0:
                    results = pickle.loads(out)
                    if isinstance(results, list) and len(results) == len(tasks):
                        self._results = results
            except Exception:
                self._results = None  # the caller fits the tasks itself

        self._thread = threading.Thread(target=exchange, name="learned-fit-helper", daemon=True)
        self._thread.start()

    def results(self, timeout: float | None = None) -> list[tuple[np.ndarray, np.ndarray]] | None:
        """The helper's fits in task order, or None when it failed, never started, or gave no
        answer within ``timeout`` seconds (None: waits for it): then it is ended, and an
        answer that comes later is not taken."""
        thread = self._thread
        if thread is not None:
            thread.join(timeout)
            if thread.is_alive():
                self.close()  # hung: ending it also ends the thread's wait on its pipes
                thread.join(1.0)
                return None
        return self._results

    def close(self) -> None:
        """End the helper if it still runs (training failed or was interrupted)."""
        process = self._process
        if process is not None and process.poll() is None:
            process.kill()
            process.wait()


def main() -> int:
    """The helper's side: import scikit-learn, read the data and tasks, write the fits."""
    # Imported before the input is read: the parent is still drawing samples meanwhile.
    import numpy  # noqa: F401
    import sklearn.svm  # noqa: F401

    x, y, n_labels, c, tasks = pickle.load(sys.stdin.buffer)
    results = fit_tasks(x, y, n_labels, c, tasks)
    sys.stdout.buffer.write(pickle.dumps(results, protocol=pickle.HIGHEST_PROTOCOL))
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
