"""Places: a table of real cities and the `City` slot type that fills a slot with one of them.

::

    from pydantic import BaseModel
    from simulator.sdk.places import City

    class Where(BaseModel):
        city: City | None = None          # "in Tokyo", "for new york city"

    # the handler gets a Place: Place(name="Tokyo", country="Japan", lat=35.68, ..., tz="Asia/Tokyo")

The table (``cities.yaml`` next to this module) holds public facts only: name, country, latitude,
longitude and IANA time zone, plus a few other names people use ("nyc", "bombay").
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, Field, field_validator

from simulator.nlu.matcher import NO_VALUE
from simulator.nlu.normalize import tokenize
from simulator.sdk.data import load_data
from simulator.sdk.slots import FreeText, SlotEnv, SlotType

__all__ = ["CITIES", "City", "CitySlot", "NotACity", "Place", "find_city"]


class Place(BaseModel):
    """A city: where it is and which time zone it keeps."""

    name: str = Field(min_length=1)
    country: str = Field(min_length=1)
    lat: float = Field(ge=-90, le=90)
    """Latitude in degrees; negative is south of the equator."""
    lon: float = Field(ge=-180, le=180)
    tz: str
    """IANA time zone name, e.g. ``Europe/Paris``."""
    aliases: list[str] = Field(default_factory=list)

    @field_validator("tz")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        # A ValueError is what pydantic reports with the file and line; zoneinfo's own
        # ZoneInfoNotFoundError (a KeyError) would escape as a traceback.
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(
                f"unknown time zone {value!r} (an IANA name, like Europe/Paris)"
            ) from None
        return value

    def zone(self) -> ZoneInfo:
        """The city's time zone."""
        return ZoneInfo(self.tz)

    def spoken(self) -> str:
        """How the dialog says the city back ("Tokyo")."""
        return self.name


class _Cities(BaseModel):
    cities: list[Place] = Field(min_length=1)


CITIES: tuple[Place, ...] = tuple(
    load_data(Path(__file__).with_name("cities.yaml"), _Cities, what="city table").cities
)
"""Every known city, in file order."""

_BY_WORDS: dict[tuple[str, ...], Place] = {}
for _place in CITIES:
    for _form in (_place.name, *_place.aliases):
        _BY_WORDS.setdefault(tuple(tokenize(_form)), _place)


def find_city(words: str | Sequence[str]) -> Place | None:
    """The city these words name ("new york city", "Tokyo"), or None."""
    tokens = tuple(tokenize(words) if isinstance(words, str) else words)
    return _BY_WORDS.get(tokens)


class CitySlot(SlotType):
    """A slot type for cities of :data:`CITIES`, by name or alias."""

    kind = "city"
    max_tokens = max(len(k) for k in _BY_WORDS)
    hint = "a city, like Paris or Tokyo"

    def parse(self, tokens: Sequence[str], env: SlotEnv) -> object:
        """The `Place` named by exactly these words."""
        return _BY_WORDS.get(tuple(tokens), NO_VALUE)

    def examples(self, env: SlotEnv) -> Sequence[str]:
        """A few city names for example utterances."""
        return ("paris", "tokyo", "new york", "sydney", "cape town", "buenos aires")


City = Annotated[Place, CitySlot()]
"""A city of the table, by name or alias; the handler gets a `Place`."""


class NotACity(FreeText):
    """A few words where a city goes that name none of :data:`CITIES` ("weather in Atlantis").

    A skill puts it beside its `City` slot (``"weather in {city}"``, ``"weather in {elsewhere}"``)
    so that an unknown place gets a helpful answer naming some cities it knows, instead of the
    fallback or a bare "which city?".
    """

    def __init__(self, max_tokens: int = 4, examples: Sequence[str] = ("atlantis", "gotham city")):
        """``max_tokens`` bounds the words taken; ``examples`` fill sample utterances."""
        super().__init__(max_tokens=max_tokens, examples=examples)

    def parse(self, tokens: Sequence[str], env: SlotEnv) -> object:
        """The words as said, unless they name a known city."""
        if find_city(tokens) is not None:
            return NO_VALUE
        return super().parse(tokens, env)
