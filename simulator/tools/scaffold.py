"""``speaker-sim new NAME``: a working skill and its tests, with comments that teach.

The folder it writes is ready for ``speaker-sim chat --skills-dir NAME`` and for ``pytest NAME``
(the speaker_sim pytest plugin replays ``test_NAME.yaml``). The skill is a small order-taking
skill named after the folder, because ordering shows most of what a skill does: slots of a fixed
list, an optional slot with a default, a prompt for a missing slot, a confirmation, a value kept
across turns and restarts, and help.
"""

from __future__ import annotations

import keyword
import re
from pathlib import Path

__all__ = ["ScaffoldError", "write_skill"]

_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


class ScaffoldError(Exception):
    """The name or the folder is not usable; the message says why."""


_SKILL = '''"""{title}: a skill made by `speaker-sim new {name}`. Change it to make it yours.

Try it:   speaker-sim chat --skills-dir {folder}
          you> order a large {noun}
          you> get me a {noun}            (it asks which size)
          you> how many {noun}s have i ordered
Test it:  python -m pytest {folder}      (replays test_{name}.yaml and runs test_{name}.py)
Check it: speaker-sim lint --skills-dir {folder}
"""

from typing import Literal

from pydantic import BaseModel

# Skills import only the public SDK: everything else in speaker-sim may change.
from simulator.sdk import Response, Skill, SkillContext

# The skill's name is how the speaker, the inspector and your tests refer to it. People can
# also open it by its invocation ("open {noun}"), which calls the on_launch handler below.
skill = Skill("{name}", description="Takes pretend {noun} orders")


class Order(BaseModel):
    """The slots of OrderItem: each field is a slot the samples can mention as {{field}}."""

    # A Literal is a fixed list: the speaker accepts exactly these words for {{size}}.
    # The field has no default, so it is required: when someone leaves it out, the speaker
    # asks with the prompt given in @skill.intent below.
    size: Literal["small", "medium", "large"]
    # A default makes a slot optional: "order a {noun}" leaves extra as None.
    extra: Literal["cheese", "mushroom", "pepper"] | None = None


@skill.intent(
    "OrderItem",
    # Samples are templates: (a|b) is a choice, [word] is optional, {{slot}} is a slot and
    # <please> is a shared rule ("please" or nothing). Each sample also teaches the learned
    # stage, which then understands sentences you did not list, such as "a small {noun} please".
    samples=[
        "<please> (order|get) [me] a {{size}} {noun} [with {{extra}}] <please>",
        "<please> (order|get) [me] a {{size}} {{extra}} {noun} <please>",
        "<please> (order|get) [me] a {noun} [with {{extra}}] <please>",
        "i (want|would like|will have) a [{{size}}] {noun} [with {{extra}}]",
    ],
    # Asked when a required slot is missing. Without it the speaker would ask "What size?".
    prompts={{"size": "What size: small, medium or large?"}},
    # A yes/no question before the handler runs; {{slot}} is filled with what was said.
    # Say "no" and the handler never runs.
    confirm="A {{size}} {noun}, is that right?",
)
def order_item(ctx: SkillContext, slots: Order) -> Response:
    """Take an order and count it."""
    # ctx.persistent is this skill's own data, saved at the end of the turn: it survives a
    # restart of the speaker. Keep it to plain JSON (numbers, strings, lists, dicts).
    count = ctx.persistent.get("orders", 0) + 1
    ctx.persistent["orders"] = count
    what = f"{{slots.size}} {noun}" + (f" with {{slots.extra}}" if slots.extra else "")
    # ctx.session.attributes lives only as long as the conversation.
    ctx.session.attributes["last_order"] = what
    # A card is what a speaker with a screen shows (the TUI's inspector shows it too).
    return Response.speak(f"One {{what}} coming up. That's order number {{count}}.").card(
        "{title} order", what
    )


@skill.intent(
    "CountOrders",
    samples=[
        "how many ({noun}|{noun}s) have i (ordered|had)",
        "(count|tell me) my {noun} orders",
        "how many {noun} orders [have i made]",
    ],
)
def count_orders(ctx: SkillContext) -> Response:
    """Say how many orders there have been."""
    count = ctx.persistent.get("orders", 0)
    if count == 0:
        return Response.speak("You haven't ordered a {noun} yet. Try: order a large {noun}.")
    return Response.speak(f"You have ordered {{count}} {noun}{{'' if count == 1 else 's'}}.")


@skill.on_launch
def launch(ctx: SkillContext) -> Response:
    """'open {noun}': greet and wait for an order."""
    # Response.ask keeps the conversation open: the next sentence comes to this skill first.
    return Response.ask(
        "Welcome to {noun}. What would you like?", "You can say: order a large {noun}."
    )


@skill.on_help
def help_(ctx: SkillContext) -> Response:
    """'help' while this skill holds the conversation."""
    return Response.ask(
        "You can order a small, medium or large {noun}, or ask how many you have ordered.",
        "What would you like?",
    )
'''

