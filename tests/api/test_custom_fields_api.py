"""REST /custom-fields: admins define typed fields; records and list filters use them."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlmodel import Session

from rxcrm.db.models import User
from tests.api.conftest import HeadersFor
from tests.conftest import make_user

URL = "/api/v1/custom-fields"


def _define(client: TestClient, headers: dict[str, str], **body) -> dict:
    response = client.post(
        URL, json={"entity": "account", "label": body["key"].title(), **body}, headers=headers
    )
    assert response.status_code == 201, response.text
    return response.json()


def test_admin_defines_lists_changes_and_deletes_a_field(client: TestClient, admin_headers) -> None:
    field = _define(client, admin_headers, key="tier", type="list", options=["gold", "silver"], required=True)
    assert {k: field[k] for k in ("entity", "key", "type", "options", "required", "active", "position")} == {
        "entity": "account",
        "key": "tier",
        "type": "list",
        "options": ["gold", "silver"],
        "required": True,
        "active": True,
        "position": 1,
    }
    _define(client, admin_headers, key="since", type="date", entity="contact")
    listed = client.get(f"{URL}?entity=account", headers=admin_headers).json()
    assert listed["total"] == 1 and listed["items"][0]["key"] == "tier"
    patched = client.patch(f"{URL}/{field['id']}", json={"active": False}, headers=admin_headers)
    assert patched.status_code == 200 and patched.json()["active"] is False
    assert client.get(f"{URL}?entity=account&active=true", headers=admin_headers).json()["total"] == 0
    assert client.delete(f"{URL}/{field['id']}", headers=admin_headers).status_code == 204
    assert client.get(f"{URL}/{field['id']}", headers=admin_headers).status_code == 404


def test_writes_are_admin_only_and_bad_definitions_say_what_is_wrong(
    client: TestClient, admin_headers, rep_headers
) -> None:
    body = {"entity": "account", "key": "size", "label": "Size", "type": "number"}
    assert client.post(URL, json=body, headers=rep_headers).status_code == 403
    assert client.get(URL, headers=rep_headers).status_code == 200
    bad = client.post(URL, json={**body, "key": "Bad Key", "type": "list"}, headers=admin_headers)
    assert bad.status_code == 422
    assert set(bad.json()["error"]["fields"]) == {"key"}
    _define(client, admin_headers, key="size", type="number")
    duplicate = client.post(URL, json=body, headers=admin_headers)
    assert duplicate.status_code == 409 and duplicate.json()["error"]["code"] == "conflict"


def test_record_values_are_checked_with_errors_per_custom_key(
    client: TestClient, admin_headers, rep_headers
) -> None:
    _define(client, admin_headers, key="size", type="number", required=True)
    _define(client, admin_headers, key="since", type="date")
    wrong = client.post(
        "/api/v1/accounts",
        json={"name": "Acme", "custom": {"size": "ten", "since": "tomorrow"}},
        headers=rep_headers,
    )
    assert wrong.status_code == 422
    assert set(wrong.json()["error"]["fields"]) == {"custom.size", "custom.since"}
    missing = client.post("/api/v1/accounts", json={"name": "Acme"}, headers=rep_headers)
    assert missing.json()["error"]["fields"] == {"custom.size": "Size is required"}
    good = client.post(
        "/api/v1/accounts", json={"name": "Acme", "custom": {"size": 10, "free": "x"}}, headers=rep_headers
    )
    assert good.status_code == 201 and good.json()["custom"] == {"size": 10, "free": "x"}


def test_lists_filter_by_custom_query_parameters(
    client: TestClient, session: Session, admin_headers, rep_headers, rep: User
) -> None:
    _define(client, admin_headers, key="scout", type="user")
    for name, scout in (("Mine", rep.id), ("Other", None)):
        custom = {"scout": scout} if scout else {}
        client.post("/api/v1/accounts", json={"name": name, "custom": custom}, headers=rep_headers)
    found = client.get(f"/api/v1/accounts?custom.scout={rep.id}", headers=rep_headers).json()
    assert [a["name"] for a in found["items"]] == ["Mine"]
    assert client.get("/api/v1/accounts?custom.scout=abc", headers=rep_headers).status_code == 422
    assert client.get("/api/v1/contacts?custom.region=north", headers=rep_headers).json()["total"] == 0
    assert client.get("/api/v1/opportunities?custom.Bad-Key=1", headers=rep_headers).status_code == 422


def test_a_user_named_in_a_user_field_of_a_hidden_account_gets_404(
    client: TestClient, session: Session, admin_headers, rep_headers, auth_headers: HeadersFor
) -> None:
    limited = make_user(session, access_level="limited_crm")
    session.commit()
    _define(client, admin_headers, key="scout", type="user")
    hidden = client.post(
        "/api/v1/accounts", json={"name": "Hidden", "custom": {"scout": limited.id}}, headers=rep_headers
    ).json()
    headers = auth_headers(limited)
    assert client.get(f"/api/v1/accounts/{hidden['id']}", headers=headers).status_code == 404
    assert client.get(f"/api/v1/accounts?custom.scout={limited.id}", headers=headers).json()["total"] == 0
