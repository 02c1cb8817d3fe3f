"""Times in the user's own zone: stored in UTC, shown and typed in the zone the user works in."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from rxcrm.domain.errors import ValidationFailed

DEFAULT_ZONE = "UTC"
MAX_ZONE = 64
# Zones whose clock is UTC all year: their days are UTC days, so SQL needs no conversion.
UTC_NAMES = frozenset(
    {"UTC", "UCT", "Universal", "Zulu", "GMT", "GMT0", "GMT+0", "GMT-0", "Greenwich"}
    | {
        f"Etc/{name}"
        for name in ("UTC", "UCT", "Universal", "Zulu", "GMT", "GMT0", "GMT+0", "GMT-0", "Greenwich")
    }
)


@lru_cache(maxsize=256)
def zone_of(name: str | None) -> ZoneInfo:
    """The zone of an IANA name; UTC when none is known yet or the name is not a zone."""
    try:
        return ZoneInfo(name or DEFAULT_ZONE)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(DEFAULT_ZONE)


def check_time_zone(name: object) -> str:
    """An IANA time zone name as a user may choose it ('Europe/Berlin'), else a validation error."""
    text = name.strip() if isinstance(name, str) else ""
    if len(text) > MAX_ZONE or text not in zone_names():
        raise ValidationFailed.from_fields({"time_zone": "must be a time zone like Europe/Berlin"})
    return text


@lru_cache(maxsize=1)
def zone_names() -> frozenset[str]:
    """Every IANA zone name this machine knows, plus UTC."""
    return frozenset(available_timezones()) | {DEFAULT_ZONE}


def local_moment(moment: datetime, zone: str | None) -> datetime:
    """A stored moment (aware, or naive meaning UTC) on the user's clock."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.astimezone(zone_of(zone))


def format_moment(moment: datetime, zone: str | None) -> str:
    """A stored moment as the user reads it: '2026-03-05 14:30 CET' in the user's zone (UTC if none)."""
    local = local_moment(moment, zone)
    return f"{local:%Y-%m-%d %H:%M} {local.tzname()}"


def moment_on(day: date, zone: str | None, now: datetime, at: time | None = None) -> datetime:
    """A moment (UTC) on a day the user picked: at the time given, else at the user's time of day now."""
    local_zone = zone_of(zone)
    clock = at if at is not None else now.astimezone(local_zone).time().replace(second=0, microsecond=0)
    return datetime.combine(day, clock, tzinfo=local_zone).astimezone(UTC)


def today_in(zone: str | None, now: datetime) -> date:
    """The day it is now on the user's clock (a moment near midnight UTC is another day elsewhere)."""
    return local_moment(now, zone).date()


def day_start_in(day: date, zone: str | None) -> datetime:
    """The moment (UTC) a day of the user's calendar begins: midnight on the user's clock."""
    return datetime.combine(day, time.min, tzinfo=zone_of(zone)).astimezone(UTC)


def days_span(
    first: date | None, last: date | None, zone: str | None
) -> tuple[datetime | None, datetime | None]:
    """The half-open moment range [first 00:00, the day after last 00:00) of the user's days."""
    start = day_start_in(first, zone) if first is not None else None
    end = day_start_in(last + timedelta(days=1), zone) if last is not None else None
    return start, end


def is_utc(zone: str | None) -> bool:
    """Whether the user's days are UTC days (no zone known, or a zone always at UTC+0)."""
    return zone_of(zone).key in UTC_NAMES
