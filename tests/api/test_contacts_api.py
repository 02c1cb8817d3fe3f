"""REST /contacts: personal contacts CRUD, filters and validation per the contract."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlmodel import Session

from tests.conftest import make_account, make_contact, make_opportunity, make_partner, make_user


def test_create_read_update_delete_contact(client: TestClient, session: Session, rep, rep_headers) -> None:
    account = make_account(session)
    session.commit()
    created = client.post(
        "/api/v1/contacts",
        json={
            "first_name": "Jane",
            "last_name": "Doe",
            "email": "jane@acme.example",
            "account_id": account.id,
        },
        headers=rep_headers,
    )
    assert created.status_code == 201, created.text
    contact = created.json()
    assert contact["owner_id"] == rep.id and contact["kind"] == "employee" and contact["custom"] == {}
    url = f"/api/v1/contacts/{contact['id']}"
    patched = client.patch(url, json={"phone": "+49 30 123456"}, headers=rep_headers)
    assert patched.status_code == 200 and patched.json()["phone"] == "+49 30 123456"
    assert client.get(url, headers=rep_headers).json()["last_name"] == "Doe"
    assert client.delete(url, headers=rep_headers).status_code == 204
    assert client.get(url, headers=rep_headers).status_code == 404


def test_invalid_contact_answers_422_with_fields_and_writes_nothing(client: TestClient, rep_headers) -> None:
    answer = client.post(
        "/api/v1/contacts", json={"email": "nope", "kind": "consultant"}, headers=rep_headers
    )
    assert answer.status_code == 422
    assert set(answer.json()["error"]["fields"]) == {"last_name", "email", "partner_id"}
    assert client.get("/api/v1/contacts", headers=rep_headers).json()["total"] == 0


def test_a_link_to_an_account_the_user_cannot_see_is_refused(
    client: TestClient, session: Session, rep_headers
) -> None:
    other = make_user(session)
    hidden = make_account(session, is_private=True, created_by_id=other.id)
    session.commit()
    answer = client.post(
        "/api/v1/contacts", json={"last_name": "Doe", "account_id": hidden.id}, headers=rep_headers
    )
    assert answer.status_code == 422
    assert answer.json()["error"]["fields"] == {"account_id": "no such account"}


def test_list_filters_by_account_and_kind_and_paginates(
    client: TestClient, session: Session, rep_headers
) -> None:
    account = make_account(session)
    partner = make_partner(session)
    for i in range(4):
        make_contact(session, last_name=f"Employee {i}", account_id=account.id)
    make_contact(session, last_name="Consultant", kind="consultant", partner_id=partner.id)
    session.commit()
    body = client.get(
        f"/api/v1/contacts?account_id={account.id}&limit=3&sort=-last_name", headers=rep_headers
    ).json()
    assert body["total"] == 4 and body["limit"] == 3 and body["offset"] == 0
    assert [c["last_name"] for c in body["items"]] == ["Employee 3", "Employee 2", "Employee 1"]
    consultants = client.get("/api/v1/contacts?kind=consultant", headers=rep_headers).json()
    assert [c["last_name"] for c in consultants["items"]] == ["Consultant"]
    assert client.get("/api/v1/contacts?sort=salary", headers=rep_headers).status_code == 422


def test_primary_contact_of_a_deal_cannot_be_deleted(
    client: TestClient, session: Session, rep, rep_headers
) -> None:
    contact = make_contact(session)
    make_opportunity(session, rep, contact_id=contact.id)
    session.commit()
    answer = client.delete(f"/api/v1/contacts/{contact.id}", headers=rep_headers)
    assert answer.status_code == 409 and answer.json()["error"]["code"] == "conflict"
    assert client.get(f"/api/v1/contacts/{contact.id}", headers=rep_headers).status_code == 200


def test_a_contact_with_a_business_role_cannot_be_deleted_and_the_deal_is_named(
    client: TestClient, session: Session, rep, rep_headers
) -> None:
    contact = make_contact(session, owner_id=rep.id)
    deal = make_opportunity(session, rep, name="Roof repair")
    session.commit()
    role = client.post(
        f"/api/v1/opportunities/{deal.id}/business-roles",
        json={"contact_id": contact.id, "role": "Decision maker"},
        headers=rep_headers,
    )
    assert role.status_code == 201, role.text
    answer = client.delete(f"/api/v1/contacts/{contact.id}", headers=rep_headers)
    assert answer.status_code == 409, answer.text
    error = answer.json()["error"]
    assert error["code"] == "conflict" and "'Roof repair'" in error["message"]
    assert client.get(f"/api/v1/contacts/{contact.id}", headers=rep_headers).status_code == 200
    roles = client.get(f"/api/v1/opportunities/{deal.id}/business-roles", headers=rep_headers).json()
    assert [r["contact_id"] for r in roles["items"]] == [contact.id]


def test_unknown_contact_answers_404(client: TestClient, rep_headers) -> None:
    assert client.get("/api/v1/contacts/424242", headers=rep_headers).status_code == 404
    assert (
        client.patch("/api/v1/contacts/424242", json={"first_name": "X"}, headers=rep_headers).status_code
        == 404
    )
    assert client.delete("/api/v1/contacts/424242", headers=rep_headers).status_code == 404


def test_contacts_need_a_login(client: TestClient) -> None:
    assert client.get("/api/v1/contacts").status_code == 401
    assert client.post("/api/v1/contacts", json={"last_name": "Doe"}).status_code == 401


def test_anonymize_endpoint_erases_the_contact(client, session, rep, auth_headers) -> None:
    session.commit()
    headers = auth_headers(rep)
    created = client.post(
        "/api/v1/contacts",
        json={"first_name": "Jo", "last_name": "Doe", "email": "jo@example.com"},
        headers=headers,
    ).json()
    answer = client.post(f"/api/v1/contacts/{created['id']}/anonymize", headers=headers)
    assert answer.status_code == 200
    assert answer.json()["email"] is None and answer.json()["last_name"] == "(anonymized)"
    history = client.get(f"/api/v1/contacts/{created['id']}/history", headers=headers).json()
    assert "jo@example.com" not in str(history)
    assert client.post("/api/v1/contacts/999999/anonymize", headers=headers).status_code == 404
