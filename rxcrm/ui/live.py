"""Live refresh: committed changes bump small shared feeds that every open board and dashboard links to.

A feed carries only a revision number (and, for boards, the ids of the touched stage columns and of
the deals a plain move moved, with the deals' version stamps), never record data: every browser is
linked to it. Each viewer then applies the move or reloads what it shows through his/her own access
filter. Feeds are `rx.SharedState`s, so with Redis a bump reaches viewers served by any backend worker.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import reflex as rx

from rxcrm.domain.pipeline.board import BOARD_TOPIC, MOVES_TOPIC, feed_moves
from rxcrm.services.commerce.invoices import TOPIC as INVOICES_TOPIC
from rxcrm.services.dashboards.targets import TOPIC as TARGETS_TOPIC
from rxcrm.services.leads.intake import TOPIC as LEADS_TOPIC
from rxcrm.services.records.activities import TOPIC as ACTIVITIES_TOPIC
from rxcrm.ui.debounce import Debouncer

FEED_TOKEN = "pipeline-board"
DASHBOARD_TOKEN = "dashboards"
# What changes a dashboard's numbers: deals (the board topic), leads, targets, sales activities, invoices.
DASHBOARD_TOPICS = frozenset({BOARD_TOPIC, LEADS_TOPIC, TARGETS_TOPIC, ACTIVITIES_TOPIC, INVOICES_TOPIC})
# Every open dashboard recomputes its widgets on a bump: at most one a second, however busy intake is.
DASHBOARD_INTERVAL_S = 1.0
logger = logging.getLogger(__name__)
_runtime: dict[str, Any] = {}


class BoardFeed(rx.SharedState):
    """What changed on the boards lately: a revision counter, the touched stage columns, plain moves.

    `moves` holds [deal id, from stage, to stage, version stamp] per moved deal when moving deals is
    all the change did, else nothing. Ids only: every browser receives this state.
    """

    revision: int = 0
    stages: list[int] = []
    moves: list[list[int]] = []

    @rx.event
    async def join(self):
        """Link this browser to the boards' feed."""
        await self._link_to(FEED_TOKEN)


class DashboardFeed(rx.SharedState):
    """A revision counter bumped when data behind the dashboards changed."""

    revision: int = 0

    @rx.event
    async def join(self):
        """Link this browser to the dashboards' feed."""
        await self._link_to(DASHBOARD_TOKEN)


async def _bump(token: str, cls: type[rx.SharedState], **values: Any) -> None:
    app = _runtime["app"]
    state_token = rx.BaseStateToken(ident=token, cls=cls)
    # Like `app.modify_state`, minus sending a delta to the feed's own token (no browser has it):
    # `_clean` records what changed, and leaving the context fans it out to every linked viewer.
    with app.set_contexts():
        async with app.state_manager.modify_state_with_links(state_token) as root:
            feed = await root.get_state(cls)
            feed.revision += 1
            for name, value in values.items():
                setattr(feed, name, value)
            root._clean()


def _log_failure(future) -> None:  # noqa: ANN001
    if not future.cancelled() and future.exception() is not None:
        logger.warning("live refresh failed: %s", future.exception())


async def _bump_dashboards() -> None:
    await _bump(DASHBOARD_TOKEN, DashboardFeed)


def _start_dashboard_bump() -> None:
    asyncio.ensure_future(_bump_dashboards()).add_done_callback(_log_failure)


_dashboard_bumps = Debouncer(DASHBOARD_INTERVAL_S, _start_dashboard_bump)


def _loop() -> asyncio.AbstractEventLoop | None:
    loop = _runtime.get("loop")
    return None if loop is None or loop.is_closed() else loop


def board_feed(touched: dict[str, frozenset]) -> dict[str, Any] | None:
    """What the boards' feed carries after a commit (besides the revision); None if no board changed."""
    stage_ids = touched.get(BOARD_TOPIC)
    if not stage_ids:
        return None
    moves = feed_moves(touched.get(MOVES_TOPIC, ()), stage_ids)
    return {"stages": sorted(int(s) for s in stage_ids), "moves": [m.as_feed() for m in moves]}


def push_board_changes(touched: dict[str, frozenset]) -> None:
    """After a commit that touched board columns, tell every open board (from any thread)."""
    values, loop = board_feed(touched), _loop()
    if values is None or loop is None:
        return
    bump = _bump(FEED_TOKEN, BoardFeed, **values)
    asyncio.run_coroutine_threadsafe(bump, loop).add_done_callback(_log_failure)


def push_dashboard_changes(touched: dict[str, frozenset]) -> None:
    """After a commit that changed dashboard figures, tell every open dashboard (debounced)."""
    loop = _loop()
    if loop is not None and DASHBOARD_TOPICS & touched.keys():
        loop.call_soon_threadsafe(_dashboard_bumps.poke)


async def _remember_loop() -> None:
    _runtime["loop"] = asyncio.get_running_loop()


FEEDS = (push_board_changes, push_dashboard_changes)


def install(app: rx.App) -> None:
    """Connect the change feeds to this app's event loop once the backend starts."""
    _runtime["app"] = app
    app.register_lifespan_task(_remember_loop)
