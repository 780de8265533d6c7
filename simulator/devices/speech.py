"""Spoken descriptions of device state ("The front door is locked.").

Kept apart from the registry so the wording can be changed (or translated) in one place.
"""

from __future__ import annotations

from collections.abc import Mapping

from .device import Device, spoken_name
from .errors import format_number
from .schema import Room

__all__ = ["describe_device"]


def _room(device: Device, rooms: Mapping[str, Room]) -> str:
    room = rooms.get(device.room)
    return f"the {spoken_name(room.name)}" if room else device.room.replace("_", " ")


def _cap(text: str) -> str:
    return text[0].upper() + text[1:] if text else text


def _degrees(value: float) -> str:
    return f"{format_number(value)} degrees"


def _light(device: Device) -> str:
    if not device.get("on"):
        return f"{device.subject} {device.be} off."
    text = f"{device.subject} {device.be} on at {device.get('brightness')} percent"
    if device.has("color") and device.get("color") not in (None, "white"):
        text += f", {device.get('color')}"
    elif device.has("color") and device.get("color") is None:
        text += f", hue {format_number(device.get('hue'))}"
    return text + "."


def _climate(device: Device) -> str:
    mode = device.get("hvac_mode")
    if mode == "off":
        return (
            f"{device.subject} {device.be} off. It's {_degrees(device.get('current_temperature'))}."
        )
    action = device.get("hvac_action")
    doing = "" if action == "idle" else f" and {action}"
    return (
        f"{device.subject} {device.be} set to {_degrees(device.get('target_temperature'))} "
        f"in {mode.replace('_', ' ')} mode. It's {_degrees(device.get('current_temperature'))}"
        f"{doing}."
    )


def _media(device: Device) -> str:
    if device.has("power") and not device.get("on"):
        return f"{device.subject} {device.be} off."
    playback = device.get("playback")
    source = device.get("source")
    volume = "muted" if device.get("muted") else f"volume {device.get('volume')}"
    if playback == "playing":
        doing = f"playing from {source}" if source else "playing"
    elif playback == "paused":
        doing = f"paused on {source}" if source else "paused"
    elif device.has("power"):
        doing = f"on, set to {source}" if source else "on"
    else:
        doing = "not playing anything"
    return f"{device.subject} {device.be} {doing}, {volume}."


def _vacuum(device: Device, rooms: Mapping[str, Room]) -> str:
    state = device.get("cleaning_state")
    room_id = device.get("cleaning_room")
    battery = f"{device.get('battery')} percent battery"
    if state == "cleaning" and room_id:
        room = rooms.get(room_id)
        where = f"the {spoken_name(room.name)}" if room else room_id
        return f"{device.subject} {device.be} cleaning {where}, with {battery}."
    if state == "returning":
        return f"{device.subject} {device.be} heading back to the dock, with {battery}."
    if state == "error":
        return f"{device.subject} {device.be} stuck and needs a hand."
    return f"{device.subject} {device.be} {state}, with {battery}."


def describe_device(device: Device, rooms: Mapping[str, Room]) -> str:
    """One or two sentences saying what *device* is doing, e.g. "The bedroom is 21.5 degrees."."""
    if not device.online:
        return f"{device.subject} {device.be} offline right now."
    kind = device.type.id
    if kind in ("light", "color_light"):
        return _light(device)
    if kind in ("plug", "fan"):
        if not device.get("on"):
            return f"{device.subject} {device.be} off."
        speed = f" at {device.get('fan_speed')} speed" if device.has("fan_speed") else ""
        return f"{device.subject} {device.be} on{speed}."
    if kind in ("thermostat", "air_conditioner"):
        return _climate(device)
    if kind == "fridge":
        door = " Its door is open." if device.get("contact") == "open" else ""
        return (
            f"{device.subject} {device.be} at {_degrees(device.get('current_temperature'))}, "
            f"set to {_degrees(device.get('target_temperature'))}.{door}"
        )
    if kind == "curtain":
        position = device.get("position")
        if device.get("moving"):
            verb = "opening" if device.get("target_position") > position else "closing"
            return f"{device.subject} {device.be} {verb}."
        how = {0: "closed", 100: "open"}.get(position, f"{position} percent open")
        return f"{device.subject} {device.be} {how}."
    if kind == "lock":
        return f"{device.subject} {device.be} {device.get('lock_state')}."
    if kind == "vacuum":
        return _vacuum(device, rooms)
    if kind in ("tv", "speaker"):
        return _media(device)
    if kind == "climate_sensor":
        return (
            f"{_cap(_room(device, rooms))} is {_degrees(device.get('temperature'))} "
            f"with {device.get('humidity')} percent humidity."
        )
    if kind == "motion_sensor":
        seen = "detects motion" if device.get("motion") else "detects no motion"
        return f"{device.subject} {seen}."
    if kind == "door_sensor":
        return f"{device.subject} {device.be} {device.get('contact')}."
    if kind == "air_purifier":
        power = f"on at {device.get('fan_speed')} speed" if device.get("on") else "off"
        return (
            f"{device.subject} {device.be} {power}. PM2.5 is {device.get('pm25')}, and the filter "
            f"has {device.get('filter_life')} percent life left."
        )
    return f"{device.subject} {device.be} online."  # pragma: no cover - every type is handled
