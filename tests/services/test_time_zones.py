"""Spec: times in the user's own zone — the zone is saved on the user; read models write times in it."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.domain.errors import ValidationFailed
from rxcrm.services.read_models import text
from rxcrm.services.time_zones import set_time_zone, showing_times_in, shown_time

MOMENT = datetime(2026, 1, 15, 13, 5, tzinfo=UTC)


def test_the_users_zone_is_saved_and_a_wrong_one_refused(session: Session, rep: User) -> None:
    assert set_time_zone(session, rep, "Europe/Vienna") == "Europe/Vienna"
    session.flush()
    session.refresh(rep)
    assert rep.time_zone == "Europe/Vienna"
    with pytest.raises(ValidationFailed):
        set_time_zone(session, rep, "Europe/Atlantis")
    assert rep.time_zone == "Europe/Vienna"


def test_lists_records_and_history_write_times_in_the_acting_users_zone() -> None:
    assert text(MOMENT) == "2026-01-15 13:05 UTC"
    with showing_times_in("Europe/Berlin"):
        assert text(MOMENT) == shown_time(MOMENT) == "2026-01-15 14:05 CET"
    assert text(MOMENT) == "2026-01-15 13:05 UTC"
