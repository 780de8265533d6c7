"""The turn pipeline: one utterance (or one fired clock item) through every stage to a `Turn`.

::

    text -> wake word -> normalise -> route -> dialog -> skill handler -> response -> speech

Each stage adds a ``{stage, ms, detail}`` step to the turn's trace and records what it decided on
the turn's `TurnRun`. The pipeline reads and changes the simulator's parts (dialog, clock, home,
skill data); saving and telling listeners is the `Simulator`'s job, after the pipeline returns.
"""

from __future__ import annotations

import functools
import random
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from simulator.clock import ScheduledItem
from simulator.dialog.manager import Plan
from simulator.engine import transaction
from simulator.engine.guards import storable_problem
from simulator.engine.isolation import HandlerResult, arity, handler_name, run_handler
from simulator.engine.record import build_turn
from simulator.engine.turn import Failure, TurnRun
from simulator.models import Turn
from simulator.nlu.normalize import MAX_UTTERANCE_CHARS, clause_breaks, clean_display, normalize
from simulator.routing.router import OpenQuestion, RouteDecision
from simulator.sdk.context import Catalog, Session, SkillContext
from simulator.sdk.i18n import detect_language, system_text
from simulator.sdk.response import Response
from simulator.sdk.skill import Handler, Skill

if TYPE_CHECKING:
    from simulator.engine.simulator import Simulator

__all__ = ["run_bedtime", "run_scheduled", "run_utterance", "strip_wake_word"]


