"""Device commands: what each one means for each capability.

A command handler looks at one device and a value and returns the attribute changes to make, or
raises :class:`DeviceError`. Handlers never write: the registry validates each change, writes it
and emits events, so all state changes share one path. Checks common to every command (does the
device support it, is it online) are done by the registry before the handler runs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from .capabilities import COLOR_NAMES, FAN_PRESETS, canonical_color, nearest_preset
from .device import Device
from .errors import DeviceError, ErrorCode, ValueRange, format_number
from .schema import Room

__all__ = [
    "COMMANDS",
    "Changes",
    "CommandContext",
    "CommandSpec",
    "not_supported",
    "offline",
    "queue_item",
]

Changes = dict[str, Any]
"""Attribute → new value, applied in order."""


@dataclass(frozen=True)
class CommandContext:
    """What a handler may need to know about the home beyond the device."""

    rooms: Mapping[str, Room]
    """Rooms by id (a vacuum can be sent to one)."""


Handler = Callable[[Device, Any, CommandContext], Changes]


@dataclass(frozen=True)
class CommandSpec:
    """A command: which capabilities can carry it out and how."""

    name: str
    """Command name (``set_brightness``)."""
    requires: tuple[str, ...]
    """Any one of these capabilities makes the device support the command."""
    phrase: str
    """Completes "The kitchen light can't ..." for ``NOT_SUPPORTED`` replies."""
    handler: Handler | None
    """Computes the changes; None for ``run_scene``, which the registry runs itself."""


# --- shared helpers ---------------------------------------------------------------------------


def not_supported(device: Device, command: str) -> DeviceError:
    """ "The kitchen light can't open." for a command the device lacks."""
    phrase = COMMANDS[command].phrase if command in COMMANDS else command.replace("_", " ")
    return DeviceError(ErrorCode.NOT_SUPPORTED, f"{device.subject} can't {phrase}.", device.id)


def offline(device: Device) -> DeviceError:
    """ "The hallway light is offline right now."."""
    return DeviceError(
        ErrorCode.DEVICE_OFFLINE, f"{device.subject} {device.be} offline right now.", device.id
    )


def _already(device: Device, how: str) -> DeviceError:
    return DeviceError(
        ErrorCode.ALREADY_IN_STATE, f"{device.subject} {device.be} already {how}.", device.id
    )


def _invalid(device: Device, message: str) -> DeviceError:
    return DeviceError(ErrorCode.INVALID_IN_STATE, message, device.id)


def _fault(device: Device) -> DeviceError:
    return DeviceError(
        ErrorCode.DEVICE_FAULT,
        f"{device.subject} {device.be} stuck and needs a hand before it can do that.",
        device.id,
    )


def _range(device: Device, attribute: str) -> ValueRange:
    rng = device.range_of(attribute)
    assert rng is not None, attribute  # every numeric command attribute has a range
    return rng


def _number(device: Device, attribute: str, value: Any) -> float:
    """A numeric command value; anything else is reported with the attribute's range."""
    if isinstance(value, str):
        try:
            value = float(value.strip().rstrip("%"))
        except ValueError:
            pass
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise device.out_of_range(attribute, _range(device, attribute))
    return float(value)


def _clamp(value: float, rng: ValueRange) -> float:
    low = rng.minimum if rng.minimum is not None else value
    high = rng.maximum if rng.maximum is not None else value
    return max(low, min(high, value))


def _require_power(device: Device) -> None:
    # A TV that is switched off can't change volume or input; a speaker has no power switch.
    if device.has("power") and not device.get("on"):
        raise _invalid(device, f"{device.subject} {device.be} off.")


# --- power ------------------------------------------------------------------------------------


def _default_mode(device: Device) -> str:
    modes = [m for m in device.config.hvac_modes if m != "off"]
    if not modes:
        raise _invalid(device, f"{device.subject} has no mode to switch on to.")
    return modes[0]


