"""Chinese (zh-CN): normalising, slot values, the language of a turn, language files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from simulator.cli import main
from simulator.nlu.normalize import normalize
from simulator.nlu.parsers import (
    parse_colour,
    parse_date,
    parse_duration,
    parse_number,
    parse_ordinal,
    parse_percent,
    parse_temperature,
    parse_time_of_day,
)
from simulator.nlu.values import Duration, Temperature, TimeOfDay
from simulator.nlu.zh import detect_language, join_words, to_simplified
from simulator.nlu.zh_values import spoken_zh
from simulator.sdk import Response, Skill, SkillContext
from simulator.sdk.testing import Conversation


def toks(text: str) -> list[str]:
    """What a slot parser gets: the normalised tokens (one per Chinese character)."""
    return normalize(text).split()


# --- normalising ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("打开客厅的灯", "打 开 客 厅 的 灯"),
        ("打开客厅的灯。", "打 开 客 厅 的 灯"),  # Chinese full stop
        ("把卧室的空调调到２６度！", "把 卧 室 的 空 调 调 到 26 度"),  # full-width digits, ！
        ("打开 TV", "打 开 tv"),  # mixed scripts
        ("打开ＴＶ", "打 开 tv"),  # full-width Latin
        ("打开😀客厅的灯", "打 开 客 厅 的 灯"),  # emoji between characters
        ("開燈", "开 灯"),  # traditional
        ("臥室的冷氣調到二十六度", "卧 室 的 冷 气 调 到 二 十 六 度"),
        ("“你好”、《再见》", "你 好 再 见"),
    ],
)
def test_normalize_chinese(text: str, expected: str) -> None:
    assert normalize(text) == expected


def test_language_of_a_sentence() -> None:
    assert detect_language("打开客厅的灯") == "zh-CN"
    assert detect_language("打开 TV") == "zh-CN"
    assert detect_language("turn on the TV") == "en"
    assert detect_language("25") is None
    assert detect_language("👍") is None


def test_to_simplified_and_join_words() -> None:
    assert to_simplified("設一個五分鐘的計時器") == "设一个五分钟的计时器"
    assert to_simplified("hello") == "hello"
    assert join_words(["打开", "客厅", "的", "灯"]) == "打开客厅的灯"
    assert join_words(["打开", "tv"]) == "打开 tv"
    assert join_words(["turn", "on"]) == "turn on"


# --- slot values ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("二十五", 25),
        ("两", 2),
        ("一百零三", 103),
        ("25", 25),
        ("一百三", 130),
        ("两千零五", 2005),
        ("一万二", 12000),
        ("十五", 15),
        ("二点五", 2.5),
        ("负三", -3),
        ("二零二六", 2026),
    ],
)
def test_numbers(text: str, value: float) -> None:
    assert parse_number(toks(text)) == value


@pytest.mark.parametrize("text", ["三四十", "百五", "二五", "五个", "灯"])
def test_not_numbers(text: str) -> None:
    assert parse_number(toks(text)) is None


def test_percent_and_ordinal() -> None:
    assert parse_percent(toks("百分之五十")) == 50
    assert parse_percent(toks("百分之七十五")) == 75
    assert parse_percent(toks("五十%")) == 50
    assert parse_percent(toks("一半")) == 50
    assert parse_ordinal(toks("第三个")) == 3
    assert parse_ordinal(toks("三")) is None


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("二十六度", 26, None),
        ("26度", 26, None),
        ("二十二度半", 22.5, None),
        ("摄氏二十度", 20, "C"),
        ("华氏七十度", 70, "F"),
        ("零下五度", -5, None),
    ],
)
def test_temperature(text: str, value: float, unit: str | None) -> None:
    assert parse_temperature(toks(text)) == Temperature(value=value, unit=unit)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("五分钟", 300),
        ("两分钟", 120),
        ("一个半小时", 5400),
        ("半个小时", 1800),
        ("半小时", 1800),
        ("一刻钟", 900),
        ("三刻钟", 2700),
        ("两分半", 150),
        ("一小时二十分钟", 4800),
        ("一个小时零五分", 3900),
        ("一个小时二十", 4800),
        ("九十秒", 90),
        ("三天", 259200),
    ],
)
def test_durations(text: str, seconds: float) -> None:
    assert parse_duration(toks(text)) == Duration(seconds=seconds)


@pytest.mark.parametrize("text", ["五", "分钟", "零分钟", "五分钟一小时"])
def test_not_durations(text: str) -> None:
    assert parse_duration(toks(text)) is None


@pytest.mark.parametrize(
    ("text", "hour", "minute", "definite"),
    [
        ("七点", 7, 0, False),
        ("早上七点半", 7, 30, True),
        ("下午三点一刻", 15, 15, True),
        ("晚上十点", 22, 0, True),
        ("晚上十二点", 0, 0, True),
        ("十九点零五分", 19, 5, True),
        ("八点二十", 8, 20, False),
        ("凌晨两点", 2, 0, True),
        ("中午", 12, 0, True),
    ],
)
def test_times(text: str, hour: int, minute: int, definite: bool) -> None:
    assert parse_time_of_day(toks(text)) == TimeOfDay(
        hour=hour, minute=minute, meridiem_given=definite
    )


def test_dates() -> None:
    monday = dt.date(2026, 6, 1)
    assert parse_date(toks("今天"), monday) == monday
    assert parse_date(toks("明天"), monday) == dt.date(2026, 6, 2)
    assert parse_date(toks("后天"), monday) == dt.date(2026, 6, 3)
    assert parse_date(toks("下周五"), monday) == dt.date(2026, 6, 12)
    assert parse_date(toks("周五"), monday) == dt.date(2026, 6, 5)
    assert parse_date(toks("六月三号"), monday) == dt.date(2026, 6, 3)
    assert parse_date(toks("5月3日"), monday) == dt.date(2027, 5, 3)
    assert parse_date(toks("三天后"), monday) == dt.date(2026, 6, 4)
    assert parse_date(toks("二月三十号"), monday) is None


def test_colours() -> None:
    red = parse_colour(toks("红色"))
    assert red is not None and red.name == "red"
    warm = parse_colour(toks("暖白"))
    assert warm is not None and warm.name == "warm white"
    assert parse_colour(toks("桌子")) is None


def test_values_said_in_chinese() -> None:
    assert spoken_zh(Duration(seconds=300)) == "5分钟"
    assert spoken_zh(Duration(seconds=5400)) == "一个半小时"
    assert spoken_zh(TimeOfDay(hour=7, minute=30, meridiem_given=True)) == "早上7点半"
    assert spoken_zh(Temperature(value=26)) == "26度"


# --- the language of a turn, and language files -------------------------------------------------


def test_the_speaker_answers_in_the_language_it_is_spoken_to() -> None:
    talk = Conversation()
    try:
        first = talk.say("你好")
        assert first.language == "zh-CN" and first.intent == "SayHello"
        assert first.speech == "你好！你叫什么名字？"
        named = talk.say("我叫小明")
        assert named.slots["name"].value == "小明"
        assert named.speech == "很高兴认识你，小明。"
        assert talk.say("hello").speech == "Hello, 小明!"
        # Chinese the speaker does not know gets a Chinese fallback, not a traceback.
        unknown = talk.say("给我讲一个关于恐龙的量子力学笑话😀")
        assert unknown.language == "zh-CN" and unknown.speech == "抱歉，这个我还不会。"
    finally:
        talk.close()


def _english_only_skill() -> Skill:
    skill = Skill("parrot_only", description="English only")

    @skill.intent("Squawk", samples=["squawk"])
    def squawk(ctx: SkillContext) -> Response:
        return Response.speak(ctx.t("Squawk!"))

    return skill


def test_english_only_skill_still_works_and_chinese_falls_back() -> None:
    skill = _english_only_skill()
    assert skill.languages == ("en",)
    talk = Conversation([skill])
    try:
        assert talk.say("squawk").speech == "Squawk!"
        assert talk.say("鹦鹉叫一声").speech == "抱歉，这个我还不会。"
    finally:
        talk.close()


def test_language_file_adds_samples_prompts_and_messages(tmp_path: Path) -> None:
    (tmp_path / "greeter.py").write_text(
        "from simulator.sdk import Response, Skill, SkillContext\n"
        "skill = Skill('greeter')\n"
        "@skill.intent('Greet', samples=['greet me'])\n"
        "def greet(ctx: SkillContext) -> Response:\n"
        "    return Response.speak(ctx.t('Greetings, {who}.', who='friend'))\n",
        encoding="utf-8",
    )
    (tmp_path / "greeter.zh-CN.yaml").write_text(
        "intents:\n  Greet:\n    samples: ['(问候|招呼)我']\nmessages:\n"
        "  'Greetings, {who}.': '{who}，你好。'\n",
        encoding="utf-8",
    )
    from simulator.loader import load_skills

    loaded = load_skills(tmp_path, bundled=False, entry_point_skills=False)
    skill = loaded.skills[0]
    assert skill.languages == ("en", "zh-CN")
    talk = Conversation(loaded.skills)
    try:
        assert talk.say("问候我").speech == "friend，你好。"
        assert talk.say("greet me").speech == "Greetings, friend."
    finally:
        talk.close()


def test_a_broken_language_file_names_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "greeter.py").write_text(
        "from simulator.sdk import Response, Skill, SkillContext\n"
        "skill = Skill('greeter')\n"
        "@skill.intent('Greet', samples=['greet me'])\n"
        "def greet(ctx: SkillContext) -> Response:\n"
        "    return Response.speak('hi')\n",
        encoding="utf-8",
    )
    (tmp_path / "greeter.zh-CN.yaml").write_text(
        "intents:\n  Greet:\n    samples: ['问候我']\n  Wave:\n    samples: ['挥手']\n",
        encoding="utf-8",
    )
    from simulator.loader import SkillLoadError, load_skills

    with pytest.raises(SkillLoadError) as caught:
        load_skills(tmp_path, bundled=False, entry_point_skills=False)
    message = str(caught.value)
    assert "greeter.zh-CN.yaml:4" in message and "no intent 'Wave'" in message


def test_lang_option(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    state = ["--state", str(tmp_path), "--no-bundled-skills"]
    assert main(["--lang", "zh-CN", *state, "say", "25"]) == 0
    assert capsys.readouterr().out.strip() == "抱歉，这个我还不会。"
    assert main([*state, "say", "--lang", "zh", "25"]) == 0
    assert "抱歉" in capsys.readouterr().out
    with pytest.raises(SystemExit) as exit_code:
        main(["--lang", "klingon", "say", "hi"])
    assert exit_code.value.code == 2
    assert "unknown language 'klingon'" in capsys.readouterr().err


# --- the skills in Chinese --------------------------------------------------------------------


def test_smart_home_in_chinese() -> None:
    talk = Conversation(home="demo")
    try:
        lights = talk.say("打开客厅的灯")
        assert lights.intent == "TurnOn" and lights.language == "zh-CN"
        assert lights.speech == "好的，已打开落地灯。"  # the ceiling light was on already
        assert {c.device_id for c in lights.device_changes} == {"living_room_lamp"}
        ac = talk.say("把卧室的空调调到二十六度")
        assert ac.intent == "SetTemperature" and ac.speech == "好的，卧室空调已调到26度。"
        assert [(c.device_id, c.new) for c in ac.device_changes] == [("bedroom_ac", 26.0)]
        # 打开 said of curtains opens them (they are open already here).
        assert talk.say("把客厅窗帘打开").speech == "客厅窗帘已经打开了。"
        assert talk.say("關燈").speech == "好的，已关闭吸顶灯和落地灯。"  # traditional characters
        which = talk.say("打开角落灯")
        assert which.speech == "你说的是哪一个：书房的角落灯还是休闲室的角落灯？"
        assert talk.say("书房的").speech == "好的，已打开角落灯。"
        assert talk.say("打开火箭发射器").language == "zh-CN"
    finally:
        talk.close()


def test_timer_conversation_in_chinese() -> None:
    talk = Conversation()
    try:
        asked = talk.say("定一个计时器")
        assert asked.speech == "要定多长时间？"
        started = talk.say("五分钟")
        assert started.intent == "StartTimer" and started.speech == "好的，5分钟的计时器开始了。"
        talk.advance("2m")
        assert talk.say("计时器还剩多久").speech == "你的计时器还剩3分钟。"
        fired = talk.advance("3m")
        assert [t.speech for t in fired] == ["你的计时器时间到了！"]
        assert fired[0].language == "zh-CN"
        assert talk.say("现在几点了").speech == "现在是上午9点05分。"
    finally:
        talk.close()


def test_home_file_chinese_name_collision(tmp_path: Path) -> None:
    home = tmp_path / "home.yaml"
    home.write_text(
        "name: Test\nspeaker_room: lounge\nrooms:\n  - {id: lounge, name: Lounge, aliases: [客厅]}\n"
        "devices:\n"
        "  - {id: a, name: Lamp, type: light, room: lounge, aliases: [台灯]}\n"
        "  - {id: b, name: Desk lamp, type: light, room: lounge, aliases: [台灯]}\n",
        encoding="utf-8",
    )
    from simulator.devices import HomeFileError, load_home

    with pytest.raises(HomeFileError) as caught:
        load_home(home)
    assert "home.yaml:7" in str(caught.value) and "'台灯'" in str(caught.value)
