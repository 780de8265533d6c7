"""The mock smart home: an illustrative, offline device model for the speaker simulator.

Load a home with :func:`load_home` (the bundled demo home by default, or any home file), then use
the :class:`Home` to turn words into targets (:meth:`Home.parse_target`, :meth:`Home.resolve`),
run commands (:meth:`Home.execute`), answer questions (:meth:`Home.describe`, :meth:`Home.find`),
follow changes (:meth:`Home.subscribe`) and let time pass (:meth:`Home.simulate`).

The device model (capabilities, types, commands, file format) is our own teaching example; it
implements no vendor's protocol or schema.
"""

from __future__ import annotations

from .capabilities import CAPABILITIES, COLOR_NAMES, FAN_PRESETS, HVAC_MODES, DeviceConfig
from .commands import COMMANDS
from .device import Device
from .device_types import DEVICE_TYPES, TYPE_GROUPS, DeviceType, TypeGroup
from .errors import DeviceError, ErrorCode, HomeFileError, ValueRange, spoken_error
from .events import Cause, StateChanged
from .homefile import BUNDLED_HOMES_DIR, DEMO_HOME, bundled_homes
from .registry import CommandResult, Home, Resolution, load_home
from .schema import Room, Scene, SceneAction, Target
from .targeting import TargetQuery

__all__ = [
    "BUNDLED_HOMES_DIR",
    "CAPABILITIES",
    "COLOR_NAMES",
    "COMMANDS",
    "DEMO_HOME",
    "DEVICE_TYPES",
    "FAN_PRESETS",
    "HVAC_MODES",
    "TYPE_GROUPS",
    "Cause",
    "CommandResult",
    "Device",
    "DeviceConfig",
    "DeviceError",
    "DeviceType",
    "ErrorCode",
    "Home",
    "HomeFileError",
    "Resolution",
    "Room",
    "Scene",
    "SceneAction",
    "StateChanged",
    "Target",
    "TargetQuery",
    "TypeGroup",
    "ValueRange",
    "bundled_homes",
    "load_home",
    "spoken_error",
]