def _turn_on(device: Device, value: Any, ctx: CommandContext) -> Changes:
    if not device.has("power"):
        # Climate devices without a power switch are "on" in any mode but off.
        if device.get("hvac_mode") != "off":
            raise _already(device, "on")
        return {"hvac_mode": _default_mode(device)}
    if device.get("on"):
        raise _already(device, "on")
    changes: Changes = {"on": True}
    if device.has("brightness") and device.get("brightness") == 0:
        changes["brightness"] = 100
    if device.has("fan_speed") and device.get("fan_speed") == "off":
        changes.update(fan_speed="low", fan_percentage=FAN_PRESETS["low"])
    return changes


def _turn_off(device: Device, value: Any, ctx: CommandContext) -> Changes:
    if not device.has("power"):
        if "off" not in device.config.hvac_modes:
            raise not_supported(device, "turn_off")
        if device.get("hvac_mode") == "off":
            raise _already(device, "off")
        return {"hvac_mode": "off", "hvac_action": "idle"}
    if not device.get("on"):
        raise _already(device, "off")
    return {"on": False}


def _toggle(device: Device, value: Any, ctx: CommandContext) -> Changes:
    is_on = device.get("on") if device.has("power") else device.get("hvac_mode") != "off"
    return (_turn_off if is_on else _turn_on)(device, value, ctx)


# --- light ------------------------------------------------------------------------------------


def _set_brightness(device: Device, value: Any, ctx: CommandContext) -> Changes:
    level = device.validate("brightness", round(_number(device, "brightness", value)))
    if level == 0:
        # "Brightness zero" means off; the last level is kept for the next turn on.
        return _turn_off(device, None, ctx)
    changes: Changes = {}
    if not device.get("on"):
        changes["on"] = True
    if device.get("brightness") != level:
        changes["brightness"] = level
    if not changes:
        raise _already(device, f"at {level} percent")
    return changes


def _adjust_brightness(device: Device, value: Any, ctx: CommandContext) -> Changes:
    delta = _number(device, "brightness", value)
    is_on = bool(device.get("on"))
    current = int(device.get("brightness")) if is_on else 0
    target = round(_clamp(current + delta, _range(device, "brightness")))
    if target == current:
        if not is_on:
            raise _already(device, "off")
        raise _already(device, "at full brightness" if delta > 0 else "at its lowest brightness")
    if target == 0:
        return {"on": False}
    changes: Changes = {} if is_on else {"on": True}
    changes["brightness"] = target
    return changes


def _set_color(device: Device, value: Any, ctx: CommandContext) -> Changes:
    name: str | None
    if isinstance(value, str):
        # "gray", "aqua" and "红色" are names of the table's colours too.
        name = device.validate("color", canonical_color(value))
        assert name is not None
        hue, saturation = COLOR_NAMES[name]
    elif isinstance(value, Mapping) and {"hue", "saturation"} <= set(value):
        name = None
        hue = device.validate("hue", value["hue"])
        saturation = device.validate("saturation", value["saturation"])
    elif isinstance(value, list | tuple) and len(value) == 2:
        name = None
        hue = device.validate("hue", value[0])
        saturation = device.validate("saturation", value[1])
    else:
        raise device.out_of_range("color", _range(device, "color"))
    changes: Changes = {} if device.get("on") else {"on": True}
    for attr, new in (("color", name), ("hue", float(hue)), ("saturation", float(saturation))):
        if device.get(attr) != new:
            changes[attr] = new
    if not changes:
        raise _already(device, name or "that colour")
    return changes


_KELVIN_WORDS = {"warm": 2700, "warm white": 2700, "neutral": 4000, "cool": 5000}
_KELVIN_WORDS.update({"cool white": 5000, "cold": 6500, "daylight": 6500})


def _set_color_temp(device: Device, value: Any, ctx: CommandContext) -> Changes:
    rng = _range(device, "color_temp")
    if isinstance(value, str) and value.strip().lower() in _KELVIN_WORDS:
        # Words are wishes, not exact numbers: fit them into this bulb's range.
        kelvin = round(_clamp(_KELVIN_WORDS[value.strip().lower()], rng))
    else:
        kelvin = device.validate("color_temp", round(_number(device, "color_temp", value)))
    changes: Changes = {} if device.get("on") else {"on": True}
    if device.get("color_temp") != kelvin:
        changes["color_temp"] = kelvin
    if device.has("color") and device.get("color") != "white":
        changes.update(color="white", hue=0.0, saturation=0.0)
    if not changes:
        raise _already(device, f"at {kelvin} kelvin")
    return changes


