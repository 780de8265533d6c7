"""Weather: simulated weather for 73 real cities. Not a forecast: every answer says so.

Try: "what's the weather", "what's the weather in Tokyo", "what's the weather like tomorrow",
"weather in Sydney on Saturday", "what's the forecast for the weekend", "will it rain tomorrow",
"do I need an umbrella", "do I need a coat", "what's the high today in Cairo", "how cold is it
outside", "in fahrenheit", "I live in Lisbon".

The weather is made up (see :mod:`.model`): a function of the city, the date and ``--seed``,
with a climate sketched from latitude and season. The cities are the SDK's `City` slot type.
Your own city is London until you say "I live in ..." (or set ``SPEAKER_SIM_CITY``).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Annotated

from pydantic import BaseModel

from simulator.sdk import Response, Skill, SkillContext, SlotList
from simulator.sdk.places import CITIES, City, NotACity, Place, find_city
from simulator.sdk.slots import NO_VALUE, DateSlot, SlotEnv

from .model import DayWeather, current_temperature, day_weather

__all__ = ["DEFAULT_CITY", "skill"]

CITY_ENV = "SPEAKER_SIM_CITY"
"""Environment variable naming the speaker's own city (default London)."""
DEFAULT_CITY = "London"
FORECAST_DAYS = 7
"""Today and the next six days."""

skill = Skill(
    "weather",
    description="Simulated weather for 73 real cities: today, tomorrow, the week, rain and coats",
    rules={
        "weather": "(weather|forecast|weather forecast)",
        "in": "(in|for|at) {city}",
        "units": "in {units}",
        "day": (
            "(today|now|{day}|on {day}|for {day}|this weekend|the weekend|at the weekend|"
            "for the weekend|over the weekend)"
        ),
    },
)

Units = Annotated[
    str,
    SlotList("units", {"celsius": ["centigrade", "c"], "fahrenheit": ["f"]}),
]


class _NotACityOrDay(NotACity):
    """Words after "in" or "for" that name neither a known city nor a day: "weather in
    Atlantis" gets a helpful answer instead of the fallback, "forecast for the weekend" does not
    land here."""

    def parse(self, tokens: Sequence[str], env: SlotEnv) -> object:
        """The words as said, unless they are a city, a date or a weekend."""
        if "weekend" in tokens or _DATE.parse(tokens, env) is not NO_VALUE:
            return NO_VALUE
        return super().parse(tokens, env)


_DATE = DateSlot()
Elsewhere = Annotated[str, _NotACityOrDay()]


class WeatherSlots(BaseModel):
    """Where, when and in which units."""

    city: City | None = None
    elsewhere: Elsewhere | None = None
    day: date | None = None
    units: Units | None = None


# -- where, when, units ----------------------------------------------------------------------


def _home_city(ctx: SkillContext) -> Place:
    name = ctx.persistent.get("city") or os.environ.get(CITY_ENV) or DEFAULT_CITY
    return find_city(str(name)) or CITIES[0]


def _local_now(ctx: SkillContext, city: Place) -> datetime:
    """The virtual time in ``city``: the clock reads the speaker's own city's time."""
    home = _home_city(ctx)
    aware = ctx.now().replace(tzinfo=home.zone())
    return aware.astimezone(city.zone()).replace(tzinfo=None)


def _units(ctx: SkillContext, slots: WeatherSlots) -> str:
    return slots.units or str(ctx.persistent.get("units", "celsius"))


def _temp(value: float, units: str) -> str:
    if units == "fahrenheit":
        return f"{round(value * 9 / 5 + 32)}"
    return f"{round(value)}"


def _degrees(units: str) -> str:
    return "°F" if units == "fahrenheit" else "°C"


def _weekend(ctx: SkillContext) -> bool:
    return "weekend" in ctx.text.lower()


def _day_name(day: date, today: date) -> str:
    if day == today:
        return "today"
    if day == today + timedelta(days=1):
        return "tomorrow"
    return day.strftime("%A")


