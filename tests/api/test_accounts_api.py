"""REST /accounts: CRUD, validation, pagination and history per the contract."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlmodel import Session

from tests.conftest import make_account, make_user


def test_create_read_update_delete_account(client: TestClient, session: Session, rep, auth_headers) -> None:
    session.commit()
    headers = auth_headers(rep)
    created = client.post("/api/v1/accounts", json={"name": "Acme GmbH", "city": "Berlin"}, headers=headers)
    assert created.status_code == 201, created.text
    account = created.json()
    assert account["owner_id"] == rep.id and account["type"] == "company"
    patched = client.patch(f"/api/v1/accounts/{account['id']}", json={"city": "Hamburg"}, headers=headers)
    assert patched.status_code == 200 and patched.json()["city"] == "Hamburg"
    assert client.get(f"/api/v1/accounts/{account['id']}", headers=headers).json()["city"] == "Hamburg"
    assert client.delete(f"/api/v1/accounts/{account['id']}", headers=headers).status_code == 204
    missing = client.get(f"/api/v1/accounts/{account['id']}", headers=headers)
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"


def test_invalid_account_answers_422_and_writes_nothing(
    client: TestClient, session: Session, rep, auth_headers
) -> None:
    session.commit()
    headers = auth_headers(rep)
    answer = client.post("/api/v1/accounts", json={"type": "company", "email": "nope"}, headers=headers)
    assert answer.status_code == 422
    error = answer.json()["error"]
    assert error["code"] == "validation_error"
    assert set(error["fields"]) == {"name", "email"}
    assert client.get("/api/v1/accounts", headers=headers).json()["total"] == 0


def test_list_paginates_and_searches(client: TestClient, session: Session, rep, auth_headers) -> None:
    for i in range(7):
        make_account(session, name=f"Nordwind {i}", city="Kiel")
    make_account(session, name="Sunrise Ltd")
    session.commit()
    headers = auth_headers(rep)
    body = client.get("/api/v1/accounts?limit=3&offset=3&q=nordwind&sort=name", headers=headers).json()
    assert body["total"] == 7 and body["limit"] == 3 and body["offset"] == 3
    assert [a["name"] for a in body["items"]] == ["Nordwind 3", "Nordwind 4", "Nordwind 5"]
    too_big = client.get("/api/v1/accounts?limit=501", headers=headers)
    assert too_big.status_code == 422 and "limit" in too_big.json()["error"]["fields"]


def test_calls_without_a_valid_token_answer_401(client: TestClient) -> None:
    answer = client.get("/api/v1/accounts", headers={"Authorization": "Bearer forged"})
    assert answer.status_code == 401 and answer.json()["error"]["code"] == "unauthorized"


def test_account_exports_as_vcard(client: TestClient, session: Session, rep, auth_headers) -> None:
    account = make_account(session, name="Card Co", email="hi@card.example")
    session.commit()
    answer = client.get(f"/api/v1/accounts/{account.id}/vcard", headers=auth_headers(rep))
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/vcard")
    assert "FN:Card Co" in answer.text and "EMAIL;TYPE=INTERNET:hi@card.example" in answer.text
    assert client.get("/api/v1/accounts/424242/vcard", headers=auth_headers(rep)).status_code == 404


def test_a_person_account_is_anonymized_a_company_refused_a_hidden_one_not_found(
    client: TestClient, session: Session, rep, auth_headers
) -> None:
    person = make_account(session, type="person", name="Anna Berg", last_name="Berg", email="anna@berg.test")
    company = make_account(session, name="Acme GmbH", owner_id=rep.id)
    hidden = make_account(session, type="person", name="Ben Hidden", last_name="Hidden", owner_id=rep.id)
    limited = make_user(session, access_level="limited_crm")
    person.owner_id = limited.id
    session.commit()
    headers = auth_headers(limited)
    erased = client.post(f"/api/v1/accounts/{person.id}/anonymize", headers=headers)
    assert erased.status_code == 200, erased.text
    assert (erased.json()["name"], erased.json()["email"], erased.json()["type"]) == (
        "(anonymized)",
        None,
        "person",
    )
    history = client.get(f"/api/v1/accounts/{person.id}/history", headers=headers).json()
    assert "anna@berg.test" not in str(history) and "Berg" not in str(history)
    refused = client.post(f"/api/v1/accounts/{company.id}/anonymize", headers=auth_headers(rep))
    assert refused.status_code == 422 and set(refused.json()["error"]["fields"]) == {"type"}
    assert (
        client.get(f"/api/v1/accounts/{company.id}", headers=auth_headers(rep)).json()["name"] == "Acme GmbH"
    )
    missing = client.post(f"/api/v1/accounts/{hidden.id}/anonymize", headers=headers)
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"
