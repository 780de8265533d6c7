"""Test-wide setup: trained models are cached in a temporary directory, not the user's cache."""

import os
import tempfile

import pytest

# Set before any simulator is built. One directory for the whole run, so the bundled skills'
# model is trained once per run (and then loaded from memory or from this cache).
os.environ.setdefault("SPEAKER_SIM_CACHE", tempfile.mkdtemp(prefix="speaker-sim-test-models-"))


@pytest.fixture(scope="session", autouse=True)
def _trained_bundled_model() -> None:
    """Train the bundled skills' model once, before any test, into the run's cache.

    Command-line tests start fresh processes; they then load it from the cache instead of each
    training it under their own timeout.
    """
    from simulator.engine import Simulator

    Simulator.create(seed=0).close()
