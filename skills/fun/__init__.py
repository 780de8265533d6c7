"""Fun: jokes, riddles, a coin, dice, random numbers and a little small talk.

Try: "tell me a joke", "another one", "tell me a riddle" (then guess: "is it a towel?", or "I give
up"), "flip a coin", "roll two dice", "roll a 20 sided die", "pick a number between 1 and 50",
"how are you", "thank you", "good morning", "who are you", "are you a robot".

Everything random comes from ``ctx.rng``, which the simulator seeds from ``--seed``: the same
seed and the same conversation give the same jokes and the same dice.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, Field

from simulator.sdk import FreeText, Number, Response, Skill, SkillContext, SlotList
from simulator.sdk.data import load_data

__all__ = ["Joke", "Jokes", "Riddle", "skill"]

skill = Skill(
    "fun",
    description="Jokes, riddles, coin flips, dice, random numbers and small talk",
    # What "what can you do" names for this skill (help reads these first).
    examples=("tell me a joke", "flip a coin", "tell me a riddle"),
    rules={
        "tell": "[(can|could|would|will) you] [please] (tell|give) [me|us]",
        "joke": "(joke|funny joke|silly joke|dad joke|good joke)",
    },
)


class Joke(BaseModel):
    """A joke: a setup and a punchline."""

    setup: str = Field(min_length=1)
    punchline: str = Field(min_length=1)


class Riddle(BaseModel):
    """A riddle, its answer, and the words that count as guessing it."""

    question: str = Field(min_length=1)
    answer: str = Field(min_length=1)
    accept: list[str] = Field(min_length=1)


class Jokes(BaseModel):
    """The jokes file."""

    jokes: list[Joke] = Field(min_length=1)
    riddles: list[Riddle] = Field(min_length=1)


DATA = load_data(Path(__file__).with_name("jokes.yaml"), Jokes, what="jokes file")
"""The jokes and riddles, read once when the skill loads."""


def _pick_fresh(ctx: SkillContext, key: str, count: int) -> int:
    """An index not used recently: the skill goes through all of them before repeating."""
    used: list[int] = ctx.persistent.setdefault(key, [])
    fresh = [i for i in range(count) if i not in used]
    if not fresh:
        used.clear()
        fresh = list(range(count))
    choice = ctx.rng.choice(fresh)
    used.append(choice)
    return choice


# -- jokes ---------------------------------------------------------------------------------


@skill.intent(
    "TellJoke",
    samples=[
        "<tell> a <joke>",
        "<tell> (another|one more) [<joke>]",
        "tell [me] a joke about anything",
        "(say|tell me) something funny",
        "make me laugh",
        "(do you know|know) any [good] jokes",
        "i (want|would like) [to hear] a joke",
        "joke [please]",
        "(another|one more) joke [please]",
        "cheer me up",
    ],
)
def tell_joke(ctx: SkillContext) -> Response:
    """Tell a joke (each one once before any repeats)."""
    joke = DATA.jokes[_pick_fresh(ctx, "jokes_told", len(DATA.jokes))]
    ctx.session.attributes["last"] = "joke"
    return (
        Response.speak(f"{joke.setup} ... {joke.punchline}")
        .card("Joke", f"{joke.setup}\n{joke.punchline}")
        .reprompt("Want another one?")
    )


# -- riddles ---------------------------------------------------------------------------------


@skill.intent(
    "TellRiddle",
    samples=[
        "<tell> a riddle",
        "ask me a riddle",
        # A riddle is a puzzle to work out: said with its purpose too.
        "[<tell>] a riddle (to (solve|crack|work out|guess)|for me to (solve|crack|guess))",
        "(do you know|know) any riddles",
        "i (want|would like) [to hear] a riddle",
        "(another|one more) riddle [please]",
        "riddle me this",
        "give me a (puzzle|brain teaser)",
    ],
)
def tell_riddle(ctx: SkillContext) -> Response:
    """Ask a riddle; the answer comes when the user guesses or gives up."""
    index = _pick_fresh(ctx, "riddles_asked", len(DATA.riddles))
    ctx.persistent["last_riddle"] = index
    ctx.session.attributes.update(riddle_open=True, tries=0, last="riddle")
    riddle = DATA.riddles[index]
    return Response.ask(
        f"Here's a riddle: {riddle.question} Have a guess, or say: I give up.",
        f"{riddle.question} Guess, or say: I give up.",
    ).card("Riddle", riddle.question)


class Guess(BaseModel):
    """The user's guess at the riddle."""

    guess: Annotated[str, FreeText(max_tokens=5, examples=("a towel", "a piano"))]


