"""The fun skill: every intent in conversation, riddles over several turns, bad numbers, and the
same answers under the same seed."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import pytest

from simulator.sdk.testing import Conversation
from skills.fun import DATA, skill

NOW = datetime(2026, 6, 1, 8, 15)


@pytest.fixture
def conv() -> Iterator[Conversation]:
    c = Conversation(skills=[skill], now=NOW, seed=3)
    yield c
    c.close()


def test_there_are_at_least_30_jokes_and_some_riddles() -> None:
    assert len(DATA.jokes) >= 30 and len(DATA.riddles) >= 5


def test_jokes_do_not_repeat_until_all_are_told(conv: Conversation) -> None:
    told = [conv.say("tell me a joke", expect_intent="TellJoke").speech for _ in DATA.jokes]
    assert len(set(told)) == len(DATA.jokes)
    assert conv.say("tell me a joke").speech in told


def test_another_and_yes_after_a_joke(conv: Conversation) -> None:
    first = conv.say("make me laugh", expect_intent="TellJoke")
    assert first.session_ended is False and first.reprompt == "Want another one?"
    assert conv.say("another one", expect_intent="Another").speech != first.speech
    assert " ... " in (conv.say("yes").speech or "")
    conv.say("no", expect_speech="Okay.")


def _riddle(conv: Conversation) -> tuple[str, list[str]]:
    question = conv.say("tell me a riddle", expect_intent="TellRiddle").speech or ""
    riddle = next(r for r in DATA.riddles if r.question in question)
    return riddle.answer, riddle.accept


def test_a_riddle_guessed_right(conv: Conversation) -> None:
    answer, accept = _riddle(conv)
    turn = conv.say(f"is it a {accept[0]}", expect_intent="GuessRiddle")
    assert turn.speech == f"Yes! {answer} Well done."


def test_a_riddle_given_up_and_three_wrong_guesses(conv: Conversation) -> None:
    answer, _ = _riddle(conv)
    conv.say("i give up", expect_intent="RevealAnswer", expect_speech=f"The answer is: {answer}")
    answer, _ = _riddle(conv)
    conv.say("a teapot", expect_speech="No, that's not it. Try again, or say: I give up.")
    conv.say("is it a cloud")
    conv.say("the answer is a spoon", expect_speech=f"Not quite. The answer is: {answer}")


def test_a_guess_means_nothing_without_a_riddle(conv: Conversation) -> None:
    assert conv.say("is it a towel").intent != "GuessRiddle"
    conv.say(
        "what is the answer",
        expect_speech="I haven't asked you a riddle yet. Say: tell me a riddle.",
    )


@pytest.mark.parametrize(
    ("utterance", "intent", "start"),
    [
        ("flip a coin", "FlipCoin", "It's "),
        ("toss 10 coins", "FlipCoin", ""),
        ("roll a die", "RollDie", "You rolled a "),
        ("roll three dice", "RollDie", "You rolled "),
        ("roll two 12 sided dice", "RollDie", "You rolled "),
        ("pick a number between 1 and 100", "RandomNumber", ""),
        ("give me a random number up to 5", "RandomNumber", ""),
    ],
)
def test_coins_dice_and_numbers(
    conv: Conversation, utterance: str, intent: str, start: str
) -> None:
    turn = conv.say(utterance, expect_intent=intent)
    assert (turn.speech or "").startswith(start) and turn.error is None
    assert turn.card is not None


def test_numbers_stay_in_their_range(conv: Conversation) -> None:
    for _ in range(20):
        value = int((conv.say("pick a number between 3 and 5").speech or "").rstrip("."))
        assert 3 <= value <= 5


@pytest.mark.parametrize(
    ("utterance", "speech"),
    [
        ("roll 0 dice", "I can roll between 1 and 100 dice at a time."),
        ("roll 500 dice", "I can roll between 1 and 100 dice at a time."),
        ("roll a 1 sided die", "A die needs at least two sides."),
        ("roll a 5000 sided die", "A die with more than a thousand sides is more of a ball."),
        ("flip 0 coins", "I can flip between 1 and 100 coins at a time."),
        ("pick a number between 7 and 7", "Between 7 and 7 there's only one choice: 7."),
        ("roll 2.5 dice", "I only do whole numbers for dice."),
        ("pick a number between 1 and 5000000000000", "That's too big for me"),
    ],
)
def test_absurd_values_get_a_clear_answer(conv: Conversation, utterance: str, speech: str) -> None:
    assert (conv.say(utterance).speech or "").startswith(speech)


def test_a_backwards_range_is_turned_round(conv: Conversation) -> None:
    speech = conv.say("pick a number from 50 to 10").speech or ""
    assert speech.startswith("I'll take that as 10 to 50. ")


@pytest.mark.parametrize(
    ("utterance", "intent", "expected"),
    [
        ("how are you", "HowAreYou", None),
        ("thank you very much", "ThankYou", None),
        ("good morning", "Greeting", "Good morning! It's 8:15 AM on Monday."),
        ("good evening", "Greeting", "Good evening to you too, though my clock says it's 8:15 AM."),
        (
            "good afternoon",
            "Greeting",
            "Good afternoon to you too, though my clock says it's 8:15 AM.",
        ),
        ("who are you", "WhoAreYou", None),
        ("are you a robot", "AreYouARobot", None),
        ("am i talking to a real person", "AreYouARobot", None),
    ],
)
def test_small_talk(conv: Conversation, utterance: str, intent: str, expected: str | None) -> None:
    turn = conv.say(utterance, expect_intent=intent)
    assert turn.speech
    if expected is not None:
        assert turn.speech == expected


def test_who_are_you_and_robot_answers_are_honest(conv: Conversation) -> None:
    assert "illustrative" in (conv.say("who are you").speech or "")
    assert "simulator" in (conv.say("are you human").speech or "")


def test_same_seed_same_answers() -> None:
    def run() -> list[str | None]:
        c = Conversation(skills=[skill], now=NOW, seed=11)
        try:
            return [c.say(t).speech for t in ("tell me a joke", "roll two dice", "flip a coin")]
        finally:
            c.close()

    assert run() == run()
