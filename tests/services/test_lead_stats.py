"""Lead statistics counted on a small fixed set of leads, against numbers worked out by hand."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlmodel import Session

from rxcrm.db.models import Campaign, Lead, User
from rxcrm.domain.errors import ValidationFailed
from rxcrm.domain.leads.stats import lead_stats_query
from rxcrm.services.leads.stats import intraday, lead_conversion, lead_statistics
from tests.conftest import make_user


def _at(day: str, hour: int, minute: int = 0) -> datetime:
    return datetime.fromisoformat(day).replace(hour=hour, minute=minute, tzinfo=UTC)


def seed_leads(session: Session, rep: User) -> dict[str, Any]:
    """Seven leads from late February to April 2026 (see each line), one more owner and a campaign."""
    other = make_user(session, name="Otto Other")
    spring = Campaign(name="Spring")
    session.add(spring)
    session.flush()
    rows = [
        # created, source, campaign, status, owner, routing
        (_at("2026-03-02", 9, 15), "web", spring.id, "open", rep.id, "routed"),
        (_at("2026-03-02", 9, 45), "web", spring.id, "qualified", rep.id, "manual"),
        (_at("2026-03-02", 17, 30), "fair", None, "open", None, "unprocessed"),
        (_at("2026-03-03", 14, 10), "fair", None, "qualified", other.id, "manual"),
        (_at("2026-03-09", 10), "web", None, "disqualified", None, "manual"),
        (_at("2026-04-01", 8), None, spring.id, "qualified", rep.id, "manual"),
        (_at("2026-02-27", 23, 59), "web", None, "open", None, "manual"),
    ]
    for n, (created, source, campaign_id, status, owner_id, routing) in enumerate(rows):
        session.add(
            Lead(
                name=f"Lead {n}",
                created_at=created,
                source=source,
                campaign_id=campaign_id,
                status=status,
                owner_id=owner_id,
                routing=routing,
            )
        )
    session.flush()
    return {"rep": rep, "other": other, "spring": spring}


@pytest.fixture
def leads(session: Session, rep: User) -> dict[str, Any]:
    """The fixed data set of this module."""
    return seed_leads(session, rep)


def _by_label(rows: list[dict[str, Any]]) -> list[tuple[str, int, int, float]]:
    return [(r["label"], r["leads"], r["qualified"], r["rate"]) for r in rows]


def test_statistics_by_source_count_only_leads_received_in_the_range(
    session: Session, admin: User, leads: dict
) -> None:
    query = lead_stats_query("source", date_from="2026-03-01", date_to="2026-03-31")
    rows = lead_statistics(session, admin, query)
    assert _by_label(rows) == [("web", 3, 1, 33.3), ("fair", 2, 1, 50.0)]
    assert [(r["open"], r["disqualified"]) for r in rows] == [(1, 1), (1, 0)]


def test_statistics_by_campaign_name_leads_without_one_as_not_set(
    session: Session, admin: User, leads: dict
) -> None:
    rows = lead_statistics(session, admin, lead_stats_query("campaign"))
    assert _by_label(rows) == [("(not set)", 4, 1, 25.0), ("Spring", 3, 2, 66.7)]
    assert rows[1]["key"] == str(leads["spring"].id)


def test_statistics_by_owner_list_the_owner_names(session: Session, admin: User, leads: dict) -> None:
    rows = lead_statistics(session, admin, lead_stats_query("owner"))
    assert _by_label(rows) == [
        ("Rita Rep", 3, 2, 66.7),
        ("(not set)", 3, 0, 0.0),
        ("Otto Other", 1, 1, 100.0),
    ]


def test_statistics_by_status(session: Session, admin: User, leads: dict) -> None:
    query = lead_stats_query("status", date_from="2026-03-01", date_to="2026-03-31")
    rows = lead_statistics(session, admin, query)
    assert {r["label"]: r["leads"] for r in rows} == {"open": 2, "qualified": 2, "disqualified": 1}


def test_a_limited_user_counts_only_the_leads_they_manage(session: Session, leads: dict) -> None:
    other = leads["other"]
    other.access_level = "limited_crm"
    session.add(other)
    session.flush()
    assert _by_label(lead_statistics(session, other, lead_stats_query("source"))) == [("fair", 1, 1, 100.0)]
    assert lead_conversion(session, other, lead_stats_query(period="month"))["total"]["leads"] == 1
    assert intraday(session, other, date(2026, 3, 2))["states"]["received"] == 0


def test_conversion_per_month_counts_leads_by_the_month_they_arrived(
    session: Session, admin: User, leads: dict
) -> None:
    result = lead_conversion(session, admin, lead_stats_query(period="month"))
    assert [(r["period"], r["leads"], r["qualified"], r["rate"]) for r in result["rows"]] == [
        ("2026-02", 1, 0, 0.0),
        ("2026-03", 5, 2, 40.0),
        ("2026-04", 1, 1, 100.0),
    ]
    assert result["total"] == {"leads": 7, "qualified": 3, "rate": 42.9}


def test_conversion_per_iso_week(session: Session, admin: User, leads: dict) -> None:
    query = lead_stats_query(period="week", date_from="2026-03-01", date_to="2026-03-31")
    rows = lead_conversion(session, admin, query)["rows"]
    assert [(r["period"], r["leads"], r["qualified"], r["rate"]) for r in rows] == [
        ("2026-W10", 4, 2, 50.0),
        ("2026-W11", 1, 0, 0.0),
    ]


def test_intraday_counts_a_day_per_hour_and_source_and_by_state(
    session: Session, admin: User, leads: dict
) -> None:
    result = intraday(session, admin, date(2026, 3, 2))
    assert result["hours"] == [
        {"hour": 9, "source": "web", "leads": 2},
        {"hour": 17, "source": "fair", "leads": 1},
    ]
    assert result["states"] == {
        "received": 3,
        "open": 2,
        "qualified": 1,
        "disqualified": 0,
        "routed": 1,
        "unprocessed": 1,
    }


def test_an_empty_day_has_no_hours_and_zero_counts(session: Session, admin: User) -> None:
    result = intraday(session, admin, date(2026, 1, 1))
    assert result["hours"] == []
    assert set(result["states"].values()) == {0}


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"group": "country"}, "group"),
        ({"period": "day"}, "period"),
        ({"date_from": "2026-13-01"}, "from"),
        ({"date_from": "2026-03-10", "date_to": "2026-03-01"}, "to"),
    ],
)
def test_a_wrong_question_is_refused_naming_the_parameter(kwargs: dict, field: str) -> None:
    with pytest.raises(ValidationFailed) as caught:
        lead_stats_query(**kwargs)
    assert field in caught.value.fields
