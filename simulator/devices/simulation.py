"""The home changing by itself over virtual time.

What moves: room temperatures (heated or cooled by thermostats and air conditioners, drifting
otherwise), humidity and PM2.5 (cleaned by purifiers), fridge temperature, filter life, curtains
travelling, robot vacuums cleaning room by room, a simulated person opening doors and walking
past motion sensors, and devices dropping offline (by chance and by the home file's script).

Design notes:

* Time is cut into slices of at most :data:`SLICE_SECONDS`, so one 3600 s call and 720 calls of
  5 s behave alike and each rule can assume a short slice.
* Quantities that change slowly are tracked as exact floats here and written to devices only when
  the shown (rounded) value changes. That keeps events meaningful (one per 0.1 °C, not one per
  slice) and makes small steps accumulate correctly.
* Anything else may change a device too (a command, the UI, a restore). Before using a tracked
  value the simulation checks whether the device still shows what the simulation last wrote; if
  not, the new value is adopted.
* Randomness comes only from the ``rng`` passed in and is drawn in home order, so the same seed
  and calls give the same events.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Iterator, Mapping
from datetime import datetime, timedelta
from typing import Any, Protocol

from .commands import LOW_BATTERY, queue_item
from .device import ONLINE, Device
from .events import StateChanged
from .schema import SimulationSettings

__all__ = ["SLICE_SECONDS", "Simulated", "Simulation"]


class Simulated(Protocol):
    """What the simulation needs of a home (the registry's `Home` is one).

    A protocol rather than an import of the registry, so the registry (which creates the
    simulation) and the simulation do not import each other.
    """

    clock: datetime
    settings: SimulationSettings

    @property
    def devices(self) -> Mapping[str, Device]:
        """Devices by id."""
        ...

    def find(
        self,
        group: str | None = None,
        room: str | None = None,
        where: Callable[[Device], bool] | None = None,
    ) -> list[Device]:
        """Devices by type group and room."""
        ...

    def _sim_apply(
        self, device: Device, changes: dict[str, Any], at: datetime
    ) -> list[StateChanged]:
        """Write simulated changes and publish their events."""
        ...


SLICE_SECONDS = 5.0
"""Longest slice of virtual time simulated in one go."""
HVAC_RATE = 0.02
"""°C per second a running thermostat or AC moves its room (0.1 °C per 5 s)."""
HYSTERESIS = 0.3
"""°C below (above) target before heating (cooling) starts again."""
AMBIENT = 17.0
"""Temperature rooms drift to when nothing heats or cools them."""
DRIFT_PER_SECOND = 1 / 14400
"""Fraction of the gap to :data:`AMBIENT` closed per second (a few hours' time constant)."""
FRIDGE_COOL_RATE = 0.005
"""°C per second a fridge cools while running."""
FRIDGE_WARM_RATE = 0.0008
"""°C per second a closed, idle fridge warms; an open door adds :data:`FRIDGE_OPEN_RATE`."""
FRIDGE_OPEN_RATE = 0.02
"""Extra °C per second while the fridge door is open."""
ROOM_SECONDS = 180.0
"""Time a vacuum spends on each room."""
RETURN_SECONDS = 30.0
"""Time a vacuum takes to get back to its dock."""
DRAIN_PER_SECOND = 1 / 30
"""Battery percent used per second of cleaning."""
CHARGE_PER_SECOND = 1 / 18
"""Battery percent gained per second on the dock."""
FILTER_WEAR_PER_SECOND = 1 / 7200
"""Filter life percent used per second of purifier running (1 % per 2 h)."""
DOOR_OPENINGS_PER_HOUR = 3.0
"""How often the simulated person opens each door."""
FRIDGE_OPENINGS_PER_HOUR = 1.5
"""How often the simulated person opens the fridge."""
MOTION_PER_HOUR = 8.0
"""How often each motion sensor sees someone walk by."""
BACK_ONLINE_SECONDS = 120.0
"""Mean time a device that dropped out by chance stays offline."""

_INT_ATTRIBUTES = frozenset({"battery", "humidity", "pm25", "filter_life", "position"})
_CONTROLLERS = frozenset({"thermostat", "air_conditioner"})


def _shown(attribute: str, value: float) -> float | int:
    """The value as a device shows it: whole numbers for percentages, 0.1 for temperatures."""
    return round(value) if attribute in _INT_ATTRIBUTES else round(value, 1)


def _chance(rng: random.Random, per_hour: float, seconds: float) -> bool:
    """A Poisson event with *per_hour* rate happened during *seconds*."""
    if per_hour <= 0:
        return False  # draw nothing, so a zero rate never shifts the random sequence
    return rng.random() < 1 - math.exp(-per_hour * seconds / 3600)


class Simulation:
    """Advances one :class:`Home`; created by the home itself."""

    def __init__(self, home: Simulated) -> None:
        """Attach to *home* (nothing changes until :meth:`advance`)."""
        self._home = home
        self.clock: datetime = home.clock
        """Virtual time at the end of the last advance."""
        self.elapsed = 0.0
        """Virtual seconds simulated since the start (or the last reset), for the script."""
        self._fired: set[int] = set()
        self._chance_offline: set[str] = set()
        self.forget_timers()

    def forget_timers(self) -> None:
        """Drop tracked values and timers; they are re-read from the devices (after a restore)."""
        self._precise: dict[tuple[str, str], float] = {}
        self._written: dict[tuple[str, str], Any] = {}
        self._timers: dict[tuple[str, str], float] = {}

    def restart(self) -> None:
        """Start the script again from zero (after a reset)."""
        self.elapsed = 0.0
        self._fired.clear()
        self._chance_offline.clear()
        self.forget_timers()

    # --- the loop ----------------------------------------------------------------------------

    def advance(self, now: datetime, seconds: float, rng: random.Random) -> list[StateChanged]:
        """Simulate *seconds* from *now*; returns the events in order."""
        events: list[StateChanged] = []
        done = 0.0
        while done < seconds - 1e-9:
            dt = min(SLICE_SECONDS, seconds - done)
            done += dt
            self.elapsed += dt
            at = now + timedelta(seconds=done)
            self._events = events
            self._at = at
            self._slice(dt, rng)
        self.clock = now + timedelta(seconds=max(seconds, 0.0))
        return events

    def skip(self, now: datetime, seconds: float) -> list[StateChanged]:
        """Jump over a quiet stretch of *seconds* in one step; returns the events.

        For long advances: slow quantities move as the slice-by-slice rules would take them, in
        closed form (rooms without running heating or cooling drift to :data:`AMBIENT`,
        humidity and PM2.5 settle, running purifiers wear their filters); the script's steps
        that fall due happen. Random events inside the stretch (doors, motion, drop-outs) are
        not drawn: they leave no trace once over.
        """
        events: list[StateChanged] = []
        self._events = events
        self._at = now + timedelta(seconds=max(seconds, 0.0))
        self.elapsed += max(seconds, 0.0)
        for room, devices in self._climate_rooms().items():
            online = [d for d in devices if d.online]
            temp = self._room_value(room, "temperature", online)
            held = any(
                d.type.id in _CONTROLLERS and d.get("hvac_mode") not in (None, "off")
                for d in online
            )
            if temp is not None and not held:
                temp = AMBIENT + (temp - AMBIENT) * math.exp(-DRIFT_PER_SECOND * seconds)
                self._publish_room(room, "temperature", temp, online)
            humidity = self._room_value(room, "humidity", online)
            if humidity is not None:
                humidity = 50 + (humidity - 50) * math.exp(-0.0005 * seconds)
                self._publish_room(room, "humidity", max(30.0, min(70.0, humidity)), online)
            pm = self._room_value(room, "pm25", online)
            if pm is not None:
                purifying = any(d.type.id == "air_purifier" and d.get("on") for d in online)
                floor = 2.0 if purifying else 14.0
                pm = floor + (pm - floor) * math.exp(-0.0005 * seconds)
                self._publish_room(room, "pm25", max(0.0, min(500.0, pm)), online)
        for device in self._devices():
            if device.online and device.type.id == "air_purifier" and device.get("on"):
                self._track(device, "filter_life", -FILTER_WEAR_PER_SECOND * seconds, 0, 100)
        self._script()
        self.clock = self._at
        return events

    def _write(self, device: Device, changes: dict[str, Any]) -> None:
        if changes:
            self._events += self._home._sim_apply(device, changes, self._at)
        for attr in changes:
            self._written[(device.id, attr)] = device.get(attr)

    def _devices(self) -> Iterator[Device]:
        return iter(self._home.devices.values())

    def _slice(self, dt: float, rng: random.Random) -> None:
        self._script()
        self._connectivity(dt, rng)
        self._climate(dt, rng)
        for device in self._devices():
            if not device.online:
                continue
            kind = device.type.id
            if kind == "curtain":
                self._curtain(device, dt)
            elif kind == "vacuum":
                self._vacuum(device, dt)
            elif kind == "fridge":
                self._fridge(device, dt, rng)
            elif kind == "door_sensor":
                self._door(device, dt, rng)
            elif kind == "motion_sensor":
                self._motion(device, dt, rng)
            elif kind == "air_purifier" and device.get("on"):
                self._track(device, "filter_life", -FILTER_WEAR_PER_SECOND * dt, 0, 100)
            if device.has("media"):
                self._media(device, dt)

    # --- tracked values ----------------------------------------------------------------------

    def _current(self, key: tuple[str, str], device: Device, attribute: str) -> float:
        """The exact tracked value, unless something else changed the device since."""
        self._observe(key, device, attribute)
        return self._precise[key]

    def _observe(self, key: tuple[str, str], device: Device, attribute: str) -> None:
        """Start tracking *key* from the device, or adopt a value someone else wrote."""
        shown = device.get(attribute)
        written = (device.id, attribute)
        if written not in self._written:
            self._written[written] = shown
            self._precise.setdefault(key, float(shown))
        elif self._written[written] != shown:
            self._written[written] = shown
            self._precise[key] = float(shown)

    def _track(self, device: Device, attribute: str, delta: float, low: float, high: float) -> None:
        key = (device.id, attribute)
        value = max(low, min(high, self._current(key, device, attribute) + delta))
        self._precise[key] = value
        if _shown(attribute, value) != device.get(attribute):
            self._write(device, {attribute: _shown(attribute, value)})

    # --- script and connectivity -------------------------------------------------------------

    def _script(self) -> None:
        for index, entry in enumerate(self._home.settings.script):
            if index in self._fired or entry.after > self.elapsed + 1e-9:
                continue
            self._fired.add(index)
            device = self._home.devices[entry.device]
            changes: dict[str, Any] = dict(entry.state)
            if entry.online is not None:
                changes[ONLINE] = entry.online
                self._chance_offline.discard(device.id)  # the script's word is final
            self._write(device, changes)

    def _connectivity(self, dt: float, rng: random.Random) -> None:
        rate = self._home.settings.offline_chance_per_hour
        for device in self._devices():
            if device.online and _chance(rng, rate, dt):
                self._chance_offline.add(device.id)
                self._write(device, {ONLINE: False})
            elif device.id in self._chance_offline and _chance(rng, 3600 / BACK_ONLINE_SECONDS, dt):
                self._chance_offline.discard(device.id)
                self._write(device, {ONLINE: True})

    # --- rooms -------------------------------------------------------------------------------

    def _climate_rooms(self) -> dict[str, list[Device]]:
        by_room: dict[str, list[Device]] = {}
        for device in self._devices():
            if not device.type.own_climate and (
                device.has("target_temperature")
                or device.has("temperature_sensor")
                or device.has("humidity_sensor")
                or device.has("air_quality")
            ):
                by_room.setdefault(device.room, []).append(device)
        return by_room

    def _climate(self, dt: float, rng: random.Random) -> None:
        for room, devices in self._climate_rooms().items():
            online = [d for d in devices if d.online]
            self._room_temperature(room, online, dt)
            self._room_humidity(room, online, dt, rng)
            self._room_air(room, online, dt, rng)

    def _room_value(self, room: str, attribute: str, devices: list[Device]) -> float | None:
        """The room's exact value, adopting a reading someone else changed."""
        key = (f"room:{room}", attribute)
        for device in devices:
            attr = (
                "current_temperature"
                if attribute == "temperature" and device.has("target_temperature")
                else attribute
            )
            if device.has_attribute(attr):
                self._observe(key, device, attr)
        return self._precise.get(key)

    def _publish_room(self, room: str, attribute: str, value: float, devices: list[Device]) -> None:
        self._precise[(f"room:{room}", attribute)] = value
        for device in devices:
            attr = (
                "current_temperature"
                if attribute == "temperature" and device.has("target_temperature")
                else attribute
            )
            if device.has_attribute(attr) and device.get(attr) != _shown(attr, value):
                self._write(device, {attr: _shown(attr, value)})

    def _room_temperature(self, room: str, devices: list[Device], dt: float) -> None:
        temp = self._room_value(room, "temperature", devices)
        if temp is None:
            return
        for device in devices:
            if device.type.id not in _CONTROLLERS:
                continue
            action = self._hvac_action(device, temp)
            target = float(device.get("target_temperature"))
            if action == "heating":
                temp = min(target, temp + HVAC_RATE * dt)
            elif action == "cooling":
                temp = max(target, temp - HVAC_RATE * dt)
            if device.get("hvac_action") != action:
                self._write(device, {"hvac_action": action})
        temp += (AMBIENT - temp) * DRIFT_PER_SECOND * dt
        self._publish_room(room, "temperature", temp, devices)

    @staticmethod
    def _hvac_action(device: Device, temp: float) -> str:
        mode = device.get("hvac_mode")
        target = float(device.get("target_temperature"))
        action = str(device.get("hvac_action"))
        can_heat = mode in ("heat", "auto")
        can_cool = mode in ("cool", "auto")
        if can_heat and temp < target - HYSTERESIS:
            return "heating"
        if can_cool and temp > target + HYSTERESIS:
            return "cooling"
        # Inside the dead band: keep going until the target is reached, then rest.
        # (Drift pulls the room a hair off target after every slice, so "reached" means close.)
        if action == "heating" and can_heat and temp < target - 0.05:
            return "heating"
        if action == "cooling" and can_cool and temp > target + 0.05:
            return "cooling"
        return "idle"

    def _room_humidity(
        self, room: str, devices: list[Device], dt: float, rng: random.Random
    ) -> None:
        humidity = self._room_value(room, "humidity", devices)
        if humidity is None:
            return
        drying = any(d.has("hvac_mode") and d.get("hvac_mode") == "dry" for d in devices)
        humidity += rng.gauss(0.0, 0.05) * math.sqrt(dt) + (50 - humidity) * 0.0005 * dt
        if drying:
            humidity -= 0.01 * dt
        self._publish_room(room, "humidity", max(30.0, min(70.0, humidity)), devices)

    def _room_air(self, room: str, devices: list[Device], dt: float, rng: random.Random) -> None:
        pm = self._room_value(room, "pm25", devices)
        if pm is None:
            return
        cleaning = [
            d.get("fan_percentage") / 100
            for d in devices
            if d.type.id == "air_purifier" and d.get("on")
        ]
        if cleaning:
            pm -= (pm - 2) * 0.004 * sum(cleaning) * dt
        else:
            pm += (14 - pm) * 0.0005 * dt + rng.gauss(0.0, 0.05) * math.sqrt(dt)
        self._publish_room(room, "pm25", max(0.0, min(500.0, pm)), devices)

    # --- individual devices ------------------------------------------------------------------

    def _curtain(self, device: Device, dt: float) -> None:
        if not device.get("moving"):
            return
        key = (device.id, "position")
        position = self._current(key, device, "position")
        target = float(device.get("target_position"))
        step = 100 / device.config.travel_seconds * dt
        position = (
            min(target, position + step) if target > position else max(target, position - step)
        )
        self._precise[key] = position
        changes: dict[str, Any] = {}
        if _shown("position", position) != device.get("position"):
            changes["position"] = _shown("position", position)
        if position == target:
            changes["moving"] = False
        self._write(device, changes)

    def _vacuum(self, device: Device, dt: float) -> None:
        state = device.get("cleaning_state")
        if state == "docked":
            self._track(device, "battery", CHARGE_PER_SECOND * dt, 0, 100)
            return
        progress = float(device.get("room_progress")) + dt
        if state == "returning":
            if progress >= RETURN_SECONDS:
                self._write(
                    device,
                    {"cleaning_state": "docked", "cleaning_room": None, "room_progress": 0.0},
                )
            else:
                self._write(device, {"room_progress": progress})
            return
        if state != "cleaning":
            return  # paused or in error: nothing moves
        self._track(device, "battery", -DRAIN_PER_SECOND * dt, 0, 100)
        if device.get("battery") <= LOW_BATTERY:
            self._go_home(device)
        elif progress >= ROOM_SECONDS:
            queue = device.get("cleaning_queue")
            if queue:
                self._write(
                    device,
                    {"cleaning_room": queue[0], "cleaning_queue": queue[1:], "room_progress": 0.0},
                )
            else:
                self._go_home(device)
        else:
            self._write(device, {"room_progress": progress})

    def _media(self, device: Device, dt: float) -> None:
        """Play through a play queue: the position moves, the next item starts when one ends."""
        queue = device.get("queue")
        if device.get("playback") != "playing" or not queue:
            return
        index = int(device.get("track")) - 1
        if not 0 <= index < len(queue):
            return
        position = float(device.get("media_position")) + dt
        changes: dict[str, Any] = {}
        # Items are at least a second long (play_media checks), so a 5 s slice crosses few.
        while position >= float(queue[index]["duration"]):
            position -= float(queue[index]["duration"])
            repeat = device.get("repeat")
            if repeat == "one":
                continue
            if index + 1 < len(queue):
                index += 1
            elif repeat == "all":
                index = 0
            else:
                changes.update(playback="stopped")
                position = 0.0
                break
            changes.update(queue_item(device, index))
        changes["media_position"] = round(position, 3)
        self._write(device, changes)

    def _go_home(self, device: Device) -> None:
        self._write(
            device, {"cleaning_state": "returning", "cleaning_queue": [], "room_progress": 0.0}
        )

    def _fridge(self, device: Device, dt: float, rng: random.Random) -> None:
        self._door(device, dt, rng, per_hour=FRIDGE_OPENINGS_PER_HOUR)
        key = (device.id, "current_temperature")
        temp = self._current(key, device, "current_temperature")
        target = float(device.get("target_temperature"))
        action = str(device.get("hvac_action"))
        if temp > target + 0.5:
            action = "cooling"
        elif temp <= target:
            action = "idle"
        temp += FRIDGE_WARM_RATE * dt
        if device.get("contact") == "open":
            temp += FRIDGE_OPEN_RATE * dt
        if action == "cooling":
            temp -= FRIDGE_COOL_RATE * dt
        temp = max(-30.0, min(30.0, temp))
        self._precise[key] = temp
        changes: dict[str, Any] = {}
        if action != device.get("hvac_action"):
            changes["hvac_action"] = action
        if _shown("current_temperature", temp) != device.get("current_temperature"):
            changes["current_temperature"] = _shown("current_temperature", temp)
        self._write(device, changes)

    def _door(
        self,
        device: Device,
        dt: float,
        rng: random.Random,
        per_hour: float = DOOR_OPENINGS_PER_HOUR,
    ) -> None:
        key = (device.id, "contact")
        if key in self._timers:
            self._timers[key] -= dt
            if self._timers[key] <= 0:
                del self._timers[key]
                if device.get("contact") == "open":
                    self._write(device, {"contact": "closed"})
            return
        if device.get("contact") == "closed" and _chance(rng, per_hour, dt):
            self._timers[key] = rng.uniform(5.0, 40.0)
            self._write(device, {"contact": "open"})
            # Whoever opened the door walks past the motion sensors of that room.
            for other in self._home.find(group="motion_sensors", room=device.room):
                if other.online:
                    self._see_motion(other, rng)

    def _motion(self, device: Device, dt: float, rng: random.Random) -> None:
        key = (device.id, "motion")
        if key in self._timers:
            self._timers[key] -= dt
            if self._timers[key] <= 0:
                del self._timers[key]
                if device.get("motion"):
                    self._write(device, {"motion": False})
            return
        if _chance(rng, MOTION_PER_HOUR, dt):
            self._see_motion(device, rng)

    def _see_motion(self, device: Device, rng: random.Random) -> None:
        self._timers[(device.id, "motion")] = rng.uniform(30.0, 90.0)
        if not device.get("motion"):
            self._write(device, {"motion": True})
