"""Chinese replies of the smart-home skill.

The sentences themselves are in ``smart_home.zh-CN.yaml`` (``done.<command>``, ``error.<CODE>``,
``which``); this module puts the devices' Chinese names into them. The English replies are built
where each command is (``done=`` closures); in a Chinese turn ``control.run_on`` asks here
instead (through `ChinesePhrasing`, the SDK's `Phrasing` for Chinese), so every command gets a
Chinese reply from one place: "好的，已打开客厅灯。".
"""

from __future__ import annotations

from collections.abc import Sequence

from simulator.sdk import Response, SkillContext
from simulator.sdk.home import CommandResult, Device, ErrorCode, Home, local_name

__all__ = [
    "STATE_ZH",
    "ChinesePhrasing",
    "chinese_command",
    "chinese_describe",
    "chinese_error",
    "chinese_names",
    "chinese_report",
    "chinese_which",
]

# 打开 / 启动 and 关上 are said of lights, curtains and vacuums alike: "打开窗帘" opens them.
_SAME_VERB = {"turn_on": ("open", "start_cleaning"), "turn_off": ("close", "return_to_dock")}


def chinese_command(home: Home, devices: Sequence[Device], command: str) -> str:
    """The command a Chinese verb means for these devices: 打开 (``turn_on``) opens curtains."""
    if not devices or any(home.supports(d, command) for d in devices):
        return command
    for other in _SAME_VERB.get(command, ()):
        if all(home.supports(d, other) for d in devices):
            return other
    return command


def chinese_names(devices: Sequence[Device], home: Home) -> str:
    """The devices by their Chinese names: "客厅灯", "客厅灯和台灯"; many are counted: "6个设备"."""
    if len(devices) > 4:
        noun = "盏灯" if all(d.has("brightness") for d in devices) else "个设备"
        return f"{len(devices)}{noun}"
    names = list(dict.fromkeys(local_name(d, "zh-CN") for d in devices))
    if len(names) < len(devices):
        # The same name in several rooms: say the room too ("客厅的台灯和书房的台灯").
        names = [
            f"{local_name(home.rooms[d.room], 'zh-CN')}的{local_name(d, 'zh-CN')}" for d in devices
        ]
    return names[0] if len(names) == 1 else "、".join(names[:-1]) + "和" + names[-1]


def _value(ctx: SkillContext, value: object) -> str:
    """A command's value as a Chinese reply shows it: 26 (the sentence says 度), 50, 红色."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    number = getattr(value, "value", None)
    if isinstance(number, int | float):  # a Temperature: its number
        return _value(ctx, float(number))
    if isinstance(value, str):  # a colour name: the language file's word for it
        return _sentence(ctx, f"colour.{value}", value)
    return ctx.spoken(value) if value is not None else ""


def _sentence(ctx: SkillContext, key: str, fallback: str, **values: str) -> str:
    """A message of the language file by key; ``fallback`` (another key) when it has none."""
    text = ctx.t(key, **values)
    return ctx.t(fallback, **values) if text == key else text


def chinese_report(
    ctx: SkillContext, home: Home, results: Sequence[CommandResult], command: str, value: object
) -> Response:
    """One Chinese reply for a command's results: what worked, then what did not."""
    worked = [d for r in results if r.ok and (d := home.devices.get(r.device_id or ""))]
    failed = [r for r in results if r.failed]
    already = [
        r for r in results if r.error is not None and r.error.code is ErrorCode.ALREADY_IN_STATE
    ]
    if worked:
        text = _sentence(
            ctx,
            f"done.{command}",
            "done.any",
            devices=chinese_names(worked, home),
            value=_value(ctx, value),
        )
        if not failed:
            return Response.speak(text)
        problem = _problems(ctx, home, failed)
        first = failed[0].error
        assert first is not None
        return Response.speak(text + "不过" + problem).with_error(first.code.value, problem)
    if already and not failed:
        devices = [d for r in already if (d := home.devices.get(r.device_id or ""))]
        names = chinese_names(devices, home) if devices else "这个设备"
        text = _sentence(ctx, f"already.{command}", "error.ALREADY_IN_STATE", devices=names)
        return Response.speak(text).with_error(ErrorCode.ALREADY_IN_STATE.value, text)
    if failed:
        chosen = failed
        problem = _problems(ctx, home, chosen)
        first = chosen[0].error
        assert first is not None
        return Response.speak(problem).with_error(first.code.value, problem)
    error = next((r.error for r in results if r.error is not None), None)
    if error is not None:
        text = ctx.t(f"error.{error.code.value}", devices="这个设备")
        return Response.speak(text).with_error(error.code.value, text)
    return Response.speak(ctx.t("done.any", devices="", value=""))


def _problems(ctx: SkillContext, home: Home, failed: Sequence[CommandResult]) -> str:
    """What went wrong, one sentence per kind of error, naming its devices."""
    by_code: dict[str, list[Device]] = {}
    for result in failed:
        if result.error is None:
            continue
        device = home.devices.get(result.device_id or "")
        by_code.setdefault(result.error.code.value, []).extend([device] if device else [])
    return "".join(
        ctx.t(f"error.{code}", devices=chinese_names(devices, home) if devices else "这个设备")
        for code, devices in by_code.items()
    )


def chinese_error(ctx: SkillContext, response: Response) -> Response:
    """A failed response (device not found, nothing there...) said again in Chinese, by its code.

    The English message names the words that failed; the Chinese one says what kind of failure
    it was, which is what a Chinese speaker hears from their own speakers ("抱歉，我没有找到这个设备。").
    """
    code = response.error_code
    if code is None or response.choices:
        return response
    text = ctx.t(f"error.{code}", devices="这个设备")
    if text == f"error.{code}":
        return response
    return Response.speak(text).with_error(code, response.error_message or text)


