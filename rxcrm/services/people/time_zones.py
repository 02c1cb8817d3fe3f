"""The user's time zone: saved on the user, and the zone every shown time is written in."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime

from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.db.types import utcnow
from rxcrm.domain.people.time_zones import check_time_zone, format_moment, today_in
from rxcrm.services.people.field_visibility import VIEWER

# The zone of the user an action runs for; read models write their times in it.
VIEWER_ZONE: ContextVar[str | None] = ContextVar("viewer_zone", default=None)


@contextmanager
def showing_times_in(zone: str | None) -> Iterator[None]:
    """Within the block, times shown to the user are in `zone` (UTC when None)."""
    token = VIEWER_ZONE.set(zone)
    try:
        yield
    finally:
        VIEWER_ZONE.reset(token)


def shown_time(moment: datetime) -> str:
    """A stored moment as the acting user reads it, in his or her own zone: the one datetime format."""
    return format_moment(moment, VIEWER_ZONE.get())


def today_for(user: User | None) -> date:
    """Today on the user's calendar (UTC without a user or zone): the day overdue and to-date rules use."""
    return today_in(user.time_zone if user is not None else None, utcnow())


def viewer_today(session: Session) -> date:
    """Today on the calendar of the user this unit of work acts for (set by the UI and the API)."""
    return today_for(session.info.get(VIEWER))


def set_time_zone(session: Session, user: User, zone: object) -> str:
    """Save the zone the user works in (an IANA name such as 'Europe/Berlin')."""
    user.time_zone = check_time_zone(zone)
    session.add(user)
    return user.time_zone
