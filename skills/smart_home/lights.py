"""Lights: brightness, brighter and dimmer, colour and colour temperature; and "set X to 50%".

Try: "set the kitchen light to 40 percent", "dim the lights", "make the bedroom light brighter",
"turn the ceiling light blue", "set the bedroom light to warm white", "3000 kelvin on the desk
lamp", "set the blinds to 30%" (a bare percentage means whatever the device has: brightness,
position, fan speed or volume).
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel

from simulator.sdk import Colour, Number, Percent, Response, SkillContext, SlotList
from simulator.sdk.control import Done, device_names, error_reply, no_home, report
from simulator.sdk.home import (
    COLOR_NAMES,
    ColourTarget,
    CommandResult,
    Device,
    DeviceError,
    DeviceTarget,
    ErrorCode,
    Home,
    LightTarget,
    RoomName,
)

from .core import control, skill
from .power import lights_here
from .slots import Extreme, Floor, NamedWhite, WhiteShade, extreme_value

__all__ = [
    "Brightness",
    "ColourSlots",
    "Dimming",
    "Level",
    "WhiteSlots",
    "adjust_brightness",
    "set_brightness",
    "set_colour",
    "set_colour_temperature",
    "set_level",
    "set_level_on",
]

_STEP = 20
"""How much "brighter" or "dimmer" changes the brightness, in percent."""


class Level(BaseModel):
    """A target and a level: "50 percent", "max", "halfway"."""

    target: DeviceTarget | None = None
    room: RoomName | None = None
    floor: Floor | None = None
    level: Percent | None = None
    extreme: Extreme | None = None

    def percent(self, lowest: float = 0.0) -> float | None:
        """The level as a number (the words "max"/"min"/"half" become 100/lowest/50)."""
        if self.level is not None:
            return self.level
        return extreme_value(self.extreme, lowest=lowest) if self.extreme else None


class Brightness(Level):
    """The slots of SetBrightness (same as any level)."""


def _done_level(home: Home, what: str, value: float, unit: str = " percent") -> Done:
    """The success sentence for a level: "Okay, I've set the brightness of the desk lamp to 40
    percent."."""

    def done(devices: list[Device]) -> str:
        return f"Okay, I've set {what} of {device_names(devices, home)} to {value:g}{unit}."

    return done


@skill.intent(
    "SetBrightness",
    samples=[
        "<set> [the] {target} brightness to <amount>",
        "<set> [the] {target} to <amount> brightness",
        "make [the] {target} <amount> (bright|brightness)",
        "<set> [the] {target} to {extreme} brightness",
        "<set> [the] brightness (of|in|for|on) [the] {target} to <amount>",
        "<set> [the] brightness [<here>] to <amount> [<here>]",
        "turn [the] brightness [(up|down)] to <amount> [<here>]",
        "<set> [the] {floor} brightness to <amount>",
        "<set> [the] brightness {floor} to <amount>",
        "{target} brightness [to] <amount>",
        "[<set>] [the] brightness [<here>] to [the] <amount> [<here>]",
        "[<set>] [the] brightness (of|in|for|on) [the] {target} to [the] <amount>",
        "[<set>] [the] {target} [to] [the] {extreme} brightness",
        "[<set>] [the] brightness <in> [<the>] {room} to [the] <amount>",
        "brightness [of] [the] {target} [to] <amount>",
        "{target} [to] {extreme} brightness",
        "dim [the] {target} to <amount>",
        "(dim|brighten) [the] {target} to <amount>",
    ],
)
def set_brightness(ctx: SkillContext, slots: Brightness) -> Response:
    """Set the brightness of lights (the lights here when none are named)."""
    home = ctx.home
    value = slots.percent(lowest=1)  # "the lowest" dims a light; it doesn't switch it off
    if home is None:
        return no_home()
    if value is None:
        return Response.ask("To what brightness?")
    return control.run(
        ctx,
        slots.target,
        "set_brightness",
        value,
        done=_done_level(home, "the brightness", value),
        room=slots.room,
        floor=slots.floor,
        default=lights_here if slots.target is None else None,
    )


class Dimming(BaseModel):
    """The slots of AdjustBrightness: which lights and which way."""

    target: LightTarget | None = None
    way: Annotated[
        str,
        SlotList(
            "brightness_way",
            # A complaint names the way too: "too dark" asks for brighter.
            {
                "brighter": ["brighten", "too dark", "too dim"],
                "dimmer": ["darker", "dim", "too bright", "too glaring"],
            },
        ),
    ]
    by: Percent | None = None


