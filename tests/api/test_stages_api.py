"""REST /stages: everyone reads the pipeline's columns, only admins configure them."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlmodel import Session

from rxcrm.domain.pipeline.stages import DEFAULT_STAGES
from tests.conftest import make_opportunity


def test_stages_are_listed_in_board_order(client: TestClient, rep_headers) -> None:
    body = client.get("/api/v1/stages", headers=rep_headers).json()
    assert body["total"] == len(DEFAULT_STAGES) and body["offset"] == 0
    assert [s["name"] for s in body["items"]] == [t.name for t in DEFAULT_STAGES]
    assert {"id", "name", "position", "probability", "kind", "color"} <= set(body["items"][0])
    window = client.get("/api/v1/stages?limit=2&offset=5", headers=rep_headers).json()
    assert [s["kind"] for s in window["items"]] == ["won", "lost"]


def test_admin_adds_renames_and_removes_a_stage(client: TestClient, admin_headers) -> None:
    created = client.post(
        "/api/v1/stages",
        json={"name": "Contracting", "probability": 90, "color": "#123abc"},
        headers=admin_headers,
    )
    assert created.status_code == 201, created.text
    stage = created.json()
    assert stage["kind"] == "open" and stage["position"] == len(DEFAULT_STAGES)
    renamed = client.patch(f"/api/v1/stages/{stage['id']}", json={"name": "Legal"}, headers=admin_headers)
    assert renamed.status_code == 200 and renamed.json()["name"] == "Legal"
    assert client.delete(f"/api/v1/stages/{stage['id']}", headers=admin_headers).status_code == 204
    assert client.get(f"/api/v1/stages/{stage['id']}", headers=admin_headers).status_code == 404


def test_rep_cannot_change_stages(client: TestClient, session: Session, rep_headers) -> None:
    first = client.get("/api/v1/stages", headers=rep_headers).json()["items"][0]
    url = f"/api/v1/stages/{first['id']}"
    assert client.post("/api/v1/stages", json={"name": "Mine"}, headers=rep_headers).status_code == 403
    assert client.patch(url, json={"name": "Mine"}, headers=rep_headers).status_code == 403
    assert client.delete(url, headers=rep_headers).status_code == 403
    assert client.get(url, headers=rep_headers).json()["name"] == first["name"]


def test_bad_stage_answers_422_with_fields(client: TestClient, admin_headers) -> None:
    answer = client.post(
        "/api/v1/stages", json={"name": "Odd", "probability": 150, "color": "red"}, headers=admin_headers
    )
    assert answer.status_code == 422
    assert set(answer.json()["error"]["fields"]) == {"probability", "color"}
    kind = client.post("/api/v1/stages", json={"name": "Odd", "kind": "maybe"}, headers=admin_headers)
    assert kind.status_code == 422 and "kind" in kind.json()["error"]["fields"]
    assert client.get("/api/v1/stages", headers=admin_headers).json()["total"] == len(DEFAULT_STAGES)


def test_a_stage_with_deals_cannot_be_deleted(
    client: TestClient, session: Session, admin, admin_headers
) -> None:
    deal = make_opportunity(session, admin)
    session.commit()
    answer = client.delete(f"/api/v1/stages/{deal.stage_id}", headers=admin_headers)
    assert answer.status_code == 409 and answer.json()["error"]["code"] == "conflict"


def test_unknown_stage_answers_404(client: TestClient, admin_headers) -> None:
    assert client.patch("/api/v1/stages/777", json={"name": "X"}, headers=admin_headers).status_code == 404
    assert client.delete("/api/v1/stages/777", headers=admin_headers).status_code == 404
