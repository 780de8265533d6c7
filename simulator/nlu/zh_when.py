"""Points in time said in Chinese, for the SDK's `When` slot, and moments said back in Chinese.

``明天早上七点``, ``今晚八点``, ``下周五``, ``六月三号下午三点``, ``十分钟后``, ``半个小时以后``,
``每天早上七点``, ``工作日早上六点半``, ``每周一和周三晚上八点``, ``周末``, ``明天上午``: one
span of characters, read here into the fields of a `When` (``date``, ``time``, ``part``,
``delay``, ``days``, ``problem``). The NLU layer cannot import the SDK, so
:func:`parse_when_zh` returns those fields as a dict and ``simulator.sdk.when`` builds the
`When` from it, exactly as it does for the English words.

The pieces come in the order Chinese puts them, largest first: repeat or day, then the part of
the day, then the clock time (``每个工作日 早上 六点半``, ``明天 下午 三点一刻``). A delay stands
alone (``十分钟后``). Words shaped like a time that cannot be one (``二十五点``, ``七点六十分``,
``二月三十号``) fill the slot with a ``problem`` in Chinese, so a skill can say why.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Final

from simulator.nlu.lazy_pattern import LazyPattern
from simulator.nlu.values import TimeOfDay
from simulator.nlu.zh_values import (
    _NUM,
    _integer,
    _spoken_time,
    parse_date_zh,
    parse_duration_zh,
    parse_time_zh,
)

__all__ = [
    "parse_when_zh",
    "spoken_day_zh",
    "spoken_days_zh",
    "spoken_moment_zh",
    "spoken_time_zh",
]

_EVERY_DAY: Final = (0, 1, 2, 3, 4, 5, 6)
_WEEKDAYS: Final = (0, 1, 2, 3, 4)
_WEEKEND: Final = (5, 6)
_DAY_CHARS: Final[dict[str, int]] = {
    "一": 0,
    "二": 1,
    "三": 2,
    "四": 3,
    "五": 4,
    "六": 5,
    "日": 6,
    "天": 6,
}

# Repeats, longest first so "每个工作日" is not read as "每个" + something.
_REPEATS: Final[dict[str, tuple[int, ...]]] = {
    "每天": _EVERY_DAY,
    "每日": _EVERY_DAY,
    "天天": _EVERY_DAY,
    "每一天": _EVERY_DAY,
    "每个工作日": _WEEKDAYS,
    "每个工作天": _WEEKDAYS,
    "工作日": _WEEKDAYS,
    "每周一到周五": _WEEKDAYS,
    "周一到周五": _WEEKDAYS,
    "星期一到星期五": _WEEKDAYS,
    "每个周末": _WEEKEND,
    "每周末": _WEEKEND,
    "周末": _WEEKEND,
    "双休日": _WEEKEND,
}
_REPEAT_DAYS_RE: Final = LazyPattern(
    r"每(?:个)?(?:周|星期|礼拜)(?P<days>[一二三四五六日天](?:[和、跟,，及]?(?:周|星期|礼拜)?[一二三四五六日天])*)"
)

# Parts of the day as `When.part` names them. Said with a clock time, the time itself is made
# definite by the Chinese parser (早上七点 is 07:00); said alone they give the part.
_PARTS: Final[dict[str, str]] = {
    "早上": "morning",
    "早晨": "morning",
    "清晨": "morning",
    "上午": "morning",
    "早": "morning",
    "中午": "afternoon",
    "下午": "afternoon",
    "傍晚": "evening",
    "晚上": "evening",
    "晚": "evening",
    "夜里": "night",
    "夜间": "night",
    "半夜": "night",
    "凌晨": "night",
}
# Day words that also say the part of the day: 今晚 is today, in the evening.
_DAY_AND_PART: Final[dict[str, tuple[int, str]]] = {
    "今晚": (0, "evening"),
    "今早": (0, "morning"),
    "明早": (1, "morning"),
    "明晚": (1, "evening"),
    "今天晚上": (0, "evening"),
}
_DELAY_RE: Final = LazyPattern(r"(?:过)?(?P<span>.+?)(?:后|以后|之后)")
_CONNECTORS: Final = ("在", "于", "到")
_TIME_SHAPE_RE: Final = LazyPattern(rf"(?P<hour>{_NUM})(?:点钟|点|时)(?:(?P<minute>{_NUM})分?)?")
_DATE_SHAPE_RE: Final = LazyPattern(rf"(?:(?P<month>{_NUM})月)(?P<day>{_NUM})(?:号|日)")


def _repeat(text: str) -> tuple[tuple[int, ...], str] | None:
    """A repeat at the start of ``text`` and what follows it, or None."""
    for words in sorted(_REPEATS, key=len, reverse=True):
        if text.startswith(words):
            return _REPEATS[words], text[len(words) :]
    match = _REPEAT_DAYS_RE.match(text)
    if match is None:
        return None
    days = sorted({_DAY_CHARS[c] for c in match["days"] if c in _DAY_CHARS})
    return tuple(days), text[match.end() :]


def _problem(text: str) -> str | None:
    """Why words shaped like a time or a date are not one, in Chinese; None if not shaped so."""
    time = _TIME_SHAPE_RE.search(text)
    if time is not None:
        hour = _integer(time["hour"])
        minute = _integer(time["minute"]) if time["minute"] else 0
        if hour is not None and hour > 24:
            return f"没有{hour}点这个时间，一天只有24个小时"
        if minute is not None and minute > 59:
            return f"没有{minute}分这个时间，一小时只有60分钟"
    date = _DATE_SHAPE_RE.search(text)
    if date is not None:
        month, day = _integer(date["month"]), _integer(date["day"])
        if month is not None and day is not None:
            if not 1 <= month <= 12:
                return f"没有{month}月，一年只有12个月"
            return f"{month}月没有{day}号"
    return None


def _rest(text: str, today: dt.date, fields: dict[str, object]) -> dict[str, object] | None:
    """Read the part of the day and the clock time that follow the day or repeat."""
    if not text:
        return fields
    time = parse_time_zh(list(text))
    if time is not None:
        return {**fields, "time": time}
    for word in sorted(_PARTS, key=len, reverse=True):
        if text == word:
            return {**fields, "part": _PARTS[word]}
        if text.startswith(word):
            # 明早七点 / 今晚八点 are handled by the day words; here 早上 + 七点 did not parse as
            # one time only when the time is odd, so read the part and the bare time apart.
            rest = parse_time_zh(list(text[len(word) :]))
            if rest is not None:
                return {**fields, "time": rest, "part": _PARTS[word]}
    return None


def parse_when_zh(tokens: Sequence[str], today: dt.date) -> dict[str, object] | None:
    """The fields of a `When` for a Chinese span (see the module), or None if it is not a time.

    ``today`` resolves the relative days (明天, 下周五). The result has the keys `When` takes:
    ``date``, ``time`` (a `TimeOfDay`), ``part``, ``delay`` (a `Duration`), ``days`` (weekday
    numbers, Monday = 0) and ``problem``.
    """
    text = "".join(tokens)
    for word in _CONNECTORS:
        if text.startswith(word) and len(text) > len(word):
            text = text[len(word) :]
            break
    if not text:
        return None
    delay = _DELAY_RE.fullmatch(text)
    if delay is not None:
        duration = parse_duration_zh(list(delay["span"]))
        if duration is not None:
            return {"delay": duration}
    repeat = _repeat(text)
    if repeat is not None:
        days, rest = repeat
        found = _rest(rest, today, {"days": days})
        if found is not None:
            return found
    for word in sorted(_DAY_AND_PART, key=len, reverse=True):
        if text.startswith(word):
            ahead, part = _DAY_AND_PART[word]
            date = today + dt.timedelta(days=ahead)
            rest = text[len(word) :]
            if not rest:
                return {"date": date, "part": part}
            time = parse_time_zh(list(rest))
            if time is not None:
                return {"date": date, "time": time, "part": part}
    # The longest leading span that is a date, then the rest (part of the day, time).
    for end in range(len(text), 0, -1):
        day = parse_date_zh(list(text[:end]), today)
        if day is None:
            continue
        found = _rest(text[end:].removeprefix("的"), today, {"date": day})
        if found is not None:
            return found
    found = _rest(text, today, {})
    if found:
        return found
    problem = _problem(text)
    return {"problem": problem} if problem is not None else None


# --- saying moments in Chinese --------------------------------------------------------------------


def spoken_time_zh(moment: dt.datetime | dt.time) -> str:
    """A clock time as a Chinese speaker says it: "早上7点", "下午6点半", "中午12点"."""
    return _spoken_time(TimeOfDay(hour=moment.hour, minute=moment.minute, meridiem_given=True))


def spoken_day_zh(day: dt.date, today: dt.date) -> str:
    """ "今天", "明天", "后天", "周五" (within a week), else "6月12日周五"."""
    ahead = (day - today).days
    named = {0: "今天", 1: "明天", 2: "后天", -1: "昨天", -2: "前天"}
    if ahead in named:
        return named[ahead]
    weekday = "一二三四五六日"[day.weekday()]
    if 2 < ahead < 7:
        return f"周{weekday}"
    return f"{day.month}月{day.day}日周{weekday}"


def spoken_days_zh(days: Sequence[int]) -> str:
    """ "每天", "工作日", "周末", "每周一和周三"."""
    chosen = tuple(sorted(set(days)))
    if chosen == _EVERY_DAY:
        return "每天"
    if chosen == _WEEKDAYS:
        return "每个工作日"
    if chosen == _WEEKEND:
        return "每个周末"
    names = ["周" + "一二三四五六日"[d] for d in chosen]
    return "每" + ("、".join(names[:-1]) + "和" + names[-1] if len(names) > 1 else names[0])


def spoken_moment_zh(moment: dt.datetime, now: dt.datetime) -> str:
    """A moment said relative to ``now``: "今天早上7点", "明天中午12点", "周五下午1点"."""
    return spoken_day_zh(moment.date(), now.date()) + spoken_time_zh(moment)
