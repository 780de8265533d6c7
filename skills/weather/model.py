"""Made-up weather that looks plausible: a pure function of the city, the date and a seed.

Nothing here is a forecast. The climate is a rough sketch from latitude alone:

* the yearly mean temperature falls with distance from the equator (about 28 °C in the tropics,
  11 °C at London's latitude, 4 °C near the Arctic circle);
* the seasons swing more the further from the equator, and they are mirrored in the southern
  hemisphere (July is winter in Sydney);
* rain is common in the tropics, rare in the subtropical desert belt, and middling in between;
* each day gets its own deterministic noise from a hash of (seed, city, date), so the same city
  on the same date always has the same weather, and ``--seed`` gives another world.
"""

from __future__ import annotations

import hashlib
import math
import random
from dataclasses import dataclass
from datetime import date, datetime

from simulator.sdk.places import Place

__all__ = ["DayWeather", "current_temperature", "day_weather"]


@dataclass(frozen=True)
class DayWeather:
    """One day's simulated weather in one city (temperatures in °C)."""

    city: Place
    day: date
    high: float
    low: float
    rain_chance: int
    """Percent chance of rain (or snow) during the day."""
    condition: str
    """"sunny", "partly cloudy", "cloudy", "foggy", "light rain", "rain", "thunderstorms",
    "snow"."""
    wind_kmh: int

    @property
    def wet(self) -> bool:
        """Rain or snow is expected."""
        return self.condition in ("light rain", "rain", "thunderstorms", "snow")


def _rng(seed: int, city: Place, day: date) -> random.Random:
    # A hash rather than Python's hash(): stable across runs and machines.
    key = f"{seed}|{city.name}|{city.country}|{day.isoformat()}".encode()
    return random.Random(int.from_bytes(hashlib.sha256(key).digest()[:8], "big"))


def _climate(city: Place, day: date) -> tuple[float, float]:
    """(mean temperature of the day's season, yearly rain probability) from latitude."""
    lat = abs(city.lat)
    yearly = 28.0 if lat < 20 else 28.0 - 0.55 * (lat - 20)
    swing = 0.18 * lat * (0.75 if city.lat < 0 else 1.0)  # southern oceans soften the seasons
    peak = 201 if city.lat >= 0 else 18  # about 20 July in the north, 18 January in the south
    season = math.cos(2 * math.pi * (day.timetuple().tm_yday - peak) / 365.25)
    if lat < 12:
        rain = 0.45
    elif lat < 33:
        rain = 0.15 if lat > 18 else 0.35
    else:
        rain = 0.35
    return yearly + swing * season, rain


def day_weather(city: Place, day: date, seed: int = 0) -> DayWeather:
    """The simulated weather of ``city`` on ``day`` (the same every time for the same seed)."""
    rng = _rng(seed, city, day)
    mean, rain_base = _climate(city, day)
    mean += rng.gauss(0, 2.5)
    spread = rng.uniform(5, 11)
    wet_roll = rng.random()
    rain_chance = max(0.0, min(0.95, rain_base + rng.uniform(-0.15, 0.35)))
    cloud = rng.random()
    if wet_roll < rain_chance * 0.8:
        if mean < 1.5:
            condition = "snow"
        elif abs(city.lat) < 25 and mean > 24 and rng.random() < 0.5:
            condition = "thunderstorms"
        else:
            condition = "rain" if rng.random() < 0.5 else "light rain"
        spread *= 0.6  # clouds keep days cooler and nights warmer
    elif cloud < 0.08 and abs(city.lat) > 30:
        condition = "foggy"
    elif cloud < 0.45:
        condition = "sunny"
    elif cloud < 0.75:
        condition = "partly cloudy"
    else:
        condition = "cloudy"
    chance = round(rain_chance * 100 / 5) * 5
    if condition in ("sunny", "foggy"):
        chance = min(chance, 10)
    elif condition in ("partly cloudy", "cloudy"):
        chance = min(chance, 30)
    else:
        chance = max(chance, 60)
    return DayWeather(
        city=city,
        day=day,
        high=round(mean + spread / 2, 1),
        low=round(mean - spread / 2, 1),
        rain_chance=chance,
        condition=condition,
        wind_kmh=int(rng.uniform(3, 35)),
    )


def current_temperature(weather: DayWeather, local: datetime) -> float:
    """The temperature at a local time of that day: coolest near 5 AM, warmest near 3 PM."""
    hour = local.hour + local.minute / 60
    middle = (weather.high + weather.low) / 2
    half = (weather.high - weather.low) / 2
    return round(middle + half * math.cos(2 * math.pi * (hour - 15) / 24), 1)
