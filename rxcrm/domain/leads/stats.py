"""Lead statistics (spec §2.2 tabs): what may be asked for, and how days fall into weeks and months."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from rxcrm.domain.records.validation import FieldErrors, check_day_range

GROUPS = ("source", "campaign", "status", "owner")
GROUP_LABELS = {"source": "Source", "campaign": "Campaign", "status": "Status", "owner": "Owner"}
PERIODS = ("week", "month")
NOT_SET = "(not set)"


@dataclass(frozen=True)
class LeadStatsQuery:
    """Which leads a statistic covers (received from/to: the user's whole days) and how it groups them."""

    group: str = "source"
    period: str = "month"
    date_from: date | None = None
    date_to: date | None = None


def lead_stats_query(
    group: Any = "source", period: Any = "month", date_from: Any = None, date_to: Any = None
) -> LeadStatsQuery:
    """Check what a lead statistic is asked for; raises a validation error naming every wrong parameter."""
    errors = FieldErrors()
    if group not in GROUPS:
        errors.add("group", f"must be one of: {', '.join(GROUPS)}")
    if period not in PERIODS:
        errors.add("period", "must be week or month")
    start, end = check_day_range(errors, date_from, date_to)
    errors.raise_if_any()
    return LeadStatsQuery(group, period, start, end)


def period_key(day: date, period: str) -> str:
    """The bucket a day falls in: ISO week '2026-W05' or month '2026-01'."""
    if period == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    return f"{day.year}-{day.month:02d}"


def group_label(value: Any) -> str:
    """How a group is named in a statistic; leads without the value fall in '(not set)'."""
    return str(value).strip() if value is not None and str(value).strip() else NOT_SET
