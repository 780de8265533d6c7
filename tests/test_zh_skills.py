"""The catalogue skills in Chinese: a few turns of each, in process, on the shared trained model.

Each test is a short conversation in the words a Chinese speaker uses, checking the intent the
router chose and the reply (natural Chinese, not the English sentence word for word).
"""

from __future__ import annotations

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