async def run_utterance(sim: Simulator, text: str) -> Turn:
    """Run one utterance through the pipeline and return its `Turn` (not yet saved)."""
    now = sim.clock.now()
    if sim.home is not None:
        sim.home.clock = now  # device events carry the virtual time of the turn
    sim.events.clear()
    text = text if isinstance(text, str) else str(text)
    given_length = len(text)
    if len(text) > MAX_UTTERANCE_CHARS * 4:
        text = text[: MAX_UTTERANCE_CHARS * 4]  # cleaning 100k characters is wasted work
    display = clean_display(text)
    run = TurnRun(text=display, now=now, profile=sim.profile.name)
    expired = sim.dialog.expire(now)
    # The language of the turn: the utterance's own, else the conversation's ("5" answering a
    # Chinese question is Chinese), else the --lang default.
    run.language = detect_language(display) or sim.dialog.language or sim.language
    if display:
        sim.dialog.language = run.language
    sim.dialog.turn_language = run.language

    def say(sentence: str, **values: object) -> Response:
        return Response.speak(system_text(sentence, run.language, **values))

    if len(display) > MAX_UTTERANCE_CHARS:
        run.text = display[:200] + "..."
        run.watch.lap("input", chars=len(text), rejected="too long")
        length = max(given_length if given_length > len(text) else 0, len(display))
        run.answer(
            say("That's too long for me to take in. Try saying it in fewer words."),
            error=Failure(
                "INPUT_TOO_LONG", f"{length} characters; the limit is {MAX_UTTERANCE_CHARS}"
            ),
        )
        return finish(sim, run)
    # The profile shows in the trace when it is not the plain speaker's.
    shown = {"profile": sim.profile.name} if sim.profile.name != "speaker" else {}
    run.watch.lap("input", chars=len(text), session_expired=expired, **shown)
    if not display:
        response = sim.dialog.silence(now)
        run.watch.lap("dialog", silence=True, reprompted=bool(response and response.speech))
        return finish(sim, run.answer(response, kind="silence"))
    said = display
    if sim.asr is not None and run.language == "en":
        # The simulated recogniser knows English confusions only; Chinese is heard as typed.
        # What the speaker heard, not what was typed, goes on to be understood.
        run.heard = sim.asr.recognise(display, names=sim.device_names())
        said = run.heard.heard
        run.watch.lap(
            "asr",
            heard=said,
            confidence=run.heard.n_best[0].confidence,
            changes=run.heard.changes,
        )
    words = heard_words = normalize(said).split()
    stripped = strip_wake_word(sim, words)
    if stripped is None:
        run.watch.lap("wake_word", heard=False, wake_word=sim.wake_word)
        return finish(sim, run.answer(None, kind="silence", note="no wake word: ignored"))
    heard_wake_word = len(stripped) != len(words)
    if heard_wake_word:
        run.watch.lap("wake_word", heard=True)
    words = stripped
    run.watch.lap("normalise", tokens=words)
    if not words:
        if heard_wake_word:
            # The wake word alone: the speaker starts listening for the request.
            sim.dialog.ensure_session(now)
            run.watch.lap("wake_word", listening=True)
            return finish(sim, run.answer(Response.silent().keep_session(), kind="silence"))
        response = say("Sorry, I didn't catch that.")
        return finish(sim, run.answer(response, error=Failure("NO_WORDS", "no words to route")))
    session = sim.dialog.session
    focus = sim.focus_skill()
    sim.dialog.focus_skill = focus
    decision = sim.router.route(
        words,
        breaks=clause_breaks(said, len(heard_words) - len(words)),
        typed=said,
        skip=len(heard_words) - len(words),
        env=sim.slot_env(),
        question=sim.dialog.open_question(),
        active_skill=session.skill if session else None,
        focus_skill=focus,
    )
    run.decision = decision
    best = decision.best
    run.watch.lap(
        "route",
        source=decision.source,
        intent=best.intent if best else None,
        skill=best.skill if best else None,
        confidence=best.confidence if best else 0.0,
        candidates=len(decision.candidates),
    )
    answer: str | None = None
    if sim.llm is not None and _asks_model(sim.llm.mode, decision, sim.dialog.open_question()):
        decision, answer = await _ask_model(sim, run, decision, display)
        run.decision = decision
    refused = _refusal(sim, decision, now)
    if refused is not None:
        speech, reason = refused
        sim.dialog.refuse(now)
        run.watch.lap("profile", profile=sim.profile.name, refused=reason)
        return finish(
            sim,
            run.answer(
                Response.speak(speech).end_session(),
                error=Failure("PROFILE_BLOCKED", reason),
            ),
        )
    run.plan = plan = sim.dialog.plan(decision, now)
    if answer is not None and plan.action == "say" and decision.best is None:
        # The model answered in words: that answer replaces the fallback.
        run.plan = plan = Plan("say", Response.speak(answer), note="the model answered in words")
    run.watch.lap("dialog", action=plan.action, note=plan.note)
    await _execute(sim, run)
    return finish(sim, run)


def _asks_model(mode: str, decision: RouteDecision, question: OpenQuestion | None) -> bool:
    """Whether this turn goes to the model.

    In ``fallback`` mode only when nothing cleared the threshold and no question is open (an
    unclear answer to the speaker's own question is re-asked, as without a model): a sentence a
    local skill understands never leaves the machine. In ``llm`` mode every turn but answers to
    an open question and the built-ins (stop, yes, help...), which are dialog mechanics.
    """
    best = decision.best
    if mode == "llm":
        return best is None or best.source not in ("context", "builtin")
    return best is None and question is None


