"""Languages: which ones the speaker knows, per-language skill files, and saying things in them.

The speaker answers in the language it is spoken to. Each turn has a language (``Turn.language``,
``ctx.language``): the language of the utterance when it shows one (Han characters are Chinese,
Latin letters English), else the conversation's, else the ``--lang`` default.

A skill is written in English, and adds another language with a **language file** beside the
module that makes the `Skill`, named ``<skill name>.<language>.yaml``
(``skills/hello.zh-CN.yaml``, ``skills/smart_home/smart_home.zh-CN.yaml``)::

    language: zh-CN
    invocation: 问候               # what people call the skill in this language
    description: 打招呼
    rules:                         # expansion rules for this language's templates
      hi: (你好|嗨|哈喽)
    intents:
      SayHello:
        samples: ["<hi>", "跟我打个招呼"]   # no spaces needed: Chinese matches per character
        prompts: {name: 你叫什么名字？}
        confirm: 确定吗？
    lists:                         # Chinese words for the values of the skill's SlotLists
      size: {small: [小杯], large: [大杯]}
    messages:                      # the skill's English sentences, and what to say instead
      "Hello!": 你好！
      "Timer set for {duration}.": 好的，{duration}的计时器开始了。

A handler writes its English sentence through ``ctx.t`` (``ctx.t("Timer set for {duration}.",
duration=slots.duration)``): in an English turn it is the sentence itself, in a Chinese turn the
file's translation, with each value said in Chinese ("5分钟"). A sentence with no translation
stays English, so a half-translated skill still answers. Keeping the English sentence as the key
(the gettext way) means the code reads as before and nothing is lost when a translation is
missing. Files are found and checked when the skill is loaded; a mistake names the file and line.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Final

from pydantic import BaseModel, ConfigDict, Field

from simulator.nlu.lazy_pattern import LazyPattern
from simulator.nlu.zh import detect_language, join_words
from simulator.nlu.zh_values import spoken_zh
from simulator.sdk.slots import fill_template, spoken_value
from simulator.yamlfile import ErrorFactory, YamlDocument, read_yaml, validate_yaml

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "IntentTexts",
    "LanguageFile",
    "canonical_language",
    "detect_language",
    "is_chinese",
    "join_words",
    "language_files",
    "read_language_file",
    "say_list",
    "spoken_in",
    "system_text",
    "translate",
]

DEFAULT_LANGUAGE: Final = "en"
"""The language of a turn that shows none, when ``--lang`` is not given."""

LANGUAGES: Final = ("en", "zh-CN")
"""The languages the speaker itself (prompts, notifications, built-ins) speaks."""

_TAGS: Final[dict[str, str]] = {
    "en": "en",
    "en-us": "en",
    "en-gb": "en",
    "english": "en",
    "zh": "zh-CN",
    "zh-cn": "zh-CN",
    "zh-hans": "zh-CN",
    "zh-hans-cn": "zh-CN",
    "cmn": "zh-CN",
    "chinese": "zh-CN",
    "中文": "zh-CN",
}


def canonical_language(tag: str) -> str | None:
    """The speaker's name for a language tag (``zh``, ``zh_CN``, ``zh-Hans`` → ``zh-CN``;
    ``en-US`` → ``en``), or None when the speaker does not speak it."""
    return _TAGS.get(tag.strip().replace("_", "-").casefold())


def is_chinese(language: str | None) -> bool:
    """Whether ``language`` is Chinese."""
    return bool(language) and str(language).startswith("zh")


def spoken_in(value: object, language: str, raw: str | None = None) -> str:
    """A typed value as said in ``language``: "5 minutes" / "5分钟", "7:30 AM" / "早上7点半"."""
    if is_chinese(language):
        said = spoken_zh(value)
        if said is not None:
            return said
        # A value type of the SDK can say itself in Chinese (a `When`: "明天早上7点").
        own = getattr(value, "spoken_zh", None)
        if callable(own):
            return str(own())
    return spoken_value(value, raw)


def say_list(items: Sequence[str], language: str) -> str:
    """Items as a spoken list: "a, b and c" in English, "a、b和c" in Chinese."""
    items = [i for i in items if i]
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    if is_chinese(language):
        return "、".join(items[:-1]) + "和" + items[-1]
    return ", ".join(items[:-1]) + " and " + items[-1]


def translate(
    text: str, language: str, messages: Mapping[str, str] | None = None, **values: object
) -> str:
    """``text`` (an English sentence with ``{name}`` fields) in ``language``: the translation
    from ``messages`` when there is one, with each value said in that language.

    In Chinese, a filled sentence loses the spaces English needs around its values
    ("好的，5分钟的计时器开始了。", not "好的， 5分钟 的计时器").
    """
    chosen = (messages or {}).get(text, text) if not language.startswith("en") else text
    spoken = {k: v if isinstance(v, str) else spoken_in(v, language) for k, v in values.items()}
    filled = fill_template(chosen, spoken)
    if chosen is not text and is_chinese(language):
        filled = _tighten(filled)
    return filled


_SPACE_NEAR_HAN: Final = LazyPattern(
    r"(?<=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]) (?=\S)|(?<=\S) (?=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])"
)


def _tighten(text: str) -> str:
    """No spaces next to Chinese characters or punctuation (fill_template joins with spaces)."""
    return _SPACE_NEAR_HAN.sub("", text)


# --- the speaker's own sentences -------------------------------------------------------------

_SYSTEM_ZH: Final[dict[str, str]] = {
    "Sorry, I don't know that one.": "抱歉，这个我还不会。",
    "Sorry, I didn't catch that.": "抱歉，我没听清。",
    "That's too long for me to take in. Try saying it in fewer words.": "这句话太长了，请说得简短一些。",
    "Sorry, I don't have that skill.": "抱歉，我没有这个技能。",
    "Okay.": "好的。",
    "Okay, I won't.": "好的，那就不做了。",
    "Sorry, I'm not sure what you're answering.": "抱歉，我不太明白你在回答什么。",
    "Sorry, I still didn't get that. Let's leave it for now.": "抱歉，我还是没听懂，先这样吧。",
    "Sorry, that still isn't something I can use. Let's leave it.": "抱歉，这个我还是用不了，先算了吧。",
    "I have these skills: {names}.": "我会这些技能：{names}。",
    "{name} is ready.": "{name}已打开。",
    "What would you like?": "你想做什么？",
    "Your {label}{kind} is done.": "你的{label}{kind}时间到了。",
    "Sorry, {name} took too long to answer.": "抱歉，{name}响应超时了。",
    "Sorry, something went wrong in {name}.": "抱歉，{name}出错了。",
    "What {slot}?": "请问{slot}是什么？",
    "I haven't said anything yet.": "我还什么都没说呢。",
    "Sorry, that isn't {hint}.": "抱歉，这不是{hint}。",
    "Please say {hint}.": "请说{hint}。",
}
_SYSTEM: Final[dict[str, dict[str, str]]] = {"zh-CN": _SYSTEM_ZH}


def system_text(text: str, language: str, **values: object) -> str:
    """One of the speaker's own sentences (fallback, prompts, notifications) in ``language``."""
    return translate(text, language, _SYSTEM.get(language), **values)


