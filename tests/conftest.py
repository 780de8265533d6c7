"""Test-wide setup: trained models are cached in a temporary directory, not the user's cache."""

import os
import tempfile

# Set before any simulator is built. One directory for the whole run, so the bundled skills'
# model is trained once per run (and then loaded from memory or from this cache).
os.environ.setdefault("SPEAKER_SIM_CACHE", tempfile.mkdtemp(prefix="speaker-sim-test-models-"))
