"""The pipeline board: columns with SQL totals, cards page by page, and which columns a change touches."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func
from sqlmodel import Session, select

from rxcrm.db.models import ExchangeRate, Opportunity, Stage, User
from rxcrm.domain.pipeline.board import (
    BOARD_TOPIC,
    CARDS_PER_PAGE,
    MOVES_TOPIC,
    OTHER_CHANGE,
    WHOLE_BOARD,
    BoardMove,
    board_value,
    card_fields_text,
    is_plain_move,
    move_stamp,
    parse_card_fields,
    with_card_field,
)
from rxcrm.domain.pipeline.forecast import money
from rxcrm.domain.records.validation import record_id
from rxcrm.services.people.field_visibility import hidden_fields
from rxcrm.services.pipeline.opportunities import OpportunityFilter, get_opportunity, narrowed
from rxcrm.services.pipeline.stages import default_pipeline
from rxcrm.services.records.events import ChangeEvent, touch
from rxcrm.services.records.listing import ListWindow, check_window
from rxcrm.services.settings.exchange_rates import board_currency
from rxcrm.services.settings.toggles import current_settings, update_settings

CARDS_PAGE = ListWindow(limit=CARDS_PER_PAGE)  # a column's first cards


@dataclass(frozen=True)
class BoardColumn:
    """One stage on the board with how many deals stand in it and what they are worth."""

    stage_id: int
    name: str
    kind: str
    color: str
    probability: int
    count: int
    amount: Decimal | None
    unconverted: int


def board_stages(session: Session, pipeline_id: int | None = None) -> list[Stage]:
    """The stages an admin shows as columns, in board order."""
    pipeline = pipeline_id if pipeline_id is not None else default_pipeline(session).id
    statement = (
        select(Stage)
        .where(Stage.pipeline_id == pipeline, Stage.on_board.is_(True))
        .order_by(Stage.position, Stage.id)
    )
    return list(session.exec(statement).all())


def rates_by_currency(session: Session) -> dict[str, Decimal]:
    """Every exchange rate into the board currency, by currency."""
    return {
        code: Decimal(str(rate))
        for code, rate in session.exec(select(ExchangeRate.currency, ExchangeRate.rate))
    }


def column_sums(
    session: Session, actor: User, stage_ids: list[int], flt: OpportunityFilter
) -> dict[int, tuple[int, Decimal | None, int]]:
    """Count, exact (unrounded) amount in the board currency and deals without rate, for every stage given.

    One GROUP BY per stage and currency, converted in Decimal: a board that adds or takes away one
    deal's value (`domain.board.column_after`) then keeps exactly the figures a reload would show.
    For a user the amount is hidden from, the amount is None: a column's sum would give it away.
    """
    if not stage_ids:
        return {}
    amount_hidden = "amount" in hidden_fields(session, actor, "opportunity")
    currency, rates = board_currency(session), rates_by_currency(session)
    statement = select(
        Opportunity.stage_id,
        Opportunity.currency,
        func.count(Opportunity.id),
        func.coalesce(func.sum(Opportunity.amount), 0),
    ).where(Opportunity.stage_id.in_(stage_ids))
    statement = narrowed(session, statement, actor, flt).group_by(Opportunity.stage_id, Opportunity.currency)
    sums = {stage_id: (0, None if amount_hidden else Decimal(0), 0) for stage_id in stage_ids}
    for stage_id, code, count, total in session.exec(statement).all():
        value = board_value(Decimal(str(total)), code, currency, rates)
        deals, amount, unconverted = sums[stage_id]
        if value is None:
            unconverted += count
        elif amount is not None:
            amount += value
        sums[stage_id] = (deals + count, amount, unconverted)
    return sums


def column_totals(
    session: Session, actor: User, stage_ids: list[int], flt: OpportunityFilter
) -> dict[int, tuple[int, Decimal | None, int]]:
    """Count, amount in the board currency (to the cent) and unconvertible deals per non-empty stage.

    For a user the amount is hidden from, the amount is None: a column's sum would give it away.
    """
    return {
        stage_id: (count, None if amount is None else money(amount), missing)
        for stage_id, (count, amount, missing) in column_sums(session, actor, stage_ids, flt).items()
        if count
    }


def board_columns(
    session: Session, actor: User, flt: OpportunityFilter, pipeline_id: int | None = None
) -> list[BoardColumn]:
    """Every column of the board with its totals under the user's access and filter."""
    stages = board_stages(session, pipeline_id)
    totals = column_totals(session, actor, [s.id for s in stages], flt)
    return [
        BoardColumn(s.id, s.name, s.kind, s.color, s.probability, *totals.get(s.id, (0, Decimal("0.00"), 0)))
        for s in stages
    ]


def column_cards(
    session: Session,
    actor: User,
    stage_id: int,
    flt: OpportunityFilter,
    window: ListWindow = CARDS_PAGE,
) -> list[Opportunity]:
    """One page of a column's cards, most recently changed first."""
    check_window(window.limit, window.offset)
    statement = narrowed(session, select(Opportunity).where(Opportunity.stage_id == stage_id), actor, flt)
    statement = statement.order_by(Opportunity.updated_at.desc(), Opportunity.id.desc())
    return list(session.exec(statement.offset(window.offset).limit(window.limit)).all())


def card_fields(session: Session) -> tuple[str, ...]:
    """The fields an admin chose to show on cards."""
    return parse_card_fields(current_settings(session)["kanban_card_fields"])


def show_card_field(session: Session, actor: User, field: str, show: bool) -> tuple[str, ...]:
    """Show a field on the cards (or hide it), starting from the stored choice; the new choice."""
    chosen = with_card_field(card_fields(session), field, show)
    update_settings(session, actor, {"kanban_card_fields": card_fields_text(chosen)})
    return chosen


def _stage_ids(change: ChangeEvent) -> set[int]:
    return {
        stage_id
        for item in change.changes
        if item.field == "stage_id"
        for stage_id in (record_id(item.old), record_id(item.new))
        if stage_id is not None
    }


def note_board_columns(session: Session, change: ChangeEvent) -> None:
    """A changed deal touches the columns it left, entered or stands in; a changed stage, the layout.

    A plain move is noted as such too (deal, both stages, the deal's new version), so open boards
    can apply it instead of reloading both columns; any other change to a board is noted as other.
    """
    if change.entity == "stage":
        touch(session, BOARD_TOPIC, WHOLE_BOARD)
        touch(session, MOVES_TOPIC, OTHER_CHANGE)
    if change.entity != "opportunity":
        return
    stage_ids = _stage_ids(change)
    deal = session.get(Opportunity, change.entity_id)
    if deal is not None:
        stage_ids.add(deal.stage_id)
    touch(session, BOARD_TOPIC, *stage_ids)
    touch(session, MOVES_TOPIC, _move_of(change, deal, stage_ids))


def _move_of(change: ChangeEvent, deal: Opportunity | None, stage_ids: set[int]) -> BoardMove | str:
    if (
        deal is None
        or len(stage_ids) != 2
        or not is_plain_move(change.entity, change.action, (item.field for item in change.changes))
    ):
        return OTHER_CHANGE
    (source,) = stage_ids - {deal.stage_id}
    return BoardMove(deal.id, source, deal.stage_id, move_stamp(deal.id, deal.updated_at))


def deal_stage(session: Session, actor: User, opportunity_id: int) -> int:
    """The stage a visible deal stands in."""
    return get_opportunity(session, actor, opportunity_id).stage_id


def deal_name(session: Session, actor: User, opportunity_id: int) -> str:
    """The name of a visible deal."""
    return get_opportunity(session, actor, opportunity_id).name
