"""Dashboard widget: team performance vs. targets — each rep's target to date against his/her won deals.

Won amounts count only visible deals (the access rules of §1.5), in the board currency.
"""

from __future__ import annotations

from calendar import monthrange
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, select

from rxcrm.analytics.widget_queries import (
    ZERO,
    closed_month,
    deal_amount,
    every_period,
    money,
    month_start,
    period_of,
    team_members,
    won_deals,
)
from rxcrm.db.models import Opportunity, User
from rxcrm.db.models.dashboards import UserTarget
from rxcrm.domain.dashboards.widgets import WidgetParams
from rxcrm.services.people.access import sees_everything
from rxcrm.services.people.field_visibility import require_visible
from rxcrm.services.people.time_zones import today_for

Rows = list[dict[str, Any]]


def to_date_range(params: WidgetParams, today: date) -> WidgetParams | None:
    """The part of the widget's range that has elapsed (the current quarter without a range), or None."""
    start = params.date_from
    if start is None and params.date_to is None:
        start = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    end = min(params.date_to or today, today)
    if start is not None and start > end:
        return None
    return replace(params, date_from=start, date_to=end)


def target_share(amount: Decimal, month: date, first: date | None, last: date) -> Decimal:
    """A monthly target's share for the days of its month between `first` and `last` (both included)."""
    days = monthrange(month.year, month.month)[1]
    month_end = month.replace(day=days)
    start = max(month, first) if first is not None else month
    covered = (min(month_end, last) - start).days + 1
    return amount * max(covered, 0) / days if covered < days else amount


def _targets(session: Session, actor: User, params: WidgetParams, period: str) -> dict[tuple, Decimal]:
    """Targets to date per (user, period): each month's target pro-rated to the range's days in it."""
    statement = select(UserTarget.user_id, UserTarget.period, UserTarget.amount)
    first, last = params.date_from, params.date_to or today_for(actor)
    if first is not None:
        statement = statement.where(UserTarget.period >= f"{first.year}-{first.month:02d}")
    statement = statement.where(UserTarget.period <= f"{last.year}-{last.month:02d}")
    if params.owner_id is not None:
        statement = statement.where(UserTarget.user_id == params.owner_id)
    if params.team is not None:
        statement = statement.where(UserTarget.user_id.in_(team_members(params.team)))
    if not sees_everything(actor):
        statement = statement.where(UserTarget.user_id == actor.id)
    totals: dict[tuple, Decimal] = {}
    for user_id, month, amount in session.exec(statement).all():
        key = (user_id, period_of(month_start(month), period))
        totals[key] = totals.get(key, ZERO) + target_share(amount, month_start(month), first, last)
    return totals


def targets(session: Session, actor: User, params: WidgetParams) -> Rows:
    """Per rep and month (quarter if asked; weeks count as months): target TO DATE vs. won amount.

    Only the elapsed part of the range counts (without a range: the current quarter up to today; today
    and the closing days on the viewer's calendar): a month's target is pro-rated by the days of it the
    range covers up to today, so the current month counts for the days gone by and months still to come
    not at all. Actual = won deals closed in that part, by owner. Every elapsed period is shown for
    every rep with a target or a won deal (gaps at 0). A viewer whose access is limited sees only
    his/her own row.
    """
    require_visible(session, actor, "opportunity", ("amount",), "Team performance vs. targets")
    period = "quarter" if params.period == "quarter" else "month"
    elapsed = to_date_range(replace(params, period=period), today_for(actor))
    if elapsed is None:
        return []
    month = closed_month(session, actor.time_zone)
    columns = (Opportunity.owner_id, month, func.sum(deal_amount(session)))
    statement = won_deals(session, columns, actor, elapsed).where(Opportunity.closed_at.is_not(None))
    if not sees_everything(actor):
        statement = statement.where(Opportunity.owner_id == actor.id)
    actual: dict[tuple, Decimal] = {}
    for owner, closed, total in session.exec(statement.group_by(Opportunity.owner_id, month)).all():
        key = (owner, period_of(month_start(closed), period))
        actual[key] = actual.get(key, ZERO) + Decimal(str(total))
    goals = _targets(session, actor, elapsed, period)
    found = set(actual) | set(goals)
    periods = every_period({key for _, key in found}, elapsed)
    return [
        {
            "user_id": user_id,
            "period": key,
            "target": money(goals.get((user_id, key))),
            "actual": money(actual.get((user_id, key))),
        }
        for user_id in sorted({user_id for user_id, _ in found})
        for key in periods
    ]
