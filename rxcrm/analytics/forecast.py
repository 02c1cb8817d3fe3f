"""The weighted forecast: one query for the dashboard widget and the /forecast page.

`forecast_days` adds up the visible deals (the widgets' access and filters) per day they count on,
status and owner, in the board currency. The widget folds the open deals' weighted amounts into
periods (`weighted_forecast`); the page (`forecast_table`) adds the won and lost deals by the day they
were closed, owners or teams, and the totals.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import Date, case, func, type_coerce
from sqlmodel import Session, select

from rxcrm.analytics.widget_queries import (
    as_day,
    days_between,
    deal_amount,
    deal_scope,
    every_period,
    fold_money,
)
from rxcrm.db.local_days import local_day
from rxcrm.db.models import Opportunity, User
from rxcrm.domain.dashboards.widgets import WidgetParams
from rxcrm.domain.pipeline.forecast import (
    ALL_DEALS,
    ForecastQuery,
    money,
    money_text,
    period_key,
    period_order,
    team_label,
    weighted_value,
)
from rxcrm.services.people.field_visibility import require_visible
from rxcrm.services.settings.exchange_rates import with_rates

FIELDS = ("amount", "probability", "close_date")
MONEY = ("open_amount", "weighted_amount", "won_amount", "lost_amount")
ZERO = Decimal(0)
Rows = list[dict[str, Any]]


@dataclass(frozen=True)
class DayTotal:
    """Deals of one day, status (and owner) in the board currency; those without a rate counted apart."""

    day: date | None
    status: str
    owner_id: int | None
    count: int
    amount: Decimal
    amount_x_probability: Decimal  # probability in percent, not yet divided by 100
    unconverted: int


def counting_day(session: Session, zone: str | None, closed: bool) -> Any:
    """SQL: the day a deal counts on: its expected close date while open; with `closed`, won and lost
    deals count on the day they were closed on the viewer's calendar (their close date if that moment
    is unknown, e.g. imported deals), never in a future month by an expected date."""
    if not closed:
        return Opportunity.close_date
    closed_on = func.coalesce(
        type_coerce(local_day(session, Opportunity.closed_at, zone), Date), Opportunity.close_date
    )
    return type_coerce(case((Opportunity.status == "open", Opportunity.close_date), else_=closed_on), Date)


def _money(value: Any) -> Decimal:
    return Decimal(str(value)) if value is not None else ZERO


def forecast_days(
    session: Session, actor: User, params: WidgetParams, closed: bool = False, by_owner: bool = False
) -> list[DayTotal]:
    """The visible, filtered deals per day they count on (see `counting_day`) and status, per owner
    with `by_owner`: open deals only unless `closed`. The range applies to that day ('to' inclusive)."""
    amount = deal_amount(session)
    day = counting_day(session, actor.time_zone, closed)
    keys = (day, Opportunity.status, *((Opportunity.owner_id,) if by_owner else ()))
    sums = (
        func.count(Opportunity.id),
        func.sum(amount),
        func.sum(amount * Opportunity.probability),
        func.count(Opportunity.id) - func.count(amount),
    )
    statement = deal_scope(session, with_rates(select(*keys, *sums).select_from(Opportunity)), actor, params)
    if not closed:
        statement = statement.where(Opportunity.status == "open")
    statement = days_between(statement, day, params).group_by(*keys)
    return [
        DayTotal(
            None if row[0] is None else as_day(row[0]),
            row[1],
            row[2] if by_owner else None,
            int(row[-4]),
            _money(row[-3]),
            _money(row[-2]),
            int(row[-1]),
        )
        for row in session.exec(statement).all()
    ]


def weighted_forecast(session: Session, actor: User, params: WidgetParams) -> Rows:
    """The widget: open deals' amount × probability / 100 per period of their close date (in the range).

    Only open deals: won and lost ones belong to revenue, by their closing date. Every period of the
    range is shown (empty ones at 0); deals without a close date or an exchange rate are left out.
    """
    require_visible(session, actor, "opportunity", FIELDS, "The weighted forecast")
    days = forecast_days(session, actor, params)
    dated = ((d.day, d.amount_x_probability) for d in days if d.day is not None and d.count > d.unconverted)
    totals = fold_money(dated, params.period)
    return [
        {"period": key, "weighted_amount": weighted_value(totals.get(key, ZERO))}
        for key in every_period(totals, params)
    ]


def _owners(session: Session, ids: Iterable[int | None]) -> dict[int, tuple[str, Any]]:
    """Name and team of each owner."""
    statement = select(User.id, User.name, User.team).where(User.id.in_(set(ids)))
    return {uid: (str(name), team) for uid, name, team in session.exec(statement).all()}


def _group(owner: tuple[str, Any] | None, owner_id: int | None, group: str) -> tuple[str, str]:
    """(key, label) of the group a deal's owner puts it in."""
    if group == "owner" and owner is not None:
        return str(owner_id), owner[0]
    if group == "team" and owner is not None:
        return team_label(owner[1]), team_label(owner[1])
    return "all", ALL_DEALS


