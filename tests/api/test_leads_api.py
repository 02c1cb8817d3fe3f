"""REST /leads and /campaigns per the contract: CRUD, lists by state, lifecycle actions, errors, access."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlmodel import Session, func, select

from rxcrm.db.models import Account, Contact, Lead, Opportunity, User
from rxcrm.services.records.activities import create_activity, list_categories
from tests.api.conftest import HeadersFor
from tests.conftest import make_lead, make_partner, make_user

URL = "/api/v1/leads"
KEYS = {"email_key", "phone_key", "name_key"}
ANNA = {"name": "Anna Berg", "company": "Acme", "email": "anna@acme.test", "phone": "+49 30 1234567"}


def count(session: Session, model: type) -> int:
    session.expire_all()
    return session.exec(select(func.count()).select_from(model)).one()


def error(answer, status: int, code: str) -> dict:
    """The contract's error body, after checking status and code."""
    assert answer.status_code == status, answer.text
    body = answer.json()["error"]
    assert body["code"] == code and body["message"]
    return body


def test_create_read_update_delete_lead(client: TestClient, rep: User, rep_headers: dict) -> None:
    created = client.post(URL, json={**ANNA, "source": "web", "priority": "high"}, headers=rep_headers)
    assert created.status_code == 201, created.text
    lead = created.json()
    assert {k: lead[k] for k in ANNA} == ANNA
    assert (lead["status"], lead["priority"], lead["source"], lead["archived"]) == (
        "open",
        "high",
        "web",
        False,
    )
    assert (lead["owner_id"], lead["duplicate_of_id"], lead["custom"]) == (rep.id, None, {})
    assert not KEYS & set(lead)
    url = f"{URL}/{lead['id']}"
    patched = client.patch(url, json={"owner_id": None, "company": "Acme Corp"}, headers=rep_headers)
    assert patched.status_code == 200
    assert (patched.json()["owner_id"], patched.json()["company"]) == (None, "Acme Corp")
    read = client.get(url, headers=rep_headers).json()
    assert read["company"] == "Acme Corp" and not KEYS & set(read)
    assert client.delete(url, headers=rep_headers).status_code == 204
    error(client.get(url, headers=rep_headers), 404, "not_found")


def test_an_invalid_lead_answers_422_with_fields_and_writes_nothing(
    client: TestClient, session: Session, rep_headers: dict
) -> None:
    body = error(
        client.post(
            URL, json={"company": "Acme", "email": "nope", "priority": "normal"}, headers=rep_headers
        ),
        422,
        "validation_error",
    )
    assert set(body["fields"]) == {"email"}
    body = error(client.post(URL, json={"company": "Acme"}, headers=rep_headers), 422, "validation_error")
    assert body["fields"] == {"name": "a lead needs a name or an e-mail address"}
    error(
        client.post(URL, json={"name": "Anna", "campaign_id": 999}, headers=rep_headers),
        422,
        "validation_error",
    )
    error(client.post(URL, json={"name": "Anna", "salary": 1}, headers=rep_headers), 422, "validation_error")
    assert count(session, Lead) == 0


def test_the_status_cannot_be_patched(client: TestClient, session: Session, rep_headers: dict) -> None:
    lead = make_lead(session, name="Anna")
    session.commit()
    body = error(
        client.patch(f"{URL}/{lead.id}", json={"status": "qualified"}, headers=rep_headers),
        422,
        "validation_error",
    )
    assert set(body["fields"]) == {"status"}


