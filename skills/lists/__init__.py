"""Lists: a shopping list, a to-do list and any named lists, kept on the speaker.

Try: "add milk, eggs and bread to my shopping list", "put call the plumber on my to-do list",
"what's on my shopping list", "is milk on my list", "how many things are on my to-do list",
"remove eggs from my shopping list", "add a tent to my camping list" (a new list), "what lists
do I have", "clear my shopping list" (it asks first), "delete my camping list".

The lists are the skill's persistent data (``ctx.persistent``, saved in state.db), so they are
still there after a restart. ``lists.yaml`` next to this file holds the list names and the known
items that split "milk eggs and bread", said without commas, into three.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

from simulator.sdk import FreeText, Response, Skill, SkillContext, SlotList
from simulator.sdk.choice import YesNo
from simulator.sdk.data import load_data

__all__ = [
    "DATA",
    "Data",
    "Items",
    "ListName",
    "ListSlots",
    "add_items",
    "clear_list",
    "count_items",
    "create_list",
    "delete_list",
    "has_item",
    "list_lists",
    "read_list",
    "remove_items",
    "skill",
]

skill = Skill("lists", description="Shopping, to-do and named lists: add, remove, read, clear")


class Data(BaseModel):
    """The skill's data (``lists.yaml``): a mistake stops loading with its file and line."""

    model_config = ConfigDict(extra="forbid")  # a misspelt key is an error, not ignored

    lists: dict[str, list[str]] = Field(min_length=1)
    """The lists everyone starts with, each with the words people use for it."""
    lists_zh: dict[str, list[str]]
    """The Chinese words for the same lists."""
    default: str
    """The list meant when none is named and none was used yet."""
    max_items: int = Field(ge=1, le=10_000)
    max_lists: int = Field(ge=1, le=1000)
    items: list[str]
    """Known items, so "milk eggs and bread" said without commas is three."""
    items_zh: list[str]

    @model_validator(mode="after")
    def _names_are_lists(self) -> Data:
        if self.default not in self.lists:
            raise ValueError(f"default: {self.default!r} is not one of the lists")
        strays = sorted(set(self.lists_zh) - set(self.lists))
        if strays:
            raise ValueError(f"lists_zh: {strays[0]!r} is not one of the lists")
        return self


DATA: Data = load_data(Path(__file__).with_name("lists.yaml"), Data, what="lists data")
"""The skill's data (``lists.yaml``), read once when the skill loads."""

_ALIASES: dict[str, str] = {
    alias: name
    for name, aliases in [*DATA.lists.items(), *DATA.lists_zh.items()]
    for alias in [name, *aliases]
}
_KNOWN_ITEMS = frozenset(DATA.items)
_KNOWN_ITEMS_ZH = frozenset(DATA.items_zh)

# The built-in lists by the words people use for them ("groceries" is the shopping list).
KnownList = Annotated[str, SlotList("known_list", DATA.lists)]
# Words that describe a list without naming it: "make a new list" asks for a name instead of
# making a list called "new" (a name with more words, "new year", is still a name). "me" is
# the template's own optional word, taken by the name when skipped ("make me another list").
_NOT_A_NAME_ALONE = (
    "me",
    "new",
    "brand",
    "fresh",
    "another",
    "other",
    "empty",
    "blank",
    "clean",
    "separate",
    "different",
    "extra",
    "additional",
    "second",
)
# Any list name ("camping", "christmas presents"); templates put the word "list" after it.
ListName = Annotated[
    str,
    FreeText(
        max_tokens=3,
        not_alone=_NOT_A_NAME_ALONE,
        examples=("shopping", "to do", "camping"),
        examples_zh=("露营", "搬家", "旅行"),
        one_thing=True,  # "every"/"each" open no list's name: "every list" is all of them
    ),
]
# One or more items: "milk", "milk eggs and bread", "call the plumber".
Items = Annotated[
    str,
    FreeText(
        max_tokens=15,
        examples=("milk", "eggs and bread", "batteries"),
        examples_zh=("牛奶", "鸡蛋和面包", "电池", "酱油"),
    ),
]

