"""The `Simulator` façade: one simulated speaker, composed of the engine's parts.

It owns the parts (skills, router, dialog, clock, home, store) and the turn lock, and delegates:
the turn pipeline (`simulator.engine.pipeline`) runs a turn, the timeline
(`simulator.engine.timeline`) moves time on, persistence (`simulator.engine.persistence`) saves
what a turn changed, and the slot environment (`simulator.engine.slot_env`) feeds the router.
"""

from __future__ import annotations

import asyncio
import dataclasses
import random
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from simulator import yamlfile
from simulator.clock import Clock, ScheduledItem
from simulator.dialog.manager import DialogManager
from simulator.engine import pipeline
from simulator.engine.persistence import Persistence
from simulator.engine.record import route_result
from simulator.engine.redact import redact_route, redact_turn
from simulator.engine.slot_env import SlotEnvironment
from simulator.engine.timeline import Timeline
from simulator.loader import SkillLoadError, load_skills, snapshot_dir
from simulator.models import Alternative, RouteResult, SlotValue, Turn
from simulator.nlu import template_cache
from simulator.nlu.asr import SimulatedRecogniser
from simulator.nlu.normalize import MAX_UTTERANCE_CHARS, clause_breaks, clean_display, normalize
from simulator.profiles import Profile
from simulator.routing.learned_stage import LearnedMode, LearnedStage
from simulator.routing.router import Classifier, Router
from simulator.routing.samples import example_utterances
from simulator.sdk.context import SkillInfo
from simulator.sdk.skill import Skill
from simulator.sdk.slots import SlotEnv, value_to_json
from simulator.startup import collector_paused
from simulator.storage import Store

if TYPE_CHECKING:
    from simulator.devices import Home, StateChanged
    from simulator.engine.frontend import FrontEnd
    from simulator.llm import LLMConfig
    from simulator.llm.compare import Comparer
    from simulator.llm.stage import LLMStage

__all__ = ["DEFAULT_WAKE_WORD", "Simulator", "TurnListener"]

DEFAULT_WAKE_WORD = "hey speaker"
"""The wake word used in wake-word mode."""

