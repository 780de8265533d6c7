"""The dialog manager: what to do with a routed utterance, given the conversation so far.

It turns the router's decision into a `Plan`: either say something straight away (a fallback, a
question for a missing slot, a re-ask after an invalid value, a confirmation) or invoke a skill's
handler with validated slots. It owns the session's whole lifecycle in one place: it starts a
session (`ensure_session`), expires it after the idle timeout (`expire`), ends it (a stop, a
goodbye, a response that ends it: `plan`, `finish`, `silence`), holds it for a proactive turn
that listens (`hold`) and clears its question (`refuse`); the engine only calls these. It also
owns the open question and the built-in intents: help, stop, cancel, repeat, yes and no.

It runs no skill code itself; the engine does that and reports back with :meth:`finish`.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ValidationError

from simulator.dialog.state import DialogContext, DialogSession, Question, filled_to_json
from simulator.routing.router import BUILTIN_SKILL, Candidate, OpenQuestion, RouteDecision, Router
from simulator.sdk.i18n import is_chinese, spoken_in, system_text
from simulator.sdk.response import Response
from simulator.sdk.skill import IntentSpec
from simulator.sdk.slots import fill_template, spoken_value

__all__ = ["FALLBACK_SPEECH", "DialogManager", "Plan"]

FALLBACK_SPEECH = "Sorry, I don't know that one."
"""What the speaker says when nothing clears the router's threshold."""

_MAX_ATTEMPTS = 3


@dataclass
class Plan:
    """What the engine should do for this turn.

    ``action`` is ``say`` (speak ``response``) or one of ``intent``, ``launch``, ``help`` and
    ``stop`` (invoke that handler of ``skill``).
    """

    action: Literal["say", "intent", "launch", "help", "stop"]
    response: Response | None = None
    skill: str | None = None
    intent: str | None = None
    slots: BaseModel | None = None
    raw_slots: dict[str, str] = field(default_factory=dict)
    filled: dict[str, dict[str, Any]] = field(default_factory=dict)
    """The slots as the router read them: name -> {"value": <typed value>, "raw": words}."""
    error: tuple[str, str] | None = None
    note: str = ""
    """A line for the trace explaining the decision."""
    choices: tuple[str, ...] = ()
    """For an answer to "which one?": the ids the question offered (``ctx.choices``)."""
    chosen: tuple[str, ...] = ()
    """For an answer to "which one?": the ids the answer picked (``ctx.chosen``)."""

    @property
    def json_slots(self) -> dict[str, dict[str, Any]]:
        """The slots as JSON, for the `Turn` (the typed values stay with the handler)."""
        return filled_to_json(self.filled)


