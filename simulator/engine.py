"""The `Simulator`: runs one turn through the whole pipeline and returns a `Turn`.

::

    text -> wake word -> normalise -> route -> dialog -> skill handler -> response -> speech

Each stage adds a ``{stage, ms, detail}`` step to the turn's trace. Skill code runs isolated: in a
daemon worker thread (an ``async def`` handler gets its own event loop there), under a timeout. A
handler that raises or hangs costs the user an apology, never the simulator. Everything the turn
changed is saved in one storage transaction at its end.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import inspect
import random
import threading
import time
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel

from simulator.clock import Clock, ScheduledItem
from simulator.dialog.manager import DialogManager, Plan
from simulator.dialog.state import DialogContext
from simulator.loader import SkillLoadError, load_skills, snapshot_dir
from simulator.models import (
    Alternative,
    Card,
    DeviceChange,
    DialogState,
    RouteResult,
    SlotValue,
    TraceStep,
    Turn,
    TurnError,
)
from simulator.nlu.matcher import NO_VALUE
from simulator.nlu.normalize import MAX_UTTERANCE_CHARS, clean_display, normalize
from simulator.nlu.router import Candidate, Classifier, RouteDecision, Router
from simulator.nlu.samples import example_utterances
from simulator.redact import redact_route, redact_turn
from simulator.sdk.context import Session, SkillContext, SkillInfo
from simulator.sdk.response import Response
from simulator.sdk.skill import Handler, Skill
from simulator.sdk.slots import SlotEnv, value_to_json
from simulator.storage import Store

if TYPE_CHECKING:
    from simulator.devices import Home, StateChanged

__all__ = ["DEFAULT_WAKE_WORD", "Simulator", "TurnListener"]

DEFAULT_WAKE_WORD = "hey speaker"
"""The wake word used in wake-word mode."""

TurnListener = Callable[[Turn], None]
"""Called with every finished turn, including proactive ones (the TUI listens)."""

_SIM_STEP = timedelta(seconds=5)

_Outcome = tuple[Response | None, str | None, tuple[str, str] | None, list[str]]
"""What running a plan gives: the response, the skill that answered, an error, trace notes."""


class _Stopwatch:
    def __init__(self) -> None:
        self.steps: list[TraceStep] = []
        self._t = time.perf_counter()

    def lap(self, stage: str, **detail: Any) -> None:
        now = time.perf_counter()
        self.steps.append(
            TraceStep(stage=stage, ms=round((now - self._t) * 1000, 3), detail=detail)
        )
        self._t = now


def _run_in_daemon_thread(fn: Callable[[], Any]) -> asyncio.Future[Any]:
    """Run ``fn`` in a daemon thread; the future resolves with its result or exception.

    A daemon thread (rather than the default executor) lets the process exit even when a skill's
    handler never returns: it is abandoned, not joined.
    """
    loop = asyncio.get_running_loop()
    future: asyncio.Future[Any] = loop.create_future()

    def settle(result: Any, error: BaseException | None) -> None:
        if future.done():
            return
        if error is not None:
            future.set_exception(error)
        else:
            future.set_result(result)

    def worker() -> None:
        try:
            result = fn()
        except BaseException as exc:
            try:
                loop.call_soon_threadsafe(settle, None, exc)
            except RuntimeError:
                pass  # the loop is gone: nobody is waiting any more
        else:
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(settle, result, None)

    threading.Thread(target=worker, name="skill-handler", daemon=True).start()
    return future


def _call_handler(handler: Handler, args: Sequence[Any]) -> Any:
    """Call a sync or async handler from a worker thread and return its result."""
    if inspect.iscoroutinefunction(handler):
        return asyncio.run(handler(*args))
    result = handler(*args)
    if inspect.isawaitable(result):

        async def await_it() -> Any:
            return await result

        return asyncio.run(await_it())
    return result


class Simulator:
    """One simulated speaker: skills, router, dialog, clock, home and storage.

    Build it with :meth:`create` (which loads skills, the home and the store) or directly with
    already-loaded parts. ``handle`` and ``advance`` are coroutines; the sync test harness and
    the CLI run them with ``asyncio.run``.
    """

    def __init__(
        self,
        skills: Sequence[Skill],
        *,
        home: Home | None = None,
        store: Store | None = None,
        seed: int | None = None,
        now: datetime | None = None,
        session_timeout: float = 90.0,
        classifier: Classifier | None = None,
        skills_dir: Path | None = None,
    ) -> None:
        """Assemble a simulator; see :meth:`create` for the usual way."""
        self.store = store or Store.memory()
        self.seed = seed
        self.rng = random.Random(seed)
        self.skills_dir = skills_dir
        self._skill_stamps = snapshot_dir(skills_dir)
        self._reload_bundled = True
        self._reload_extra: list[Skill] = []
        self.home = home
        self._home_lists_cache: dict[str, dict[str, list[str]]] | None = None
        self.wake_word: str | None = None
        """When set, only utterances that start with it are heard."""
        self._listeners: list[TurnListener] = []
        self._classifier = classifier
        self._set_skills(list(skills))
        self.dialog = DialogManager(self.router, timeout=session_timeout)
        self._skill_data: dict[str, dict[str, Any]] = self.store.skill_data()
        self._saved_skill_data = copy.deepcopy(self._skill_data)
        # Virtual time is the wall clock plus a saved offset (what ``:advance`` added), so the
        # clock carries on across runs; ``now`` pins the start instead (for tests and demos).
        saved_offset = float(self.store.get_meta("clock_offset", 0.0) or 0.0)
        self._offset_base = datetime.now().replace(microsecond=0)
        start = now if now is not None else self._offset_base + timedelta(seconds=saved_offset)
        self.clock = Clock(start)
        for item in self.store.scheduled():
            self.clock.add(item)
        self._saved_schedule = [(i.id, i.due) for i in self.clock.pending()]
        saved_dialog = self.store.get_meta("dialog")
        if isinstance(saved_dialog, dict):
            try:
                self.dialog.context = DialogContext.model_validate(saved_dialog)
            except ValueError:
                pass  # an unreadable saved dialog is not worth failing over: start afresh
        self._pending_events: list[StateChanged] = []
        self._unsubscribe: Callable[[], None] | None = None
        if self.home is not None:
            saved = self.store.device_state(self.home_key)
            if saved:
                self.home.restore(saved)
            self._unsubscribe = self.home.subscribe(self._pending_events.append)
        self._turn_lock = asyncio.Lock()

    # -- construction ----------------------------------------------------------------------

    @classmethod
    def create(
        cls,
        *,
        home_file: Path | None = None,
        use_home: bool = True,
        skills_dir: Path | None = None,
        state_dir: Path | None = None,
        seed: int | None = None,
        now: datetime | None = None,
        extra_skills: Sequence[Skill] = (),
        bundled: bool = True,
    ) -> Simulator:
        """Load skills, the home and the store. Raises `SkillLoadError`, ``HomeFileError``
        or `StorageError` with a message that names the file."""
        loaded = load_skills(skills_dir, bundled=bundled, extra=extra_skills)
        home = None
        if use_home:
            from simulator.devices import load_home

            home = load_home(home_file, now=now)
        store = Store.open(state_dir) if state_dir is not None else Store.memory()
        sim = cls(loaded.skills, home=home, store=store, seed=seed, now=now, skills_dir=skills_dir)
        # A reload must bring back the same sources: the bundled skills only if they were asked
        # for, and the skills given in code (which have no file to reload from).
        sim._reload_bundled = bundled
        sim._reload_extra = list(extra_skills)
        return sim

    def _set_skills(self, skills: list[Skill]) -> None:
        self.skills = skills
        # Built once per skill set: slot_env() runs on every route.
        self._skill_names = {
            s.name: [normalize(s.invocation or s.name), normalize(s.name)] for s in skills
        }
        self.router = Router(skills, classifier=self._classifier)
        if hasattr(self, "dialog"):
            self.dialog.router = self.router
        self.catalog = tuple(
            SkillInfo(
                name=s.name,
                description=s.description,
                invocation=s.invocation or s.name,
                examples=tuple(s.examples)
                or tuple(
                    example_utterances(i, self.slot_env(), random.Random(0), limit=1)[0]
                    for i in list(s.intents.values())[:3]
                    if i.templates
                ),
                abilities=tuple(i.description for i in s.intents.values() if i.description),
            )
            for s in skills
        )

    @property
    def home_key(self) -> str:
        """The key under which this home's device state is stored (its file, or its name)."""
        if self.home is None:
            return ""
        path = getattr(self.home, "path", None)
        return str(Path(path).resolve()) if path else f"name:{self.home.name}"

    def subscribe(self, listener: TurnListener) -> Callable[[], None]:
        """Call ``listener`` with every finished turn; returns a function that unsubscribes."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def close(self) -> None:
        """Release the store."""
        if self._unsubscribe is not None:
            self._unsubscribe()
        self.store.close()

    # -- skills reload --------------------------------------------------------------------

    def skills_changed(self) -> bool:
        """Whether a file in ``--skills-dir`` changed since the skills were loaded."""
        return self.skills_dir is not None and snapshot_dir(self.skills_dir) != self._skill_stamps

    def reload_skills(self) -> str | None:
        """Reload every skill, keeping the session; returns an error message or None.

        On error the previous skills stay loaded, so a typo in a file being edited does not
        take the speaker down.
        """
        self._skill_stamps = snapshot_dir(self.skills_dir)
        try:
            loaded = load_skills(
                self.skills_dir, bundled=self._reload_bundled, extra=self._reload_extra
            )
        except SkillLoadError as exc:
            return str(exc)
        self._set_skills(loaded.skills)
        return None

    async def reload_skills_async(self) -> str | None:
        """`reload_skills` for an event loop: waits for the running turn, loads in a thread."""
        async with self._turn_lock:
            return await asyncio.to_thread(self.reload_skills)

    # -- manual changes ------------------------------------------------------------------

    async def set_device(self, device_id: str, attribute: str, value: Any) -> list[StateChanged]:
        """Change a device by hand, as a person at the device would ("manual" cause), and save.

        Raises the home's ``DeviceError`` (or ``ValueError``) when the value does not apply.
        """
        if self.home is None:
            raise ValueError("there is no home")
        async with self._turn_lock:
            events = self.home.set_manual(device_id, attribute, value, at=self.clock.now())
            self._save(None, sim_events=True)
            return events

    # -- the slot environment --------------------------------------------------------------

    def slot_env(self) -> SlotEnv:
        """Runtime data for slot parsers: today's date and the home's names."""
        today = self.clock.now().date() if hasattr(self, "clock") else datetime.now().date()
        lists: dict[str, dict[str, list[str]]] = {"skill": self._skill_names}
        if self.home is None:
            return SlotEnv(today=today, lists=lists)
        lists.update(self._home_lists())
        home = self.home

        def device_target(tokens: Sequence[str]) -> object:
            return home.parse_target(tokens) or NO_VALUE

        return SlotEnv(today=today, lists=lists, parsers={"device_target": device_target})

    def _home_lists(self) -> dict[str, dict[str, list[str]]]:
        """Rooms and scenes as runtime lists (normalised names), built once per home."""
        if self._home_lists_cache is None and self.home is not None:
            rooms = {
                room.id: sorted({normalize(t) for t in (room.name, *room.aliases)})
                for room in self.home.rooms.values()
            }
            scenes = {
                scene.id: sorted({normalize(t) for t in (scene.name, *scene.aliases)})
                for scene in self.home.scenes.values()
            }
            # Device names are routed by the device_target parser; the list only supplies
            # real names for example utterances ("turn on the floor lamp").
            listing = self.home.to_json()["devices"]
            lists: dict[str, dict[str, list[str]]] = {
                "room": rooms,
                "scene": scenes,
                "device_target": {d["id"]: [normalize(d["name"])] for d in listing},
            }
            # Per capability, for example utterances that make sense ("lock the back door").
            for device in listing:
                for capability in device["capabilities"]:
                    names = lists.setdefault(f"device_target:{capability}", {})
                    names[device["id"]] = [normalize(device["name"])]
            self._home_lists_cache = lists
        return self._home_lists_cache or {}

    # -- routing only ---------------------------------------------------------------------

    def route(self, text: str, *, use_context: bool = False) -> RouteResult:
        """NLU only: how ``text`` would be routed. Changes nothing.

        Without ``use_context`` each utterance is routed as if it opened a conversation, so the
        answer does not depend on what was said before.
        """
        display = clean_display(text)
        if len(display) > MAX_UTTERANCE_CHARS:
            return RouteResult(
                text=display[:80] + "...",
                intent=None,
                skill=None,
                confidence=0.0,
                source="fallback",
                explanation="too long to route",
            )
        words = self._strip_wake_word(normalize(display).split())
        session = self.dialog.session if use_context else None
        decision = self.router.route(
            words or [],
            env=self.slot_env(),
            question=self.dialog.open_question() if use_context else None,
            active_skill=session.skill if session else None,
        )
        return redact_route(self._route_result(display, decision), self.router)

    def skill_listing(self, examples: int = 20) -> list[dict[str, Any]]:
        """Skills with their intents, sample templates and up to ``examples`` concrete
        utterances each (seeded by ``--seed``, so the list is reproducible)."""
        env = self.slot_env()
        rng = random.Random(self.seed or 0)
        return [
            {
                "name": skill.name,
                "description": skill.description,
                "invocation": skill.invocation,
                "source": skill.source,
                "intents": [
                    {
                        "name": intent.name,
                        "description": intent.description,
                        "samples": intent.samples,
                        "slots": {
                            name: {"type": spec.type.kind, "required": spec.required}
                            for name, spec in intent.slots.items()
                        },
                        "examples": example_utterances(intent, env, rng, limit=examples),
                    }
                    for intent in skill.intents.values()
                ],
            }
            for skill in self.skills
        ]

    def _route_result(self, text: str, decision: RouteDecision) -> RouteResult:
        best = decision.best
        alternatives = _alternatives(decision)
        if best is None:
            top = decision.candidates[0] if decision.candidates else None
            return RouteResult(
                text=text,
                intent=None,
                skill=None,
                confidence=0.0,
                source="fallback",
                alternatives=alternatives,
                explanation=(
                    "nothing cleared the threshold; closest: " + top.explanation
                    if top
                    else "no template shares words with this"
                ),
            )
        spec = self.router.intent(best.skill, best.intent)
        invalid: dict[str, str] = {}
        if spec is not None and spec.model is not None and best.slots:
            try:
                spec.model.model_validate({k: v.value for k, v in best.slots.items()})
            except Exception as exc:
                for err in getattr(exc, "errors", lambda: [])():
                    if err["type"] != "missing" and err["loc"]:
                        invalid[str(err["loc"][0])] = str(err["msg"])
        return RouteResult(
            text=text,
            intent=best.intent,
            skill=best.skill,
            confidence=best.confidence,
            slots=self._slot_values(best),
            source=best.source,
            alternatives=alternatives,
            explanation=best.explanation,
            template=best.template,
            missing_slots=best.missing,
            invalid_slots=invalid,
        )

    @staticmethod
    def _slot_values(candidate: Candidate) -> dict[str, SlotValue]:
        return {
            name: SlotValue(value=value_to_json(fill.value), raw=fill.raw)
            for name, fill in candidate.slots.items()
        }

    def _strip_wake_word(self, words: list[str]) -> list[str] | None:
        """Remove a leading wake word; None when wake-word mode is on and the speaker is not
        listening (no wake word, and no session open waiting for an answer)."""
        wake = (self.wake_word or DEFAULT_WAKE_WORD).split()
        if words[: len(wake)] == wake:
            return words[len(wake) :]
        if self.wake_word is None or self.dialog.session is not None:
            # While a session is open the speaker is listening: follow-ups need no wake word.
            return words
        return None

    # -- a turn --------------------------------------------------------------------------

    async def handle(self, text: str) -> Turn:
        """Run one utterance through the pipeline and return its `Turn`."""
        async with self._turn_lock:
            # A turn that carried a secret (a spoken PIN) never leaves the engine unredacted.
            turn = redact_turn(await self._handle(text), self.router)
            self._save(turn)
            self._emit(turn)
            return turn

    def handle_sync(self, text: str) -> Turn:
        """`handle` for code without an event loop (scripts, the test harness)."""
        return asyncio.run(self.handle(text))

    async def _handle(self, text: str) -> Turn:
        watch = _Stopwatch()
        now = self.clock.now()
        if self.home is not None:
            self.home.clock = now  # device events carry the virtual time of the turn
        self._pending_events.clear()
        text = text if isinstance(text, str) else str(text)
        given_length = len(text)
        if len(text) > MAX_UTTERANCE_CHARS * 4:
            text = text[: MAX_UTTERANCE_CHARS * 4]  # cleaning 100k characters is wasted work
        display = clean_display(text)
        expired = self.dialog.expire(now)
        if len(display) > MAX_UTTERANCE_CHARS:
            watch.lap("input", chars=len(text), rejected="too long")
            return self._turn(
                display[:200] + "...",
                watch,
                Response.speak("That's too long for me to take in. Try saying it in fewer words."),
                error=(
                    "INPUT_TOO_LONG",
                    f"{max(given_length if given_length > len(text) else 0, len(display))} "
                    f"characters; the limit is {MAX_UTTERANCE_CHARS}",
                ),
            )
        watch.lap("input", chars=len(text), session_expired=expired)
        if not display:
            response = self.dialog.silence(now)
            watch.lap("dialog", silence=True, reprompted=bool(response and response.speech))
            return self._turn("", watch, response, kind="silence")
        words = normalize(display).split()
        stripped = self._strip_wake_word(words)
        if stripped is None:
            watch.lap("wake_word", heard=False, wake_word=self.wake_word)
            return self._turn(display, watch, None, kind="silence", note="no wake word: ignored")
        heard_wake_word = len(stripped) != len(words)
        if heard_wake_word:
            watch.lap("wake_word", heard=True)
        words = stripped
        watch.lap("normalise", tokens=words)
        if not words:
            if heard_wake_word:
                # The wake word alone: the speaker starts listening for the request.
                self.dialog.ensure_session(now)
                watch.lap("wake_word", listening=True)
                return self._turn(display, watch, Response.silent().keep_session(), kind="silence")
            response = Response.speak("Sorry, I didn't catch that.")
            return self._turn(display, watch, response, error=("NO_WORDS", "no words to route"))
        session = self.dialog.session
        decision = self.router.route(
            words,
            env=self.slot_env(),
            question=self.dialog.open_question(),
            active_skill=session.skill if session else None,
        )
        best = decision.best
        watch.lap(
            "route",
            source=decision.source,
            intent=best.intent if best else None,
            skill=best.skill if best else None,
            confidence=best.confidence if best else 0.0,
            candidates=len(decision.candidates),
        )
        plan = self.dialog.plan(decision, now)
        watch.lap("dialog", action=plan.action, note=plan.note)
        response, skill, error, notes = await self._execute(plan, display, watch)
        return self._turn(
            display,
            watch,
            response,
            decision=decision,
            plan=plan,
            skill=skill,
            error=error,
            notes=notes,
        )

    async def _execute(self, plan: Plan, text: str, watch: _Stopwatch) -> _Outcome:
        """Carry out a plan: speak, or run the right handler of the right skill."""
        if plan.action == "say":
            return plan.response, plan.skill, plan.error, []
        skills = {s.name: s for s in self.skills}
        if plan.action == "launch":
            skill = skills.get(plan.skill or "")
            if skill is None:
                return Response.speak("Sorry, I don't have that skill."), None, None, []
            if skill.launch_handler is None:
                speech = f"{(skill.invocation or skill.name).capitalize()} is ready."
                if skill.description:
                    speech += f" {skill.description}."
                return Response.ask(speech + " What would you like?"), skill.name, None, []
            return await self._invoke(skill, skill.launch_handler, None, None, {}, text, watch)
        if plan.action == "help":
            skill = skills.get(plan.skill or "")
            if skill is None or skill.help_handler is None:
                skill = skills.get("help")
            if skill is None or skill.help_handler is None:
                names = ", ".join(s.invocation or s.name for s in self.skills)
                return Response.speak(f"I have these skills: {names}."), None, None, []
            return await self._invoke(skill, skill.help_handler, None, None, {}, text, watch)
        if plan.action == "stop":
            skill = skills.get(plan.skill or "")
            self.dialog.end_session()
            if skill is None or skill.stop_handler is None:
                return Response.speak("Okay.").end_session(), plan.skill, None, []
            return await self._invoke(skill, skill.stop_handler, None, None, {}, text, watch)
        skill = skills.get(plan.skill or "")
        spec = skill.intents.get(plan.intent or "") if skill else None
        if skill is None or spec is None:
            return Response.speak("Sorry, I don't know that one."), None, None, []
        return await self._invoke(
            skill, spec.handler, plan.intent, plan.slots, plan.raw_slots, text, watch
        )

    def _context(
        self, skill: Skill, intent: str | None, text: str, raw: dict[str, str]
    ) -> SkillContext:
        dialog_session = self.dialog.ensure_session(self.clock.now())
        session = Session(
            id=dialog_session.id,
            new=dialog_session.skill != skill.name,
            attributes=dialog_session.attributes,
        )
        return SkillContext(
            skill=skill.name,
            intent=intent,
            text=text,
            session=session,
            persistent=self._skill_data.setdefault(skill.name, {}),
            raw_clock=self.clock,
            home=self.home,
            catalog=self.catalog,
            raw_slots=raw,
            rng=random.Random(self.rng.random()),
        )

    async def _invoke(
        self,
        skill: Skill,
        handler: Handler,
        intent: str | None,
        slots: BaseModel | None,
        raw: dict[str, str],
        text: str,
        watch: _Stopwatch,
        extra_args: Sequence[Any] = (),
    ) -> _Outcome:
        """Run a handler in isolation, under the skill's timeout."""
        ctx = self._context(skill, intent, text, raw)
        if skill.name not in self._skill_data:
            self._skill_data[skill.name] = ctx.persistent
        if extra_args:
            args: list[Any] = [ctx, *extra_args]
        else:
            args = [ctx] if slots is None and _arity(handler) == 1 else [ctx, slots]
        saved = dict(ctx.persistent)
        spoken_name = skill.invocation or skill.name

        def failure(code: str, message: str, speech: str) -> _Outcome:
            # A handler that failed (or may still be running) must not leave half-written
            # persistent data behind: put back what it had before the turn.
            ctx.persistent.clear()
            ctx.persistent.update(saved)
            return Response.speak(speech), skill.name, (code, message), ctx.notes

        apology = f"Sorry, something went wrong in {spoken_name}."
        try:
            result = await asyncio.wait_for(
                _run_in_daemon_thread(lambda: _call_handler(handler, args)), timeout=skill.timeout
            )
        except TimeoutError:
            ctx.expired = True
            watch.lap("skill", skill=skill.name, handler=_name(handler), timed_out=True)
            return failure(
                "SKILL_TIMEOUT",
                f"{_name(handler)} ran past its {skill.timeout:g} s timeout",
                f"Sorry, {spoken_name} took too long to answer.",
            )
        except Exception as exc:
            watch.lap("skill", skill=skill.name, handler=_name(handler), raised=type(exc).__name__)
            return failure("SKILL_ERROR", f"{type(exc).__name__}: {exc}", apology)
        watch.lap("skill", skill=skill.name, handler=_name(handler), notes=ctx.notes)
        if isinstance(result, str):
            result = Response.speak(result)
        if not isinstance(result, Response):
            message = f"{_name(handler)} returned {type(result).__name__}, not a Response"
            return failure("SKILL_ERROR", message, apology)
        return result, skill.name, None, ctx.notes

    def _turn(
        self,
        text: str | None,
        watch: _Stopwatch,
        response: Response | None,
        *,
        decision: RouteDecision | None = None,
        plan: Plan | None = None,
        skill: str | None = None,
        error: tuple[str, str] | None = None,
        kind: Literal["utterance", "proactive", "silence"] = "utterance",
        note: str | None = None,
        notes: Sequence[str] = (),
    ) -> Turn:
        """Finish the dialog bookkeeping and assemble the `Turn` record."""
        now = self.clock.now()
        if response is not None and kind != "proactive":
            ended = self.dialog.finish(response, skill, now)
        else:
            ended = self.dialog.session is None
        changes = _device_changes(self._pending_events)
        if error is None and response is not None and response.error_code:
            error = (response.error_code, response.error_message or response.error_code)
        best = decision.best if decision else None
        speech = response.speech if response else None
        watch.lap(
            "response", speech=speech, session_ended=ended, **({"note": note} if note else {})
        )
        session = self.dialog.session
        question = session.question if session else None
        slots: dict[str, SlotValue] = {}
        if plan is not None and plan.json_slots:
            slots = {
                name: SlotValue(value=v.get("value"), raw=str(v.get("raw", "")))
                for name, v in plan.json_slots.items()
            }
        elif best is not None:
            slots = self._slot_values(best)
        intent = plan.intent if plan and plan.intent else (best.intent if best else None)
        if plan is not None and plan.action in ("launch", "help", "stop"):
            intent = best.intent if best else plan.action.capitalize()
        return Turn(
            text=text,
            intent=intent,
            skill=skill or (best.skill if best else None),
            confidence=best.confidence if best else 0.0,
            slots=slots,
            speech=speech,
            reprompt=response.reprompt_text if response and not ended else None,
            card=Card(title=response.card_title, text=response.card_text)
            if response and response.card_title
            else None,
            session_ended=ended,
            device_changes=changes,
            error=TurnError(code=error[0], message=error[1]) if error else None,
            trace=watch.steps,
            source=decision.source if decision else None,
            alternatives=_alternatives(decision) if decision else [],
            explanation=(
                best.explanation
                if best
                else (
                    decision.candidates[0].explanation if decision and decision.candidates else ""
                )
            ),
            template=best.template if best else None,
            dialog=DialogState(
                session_id=session.id if session else None,
                active_skill=session.skill if session else None,
                open_question=question.model_dump(mode="json") if question else None,
                session_attributes=dict(session.attributes) if session else {},
            ),
            at=now,
            kind=kind,
        )

    # -- time ----------------------------------------------------------------------------

    async def advance(self, delta: timedelta) -> list[Turn]:
        """Move the virtual clock on; returns a proactive turn for each item that fired.

        Device simulation runs in steps of at most 5 s between items, so everything happens in
        order of virtual time.
        """
        async with self._turn_lock:
            turns: list[Turn] = []
            target = self.clock.now() + max(delta, timedelta(0))
            self._pending_events.clear()
            while True:
                due = self.clock.next_due()
                stop = due if due is not None and due <= target else target
                self._simulate_until(stop)
                item = self.clock.pop_due(target)
                if item is None:
                    break
                turn = await self._fire(item)
                turns.append(turn)
                # Listeners hear each item as it fires, in order with the device events
                # around it, not after the whole advance.
                self._emit(turn)
            self.clock.set_now(target)
            sim_events = list(self._pending_events)
            self._save(None, sim_events=bool(sim_events) or not turns)
            return turns

    def advance_sync(self, delta: timedelta) -> list[Turn]:
        """`advance` for code without an event loop."""
        return asyncio.run(self.advance(delta))

    def _simulate_until(self, stop: datetime) -> None:
        if self.home is None:
            self.clock.set_now(stop)
            return
        while self.clock.now() < stop:
            step = min(_SIM_STEP, stop - self.clock.now())
            self.home.simulate(self.clock.now(), step.total_seconds(), self.rng)
            self.clock.set_now(self.clock.now() + step)

    async def _fire(self, item: ScheduledItem) -> Turn:
        watch = _Stopwatch()
        watch.lap("clock", item=item.id, kind=item.kind, label=item.label, due=item.due.isoformat())
        before = len(self._pending_events)
        skill = next((s for s in self.skills if s.name == item.owner), None)
        response: Response | None
        error = None
        if skill is not None and skill.fire_handler is not None:
            response, _, error, _ = await self._invoke(
                skill, skill.fire_handler, None, None, {}, "", watch, extra_args=[item]
            )
        else:
            say = item.payload.get("say")
            response = (
                Response.speak(str(say))
                if say
                else Response.speak(
                    f"Your {item.label + ' ' if item.label else ''}{item.kind} is done."
                )
            )
        events = self._pending_events[before:]
        turn = self._turn(
            None, watch, response, skill=item.owner or None, error=error, kind="proactive"
        )
        turn.device_changes = _device_changes(events)
        return turn

    # -- reset ---------------------------------------------------------------------------

    def reset(self) -> None:
        """Restore the world: end the session, cancel scheduled items, reset the home.

        Skills' persistent data and the conversation log are kept: they are the user's.
        """
        self.dialog.context = DialogContext()
        self.clock.clear()
        if self.home is not None:
            self.home.reset()
        self._pending_events.clear()
        self._save(None, sim_events=True, replace_devices=True)

    # -- saving --------------------------------------------------------------------------

    def _save(
        self, turn: Turn | None, *, sim_events: bool = False, replace_devices: bool = False
    ) -> None:
        """Write everything this turn changed in one transaction."""
        devices = None
        if self.home is not None and (
            sim_events or replace_devices or (turn and turn.device_changes)
        ):
            devices = self.home.snapshot()
        offset = (self.clock.now() - self._offset_base).total_seconds()
        # Only what changed since the last save is written: the skills whose data differs and
        # the schedule if any item came or went.
        changed_data = {
            name: data
            for name, data in self._skill_data.items()
            if self._saved_skill_data.get(name, {}) != data
        }
        pending = self.clock.pending()
        schedule = [(i.id, i.due) for i in pending]
        self.store.commit_turn(
            turns=[turn.model_dump(mode="json")] if turn is not None else None,
            meta={
                "dialog": self.dialog.context.model_dump(mode="json"),
                "clock_offset": offset,
            },
            skill_data=changed_data,
            scheduled=pending if schedule != self._saved_schedule else None,
            home=self.home_key if devices is not None else None,
            devices=devices,
            replace_devices=replace_devices,
        )
        self._saved_skill_data.update(copy.deepcopy(changed_data))
        self._saved_schedule = schedule

    def _emit(self, turn: Turn) -> None:
        for listener in list(self._listeners):
            try:
                listener(turn)
            except Exception:
                pass  # a broken listener (a UI bug) must not stop the speaker


def _alternatives(decision: RouteDecision, limit: int = 5) -> list[Alternative]:
    """The runners-up of a routing decision, best first."""
    return [
        Alternative(
            intent=c.intent,
            skill=c.skill,
            confidence=c.confidence,
            source=c.source,
            explanation=c.explanation,
        )
        for c in decision.candidates
        if c is not decision.best
    ][:limit]


def _device_changes(events: Sequence[StateChanged]) -> list[DeviceChange]:
    """Device events as the turn's ``device_changes``."""
    return [
        DeviceChange(
            device_id=e.device_id,
            capability=e.capability,
            attribute=e.attribute,
            old=e.old,
            new=e.new,
            cause=e.cause,
        )
        for e in events
    ]


def _arity(handler: Handler) -> int:
    try:
        return len(inspect.signature(handler).parameters)
    except (TypeError, ValueError):
        return 1


def _name(handler: Handler) -> str:
    return getattr(handler, "__name__", repr(handler))