def test_lists_by_state_search_and_counts(
    client: TestClient, session: Session, rep: User, rep_headers: dict
) -> None:
    called = make_lead(session, name="Anna Berg", company="Acme", owner_id=rep.id)
    make_lead(session, name="Bruno Costa", company="Globex")
    make_lead(session, name="Carla Diaz", company="Acme", status="disqualified")
    make_lead(session, name="Dora Eck", archived=True)
    call = next(c for c in list_categories(session) if c.name == "Call")
    create_activity(session, rep, {"entity": "lead", "entity_id": called.id, "category_id": call.id})
    session.commit()

    def names(query: str) -> list[str]:
        body = client.get(f"{URL}?{query}&sort=name", headers=rep_headers).json()
        assert body["total"] == len(body["items"]) and not any(KEYS & set(i) for i in body["items"])
        return [item["name"] for item in body["items"]]

    assert names("state=open") == ["Anna Berg", "Bruno Costa"]
    assert names("state=called") == ["Anna Berg"]
    assert names("state=untouched") == ["Bruno Costa"]
    assert names("state=free") == ["Bruno Costa"]
    assert names("state=archived") == ["Dora Eck"]
    assert names("q=acme") == ["Anna Berg", "Carla Diaz"]
    assert names("q=acme&state=open") == ["Anna Berg"]
    page = client.get(f"{URL}?limit=2&offset=2&sort=name", headers=rep_headers).json()
    assert (page["total"], page["limit"], page["offset"]) == (4, 2, 2)
    assert [i["name"] for i in page["items"]] == ["Carla Diaz", "Dora Eck"]
    error(client.get(f"{URL}?state=hot", headers=rep_headers), 422, "validation_error")
    counts = client.get(f"{URL}/counts", headers=rep_headers).json()
    assert counts == {
        "open": 2,
        "untouched": 1,
        "today": 2,
        "called": 1,
        "qualified": 0,
        "disqualified": 1,
        "archived": 1,
        "free": 1,
        "unprocessed": 0,
    }


def test_qualify_answers_the_deal_account_contact_and_lead(
    client: TestClient, session: Session, rep: User, rep_headers: dict
) -> None:
    lead = make_lead(session, **ANNA, owner_id=rep.id)
    session.commit()
    answer = client.post(
        f"{URL}/{lead.id}/qualify",
        json={"amount": "2500.00", "close_date": "2026-12-31"},
        headers=rep_headers,
    )
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert {"opportunity", "account", "contact", "lead"} <= set(body)
    deal, account, contact = body["opportunity"], body["account"], body["contact"]
    assert (deal["name"], deal["amount"], deal["close_date"]) == ("Acme", "2500.00", "2026-12-31")
    assert (deal["account_id"], deal["contact_id"]) == (account["id"], contact["id"])
    assert (account["type"], account["name"]) == ("company", "Acme")
    assert (contact["first_name"], contact["last_name"], contact["account_id"]) == (
        "Anna",
        "Berg",
        account["id"],
    )
    assert (body["lead"]["status"], body["lead"]["opportunity_id"]) == ("qualified", deal["id"])
    assert not KEYS & set(body["lead"])
    error(client.post(f"{URL}/{lead.id}/qualify", json={}, headers=rep_headers), 409, "conflict")
    assert count(session, Opportunity) == 1


def test_a_refused_qualification_writes_nothing(
    client: TestClient, session: Session, rep: User, auth_headers: HeadersFor
) -> None:
    lead = make_lead(session, **ANNA, owner_id=rep.id)
    session.commit()
    for bad in ({"amount": "-5"}, {"close_date": "soon"}):
        answer = client.post(f"{URL}/{lead.id}/qualify", json=bad, headers=auth_headers(rep))
        assert set(error(answer, 422, "validation_error")["fields"]) == set(bad)
    assert (count(session, Opportunity), count(session, Account), count(session, Contact)) == (0, 0, 0)
    stored = session.get(Lead, lead.id)
    assert (stored.status, stored.account_id, stored.opportunity_id) == ("open", None, None)


def test_disqualify_archive_unarchive(client: TestClient, session: Session, rep_headers: dict) -> None:
    lead, other = make_lead(session, name="Anna"), make_lead(session, name="Bruno")
    session.commit()
    body = error(
        client.post(f"{URL}/{lead.id}/disqualify", json={"status": "disqualified"}, headers=rep_headers),
        422,
        "validation_error",
    )
    assert set(body["fields"]) == {"reason"}
    answer = client.post(
        f"{URL}/{lead.id}/disqualify",
        json={"status": "disqualified", "reason": "No budget"},
        headers=rep_headers,
    )
    assert answer.status_code == 200
    assert (answer.json()["status"], answer.json()["disqualify_reason"]) == ("disqualified", "No budget")
    error(
        client.post(f"{URL}/{lead.id}/disqualify", json={"reason": "again"}, headers=rep_headers),
        409,
        "conflict",
    )
    archived = client.post(f"{URL}/{other.id}/archive", headers=rep_headers)
    assert archived.status_code == 200 and archived.json()["archived"] is True
    error(client.post(f"{URL}/{other.id}/archive", headers=rep_headers), 409, "conflict")
    error(client.post(f"{URL}/{other.id}/qualify", json={}, headers=rep_headers), 409, "conflict")
    unarchived = client.post(f"{URL}/{other.id}/unarchive", headers=rep_headers)
    assert unarchived.status_code == 200 and unarchived.json()["archived"] is False
    error(client.post(f"{URL}/{other.id}/unarchive", headers=rep_headers), 409, "conflict")