def _bucket(day: DayTotal) -> dict[str, Any]:
    """One day's share of a table row: open count and amounts, won and lost amounts, left-out deals."""
    is_open = day.status == "open"
    return {
        "open_count": day.count - day.unconverted if is_open else 0,
        "open_amount": day.amount if is_open else ZERO,
        "weighted_amount": day.amount_x_probability if is_open else ZERO,
        "won_amount": day.amount if day.status == "won" else ZERO,
        "lost_amount": day.amount if day.status == "lost" else ZERO,
        "unconverted": day.unconverted,
    }


def forecast_table(session: Session, actor: User, query: ForecastQuery) -> Rows:
    """The page: per period and group (owner, team or all), the open / won / lost split.

    Open deals count in the period of their expected close date ('No date' without one) with their
    weighted amount (amount × probability / 100) and full amount; won and lost deals in the period they
    were closed, with their amount, shown apart from the forecast. Money as Decimal in the board currency.
    Refused to a user the amount, probability or close date is hidden from.
    """
    require_visible(session, actor, "opportunity", FIELDS, "The forecast")
    params = WidgetParams(
        query.date_from,
        query.date_to,
        owner_id=query.owner_id,
        team=query.team,
        pipeline_id=query.pipeline_id,
    )
    days = forecast_days(session, actor, params, closed=True, by_owner=True)
    owners = _owners(session, (d.owner_id for d in days)) if query.group != "none" else {}
    table: dict[tuple[str, str, str], dict[str, Any]] = {}
    for day in days:
        key, label = _group(owners.get(day.owner_id or 0), day.owner_id, query.group)
        row = table.setdefault((period_key(day.day, query.period), key, label), {})
        for column, value in _bucket(day).items():
            row[column] = row.get(column, 0) + value
    rows = [
        {"period": period, "group_key": key, "group_label": label, **_rounded(row)}
        for (period, key, label), row in table.items()
    ]
    return sorted(rows, key=lambda r: (period_order(r["period"]), r["group_label"], r["group_key"]))


def _rounded(row: dict[str, Any]) -> dict[str, Any]:
    """A row's sums as money: the weighted one divided by 100; counts as they are."""
    out = {column: money(row[column]) for column in ("open_amount", "won_amount", "lost_amount")}
    out["weighted_amount"] = weighted_value(row["weighted_amount"])
    return {"open_count": row["open_count"], **out, "unconverted": row["unconverted"]}


def forecast_rows(table: Rows) -> Rows:
    """The forecast table as JSON-ready rows, money as strings with two decimals."""
    return [
        {
            "period": row["period"],
            "group_key": row["group_key"],
            "group_label": row["group_label"],
            "open_count": row["open_count"],
            **{column: money_text(row[column]) for column in MONEY},
        }
        for row in table
    ]


def forecast_totals(table: Rows) -> dict[str, Any]:
    """Totals over every period and group: the open weighted, won and lost figures and left-out deals."""
    totals: dict[str, Any] = {column: money_text(sum((r[column] for r in table), ZERO)) for column in MONEY}
    totals["open_count"] = sum(r["open_count"] for r in table)
    totals["unconverted"] = sum(r["unconverted"] for r in table)
    return totals
