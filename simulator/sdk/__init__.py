"""The skill SDK: everything a skill author imports.

A skill imports only from here (``simulator.sdk`` and its submodules), never engine internals::

    from pydantic import BaseModel
    from simulator.sdk import Response, Skill, SkillContext
    from simulator.sdk.slots import Duration
"""

from simulator.clock import ScheduledItem
from simulator.sdk.context import ContextExpired, Session, SkillContext, SkillInfo
from simulator.sdk.response import Response
from simulator.sdk.skill import IntentSpec, Skill, SkillDefinitionError, SlotSpec
from simulator.sdk.slots import (
    Colour,
    Duration,
    DynamicList,
    FreeText,
    Number,
    Ordinal,
    Percent,
    SlotList,
    Temperature,
    TimeOfDay,
)
from simulator.sdk.when import When

__all__ = [
    "Colour",
    "ContextExpired",
    "Duration",
    "DynamicList",
    "FreeText",
    "IntentSpec",
    "Number",
    "Ordinal",
    "Percent",
    "Response",
    "ScheduledItem",
    "Session",
    "Skill",
    "SkillContext",
    "SkillDefinitionError",
    "SkillInfo",
    "SlotList",
    "SlotSpec",
    "Temperature",
    "TimeOfDay",
    "When",
]
