"""Side by side: the templates, the learned stage and the large model on the same utterances.

``speaker-sim route --compare`` (and the TUI's compare view) show each stage's reading,
confidence and time for every line:

``templates``
    the template router alone (fillers set aside and typos mended included, no learned stage);
``learned``
    the learned stage's own top reading, asked even when a template matched (in routing it is
    consulted only when none did), with whether it clears the router's threshold;
``model``
    the large model's reading (a tool call or a text answer), when ``--llm-url`` is given; the
    model gives no confidence. Each utterance is asked on its own, without earlier turns.

Nothing is changed: no handler runs, no state is saved.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol

from simulator.nlu.normalize import clean_display, normalize
from simulator.profiles import Profile
from simulator.routing.router import Candidate, Router
from simulator.sdk.skill import Skill
from simulator.sdk.slots import SlotEnv

if TYPE_CHECKING:
    from simulator.llm.stage import LLMStage

__all__ = ["STAGES", "Comparer", "Speaker", "format_header", "format_row"]


class Speaker(Protocol):
    """What the comparer needs of a simulator (the engine's `Simulator` is one)."""

    @property
    def skills(self) -> Sequence[Skill]:
        """The loaded skills."""
        ...

    @property
    def router(self) -> Router:
        """The live router (its learned stage is read)."""
        ...

    @property
    def llm(self) -> LLMStage | None:
        """The model, in large-model mode."""
        ...

    @property
    def profile(self) -> Profile:
        """The device profile (the kids allow-list narrows the model's tools)."""
        ...

    def slot_env(self) -> SlotEnv:
        """Runtime data for slot parsers."""
        ...


STAGES = ("templates", "learned", "model")
"""The columns, in pipeline order."""


def _reading(candidate: Candidate | None, ms: float, threshold: float) -> dict[str, Any]:
    if candidate is None:
        return {"intent": None, "skill": None, "confidence": 0.0, "accepted": False, "ms": ms}
    return {
        "intent": candidate.intent,
        "skill": candidate.skill,
        "confidence": round(candidate.confidence, 4),
        "accepted": candidate.confidence >= threshold,
        "slots": {k: v.raw for k, v in candidate.slots.items()},
        "ms": ms,
    }


class Comparer:
    """Reads utterances with each stage of one simulator's skills, separately."""

    def __init__(self, sim: Speaker) -> None:
        """Compare the stages of ``sim`` (its skills, learned stage and model, if any)."""
        self.sim = sim
        # A router of its own without the learned stage: the templates' reading alone, and no
        # sharing of the live router's state with turns that may run meanwhile (the TUI).
        self._templates = Router(sim.skills)
        self._templates.warm()  # compiled up front, so the first lines' times are not compile times
        self._skills = list(sim.skills)

    async def compare(self, text: str) -> dict[str, Any]:
        """One utterance's readings: ``{"text", "templates", "learned", "model"}``."""
        sim = self.sim
        if list(sim.skills) != self._skills:  # skills reloaded since: index them again
            self._templates = Router(sim.skills)
            self._templates.warm()
            self._skills = list(sim.skills)
        display = clean_display(text)
        tokens = normalize(display).split()
        env = sim.slot_env()
        threshold = sim.router.threshold
        out: dict[str, Any] = {"text": display}

        start = time.perf_counter()
        decision = self._templates.route(tokens, env=env)
        ms = _ms(start)
        out["templates"] = _reading(decision.best, ms, threshold)
        if decision.best is not None:
            out["templates"]["source"] = decision.best.source

        start = time.perf_counter()
        learned = sim.router.classify(tokens, env) if sim.router.classifier is not None else None
        ms = _ms(start)
        if learned is None:
            out["learned"] = {"unavailable": "the learned stage is not trained (yet)", "ms": ms}
        else:
            out["learned"] = _reading(learned[0] if learned else None, ms, threshold)

        if sim.llm is None:
            out["model"] = None
        else:
            profile = sim.profile
            outcome = await sim.llm.ask(
                display,
                sim.skills,
                env,
                allowed=profile.allows if profile.name == "kids" else None,
                note=profile.model_note(),
                use_history=False,
            )
            model: dict[str, Any] = {"ms": outcome.ms, "confidence": None}
            if outcome.candidate is not None:
                c = outcome.candidate
                model.update(
                    intent=c.intent,
                    skill=c.skill,
                    slots={k: v.raw for k, v in c.slots.items()},
                    missing=c.missing,
                )
            elif outcome.text is not None:
                model.update(intent=None, skill=None, text=outcome.text)
            else:
                code, message = outcome.error or ("", "")
                model.update(intent=None, skill=None, error={"code": code, "message": message})
            out["model"] = model
        return out


def _ms(start: float) -> float:
    return round((time.perf_counter() - start) * 1000, 3)


def _cell(reading: dict[str, Any] | None) -> str:
    if reading is None:
        return "(no model: --llm-url)"
    if "unavailable" in reading:
        return "(not trained)"
    ms = f"{reading['ms']:.1f} ms" if reading["ms"] < 100 else f"{reading['ms']:.0f} ms"
    if reading.get("error"):
        return f"{reading['error']['code']} {ms}"
    if reading.get("intent") is None:
        if reading.get("text"):
            return f'text: "{str(reading["text"])[:20]}" {ms}'
        return f"- {ms}"
    name = f"{reading['skill']}.{reading['intent']}"
    confidence = reading.get("confidence")
    if confidence is None:
        return f"{name} {ms}"
    mark = "" if reading.get("accepted", True) else " (below)"
    return f"{name} {confidence:.2f}{mark} {ms}"


_WIDTHS = (34, 36, 40)


def format_header() -> str:
    """The plain-text table's header line."""
    return "\t".join(["utterance", *STAGES])


def format_row(row: dict[str, Any]) -> str:
    """One plain-text table line: the utterance, then each stage's reading, confidence and time."""
    return "\t".join([str(row["text"]), *(_cell(row.get(stage)) for stage in STAGES)])
