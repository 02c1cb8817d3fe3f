"""REST: /email-templates (admins write, everyone reads), POST /emails, GET /emails, retry, preview."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.services.commerce.file_store import files_root
from tests.api.conftest import HeadersFor
from tests.conftest import make_account, make_contact, make_opportunity, make_user
from tests.services.commerce.mail_server import free_port, mail_files, no_smtp, smtp_server, use_smtp  # noqa: F401

pytestmark = pytest.mark.usefixtures("mail_files")


def _deal(session: Session, owner: User) -> dict:
    account = make_account(session, name="Acme")
    contact = make_contact(
        session, first_name="Ann", last_name="Lee", email="ann@example.com", account_id=account.id
    )
    deal = make_opportunity(session, owner, name="Big deal", account_id=account.id)
    session.commit()
    return {"entity": "opportunity", "entity_id": deal.id, "contact_id": contact.id}


def test_templates_are_written_by_admins_and_read_by_everyone(
    client: TestClient, admin_headers: dict, rep_headers: dict
) -> None:
    body = {"name": "Hello", "subject": "Hi {{ account.name }}", "body": "Dear {{ contact.name }}"}
    assert client.post("/api/v1/email-templates", json=body, headers=rep_headers).status_code == 403
    created = client.post("/api/v1/email-templates", json=body, headers=admin_headers)
    assert created.status_code == 201
    template_id = created.json()["id"]
    listed = client.get("/api/v1/email-templates", headers=rep_headers).json()
    assert [t["name"] for t in listed["items"]] == ["Hello"] and listed["total"] == 1
    wrong = client.patch(
        f"/api/v1/email-templates/{template_id}", json={"body": "{{ contact.nmae }}"}, headers=admin_headers
    )
    assert wrong.status_code == 422 and "contact.nmae" in wrong.json()["error"]["fields"]["body"]
    again = client.post("/api/v1/email-templates", json=body, headers=admin_headers)
    assert again.status_code == 409
    renamed = client.patch(
        f"/api/v1/email-templates/{template_id}", json={"name": "Hi"}, headers=admin_headers
    )
    assert renamed.status_code == 200 and renamed.json()["name"] == "Hi"
    assert client.delete(f"/api/v1/email-templates/{template_id}", headers=rep_headers).status_code == 403
    assert client.delete(f"/api/v1/email-templates/{template_id}", headers=admin_headers).status_code == 204
    assert client.get(f"/api/v1/email-templates/{template_id}", headers=rep_headers).status_code == 404


def test_an_email_goes_to_the_outbox_and_is_listed_on_its_record(
    client: TestClient, session: Session, rep: User, rep_headers: dict
) -> None:
    record = _deal(session, rep)
    sent = client.post(
        "/api/v1/emails", json={**record, "subject": "Hi", "body": "Text"}, headers=rep_headers
    )
    assert sent.status_code == 201
    answer = sent.json()
    assert answer["to"] == "ann@example.com" and answer["subject"] == "Hi" and answer["status"] == "outbox"
    assert (files_root() / "outbox" / f"{answer['id']:08d}.eml").is_file()
    query = f"entity=opportunity&entity_id={record['entity_id']}"
    listed = client.get(f"/api/v1/emails?{query}", headers=rep_headers).json()
    assert [e["id"] for e in listed["items"]] == [answer["id"]] and listed["items"][0]["body"] == "Text"
    activities = client.get(f"/api/v1/activities?{query}", headers=rep_headers).json()["items"]
    assert [a["category"] for a in activities] == ["E-mail"] and activities[0]["note"].startswith("E-mail to")


def test_smtp_failure_answers_failed_and_retry_sends_it(
    client: TestClient, session: Session, rep: User, rep_headers: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = _deal(session, rep)
    port = free_port()
    use_smtp(monkeypatch, port)
    failed = client.post("/api/v1/emails", json={**record, "subject": "S", "body": "B"}, headers=rep_headers)
    assert failed.status_code == 201 and failed.json()["status"] == "failed" and failed.json()["error"]
    email_id = failed.json()["id"]
    with smtp_server(port) as inbox:
        retried = client.post(f"/api/v1/emails/{email_id}/retry", headers=rep_headers)
    assert retried.status_code == 200 and retried.json()["status"] == "sent" and len(inbox.messages) == 1
    assert client.post(f"/api/v1/emails/{email_id}/retry", headers=rep_headers).status_code == 409


def test_records_and_emails_the_user_may_not_see_are_not_found(
    client: TestClient, session: Session, rep: User, rep_headers: dict, auth_headers: HeadersFor
) -> None:
    record = _deal(session, rep)
    stranger = make_user(session, access_level="limited_opportunities")
    session.commit()
    theirs = auth_headers(stranger)
    body = {**record, "subject": "S", "body": "B"}
    assert client.post("/api/v1/emails", json=body, headers=theirs).status_code == 404
    email_id = client.post("/api/v1/emails", json=body, headers=rep_headers).json()["id"]
    query = f"entity=opportunity&entity_id={record['entity_id']}"
    assert client.get(f"/api/v1/emails?{query}", headers=theirs).status_code == 404
    assert client.get(f"/api/v1/emails/{email_id}", headers=theirs).status_code == 404
    assert client.post(f"/api/v1/emails/{email_id}/retry", headers=theirs).status_code == 404
    assert client.get("/api/v1/emails", headers=rep_headers).status_code == 403
    missing = client.post("/api/v1/emails", json={**record, "subject": "S"}, headers=rep_headers)
    assert missing.status_code == 422 and "body" in missing.json()["error"]["fields"]


def test_a_template_previews_with_a_real_record(
    client: TestClient, session: Session, rep: User, rep_headers: dict
) -> None:
    record = _deal(session, rep)
    body = {
        **record,
        "subject": "{{ opportunity.name }} for {{ account.name }}",
        "body": "Dear {{ contact.name }}",
    }
    preview = client.post("/api/v1/email-templates/preview", json=body, headers=rep_headers)
    assert preview.status_code == 200
    assert preview.json() == {"subject": "Big deal for Acme", "body": "Dear Ann Lee"}


def test_admins_list_the_outbox_and_download_a_message(
    client: TestClient, session: Session, rep: User, rep_headers: dict, admin_headers: dict
) -> None:
    record = _deal(session, rep)
    body = {**record, "subject": "Über uns", "body": "Text"}
    email_id = client.post("/api/v1/emails", json=body, headers=rep_headers).json()["id"]
    outbox = client.get("/api/v1/emails?status=outbox", headers=admin_headers).json()
    assert [e["id"] for e in outbox["items"]] == [email_id]
    eml = client.get(f"/api/v1/emails/{email_id}/download", headers=admin_headers)
    assert eml.status_code == 200 and eml.headers["content-type"].startswith("message/rfc822")
    assert b"To: Ann Lee <ann@example.com>" in eml.content
    assert client.get(f"/api/v1/emails/{email_id}/download", headers=rep_headers).status_code == 403
