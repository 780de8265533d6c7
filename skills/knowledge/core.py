"""The knowledge skill object and its data files."""

from __future__ import annotations

from importlib.resources import files

from pydantic import BaseModel, Field, RootModel

from simulator.sdk import Skill
from simulator.sdk.data import load_data

__all__ = ["DATA", "UNITS", "Facts", "Planet", "UnitDef", "skill"]

skill = Skill(
    "knowledge",
    description="Answers questions offline: sums, unit conversions, world time, dates, "
    "spelling, capitals and planets",
    examples=(
        "what's fifteen times seven",
        "how many feet are in a mile",
        "what time is it in Tokyo",
        "how do you spell necessary",
    ),
)


class UnitDef(BaseModel):
    """One unit: how many of its dimension's base unit it is, and the words for it."""

    factor: float = Field(gt=0)
    names: list[str] = Field(min_length=1)
    """Singular first, then plural, then any other spoken forms."""


class Planet(BaseModel):
    """A planet's entry in the fact table."""

    order: int = Field(ge=1)
    moons: int = Field(ge=0)
    diameter_km: float = Field(gt=0)
    distance_million_km: float = Field(gt=0)
    day_hours: float = Field(gt=0)
    year_days: float = Field(gt=0)


class Facts(BaseModel):
    """The bundled fact table."""

    capitals: dict[str, str]
    country_aliases: dict[str, str] = {}
    planets: dict[str, Planet]


class _Units(RootModel[dict[str, dict[str, UnitDef]]]):
    """units.yaml: dimension -> unit -> definition."""


_HERE = files(__package__)
# Read once when the skill loads; a mistake in a file stops loading with its file and line.
UNITS: dict[str, dict[str, UnitDef]] = load_data(_HERE / "units.yaml", _Units).root
DATA: Facts = load_data(_HERE / "facts.yaml", Facts)