@skill.intent(
    "AdjustBrightness",
    samples=[
        "make [the] {target} {way}",
        "{way} [the] {target} [by {by} <pct>]",
        "{way} [the] {target} (a bit|a little|a touch|slightly|a little bit)",
        # The amount before the way, so the target ends at the device: "make the lamp a bit
        # brighter" (without it the learned stage read "the lamp a" as the target).
        "make [the] {target} (a bit|a little|a touch|slightly|a little bit|much) {way}",
        # A complaint: "the desk lamp is too bright", "it's too dark in here".
        "[the] {target} (is|are|seems|looks) {way}",
        "it is {way} in here",
        "make it {way} [in here]",
        "turn (the brightness|the lights) {way}",
        "turn {way} the (brightness|lights)",
        "turn [the] brightness (of|on) [the] {target} {way}",
        "(lights|lighting) {way}",
    ],
)
def adjust_brightness(ctx: SkillContext, slots: Dimming) -> Response:
    """Make lights brighter or dimmer by a step (20 percent unless a step was said)."""
    home = ctx.home
    step = slots.by if slots.by is not None else _STEP
    delta = step if slots.way == "brighter" else -step
    verb = "brightened" if slots.way == "brighter" else "dimmed"

    def done(devices: list[Device]) -> str:
        assert home is not None
        levels = {int(d.get("brightness")) if d.get("on") else 0 for d in devices}
        names = device_names(devices, home)
        if len(levels) == 1:
            level = levels.pop()
            if level == 0:
                return ctx.t("Okay, I've turned off {names}.", names=names)
            return ctx.t(
                "Okay, I've {verb} {names} to {level} percent.", verb=verb, names=names, level=level
            )
        return ctx.t("Okay, I've {verb} {names}.", verb=verb, names=names)

    return control.run(
        ctx,
        slots.target,
        "adjust_brightness",
        delta,
        done=done,
        default=lights_here if slots.target is None else None,
    )


class ColourSlots(BaseModel):
    """The slots of SetColour."""

    target: ColourTarget | None = None
    room: RoomName | None = None
    floor: Floor | None = None
    colour: Colour


@skill.intent(
    "SetColour",
    samples=[
        "<set> [the] {target} [colour|color] to {colour}",
        "<set> [the] (colour|color) of [the] {target} to {colour}",
        "<set> [the] (colour|color) of [the] {target} <here> to {colour}",
        "<set> [the] (colour|color) [<here>] to {colour}",
        "<set> [the] {floor} [colour|color] to {colour}",
        "(turn|make) [the] {target} {colour} [<here>]",
        "{target} [colour|color] {colour}",
        "make it {colour}",
        "[<set>] [[the] (colour|color) of] [the] {target} [to] {colour}",
        "[<set>] [the] (colour|color) <in> [<the>] {room} to {colour}",
        "[<set>] [the] (colour|color) of [the] {target} <in> [<the>] {room} to {colour}",
    ],
)
def set_colour(ctx: SkillContext, slots: ColourSlots) -> Response:
    """Change the colour of colour lights."""
    home = ctx.home
    target, name = slots.target, slots.colour.name
    if home is not None and target is not None and target.kind == "room":
        # "Turn the kitchen light blue" also reads as "the kitchen" + "light blue" (the
        # matcher gives the earlier slot the shorter span); a device named by the room's words
        # and "light" is the more specific reading, so it wins when the rest is a colour too.
        first, _, rest = name.partition(" ")
        device = home.parse_target([*target.words, first]) if rest in COLOR_NAMES else None
        if device is not None and device.kind == "device":
            target, name = device, rest
            # The Turn shows what was acted on, not the router's split.
            hue, saturation = COLOR_NAMES[rest]
            ctx.read_slot_as("target", device, " ".join(device.words))
            ctx.read_slot_as("colour", Colour(name=rest, hue=hue, saturation=saturation), rest)

    def done(devices: list[Device]) -> str:
        assert home is not None
        return (
            f"Okay, {device_names(devices, home)} {'are' if len(devices) > 1 else 'is'} now {name}."
        )

    return control.run(
        ctx,
        target,
        "set_color",
        name,
        done=done,
        room=slots.room,
        floor=slots.floor,
        default=lights_here if slots.target is None else None,
    )


class WhiteSlots(BaseModel):
    """The slots of SetColourTemperature: a number of kelvin or a word like "warm white"."""

    target: ColourTarget | None = None
    room: RoomName | None = None
    floor: Floor | None = None
    kelvin: Number | None = None
    white: WhiteShade | None = None
    named: NamedWhite | None = None
    """A white said where a colour could be ("set the lamp to warm white")."""


def _white_orders(*templates: str) -> list[str]:
    """Each word order twice: "colour temperature" may be followed by a bare number ("2700"),
    but after "temperature" alone a number needs "kelvin" (else it is a room temperature)."""
    out: list[str] = []
    for template in templates:
        out.append(
            template.replace("<ct>", "(colour|color) temperature").replace("<ctv>", "<cctv>")
        )
        out.append(template.replace("<ct>", "(temperature|temp|white)"))
    return out


