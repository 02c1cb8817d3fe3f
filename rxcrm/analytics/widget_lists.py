"""The deals behind a dashboard widget's number: the list a widget title opens.

Each kind narrows deals with the same query pieces its widget sums (access, filters, date range on
the same date; money widgets leave deals without an exchange rate out, the funnel counts them), so
the list shows exactly the rows behind the figure and its total equals the widget's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import false, func, or_
from sqlmodel import Session, select

from rxcrm.analytics.widget_queries import (
    days_between,
    deal_amount,
    deal_scope,
    moments_between,
    money,
    money_deals,
    won_deals,
)
from rxcrm.analytics.widgets_targets import to_date_range
from rxcrm.db.models import Opportunity, User
from rxcrm.domain.dashboards.widgets import WidgetParams, widget_kind
from rxcrm.domain.errors import NotFound
from rxcrm.services.people.access import sees_everything
from rxcrm.services.people.time_zones import today_for
from rxcrm.services.pipeline.opportunities import opportunity_order
from rxcrm.services.pipeline.stages import default_pipeline, list_stages
from rxcrm.services.records.listing import ListWindow, Page
from rxcrm.services.settings.exchange_rates import with_rates

Narrowing = Callable[[Session, User, WidgetParams], Any]


def _open_closing(session: Session, actor: User, params: WidgetParams) -> Any:
    statement = money_deals(session, (Opportunity,), actor, params).where(Opportunity.status == "open")
    return days_between(statement, Opportunity.close_date, params)


def _pipeline(session: Session, actor: User, params: WidgetParams) -> Any:
    """Open deals in an open stage of the default pipeline closing in the range."""
    stages = [s.id for s in list_stages(session, default_pipeline(session).id) if s.kind == "open"]
    return _open_closing(session, actor, params).where(Opportunity.stage_id.in_(stages))


def _forecast(session: Session, actor: User, params: WidgetParams) -> Any:
    """Open deals with a close date in the range."""
    return _open_closing(session, actor, params).where(Opportunity.close_date.is_not(None))


def _won(session: Session, actor: User, params: WidgetParams) -> Any:
    """Won deals closed in the range."""
    return won_deals(session, (Opportunity,), actor, params).where(Opportunity.closed_at.is_not(None))


def _won_to_date(session: Session, actor: User, params: WidgetParams) -> Any:
    """Won deals closed in the elapsed part of the range (as the targets widget compares them)."""
    elapsed = to_date_range(params, today_for(actor))
    statement = _won(session, actor, elapsed or params)
    if elapsed is None:
        return statement.where(false())
    return statement if sees_everything(actor) else statement.where(Opportunity.owner_id == actor.id)


def _funnel(session: Session, actor: User, params: WidgetParams) -> Any:
    """Deals created in the range that entered the funnel (its first step): open ones in an open stage
    of the default pipeline or further, won ones of that pipeline; lost deals and the stage filter aside."""
    stages = list_stages(session, default_pipeline(session).id)
    first = min((s.position for s in stages if s.kind == "open"), default=None)
    entered = [s.id for s in stages if first is not None and s.position >= first]
    statement = deal_scope(session, select(Opportunity), actor, params, stage=False)
    statement = moments_between(statement, Opportunity.created_at, params, actor.time_zone)
    in_pipeline = Opportunity.stage_id.in_([s.id for s in stages])
    reached = or_(Opportunity.status == "won", Opportunity.stage_id.in_(entered))
    return statement.where(Opportunity.status != "lost", in_pipeline, reached)


def _partners(session: Session, actor: User, params: WidgetParams) -> Any:
    return _won(session, actor, params).where(Opportunity.partner_id.is_not(None))


BEHIND: dict[str, Narrowing] = {
    "pipeline_by_stage": _pipeline,
    "forecast": _forecast,
    "revenue": _won,
    "won_by_person": _won,
    "leaderboard": _won,
    "targets": _won_to_date,
    "partners": _partners,
    "funnel": _funnel,
}


@dataclass(frozen=True)
class Behind:
    """How many deals stand behind a widget's number and their amount in the board currency."""

    count: int
    amount: Decimal


def deals_behind(session: Session, actor: User, kind: str, params: WidgetParams) -> Any:
    """SELECT of the deals behind a widget (kinds without a deal list: not found)."""
    entry = widget_kind(kind)
    if entry.kind not in BEHIND:
        raise NotFound(f"The widget '{entry.label}' has no list of deals behind it.")
    return BEHIND[entry.kind](session, actor, params)


def behind_total(session: Session, actor: User, kind: str, params: WidgetParams) -> Behind:
    """Count and board-currency amount of the deals behind a widget."""
    deals = deals_behind(session, actor, kind, params).with_only_columns(Opportunity.id)
    statement = select(func.count(Opportunity.id), func.sum(deal_amount(session))).select_from(Opportunity)
    summed = with_rates(statement).where(Opportunity.id.in_(deals))
    count, total = session.exec(summed).one()
    return Behind(int(count), money(total))


def page_behind(session: Session, actor: User, kind: str, params: WidgetParams, window: ListWindow) -> Page:
    """One page of the deals behind a widget, sorted like the opportunities list."""
    statement = deals_behind(session, actor, kind, params)
    return window.fetch(session, statement, opportunity_order(session, actor, window.sort))
