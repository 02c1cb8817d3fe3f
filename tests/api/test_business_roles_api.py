"""REST /opportunities/{id}/business-roles: list, add and remove, under the deal's and contact's access."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlmodel import Session

from tests.api.contract import answered
from tests.conftest import make_contact, make_opportunity, make_user


def test_add_list_and_remove_a_business_role(client: TestClient, session: Session, rep, rep_headers) -> None:
    deal = make_opportunity(session, rep)
    contact = make_contact(session, last_name="Berg", owner_id=rep.id)
    session.commit()
    url = f"/api/v1/opportunities/{deal.id}/business-roles"
    body = {"contact_id": contact.id, "role": "Decision maker", "note": "signs"}
    role = answered(client.post(url, json=body, headers=rep_headers))
    assert (role["opportunity_id"], role["contact_id"], role["role"], role["note"]) == (
        deal.id,
        contact.id,
        "Decision maker",
        "signs",
    )
    listed = client.get(url, headers=rep_headers).json()
    assert listed["total"] == 1 and listed["items"][0]["id"] == role["id"]
    assert client.delete(f"{url}/{role['id']}", headers=rep_headers).status_code == 204
    assert client.get(url, headers=rep_headers).json()["items"] == []
    assert client.delete(f"{url}/{role['id']}", headers=rep_headers).status_code == 404


def test_a_missing_role_is_a_validation_error(client: TestClient, session: Session, rep, rep_headers) -> None:
    deal = make_opportunity(session, rep)
    session.commit()
    answer = client.post(
        f"/api/v1/opportunities/{deal.id}/business-roles", json={"role": ""}, headers=rep_headers
    )
    assert answer.status_code == 422
    assert set(answer.json()["error"]["fields"]) == {"role", "contact_id"}


def test_a_hidden_deal_answers_404_and_a_hidden_contact_422(
    client: TestClient, session: Session, rep, auth_headers
) -> None:
    limited = make_user(session, access_level="limited_crm")
    own_deal, hidden_deal = make_opportunity(session, limited), make_opportunity(session, rep)
    own_contact = make_contact(session, owner_id=limited.id)
    hidden_contact = make_contact(session, owner_id=rep.id)
    session.commit()
    headers = auth_headers(limited)
    hidden_url = f"/api/v1/opportunities/{hidden_deal.id}/business-roles"
    assert client.get(hidden_url, headers=headers).status_code == 404
    answer = client.post(hidden_url, json={"contact_id": own_contact.id, "role": "User"}, headers=headers)
    assert answer.status_code == 404
    answer = client.post(
        f"/api/v1/opportunities/{own_deal.id}/business-roles",
        json={"contact_id": hidden_contact.id, "role": "User"},
        headers=headers,
    )
    assert answer.status_code == 422
    assert answer.json()["error"]["fields"] == {"contact_id": "no such contact"}