def _simulated(ctx: SkillContext) -> str:
    """Say it's simulated the first time in a session (in simpler words to a child)."""
    if ctx.session.attributes.get("disclosed"):
        return ""
    ctx.session.attributes["disclosed"] = True
    if ctx.profile == "kids":
        return "This is pretend weather. "
    return "Simulated weather, not a real forecast. "


def _kids_tip(w: DayWeather) -> str:
    """One friendly tip for a child about the day's weather (temperatures in °C)."""
    if w.condition == "snow":
        return "Snow! Wrap up warm if you go out to play."
    if w.wet:
        return "Take your raincoat and wellies!"
    if w.high < 12:
        return "Brr, it's chilly. Wear a warm coat!"
    if w.high >= 27:
        return "It's a hot one: wear a sun hat and drink lots of water!"
    return "A nice day to play outside!"


def _unknown_city(ctx: SkillContext, said: str) -> Response:
    names = [c.name for c in ctx.rng.sample(list(CITIES), 3)]
    return Response.speak(
        f"I don't have weather for {said}. I know {len(CITIES)} cities, like "
        f"{names[0]}, {names[1]} and {names[2]}."
    ).with_error("NOT_FOUND", f"no city called {said!r}")


@dataclass(frozen=True)
class _Forecast:
    """What a weather question is about, resolved: the city, the days, today there, the units,
    and the "simulated" notice to lead the answer with (empty after the first in a session)."""

    city: Place
    days: list[DayWeather]
    today: date
    units: str
    lead: str

    def temp(self, celsius: float) -> str:
        """A temperature in the units asked for, as a whole number."""
        return _temp(celsius, self.units)

    def card(self) -> tuple[str, str]:
        """The card's title and body for these days."""
        return _card(self.city, self.days, self.units, self.today)


def _forecast(ctx: SkillContext, slots: WeatherSlots) -> _Forecast | Response:
    """The city and days asked about, or a reply explaining why there is no weather for them.

    Every weather intent starts here, so an unknown city or a day out of range gets the same
    answer whichever way the question was put.
    """
    if slots.elsewhere and slots.city is None:
        return _unknown_city(ctx, slots.elsewhere.strip())
    city = slots.city or _home_city(ctx)
    today = _local_now(ctx, city).date()
    seed = ctx.seed or 0
    if _weekend(ctx):
        saturday = today + timedelta(days=(5 - today.weekday()) % 7)
        wanted = [saturday, saturday + timedelta(days=1)]
        if today.weekday() == 6:  # on Sunday, "the weekend" is today
            wanted = [today]
    else:
        wanted = [slots.day or today]
    for day in wanted:
        if day < today:
            return Response.speak(
                "I only have simulated weather from today on, not for days gone by."
            ).with_error("VALUE_OUT_OF_RANGE", f"{day} is in the past")
        if day >= today + timedelta(days=FORECAST_DAYS):
            return Response.speak(
                f"I only have simulated weather for the next {FORECAST_DAYS} days."
            ).with_error("VALUE_OUT_OF_RANGE", f"{day} is too far ahead")
    # The notice is taken only once the question has an answer, so a refusal does not use it up.
    return _Forecast(
        city=city,
        days=[day_weather(city, d, seed) for d in wanted],
        today=today,
        units=_units(ctx, slots),
        lead=_simulated(ctx),
    )


def _card(city: Place, days: list[DayWeather], units: str, today: date) -> tuple[str, str]:
    deg = _degrees(units)
    lines = [
        f"{_day_name(w.day, today).capitalize()} {w.day:%d %b}: {w.condition}, "
        f"{_temp(w.high, units)}{deg} / {_temp(w.low, units)}{deg}, rain {w.rain_chance}%, "
        f"wind {w.wind_kmh} km/h"
        for w in days
    ]
    lines.append(f"{city.name}, {city.country} · simulated, not a real forecast")
    return f"Simulated weather: {city.name}", "\n".join(lines)


