"""Tests for simulator.nlu.normalize."""

from __future__ import annotations

import random

import pytest

from simulator.nlu.normalize import MAX_UTTERANCE_CHARS, clean_display, normalize, tokenize


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("\x1b[31mRed\x1b[0m text", "Red text"),
        ("\x1b[1;32;40mbold\x1b[m", "bold"),
        ("\x1b]0;window title\x07hello", "hello"),
        ("\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\", "link"),
        ("\x9b31mred", "red"),
        ("a\tb\nc\r\nd", "a b c d"),
        ("bell\x07 null\x00 del\x7f c1\x85x", "bell null del c1 x"),
        ("  lots   of\u00a0 space  ", "lots of space"),
        ("keep Case, and punctuation!", "keep Case, and punctuation!"),
        ("rtl \u202eevil\u202c text", "rtl evil text"),
        ("lone \ud800 surrogate", "lone \ufffd surrogate"),
        ("", ""),
    ],
)
def test_clean_display(raw: str, expected: str) -> None:
    assert clean_display(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("What's the time?", "what is the time"),
        ("WHAT\u2019S UP", "what is up"),
        ("It's 7.5 degrees at 6:30", "it is 7.5 degrees at 6:30"),
        ("I'm here, don't stop", "i am here do not stop"),
        ("can't won't let's", "can not will not let us"),
        ("doesn't isn't that's there's", "does not is not that is there is"),
        ("you're I'd I'll who's how's where's", "you are i would i will who is how is where is"),
        ("John's car", "john's car"),
        ("five o'clock", "five o'clock"),
        ("'quoted'", "quoted"),
        ("twenty-five", "twenty five"),
        ("rock_and/roll", "rock and roll"),
        ("50% brightness", "50 % brightness"),
        ("set to 20°C", "set to 20 ° c"),
        ("minus -5 degrees", "minus -5 degrees"),
        ("1,000 people", "1000 people"),
        ("end. Start", "end start"),
        ("ＦＵＬＬ width", "full width"),
        ("Straße", "strasse"),
        ("今日は天気", "今 日 は 天 気"),
        ("play 音乐 now", "play 音 乐 now"),
        ("안녕하세요", "안 녕 하 세 요"),
        ("hello 👋🏽 world 👨‍👩‍👧", "hello world"),
        ("\x1b[1mBold\x1b[0m\tnew\nline", "bold new line"),
        ("שלום עולם", "שלום עולם"),
        ("café", "café"),
        ("", ""),
        ("?!...", ""),
    ],
)
def test_normalize(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


def test_tokenize() -> None:
    assert tokenize("Set a timer for twenty-five minutes!") == [
        "set",
        "a",
        "timer",
        "for",
        "twenty",
        "five",
        "minutes",
    ]


def test_normalize_is_idempotent() -> None:
    for text in ["What's 50% of 7.5?", "今日は", "twenty-five", "john's", "-5"]:
        once = normalize(text)
        assert normalize(once) == once


def test_long_input() -> None:
    text = "héllo wörld, what's 😀 " * 5000  # ~110k characters
    assert len(text) > 100_000
    out = normalize(text)
    assert out.startswith("héllo wörld what is héllo")
    assert len(clean_display(text)) > 100_000


def test_never_raises_on_random_input() -> None:
    rng = random.Random(1234)
    for _ in range(300):
        text = "".join(chr(rng.randrange(0x110000)) for _ in range(rng.randrange(40)))
        out = normalize(text)
        assert out == " ".join(out.split())
        clean_display(text)
        tokenize(text)


def test_max_utterance_chars() -> None:
    assert MAX_UTTERANCE_CHARS == 1000
