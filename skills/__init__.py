"""The toy skills bundled with speaker-sim.

Each module here defines one `simulator.sdk.Skill`. They are examples meant to be copied: they
import only the public SDK (``simulator.sdk``), never engine internals.
"""