class DialogManager:
    """Sessions, built-in intents, elicitation and confirmation for one speaker."""

    def __init__(self, router: Router, *, timeout: float = 90.0) -> None:
        """``timeout``: seconds of virtual time a session stays open without input."""
        self.router = router
        self.timeout = timeout
        self.context = DialogContext()
        self.focus_skill: str | None = None
        """The skill playing media in the foreground, set by the engine before each plan: with
        no conversation open, "stop" goes to it (the music stops, not the conversation)."""
        self.language: str | None = None
        """The conversation's language: the last utterance's that showed one."""
        self.turn_language = "en"
        """The language of the turn being planned (set by the engine): questions and the
        speaker's own sentences are in it."""

    def _say(self, sentence: str, **values: object) -> str:
        """One of the speaker's own sentences in the turn's language."""
        return system_text(sentence, self.turn_language, **values)

    # -- session bookkeeping -------------------------------------------------------------

    @property
    def session(self) -> DialogSession | None:
        """The open session, if any."""
        return self.context.session

    def listening(self, now: datetime) -> bool:
        """Whether a session is open and has not been idle too long."""
        session = self.context.session
        return session is not None and not session.expired(now, self.timeout)

    def expire(self, now: datetime) -> bool:
        """End the session if it has been idle too long; True if it did."""
        session = self.context.session
        if session is not None and session.expired(now, self.timeout):
            self.context.session = None
            return True
        return False

    def ensure_session(self, now: datetime) -> DialogSession:
        """The open session, or a new one."""
        if self.context.session is None:
            self.context.session_count += 1
            self.context.session = DialogSession(
                id=uuid.uuid4().hex[:12], started=now, last_active=now
            )
        return self.context.session

    def open_question(self) -> OpenQuestion | None:
        """The open question in the router's terms."""
        session = self.context.session
        if session is None or session.question is None:
            return None
        q = session.question
        words = tuple(str(w) for w in q.data.get("words", ())) if q.kind == "disambiguate" else ()
        return OpenQuestion(kind=q.kind, skill=q.skill, intent=q.intent, slot=q.slot, choices=words)

    def end_session(self) -> None:
        """Close the session (after a goodbye, a stop, or a response that ends it)."""
        self.context.session = None

    def reset(self) -> None:
        """Forget the conversation: no session, no last speech (``reset``, "Reset home")."""
        self.context = DialogContext()

    def refuse(self, now: datetime) -> None:
        """A request the device profile refused: the session stays open, but no question is
        left waiting (the refusal is the answer to whatever was asked)."""
        self.ensure_session(now).question = None

    # -- silence -------------------------------------------------------------------------

    def silence(self, now: datetime) -> Response | None:
        """An empty input: reprompt once if a session is listening, then give up."""
        session = self.context.session
        if session is None:
            return None
        session.silences += 1
        if session.silences >= 2 or not session.reprompt:
            self.end_session()
            return Response.silent().end_session()
        session.last_active = now
        return Response.ask(session.reprompt)

    # -- planning ------------------------------------------------------------------------

    def plan(self, decision: RouteDecision, now: datetime) -> Plan:
        """Decide what to do with a routed utterance."""
        session = self.ensure_session(now)
        session.silences = 0
        session.last_active = now
        question = session.question
        best = decision.best
        if best is None:
            return self._no_match(session, question)
        if best.source == "builtin":
            return self._builtin(best, session, question)
        if (
            question is not None
            and question.kind == "disambiguate"
            and best.source == "context"
            and (best.skill, best.intent) == (question.skill, question.intent)
        ):
            return self._answer_which(best, session, question)
        if question is not None and (best.skill, best.intent) != (question.skill, question.intent):
            # The user changed the subject: drop the question and follow them.
            session.question = None
            question = None
        if question is not None and question.kind == "elicit":
            filled = dict(question.filled)
            for name, fill in best.slots.items():
                filled[name] = {"value": fill.value, "raw": fill.raw}
            chosen = tuple(str(c) for c in question.data.get("chosen", ()))
            plan = self._complete(best.skill, best.intent, filled, session, confirmed=False)
            plan.chosen = chosen  # what the user picked earlier still holds ("Delete X?" "yes")
            return plan
        # Typed values from the router to the handler: JSON is made only for the Turn and when
        # the dialog state is saved (see `Question.filled`).
        filled = {name: {"value": fill.value, "raw": fill.raw} for name, fill in best.slots.items()}
        return self._complete(best.skill, best.intent, filled, session, confirmed=False)

    def _answer_which(self, best: Candidate, session: DialogSession, question: Question) -> Plan:
        """An answer to "which one?": the asking intent runs again with the slots it had and
        the picked ids (``ctx.chosen``); "never mind" ends the question without running it."""
        session.question = None
        offered = tuple(str(c) for c in question.data.get("choices", ()))
        picked = tuple(offered[i] for i in best.details.get("picked", ()) if 0 <= i < len(offered))
        if not picked:
            declined = question.data.get("declined") or self._say("Okay, I'll leave it.")
            return Plan(
                "say",
                Response.speak(str(declined)),
                skill=question.skill,
                note="which one? declined",
            )
        plan = self._complete(
            question.skill, question.intent, question.filled, session, confirmed=True
        )
        plan.choices, plan.chosen = offered, picked
        plan.note = f"which one? picked {', '.join(picked)}"
        return plan

    def _no_match(self, session: DialogSession, question: Question | None) -> Plan:
        if question is not None:
            question.attempts += 1
            if question.attempts >= _MAX_ATTEMPTS:
                session.question = None
                return Plan(
                    "say",
                    Response.speak(
                        self._say("Sorry, I still didn't get that. Let's leave it for now.")
                    ),
                    note="gave up on the open question",
                )
            if question.kind == "elicit" and question.slot:
                spec = self.router.intent(question.skill, question.intent)
                hint = spec.slots[question.slot].type.hint if spec else "an answer"
                text = (
                    f"抱歉，没听懂。{question.prompt}"
                    if is_chinese(self.turn_language)
                    else f"Sorry, I need {hint}. {question.prompt}"
                )
                return Plan("say", Response.ask(text, question.prompt), note="re-asked for a slot")
            if question.kind == "confirm":
                text = (
                    f"请说“是”或者“不是”。{question.prompt}"
                    if is_chinese(self.turn_language)
                    else f"Please say yes or no. {question.prompt}"
                )
                return Plan("say", Response.ask(text, question.prompt), note="re-asked yes/no")
            if question.kind == "disambiguate":
                text = (
                    f"抱歉，没听懂是哪一个。{question.prompt}"
                    if is_chinese(self.turn_language)
                    else f"Sorry, I didn't catch which. {question.prompt}"
                )
                return Plan("say", Response.ask(text, question.prompt), note="asked which again")
            return Plan("say", Response.ask(question.prompt), note="asked again")
        return Plan(
            "say",
            Response.speak(self._say(FALLBACK_SPEECH)),
            note="nothing cleared the threshold",
        )

    def _builtin(self, best: Candidate, session: DialogSession, question: Question | None) -> Plan:
        name = best.intent
        active = session.skill
        if name == "Repeat":
            last = self.context.last_speech
            text = last or self._say("I haven't said anything yet.")
            response = Response.speak(text)
            if self.context.last_reprompt:
                response = response.reprompt(self.context.last_reprompt)
            return Plan("say", response, note="repeated the last speech")
        if name == "Launch":
            fill = best.slots.get("skill_name")
            skill = str(fill.value) if fill else None
            session.question = None
            return Plan("launch", skill=skill, note=f"launch {skill}")
        if name == "Help":
            return Plan("help", skill=active, note="help for " + (active or "the speaker"))
        if name in ("Yes", "No"):
            if question is not None and question.kind == "confirm":
                session.question = None
                if name == "Yes":
                    return self._complete(
                        question.skill, question.intent, question.filled, session, confirmed=True
                    )
                return Plan(
                    "say", Response.speak(self._say("Okay, I won't.")), note="confirmation denied"
                )
            if active is not None:
                spec = self.router.intent(active, name)
                if spec is not None:
                    return self._complete(active, name, {}, session, confirmed=True)
            return Plan(
                "say",
                Response.speak(self._say("Sorry, I'm not sure what you're answering.")),
                note="yes/no with no question open",
            )
        # Stop and Cancel.
        if question is not None:
            session.question = None
            return Plan(
                "say",
                Response.speak(self._say("Okay.")).end_session(),
                note="cancelled the question",
            )
        if active is not None:
            self.end_session()  # the conversation ends here; the skill's on_stop says goodbye
            return Plan("stop", skill=active, note=f"stop {active}")
        if self.focus_skill is not None:
            self.end_session()
            return Plan("stop", skill=self.focus_skill, note=f"stop {self.focus_skill} (playing)")
        return Plan("say", Response.speak(self._say("Okay.")).end_session(), note="nothing to stop")

    def _complete(
        self,
        skill: str,
        intent: str,
        filled: Mapping[str, dict[str, Any]],
        session: DialogSession,
        *,
        confirmed: bool,
    ) -> Plan:
        """Validate the slots; ask for what is missing or invalid, confirm, or invoke."""
        spec = self.router.intent(skill, intent)
        if spec is None:
            return Plan(
                "say", Response.speak(self._say(FALLBACK_SPEECH)), note=f"unknown intent {intent}"
            )
        raw = {name: str(v.get("raw", "")) for name, v in filled.items()}
        values = {name: v.get("value") for name, v in filled.items()}
        model = spec.model
        instance: BaseModel | None = None
        invalid: tuple[str, str] | None = None
        missing: list[str] = []
        if model is not None:
            try:
                instance = model.model_validate(values)
            except ValidationError as exc:
                for error in exc.errors():
                    loc = str(error["loc"][0]) if error["loc"] else ""
                    if error["type"] == "missing":
                        missing.append(loc)
                    elif invalid is None and loc:
                        invalid = (loc, str(error["msg"]))
        if invalid is not None:
            return self._ask_slot(spec, invalid[0], filled, session, reason=invalid[1])
        if missing:
            ordered = [s for s in spec.slots if s in missing]
            return self._ask_slot(spec, ordered[0], filled, session)
        confirm = spec.confirm_in(self.turn_language)
        if confirm and not confirmed:
            # The canonical values the handler will get, not the words said; a slot the user
            # did not fill leaves no trace (not its name).
            spoken = {
                name: (
                    spoken_in(value, self.turn_language)
                    if (value := getattr(instance, name, None)) is not None
                    and is_chinese(self.turn_language)
                    else spoken_value(value, raw.get(name))
                )
                for name in spec.slots
            }
            prompt = fill_template(confirm, spoken)
            session.question = Question(
                kind="confirm", skill=skill, intent=intent, prompt=prompt, filled=dict(filled)
            )
            return Plan(
                "say",
                Response.ask(prompt),
                skill=skill,
                intent=intent,
                raw_slots=raw,
                filled=dict(filled),
                note="asked for confirmation",
            )
        session.question = None
        return Plan(
            "intent",
            skill=skill,
            intent=intent,
            slots=instance,
            raw_slots=raw,
            filled=dict(filled),
            note="slots complete" if spec.slots else "no slots",
        )

    def _ask_slot(
        self,
        spec: IntentSpec,
        slot: str,
        filled: Mapping[str, dict[str, Any]],
        session: DialogSession,
        *,
        reason: str | None = None,
    ) -> Plan:
        slot_spec = spec.slots.get(slot)
        prompt = (
            slot_spec.prompt_in(self.turn_language)
            if slot_spec
            else self._say("What {slot}?", slot=slot)
        )
        kept = {k: v for k, v in filled.items() if k != slot}
        attempts = 0
        if session.question is not None and session.question.slot == slot:
            attempts = session.question.attempts + (1 if reason else 0)
        if attempts >= _MAX_ATTEMPTS:
            session.question = None
            return Plan(
                "say",
                Response.speak(
                    self._say("Sorry, that still isn't something I can use. Let's leave it.")
                ),
                error=("INVALID_SLOT", reason or "no valid value"),
                note="gave up asking",
            )
        session.question = Question(
            kind="elicit",
            skill=spec.skill,
            intent=spec.name,
            slot=slot,
            prompt=prompt,
            filled=kept,
            attempts=attempts,
        )
        session.skill = spec.skill
        if reason:
            said = str(filled.get(slot, {}).get("raw", "that"))
            if slot_spec is not None and getattr(slot_spec.type, "secret", False):
                said = "that"  # a secret (a PIN) is never spoken back
            text = (
                f"抱歉，“{said}”不行。{prompt}"
                if is_chinese(self.turn_language)
                else f"Sorry, {said} won't work for the {slot.replace('_', ' ')}: {reason.lower()}. {prompt}"
            )
            return Plan(
                "say",
                Response.ask(text, prompt),
                skill=spec.skill,
                intent=spec.name,
                raw_slots={k: str(v.get("raw", "")) for k, v in kept.items()},
                filled=kept,
                error=("INVALID_SLOT", f"{slot}: {reason}"),
                note=f"re-asked for {{{slot}}}: {reason}",
            )
        return Plan(
            "say",
            Response.ask(prompt),
            skill=spec.skill,
            intent=spec.name,
            raw_slots={k: str(v.get("raw", "")) for k, v in kept.items()},
            filled=kept,
            note=f"asked for the missing slot {{{slot}}}",
        )

    # -- after the handler --------------------------------------------------------------

    def hold(self, response: Response, skill: str | None, now: datetime) -> bool:
        """Open (or take over) the session for ``skill`` after a proactive response that keeps
        listening, e.g. a ringing alarm; returns False (the session stays open).

        Any open question is dropped: what the user says next answers the speaker's new turn.
        """
        session = self.ensure_session(now)
        session.question = None
        session.skill = skill
        session.silences = 0
        session.last_active = now
        session.reprompt = response.reprompt_text
        if response.speech:
            self.context.last_speech = response.speech
            self.context.last_reprompt = response.reprompt_text
        return False

    def finish(
        self,
        response: Response,
        skill: str | None,
        now: datetime,
        *,
        intent: str | None = None,
        filled: Mapping[str, dict[str, Any]] | None = None,
        chosen: tuple[str, ...] = (),
    ) -> bool:
        """Update the session after a response; returns whether the session ended.

        ``intent`` and ``filled`` (the slots the handler ran with) let a handler's
        `Response.elicit` open a question for one more slot of that intent; a response made with
        `Response.ask_which` opens a "which one?" question whose answer runs that intent again.
        ``chosen`` (what the user picked to get here) is kept for the intent's next question.
        """
        session = self.context.session
        # The slot belongs to the running intent, or to another intent of the same skill
        # (`Response.elicit(..., intent=...)`), which starts with nothing filled.
        target = response.elicit_intent or intent
        if (
            response.elicit_slot
            and session is not None
            and skill is not None
            and target is not None
            and (spec := self.router.intent(skill, target)) is not None
            and response.elicit_slot in spec.slots
        ):
            kept = filled if target == intent else None
            session.question = Question(
                kind="elicit",
                skill=skill,
                intent=target,
                slot=response.elicit_slot,
                prompt=response.reprompt_text or response.speech or "",
                filled={k: v for k, v in (kept or {}).items() if k != response.elicit_slot},
                data={"chosen": list(chosen)} if chosen and target == intent else {},
            )
        if response.speech:
            self.context.last_speech = response.speech
            self.context.last_reprompt = response.reprompt_text
        session = self.context.session
        if session is None:
            return True
        session.last_active = now
        session.reprompt = response.reprompt_text
        if skill is not None and skill != BUILTIN_SKILL:
            session.skill = skill
            if response.choices and intent is not None and not response.ends_session:
                # "Which one?": the answer brings this intent back with the same slots.
                session.question = Question(
                    kind="disambiguate",
                    skill=skill,
                    intent=intent,
                    prompt=response.reprompt_text or response.speech or "",
                    filled=dict(filled or {}),
                    data={
                        "choices": list(response.choices),
                        "words": list(response.choice_words or response.choices),
                        "declined": response.declined_text,
                    },
                )
        if session.question is not None:
            return False
        if response.ends_session:
            self.end_session()
            return True
        return False
