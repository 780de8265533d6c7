"""Weather: simulated weather for 73 real cities. Not a forecast: every answer says so.

In Chinese (``weather.zh-CN.yaml``): "明天北京天气怎么样", "周末会下雨吗", "我需要带伞吗".

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
from simulator.sdk.when import parse_span, spoken_day
from simulator.sdk.words import tokenize

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
        """The words as said, unless they are a city, a date, a weekend or another span of days
        ("next week")."""
        if (
            "weekend" in tokens
            or _DATE.parse(tokens, env) is not NO_VALUE
            or parse_span(tokens, env.today) is not None
        ):
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
    return "weekend" in ctx.text.lower() or "周末" in ctx.text


def _span(ctx: SkillContext, today: date) -> tuple[date, date, str] | None:
    """A span of days said anywhere in the request ("next week", "this weekend", "next
    month"): the templates name the weekend in words of their own, and a request the learned
    stage reads fills no slot for it, so the words are read here."""
    words = tokenize(ctx.text) if not ctx.chinese else []
    for size in (5, 2, 1):  # "the rest of the week", "next week", "weekend"
        for k in range(len(words) - size + 1):
            found = parse_span(words[k : k + size], today)
            if found is not None:
                return found
    return None


def _day_name(day: date, today: date, language: str = "en") -> str:
    if language.startswith("zh"):
        return spoken_day(day, today, language)  # 今天, 明天, 后天, 周五
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
    gap = "" if ctx.chinese else " "
    if ctx.profile == "kids":
        return ctx.t("This is pretend weather.") + gap
    return ctx.t("Simulated weather, not a real forecast.") + gap


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
    names = [c.local_name(ctx.language) for c in ctx.rng.sample(list(CITIES), 3)]
    return Response.speak(
        ctx.t(
            "I don't have weather for {said}. I know {n} cities, like {a}, {b} and {c}.",
            said=said,
            n=len(CITIES),
            a=names[0],
            b=names[1],
            c=names[2],
        )
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
    name: str
    """The city's name in the turn's language ("Tokyo", "东京")."""
    language: str

    def when(self, day: date) -> str:
        """ "today", "tomorrow", "Friday" (今天, 明天, 周五) for one of the days."""
        return _day_name(day, self.today, self.language)

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
    span = _span(ctx, _local_now(ctx, slots.city or _home_city(ctx)).date())
    # "weather next weekend" may leave "next" to the place slot: part of the span, no place.
    if (
        slots.elsewhere
        and slots.city is None
        and (span is None or not set(slots.elsewhere.split()) <= set(span[2].split()))
    ):
        return _unknown_city(ctx, slots.elsewhere.strip())
    city = slots.city or _home_city(ctx)
    today = _local_now(ctx, city).date()
    seed = ctx.seed or 0
    if span is not None and span[2] != "this weekend":
        first, last, _ = span
        wanted = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    elif _weekend(ctx):
        saturday = today + timedelta(days=(5 - today.weekday()) % 7)
        wanted = [saturday, saturday + timedelta(days=1)]
        if today.weekday() == 6:  # on Sunday, "the weekend" is today
            wanted = [today]
    else:
        wanted = [slots.day or today]
    for day in wanted:
        if day < today:
            return Response.speak(
                ctx.t("I only have simulated weather from today on, not for days gone by.")
            ).with_error("VALUE_OUT_OF_RANGE", f"{day} is in the past")
        if day >= today + timedelta(days=FORECAST_DAYS):
            return Response.speak(
                ctx.t("I only have simulated weather for the next {n} days.", n=FORECAST_DAYS)
            ).with_error("VALUE_OUT_OF_RANGE", f"{day} is too far ahead")
    # The notice is taken only once the question has an answer, so a refusal does not use it up.
    return _Forecast(
        city=city,
        days=[day_weather(city, d, seed) for d in wanted],
        today=today,
        units=_units(ctx, slots),
        lead=_simulated(ctx),
        name=city.local_name(ctx.language),
        language=ctx.language,
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


def _describe(ctx: SkillContext, f: _Forecast, w: DayWeather) -> str:
    when = f.when(w.day)
    return ctx.t(
        "{when} in {city}: {condition}, a high of {high} and a low of {low} degrees, "
        "{rain} percent chance of rain.",
        when=when if ctx.chinese else when.capitalize(),
        city=f.name,
        condition=ctx.t(w.condition),
        high=f.temp(w.high),
        low=f.temp(w.low),
        rain=w.rain_chance,
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
        parts = [
            ctx.t(
                "{day}: {condition}, {high} and {low}",
                day=f"{w.day:%A}" if not ctx.chinese else f.when(w.day),
                condition=ctx.t(w.condition),
                high=f.temp(w.high),
                low=f.temp(w.low),
            )
            for w in f.days
        ]
        span = _span(ctx, f.today)
        speech = f.lead + (
            ctx.t(
                "{span} in {city}: {parts} degrees.",
                span=span[2].capitalize(),
                city=f.name,
                parts="; ".join(parts),
            )
            if span is not None and span[2] != "this weekend"
            else ctx.t(
                "The weekend in {city}: {parts} degrees.",
                city=f.name,
                parts=("；" if ctx.chinese else "; ").join(parts),
            )
        )
    elif slots.day is None and not _weekend(ctx):
        w = f.days[0]
        now = current_temperature(w, _local_now(ctx, f.city))
        speech = f.lead + ctx.t(
            "Right now in {city} it's {now} degrees, {condition}, with a high of {high} "
            "and a low of {low} today.",
            city=f.name,
            now=f.temp(now),
            condition=ctx.t(w.condition),
            high=f.temp(w.high),
            low=f.temp(w.low),
        )
    else:
        speech = f.lead + _describe(ctx, f, f.days[0])
    title, body = f.card()
    if ctx.chinese:
        title = ctx.t("Simulated weather: {city}", city=f.name)
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
    if not ctx.chinese:  # no kids' wording in Chinese yet: the translated answer stands
        response = response.for_profile("kids", kids)
    return response.for_profile(
        "screen", f.lead + ctx.t("Here's the weather in {city}.", city=f.name)
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
    when = f.when(w.day)
    where = f.name
    both = ("high" in words and "low" in words) or ("最高" in words and "最低" in words)
    if "highs" in words or both:
        speech = ctx.t(
            "{when} in {city}: a high of {high} and a low of {low} degrees.",
            when=when if ctx.chinese else when.capitalize(),
            city=where,
            high=f.temp(w.high),
            low=f.temp(w.low),
        )
    elif "low" in words or "minimum" in words or "最低" in words:
        speech = ctx.t(
            "The low {when} in {city} is {low} degrees.", when=when, city=where, low=f.temp(w.low)
        )
    elif "high" in words or "maximum" in words or "最高" in words:
        speech = ctx.t(
            "The high {when} in {city} is {high} degrees.",
            when=when,
            city=where,
            high=f.temp(w.high),
        )
    elif slots.day is None and not _weekend(ctx):
        now = current_temperature(w, _local_now(ctx, f.city))
        speech = (
            ctx.t(
                "It's {now} degrees outside in {city} right now, on the way to {high}.",
                now=f.temp(now),
                city=where,
                high=f.temp(w.high),
            )
            if now < w.high
            else ctx.t(
                "It's {now} degrees outside in {city} right now.", now=f.temp(now), city=where
            )
        )
    else:
        speech = ctx.t(
            "{when} in {city}: a high of {high} and a low of {low} degrees.",
            when=when if ctx.chinese else when.capitalize(),
            city=where,
            high=f.temp(w.high),
            low=f.temp(w.low),
        )
    return Response.speak(f.lead + speech).card(*f.card())


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
    span = _span(ctx, f.today)
    several = span[2] if span is not None else "this weekend"  # "this week", "this weekend"
    english = several if len(f.days) > 1 else _day_name(f.days[0].day, f.today)
    when = ctx.t(several) if len(f.days) > 1 else f.when(f.days[0].day)
    if not wet:
        chance = max(w.rain_chance for w in f.days)
        speech = f.lead + ctx.t(
            "No rain expected {when} in {city}: {chance} percent chance. No umbrella needed.",
            when=when,
            city=f.name,
            chance=chance,
        )
        kids = f"{f.lead}No rain {english}, so no umbrella needed. {_kids_tip(f.days[0])}"
    else:
        w = wet[0]
        what = "snow" if w.condition == "snow" else w.condition
        tip = ctx.t("Dress warmly." if what == "snow" else "Take an umbrella.")
        day = f" on {w.day:%A}" if len(f.days) > 1 else ""
        values = {"what": ctx.t(what), "when": when, "city": f.name, "chance": w.rain_chance}
        speech = f.lead + (
            ctx.t(
                "Yes, {what} is likely {when} on {day} in {city}, {chance} percent chance. {tip}",
                day=f"{w.day:%A}" if not ctx.chinese else f.when(w.day),
                tip=tip,
                **values,
            )
            if len(f.days) > 1
            else ctx.t(
                "Yes, {what} is likely {when} in {city}, {chance} percent chance. {tip}",
                tip=tip,
                **values,
            )
        )
        kids = f"{f.lead}Yes, it looks like {what} {english}{day}. {_kids_tip(w)}"
    response = Response.speak(speech).card(*f.card())
    return response if ctx.chinese else response.for_profile("kids", kids)


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
    when = f.when(w.day)
    if w.high < 12:
        advice = ctx.t("Yes, wear a warm coat")
    elif w.high < 18 or w.low < 8:
        advice = ctx.t("A light jacket would be a good idea")
    else:
        advice = ctx.t("No coat needed")
    if w.wet:
        advice = ctx.t(
            "{advice}, and take an umbrella: {condition} is likely",
            advice=advice,
            condition=ctx.t(w.condition),
        )
    speech = ctx.t(
        "{advice}. {when} in {city}: a high of {high} and a low of {low} degrees.",
        advice=advice,
        when=when if ctx.chinese else when.capitalize(),
        city=f.name,
        high=f.temp(w.high),
        low=f.temp(w.low),
    )
    return Response.speak(f.lead + speech).card(*f.card())


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
    return Response.speak(
        ctx.t("Okay, I'll give temperatures in {units}.", units=ctx.t(slots.units.capitalize()))
    )


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
    return Response.speak(
        ctx.t(
            "Okay, your city is {city}, {country}.",
            city=slots.city.local_name(ctx.language),
            country=slots.city.country,
        )
    )


@skill.intent(
    "WhichCities",
    samples=[
        "(which|what) cities (do you know|do you have|can you do)",
        "where do you have weather for",
        # The cities said as towns or places, the weather named: "which towns do you know the
        # weather for", "which places are supported".
        "(which|what) (cities|towns|places|locations) "
        "(do you know|do you have|can you do|do you cover|do you support) "
        "[the] [weather] [for|of|in|about]",
        "(which|what) (cities|towns|places|locations) (are|can be) (supported|covered|available)",
        "(which|what) (cities|towns|places|locations) (have|has) weather",
        "(what|which) (city|location) am i in",
        "what is my (city|location)",
    ],
)
def which_cities(ctx: SkillContext) -> Response:
    """Name the user's city and how many cities there are."""
    home = _home_city(ctx)
    sample = ("、" if ctx.chinese else ", ").join(
        c.local_name(ctx.language) for c in ctx.rng.sample(list(CITIES), 5)
    )
    return Response.speak(
        ctx.t(
            "Your city is {home}. I have simulated weather for {n} cities, including {sample}.",
            home=home.local_name(ctx.language),
            n=len(CITIES),
            sample=sample,
        )
    ).card(ctx.t("Cities"), "\n".join(f"{c.name}, {c.country}" for c in CITIES))