@skill.intent(
    "GuessRiddle",
    samples=[
        "is it [a|an|the] {guess}",
        "(it is|the answer is|my guess is|i think it is|i guess) [a|an|the] {guess}",
        "[a|an] {guess}",
    ],
    context_only=True,
)
def guess_riddle(ctx: SkillContext, slots: Guess) -> Response:
    """Check a guess at the riddle just asked."""
    index = ctx.persistent.get("last_riddle")
    if not ctx.session.attributes.get("riddle_open") or index is None:
        # Fun holds the conversation (after a joke) but no riddle is waiting for an answer.
        return Response.speak("Sorry, I don't know that one. Try: tell me a joke.")
    riddle = DATA.riddles[index]
    words = " ".join(slots.guess.lower().split())
    if any(a.lower() in words for a in riddle.accept):
        ctx.session.attributes["riddle_open"] = False
        return Response.speak(f"Yes! {riddle.answer} Well done.").card("Riddle", riddle.answer)
    ctx.session.attributes["tries"] = tries = int(ctx.session.attributes.get("tries", 0)) + 1
    if tries >= 3:
        ctx.session.attributes["riddle_open"] = False
        return Response.speak(f"Not quite. The answer is: {riddle.answer}").for_profile(
            "kids", f"Good try! Here's the answer: {riddle.answer} Shall we do another one?"
        )
    return Response.ask(
        "No, that's not it. Try again, or say: I give up.",
        f"{riddle.question} Guess, or say: I give up.",
    ).for_profile("kids", "Ooh, good guess, but that's not it. Have another go!")


@skill.intent(
    "RevealAnswer",
    samples=[
        "i give up",
        "(tell me|what is|what was|give me) the answer [to the riddle]",
        "what is the answer to (the|that|your) riddle",
        "i do not know [the answer]",
    ],
)
def reveal_answer(ctx: SkillContext) -> Response:
    """Say the answer to the last riddle."""
    index = ctx.persistent.get("last_riddle")
    if index is None or not 0 <= index < len(DATA.riddles):
        return Response.speak("I haven't asked you a riddle yet. Say: tell me a riddle.")
    riddle = DATA.riddles[index]
    ctx.session.attributes["riddle_open"] = False
    return Response.speak(f"The answer is: {riddle.answer}").card("Riddle", riddle.answer)


@skill.intent(
    "Another",
    samples=["(another|one more) [one] [please]", "again", "more"],
    context_only=True,
)
def another(ctx: SkillContext) -> Response:
    """Another joke or riddle, whichever came last."""
    if ctx.session.attributes.get("last") == "riddle":
        return tell_riddle(ctx)
    return tell_joke(ctx)


# Answers to "Want another one?": the dialog hands a bare yes or no to the skill holding the
# conversation when that skill has intents called Yes and No.
@skill.intent(
    "Yes", samples=["(yes|yeah|sure) (go on|why not)", "go on [then]", "hit me"], context_only=True
)
def yes(ctx: SkillContext) -> Response:
    """Yes to "want another one?"."""
    return another(ctx)


@skill.intent(
    "No", samples=["no more [jokes|riddles]", "that is enough [jokes|riddles]"], context_only=True
)
def no(ctx: SkillContext) -> Response:
    """No to "want another one?"."""
    return Response.speak("Okay.")


# -- coins, dice and numbers ---------------------------------------------------------------


def _whole(value: float | None) -> bool:
    return value is None or float(value).is_integer()


def _not_whole(what: str) -> Response:
    return Response.speak(f"I only do whole numbers for {what}.").with_error(
        "VALUE_OUT_OF_RANGE", "not a whole number"
    )


class Coins(BaseModel):
    """How many coins to flip."""

    # Numbers rather than ints, so that "flip 2.5 coins" gets an answer, not "I don't know that".
    count: Number | None = None


