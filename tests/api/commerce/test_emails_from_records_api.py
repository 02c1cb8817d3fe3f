"""REST: POST /emails from an account (with its file), a contact and a lead (its own address)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from rxcrm.db.models import User
from tests.api.conftest import HeadersFor
from tests.conftest import make_account, make_contact, make_lead, make_user
from tests.services.commerce.mail_server import mail_files  # noqa: F401

pytestmark = pytest.mark.usefixtures("mail_files")
API = "/api/v1"


def _upload(client: TestClient, headers: dict, path: str, name: str) -> int:
    sent = {"file": (name, b"some text", "text/plain")}
    answer = client.post(f"{API}/{path}/attachments", files=sent, headers=headers)
    assert answer.status_code == 201
    return answer.json()["id"]


def _categories(client: TestClient, headers: dict, entity: str, entity_id: int) -> list[tuple[str, str]]:
    query = f"entity={entity}&entity_id={entity_id}"
    items = client.get(f"{API}/activities?{query}", headers=headers).json()["items"]
    return [(a["category"], a["note"]) for a in items]


def test_an_account_email_takes_its_own_file_and_refuses_another_records(
    client: TestClient, session: Session, rep: User, rep_headers: dict
) -> None:
    account, other = make_account(session, name="Acme"), make_account(session, name="Other")
    ann = make_contact(
        session, first_name="Ann", last_name="Lee", email="ann@acme.example", account_id=account.id
    )
    session.commit()
    own = _upload(client, rep_headers, f"accounts/{account.id}", "prices.txt")
    foreign = _upload(client, rep_headers, f"accounts/{other.id}", "secret.txt")
    body = {"entity": "account", "entity_id": account.id, "contact_id": ann.id, "subject": "S", "body": "B"}
    refused = client.post(f"{API}/emails", json={**body, "attachment_ids": [foreign]}, headers=rep_headers)
    assert refused.status_code == 422 and "attachment_ids" in refused.json()["error"]["fields"]
    nobody = client.post(f"{API}/emails", json={**body, "contact_id": None}, headers=rep_headers)
    assert nobody.status_code == 422 and "contact_id" in nobody.json()["error"]["fields"]
    sent = client.post(f"{API}/emails", json={**body, "attachment_ids": [own]}, headers=rep_headers)
    assert sent.status_code == 201 and sent.json()["to"] == "ann@acme.example"
    [(category, note)] = _categories(client, rep_headers, "account", account.id)
    assert category == "E-mail" and "Ann Lee <ann@acme.example>" in note and "prices.txt" in note


def test_a_lead_and_a_contact_are_written_to_without_naming_a_contact(
    client: TestClient, session: Session, rep: User, rep_headers: dict, auth_headers: HeadersFor
) -> None:
    lead = make_lead(
        session, name="Lena Lead", company="Leadco", email="lena@leadco.example", owner_id=rep.id
    )
    contact = make_contact(
        session, first_name="Eva", last_name="Berg", email="eva@example.com", owner_id=rep.id
    )
    session.commit()
    text = {"subject": "Hello", "body": "Dear {{ contact.name }} of {{ account.name }}"}
    to_lead = client.post(
        f"{API}/emails", json={"entity": "lead", "entity_id": lead.id, **text}, headers=rep_headers
    )
    assert to_lead.status_code == 201 and to_lead.json()["to"] == "lena@leadco.example"
    [(category, note)] = _categories(client, rep_headers, "lead", lead.id)
    assert category == "E-mail" and note == "E-mail to Lena Lead <lena@leadco.example>: Hello"
    to_contact = client.post(
        f"{API}/emails", json={"entity": "contact", "entity_id": contact.id, **text}, headers=rep_headers
    )
    assert to_contact.status_code == 201 and to_contact.json()["to"] == "eva@example.com"
    assert [c for c, _ in _categories(client, rep_headers, "contact", contact.id)] == ["E-mail"]
    outsider = make_user(session, access_level="limited_crm")
    session.commit()
    stranger = auth_headers(outsider)
    hidden = client.post(
        f"{API}/emails", json={"entity": "lead", "entity_id": lead.id, **text}, headers=stranger
    )
    assert hidden.status_code == 404
