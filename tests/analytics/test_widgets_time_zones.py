"""Day-based figures on the viewer's calendar: a moment near midnight UTC is another day in Tokyo.

The fixed data set's d7 (Lina, 700 EUR) was won at 2026-03-31 23:30 UTC: 1 April 08:30 in Tokyo,
31 March 16:30 in Los Angeles. It counts in March for a UTC director and in April for one in Tokyo.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal as D

import pytest
from sqlmodel import Session

from rxcrm.analytics.forecast import forecast_rows, forecast_table
from rxcrm.analytics.widget_lead_lists import leads_total
from rxcrm.analytics.widget_lists import behind_total
from rxcrm.analytics.widgets import widget_rows
from rxcrm.domain.dashboards.widgets import WidgetParams
from rxcrm.domain.pipeline.forecast import ForecastQuery
from rxcrm.services.people import time_zones
from tests.analytics.widget_data import Q1, Crm, fixed_crm
from tests.conftest import make_lead

MONTHLY = WidgetParams(period="month")
APRIL = WidgetParams(date(2026, 4, 1), date(2026, 4, 30))


@pytest.fixture
def crm(session: Session, monkeypatch: pytest.MonkeyPatch) -> Crm:
    monkeypatch.setattr(time_zones, "utcnow", lambda: datetime(2026, 12, 5, 12, tzinfo=UTC))
    return fixed_crm(session)


def _in(crm: Crm, zone: str | None) -> Crm:
    crm.director.time_zone = zone
    return crm


def _revenue(session: Session, crm: Crm, params: WidgetParams) -> dict[str, D]:
    return {r["period"]: r["amount"] for r in widget_rows(session, crm.director, "revenue", params)}


def test_a_deal_won_late_on_31_march_utc_is_april_revenue_in_tokyo(session: Session, crm: Crm) -> None:
    utc = _revenue(session, _in(crm, None), MONTHLY)
    assert utc == {
        "2026-01": D("3000.00"),
        "2026-02": D("500.00"),
        "2026-03": D("700.00"),
        "2026-04": D("3000.00"),
    }
    assert _revenue(session, _in(crm, "America/Los_Angeles"), MONTHLY) == utc
    tokyo = _revenue(session, _in(crm, "Asia/Tokyo"), MONTHLY)
    assert tokyo == {
        "2026-01": D("3000.00"),
        "2026-02": D("500.00"),
        "2026-03": D("0.00"),
        "2026-04": D("3700.00"),
    }


def test_a_range_of_days_is_the_viewers_days_and_the_list_behind_agrees(session: Session, crm: Crm) -> None:
    for zone, q1, april in ((None, "4200.00", "3000.00"), ("Asia/Tokyo", "3500.00", "3700.00")):
        _in(crm, zone)
        assert sum(_revenue(session, crm, Q1).values()) == D(q1)
        assert sum(_revenue(session, crm, APRIL).values()) == D(april)
        assert behind_total(session, crm.director, "revenue", Q1).amount == D(q1)
        won = {r["user_id"]: r["amount"] for r in widget_rows(session, crm.director, "won_by_person", APRIL)}
        assert won.get(crm.lina.id) == (None if zone is None else D("700.00"))


def test_targets_compare_the_months_of_the_viewers_calendar(session: Session, crm: Crm) -> None:
    def lina(zone: str | None) -> list[tuple[str, D, D]]:
        rows = widget_rows(session, _in(crm, zone).director, "targets", Q1)
        return [(r["period"], r["target"], r["actual"]) for r in rows if r["user_id"] == crm.lina.id]

    assert lina(None)[-1] == ("2026-03", D("800.00"), D("700.00"))
    assert lina("Asia/Tokyo")[-1] == ("2026-03", D("800.00"), D("0.00"))


def test_the_forecast_page_puts_won_deals_on_the_viewers_closing_day(session: Session, crm: Crm) -> None:
    def lina_won(zone: str | None) -> dict[str, str]:
        table = forecast_table(session, _in(crm, zone).director, ForecastQuery(period="month", group="owner"))
        return {r["period"]: r["won_amount"] for r in forecast_rows(table) if r["group_label"] == "Lina"}

    assert lina_won(None)["2026-03"] == "700.00"
    assert lina_won("Asia/Tokyo").get("2026-03", "0.00") == "0.00"
    assert lina_won("Asia/Tokyo")["2026-04"] == "700.00"
    in_april = forecast_table(session, crm.director, ForecastQuery(date_from=date(2026, 4, 1), group="owner"))
    assert any(r["group_label"] == "Lina" and r["won_amount"] == "700.00" for r in forecast_rows(in_april))


def test_activities_count_on_the_viewers_days(session: Session, crm: Crm) -> None:
    # ann's meeting at 03-31 23:00 UTC is 1 April in Tokyo; her call at 04-01 00:00 UTC is 31 March in LA
    def ann(zone: str | None) -> dict[str, int]:
        rows = widget_rows(session, _in(crm, zone).director, "activities", Q1)
        return {r["category"]: r["count"] for r in rows if r["user_id"] == crm.ann.id}

    assert ann(None) == {"Call": 2, "Meeting": 1}
    assert ann("Asia/Tokyo") == {"Call": 2}
    assert ann("America/Los_Angeles") == {"Call": 3, "Meeting": 1}


def test_leads_are_received_on_the_viewers_day(session: Session, crm: Crm) -> None:
    make_lead(session, owner_id=crm.ann.id, created_at=datetime(2026, 3, 31, 23, 30, tzinfo=UTC))

    def conversion(zone: str | None) -> dict[str, int]:
        rows = widget_rows(session, _in(crm, zone).director, "lead_conversion", MONTHLY)
        return {r["period"]: r["leads"] for r in rows}

    assert conversion(None)["2026-03"] == 2 and conversion(None)["2026-04"] == 1
    assert conversion("Asia/Tokyo")["2026-03"] == 1 and conversion("Asia/Tokyo")["2026-04"] == 2
    assert (
        leads_total(session, _in(crm, "Asia/Tokyo").director, replace(APRIL, owner_id=crm.ann.id)).count == 2
    )
