"""Chinese text: which language an utterance is in, traditional to simplified, joining words.

Chinese is written without spaces between words. speaker-sim matches Chinese **per character**:
the normaliser (:mod:`simulator.nlu.normalize`) makes every Han character a token of its own, on
both sides (templates and utterances), so a template such as ``打开{name}`` matches "打开客厅灯"
with no segmenter and no spaces written by the skill author. A word segmenter (jieba) was
considered and left out: it would have to agree with itself on templates and on utterances
(it does not: "客厅的灯" and "客厅灯" segment differently), it costs ~1 s and 50 MB to load its
dictionary, and slots already take any span of characters that their parser accepts.

This module adds what per-character matching still needs:

* :func:`detect_language`: the language of one utterance (Han characters mean Chinese);
* :func:`to_simplified`: traditional characters folded to simplified, for a common speaker
  vocabulary (a table, not a full converter: ``開燈`` → ``开灯``, ``臥室`` → ``卧室``);
* :func:`join_words`: words joined back into display text (no space between two Chinese words,
  one space between Chinese and Latin: ``["打开", "TV"]`` → ``打开 TV``).

Full-width forms (``２５``, ``ＴＶ``, ``，``) are already folded by NFKC in the normaliser, and
Chinese punctuation (``。``, ``、``, ``“”``, ``《》``) is punctuation there like any other.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Final

from simulator.nlu.lazy_pattern import LazyPattern

__all__ = [
    "FUNCTION_CHARS",
    "HAN_RE",
    "detect_language",
    "han_pairs",
    "has_han",
    "is_han",
    "join_words",
    "to_simplified",
    "unpaired_han",
]

HAN_RE: Final = LazyPattern(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]")
"""One Han (Chinese) character."""


def is_han(char: str) -> bool:
    """Whether ``char`` (one character) is a Han character."""
    return bool(char) and HAN_RE.fullmatch(char[0]) is not None


def has_han(text: str) -> bool:
    """Whether ``text`` holds any Han character (cheap for ASCII text)."""
    return not text.isascii() and HAN_RE.search(text) is not None


_LATIN_RE: Final = LazyPattern(r"[A-Za-z]")


def detect_language(text: str) -> str | None:
    """The language ``text`` is in: ``"zh-CN"`` when it has a Han character, ``"en"`` when it
    has Latin letters, None when it has neither ("25", "👍", "?"): then the conversation's
    language stands.

    A mixed sentence with any Chinese ("打开 TV", "play 周杰伦") counts as Chinese: a Chinese
    speaker mixes in English names, an English speaker rarely mixes in Han characters.
    """
    if has_han(text):
        return "zh-CN"
    if _LATIN_RE.search(text):
        return "en"
    return None


# Traditional -> simplified for the words people say to a speaker (devices, rooms, time, music,
# weather, lists). Pairs are written side by side so a reader can check them; only characters
# whose simplified form is unambiguous in that vocabulary are listed.
_PAIRS: Final = [
    "開开",
    "關关",
    "燈灯",
    "廳厅",
    "臥卧",
    "調调",
    "溫温",
    "時时",
    "計计",
    "鐘钟",
    "點点",
    "幾几",
    "氣气",
    "報报",
    "聲声",
    "樂乐",
    "東东",
    "請请",
    "設设",
    "個个",
    "兩两",
    "簾帘",
    "風风",
    "機机",
    "視视",
    "電电",
    "門门",
    "鎖锁",
    "熱热",
    "涼凉",
    "現现",
    "後后",
    "週周",
    "臺台",
    "內内",
    "裡里",
    "裏里",
    "這这",
    "們们",
    "麼么",
    "嗎吗",
    "顏颜",
    "紅红",
    "綠绿",
    "藍蓝",
    "黃黄",
    "歡欢",
    "謝谢",
    "說说",
    "話话",
    "問问",
    "題题",
    "幫帮",
    "單单",
    "購购",
    "買买",
    "項项",
    "刪删",
    "鬧闹",
    "記记",
    "憶忆",
    "預预",
    "傘伞",
    "雲云",
    "陰阴",
    "廚厨",
    "書书",
    "陽阳",
    "衛卫",
    "車车",
    "庫库",
    "樓楼",
    "層层",
    "節节",
    "將将",
    "為为",
    "閉闭",
    "啟启",
    "動动",
    "暫暂",
    "繼继",
    "續续",
    "聽听",
    "響响",
    "靜静",
    "掃扫",
    "淨净",
    "塵尘",
    "頭头",
    "葉叶",
    "捲卷",
    "錶表",
    "號号",
    "禮礼",
    "來来",
    "還还",
    "長长",
    "間间",
    "數数",
    "給给",
    "讓让",
    "對对",
    "沒没",
    "會会",
    "邊边",
    "從从",
    "過过",
    "發发",
    "實实",
    "應应",
    "該该",
    "見见",
    "與与",
    "並并",
    "錯错",
    "誤误",
    "輕轻",
    "鬆松",
    "愛爱",
    "讀读",
    "寫写",
    "標标",
    "準准",
    "環环",
    "濕湿",
    "燒烧",
    "煙烟",
    "霧雾",
    "壓压",
    "強强",
    "檔档",
    "變变",
    "換换",
    "轉转",
    "頻频",
    "聞闻",
    "體体",
    "戲戏",
    "遊游",
    "講讲",
    "謎谜",
    "語语",
    "詞词",
    "義义",
    "譯译",
    "鄉乡",
    "區区",
    "縣县",
    "華华",
    "國国",
    "灣湾",
    "島岛",
    "園园",
    "場场",
    "廣广",
    "館馆",
    "飯饭",
    "歲岁",
    "萬万",
    "億亿",
    "陸陆",
    "夥伙",
    "麗丽",
    "亞亚",
    "網网",
    "絡络",
    "碼码",
    "鍵键",
    "盤盘",
    "螢萤",
    "顯显",
    "窩窝",
    "灑洒",
    "澆浇",
    "噴喷",
    "牆墙",
    "櫃柜",
    "衝冲",
    "乾干",
    "蓋盖",
    "廁厕",
    "檯台",
    "嗚呜",
    "執执",
    "備备",
    "隨随",
    "選选",
    "擇择",
    "緊紧",
    "觀观",
    "態态",
    "狀状",
    "況况",
    "資资",
    "訊讯",
    "搖摇",
    "滾滚",
    "藝艺",
    "術术",
    "劇剧",
    "學学",
    "習习",
    "鋼钢",
    "貝贝",
    "專专",
    "輯辑",
    "聖圣",
    "誕诞",
    "幣币",
    "價价",
    "錢钱",
    "貨货",
    "紙纸",
    "筆笔",
    "課课",
    "業业",
    "辦办",
    "認认",
    "識识",
    "較较",
    "雙双",
    "滿满",
    "補补",
    "線线",
    "軟软",
    "頁页",
    "產产",
    "約约",
    "蘋苹",
    "蔔卜",
    "麵面",
    "條条",
    "雞鸡",
    "魚鱼",
    "蝦虾",
    "豬猪",
    "絲丝",
    "湯汤",
    "醬酱",
    "鹽盐",
    "菸烟",
    "餅饼",
    "饅馒",
    "餃饺",
    "蘿萝",
    "藥药",
    "醫医",
    "療疗",
    "養养",
    "護护",
    "髮发",
    "鬍胡",
]
_T2S: Final[dict[int, str]] = {ord(pair[0]): pair[1] for pair in _PAIRS if len(pair) == 2}


def to_simplified(text: str) -> str:
    """``text`` with the traditional characters of a speaker's vocabulary made simplified.

    A table of about 250 characters, not a full converter: enough for "開燈", "臥室的冷氣",
    "設一個五分鐘的計時器". Characters it does not know are kept, so the worst case is the
    sentence as it was. Text without Han characters is returned unchanged at once.
    """
    if text.isascii():
        return text
    return text.translate(_T2S)


def _ends_han(word: str) -> bool:
    return bool(word) and is_han(word[-1])


def _starts_han(word: str) -> bool:
    return bool(word) and is_han(word[0])


def join_words(words: Iterable[str]) -> str:
    """Words joined for display: no space between two Chinese words, one space otherwise.

    ``["打开", "客厅", "的", "灯"]`` → ``打开客厅的灯``; ``["打开", "tv"]`` → ``打开 tv``;
    ``["turn", "on"]`` → ``turn on``.
    """
    out = ""
    for word in words:
        if not word:
            continue
        if out and not (_ends_han(out) and _starts_han(word)):
            out += " "
        out += word
    return out


FUNCTION_CHARS: Final = frozenset("的了吗吧呀啊呢嘛哦嗯请问一下个帮我你把给就再还都也得着是")
"""Particles and fillers of spoken Chinese (的, 吗, 吧, 请, 帮我, 一下, 把...): like "the" and
"please", they say nothing about which skill a request is for."""


def han_pairs(grams: Iterable[str]) -> frozenset[str]:
    """The pairs of Han characters among word n-grams ("加 油" from "加油"), as "a b" strings.

    Matching Chinese per character makes a vocabulary of characters, and almost any Chinese
    request is made of characters some skill uses ("导航到最近的加油站" shares 到, 最, 近, 的, 加
    and 油 with the skills). Pairs of neighbouring characters are what tell words apart.
    """
    return frozenset(
        g for g in grams if g.count(" ") == 1 and all(is_han(part) for part in g.split(" "))
    )


def unpaired_han(tokens: Sequence[str], pairs: frozenset[str]) -> set[int]:
    """Indexes of Han tokens that form no known pair with a Han neighbour.

    A character alone between non-Han tokens (``打开 tv 的 灯`` has 的 and 灯 next to each other,
    but "tv" stands apart) is judged by the pair it has, if any; one with no Han neighbour at all
    is left to the single-character vocabulary.
    """
    out: set[int] = set()
    for i, token in enumerate(tokens):
        if not is_han(token):
            continue
        neighbours = [
            f"{tokens[j]} {token}" if j < i else f"{token} {tokens[j]}"
            for j in (i - 1, i + 1)
            if 0 <= j < len(tokens) and is_han(tokens[j])
        ]
        if neighbours and not any(pair in pairs for pair in neighbours):
            out.add(i)
    return out
