"""Spec: times in the user's own zone — the zone is saved on the user; read models write times in it."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlmodel import Session

from rxcrm.db.models import Contract, User
from rxcrm.domain.errors import ValidationFailed
from rxcrm.domain.leads.lifecycle import RECEIVED_TODAY
from rxcrm.services.commerce.contract_rows import contract_rows
from rxcrm.services.commerce.contracts import ContractFilter, list_contracts
from rxcrm.services.leads.lifecycle import state_counts
from rxcrm.services.leads.stats import intraday
from rxcrm.services.people import time_zones
from rxcrm.services.people.field_visibility import VIEWER
from rxcrm.services.people.time_zones import (
    set_time_zone,
    showing_times_in,
    shown_time,
    today_for,
    viewer_today,
)
from rxcrm.services.pipeline.cards import card_rows
from rxcrm.services.records.display_text import text
from tests.conftest import make_account, make_lead, make_opportunity

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


LATE_UTC = datetime(2026, 3, 31, 23, 30, tzinfo=UTC)  # 1 April 08:30 in Tokyo, 31 March 16:30 in LA
ZONES = (None, "America/Los_Angeles", "Asia/Tokyo")


@pytest.fixture
def late_evening_utc(monkeypatch: pytest.MonkeyPatch) -> datetime:
    monkeypatch.setattr(time_zones, "utcnow", lambda: LATE_UTC)
    return LATE_UTC


def _as(session: Session, user: User, zone: str | None) -> User:
    user.time_zone = zone
    session.info[VIEWER] = user
    return user


def test_today_is_the_acting_users_day(session: Session, rep: User, late_evening_utc: datetime) -> None:
    days = [today_for(_as(session, rep, zone)) for zone in ZONES]
    assert days == [date(2026, 3, 31), date(2026, 3, 31), date(2026, 4, 1)]
    assert viewer_today(session) == date(2026, 4, 1)
    assert today_for(None) == date(2026, 3, 31)


def test_a_card_is_overdue_once_its_close_date_passed_on_the_viewers_calendar(
    session: Session, rep: User, late_evening_utc: datetime
) -> None:
    deal = make_opportunity(session, rep, close_date=date(2026, 3, 31))
    flags = []
    for zone in ZONES:
        _as(session, rep, zone)
        flags.append("overdue" in card_rows(session, [deal], ("close_date",))[0])
    assert flags == [False, False, True]


def test_received_today_is_the_users_today(session: Session, rep: User, late_evening_utc: datetime) -> None:
    make_lead(session, owner_id=rep.id, created_at=datetime(2026, 3, 31, 10, tzinfo=UTC))  # 19:00 in Tokyo
    make_lead(session, owner_id=rep.id, created_at=datetime(2026, 3, 31, 16, tzinfo=UTC))  # 1 April in Tokyo
    counts = [state_counts(session, _as(session, rep, zone))[RECEIVED_TODAY] for zone in ZONES]
    assert counts == [2, 2, 1]
    hours = intraday(session, _as(session, rep, "Asia/Tokyo"))
    assert hours["date"] == "2026-04-01"
    assert [(h["hour"], h["leads"]) for h in hours["hours"]] == [(1, 1)]
    assert [h["hour"] for h in intraday(session, _as(session, rep, None))["hours"]] == [10, 16]


def test_a_contract_ending_today_in_utc_has_expired_in_tokyo(
    session: Session, admin: User, late_evening_utc: datetime
) -> None:
    account = make_account(session)
    contract = Contract(name="Support", kind="term", start=date(2025, 4, 1), end=date(2026, 3, 31), amount=10)
    contract.account_id = account.id
    session.add(contract)
    session.flush()
    for zone, status in ((None, "active"), ("America/Los_Angeles", "active"), ("Asia/Tokyo", "expired")):
        actor = _as(session, admin, zone)
        listed = list_contracts(session, actor, ContractFilter(status=status)).items
        assert [c.id for c in listed] == [contract.id]
        assert contract_rows(session, [contract])[0]["status"] == status
