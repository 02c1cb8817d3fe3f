"""REST /dashboards/widgets/{kind}: the widget's rows as JSON under the caller's access rules."""

from __future__ import annotations

from datetime import datetime

from fastapi.testclient import TestClient
from sqlmodel import Session

from rxcrm.db.models import FieldVisibility
from tests.analytics.widget_data import fixed_crm
from tests.api.conftest import HeadersFor

URL = "/api/v1/dashboards/widgets"


def test_widget_answers_kind_params_rows_and_time_with_money_as_text(
    session: Session, client: TestClient, auth_headers: HeadersFor
) -> None:
    crm = fixed_crm(session)
    session.commit()
    query = {"from": "2026-01-01", "to": "2026-03-31", "team": "West"}
    answer = client.get(f"{URL}/revenue", params=query, headers=auth_headers(crm.director))
    assert answer.status_code == 200
    body = answer.json()
    assert set(body) == {"kind", "params", "rows", "generated_at"}
    assert body["kind"] == "revenue"
    assert body["params"] == {"from": "2026-01-01", "to": "2026-03-31", "team": "West"}
    assert body["rows"] == [
        {"period": "2026-01", "amount": "0.00"},
        {"period": "2026-02", "amount": "500.00"},
        {"period": "2026-03", "amount": "700.00"},
    ]
    assert datetime.fromisoformat(body["generated_at"]).tzinfo is not None


def test_widget_ids_stay_numbers_and_period_is_echoed(
    session: Session, client: TestClient, auth_headers: HeadersFor
) -> None:
    crm = fixed_crm(session)
    session.commit()
    query = {"period": "quarter", "partner_id": str(crm.p1.id)}
    body = client.get(f"{URL}/partners", params=query, headers=auth_headers(crm.director)).json()
    assert body["params"] == {"partner_id": crm.p1.id, "period": "quarter"}
    assert body["rows"] == [{"partner_id": crm.p1.id, "count": 2, "amount": "1200.00"}]


def test_a_limited_rep_gets_only_her_figures(
    session: Session, client: TestClient, auth_headers: HeadersFor
) -> None:
    crm = fixed_crm(session)
    session.commit()
    body = client.get(f"{URL}/leaderboard", headers=auth_headers(crm.lina)).json()
    assert body["rows"] == [{"user_id": crm.lina.id, "rank": 1, "amount": "700.00"}]


def test_unknown_widget_is_404(client: TestClient, rep_headers: dict[str, str]) -> None:
    answer = client.get(f"{URL}/horoscope", headers=rep_headers)
    assert answer.status_code == 404
    assert answer.json()["error"]["code"] == "not_found"


def test_bad_parameters_are_422_naming_each(client: TestClient, rep_headers: dict[str, str]) -> None:
    query = {"from": "2026-02-30", "owner_id": "abc", "period": "year"}
    answer = client.get(f"{URL}/revenue", params=query, headers=rep_headers)
    assert answer.status_code == 422
    assert set(answer.json()["error"]["fields"]) == {"from", "owner_id", "period"}
    reversed_range = client.get(
        f"{URL}/revenue", params={"from": "2026-03-01", "to": "2026-01-01"}, headers=rep_headers
    )
    assert reversed_range.status_code == 422


def test_without_a_token_it_is_401(client: TestClient) -> None:
    assert client.get(f"{URL}/revenue").status_code == 401


def test_hidden_amount_is_403(session: Session, client: TestClient, auth_headers: HeadersFor) -> None:
    crm = fixed_crm(session)
    session.add(FieldVisibility(entity="opportunity", field="amount", roles=["director"]))
    session.commit()
    answer = client.get(f"{URL}/won_by_person", headers=auth_headers(crm.ann))
    assert answer.status_code == 403
    assert client.get(f"{URL}/won_by_person", headers=auth_headers(crm.director)).status_code == 200
