"""Device profiles: the profile in the Turn and the SDK, the kids allow-list and bedtime, a skill's
own words per profile, and the rules file's errors (file, line, cause)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from pydantic import BaseModel

from simulator.cli import main
from simulator.engine import Simulator
from simulator.profiles import ProfileError, load_profile
from simulator.sdk import Response, Skill, SkillContext

EVENING = datetime(2026, 6, 1, 17, 0)
NIGHT = datetime(2026, 6, 1, 21, 0)

# A stand-in ordering skill (the bundled one arrives separately): the kids profile must refuse it
# before it asks anything.
shop = Skill("toyshop", description="Orders toys from a pretend shop")


class OrderSlots(BaseModel):
    """What to order."""

    item: str | None = None


@shop.intent("PlaceOrder", samples=["buy [a|some] {item} from the toyshop"])
def place_order(ctx: SkillContext, slots: OrderSlots) -> Response:
    """Order something."""
    return Response.ask("What size?")


profiled = Skill("profiled", description="Says which profile it runs under")


@profiled.intent("WhichProfile", samples=["which profile"])
def which_profile(ctx: SkillContext) -> Response:
    """Say the profile, in each profile's own words."""
    return (
        Response.speak(f"I run as {ctx.profile}; screen: {ctx.has_screen}.")
        .card("Profile", ctx.profile)
        .for_profile("kids", "Hello friend!")
    )


def make(profile: str, now: datetime = EVENING, rules: Path | None = None) -> Simulator:
    # No learned stage: the profile acts on the routed intent, and these requests are the
    # templates'. The stand-ins make a skill set of their own, whose model the first request
    # with a free-text slot would train (the router's spelling check asks for its samples):
    # about 8 s of CPU for nothing these tests look at.
    sim = Simulator.create(now=now, seed=0, extra_skills=[shop, profiled], learned="off")
    sim.clock.paused = True
    sim.profile = load_profile(profile, rules)
    return sim


def test_kids_refuses_an_order_kindly_before_asking_anything() -> None:
    sim = make("kids")
    assert sim.handle_sync("buy some sweets from the toyshop").speech != "What size?"
    turn = sim.handle_sync("buy a kite from the toyshop")
    assert turn.error is not None and turn.error.code == "PROFILE_BLOCKED"
    assert "grown-up" in (turn.speech or "")
    assert turn.session_ended and turn.dialog.open_question is None
    assert turn.profile == "kids"
    assert any(s.stage == "profile" for s in turn.trace)
    assert turn.trace[0].detail["profile"] == "kids"
    # The same request under the speaker profile goes through.
    assert make("speaker").handle_sync("buy a kite from the toyshop").speech == "What size?"


def test_kids_refuses_unlocking_and_opening_a_blocked_skill() -> None:
    sim = make("kids")
    turn = sim.handle_sync("unlock the front door")
    assert turn.error is not None and turn.error.code == "PROFILE_BLOCKED"
    assert turn.dialog.open_question is None  # no "Unlock front door?" question
    assert sim.handle_sync("open toyshop").error is not None
    locking = sim.handle_sync("lock the front door")  # locking is fine (it already is)
    assert locking.intent == "Lock" and locking.error is not None
    assert locking.error.code == "ALREADY_IN_STATE"


def test_bedtime_stops_music_and_games_kindly() -> None:
    evening = make("kids").handle_sync("tell me a joke")
    assert evening.error is None and evening.skill == "fun"
    night = make("kids", NIGHT)
    turn = night.handle_sync("tell me a joke")
    assert turn.error is not None and turn.error.code == "PROFILE_BLOCKED"
    assert "bedtime" in (turn.speech or "") and "sleep well" in (turn.speech or "").lower()
    assert night.handle_sync("what time is it").error is None  # the clock still answers


def test_skills_read_the_profile_and_can_word_answers_for_it(tmp_path: Path) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text("kids:\n  allowed_skills: [profiled]\n")
    assert make("kids", rules=rules).handle_sync("which profile").speech == "Hello friend!"
    screen = make("screen").handle_sync("which profile")
    assert screen.speech == "I run as screen; screen: True."
    assert screen.profile == "screen"


def test_a_malformed_rules_file_names_file_line_and_cause(tmp_path: Path) -> None:
    rules = tmp_path / "profiles.yaml"
    rules.write_text("kids:\n  allowed_skills: [timer]\n  bedtime: '25:00'\n")
    with pytest.raises(ProfileError) as caught:
        load_profile("kids", rules)
    assert str(caught.value).startswith(f"{rules}:3: kids.bedtime:")
    assert "19:30" in str(caught.value)
    rules.write_text("kids:\n  alowed_skills: [timer]\n")
    with pytest.raises(ProfileError, match=r":2: kids.alowed_skills"):
        load_profile("kids", rules)


def test_cli_profile_options(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rules = tmp_path / "profiles.yaml"
    rules.write_text("kids:\n  allowed_skills: [clock]\n")
    base = ["--state", str(tmp_path), "--now", "2026-06-01T17:00"]
    assert (
        main(
            [
                "say",
                *base,
                "--profile",
                "kids",
                "--profile-rules",
                str(rules),
                "--json",
                "set a timer for 5 minutes",
            ]
        )
        == 0
    )
    turn = json.loads(capsys.readouterr().out)
    assert turn["profile"] == "kids" and turn["error"]["code"] == "PROFILE_BLOCKED"
    # The state directory's profiles.yaml is read when no file is given.
    rules.write_text("kids:\n  bedtime: 7pm\n")
    assert main(["say", *base, "--profile", "kids", "hello"]) == 2
    err = capsys.readouterr().err
    assert "profiles.yaml:2: kids.bedtime" in err and "Traceback" not in err


def test_music_playing_at_bedtime_stops_with_a_kind_word() -> None:
    sim = make("kids", datetime(2026, 6, 1, 19, 20))
    assert sim.handle_sync("play some jazz").error is None
    assert sim.focus_skill() == "music"
    turns = sim.advance_sync(timedelta(minutes=15))
    said = [t for t in turns if t.speech and "bedtime" in t.speech]
    assert len(said) == 1 and said[0].kind == "proactive" and said[0].profile == "kids"
    assert any(c.attribute == "playback" and c.new == "stopped" for c in said[0].device_changes)
    assert sim.focus_skill() is None
    # Said once: later advances find nothing playing.
    assert not any("bedtime" in (t.speech or "") for t in sim.advance_sync(timedelta(minutes=5)))


def test_kids_refuses_the_bundled_ordering_skill_kindly() -> None:
    sim = Simulator.create(now=EVENING, seed=0)
    sim.profile = load_profile("kids")
    for text in ("order a pizza", "order me two pizzas"):
        turn = sim.handle_sync(text)
        assert turn.skill == "ordering", (text, turn.skill)
        assert turn.error is not None and turn.error.code == "PROFILE_BLOCKED"
        assert "grown-up" in (turn.speech or "") and turn.dialog.open_question is None
