"""The terminal UI's own words in English and Chinese (the palette switches between them).

Only the UI's frame is here: pane titles, the input line and the language command. What the
speaker says is the skills' business and follows the language it is spoken to.
"""

from __future__ import annotations

from typing import Final

__all__ = ["LABELS", "label"]

LABELS: Final[dict[str, dict[str, str]]] = {
    "en": {
        "conversation": "Conversation",
        "home": "Home",
        "inspector": "Inspector",
        "screen": "Screen",
        "say": "Say ›",
        "placeholder": "type what you would say, e.g. set a timer — enter sends, F1 help",
        "language": "Language: 中文",
        "language_help": "Switch the UI's labels and the speaker's default language to Chinese",
        "switched": "Labels and default language: English",
    },
    "zh-CN": {
        "conversation": "对话",
        "home": "家居",
        "inspector": "检查器",
        "screen": "屏幕",
        "say": "说 ›",
        "placeholder": "输入你要说的话，例如：定一个五分钟的计时器 — 回车发送，F1 帮助",
        "language": "Language: English",
        "language_help": "界面标签和音箱的默认语言切换为英文",
        "switched": "界面和默认语言：中文",
    },
}
"""Label key -> text, per UI language."""


def label(key: str, language: str) -> str:
    """The UI label ``key`` in ``language`` (English when there is no such language)."""
    return LABELS.get(language, LABELS["en"]).get(key, LABELS["en"][key])
