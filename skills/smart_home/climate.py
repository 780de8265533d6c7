"""Heating, cooling and fans: set or nudge the temperature, change the mode, set a fan's speed,
and answer "what's the temperature?".

Try: "set the heating to 21 degrees", "make it warmer", "turn the temperature down by 2
degrees", "set the AC to cool", "what's the temperature in the bedroom", "set the bedroom fan to
high", "set the fan speed to 40 percent".
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel

from simulator.sdk import Number, Percent, Response, SkillContext, SlotList, Temperature
from simulator.sdk.control import Nearby, device_names, error_reply, no_home
from simulator.sdk.home import (
    ClimateTarget,
    Device,
    DeviceError,
    DeviceTarget,
    ErrorCode,
    FanPreset,
    FanTarget,
    Home,
    HvacModeName,
    RoomName,
    local_name,
)

from .core import control, skill
from .slots import Direction, Extreme, Floor, extreme_value

__all__ = [
    "FanSpeed",
    "ModeSlots",
    "Nudge",
    "Setpoint",
    "TemperatureQuestion",
    "adjust_temperature",
    "climate_here",
    "fans_here",
    "get_temperature",
    "set_fan_speed",
    "set_hvac_mode",
    "set_temperature",
]


def _running(device: Device) -> bool:
    return device.get("hvac_mode") not in ("off", None)


climate_here = Nearby("climate", prefer=_running)
"""Thermostats and air conditioners in the speaker's room, else in the whole home; those that
are running come first ("make it warmer" means the one that is heating)."""


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def fans_here(home: Home) -> list[Device]:
    """Fans in the speaker's room, else in the whole home."""
    return home.find(group="fans", room=home.speaker_room) or home.find(group="fans")


def _degrees(value: float) -> str:
    return f"{value:g} degree{'' if value == 1 else 's'}"


class Setpoint(BaseModel):
    """The slots of SetTemperature."""

    target: ClimateTarget | None = None
    room: RoomName | None = None
    floor: Floor | None = None
    temperature: Temperature


@skill.intent(
    "SetTemperature",
    samples=[
        "<set> [the] (temperature|temp|heating|heat) to {temperature} [<here>]",
        # Telegraphic: "heating to 20", "heating on 21" (the heating named, no verb).
        "[the] (heating|heat|temperature|temp) (to|on|at) {temperature} [<here>]",
        "<set> [the] (temperature|temp) (in|of|on|for) [the] {target} to {temperature}",
        "<set> [the] (temperature|temp) (of|on) {floor} to {temperature}",
        "<set> [the] {floor} (temperature|temp) to {temperature}",
        "<set> [the] {target} (temperature|temp) to {temperature}",
        # A bare number after a device ("set the hall thermostat to 22") is SetLevel's: it
        # picks the temperature for a thermostat and the brightness for a light, which the
        # router cannot tell apart. With a unit it is unmistakably a temperature.
        "<set> [the] {target} to {temperature} (degrees|degree|°)",
        "(heat|cool) [the] {target} to {temperature}",
        "make it {temperature} [<here>]",
        "[make it] {temperature} in [<the>] {room}",
        # "(I'd like) the bedroom at 20 degrees": the request's frame is set aside as a filler.
        "[<the>] {room} at {temperature}",
    ],
    prompts={"temperature": "To what temperature?"},
)
def set_temperature(ctx: SkillContext, slots: Setpoint) -> Response:
    """Set the target temperature of thermostats or air conditioners."""
    home = ctx.home
    value = slots.temperature.value

    def done(devices: list[Device]) -> str:
        assert home is not None
        return ctx.t(
            "Okay, I've set {names} to {degrees}.",
            names=device_names(devices, home),
            degrees=_degrees(value),
        )

    return control.run(
        ctx,
        slots.target,
        "set_temperature",
        value,
        done=done,
        room=slots.room,
        floor=slots.floor,
        default=climate_here if slots.target is None else None,
        one=True,
    )


class Nudge(BaseModel):
    """The slots of AdjustTemperature: which way, by how much, and where."""

    way: (
        Annotated[
            str,
            SlotList(
                "warmth",
                {
                    # A complaint names the way too: "it's too hot in here" asks for cooler.
                    "warmer": [
                        *("raise", "increase", "turn up", "bump up", "hotter", "warm up"),
                        *("too cold", "too chilly", "freezing"),
                    ],
                    "cooler": [
                        *("lower", "decrease", "turn down", "reduce", "colder", "cool down"),
                        *("too hot", "too warm", "boiling", "roasting"),
                    ],
                },
            ),
        ]
        | None
    ) = None
    turn: Direction | None = None
    target: ClimateTarget | None = None
    by: Number | None = None