async def _ask_model(
    sim: Simulator, run: TurnRun, decision: RouteDecision, text: str
) -> tuple[RouteDecision, str | None]:
    """Ask the model; returns the decision to plan with and its text answer, if it gave one.

    A tool call becomes the decision's winner (source ``llm``; the local readings stay as
    alternatives). A failure keeps the local decision, so the normal fallback answers.
    """
    assert sim.llm is not None
    profile = sim.profile
    outcome = await sim.llm.ask(
        text,
        sim.skills,
        sim.slot_env(),
        allowed=profile.allows if profile.name == "kids" else None,
        note=profile.model_note(),
    )
    detail = outcome.detail
    if outcome.kind == "tool" and outcome.candidate is not None:
        best = outcome.candidate
        run.watch.lap("llm", outcome="tool_call", **detail)
        others = [c for c in decision.candidates if c is not best]
        return RouteDecision(best, [best, *others], decision.tokens, {}), None
    if outcome.kind == "text" and outcome.text is not None:
        run.watch.lap("llm", outcome="text", **detail)
        run.source = "llm"
        run.explanation = f"the model answered in words ({outcome.ms:.0f} ms)"
        kept = RouteDecision(None, decision.candidates, decision.tokens, {"llm": detail})
        return kept, outcome.text
    run.watch.lap("llm", outcome="error", **detail)
    code, message = outcome.error or ("LLM_BAD_RESPONSE", "")
    details = {**decision.details, "llm": detail}
    if decision.best is None:
        run.explanation = f"the model could not help ({code}: {message}); fallback"
    return RouteDecision(decision.best, decision.candidates, decision.tokens, details), None


def _refusal(sim: Simulator, decision: RouteDecision, now: datetime) -> tuple[str, str] | None:
    """The profile's kind refusal when it does not let the routed skill answer (kids)."""
    best = decision.best
    if best is None or sim.profile.name == "speaker":
        return None
    skill: str = best.skill
    intent: str | None = best.intent
    if best.source == "builtin":
        if best.intent != "Launch" or "skill_name" not in best.slots:
            return None  # stop, help, yes... are always allowed
        skill, intent = str(best.slots["skill_name"].value), None
    owner = next((s for s in sim.skills if s.name == skill), None)
    spoken = (owner.invocation or owner.name) if owner else None
    return sim.profile.refusal(skill, intent, now, spoken=spoken)


async def run_scheduled(sim: Simulator, item: ScheduledItem) -> Turn:
    """The proactive turn of a clock item that fell due: its skill's fire handler, or its ``say``."""
    run = TurnRun(
        text=None,
        now=sim.clock.now(),
        kind="proactive",
        skill=item.owner or None,
        profile=sim.profile.name,
    )
    run.language = str(item.payload.get("language") or sim.dialog.language or sim.language)
    run.watch.lap("clock", item=item.id, kind=item.kind, label=item.label, due=item.due.isoformat())
    before = len(sim.events)
    skill = next((s for s in sim.skills if s.name == item.owner), None)
    if skill is not None and skill.fire_handler is not None:
        await _invoke(sim, run, skill, skill.fire_handler, extra_args=[item])
    else:
        say = item.payload.get("say")
        label = f"{item.label} " if item.label else ""
        run.answer(
            Response.speak(
                str(say)
                if say
                else system_text(
                    "Your {label}{kind} is done.", run.language, label=label, kind=item.kind
                )
            )
        )
    run.events = sim.events[before:]
    return finish(sim, run, collect_events=False)


def run_bedtime(sim: Simulator) -> Turn | None:
    """Under the kids profile at bedtime: stop what a bedtime skill (music) plays, kindly.

    Returns the proactive turn that says so, or None when nothing needed stopping.
    """
    profile, home = sim.profile, sim.home
    now = sim.clock.now()
    if home is None or not profile.bedtime(now):
        return None
    stopping = profile.rules.kids.bedtime_skills
    playing = [
        d
        for d in home.devices.values()
        if d.has("media")
        and d.online
        and d.get("playback") != "stopped"
        and d.get("media_app") in stopping
    ]
    if not playing:
        return None
    before = len(sim.events)
    # The speaker itself stops it (no one spoke): recorded like the simulation's own changes.
    home.execute(playing, "stop_playback", cause="simulation", at=now)
    run = TurnRun(text=None, now=now, kind="proactive", profile=profile.name)
    run.language = sim.dialog.language or sim.language
    run.watch.lap("profile", profile=profile.name, bedtime=profile.rules.kids.bedtime)
    run.answer(Response.speak(profile.rules.kids.messages.bedtime_stop))
    run.events = sim.events[before:]
    return finish(sim, run, collect_events=False)


