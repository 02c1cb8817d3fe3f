"""Live dashboards: which commits bump the feed, and at most one bump a second however busy intake is."""

from __future__ import annotations

import asyncio
import heapq
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from itertools import count

import pytest

from rxcrm.ui import live
from rxcrm.ui.debounce import Debouncer


class HandClock:
    """A clock the test moves forward: timers fire in order as it passes their moment, never by sleeping."""

    def __init__(self) -> None:
        self.now = 0.0
        self.timers: list[tuple[float, int, Callable[[], None]]] = []
        self._order = count()

    def time(self) -> float:
        """The moment the test has moved the clock to."""
        return self.now

    def call_later(self, delay: float, callback: Callable[[], None]) -> None:
        """A timer due `delay` seconds from now."""
        heapq.heappush(self.timers, (self.now + delay, next(self._order), callback))

    def advance_to(self, moment: float) -> None:
        """Move to `moment`, firing every timer due by then at its own moment."""
        while self.timers and self.timers[0][0] <= moment:
            self.now, _, callback = heapq.heappop(self.timers)
            callback()
        self.now = max(self.now, moment)


def _bursts(interval: float, pokes_at: list[float], until: float) -> list[float]:
    """Poke a debouncer at the given moments (timers due before a poke fire first); when its action ran."""
    clock, runs = HandClock(), []
    debouncer = Debouncer(interval, lambda: runs.append(clock.time()), clock)
    for moment in pokes_at:
        clock.advance_to(moment)
        debouncer.poke()
    clock.advance_to(until)
    return runs


def test_a_lone_change_reaches_the_dashboards_at_once() -> None:
    assert _bursts(1.0, [0.0], 5.0) == [0.0]


def test_a_burst_of_changes_gives_one_bump_now_and_one_when_the_interval_is_over() -> None:
    assert _bursts(1.0, [0.0] * 200, 5.0) == [0.0, 1.0]  # 200 commits in the same instant


def test_steady_changes_never_bump_more_often_than_the_interval() -> None:
    runs = _bursts(0.25, [i / 16 for i in range(60)], 10.0)  # a poke every 62.5 ms for 3.6875 s
    assert runs == [i * 0.25 for i in range(16)]  # the last poke (3.6875 s) is folded into the 3.75 s run


def test_a_change_after_a_quiet_spell_goes_out_at_once() -> None:
    assert _bursts(1.0, [0.0, 0.5, 3.0], 10.0) == [0.0, 1.0, 3.0]


def test_the_default_clock_is_the_event_loop_s() -> None:
    """Without a clock given, the debouncer runs on the loop: a lone poke runs at once, the next waits."""

    async def scenario() -> tuple[int, bool]:
        ran, runs = asyncio.Event(), []
        debouncer = Debouncer(3600.0, lambda: (runs.append(1), ran.set()))
        debouncer.poke()
        await asyncio.wait_for(ran.wait(), timeout=30)  # a positive signal, not a sleep
        debouncer.poke()  # within the hour: held back as a trailing run
        await asyncio.sleep(0)  # one turn of the loop: a due timer would fire now
        return len(runs), debouncer.pending

    # A thread of its own: after the browser tests, Playwright's loop still runs in the main thread.
    with ThreadPoolExecutor(1) as pool:
        assert pool.submit(asyncio.run, scenario()).result() == (1, True)


@pytest.fixture
def pokes(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Commits handed to the dashboards' after-touch handler, seen as debouncer pokes."""
    seen: list[str] = []

    class Loop:
        def is_closed(self) -> bool:
            return False

        def call_soon_threadsafe(self, callback) -> None:  # noqa: ANN001
            seen.append(callback.__name__)

    monkeypatch.setitem(live._runtime, "loop", Loop())
    yield seen


@pytest.mark.parametrize("topic", ["board", "leads", "targets", "activities", "invoices"])
def test_deals_leads_targets_activities_and_invoices_refresh_the_dashboards(
    pokes: list[str], topic: str
) -> None:
    live.push_dashboard_changes({topic: frozenset({1})})
    assert pokes == ["poke"]


def test_changes_no_dashboard_counts_leave_them_alone(pokes: list[str]) -> None:
    live.push_dashboard_changes({"accounts": frozenset({1})})
    assert pokes == []
