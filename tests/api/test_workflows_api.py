"""REST /workflow-rules: admins configure automation rules, everyone else may only read them."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlmodel import Session

from rxcrm.db.models import User

URL = "/api/v1/workflow-rules"


def a_rule(user_id: int) -> dict:
    return {
        "name": "Watch big deals",
        "entity": "opportunity",
        "trigger": "field_changed",
        "trigger_field": "amount",
        "condition": {"field": "currency", "op": "equals", "value": "EUR"},
        "action": "add_follower",
        "action_params": {"user_id": user_id},
    }


def test_admin_creates_reads_changes_and_deletes_a_rule(
    client: TestClient, admin_headers: dict, admin: User
) -> None:
    created = client.post(URL, json=a_rule(admin.id), headers=admin_headers)
    assert created.status_code == 201, created.text
    body = created.json()
    assert (body["trigger_field"], body["active"], body["created_by_id"]) == ("amount", True, admin.id)
    rule_url = f"{URL}/{body['id']}"
    assert client.get(rule_url, headers=admin_headers).json()["name"] == "Watch big deals"
    patched = client.patch(rule_url, json={"active": False}, headers=admin_headers)
    assert patched.status_code == 200 and patched.json()["active"] is False
    listed = client.get(URL, params={"entity": "opportunity"}, headers=admin_headers).json()
    assert listed["total"] == 1 and listed["items"][0]["id"] == body["id"]
    assert client.delete(rule_url, headers=admin_headers).status_code == 204
    assert client.get(rule_url, headers=admin_headers).status_code == 404


def test_a_rep_may_read_but_not_write_rules(
    client: TestClient, session: Session, admin: User, rep: User, admin_headers: dict, rep_headers: dict
) -> None:
    rule_id = client.post(URL, json=a_rule(admin.id), headers=admin_headers).json()["id"]
    assert client.get(URL, headers=rep_headers).status_code == 200
    assert client.post(URL, json=a_rule(rep.id), headers=rep_headers).status_code == 403
    assert client.patch(f"{URL}/{rule_id}", json={"active": False}, headers=rep_headers).status_code == 403
    response = client.delete(f"{URL}/{rule_id}", headers=rep_headers)
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"


def test_a_bad_definition_answers_422_naming_the_fields(
    client: TestClient, admin_headers: dict, admin: User
) -> None:
    bad = {**a_rule(admin.id), "trigger_field": None, "condition": {"field": "amount", "op": "like"}}
    bad["action"] = "notify"
    response = client.post(URL, json=bad, headers=admin_headers)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert set(error["fields"]) == {"trigger_field", "condition.op", "action_params.message"}
    assert client.get(URL, headers=admin_headers).json()["total"] == 0


def test_unknown_properties_are_refused(client: TestClient, admin_headers: dict, admin: User) -> None:
    response = client.post(URL, json={**a_rule(admin.id), "colour": "red"}, headers=admin_headers)
    assert response.status_code == 422
    assert "colour" in response.json()["error"]["fields"]


def test_a_rule_runs_on_a_change_made_through_the_api(
    client: TestClient, session: Session, admin: User, rep: User, admin_headers: dict, rep_headers: dict
) -> None:
    client.post(URL, json=a_rule(admin.id), headers=admin_headers)
    deal = client.post("/api/v1/opportunities", json={"name": "Deal"}, headers=rep_headers).json()
    client.patch(f"/api/v1/opportunities/{deal['id']}", json={"amount": "5000.00"}, headers=rep_headers)
    followers = client.get(f"/api/v1/opportunities/{deal['id']}/followers", headers=rep_headers).json()
    assert admin.id in [f["id"] for f in followers]
