"""The list a widget title opens holds exactly the deals behind the widget's number (fixed data set)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal as D

import pytest
from sqlmodel import Session

from rxcrm.analytics.widget_lead_lists import lead_page_behind, leads_total
from rxcrm.analytics.widget_lists import BEHIND, behind_total, page_behind
from rxcrm.analytics.widgets import widget_rows
from rxcrm.domain.dashboards.widgets import WidgetParams
from rxcrm.domain.errors import NotFound
from rxcrm.services.people import time_zones
from rxcrm.services.records.listing import FIRST_PAGE, ListWindow
from tests.analytics.widget_data import Q1, Crm, at, fixed_crm
from tests.conftest import make_lead, make_user

ALL_TIME = WidgetParams()
# The widget's number (summed from its rows) that the list behind it must total.
HEADLINE = {
    "pipeline_by_stage": "amount",
    "revenue": "amount",
    "won_by_person": "amount",
    "leaderboard": "amount",
    "targets": "actual",
    "partners": "amount",
}


@pytest.fixture
def crm(session: Session, monkeypatch: pytest.MonkeyPatch) -> Crm:
    monkeypatch.setattr(time_zones, "utcnow", lambda: datetime(2026, 12, 5, 12, tzinfo=UTC))
    return fixed_crm(session)


@pytest.mark.parametrize("kind", sorted(HEADLINE))
@pytest.mark.parametrize(
    "narrowing", [{}, {"team": "West"}, {"owner_id": "ann"}, {"partner_id": "p1"}, {"all_time": True}]
)
def test_the_list_behind_a_widget_totals_its_number(
    session: Session, crm: Crm, kind: str, narrowing: dict
) -> None:
    params = ALL_TIME if narrowing.get("all_time") else Q1
    if "team" in narrowing:
        params = replace(params, team=narrowing["team"])
    if "owner_id" in narrowing:
        params = replace(params, owner_id=crm.ann.id)
    if "partner_id" in narrowing:
        params = replace(params, partner_id=crm.p1.id)
    number = sum((r[HEADLINE[kind]] for r in widget_rows(session, crm.director, kind, params)), D(0))
    total = behind_total(session, crm.director, kind, params)
    assert total.amount == number
    assert page_behind(session, crm.director, kind, params, FIRST_PAGE).total == total.count


def test_pipeline_list_is_the_open_deals_closing_in_range_without_unconvertible_ones(
    session: Session, crm: Crm
) -> None:
    page = page_behind(session, crm.director, "pipeline_by_stage", Q1, ListWindow(sort="name"))
    # d1 (1000 EUR) and d3 (400 USD = 200 EUR) close in Q1; d4 is in CHF, which has no rate
    assert {d.id for d in page.items} == {crm.deals["d1"].id, crm.deals["d3"].id}
    assert behind_total(session, crm.director, "pipeline_by_stage", Q1).amount == D("1200.00")
    rows = widget_rows(session, crm.director, "pipeline_by_stage", Q1)
    assert sum(r["count"] for r in rows) == page.total


def test_forecast_list_is_open_deals_only_and_weighs_to_the_widgets_figure(
    session: Session, crm: Crm
) -> None:
    page = page_behind(session, crm.director, "forecast", ALL_TIME, ListWindow(sort="name"))
    assert {d.status for d in page.items} == {"open"}  # won and lost deals are revenue, not forecast
    rows = widget_rows(session, crm.director, "forecast", ALL_TIME)
    weighted = sum((r["weighted_amount"] for r in rows), D(0))
    rate = {"EUR": D(1), "USD": D("0.5")}
    assert sum(d.amount * rate[d.currency] * d.probability / 100 for d in page.items) == weighted


def test_a_limited_rep_sees_only_her_deals_behind_a_widget(session: Session, crm: Crm) -> None:
    page = page_behind(session, crm.lina, "revenue", ALL_TIME, FIRST_PAGE)
    assert [d.id for d in page.items] == [crm.deals["d7"].id]


def test_widgets_without_a_deal_list_are_not_found(session: Session, crm: Crm) -> None:
    assert "activities" not in BEHIND
    with pytest.raises(NotFound):
        behind_total(session, crm.director, "activities", Q1)


@pytest.mark.parametrize(
    "narrowing", [{}, {"team": "West"}, {"owner_id": "bob"}, {"partner_id": "p1"}, {"stage_id": "Proposal"}]
)
def test_the_funnel_list_holds_the_deals_that_entered_the_funnel(
    session: Session, crm: Crm, narrowing: dict
) -> None:
    params = replace(
        Q1,
        team=narrowing.get("team"),
        owner_id=crm.bob.id if "owner_id" in narrowing else None,
        partner_id=crm.p1.id if "partner_id" in narrowing else None,
        stage_id=crm.stages["Proposal"] if "stage_id" in narrowing else None,
    )
    entered = widget_rows(session, crm.director, "funnel", params)[0]["count"]
    page = page_behind(session, crm.director, "funnel", params, ListWindow(sort="name"))
    assert page.total == entered == behind_total(session, crm.director, "funnel", params).count
    assert "lost" not in {d.status for d in page.items}


def test_the_funnel_list_counts_unconvertible_deals_as_the_funnel_does(session: Session, crm: Crm) -> None:
    page = page_behind(session, crm.director, "funnel", Q1, ListWindow(sort="name"))
    # created in Q1 and not lost: d8 (lost) is out; d4 (CHF, no rate) counts like in the funnel
    expected = {"d1", "d2", "d3", "d4", "d5", "d6", "d7", "d9", "d10"}
    assert {d.id for d in page.items} == {crm.deals[k].id for k in expected}
    total = behind_total(session, crm.director, "funnel", Q1)
    # amounts in EUR, USD at 0.5, the CHF deal has no amount in the board currency
    assert (total.count, total.amount) == (9, D("1000") + 2000 + 200 + 3000 + 500 + 700 + 300 + 3000)


@pytest.mark.parametrize(
    "narrowing", [{}, {"team": "West"}, {"owner_id": "ann"}, {"campaign_id": "c1"}, {"all_time": True}]
)
def test_the_leads_behind_lead_conversion_are_the_widgets_leads_and_qualified_ones(
    session: Session, crm: Crm, narrowing: dict
) -> None:
    params = ALL_TIME if narrowing.get("all_time") else Q1
    params = replace(
        params,
        team=narrowing.get("team"),
        owner_id=crm.ann.id if "owner_id" in narrowing else None,
        campaign_id=crm.c1.id if "campaign_id" in narrowing else None,
    )
    rows = widget_rows(session, crm.director, "lead_conversion", params)
    total = leads_total(session, crm.director, params)
    assert (total.count, total.qualified) == (
        sum(r["leads"] for r in rows),
        sum(r["qualified"] for r in rows),
    )
    page = lead_page_behind(session, crm.director, params, FIRST_PAGE)
    assert page.total == total.count == len(page.items)
    assert sum(lead.status == "qualified" for lead in page.items) == total.qualified


def test_a_user_limited_to_his_records_sees_only_his_leads_behind_lead_conversion(
    session: Session, crm: Crm
) -> None:
    limited = make_user(session, name="Lou Limited", access_level="limited_crm")
    mine = make_lead(session, status="qualified", owner_id=limited.id, created_at=at("2026-02-01 09:00"))
    rows = widget_rows(session, limited, "lead_conversion", ALL_TIME)
    page = lead_page_behind(session, limited, ALL_TIME, FIRST_PAGE)
    assert [lead.id for lead in page.items] == [mine.id]
    assert sum(r["leads"] for r in rows) == leads_total(session, limited, ALL_TIME).count == 1
    assert leads_total(session, crm.director, ALL_TIME).count == 6
