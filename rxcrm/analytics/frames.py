"""SQL aggregation into small DataFrames: the database groups, pandas only reshapes what comes back."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pandas as pd
from sqlalchemy import Date, case, func, or_, type_coerce
from sqlmodel import Session, select

from rxcrm.db.local_days import local_day
from rxcrm.db.models import Opportunity, User
from rxcrm.domain.forecast import NO_TEAM, ForecastQuery
from rxcrm.services.exchange_rates import board_amount, board_currency, with_rates
from rxcrm.services.field_visibility import require_visible
from rxcrm.services.opportunities import OpportunityFilter, narrowed

FORECAST_COLUMNS = [
    "day",
    "owner_id",
    "owner_name",
    "team",
    "status",
    "count",
    "amount",
    "amount_x_probability",
    "unconverted",
]


FORECAST_FIELDS = ("amount", "probability", "close_date")


def team_clause(team: str) -> Any:
    """SQL: the user belongs to the team ('No team' names users without one)."""
    if team == NO_TEAM:
        return or_(User.team.is_(None), func.trim(User.team) == "")
    return User.team == team


def forecast_day(session: Session, zone: str | None) -> Any:
    """SQL: the day a deal counts on: open deals their expected close date, won and lost deals the
    day they were closed on the viewer's calendar (their close date if that moment is unknown, e.g.
    imported deals)."""
    closed_on = local_day(session, Opportunity.closed_at, zone)
    closed = func.coalesce(type_coerce(closed_on, Date), Opportunity.close_date)
    return type_coerce(case((Opportunity.status == "open", Opportunity.close_date), else_=closed), Date)


def _day(value: Any) -> date | None:
    return value if value is None or isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _money(value: Any) -> Decimal:
    return Decimal(str(value)) if value is not None else Decimal(0)


def forecast_frame(session: Session, actor: User, query: ForecastQuery) -> pd.DataFrame:
    """Deals the user may see, grouped by day (see `forecast_day`), owner and status, board-currency sums.

    The forecast is about open deals, by the day they are expected to close; won and lost deals count
    on the day they were closed (never in a future month by an expected date). One row per (day, owner,
    status): deal count, amount, amount × probability (percent, not yet divided by 100) and how many
    deals were left out because their currency has no exchange rate.
    Refused for a user the amount, probability or close date is hidden from.
    """
    require_visible(session, actor, "opportunity", FORECAST_FIELDS, "The forecast")
    amount = board_amount(board_currency(session))
    day = forecast_day(session, actor.time_zone)
    statement = (
        select(
            day,
            User.id,
            User.name,
            User.team,
            Opportunity.status,
            func.count(Opportunity.id),
            func.sum(amount),
            func.sum(amount * Opportunity.probability),
            func.count(Opportunity.id) - func.count(amount),
        )
        .select_from(Opportunity)
        .join(User, User.id == Opportunity.owner_id)
    )
    if query.date_from is not None:
        statement = statement.where(day >= query.date_from)
    if query.date_to is not None:
        statement = statement.where(day <= query.date_to)
    if query.team is not None:
        statement = statement.where(team_clause(query.team))
    flt = OpportunityFilter(owner_id=query.owner_id)
    statement = narrowed(session, with_rates(statement), actor, flt).group_by(
        day, User.id, User.name, User.team, Opportunity.status
    )
    rows = [
        (_day(when), owner, name, team, status, count, _money(total), _money(weighted), missing)
        for when, owner, name, team, status, count, total, weighted, missing in session.exec(statement).all()
    ]
    frame = pd.DataFrame(rows, columns=FORECAST_COLUMNS, dtype=object)
    return frame.astype({"owner_id": "int64", "count": "int64", "unconverted": "int64"})


def team_names(session: Session) -> list[str]:
    """The teams users belong to, alphabetically (for the forecast's team filter)."""
    statement = select(User.team).where(User.team.is_not(None), func.trim(User.team) != "").distinct()
    return sorted(str(team) for team in session.exec(statement).all())
