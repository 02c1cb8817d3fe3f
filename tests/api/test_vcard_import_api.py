"""REST: vCard import of accounts and contacts — the preview, all cards or none, access."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlmodel import Session, select

from rxcrm.db.models import Account, Contact, User
from rxcrm.domain.records.vcard import account_vcard, contact_vcard
from tests.api.conftest import HeadersFor
from tests.conftest import make_account, make_partner, make_user

PEOPLE = contact_vcard(
    {"first_name": "Bo", "last_name": "Ng", "email": "bo@acme.io"}, "acme"
) + contact_vcard({"first_name": "Cy", "last_name": "Oz"}, "Nowhere Ltd")


def _send(client: TestClient, kind: str, text: str, headers: dict, dry_run: bool = False):  # noqa: ANN202
    url = f"/api/v1/{kind}/vcard-import" + ("?dry_run=true" if dry_run else "")
    return client.post(url, files={"file": ("cards.vcf", text.encode(), "text/vcard")}, headers=headers)


def test_contacts_are_previewed_then_imported_under_the_account_of_their_organisation(
    client: TestClient, session: Session, rep: User, rep_headers: dict
) -> None:
    acme = make_account(session, name="ACME", owner_id=rep.id)
    session.commit()
    preview = _send(client, "contacts", PEOPLE, rep_headers, dry_run=True)
    assert preview.status_code == 200, preview.text
    body = preview.json()
    assert (body["cards"], body["invalid"]) == (2, 0)
    first, second = body["rows"]
    assert (first["name"], first["becomes"], first["account"]) == ("Bo Ng", "contact", "ACME")
    assert second["account"] == "" and "Nowhere Ltd" in second["note"]
    assert session.exec(select(Contact)).all() == []

    created = _send(client, "contacts", PEOPLE, rep_headers)
    assert created.status_code == 201 and created.json()["created"] == 2
    bo, cy = (session.get(Contact, i) for i in created.json()["ids"])
    assert (bo.last_name, bo.email, bo.account_id, bo.owner_id) == ("Ng", "bo@acme.io", acme.id, rep.id)
    assert cy.account_id is None


def test_accounts_become_people_or_companies_and_a_bad_card_stops_them_all(
    client: TestClient, session: Session, rep_headers: dict
) -> None:
    good = account_vcard({"type": "company", "name": "Foo GmbH", "city": "Bonn"}) + account_vcard(
        {"type": "person", "first_name": "Ann", "last_name": "Lee", "name": "Ann Lee"}
    )
    bad = good + "BEGIN:VCARD\nVERSION:3.0\nFN:Eve\nEMAIL:not-an-address\nEND:VCARD\n"
    refused = _send(client, "accounts", bad, rep_headers)
    assert refused.status_code == 422 and "cards.3.email" in refused.json()["error"]["fields"]
    assert session.exec(select(Account)).all() == []
    preview = _send(client, "accounts", bad, rep_headers, dry_run=True).json()
    assert preview["invalid"] == 1 and [r["becomes"] for r in preview["rows"]] == [
        "company account",
        "person account",
        "person account",
    ]
    created = _send(client, "accounts", good, rep_headers)
    assert created.status_code == 201
    kinds = [(a.type, a.name) for a in session.exec(select(Account).order_by(Account.id)).all()]
    assert kinds == [("company", "Foo GmbH"), ("person", "Ann Lee")]


def test_no_card_no_file_and_no_right_are_refused(
    client: TestClient, session: Session, rep_headers: dict, auth_headers: HeadersFor
) -> None:
    assert _send(client, "contacts", "name,email\n", rep_headers).status_code == 422
    assert client.post("/api/v1/contacts/vcard-import", json={}, headers=rep_headers).status_code == 422
    outsider = make_user(session, role="partner", partner_id=make_partner(session).id)
    from rxcrm.services.people.permissions import set_permission

    set_permission(session, make_user(session, role="admin"), "partner", "contacts", "add", False)
    session.commit()
    assert _send(client, "contacts", PEOPLE, auth_headers(outsider)).status_code == 403
    assert client.post("/api/v1/contacts/vcard-import", files={"file": ("a.vcf", b"x")}).status_code == 401


def test_a_partner_user_is_never_matched_to_an_account_outside_the_partners_world(
    client: TestClient, session: Session, rep: User, auth_headers: HeadersFor
) -> None:
    make_account(session, name="ACME", owner_id=rep.id)
    person = make_user(session, role="partner", partner_id=make_partner(session).id)
    session.commit()
    preview = _send(client, "contacts", PEOPLE, auth_headers(person), dry_run=True).json()
    assert preview["rows"][0]["account"] == ""
