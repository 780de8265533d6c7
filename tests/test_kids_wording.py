"""Kids' wording: under ``--profile kids`` the bundled skills that offer gentler, simpler words
(`Response.for_profile("kids", ...)`) say them, and every other profile keeps its own speech.

One simulator serves every case; the profile is switched between turns, as the TUI palette does.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import pytest

from simulator.engine import Simulator
from simulator.profiles import load_profile
from tests.conftest import RunCli

MORNING = datetime(2026, 6, 1, 10, 0)
"""Well before the kids' bedtime, so music and fun answer."""


@pytest.fixture(scope="module")
def sim() -> Iterator[Simulator]:
    s = Simulator.create(now=MORNING, seed=0)
    s.clock.paused = True
    yield s
    s.close()


def _say(sim: Simulator, profile: str, text: str) -> tuple[str | None, str]:
    """The turn's intent and speech under ``profile``, in a fresh session."""
    sim.profile = load_profile(profile)
    turn = sim.handle_sync(text)
    sim.handle_sync("stop")  # leave no question open for the next case
    return turn.intent, turn.speech or ""


@pytest.mark.parametrize(
    ("text", "intent", "kids_words", "adult_words"),
    [
        (
            "set a timer for 5 minutes",
            "StartTimer",
            "I've started a timer for 5 minutes",
            "Timer set",
        ),
        ("who are you", "WhoAreYou", "pretend smart speaker", "illustrative smart speaker"),
        ("are you a robot", "AreYouARobot", "I'm not a person.", "No person here"),
        ("what's 1 divided by 0", "Calculate", "zero groups", "you can't divide by zero"),
        ("who invented the telephone", "UnknownFact", "library book", "can't look that up"),
        ("what's the weather in cairo", "GetWeather", "This is pretend weather.", "Simulated"),
        ("will it rain in cairo", "WillItRain", "no umbrella needed", "percent chance"),
        ("play some jazz", "PlayMusic", "Enjoy the music!", "Playing jazz"),
    ],
)
def test_kids_hear_their_own_words_and_others_do_not(
    sim: Simulator, text: str, intent: str, kids_words: str, adult_words: str
) -> None:
    kids_intent, kids = _say(sim, "kids", text)
    adult_intent, adult = _say(sim, "speaker", text)
    assert kids_intent == adult_intent == intent
    assert kids_words in kids and adult_words not in kids
    assert adult_words in adult and kids_words not in adult


def test_a_riddle_guessed_wrong_is_encouraged(sim: Simulator) -> None:
    sim.profile = load_profile("kids")
    sim.handle_sync("tell me a riddle")
    wrong = sim.handle_sync("a banana sandwich")
    assert wrong.intent == "GuessRiddle"
    assert "good guess" in (wrong.speech or "")
    sim.handle_sync("stop")


def test_the_weather_tip_follows_the_day(sim: Simulator) -> None:
    """A wet day gets the raincoat, a dry one none: the tip is worked out, not fixed."""
    sim.profile = load_profile("kids")
    speeches = []
    for city in ("london", "cairo", "oslo", "tokyo", "sydney", "mumbai"):
        for day in ("today", "tomorrow", "on saturday"):
            speeches.append(sim.handle_sync(f"what's the weather in {city} {day}").speech or "")
            sim.handle_sync("stop")
    tips = {s.rsplit(". ", 1)[-1] for s in speeches}
    assert len(tips) >= 2, tips


def test_the_cli_says_kids_words_under_profile_kids(run_cli: RunCli) -> None:
    done = run_cli(["say", "are you a robot", "--profile", "kids", "--now", "2026-06-01T10:00"])
    assert done.returncode == 0, done.stderr
    assert "I'm not a person." in done.stdout
