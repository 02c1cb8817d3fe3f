"""Live dashboards: which commits bump the feed, and at most one bump a second however busy intake is."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

from rxcrm.ui import live


def _bursts(interval: float, pokes_at: list[float], wait: float) -> list[float]:
    """Poke a debouncer at the given moments; the moments (from start) its action ran."""

    async def scenario() -> list[float]:
        loop = asyncio.get_running_loop()
        start, runs = loop.time(), []

        async def action() -> None:
            runs.append(loop.time() - start)

        debouncer = live.Debouncer(interval, action)
        for moment in pokes_at:
            await asyncio.sleep(max(0.0, start + moment - loop.time()))
            debouncer.poke()
        await asyncio.sleep(max(0.0, start + wait - loop.time()))
        return runs

    # A thread of its own: after the browser tests, Playwright's loop still runs in the main thread.
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, scenario()).result()


def test_a_lone_change_reaches_the_dashboards_at_once() -> None:
    runs = _bursts(0.2, [0.0], 0.5)
    assert len(runs) == 1 and runs[0] < 0.15  # at once: well inside the interval, even on a busy machine


def test_a_burst_of_changes_gives_one_bump_now_and_one_when_the_interval_is_over() -> None:
    runs = _bursts(0.2, [0.0] * 200, 0.6)  # 200 commits in the same instant
    assert len(runs) == 2
    assert runs[0] < 0.15
    assert 0.19 <= runs[1] - runs[0] < 0.5


def test_steady_changes_never_bump_more_often_than_the_interval() -> None:
    runs = _bursts(0.1, [i * 0.01 for i in range(60)], 0.8)
    gaps = [b - a for a, b in zip(runs, runs[1:], strict=False)]
    assert 2 <= len(runs) <= 9  # how many depends on how punctual the pokes were; never denser than:
    assert min(gaps) >= 0.095


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


@pytest.mark.parametrize("topic", ["board", "leads", "targets", "activities"])
def test_deals_leads_targets_and_activities_refresh_the_dashboards(pokes: list[str], topic: str) -> None:
    live.push_dashboard_changes({topic: frozenset({1})})
    assert pokes == ["poke"]


def test_changes_no_dashboard_counts_leave_them_alone(pokes: list[str]) -> None:
    live.push_dashboard_changes({"accounts": frozenset({1})})
    assert pokes == []