# --- climate ----------------------------------------------------------------------------------


def _snap(value: float, rng: ValueRange) -> float:
    """Round to the device's step, counted from its minimum (so 0.5 steps give x.0 and x.5)."""
    step = rng.step or 0.1
    base = rng.minimum or 0.0
    return round(base + round((value - base) / step) * step, 2)


def _set_temperature(device: Device, value: Any, ctx: CommandContext) -> Changes:
    rng = _range(device, "target_temperature")
    wanted = _number(device, "target_temperature", value)
    if not rng.contains(wanted):
        raise device.out_of_range("target_temperature", rng)
    target = device.validate("target_temperature", _snap(wanted, rng))
    if device.get("target_temperature") == target:
        raise _already(device, f"set to {format_number(target)} degrees")
    return {"target_temperature": target}


def _adjust_temperature(device: Device, value: Any, ctx: CommandContext) -> Changes:
    rng = _range(device, "target_temperature")
    delta = _number(device, "target_temperature", value)
    current = float(device.get("target_temperature"))
    target = _snap(_clamp(current + delta, rng), rng)
    step = rng.step or 0.1
    if target == current and delta != 0 and abs(delta) < step:
        # "A bit warmer" by less than one step still means one step.
        target = _snap(_clamp(current + (step if delta > 0 else -step), rng), rng)
    if target == current:
        bound = "maximum" if delta > 0 else "minimum"
        raise _already(device, f"at its {bound} of {format_number(current)} degrees")
    return {"target_temperature": device.validate("target_temperature", target)}


def _set_hvac_mode(device: Device, value: Any, ctx: CommandContext) -> Changes:
    mode = device.validate("hvac_mode", str(value).strip().lower().replace(" ", "_"))
    if device.get("hvac_mode") == mode:
        raise _already(device, f"in {str(mode).replace('_', ' ')} mode")
    changes: Changes = {"hvac_mode": mode}
    if mode in ("off", "fan_only", "dry"):
        changes["hvac_action"] = "idle"
    return changes


# --- covers -----------------------------------------------------------------------------------


def _move_to(device: Device, target: int, how: str) -> Changes:
    position = device.get("position")
    moving = device.get("moving")
    if moving and device.get("target_position") == target:
        raise _already(device, f"{how.replace('open', 'opening').replace('closed', 'closing')}")
    if not moving and position == target:
        raise _already(device, how)
    return {"target_position": target, "moving": True}


def _open(device: Device, value: Any, ctx: CommandContext) -> Changes:
    return _move_to(device, 100, "open")


def _close(device: Device, value: Any, ctx: CommandContext) -> Changes:
    return _move_to(device, 0, "closed")


def _set_position(device: Device, value: Any, ctx: CommandContext) -> Changes:
    target = device.validate("target_position", round(_number(device, "position", value)))
    return _move_to(device, target, f"at {target} percent")


def _stop(device: Device, value: Any, ctx: CommandContext) -> Changes:
    if not device.has("position"):
        return _stop_playback(device, value, ctx)
    if not device.get("moving"):
        verb = "aren't" if device.plural_name else "isn't"
        raise _invalid(device, f"{device.subject} {verb} moving.")
    return {"target_position": device.get("position"), "moving": False}


# --- fans -------------------------------------------------------------------------------------


def _set_fan_speed(device: Device, value: Any, ctx: CommandContext) -> Changes:
    preset: str
    if isinstance(value, str) and value.strip().lower() in FAN_PRESETS:
        preset = value.strip().lower()
        percentage = FAN_PRESETS[preset]
    else:
        percentage = device.validate(
            "fan_percentage", round(_number(device, "fan_percentage", value))
        )
        preset = nearest_preset(percentage)
    changes: Changes = {}
    if device.has("power"):
        # "Fan speed off" switches the fan off but remembers the last speed for next time.
        if preset == "off":
            return _turn_off(device, None, ctx)
        if not device.get("on"):
            changes["on"] = True
    if device.get("fan_speed") != preset:
        changes["fan_speed"] = preset
    if device.get("fan_percentage") != percentage:
        changes["fan_percentage"] = percentage
    if not changes:
        raise _already(device, f"at {preset} speed")
    return changes


