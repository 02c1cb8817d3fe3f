"""REST /<resource>/{id}/history: who changed which field from what to what, for visible records only."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from tests.conftest import make_account, make_user


def test_account_history_after_an_update_shows_field_old_new_and_who(
    client: TestClient, session: Session, rep, rep_headers
) -> None:
    account = client.post(
        "/api/v1/accounts", json={"name": "Acme", "city": "Berlin"}, headers=rep_headers
    ).json()
    client.patch(
        f"/api/v1/accounts/{account['id']}", json={"city": "Hamburg", "name": "Acme"}, headers=rep_headers
    )
    history = client.get(f"/api/v1/accounts/{account['id']}/history", headers=rep_headers).json()
    updates = [h for h in history if h["action"] == "update"]
    assert [(h["field"], h["old"], h["new"], h["by"]) for h in updates] == [
        ("city", "Berlin", "Hamburg", rep.id)
    ]
    assert history[0] == {**updates[0], "by_name": "Rita Rep", "at": history[0]["at"]}
    assert {"field": "(created)", "new": "Acme"}.items() <= history[-1].items()


def test_opportunity_history_writes_money_exactly(client: TestClient, rep_headers) -> None:
    deal = client.post(
        "/api/v1/opportunities", json={"name": "Deal", "amount": "100"}, headers=rep_headers
    ).json()
    client.patch(f"/api/v1/opportunities/{deal['id']}", json={"amount": 250.5}, headers=rep_headers)
    history = client.get(f"/api/v1/opportunities/{deal['id']}/history", headers=rep_headers).json()
    assert {k: history[0][k] for k in ("field", "old", "new")} == {
        "field": "amount",
        "old": "100.00",
        "new": "250.50",
    }


def test_contact_history_lists_each_changed_field(client: TestClient, rep_headers) -> None:
    contact = client.post("/api/v1/contacts", json={"last_name": "Doe"}, headers=rep_headers).json()
    client.patch(
        f"/api/v1/contacts/{contact['id']}",
        json={"first_name": "Jo", "email": "jo@doe.example"},
        headers=rep_headers,
    )
    history = client.get(f"/api/v1/contacts/{contact['id']}/history", headers=rep_headers).json()
    changed = {(h["field"], h["old"], h["new"]) for h in history if h["action"] == "update"}
    assert changed == {("first_name", None, "Jo"), ("email", None, "jo@doe.example")}


@pytest.mark.parametrize("resource", ["accounts", "contacts", "opportunities"])
def test_history_of_an_unknown_record_answers_404(client: TestClient, rep_headers, resource: str) -> None:
    answer = client.get(f"/api/v1/{resource}/5555/history", headers=rep_headers)
    assert answer.status_code == 404 and answer.json()["error"]["code"] == "not_found"


def test_history_of_a_hidden_account_answers_404(client: TestClient, session: Session, rep_headers) -> None:
    other = make_user(session)
    hidden = make_account(session, is_private=True, created_by_id=other.id)
    session.commit()
    assert client.get(f"/api/v1/accounts/{hidden.id}/history", headers=rep_headers).status_code == 404
