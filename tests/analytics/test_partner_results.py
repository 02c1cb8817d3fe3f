"""A partner's results and forecast (spec §5.3, api.md `GET /partners/{id}/results`), hand-computed."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest
from sqlmodel import Session

from rxcrm.analytics.partner_results import partner_results, results_text
from rxcrm.db.models import ExchangeRate, Opportunity, Partner, User
from rxcrm.domain.errors import NotFound, ValidationFailed
from rxcrm.services.pipeline.stages import list_stages
from tests.conftest import make_lead, make_opportunity, make_partner, make_user

NOV_5 = datetime(2026, 11, 5, 10, tzinfo=UTC)


def deal(
    session: Session, owner: User, partner: Partner | None, amount: str, probability: int, **kw: Any
) -> Opportunity:
    """A deal (EUR unless told) of the partner in a stage of its status' kind."""
    status = kw.pop("status", "open")
    stage = next(s for s in list_stages(session) if s.kind == status)
    values = {"currency": "EUR", "status": status, "stage_id": stage.id, **kw}
    partner_id = partner.id if partner else None
    return make_opportunity(
        session, owner, amount=Decimal(amount), probability=probability, partner_id=partner_id, **values
    )


@pytest.fixture
def network(session: Session, rep: User) -> tuple[Partner, Partner]:
    """Brightside's deals in EUR and USD (1 USD = 0.90 EUR), one in GBP without a rate; another partner's."""
    session.add(ExchangeRate(currency="USD", rate=Decimal("0.900000")))
    ours, theirs = make_partner(session, name="Brightside"), make_partner(session, name="Other")
    deal(session, rep, ours, "1000.00", 30, close_date=date(2026, 11, 10))  # weighted 300.00
    deal(session, rep, ours, "500.00", 50, currency="USD", close_date=date(2026, 11, 20))  # 450.00, w 225.00
    deal(
        session,
        rep,
        ours,
        "2000.00",
        100,
        status="won",
        close_date=date(2026, 12, 5),
        closed_at=datetime(2026, 12, 5, 9, tzinfo=UTC),
    )
    deal(
        session,
        rep,
        ours,
        "100.00",
        100,
        status="won",
        currency="USD",
        close_date=date(2026, 10, 1),
        closed_at=datetime(2026, 10, 1, 9, tzinfo=UTC),
    )  # 90.00
    deal(session, rep, ours, "700.00", 0, status="lost", close_date=date(2026, 11, 12))
    deal(session, rep, ours, "800.00", 50, currency="GBP", close_date=date(2026, 11, 15))  # no rate
    deal(session, rep, theirs, "5000.00", 50, close_date=date(2026, 11, 10))
    deal(session, rep, None, "999.00", 50, close_date=date(2026, 11, 10))
    make_lead(session, partner_id=ours.id, created_at=NOV_5)
    make_lead(session, partner_id=ours.id, created_at=NOV_5, status="disqualified")
    make_lead(session, partner_id=ours.id, created_at=datetime(2026, 10, 20, tzinfo=UTC))
    make_lead(session, partner_id=theirs.id, created_at=NOV_5)
    return ours, theirs


def test_all_time_results_add_both_currencies_in_the_board_currency(
    session: Session, rep: User, network: tuple[Partner, Partner]
) -> None:
    ours, _ = network
    assert results_text(partner_results(session, rep, ours.id)) == {
        "partner_id": ours.id,
        "leads": 3,
        "open_opportunities": 2,
        "open_amount": "1450.00",
        "won_count": 2,
        "won_amount": "2090.00",
        "weighted_forecast": "525.00",
        "currency": "EUR",
        "unconverted": 1,
    }


def test_a_range_counts_open_deals_by_close_date_won_by_closing_day_and_leads_by_arrival(
    session: Session, rep: User, network: tuple[Partner, Partner]
) -> None:
    ours, _ = network
    november = partner_results(session, rep, ours.id, "2026-11-01", "2026-11-30")
    assert (november["leads"], november["open_opportunities"], november["won_count"]) == (2, 2, 0)
    assert (november["open_amount"], november["weighted_forecast"]) == (Decimal("1450.00"), Decimal("525.00"))
    october = partner_results(session, rep, ours.id, "2026-10-01", "2026-10-31")
    assert (october["leads"], october["won_count"], october["won_amount"]) == (1, 1, Decimal("90.00"))


def test_the_partners_own_user_gets_the_same_numbers_and_another_partners_user_not_found(
    session: Session, rep: User, network: tuple[Partner, Partner]
) -> None:
    ours, theirs = network
    own = make_user(session, role="partner", partner_id=ours.id)
    stranger = make_user(session, role="partner", partner_id=theirs.id)
    assert partner_results(session, own, ours.id) == partner_results(session, rep, ours.id)
    with pytest.raises(NotFound):
        partner_results(session, stranger, ours.id)


def test_a_limited_user_counts_only_the_deals_he_sees(session: Session, rep: User) -> None:
    partner = make_partner(session)
    limited = make_user(session, access_level="limited_opportunities")
    deal(session, limited, partner, "400.00", 25, close_date=date(2026, 11, 1))
    deal(session, rep, partner, "600.00", 50, close_date=date(2026, 11, 1))
    mine = partner_results(session, limited, partner.id)
    assert (mine["open_opportunities"], mine["open_amount"], mine["weighted_forecast"]) == (
        1,
        Decimal("400.00"),
        Decimal("100.00"),
    )


def test_a_reversed_range_is_refused(session: Session, rep: User) -> None:
    partner = make_partner(session)
    with pytest.raises(ValidationFailed) as refused:
        partner_results(session, rep, partner.id, "2026-12-01", "2026-11-01")
    assert "to" in refused.value.fields


def test_a_partner_without_deals_has_zero_results(session: Session, rep: User) -> None:
    partner = make_partner(session)
    assert results_text(partner_results(session, rep, partner.id))["weighted_forecast"] == "0.00"
    assert partner_results(session, rep, partner.id)["open_amount"] == Decimal("0.00")
