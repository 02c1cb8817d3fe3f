"""Dashboard widgets built from opportunities: pipeline, funnel, revenue, won by person, leaderboard,
partners (the weighted forecast is in `forecast`, shared with the /forecast page).

Every query goes through `narrowed` (the access rules of §1.5); money is summed in SQL in the board
currency, and deals whose currency has no exchange rate are left out of money widgets.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, select

from rxcrm.analytics.widget_queries import (
    closed_day,
    days_between,
    deal_amount,
    deal_scope,
    every_period,
    fold_money,
    moments_between,
    money,
    money_deals,
    won_deals,
)
from rxcrm.db.models import Opportunity, Stage, User
from rxcrm.domain.dashboards.widgets import WidgetParams
from rxcrm.services.people.field_visibility import require_visible
from rxcrm.services.people.permissions import require
from rxcrm.services.pipeline.stages import default_pipeline, list_stages

Rows = list[dict[str, Any]]


def _stages(session: Session, params: WidgetParams) -> list[Stage]:
    """The stages of the pipeline the widget is narrowed to (the default pipeline unless told)."""
    return list_stages(session, params.pipeline_id or default_pipeline(session).id)


def pipeline_by_stage(session: Session, actor: User, params: WidgetParams) -> Rows:
    """Open deals per open stage of the pipeline (default unless told), close date in range: count, amount.

    Every open stage is listed in board order (empty ones with 0); with a stage filter only that stage.
    Deals without an exchange rate are left out of count and amount; a range drops undated deals.
    """
    require_visible(session, actor, "opportunity", ("amount", "close_date"), "Pipeline by stage")
    stages = [s for s in _stages(session, params) if s.kind == "open"]
    # Stages are picked from the grouped rows, not in SQL: an IN on stage_id would steer SQLite off
    # the (status, close_date) index that covers this query.
    columns = (Opportunity.stage_id, func.count(Opportunity.id), func.sum(deal_amount(session)))
    statement = money_deals(session, columns, actor, params).where(Opportunity.status == "open")
    statement = days_between(statement, Opportunity.close_date, params).group_by(Opportunity.stage_id)
    found = {stage_id: (count, total) for stage_id, count, total in session.exec(statement).all()}
    return [
        {
            "stage_id": s.id,
            "stage": s.name,
            "count": int(found.get(s.id, (0, None))[0]),
            "amount": money(found.get(s.id, (0, None))[1]),
        }
        for s in stages
        if params.stage_id in (None, s.id)
    ]


def funnel(session: Session, actor: User, params: WidgetParams) -> Rows:
    """Deals created in the range that reached each open stage of the pipeline (the default one unless told).

    A deal reached a stage when it stands in it or further (by position); a won deal reached every
    stage, a lost one none. Deals of other pipelines are not counted; the stage filter does not apply.
    """
    stages = _stages(session, params)
    position = {s.id: s.position for s in stages}
    columns = (Opportunity.stage_id, Opportunity.status, func.count(Opportunity.id))
    statement = deal_scope(session, select(*columns).select_from(Opportunity), actor, params, stage=False)
    statement = moments_between(statement, Opportunity.created_at, params, actor.time_zone)
    grouped = session.exec(statement.group_by(Opportunity.stage_id, Opportunity.status)).all()
    counts = [(sid, status, n) for sid, status, n in grouped if sid in position and status != "lost"]
    return [
        {
            "stage_id": stage.id,
            "stage": stage.name,
            "count": sum(
                int(n) for sid, status, n in counts if status == "won" or position[sid] >= stage.position
            ),
        }
        for stage in stages
        if stage.kind == "open"
    ]


def revenue(session: Session, actor: User, params: WidgetParams) -> Rows:
    """Won deals' amount per period of their closing (closed in the range); every period of it, empty at 0."""
    require_visible(session, actor, "opportunity", ("amount",), "Revenue")
    day = closed_day(session, actor.time_zone)
    statement = won_deals(session, (day, func.sum(deal_amount(session))), actor, params)
    statement = statement.where(Opportunity.closed_at.is_not(None)).group_by(day)
    totals = fold_money(session.exec(statement).all(), params.period)
    return [{"period": key, "amount": money(totals.get(key))} for key in every_period(totals, params)]


def _won_per(session: Session, actor: User, params: WidgetParams, key: Any) -> list[tuple[int, int, Decimal]]:
    """(key, count, amount) of the won deals closed in the range, biggest amount first."""
    columns = (key, func.count(Opportunity.id), func.sum(deal_amount(session)))
    statement = won_deals(session, columns, actor, params).where(key.is_not(None)).group_by(key)
    rows = [(int(k), int(n), money(total)) for k, n, total in session.exec(statement).all()]
    return sorted(rows, key=lambda row: (-row[2], row[0]))


def won_by_person(session: Session, actor: User, params: WidgetParams) -> Rows:
    """Per owner: how many deals he/she won (closed in the range) and their amount, biggest first."""
    require_visible(session, actor, "opportunity", ("amount",), "Won deals by person")
    return [
        {"user_id": owner, "count": count, "amount": amount}
        for owner, count, amount in _won_per(session, actor, params, Opportunity.owner_id)
    ]


def leaderboard(session: Session, actor: User, params: WidgetParams) -> Rows:
    """Owners ranked by won amount (deals closed in the range); equal amounts share a rank (1, 1, 3)."""
    require_visible(session, actor, "opportunity", ("amount",), "The leaderboard")
    rows: Rows = []
    for place, (owner, _, amount) in enumerate(_won_per(session, actor, params, Opportunity.owner_id), 1):
        tied = rows and rows[-1]["amount"] == amount
        rows.append({"user_id": owner, "rank": rows[-1]["rank"] if tied else place, "amount": amount})
    return rows


def partners(session: Session, actor: User, params: WidgetParams) -> Rows:
    """Per partner: how many of its deals were won (closed in the range) and their amount, biggest first."""
    require(session, actor, "partners", "view")
    require_visible(session, actor, "opportunity", ("amount",), "Partner results")
    return [
        {"partner_id": partner, "count": count, "amount": amount}
        for partner, count, amount in _won_per(session, actor, params, Opportunity.partner_id)
    ]
