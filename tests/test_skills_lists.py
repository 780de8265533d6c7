"""The lists skill: conversations, item splitting, and lists that survive a restart."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from simulator.engine import Simulator
from simulator.sdk.testing import Conversation, run_conversation_file
from skills.lists import split_items

CONVERSATIONS = Path(__file__).parent.parent / "skills" / "lists"
NOW = dt.datetime(2026, 6, 1, 9, 0)


def test_lists_conversation() -> None:
    turns = run_conversation_file(CONVERSATIONS / "test_lists.yaml")
    assert any(t.text is None for t in turns)  # the timer fired in between


@pytest.mark.parametrize(
    ("words", "said", "items"),
    [
        ("milk eggs and bread", "add milk, eggs and bread to my list", ["milk", "eggs", "bread"]),
        ("milk eggs and bread", "add milk eggs and bread to my list", ["milk", "eggs", "bread"]),
        ("mac and cheese", "add mac and cheese", ["mac and cheese"]),
        ("call the plumber", "put call the plumber on my list", ["call the plumber"]),
        ("a tent and some pegs", "add a tent and some pegs", ["tent", "pegs"]),
        ("olive oil milk", "add olive oil milk", ["olive oil", "milk"]),
        ("milk and milk", "add milk and milk", ["milk"]),
    ],
)
def test_split_items(words: str, said: str, items: list[str]) -> None:
    assert split_items(words, said) == items


def test_lists_survive_a_restart(tmp_path: Path) -> None:
    first = Simulator.create(use_home=False, state_dir=tmp_path, now=NOW)
    try:
        first.handle_sync("add milk and eggs to my shopping list")
    finally:
        first.close()
    second = Simulator.create(use_home=False, state_dir=tmp_path, now=NOW)
    try:
        speech = second.handle_sync("what's on my shopping list").speech
        assert speech == "Your shopping list has 2 items: milk and eggs."
    finally:
        second.close()


def test_a_list_question_left_open_does_not_swallow_the_next_request() -> None:
    conv = Conversation(now=NOW)
    try:
        conv.say("add milk to my shopping list")
        conv.say(
            "clear my shopping list", expect_speech="Remove the 1 item from your shopping list?"
        )
        conv.say("what time is it", expect_intent="GetTime")
        conv.say("what's on my shopping list", expect_speech="Your shopping list has 1 item: milk.")
    finally:
        conv.close()


def test_add_to_my_list_means_the_list_in_use_not_a_list_called_my() -> None:
    # "add to [my] {name} list" gives the name slot "my" when no list is named.
    conv = Conversation(now=NOW)
    try:
        conv.say("add to my list", expect_speech="What should I add to your shopping list?")
        conv.say("eggs", expect_speech="Added eggs to your shopping list.")
    finally:
        conv.close()


@pytest.mark.parametrize(
    ("said", "reply"),
    [
        # A word of novelty describes the list being made; it is not its name.
        ("start a brand new list", "What should the list be called?"),
        ("make me another list", "What should the list be called?"),
        ("create a blank list", "What should the list be called?"),
        # A purpose after "list" names it when nothing else does.
        ("begin a list for the wedding", "I made a wedding list."),
        ("make a new list for our road trip", "I made a road trip list."),
        ("create a fresh list called books", "I made a books list."),
    ],
)
def test_a_new_list_is_named_by_its_name_or_purpose_not_by_new(said: str, reply: str) -> None:
    conv = Conversation(now=NOW)
    try:
        speech = conv.say(said, expect_intent="CreateList").speech
        assert speech is not None and speech.startswith(reply), speech
    finally:
        conv.close()
