"""REST /activities: a record's timeline, with the category's name, under the record's access rules."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlmodel import Session

from rxcrm.db.models import Activity
from rxcrm.services.records.activities import list_categories
from tests.conftest import make_account, make_opportunity, make_user


def test_log_list_correct_and_remove_an_activity(
    client: TestClient, session: Session, rep, rep_headers
) -> None:
    deal = make_opportunity(session, rep)
    call = list_categories(session)[0]
    meeting = list_categories(session)[1]
    session.commit()
    created = client.post(
        "/api/v1/activities",
        json={"entity": "opportunity", "entity_id": deal.id, "category_id": call.id, "note": "Intro call"},
        headers=rep_headers,
    )
    assert created.status_code == 201, created.text
    activity = created.json()
    assert activity["category"] == call.name and activity["author_id"] == rep.id and activity["at"]
    timeline = client.get(
        f"/api/v1/activities?entity=opportunity&entity_id={deal.id}", headers=rep_headers
    ).json()
    assert timeline["total"] == 1 and timeline["items"][0]["note"] == "Intro call"
    url = f"/api/v1/activities/{activity['id']}"
    patched = client.patch(url, json={"category_id": meeting.id}, headers=rep_headers)
    assert patched.status_code == 200 and patched.json()["category"] == meeting.name
    assert client.get(url, headers=rep_headers).json()["category_id"] == meeting.id
    assert client.delete(url, headers=rep_headers).status_code == 204
    assert client.get(url, headers=rep_headers).status_code == 404


def test_activity_needs_a_record_and_a_category(client: TestClient, session: Session, rep_headers) -> None:
    missing = client.post("/api/v1/activities", json={"entity": "account"}, headers=rep_headers)
    assert missing.status_code == 422
    assert set(missing.json()["error"]["fields"]) == {"entity_id", "category_id"}
    category = list_categories(session)[0]
    unknown = client.post(
        "/api/v1/activities",
        json={"entity": "account", "entity_id": 999, "category_id": category.id},
        headers=rep_headers,
    )
    assert unknown.status_code == 422 and unknown.json()["error"]["fields"] == {
        "entity_id": "no such account"
    }
    assert client.get("/api/v1/activities", headers=rep_headers).json()["total"] == 0


def test_only_author_or_admin_changes_an_activity(
    client: TestClient, session: Session, rep, auth_headers
) -> None:
    account = make_account(session)
    activity = Activity(
        entity="account",
        entity_id=account.id,
        category_id=list_categories(session)[0].id,
        author_id=rep.id,
        note="Mine",
    )
    session.add(activity)
    colleague = make_user(session)
    session.commit()
    answer = client.patch(
        f"/api/v1/activities/{activity.id}", json={"note": "Theirs"}, headers=auth_headers(colleague)
    )
    assert answer.status_code == 403 and answer.json()["error"]["code"] == "forbidden"
    assert client.get(f"/api/v1/activities/{activity.id}", headers=auth_headers(rep)).json()["note"] == "Mine"


def test_activities_on_hidden_records_are_not_found(
    client: TestClient, session: Session, rep_headers
) -> None:
    other = make_user(session)
    hidden = make_account(session, is_private=True, created_by_id=other.id)
    seen = make_account(session)
    category = list_categories(session)[0]
    secret = Activity(entity="account", entity_id=hidden.id, category_id=category.id, author_id=other.id)
    session.add_all([secret, Activity(entity="account", entity_id=seen.id, category_id=category.id)])
    session.commit()
    body = client.get("/api/v1/activities", headers=rep_headers).json()
    assert body["total"] == 1 and body["items"][0]["entity_id"] == seen.id
    assert client.get(f"/api/v1/activities/{secret.id}", headers=rep_headers).status_code == 404


def test_unknown_activity_answers_404_and_list_needs_login(client: TestClient, rep_headers) -> None:
    assert client.get("/api/v1/activities/31337", headers=rep_headers).status_code == 404
    assert client.get("/api/v1/activities").status_code == 401
