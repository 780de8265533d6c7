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

__all__ = ["SETTLE", "SIMULATION_STEP", "Timeline"]

SIMULATION_STEP = timedelta(seconds=5)
"""The longest step of device simulation."""
SETTLE = timedelta(hours=1)
"""How long the home is simulated in detail before and after a skipped quiet stretch."""


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
        fire: Callable[[ScheduledItem], Awaitable[Turn | None]],
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
            if turn is None:
                continue  # not ours to fire (another process did)
            turns.append(turn)
            emit(turn)
        self.clock.set_now(target)
        return turns

    def simulate_until(self, stop: datetime) -> None:
        """Simulate the home up to ``stop`` and move the clock there.

        A long quiet stretch (nothing due for more than two `SETTLE` periods) is not simulated
        slice by slice: the home is simulated for one `SETTLE` period (moving curtains stop,
        vacuums dock, rooms reach their targets), the middle is skipped in one step (slow
        quantities relax in closed form, see ``Home.skip``), and the last `SETTLE` period is
        simulated again. So advancing costs grows with the number of due items, not with the
        virtual time: ``:advance 1y`` takes about as long as ``:advance 2h``.
        """
        if self.home is None:
            self.clock.set_now(stop)
            return
        if stop - self.clock.now() > 2 * SETTLE:
            self._step_until(self.clock.now() + SETTLE)
            resume = stop - SETTLE
            self.home.skip(self.clock.now(), (resume - self.clock.now()).total_seconds())
            self.clock.set_now(resume)
        self._step_until(stop)

    def _step_until(self, stop: datetime) -> None:
        assert self.home is not None
        while self.clock.now() < stop:
            step = min(SIMULATION_STEP, stop - self.clock.now())
            self.home.simulate(self.clock.now(), step.total_seconds(), self.rng)
            self.clock.set_now(self.clock.now() + step)
