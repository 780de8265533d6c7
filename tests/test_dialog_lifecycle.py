"""The dialog owns the session lifecycle (issue 7): start, expiry, end, refusal and reset happen
in `DialogManager`; the engine only calls it."""

from __future__ import annotations

import datetime as dt

from simulator.dialog.manager import DialogManager
from simulator.nlu.normalize import normalize
from simulator.routing.router import Router
from simulator.sdk import Response, Skill, SkillContext
from simulator.sdk.slots import SlotEnv

NOW = dt.datetime(2026, 6, 1, 9, 0)

radio = Skill("radio", description="A radio")


@radio.intent("Play", samples=["play the radio"])
def play(ctx: SkillContext) -> Response:
    """Ask a question back, so a session is open."""
    return Response.ask("Which station?")


@radio.on_stop
def stop(ctx: SkillContext) -> Response:
    """Say goodbye."""
    return Response.speak("Radio off.")


def _dialog() -> DialogManager:
    return DialogManager(Router([radio]), timeout=90.0)


def _plan(dialog: DialogManager, text: str, now: dt.datetime = NOW) -> str:
    decision = dialog.router.route(
        normalize(text).split(),
        env=SlotEnv(),
        question=dialog.open_question(),
        active_skill=dialog.session.skill if dialog.session else None,
    )
    return dialog.plan(decision, now).action


def test_a_session_starts_with_a_request_and_expires_when_idle() -> None:
    dialog = _dialog()
    assert _plan(dialog, "play the radio") == "intent"
    assert dialog.finish(Response.ask("Which station?"), "radio", NOW, intent="Play") is False
    assert dialog.listening(NOW + dt.timedelta(seconds=60))
    assert dialog.expire(NOW + dt.timedelta(seconds=91)) is True
    assert dialog.session is None


def test_stop_ends_the_session_in_the_dialog() -> None:
    dialog = _dialog()
    _plan(dialog, "play the radio")
    dialog.finish(Response.ask("Which station?"), "radio", NOW, intent="Play")
    assert _plan(dialog, "stop") == "stop"
    assert dialog.session is None  # ended by the plan, not by the engine


def test_a_refusal_keeps_the_session_and_drops_the_question() -> None:
    dialog = _dialog()
    _plan(dialog, "play the radio")
    asked = Response.ask_which("Radio 1 or Radio 2?", ["radio 1", "radio 2"])
    dialog.finish(asked, "radio", NOW, intent="Play")
    assert dialog.session is not None and dialog.session.question is not None
    dialog.refuse(NOW)
    assert dialog.session is not None and dialog.session.question is None


def test_reset_forgets_the_conversation() -> None:
    dialog = _dialog()
    _plan(dialog, "play the radio")
    dialog.finish(Response.ask("Which station?"), "radio", NOW, intent="Play")
    dialog.reset()
    assert dialog.session is None and dialog.context.last_speech is None
