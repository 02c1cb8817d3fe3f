"""Open boards apply another user's move from the feed: the patched board equals a freshly loaded one.

Random moves (open, won and lost stages, several currencies, one without exchange rate, columns longer
than a page) for a director, a director narrowed by a tag, a rep narrowed by owner and a rep limited
to his own and followed deals, with the amount hidden from reps.
"""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from rxcrm.db.models import ExchangeRate, Follower, Opportunity, User
from rxcrm.db.session import unit_of_work
from rxcrm.db.types import utcnow
from rxcrm.services.people.access import visible
from rxcrm.services.people.field_visibility import limit_field
from rxcrm.services.pipeline import board_moves
from rxcrm.services.pipeline.moves import move_opportunity
from rxcrm.services.pipeline.opportunities import update_opportunity
from rxcrm.services.pipeline.stages import list_stages
from rxcrm.services.records.events import TOUCHED
from rxcrm.ui.live import board_feed
from rxcrm.ui.pipeline.board_state import MAX_COLUMNS, BoardState
from tests.conftest import make_opportunity, make_user
from tests.ui_units.test_board_state import _board, _run, _token

TAGS = (["hot"], ["cold"], ["hot", "cold"], [])


@pytest.fixture
def paths(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """How each board caught up: 'applied' the move, or 'reloaded' the touched columns."""
    taken: list[str] = []
    apply_moves, refresh = BoardState._apply_moves, BoardState._refresh

    def applying(self: BoardState, *args: Any) -> bool:
        done = apply_moves(self, *args)
        taken.append("applied" if done else "refused")
        return done

    def refreshing(self: BoardState, session: Session, user: User, stage_ids: Any) -> None:
        if stage_ids is not None:
            taken.append("reloaded")
        refresh(self, session, user, stage_ids)

    monkeypatch.setattr(BoardState, "_apply_moves", applying)
    monkeypatch.setattr(BoardState, "_refresh", refreshing)
    return taken


def _move(user_id: int, deal_id: int, stage_id: int, reason: str | None = None) -> dict[str, Any]:
    """Move a deal as the mover does, committed; returns what the live feed publishes for it."""
    with unit_of_work() as session:
        move_opportunity(session, session.get(User, user_id), deal_id, stage_id, reason)
        session.flush()
        touched = {topic: frozenset(keys) for topic, keys in session.info[TOUCHED].items()}
    return board_feed(touched)


def _edit(user_id: int, deal_id: int, values: dict[str, Any]) -> dict[str, Any]:
    with unit_of_work() as session:
        update_opportunity(session, session.get(User, user_id), deal_id, values)
        session.flush()
        touched = {topic: frozenset(keys) for topic, keys in session.info[TOUCHED].items()}
    return board_feed(touched)


def _opened(token: str, filters: dict[str, str]) -> BoardState:
    board = _board(token)
    for name, value in filters.items():
        setattr(board, name, value)
    _run(board, BoardState.load)
    return board


def _assert_same_as_a_fresh_board(board: BoardState, filters: dict[str, str]) -> None:
    fresh = _opened(board.token, filters)
    for slot in range(len(board._slots)):
        mine = getattr(board, f"cards_{slot}")
        while fresh._loaded[slot] < len(mine) and fresh.columns[slot]["more"]:
            _run(fresh, BoardState.load_more, slot)
        assert mine == getattr(fresh, f"cards_{slot}")[: len(mine)], f"column {slot}"
        assert {**board.columns[slot], "more": None} == {**fresh.columns[slot], "more": None}
        assert board.columns[slot]["more"] == (len(mine) < int(fresh.columns[slot]["count"]))
    assert len(board._slots) <= MAX_COLUMNS


def _visible_ids(session: Session, user: User) -> set[str]:
    return {str(i) for i in session.exec(visible(select(Opportunity.id), Opportunity, user)).all()}


@pytest.fixture
def crowd(app_database: Engine, session: Session, admin: User, rep: User) -> dict[str, Any]:
    """Deals in four columns (some longer than a page) and four viewers with different views."""
    rng = random.Random(12)
    director = make_user(session, role="director")
    narrow = make_user(session, role="director")
    limited = make_user(session, access_level="limited_opportunities")
    session.add(ExchangeRate(currency="USD", rate=Decimal("0.923457")))
    limit_field(session, admin, "opportunity", "amount", ["admin", "director"])
    stages = [s for s in list_stages(session) if s.kind == "open"][:3]
    now = utcnow()
    for n in range(75):
        deal = make_opportunity(
            session,
            rng.choice([rep, limited, director]),
            stage_id=rng.choice(stages).id,
            amount=Decimal(rng.randrange(100, 99999)) / 100,
            currency=rng.choice(["EUR", "EUR", "USD", "GBP"]),
            tags=rng.choice(TAGS),
            updated_at=now - timedelta(minutes=n * 7 + rng.randrange(5)),
        )
        if rng.random() < 0.2:
            session.add(Follower(entity="opportunity", entity_id=deal.id, user_id=limited.id))
    session.commit()
    views = [
        (director, {}),
        (narrow, {"tag_filter": "hot"}),
        (rep, {"owner_filter": str(limited.id)}),
        (limited, {}),
    ]
    return {"mover": admin, "limited": limited, "views": views, "session": session}


def test_random_moves_applied_by_every_board_equal_a_fresh_board(
    crowd: dict[str, Any], paths: list[str]
) -> None:
    session, limited = crowd["session"], crowd["limited"]
    boards = [(_opened(_token(session, user), filters), filters) for user, filters in crowd["views"]]
    stages = list_stages(session)
    targets = [s for s in stages if s.kind == "open"][:4] + [s for s in stages if s.kind != "open"]
    deals = list(session.exec(select(Opportunity.id)).all())
    rng = random.Random(3)
    for revision in range(1, 31):
        deal = session.get(Opportunity, rng.choice(deals))
        session.refresh(deal)
        target = rng.choice([s for s in targets if s.id != deal.stage_id])
        feed = _move(
            crowd["mover"].id, deal.id, target.id, "lost to a rival" if target.kind == "lost" else None
        )
        assert feed["moves"] == [[deal.id, deal.stage_id, target.id, feed["moves"][0][3]]]
        for board, filters in boards:
            _run(board, BoardState.sync, revision, feed["stages"], feed["moves"])
            _assert_same_as_a_fresh_board(board, filters)
    assert paths.count("refused") == 0 and paths.count("applied") >= 30
    limited_board = boards[3][0]
    shown = {c["id"] for slot in range(MAX_COLUMNS) for c in getattr(limited_board, f"cards_{slot}")}
    assert shown and shown <= _visible_ids(session, limited)
    assert all(
        "amount" not in c for slot in range(MAX_COLUMNS) for c in getattr(limited_board, f"cards_{slot}")
    )
    assert {c["amount"] for c in limited_board.columns} == {""}
    assert any(c["amount"] for c in boards[0][0].columns)


def test_a_deal_edited_again_before_the_boards_caught_up_is_reloaded_not_patched(
    crowd: dict[str, Any], paths: list[str]
) -> None:
    session = crowd["session"]
    director, filters = crowd["views"][0]
    board = _opened(_token(session, director), filters)
    deal_id = int(board.cards_0[0]["id"])
    moved = _move(crowd["mover"].id, deal_id, board._slots[1])
    edited = _edit(crowd["mover"].id, deal_id, {"amount": "123456.78"})
    assert edited["moves"] == [] and moved["moves"]
    _run(board, BoardState.sync, 1, moved["stages"], moved["moves"])
    assert paths[-2:] == ["refused", "reloaded"]
    _run(board, BoardState.sync, 2, edited["stages"], edited["moves"])
    _assert_same_as_a_fresh_board(board, filters)


def test_a_board_whose_access_changed_unannounced_reloads_instead_of_patching(
    crowd: dict[str, Any], paths: list[str], rep: User
) -> None:
    session, limited = crowd["session"], crowd["limited"]
    stages = [s for s in list_stages(session) if s.kind == "open"]
    small = make_user(session, access_level="limited_opportunities")
    own = make_opportunity(session, small, stage_id=stages[0].id, amount=Decimal("10.00"))
    other = make_opportunity(session, rep, stage_id=stages[0].id, amount=Decimal("99.00"))
    session.commit()
    board = _opened(_token(session, small), {})
    assert [c["id"] for c in board.cards_0] == [str(own.id)]
    session.add(Follower(entity="opportunity", entity_id=other.id, user_id=small.id))  # no feed for this
    session.commit()
    feed = _move(crowd["mover"].id, other.id, stages[1].id)
    _run(board, BoardState.sync, 1, feed["stages"], feed["moves"])
    assert paths[-2:] == ["refused", "reloaded"]
    assert [c["id"] for c in board.cards_1] == [str(other.id)] and board.columns[0]["count"] == "1"
    assert limited.id != small.id


def test_a_moved_deal_the_viewer_may_not_see_changes_nothing_on_his_board(
    crowd: dict[str, Any], paths: list[str], rep: User
) -> None:
    session, limited = crowd["session"], crowd["limited"]
    board = _opened(_token(session, limited), {})
    before = (board.columns, [list(getattr(board, f"cards_{i}")) for i in range(MAX_COLUMNS)])
    hidden = session.exec(
        select(Opportunity).where(Opportunity.id.not_in([int(i) for i in _visible_ids(session, limited)]))
    ).first()
    target = next(s for s in list_stages(session) if s.kind == "open" and s.id != hidden.stage_id)
    feed = _move(crowd["mover"].id, hidden.id, target.id)
    _run(board, BoardState.sync, 1, feed["stages"], feed["moves"])
    assert paths[-1] == "applied"
    assert (board.columns, [list(getattr(board, f"cards_{i}")) for i in range(MAX_COLUMNS)]) == before


def test_boards_with_the_same_view_share_one_visibility_question(
    crowd: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    session = crowd["session"]
    directors = [make_user(session, role="director") for _ in range(5)]
    session.commit()
    boards = [_opened(_token(session, user), {}) for user in directors]
    asked: list[str] = []
    shared = board_moves._shared
    monkeypatch.setattr(
        board_moves, "_shared", lambda key, compute: shared(key, lambda: asked.append(key[0]) or compute())
    )
    deal_id = int(boards[0].cards_0[0]["id"])
    feed = _move(crowd["mover"].id, deal_id, boards[0]._slots[1])
    for board in boards:
        _run(board, BoardState.sync, 1, feed["stages"], feed["moves"])
        assert board.cards_1[0]["id"] == str(deal_id)
    assert asked.count("deal") == asked.count("sees") == asked.count("card") == 1