@skill.intent(
    "AdjustTemperature",
    samples=[
        "turn [the] (temperature|temp|heating|heat|thermostat) {turn} [by {by} [degree|degrees]]",
        "turn {turn} [the] (temperature|temp|heat) [by {by} [degree|degrees]]",
        "turn [the] {target} (temperature|temp) {turn} [by {by} [degree|degrees]]",
        "{way} [the] (temperature|temp|heating|heat|thermostat) [by {by} [degree|degrees]]",
        "{way} [the] (temperature|temp|heating|heat) (in|of|on) [the] {target} [by {by} [degree|degrees]]",
        "{way} [the] {target} (temperature|temp) [by {by} [degree|degrees]]",
        "make it [(a bit|a little|a touch|slightly|a little bit|much)] {way} [<here>]",
        "make it {way} in [the] {target}",
        "make it {by} (degree|degrees) {way} [<here>|in [the] {target}]",
        "make [the] {target} {way}",
        # A complaint: "it's too hot in here", "the bedroom is freezing".
        "it is {way} [<here>]",
        "[the] {target} (is|feels) {way}",
    ],
)
def adjust_temperature(ctx: SkillContext, slots: Nudge) -> Response:
    """Nudge the target temperature up or down (one degree unless an amount was said)."""
    home = ctx.home
    step = abs(slots.by) if slots.by is not None else 1.0
    warmer = slots.way == "warmer" or slots.turn == "up"
    delta = step if warmer else -step

    def done(devices: list[Device]) -> str:
        assert home is not None
        levels = {float(d.get("target_temperature")) for d in devices}
        names = device_names(devices, home)
        word = "up" if delta > 0 else "down"
        if len(levels) == 1:
            text = ctx.t(
                "Okay, I've turned {names} {way} to {degrees}.",
                names=names,
                way=word,
                degrees=_degrees(levels.pop()),
            )
        else:
            text = ctx.t("Okay, I've turned {names} {way}.", names=names, way=word)
        off = [d for d in devices if d.get("hvac_mode") == "off"]
        if off:
            # A set point changes nothing while the device is off: say so rather than
            # pretend the room will get warmer.
            text += " " + ctx.t(
                '{subject} {be} switched off, though: say "turn on {name}" to start it.',
                subject=_capital(device_names(off, home)),
                be="are" if len(off) > 1 else off[0].be,
                name=device_names(off, home),
            )
        return text

    return control.run(
        ctx,
        slots.target,
        "adjust_temperature",
        delta,
        done=done,
        default=climate_here if slots.target is None else None,
        one=True,
    )


class ModeSlots(BaseModel):
    """The slots of SetHvacMode."""

    target: ClimateTarget | None = None
    mode: HvacModeName


@skill.intent(
    "SetHvacMode",
    samples=[
        "<set> [the] {target} to {mode} [mode]",
        "<set> [the] {target} mode to {mode}",
        "(turn|switch) [the] {target} to {mode} [mode]",
        "put [the] {target} (on|in|into) {mode} [mode]",
        "<set> [the] (mode|climate|hvac) to {mode} [<here>]",
        "switch to {mode} mode",
    ],
)
def set_hvac_mode(ctx: SkillContext, slots: ModeSlots) -> Response:
    """Switch a thermostat or air conditioner to a mode ("cool", "heat", "off")."""
    home = ctx.home
    spoken = slots.mode.replace("_", " ")

    def done(devices: list[Device]) -> str:
        assert home is not None
        if slots.mode == "off":
            return ctx.t("Okay, I've switched off {names}.", names=device_names(devices, home))
        return ctx.t(
            "Okay, I've switched {names} to {mode} mode.",
            names=device_names(devices, home),
            mode=spoken,
        )

    if slots.mode == "off" and slots.target is not None and home is not None:
        # "Turn the kitchen light to off" uses a climate mode's words; for a device without
        # modes it means switching it off.
        found = control.find(ctx, slots.target)
        if isinstance(found, Response):
            return found
        if not any(home.supports(d, "set_hvac_mode") for d in found):
            return control.run_on(
                ctx,
                found,
                "turn_off",
                done=lambda ds: f"Okay, turned off {device_names(ds, home)}.",
            )
    return control.run(
        ctx,
        slots.target,
        "set_hvac_mode",
        slots.mode,
        done=done,
        default=climate_here if slots.target is None else None,
        one=True,
    )


class FanSpeed(BaseModel):
    """The slots of SetFanSpeed: a preset ("high") or a percentage."""

    target: FanTarget | None = None
    floor: Floor | None = None
    speed: FanPreset | None = None
    level: Percent | None = None
    extreme: Extreme | None = None


