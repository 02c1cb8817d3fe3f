"""A debouncer on an injectable clock: the event loop's in the app, a hand-driven one in tests."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Protocol


class Clock(Protocol):
    """What the debouncer needs of time: the current moment and a timer."""

    def time(self) -> float:
        """The current moment in seconds (any fixed origin)."""
        ...

    def call_later(self, delay: float, callback: Callable[[], None]) -> object:
        """Run `callback` once `delay` seconds have passed."""
        ...


class LoopClock:
    """The running asyncio event loop's clock and timers (call from that loop)."""

    def time(self) -> float:
        """The loop's monotonic time."""
        return asyncio.get_running_loop().time()

    def call_later(self, delay: float, callback: Callable[[], None]) -> object:
        """A timer on the running loop."""
        return asyncio.get_running_loop().call_later(delay, callback)


class Debouncer:
    """Runs an action at most once per interval; calls in between fold into one trailing run.

    With the default clock, `poke` must be called on the event loop that runs the action.
    """

    def __init__(self, interval: float, action: Callable[[], None], clock: Clock | None = None) -> None:
        self.interval, self.action = interval, action
        self.clock: Clock = clock or LoopClock()
        self.last = float("-inf")
        self.pending = False

    def poke(self) -> None:
        """Ask for a run: now if the last one is an interval old, else once the interval is over."""
        if self.pending:
            return
        self.pending = True
        self.clock.call_later(max(0.0, self.last + self.interval - self.clock.time()), self._fire)

    def _fire(self) -> None:
        self.pending = False
        self.last = self.clock.time()
        self.action()
