"""The board's state handlers on a real database: loading, moving, live sync, layout changes."""

from __future__ import annotations

import asyncio
import inspect
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.db.types import utcnow
from rxcrm.domain.pipeline.board import WHOLE_BOARD
from rxcrm.services.people.field_visibility import limit_field
from rxcrm.services.pipeline.stages import list_stages, update_stage
from rxcrm.ui.pipeline.board_state import BoardState
from tests.conftest import make_opportunity, make_user
from tests.ui_units.logged_in import fresh_state, live_token


def _token(session: Session, user: User) -> str:
    return live_token(session, user, f"board-test-{user.id}")


def _board(token: str) -> BoardState:
    return fresh_state(BoardState, token)


def _run(board: BoardState, handler: Any, *args: Any) -> Any:
    """Call a handler; an async one runs on an event loop of its own (browser tests may hold this one)."""
    result = handler.fn(board, *args)
    if not inspect.iscoroutine(result):
        return result
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, result).result()


def _ids(cards: list[dict[str, Any]]) -> list[str]:
    return [c["id"] for c in cards]


def test_a_move_shows_at_once_for_the_mover_and_on_sync_for_another_viewer(
    app_database: Engine, session: Session, rep
) -> None:
    first, second = list_stages(session)[:2]
    deal = make_opportunity(session, rep, name="Sync Deal", amount="100.00")
    colleague = make_user(session, role="director")
    mover, viewer = _board(_token(session, rep)), _board(_token(session, colleague))
    _run(mover, BoardState.load)
    _run(viewer, BoardState.load)
    assert _ids(mover.cards_0) == [str(deal.id)] and mover.columns[0]["count"] == "1"

    _run(mover, BoardState.drop, str(deal.id), str(second.id))
    assert (_ids(mover.cards_0), _ids(mover.cards_1)) == ([], [str(deal.id)])
    assert (mover.columns[0]["count"], mover.columns[1]["amount"]) == ("0", "100.00 EUR")
    assert _ids(viewer.cards_1) == []  # not yet told

    _run(viewer, BoardState.sync, 1, [first.id, second.id])
    assert (_ids(viewer.cards_0), _ids(viewer.cards_1)) == ([], [str(deal.id)])
    mover.cards_1 = []  # had the mover reloaded, this would be refilled
    _run(mover, BoardState.sync, 1, [first.id, second.id])
    assert mover.cards_1 == []  # its own move comes back as an echo and is skipped


def test_a_missed_revision_or_a_changed_layout_rebuilds_the_board(
    app_database: Engine, session: Session, admin, rep
) -> None:
    stages = list_stages(session)
    make_opportunity(session, rep, name="Layout Deal")
    board = _board(_token(session, rep))
    _run(board, BoardState.load)
    assert len(board.columns) == len(stages)

    update_stage(session, admin, stages[2].id, {"on_board": False})
    session.commit()
    _run(board, BoardState.sync, 1, [WHOLE_BOARD])
    assert [c["name"] for c in board.columns] == [s.name for s in stages if s.id != stages[2].id]

    update_stage(session, admin, stages[2].id, {"on_board": True})
    session.commit()
    _run(board, BoardState.sync, 3, [stages[0].id])  # revision 2 was missed
    assert len(board.columns) == len(stages) and board.cards_6 == []


def test_a_limited_viewer_syncs_only_what_he_may_see(app_database: Engine, session: Session, rep) -> None:
    first, second = list_stages(session)[:2]
    limited = make_user(session, access_level="limited_opportunities")
    own = make_opportunity(session, limited, name="Own Deal", amount="10.00")
    other = make_opportunity(session, rep, name="Other Deal", amount="99.00")
    viewer = _board(_token(session, limited))
    _run(viewer, BoardState.load)
    for deal in (own, other):
        deal.stage_id = second.id
        session.add(deal)
    session.commit()
    _run(viewer, BoardState.sync, 1, [first.id, second.id])
    assert _ids(viewer.cards_1) == [str(own.id)]
    assert (viewer.columns[1]["count"], viewer.columns[1]["amount"]) == ("1", "10.00 EUR")


def test_column_sums_are_left_out_for_a_user_the_amount_is_hidden_from(
    app_database: Engine, session: Session, admin, rep
) -> None:
    make_opportunity(session, rep, name="Secret Amount", amount="12345.00")
    limit_field(session, admin, "opportunity", "amount", ["admin"])
    session.commit()
    board = _board(_token(session, rep))
    _run(board, BoardState.load)
    assert (board.columns[0]["count"], board.columns[0]["amount"]) == ("1", "")
    assert "amount" not in board.cards_0[0]


def test_a_saved_board_view_keeps_its_tag(app_database: Engine, session: Session, rep) -> None:
    make_opportunity(session, rep, name="Tagged", tags=["renewal"])
    make_opportunity(session, rep, name="Untagged")
    board = _board(_token(session, rep))
    _run(board, BoardState.load)
    board.tag_filter = "renewal"
    _run(board, BoardState.load)
    assert [c["name"] for c in board.cards_0] == ["Tagged"]
    _run(board, BoardState.save_current_view, {"view_name": "Renewals"})
    board.tag_filter = ""
    _run(board, BoardState.apply_saved_filter, board.saved_filter_id)
    assert board.tag_filter == "renewal"


def test_a_search_narrows_the_columns_in_place_and_won_lost_are_drop_zones(
    app_database: Engine, session: Session, rep
) -> None:
    make_opportunity(session, rep, name="Solar roof", close_date=utcnow().date() - timedelta(days=3))
    make_opportunity(session, rep, name="Wind farm")
    session.commit()
    board = _board(_token(session, rep))
    _run(board, BoardState.load)
    assert [z["kind"] for z in board.drop_zones] == ["won", "lost"]
    assert _run(board, BoardState.set_board_filter, "q", "solar") is None  # no full reload event
    assert [(c["name"], c.get("overdue")) for c in board.cards_0] == [("Solar roof", True)]
    _run(board, BoardState.set_board_filter, "q", "")
    assert sorted(c["name"] for c in board.cards_0) == ["Solar roof", "Wind farm"]
    assert "overdue" not in next(c for c in board.cards_0 if c["name"] == "Wind farm")
