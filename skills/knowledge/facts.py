"""The small fact table: capitals and planets. It says plainly what it does not know.

The speaker works offline, so a question outside ``facts.yaml`` gets an honest answer naming
what it can do instead of a guess.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel

from simulator.sdk import FreeText, Ordinal, Response, SkillContext, SlotList
from simulator.sdk.words import spoken_number

from .core import DATA, skill

__all__ = ["WHAT_I_KNOW"]

WHAT_I_KNOW = (
    "I work offline, so I only know a small table of capitals and planets. I can also do sums, "
    "convert units, tell the time in other cities, count days to a date and spell words."
)

Place = Annotated[str, FreeText(max_tokens=4, examples=("france", "japan", "kenya", "narnia"))]
# The planets, plus the bodies people ask about that are not planets (said so honestly).
Body = Annotated[str, SlotList("planet", [*DATA.planets, "pluto", "the sun", "the moon"])]


def _country(words: str) -> str | None:
    name = words.strip().removeprefix("the ").strip()
    name = DATA.country_aliases.get(name, DATA.country_aliases.get(words.strip(), name))
    return name if name in DATA.capitals else None


def _examples() -> str:
    names = sorted(DATA.capitals)
    picks = [names[0], names[len(names) // 2], names[-1]]
    return f"{picks[0].title()}, {picks[1].title()} and {picks[2].title()}"


class PlaceSlots(BaseModel):
    """The slots of Capital."""

    place: Place


@skill.intent(
    "Capital",
    samples=[
        "(what is|whats) the capital [city] of {place}",
        "what (city|town) is the capital of {place}",
        "(tell me|do you know) the capital of {place}",
        "name the capital of {place}",
        "capital of {place}",
        "where is the capital of {place}",
        "which city is the capital of {place}",
    ],
    prompts={"place": "The capital of which country?"},
)
def capital(ctx: SkillContext, slots: PlaceSlots) -> Response:
    """Name a country's capital from the fact table."""
    country = _country(slots.place)
    if country is None:
        return Response.speak(
            f"I don't know the capital of {slots.place.strip().title()}: my fact table has "
            f"{len(DATA.capitals)} countries, such as {_examples()}."
        ).with_error("NOT_FOUND", f"no capital for {slots.place!r} in the fact table")
    name = country.title().replace("Of", "of")
    return Response.speak(f"The capital of {name} is {DATA.capitals[country]}.")


class BodySlots(BaseModel):
    """The slots of intents about one planet."""

    planet: Body


def _not_a_planet(body: str) -> Response | None:
    if body == "pluto":
        return Response.speak(
            "Pluto has been a dwarf planet since 2006, and my table only has the eight planets. "
            "It's about 5.9 billion kilometers from the sun on average."
        )
    if body in ("the sun", "the moon"):
        what = "a star" if body == "the sun" else "Earth's moon, not a planet"
        return Response.speak(
            f"{body.capitalize()} is {what}. My fact table only covers the eight planets."
        )
    return None


def _kilometres(value: float) -> str:
    return spoken_number(value, 0) + " kilometers"


@skill.intent(
    "PlanetFact",
    samples=[
        "tell me about {planet}",
        "(what do you know|facts) about {planet}",
        "(tell me|give me) [a|some|a fun] (fact|facts) about {planet}",
        "(what is|whats) {planet} like",
        "describe {planet}",
    ],
    prompts={"planet": "Which planet?"},
)
def planet_fact(ctx: SkillContext, slots: BodySlots) -> Response:
    """A few facts about one planet."""
    if (answer := _not_a_planet(slots.planet)) is not None:
        return answer
    p = DATA.planets[slots.planet]
    name = slots.planet.capitalize()
    return Response.speak(
        f"{name} is planet number {p.order} from the sun, {_kilometres(p.diameter_km)} across, "
        f"about {spoken_number(p.distance_million_km, 1)} million kilometers from the sun, "
        f"with {p.moons} known moon{'s' if p.moons != 1 else ''}. "
        f"A year there lasts {spoken_number(p.year_days, 0)} Earth days."
    ).card(name, f"#{p.order} from the sun; {p.moons} moons; {p.diameter_km:g} km across")


@skill.intent(
    "PlanetMoons",
    samples=[
        "how many moons (does|has) {planet} [got|have]",
        "how many moons (are there|orbit) [around] {planet}",
        "does {planet} have (any|a) moons",
        "does {planet} have a moon",
    ],
    prompts={"planet": "Which planet?"},
)
def planet_moons(ctx: SkillContext, slots: BodySlots) -> Response:
    """How many known moons a planet has."""
    if (answer := _not_a_planet(slots.planet)) is not None:
        return answer
    moons = DATA.planets[slots.planet].moons
    name = slots.planet.capitalize()
    if moons == 0:
        return Response.speak(f"{name} has no moons.")
    return Response.speak(
        f"{name} has {moons} known moon{'s' if moons != 1 else ''}"
        + (" (the count as of 2023; more keep being found)." if moons > 2 else ".")
    )


