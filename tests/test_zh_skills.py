"""The catalogue skills in Chinese: a few turns of each, in process, on the shared trained model.

Each test is a short conversation in the words a Chinese speaker uses, checking the intent the
router chose and the reply (natural Chinese, not the English sentence word for word).
"""

from __future__ import annotations

import datetime as dt
import re

from simulator.sdk.testing import Conversation


def test_lists_in_chinese() -> None:
    talk = Conversation()
    try:
        added = talk.say("把牛奶加到购物清单")
        assert added.intent == "AddItems" and added.language == "zh-CN"
        assert added.speech == "好的，牛奶已加到购物清单里。"
        # Items said with the list comma and 和 are separate items; known ones said back to
        # back are too.
        assert talk.say("把鸡蛋、面包和苹果加到购物清单里").speech == (
            "好的，鸡蛋、面包和苹果已加到购物清单里。"
        )
        assert talk.say("我的购物清单上有什么").speech == (
            "购物清单上有4样：牛奶、鸡蛋、面包和苹果。"
        )
        assert talk.say("购物清单上有牛奶吗").speech == "有，牛奶在购物清单上。"
        removed = talk.say("把牛奶从购物清单删掉")
        assert removed.intent == "RemoveItems"
        assert removed.speech == "好的，已把牛奶从购物清单里删掉。"
        assert talk.say("把香蕉加到购物清单").speech == "好的，香蕉已加到购物清单里。"
        assert talk.say("我需要买牛奶吗").speech.startswith("没有，购物清单上没有牛奶。")
        # A confirmation asked by the skill is answered in Chinese.
        assert talk.say("清空购物清单").speech == "要把购物清单上的4样东西全部删掉吗？"
        assert talk.say("不要").speech == "好的，购物清单保持不变。"
        # English still works beside it; items keep the words they were said in.
        assert talk.say("how many things are on my shopping list").speech == (
            "There are 4 items on your shopping list."
        )
    finally:
        talk.close()


def test_named_lists_in_chinese() -> None:
    talk = Conversation()
    try:
        assert talk.say("新建一个露营清单").speech == (
            "好的，建好了露营清单。可以说：“把牛奶加到露营清单”。"
        )
        assert talk.say("把帐篷和睡袋加到露营清单").speech == "好的，帐篷和睡袋已加到露营清单里。"
        assert talk.say("我有哪些清单").speech == (
            "你有3个清单：购物清单（0样）、待办清单（0样）和露营清单（2样）。"
        )
        assert talk.say("删除露营清单").speech == "要删除露营清单吗？上面还有2样东西。"
        assert talk.say("好的").speech == "好的，露营清单已删除。"
        assert talk.say("删除购物清单").speech.startswith("购物清单是自带的，不能删除。")
    finally:
        talk.close()


HAN = re.compile(r"[\u4e00-\u9fff]")
MONDAY = dt.datetime(2026, 6, 1, 7, 30)  # a Monday


def test_alarms_in_chinese() -> None:
    talk = Conversation(now=MONDAY)
    try:
        woken = talk.say("明天早上七点叫醒我")
        assert woken.intent == "SetAlarm" and woken.speech == "好的，闹钟定在明天早上7点。"
        repeating = talk.say("设一个工作日早上六点半的闹钟")
        assert repeating.slots["when"].value["days"] == [0, 1, 2, 3, 4]
        assert repeating.speech == (
            "好的，闹钟定在每个工作日早上6点半。第一次会在明天早上6点半响。"
        )
        assert talk.say("有哪些闹钟").speech == ("你有2个闹钟：每个工作日早上6点半；明天早上7点。")
        # "七点" without 早上 is the alarm at 7 in the morning.
        assert talk.say("取消七点的闹钟").speech == "好的，明天早上7点的闹钟已取消。"
        # Asked for the time, then the day's time: the day is kept.
        assert talk.say("设一个闹钟").speech == "定在几点？"
        assert talk.say("后天").speech == "后天几点？"
        assert talk.say("八点").speech == "好的，闹钟定在后天早上8点。"
        # A time that cannot be one says why, in Chinese.
        assert talk.say("定一个二十五点的闹钟").speech.startswith("抱歉，没有25点这个时间")
    finally:
        talk.close()


def test_a_ringing_alarm_in_chinese() -> None:
    talk = Conversation(now=MONDAY)
    try:
        talk.say("设一个八点的闹钟")
        rang = talk.advance("30m")
        assert rang[0].speech.startswith("嘀嘀嘀！现在是早上8点，你的闹钟响了。")
        snoozed = talk.say("再睡五分钟")
        assert snoozed.intent == "SnoozeAlarm"
        assert snoozed.speech == "好的，再睡5分钟，早上8点05分再叫你。"
        again = talk.advance("5m")
        assert again and again[0].speech.startswith("嘀嘀嘀！")
        assert talk.say("停止闹钟").speech == "好的，闹钟关了。"
    finally:
        talk.close()