def finish(sim: Simulator, run: TurnRun, *, collect_events: bool = True) -> Turn:
    """Close the turn: let the dialog end or keep the session, time the response, build the record."""
    response = run.response
    if response is not None and response.profile_speech:
        # A skill's own words for this profile (gentler for kids, shorter beside a screen).
        screen_ok = sim.profile.name != "screen" or sim.profile.rules.screen.short_speech
        speech = response.speech_for(sim.profile.name) if screen_ok else response.speech
        if speech != response.speech:
            run.response = response = response.model_copy(update={"speech": speech})
            run.watch.lap("profile", profile=sim.profile.name, speech="the skill's own version")
    if response is not None and run.kind != "proactive":
        ended = sim.dialog.finish(
            response,
            run.skill,
            run.now,
            intent=run.plan.intent if run.plan else None,
            filled=run.plan.filled if run.plan else None,
            chosen=run.plan.chosen if run.plan else (),
        )
    elif response is not None and not response.ends_session:
        # A proactive turn that keeps listening (a ringing alarm) hands the conversation to
        # its skill, so a bare "stop" or "snooze" reaches that skill.
        ended = sim.dialog.hold(response, run.skill, run.now)
    else:
        ended = sim.dialog.session is None
    if collect_events:
        run.events = list(sim.events)
    note = {"note": run.note} if run.note else {}
    run.watch.lap(
        "response", speech=response.speech if response else None, session_ended=ended, **note
    )
    return build_turn(run, session=sim.dialog.session, ended=ended)


def strip_wake_word(sim: Simulator, words: list[str]) -> list[str] | None:
    """Remove a leading wake word; None when wake-word mode is on and the speaker is not
    listening (no wake word, and no session open waiting for an answer)."""
    from simulator.engine.simulator import DEFAULT_WAKE_WORD

    wake = (sim.wake_word or DEFAULT_WAKE_WORD).split()
    if words[: len(wake)] == wake:
        return words[len(wake) :]
    if sim.wake_word is None or sim.dialog.session is not None:
        # While a session is open the speaker is listening: follow-ups need no wake word.
        return words
    return None


async def _execute(sim: Simulator, run: TurnRun) -> None:
    """Carry out the dialog's plan: speak, or run the right handler of the right skill."""
    plan = run.plan
    assert plan is not None
    if plan.action == "say":
        error = Failure(*plan.error) if plan.error else None
        run.answer(plan.response, skill=plan.skill, error=error)
        return
    skills = {s.name: s for s in sim.skills}
    skill = skills.get(plan.skill or "")
    if plan.action == "launch":
        if skill is None:
            run.answer(Response.speak(system_text("Sorry, I don't have that skill.", run.language)))
        elif skill.launch_handler is None:
            lang = run.language
            name = skill.invocations.get(lang) or skill.invocation or skill.name
            speech = system_text("{name} is ready.", lang, name=name[:1].upper() + name[1:])
            description = skill.descriptions.get(lang) or skill.description
            if description:
                speech += ("" if lang.startswith("zh") else " ") + description
                speech += "。" if lang.startswith("zh") else "."
            space = "" if lang.startswith("zh") else " "
            question = system_text("What would you like?", lang)
            run.answer(Response.ask(speech + space + question), skill=skill.name)
        else:
            await _invoke(sim, run, skill, skill.launch_handler)
        return
    if plan.action == "help":
        if skill is None or skill.help_handler is None:
            skill = skills.get("help")
        if skill is None or skill.help_handler is None:
            lang = run.language
            names = ("、" if lang.startswith("zh") else ", ").join(
                s.invocations.get(lang) or s.invocation or s.name for s in sim.skills
            )
            run.answer(
                Response.speak(system_text("I have these skills: {names}.", lang, names=names))
            )
        else:
            await _invoke(sim, run, skill, skill.help_handler)
        return
    if plan.action == "stop":
        if skill is None or skill.stop_handler is None:
            run.answer(
                Response.speak(system_text("Okay.", run.language)).end_session(), skill=plan.skill
            )
        else:
            await _invoke(sim, run, skill, skill.stop_handler)
        return
    spec = skill.intents.get(plan.intent or "") if skill else None
    if skill is None or spec is None:
        run.answer(Response.speak(system_text("Sorry, I don't know that one.", run.language)))
        return
    await _invoke(
        sim,
        run,
        skill,
        spec.handler,
        intent=plan.intent,
        slots=plan.slots,
        raw=plan.raw_slots,
        choices=plan.choices,
        chosen=plan.chosen,
    )