# --- locks ------------------------------------------------------------------------------------


def _set_lock(device: Device, wanted: str) -> Changes:
    state = device.get("lock_state")
    if state == "jammed":
        verb = "lock" if wanted == "locked" else "unlock"
        raise _invalid(device, f"{device.subject} {device.be} jammed, so I can't {verb} it.")
    if state == wanted:
        raise _already(device, wanted)
    return {"lock_state": wanted}


def _lock(device: Device, value: Any, ctx: CommandContext) -> Changes:
    return _set_lock(device, "locked")


def _unlock(device: Device, value: Any, ctx: CommandContext) -> Changes:
    return _set_lock(device, "unlocked")


# --- vacuum -----------------------------------------------------------------------------------

LOW_BATTERY = 15
"""Below this charge a vacuum won't start and heads home."""


def _room_id(device: Device, value: Any, ctx: CommandContext) -> str:
    if isinstance(value, str):
        for room in ctx.rooms.values():
            if value.strip().lower() in (room.id, room.name.lower()):
                return room.id
    names = tuple(r.name for r in ctx.rooms.values())
    rng = ValueRange(label="room", choices=names)
    raise DeviceError(
        ErrorCode.VALUE_OUT_OF_RANGE,
        f"{device.subject} can clean {rng.describe()}.",
        device.id,
        rng,
    )


def _start_cleaning(device: Device, value: Any, ctx: CommandContext) -> Changes:
    state = device.get("cleaning_state")
    if state == "error":
        raise _fault(device)
    room = None if value is None else _room_id(device, value, ctx)
    if state == "cleaning" and room in (None, device.get("cleaning_room")):
        raise _already(device, "cleaning")
    if state == "paused" and room is None:
        return {"cleaning_state": "cleaning"}
    if device.get("battery") < LOW_BATTERY:
        raise _invalid(device, f"{device.subject}'s battery is too low to clean right now.")
    queue = [room] if room else list(device.config.clean_rooms or ctx.rooms)
    return {
        "cleaning_state": "cleaning",
        "cleaning_room": queue[0],
        "cleaning_queue": queue[1:],
        "room_progress": 0.0,
    }


def _pause_cleaning(device: Device, value: Any, ctx: CommandContext) -> Changes:
    state = device.get("cleaning_state")
    if state == "error":
        raise _fault(device)
    if state == "paused":
        raise _already(device, "paused")
    if state == "docked":
        raise _invalid(device, f"{device.subject} {device.be} docked, so there's nothing to pause.")
    return {"cleaning_state": "paused"}


def _return_to_dock(device: Device, value: Any, ctx: CommandContext) -> Changes:
    state = device.get("cleaning_state")
    if state == "error":
        raise _fault(device)
    if state == "docked":
        raise _already(device, "docked")
    if state == "returning":
        raise _already(device, "on its way back to the dock")
    # room_progress doubles as the time spent on the way home.
    return {"cleaning_state": "returning", "cleaning_queue": [], "room_progress": 0.0}


# --- media ------------------------------------------------------------------------------------


def _set_volume(device: Device, value: Any, ctx: CommandContext) -> Changes:
    _require_power(device)
    level = device.validate("volume", round(_number(device, "volume", value)))
    changes: Changes = {}
    if device.get("volume") != level:
        changes["volume"] = level
    if device.get("muted"):
        changes["muted"] = False  # choosing a volume means wanting to hear it
    if not changes:
        raise _already(device, f"at volume {level}")
    return changes


def _adjust_volume(device: Device, value: Any, ctx: CommandContext) -> Changes:
    _require_power(device)
    delta = _number(device, "volume", value)
    current = int(device.get("volume"))
    level = round(_clamp(current + delta, _range(device, "volume")))
    if level == current:
        raise _already(device, "at full volume" if delta > 0 else "at its lowest volume")
    changes: Changes = {"volume": level}
    if device.get("muted") and delta > 0:
        changes["muted"] = False
    return changes


