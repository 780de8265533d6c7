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

from pydantic import Field, field_validator, model_validator

from simulator.remote.client import RemoteClient
from simulator.remote.proxy import RemoteCaller
from simulator.remote.signing import SecretError, load_secret
from simulator.sdk.skill import Skill
from simulator.sdk.slots import SlotList
from simulator.yaml_skills import (
    _BUILTIN_TYPES,
    SkillFileError,
    _build,
    _fail,
    _SlotSpec,
    _Strict,
)
from simulator.yamlfile import YamlDocument, read_yaml, validate_yaml

__all__ = ["RemoteManifest", "load_manifest", "load_manifest_document"]

_HEADROOM = 2.0
"""Seconds the engine's own handler timeout allows beyond the HTTP timeout, so that a slow
service is reported as ``REMOTE_TIMEOUT`` by the client rather than cut off by the engine."""


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
        timeout=spec.timeout + _HEADROOM,
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