_TEST_YAML = """# A conversation test: pytest replays it turn by turn (the speaker_sim plugin collects every
# test_*.yaml file) and shows a diff of the expected and the actual speech when one differs.
# The skills in this folder are loaded, like --skills-dir; "skills:" picks the ones to use.
skills: [{name}]
now: 2026-06-01T12:00     # the virtual clock starts here, so "today" never changes
turns:
  - say: get me a {noun}
    # The size is missing, so the speaker asks for it with the skill's prompt.
    expect: {{intent: OrderItem, speech: "What size: small, medium or large?"}}
  - say: large
    expect: {{speech: "A large {noun}, is that right?"}}
  - say: "yes"             # quoted: YAML would read a bare yes as true
    expect: {{speech: "One large {noun} coming up. That's order number 1."}}
  - say: order a small {noun} with cheese
    expect: {{speech_contains: "is that right?", slots: {{size: small, extra: cheese}}}}
  - say: "no"
    expect: {{session_ended: true}}
  - say: how many {noun}s have i ordered
    expect: {{intent: CountOrders, speech: "You have ordered 1 {noun}."}}
"""

_TEST_PY = '''"""Tests in Python for the {name} skill; pytest finds them next to the skill.

The speaker_sim pytest plugin gives fixtures: ``conversation`` (a fresh speaker with the skills
in this folder and the bundled ones), ``speaker_sim_now`` (where the virtual clock starts) and
``speaker_sim_state`` (an empty state folder, so nothing touches your own).
"""

from simulator.sdk.testing import Conversation


def test_an_order_is_counted(conversation: Conversation) -> None:
    conversation.say("order a medium {noun}", expect_intent="OrderItem")
    conversation.say("yes", expect_contains="order number 1")
    conversation.say("how many {noun}s have i ordered", expect_speech="You have ordered 1 {noun}.")


def test_saying_no_orders_nothing(conversation: Conversation) -> None:
    conversation.say("order a large {noun} with mushroom")
    conversation.say("no")
    turn = conversation.say("how many {noun}s have i ordered")
    assert turn.speech is not None and turn.speech.startswith("You haven't ordered")
'''


def write_skill(folder: Path) -> list[Path]:
    """Write the skill and its tests into ``folder`` (created; it must not hold them yet).

    The skill is named after the folder's last part. Returns the files written.
    """
    name = folder.name
    if not _NAME.match(name) or keyword.iskeyword(name):
        raise ScaffoldError(
            f"{name!r} cannot be a skill name: use lower-case letters, digits and underscores, "
            "starting with a letter (e.g. pizza or tea_timer)"
        )
    files = {
        folder / f"{name}.py": _SKILL,
        folder / f"test_{name}.yaml": _TEST_YAML,
        folder / f"test_{name}.py": _TEST_PY,
    }
    existing = [p for p in files if p.exists()]
    if existing:
        raise ScaffoldError(f"{existing[0]} already exists; nothing was written")
    if folder.exists() and not folder.is_dir():
        raise ScaffoldError(f"{folder} exists and is not a folder")
    values = {
        "name": name,
        "noun": name.replace("_", " "),
        "title": name.replace("_", " ").capitalize(),
        "folder": str(folder),
    }
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for path, text in files.items():
            path.write_text(text.format(**values), encoding="utf-8")
    except OSError as exc:
        raise ScaffoldError(f"cannot write into {folder}: {exc.strerror or exc}") from None
    return list(files)