async def _invoke(
    sim: Simulator,
    run: TurnRun,
    skill: Skill,
    handler: Handler,
    *,
    intent: str | None = None,
    slots: BaseModel | None = None,
    raw: dict[str, str] | None = None,
    choices: tuple[str, ...] = (),
    chosen: tuple[str, ...] = (),
    extra_args: Sequence[Any] = (),
) -> None:
    """Run a handler in isolation, under the skill's timeout, and record its outcome on ``run``.

    The handler's changes are a transaction: kept only when it returns a response in time.
    """
    dialog_session = sim.dialog.ensure_session(sim.clock.now())
    txn = transaction.begin(
        skill.name,
        skill_data=sim.skill_data,
        session=dialog_session,
        clock=sim.clock,
        home=sim.home,
    )
    ctx = SkillContext(
        skill=skill.name,
        intent=intent,
        text=run.text or "",
        session=Session(
            id=dialog_session.id,
            new=dialog_session.skill != skill.name,
            attributes=txn.attributes,
        ),
        persistent=txn.persistent,
        clock=txn.clock,
        home=txn.home,
        catalog=Catalog(functools.partial(sim.catalog_for, run.language)),  # made if read
        raw_slots=raw or {},
        rng=random.Random(sim.rng.random()),
        seed=sim.seed,
        choices=choices,
        chosen=chosen,
        gate=txn.gate,
        profile=sim.profile.name,
        language=run.language,
        messages=skill.messages.get(run.language, {}),
    )
    txn.clock.language = run.language
    if extra_args:
        args: list[Any] = [ctx, *extra_args]
    else:
        args = [ctx] if slots is None and arity(handler) == 1 else [ctx, slots]
    name = handler_name(handler)
    result = await run_handler(handler, args, skill.timeout, skill=skill.name)
    if result.response is not None:
        # What the handler left must be storable as JSON, or none of it is kept.
        problem = storable_problem(txn.persistent, "ctx.persistent") or storable_problem(
            txn.attributes, "ctx.session.attributes"
        )
        if problem is not None:
            message = f"{name} left data that cannot be stored: {problem}"
            result = HandlerResult(None, Failure("SKILL_ERROR", message), raised="UnstorableData")
    if result.response is not None:
        txn.commit()
    else:
        txn.rollback()
    if result.timed_out:
        run.watch.lap("skill", skill=skill.name, handler=name, timed_out=True)
    elif result.raised is not None:
        run.watch.lap("skill", skill=skill.name, handler=name, raised=result.raised)
    else:
        # Structured facts the skill added (a remote skill's envelopes) join the step's detail.
        extra = {
            k: v for k, v in ctx.trace_detail.items() if k not in ("skill", "handler", "notes")
        }
        run.watch.lap("skill", skill=skill.name, handler=name, notes=ctx.notes, **extra)
    run.notes = list(ctx.notes)
    if result.response is not None:
        run.reread = dict(ctx.reread)
        run.answer(result.response, skill=skill.name)
        return
    spoken_name = skill.invocation or skill.name
    spoken_name = skill.invocations.get(run.language) or spoken_name
    speech = system_text(
        "Sorry, {name} took too long to answer."
        if result.timed_out
        else "Sorry, something went wrong in {name}.",
        run.language,
        name=spoken_name,
    )
    run.answer(Response.speak(speech), skill=skill.name, error=result.failure)
