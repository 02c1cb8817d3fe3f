"""api.md's `tickets` as a mail gateway and an integrator use them: the intake with an API key,
threading by [#N], messages, status and assignee, the list filters, statistics and isolation."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from rxcrm.db.models import Email, Notification, User
from rxcrm.services.settings.api_keys import create_api_key, revoke_api_key
from tests.api.conftest import HeadersFor
from tests.api.contract import API, filters_by, has_fields, is_error, listed
from tests.conftest import make_account, make_contact, make_partner, make_user
from tests.services.commerce.mail_server import mail_files  # noqa: F401


def _key(session: Session, admin: User) -> dict[str, str]:
    _, clear = create_api_key(session, admin, "Mail gateway")
    session.commit()
    return {"X-API-Key": clear}


def _mail(subject: str, body: str = "Hello", sender: str = "ann@acme.example") -> dict[str, str]:
    return {"from_email": sender, "subject": subject, "body": body}


def test_the_intake_threads_by_number_and_finds_the_contact(
    client: TestClient, session: Session, admin: User, auth_headers: HeadersFor
) -> None:
    account = make_account(session, name="Acme")
    contact = make_contact(session, email="Ann@Acme.example", account_id=account.id)
    key = _key(session, admin)
    first = client.post(f"{API}/tickets/intake", json=_mail("Printer broken", "It jams."), headers=key)
    assert first.status_code == 201, first.text
    ticket = first.json()
    has_fields(ticket, "tickets")
    has_fields(ticket["messages"][0], "ticket_messages")
    assert (ticket["contact_id"], ticket["account_id"], ticket["status"]) == (contact.id, account.id, "open")
    subject = f"Re: [#{ticket['number']}] Printer broken"
    again = client.post(f"{API}/tickets/intake", json=_mail(subject, "Still jams."), headers=key)
    assert again.status_code == 201 and again.json()["id"] == ticket["id"]
    assert [(m["kind"], m["body"]) for m in again.json()["messages"]] == [
        ("customer", "It jams."),
        ("customer", "Still jams."),
    ]
    assert len(listed(client, auth_headers(admin), "/tickets")) == 1


def test_the_intake_requires_a_valid_api_key(client: TestClient, session: Session, admin: User) -> None:
    session.commit()
    is_error(client.post(f"{API}/tickets/intake", json=_mail("Hi")), 401, "unauthorized")
    is_error(
        client.post(f"{API}/tickets/intake", json=_mail("Hi"), headers={"X-API-Key": "rxk_wrong"}),
        401,
        "unauthorized",
    )
    stored, clear = create_api_key(session, admin, "Old gateway")
    revoke_api_key(session, admin, stored.id)
    session.commit()
    is_error(
        client.post(f"{API}/tickets/intake", json=_mail("Hi"), headers={"X-API-Key": clear}),
        401,
        "unauthorized",
    )
    bad = client.post(f"{API}/tickets/intake", json=_mail("", sender="nope"), headers=_key(session, admin))
    assert set(is_error(bad, 422, "validation_error")["fields"]) == {"from_email", "subject"}


@pytest.mark.usefixtures("mail_files")
def test_users_create_answer_assign_and_close_tickets(
    client: TestClient,
    session: Session,
    admin: User,
    rep: User,
    auth_headers: HeadersFor,
) -> None:
    session.commit()
    admin_h, rep_h = auth_headers(admin), auth_headers(rep)
    created = client.post(
        f"{API}/tickets",
        json={**_mail("Call: login fails", "Phoned in."), "assignee_id": rep.id},
        headers=admin_h,
    )
    assert created.status_code == 201, created.text
    ticket = created.json()
    has_fields(ticket, "tickets")
    url = f"{API}/tickets/{ticket['id']}"
    note = client.post(f"{url}/messages", json={"kind": "internal_note", "body": "VIP"}, headers=admin_h)
    assert note.status_code == 201 and note.json()["messages"][-1]["kind"] == "internal_note"
    reply = client.post(f"{url}/messages", json={"kind": "reply", "body": "Reset sent."}, headers=rep_h)
    assert reply.status_code == 201 and reply.json()["status"] == "pending"
    email = session.exec(select(Email).where(Email.entity == "ticket")).one()
    assert email.subject == f"[#{ticket['number']}] Call: login fails" and email.status == "outbox"
    closed = client.patch(url, json={"status": "closed"}, headers=admin_h)
    assert closed.status_code == 200 and closed.json()["status"] == "closed"
    unassigned = client.patch(url, json={"assignee_id": None}, headers=admin_h).json()
    assert unassigned["assignee_id"] is None
    messages = list(session.exec(select(Notification.message).where(Notification.user_id == rep.id)))
    assert any("internal note" in m for m in messages) and any("closed" in m for m in messages)
    is_error(
        client.post(f"{url}/messages", json={"kind": "customer", "body": "x"}, headers=rep_h),
        422,
        "validation_error",
    )
    is_error(client.patch(url, json={"status": "archived"}, headers=admin_h), 422, "validation_error")
    history = client.get(f"{url}/history", headers=admin_h).json()
    assert {"status", "assignee_id"} <= {h["field"] for h in history}


def test_lists_filter_by_assignee_and_status_and_statistics(
    client: TestClient, rep: User, admin_headers: dict[str, str]
) -> None:
    for subject, assignee in (("A", rep.id), ("B", rep.id), ("C", None)):
        client.post(f"{API}/tickets", json={**_mail(subject), "assignee_id": assignee}, headers=admin_headers)
    first = listed(client, admin_headers, "/tickets", assignee_id=rep.id)[0]
    client.patch(f"{API}/tickets/{first['id']}", json={"status": "closed"}, headers=admin_headers)
    filters_by(client, admin_headers, "/tickets", "assignee_id", rep.id)
    filters_by(client, admin_headers, "/tickets", "status", "closed")
    assert [t["subject"] for t in listed(client, admin_headers, "/tickets", unassigned="true")] == ["C"]
    stats = client.get(f"{API}/tickets/statistics", headers=admin_headers)
    assert stats.status_code == 200
    rows = {r["assignee_id"]: r for r in stats.json()}  # a bare list, like /tasks/statistics
    assert rows[rep.id] == {"assignee_id": rep.id, "open": 1, "closed": 1, "median_first_reply_minutes": None}
    assert (rows[None]["open"], rows[None]["closed"]) == (1, 0)


def test_partner_users_get_no_tickets(
    client: TestClient, session: Session, admin: User, auth_headers: HeadersFor
) -> None:
    partner_user = make_user(session, role="partner", partner_id=make_partner(session).id)
    session.commit()
    ticket = client.post(f"{API}/tickets", json=_mail("Internal"), headers=auth_headers(admin)).json()
    headers = auth_headers(partner_user)
    is_error(client.get(f"{API}/tickets/{ticket['id']}", headers=headers), 404, "not_found")
    assert listed(client, headers, "/tickets") == []
    is_error(client.post(f"{API}/tickets", json=_mail("x"), headers=headers), 403, "forbidden")
    assert client.get(f"{API}/tickets/statistics", headers=headers).json() == []
