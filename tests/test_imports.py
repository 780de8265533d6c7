"""Importing everything except ``simulator.tui`` must not load Textual (it is slow to import and
only the terminal UI needs it). Checked in a fresh interpreter so other tests cannot interfere."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

MODULES = [
    "simulator",
    "simulator.engine",
    "simulator.cli",
    "simulator.sdk",
    "simulator.sdk.testing",
    "simulator.routing.router",
    "simulator.dialog.manager",
    "simulator.storage",
    "simulator.clock",
    "simulator.loader",
    "simulator.models",
    "simulator.tools.bench",
]

_PROBE = """
import importlib, json, sys
failed = {}
for name in json.loads(sys.argv[1]):
    importlib.import_module(name)
try:
    import simulator.devices
except Exception as exc:  # still being written: reported, not fatal
    failed["simulator.devices"] = f"{type(exc).__name__}: {exc}"
import skills.clock, skills.hello, skills.help, skills.timer
print(json.dumps({
    "textual": sorted(m for m in sys.modules if m == "textual" or m.startswith("textual.")),
    "failed": failed,
}))
"""


def _probe(modules: list[str]) -> dict[str, object]:
    proc = subprocess.run(
        [sys.executable, "-c", _PROBE, json.dumps(modules)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    result: dict[str, object] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def test_importing_everything_but_the_tui_loads_no_textual() -> None:
    result = _probe(MODULES)
    assert result["textual"] == [], f"textual was imported: {result['textual']}"


def test_the_devices_package_imports() -> None:
    result = _probe(["simulator"])
    assert result["failed"] == {}, result["failed"]


def test_running_a_turn_loads_no_textual() -> None:
    code = (
        "import sys\n"
        "from simulator.sdk.testing import Conversation\n"
        "c = Conversation()\n"
        "c.say('set a timer for 5 minutes')\n"
        "c.advance('5m')\n"
        "print(any(m == 'textual' or m.startswith('textual.') for m in sys.modules))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "False"


def test_the_import_contracts_hold() -> None:
    """The layer rules in pyproject.toml ([tool.importlinter]), checked by import-linter."""
    from pathlib import Path

    lint = Path(sys.executable).parent / "lint-imports"
    if not lint.exists():
        import pytest

        pytest.skip("import-linter is not installed (pip install -e '.[dev]')")
    root = Path(__file__).resolve().parents[1]
    proc = subprocess.run(
        [str(lint)], capture_output=True, text=True, timeout=120, check=False, cwd=root
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]


def test_a_template_answer_loads_no_numpy(tmp_path: Path) -> None:
    # `say` loads the learned stage (numpy, its model file) only for a sentence no template
    # takes: start-up stays cheap for everything the templates answer (issue 9).
    code = (
        "import sys\n"
        "from simulator.cli import main\n"
        "main(['say', '--state', sys.argv[1], 'what time is it'])\n"
        "print(sorted(m for m in ('numpy', 'sklearn', 'scipy') if m in sys.modules))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().splitlines()[-1] == "[]", proc.stdout


def test_a_learned_answer_from_the_cache_loads_no_numpy(tmp_path: Path) -> None:
    # A warm start: the learned stage's model, read from the cache, scores in plain Python
    # (numpy's import alone was about half of what a warm start added to a `say`); numpy,
    # scikit-learn and scipy are for training only.
    from simulator.engine import Simulator

    Simulator.create(learned="sync").close()  # the run's shared cache now holds the model
    code = (
        "import json, sys\n"
        "from simulator.cli import main\n"
        "main(['say', '--json', '--state', sys.argv[1], sys.argv[2]])\n"
        "print(sorted(m for m in ('numpy', 'sklearn', 'scipy') if m in sys.modules))\n"
    )
    said = "could you make the kitchen somewhat brighter please"
    proc = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path), said],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    *turn, modules = proc.stdout.strip().splitlines()
    assert json.loads("\n".join(turn))["source"] == "classifier"
    assert modules == "[]", proc.stdout
