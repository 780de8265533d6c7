"""The model as a pipeline stage: build the request, ask, and read the answer back.

`LLMStage.ask` sends the loaded skills' intents as tools, a short system prompt, the recent turns
(bounded: the last `HISTORY_TURNS`, each line shortened, including the ones local skills handled,
so "it" and "there" mean what the user meant) and the utterance. It returns a `ModelOutcome`:

* a **tool call** read back as a router `Candidate` (source ``llm``), which the dialog then
  validates, elicits and confirms exactly like a routed intent;
* a **text answer**, cleaned of control characters and markup and shortened to
  `MAX_ANSWER_CHARS`;
* or an **error** (unreachable, timeout, HTTP error, garbage, a call to a tool not offered), after
  which the engine gives its normal fallback answer.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal
from urllib.parse import urlsplit

from simulator.llm import LLMConfig
from simulator.llm.client import ChatClient, ChatReply
from simulator.llm.tools import ToolCallError, read_tool_call, tool_specs
from simulator.models import Turn
from simulator.nlu.normalize import clean_display
from simulator.routing.router import Candidate
from simulator.sdk.skill import Skill
from simulator.sdk.slots import SlotEnv, spoken_value

__all__ = ["HISTORY_TURNS", "MAX_ANSWER_CHARS", "SYSTEM_PROMPT", "LLMStage", "ModelOutcome"]

HISTORY_TURNS = 6
"""How many earlier turns the model sees: enough for "it" and "there", bounded so a long session
does not grow the request (or its latency) without end."""

MAX_ANSWER_CHARS = 400
"""The longest text answer spoken: a speaker answers in a sentence or two, not an essay."""

_MAX_LINE_CHARS = 240

SYSTEM_PROMPT = (
    "You are the voice assistant inside a smart speaker (speaker-sim, an illustrative simulator). "
    "If the user's request matches one of the tools, call exactly one tool; give each argument "
    "in the user's own words and leave out what they did not say (the speaker will ask for it). "
    "You can act only through these tools. Otherwise answer in one or two short spoken "
    "sentences, without lists, markup or emoji. Earlier turns show what the speaker already did, "
    "so 'it' and 'there' refer to them. Answer in the language the user speaks."
)
"""What the model is told about its job, before the tools and the conversation."""

_MARKUP = re.compile(r"(\*\*|__|`+|^#+\s*|^\s*[-*]\s+)", re.MULTILINE)


@dataclass
class ModelOutcome:
    """What the model made of an utterance."""

    kind: Literal["tool", "text", "error"]
    ms: float
    """How long the model took (the whole request)."""
    candidate: Candidate | None = None
    text: str | None = None
    error: tuple[str, str] | None = None
    """``(code, message)`` when the model could not be used."""
    detail: dict[str, Any] = field(default_factory=dict)
    """For the ``llm`` trace step: the server, the model, the tool called and its arguments."""


class LLMStage:
    """Asks one chat-completions server about utterances, with the recent turns as context."""

    def __init__(self, config: LLMConfig, *, history_turns: int = HISTORY_TURNS) -> None:
        """Use the server and model of ``config``; remember up to ``history_turns`` turns."""
        self.config = config
        self.client = ChatClient(config)
        self.history: deque[tuple[str, str]] = deque(maxlen=max(0, history_turns))
        """Earlier turns as ``(user, speaker)`` lines, oldest first."""
        self._tools: tuple[tuple[object, ...], list[dict[str, Any]]] | None = None

    def tools(
        self, skills: Sequence[Skill], env: SlotEnv, allowed: Callable[[str, str], bool] | None
    ) -> list[dict[str, Any]]:
        """The tools for ``skills``, built once per skill set and profile (not per turn: the
        example utterances in the descriptions take a while to draw)."""
        # Keyed on the skill objects (a reload makes new ones) and on whose allow-list it is
        # (a bound method is a new object each time; its profile is not).
        owner = getattr(allowed, "__self__", allowed)
        key = (*(id(s) for s in skills), id(owner) if allowed is not None else None)
        if self._tools is None or self._tools[0] != key:
            self._tools = (key, tool_specs(skills, env, allowed=allowed))
        return self._tools[1]

    @property
    def mode(self) -> str:
        """``fallback`` or ``llm`` (every turn)."""
        return self.config.mode

    def describe(self) -> dict[str, Any]:
        """Where the model is, for the trace (host and path only: never a key)."""
        parts = urlsplit(self.config.endpoint)
        return {
            "mode": self.config.mode,
            "server": f"{parts.hostname or ''}{':' + str(parts.port) if parts.port else ''}",
            "model": self.config.model,
        }

    def remember(self, turn: Turn) -> None:
        """Keep a finished turn as context: what was said and what the speaker did and said."""
        if turn.kind != "utterance" or not turn.text:
            return
        done = ""
        if turn.intent and turn.skill:
            slots = ", ".join(f"{k}={v.raw!r}" for k, v in turn.slots.items())
            done = f"[{turn.skill}.{turn.intent}{' ' + slots if slots else ''}] "
        said = turn.speech or ""
        self.history.append(
            (turn.text[:_MAX_LINE_CHARS], (done + said)[:_MAX_LINE_CHARS] or "(no reply)")
        )

    def messages(self, text: str, *, note: str = "") -> list[dict[str, Any]]:
        """The conversation sent: the system prompt, the remembered turns, the utterance."""
        system = SYSTEM_PROMPT + (f" {note}" if note else "")
        out: list[dict[str, Any]] = [{"role": "system", "content": system}]
        for user, speaker in self.history:
            out.append({"role": "user", "content": user})
            out.append({"role": "assistant", "content": speaker})
        out.append({"role": "user", "content": text[: _MAX_LINE_CHARS * 2]})
        return out

    async def ask(
        self,
        text: str,
        skills: Sequence[Skill],
        env: SlotEnv,
        *,
        allowed: Callable[[str, str], bool] | None = None,
        note: str = "",
        use_history: bool = True,
    ) -> ModelOutcome:
        """Ask the model about ``text``; never raises for what the server does.

        ``allowed`` narrows the tools (a profile's allow-list); ``note`` is added to the system
        prompt (the kids profile asks for simple, gentle words).
        """
        tools = self.tools(skills, env, allowed)
        if use_history:
            messages = self.messages(text, note=note)
        else:
            saved, self.history = self.history, deque(maxlen=self.history.maxlen)
            try:
                messages = self.messages(text, note=note)
            finally:
                self.history = saved
        detail: dict[str, Any] = {
            **self.describe(),
            "tools": len(tools),
            "context_turns": (len(messages) - 2) // 2,
        }
        reply = await self.client.complete(messages, tools)
        detail["ms"] = reply.ms
        if reply.usage:
            detail["usage"] = {k: v for k, v in reply.usage.items() if isinstance(v, int)}
        return self._outcome(reply, {s.name: s for s in skills}, env, allowed, detail)

    def _outcome(
        self,
        reply: ChatReply,
        skills: Mapping[str, Skill],
        env: SlotEnv,
        allowed: Callable[[str, str], bool] | None,
        detail: dict[str, Any],
    ) -> ModelOutcome:
        if reply.error is not None:
            detail["error"] = {"code": reply.error, "message": reply.message}
            return ModelOutcome(
                "error", reply.ms, error=(reply.error, reply.message), detail=detail
            )
        if reply.tool_call is not None:
            call = reply.tool_call
            detail["tool"] = clean_display(call.name)[:80]
            try:
                reading = read_tool_call(call.name, call.arguments, skills, env, allowed=allowed)
            except ToolCallError as exc:
                detail["error"] = {"code": "LLM_INVALID_TOOL_CALL", "message": str(exc)}
                return ModelOutcome(
                    "error", reply.ms, error=("LLM_INVALID_TOOL_CALL", str(exc)), detail=detail
                )
            detail["arguments"] = reading.arguments
            if reading.rejected:
                detail["rejected"] = reading.rejected
            if reply.extra_calls:
                detail["ignored_calls"] = reply.extra_calls
            spec = skills[reading.skill].intents[reading.intent]
            filled = ", ".join(
                f"{k}={spoken_value(v.value, v.raw)!r}" for k, v in reading.slots.items()
            )
            candidate = Candidate(
                skill=reading.skill,
                intent=reading.intent,
                # A chat model gives no calibrated confidence; its choice is taken as made.
                confidence=1.0,
                source="llm",
                slots=dict(reading.slots),
                explanation=f"the model called {reading.skill}.{reading.intent}"
                + (f" with {filled}" if filled else "")
                + f" ({reply.ms:.0f} ms)",
                missing=[s for s in spec.required_slots if s not in reading.slots],
                details={"llm": dict(detail)},
            )
            return ModelOutcome("tool", reply.ms, candidate=candidate, detail=detail)
        answer = clean_answer(reply.text or "")
        if not answer:
            detail["error"] = {"code": "LLM_BAD_RESPONSE", "message": "an empty answer"}
            return ModelOutcome(
                "error", reply.ms, error=("LLM_BAD_RESPONSE", "an empty answer"), detail=detail
            )
        detail["answer_chars"] = len(answer)
        return ModelOutcome("text", reply.ms, text=answer, detail=detail)


def clean_answer(text: str) -> str:
    """Model text made speakable: markup and control characters out, at most `MAX_ANSWER_CHARS`
    (cut at the last sentence end that fits, else at a word)."""
    text = clean_display(_MARKUP.sub(" ", text.replace("\r", "\n")))
    if len(text) <= MAX_ANSWER_CHARS:
        return text
    cut = text[:MAX_ANSWER_CHARS]
    end = max(cut.rfind(". "), cut.rfind("! "), cut.rfind("? "))
    if end >= MAX_ANSWER_CHARS // 3:
        return cut[: end + 1]
    return cut.rsplit(" ", 1)[0].rstrip(",;:") + "…"
