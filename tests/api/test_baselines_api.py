"""REST /baselines: freeze a widget's rows, list, read, delete; rows never change; contract errors."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from fastapi.testclient import TestClient
from sqlmodel import Session

from rxcrm.services.pipeline.stages import list_stages
from tests.conftest import make_opportunity, make_user

URL = "/api/v1/baselines"


def test_create_read_list_and_delete_a_baseline(
    client: TestClient, session: Session, rep, rep_headers
) -> None:
    make_opportunity(session, rep, amount=Decimal("120.00"), currency="EUR")
    session.commit()
    body = {"widget_kind": "pipeline_by_stage", "name": "Q1 start", "params": {"from": "2020-01-01"}}
    created = client.post(URL, json=body, headers=rep_headers)
    assert created.status_code == 201, created.text
    baseline = created.json()
    assert set(baseline) == {"id", "widget_kind", "name", "params", "rows", "created_at", "created_by"}
    assert baseline["created_by"] == rep.id and baseline["params"] == {"from": "2020-01-01"}
    assert datetime.fromisoformat(baseline["created_at"]).tzinfo is not None
    live = client.get(
        "/api/v1/dashboards/widgets/pipeline_by_stage?from=2020-01-01", headers=rep_headers
    ).json()
    assert baseline["rows"] == live["rows"]
    assert client.get(f"{URL}/{baseline['id']}", headers=rep_headers).json() == baseline
    listed = client.get(f"{URL}?widget_kind=pipeline_by_stage", headers=rep_headers).json()
    assert listed["total"] == 1 and listed["items"] == [baseline] and listed["offset"] == 0
    assert client.get(f"{URL}?widget_kind=funnel", headers=rep_headers).json()["items"] == []
    assert client.delete(f"{URL}/{baseline['id']}", headers=rep_headers).status_code == 204
    assert client.get(f"{URL}/{baseline['id']}", headers=rep_headers).status_code == 404


def test_rows_stay_as_frozen_when_deals_move(client: TestClient, session: Session, rep, rep_headers) -> None:
    deal = make_opportunity(session, rep, amount=Decimal("80.00"), currency="EUR")
    session.commit()
    created = client.post(
        URL, json={"widget_kind": "pipeline_by_stage", "name": "Before"}, headers=rep_headers
    )
    frozen = created.json()["rows"]
    second = list_stages(session)[1].id
    moved = client.post(
        f"/api/v1/opportunities/{deal.id}/move", json={"stage_id": second}, headers=rep_headers
    )
    assert moved.status_code == 200, moved.text
    live = client.get("/api/v1/dashboards/widgets/pipeline_by_stage", headers=rep_headers).json()["rows"]
    assert live != frozen
    assert client.get(f"{URL}/{created.json()['id']}", headers=rep_headers).json()["rows"] == frozen


def test_there_is_no_way_to_change_a_baseline(client: TestClient, rep_headers) -> None:
    created = client.post(URL, json={"widget_kind": "revenue", "name": "Fixed"}, headers=rep_headers).json()
    answer = client.patch(f"{URL}/{created['id']}", json={"name": "Other"}, headers=rep_headers)
    assert answer.status_code == 405 and answer.json()["error"]["code"] == "validation_error"


def test_bad_input_answers_in_the_contracts_error_format(client: TestClient, rep_headers) -> None:
    unknown = client.post(URL, json={"widget_kind": "horoscope", "name": "Stars"}, headers=rep_headers)
    assert unknown.status_code == 404 and unknown.json()["error"]["code"] == "not_found"
    nameless = client.post(URL, json={"widget_kind": "revenue", "name": ""}, headers=rep_headers)
    assert nameless.status_code == 422 and "name" in nameless.json()["error"]["fields"]
    params = {"widget_kind": "revenue", "name": "X", "params": {"period": "decade", "colour": "red"}}
    bad_params = client.post(URL, json=params, headers=rep_headers)
    assert bad_params.status_code == 422 and set(bad_params.json()["error"]["fields"]) == {"period", "colour"}
    extra = client.post(URL, json={"widget_kind": "revenue", "name": "X", "rows": []}, headers=rep_headers)
    assert extra.status_code == 422
    assert client.get(f"{URL}?widget_kind=horoscope", headers=rep_headers).status_code == 422
    assert client.get(URL).status_code == 401


def test_another_reps_baseline_is_not_found_and_a_director_may_not_delete_it(
    client: TestClient, session: Session, rep, auth_headers
) -> None:
    other = make_user(session)
    director = make_user(session, role="director")
    session.commit()
    created = client.post(
        URL, json={"widget_kind": "revenue", "name": "Mine"}, headers=auth_headers(rep)
    ).json()
    other_headers, director_headers = auth_headers(other), auth_headers(director)
    assert client.get(f"{URL}/{created['id']}", headers=other_headers).status_code == 404
    assert client.delete(f"{URL}/{created['id']}", headers=other_headers).status_code == 404
    assert client.get(URL, headers=other_headers).json()["total"] == 0
    assert client.get(f"{URL}/{created['id']}", headers=director_headers).status_code == 200
    forbidden = client.delete(f"{URL}/{created['id']}", headers=director_headers)
    assert forbidden.status_code == 403 and forbidden.json()["error"]["code"] == "forbidden"


def test_a_second_baseline_of_the_same_name_for_a_widget_is_a_conflict(
    client: TestClient, rep_headers
) -> None:
    body = {"widget_kind": "revenue", "name": "Pipeline Dec 5"}
    assert client.post(URL, json=body, headers=rep_headers).status_code == 201
    again = client.post(URL, json={**body, "name": "PIPELINE DEC 5"}, headers=rep_headers)
    assert again.status_code == 409, again.text
    error = again.json()["error"]
    assert error["code"] == "conflict" and "already exists" in error["message"]
    other_widget = client.post(URL, json={**body, "widget_kind": "funnel"}, headers=rep_headers)
    assert other_widget.status_code == 201
