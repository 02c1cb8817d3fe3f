"""A campaign's results (spec §5.4, api.md `GET /campaigns/{id}/results`), hand-computed, and the dashboard
widget that shares their query."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest
from sqlmodel import Session

from rxcrm.analytics.campaign_results import results_of_campaign, results_text
from rxcrm.analytics.widgets_marketing import campaigns as campaigns_widget
from rxcrm.db.models import Campaign, ExchangeRate, Opportunity, User
from rxcrm.domain.dashboards.widgets import WidgetParams
from rxcrm.domain.errors import Forbidden, NotFound
from rxcrm.services.leads.campaigns import create_campaign
from rxcrm.services.pipeline.stages import list_stages
from tests.conftest import make_lead, make_opportunity, make_partner, make_user

CLOSED = datetime(2026, 11, 5, 10, tzinfo=UTC)


def deal(
    session: Session, owner: User, campaign: Campaign, amount: str, status: str, **kw: Any
) -> Opportunity:
    """A deal of the campaign (EUR unless told) in a stage of its status' kind."""
    stage = next(s for s in list_stages(session) if s.kind == status)
    closed = {"closed_at": CLOSED} if status != "open" else {}
    values = {"currency": "EUR", "status": status, "stage_id": stage.id, "campaign_id": campaign.id, **closed}
    return make_opportunity(session, owner, amount=Decimal(amount), **{**values, **kw})


@pytest.fixture
def fair(session: Session, admin: User, rep: User) -> Campaign:
    """A trade fair that cost 1,000.00 USD (1 USD = 0.90 EUR, so 900.00 EUR) with five leads and deals in
    EUR, USD and GBP (no rate); another campaign's lead and deal count for that one only."""
    session.add(ExchangeRate(currency="USD", rate=Decimal("0.900000")))
    campaign = create_campaign(session, admin, {"name": "Fair", "cost": "1000.00", "currency": "USD"})
    other = create_campaign(session, admin, {"name": "Webinar", "cost": "50.00"})
    for status in ("open", "open", "qualified", "disqualified", "disqualified"):
        make_lead(session, campaign_id=campaign.id, status=status, owner_id=rep.id)
    make_lead(session, campaign_id=other.id)
    deal(session, rep, campaign, "2000.00", "won")
    deal(session, rep, campaign, "500.00", "won", currency="USD")  # 450.00 EUR
    deal(session, rep, campaign, "700.00", "won", currency="GBP")  # no rate: left out
    deal(session, rep, campaign, "300.00", "open")
    deal(session, rep, campaign, "800.00", "lost")
    deal(session, rep, other, "9999.00", "won")
    session.commit()
    return campaign


def test_results_match_the_hand_computed_numbers_in_the_board_currency(
    session: Session, rep: User, fair: Campaign
) -> None:
    results = results_text(results_of_campaign(session, rep, fair.id))
    assert results == {
        "campaign_id": fair.id,
        "leads": 5,
        "qualified": 1,
        "disqualified": 2,
        "open_opportunities": 1,
        "won_count": 2,
        "won_amount": "2450.00",
        "cost": "900.00",
        "cost_per_lead": "180.00",
        "roi_percent": "172.2",  # (2450 − 900) / 900 × 100 = 172.22…
        "currency": "EUR",
    }


def test_the_dashboard_widget_shows_the_same_leads_won_amount_and_cost(
    session: Session, rep: User, fair: Campaign
) -> None:
    rows = {r["campaign_id"]: r for r in campaigns_widget(session, rep, WidgetParams())}
    assert rows[fair.id] == {
        "campaign_id": fair.id,
        "leads": 5,
        "won_amount": Decimal("2450.00"),
        "cost": Decimal("900.00"),
    }


def test_a_limited_rep_counts_only_the_leads_and_deals_he_manages(
    session: Session, rep: User, fair: Campaign
) -> None:
    limited = make_user(session, role="rep", access_level="limited_crm")
    make_lead(session, campaign_id=fair.id, status="qualified", owner_id=limited.id)
    deal(session, limited, fair, "100.00", "won")
    session.commit()
    results = results_of_campaign(session, limited, fair.id)
    assert (results["leads"], results["qualified"], results["won_count"]) == (1, 1, 1)
    assert (results["won_amount"], results["cost_per_lead"]) == (Decimal("100.00"), Decimal("900.00"))


def test_roi_is_null_without_cost_and_cost_per_lead_is_null_without_leads(
    session: Session, admin: User
) -> None:
    free = create_campaign(session, admin, {"name": "Word of mouth", "cost": "0"})
    paid = create_campaign(session, admin, {"name": "Billboard", "cost": "250.00"})
    session.commit()
    unpaid = results_of_campaign(session, admin, free.id)
    assert (unpaid["roi_percent"], unpaid["cost_per_lead"], unpaid["leads"]) == (None, None, 0)
    nothing_yet = results_of_campaign(session, admin, paid.id)
    assert (nothing_yet["cost_per_lead"], nothing_yet["roi_percent"]) == (None, Decimal("-100.0"))


def test_a_cost_in_a_currency_without_a_rate_is_unknown_and_so_are_its_ratios(
    session: Session, admin: User
) -> None:
    campaign = create_campaign(session, admin, {"name": "London", "cost": "400.00", "currency": "GBP"})
    make_lead(session, campaign_id=campaign.id)
    session.commit()
    results = results_of_campaign(session, admin, campaign.id)
    assert (results["cost"], results["cost_per_lead"], results["roi_percent"]) == (None, None, None)


def test_a_partner_user_gets_no_results_and_a_missing_campaign_is_not_found(
    session: Session, admin: User, fair: Campaign
) -> None:
    partner_user = make_user(session, role="partner", partner_id=make_partner(session).id)
    session.commit()
    with pytest.raises(Forbidden):
        results_of_campaign(session, partner_user, fair.id)
    with pytest.raises(NotFound):
        results_of_campaign(session, admin, fair.id + 100)