def test_reminders_in_chinese() -> None:
    talk = Conversation(now=MONDAY)
    try:
        call = talk.say("提醒我六点给妈妈打电话")
        assert call.intent == "SetReminder"
        assert call.speech == "好的，今天晚上6点提醒你给妈妈打电话。"
        stove = talk.say("十分钟后提醒我关火")
        assert stove.intent == "SetReminder" and stove.slots["task"].value == "关火"
        assert stove.speech == "好的，今天早上7点40分提醒你关火。"
        # The time said right before the task belongs to the time, not the task.
        parcel = talk.say("提醒我明天下午三点去取快递")
        assert parcel.slots["task"].value == "去取快递"
        assert talk.say("我有哪些提醒").speech == (
            "你有3个提醒：今天早上7点40分关火；今天晚上6点给妈妈打电话；明天下午3点去取快递。"
        )
        fired = talk.advance("10m")
        assert [t.speech for t in fired] == ["提醒你：关火。"]
        assert talk.say("取消给妈妈打电话的提醒").speech == (
            "好的，已取消提醒：今天晚上6点给妈妈打电话。"
        )
    finally:
        talk.close()


def test_help_in_chinese() -> None:
    talk = Conversation(home="demo")
    try:
        # "你会做什么" asks what the speaker can do: the help skill's own intent, as in English.
        assert talk.say("你会做什么").speech == talk.say("你还能做些什么").speech
        offer = talk.say("你还能做些什么")
        assert offer.intent == "WhatCanYouDo" and offer.language == "zh-CN"
        assert offer.speech.startswith("我是一个模拟的智能音箱，会")
        # Only Chinese examples are offered in a Chinese answer (the music library's titles
        # are English, so a Chinese example may hold one).
        tries = offer.speech.split("可以试试这样说：")[1].split("。")[0]
        examples = tries.replace("或", "、").split("、")
        assert len(examples) >= 5
        assert all(HAN.search(example) for example in examples), examples
        assert "target" not in tries and "{" not in tries
        listed = talk.say("你有哪些技能").speech
        assert listed.startswith("我会") and "计时器" in listed and "闹钟" in listed
        about = talk.say("计时器是干什么的")
        assert about.intent == "AboutSkill" and about.speech.startswith("计时器：")
        # English is unchanged.
        assert talk.say("what skills do you have").speech.startswith("I have ")
    finally:
        talk.close()


def test_device_state_questions_in_chinese() -> None:
    talk = Conversation(home="demo")
    try:
        locked = talk.say("前门锁了吗")
        assert locked.intent == "GetState" and locked.speech == "是的，前门锁着。"
        ac = talk.say("卧室空调是开着的吗")
        assert ac.speech == "不是，卧室空调关着，室温25度。"
        which = talk.say("哪些灯是开着的")
        assert which.intent == "QueryDevices" and which.speech.endswith("开着。")
        assert talk.say("所有的门都锁了吗").speech == "是的，都锁着。"
        assert talk.say("is the front door locked").speech.startswith("Yes.")
    finally:
        talk.close()


def test_music_in_chinese() -> None:
    talk = Conversation(home="demo")
    try:
        jazz = talk.say("播放一些爵士乐")
        assert jazz.intent == "PlayMusic" and jazz.slots["genre"].value == "jazz"
        assert jazz.speech.startswith("好的，用厨房音箱来点爵士乐：") and "的《" in jazz.speech
        assert talk.say("现在放的是什么").speech.startswith("正在厨房音箱上播放")
        paused = talk.say("暂停")
        assert paused.intent == "Pause" and paused.speech.startswith("好的，已暂停")
        assert talk.say("继续").speech.startswith("好的，继续播放")
        skipped = talk.say("下一首")
        assert skipped.intent == "NextTrack" and skipped.speech.startswith("下一首：")
        assert talk.say("大声点").speech.startswith("好的，大声一点，音量")
        # The library's English titles are said as they are, inside Chinese.
        assert talk.say("播放Blue Hour").speech == "好的，用厨房音箱播放Nina Vale的《Blue Hour》。"
        assert talk.say("停止播放").speech == "好的，音乐关了。"
    finally:
        talk.close()


def test_weather_in_chinese() -> None:
    talk = Conversation(now=MONDAY)
    try:
        beijing = talk.say("明天北京天气怎么样")
        assert beijing.intent == "GetWeather" and beijing.slots["city"].value["name"] == "Beijing"
        assert beijing.speech.startswith("以下是模拟天气，不是真实预报。明天北京：")
        assert "最高" in beijing.speech and "降水概率" in beijing.speech
        weekend = talk.say("周末会下雨吗")
        assert weekend.intent == "WillItRain" and "这个周末" in weekend.speech
        umbrella = talk.say("我需要带伞吗")
        assert umbrella.intent == "WillItRain" and "伞" in umbrella.speech
        # Chinese city names are aliases of the table's cities, said back in Chinese.
        assert talk.say("我住在上海").speech == "好的，你的城市设为上海。"
        assert "上海" in talk.say("明天要穿外套吗").speech
        high = talk.say("东京明天最高气温多少")
        assert high.intent == "GetTemperature" and "东京明天最高" in high.speech
        english = talk.say("what is the weather in tokyo tomorrow").speech
        assert "Tomorrow in Tokyo: " in english and "percent chance of rain" in english
    finally:
        talk.close()


def test_hello_remembers_a_name_in_chinese() -> None:
    talk = Conversation()
    try:
        assert talk.say("我叫什么名字").speech == "我还不知道你的名字呢。你叫什么？"
        assert talk.say("小明").speech == "很高兴认识你，小明。"
        asked = talk.say("我叫什么名字")
        assert asked.intent == "WhatsMyName" and asked.speech == "你叫小明。"
        assert talk.say("忘掉我的名字").speech == "要忘掉你的名字吗？"
        assert talk.say("好的").speech == "好了，我已经忘掉你的名字了。"
    finally:
        talk.close()