@skill.intent(
    "FlipCoin",
    samples=[
        "(flip|toss) a coin [for me]",
        "(can|could) you (flip|toss) a coin",
        "heads or tails",
        "coin (flip|toss)",
        "(flip|toss) {count} coins",
        "let us (flip|toss) a coin",
    ],
)
def flip_coin(ctx: SkillContext, slots: Coins) -> Response:
    """Flip one coin, or up to a hundred."""
    if not _whole(slots.count):
        return _not_whole("coins")
    count = 1 if slots.count is None else int(slots.count)
    if not 1 <= count <= 100:
        return Response.speak("I can flip between 1 and 100 coins at a time.").with_error(
            "VALUE_OUT_OF_RANGE", f"{count} coins"
        )
    flips = [ctx.rng.choice(("heads", "tails")) for _ in range(count)]
    if count == 1:
        return Response.speak(f"It's {flips[0]}.").card("Coin flip", flips[0].capitalize())
    heads = flips.count("heads")
    return Response.speak(f"{heads} heads and {count - heads} tails.").card(
        "Coin flips", ", ".join(flips)
    )


class Dice(BaseModel):
    """How many dice, and how many sides each."""

    count: Number | None = None
    sides: Number | None = None


@skill.intent(
    "RollDie",
    samples=[
        "(roll|throw) (a|the|one) (die|dice)",
        "(roll|throw) [the] dice",
        "(roll|throw) {count} dice",
        "(roll|throw) (a|one) {sides} sided (die|dice)",
        "(roll|throw) {count} {sides} sided dice",
        "(can|could) you roll (a|the) (die|dice)",
        "dice roll",
    ],
)
def roll_die(ctx: SkillContext, slots: Dice) -> Response:
    """Roll one or more dice with any number of sides (six by default)."""
    if not (_whole(slots.count) and _whole(slots.sides)):
        return _not_whole("dice")
    count = 1 if slots.count is None else int(slots.count)
    sides = 6 if slots.sides is None else int(slots.sides)
    if not 1 <= count <= 100:
        return Response.speak("I can roll between 1 and 100 dice at a time.").with_error(
            "VALUE_OUT_OF_RANGE", f"{count} dice"
        )
    if sides < 2:
        return Response.speak("A die needs at least two sides.").with_error(
            "VALUE_OUT_OF_RANGE", f"{sides} sides"
        )
    if sides > 1000:
        return Response.speak(
            "A die with more than a thousand sides is more of a ball. Pick up to 1000 sides."
        ).with_error("VALUE_OUT_OF_RANGE", f"{sides} sides")
    rolls = [ctx.rng.randint(1, sides) for _ in range(count)]
    kind = "" if sides == 6 else f" {sides} sided"
    if count == 1:
        return Response.speak(f"You rolled a {rolls[0]}.").card(f"1{kind} die", str(rolls[0]))
    listing = ", ".join(map(str, rolls[:-1])) + f" and {rolls[-1]}"
    return Response.speak(f"You rolled {listing}: {sum(rolls)} in total.").card(
        f"{count}{kind} dice", f"{' + '.join(map(str, rolls))} = {sum(rolls)}"
    )


class Range(BaseModel):
    """The range of a random number."""

    low: Number | None = None
    high: Number | None = None


_BIGGEST = 10**12


@skill.intent(
    "RandomNumber",
    samples=[
        "(pick|choose|give me|say|tell me) a [random] number",
        "(pick|choose|give me|say|tell me) a [random] number (between|from) {low} (and|to) {high}",
        "[a] random number (between|from) {low} (and|to) {high}",
        "(pick|choose|give me) a [random] number (up to|below|under|less than) {high}",
        "[generate] [a] random number",
        "pick a number any number",
    ],
)
def random_number(ctx: SkillContext, slots: Range) -> Response:
    """Pick a whole number in a range (1 to 10 unless told otherwise)."""
    if not (_whole(slots.low) and _whole(slots.high)):
        return _not_whole("random numbers")
    low = 1 if slots.low is None else int(slots.low)
    high = 10 if slots.high is None else int(slots.high)
    if slots.low is None and slots.high is not None and high < 1:
        low = 0
    note = ""
    if low > high:
        low, high = high, low
        note = f"I'll take that as {low} to {high}. "
    if max(abs(low), abs(high)) > _BIGGEST:
        return Response.speak("That's too big for me: I pick numbers up to a trillion.").with_error(
            "VALUE_OUT_OF_RANGE", f"{low} to {high}"
        )
    if low == high:
        return Response.speak(f"Between {low} and {low} there's only one choice: {low}.")
    number = ctx.rng.randint(low, high)
    return Response.speak(f"{note}{number}.").card("Random number", f"{number} ({low} to {high})")