_ADD = "(add|put|stick|pop|write|include)"
_REMOVE = "(remove|delete|take|cross|strike|scratch|tick)"
_MY = "[my|the|our]"
_NOT_A_NAME = frozenset({"my", "the", "our", "your", "a", "an"})


class ListSlots(BaseModel):
    """The slots of most list intents: which list, and the items."""

    items: Items | None = None
    name: ListName | None = None
    known: KnownList | None = None
    sure: YesNo | None = None
    """The answer to "clear it?" (asked by the handler, which knows what would go)."""


# -- the data -----------------------------------------------------------------------------------


def _lists(ctx: SkillContext) -> dict[str, list[str]]:
    """The user's lists (created on first use with the built-in empty lists)."""
    lists: dict[str, list[str]] = ctx.persistent.setdefault(
        "lists", {name: [] for name in DATA.lists}
    )
    return lists


def _resolve(ctx: SkillContext, slots: ListSlots) -> str:
    """The list meant: the one named, else the last one used, else the shopping list."""
    if slots.known:
        return slots.known
    said = _name(slots.name or "")
    return said or str(ctx.persistent.get("last") or DATA.default)


def _name(said: str) -> str:
    """The list a name slot names ("" for none): a built-in list by any of its words."""
    # "add to my list" gives the name slot "my", "a list for the party" may give "the party":
    # a possessive or article names no list, and is no part of a name.
    words = said.strip().removesuffix(" list").split()
    while words and words[0] in _NOT_A_NAME:
        words.pop(0)
    joined = " ".join(words)
    return _ALIASES.get(joined, joined)


def _spoken_list(ctx: SkillContext, name: str) -> str:
    """ "shopping list" / "购物清单": a built-in list by its own words, another by its name."""
    if name in DATA.lists:
        return ctx.t(f"{name} list")
    return ctx.t("{name} list", name=name)


