"""REST /leads/statistics and /leads/conversion: counts per group and period, 422 on a wrong question."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlmodel import Session

from rxcrm.db.models import User
from tests.api.conftest import HeadersFor
from tests.services.test_lead_stats import seed_leads


def test_statistics_by_source_over_a_range(
    client: TestClient, session: Session, rep: User, admin_headers: dict[str, str]
) -> None:
    seed_leads(session, rep)
    session.commit()
    answer = client.get(
        "/api/v1/leads/statistics?group=source&from=2026-03-01&to=2026-03-31", headers=admin_headers
    )
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert (body["group"], body["total"]) == ("source", 5)
    assert [(i["label"], i["leads"], i["qualified"], i["rate"]) for i in body["items"]] == [
        ("web", 3, 1, 33.3),
        ("fair", 2, 1, 50.0),
    ]


def test_statistics_count_only_what_the_caller_may_see(
    client: TestClient, session: Session, rep: User, auth_headers: HeadersFor
) -> None:
    other = seed_leads(session, rep)["other"]
    other.access_level = "limited_crm"
    session.add(other)
    session.commit()
    answer = client.get("/api/v1/leads/statistics?group=owner", headers=auth_headers(other))
    assert answer.status_code == 200, answer.text
    assert [(i["label"], i["leads"]) for i in answer.json()["items"]] == [("Otto Other", 1)]


def test_conversion_per_month(
    client: TestClient, session: Session, rep: User, admin_headers: dict[str, str]
) -> None:
    seed_leads(session, rep)
    session.commit()
    answer = client.get("/api/v1/leads/conversion?period=month&from=2026-03-01", headers=admin_headers)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert [(r["period"], r["leads"], r["qualified"], r["rate"]) for r in body["rows"]] == [
        ("2026-03", 5, 2, 40.0),
        ("2026-04", 1, 1, 100.0),
    ]
    assert body["total"] == {"leads": 6, "qualified": 3, "rate": 50.0}


def test_a_wrong_group_or_period_is_a_422_naming_the_parameter(
    client: TestClient, admin_headers: dict[str, str]
) -> None:
    answer = client.get("/api/v1/leads/statistics?group=colour", headers=admin_headers)
    assert answer.status_code == 422
    assert "group" in answer.json()["error"]["fields"]
    answer = client.get(
        "/api/v1/leads/conversion?period=week&from=2026-05-01&to=2026-04-01", headers=admin_headers
    )
    assert answer.status_code == 422
    assert "to" in answer.json()["error"]["fields"]


def test_statistics_need_a_login(client: TestClient) -> None:
    assert client.get("/api/v1/leads/statistics").status_code == 401
