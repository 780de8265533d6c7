"""Plain-text descriptions of device state, turns and values, shared by the widgets.

Everything here is a pure function: the words a widget shows come from here, so a plain text
capture of the screen (tmux, a snapshot) reads the same as the colours suggest — e.g.
``"Desk lamp on 40%"``, ``"Front door locked"``, ``"Thermostat 21.0°C → 22°C heating"``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

__all__ = [
    "describe_change",
    "describe_state",
    "describe_value",
    "format_clock",
    "format_duration",
    "parse_value",
]

# HVAC actions read better as verbs in the home pane ("heating" rather than "heat").
_HVAC_ACTIONS = {"heat": "heating", "cool": "cooling", "heating": "heating", "cooling": "cooling"}

# Attributes already covered by a phrase of their own in describe_state.
_DESCRIBED = frozenset(
    {
        "online",
        "on",
        "brightness",
        "color",
        "hue",
        "saturation",
        "color_temp",
        "target_temperature",
        "current_temperature",
        "hvac_action",
        "hvac_mode",
        "position",
        "target_position",
        "moving",
        "fan_speed",
        "fan_percentage",
        "lock_state",
        "cleaning_state",
        "cleaning_room",
        "cleaning_queue",
        "room_progress",
        "battery",
        "playback",
        "volume",
        "muted",
        "source",
        "track",
        "media_title",
        "media_artist",
        "repeat",
        "shuffle",
        "temperature",
        "humidity",
        "motion",
        "contact",
        "pm25",
        "filter_life",
    }
)


def _number(value: Any) -> str:
    """``21.0`` → ``"21"``, ``21.5`` → ``"21.5"``: targets are shown without noise."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def describe_state(state: Mapping[str, Any]) -> str:
    """Describe a device's flat state in a few words, e.g. ``"on 40% blue"`` or ``"locked"``.

    Unknown attributes are shown as ``name=value`` so a new capability is never invisible.
    """
    if state.get("online") is False:
        return "offline"
    parts: list[str] = []
    on = state.get("on")
    if "target_temperature" in state:
        if state.get("hvac_mode") == "off" or on is False:
            parts.append("off")
        current = state.get("current_temperature")
        if isinstance(current, int | float):
            parts.append(f"{float(current):.1f}°C → {_number(state['target_temperature'])}°C")
        else:
            parts.append(f"→ {_number(state['target_temperature'])}°C")
        action = str(state.get("hvac_action") or "idle")
        parts.append(_HVAC_ACTIONS.get(action, action))
    elif "fan_speed" in state:
        parts.append(f"on {state['fan_speed']}" if on is not False else "off")
    elif on is not None:
        parts.append("on" if on else "off")
        if on and "brightness" in state:
            parts.append(f"{state['brightness']}%")
        color = state.get("color")
        if on and isinstance(color, str) and color != "white":
            parts.append(color)
    if "lock_state" in state:
        parts.append(str(state["lock_state"]))
    if "position" in state:
        position = int(state["position"])
        if state.get("moving"):
            target = int(state.get("target_position", position))
            parts.append(f"{'opening' if target > position else 'closing'} {position}%")
        elif position == 0:
            parts.append("closed")
        elif position == 100:
            parts.append("open")
        else:
            parts.append(f"{position}% open")
    if "cleaning_state" in state:
        room = state.get("cleaning_room")
        parts.append(f"{state['cleaning_state']}{' ' + str(room) if room else ''}")
    if "playback" in state:
        parts.append(str(state["playback"]))
        if state.get("media_title") and state["playback"] != "stopped":
            artist = state.get("media_artist")
            parts.append(f"“{state['media_title']}”" + (f" by {artist}" if artist else ""))
            if state.get("shuffle"):
                parts.append("shuffle")
            if state.get("repeat", "off") != "off":
                parts.append(f"repeat {state['repeat']}")
        if state.get("source"):
            parts.append(str(state["source"]))
        parts.append("muted" if state.get("muted") else f"vol {state.get('volume', '?')}")
    if "temperature" in state:
        parts.append(f"{float(state['temperature']):.1f}°C")
    if "humidity" in state:
        parts.append(f"{state['humidity']}% RH")
    if "motion" in state:
        parts.append("motion" if state["motion"] else "no motion")
    if "contact" in state:
        parts.append(str(state["contact"]))
    if "pm25" in state:
        parts.append(f"PM2.5 {state['pm25']}")
    if "filter_life" in state:
        parts.append(f"filter {state['filter_life']}%")
    if "battery" in state:
        parts.append(f"battery {state['battery']}%")
    for name, value in state.items():
        if name not in _DESCRIBED:
            parts.append(f"{name}={describe_value(value)}")
    return " ".join(parts) if parts else "—"


def describe_value(value: Any) -> str:
    """A compact rendering of a JSON-ish value (durations as ``5m``, objects as JSON)."""
    if isinstance(value, bool):
        return "on" if value else "off"
    if isinstance(value, dict) and set(value) == {"seconds"}:
        return format_duration(timedelta(seconds=float(value["seconds"])))
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, default=str)
    if value is None:
        return "none"
    return _number(value)


def describe_change(device: str, attribute: str, old: Any, new: Any, cause: str) -> str:
    """One device change as a line: ``"Kitchen light on: off → on (voice)"``."""
    return f"{device} {attribute}: {describe_value(old)} → {describe_value(new)} ({cause})"


def format_clock(when: datetime) -> str:
    """The virtual time as shown in the status bar: ``"Mon 1 Jun 20:00:00"``."""
    return f"{when:%a} {when.day} {when:%b %H:%M:%S}"


def format_duration(delta: timedelta) -> str:
    """A duration in the ``1h30m`` / ``90s`` syntax the CLI's ``:advance`` reads."""
    seconds = round(delta.total_seconds())
    if seconds <= 0:
        return "0s"
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    out = ""
    if hours:
        out += f"{hours}h"
    if minutes:
        out += f"{minutes}m"
    if secs:
        out += f"{secs}s"
    return out


def parse_value(text: str, current: Any = None) -> Any:
    """Read a value typed into the device screen, guided by the type of the current value.

    ``"on"``/``"true"`` become True for a boolean attribute, digits become numbers; anything
    else stays a string (the home validates it and answers with a device error if wrong).
    """
    raw = text.strip()
    lowered = raw.lower()
    if isinstance(current, bool) or lowered in ("true", "false"):
        if lowered in ("on", "true", "yes", "1"):
            return True
        if lowered in ("off", "false", "no", "0"):
            return False
        return raw
    if lowered in ("none", "null", ""):
        return None
    try:
        number = float(raw)
    except ValueError:
        return raw
    if isinstance(current, float):
        return number
    return int(number) if number.is_integer() else number