@skill.intent(
    "SetFanSpeed",
    samples=[
        "<set> [the] {target} [fan] speed to (<amount>|{speed})",
        "[<set>] [the] {target} [fan] speed [to] <amount>",
        "[<set>] [the] speed [of] [the] {target} [<here>] [to] <amount>",
        "[<set>] [the] speed [of] [the] {floor} {target} [to] <amount>",
        "[<set>] [the] speed [of] [the] {target} {floor} [to] <amount>",
        "[<set>] [the] {floor} {target} speed [to] <amount>",
        "<set> [the] {floor} {target} speed to <amount>",
        "<set> [the] speed of [the] {target} [<here>] to (<amount>|{speed})",
        "<set> [the] speed of [the] {target} {floor} to <amount>",
        "<set> [the] speed of [the] {floor} {target} to <amount>",
        "<set> [the] fan speed to (<amount>|{speed}) [<here>]",
        "<set> [the] {target} to {speed} [speed]",
        "(turn|put) [the] {target} (to|on) {speed} [speed]",
        "{target} [on] {speed} [speed]",
        "{target} speed <amount>",
    ],
)
def set_fan_speed(ctx: SkillContext, slots: FanSpeed) -> Response:
    """Set a fan's speed, by preset name or percentage."""
    home = ctx.home
    if home is None:
        return no_home()
    value: str | float
    if slots.speed is not None:
        value, said = slots.speed, f"{slots.speed} speed"
    elif slots.level is not None or slots.extreme is not None:
        value = slots.level if slots.level is not None else extreme_value(slots.extreme or "max")
        said = f"{value:g} percent"
    else:
        return Response.ask("What speed?")

    def done(devices: list[Device]) -> str:
        return ctx.t(
            "Okay, I've set {names} to {said}.", names=device_names(devices, home), said=said
        )

    return control.run(
        ctx,
        slots.target,
        "set_fan_speed",
        value,
        done=done,
        floor=slots.floor,
        default=fans_here if slots.target is None else None,
    )


class TemperatureQuestion(BaseModel):
    """The slots of GetTemperature: where (the speaker's room when not said)."""

    target: DeviceTarget | None = None


@skill.intent(
    "GetTemperature",
    samples=[
        "<what_is> the (temperature|temp) [<here>|now|right now]",
        "(<what_is>|<how_is>) [the] [current] (temperature|temp) [<here>|now|right now]",
        "(<what_is>|<how_is>) [the] [current] (temperature|temp) [<in>] [the] {target}",
        "(<what_is>|<how_is>) [the] {target} [current] (temperature|temp)",
        "how (warm|hot|cold|cool) is it [<here>|now]",
        "how (warm|hot|cold|cool) is [it <in>] [the] {target}",
        "<what_is> the (temperature|temp) (in|of|on|at) [the] {target}",
        "<what_is> [the] {target} (temperature|temp)",
        "how (warm|hot|cold) is it [<here>|now]",
        "how (warm|hot|cold) is it in [the] {target}",
        "how (warm|hot|cold) is [the] {target}",
        "(how is|hows) the (temperature|temp) [<here>]",
        "(how is|hows) the (temperature|temp) (in|of|on) [the] {target}",
    ],
)
def get_temperature(ctx: SkillContext, slots: TemperatureQuestion) -> Response:
    """Read the temperature of a room (from its thermometers and thermostats) or a device."""
    home = ctx.home
    if home is None:
        return no_home()
    query = slots.target
    if query is None or query.kind == "room":
        room = (query.room if query else None) or home.speaker_room
        devices = [d for d in home.find(room=room) if _reading(d) is not None]
        where = home.room_name(room) if room is not None else "the home"
        if not devices:
            return error_reply(
                DeviceError(ErrorCode.DEVICE_NOT_FOUND, f"I don't have a thermometer in {where}.")
            )
        # A thermometer measures the room; prefer it over a thermostat's own reading.
        device = next((d for d in devices if d.has("temperature_sensor")), devices[0])
        if not device.online:
            return error_reply(
                DeviceError(ErrorCode.DEVICE_OFFLINE, f"{device.subject} is offline right now.")
            )
        if ctx.chinese:  # "客厅现在21.5度。"
            known = room is not None and room in home.rooms
            where = local_name(home.rooms[room], ctx.language) if known and room else "家里"
            degrees = f"{_reading(device) or 0:g}度"
            return Response.speak(ctx.t("It's {degrees} in {where}.", degrees=degrees, where=where))
        return Response.speak(f"It's {_degrees(_reading(device) or 0)} in {where}.")
    resolution = home.resolve(query)
    if resolution.error is not None:
        return error_reply(resolution.error)
    device = resolution.devices[0]
    reading = _reading(device)
    if reading is None:
        return error_reply(
            DeviceError(ErrorCode.NOT_SUPPORTED, f"{device.subject} doesn't measure temperature.")
        )
    if ctx.chinese:
        name, degrees = local_name(device, ctx.language), f"{reading:g}度"
        return Response.speak(ctx.t("{device} reads {degrees}.", device=name, degrees=degrees))
    return Response.speak(f"{device.subject} reads {_degrees(reading)}.")


def _reading(device: Device) -> float | None:
    """A device's temperature reading, if it has one."""
    for attribute in ("temperature", "current_temperature"):
        if device.has_attribute(attribute):
            return float(device.get(attribute))
    return None