def _describe(w: DayWeather, units: str, today: date, city: Place) -> str:
    when = _day_name(w.day, today)
    return (
        f"{when.capitalize() if when != 'today' else 'Today'} in {city.name}: {w.condition}, "
        f"a high of {_temp(w.high, units)} and a low of {_temp(w.low, units)} degrees, "
        f"{w.rain_chance} percent chance of rain."
    )


# -- intents -------------------------------------------------------------------------------------


@skill.intent(
    "GetWeather",
    samples=[
        "what is the <weather> [like] [<in>] [<day>] [<units>]",
        "what is the <weather> [like] <day> [<in>] [<units>]",
        "what will the weather be [like] [<day>] [<in>]",
        "what was the <weather> [like] [<in>] <day>",
        "how is the weather [<in>] [<day>]",
        "(tell me|give me) the <weather> [<in>] [<day>] [<units>]",
        "<weather> [<in>] [<day>] [<units>]",
        "<weather> <day> [<in>]",
        "what is it like outside [<day>]",
        "what is the weather going to be [like] [<in>] [<day>]",
        "is it (sunny|cloudy|nice) [outside] [<in>] [<day>]",
        "what is the <weather> (in|for) {elsewhere}",
        "<weather> (in|for) {elsewhere}",
    ],
)
def get_weather(ctx: SkillContext, slots: WeatherSlots) -> Response:
    """The weather now (no day said), or the forecast for a day or the weekend."""
    f = _forecast(ctx, slots)
    if isinstance(f, Response):
        return f
    if len(f.days) > 1:
        parts = [f"{w.day:%A}: {w.condition}, {f.temp(w.high)} and {f.temp(w.low)}" for w in f.days]
        speech = f"{f.lead}The weekend in {f.city.name}: " + "; ".join(parts) + " degrees."
    elif slots.day is None and not _weekend(ctx):
        w = f.days[0]
        now = current_temperature(w, _local_now(ctx, f.city))
        speech = (
            f"{f.lead}Right now in {f.city.name} it's {f.temp(now)} degrees, {w.condition}, "
            f"with a high of {f.temp(w.high)} and a low of {f.temp(w.low)} today."
        )
    else:
        speech = f.lead + _describe(f.days[0], f.units, f.today, f.city)
    title, body = f.card()
    response = Response.speak(speech).card(
        title,
        body,
        kind="weather",
        items=_screen_days(ctx, f),
        status=f"{f.city.name}, {f.city.country} · simulated, not a real forecast",
    )
    # A child hears the day in a few words and a tip; beside a screen that shows the days, a
    # shorter sentence is enough (as real devices do).
    w = f.days[0]
    kids = (
        f"{f.lead}{_day_name(w.day, f.today).capitalize()} in {f.city.name} it will be "
        f"{w.condition}, up to {f.temp(w.high)} degrees. {_kids_tip(w)}"
    )
    return response.for_profile("kids", kids).for_profile(
        "screen", f"{f.lead}Here's the weather in {f.city.name}."
    )


def _screen_days(ctx: SkillContext, f: _Forecast) -> list[str]:
    """One line per day for a screen: the days asked about, or three from the first one."""
    days = f.days
    if ctx.has_screen and len(days) == 1:
        first = days[0].day
        days = [
            day_weather(f.city, first + timedelta(days=i), ctx.seed or 0)
            for i in range(3)
            if (first + timedelta(days=i) - f.today).days < FORECAST_DAYS
        ]
    deg = _degrees(f.units)
    return [
        f"{_day_name(w.day, f.today).capitalize():<9} {w.condition:<14} "
        f"{f.temp(w.high)}{deg}/{f.temp(w.low)}{deg}  rain {w.rain_chance}%"
        for w in days
    ]