@skill.intent(
    "PlanetDistance",
    samples=[
        "how far (is|away is) {planet} from the sun",
        "how far is {planet} (away|from earth)",
        "(what is|whats) the distance (from|between) the sun (to|and) {planet}",
        "how far away is {planet}",
    ],
    prompts={"planet": "Which planet?"},
)
def planet_distance(ctx: SkillContext, slots: BodySlots) -> Response:
    """A planet's mean distance from the sun."""
    if (answer := _not_a_planet(slots.planet)) is not None:
        return answer
    p = DATA.planets[slots.planet]
    return Response.speak(
        f"{slots.planet.capitalize()} is on average about "
        f"{spoken_number(p.distance_million_km, 1)} million kilometers from the sun."
    )


@skill.intent(
    "PlanetSize",
    samples=[
        "how (big|large|wide) is {planet}",
        "(what is|whats) the (size|diameter) of {planet}",
        "how many kilometers across is {planet}",
    ],
    prompts={"planet": "Which planet?"},
)
def planet_size(ctx: SkillContext, slots: BodySlots) -> Response:
    """A planet's diameter, compared with Earth's."""
    if (answer := _not_a_planet(slots.planet)) is not None:
        return answer
    p = DATA.planets[slots.planet]
    ratio = p.diameter_km / DATA.planets["earth"].diameter_km
    compared = "" if slots.planet == "earth" else f", {spoken_number(ratio, 2)} times Earth's"
    return Response.speak(
        f"{slots.planet.capitalize()} is {_kilometres(p.diameter_km)} across{compared}."
    )


class OrderSlots(BaseModel):
    """The slots of PlanetByOrder."""

    position: Ordinal


@skill.intent(
    "PlanetByOrder",
    samples=[
        "(what|which) is the {position} planet [from the sun]",
        "(what|which) planet is {position} from the sun",
        "name the {position} planet",
    ],
    prompts={"position": "Which position from the sun?"},
)
def planet_by_order(ctx: SkillContext, slots: OrderSlots) -> Response:
    """Name the planet at a position from the sun."""
    for name, p in DATA.planets.items():
        if p.order == slots.position:
            return Response.speak(f"{name.capitalize()} is planet number {p.order} from the sun.")
    return Response.speak(
        f"There are only {len(DATA.planets)} planets, so there's no planet number {slots.position}."
    ).with_error("VALUE_OUT_OF_RANGE", f"position {slots.position}")


class ExtremeSlots(BaseModel):
    """The slots of PlanetExtreme."""

    extreme: Literal["largest", "biggest", "smallest", "closest", "nearest", "farthest"]


@skill.intent(
    "PlanetExtreme",
    samples=[
        "(what|which) is the {extreme} planet",
        "(what|which) planet is the {extreme} [one]",
        "(what|which) planet is {extreme} (to|from) the sun",
        "(what|which) is the {extreme} planet (to|from) the sun",
    ],
    prompts={"extreme": "Largest, smallest, closest or farthest?"},
)
def planet_extreme(ctx: SkillContext, slots: ExtremeSlots) -> Response:
    """The largest, smallest, closest or farthest planet."""
    planets = DATA.planets
    if slots.extreme in ("largest", "biggest", "smallest"):
        pick = (min if slots.extreme == "smallest" else max)(
            planets, key=lambda n: planets[n].diameter_km
        )
        measure = f"{_kilometres(planets[pick].diameter_km)} across"
    else:
        pick = (max if slots.extreme == "farthest" else min)(
            planets, key=lambda n: planets[n].distance_million_km
        )
        measure = (
            f"{spoken_number(planets[pick].distance_million_km, 1)} million kilometers from the sun"
        )
    return Response.speak(f"The {slots.extreme} planet is {pick.capitalize()}, {measure}.")


class TopicSlots(BaseModel):
    """The slots of UnknownFact."""

    topic: Annotated[str, FreeText(max_tokens=6, examples=("the telephone", "hamlet", "rome"))]


@skill.intent(
    "UnknownFact",
    samples=[
        "who (invented|discovered|wrote|painted|founded|composed) {topic}",
        "when was {topic} (invented|discovered|written|founded|built|painted)",
        "(what is|whats) the population of {topic}",
        "how (tall|high|deep) is {topic}",
        "how many people live in {topic}",
        "look up {topic}",
        "search (for|the web for) {topic}",
    ],
    prompts={"topic": "What about?"},
    declines=True,  # it answers honestly that it can't: a decline, not an answer
)
def unknown_fact(ctx: SkillContext, slots: TopicSlots) -> Response:
    """Say honestly that this is outside the offline fact table."""
    return (
        Response.speak(f"I can't look that up. {WHAT_I_KNOW}")
        .for_profile(
            "kids",
            "I don't know that one. A grown-up or a library book might! "
            "I can do sums, spell words and tell you about the planets.",
        )
        .with_error("NOT_FOUND", f"no offline answer about {slots.topic!r}")
    )
