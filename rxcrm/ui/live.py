"""Live refresh: committed changes bump a small shared feed that every open board is linked to.

The feed carries only a revision number and the ids of the touched stage columns, never record
data: each viewer then reloads those columns through his/her own access filter. The feed is an
`rx.SharedState`, so with Redis the bump reaches boards served by any backend worker.
"""

from __future__ import annotations

import asyncio
import logging

import reflex as rx

from rxcrm.domain.board import BOARD_TOPIC
from rxcrm.services.events import after_touch

FEED_TOKEN = "pipeline-board"
logger = logging.getLogger(__name__)
_runtime: dict[str, object] = {}


class BoardFeed(rx.SharedState):
    """What changed on the boards lately: a revision counter and the touched stage columns."""

    revision: int = 0
    stages: list[int] = []

    @rx.event
    async def join(self):
        """Link this browser to the boards' feed."""
        await self._link_to(FEED_TOKEN)


async def _bump(stage_ids: frozenset) -> None:
    app = _runtime["app"]
    token = rx.BaseStateToken(ident=FEED_TOKEN, cls=BoardFeed)
    # Like `app.modify_state`, minus sending a delta to the feed's own token (no browser has it):
    # `_clean` records what changed, and leaving the context fans it out to every linked board.
    with app.set_contexts():
        async with app.state_manager.modify_state_with_links(token) as root:
            feed = await root.get_state(BoardFeed)
            feed.revision += 1
            feed.stages = sorted(int(s) for s in stage_ids)
            root._clean()


def _log_failure(future) -> None:  # noqa: ANN001
    if not future.cancelled() and future.exception() is not None:
        logger.warning("live board refresh failed: %s", future.exception())


@after_touch
def push_board_changes(touched: dict[str, frozenset]) -> None:
    """After a commit that touched board columns, tell every open board (from any thread)."""
    stage_ids = touched.get(BOARD_TOPIC)
    loop = _runtime.get("loop")
    if not stage_ids or loop is None or loop.is_closed():
        return
    asyncio.run_coroutine_threadsafe(_bump(stage_ids), loop).add_done_callback(_log_failure)


async def _remember_loop() -> None:
    _runtime["loop"] = asyncio.get_running_loop()


def install(app: rx.App) -> None:
    """Connect the change feed to this app's event loop once the backend starts."""
    _runtime["app"] = app
    app.register_lifespan_task(_remember_loop)
