"""The weighted forecast: which period a close date falls in, and what a forecast may be asked for."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from rxcrm.domain.records.validation import FieldErrors, check_day_range, record_id

PERIODS = ("month", "quarter")
GROUPS = ("owner", "team", "none")
NO_DATE = "No date"
NO_TEAM = "No team"
ALL_DEALS = "All deals"
CENT = Decimal("0.01")
MAX_TEAM_LENGTH = 100


@dataclass(frozen=True)
class ForecastQuery:
    """What a forecast is asked for: period size, grouping, close-date range, owner and team."""

    period: str = "month"
    group: str = "owner"
    date_from: date | None = None
    date_to: date | None = None
    owner_id: int | None = None
    team: str | None = None
    pipeline_id: int | None = None


def period_key(day: date | None, period: str) -> str:
    """The bucket a close date falls in: '2026-11' by month, '2026-Q4' by quarter, 'No date' without."""
    if day is None:
        return NO_DATE
    if period == "quarter":
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    return f"{day.year}-{day.month:02d}"


def period_order(key: str) -> tuple[int, str]:
    """Periods sort by time; the 'No date' bucket comes last."""
    return (1, key) if key == NO_DATE else (0, key)


def team_label(team: Any) -> str:
    """How a team is named in a forecast; users without one fall in 'No team'."""
    return team.strip() if isinstance(team, str) and team.strip() else NO_TEAM


def weighted_value(amount_times_probability: Decimal) -> Decimal:
    """Amount × probability (in percent) as money: divided by 100, rounded to the cent."""
    return money(Decimal(amount_times_probability) / 100)


def money(value: Any) -> Decimal:
    """A sum of money rounded half up to the cent."""
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def money_text(value: Any) -> str:
    """Money as a string with two decimals, e.g. '1250.00'."""
    return str(money(value))


def _record(value: Any, errors: FieldErrors, field: str = "owner_id", noun: str = "a user") -> int | None:
    if value is None or value == "":
        return None
    found = record_id(value)
    if found is None:
        errors.add(field, f"must be {noun} id")
    return found


def forecast_query(
    period: Any = "month",
    group: Any = "owner",
    date_from: Any = None,
    date_to: Any = None,
    owner_id: Any = None,
    team: Any = None,
    pipeline_id: Any = None,
) -> ForecastQuery:
    """Check what a forecast is asked for; raises a validation error naming every wrong parameter."""
    errors = FieldErrors()
    if period not in PERIODS:
        errors.add("period", "must be month or quarter")
    if group not in GROUPS:
        errors.add("group", "must be owner, team or none")
    start, end = check_day_range(errors, date_from, date_to)
    owner = _record(owner_id, errors)
    pipeline = _record(pipeline_id, errors, "pipeline_id", "a pipeline")
    team_text = str(team).strip() if team is not None else ""
    if len(team_text) > MAX_TEAM_LENGTH:
        errors.add("team", f"must be at most {MAX_TEAM_LENGTH} characters")
    errors.raise_if_any()
    return ForecastQuery(period, group, start, end, owner, team_text or None, pipeline)
