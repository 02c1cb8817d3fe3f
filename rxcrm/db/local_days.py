"""SQL for the user's calendar: the day (or hour) a stored UTC moment falls on in a time zone.

PostgreSQL converts with `timezone(zone, column)` (the columns are `timestamptz`). SQLite stores naive
UTC text and has no time zone rules, so every SQLite connection of the process gets two
deterministic SQL functions, `local_day(stored, zone)` and `local_hour(stored, zone)`, computed with
the same zone data as the rest of the app. A UTC zone needs no conversion at all and uses plain SQL.
"""

from __future__ import annotations

import re
import sqlite3
from datetime import UTC, datetime, time, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import Integer, cast, event, func, literal_column
from sqlalchemy.pool import Pool
from sqlmodel import Session

from rxcrm.domain.people.time_zones import DEFAULT_ZONE, is_utc, zone_of

ZONE_KEY = re.compile(r"[A-Za-z0-9_+\-/]+")


def _local(stored: str, zone: str | None) -> datetime:
    """A stored moment (SQLite text, naive = UTC) on the zone's clock."""
    moment = datetime.fromisoformat(stored)
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(zone_of(zone))


@lru_cache(maxsize=4096)
def _day_change(utc_day: str, zone: str | None) -> tuple[str, str, str] | None:
    """For one UTC day: (UTC time of day the zone's day changes, local day before, local day after).

    None on a day the zone changes its offset (summer time begins or ends): its moments are converted
    one by one. On other days the offset is constant, so the local day changes at most once.
    """
    local_zone = zone_of(zone)
    start = datetime.fromisoformat(utc_day).replace(tzinfo=UTC)
    first = start.astimezone(local_zone)
    if (start + timedelta(days=1)).astimezone(local_zone).utcoffset() != first.utcoffset():
        return None
    before = first.date()
    change = start + (datetime.combine(before + timedelta(days=1), time.min) - first.replace(tzinfo=None))
    if change >= start + timedelta(days=1):
        return ("24", before.isoformat(), before.isoformat())  # "24" sorts after every time of day
    return (change.time().isoformat(), before.isoformat(), (before + timedelta(days=1)).isoformat())


def sqlite_local_day(stored: str | None, zone: str | None) -> str | None:
    """'YYYY-MM-DD': the day a stored moment falls on in the zone (the SQLite function `local_day`).

    Naive UTC text as stored ('YYYY-MM-DD HH:MM:SS[.ffffff]') costs a string comparison against its
    UTC day's (cached) change of local day; anything else is converted in full.
    """
    if stored is None:
        return None
    change = _day_change(stored[:10], zone) if len(stored) in (19, 26) and stored[10] in " T" else None
    if change is None:
        return _local(stored, zone).date().isoformat()
    return change[2] if stored[11:] >= change[0] else change[1]


def sqlite_local_hour(stored: str | None, zone: str | None) -> int | None:
    """The hour (0-23) of a stored moment on the zone's clock (the SQLite function `local_hour`)."""
    return None if stored is None else _local(stored, zone).hour


@event.listens_for(Pool, "connect")
def _add_local_day_functions(dbapi_connection: Any, _record: Any) -> None:
    """Every SQLite connection, however its engine was made, knows the user's days."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        dbapi_connection.create_function("local_day", 2, sqlite_local_day, deterministic=True)
        dbapi_connection.create_function("local_hour", 2, sqlite_local_hour, deterministic=True)


def _zone_literal(zone: str | None) -> Any:
    """The zone's IANA name as an SQL string literal (a literal, so GROUP BY matches the select list)."""
    key = zone_of(zone).key
    return literal_column(f"'{key if ZONE_KEY.fullmatch(key) else DEFAULT_ZONE}'")


def _sqlite(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"


def local_day(session: Session, column: Any, zone: str | None) -> Any:
    """SQL: the day of a timestamp column on the zone's calendar ('YYYY-MM-DD' on SQLite, a date on PG)."""
    if _sqlite(session):
        return func.date(column) if is_utc(zone) else func.local_day(column, _zone_literal(zone))
    return func.date(func.timezone(_zone_literal(zone), column))


def local_month(session: Session, column: Any, zone: str | None) -> Any:
    """SQL: the month ('YYYY-MM') of a timestamp column on the zone's calendar."""
    if _sqlite(session):
        return func.substr(local_day(session, column, zone), 1, 7)
    return func.to_char(func.timezone(_zone_literal(zone), column), "YYYY-MM")


def local_hour(session: Session, column: Any, zone: str | None) -> Any:
    """SQL: the hour (0-23) of a timestamp column on the zone's clock."""
    if _sqlite(session):
        if is_utc(zone):
            return cast(func.strftime("%H", column), Integer)
        return func.local_hour(column, _zone_literal(zone), type_=Integer)
    return cast(func.extract("hour", func.timezone(_zone_literal(zone), column)), Integer)
