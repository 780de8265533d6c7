"""Remote-skill manifests: a YAML file in ``--skills-dir`` that registers a skill served elsewhere.

The speaker needs to know what a skill can be asked (to route and to run the dialog) and where
to send the request; the service does the rest::

    skill: tea
    description: Steeps tea with a timer
    url: http://127.0.0.1:8765/
    secret: {env: TEA_SKILL_SECRET}       # or {file: tea.secret}, relative to this file
    timeout: 3                            # seconds per request (default 3)
    languages: [en]                       # the first is the envelope's locale
    requests: [launch, help, stop, events]  # forwarded besides intents (default: none)
    lists:
      tea: {green: [], black: [english breakfast], herbal: [camomile, mint]}
    intents:
      BrewTea:
        samples: ["(brew|make) [me] [a] {tea} tea"]
        slots:
          tea: {type: tea, prompt: "Which tea: green, black or herbal?"}
        confirm: null                      # an optional yes/no question first

Slot types are those of YAML skills (``number``, ``duration``, ``time``, ``date``, a list
name, ...). A manifest is told from an interaction model by its ``url``. Every problem is
reported as ``FILE:LINE: field: message`` (a bad URL, a secret that is not set, ...), and the
CLI exits with status 2.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

import yaml
from pydantic import Field, field_validator, model_validator

from simulator.remote.client import RemoteClient
from simulator.remote.proxy import RemoteCaller
from simulator.remote.signing import SecretError, load_secret
from simulator.sdk.skill import Skill, SlotSpec
from simulator.sdk.slots import DynamicList, SlotList
from simulator.yaml_skills import (
    _BUILTIN_TYPES,
    SkillFileError,
    _build,
    _fail,
    _SlotSpec,
    _Strict,
)
from simulator.yamlfile import YamlDocument, read_yaml, validate_yaml

__all__ = ["RemoteManifest", "load_manifest", "load_manifest_document", "manifest_for"]


def _engine_timeout(http_timeout: float) -> float:
    """The engine's limit for a remote handler: above anything the HTTP client can take.

    httpx applies the timeout to connecting and to each read separately, so a call can take up
    to about twice it; one more second covers building and checking the envelopes. A slow
    service is then reported as ``REMOTE_TIMEOUT`` by the client, with the envelope in the
    trace, rather than cut off by the engine as ``SKILL_TIMEOUT``.
    """
    return 2 * http_timeout + 1.0


class _SecretSource(_Strict):
    env: str | None = Field(default=None, min_length=1)
    file: str | None = Field(default=None, min_length=1)

    @model_validator(mode="after")
    def _one(self) -> _SecretSource:
        if (self.env is None) == (self.file is None):
            raise ValueError("give exactly one of env: VARIABLE or file: PATH")
        return self


class _RemoteIntent(_Strict):
    samples: list[str] = Field(min_length=1)
    slots: dict[str, _SlotSpec] = Field(default_factory=dict)
    confirm: str | None = None


class RemoteManifest(_Strict):
    """A remote skill's manifest, as validated from YAML."""

    skill: str
    url: str
    secret: Annotated[_SecretSource, Field(description="where the shared secret is read from")]
    description: str = ""
    invocation: str | None = None
    timeout: float = Field(default=3.0, gt=0, le=60)
    languages: list[str] = Field(default_factory=lambda: ["en"], min_length=1)
    requests: list[Literal["launch", "help", "stop", "events"]] = Field(default_factory=list)
    rules: dict[str, str] = Field(default_factory=dict)
    lists: dict[str, dict[str, list[str]] | list[str]] = Field(default_factory=dict)
    intents: dict[str, _RemoteIntent] = Field(min_length=1)

    @field_validator("url")
    @classmethod
    def _url(cls, value: str) -> str:
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(
                f"expected an http:// or https:// URL with a host, like "
                f"http://127.0.0.1:8765/, not {value!r}"
            )
        if parts.username or parts.password:
            raise ValueError("a URL must not carry credentials; use secret: instead")
        try:
            parts.port  # noqa: B018 - reading it validates it
        except ValueError as exc:
            raise ValueError(f"bad port in {value!r}: {exc}") from None
        return value

    @field_validator("languages")
    @classmethod
    def _languages(cls, value: list[str]) -> list[str]:
        for tag in value:
            if not tag or not all(part.isalnum() for part in tag.split("-")):
                raise ValueError(f"{tag!r} is not a language tag like en or zh-CN")
        return value