def _singular(word: str) -> str:
    for suffix, stem in (("ies", "y"), ("oes", "o"), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            return word[: -len(suffix)] + stem
    return word


def _key(item: str) -> str:
    """Compare items by their words in the singular, without articles: "an egg" is "eggs"."""
    words = [w for w in item.lower().split() if w not in ("a", "an", "the", "some", "more")]
    return " ".join(_singular(w) for w in words)


def _join(ctx: SkillContext, items: list[str], last: str = "and") -> str:
    if ctx.chinese:
        # 或 for "or" reads oddly in a list of things that aren't there; 和 serves both.
        return ctx.say_list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {last} " + items[-1]


def split_items(words: str, said: str) -> list[str]:
    """The separate items in ``words`` (the slot), using the commas of ``said`` (the utterance).

    "milk, eggs and bread" splits at the commas and the "and"; said without commas, known items
    still split ("milk eggs and bread"), and "mac and cheese" stays one. Chinese splits the
    same way at 、，和 (and known items said back to back: "牛奶鸡蛋").
    """
    if HAN.search(words):
        return _split_chinese(words, said)
    tokens = words.split()
    pattern = r"[\s,;]+".join(re.escape(t) for t in tokens)
    found = re.search(pattern, said.lower()) if tokens else None
    text = found.group(0) if found else words
    pieces: list[str] = []
    for chunk in re.split(r"\s*[,;]\s*", text):
        chunk = " ".join(chunk.split())
        if not chunk:
            continue
        if chunk in _KNOWN_ITEMS:
            pieces.append(chunk)
            continue
        for part in re.split(r"\s+(?:and|&|plus)\s+", chunk):
            pieces.extend(_segment(part))
    out: list[str] = []
    for piece in pieces:
        piece = re.sub(r"^(?:and|also|then|some|a|an)\s+", "", piece).strip()
        if piece and _key(piece) not in {_key(p) for p in out}:
            out.append(piece)
    return out


HAN = re.compile(r"[\u4e00-\u9fff]")
# What joins items in Chinese: the list comma, commas, and the words for "and".
_ZH_JOINS = re.compile(r"\s*(?:[、，,;；]|还有|以及|和|跟|及)\s*")


def _split_chinese(words: str, said: str) -> list[str]:
    """The items in a Chinese slot ("牛奶鸡蛋和面包"), using the punctuation of ``said``."""
    # The slot lost the punctuation (the normaliser drops it); find the same characters in
    # the utterance with any punctuation between them, to split where the user paused.
    chars = [c for c in words if not c.isspace()]
    pattern = r"[\s、，,;；]*".join(re.escape(c) for c in chars)
    found = re.search(pattern, said) if chars else None
    text = found.group(0) if found else words
    out: list[str] = []
    for chunk in _ZH_JOINS.split(text):
        chunk = re.sub(r"^(?:一些|一点|一个|一瓶|一盒|一袋|些|点)", "", chunk.strip())
        for piece in _segment_chinese(chunk):
            if piece and piece not in out:
                out.append(piece)
    return out


def _segment_chinese(chunk: str) -> list[str]:
    """ "牛奶鸡蛋" -> 牛奶, 鸡蛋 when the whole chunk is made of known items, else the chunk."""
    parts: list[str] = []
    i = 0
    while i < len(chunk):
        for j in range(len(chunk), i, -1):
            if chunk[i:j] in _KNOWN_ITEMS_ZH:
                parts.append(chunk[i:j])
                i = j
                break
        else:
            return [chunk] if chunk else []
    return parts


def _segment(words: str) -> list[str]:
    """Split "milk eggs" into known items; words that aren't all known items stay whole."""
    tokens = words.split()
    parts: list[str] = []
    i = 0
    while i < len(tokens):
        for j in range(len(tokens), i, -1):
            if " ".join(tokens[i:j]) in _KNOWN_ITEMS:
                parts.append(" ".join(tokens[i:j]))
                i = j
                break
        else:
            return [words] if words else []
    return parts


# -- intents --------------------------------------------------------------------------------


@skill.intent(
    "AddItems",
    samples=[
        f"{_ADD} {{items}} (to|on|onto) {_MY} {{name}} list",
        f"{_ADD} {{items}} (to|on|onto) {_MY} {{known}}",
        f"{_ADD} {{items}} (to|on|onto) {_MY} list",
        f"{_ADD} (something|an item|items|things) (to|on) {_MY} {{name}} list",
        f"{_ADD} to {_MY} {{name}} list",
        "(we are|we're|i am|i'm) (out of|running low on|low on|nearly out of) {items}",
        "i need to buy {items}",
        # The commonest phrasing with "on" ("put milk on the shopping list"), given its own
        # share of the learned stage's samples: "is milk on the list" (HasItem) has "on" too.
        f"(put|stick) {{items}} on {_MY} ({{known}}|list)",
        f"i need to {{items}} (add|put) (it|that) (to|on) {_MY} {{known}} [list]",
    ],
    prompts={"items": "What should I add?"},
)
def add_items(ctx: SkillContext, slots: ListSlots) -> Response:
    """Add one or more items to a list (a list that doesn't exist yet is started)."""
    name = _resolve(ctx, slots)
    spoken = _spoken_list(ctx, name)
    if slots.items is None or not slots.items.strip():
        return Response.elicit("items", ctx.t("What should I add to your {list}?", list=spoken))
    lists = _lists(ctx)
    created = name not in lists
    if created and len(lists) >= DATA.max_lists:
        return Response.speak(ctx.t("You have as many lists as I keep. Delete one first."))
    items = split_items(slots.items, ctx.text)
    current = lists.get(name, [])
    keys = {_key(i) for i in current}
    added = [i for i in items if _key(i) not in keys]
    already = [i for i in items if _key(i) in keys]
    if len(current) + len(added) > DATA.max_items:
        return Response.speak(ctx.t("Your {list} is full. Remove something first.", list=spoken))
    lists[name] = [*current, *added]
    ctx.persistent["last"] = name
    parts: list[str] = []
    if added:
        said = _join(ctx, added)
        parts.append(
            ctx.t("I started a new {list} with {items}.", list=spoken, items=said)
            if created
            else ctx.t("Added {items} to your {list}.", items=said, list=spoken)
        )
    if already:
        said = _join(ctx, already)
        said = said if ctx.chinese else said.capitalize()
        parts.append(
            ctx.t("{items} is already on it.", items=said)
            if len(already) == 1
            else ctx.t("{items} are already on it.", items=said)
        )
    return Response.speak(("" if ctx.chinese else " ").join(parts)).card(
        spoken if ctx.chinese else spoken.capitalize(),
        "\n".join(lists[name]),
        kind="list",
        items=lists[name],
    )


@skill.intent(
    "RemoveItems",
    samples=[
        f"{_REMOVE} {{items}} (from|off) {_MY} {{name}} list",
        f"{_REMOVE} {{items}} (from|off) {_MY} {{known}}",
        f"{_REMOVE} {{items}} (from|off) {_MY} list",
        f"(take|cross|strike|scratch|tick) off {{items}} [from {_MY} [{{name}}] list]",
        f"(get rid of|drop) {{items}} (from|off) {_MY} ({{known}}|list|{{name}} list)",
        f"{_REMOVE} {{items}} (from|off) {_MY} {{known}} please",
        "i (already|just) (got|bought|have) {items}",
        "(i have|i've) (done|finished) {items}",
    ],
    prompts={"items": "What should I remove?"},
)
def remove_items(ctx: SkillContext, slots: ListSlots) -> Response:
    """Take items off a list; says which ones were not on it."""
    slots = _list_with(ctx, slots)
    name = _resolve(ctx, slots)
    lists = _lists(ctx)
    if name not in lists:
        return _unknown_list(ctx, name)
    spoken = _spoken_list(ctx, name)
    if slots.items is None:
        return Response.elicit(
            "items", ctx.t("What should I remove from your {list}?", list=spoken)
        )
    wanted = split_items(slots.items, ctx.text)
    current = lists[name]
    removed = [i for i in current if _key(i) in {_key(w) for w in wanted}]
    missing = [w for w in wanted if _key(w) not in {_key(i) for i in current}]
    lists[name] = [i for i in current if i not in removed]
    ctx.persistent["last"] = name
    parts: list[str] = []
    if removed:
        parts.append(
            ctx.t("Removed {items} from your {list}.", items=_join(ctx, removed), list=spoken)
        )
    if missing:
        said = _join(ctx, missing, "or")
        said = said if ctx.chinese else said.capitalize()
        parts.append(
            ctx.t("{items} isn't on your {list}.", items=said, list=spoken)
            if len(missing) == 1
            else ctx.t("{items} aren't on your {list}.", items=said, list=spoken)
        )
        parts.append(
            ctx.t("It has {items}.", items=_join(ctx, lists[name]))
            if lists[name]
            else ctx.t("It's empty.")
        )
    return Response.speak(("" if ctx.chinese else " ").join(parts))


@skill.intent(
    "ReadList",
    samples=[
        f"what is (on|in) {_MY} {{name}} list",
        f"what is (on|in) {_MY} list",
        f"(read|show|tell) [me] {_MY} {{name}} list",
        f"(read|show|tell) [me] {_MY} {{known}}",
        f"(read|show) [me] {_MY} list",
        "what do (i|we) need (to buy|from the shop|from the store|to get)",
        "what do i (have|need) to do [today|this week]",
        f"(open|check) {_MY} {{name}} list",
    ],
)
def read_list(ctx: SkillContext, slots: ListSlots) -> Response:
    """Read out a list."""
    if slots.name is None and slots.known is None and "do" in ctx.text.lower().split():
        words = ctx.text.lower().split()
        if "to" in words and "do" in words and "buy" not in words and "get" not in words:
            slots = ListSlots(known="to-do")
        else:
            slots = ListSlots(known="shopping")
    elif slots.name is None and slots.known is None and ctx.chinese:
        # "我要买什么" is the shopping list, "我要做什么" the to-do list.
        if "买" in ctx.text:
            slots = ListSlots(known="shopping")
        elif "做" in ctx.text or "办" in ctx.text:
            slots = ListSlots(known="to-do")
    name = _resolve(ctx, slots)
    lists = _lists(ctx)
    if name not in lists:
        return _unknown_list(ctx, name)
    ctx.persistent["last"] = name
    items = lists[name]
    spoken = _spoken_list(ctx, name)
    if not items:
        return Response.speak(ctx.t("Your {list} is empty.", list=spoken))
    n = len(items)
    count = ctx.t("1 item") if n == 1 else ctx.t("{n} items", n=n)
    return (
        Response.speak(
            ctx.t(
                "Your {list} has {count}: {items}.",
                list=spoken,
                count=count,
                items=_join(ctx, items),
            )
        )
        .card(
            spoken if ctx.chinese else spoken.capitalize(),
            "\n".join(items),
            kind="list",
            items=items,
        )
        .for_profile("screen", ctx.t("Here's your {list}: {count}.", list=spoken, count=count))
    )


@skill.intent(
    "CountItems",
    samples=[
        f"how many (items|things) are (on|in) {_MY} {{name}} list",
        f"how many (items|things) are (on|in) {_MY} list",
        f"how many (items|things) (are there|do i have) (on|in) {_MY} {{name}} list",
        f"how (long|big) is {_MY} {{name}} list",
        "how many things do i (need to buy|have to do|need to do)",
        # Counting said as a verb: "count the items on my to-do list".
        f"count [up] [the|all the] [items|things] (on|in) {_MY} {{name}} list",
        f"count [up] {_MY} {{name}} list",
    ],
)
def count_items(ctx: SkillContext, slots: ListSlots) -> Response:
    """Say how many items a list has."""
    if slots.name is None and "do" in ctx.text.lower().split():
        slots = ListSlots(known="to-do")
    elif slots.name is None and slots.known is None and _buying(ctx):
        slots = ListSlots(known="shopping")
    name = _resolve(ctx, slots)
    lists = _lists(ctx)
    if name not in lists:
        return _unknown_list(ctx, name)
    n = len(lists[name])
    spoken = _spoken_list(ctx, name)
    if n == 0:
        return Response.speak(ctx.t("Your {list} is empty.", list=spoken))
    if n == 1:
        return Response.speak(ctx.t("There is 1 item on your {list}.", list=spoken))
    return Response.speak(ctx.t("There are {n} items on your {list}.", n=n, list=spoken))


@skill.intent(
    "HasItem",
    samples=[
        # "is" and "are" in templates of their own, so the learned stage's samples have as
        # many "are eggs on my list" as "is milk on my list" ("are" alone is no cue to it).
        f"is {{items}} (on|in) {_MY} {{name}} list",
        f"is {{items}} (on|in) {_MY} {{known}}",
        f"is {{items}} (on|in) {_MY} list",
        f"are {{items}} (on|in) {_MY} {{name}} list",
        f"are {{items}} (on|in) {_MY} {{known}}",
        f"are {{items}} (on|in) {_MY} list",
        f"(did|have) i [already] (put|add|added|written|got) {{items}} (on|to|in) {_MY} [{{name}}] list",
        # "we" in a template of its own: AddItems says "we're out of milk" often enough for
        # the learned stage to read "we" as a cue to it.
        "do we need [any|some|more] {items}",
        "do i need [any|some|more] {items}",
        "do (i|we) (have to|need to) buy [any|some|more] {items}",
        # Questions, not requests: without these the learned stage reads "are batteries on
        # to dos" as AddItems, whose samples far outnumber these.
        f"(is|are) there [any] {{items}} (on|in) {_MY} list",
        f"(is|are) {{items}} (already|still) (on|in) {_MY} {{known}}",
        f"check (if|whether) {{items}} (is|are) (on|in) {_MY} list",
        f"does {_MY} {{known}} (have|include) {{items}}",
    ],
    prompts={"items": "Which item?"},
)
def has_item(ctx: SkillContext, slots: ListSlots) -> Response:
    """Say whether an item is on a list."""
    if slots.name is None and slots.known is None and ctx.text.lower().startswith("do "):
        slots = slots.model_copy(update={"known": "shopping"})
    elif slots.name is None and slots.known is None and ctx.chinese and "买" in ctx.text:
        slots = slots.model_copy(update={"known": "shopping"})  # "我需要买牛奶吗"
    slots = _list_with(ctx, slots)
    name = _resolve(ctx, slots)
    lists = _lists(ctx)
    if name not in lists:
        return _unknown_list(ctx, name)
    assert slots.items is not None
    wanted = split_items(slots.items, ctx.text)
    keys = {_key(i): i for i in lists[name]}
    on = [w for w in wanted if _key(w) in keys]
    off = [w for w in wanted if _key(w) not in keys]
    ctx.persistent["last"] = name
    spoken = _spoken_list(ctx, name)
    parts = []
    if on:
        said = _join(ctx, on)
        parts.append(
            ctx.t("Yes, {items} is on your {list}.", items=said, list=spoken)
            if len(on) == 1
            else ctx.t("Yes, {items} are on your {list}.", items=said, list=spoken)
        )
    if off:
        said = _join(ctx, off, "or")
        if on:
            parts.append(
                ctx.t("{items} is not on your {list}.", items=said, list=spoken)
                if len(off) == 1
                else ctx.t("{items} are not on your {list}.", items=said, list=spoken)
            )
        else:
            parts.append(
                ctx.t("No, {items} is not on your {list}.", items=said, list=spoken)
                if len(off) == 1
                else ctx.t("No, {items} are not on your {list}.", items=said, list=spoken)
            )
            parts.append(ctx.t("Say add, and the item, to put it on.", items=said, list=spoken))
    return Response.speak(("" if ctx.chinese else " ").join(parts))


@skill.intent(
    "ClearList",
    samples=[
        f"(clear|empty|wipe|reset) {_MY} {{name}} list",
        f"(clear|empty|wipe) {_MY} {{known}}",
        f"(clear|empty|wipe) {_MY} list",
        f"(delete|remove) (everything|all items|all the items|all things) (on|from) {_MY} {{name}} list",
        f"(delete|remove|clear) everything (on|from) {_MY} list",
    ],
)
def clear_list(ctx: SkillContext, slots: ListSlots) -> Response:
    """Empty a list, after asking; the list itself stays."""
    name = _resolve(ctx, slots)
    lists = _lists(ctx)
    if name not in lists:
        return _unknown_list(ctx, name)
    n = len(lists[name])
    spoken = _spoken_list(ctx, name)
    if n == 0:
        return Response.speak(ctx.t("Your {list} is already empty.", list=spoken))
    if slots.sure is None:
        # Asked here rather than with confirm=: the question names the list and the count.
        if n == 1:
            question = ctx.t("Remove the 1 item from your {list}?", list=spoken)
        elif n == 2:
            question = ctx.t("Remove both items from your {list}?", list=spoken)
        else:
            question = ctx.t("Remove all {n} items from your {list}?", n=n, list=spoken)
        return Response.elicit("sure", question)
    if slots.sure == "no":
        return Response.speak(ctx.t("Okay, I'll leave your {list} as it is.", list=spoken))
    lists[name] = []
    if n == 1:
        return Response.speak(ctx.t("Done: your {list} is empty. I removed 1 item.", list=spoken))
    return Response.speak(
        ctx.t("Done: your {list} is empty. I removed {n} items.", list=spoken, n=n)
    )


class NewList(BaseModel):
    """The slots of CreateList and DeleteList: the list's name (and the answer to "sure?")."""

    name: ListName
    sure: YesNo | None = None


# "a new list", "another list", "an empty list": the words before a list that is being made.
_A_NEW = "[a|an|another] [new|brand new|fresh|empty|blank|separate]"


@skill.intent(
    "CreateList",
    samples=[
        f"(create|make|start|begin) [me] {_A_NEW} list (called|named) {{name}}",
        f"(create|make|start|begin) [me] {_A_NEW} {{name}} list",
        # A purpose names the list when nothing else does: "start a list for the party".
        f"(create|make|start|begin) [me] {_A_NEW} list for [my|the|our] {{name}}",
    ],
    prompts={"name": "What should the list be called?"},
)
def create_list(ctx: SkillContext, slots: NewList) -> Response:
    """Start a new, empty named list."""
    name = _name(slots.name)
    if not name:
        return Response.elicit("name", ctx.t("What should the list be called?"))
    lists = _lists(ctx)
    spoken = _spoken_list(ctx, name)
    if name in lists:
        return Response.speak(ctx.t("You already have a {list}.", list=spoken))
    if len(lists) >= DATA.max_lists:
        return Response.speak(ctx.t("You have as many lists as I keep. Delete one first."))
    lists[name] = []
    ctx.persistent["last"] = name
    return Response.speak(
        ctx.t("I made a {list}. Say, for example: add something to my {list}.", list=spoken)
    )


@skill.intent(
    "DeleteList",
    samples=["(delete|remove|get rid of|throw away) [my|the] {name} list [altogether|completely]"],
    prompts={"name": "Which list?"},
)
def delete_list(ctx: SkillContext, slots: NewList) -> Response:
    """Delete a named list, after asking; the built-in ones can only be emptied."""
    name = _ALIASES.get(slots.name.strip(), slots.name.strip())
    lists = _lists(ctx)
    if name not in lists:
        return _unknown_list(ctx, name)
    spoken = _spoken_list(ctx, name)
    if name in DATA.lists:
        return Response.speak(
            ctx.t(
                "Your {list} is built in and stays. To empty it, say: clear my {list}.", list=spoken
            )
        )
    if slots.sure is None:
        n = len(lists[name])
        if n == 0:
            question = ctx.t("Delete your {list}?", list=spoken)
        elif n == 1:
            question = ctx.t("Delete your {list}, with its 1 item?", list=spoken)
        else:
            question = ctx.t("Delete your {list}, with its {n} items?", list=spoken, n=n)
        return Response.elicit("sure", question)
    if slots.sure == "no":
        return Response.speak(ctx.t("Okay, I'll keep your {list}.", list=spoken))
    del lists[name]
    if ctx.persistent.get("last") == name:
        ctx.persistent.pop("last")
    return Response.speak(ctx.t("Deleted your {list}.", list=spoken))


@skill.intent(
    "ListLists",
    samples=[
        "(what|which) lists (do i have|have i got|have i made|did i make|are there) [right now|at the moment]",
        "(list|show|read) [me] [all] my lists",
        "what (are|is) my lists",
        "how many lists do i have",
    ],
)
def list_lists(ctx: SkillContext) -> Response:
    """Name the user's lists and how long each is."""
    lists = _lists(ctx)
    parts = [
        ctx.t("{list} ({n})", list=_spoken_list(ctx, n), n=len(items)) for n, items in lists.items()
    ]
    return Response.speak(
        ctx.t("You have {n} lists: {lists}.", n=len(lists), lists=_join(ctx, parts))
    )


def _buying(ctx: SkillContext) -> bool:
    """Whether the request is about buying ("how many things do I need to buy", "要买几样")."""
    return "buy" in ctx.text.lower().split() or (ctx.chinese and "买" in ctx.text)


def _list_with(ctx: SkillContext, slots: ListSlots) -> ListSlots:
    """With no list named, the list that holds the first item (the last used one first)."""
    if slots.name or slots.known or not slots.items:
        return slots
    lists = _lists(ctx)
    wanted = {_key(i) for i in split_items(slots.items, ctx.text)}
    last = str(ctx.persistent.get("last") or DATA.default)
    for name in [last, *(n for n in lists if n != last)]:
        if wanted & {_key(i) for i in lists.get(name, [])}:
            return slots.model_copy(update={"name": name})
    return slots


def _unknown_list(ctx: SkillContext, name: str) -> Response:
    names = _join(ctx, [_spoken_list(ctx, n) for n in _lists(ctx)])
    return Response.speak(
        ctx.t(
            "You don't have a {list}. Your lists are: {names}.",
            list=_spoken_list(ctx, name),
            names=names,
        )
    ).with_error("NOT_FOUND", f"no list named {name!r}")