def chinese_which(ctx: SkillContext, home: Home, choices: Sequence[Device]) -> str:
    """The "which one?" question in Chinese: "你说的是哪一个：客厅的台灯还是书房的台灯？"."""
    names = [
        f"{local_name(home.rooms[d.room], 'zh-CN')}的{local_name(d, 'zh-CN')}" for d in choices
    ]
    if len(set(names)) < len(names):
        names = [f"第{i + 1}个" for i in range(len(choices))]
    return ctx.t("which", choices="还是".join(names))


# -- states, said in Chinese ------------------------------------------------------------------

STATE_ZH: dict[str, tuple[str, str]] = {
    # state word: (said when it holds, said when it does not)
    "on": ("开着", "没开"),
    "off": ("关着", "没关"),
    "open": ("开着", "没开"),
    "closed": ("关着", "没关"),
    "locked": ("锁着", "没锁"),
    "unlocked": ("没锁", "锁着"),
    "playing": ("在播放", "没在播放"),
    "paused": ("暂停了", "没暂停"),
    "docked": ("在充电", "不在充电座上"),
    "cleaning": ("在打扫", "没在打扫"),
    "motion": ("检测到有人", "没检测到人"),
}
"""How a state word of GetState / QueryDevices is said in a Chinese answer."""

_MODES_ZH = {"heat": "制热", "cool": "制冷", "auto": "自动", "fan_only": "送风", "dry": "除湿"}
_SPEEDS_ZH = {"low": "低速", "medium": "中速", "high": "高速"}


def _deg(value: object) -> str:
    number = float(value) if isinstance(value, int | float) else 0.0
    return f"{number:g}度"


def chinese_describe(device: Device, home: Home) -> str:
    """What a device is doing, in Chinese: "前门锁着。", "卧室空调关着，室温25度。"."""
    name = local_name(device, "zh-CN")
    kind = device.type.id
    if not device.online:
        return f"{name}现在离线了。"
    if kind in ("light", "color_light"):
        if not device.get("on"):
            return f"{name}关着。"
        level = f"，亮度{device.get('brightness')}%" if device.has("brightness") else ""
        return f"{name}开着{level}。"
    if kind in ("plug", "fan", "air_purifier"):
        if not device.get("on"):
            return f"{name}关着。"
        speed = device.get("fan_speed") if device.has("fan_speed") else None
        extra = f"，{_SPEEDS_ZH.get(str(speed), str(speed))}" if speed else ""
        if kind == "air_purifier":
            extra += f"，PM2.5是{device.get('pm25')}"
        return f"{name}开着{extra}。"
    if kind in ("thermostat", "air_conditioner"):
        room = f"室温{_deg(device.get('current_temperature'))}"
        mode = device.get("hvac_mode") if device.has("hvac_mode") else "on"
        if mode == "off":
            return f"{name}关着，{room}。"
        said = _MODES_ZH.get(str(mode), "")
        return f"{name}开着{('，' + said + '模式') if said else ''}，设定{_deg(device.get('target_temperature'))}，{room}。"
    if kind == "fridge":
        door = "，门没关" if device.get("contact") == "open" else ""
        return f"{name}现在{_deg(device.get('current_temperature'))}，设定{_deg(device.get('target_temperature'))}{door}。"
    if kind == "curtain":
        position = int(device.get("position"))
        how = {0: "关着", 100: "开着"}.get(position, f"开了{position}%")
        return f"{name}{how}。"
    if kind == "lock":
        return f"{name}{'锁着' if device.get('lock_state') == 'locked' else '没锁'}。"
    if kind == "vacuum":
        cleaning = {
            "cleaning": "正在打扫",
            "returning": "正在回充电座",
            "error": "卡住了，需要帮忙",
        }
        state = cleaning.get(str(device.get("cleaning_state")), "在充电座上")
        return f"{name}{state}，电量{device.get('battery')}%。"
    if kind in ("tv", "speaker"):
        playback = device.get("playback") if device.has("playback") else None
        doing = {"playing": "正在播放", "paused": "暂停了"}.get(str(playback), "开着")
        if device.has("on") and not device.get("on"):
            doing = "关着"
        return f"{name}{doing}。"
    if kind == "climate_sensor":
        place = home.rooms.get(device.room)
        where = local_name(place, "zh-CN") if place else name
        return f"{where}现在{_deg(device.get('temperature'))}，湿度{device.get('humidity')}%。"
    if kind == "motion_sensor":
        return f"{name}{'检测到有人' if device.get('motion') else '没检测到人'}。"
    if kind == "door_sensor":
        return f"{name}{'开着' if device.get('contact') == 'open' else '关着'}。"
    return f"{name}在线。"


class ChinesePhrasing:
    """The smart-home skill's Chinese wording for the SDK's `DeviceControl`."""

    def which(self, ctx: SkillContext, home: Home, choices: Sequence[Device]) -> str:
        """你说的是哪一个：书房的角落灯还是休闲室的角落灯？"""
        return chinese_which(ctx, home, choices)

    def failure(self, ctx: SkillContext, response: Response) -> Response:
        """A failed find said in Chinese, by its error code."""
        return chinese_error(ctx, response)

    def command(self, home: Home, devices: Sequence[Device], command: str) -> str:
        """打开 said of curtains opens them."""
        return chinese_command(home, devices, command)

    def report(
        self,
        ctx: SkillContext,
        home: Home,
        results: Sequence[CommandResult],
        command: str,
        value: object,
    ) -> Response:
        """好的，已打开客厅灯。"""
        return chinese_report(ctx, home, results, command, value)
