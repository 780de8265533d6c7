"""Chinese slot values: numbers, percentages, temperatures, durations, times, dates, colours.

The parsers of :mod:`simulator.nlu.parsers` hand a span over to this module when it holds Chinese
(the normaliser splits Chinese into one token per character, so a span arrives as
``("二", "十", "六", "度")``, or with digits as ``("26", "度")``). Each function here takes such a
token span, reads it as one string, and returns a value or None, under the same contract as the
English parsers: the *whole* span must be the value (never a prefix), and nothing raises.

What is understood (each function lists its forms):

* numbers: 二十五, 两, 一百零三, 一百三 (=130), 两千零五, 一万二, 二点五, 负三, 25, 3千;
* percent: 百分之五十, 50%, 五十, 一半;
* temperature: 二十六度, 26度, 二十六度半, 摄氏二十度, 华氏七十度, 零下五度;
* durations: 五分钟, 一个半小时, 半个小时, 一刻钟, 两分半, 一小时二十分钟, 一个小时二十, 三天;
* times of day: 七点, 七点半, 早上七点半, 下午三点一刻, 晚上十点, 十九点零五分, 中午, 半夜, 7:30;
* dates: 今天, 明天, 后天, 大后天, 昨天, 下周五, 这个星期天, 周五, 六月三号, 6月3日,
  2027年6月3日, 三号, 三天后;
* colours: 红色, 暖白, 冷白色, 天蓝色 ... (the English canonical name is returned).

:func:`spoken_zh` says a typed value in Chinese ("5分钟", "早上7点半", "26度").
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Sequence
from typing import Final

from simulator.nlu.lazy_pattern import LazyPattern
from simulator.nlu.values import Colour, Duration, Temperature, TimeOfDay
from simulator.nlu.zh import HAN_RE

__all__ = [
    "COLOUR_NAMES_ZH",
    "EXAMPLES_ZH",
    "chinese_numeral",
    "is_zh_span",
    "parse_colour_name_zh",
    "parse_date_zh",
    "parse_duration_zh",
    "parse_number_zh",
    "parse_ordinal_zh",
    "parse_percent_zh",
    "parse_temperature_zh",
    "parse_time_zh",
    "spoken_number_zh",
    "spoken_zh",
]

_DIGITS: Final[dict[str, int]] = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "幺": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    # Financial forms, as on receipts and in formal writing.
    "壹": 1,
    "贰": 2,
    "叁": 3,
    "肆": 4,
    "伍": 5,
    "陆": 6,
    "柒": 7,
    "捌": 8,
    "玖": 9,
}
_UNITS: Final[dict[str, int]] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_BIG: Final[dict[str, int]] = {"万": 10_000, "亿": 100_000_000}
_NUMBER_CHARS: Final = frozenset(_DIGITS) | frozenset(_UNITS) | frozenset(_BIG)
_PIECE_RE: Final = LazyPattern(r"\d+(?:\.\d+)?|.", re.S)
_NUM: Final = r"(?:\d+(?:\.\d+)?|[零〇一幺二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟]+(?:点[零〇一二三四五六七八九]+)?|\d+)"
"""A number as a regular expression fragment (digits, or Chinese numerals with 点 decimals)."""


def is_zh_span(tokens: Sequence[str]) -> bool:
    """Whether a token span holds Chinese (a Han character; "°" or "é" is not Chinese)."""
    return any(not t.isascii() and HAN_RE.search(t) is not None for t in tokens)


def _text(tokens: Sequence[str]) -> str:
    """The span as one string: Chinese has no spaces between words."""
    return "".join(tokens)


def _integer(text: str) -> int | None:
    """A whole number in Chinese numerals, digits, or both ("3千" = 3000); None if it is not one.

    Sections are read the usual way (一万二千三百零五 = 12305); a trailing digit right after a
    unit is that unit's next step down, as people say it (一百三 = 130, 一万二 = 12000).
    """
    if not text:
        return None
    if text.isdigit() and text.isascii():
        return int(text)
    pieces = _PIECE_RE.findall(text)
    if not all(p in _NUMBER_CHARS or (p.isascii() and p.isdigit()) for p in pieces):
        return None
    # Digit by digit ("二零二六", "一九九九"): only when there is no unit at all, and at least
    # three digits or a zero (so "二五" is not taken for 25).
    if all(p in _DIGITS or p.isdigit() for p in pieces) and len(pieces) > 1:
        if len(pieces) < 3 and not any(p in ("零", "〇") for p in pieces):
            return None
        return int("".join(str(_DIGITS.get(p, p)) for p in pieces))
    total = section = 0
    number: int | None = None
    last_unit = 0  # the last unit said, for 一百三 (= 130)
    section_unit = 0  # the last unit inside the current section: units must go down
    zero_seen = False
    for piece in pieces:
        if piece in _DIGITS or piece.isdigit():
            if number is not None:
                return None  # two digits in a row inside a number with units: 三四十
            value = _DIGITS[piece] if piece in _DIGITS else int(piece)
            if value == 0:
                zero_seen = True
                continue
            number = value
        elif piece in _UNITS:
            unit = _UNITS[piece]
            if section_unit and unit >= section_unit:
                return None  # 三百四百, 十百
            if number is None:
                if unit != 10:
                    return None  # 百五 is not a number; 十五 is
                number = 1
            section += number * unit
            number = None
            last_unit = section_unit = unit
            zero_seen = False
        else:  # 万, 亿
            big = _BIG[piece]
            section += number or 0
            if section == 0:
                return None
            total = (total + section) * big if big > 10_000 else total + section * big
            section = section_unit = 0
            number = None
            last_unit = big
            zero_seen = False
    if number is not None:
        if last_unit >= 100 and not zero_seen and pieces[-2] in _UNITS | _BIG:
            number *= last_unit // 10  # 一百三 = 130, 两千五 = 2500, 一万二 = 12000
        section += number
    return total + section


def _number(text: str) -> int | float | None:
    """A number with an optional sign (负, 零下) and decimals (点): "二点五" = 2.5."""
    sign = 1
    for prefix in ("负", "零下", "-"):
        if text.startswith(prefix) and len(text) > len(prefix):
            sign, text = -1, text[len(prefix) :]
            break
    if re.fullmatch(r"\d+\.\d+", text):
        return sign * float(text)
    whole, dot, fraction = text.partition("点")
    value = _integer(whole)
    if value is None:
        return None
    if not dot:
        return sign * value
    digits = [_DIGITS.get(c, c) for c in fraction]
    if not digits or not all(isinstance(d, int) or str(d).isdigit() for d in digits):
        return None
    number = float(f"{value}.{''.join(str(d) for d in digits)}")
    return sign * (int(number) if number.is_integer() else number)


def parse_number_zh(tokens: Sequence[str]) -> int | float | None:
    """A number: 二十五, 两, 一百零三, 一百三, 两千零五, 一万二, 二点五, 负三, 25, 3千."""
    return _number(_text(tokens))


_ORDINAL_RE: Final = LazyPattern(rf"第({_NUM})(?:个|位|项|条|件|台|盏)?")


def parse_ordinal_zh(tokens: Sequence[str]) -> int | None:
    """A position: 第一, 第二个, 第3 (the 第 is required; a bare number is not an ordinal)."""
    match = _ORDINAL_RE.fullmatch(_text(tokens))
    value = _integer(match.group(1)) if match else None
    return value if value else None


_PERCENT_WORDS: Final[dict[str, float]] = {"一半": 50.0, "半": 50.0, "全部": 100.0}
# Not 最大 / 最小 here: those are words for the extremes, which a skill reads itself (a light at
# "the lowest" is dimmed to 1 %, not switched off), as in English with {extreme}.


def parse_percent_zh(tokens: Sequence[str]) -> float | None:
    """A percentage: 百分之五十, 百分之50, 50%, 五十%, 五十 (a bare number), 一半."""
    text = _text(tokens)
    if text in _PERCENT_WORDS:
        return _PERCENT_WORDS[text]
    if text.startswith("百分之"):
        text = text[3:]
    elif text.endswith("%"):
        text = text[:-1]
    value = _number(text)
    return None if value is None else float(value)


_TEMPERATURE_RE: Final = LazyPattern(
    rf"(?P<scale>摄氏|华氏)?(?P<number>(?:零下|负)?{_NUM})(?:(?P<degree>度|°)(?P<half>半)?)?"
    r"(?P<unit>c|f|摄氏度|华氏度)?"
)


def parse_temperature_zh(tokens: Sequence[str]) -> Temperature | None:
    """A temperature: 二十六度, 26度, 二十六度半, 摄氏二十度, 华氏七十度, 零下五度, 26 (bare)."""
    match = _TEMPERATURE_RE.fullmatch(_text(tokens))
    if match is None:
        return None
    value = _number(match["number"])
    if value is None:
        return None
    amount = float(value) + (0.5 if match["half"] else 0.0) * (1 if value >= 0 else -1)
    marks = (match["scale"] or "") + (match["unit"] or "")
    unit = "F" if ("华氏" in marks or marks == "f") else "C" if marks else None
    return Temperature(value=amount, unit=unit)


_DURATION_UNITS: Final[dict[str, int]] = {
    "秒钟": 1,
    "秒": 1,
    "分钟": 60,
    "分": 60,
    "小时": 3600,
    "钟头": 3600,
    "天": 86_400,
    "日": 86_400,
    "周": 604_800,
    "星期": 604_800,
    "礼拜": 604_800,
}
_UNIT_ALT: Final = "|".join(sorted(_DURATION_UNITS, key=len, reverse=True))
_DURATION_PART_RE: Final = LazyPattern(
    rf"(?:(?P<half_only>半)|(?P<number>{_NUM}))(?P<ge>个)?(?P<half_before>半)?"
    rf"(?P<unit>{_UNIT_ALT})(?P<half_after>半)?"
)
_QUARTER_RE: Final = LazyPattern(rf"(?P<number>{_NUM})刻钟?")


def parse_duration_zh(tokens: Sequence[str]) -> Duration | None:
    """A length of time: 五分钟, 两分钟, 90秒, 一个半小时, 半个小时, 半小时, 一刻钟, 三刻钟,
    两分半, 一天半, 一小时二十分钟, 一个小时零五分, 一个小时二十 (minutes after hours), 两个星期.

    A number without a unit is not a duration; zero is not one either.
    """
    text = _text(tokens)
    quarter = _QUARTER_RE.fullmatch(text)
    if quarter:
        count = _integer(quarter["number"])
        return Duration(seconds=count * 900) if count else None
    total = 0.0
    position = 0
    last_unit = 0
    while position < len(text):
        if text.startswith("零", position) and last_unit:
            position += 1  # 一小时零五分
            continue
        match = _DURATION_PART_RE.match(text, position)
        if match is None:
            # A bare number after a unit is the next unit down: 一个小时二十, 五分三十.
            rest = _number(text[position:]) if last_unit in (3600, 60) else None
            if rest is None or rest <= 0:
                return None
            total += float(rest) * (60 if last_unit == 3600 else 1)
            break
        unit = _DURATION_UNITS[match["unit"]]
        if unit == 60 and match["unit"] == "分" and last_unit == 0 and match["ge"]:
            return None  # "五个分" is not said
        if last_unit and unit >= last_unit:
            return None  # units go from larger to smaller
        if match["half_only"]:
            amount = 0.5
        else:
            value = _number(match["number"])
            if value is None or value < 0:
                return None
            amount = float(value)
        if match["half_before"] or match["half_after"]:
            if match["half_only"]:
                return None
            amount += 0.5
        total += amount * unit
        last_unit = unit
        position = match.end()
    return Duration(seconds=total) if total > 0 else None


# Day parts: the hour as said becomes a 24-hour clock hour. (None: keep as said, ambiguous.)
_DAY_PARTS: Final[dict[str, str]] = {
    "凌晨": "night",
    "半夜": "night",
    "早上": "am",
    "早晨": "am",
    "清晨": "am",
    "上午": "am",
    "早": "am",
    "中午": "noon",
    "下午": "pm",
    "傍晚": "pm",
    "晚上": "evening",
    "夜里": "evening",
    "夜间": "evening",
    "今晚": "evening",
    "晚": "evening",
}
_PART_ALT: Final = "|".join(sorted(_DAY_PARTS, key=len, reverse=True))
_TIME_RE: Final = LazyPattern(
    rf"(?P<part>{_PART_ALT})?(?P<hour>{_NUM})(?:点钟|点|时)"
    rf"(?:(?P<half>半)|(?P<quarter>[一三])刻|(?P<zero>零)?(?P<minute>{_NUM})分?)?"
)
_CLOCK_RE: Final = LazyPattern(rf"(?P<part>{_PART_ALT})?(?P<hour>\d{{1,2}}):(?P<minute>\d{{2}})")


def _hour_in(part: str | None, hour: int) -> tuple[int, bool] | None:
    """The 24-hour clock hour for ``hour`` said in the day part, and whether it is definite."""
    if part is None:
        return hour % 24, hour == 0 or hour > 12
    kind = _DAY_PARTS[part]
    if hour > 12:
        # 晚上二十点 says it twice; fine, as long as the two agree.
        return (hour, True) if kind in ("pm", "evening", "noon") else None
    if kind == "am":
        return (0 if hour == 12 else hour), True
    if kind == "night":
        return (0 if hour == 12 else hour), True
    if kind == "noon":
        return (hour + 12 if hour < 11 else hour), True
    if kind == "evening":
        # 晚上十二点 is midnight; 晚上一点 / 两点 are after midnight too.
        if hour == 12:
            return 0, True
        return (hour if hour <= 3 else hour + 12), True
    return (hour % 12 + 12), True  # pm


def parse_time_zh(tokens: Sequence[str]) -> TimeOfDay | None:
    """A clock time: 七点, 七点钟, 七点半, 早上七点半, 下午三点一刻, 晚上十点, 十九点零五分,
    八点二十, 凌晨两点, 中午十二点, 中午, 半夜, 7:30, 下午3:30.

    Without a day part (早上, 下午, 晚上...) an hour from 1 to 12 stays ambiguous, as in
    English; 晚上十二点 and 半夜 are midnight.
    """
    text = _text(tokens)
    if text in ("中午", "正午"):
        return TimeOfDay(hour=12, minute=0, meridiem_given=True)
    if text in ("半夜", "午夜", "半夜十二点", "午夜十二点"):
        return TimeOfDay(hour=0, minute=0, meridiem_given=True)
    match = _TIME_RE.fullmatch(text) or _CLOCK_RE.fullmatch(text)
    if match is None:
        return None
    hour_said = _integer(match["hour"])
    if hour_said is None or hour_said > 24:
        return None
    groups = match.groupdict()
    if groups.get("half"):
        minute = 30
    elif groups.get("quarter"):
        minute = 15 if groups["quarter"] == "一" else 45
    elif match["minute"]:
        minute_value = _integer(match["minute"])
        if minute_value is None:
            return None
        minute = minute_value
    else:
        minute = 0
    if minute > 59:
        return None
    resolved = _hour_in(match["part"], 0 if hour_said == 24 else hour_said)
    if resolved is None:
        return None
    hour, definite = resolved
    return TimeOfDay(hour=hour, minute=minute, meridiem_given=definite)


_RELATIVE_DAYS: Final[dict[str, int]] = {
    "今天": 0,
    "今日": 0,
    "今晚": 0,
    "今早": 0,
    "今儿": 0,
    "明天": 1,
    "明日": 1,
    "明早": 1,
    "明晚": 1,
    "明儿": 1,
    "后天": 2,
    "大后天": 3,
    "昨天": -1,
    "前天": -2,
}
_WEEKDAY_NAMES: Final[dict[str, int]] = {
    "一": 0,
    "二": 1,
    "三": 2,
    "四": 3,
    "五": 4,
    "六": 5,
    "日": 6,
    "天": 6,
    "末": 5,
}
_WEEKDAY_RE: Final = LazyPattern(
    r"(?P<which>下下|下|上|这|本|这个|下个|上个)?(?:周|星期|礼拜)(?P<day>[一二三四五六日天末])"
)
_MONTH_DAY_RE: Final = LazyPattern(
    rf"(?:(?P<year>\d{{4}}|[零〇一二三四五六七八九]{{4}})年)?(?:(?P<month>{_NUM})月)?"
    rf"(?P<day>{_NUM})(?:号|日)"
)
_OFFSET_RE: Final = LazyPattern(
    rf"(?P<number>{_NUM})(?P<ge>个)?(?P<unit>天|周|星期|礼拜|月)(?:后|以后|之后)"
)


def _weekday(match: re.Match[str], today: dt.date) -> dt.date:
    which = (match["which"] or "").replace("个", "")
    target = _WEEKDAY_NAMES[match["day"]]
    monday = today - dt.timedelta(days=today.weekday())
    if which in ("下", "下下", "上"):
        weeks = {"下": 1, "下下": 2, "上": -1}[which]
        return monday + dt.timedelta(weeks=weeks, days=target)
    if which in ("这", "本"):
        return monday + dt.timedelta(days=target)
    # A bare 周五 is the next Friday on or after today, as in English.
    return today + dt.timedelta(days=(target - today.weekday()) % 7)


def parse_date_zh(tokens: Sequence[str], today: dt.date) -> dt.date | None:
    """A date relative to ``today``: 今天, 明天, 后天, 大后天, 昨天, 前天; 周五, 星期五 (next on or
    after today), 这周五, 下周五 / 下个星期五 (next calendar week), 上周五; 六月三号, 6月3日,
    2027年6月3日, 三号 (this month, or the next if past); 三天后, 两个星期以后, 一个月后.

    A month and day without a year is the next such date on or after today; impossible dates
    (二月三十号) give None.
    """
    text = _text(tokens)
    if text in _RELATIVE_DAYS:
        return today + dt.timedelta(days=_RELATIVE_DAYS[text])
    weekday = _WEEKDAY_RE.fullmatch(text)
    if weekday:
        return _weekday(weekday, today)
    offset = _OFFSET_RE.fullmatch(text)
    if offset:
        count = _integer(offset["number"])
        if count is None:
            return None
        unit = offset["unit"]
        if unit == "月":
            months = today.month - 1 + count
            in_year = today.year + months // 12
            last_day = calendar.monthrange(in_year, months % 12 + 1)[1]
            return dt.date(in_year, months % 12 + 1, min(today.day, last_day))
        return today + dt.timedelta(days=count * (1 if unit == "天" else 7))
    match = _MONTH_DAY_RE.fullmatch(text)
    if match is None:
        return None
    day = _integer(match["day"])
    month = _integer(match["month"]) if match["month"] else None
    year = _integer(match["year"]) if match["year"] else None
    if day is None or not 1 <= day <= 31 or (month is not None and not 1 <= month <= 12):
        return None
    try:
        if month is None:
            for step in range(13):
                year_m, month_m = divmod(today.month - 1 + step, 12)
                if day <= calendar.monthrange(today.year + year_m, month_m + 1)[1]:
                    candidate = dt.date(today.year + year_m, month_m + 1, day)
                    if candidate >= today:
                        return candidate
            return None
        if year is not None:
            return dt.date(year, month, day)
        if _valid(today.year, month, day) and dt.date(today.year, month, day) >= today:
            return dt.date(today.year, month, day)
        for later in range(1, 5):
            if _valid(today.year + later, month, day):
                return dt.date(today.year + later, month, day)
    except ValueError:
        return None
    return None


def _valid(year: int, month: int, day: int) -> bool:
    return 1 <= day <= calendar.monthrange(year, month)[1]


COLOUR_NAMES_ZH: Final[dict[str, str]] = {
    "红": "red",
    "大红": "red",
    "深红": "crimson",
    "橙": "orange",
    "橘": "orange",
    "橘黄": "orange",
    "琥珀": "amber",
    "金": "gold",
    "金黄": "gold",
    "黄": "yellow",
    "绿": "green",
    "浅绿": "light green",
    "淡绿": "light green",
    "深绿": "dark green",
    "薄荷": "mint",
    "青": "cyan",
    "青绿": "teal",
    "天蓝": "sky blue",
    "浅蓝": "light blue",
    "淡蓝": "light blue",
    "蓝": "blue",
    "深蓝": "navy",
    "藏青": "navy",
    "靛蓝": "indigo",
    "紫": "purple",
    "紫罗兰": "violet",
    "薰衣草": "lavender",
    "品红": "magenta",
    "洋红": "magenta",
    "粉": "pink",
    "粉红": "pink",
    "桃红": "hot pink",
    "珊瑚": "coral",
    "白": "white",
    "暖白": "warm white",
    "暖光": "warm white",
    "暖黄": "warm white",
    "冷白": "cool white",
    "冷光": "cool white",
    "日光": "daylight",
    "灰": "grey",
}
"""Chinese colour names (without 色) -> the English canonical name of
:data:`simulator.nlu.parsers.COLOUR_NAMES`."""
_COLOUR_BACK: Final[dict[str, str]] = {}
for _zh, _en in COLOUR_NAMES_ZH.items():
    _COLOUR_BACK.setdefault(_en, _zh)


def parse_colour_name_zh(tokens: Sequence[str]) -> str | None:
    """The English canonical name of a Chinese colour: 红色/红 → red, 暖白(色) → warm white."""
    text = _text(tokens)
    if text.endswith("色") and len(text) > 1:
        text = text[:-1]
    return COLOUR_NAMES_ZH.get(text)


# --- saying values in Chinese ------------------------------------------------------------------


def spoken_number_zh(value: float) -> str:
    """A number as a Chinese reply shows it: digits, as Chinese speakers' screens do ("26", "7.5")."""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def chinese_numeral(n: int) -> str:
    """A whole number from 0 to 9999 in Chinese numerals, as said before a measure word:
    2 → 两, 12 → 十二, 105 → 一百零五; other numbers as digits."""
    if not 0 <= n <= 9999:
        return str(n)
    if n == 2:
        return "两"
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    out = ""
    zero = False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, n = divmod(n, value)
        if digit:
            if zero and out:
                out += "零"
            out += ("" if (unit == "十" and digit == 1 and not out) else digits[digit]) + unit
            zero = False
        elif out:
            zero = True
    return out