# --- language files ---------------------------------------------------------------------------


class IntentTexts(BaseModel):
    """One intent's texts in a language: its sample templates, slot prompts and confirmation."""

    model_config = ConfigDict(extra="forbid")

    samples: list[str] = Field(default_factory=list)
    prompts: dict[str, str] = Field(default_factory=dict)
    confirm: str | None = None


class LanguageFile(BaseModel):
    """A skill's texts in one language (``<skill>.<language>.yaml``)."""

    model_config = ConfigDict(extra="forbid")

    language: str | None = None
    invocation: str | None = None
    description: str | None = None
    rules: dict[str, str] = Field(default_factory=dict)
    intents: dict[str, IntentTexts] = Field(default_factory=dict)
    messages: dict[str, str] = Field(default_factory=dict)
    lists: dict[str, dict[str, list[str]]] = Field(default_factory=dict)
    """More spoken forms for the skill's word lists (``SlotList``): list name -> value -> forms,
    e.g. ``extreme: {max: [最大, 最亮]}``."""


def language_files(skill_name: str, folder: Path) -> dict[str, Path]:
    """The language files of skill ``skill_name`` in ``folder``: language -> path."""
    found: dict[str, Path] = {}
    try:
        candidates = sorted(folder.glob(f"{skill_name}.*.yaml"))
    except OSError:
        return found
    for path in candidates:
        tag = path.name[len(skill_name) + 1 : -len(".yaml")]
        language = canonical_language(tag)
        if language is not None and language != "en":
            found[language] = path
    return found


def read_language_file(
    path: Path, language: str, error: ErrorFactory
) -> tuple[LanguageFile, YamlDocument]:
    """Read and check a language file; raises ``error(path, line, field, cause)``."""
    doc = read_yaml(path, error, what="language file")
    if doc.data is None:
        return LanguageFile(), doc
    data = validate_yaml(doc, LanguageFile, error)
    if data.language is not None and canonical_language(data.language) != language:
        raise error(
            path,
            doc.line(("language",)),
            "language",
            f"says {data.language!r}, but the file name says {language!r}",
        )
    return data, doc
