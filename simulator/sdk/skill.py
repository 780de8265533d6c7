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
import sys
import typing
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from simulator.nlu.expand import slot_names
from simulator.nlu.template import SHARED_RULES, Node, RuleSet, TemplateError
from simulator.sdk.i18n import LanguageFile, language_files, read_language_file, translate
from simulator.sdk.response import Response
from simulator.sdk.slots import SlotList, SlotType, slot_type_for
from simulator.yamlfile import YamlDocument

__all__ = [
    "Handler",
    "IntentSpec",
    "Skill",
    "SkillDefinitionError",
    "SlotSpec",
    "Template",
    "parse_out_of_domain",
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
    prompts: Mapping[str, str] = field(default_factory=dict)
    """The prompt in other languages (from the skill's language files): language -> question."""
    prompt_given: bool = True
    """False when the skill gave no prompt and ``prompt`` is the generic "What <slot>?"."""

    def prompt_in(self, language: str) -> str:
        """The question that asks for this slot in ``language`` (English when not translated)."""
        return self.prompts.get(language, self.prompt)


@dataclass(frozen=True)
class Template:
    """One sample template of an intent, parsed and with its rules resolved."""

    text: str
    node: Node
    language: str = "en"
    """The language the template is in (``zh-CN`` for one from a language file)."""


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
    confirms: dict[str, str] = field(default_factory=dict)
    """The confirmation question in other languages: language -> question."""
    declines: bool = False
    """The intent exists to say no ("I can't look that up", "that's not on the menu"): a turn
    routed to it is recorded as ``outcome: "declined"``, so figures can count it as a fallback."""

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages this intent has templates in, English first."""
        found = dict.fromkeys(t.language for t in self.templates)
        return tuple(sorted(found, key=lambda lang: (lang != "en", lang)))

    def confirm_in(self, language: str) -> str | None:
        """The confirmation question in ``language`` (English when not translated)."""
        return self.confirms.get(language, self.confirm)

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
    ``examples`` are a few utterances worth trying, for help and the README.
    ``out_of_domain`` are sample utterances that mean "not for me" (as Alexa's
    ``AMAZON.FallbackIntent`` samples): requests near this skill's words that no skill serves.
    They are templates without slots ("book a (flight|train) to paris"); the learned stage
    trains them, with the other skills' and the speaker's own, as one label whose win is the
    fallback.
    """

    name: str
    description: str = ""
    invocation: str | None = None
    timeout: float = 5.0
    rules: Mapping[str, str] = field(default_factory=dict)
    examples: Sequence[str] = ()
    """A few things to try, as a person would say them; help reads them out. Without them
    help makes examples from the templates."""
    out_of_domain: Sequence[str] = ()
    """Templates (without slots) of requests that are not this skill's, nor any other's: see
    the class docstring."""
    intents: dict[str, IntentSpec] = field(default_factory=dict, init=False)
    launch_handler: Handler | None = field(default=None, init=False)
    help_handler: Handler | None = field(default=None, init=False)
    stop_handler: Handler | None = field(default=None, init=False)
    fire_handler: Handler | None = field(default=None, init=False)
    source: str = field(default="", init=False)
    """Where the skill was loaded from (a file path or module name), set by the loader."""
    messages: dict[str, dict[str, str]] = field(default_factory=dict, init=False)
    """Translations of the skill's sentences: language -> English sentence -> translation."""
    invocations: dict[str, str] = field(default_factory=dict, init=False)
    """The skill's name in other languages ("问候" for hello): language -> invocation."""
    descriptions: dict[str, str] = field(default_factory=dict, init=False)
    """The description in other languages: language -> description."""
    defined_in: str | None = field(default=None, init=False)
    """The file of the module that made this skill; its language files lie beside it."""

    def __post_init__(self) -> None:
        """Check the name, build the rule set, and note the module that defines the skill."""
        self.defined_in = _caller_file()
        self._language_files_read = False
        if not _NAME.match(self.name):
            raise SkillDefinitionError(
                f"skill name {self.name!r} must be letters, digits and underscores"
            )
        if self.invocation is None:
            self.invocation = self.name.replace("_", " ")
        if self.timeout <= 0:
            raise SkillDefinitionError(f"skill {self.name!r}: timeout must be positive")
        self._rules = RuleSet(dict(self.rules), parent=SHARED_RULES)
        self.out_of_domain_templates: list[Template] = parse_out_of_domain(
            self.out_of_domain, self._rules, f"skill {self.name!r}"
        )
        """The ``out_of_domain`` samples, parsed when the skill is made."""

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
        declines: bool = False,
    ) -> Callable[[H], H]:
        """Register a handler for intent ``name`` with its sample utterance templates.

        ``prompts`` maps a required slot to the question asked when the user leaves it out.
        ``confirm`` is a yes/no question asked before the handler runs, e.g.
        ``"Unlock the {door}?"`` (slot names are filled with what the user said).
        ``context_only`` intents are routed only while this skill holds the conversation or
        plays media in the foreground (see :attr:`IntentSpec.context_only`): follow-ups whose
        words would mean something else out of context.
        ``declines`` marks an intent that exists to say no to a kind of request (as Alexa's
        fallback intent does): it still answers, but its turns are recorded as declined
        (:attr:`IntentSpec.declines`).
        """

        def decorator(handler: H) -> H:
            spec = self._build_intent(name, handler, samples, prompts or {}, confirm)
            spec.context_only = context_only
            spec.declines = declines
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

    # -- languages -------------------------------------------------------------------------

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages the skill understands, English first (from its templates)."""
        found: dict[str, None] = {}
        for intent in self.intents.values():
            found.update(dict.fromkeys(intent.languages))
        found.update(dict.fromkeys(self.messages))
        return tuple(sorted(found or {"en": None}, key=lambda lang: (lang != "en", lang)))

    def text(self, sentence: str, language: str, **values: object) -> str:
        """``sentence`` (English, with ``{name}`` fields) in ``language``, values filled in and
        said in that language; the English sentence when there is no translation."""
        return translate(sentence, language, self.messages.get(language), **values)

    def read_language_files(self, folder: str | Path | None = None) -> list[str]:
        """Read ``<name>.<language>.yaml`` files beside the defining module (or in ``folder``),
        once; returns the languages added. The loader calls this for every skill it loads.

        A file with a mistake raises `SkillDefinitionError` (a ``DataFileError``) naming the
        file and line.
        """
        if self._language_files_read and folder is None:
            return []
        self._language_files_read = True
        where = folder if folder is not None else self.defined_in
        if not where:
            return []
        path = Path(where)
        added: list[str] = []
        for language, file in language_files(
            self.name, path if path.is_dir() else path.parent
        ).items():
            self.add_language(language, file)
            added.append(language)
        return added

    def add_language(self, language: str, file: str | Path | LanguageFile) -> None:
        """Add a language from a language file (a path, or its contents already read).

        Each intent gets the file's templates (marked with the language), its prompts and its
        confirmation; the messages, invocation and description are kept per language.
        """
        from simulator.sdk.data import DataFileError  # data.py imports this module

        doc: YamlDocument | None = None
        if isinstance(file, LanguageFile):
            texts, path = file, Path(f"<{self.name}.{language}>")
        else:
            path = Path(file)
            texts, doc = read_language_file(path, language, DataFileError)

        def line_of(loc: tuple[str | int, ...]) -> int | None:
            return doc.line(loc) if doc is not None else None

        def fail(loc: tuple[str | int, ...], message: str) -> DataFileError:
            field_name = ".".join(str(p) for p in loc)
            return DataFileError(path, line_of(loc), field_name, message)

        rules = RuleSet({**dict(self.rules), **texts.rules}, parent=SHARED_RULES)
        for intent_name, intent_texts in texts.intents.items():
            spec = self.intents.get(intent_name)
            if spec is None:
                known = ", ".join(self.intents) or "none"
                raise fail(
                    ("intents", intent_name),
                    f"skill {self.name!r} has no intent {intent_name!r} (it has: {known})",
                )
            for index, text in enumerate(intent_texts.samples):
                try:
                    node = rules.parse(text)
                except TemplateError as exc:
                    raise fail(("intents", intent_name, "samples", index), str(exc)) from None
                for slot in slot_names(node):
                    if slot not in spec.slots:
                        raise fail(
                            ("intents", intent_name, "samples", index),
                            f"slot {{{slot}}} has no field in the slots model",
                        )
                spec.templates.append(Template(text, node, language))
            for slot, prompt in intent_texts.prompts.items():
                if slot not in spec.slots:
                    raise fail(
                        ("intents", intent_name, "prompts", slot),
                        f"intent {intent_name!r} has no slot {slot!r}",
                    )
                old = spec.slots[slot]
                spec.slots[slot] = SlotSpec(
                    old.name,
                    old.type,
                    old.required,
                    old.prompt,
                    {**old.prompts, language: prompt},
                    prompt_given=old.prompt_given,
                )
            if intent_texts.confirm:
                spec.confirms[language] = intent_texts.confirm
        self._add_list_forms(texts, fail)
        self.messages.setdefault(language, {}).update(texts.messages)
        if texts.invocation:
            self.invocations[language] = texts.invocation
        if texts.description:
            self.descriptions[language] = texts.description

    def _add_list_forms(
        self, texts: LanguageFile, fail: Callable[[tuple[str | int, ...], str], Exception]
    ) -> None:
        """Add a language file's words to the skill's SlotLists (every intent's list of that
        name: lists are often shared objects, and adding a form twice is harmless)."""
        by_name: dict[str, list[SlotList]] = {}
        for intent in self.intents.values():
            for slot in intent.slots.values():
                if isinstance(slot.type, SlotList):
                    by_name.setdefault(slot.type.name, []).append(slot.type)
        for list_name, values in texts.lists.items():
            targets = by_name.get(list_name)
            if not targets:
                known = ", ".join(sorted(by_name)) or "none"
                raise fail(
                    ("lists", list_name),
                    f"the skill has no word list {list_name!r} (it has: {known})",
                )
            for value, forms in values.items():
                for target in targets:
                    try:
                        target.add_forms(value, forms)
                    except KeyError:
                        known = ", ".join(target.values)
                        raise fail(
                            ("lists", list_name, value),
                            f"list {list_name!r} has no value {value!r} (it has: {known})",
                        ) from None

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


def parse_out_of_domain(
    samples: Sequence[str], rules: RuleSet = SHARED_RULES, where: str = "out-of-domain samples"
) -> list[Template]:
    """Parse out-of-domain sample templates; raises `SkillDefinitionError` naming a bad one.

    They may use alternatives, optional words and rules, but no ``{slot}``: nothing is filled
    into a request that no skill handles.
    """
    if isinstance(samples, str):
        raise SkillDefinitionError(f"{where}: out_of_domain must be a list of templates, not a str")
    parsed: list[Template] = []
    for text in samples:
        if not isinstance(text, str):
            raise SkillDefinitionError(f"{where}: out-of-domain sample {text!r} is not a string")
        try:
            node = rules.parse(text)
        except TemplateError as exc:
            raise SkillDefinitionError(f"{where}, out-of-domain sample {text!r}: {exc}") from None
        if slot_names(node):
            raise SkillDefinitionError(
                f"{where}, out-of-domain sample {text!r}: a request no skill serves has no "
                "slots to fill; write its words out"
            )
        parsed.append(Template(text, node))
    return parsed


def _caller_file() -> str | None:
    """The file of the first caller outside this module and dataclasses' generated code: the
    module that wrote ``Skill(...)``."""
    frame = sys._getframe(1)
    while frame is not None:
        module = frame.f_globals.get("__name__")
        if module not in (__name__, "dataclasses"):
            file = frame.f_globals.get("__file__")
            return str(file) if file else None
        frame = frame.f_back  # type: ignore[assignment]
    return None


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