def load_manifest_document(doc: YamlDocument, *, url: str | None = None) -> Skill:
    """The remote skill a parsed manifest describes; raises `SkillFileError` with the line.

    ``url`` overrides the manifest's (tests serve on a free port).
    """
    spec = validate_yaml(doc, RemoteManifest, SkillFileError)
    source = spec.secret
    try:
        if source.env is not None:
            secret = load_secret(env=source.env)
        else:
            path = Path(str(source.file))
            secret = load_secret(file=path if path.is_absolute() else doc.path.parent / path)
    except SecretError as exc:
        raise _fail(doc, ("secret",), str(exc)) from None
    client = RemoteClient(url or spec.url, secret, timeout=spec.timeout)
    caller = RemoteCaller(spec.skill, client, locale=spec.languages[0])
    types: dict[str, Any] = dict(_BUILTIN_TYPES)
    for list_name, values in spec.lists.items():
        types[list_name] = Annotated[str, SlotList(list_name, values)]
    skill = _build(
        doc,
        spec.skill,
        spec.description,
        spec.rules,
        types,
        {name: (i.samples, i.slots, "", i.confirm) for name, i in spec.intents.items()},
        base=("intents",),
        invocation=spec.invocation,
        timeout=_engine_timeout(spec.timeout),
        handler_for=lambda intent, model, _response: caller.intent_handler(intent, model),
    )
    caller.attach(skill, set(spec.requests))
    return skill


def load_manifest(path: str | Path, *, url: str | None = None) -> Skill:
    """Load a remote-skill manifest file as a `Skill`; raises `SkillFileError`."""
    doc = read_yaml(path, SkillFileError, what="manifest")
    if not isinstance(doc.data, dict) or "url" not in doc.data:
        raise _fail(doc, (), "not a remote-skill manifest: expected 'skill:' and 'url:'")
    return load_manifest_document(doc, url=url)


_PARSER_KINDS = ("ordinal", "percent", "temperature", "duration", "time", "colour", "date", "text")
_DYNAMIC = {"room": "room", "scene": "scene", "device_target": "device"}


def _manifest_type(slot: SlotSpec, lists: dict[str, dict[str, list[str]]], where: str) -> str:
    """The manifest's type name for an SDK slot (adding its values to ``lists`` if a list)."""
    kind = slot.type
    if isinstance(kind, SlotList):
        values = {value: list(forms[1:]) for value, forms in kind.values.items()}
        name = kind.name
        if lists.get(name, values) != values:  # another list by that name: keep both
            name = f"{name}_{slot.name}"
        lists[name] = values
        return name
    if isinstance(kind, DynamicList) and kind.name in _DYNAMIC:
        return _DYNAMIC[kind.name]
    if kind.kind == "number":
        return "integer" if getattr(kind, "integer", False) else "number"
    if kind.kind in _PARSER_KINDS:
        return kind.kind
    raise ValueError(f"{where}: slot {slot.name!r} ({kind.kind}) has no manifest type")


def manifest_for(skill: Skill, *, url: str, secret: dict[str, str], timeout: float = 3.0) -> str:
    """A manifest (YAML text) registering ``skill`` served at ``url``.

    ``secret`` is the manifest's secret source (``{"env": NAME}`` or ``{"file": PATH}``). Raises
    ``ValueError`` for a slot type a manifest cannot name (a skill-specific parser).
    """
    lists: dict[str, dict[str, list[str]]] = {}
    intents: dict[str, Any] = {}
    for spec in skill.intents.values():
        entry: dict[str, Any] = {"samples": spec.samples}
        slots: dict[str, Any] = {}
        for slot in spec.slots.values():
            where = f"skill {skill.name!r}, intent {spec.name!r}"
            described: dict[str, Any] = {"type": _manifest_type(slot, lists, where)}
            if not slot.required:
                described["required"] = False
            described["prompt"] = slot.prompt
            slots[slot.name] = described
        if slots:
            entry["slots"] = slots
        if spec.confirm:
            entry["confirm"] = spec.confirm
        intents[spec.name] = entry
    handlers = (
        ("launch", skill.launch_handler),
        ("help", skill.help_handler),
        ("stop", skill.stop_handler),
        ("events", skill.fire_handler),
    )
    data: dict[str, Any] = {
        "skill": skill.name,
        "description": skill.description,
        "invocation": skill.invocation,
        "url": url,
        "secret": dict(secret),
        "timeout": timeout,
        "languages": ["en"],
        "requests": [name for name, handler in handlers if handler is not None],
        "rules": dict(skill.rules),
        "lists": lists,
        "intents": intents,
    }
    data = {k: v for k, v in data.items() if v not in ({}, [], "", None)}
    header = (
        f"# Remote-skill manifest for {skill.name!r}, generated by speaker-sim serve "
        "--print-manifest.\n# Put it in --skills-dir on the speaker; the service must be "
        f"running at {url}\n"
    )
    return header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
