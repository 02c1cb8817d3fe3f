"""api.md's record resources as an integrator reads them: accounts, contacts, leads, opportunities, stages.

Each: the documented fields in every answer, the list envelope and its documented filters, the
documented request shapes accepted, and the documented status codes (201, 204, 404, 422).
"""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.services.settings.api_keys import create_api_key
from tests.api.contract import API, filters_by, has_fields, is_error, listed, window_is_bounded
from tests.conftest import make_account, make_partner

Headers = dict[str, str]


def _stage_id(client: TestClient, headers: Headers, kind: str = "open") -> int:
    return next(s["id"] for s in listed(client, headers, "/stages", limit=500) if s["kind"] == kind)


def _created(client: TestClient, headers: Headers, resource: str, body: dict[str, Any]) -> dict[str, Any]:
    answer = client.post(f"{API}/{resource}", json=body, headers=headers)
    assert answer.status_code == 201, answer.text
    has_fields(answer.json(), resource)
    return answer.json()


def _crud(client: TestClient, headers: Headers, resource: str, body: dict, change: dict) -> dict:
    """Create (201), read, list, patch (partial), delete (204), then 404: the contract's life of a record."""
    record = _created(client, headers, resource, body)
    url = f"{API}/{resource}/{record['id']}"
    read = client.get(url, headers=headers)
    assert read.status_code == 200 and read.json()["id"] == record["id"]
    has_fields(read.json(), resource)
    items = listed(client, headers, f"/{resource}")
    assert record["id"] in {i["id"] for i in items}
    for item in items:
        has_fields(item, resource)
    window_is_bounded(client, headers, f"/{resource}")
    patched = client.patch(url, json=change, headers=headers)
    assert patched.status_code == 200, patched.text
    has_fields(patched.json(), resource)
    for field, value in change.items():
        assert patched.json()[field] == value, (field, patched.json()[field])
    untouched = next(k for k in body if k not in change)
    assert patched.json()[untouched] == record[untouched]
    assert client.delete(url, headers=headers).status_code == 204
    is_error(client.get(url, headers=headers), 404, "not_found")
    is_error(client.patch(url, json=change, headers=headers), 404, "not_found")
    return record


def test_accounts_follow_the_contract(client: TestClient, admin: User, admin_headers: dict[str, str]) -> None:
    body = {
        "type": "company", "name": "Acme GmbH", "email": "info@acme.example", "phone": "+49 30 1234",
        "street": "Main St 1", "city": "Berlin", "zip": "10115", "country": "DE",
        "registration_no": "HRB 1", "vat_no": "DE123456789", "industry": "Retail",
        "key_account": True, "owner_id": admin.id, "custom": {},
    }  # fmt: skip
    record = _crud(client, admin_headers, "accounts", body, {"city": "Hamburg", "key_account": False})
    assert record["owner_id"] == admin.id and record["is_private"] is False
    _created(client, admin_headers, "accounts", body)
    person = _created(
        client, admin_headers, "accounts", {"type": "person", "first_name": "Ann", "last_name": "Lee"}
    )
    assert person["type"] == "person"
    for field, value in (
        ("owner_id", admin.id),
        ("type", "person"),
        ("country", "DE"),
        ("industry", "Retail"),
    ):
        filters_by(client, admin_headers, "/accounts", field, value)
    assert [a["id"] for a in listed(client, admin_headers, "/accounts", q="Ann")] == [person["id"]]
    is_error(
        client.post(f"{API}/accounts", json={"type": "planet"}, headers=admin_headers),
        422,
        "validation_error",
    )


def test_contacts_follow_the_contract(
    client: TestClient, session: Session, admin: User, admin_headers: dict[str, str]
) -> None:
    account, partner = make_account(session, owner_id=admin.id), make_partner(session)
    session.commit()
    body = {
        "first_name": "Eva", "last_name": "Berg", "email": "eva@acme.example", "phone": "+49 30 99",
        "account_id": account.id, "kind": "employee", "owner_id": admin.id, "custom": {},
    }  # fmt: skip
    _crud(client, admin_headers, "contacts", body, {"last_name": "Borg"})
    _created(client, admin_headers, "contacts", body)
    consultant = {"first_name": "Carl", "last_name": "Cons", "partner_id": partner.id, "kind": "consultant"}
    assert _created(client, admin_headers, "contacts", consultant)["kind"] == "consultant"
    for field, value in (("account_id", account.id), ("partner_id", partner.id), ("kind", "consultant")):
        filters_by(client, admin_headers, "/contacts", field, value)
    bad = client.post(f"{API}/contacts", json={"last_name": "X", "kind": "friend"}, headers=admin_headers)
    is_error(bad, 422, "validation_error")


