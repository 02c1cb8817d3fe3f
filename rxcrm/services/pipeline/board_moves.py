"""Open boards applying another user's move: the deal read once per move, the answers shared per view.

One worker syncs every board linked to the live feed, one after another. Boards with the same view
(access, field visibility, filters) get the same answers, so they are kept here, in-process and
bounded, keyed by the feed revision and the move (whose stamp is the deal's version). Nothing here
is sent anywhere: the board's state decides what reaches its browser.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from types import SimpleNamespace
from typing import Any, TypeVar

from sqlalchemy import bindparam
from sqlmodel import Session, select

from rxcrm.db.models import ExchangeRate, FieldVisibility, Opportunity, User
from rxcrm.db.session import unit_cached
from rxcrm.domain.pipeline.board import BoardMove, board_value, card_sort_key, move_stamp, parse_card_fields
from rxcrm.services.people.access import sees_everything
from rxcrm.services.people.field_visibility import ENTITY as RULES
from rxcrm.services.people.field_visibility import hidden_fields
from rxcrm.services.people.time_zones import viewer_today
from rxcrm.services.pipeline.cards import card_rows, shown_card_fields
from rxcrm.services.pipeline.opportunities import OpportunityFilter, narrowed
from rxcrm.services.settings.toggles import SETTINGS_ENTITY, current_settings

T = TypeVar("T")
CACHE_SIZE = 4096
_answers: OrderedDict[tuple, Any] = OrderedDict()
_lock = threading.Lock()


@dataclass(frozen=True)
class MovedDeal:
    """The moved deal as it stood right after the move, with what a board needs to place it."""

    move: BoardMove
    deal: SimpleNamespace
    sort_key: tuple[int, int]
    value: Decimal | None
    currency: str
    card_fields: tuple[str, ...]
    reads: tuple[tuple[tuple, Any], ...]


def _shared(key: tuple, compute: Callable[[], T]) -> T:
    with _lock:
        if key in _answers:
            _answers.move_to_end(key)
            return _answers[key]
    value = compute()
    with _lock:
        _answers[key] = value
        while len(_answers) > CACHE_SIZE:
            _answers.popitem(last=False)
    return value


def _read(session: Session, move: BoardMove) -> MovedDeal | None:
    deal = session.get(Opportunity, move.deal_id)
    if deal is None or deal.stage_id != move.target or move_stamp(deal.id, deal.updated_at) != move.stamp:
        return None
    settings = current_settings(session)
    rate = session.get(ExchangeRate, deal.currency)
    rates = {} if rate is None else {rate.currency: Decimal(str(rate.rate))}
    rules = session.exec(select(FieldVisibility).where(FieldVisibility.entity == "opportunity")).all()
    reads = (
        ((SETTINGS_ENTITY,), settings),
        ((RULES, "opportunity"), [FieldVisibility(**r.model_dump()) for r in rules]),
    )
    value = board_value(deal.amount, deal.currency, settings["board_currency"], rates)
    snapshot = SimpleNamespace(**{**deal.model_dump(), "tags": list(deal.tags)})
    fields = parse_card_fields(settings["kanban_card_fields"])
    key = card_sort_key(deal.updated_at, deal.id)
    return MovedDeal(move, snapshot, key, value, settings["board_currency"], fields, reads)


def moved_deal(session: Session, revision: int, move: BoardMove) -> MovedDeal | None:
    """The deal a move concerns, read once per move; None when it changed again or is gone since.

    The settings and field rules read with it then serve this unit of work too (no query per viewer).
    """
    moved = _shared(("deal", revision, move), lambda: _read(session, move))
    for key, value in moved.reads if moved is not None else ():
        unit_cached(session, key, lambda value=value: value)
    return moved


def sees_moved_deal(
    session: Session, viewer: User, flt: OpportunityFilter, revision: int, moved: MovedDeal
) -> bool:
    """Whether the moved deal stands on this viewer's board: his/her access and board filters.

    Viewers who see every record share the answer per role (the role's permission is the only rule
    left), with the same hidden fields (a filter on a hidden field is refused) and the same filter.
    The question itself (the access and filter clauses) is built once per view and kept for later moves.
    """
    if sees_everything(viewer):
        scope: tuple = ("all", viewer.role)
    else:
        scope = ("user", viewer.id, viewer.role, viewer.access_level, viewer.partner_id)
    view = (scope, frozenset(hidden_fields(session, viewer, "opportunity")), repr(flt))
    question = _shared(
        ("question", *view),
        lambda: narrowed(
            session, select(Opportunity.id).where(Opportunity.id == bindparam("deal")), viewer, flt
        ),
    )
    return _shared(
        ("sees", revision, moved.move, *view),
        lambda: session.exec(question, params={"deal": moved.move.deal_id}).first() is not None,
    )


def moved_card(session: Session, revision: int, moved: MovedDeal) -> dict:
    """The moved deal's card with the fields the viewer may see (a copy; shared per fields and today)."""
    shown = shown_card_fields(session, moved.card_fields)
    key = ("card", revision, moved.move, shown, viewer_today(session))
    card = _shared(key, lambda: card_rows(session, [moved.deal], shown)[0])
    return {**card, "tags": list(card["tags"])} if "tags" in card else dict(card)
