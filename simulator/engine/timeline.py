"""The timeline: moving virtual time on, simulating the home meanwhile, firing what falls due.

Device simulation runs in steps of at most 5 s between scheduled items, so everything happens in
order of virtual time: a timer that fires at 10:05 sees the room as it was at 10:05.
"""

from __future__ import annotations

import random
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from simulator.clock import Clock, ScheduledItem
from simulator.models import Turn

if TYPE_CHECKING:
    from simulator.devices import Home

__all__ = ["SIMULATION_STEP", "Timeline"]

SIMULATION_STEP = timedelta(seconds=5)
"""The longest step of device simulation."""


class Timeline:
    """Advances a `Clock`, simulating a `Home` (if any) on the way."""

    def __init__(self, clock: Clock, home: Home | None, rng: random.Random) -> None:
        """``rng`` drives the simulation's randomness (seeded by ``--seed``)."""
        self.clock = clock
        self.home = home
        self.rng = rng

    async def advance(
        self,
        delta: timedelta,
        fire: Callable[[ScheduledItem], Awaitable[Turn]],
        emit: Callable[[Turn], None],
    ) -> list[Turn]:
        """Move the clock on by ``delta``; ``fire`` each item that falls due, in order.

        Each fired item's turn is handed to ``emit`` as it fires (so listeners hear it in order
        with the device events around it, not after the whole advance) and returned.
        """
        turns: list[Turn] = []
        target = self.clock.now() + max(delta, timedelta(0))
        while True:
            due = self.clock.next_due()
            stop = due if due is not None and due <= target else target
            self.simulate_until(stop)
            item = self.clock.pop_due(target)
            if item is None:
                break
            turn = await fire(item)
            turns.append(turn)
            emit(turn)
        self.clock.set_now(target)
        return turns

    def simulate_until(self, stop: datetime) -> None:
        """Simulate the home up to ``stop`` and move the clock there."""
        if self.home is None:
            self.clock.set_now(stop)
            return
        while self.clock.now() < stop:
            step = min(SIMULATION_STEP, stop - self.clock.now())
            self.home.simulate(self.clock.now(), step.total_seconds(), self.rng)
            self.clock.set_now(self.clock.now() + step)
