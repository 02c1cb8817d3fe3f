"""REST /opportunities: money as strings, ISO dates, stage rules, filters and 'nothing written on error'."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlmodel import Session

from rxcrm.services.pipeline.stages import list_stages
from tests.conftest import make_contact, make_opportunity, make_user


def _stage(session: Session, kind: str):
    return next(s for s in list_stages(session) if s.kind == kind)


def test_create_keeps_money_exact_and_answers_it_as_a_string(
    client: TestClient, session: Session, rep, rep_headers
) -> None:
    answer = client.post(
        "/api/v1/opportunities",
        json={"name": "Big deal", "amount": "1234.5", "close_date": "2026-09-30"},
        headers=rep_headers,
    )
    assert answer.status_code == 201, answer.text
    deal = answer.json()
    assert deal["amount"] == "1234.50" and deal["currency"] == "EUR" and deal["close_date"] == "2026-09-30"
    assert deal["owner_id"] == rep.id and deal["status"] == "open"
    first = list_stages(session)[0]
    assert deal["stage_id"] == first.id and deal["probability"] == first.probability
    as_number = client.post(
        "/api/v1/opportunities", json={"name": "Small", "amount": 0.1}, headers=rep_headers
    )
    assert as_number.json()["amount"] == "0.10"
    assert (
        client.get(f"/api/v1/opportunities/{deal['id']}", headers=rep_headers).json()["amount"] == "1234.50"
    )


def test_new_opportunity_owner_defaults_to_contact_owner(
    client: TestClient, session: Session, rep_headers
) -> None:
    colleague = make_user(session)
    contact = make_contact(session, owner_id=colleague.id)
    session.commit()
    deal = client.post(
        "/api/v1/opportunities", json={"name": "Via contact", "contact_id": contact.id}, headers=rep_headers
    ).json()
    assert deal["owner_id"] == colleague.id and deal["contact_id"] == contact.id


def test_invalid_opportunity_answers_422_and_writes_nothing(client: TestClient, rep_headers) -> None:
    answer = client.post(
        "/api/v1/opportunities", json={"name": "", "amount": "-5", "currency": "EURO"}, headers=rep_headers
    )
    assert answer.status_code == 422
    assert answer.json()["error"]["fields"] == {
        "name": "is required",
        "amount": "must not be negative",
        "currency": "must be a three-letter ISO 4217 code like EUR",
    }
    no_stage = client.post("/api/v1/opportunities", json={"name": "X", "stage_id": 9999}, headers=rep_headers)
    assert no_stage.status_code == 422 and no_stage.json()["error"]["fields"] == {"stage_id": "no such stage"}
    assert client.get("/api/v1/opportunities", headers=rep_headers).json()["total"] == 0


def test_amount_that_is_not_a_number_is_refused(client: TestClient, rep_headers) -> None:
    for amount in ("12,5", True, "NaN", {"value": 1}):
        answer = client.post(
            "/api/v1/opportunities", json={"name": "X", "amount": amount}, headers=rep_headers
        )
        assert answer.status_code == 422, amount
        assert "amount" in answer.json()["error"]["fields"]
    bad_date = client.post(
        "/api/v1/opportunities", json={"name": "X", "close_date": "31.12.2026"}, headers=rep_headers
    )
    assert bad_date.status_code == 422 and "close_date" in bad_date.json()["error"]["fields"]
    assert client.get("/api/v1/opportunities", headers=rep_headers).json()["total"] == 0


def test_moving_to_a_won_stage_sets_status_and_probability(
    client: TestClient, session: Session, rep, rep_headers
) -> None:
    deal = make_opportunity(session, rep)
    won = _stage(session, "won")
    session.commit()
    answer = client.patch(f"/api/v1/opportunities/{deal.id}", json={"stage_id": won.id}, headers=rep_headers)
    assert answer.status_code == 200
    assert (answer.json()["status"], answer.json()["probability"]) == ("won", 100)


def test_owner_cannot_be_removed(client: TestClient, session: Session, rep, rep_headers) -> None:
    deal = make_opportunity(session, rep)
    session.commit()
    answer = client.patch(f"/api/v1/opportunities/{deal.id}", json={"owner_id": None}, headers=rep_headers)
    assert answer.status_code == 422 and "owner_id" in answer.json()["error"]["fields"]


def test_list_filters_by_status_and_stage_and_sorts_by_amount(
    client: TestClient, session: Session, rep, rep_headers
) -> None:
    lost = _stage(session, "lost")
    for amount in ("300.00", "100.00", "200.00"):
        make_opportunity(session, rep, amount=amount)
    make_opportunity(session, rep, stage_id=lost.id, status="lost", amount="50.00")
    session.commit()
    body = client.get("/api/v1/opportunities?status=open&sort=-amount&limit=2", headers=rep_headers).json()
    assert body["total"] == 3 and body["limit"] == 2 and body["offset"] == 0
    assert [o["amount"] for o in body["items"]] == ["300.00", "200.00"]
    by_stage = client.get(f"/api/v1/opportunities?stage_id={lost.id}", headers=rep_headers).json()
    assert [o["amount"] for o in by_stage["items"]] == ["50.00"]
    assert client.get("/api/v1/opportunities?status=maybe", headers=rep_headers).status_code == 422


def test_delete_and_unknown_opportunity(client: TestClient, session: Session, rep, rep_headers) -> None:
    deal = make_opportunity(session, rep)
    session.commit()
    assert client.delete(f"/api/v1/opportunities/{deal.id}", headers=rep_headers).status_code == 204
    missing = client.get(f"/api/v1/opportunities/{deal.id}", headers=rep_headers)
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"
    assert (
        client.patch(f"/api/v1/opportunities/{deal.id}", json={"name": "Y"}, headers=rep_headers).status_code
        == 404
    )


def test_opportunities_need_a_login(client: TestClient) -> None:
    assert client.get("/api/v1/opportunities").status_code == 401
