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
RESOURCE_NAMES = list(RESOURCES)


def person(user) -> dict:
    return {"id": user.id, "name": user.name, "email": user.email}


def create(client: TestClient, resource: str, headers: dict, **extra) -> int:
    answer = client.post(f"/api/v1/{resource}", json={**RESOURCES[resource], **extra}, headers=headers)
    assert answer.status_code == 201, answer.text
    return answer.json()["id"]


@pytest.mark.parametrize("resource", RESOURCE_NAMES)
def test_the_owner_follows_automatically(client: TestClient, rep, rep_headers, resource: str) -> None:
    record_id = create(client, resource, rep_headers, owner_id=rep.id)
    answer = client.get(f"/api/v1/{resource}/{record_id}/followers", headers=rep_headers)
    assert answer.status_code == 200 and answer.json() == [person(rep)]


@pytest.mark.parametrize("resource", RESOURCE_NAMES)
def test_following_without_a_body_follows_the_acting_user(
    client: TestClient, session: Session, rep, auth_headers, resource: str
) -> None:
    watcher = make_user(session, name="Wanda Watcher")
    session.commit()
    record_id = create(client, resource, auth_headers(rep), owner_id=rep.id)
    answer = client.post(f"/api/v1/{resource}/{record_id}/followers", headers=auth_headers(watcher))
    assert answer.status_code == 201 and answer.json() == [person(rep), person(watcher)]


@pytest.mark.parametrize("resource", RESOURCE_NAMES)
def test_another_user_can_be_added_once_and_removed(
    client: TestClient, session: Session, rep, auth_headers, resource: str
) -> None:
    colleague = make_user(session, name="Carl Colleague")
    session.commit()
    headers = auth_headers(rep)
    record_id = create(client, resource, headers, owner_id=rep.id)
    url = f"/api/v1/{resource}/{record_id}/followers"
    for _ in range(2):
        added = client.post(url, json={"user_id": colleague.id}, headers=headers)
        assert added.status_code == 201 and added.json() == [person(rep), person(colleague)]
    removed = client.delete(f"{url}/{colleague.id}", headers=headers)
    assert removed.status_code == 204 and removed.content == b""
    assert client.get(url, headers=headers).json() == [person(rep)]


@pytest.mark.parametrize("resource", RESOURCE_NAMES)
def test_a_record_the_user_may_not_see_answers_404_on_every_follower_route(
    client: TestClient, session: Session, rep, auth_headers, resource: str
) -> None:
    limited = make_user(session, access_level="limited_crm", name="Lim")
    session.commit()
    record_id = create(client, resource, auth_headers(rep), owner_id=rep.id)
    headers = auth_headers(limited)
    url = f"/api/v1/{resource}/{record_id}/followers"
    answers = [
        client.get(url, headers=headers),
        client.post(url, json={}, headers=headers),
        client.delete(f"{url}/{rep.id}", headers=headers),
    ]
    assert [a.status_code for a in answers] == [404, 404, 404]
    assert {a.json()["error"]["code"] for a in answers} == {"not_found"}
    assert client.get(url, headers=auth_headers(rep)).json() == [person(rep)]


@pytest.mark.parametrize("resource", RESOURCE_NAMES)
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
