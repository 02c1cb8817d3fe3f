"""REST /saved-filters with entity "ticket": the inbox's saved segments by responsible and status."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlmodel import Session

from tests.conftest import make_user

URL = "/api/v1/saved-filters"


def test_a_ticket_segment_is_saved_listed_renamed_and_deleted(
    client: TestClient, session: Session, rep, auth_headers
) -> None:
    rita = make_user(session, name="Rita Rossi")
    session.commit()
    headers = auth_headers(rep)
    params = {"assignee_id": rita.id, "status": "open_or_pending"}
    body = {"entity": "ticket", "name": "Rita's open tickets", "params": params, "shared_with_role": "rep"}
    created = client.post(URL, json=body, headers=headers)
    assert created.status_code == 201, created.text
    saved = created.json()
    assert saved["entity"] == "ticket" and saved["params"] == params and saved["sort"] is None
    listed = client.get(f"{URL}?entity=ticket", headers=headers).json()
    assert [f["name"] for f in listed["items"]] == ["Rita's open tickets"]
    assert client.get(f"{URL}?entity=lead", headers=headers).json()["items"] == []
    renamed = client.patch(f"{URL}/{saved['id']}", json={"name": "Rita's queue"}, headers=headers)
    assert renamed.status_code == 200 and renamed.json()["name"] == "Rita's queue"
    assert client.delete(f"{URL}/{saved['id']}", headers=headers).status_code == 204


def test_unknown_or_wrong_ticket_filter_fields_answer_422_and_save_nothing(
    client: TestClient, rep_headers
) -> None:
    body = {
        "entity": "ticket",
        "name": "Odd",
        "params": {"owner_id": "me", "status": "solved", "assignee_id": "someone"},
        "sort": "subject",
    }
    answer = client.post(URL, json=body, headers=rep_headers)
    assert answer.status_code == 422
    error = answer.json()["error"]
    assert error["code"] == "validation_error"
    assert set(error["fields"]) == {"params.owner_id", "params.status", "params.assignee_id", "sort"}
    assert client.get(f"{URL}?entity=ticket", headers=rep_headers).json()["total"] == 0
    mine = {"entity": "ticket", "name": "Mine", "params": {"assignee_id": "me"}}
    saved = client.post(URL, json=mine, headers=rep_headers).json()
    patched = client.patch(f"{URL}/{saved['id']}", json={"params": {"account_id": 3}}, headers=rep_headers)
    assert patched.status_code == 422 and set(patched.json()["error"]["fields"]) == {"params.account_id"}
