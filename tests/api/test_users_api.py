"""REST /users: the directory for everyone, writes for admins only, passwords never returned."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlmodel import Session, select

from rxcrm.db.models import User
from tests.conftest import make_user

NEW_USER = {
    "email": "Dora@Example.com",
    "name": "Dora Director",
    "role": "director",
    "password": "long-enough",
}


def test_me_is_the_acting_user(client: TestClient, rep, rep_headers) -> None:
    me = client.get("/api/v1/users/me", headers=rep_headers).json()
    assert me["id"] == rep.id and me["role"] == "rep" and me["access_level"] == "full"
    assert "password_hash" not in me and "password" not in me


def test_list_filters_by_role_searches_and_paginates(
    client: TestClient, session: Session, rep_headers
) -> None:
    for i in range(3):
        make_user(session, role="director", name=f"Director {i}")
    make_user(session, role="rep", name="Director-minded Rep")
    session.commit()
    body = client.get("/api/v1/users?role=director&limit=2&offset=1", headers=rep_headers).json()
    assert body["total"] == 3 and body["limit"] == 2 and body["offset"] == 1
    assert [u["name"] for u in body["items"]] == ["Director 1", "Director 2"]
    searched = client.get("/api/v1/users?q=minded", headers=rep_headers).json()
    assert [u["name"] for u in searched["items"]] == ["Director-minded Rep"]
    assert client.get("/api/v1/users?role=king", headers=rep_headers).status_code == 422


def test_admin_adds_a_user_who_can_log_in(client: TestClient, admin_headers) -> None:
    created = client.post("/api/v1/users", json=NEW_USER, headers=admin_headers)
    assert created.status_code == 201, created.text
    user = created.json()
    assert user["email"] == "dora@example.com" and user["role"] == "director"
    assert not {"password", "password_hash"} & set(user)
    login = client.post("/api/v1/auth/token", json={"email": "dora@example.com", "password": "long-enough"})
    assert login.status_code == 200
    assert client.get(f"/api/v1/users/{user['id']}", headers=admin_headers).json()["name"] == "Dora Director"


def test_duplicate_email_answers_409(client: TestClient, rep, admin_headers) -> None:
    answer = client.post(
        "/api/v1/users", json={**NEW_USER, "email": "RITA@example.com"}, headers=admin_headers
    )
    assert answer.status_code == 409
    assert answer.json()["error"] == {
        "code": "conflict",
        "message": "A user with this e-mail already exists.",
        "fields": {"email": "is already taken"},
    }


def test_rep_cannot_add_users_and_nothing_is_written(
    client: TestClient, session: Session, rep_headers
) -> None:
    answer = client.post("/api/v1/users", json=NEW_USER, headers=rep_headers)
    assert answer.status_code == 403 and answer.json()["error"]["code"] == "forbidden"
    assert session.exec(select(User).where(User.email == "dora@example.com")).first() is None


def test_rep_cannot_patch_users(client: TestClient, rep, rep_headers) -> None:
    answer = client.patch(f"/api/v1/users/{rep.id}", json={"role": "admin"}, headers=rep_headers)
    assert answer.status_code == 403
    assert client.get("/api/v1/users/me", headers=rep_headers).json()["role"] == "rep"


def test_admin_changes_role_and_password(client: TestClient, rep, admin_headers) -> None:
    answer = client.patch(
        f"/api/v1/users/{rep.id}",
        json={"role": "director", "password": "brand-new-pass"},
        headers=admin_headers,
    )
    assert answer.status_code == 200 and answer.json()["role"] == "director"
    old = client.post("/api/v1/auth/token", json={"email": rep.email, "password": "secret-password"})
    new = client.post("/api/v1/auth/token", json={"email": rep.email, "password": "brand-new-pass"})
    assert (old.status_code, new.status_code) == (401, 200)


def test_bad_user_input_answers_422_with_fields(client: TestClient, admin_headers) -> None:
    answer = client.post(
        "/api/v1/users", json={**NEW_USER, "email": "not-mail", "password": "short"}, headers=admin_headers
    )
    assert answer.status_code == 422
    assert set(answer.json()["error"]["fields"]) == {"email", "password"}
    unknown = client.post("/api/v1/users", json={**NEW_USER, "is_root": True}, headers=admin_headers)
    assert unknown.status_code == 422 and "is_root" in unknown.json()["error"]["fields"]


def test_admin_cannot_demote_himself(client: TestClient, admin, admin_headers) -> None:
    answer = client.patch(f"/api/v1/users/{admin.id}", json={"role": "rep"}, headers=admin_headers)
    assert answer.status_code == 422 and "role" in answer.json()["error"]["fields"]


def test_unknown_user_answers_404(client: TestClient, admin_headers) -> None:
    assert client.get("/api/v1/users/9999", headers=admin_headers).status_code == 404
    assert client.patch("/api/v1/users/9999", json={"name": "X"}, headers=admin_headers).status_code == 404


def test_directory_needs_a_login(client: TestClient) -> None:
    assert client.get("/api/v1/users").status_code == 401
    assert client.get("/api/v1/users/me").status_code == 401