def test_anonymize_erases_the_person_once(
    client: TestClient, session: Session, rep: User, rep_headers: dict
) -> None:
    lead = make_lead(session, **ANNA, source="fair", owner_id=rep.id)
    session.commit()
    answer = client.post(f"{URL}/{lead.id}/anonymize", headers=rep_headers)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert (body["name"], body["company"], body["email"], body["phone"]) == ("(anonymized)", None, None, None)
    assert (body["source"], body["owner_id"], body["status"]) == ("fair", rep.id, "open")
    assert not KEYS & set(body)
    error(client.post(f"{URL}/{lead.id}/anonymize", headers=rep_headers), 409, "conflict")
    error(client.patch(f"{URL}/{lead.id}", json={"name": "Anna"}, headers=rep_headers), 409, "conflict")


def test_merge_answers_the_original_and_removes_the_duplicate(client: TestClient, rep_headers: dict) -> None:
    original = client.post(
        URL, json={"name": "Anna Berg", "email": "anna@acme.test"}, headers=rep_headers
    ).json()
    duplicate = client.post(
        URL, json={"email": "ANNA@acme.test", "company": "Acme"}, headers=rep_headers
    ).json()
    assert duplicate["duplicate_of_id"] == original["id"]
    flagged = client.get(f"{URL}?duplicates=true", headers=rep_headers).json()
    assert [i["id"] for i in flagged["items"]] == [duplicate["id"]]
    error(client.post(f"{URL}/{original['id']}/merge", headers=rep_headers), 422, "validation_error")
    merged = client.post(f"{URL}/{duplicate['id']}/merge", headers=rep_headers)
    assert merged.status_code == 200, merged.text
    assert (merged.json()["id"], merged.json()["company"]) == (original["id"], "Acme")
    assert not KEYS & set(merged.json())
    error(client.get(f"{URL}/{duplicate['id']}", headers=rep_headers), 404, "not_found")
    history = client.get(f"{URL}/{original['id']}/history", headers=rep_headers).json()
    assert any(line["field"] == "merged" for line in history)


def test_followers_and_history_of_a_lead(
    client: TestClient, session: Session, rep: User, rep_headers: dict
) -> None:
    colleague = make_user(session, name="Carl Colleague")
    session.commit()
    lead = client.post(URL, json={**ANNA, "owner_id": rep.id}, headers=rep_headers).json()
    url = f"{URL}/{lead['id']}"
    assert [f["id"] for f in client.get(f"{url}/followers", headers=rep_headers).json()] == [rep.id]
    added = client.post(f"{url}/followers", json={"user_id": colleague.id}, headers=rep_headers)
    assert added.status_code == 201 and {f["id"] for f in added.json()} == {rep.id, colleague.id}
    assert client.delete(f"{url}/followers/{colleague.id}", headers=rep_headers).status_code in (200, 204)
    assert [f["id"] for f in client.get(f"{url}/followers", headers=rep_headers).json()] == [rep.id]
    client.patch(url, json={"priority": "high", "email": "berg@acme.test"}, headers=rep_headers)
    history = client.get(f"{url}/history", headers=rep_headers).json()
    assert ("priority", "normal", "high") in {(h["field"], h["old"], h["new"]) for h in history}
    assert all({"field", "old", "new", "by", "at"} <= set(h) for h in history)
    assert not KEYS & {h["field"] for h in history}