def _mute(device: Device, value: Any, ctx: CommandContext) -> Changes:
    _require_power(device)
    if device.get("muted"):
        raise _already(device, "muted")
    return {"muted": True}


def _unmute(device: Device, value: Any, ctx: CommandContext) -> Changes:
    _require_power(device)
    if not device.get("muted"):
        raise _already(device, "unmuted")
    return {"muted": False}


def _play(device: Device, value: Any, ctx: CommandContext) -> Changes:
    _require_power(device)
    if device.get("playback") == "playing":
        raise _already(device, "playing")
    return {"playback": "playing"}


def _pause(device: Device, value: Any, ctx: CommandContext) -> Changes:
    _require_power(device)
    playback = device.get("playback")
    if playback == "paused":
        raise _already(device, "paused")
    if playback == "stopped":
        raise _invalid(device, f"Nothing is playing on {device.spoken}.")
    return {"playback": "paused"}


def _stop_playback(device: Device, value: Any, ctx: CommandContext) -> Changes:
    _require_power(device)
    if device.get("playback") == "stopped":
        raise _already(device, "stopped")
    return {"playback": "stopped", "media_position": 0.0}


def _next(device: Device, value: Any, ctx: CommandContext) -> Changes:
    _require_power(device)
    if device.get("playback") == "stopped":
        raise _invalid(device, f"Nothing is playing on {device.spoken}.")
    queue = device.get("queue")
    if queue:
        index = int(device.get("track"))  # the next item's 0-based index
        if index >= len(queue):
            if device.get("repeat") != "all":
                raise _invalid(device, f"That's the last item in the queue on {device.spoken}.")
            index = 0
        return queue_item(device, index)
    return {"track": device.validate("track", int(device.get("track")) + 1)}


def _previous(device: Device, value: Any, ctx: CommandContext) -> Changes:
    _require_power(device)
    if device.get("playback") == "stopped":
        raise _invalid(device, f"Nothing is playing on {device.spoken}.")
    track = int(device.get("track"))
    queue = device.get("queue")
    if queue:
        # Like a real player: back from the first item starts it again (or wraps on repeat all).
        if track <= 1:
            return queue_item(device, len(queue) - 1 if device.get("repeat") == "all" else 0)
        return queue_item(device, track - 2)
    if track <= 1:
        raise _already(device, "on the first track")
    return {"track": track - 1}


def queue_item(device: Device, index: int) -> Changes:
    """The changes that make item ``index`` (0-based) of the play queue current, from its start."""
    item = device.get("queue")[index]
    return {
        "track": index + 1,
        "media_title": item.get("title"),
        "media_artist": item.get("artist"),
        "media_position": 0.0,
    }


def _play_media(device: Device, value: Any, ctx: CommandContext) -> Changes:
    """Hand the device a play queue and start it: ``{"items": [...], "start": 0, "app": ...,
    "shuffle": False, "repeat": "off", "position": 0.0}``; each item has a ``title`` and a
    ``duration`` (s); ``position`` is where in the start item to begin."""
    if not isinstance(value, Mapping):
        raise DeviceError(ErrorCode.VALUE_OUT_OF_RANGE, "A play queue is needed.", device.id)
    items = value.get("items")
    if not isinstance(items, list) or not items:
        raise DeviceError(ErrorCode.VALUE_OUT_OF_RANGE, "The play queue is empty.", device.id)
    for item in items:
        duration = item.get("duration") if isinstance(item, Mapping) else None
        if not isinstance(duration, int | float) or duration <= 0 or not item.get("title"):
            raise DeviceError(
                ErrorCode.VALUE_OUT_OF_RANGE,
                "Every item of a play queue needs a title and a positive duration.",
                device.id,
            )
    start = int(value.get("start", 0))
    if not 0 <= start < len(items):
        raise DeviceError(ErrorCode.VALUE_OUT_OF_RANGE, "The queue has no such item.", device.id)
    changes: Changes = {}
    if device.has("power") and not device.get("on"):
        changes["on"] = True  # asking a TV to play something means switching it on
    changes.update(
        queue=[dict(item) for item in items],
        media_app=value.get("app"),
        shuffle=bool(value.get("shuffle", False)),
        repeat=value.get("repeat", "off"),
        playback="playing",
    )
    first = items[start]
    position = value.get("position", 0.0)
    if not isinstance(position, int | float) or not 0 <= position < first["duration"]:
        position = 0.0  # a position past the item's end means its start
    changes.update(
        track=start + 1,
        media_title=first.get("title"),
        media_artist=first.get("artist"),
        media_position=float(position),
    )
    return changes


