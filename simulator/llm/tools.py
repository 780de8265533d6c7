"""The loaded skills' intents as chat-completions tools, and a model's tool call read back as slots.

Each intent a user can ask for becomes one function tool named ``<skill>__<intent>``. Its JSON
schema comes from the intent's pydantic slots model: one string property per field (the words the
user said for it), ``required`` from the fields without a default, and the description from the
field's own description and its slot type's hint ("a duration, like 5 minutes"); a list slot
names its values as an ``enum``. Every argument then goes through the slot type's parser, exactly
as words matched by a template do, so the model never hands a handler a value the templates could
not have produced.

The model can only call these intents: no device internals, no built-ins, no context-only intents
(those follow up on what the skill just said or plays, which a model cannot have seen).
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from simulator.nlu.matcher import NO_VALUE
from simulator.nlu.normalize import clean_display, normalize
from simulator.routing.router import SlotFill
from simulator.routing.samples import example_utterances
from simulator.sdk.skill import IntentSpec, Skill
from simulator.sdk.slots import SlotEnv, SlotList

__all__ = ["ToolCallError", "ToolReading", "read_tool_call", "tool_name", "tool_specs"]

_SEPARATOR = "__"
_MAX_ENUM = 40
_MAX_ARGUMENT_CHARS = 200
_NAME_OK = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


class ToolCallError(ValueError):
    """A tool call that cannot be carried out: an unknown tool, or arguments that are not an
    object of words."""


@dataclass
class ToolReading:
    """A model's tool call as the dialog needs it: the intent and the slots that parsed."""

    skill: str
    intent: str
    slots: dict[str, SlotFill] = field(default_factory=dict)
    arguments: dict[str, str] = field(default_factory=dict)
    """The words the model gave for each argument (cleaned), for the trace."""
    rejected: dict[str, str] = field(default_factory=dict)
    """Arguments dropped, with why (unknown slot, words the slot's parser does not accept): the
    dialog then asks for a required one as if the user had left it out."""


def tool_name(skill: str, intent: str) -> str:
    """The tool's name for an intent: ``<skill>__<intent>`` (both are identifiers already)."""
    return f"{skill}{_SEPARATOR}{intent}"[:64]


def _callable(spec: IntentSpec) -> bool:
    return not spec.context_only


def tool_specs(
    skills: Iterable[Skill],
    env: SlotEnv,
    *,
    allowed: Callable[[str, str], bool] | None = None,
) -> list[dict[str, Any]]:
    """The chat-completions ``tools`` for the intents of ``skills`` (those ``allowed`` lets through).

    Deterministic for a given skill set (the example utterance is drawn with a fixed seed), so
    the request a learner inspects is the same every time.
    """
    tools: list[dict[str, Any]] = []
    for skill in skills:
        for spec in skill.intents.values():
            if not _callable(spec) or (allowed is not None and not allowed(skill.name, spec.name)):
                continue
            name = tool_name(skill.name, spec.name)
            if not _NAME_OK.match(name):
                continue
            tools.append(
                {
                    "type": "function",
                    "function": {
                        "name": name,
                        "description": _description(skill, spec, env),
                        "parameters": _parameters(spec, env),
                    },
                }
            )
    return tools


def _description(skill: Skill, spec: IntentSpec, env: SlotEnv) -> str:
    parts = [p for p in (skill.description, spec.description) if p]
    what = ": ".join(parts) if parts else f"{skill.name} {spec.name}"
    try:
        examples = (
            example_utterances(spec, env, random.Random(0), limit=2) if spec.templates else []
        )
    except Exception:
        examples = []  # a skill's odd list must not keep the other tools from the model
    if examples:
        what += ". For example: " + "; ".join(f'"{e}"' for e in examples)
    if spec.confirm:
        what += ". The speaker asks the user to confirm first."
    return what


def _parameters(spec: IntentSpec, env: SlotEnv) -> dict[str, Any]:
    properties: dict[str, Any] = {}
    model_fields = spec.model.model_fields if spec.model is not None else {}
    for name, slot in spec.slots.items():
        info = model_fields.get(name)
        words = [info.description] if info is not None and info.description else []
        words.append(f"{slot.type.hint}, in the user's words")
        prop: dict[str, Any] = {"type": "string", "description": "; ".join(words)}
        if isinstance(slot.type, SlotList) and len(slot.type.values) <= _MAX_ENUM:
            prop["enum"] = list(slot.type.values)
        properties[name] = prop
    return {
        "type": "object",
        "properties": properties,
        "required": [name for name in spec.required_slots if name in properties],
        "additionalProperties": False,
    }


def read_tool_call(
    name: str,
    arguments: str | Mapping[str, Any] | None,
    skills: Mapping[str, Skill],
    env: SlotEnv,
    *,
    allowed: Callable[[str, str], bool] | None = None,
) -> ToolReading:
    """Read a tool call back into an intent and parsed slots; raises `ToolCallError`.

    ``arguments`` is the JSON text the server sent (or an already-decoded object). Only the tools
    offered can be called: an unknown or disallowed name is an error, as is anything but an
    object of simple values.
    """
    skill_name, sep, intent_name = str(name).partition(_SEPARATOR)
    skill = skills.get(skill_name) if sep else None
    spec = skill.intents.get(intent_name) if skill is not None else None
    if (
        skill is None
        or spec is None
        or not _callable(spec)
        or (allowed is not None and not allowed(skill.name, spec.name))
    ):
        raise ToolCallError(
            f"the model called {clean_display(str(name))[:80]!r}, not a tool offered"
        )
    if arguments is None or arguments == "":
        args: Any = {}
    elif isinstance(arguments, str):
        try:
            args = json.loads(arguments)
        except ValueError:
            raise ToolCallError("the tool call's arguments are not JSON") from None
    else:
        args = dict(arguments)
    if not isinstance(args, dict):
        raise ToolCallError("the tool call's arguments are not a JSON object")
    reading = ToolReading(skill.name, spec.name)
    for key, value in args.items():
        key = str(key)
        if value is None:
            continue
        if not isinstance(value, str | int | float | bool):
            reading.rejected[key] = "not a word, number or yes/no"
            continue
        words = clean_display(str(value))[:_MAX_ARGUMENT_CHARS]
        reading.arguments[key] = words
        slot = spec.slots.get(key)
        if slot is None:
            reading.rejected[key] = "no such slot"
            continue
        tokens = normalize(words).split()
        if not tokens:
            continue
        try:
            parsed = slot.type.parse(tokens, env)
        except Exception:
            parsed = NO_VALUE  # a parser that breaks on odd words is a value that did not parse
        if parsed is NO_VALUE:
            reading.rejected[key] = f"not {slot.type.hint}"
            continue
        reading.slots[key] = SlotFill(parsed, " ".join(tokens))
    return reading