TurnListener = Callable[[Turn], None]
"""Called with every finished turn, including proactive ones (the TUI listens)."""


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
        learned: LearnedStage | LearnedMode = "sync",
    ) -> None:
        """Assemble a simulator; see :meth:`create` for the usual way.

        ``learned`` is the learned stage (or how to run one): trained from the skills' samples,
        from the model cache when it can be. A ``classifier`` given explicitly replaces it.
        """
        self.store = store or Store.memory()
        self.seed = seed
        self.rng = random.Random(seed)
        self.skills_dir = skills_dir
        self._skill_stamps = snapshot_dir(skills_dir)
        self._reload_bundled = True
        self._reload_deferred: Path | None = None
        self._reload_extra: list[Skill] = []
        self.home = home
        self.wake_word: str | None = None
        """When set, only utterances that start with it are heard."""
        self.asr: SimulatedRecogniser | None = None
        """When set (``--asr-noise``), every utterance is first "heard" by this simulated
        recogniser, and the understanding stage gets what it heard."""
        self.profile = Profile()
        """The device profile (``speaker``, ``screen``, ``kids``) and its rules."""
        self.llm: LLMStage | None = None
        self._comparer: Comparer | None = None  # built on the first `compare`
        """The large model, when large-model mode is on (see :meth:`use_llm`); None by default."""
        self.language = "en"
        """The default language (``--lang``): of a turn that shows none ("25", "👍") when
        the conversation has none yet, and of the speaker's own prompts and notifications."""
        self._listeners: list[TurnListener] = []
        self._classifier = classifier
        if classifier is not None:
            learned = "off"
        self.learned = learned if isinstance(learned, LearnedStage) else LearnedStage(learned)
        """The learned stage: keeps the router's classifier trained for the loaded skills."""
        self.persistence = Persistence(self.store, home)
        self.clock = Clock(self.persistence.clock_start(now))
        self._slots = SlotEnvironment(home, lambda: self.clock.now().date())
        self._set_skills(list(skills))
        self.dialog = DialogManager(self.router, timeout=session_timeout)
        self.skill_data: dict[str, dict[str, Any]] = self.persistence.load_skill_data()
        """Every skill's persistent attributes, by skill name."""
        self.persistence.load_schedule(self.clock)
        saved_dialog = self.persistence.load_dialog()
        if saved_dialog is not None:
            self.dialog.context = saved_dialog
        self.events: list[StateChanged] = []
        """Device events since the current turn (or advance) began."""
        self._unsubscribe: Callable[[], None] | None = None
        if self.home is not None:
            self.persistence.load_devices()
            self._unsubscribe = self.home.subscribe(self.events.append)
        self.timeline = Timeline(self.clock, home, self.rng)
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
        learned: LearnedStage | LearnedMode = "sync",
        readonly_state: bool = False,
        deferred_skills: bool = False,
    ) -> Simulator:
        """Load skills, the home and the store. Raises `SkillLoadError`, ``HomeFileError``
        or `StorageError` with a message that names the file. ``readonly_state`` opens the
        store for reading only (nothing is saved). ``deferred_skills``: bundled skills whose
        files are unchanged since the last start are built from the start-up cache and their
        code imported on first use (`simulator.skill_manifest`)."""
        # Built with the garbage collector paused: see `simulator.startup`.
        with collector_paused():
            # Models are cached per user, not per state directory: the key is the skill set, so
            # every state directory with the same skills shares one trained model.
            stage = learned if isinstance(learned, LearnedStage) else LearnedStage(learned)
            # Parsed templates are kept beside the models (see `simulator.nlu.template_cache`):
            # a process that starts with the same skills reads them instead of parsing again.
            template_cache.use_directory(stage.cache_dir)
            yamlfile.use_cache_directory(stage.cache_dir)  # the same for the YAML files read
            deferred = stage.cache_dir if deferred_skills else None
            loaded = load_skills(
                skills_dir, bundled=bundled, extra=extra_skills, deferred_cache=deferred
            )
            home = None
            if use_home:
                from simulator.devices import load_home

                home = load_home(home_file, now=now)
            store = (
                Store.open(state_dir, readonly=readonly_state)
                if state_dir is not None
                else Store.memory()
            )
            sim = cls(
                loaded.skills,
                home=home,
                store=store,
                seed=seed,
                now=now,
                skills_dir=skills_dir,
                learned=stage,
            )
            # A reload must bring back the same sources: the bundled skills only if they were asked
            # for, and the skills given in code (which have no file to reload from).
            sim._reload_bundled = bundled
            sim._reload_deferred = deferred
            sim._reload_extra = list(extra_skills)
            template_cache.save_soon()  # only when this start parsed or analysed something new
            yamlfile.save_cache()  # likewise: only when a file was parsed that the cache lacked
            return sim

    def _set_skills(self, skills: list[Skill]) -> None:
        self.skills = skills
        self._slots.set_skills(skills)
        self.router = Router(skills, classifier=self._classifier)
        self.learned.attach(self.router, skills, self.training_env())
        if hasattr(self, "dialog"):
            self.dialog.router = self.router
        # What the skills are, as the help skill reads it (`SkillContext.catalog`): made on
        # first use, per language (each draws example sentences for every skill, and most
        # starts answer one sentence in one language, or none a handler answers).
        self._catalogs: dict[str, tuple[SkillInfo, ...]] = {}

    @property
    def catalog(self) -> tuple[SkillInfo, ...]:
        """Every loaded skill, described in English (see :meth:`catalog_for`)."""
        return self.catalog_for("en")

    @property
    def catalogs(self) -> dict[str, tuple[SkillInfo, ...]]:
        """The catalog in every language the speaker speaks (``en``, ``zh-CN``)."""
        return {language: self.catalog_for(language) for language in ("en", "zh-CN")}

    def catalog_for(self, language: str) -> tuple[SkillInfo, ...]:
        """Every loaded skill as described in ``language`` (English for any other)."""
        if language != "zh-CN":
            language = "en"
        found = self._catalogs.get(language)
        if found is None:
            found = self._catalogs[language] = self._make_catalog(language)
        return found

    def _make_catalog(self, language: str) -> tuple[SkillInfo, ...]:
        skills = self.skills
        if language == "en":
            return tuple(
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
                    languages=s.languages,
                )
                for s in skills
            )
        # The same in Chinese: the skills' Chinese names and descriptions, Chinese examples.
        env = dataclasses.replace(self.slot_env(), language=language)
        infos: list[SkillInfo] = []
        for s in skills:
            # Every skill is listed (help can name it); its examples in Chinese when it has
            # Chinese templates, otherwise in English, which is what it understands.
            local = [
                dataclasses.replace(i, templates=[t for t in i.templates if t.language == language])
                for i in s.intents.values()
                if not i.context_only
            ]
            if language not in s.languages:
                local = list(s.intents.values())
            infos.append(
                SkillInfo(
                    name=s.name,
                    description=s.descriptions.get(language, s.description),
                    invocation=s.invocations.get(language, s.invocation or s.name),
                    examples=tuple(
                        example_utterances(i, env, random.Random(0), limit=1)[0]
                        for i in local[:3]
                        if i.templates
                    ),
                    languages=s.languages,
                )
            )
        return tuple(infos)

    def use_llm(self, config: LLMConfig | None) -> None:
        """Turn large-model mode on with ``config`` (or off with None).

        The HTTP client is imported here, only when the mode is turned on: without it the
        engine never loads httpx, and nothing is contacted.
        """
        if config is None:
            self.llm = None
            return
        from simulator.llm.stage import LLMStage

        self.llm = LLMStage(config)

    @property
    def home_key(self) -> str:
        """The key under which this home's device state is stored (its file, or its name)."""
        return self.persistence.home_key

    def subscribe(self, listener: TurnListener) -> Callable[[], None]:
        """Call ``listener`` with every finished turn; returns a function that unsubscribes."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def close(self) -> None:
        """Release the store."""
        if self._unsubscribe is not None:
            self._unsubscribe()
        self.store.close()

    # -- the front-end API (simulator.engine.frontend.FrontEnd) -----------------------------

    @property
    def watches_skills(self) -> bool:
        """Whether there is a ``--skills-dir`` to watch for changes."""
        return self.skills_dir is not None

    @property
    def has_home(self) -> bool:
        """Whether a home is loaded."""
        return self.home is not None

    def listening(self) -> bool:
        """Whether a session is open and waiting for an answer (not yet timed out)."""
        return self.dialog.listening(self.clock.now())

    def now(self) -> datetime:
        """The virtual clock's time."""
        return self.clock.now()

    def set_profile(self, name: str) -> Profile:
        """Switch to the device profile ``name`` (speaker, screen, kids), keeping its rules;
        the new profile. Raises ValueError for an unknown name."""
        self.profile = self.profile.switch(name)
        return self.profile

    async def compare(self, text: str) -> dict[str, Any]:
        """How the templates, the learned stage and the model (in large-model mode) each read
        ``text``, side by side (see `simulator.llm.compare`); nothing is changed."""
        from simulator.llm.compare import Comparer  # only front ends that compare pay for it

        if self._comparer is None:
            self._comparer = Comparer(self)
        return await self._comparer.compare(text)

    @property
    def paused(self) -> bool:
        """Whether the virtual clock stands still between explicit advances."""
        return self.clock.paused

    @paused.setter
    def paused(self, value: bool) -> None:
        self.clock.paused = value

    def home_json(self) -> dict[str, Any] | None:
        """The home as ``{name, speaker_room, rooms, devices}``, or None without a home."""
        if self.home is None:
            return None
        data: dict[str, Any] = self.home.to_json()
        return data

    def subscribe_home(self, listener: Callable[[StateChanged], None]) -> Callable[[], None] | None:
        """Call ``listener`` with every device state change; None without a home."""
        if self.home is None:
            return None
        unsubscribe: Callable[[], None] = self.home.subscribe(listener)
        return unsubscribe

    def warm(self) -> None:
        """Compile every template now (call off the event loop): the first turn is as quick as
        the rest."""
        self.router.warm()

    def wait_for_learned_stage(self, timeout: float | None = None) -> dict[str, Any] | None:
        """Wait for the learned stage's background training; its status, or None if it is
        still training after ``timeout`` seconds."""
        if not self.learned.wait(timeout):
            return None
        return dict(self.learned.status)

    def take_notices(self) -> list[str]:
        """What the store found or could not do since the last call, each once."""
        return self.store.take_notices()

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
                self.skills_dir,
                bundled=self._reload_bundled,
                extra=self._reload_extra,
                deferred_cache=self._reload_deferred,
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
            self.refresh()
            events = self.home.set_manual(device_id, attribute, value, at=self.clock.now())
            self._save(None, devices_changed=True)
            return events

    # -- media focus -----------------------------------------------------------------------

    def focus_skill(self) -> str | None:
        """The skill whose play queue is playing (or paused) on a media device of the home.

        Like a real speaker's audio focus: while a skill's music plays, "stop", "next" and
        "pause" reach that skill even though its conversation has ended. A playing device wins
        over a paused one, and the speaker's own room over the others.
        """
        if self.home is None:
            return None
        names = {s.name for s in self.skills}
        here = self.home.speaker_room
        best: tuple[int, str] | None = None
        for device in self.home.devices.values():
            if not device.has("media") or not device.online:
                continue
            app = device.get("media_app")
            playback = device.get("playback")
            if app not in names or playback == "stopped":
                continue
            rank = (2 if playback == "playing" else 0) + (1 if device.room == here else 0)
            if best is None or rank > best[0]:
                best = (rank, str(app))
        return best[1] if best else None

    # -- the slot environment --------------------------------------------------------------

    def slot_env(self) -> SlotEnv:
        """Runtime data for slot parsers: today's date and the home's names."""
        return self._slots.env()

    def training_env(self) -> SlotEnv:
        """The environment the learned stage trains in: the demo home's names whatever home
        is loaded, so its model depends on the skill set alone."""
        return self._slots.training_env()

    # -- routing only ---------------------------------------------------------------------

    def route(
        self, text: str, *, use_context: bool = False, focus_skill: str | None = None
    ) -> RouteResult:
        """NLU only: how ``text`` would be routed. Changes nothing.

        Without ``use_context`` each utterance is routed as if it opened a conversation, so the
        answer does not depend on what was said before. ``focus_skill`` routes it as if that
        skill's media were playing (its context-only intents, such as "next song", then count).
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
                outcome="fallback",
            )
        said = normalize(display).split()
        words = pipeline.strip_wake_word(self, said)
        session = self.dialog.session if use_context else None
        decision = self.router.route(
            words or [],
            breaks=clause_breaks(display, len(said) - len(words or [])),
            typed=display,
            skip=len(said) - len(words or []),
            env=self.slot_env(),
            question=self.dialog.open_question() if use_context else None,
            active_skill=session.skill if session else None,
            focus_skill=focus_skill or (self.focus_skill() if use_context else None),
        )
        return redact_route(route_result(display, decision, self.router), self.router)

    def device_names(self) -> list[str]:
        """The names of the home's devices and rooms, as said (for the simulated recogniser)."""
        lists = self._slots.home_lists()
        return sorted(
            {
                name
                for key in ("device_target", "room")
                for names in lists.get(key, {}).values()
                for name in names
            }
        )

    async def route_async(self, text: str, *, use_context: bool = False) -> RouteResult:
        """`route`, and in large-model mode the model's reading where the mode asks it.

        Changes nothing (the model's request is sent without earlier turns unless
        ``use_context``). A tool call is reported with source ``llm``; a text answer as
        source ``llm`` with no intent and the answer under ``why.llm.answer``.
        """
        result = self.route(text, use_context=use_context)
        if self.llm is None or len(clean_display(text)) > MAX_UTTERANCE_CHARS:
            return result
        question = self.dialog.open_question() if use_context else None
        best_source = None if result.intent is None else result.source
        if self.llm.mode == "llm":
            wanted = best_source not in ("context", "builtin")
        else:
            wanted = best_source is None and question is None
        if not wanted:
            return result
        profile = self.profile
        outcome = await self.llm.ask(
            result.text,
            self.skills,
            self.slot_env(),
            allowed=profile.allows if profile.name == "kids" else None,
            note=profile.model_note(),
            use_history=use_context,
        )
        detail = dict(outcome.detail)
        local = (
            [
                Alternative(
                    intent=result.intent,
                    skill=result.skill or "",
                    confidence=result.confidence,
                    source=result.source,
                    explanation=result.explanation,
                )
            ]
            if result.intent is not None
            else []
        )
        if outcome.candidate is not None:
            c = outcome.candidate
            return RouteResult(
                text=result.text,
                intent=c.intent,
                skill=c.skill,
                confidence=c.confidence,
                slots={
                    k: SlotValue(value=value_to_json(v.value), raw=v.raw)
                    for k, v in c.slots.items()
                },
                source="llm",
                alternatives=(local + result.alternatives)[:5],
                explanation=c.explanation,
                missing_slots=c.missing,
                why={"llm": detail},
            )
        if outcome.text is not None:
            detail["answer"] = outcome.text
            return RouteResult(
                text=result.text,
                intent=None,
                skill=None,
                confidence=0.0,
                source="llm",
                alternatives=(local + result.alternatives)[:5],
                explanation=f"the model answered in words ({outcome.ms:.0f} ms)",
                why={"llm": detail},
                outcome="fallback",
            )
        return result.model_copy(update={"why": {**result.why, "llm": detail}})

    def skill_listing(self, examples: int = 20) -> list[dict[str, Any]]:
        """Skills with their intents, sample templates and up to ``examples`` concrete
        utterances each (seeded by ``--seed``, so the list is reproducible), and the skill's own
        ``examples`` (the few its author chose as worth trying) first."""
        env = self.slot_env()
        rng = random.Random(self.seed or 0)
        return [
            {
                "name": skill.name,
                "description": skill.description,
                "invocation": skill.invocation,
                "source": skill.source,
                "examples": list(skill.examples),
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

    # -- a turn --------------------------------------------------------------------------

    async def handle(self, text: str) -> Turn:
        """Run one utterance through the pipeline and return its `Turn`."""
        async with self._turn_lock:
            self.refresh()
            # A turn that carried a secret (a spoken PIN) never leaves the engine unredacted.
            turn = redact_turn(await pipeline.run_utterance(self, text), self.router)
            if self.llm is not None:
                self.llm.remember(turn)  # the model sees locally handled turns too (redacted)
            self._save(turn)
            self._emit(turn)
            return turn

    def handle_sync(self, text: str) -> Turn:
        """`handle` for code without an event loop (scripts, the test harness)."""
        return asyncio.run(self.handle(text))

    # -- time ----------------------------------------------------------------------------

    async def advance(self, delta: timedelta) -> list[Turn]:
        """Move the virtual clock on; returns a proactive turn for each item that fired.

        Device simulation runs in steps of at most 5 s between items, so everything happens in
        order of virtual time.
        """
        async with self._turn_lock:
            self.refresh()
            self.events.clear()
            turns = await self.timeline.advance(delta, self._fire, self._emit)
            bedtime = pipeline.run_bedtime(self) if self.profile.name == "kids" else None
            if bedtime is not None:
                turns.append(bedtime)
                self._emit(bedtime)
            self._save(None, devices_changed=bool(self.events) or not turns, fired=turns)
            return turns

    async def _fire(self, item: ScheduledItem) -> Turn | None:
        # Another process sharing the state may have fired (or cancelled) it already.
        if not self.persistence.claim(item.id):
            return None
        return await pipeline.run_scheduled(self, item)

    def refresh(self) -> bool:
        """Take in what other processes saved to the shared state (timers, devices, skill data).

        Called at the start of every turn and advance; True if anything came in.
        """
        return self.persistence.refresh(self.clock, self.skill_data)

    def advance_sync(self, delta: timedelta) -> list[Turn]:
        """`advance` for code without an event loop."""
        return asyncio.run(self.advance(delta))

    # -- reset ---------------------------------------------------------------------------

    async def reset_async(self) -> None:
        """Restore the world: end the session, cancel scheduled items, reset the home, and put
        the clock back (to the wall clock, or to this run's ``--now``).

        Waits for a running turn to finish first. Skills' persistent data and the conversation
        log are kept: they are the user's.
        """
        async with self._turn_lock:
            self.dialog.reset()
            self.clock.clear()
            self.clock.rewind(self.persistence.reset_clock())
            if self.home is not None:
                self.home.clock = self.clock.now()
                self.home.reset(at=self.clock.now())
            self.events.clear()
            self._save(None, devices_changed=True, replace_devices=True)

    def reset(self) -> None:
        """`reset_async` for code without an event loop."""
        asyncio.run(self.reset_async())

    # -- saving --------------------------------------------------------------------------

    def _save(
        self,
        turn: Turn | None,
        *,
        devices_changed: bool = False,
        replace_devices: bool = False,
        fired: Sequence[Turn] = (),
    ) -> None:
        self.persistence.save(
            turn,
            fired=fired,
            dialog=self.dialog.context,
            clock=self.clock,
            skill_data=self.skill_data,
            devices_changed=devices_changed,
            replace_devices=replace_devices,
        )

    def _emit(self, turn: Turn) -> None:
        for listener in list(self._listeners):
            try:
                listener(turn)
            except Exception:
                pass  # a broken listener (a UI bug) must not stop the speaker


if TYPE_CHECKING:

    def _implements_front_end(sim: Simulator) -> FrontEnd:
        # mypy checks here that `Simulator` offers everything the front-end interface promises.
        return sim
