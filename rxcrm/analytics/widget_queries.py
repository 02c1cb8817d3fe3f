"""What every dashboard widget query shares: date ranges, filters, access, days folded into periods, money.

The database groups (by day at most); Python only folds the grouped days into weeks, months or quarters.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import case, func, or_
from sqlmodel import Session, select

from rxcrm.db.local_days import local_day, local_month
from rxcrm.db.models import Lead, Opportunity, User
from rxcrm.domain.dashboards.widgets import WidgetParams
from rxcrm.domain.leads import stats as lead_periods
from rxcrm.domain.people.time_zones import days_span
from rxcrm.domain.pipeline import forecast as forecast_periods
from rxcrm.domain.pipeline.forecast import NO_TEAM
from rxcrm.services.pipeline.opportunities import OpportunityFilter, narrowed
from rxcrm.services.pipeline.project_members import deal_projects
from rxcrm.services.settings.exchange_rates import board_amount, board_currency, with_rates

ZERO = Decimal(0)
CENT = Decimal("0.01")
MAX_PERIODS = 520  # ten years of weeks: a wider range is filled from its first period with data


def period_of(day: date, period: str) -> str:
    """The bucket a day falls in: ISO week '2026-W05', month '2026-01' or quarter '2026-Q1'."""
    if period == "quarter":
        return forecast_periods.period_key(day, "quarter")
    return lead_periods.period_key(day, period)


def period_start(key: str) -> date:
    """The first day of a period key ('2026-W05', '2026-01' or '2026-Q1')."""
    year, rest = key.split("-", 1)
    if rest.startswith("W"):
        return date.fromisocalendar(int(year), int(rest[1:]), 1)
    if rest.startswith("Q"):
        return date(int(year), 3 * int(rest[1:]) - 2, 1)
    return date(int(year), int(rest), 1)


def _next_start(day: date, period: str) -> date:
    """The first day of the period after the one starting on `day`."""
    if period == "week":
        return day + timedelta(days=7)
    months = 3 if period == "quarter" else 1
    month = day.month - 1 + months
    return date(day.year + month // 12, month % 12 + 1, 1)


def periods_between(first: date, last: date, period: str) -> list[str]:
    """Every period from the one holding `first` to the one holding `last`, in order."""
    keys: list[str] = []
    day = period_start(period_of(first, period))
    while day <= last and len(keys) < MAX_PERIODS:
        keys.append(period_of(day, period))
        day = _next_start(day, period)
    return keys


def every_period(found: Iterable[str], params: WidgetParams, last: date | None = None) -> list[str]:
    """The periods a period widget shows: every one of the range, data or not (gaps at zero).

    An open end of the range stops at the first / last period with data (`last` caps the end);
    a range of more than MAX_PERIODS periods is shown from its first period with data.
    """
    keys = sorted(found)
    first = params.date_from or (period_start(keys[0]) if keys else None)
    end = params.date_to or (period_start(keys[-1]) if keys else None)
    if last is not None and end is not None:
        end = min(end, last)
    if first is None or end is None or first > end:
        return keys
    filled = periods_between(first, end, params.period)
    if len(filled) >= MAX_PERIODS and keys:
        filled = periods_between(max(first, period_start(keys[0])), end, params.period)
    return sorted(set(filled) | set(keys))


def as_day(value: Any) -> date:
    """A day as SQL returns it (a date on PostgreSQL, ISO text on SQLite)."""
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def money(value: Any) -> Decimal:
    """A SQL sum as money: Decimal rounded to the cent (an empty sum is 0.00)."""
    return (Decimal(str(value)) if value is not None else ZERO).quantize(CENT)


def moments_between(statement: Any, column: Any, params: WidgetParams, zone: str | None) -> Any:
    """Keep rows whose timestamp falls on the range's days on the viewer's calendar ('to' inclusive)."""
    start, end = days_span(params.date_from, params.date_to, zone)
    if start is not None:
        statement = statement.where(column >= start)
    if end is not None:
        statement = statement.where(column < end)
    return statement


def days_between(statement: Any, column: Any, params: WidgetParams) -> Any:
    """Keep rows whose date falls in the range ('to' inclusive)."""
    if params.date_from is not None:
        statement = statement.where(column >= params.date_from)
    if params.date_to is not None:
        statement = statement.where(column <= params.date_to)
    return statement


def team_clause(team: str) -> Any:
    """SQL: the user belongs to the team ('No team' names users without one)."""
    if team == NO_TEAM:
        return or_(User.team.is_(None), func.trim(User.team) == "")
    return User.team == team


def team_names(session: Session) -> list[str]:
    """The teams users belong to, alphabetically (for the team filters)."""
    statement = select(User.team).where(User.team.is_not(None), func.trim(User.team) != "").distinct()
    return sorted(str(team) for team in session.exec(statement).all())


def team_members(team: str) -> Any:
    """SQL: the ids of a team's users."""
    return select(User.id).where(team_clause(team))