def test_hidden_leads_answer_404_on_every_route(
    client: TestClient, session: Session, auth_headers: HeadersFor
) -> None:
    limited = make_user(session, access_level="limited_crm")
    mine = make_lead(session, name="Mine", owner_id=limited.id)
    hidden = make_lead(session, name="Hidden", owner_id=make_user(session).id)
    session.commit()
    headers = auth_headers(limited)
    assert [i["id"] for i in client.get(URL, headers=headers).json()["items"]] == [mine.id]
    assert client.get(f"{URL}/counts", headers=headers).json()["open"] == 1
    url = f"{URL}/{hidden.id}"
    for answer in (
        client.get(url, headers=headers),
        client.patch(url, json={"priority": "high"}, headers=headers),
        client.delete(url, headers=headers),
        client.get(f"{url}/history", headers=headers),
        client.get(f"{url}/followers", headers=headers),
        client.post(f"{url}/followers", json={}, headers=headers),
        client.post(f"{url}/qualify", json={}, headers=headers),
        client.post(f"{url}/disqualify", json={"reason": "x"}, headers=headers),
        client.post(f"{url}/archive", headers=headers),
        client.post(f"{url}/anonymize", headers=headers),
        client.post(f"{url}/merge", headers=headers),
    ):
        error(answer, 404, "not_found")
    session.expire_all()
    stored = session.get(Lead, hidden.id)
    assert (stored.name, stored.priority, stored.status, stored.archived) == (
        "Hidden",
        "normal",
        "open",
        False,
    )


def test_a_forbidden_action_on_a_visible_lead_answers_403(
    client: TestClient, session: Session, auth_headers: HeadersFor
) -> None:
    partner = make_partner(session)
    person = make_user(session, role="partner", partner_id=partner.id)
    lead = make_lead(session, name="Ours", partner_id=partner.id)
    session.commit()
    headers = auth_headers(person)
    assert client.get(f"{URL}/{lead.id}", headers=headers).status_code == 200
    error(client.delete(f"{URL}/{lead.id}", headers=headers), 403, "forbidden")
    assert count(session, Lead) == 1


def test_campaigns_crud_and_counts(
    client: TestClient, session: Session, admin: User, admin_headers: dict, auth_headers: HeadersFor
) -> None:
    rep = make_user(session)
    session.commit()
    created = client.post(
        "/api/v1/campaigns",
        json={"name": "Spring fair", "budget": "1000.00", "currency": "eur"},
        headers=admin_headers,
    )
    assert created.status_code == 201, created.text
    campaign = created.json()
    assert (campaign["name"], campaign["budget"], campaign["currency"], campaign["status"]) == (
        "Spring fair",
        "1000.00",
        "EUR",
        "active",
    )
    url = f"/api/v1/campaigns/{campaign['id']}"
    error(
        client.post("/api/v1/campaigns", json={"name": "spring FAIR"}, headers=admin_headers),
        422,
        "validation_error",
    )
    error(
        client.post("/api/v1/campaigns", json={"name": "Mine"}, headers=auth_headers(rep)), 403, "forbidden"
    )
    error(
        client.post("/api/v1/campaigns", json={"name": "Neg", "cost": "-1"}, headers=admin_headers),
        422,
        "validation_error",
    )
    for name, status in (("a", "open"), ("b", "open"), ("c", "disqualified"), ("d", "qualified")):
        make_lead(session, name=name, status=status, campaign_id=campaign["id"])
    session.commit()
    read = client.get(url, headers=auth_headers(rep)).json()
    assert (read["leads"], read["open_leads"], read["disqualified_leads"], read["opportunities"]) == (
        4,
        2,
        1,
        0,
    )
    listed = client.get("/api/v1/campaigns", headers=admin_headers).json()
    assert listed["total"] == 1 and listed["items"][0]["leads"] == 4
    patched = client.patch(url, json={"cost": 250}, headers=admin_headers)
    assert patched.status_code == 200 and patched.json()["cost"] == "250.00"
    assert client.post(f"{url}/archive", headers=admin_headers).json()["status"] == "archived"
    assert client.get("/api/v1/campaigns?status=active", headers=admin_headers).json()["total"] == 0
    assert client.post(f"{url}/unarchive", headers=admin_headers).json()["status"] == "active"
    error(client.delete(url, headers=admin_headers), 409, "conflict")
    unused = client.post("/api/v1/campaigns", json={"name": "Unused"}, headers=admin_headers).json()
    assert client.delete(f"/api/v1/campaigns/{unused['id']}", headers=admin_headers).status_code == 204
    error(client.get(f"/api/v1/campaigns/{unused['id']}", headers=admin_headers), 404, "not_found")