@skill.intent(
    "GetTemperature",
    samples=[
        "what is the (temperature|temp) (outside|out there) [<day>]",
        "what is the (temperature|temp) <in> [<day>] [<units>]",
        "what is the (temperature|temp) [going to be] [on] {day} [<in>]",
        "what will the (temperature|temp) be [<day>] [<in>]",
        "how (hot|cold|warm) is it (outside|out there)",
        "how (hot|cold|warm) is it <in> [<day>] [<units>]",
        "how (hot|cold|warm) will it be [<day>] [<in>]",
        "what is the (high|low|maximum|minimum|highest|lowest) [temperature] [<day>] [<in>] [<units>]",
        "what are the (highs|highs and lows) [<day>] [<in>]",
        "how (hot|cold|warm) will it get [<day>] [<in>]",
    ],
)
def get_temperature(ctx: SkillContext, slots: WeatherSlots) -> Response:
    """Temperatures: now outside, or a day's high and low."""
    f = _forecast(ctx, slots)
    if isinstance(f, Response):
        return f
    w = f.days[0]
    words = ctx.text.lower()
    when = _day_name(w.day, f.today)
    where = f.city.name
    if "highs" in words or ("high" in words and "low" in words):
        speech = (
            f"{f.lead}{when.capitalize()} in {where}: a high of {f.temp(w.high)} "
            f"and a low of {f.temp(w.low)} degrees."
        )
    elif "low" in words or "minimum" in words:
        speech = f"{f.lead}The low {when} in {where} is {f.temp(w.low)} degrees."
    elif "high" in words or "maximum" in words:
        speech = f"{f.lead}The high {when} in {where} is {f.temp(w.high)} degrees."
    elif slots.day is None and not _weekend(ctx):
        now = current_temperature(w, _local_now(ctx, f.city))
        speech = f"{f.lead}It's {f.temp(now)} degrees outside in {where} right now"
        speech += f", on the way to {f.temp(w.high)}." if now < w.high else "."
    else:
        speech = (
            f"{f.lead}{when.capitalize()} in {where}: a high of {f.temp(w.high)} "
            f"and a low of {f.temp(w.low)} degrees."
        )
    return Response.speak(speech).card(*f.card())


@skill.intent(
    "WillItRain",
    samples=[
        "will it (rain|snow) [<day>] [<in>]",
        "is it (going to|gonna) (rain|snow) [<day>] [<in>]",
        "is it (raining|snowing) [<in>]",
        "(do|will) i need an umbrella [<day>] [<in>]",
        "should i (take|bring) an umbrella [<day>] [<in>]",
        "is (rain|snow) (forecast|expected) [<day>] [<in>]",
        "(what is|what are) the chances of rain [<day>] [<in>]",
        "any rain [<day>] [<in>]",
    ],
)
def will_it_rain(ctx: SkillContext, slots: WeatherSlots) -> Response:
    """Rain (or snow), and whether to take an umbrella."""
    f = _forecast(ctx, slots)
    if isinstance(f, Response):
        return f
    wet = [w for w in f.days if w.wet]
    when = "this weekend" if len(f.days) > 1 else _day_name(f.days[0].day, f.today)
    if not wet:
        chance = max(w.rain_chance for w in f.days)
        speech = (
            f"{f.lead}No rain expected {when} in {f.city.name}: {chance} percent chance. "
            "No umbrella needed."
        )
        kids = f"{f.lead}No rain {when}, so no umbrella needed. {_kids_tip(f.days[0])}"
    else:
        w = wet[0]
        what = "snow" if w.condition == "snow" else w.condition
        tip = "Dress warmly." if what == "snow" else "Take an umbrella."
        day = f" on {w.day:%A}" if len(f.days) > 1 else ""
        speech = (
            f"{f.lead}Yes, {what} is likely {when}{day} in {f.city.name}, "
            f"{w.rain_chance} percent chance. {tip}"
        )
        kids = f"{f.lead}Yes, it looks like {what} {when}{day}. {_kids_tip(w)}"
    return Response.speak(speech).card(*f.card()).for_profile("kids", kids)


