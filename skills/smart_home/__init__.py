"""Smart home: a skill that controls the simulator's mock home by voice.

It is split by topic, one small module each, all adding intents to the one `skill` object:

============  ==================================================================================
module        what it handles
============  ==================================================================================
``core``      the `Skill`, shared rules, and its ``control`` (the SDK's find → which → run → report)
``slots``     word lists: floors, levels ("max", "halfway"), states, covers, whites
``power``     on and off, and the polite reply for a device that does not exist
``lights``    brightness, colour, colour temperature, and "set X to 50 percent"
``climate``   temperature, HVAC mode, fan speed, "what's the temperature?"
``covers``    open, close, position
``locks``     lock, and unlock after a spoken confirmation
``vacuum``    start, clean a room, send home
``media``     volume, mute, pause and resume, tracks, source
``questions`` "is the front door locked?", "which lights are on?"
``scenes``    "good night", "run movie time"
============  ==================================================================================

The device model is the simulator's own illustrative one; the skill imports only the public SDK
(``simulator.sdk`` and ``simulator.sdk.home``).
"""

from __future__ import annotations

# Importing the modules registers their intents on `skill`; the order only matters for reading.
from . import climate, covers, lights, locks, media, power, questions, scenes, vacuum
from .core import skill

__all__ = [
    "climate",
    "covers",
    "lights",
    "locks",
    "media",
    "power",
    "questions",
    "scenes",
    "skill",
    "vacuum",
]
