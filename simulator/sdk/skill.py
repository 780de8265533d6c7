"""The `Skill` object and its decorators: what a skill author writes.

A skill reads like a small Flask app::

    skill = Skill("hello", description="Says hello")

    @skill.intent("SayHello", samples=["(hello|hi) [there]", "say hello"])
    def say_hello(ctx: SkillContext) -> Response:
        return Response.speak("Hello!")

Everything is checked when the module loads: a template that does not parse, a ``{slot}`` with no
field in the slots model, or a slot type with no parser fails at once with the skill, the intent,
the template and the column, so mistakes show up before anyone speaks.
"""

from __future__ import annotations

import inspect
import re
import typing
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from simulator.nlu.expand import slot_names
from simulator.nlu.template import SHARED_RULES, Node, RuleSet, TemplateError
from simulator.sdk.response import Response
from simulator.sdk.slots import SlotType, slot_type_for

__all__ = [
    "Handler",
    "IntentSpec",
    "Skill",
    "SkillDefinitionError",
    "SlotSpec",
    "Template",
]

Handler = Callable[..., Response | Awaitable[Response]]
"""A handler: ``(ctx)`` or ``(ctx, slots)``, sync or async, returning a `Response`."""

H = typing.TypeVar("H", bound=Handler)
"""The decorated handler's own type: the decorators give it back unchanged, so a handler that
another handler calls keeps its precise signature for type checkers."""

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


class SkillDefinitionError(Exception):
    """A skill is defined wrongly; the message names the skill, intent, template and column."""


@dataclass(frozen=True)
class SlotSpec:
    """One slot of an intent: its name, type, whether it is required, and how to ask for it."""

    name: str
    type: SlotType
    required: bool
    prompt: str
    prompt_given: bool = True
    """False when the skill gave no prompt and ``prompt`` is the generic "What <slot>?"."""


@dataclass(frozen=True)
class Template:
    """One sample template of an intent, parsed and with its rules resolved."""

    text: str
    node: Node


@dataclass
class IntentSpec:
    """An intent of a skill: its templates, slots, handler and dialog settings."""

    name: str
    skill: str
    handler: Handler
    templates: list[Template]
    slots: dict[str, SlotSpec]
    model: type[BaseModel] | None
    confirm: str | None = None
    """A yes/no question asked before the handler runs; ``{slot}`` fields are filled in."""
    description: str = ""
    context_only: bool = False
    """Routed only while its skill holds the conversation or plays in the foreground (a follow-up
    like "is it a towel?" after a riddle, or "next" while the skill's music plays)."""
    follow_up: bool = False
    """Routed only to answer this skill's open "which one?" question (`Response.ask_which`)."""

    @property
    def samples(self) -> list[str]:
        """The sample templates as written."""
        return [t.text for t in self.templates]

    @property
    def required_slots(self) -> list[str]:
        """Names of the slots the handler cannot run without."""
        return [s.name for s in self.slots.values() if s.required]