@skill.intent(
    "SetColourTemperature",
    samples=[
        *_white_orders(
            "<set> [the] {target} <ct> to <ctv>",
            "<set> [the] <ct> (of|in|for|on) [all] [the] {target} to <ctv>",
            "<set> [the] <ct> [<here>] to <ctv> [<here>]",
            "turn [the] <ct> to <ctv> [<here>]",
            "<set> [the] {floor} <ct> to <ctv>",
            "[turn] {target} <ct> [to] <ctv>",
            "<ct> [of] [the] {target} [to] <ctv>",
        ),
        # A white named on its own is a colour temperature ("set the lamp to warm white"):
        # the colour table has the whites too, but a named white is the list's own word.
        "<set> [the] {target} [to|in] ({kelvin} (kelvin|k)|{named})",
        "({kelvin} (kelvin|k)|{named}) (on|for) [the] {target}",
    ],
)
def set_colour_temperature(ctx: SkillContext, slots: WhiteSlots) -> Response:
    """Set the white of tunable lights, in kelvin or by name (fitted to each bulb's range)."""
    home = ctx.home
    found = control.find(
        ctx,
        slots.target,
        command="set_color_temp",
        room=slots.room,
        floor=slots.floor,
        default=lights_here if slots.target is None else None,
    )
    if isinstance(found, Response):
        return found
    assert home is not None
    white = slots.white or slots.named
    if slots.kelvin is None and white is None:
        return Response.ask("Which white, like warm white or 4000 kelvin?")
    results: list[CommandResult] = []
    for device in found:
        # A number is taken literally (and may be out of range); a word is a wish, so each
        # bulb gets the nearest white it can make.
        value: float = slots.kelvin if slots.kelvin is not None else float(white or 2700)
        if slots.kelvin is None:
            value = _fit(device, "color_temp", value)
        results += home.execute([device], "set_color_temp", round(value))
    said = f"{slots.kelvin:g} kelvin" if slots.kelvin is not None else _white_name(white)

    def done(devices: list[Device]) -> str:
        return ctx.t(
            "Okay, I've set {names} to {said}.", names=device_names(devices, home), said=said
        )

    return report(home, results, done)


def _white_name(kelvin: str | None) -> str:
    return {"1900": "candle light", "2700": "warm white", "4000": "neutral white"}.get(
        kelvin or "", "daylight"
    )


def _fit(device: Device, attribute: str, value: float) -> float:
    """Clamp ``value`` into the device's range for ``attribute`` (when it has one)."""
    rng = device.range_of(attribute) if device.has_attribute(attribute) else None
    if rng is None:
        return value
    low = rng.minimum if rng.minimum is not None else value
    high = rng.maximum if rng.maximum is not None else value
    return max(low, min(high, value))


# "Set X to 50 percent" means the level the device has: lights dim, blinds move, fans change
# speed, speakers change volume. The first capability any of the devices has wins.
_LEVEL_COMMANDS = (
    ("set_brightness", "the brightness", 1.0, " percent"),
    ("set_position", "the position", 0.0, " percent"),
    ("set_fan_speed", "the speed", 0.0, " percent"),
    ("set_volume", "the volume", 0.0, ""),
    ("set_temperature", "the temperature", 0.0, " degrees"),
)


@skill.intent(
    "SetLevel",
    samples=[
        "<set> [the] {target} to <amount> [<here>]",
        "<set> [all] [the] {target} <in> [<the>] {room} to <amount>",
        "<set> [the] {target} {floor} to <amount>",
        "<set> [the] {floor} {target} to <amount>",
        "<set> [the] {floor} to <amount>",
        "turn [the] {target} (to|up to|down to) <amount>",
        # British "put the fan on 70", "put the thermostat at 19": a number after "on" or "at".
        "<set> [the] {target} (on|at) <amount>",
        "make [the] {target} <amount>",
        # Without a verb, a bare number needs "to" or "percent": "the den one" is no level.
        "{target} (to <amount>|{level} (percent|%|per cent)|{extreme})",
        "make [the] {floor} {target} [to] <amount>",
        "[the] {floor} {target} (to <amount>|{level} (percent|%|per cent)|{extreme})",
    ],
)
def set_level(ctx: SkillContext, slots: Level) -> Response:
    """Set a percentage on whatever the target has: brightness, position, fan speed or volume."""
    home = ctx.home
    found = control.find(
        ctx,
        slots.target,
        room=slots.room,
        floor=slots.floor,
        default=lights_here if slots.target is None else None,
    )
    if isinstance(found, Response):
        return found
    assert home is not None
    return set_level_on(ctx, found, slots.level, slots.extreme)


def set_level_on(
    ctx: SkillContext, devices: list[Device], level: float | None, extreme: str | None
) -> Response:
    """Pick the command that fits the devices and set the level (shared with follow-ups)."""
    home = ctx.home
    assert home is not None
    for command, what, lowest, unit in _LEVEL_COMMANDS:
        able = [d for d in devices if home.supports(d, command)]
        if not able:
            continue
        value = level if level is not None else extreme_value(extreme or "max", lowest=lowest)
        results = home.execute(able, command, value)
        return report(home, results, _done_level(home, what, value, unit))
    return error_reply(
        DeviceError(
            ErrorCode.NOT_SUPPORTED,
            f"{devices[0].subject} doesn't have a level I can set."
            if len(devices) == 1
            else "None of those have a level I can set.",
        )
    )
