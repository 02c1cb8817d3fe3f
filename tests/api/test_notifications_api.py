"""REST /notifications (spec §1.3): the acting user's notification centre with its unread count."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from tests.conftest import make_user


@pytest.fixture
def boss(session: Session):
    """A colleague who edits the rep's records."""
    return make_user(session, name="Bea Boss")


def edit_reps_account(client: TestClient, rep, boss_headers: dict, cities: tuple[str, ...]) -> int:
    """Bea creates an account owned by Rita and changes its city; Rita hears of each step."""
    created = client.post("/api/v1/accounts", json={"name": "Acme", "owner_id": rep.id}, headers=boss_headers)
    account_id = created.json()["id"]
    for city in cities:
        client.patch(f"/api/v1/accounts/{account_id}", json={"city": city}, headers=boss_headers)
    return account_id


def test_the_owner_is_told_what_a_colleague_changed(
    client: TestClient, session: Session, rep, boss, auth_headers
) -> None:
    session.commit()
    account_id = edit_reps_account(client, rep, auth_headers(boss), ("Graz",))
    body = client.get("/api/v1/notifications", headers=auth_headers(rep)).json()
    assert body["total"] == 2 and (body["limit"], body["offset"]) == (50, 0)
    newest = body["items"][0]
    assert {k: newest[k] for k in ("entity", "entity_id", "message", "read", "by_id")} == {
        "entity": "account",
        "entity_id": account_id,
        "message": "Bea Boss changed city on account 'Acme'",
        "read": False,
        "by_id": boss.id,
    }
    assert isinstance(newest["id"], int) and newest["at"].endswith(("Z", "+00:00"))
    assert body["items"][1]["message"] == "Bea Boss created account 'Acme'"


def test_the_actor_gets_no_notification_for_his_own_change(
    client: TestClient, session: Session, rep, boss, auth_headers
) -> None:
    session.commit()
    edit_reps_account(client, rep, auth_headers(boss), ("Graz", "Linz"))
    assert client.get("/api/v1/notifications/unread-count", headers=auth_headers(boss)).json() == {
        "unread": 0
    }
    assert client.get("/api/v1/notifications/unread-count", headers=auth_headers(rep)).json() == {"unread": 3}


def test_unread_filter_and_pagination(client: TestClient, session: Session, rep, boss, auth_headers) -> None:
    session.commit()
    edit_reps_account(client, rep, auth_headers(boss), ("A", "B", "C"))
    headers = auth_headers(rep)
    newest = client.get("/api/v1/notifications?limit=1", headers=headers).json()["items"][0]
    assert client.post(f"/api/v1/notifications/{newest['id']}/read", headers=headers).json()["read"] is True
    unread = client.get("/api/v1/notifications?unread=true&limit=2&offset=1", headers=headers).json()
    assert unread["total"] == 3 and [n["read"] for n in unread["items"]] == [False, False]
    assert newest["id"] not in {n["id"] for n in unread["items"]}
    assert client.get("/api/v1/notifications?limit=501", headers=headers).status_code == 422


def test_read_all_marks_every_unread_notification(
    client: TestClient, session: Session, rep, boss, auth_headers
) -> None:
    session.commit()
    edit_reps_account(client, rep, auth_headers(boss), ("A", "B"))
    headers = auth_headers(rep)
    assert client.post("/api/v1/notifications/read-all", headers=headers).json() == {"marked": 3}
    assert client.get("/api/v1/notifications/unread-count", headers=headers).json() == {"unread": 0}
    assert client.post("/api/v1/notifications/read-all", headers=headers).json() == {"marked": 0}
    assert client.get("/api/v1/notifications?unread=true", headers=headers).json()["total"] == 0


def test_someone_elses_notification_answers_404(
    client: TestClient, session: Session, rep, boss, auth_headers
) -> None:
    session.commit()
    edit_reps_account(client, rep, auth_headers(boss), ("A",))
    reps_note = client.get("/api/v1/notifications", headers=auth_headers(rep)).json()["items"][0]
    for notification_id in (reps_note["id"], 99999):
        answer = client.post(f"/api/v1/notifications/{notification_id}/read", headers=auth_headers(boss))
        assert answer.status_code == 404 and answer.json()["error"]["code"] == "not_found"
    assert client.get("/api/v1/notifications", headers=auth_headers(boss)).json()["items"] == []
    assert client.get("/api/v1/notifications/unread-count", headers=auth_headers(rep)).json() == {"unread": 2}


def test_notifications_need_a_login(client: TestClient) -> None:
    assert client.get("/api/v1/notifications").status_code == 401
    assert client.post("/api/v1/notifications/read-all").status_code == 401