@dataclass
class Skill:
    """A skill: a name, a description, and intents registered with :meth:`intent`.

    ``timeout`` is how long (seconds) a handler may run before the simulator gives up on it.
    ``rules`` are expansion rules for this skill's templates (``<name>`` in a sample).
    ``invocation`` is the name people say to open it ("open kitchen timer").
    """

    name: str
    description: str = ""
    invocation: str | None = None
    timeout: float = 5.0
    rules: Mapping[str, str] = field(default_factory=dict)
    intents: dict[str, IntentSpec] = field(default_factory=dict, init=False)
    launch_handler: Handler | None = field(default=None, init=False)
    help_handler: Handler | None = field(default=None, init=False)
    stop_handler: Handler | None = field(default=None, init=False)
    fire_handler: Handler | None = field(default=None, init=False)
    source: str = field(default="", init=False)
    """Where the skill was loaded from (a file path or module name), set by the loader."""

    def __post_init__(self) -> None:
        """Check the name and build the rule set."""
        if not _NAME.match(self.name):
            raise SkillDefinitionError(
                f"skill name {self.name!r} must be letters, digits and underscores"
            )
        if self.invocation is None:
            self.invocation = self.name.replace("_", " ")
        if self.timeout <= 0:
            raise SkillDefinitionError(f"skill {self.name!r}: timeout must be positive")
        self._rules = RuleSet(dict(self.rules), parent=SHARED_RULES)

    def __hash__(self) -> int:
        """Skills are identified by name."""
        return hash(self.name)

    # -- decorators ------------------------------------------------------------------------

    def intent(
        self,
        name: str,
        *,
        samples: Sequence[str],
        prompts: Mapping[str, str] | None = None,
        confirm: str | None = None,
        context_only: bool = False,
        follow_up: bool = False,
    ) -> Callable[[H], H]:
        """Register a handler for intent ``name`` with its sample utterance templates.

        ``prompts`` maps a required slot to the question asked when the user leaves it out.
        ``confirm`` is a yes/no question asked before the handler runs, e.g.
        ``"Unlock the {door}?"`` (slot names are filled with what the user said).
        ``follow_up`` makes the intent context-only (like HassIL's ``requires_context``): it is
        routed only while this skill's "which one?" question (`Response.ask_which`) is open, so
        "the first one" or "both" mean nothing out of the blue.
        ``context_only`` intents are routed only while this skill holds the conversation or
        plays media in the foreground (see :attr:`IntentSpec.context_only`): follow-ups whose
        words would mean something else out of context.
        """

        def decorator(handler: H) -> H:
            spec = self._build_intent(name, handler, samples, prompts or {}, confirm)
            spec.context_only = context_only
            spec.follow_up = follow_up
            self.intents[name] = spec
            return handler

        if not _NAME.match(name):
            raise SkillDefinitionError(
                f"skill {self.name!r}: intent name {name!r} must be letters, digits and underscores"
            )
        if name in self.intents:
            raise SkillDefinitionError(f"skill {self.name!r}: intent {name!r} is defined twice")
        if isinstance(samples, str) or not samples:
            raise SkillDefinitionError(
                f"skill {self.name!r}, intent {name!r}: samples must be a non-empty list of templates"
            )
        return decorator

    def on_launch(self, handler: Handler) -> Handler:
        """Register the handler for "open <skill>"."""
        self.launch_handler = handler
        return handler

    def on_help(self, handler: Handler) -> Handler:
        """Register the handler for "help" while this skill holds the conversation."""
        self.help_handler = handler
        return handler

    def on_stop(self, handler: Handler) -> Handler:
        """Register the handler for "stop" / "cancel" while this skill holds the conversation."""
        self.stop_handler = handler
        return handler

    def on_fire(self, handler: Handler) -> Handler:
        """Register ``(ctx, item) -> Response`` for this skill's scheduled items when they fire.

        Without it, an item's ``payload["say"]`` is spoken.
        """
        self.fire_handler = handler
        return handler

    # -- checking --------------------------------------------------------------------------

    def _build_intent(
        self,
        name: str,
        handler: Handler,
        samples: Sequence[str],
        prompts: Mapping[str, str],
        confirm: str | None,
    ) -> IntentSpec:
        where = f"skill {self.name!r}, intent {name!r}"
        model = _slots_model(handler, where)
        slots: dict[str, SlotSpec] = {}
        if model is not None:
            for field_name, info in model.model_fields.items():
                try:
                    slot_type, optional = slot_type_for(info.annotation, info.metadata)
                except TypeError as exc:
                    raise SkillDefinitionError(f"{where}, slot {field_name!r}: {exc}") from None
                prompt = prompts.get(field_name) or f"What {field_name.replace('_', ' ')}?"
                slots[field_name] = SlotSpec(
                    field_name,
                    slot_type,
                    info.is_required() and not optional,
                    prompt,
                    prompt_given=bool(prompts.get(field_name)),
                )
        for slot in prompts:
            if slot not in slots:
                raise SkillDefinitionError(f"{where}: a prompt is given for unknown slot {slot!r}")
        templates: list[Template] = []
        for text in samples:
            try:
                node = self._rules.parse(text)
            except TemplateError as exc:
                raise SkillDefinitionError(f"{where}, template {text!r}: {exc}") from None
            for slot in slot_names(node):
                if slot not in slots:
                    column = text.find("{" + slot) + 1
                    raise SkillDefinitionError(
                        f"{where}, template {text!r}: column {column}: slot {{{slot}}} has no "
                        f"field in the slots model"
                        + (
                            f" (fields: {', '.join(slots)})"
                            if slots
                            else " (the handler takes none)"
                        )
                    )
            templates.append(Template(text, node))
        doc = inspect.getdoc(handler) or ""
        return IntentSpec(
            name=name,
            skill=self.name,
            handler=handler,
            templates=templates,
            slots=slots,
            model=model,
            confirm=confirm,
            description=doc.splitlines()[0] if doc else "",
        )


def _slots_model(handler: Handler, where: str) -> type[BaseModel] | None:
    """The pydantic model of the handler's second parameter, or None if it takes only ctx."""
    try:
        params = list(inspect.signature(handler).parameters.values())
    except (TypeError, ValueError):
        raise SkillDefinitionError(f"{where}: the handler is not a function") from None
    if len(params) == 1:
        return None
    if len(params) != 2:
        raise SkillDefinitionError(
            f"{where}: a handler takes (ctx) or (ctx, slots), not {len(params)} parameters"
        )
    try:
        hints = typing.get_type_hints(handler, include_extras=True)
    except Exception as exc:
        raise SkillDefinitionError(
            f"{where}: cannot read the handler's annotations: {exc}"
        ) from None
    model: Any = hints.get(params[1].name)
    if not (isinstance(model, type) and issubclass(model, BaseModel)):
        raise SkillDefinitionError(
            f"{where}: the slots parameter {params[1].name!r} must be annotated with a "
            "pydantic model (class MySlots(BaseModel): ...)"
        )
    return model
