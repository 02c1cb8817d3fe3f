"""Dashboard widgets (spec §6.2): each widget's figures on the fixed data set of `widget_data`, by hand."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time
from decimal import Decimal as D

import pytest
from sqlmodel import Session

from rxcrm.analytics.widget_charts import widget_summary
from rxcrm.analytics.widgets import WIDGETS, rows_json, widget_rows
from rxcrm.db.models import FieldVisibility, Project, User
from rxcrm.db.session import forget_cached
from rxcrm.domain.dashboards.widgets import CATALOGUE, WidgetParams
from rxcrm.domain.errors import Forbidden, NotFound
from rxcrm.services.people import time_zones
from rxcrm.services.people.field_visibility import ENTITY as VISIBILITY
from tests.analytics.widget_data import Q1, Crm, fixed_crm

ALL_TIME = WidgetParams()


@pytest.fixture
def crm(session: Session) -> Crm:
    return fixed_crm(session)


def rows(session: Session, actor: User, kind: str, params: WidgetParams = Q1) -> list[dict]:
    return widget_rows(session, actor, kind, params)


def test_every_catalogue_kind_has_a_widget_returning_its_fields(session: Session, crm: Crm) -> None:
    assert set(WIDGETS) == {k.kind for k in CATALOGUE}
    for entry in CATALOGUE:
        for row in rows(session, crm.director, entry.kind, ALL_TIME):
            assert tuple(row) == entry.fields


def test_an_unknown_widget_is_not_found(session: Session, crm: Crm) -> None:
    with pytest.raises(NotFound):
        widget_rows(session, crm.director, "horoscope", Q1)


def test_pipeline_by_stage_counts_open_deals_closing_in_range_per_open_stage(
    session: Session, crm: Crm
) -> None:
    s = crm.stages
    assert rows(session, crm.director, "pipeline_by_stage") == [
        {"stage_id": s["Prospecting"], "stage": "Prospecting", "count": 1, "amount": D("1000.00")},
        {"stage_id": s["Qualification"], "stage": "Qualification", "count": 0, "amount": D("0.00")},
        {"stage_id": s["Needs analysis"], "stage": "Needs analysis", "count": 0, "amount": D("0.00")},
        {"stage_id": s["Proposal"], "stage": "Proposal", "count": 1, "amount": D("200.00")},
        {"stage_id": s["Negotiation"], "stage": "Negotiation", "count": 0, "amount": D("0.00")},
    ]


def test_pipeline_without_range_converts_usd_and_leaves_out_deals_without_rate(
    session: Session, crm: Crm
) -> None:
    figures = [
        (r["stage"], r["count"], r["amount"])
        for r in rows(session, crm.director, "pipeline_by_stage", ALL_TIME)
    ]
    assert figures == [
        ("Prospecting", 1, D("1000.00")),
        ("Qualification", 1, D("300.00")),
        ("Needs analysis", 0, D("0.00")),
        ("Proposal", 2, D("2200.00")),
        ("Negotiation", 0, D("0.00")),
    ]


def test_pipeline_stage_filter_keeps_only_that_stage(session: Session, crm: Crm) -> None:
    params = replace(Q1, stage_id=crm.stages["Proposal"])
    assert [
        (r["stage"], r["count"], r["amount"])
        for r in rows(session, crm.director, "pipeline_by_stage", params)
    ] == [("Proposal", 1, D("200.00"))]


def test_funnel_counts_deals_created_in_range_that_reached_each_stage(session: Session, crm: Crm) -> None:
    assert [(r["stage"], r["count"]) for r in rows(session, crm.director, "funnel")] == [
        ("Prospecting", 9),
        ("Qualification", 8),
        ("Needs analysis", 7),
        ("Proposal", 7),
        ("Negotiation", 5),
    ]


def test_funnel_of_one_owner(session: Session, crm: Crm) -> None:
    params = replace(Q1, owner_id=crm.ann.id)
    assert [r["count"] for r in rows(session, crm.director, "funnel", params)] == [3, 2, 2, 2, 1]


def test_revenue_by_month_counts_won_deals_closed_in_range_to_the_last_minute(
    session: Session, crm: Crm
) -> None:
    assert rows(session, crm.director, "revenue") == [
        {"period": "2026-01", "amount": D("3000.00")},
        {"period": "2026-02", "amount": D("500.00")},
        {"period": "2026-03", "amount": D("700.00")},
    ]


def test_revenue_by_quarter_and_by_week(session: Session, crm: Crm) -> None:
    assert rows(session, crm.director, "revenue", replace(ALL_TIME, period="quarter")) == [
        {"period": "2026-Q1", "amount": D("4200.00")},
        {"period": "2026-Q2", "amount": D("3000.00")},
    ]
    weeks = rows(session, crm.director, "revenue", replace(Q1, period="week"))
    assert [r["period"] for r in weeks] == [f"2026-W{n:02d}" for n in range(1, 15)]  # empty weeks at 0
    assert {r["period"]: r["amount"] for r in weeks if r["amount"]} == {
        "2026-W03": D("3000.00"),
        "2026-W08": D("500.00"),
        "2026-W14": D("700.00"),
    }


def test_revenue_filters_owner_team_partner_and_campaign(session: Session, crm: Crm) -> None:
    def months(**kw: object) -> list[tuple[str, D]]:
        return [(r["period"], r["amount"]) for r in rows(session, crm.director, "revenue", replace(Q1, **kw))]

    zero = D("0.00")
    assert months(owner_id=crm.ann.id) == [("2026-01", D("3000.00")), ("2026-02", zero), ("2026-03", zero)]
    assert months(team="West") == [("2026-01", zero), ("2026-02", D("500.00")), ("2026-03", D("700.00"))]
    west = [("2026-01", zero), ("2026-02", D("500.00")), ("2026-03", D("700.00"))]
    assert months(partner_id=crm.p1.id) == west
    assert months(campaign_id=crm.c1.id) == [("2026-01", D("3000.00")), ("2026-02", zero), ("2026-03", zero)]
    assert months(team="Nowhere") == [("2026-01", zero), ("2026-02", zero), ("2026-03", zero)]


def test_on_a_projects_overview_only_that_projects_deals_count(session: Session, crm: Crm) -> None:
    region = Project(name="South region")
    session.add(region)
    session.flush()
    for deal in crm.deals.values():
        if deal.owner_id == crm.ann.id:
            deal.project_id = region.id
            session.add(deal)
    session.flush()
    in_region = replace(Q1, project_id=region.id)
    assert rows(session, crm.director, "revenue", in_region) == [
        {"period": "2026-01", "amount": D("3000.00")},
        {"period": "2026-02", "amount": D("0.00")},
        {"period": "2026-03", "amount": D("0.00")},
    ]
    assert [r["user_id"] for r in rows(session, crm.director, "won_by_person", in_region)] == [crm.ann.id]


def test_won_by_person_biggest_first(session: Session, crm: Crm) -> None:
    assert rows(session, crm.director, "won_by_person") == [
        {"user_id": crm.ann.id, "count": 1, "amount": D("3000.00")},
        {"user_id": crm.lina.id, "count": 1, "amount": D("700.00")},
        {"user_id": crm.bob.id, "count": 1, "amount": D("500.00")},
    ]
    assert rows(session, crm.director, "won_by_person", ALL_TIME)[0] == {
        "user_id": crm.bob.id,
        "count": 2,
        "amount": D("3500.00"),
    }


def test_leaderboard_ranks_owners_by_won_amount(session: Session, crm: Crm) -> None:
    assert rows(session, crm.director, "leaderboard", ALL_TIME) == [
        {"user_id": crm.bob.id, "rank": 1, "amount": D("3500.00")},
        {"user_id": crm.ann.id, "rank": 2, "amount": D("3000.00")},
        {"user_id": crm.lina.id, "rank": 3, "amount": D("700.00")},
    ]


def test_leaderboard_gives_equal_amounts_the_same_rank(session: Session, crm: Crm) -> None:
    params = WidgetParams(date(2026, 3, 1), date(2026, 4, 30))  # bob 3000 (d10), lina 700 (d7)
    crm.deals["d7"].amount = D("3000")
    session.add(crm.deals["d7"])
    crm.deals["d5"].closed_at = crm.deals["d7"].closed_at
    session.add(crm.deals["d5"])
    session.flush()
    assert [(r["user_id"], r["rank"]) for r in rows(session, crm.director, "leaderboard", params)] == [
        (crm.ann.id, 1),
        (crm.bob.id, 1),
        (crm.lina.id, 1),
    ]
    crm.deals["d10"].amount = D("100")
    session.add(crm.deals["d10"])
    session.flush()
    assert [r["rank"] for r in rows(session, crm.director, "leaderboard", params)] == [1, 1, 3]


def test_forecast_weights_open_deals_by_close_month(session: Session, crm: Crm) -> None:
    assert rows(session, crm.director, "forecast") == [
        {"period": "2026-01", "weighted_amount": D("0.00")},
        {"period": "2026-02", "weighted_amount": D("0.00")},
        {"period": "2026-03", "weighted_amount": D("200.00")},
    ]
    assert rows(session, crm.director, "forecast", ALL_TIME) == [
        {"period": "2026-03", "weighted_amount": D("200.00")},
        {"period": "2026-04", "weighted_amount": D("1200.00")},
        {"period": "2026-05", "weighted_amount": D("60.00")},
    ]
    assert rows(session, crm.director, "forecast", replace(ALL_TIME, period="quarter")) == [
        {"period": "2026-Q1", "weighted_amount": D("200.00")},
        {"period": "2026-Q2", "weighted_amount": D("1260.00")},
    ]


def test_partners_count_won_deals_and_amount(session: Session, crm: Crm) -> None:
    assert rows(session, crm.director, "partners") == [
        {"partner_id": crm.p1.id, "count": 2, "amount": D("1200.00")}
    ]


def test_campaigns_show_leads_won_amount_and_cost_in_board_currency(session: Session, crm: Crm) -> None:
    assert rows(session, crm.director, "campaigns") == [
        {"campaign_id": crm.c1.id, "leads": 2, "won_amount": D("3000.00"), "cost": D("1000.00")},
        {"campaign_id": crm.c2.id, "leads": 1, "won_amount": D("0.00"), "cost": D("150.00")},
    ]


def test_lead_conversion_per_month_and_per_owner(session: Session, crm: Crm) -> None:
    assert rows(session, crm.director, "lead_conversion") == [
        {"period": "2026-01", "leads": 1, "qualified": 1, "rate": 100.0},
        {"period": "2026-02", "leads": 2, "qualified": 1, "rate": 50.0},
        {"period": "2026-03", "leads": 1, "qualified": 0, "rate": 0.0},
    ]
    assert rows(
        session, crm.director, "lead_conversion", replace(Q1, owner_id=crm.ann.id, period="quarter")
    ) == [{"period": "2026-Q1", "leads": 2, "qualified": 2, "rate": 100.0}]


def test_activities_per_category_and_author_skip_private_accounts_and_unsigned(
    session: Session, crm: Crm
) -> None:
    assert rows(session, crm.director, "activities") == [
        {"category": "Call", "user_id": crm.ann.id, "count": 2},
        {"category": "Call", "user_id": crm.bob.id, "count": 1},
        {"category": "Meeting", "user_id": crm.ann.id, "count": 1},
        {"category": "E-mail", "user_id": crm.lina.id, "count": 1},
    ]
    assert rows(session, crm.bob, "activities", replace(Q1, team="West")) == [
        {"category": "Call", "user_id": crm.bob.id, "count": 1},
        {"category": "Meeting", "user_id": crm.bob.id, "count": 1},
        {"category": "E-mail", "user_id": crm.lina.id, "count": 1},
    ]


def _today(monkeypatch: pytest.MonkeyPatch, day: date) -> None:
    monkeypatch.setattr(time_zones, "utcnow", lambda: datetime.combine(day, time(12), tzinfo=UTC))


def _target(user: User, period: str, target: str, actual: str) -> dict:
    return {"user_id": user.id, "period": period, "target": D(target), "actual": D(actual)}


def test_targets_per_rep_and_month_against_won_amount(
    session: Session, crm: Crm, monkeypatch: pytest.MonkeyPatch
) -> None:
    _today(monkeypatch, date(2026, 12, 5))  # Q1 has elapsed: its targets count whole
    assert rows(session, crm.director, "targets") == [
        _target(crm.ann, "2026-01", "2500.00", "3000.00"),
        _target(crm.ann, "2026-02", "2500.00", "0.00"),
        _target(crm.ann, "2026-03", "0.00", "0.00"),
        _target(crm.bob, "2026-01", "0.00", "0.00"),
        _target(crm.bob, "2026-02", "1000.00", "500.00"),
        _target(crm.bob, "2026-03", "0.00", "0.00"),
        _target(crm.lina, "2026-01", "0.00", "0.00"),
        _target(crm.lina, "2026-02", "0.00", "0.00"),
        _target(crm.lina, "2026-03", "800.00", "700.00"),
    ]
    assert rows(session, crm.director, "targets", replace(Q1, period="quarter", team="East")) == [
        _target(crm.ann, "2026-Q1", "5000.00", "3000.00")
    ]


def test_targets_compare_to_date_months_to_come_do_not_count(
    session: Session, crm: Crm, monkeypatch: pytest.MonkeyPatch
) -> None:
    _today(monkeypatch, date(2026, 4, 10))  # 10 of April's 30 days gone by
    first_half = WidgetParams(date(2026, 1, 1), date(2026, 6, 30))
    got = rows(session, crm.director, "targets", replace(first_half, owner_id=crm.ann.id))
    # ann: April's 9999 pro-rated to 10/30 days = 3333.00; May and June are still to come: not shown
    assert got == [
        _target(crm.ann, "2026-01", "2500.00", "3000.00"),
        _target(crm.ann, "2026-02", "2500.00", "0.00"),
        _target(crm.ann, "2026-03", "0.00", "0.00"),
        _target(crm.ann, "2026-04", "3333.00", "0.00"),
    ]
    # Without a range: the current quarter up to today (bob won d10, 3000, on 2 April)
    assert rows(session, crm.director, "targets", WidgetParams(period="quarter")) == [
        _target(crm.ann, "2026-Q2", "3333.00", "0.00"),
        _target(crm.bob, "2026-Q2", "0.00", "3000.00"),
    ]
    assert widget_summary("targets", rows(session, crm.director, "targets", WidgetParams())) == (
        "90% of target to date"  # 3000 / 3333 by hand
    )
    _today(monkeypatch, date(2025, 12, 31))
    assert rows(session, crm.director, "targets", Q1) == []  # nothing of the range has elapsed


def test_a_limited_rep_sees_only_figures_of_deals_she_may_see(session: Session, crm: Crm) -> None:
    lina = crm.lina
    assert rows(session, lina, "revenue", ALL_TIME) == [{"period": "2026-03", "amount": D("700.00")}]
    assert [
        (r["stage"], r["count"]) for r in rows(session, lina, "pipeline_by_stage", ALL_TIME) if r["count"]
    ] == [("Qualification", 1)]
    assert rows(session, lina, "activities") == [{"category": "E-mail", "user_id": lina.id, "count": 1}]
    assert rows(session, lina, "targets", replace(Q1, date_from=date(2026, 3, 1))) == [
        {"user_id": lina.id, "period": "2026-03", "target": D("800.00"), "actual": D("700.00")}
    ]
    assert rows(session, lina, "leaderboard", ALL_TIME) == [
        {"user_id": lina.id, "rank": 1, "amount": D("700.00")}
    ]
    assert [r["count"] for r in rows(session, lina, "funnel")] == [2, 2, 1, 1, 1]
    assert rows(session, lina, "campaigns") == [
        {"campaign_id": crm.c1.id, "leads": 2, "won_amount": D("0.00"), "cost": D("1000.00")},
        {"campaign_id": crm.c2.id, "leads": 1, "won_amount": D("0.00"), "cost": D("150.00")},
    ]


def test_money_widgets_are_refused_when_the_amount_is_hidden(session: Session, crm: Crm) -> None:
    session.add(FieldVisibility(entity="opportunity", field="amount", roles=["director"]))
    session.flush()
    forget_cached(session, VISIBILITY)
    for kind in (
        "pipeline_by_stage",
        "revenue",
        "won_by_person",
        "targets",
        "leaderboard",
        "forecast",
        "campaigns",
    ):
        with pytest.raises(Forbidden):
            rows(session, crm.ann, kind)
    assert rows(session, crm.ann, "funnel")[0]["count"] == 9
    assert rows(session, crm.director, "revenue")[0]["amount"] == D("3000.00")


def test_rows_json_writes_money_as_text_with_two_decimals(session: Session, crm: Crm) -> None:
    assert rows_json(rows(session, crm.director, "partners")) == [
        {"partner_id": crm.p1.id, "count": 2, "amount": "1200.00"}
    ]


def test_forecast_counts_open_deals_only_even_won_ones_with_a_close_date(session: Session, crm: Crm) -> None:
    won = crm.deals["d5"]  # won 3000 EUR, given an expected close date in June
    won.close_date, won.probability = date(2026, 6, 15), 100
    session.add(won)
    session.flush()
    june = WidgetParams(date(2026, 6, 1), date(2026, 6, 30))
    assert rows(session, crm.director, "forecast", june) == [
        {"period": "2026-06", "weighted_amount": D("0.00")}
    ]


def test_lead_conversion_shows_every_month_of_the_range_empty_ones_at_zero(
    session: Session, crm: Crm
) -> None:
    spring = rows(session, crm.director, "lead_conversion", WidgetParams(date(2026, 2, 1), date(2026, 5, 31)))
    assert [(r["period"], r["leads"], r["rate"]) for r in spring] == [
        ("2026-02", 2, 50.0),
        ("2026-03", 1, 0.0),
        ("2026-04", 1, 100.0),
        ("2026-05", 0, 0.0),
    ]