def _set_repeat(device: Device, value: Any, ctx: CommandContext) -> Changes:
    mode = device.validate("repeat", value)
    if device.get("repeat") == mode:
        raise _already(device, "repeating " + {"off": "nothing", "one": "one", "all": "all"}[mode])
    return {"repeat": mode}


def _set_shuffle(device: Device, value: Any, ctx: CommandContext) -> Changes:
    return {"shuffle": bool(value)}


def _set_source(device: Device, value: Any, ctx: CommandContext) -> Changes:
    _require_power(device)
    if not isinstance(value, str) or not value.strip():
        rng = device.range_of("source") or ValueRange(label="source")
        raise device.out_of_range("source", rng)
    source = device.validate("source", value.strip())
    if device.get("source") == source:
        raise _already(device, f"on {source}")
    return {"source": source}


COMMANDS: dict[str, CommandSpec] = {
    spec.name: spec
    for spec in (
        CommandSpec("turn_on", ("power", "hvac_mode"), "turn on", _turn_on),
        CommandSpec("turn_off", ("power", "hvac_mode"), "turn off", _turn_off),
        CommandSpec("toggle", ("power", "hvac_mode"), "be switched on or off", _toggle),
        CommandSpec("set_brightness", ("brightness",), "change brightness", _set_brightness),
        CommandSpec("adjust_brightness", ("brightness",), "change brightness", _adjust_brightness),
        CommandSpec("set_color", ("color",), "change colour", _set_color),
        CommandSpec(
            "set_color_temp", ("color_temperature",), "change colour temperature", _set_color_temp
        ),
        CommandSpec(
            "set_temperature", ("target_temperature",), "set a temperature", _set_temperature
        ),
        CommandSpec(
            "adjust_temperature",
            ("target_temperature",),
            "change the temperature",
            _adjust_temperature,
        ),
        CommandSpec("set_hvac_mode", ("hvac_mode",), "change mode", _set_hvac_mode),
        CommandSpec("open", ("position",), "open", _open),
        CommandSpec("close", ("position",), "close", _close),
        CommandSpec("set_position", ("position",), "move to a position", _set_position),
        CommandSpec("stop", ("position", "media"), "stop", _stop),
        CommandSpec("set_fan_speed", ("fan_speed",), "change fan speed", _set_fan_speed),
        CommandSpec("lock", ("lock",), "lock", _lock),
        CommandSpec("unlock", ("lock",), "unlock", _unlock),
        CommandSpec("start_cleaning", ("cleaning",), "clean", _start_cleaning),
        CommandSpec("pause_cleaning", ("cleaning",), "pause cleaning", _pause_cleaning),
        CommandSpec("return_to_dock", ("cleaning",), "go back to a dock", _return_to_dock),
        CommandSpec("set_volume", ("media",), "change volume", _set_volume),
        CommandSpec("adjust_volume", ("media",), "change volume", _adjust_volume),
        CommandSpec("mute", ("media",), "mute", _mute),
        CommandSpec("unmute", ("media",), "unmute", _unmute),
        CommandSpec("play", ("media",), "play", _play),
        CommandSpec("pause", ("media",), "pause", _pause),
        CommandSpec("stop_playback", ("media",), "stop playback", _stop_playback),
        CommandSpec("next", ("media",), "skip to the next track", _next),
        CommandSpec("previous", ("media",), "go back a track", _previous),
        CommandSpec("set_source", ("media",), "switch source", _set_source),
        CommandSpec("play_media", ("media",), "play media", _play_media),
        CommandSpec("set_repeat", ("media",), "repeat", _set_repeat),
        CommandSpec("set_shuffle", ("media",), "shuffle", _set_shuffle),
        CommandSpec("run_scene", (), "run a scene", None),
    )
}
"""Every command by name."""