def _spoken_duration(duration: Duration) -> str:
    seconds = duration.seconds
    if seconds < 60 and not float(seconds).is_integer():
        return f"{seconds:g}秒"
    remaining = round(seconds)
    if remaining == 0:
        return "0秒"
    days, remaining = divmod(remaining, 86_400)
    hours, remaining = divmod(remaining, 3_600)
    minutes, secs = divmod(remaining, 60)
    if not days and hours and minutes == 30 and not secs:
        return f"{chinese_numeral(hours)}个半小时"  # 一个半小时 rather than 1小时30分钟
    parts = [
        f"{count}{unit}"
        for count, unit in ((days, "天"), (hours, "小时"), (minutes, "分钟"), (secs, "秒"))
        if count
    ]
    return "".join(parts)


def _spoken_time(time: TimeOfDay) -> str:
    hour, minute = time.hour, time.minute
    tail = (
        ""
        if minute == 0
        else "半"
        if minute == 30
        else f"{minute:02d}分"
        if minute < 10
        else f"{minute}分"
    )
    if time.is_ambiguous:
        return f"{hour}点{tail}"
    if hour == 12 and minute == 0:
        return "中午12点"
    if hour == 0 and minute == 0:
        return "半夜12点"
    if hour < 6:
        part = "凌晨"
    elif hour < 12:
        part = "早上" if hour < 9 else "上午"
    elif hour < 13:
        part = "中午"
    elif hour < 18:
        part = "下午"
    else:
        part = "晚上"
    return f"{part}{hour % 12 or 12}点{tail}"


