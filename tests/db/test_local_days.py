"""SQL puts a stored UTC moment on the user's calendar, the same on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func
from sqlmodel import Session, select

from rxcrm.db.local_days import local_day, local_hour, local_month, sqlite_local_day
from rxcrm.db.models import Lead
from tests.conftest import make_lead

LATE_UTC = datetime(2026, 3, 31, 23, 30, tzinfo=UTC)


def _day(session: Session, zone: str | None) -> tuple[str, str, int]:
    statement = select(
        local_day(session, Lead.created_at, zone),
        local_month(session, Lead.created_at, zone),
        local_hour(session, Lead.created_at, zone),
    )
    day, month, hour = session.exec(statement).one()
    return str(day)[:10], month, int(hour)


@pytest.mark.parametrize(
    ("zone", "expected"),
    [
        (None, ("2026-03-31", "2026-03", 23)),
        ("UTC", ("2026-03-31", "2026-03", 23)),
        ("Asia/Tokyo", ("2026-04-01", "2026-04", 8)),
        ("America/Los_Angeles", ("2026-03-31", "2026-03", 16)),
        ("Asia/Kathmandu", ("2026-04-01", "2026-04", 5)),  # UTC+5:45
        ("Not/AZone", ("2026-03-31", "2026-03", 23)),  # an unknown zone reads as UTC
    ],
)
def test_a_moment_falls_on_the_day_month_and_hour_of_the_users_clock(
    session: Session, zone: str | None, expected: tuple[str, str, int]
) -> None:
    make_lead(session, created_at=LATE_UTC)
    assert _day(session, zone) == expected


def test_grouping_by_the_users_day_moves_late_moments_to_the_next_day(session: Session) -> None:
    for moment in ("2026-03-31 14:59", "2026-03-31 15:00", "2026-03-31 23:30", "2026-04-01 14:00"):
        make_lead(session, created_at=datetime.fromisoformat(moment).replace(tzinfo=UTC))
    for zone, expected in (
        ("Asia/Tokyo", [("2026-03-31", 1), ("2026-04-01", 3)]),
        ("UTC", [("2026-03-31", 3), ("2026-04-01", 1)]),
    ):
        day = local_day(session, Lead.created_at, zone)
        grouped = session.exec(select(day, func.count(Lead.id)).group_by(day).order_by(day)).all()
        assert [(str(d)[:10], n) for d, n in grouped] == expected


def test_the_sqlite_function_reads_stored_text_with_or_without_an_offset() -> None:
    assert sqlite_local_day("2026-03-31 23:30:00.000000", "Asia/Tokyo") == "2026-04-01"
    assert sqlite_local_day("2026-03-31T23:30:00+00:00", "Asia/Tokyo") == "2026-04-01"
    assert sqlite_local_day("2026-03-31 23:30:00", "Europe/Berlin") == "2026-04-01"
    assert sqlite_local_day(None, "Asia/Tokyo") is None


@pytest.mark.parametrize(
    "zone",
    ["Asia/Tokyo", "America/Los_Angeles", "Europe/Berlin", "Asia/Kathmandu", "Australia/Lord_Howe", "UTC"],
)
def test_the_sqlite_function_agrees_with_a_full_conversion_all_year_round(zone: str) -> None:
    # every quarter hour of 2026 and the last microsecond before it, summer time switches included
    moment, local_zone = datetime(2026, 1, 1, tzinfo=UTC), ZoneInfo(zone)
    while moment.year == 2026:
        for probe in (moment, moment - timedelta(microseconds=1)):
            naive = probe.replace(tzinfo=None)
            stored = naive.isoformat(" ", "microseconds" if probe.microsecond else "seconds")
            assert sqlite_local_day(stored, zone) == probe.astimezone(local_zone).date().isoformat(), stored
        moment += timedelta(minutes=15)
