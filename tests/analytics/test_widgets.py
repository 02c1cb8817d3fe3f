"""Dashboard widgets (spec §6.2): each widget's figures on the fixed data set of `widget_data`, by hand."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal as D

import pytest
from sqlmodel import Session

from rxcrm.analytics.widgets import WIDGETS, rows_json, widget_rows
from rxcrm.db.models import FieldVisibility, Project, User
from rxcrm.db.session import forget_cached
from rxcrm.domain.dashboards import CATALOGUE, WidgetParams
from rxcrm.domain.errors import Forbidden, NotFound
from rxcrm.services.field_visibility import ENTITY as VISIBILITY
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
    assert rows(session, crm.director, "revenue", replace(Q1, period="week")) == [
        {"period": "2026-W03", "amount": D("3000.00")},
        {"period": "2026-W08", "amount": D("500.00")},
        {"period": "2026-W14", "amount": D("700.00")},
    ]


def test_revenue_filters_owner_team_partner_and_campaign(session: Session, crm: Crm) -> None:
    def months(**kw: object) -> list[tuple[str, D]]:
        return [(r["period"], r["amount"]) for r in rows(session, crm.director, "revenue", replace(Q1, **kw))]

    assert months(owner_id=crm.ann.id) == [("2026-01", D("3000.00"))]
    assert months(team="West") == [("2026-02", D("500.00")), ("2026-03", D("700.00"))]
    assert months(partner_id=crm.p1.id) == [("2026-02", D("500.00")), ("2026-03", D("700.00"))]
    assert months(campaign_id=crm.c1.id) == [("2026-01", D("3000.00"))]
    assert months(team="Nowhere") == []


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
        {"period": "2026-01", "amount": D("3000.00")}
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
    assert rows(session, crm.director, "forecast") == [{"period": "2026-03", "weighted_amount": D("200.00")}]
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


def test_targets_per_rep_and_month_against_won_amount(session: Session, crm: Crm) -> None:
    assert rows(session, crm.director, "targets") == [
        {"user_id": crm.ann.id, "period": "2026-01", "target": D("2500.00"), "actual": D("3000.00")},
        {"user_id": crm.ann.id, "period": "2026-02", "target": D("2500.00"), "actual": D("0.00")},
        {"user_id": crm.bob.id, "period": "2026-02", "target": D("1000.00"), "actual": D("500.00")},
        {"user_id": crm.lina.id, "period": "2026-03", "target": D("800.00"), "actual": D("700.00")},
    ]
    assert rows(session, crm.director, "targets", replace(Q1, period="quarter", team="East")) == [
        {"user_id": crm.ann.id, "period": "2026-Q1", "target": D("5000.00"), "actual": D("3000.00")}
    ]


def test_a_limited_rep_sees_only_figures_of_deals_she_may_see(session: Session, crm: Crm) -> None:
    lina = crm.lina
    assert rows(session, lina, "revenue", ALL_TIME) == [{"period": "2026-03", "amount": D("700.00")}]
    assert [
        (r["stage"], r["count"]) for r in rows(session, lina, "pipeline_by_stage", ALL_TIME) if r["count"]
    ] == [("Qualification", 1)]
    assert rows(session, lina, "activities") == [{"category": "E-mail", "user_id": lina.id, "count": 1}]
    assert rows(session, lina, "targets") == [
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
