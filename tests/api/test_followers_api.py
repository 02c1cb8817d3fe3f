"""REST /<resource>/{id}/followers (spec §1.3): anyone may follow or unfollow a record he/she sees."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from tests.conftest import make_user

RESOURCES = {
    "accounts": {"name": "Acme"},
    "contacts": {"last_name": "Doe"},
    "opportunities": {"name": "Deal"},
}


def person(user) -> dict:
    return {"id": user.id, "name": user.name, "email": user.email}


def create(client: TestClient, resource: str, headers: dict, **extra) -> int:
    answer = client.post(f"/api/v1/{resource}", json={**RESOURCES[resource], **extra}, headers=headers)
    assert answer.status_code == 201, answer.text
    return answer.json()["id"]


@pytest.fixture(params=list(RESOURCES))
def resource(request: pytest.FixtureRequest) -> str:
    """Each followable resource in turn."""
    return request.param


@pytest.fixture
def followers_url(client: TestClient, session: Session, rep, auth_headers, resource: str) -> str:
    """The follower list of a record Rita owns, in each resource."""
    session.commit()
    return f"/api/v1/{resource}/{create(client, resource, auth_headers(rep), owner_id=rep.id)}/followers"


def test_the_owner_follows_automatically(client: TestClient, rep, rep_headers, followers_url: str) -> None:
    answer = client.get(followers_url, headers=rep_headers)
    assert answer.status_code == 200 and answer.json() == [person(rep)]


def test_following_without_a_body_follows_the_acting_user(
    client: TestClient, session: Session, rep, auth_headers, followers_url: str
) -> None:
    watcher = make_user(session, name="Wanda Watcher")
    session.commit()
    answer = client.post(followers_url, headers=auth_headers(watcher))
    assert answer.status_code == 201 and answer.json() == [person(rep), person(watcher)]


def test_another_user_can_be_added_once_and_removed(
    client: TestClient, session: Session, rep, rep_headers, followers_url: str
) -> None:
    colleague = make_user(session, name="Carl Colleague")
    session.commit()
    for _ in range(2):
        added = client.post(followers_url, json={"user_id": colleague.id}, headers=rep_headers)
        assert added.status_code == 201 and added.json() == [person(rep), person(colleague)]
    removed = client.delete(f"{followers_url}/{colleague.id}", headers=rep_headers)
    assert removed.status_code == 204 and removed.content == b""
    assert client.get(followers_url, headers=rep_headers).json() == [person(rep)]


def test_a_record_the_user_may_not_see_answers_404_on_every_follower_route(
    client: TestClient, session: Session, rep, rep_headers, auth_headers, followers_url: str
) -> None:
    limited = make_user(session, access_level="limited_crm")
    session.commit()
    headers = auth_headers(limited)
    answers = [
        client.get(followers_url, headers=headers),
        client.post(followers_url, json={}, headers=headers),
        client.delete(f"{followers_url}/{rep.id}", headers=headers),
    ]
    assert [a.status_code for a in answers] == [404, 404, 404]
    assert {a.json()["error"]["code"] for a in answers} == {"not_found"}
    assert client.get(followers_url, headers=rep_headers).json() == [person(rep)]


def test_an_unknown_record_answers_404(client: TestClient, rep_headers, resource: str) -> None:
    answer = client.get(f"/api/v1/{resource}/5555/followers", headers=rep_headers)
    assert answer.status_code == 404 and answer.json()["error"]["code"] == "not_found"


def test_an_unknown_or_inactive_user_cannot_follow(
    client: TestClient, session: Session, rep, auth_headers
) -> None:
    retired = make_user(session, active=False)
    session.commit()
    headers = auth_headers(rep)
    record_id = create(client, "accounts", headers)
    for user_id in (retired.id, 9999):
        answer = client.post(
            f"/api/v1/accounts/{record_id}/followers", json={"user_id": user_id}, headers=headers
        )
        assert answer.status_code == 422 and "user_id" in answer.json()["error"]["fields"]
    assert client.get(f"/api/v1/accounts/{record_id}/followers", headers=headers).json() == [person(rep)]


def test_unknown_fields_are_refused(client: TestClient, rep_headers) -> None:
    record_id = create(client, "accounts", rep_headers)
    answer = client.post(f"/api/v1/accounts/{record_id}/followers", json={"who": 1}, headers=rep_headers)
    assert answer.status_code == 422 and answer.json()["error"]["code"] == "validation_error"


def test_followers_need_a_login(client: TestClient, rep_headers) -> None:
    record_id = create(client, "accounts", rep_headers)
    assert client.get(f"/api/v1/accounts/{record_id}/followers").status_code == 401
