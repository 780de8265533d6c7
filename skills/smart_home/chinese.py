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
    "ChinesePhrasing",
    "chinese_command",
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