def deal_scope(
    session: Session, statement: Any, actor: User, params: WidgetParams, stage: bool = True
) -> Any:
    """Visible deals by owner, team, stage (unless `stage` is off), campaign, partner, project (with its
    sub-projects while 'show opportunities of sub-projects' is on), pipeline."""
    flt = OpportunityFilter(
        owner_id=params.owner_id,
        stage_id=params.stage_id if stage else None,
        partner_id=params.partner_id,
        project_ids=None if params.project_id is None else deal_projects(session, params.project_id),
        pipeline_id=params.pipeline_id,
    )
    statement = narrowed(session, statement, actor, flt)
    if params.campaign_id is not None:
        statement = statement.where(Opportunity.campaign_id == params.campaign_id)
    if params.team is not None:
        statement = statement.where(Opportunity.owner_id.in_(team_members(params.team)))
    return statement


def deal_amount(session: Session) -> Any:
    """SQL: a deal's amount in the board currency (NULL without an exchange rate; see `money_deals`)."""
    return board_amount(board_currency(session))


def money_deals(session: Session, columns: Iterable[Any], actor: User, params: WidgetParams) -> Any:
    """SELECT over the visible, filtered deals joined to their rate, leaving out unconvertible ones."""
    statement = with_rates(select(*columns).select_from(Opportunity))
    statement = statement.where(deal_amount(session).is_not(None))
    return deal_scope(session, statement, actor, params)


def won_deals(session: Session, columns: Iterable[Any], actor: User, params: WidgetParams) -> Any:
    """SELECT over the won deals closed in the range (see `money_deals`)."""
    statement = money_deals(session, columns, actor, params).where(Opportunity.status == "won")
    if params.date_from is None and params.date_to is None:
        return statement
    return moments_between(statement, Opportunity.closed_at, params, actor.time_zone)


def closed_day(session: Session, zone: str | None) -> Any:
    """SQL: the day a deal was closed, on the viewer's calendar."""
    return local_day(session, Opportunity.closed_at, zone)


def closed_month(session: Session, zone: str | None) -> Any:
    """SQL: the month ('YYYY-MM') a deal was closed, on the viewer's calendar."""
    return local_month(session, Opportunity.closed_at, zone)


def month_start(month: str) -> date:
    """The first day of a 'YYYY-MM' month."""
    return date.fromisoformat(f"{month}-01")


def lead_scope(statement: Any, params: WidgetParams, zone: str | None) -> Any:
    """Leads received in the range (the viewer's days), narrowed by owner, owner's team, campaign, partner."""
    statement = moments_between(statement, Lead.created_at, params, zone)
    if params.owner_id is not None:
        statement = statement.where(Lead.owner_id == params.owner_id)
    if params.team is not None:
        statement = statement.where(Lead.owner_id.in_(team_members(params.team)))
    if params.campaign_id is not None:
        statement = statement.where(Lead.campaign_id == params.campaign_id)
    if params.partner_id is not None:
        statement = statement.where(Lead.partner_id == params.partner_id)
    return statement


def received_day(session: Session, zone: str | None) -> Any:
    """SQL: the day a lead was received, on the viewer's calendar."""
    return local_day(session, Lead.created_at, zone)


def fold_money(rows: Iterable[tuple[Any, Any]], period: str) -> dict[str, Decimal]:
    """(day, sum) rows added up per period, in period order."""
    totals: dict[str, Decimal] = {}
    for day, value in rows:
        key = period_of(as_day(day), period)
        totals[key] = totals.get(key, ZERO) + Decimal(str(value or 0))
    return dict(sorted(totals.items()))


def count_if(condition: Any) -> Any:
    """SQL: how many grouped rows meet a condition."""
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)