def test_leads_and_their_actions_follow_the_contract(
    client: TestClient, admin: User, admin_headers: dict[str, str]
) -> None:
    body = {"name": "Lena Lead", "company": "Leadco", "email": "lena@leadco.example", "source": "web"}
    record = _crud(client, admin_headers, "leads", {**body, "priority": "high"}, {"phone": "+49 40 1"})
    assert record["status"] == "open" and record["archived"] is False and record["priority"] == "high"
    url = f"{API}/leads/{_created(client, admin_headers, 'leads', body)['id']}"
    for field, value in (("status", "open"), ("owner_id", admin.id), ("source", "web")):
        filters_by(client, admin_headers, "/leads", field, value)
    assert listed(client, admin_headers, "/leads", q="Lena")
    assert client.post(f"{url}/archive", headers=admin_headers).json()["archived"] is True
    assert client.post(f"{url}/unarchive", headers=admin_headers).json()["archived"] is False
    deal = {
        "name": "Lena deal",
        "amount": "1200.00",
        "currency": "EUR",
        "stage_id": _stage_id(client, admin_headers),
    }
    qualified = client.post(f"{url}/qualify", json=deal, headers=admin_headers)
    assert qualified.status_code == 200, qualified.text
    assert {"opportunity", "account", "contact"} <= set(qualified.json())
    has_fields(qualified.json()["opportunity"], "opportunities")
    is_error(client.post(f"{url}/qualify", json=deal, headers=admin_headers), 409, "conflict")
    other = f"{API}/leads/{_created(client, admin_headers, 'leads', body)['id']}"
    gone = client.post(
        f"{other}/disqualify", json={"status": "disqualified", "reason": "no budget"}, headers=admin_headers
    )
    assert gone.status_code == 200 and gone.json()["status"] == "disqualified", gone.text
    assert client.post(f"{other}/anonymize", headers=admin_headers).status_code == 200


def test_the_intake_takes_one_lead_or_a_batch_and_answers_each_assignment(
    client: TestClient, session: Session, admin: User
) -> None:
    _, key = create_api_key(session, admin, "contract")
    session.commit()
    url, headers = f"{API}/leads/intake", {"X-API-Key": key}
    for body, count in (
        ({"name": "One", "email": "one@x.example"}, 1),
        ({"leads": [{"name": "A"}, {"email": "b@x.example"}]}, 2),
    ):
        answer = client.post(url, json=body, headers=headers)
        assert answer.status_code == 201, answer.text
        leads = answer.json()["leads"]
        assert len(leads) == count
        for lead in leads:
            assert {"id", "owner_id", "partner_id", "duplicate_of_id", "rule_id"} <= set(lead)
    too_many = {"leads": [{"name": f"L{i}"} for i in range(1001)]}
    is_error(client.post(url, json=too_many, headers=headers), 422, "validation_error")
    is_error(client.post(url, json={"name": "A"}), 401, "unauthorized")
    is_error(client.post(url, json={"name": "A"}, headers={"X-API-Key": "wrong"}), 401, "unauthorized")


def test_opportunities_and_their_actions_follow_the_contract(
    client: TestClient, session: Session, admin: User, admin_headers: dict[str, str]
) -> None:
    account = make_account(session, owner_id=admin.id)
    session.commit()
    stage = _stage_id(client, admin_headers)
    body = {
        "name": "Big deal", "account_id": account.id, "owner_id": admin.id, "stage_id": stage,
        "amount": "1234.50", "currency": "EUR", "close_date": "2027-01-31", "tags": ["vip"], "custom": {},
    }  # fmt: skip
    record = _crud(client, admin_headers, "opportunities", body, {"probability": 40})
    assert record["amount"] == "1234.50" and record["status"] == "open" and record["locked"] is False
    url = f"{API}/opportunities/{_created(client, admin_headers, 'opportunities', body)['id']}"
    for field, value in (
        ("stage_id", stage),
        ("owner_id", admin.id),
        ("account_id", account.id),
        ("status", "open"),
    ):
        filters_by(client, admin_headers, "/opportunities", field, value)
    other_stage = [
        s for s in listed(client, admin_headers, "/stages") if s["kind"] == "open" and s["id"] != stage
    ][0]
    moved = client.post(f"{url}/move", json={"stage_id": other_stage["id"]}, headers=admin_headers)
    assert moved.status_code == 200 and moved.json()["stage_id"] == other_stage["id"], moved.text
    copied = client.post(f"{url}/copy", headers=admin_headers)
    assert copied.status_code == 201 and copied.json()["id"] != record["id"], copied.text
    lost = client.post(f"{url}/lost", json={"reason": "price"}, headers=admin_headers)
    assert lost.status_code == 200 and lost.json()["status"] == "lost", lost.text
    bad = client.post(f"{API}/opportunities", json={**body, "amount": "lots"}, headers=admin_headers)
    is_error(bad, 422, "validation_error")


def test_stages_follow_the_contract(client: TestClient, admin_headers: dict[str, str]) -> None:
    body = {"name": "Negotiation", "position": 9, "probability": 70, "kind": "open", "color": "#ff8800"}
    _crud(client, admin_headers, "stages", body, {"probability": 75})
    is_error(
        client.post(f"{API}/stages", json={**body, "kind": "maybe"}, headers=admin_headers),
        422,
        "validation_error",
    )


@pytest.mark.parametrize("resource", ["accounts", "contacts", "leads", "opportunities", "stages"])
def test_unknown_ids_answer_404_and_unauthenticated_calls_401(
    client: TestClient, admin_headers: Headers, resource: str
) -> None:
    is_error(client.get(f"{API}/{resource}/999999", headers=admin_headers), 404, "not_found")
    is_error(client.delete(f"{API}/{resource}/999999", headers=admin_headers), 404, "not_found")
    is_error(client.get(f"{API}/{resource}"), 401, "unauthorized")