def _spoken_date(date: dt.date) -> str:
    weekday = "一二三四五六日"[date.weekday()]
    return f"{date.month}月{date.day}日星期{weekday}"


def spoken_zh(value: object) -> str | None:
    """A typed value said in Chinese ("5分钟", "早上7点半", "26度", "6月3日星期三", "红色"), or
    None when the value has no Chinese form of its own (plain text, a device)."""
    if isinstance(value, Duration):
        return _spoken_duration(value)
    if isinstance(value, TimeOfDay):
        return _spoken_time(value)
    if isinstance(value, Temperature):
        scale = "华氏" if value.unit == "F" else ""
        return f"{scale}{spoken_number_zh(value.value)}度"
    if isinstance(value, Colour):
        name = _COLOUR_BACK.get(value.name)
        return f"{name}色" if name and len(name) == 1 else name or value.name
    if isinstance(value, dt.datetime):
        return _spoken_date(value.date()) + _spoken_time(
            TimeOfDay(hour=value.hour, minute=value.minute, meridiem_given=True)
        )
    if isinstance(value, dt.date):
        return _spoken_date(value)
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return spoken_number_zh(value)
    return None


EXAMPLES_ZH: Final[dict[str, tuple[str, ...]]] = {
    "number": ("五", "二十五", "两", "一百零三", "25"),
    "ordinal": ("第一", "第二个", "第三"),
    "percent": ("五十", "百分之三十", "八十", "一半"),
    "temperature": ("二十六度", "26度", "二十二度半", "十八度"),
    "duration": ("五分钟", "十分钟", "一个半小时", "半个小时", "一刻钟", "三十秒"),
    "time": ("七点", "早上七点半", "下午三点一刻", "晚上十点"),
    "date": ("今天", "明天", "后天", "下周五", "六月三号"),
    "colour": ("红色", "蓝色", "暖白", "绿色", "紫色"),
}
"""Chinese spoken examples per slot kind, for example utterances of Chinese templates."""