# -- small talk ---------------------------------------------------------------------------------


@skill.intent(
    "HowAreYou",
    samples=[
        "how are you [doing|feeling] [today]",
        "how is it going",
        "how are things",
        "how do you do",
        "are you (ok|okay|alright|well)",
        "how is your day [going]",
        "what is up",
    ],
)
def how_are_you(ctx: SkillContext) -> Response:
    """Answer "how are you" (honestly, for a program)."""
    replies = (
        "I'm running smoothly, thanks for asking. How can I help?",
        "All my skills are loaded and I'm ready. What can I do for you?",
        "Very well, for a simulator. What would you like?",
    )
    return Response.speak(ctx.rng.choice(replies))


@skill.intent(
    "ThankYou",
    samples=[
        "thank you [very much|so much|a lot] [speaker]",
        "thanks [a lot|a bunch|so much] [speaker]",
        "(cheers|ta|much appreciated|many thanks) [mate]",
        "that is (great|perfect|helpful) thank you",
        "thank you that is (great|perfect|all|helpful)",
    ],
)
def thank_you(ctx: SkillContext) -> Response:
    """Say you're welcome."""
    return Response.speak(ctx.rng.choice(("You're welcome.", "Happy to help.", "Any time.")))


class PartOfDay(BaseModel):
    """Which greeting was said."""

    part: Annotated[
        # Not "night": "good night" is a bedtime scene in many homes (the smart-home skill runs
        # it), and a speaker that only says good night back would be in the way.
        str, SlotList("part_of_day", ["morning", "afternoon", "evening", "day"])
    ] = "morning"  # "top of the morning" names no part of the day: it is a morning greeting


def _part_of_day(hour: int) -> str:
    if 5 <= hour < 12:
        return "morning"
    if 12 <= hour < 18:
        return "afternoon"
    return "evening" if 18 <= hour < 23 else "night"


@skill.intent(
    "Greeting",
    samples=["good {part} [speaker|to you|everyone]", "{part} speaker", "top of the morning"],
)
def greeting(ctx: SkillContext, slots: PartOfDay) -> Response:
    """Return a "good morning", noticing when the clock says otherwise."""
    now = ctx.now()
    clock = now.strftime("%I:%M %p").lstrip("0").replace(":00 ", " ")
    actual = _part_of_day(now.hour)
    said = "morning" if slots.part == "day" and "morning" in ctx.text.lower() else slots.part
    if said == "day":
        return Response.speak(f"Good day to you too. It's {clock}.")
    if said == actual or (said == "evening" and actual == "night"):
        return Response.speak(f"Good {said}! It's {clock} on {now.strftime('%A')}.")
    return Response.speak(f"Good {said} to you too, though my clock says it's {clock}.")


@skill.intent(
    "WhoAreYou",
    samples=[
        # "exactly", "even", "really": the same question said more insistently.
        "(who|what) [even|exactly|actually|really] are you [exactly|really|actually|then]",
        "who am i (talking|speaking) to",
        "what is your name",
        "introduce yourself",
        "tell me about yourself",
        "who (made|built|created) you",
        "what should i call you",
    ],
)
def who_are_you(ctx: SkillContext) -> Response:
    """Say what this is: an illustrative simulator, not a product."""
    return Response.speak(
        "I'm speaker-sim, an illustrative smart speaker simulator running on this computer. "
        "I'm not a real assistant and I don't go online: my skills are small programs and "
        "their music, weather and news are made up."
    ).for_profile(
        "kids",
        "I'm a pretend smart speaker that lives in this computer. "
        "I know jokes, riddles and games. Want to hear a joke?",
    )


@skill.intent(
    "AreYouARobot",
    samples=[
        "are you (a|an) [real|actual] (robot|machine|computer|bot|program|person|human|ai)",
        "are you [even|actually|really] (real|human|alive|a real assistant)",
        "am i (talking|speaking) to a (robot|machine|person|human|real person|computer)",
        "is this a (robot|machine|real person|person|human)",
    ],
)
def are_you_a_robot(ctx: SkillContext) -> Response:
    """Answer honestly: a program, an illustrative simulator."""
    return Response.speak(
        "No person here: I'm a program, an illustrative simulator of a smart speaker. "
        "Everything I say comes from small skills and made-up data."
    ).for_profile(
        "kids",
        "I'm not a person. I'm a computer program pretending to be a speaker, "
        "and my songs and stories are made up.",
    )
