"""The shape of a HassIL sentence file, checked before anything reads it.

A HassIL file (Home Assistant's intent sentence format) is plain YAML, so nothing stops an
``intents:`` written as a list, a ``data:`` block that is a string, or a ``values:`` list
holding lists. The importer walks these structures; a wrong shape used to surface as an
``AttributeError`` traceback. These models describe the documented format loosely (unknown keys
are allowed, as HassIL allows metadata and newer keys) but type every key the importer reads,
so a wrong shape is reported as ``FILE:LINE: field: cause`` by :func:`simulator.yamlfile.validate_yaml`.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["HassilCommonFile", "HassilSentenceFile"]


class _Loose(BaseModel):
    # HassIL files carry metadata and keys added in later versions: allow them, but check
    # the types of the keys that are read.
    model_config = ConfigDict(extra="allow", populate_by_name=True)


class _ListValue(_Loose):
    said: str | int | float = Field(alias="in")
    meant: Any = Field(default=None, alias="out")


class _Range(_Loose):
    start: int | float = Field(alias="from")
    to: int | float
    step: int | float = Field(default=1, gt=0)


class _SlotList(_Loose):
    values: list[str | int | float | _ListValue] | None = None
    range: _Range | None = None
    wildcard: bool = False


class _Block(_Loose):
    sentences: list[str] = Field(min_length=1)
    slots: dict[str, Any] = Field(default_factory=dict)
    requires_context: dict[str, Any] = Field(default_factory=dict)
    excludes_context: dict[str, Any] = Field(default_factory=dict)
    expansion_rules: dict[str, str] = Field(default_factory=dict)
    lists: dict[str, _SlotList] = Field(default_factory=dict)


class _Intent(_Loose):
    data: list[_Block] = Field(min_length=1)


class HassilCommonFile(_Loose):
    """``_common.yaml``: shared lists, expansion rules and skip words."""

    language: str | None = None
    lists: dict[str, _SlotList] = Field(default_factory=dict)
    expansion_rules: dict[str, str] = Field(default_factory=dict)
    skip_words: list[str] = Field(default_factory=list)


class HassilSentenceFile(HassilCommonFile):
    """A sentence file: ``intents`` by name, or one intent's ``data`` blocks."""

    language: str
    intents: dict[str, _Intent] | None = None
    data: list[_Block] | None = None
