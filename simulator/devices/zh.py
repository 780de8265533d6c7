"""Chinese names in the mock home: group nouns, target words, and name collisions.

A home file gives a room or a device its Chinese name as an alias (``aliases: [客厅灯]``); the
first alias written in Chinese is its Chinese name, used in Chinese replies ("好的，已打开客厅灯。").

Targets are read per character, like all Chinese (see :mod:`simulator.nlu.zh`). Before a span is
looked up, :func:`clean_target` drops the words that only glue a Chinese target together (的, 里,
这个, 一下) and notes a quantifier (所有, 全部, 家里所有): "把客厅里所有的灯" is "客厅 灯", plural.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Final

from simulator.nlu.lazy_pattern import LazyPattern
from simulator.nlu.zh import HAN_RE, has_han

__all__ = [
    "CHINESE_GROUP_WORDS",
    "chinese_name",
    "clean_target",
    "name_collision",
]

CHINESE_GROUP_WORDS: Final[dict[str, tuple[str, ...]]] = {
    "lights": ("灯", "灯光", "电灯", "照明", "灯泡", "所有灯"),
    "plugs": ("插座", "插头", "开关"),
    "thermostats": ("暖气", "温控器", "恒温器", "地暖", "取暖器"),
    "air_conditioners": ("空调", "冷气", "空调机"),
    "covers": ("窗帘", "百叶窗", "遮阳帘", "卷帘", "帘子", "窗帘布"),
    "fans": ("风扇", "电扇", "电风扇"),
    "vacuums": ("扫地机器人", "扫地机", "吸尘器", "扫地机械人", "机器人"),
    "locks": ("门锁", "锁", "智能锁", "门"),
    "tvs": ("电视", "电视机"),
    "speakers": ("音箱", "音响", "喇叭"),
    "media": ("播放器", "媒体"),
    "climate_sensors": ("温度传感器", "温度计", "湿度传感器", "温湿度计"),
    "motion_sensors": ("人体传感器", "运动传感器", "人体感应器"),
    "door_sensors": ("门磁", "门窗传感器", "门窗感应器"),
    "sensors": ("传感器", "感应器"),
    "fridges": ("冰箱",),
    "air_purifiers": ("空气净化器", "净化器"),
    "everything": ("设备", "电器", "家电", "东西"),
}
"""Chinese nouns for each type group of :data:`simulator.devices.TYPE_GROUPS`. Chinese nouns have
no plural: "客厅的灯" means the living room's lights, so these all address every device."""

# Longest first, so "家里所有" goes before "所有" and "里面" before "里".
_QUANTIFIERS: Final = (
    "家里所有",
    "家里全部",
    "全屋所有",
    "全屋",
    "家里",
    "所有",
    "全部",
    "整个",
    "每个",
    "每一个",
    "一切",
    "全家",
)
_FILLERS: Final = (
    "这里",
    "这儿",
    "这边",
    "里面",
    "里边",
    "里头",
    "那个",
    "这个",
    "那些",
    "这些",
    "那盏",
    "这盏",
    "一下",
    "我的",
    "我们的",
    "的",
    "里",
    "把",
    "给",
    "请",
    "一个",
    "都",
)
_QUANTIFIER_RE: Final = LazyPattern("|".join(_QUANTIFIERS))
_FILLER_RE: Final = LazyPattern("|".join(sorted(_FILLERS, key=len, reverse=True)))
_PRONOUNS: Final = frozenset({"它", "它们", "他们", "这", "那"})


def clean_target(words: Sequence[str]) -> tuple[tuple[str, ...], bool, bool] | None:
    """A Chinese target span without its glue words: (characters, quantified, pronoun).

    None when the span has no Chinese (English targets are read as before). A span that is only
    a pronoun (它, 它们) comes back as ``((), False, True)``.
    """
    text = "".join(words)
    if not has_han(text):
        return None
    if text in _PRONOUNS:
        return (), False, True
    quantified = _QUANTIFIER_RE.search(text) is not None
    text = _QUANTIFIER_RE.sub(" ", text)
    text = _FILLER_RE.sub(" ", text)
    return tuple(c for c in text if not c.isspace()), quantified, False


def chinese_name(name: str, aliases: Iterable[str]) -> str | None:
    """The Chinese name of a room or device: the name itself when it is Chinese, else the first
    Chinese alias; None when it has none."""
    if has_han(name):
        return name
    return next((a for a in aliases if has_han(a)), None)


def _key(text: str) -> str:
    """A name as compared: its Han characters and lower-case Latin letters, no spaces or 的."""
    return "".join(c for c in text.lower() if (HAN_RE.match(c) or c.isalnum()) and c != "的")


def name_collision(
    entries: Sequence[tuple[str, str, Sequence[str]]], rooms: Sequence[tuple[str, Sequence[str]]]
) -> tuple[int, str] | None:
    """The first Chinese device name that cannot be told apart, as (device index, cause).

    ``entries`` are (room id, name, aliases) of each device in file order; ``rooms`` are (room
    id, Chinese names and aliases). Two devices in one room answering to the same Chinese name
    could never be addressed apart ("客厅灯" twice in the living room), and a device named like
    a room would take every request for that room.
    """
    seen: dict[tuple[str, str], int] = {}
    room_names = {_key(n): room for room, names in rooms for n in names if has_han(n)}
    for index, (room, name, aliases) in enumerate(entries):
        for text in dict.fromkeys((name, *aliases)):
            if not has_han(text):
                continue
            key = _key(text)
            if key in room_names:
                return (
                    index,
                    f"the Chinese name {text!r} is also the name of room {room_names[key]!r}",
                )
            other = seen.get((room, key))
            if other is not None and other != index:
                return index, (
                    f"the Chinese name {text!r} is also a name of device #{other + 1} in the "
                    f"same room {room!r}; give one of them another name"
                )
            seen[(room, key)] = index
    return None
