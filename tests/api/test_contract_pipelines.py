"""api.md's `pipelines` as an integrator reads them: a pipeline with its stages, the default, deletion only
when unused, stages/board/forecast/widgets per pipeline, and deals moving across pipelines."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from fastapi.testclient import TestClient
from sqlmodel import Session

from rxcrm.db.models import User
from tests.api.contract import API, has_fields, is_error, listed
from tests.conftest import make_opportunity
from tests.services.test_pipelines import RENEWALS

Headers = dict[str, str]


def _created(client: TestClient, headers: Headers, body: dict[str, Any] = RENEWALS) -> dict[str, Any]:
    answer = client.post(f"{API}/pipelines", json=body, headers=headers)
    assert answer.status_code == 201, answer.text
    has_fields(answer.json(), "pipelines")
    return answer.json()


def test_post_pipelines_answers_201_with_its_stages(client: TestClient, admin_headers: Headers) -> None:
    pipeline = _created(client, admin_headers)
    assert (pipeline["name"], pipeline["default"]) == ("Renewals", False)
    assert [(s["name"], s["kind"], s["probability"]) for s in pipeline["stages"]] == [
        ("Due", "open", 50),
        ("Renewed", "won", 100),
        ("Churned", "lost", 0),
    ]
    for stage in pipeline["stages"]:
        has_fields(stage, "stages")
        assert stage["pipeline_id"] == pipeline["id"]
    read = client.get(f"{API}/pipelines/{pipeline['id']}", headers=admin_headers)
    assert read.status_code == 200 and read.json() == pipeline
    items = listed(client, admin_headers, "/pipelines")
    assert [p["name"] for p in items][-1] == "Renewals" and [p["default"] for p in items] == [True, False]
    for item in items:
        has_fields(item, "pipelines")
    stages = listed(client, admin_headers, "/stages", pipeline_id=pipeline["id"])
    assert [s["id"] for s in stages] == [s["id"] for s in pipeline["stages"]]


def test_a_pipeline_needs_a_name_and_an_open_a_won_and_a_lost_stage(
    client: TestClient, admin_headers: Headers
) -> None:
    url = f"{API}/pipelines"
    error = is_error(
        client.post(url, json={"name": "Half", "stages": RENEWALS["stages"][:2]}, headers=admin_headers),
        422,
        "validation_error",
    )
    assert error["fields"] == {"stages": "a pipeline needs a lost stage"}
    error = is_error(
        client.post(url, json={**RENEWALS, "name": " "}, headers=admin_headers), 422, "validation_error"
    )
    assert "name" in error["fields"]
    bad_colour = [{**RENEWALS["stages"][0], "color": "red"}, *RENEWALS["stages"][1:]]
    error = is_error(
        client.post(url, json={**RENEWALS, "stages": bad_colour}, headers=admin_headers),
        422,
        "validation_error",
    )
    assert error["fields"] == {"stages.0.color": "must be a colour like #30a46c"}
    is_error(client.post(url, json={**RENEWALS, "extra": 1}, headers=admin_headers), 422, "validation_error")
    _created(client, admin_headers)
    is_error(client.post(url, json=RENEWALS, headers=admin_headers), 409, "conflict")
    assert len(listed(client, admin_headers, "/pipelines")) == 2


def test_patch_renames_reorders_and_moves_the_default(client: TestClient, admin_headers: Headers) -> None:
    first = listed(client, admin_headers, "/pipelines")[0]
    pipeline = _created(client, admin_headers)
    url = f"{API}/pipelines/{pipeline['id']}"
    patched = client.patch(
        url, json={"name": "Upsell", "position": 0, "default": True}, headers=admin_headers
    )
    assert patched.status_code == 200, patched.text
    assert (patched.json()["name"], patched.json()["position"], patched.json()["default"]) == (
        "Upsell",
        0,
        True,
    )
    items = listed(client, admin_headers, "/pipelines")
    assert [(p["id"], p["default"]) for p in items] == [(pipeline["id"], True), (first["id"], False)]
    is_error(client.patch(url, json={"default": False}, headers=admin_headers), 422, "validation_error")
    is_error(client.patch(url, json={"name": first["name"]}, headers=admin_headers), 409, "conflict")
    is_error(
        client.patch(f"{API}/pipelines/999999", json={"name": "x"}, headers=admin_headers), 404, "not_found"
    )


def test_reps_read_pipelines_but_cannot_change_them(
    client: TestClient, admin_headers: Headers, rep_headers: Headers
) -> None:
    pipeline = _created(client, admin_headers)
    url = f"{API}/pipelines/{pipeline['id']}"
    assert client.get(url, headers=rep_headers).status_code == 200
    is_error(
        client.post(f"{API}/pipelines", json={**RENEWALS, "name": "Mine"}, headers=rep_headers),
        403,
        "forbidden",
    )
    is_error(client.patch(url, json={"name": "Mine"}, headers=rep_headers), 403, "forbidden")
    is_error(client.delete(url, headers=rep_headers), 403, "forbidden")


def test_delete_answers_409_naming_the_deals_then_204_once_unused(
    client: TestClient, session: Session, admin: User, admin_headers: Headers
) -> None:
    pipeline = _created(client, admin_headers)
    deal = make_opportunity(session, admin, stage_id=pipeline["stages"][0]["id"])
    session.commit()
    url = f"{API}/pipelines/{pipeline['id']}"
    error = is_error(client.delete(url, headers=admin_headers), 409, "conflict")
    assert "1 deal stands in 'Renewals'" in error["message"]
    first_stage = listed(
        client, admin_headers, "/stages", pipeline_id=listed(client, admin_headers, "/pipelines")[0]["id"]
    )[0]
    moved = client.post(
        f"{API}/opportunities/{deal.id}/move", json={"stage_id": first_stage["id"]}, headers=admin_headers
    )
    assert moved.status_code == 200, moved.text
    assert client.delete(url, headers=admin_headers).status_code == 204
    is_error(client.get(url, headers=admin_headers), 404, "not_found")
    only = listed(client, admin_headers, "/pipelines")
    is_error(client.delete(f"{API}/pipelines/{only[0]['id']}", headers=admin_headers), 409, "conflict")


def test_post_stages_takes_a_pipeline_id(client: TestClient, admin_headers: Headers) -> None:
    pipeline = _created(client, admin_headers)
    body = {"name": "Legal", "kind": "open", "probability": 80, "pipeline_id": pipeline["id"]}
    answer = client.post(f"{API}/stages", json=body, headers=admin_headers)
    assert answer.status_code == 201, answer.text
    assert (answer.json()["pipeline_id"], answer.json()["position"]) == (pipeline["id"], 3)
    is_error(
        client.post(f"{API}/stages", json={**body, "pipeline_id": 999999}, headers=admin_headers),
        422,
        "validation_error",
    )


def test_a_deal_moves_to_another_pipelines_stage_and_the_lists_follow(
    client: TestClient, session: Session, admin: User, admin_headers: Headers
) -> None:
    pipeline = _created(client, admin_headers)
    deal = make_opportunity(session, admin, amount=Decimal("1000.00"), close_date=date(2026, 10, 15))
    session.commit()
    due = pipeline["stages"][0]
    moved = client.post(
        f"{API}/opportunities/{deal.id}/move", json={"stage_id": due["id"]}, headers=admin_headers
    )
    assert moved.status_code == 200, moved.text
    assert (moved.json()["stage_id"], moved.json()["probability"], moved.json()["status"]) == (
        due["id"],
        50,
        "open",
    )
    history = client.get(f"{API}/opportunities/{deal.id}/history", headers=admin_headers).json()
    assert any(h["field"] == "stage_id" and h["new"] == str(due["id"]) for h in history)
    assert [d["id"] for d in listed(client, admin_headers, "/opportunities", pipeline_id=pipeline["id"])] == [
        deal.id
    ]
    default_id = listed(client, admin_headers, "/pipelines")[0]["id"]
    assert listed(client, admin_headers, "/opportunities", pipeline_id=default_id) == []


def test_forecast_and_pipeline_widgets_take_a_pipeline_id(
    client: TestClient, session: Session, admin: User, admin_headers: Headers
) -> None:
    pipeline = _created(client, admin_headers)
    default_id = listed(client, admin_headers, "/pipelines")[0]["id"]
    due = pipeline["stages"][0]["id"]
    make_opportunity(
        session, admin, amount=Decimal("1000.00"), probability=50, stage_id=due, close_date=date(2026, 10, 1)
    )
    make_opportunity(session, admin, amount=Decimal("400.00"), probability=10, close_date=date(2026, 10, 1))
    session.commit()

    def weighted(**params: Any) -> str:
        answer = client.get(f"{API}/forecast", params={"group": "none", **params}, headers=admin_headers)
        assert answer.status_code == 200, answer.text
        return answer.json()["totals"]["weighted_amount"]

    assert (weighted(), weighted(pipeline_id=pipeline["id"]), weighted(pipeline_id=default_id)) == (
        "540.00",
        "500.00",
        "40.00",
    )
    is_error(
        client.get(f"{API}/forecast", params={"pipeline_id": "x"}, headers=admin_headers),
        422,
        "validation_error",
    )
    widget = client.get(
        f"{API}/dashboards/widgets/pipeline_by_stage",
        params={"pipeline_id": pipeline["id"]},
        headers=admin_headers,
    )
    assert widget.status_code == 200, widget.text
    assert [(r["stage"], r["count"], r["amount"]) for r in widget.json()["rows"]] == [("Due", 1, "1000.00")]
    assert widget.json()["params"] == {"pipeline_id": pipeline["id"]}
    funnel = client.get(
        f"{API}/dashboards/widgets/funnel", params={"pipeline_id": pipeline["id"]}, headers=admin_headers
    )
    assert [(r["stage"], r["count"]) for r in funnel.json()["rows"]] == [("Due", 1)]
