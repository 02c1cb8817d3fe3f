"""Partners have an access rule like every record (spec §1.5, §1.6, api.md "partners").

A partner user sees his/her own partner only; internal users see partners when their role may view
partners. A hidden partner answers 404 and its activities (comments) stay out of every list.
"""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlmodel import Session

from rxcrm.db.models import Activity, Partner
from rxcrm.services.accounts.partners import list_partners
from rxcrm.services.people.permissions import set_permission
from rxcrm.services.records.activities import list_categories
from tests.api.conftest import HeadersFor
from tests.conftest import make_partner, make_user

URL = "/api/v1/activities"


def comment(session: Session, partner: Partner, note: str) -> Activity:
    activity = Activity(
        entity="partner", entity_id=partner.id, category_id=list_categories(session)[0].id, note=note
    )
    session.add(activity)
    session.flush()
    return activity


def notes(client: TestClient, headers: dict, query: str = "?entity=partner") -> set[str]:
    answer = client.get(f"{URL}{query}", headers=headers)
    assert answer.status_code == 200, answer.text
    return {a["note"] for a in answer.json()["items"]}


def test_a_partner_user_does_not_read_another_partners_activities(
    client: TestClient, session: Session, auth_headers: HeadersFor
) -> None:
    ours, theirs = make_partner(session), make_partner(session)
    person = make_user(session, role="partner", partner_id=ours.id)
    comment(session, ours, "Ours")
    secret = comment(session, theirs, "Theirs")
    session.commit()
    headers = auth_headers(person)
    assert notes(client, headers) == notes(client, headers, "") == {"Ours"}
    for answer in (
        client.get(f"{URL}?entity=partner&entity_id={theirs.id}", headers=headers),
        client.get(f"{URL}/{secret.id}", headers=headers),
        client.patch(f"{URL}/{secret.id}", json={"note": "x"}, headers=headers),
    ):
        assert answer.status_code == 404 and answer.json()["error"]["code"] == "not_found"
    logged = client.post(
        URL,
        json={"entity": "partner", "entity_id": theirs.id, "category_id": secret.category_id, "note": "Hi"},
        headers=headers,
    )
    assert logged.status_code == 422 and "entity_id" in logged.json()["error"]["fields"]


def test_a_role_without_the_partners_view_permission_sees_no_partner(
    client: TestClient, session: Session, admin, rep, auth_headers: HeadersFor
) -> None:
    partner = make_partner(session)
    secret = comment(session, partner, "Terms")
    session.commit()
    headers = auth_headers(rep)
    assert notes(client, headers) == {"Terms"}
    set_permission(session, admin, "rep", "partners", "view", False)
    session.commit()
    assert notes(client, headers) == set()
    assert client.get(f"{URL}/{secret.id}", headers=headers).status_code == 404
    assert client.get(f"{URL}?entity=partner&entity_id={partner.id}", headers=headers).status_code == 404
    lead = client.post("/api/v1/leads", json={"name": "Lena", "partner_id": partner.id}, headers=headers)
    assert lead.status_code == 422 and "partner_id" in lead.json()["error"]["fields"]
    assert list_partners(session, rep) == []
    assert list_partners(session, admin) == [partner]


def test_partner_pickers_offer_a_partner_user_his_own_partner_only(session: Session, rep) -> None:
    ours, theirs = make_partner(session, name="Ours"), make_partner(session, name="Theirs")
    person = make_user(session, role="partner", partner_id=ours.id)
    assert list_partners(session, person) == [ours]
    assert list_partners(session, rep) == [ours, theirs]
