"""Skills declared in YAML: an "interaction model" file, or a HassIL sentence file imported as one.

An interaction model needs no Python. Each intent has samples, typed slots and a spoken response
in which ``{slot}`` is replaced by what the user said::

    skill: coffee
    description: Orders a pretend coffee
    lists:
      size: {small: [tiny, little], medium: [regular], large: [big]}
    intents:
      OrderCoffee:
        samples: ["(order|get) [me] a {size} coffee"]
        slots:
          size: {type: size, prompt: "What size?"}
        confirm: "A {size} coffee?"          # optional yes/no question first
        response: "One {size} coffee coming up."

Slot types: ``number``, ``integer``, ``ordinal``, ``percent``, ``temperature``, ``duration``,
``time``, ``date``, ``colour`` (or ``color``), ``text``, ``room``, ``scene``, ``device``, or the
name of a list under ``lists``. A slot is required unless it says ``required: false``.

A HassIL sentence file (``language:``, ``intents: {Name: {data: [{sentences: [...]}]}}``,
``lists:``, ``expansion_rules:``) becomes a skill named after the file, with a ``_common.yaml``
beside it supplying shared rules and lists, as in Home Assistant's intents repository. Its
handlers say which intent matched and with which slots.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, create_model

from simulator.hassil_import import (
    HASSIL_MISSING,
    HassilTranslation,
    TranslationError,
    hassil_available,
    package_data,
    translate_file,
)
from simulator.hassil_shape import HassilCommonFile, HassilSentenceFile
from simulator.nlu.values import Colour, Duration, Temperature, TimeOfDay
from simulator.sdk.context import SkillContext
from simulator.sdk.response import Response
from simulator.sdk.skill import Skill, SkillDefinitionError
from simulator.sdk.slots import (
    DynamicList,
    FreeText,
    Number,
    Ordinal,
    Percent,
    SlotList,
    fill_template,
    spoken_value,
)
from simulator.yamlfile import Loc, YamlDocument, read_yaml, validate_yaml

__all__ = ["SkillFileError", "load_yaml_skill"]


class SkillFileError(ValueError):
    """A YAML skill file is invalid; ``str()`` is ``FILE:LINE: field: message``."""

    def __init__(self, path: Path, line: int | None, field: str, message: str) -> None:
        """Record where and why."""
        self.path = path
        self.line = line
        self.field = field
        self.message = message
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {field + ': ' if field else ''}{message}")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class _SlotSpec(_Strict):
    type: str = "text"
    required: bool = True
    prompt: str | None = None


class _IntentSpec(_Strict):
    samples: list[str] = Field(min_length=1)
    slots: dict[str, _SlotSpec] = Field(default_factory=dict)
    response: str = "Okay."
    confirm: str | None = None


class _ModelFile(_Strict):
    skill: str
    description: str = ""
    invocation: str | None = None
    timeout: float = Field(default=5.0, gt=0)
    rules: dict[str, str] = Field(default_factory=dict)
    lists: dict[str, dict[str, list[str]] | list[str]] = Field(default_factory=dict)
    intents: dict[str, _IntentSpec] = Field(min_length=1)


_BUILTIN_TYPES: dict[str, Any] = {
    "number": Number,
    "integer": int,
    "ordinal": Ordinal,
    "percent": Percent,
    "temperature": Temperature,
    "duration": Duration,
    "time": TimeOfDay,
    "date": dt.date,
    "colour": Colour,
    "color": Colour,
    "text": Annotated[str, FreeText()],
    "room": Annotated[str, DynamicList("room", max_tokens=4)],
    "scene": Annotated[str, DynamicList("scene", max_tokens=5)],
    "device": Annotated[str, FreeText(max_tokens=6, examples=("the kitchen light",))],
}


def _responder(model: type[BaseModel], template: str) -> Callable[..., Response]:
    """A handler that speaks ``template`` with the slots filled in."""

    def handler(ctx: SkillContext, slots: BaseModel) -> Response:
        values = {name: spoken_value(getattr(slots, name)) for name in type(slots).model_fields}
        return Response.speak(fill_template(template, values))

    # The SDK reads the slots model from the handler's annotations, as for a hand-written skill.
    handler.__annotations__ = {"ctx": SkillContext, "slots": model, "return": Response}
    return handler


def _fail(doc: YamlDocument, loc: Loc, message: str) -> SkillFileError:
    return SkillFileError(doc.path, doc.line(loc), ".".join(str(p) for p in loc), message)


def _build(
    doc: YamlDocument,
    name: str,
    description: str,
    rules: Mapping[str, str],
    types: Mapping[str, Any],
    intents: Mapping[str, tuple[list[str], dict[str, _SlotSpec], str, str | None]],
    *,
    base: Loc,
    invocation: str | None = None,
    timeout: float = 5.0,
    handler_for: Callable[[str, type[BaseModel], str], Callable[..., Response]] | None = None,
) -> Skill:
    """Build a skill from checked YAML parts. Each intent's handler speaks its response
    template, or is ``handler_for(intent, slots_model, response)`` when that is given (a remote
    skill's handlers call its service)."""
    try:
        skill = Skill(
            name, description=description, invocation=invocation, timeout=timeout, rules=rules
        )
    except SkillDefinitionError as exc:
        raise _fail(doc, (), str(exc)) from None
    for intent, (samples, slots, response, confirm) in intents.items():
        fields: dict[str, Any] = {}
        prompts: dict[str, str] = {}
        for slot, spec in slots.items():
            if spec.type not in types:
                known = ", ".join(sorted(types))
                raise _fail(
                    doc,
                    (*base, intent, "slots", slot, "type"),
                    f"unknown slot type {spec.type!r} (known: {known})",
                )
            annotation = types[spec.type]
            fields[slot] = (annotation, ...) if spec.required else (annotation | None, None)
            if spec.prompt:
                prompts[slot] = spec.prompt
        model = create_model(f"{intent}Slots", **fields)
        try:
            handler = (
                _responder(model, response)
                if handler_for is None
                else handler_for(intent, model, response)
            )
            skill.intent(intent, samples=samples, prompts=prompts, confirm=confirm)(handler)
        except SkillDefinitionError as exc:
            # Point at the sample the message names, or at the intent.
            loc: Loc = (*base, intent)
            for index, sample in enumerate(samples):
                if repr(sample) in str(exc):
                    loc = (*base, intent, "samples", index)
                    break
            raise _fail(doc, loc, str(exc)) from None
    return skill


def _load_model(doc: YamlDocument) -> Skill:
    spec = validate_yaml(doc, _ModelFile, SkillFileError)
    types = dict(_BUILTIN_TYPES)
    for list_name, values in spec.lists.items():
        types[list_name] = Annotated[str, SlotList(list_name, values)]
    intents = {
        name: (i.samples, i.slots, i.response, i.confirm) for name, i in spec.intents.items()
    }
    return _build(
        doc,
        spec.skill,
        spec.description,
        spec.rules,
        types,
        intents,
        base=("intents",),
        invocation=spec.invocation,
        timeout=spec.timeout,
    )


# -- HassIL ---------------------------------------------------------------------------------


def _hassil_common(doc: YamlDocument, root: Path | None) -> dict[str, Any]:
    """``_common.yaml`` beside the file or one folder up, never above ``root``."""
    # Home Assistant keeps shared rules and lists in _common.yaml, beside the sentence files or
    # one folder up (sentences/en/_common.yaml for sentences/en/HassTurnOn/*.yaml); never
    # above ``root`` (a --skills-dir loads only what is inside it).
    for folder in (doc.path.parent, doc.path.parent.parent):
        if root is not None and not folder.resolve().is_relative_to(root.resolve()):
            break
        common_path = folder / "_common.yaml"
        if common_path.exists() and common_path != doc.path:
            common_doc = read_yaml(common_path, SkillFileError)
            validate_yaml(common_doc, HassilCommonFile, SkillFileError)
            if isinstance(common_doc.data, Mapping):
                return dict(common_doc.data)
            break
    return {}


def _hassil_handler(
    translation: HassilTranslation, intent: str
) -> Callable[[str, type[BaseModel], str], Callable[..., Response]]:
    """Handlers that say which intent matched and with which slots (as Home Assistant would
    fill them: the file's fixed slot values, the speaker's room for a context area)."""

    def handler_for(name: str, model: type[BaseModel], response: str) -> Callable[..., Response]:
        fixed = translation.fixed_slots.get(name, {})
        excluded = translation.excluded.get(name, {})

        def handler(ctx: SkillContext, slots: BaseModel) -> Response:
            values: dict[str, str] = {}
            for field_name in type(slots).model_fields:
                value = getattr(slots, field_name)
                if value is not None:
                    values[field_name] = spoken_value(value)
            here = ctx.home.speaker_room if ctx.home is not None else None
            if name in translation.context_area and "area" not in values and ctx.home and here:
                # requires_context: {area: {slot: true}}: the satellite's area fills the slot.
                values["area"] = ctx.home.room_name(here)
            for slot, value in values.items():
                context = translation.value_context.get(slot, {}).get(str(value), {})
                for key, refused in excluded.items():
                    if context.get(key) in refused:
                        return Response.speak(f"{name} does not apply to {value}.")
            for key, value in fixed.items():
                values.setdefault(
                    key, ", ".join(map(str, value)) if isinstance(value, list) else str(value)
                )
            described = ", ".join(f"{k}={v}" for k, v in values.items()) or "no slots"
            return Response.speak(f"{name} with {described}.")

        handler.__annotations__ = {"ctx": SkillContext, "slots": model, "return": Response}
        return handler

    return handler_for


def _load_hassil(doc: YamlDocument, root: Path | None = None) -> Skill:
    """A HassIL sentence file as a skill: parsed by hassil, translated by `hassil_import`."""
    if not hassil_available():
        raise _fail(doc, ("language",), HASSIL_MISSING)
    data = doc.data
    common = _hassil_common(doc, root)
    language = str(data.get("language") or common.get("language") or "en")
    # Rules and lists: the package's data, then _common.yaml, then the file's own (HassIL's
    # own order of precedence), so a single file from Home Assistant's repository imports.
    package = package_data(language)
    merged: dict[str, Any] = {
        "language": language,
        "expansion_rules": {
            **package.get("expansion_rules", {}),
            **(common.get("expansion_rules") or {}),
            **(data.get("expansion_rules") or {}),
        },
        "lists": {
            **package.get("lists", {}),
            **(common.get("lists") or {}),
            **(data.get("lists") or {}),
        },
    }
    if "intents" in data:
        merged["intents"] = data["intents"]
    else:
        merged["data"] = data.get("data") or []
    try:
        translation = translate_file(merged, intent_name=doc.path.parent.name)
    except TranslationError as exc:
        raise _fail(doc, exc.where, exc.message) from None
    if not translation.intents:
        raise _fail(doc, ("intents",), "no intent has any sentences")
    types: dict[str, Any] = {}
    for slot, slot_type in translation.slot_types.items():
        # Any: a slot may hold a number ("50") or a list's value ("max" -> 100).
        types[f"hassil:{slot}"] = Annotated[Any, slot_type]
    intents: dict[str, tuple[list[str], dict[str, _SlotSpec], str, str | None]] = {}
    for intent, templates in translation.intents.items():
        slots = {
            slot: _SlotSpec(type=f"hassil:{slot}", required=False)
            for slot in translation.intent_slots.get(intent, [])
        }
        intents[intent] = (templates, slots, "", None)
    stem = doc.path.stem if "intents" in data else f"{doc.path.parent.name}_{doc.path.stem}"
    name = re.sub(r"[^A-Za-z0-9_]", "_", stem) or "hassil"
    if name[0].isdigit():
        name = "hassil_" + name
    base_loc: Loc = ("intents",) if "intents" in data else ("data",)
    return _build(
        doc,
        name,
        f"Sentences imported from {doc.path.name} (HassIL format)",
        {},
        types,
        intents,
        base=base_loc,
        handler_for=_hassil_handler(translation, name),
    )


def load_yaml_skill(path: str | Path, *, root: Path | None = None) -> Skill:
    """Load an interaction-model or HassIL YAML file as a `Skill`; raises `SkillFileError`.

    With ``root``, files the skill file refers to (a HassIL ``_common.yaml``) are only read
    from inside that folder.
    """
    doc = read_yaml(path, SkillFileError, what="skill file")
    if not isinstance(doc.data, Mapping):
        raise _fail(doc, (), "expected a mapping at the top level")
    if "skill" in doc.data and "url" in doc.data:
        # A skill whose handlers run in a web service elsewhere: a remote-skill manifest.
        from simulator.remote.manifest import load_manifest_document

        return load_manifest_document(doc)
    if "skill" in doc.data:
        return _load_model(doc)
    if "language" in doc.data and ("intents" in doc.data or "data" in doc.data):
        validate_yaml(doc, HassilSentenceFile, SkillFileError)
        return _load_hassil(doc, root)
    raise _fail(
        doc,
        (),
        "not a skill file: expected 'skill:' (an interaction model) or 'language:' and "
        "'intents:' (a HassIL sentence file)",
    )
