"""Lead statistics: intraday, by source/campaign/status/owner, and conversion per week or month.

The database groups (GROUP BY); Python only folds the grouped rows into the shape a page shows.
Every query passes through `visible`, so a user's statistics count only the leads they may see.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import case, func
from sqlmodel import Session, select

from rxcrm.db.local_days import local_day, local_hour
from rxcrm.db.models import Campaign, Lead, User
from rxcrm.domain.leads.lifecycle import (
    DISQUALIFIED,
    OPEN,
    OPEN_LIST,
    QUALIFIED,
    ROUTED,
    UNPROCESSED,
    conversion_rate,
)
from rxcrm.domain.leads.stats import NOT_SET, LeadStatsQuery, group_label, period_key
from rxcrm.domain.people.time_zones import days_span
from rxcrm.services.leads.lifecycle import state_clause
from rxcrm.services.people.access import visible
from rxcrm.services.people.time_zones import today_for


def _received(statement: Any, query: LeadStatsQuery, zone: str | None) -> Any:
    """Leads received on the query's days, on the user's calendar."""
    start, end = days_span(query.date_from, query.date_to, zone)
    if start is not None:
        statement = statement.where(Lead.created_at >= start)
    if end is not None:
        statement = statement.where(Lead.created_at < end)
    return statement


def _count_if(condition: Any) -> Any:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def _group_columns(group: str) -> tuple[Any, Any, Any]:
    """The key column, the label column and the table joined for the label."""
    if group == "campaign":
        return Lead.campaign_id, Campaign.name, (Campaign, Campaign.id == Lead.campaign_id)
    if group == "owner":
        return Lead.owner_id, User.name, (User, User.id == Lead.owner_id)
    column = getattr(Lead, group)
    return column, column, None


def lead_statistics(session: Session, actor: User, query: LeadStatsQuery) -> list[dict[str, Any]]:
    """Leads received in the range, per group: total, still open, qualified, disqualified, rate %."""
    key, label, join = _group_columns(query.group)
    statement = select(
        key,
        label,
        func.count(Lead.id),
        _count_if(Lead.status == OPEN),
        _count_if(Lead.status == QUALIFIED),
        _count_if(Lead.status == DISQUALIFIED),
    ).select_from(Lead)
    if join is not None:
        statement = statement.outerjoin(*join)
    statement = _received(visible(statement, Lead, actor), query, actor.time_zone).group_by(key, label)
    rows = [
        {
            "key": "" if k is None else str(k),
            "label": group_label(name),
            "leads": int(total),
            "open": int(still_open),
            "qualified": int(qualified),
            "disqualified": int(disqualified),
            "rate": conversion_rate(int(total), int(qualified)),
        }
        for k, name, total, still_open, qualified, disqualified in session.exec(statement).all()
    ]
    return sorted(rows, key=lambda r: (-r["leads"], r["label"] == NOT_SET, r["label"]))


def lead_conversion(session: Session, actor: User, query: LeadStatsQuery) -> dict[str, Any]:
    """Per week or month of receipt: leads received, how many of them are qualified, and the rate %."""
    day = local_day(session, Lead.created_at, actor.time_zone)
    statement = select(day, func.count(Lead.id), _count_if(Lead.status == QUALIFIED)).select_from(Lead)
    statement = _received(visible(statement, Lead, actor), query, actor.time_zone).group_by(day)
    periods: dict[str, list[int]] = {}
    for received, total, qualified in session.exec(statement).all():
        key = period_key(date.fromisoformat(str(received)[:10]), query.period)
        counts = periods.setdefault(key, [0, 0])
        counts[0] += int(total)
        counts[1] += int(qualified)
    rows = [
        {"period": key, "leads": leads, "qualified": qualified, "rate": conversion_rate(leads, qualified)}
        for key, (leads, qualified) in sorted(periods.items())
    ]
    leads, qualified = sum(r["leads"] for r in rows), sum(r["qualified"] for r in rows)
    total = {"leads": leads, "qualified": qualified, "rate": conversion_rate(leads, qualified)}
    return {"period": query.period, "rows": rows, "total": total}


def intraday(session: Session, actor: User, day: date | None = None) -> dict[str, Any]:
    """Leads received on a day of the user's calendar (today by default): per hour and source, by state."""
    day = day or today_for(actor)
    start, end = days_span(day, day, actor.time_zone)
    hour = local_hour(session, Lead.created_at, actor.time_zone)
    per_hour = (
        visible(select(hour, Lead.source, func.count(Lead.id)).select_from(Lead), Lead, actor)
        .where(Lead.created_at >= start, Lead.created_at < end)
        .group_by(hour, Lead.source)
    )
    hours = [
        {"hour": int(h), "source": group_label(source), "leads": int(n)}
        for h, source, n in session.exec(per_hour).all()
    ]
    states = visible(
        select(
            func.count(Lead.id),
            _count_if(state_clause(OPEN_LIST, actor)),
            _count_if(Lead.status == QUALIFIED),
            _count_if(Lead.status == DISQUALIFIED),
            _count_if(Lead.routing == ROUTED),
            _count_if(state_clause(UNPROCESSED, actor)),
        ).select_from(Lead),
        Lead,
        actor,
    ).where(Lead.created_at >= start, Lead.created_at < end)
    names = ("received", "open", "qualified", "disqualified", "routed", "unprocessed")
    counts = dict(zip(names, (int(v or 0) for v in session.exec(states).one()), strict=True))
    return {
        "date": day.isoformat(),
        "hours": sorted(hours, key=lambda r: (r["hour"], r["source"])),
        "states": counts,
    }