@skill.intent(
    "NeedCoat",
    samples=[
        "(do|will) i need a (coat|jacket|sweater|jumper|scarf) [<day>] [<in>]",
        "should i (wear|take|bring) a (coat|jacket|sweater|jumper) [<day>] [<in>]",
        "is it (cold|warm) enough for a (coat|jacket) [<day>] [<in>]",
        "what should i wear [<day>] [<in>]",
        "is it cold [outside] [<day>] [<in>]",
    ],
)
def need_coat(ctx: SkillContext, slots: WeatherSlots) -> Response:
    """Coat or no coat, from the day's low and high."""
    f = _forecast(ctx, slots)
    if isinstance(f, Response):
        return f
    w = min(f.days, key=lambda d: d.high)
    when = _day_name(w.day, f.today)
    temps = f"a high of {f.temp(w.high)} and a low of {f.temp(w.low)} degrees"
    if w.high < 12:
        advice = "Yes, wear a warm coat"
    elif w.high < 18 or w.low < 8:
        advice = "A light jacket would be a good idea"
    else:
        advice = "No coat needed"
    if w.wet:
        advice += f", and take an umbrella: {w.condition} is likely"
    speech = f"{f.lead}{advice}. {when.capitalize()} in {f.city.name}: {temps}."
    return Response.speak(speech).card(*f.card())


class UnitsSlots(BaseModel):
    """Which units to use from now on."""

    units: Units


@skill.intent(
    "SetUnits",
    samples=[
        "(use|switch to|change to|show) {units} [please]",
        "(give me|tell me) [the] temperatures in {units}",
        "set [the] [temperature] units to {units}",
        "i prefer {units}",
    ],
    prompts={"units": "Celsius or Fahrenheit?"},
)
def set_units(ctx: SkillContext, slots: UnitsSlots) -> Response:
    """Remember Celsius or Fahrenheit."""
    ctx.persistent["units"] = slots.units
    return Response.speak(f"Okay, I'll give temperatures in {slots.units.capitalize()}.")


class HomeCity(BaseModel):
    """The speaker's own city (or a place that is not one of the cities)."""

    city: City | None = None
    elsewhere: Annotated[str, NotACity()] | None = None


@skill.intent(
    "SetCity",
    samples=[
        "(set|change) my (city|location|home city|town) to {city}",
        "i live in {city}",
        "my (city|location|home city|home town) is {city}",
        "i am in {city}",
        "i (have moved|moved) to {city}",
        "(set|change) my (city|location|home city|town) to {elsewhere}",
        "i live in {elsewhere}",
        "my (city|location|home city|home town) is {elsewhere}",
    ],
)
def set_city(ctx: SkillContext, slots: HomeCity) -> Response:
    """Remember the user's city (the weather's default)."""
    if slots.city is None:
        if slots.elsewhere:
            return _unknown_city(ctx, slots.elsewhere.strip())
        return Response.elicit("city", "Which city?", "Say a city, like Paris or Tokyo.")
    ctx.persistent["city"] = slots.city.name
    return Response.speak(f"Okay, your city is {slots.city.name}, {slots.city.country}.")


@skill.intent(
    "WhichCities",
    samples=[
        "(which|what) cities (do you know|do you have|can you do)",
        "where do you have weather for",
        "(what|which) (city|location) am i in",
        "what is my (city|location)",
    ],
)
def which_cities(ctx: SkillContext) -> Response:
    """Name the user's city and how many cities there are."""
    home = _home_city(ctx)
    sample = ", ".join(c.name for c in ctx.rng.sample(list(CITIES), 5))
    return Response.speak(
        f"Your city is {home.name}. I have simulated weather for {len(CITIES)} cities, "
        f"including {sample}."
    ).card("Cities", "\n".join(f"{c.name}, {c.country}" for c in CITIES))
