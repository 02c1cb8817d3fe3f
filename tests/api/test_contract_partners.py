"""api.md's `partners` as an integrator reads it: fields, list filters, results, followers, history, and a
partner user's isolation (his/her own partner only; others answer 404, as do their records)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from fastapi.testclient import TestClient
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.services.pipeline.stages import list_stages
from tests.api.conftest import HeadersFor
from tests.api.contract import API, filters_by, has_fields, is_error, listed
from tests.api.test_contract_records import _crud
from tests.conftest import make_account, make_lead, make_opportunity, make_partner, make_user

RESULT_KEYS = {"leads", "open_opportunities", "open_amount", "won_count", "won_amount", "weighted_forecast"}


def test_partners_follow_the_contract(client: TestClient, admin: User, admin_headers: dict[str, str]) -> None:
    body = {
        "name": "Brightside Resellers", "email": "hello@brightside.example", "phone": "+43 1 5550",
        "website": "https://brightside.example", "street": "Ring 1", "city": "Wien", "zip": "1010",
        "country": "AT", "owner_id": admin.id, "active": True, "custom": {"tier": "gold"},
    }  # fmt: skip
    record = _crud(client, admin_headers, "partners", body, {"city": "Graz", "active": False})
    assert record["custom"] == {"tier": "gold"}
    kept = client.post(f"{API}/partners", json=body, headers=admin_headers).json()
    for field, value in (("country", "AT"), ("owner_id", admin.id), ("active", True)):
        filters_by(client, admin_headers, "/partners", field, value)
    assert [p["id"] for p in listed(client, admin_headers, "/partners", q="brightside")] == [kept["id"]]


def test_bad_input_answers_422_naming_the_fields_and_writes_nothing(
    client: TestClient, admin_headers: dict[str, str]
) -> None:
    answer = client.post(f"{API}/partners", json={"email": "nope", "website": "x"}, headers=admin_headers)
    assert set(is_error(answer, 422, "validation_error")["fields"]) == {"name", "email", "website"}
    is_error(
        client.post(f"{API}/partners", json={"name": "X", "colour": "red"}, headers=admin_headers),
        422,
        "validation_error",
    )
    assert listed(client, admin_headers, "/partners") == []


def test_deleting_a_partner_with_records_answers_409_naming_them(
    client: TestClient, session: Session, admin: User, admin_headers: dict[str, str]
) -> None:
    partner = make_partner(session, name="Busy")
    make_account(session, partner_id=partner.id)
    session.commit()
    error = is_error(client.delete(f"{API}/partners/{partner.id}", headers=admin_headers), 409, "conflict")
    assert "1 accounts" in error["message"]
    assert client.get(f"{API}/partners/{partner.id}", headers=admin_headers).status_code == 200


def test_results_answer_the_documented_numbers_in_the_board_currency(
    client: TestClient, session: Session, rep: User, rep_headers: dict[str, str]
) -> None:
    partner = make_partner(session)
    won = next(s for s in list_stages(session) if s.kind == "won")
    deal = {"partner_id": partner.id, "currency": "EUR"}
    make_opportunity(
        session, rep, amount=Decimal("1000.00"), probability=40, close_date=date(2026, 3, 1), **deal
    )
    make_opportunity(
        session, rep, amount=Decimal("250.50"), status="won", stage_id=won.id, probability=100,
        close_date=date(2026, 2, 1), **deal,
    )  # fmt: skip
    make_lead(session, partner_id=partner.id)
    session.commit()
    answer = client.get(f"{API}/partners/{partner.id}/results", headers=rep_headers)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert set(body) >= RESULT_KEYS
    assert {k: body[k] for k in RESULT_KEYS} == {
        "leads": 1,
        "open_opportunities": 1,
        "open_amount": "1000.00",
        "won_count": 1,
        "won_amount": "250.50",
        "weighted_forecast": "400.00",
    }
    march = client.get(
        f"{API}/partners/{partner.id}/results?from=2026-03-01&to=2026-03-31", headers=rep_headers
    )
    assert (march.json()["open_opportunities"], march.json()["won_count"]) == (1, 0)
    is_error(
        client.get(f"{API}/partners/{partner.id}/results?from=2026-04-01&to=2026-03-01", headers=rep_headers),
        422,
        "validation_error",
    )
    is_error(
        client.get(f"{API}/partners/{partner.id}/results?from=someday", headers=rep_headers),
        422,
        "validation_error",
    )


def test_a_partner_user_sees_his_partner_only_and_not_found_elsewhere(
    client: TestClient, session: Session, rep: User, auth_headers: HeadersFor
) -> None:
    ours, theirs = make_partner(session, name="Ours"), make_partner(session, name="Theirs")
    person = make_user(session, role="partner", partner_id=ours.id)
    their_account = make_account(session, partner_id=theirs.id)
    their_lead = make_lead(session, partner_id=theirs.id)
    their_deal = make_opportunity(session, rep, partner_id=theirs.id)
    session.commit()
    headers = auth_headers(person)
    assert [p["name"] for p in listed(client, headers, "/partners")] == ["Ours"]
    has_fields(client.get(f"{API}/partners/{ours.id}", headers=headers).json(), "partners")
    assert client.get(f"{API}/partners/{ours.id}/results", headers=headers).status_code == 200
    for path in (
        f"/partners/{theirs.id}",
        f"/partners/{theirs.id}/results",
        f"/partners/{theirs.id}/history",
        f"/partners/{theirs.id}/followers",
        f"/accounts/{their_account.id}",
        f"/leads/{their_lead.id}",
        f"/opportunities/{their_deal.id}",
    ):
        is_error(client.get(f"{API}{path}", headers=headers), 404, "not_found")
    is_error(
        client.patch(f"{API}/partners/{theirs.id}", json={"name": "x"}, headers=headers), 404, "not_found"
    )
    is_error(client.patch(f"{API}/partners/{ours.id}", json={"name": "x"}, headers=headers), 403, "forbidden")


def test_history_followers_and_comments_of_a_partner(
    client: TestClient, session: Session, admin: User, rep: User, auth_headers: HeadersFor
) -> None:
    session.commit()
    admin_headers, rep_headers = auth_headers(admin), auth_headers(rep)
    partner = client.post(f"{API}/partners", json={"name": "Nordwind"}, headers=admin_headers).json()
    client.patch(f"{API}/partners/{partner['id']}", json={"city": "Linz"}, headers=admin_headers)
    history = client.get(f"{API}/partners/{partner['id']}/history", headers=rep_headers).json()
    assert (history[0]["field"], history[0]["new"]) == ("city", "Linz")
    has_fields(history[0], "history")
    followed = client.post(f"{API}/partners/{partner['id']}/followers", headers=rep_headers)
    assert followed.status_code == 201 and {f["id"] for f in followed.json()} == {admin.id, rep.id}
    assert (
        client.delete(f"{API}/partners/{partner['id']}/followers/{rep.id}", headers=rep_headers).status_code
        == 204
    )
    comment = {
        "entity": "partner",
        "entity_id": partner["id"],
        "category": "Call",
        "note": "Quarterly review",
    }
    assert client.post(f"{API}/activities", json=comment, headers=rep_headers).status_code == 201
    notes = listed(client, rep_headers, "/activities", entity="partner", entity_id=partner["id"])
    assert [a["note"] for a in notes] == ["Quarterly review"]
